//! Property tests: the parser never panics and never points outside the
//! file, whatever it is given; and a note rendered by `show --format
//! markdown` parses back to the same model, and through the cache's
//! codec to exactly what was parsed.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use minutes::lint::engine::{LintOptions, lint_source};
use minutes::model::{
    Action, ActionId, ActionUpdate, Counts, Decision, Declaration, Exempt, InterestKind, Item,
    Meeting, MotionKind, NoteStatus, Outcome, Person, Status, Unanimity, Vote,
};
use minutes::parse::{Parsed, parse_bytes, parse_text};
use proptest::prelude::*;

/// Checks every position the parser and the lint rules report.
fn positions_inside(bytes: &[u8]) {
    let path = Path::new("note.md");
    let lines = 1 + bytes.iter().filter(|b| **b == b'\n').count();
    if let Parsed::Note { meeting, problems } = parse_bytes(path, bytes) {
        assert!(problems.iter().all(|p| p.line <= lines));
        if let Some(m) = meeting {
            let inside = |line: usize| (1..=lines).contains(&line);
            assert!(m.items.iter().all(|i| inside(i.line) || (i.number == "0")));
            assert!(m.actions().all(|a| inside(a.line)));
            assert!(m.decisions().all(|d| inside(d.line)));
            assert!(m.updates().all(|u| inside(u.line)));
        }
    }
    for d in lint_source(path, bytes, &LintOptions::default()) {
        assert!(d.line <= lines, "{d:?}");
        if d.line > 0 {
            assert!(1 <= d.column && d.column <= d.end_column, "{d:?}");
            assert!(d.end_column <= d.source_line.chars().count() + 1, "{d:?}");
        }
    }
}

/// Lines of the kinds notes are made of, to reach deep into the parser.
fn note_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("meeting: Board".to_string()),
        Just("date: 2025-01-01".to_string()),
        Just("date: 2025-02-30".to_string()),
        Just("present:".to_string()),
        Just("  - Cllr Ann Lee (NBC)".to_string()),
        Just("  - name: Bo Wu".to_string()),
        Just("next_meeting: 2025-03-01".to_string()),
        Just("## 1. Item".to_string()),
        Just("# Title".to_string()),
        Just("Agreed:".to_string()),
        Just("The Board agreed:".to_string()),
        Just("- [ ] Ann Lee: act (due next meeting)".to_string()),
        Just("- [x] 2025-01-01/1.1 Bo Wu: done — note".to_string()),
        Just("  - [/] All: deeper {#X-1}".to_string()),
        Just("Action – Cy Day".to_string()),
        Just("> - [-] quoted".to_string()),
        Just("```".to_string()),
        Just("<!-- minutes-disable -->".to_string()),
        Just("\u{feff}£5 – José: ünïcode".to_string()),
        "[ -~]{0,40}",
        "[\\[\\]*_`#>:\\-]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic_and_stay_inside_the_file(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        positions_inside(&bytes);
    }

    #[test]
    fn note_shaped_text_never_panics_and_stays_inside_the_file(
        lines in proptest::collection::vec(note_line(), 0..40),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        positions_inside(text.as_bytes());
    }

    #[test]
    fn the_cache_gives_back_exactly_what_was_parsed(
        lines in proptest::collection::vec(note_line(), 0..40),
        meeting in meeting(),
    ) {
        let mut rendered = Vec::new();
        minutes::output::note::write_markdown(&meeting, &mut rendered).unwrap();
        for bytes in [lines.join("\n").into_bytes(), rendered] {
            let path = Path::new("n.md");
            let parsed = parse_bytes(path, &bytes);
            let mut encoded = Vec::new();
            minutes::cache::codec::encode(&parsed, &mut encoded).unwrap();
            let decoded = minutes::cache::codec::decode(&encoded, path);
            prop_assert_eq!(format!("{decoded:?}"), format!("{:?}", Ok::<_, ()>(parsed)));
        }
    }

    #[test]
    fn import_never_panics_and_writes_a_note_that_parses(
        lines in proptest::collection::vec(import_line(), 0..30),
    ) {
        let text = lines.join("\n");
        let format = minutes::import::readers::Format::detect(None, &text);
        let imported =
            minutes::import::import(&text, format, &minutes::import::ImportOptions::default());
        // A document that cannot be read says why (HTML nested too deep).
        prop_assume!(imported.is_ok());
        let Ok(imported) = imported else { return Ok(()) };
        let note = minutes::output::imported::render(&imported, "doc.txt");
        // Whatever was found, the note is a note (its problems are reported, not panicked on).
        let is_note = matches!(parse_text(Path::new("n.md"), &note), Parsed::Note { .. });
        prop_assert!(is_note, "{}", note);
    }

    #[test]
    fn a_rendered_meeting_parses_back_to_the_same_model(meeting in meeting()) {
        let mut markdown = Vec::new();
        minutes::output::note::write_markdown(&meeting, &mut markdown).unwrap();
        let markdown = String::from_utf8(markdown).unwrap();
        let parsed = match parse_text(Path::new("note.md"), &markdown) {
            Parsed::Note { meeting: Some(m), problems } => {
                prop_assert!(problems.is_empty(), "{problems:?}\n{markdown}");
                *m
            }
            other => return Err(TestCaseError::fail(format!("{other:?}\n{markdown}"))),
        };
        prop_assert_eq!(comparable(&meeting), comparable(&parsed), "\n{}", markdown);
    }

    /// A note written with its dates the UK or long way and its lists of
    /// people on one line, once fixed, parses to the model the note was
    /// rendered from; and fixing it again changes nothing.
    #[test]
    fn a_fixed_note_reads_as_the_model_and_stays_fixed(meeting in meeting(), form in written_date()) {
        let mut markdown = Vec::new();
        minutes::output::note::write_markdown(&meeting, &mut markdown).unwrap();
        let markdown = String::from_utf8(markdown).unwrap();
        let mistaken = with_mistakes(&markdown, form);
        let config = minutes::config::Config::default();
        let rules = minutes::lint::rules::all();
        let path = Path::new("note.md");
        let fixed = minutes::lint::fix::fix(path, &mistaken, rules, &config, true, &[])
            .map_or(mistaken.clone(), |fixed| fixed.text);
        let parsed = match parse_text(path, &fixed) {
            Parsed::Note { meeting: Some(m), .. } => *m,
            other => return Err(TestCaseError::fail(format!("{other:?}\n{fixed}"))),
        };
        prop_assert_eq!(comparable(&meeting), comparable(&parsed), "\n{}\n{}", mistaken, fixed);
        prop_assert!(minutes::lint::fix::fix(path, &fixed, rules, &config, true, &[]).is_none(), "{}", fixed);
    }
}

/// The ways clerks write a date that `lint --fix` reads back as one date.
fn written_date() -> impl Strategy<Value = fn(NaiveDate) -> String> {
    let forms: [fn(NaiveDate) -> String; 4] = [
        |d| d.format("%d/%m/%Y").to_string(),
        |d| d.format("%-d %B %Y").to_string(),
        |d| {
            let suffix = match d.day() {
                1 | 21 | 31 => "st",
                2 | 22 => "nd",
                3 | 23 => "rd",
                _ => "th",
            };
            format!("{}{suffix} {}", d.day(), d.format("%B %Y"))
        },
        |d| d.format("%B %-d, %Y").to_string(),
    ];
    proptest::sample::select(forms.to_vec())
}

/// `markdown` with its dates written `form`'s way and each list of people
/// whose entries are plain one-line text written as one line.
fn with_mistakes(markdown: &str, form: fn(NaiveDate) -> String) -> String {
    let iso = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let mut out: Vec<String> = Vec::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let planted = ["date: ", "next_meeting: "].iter().find_map(|key| {
            let date = iso(line.strip_prefix(key)?)?;
            Some(format!("{key}{}", form(date)))
        });
        if let Some(planted) = planted {
            out.push(planted);
            continue;
        }
        let list_key = ["present:", "apologies:", "in_attendance:"]
            .into_iter()
            .find(|key| line == *key);
        if let Some(key) = list_key {
            let mut entries = Vec::new();
            while let Some(entry) = lines.peek().and_then(|l| l.strip_prefix("- ")) {
                entries.push(entry.to_string());
                lines.next();
            }
            let plain = entries
                .iter()
                .all(|e| !e.contains(['\'', '"', ':', '&', ',', '/', ';']) && !e.contains(" and "));
            if plain && !entries.is_empty() {
                out.push(format!("{key} {}", entries.join(", ")));
            } else {
                out.push(line.to_string());
                out.extend(entries.into_iter().map(|e| format!("- {e}")));
            }
            continue;
        }
        let due = line.find("(due ").and_then(|at| {
            let date = iso(line.get(at + 5..at + 15)?)?;
            (line.get(at + 15..at + 16) == Some(")")).then_some((at, date))
        });
        match due {
            Some((at, date)) => out.push(format!(
                "{}(due {}){}",
                &line[..at],
                form(date),
                &line[at + 16..]
            )),
            None => out.push(line.to_string()),
        }
    }
    out.join("\n") + "\n"
}

/// Lines of the kinds legacy minutes are made of.
fn import_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("NOTES OF İSTANBUL BOARD MEETING – 28th October 2010".to_string()),
        Just("Present: Ann Lee (NBC), Cllrs Bo Wu and Cy Day (SBC); Di Eve".to_string()),
        Just("#### Attendees:".to_string()),
        Just("ORG - Ed Fox; Fi Gee (minutes)".to_string()),
        Just("Apologies: Councillors Al Bee, Cy Day".to_string()),
        Just("## **2a. Budget**".to_string()),
        Just("Item 3: Housing".to_string()),
        Just("## **Agreed**".to_string()),
        Just("The Board agreed:".to_string()),
        Just("  - nested (1) item".to_string()),
        Just("a) lettered".to_string()),
        Just("Next Steps".to_string()),
        Just("- Ann & Bo undertook to report back.".to_string()),
        Just("Action – Ann Lee".to_string()),
        Just("| Name | Organisation | Apologies |".to_string()),
        Just("| Ann Lee | NBC | X |".to_string()),
        Just("<p><b>1. Item</b></p><ul><li>x &amp; y</li></ul>".to_string()),
        Just(String::new()),
        "[ -~£–é]{0,60}",
    ]
}

/// The model as JSON without lines (which rendering changes) or the path.
fn comparable(meeting: &Meeting) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("line");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(meeting).unwrap();
    if let serde_json::Value::Object(map) = &mut value {
        map.remove("path");
    }
    strip(&mut value);
    value
}

const FIRST: &[&str] = &["Ann", "Bo", "Cy", "Di", "Ed", "José", "Siân"];
const LAST: &[&str] = &[
    "Lee",
    "Wu",
    "Day",
    "Eve",
    "Fox",
    "O'Neill",
    "van Dyke",
    "Smith-Jones",
];
const ORGS: &[&str] = &["SBC", "NHS Trust", "Fire & Rescue", "Voluntary Action"];
const WORDS: &[&str] = &[
    "review", "the", "budget", "send", "papers", "to", "partners", "£5m", "plan", "draft", "café",
];

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn words(min: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), min..6).prop_map(|w| w.join(" "))
}

fn person() -> impl Strategy<Value = Person> {
    (
        proptest::option::of(proptest::sample::select(&["Cllr", "Dr", "Ms", "Mr"][..])),
        proptest::sample::select(FIRST),
        proptest::sample::select(LAST),
        proptest::option::of(proptest::sample::select(ORGS)),
        proptest::option::of(proptest::sample::select(
            &["Chair", "Vice Chair of the Board"][..],
        )),
    )
        .prop_map(|(title, first, last, org, role)| Person {
            name: format!("{first} {last}"),
            title: title.map(str::to_string),
            org: org.map(str::to_string),
            role: role.map(str::to_string),
            initials: None,
            line: 0,
        })
}

fn people() -> impl Strategy<Value = Vec<Person>> {
    proptest::collection::vec(person(), 0..4)
}

#[derive(Debug, Clone)]
enum Owners {
    Nobody,
    All,
    People(Vec<Person>),
}

fn owners() -> impl Strategy<Value = Owners> {
    prop_oneof![
        Just(Owners::Nobody),
        Just(Owners::All),
        proptest::collection::vec(person(), 1..3).prop_map(Owners::People),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    proptest::sample::select(
        &[
            Status::Open,
            Status::InProgress,
            Status::Done,
            Status::Dropped,
        ][..],
    )
}

#[derive(Debug, Clone)]
struct RawAction {
    status: Status,
    owners: Owners,
    text: String,
    due: Option<Option<NaiveDate>>,
    pinned: Option<u32>,
}

fn raw_action() -> impl Strategy<Value = RawAction> {
    (
        status(),
        owners(),
        words(1),
        proptest::option::of(proptest::option::of(date())),
        proptest::option::of(1u32..99),
    )
        .prop_map(|(status, owners, text, due, pinned)| RawAction {
            status,
            owners,
            text,
            due,
            pinned,
        })
}

fn update(date: NaiveDate) -> impl Strategy<Value = ActionUpdate> {
    (
        status(),
        proptest::collection::vec(person(), 0..2),
        words(0),
        proptest::option::of(words(1)),
        1u32..5,
    )
        .prop_map(move |(status, owners, text, note, n)| ActionUpdate {
            action: ActionId(format!("{date}/1.{n}")),
            status,
            owners,
            assigned_to_all: false,
            text,
            due: None,
            due_written: None,
            note,
            line: 0,
        })
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        proptest::sample::select(&["Town Board", "North Partnership Board", "County Group"][..]),
        date(),
        proptest::option::of(date()),
        (people(), people(), people(), proptest::option::of(person())),
        proptest::option::of(proptest::sample::select(
            &[NoteStatus::Draft, NoteStatus::Approved][..],
        )),
        proptest::collection::vec(
            (
                proptest::collection::vec(decision(), 0..3),
                proptest::collection::vec(raw_action(), 0..4),
                proptest::collection::vec(
                    update(NaiveDate::from_ymd_opt(1999, 1, 1).unwrap()),
                    0..2,
                ),
                proptest::collection::vec(declaration(), 0..2),
                proptest::option::of(proptest::option::of(proptest::sample::select(
                    &["paragraph 3 of Schedule 12A", "commercial"][..],
                ))),
            ),
            1..5,
        ),
        proptest::collection::vec(
            proptest::sample::select(&["budget", "housing", "2027"][..]),
            0..3,
        ),
    )
        .prop_map(
            |(
                series,
                date,
                next_meeting,
                (present, apologies, in_attendance, chair),
                status,
                items,
                tags,
            )| {
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(
                        |(at, (decisions, actions, updates, declarations, exempt))| {
                            let number = (at + 1).to_string();
                            let actions = actions
                                .into_iter()
                                .enumerate()
                                .map(|(ordinal, raw)| {
                                    action(raw, date, &number, ordinal + 1, next_meeting)
                                })
                                .collect();
                            Item {
                                title: format!("Item about {}", WORDS[at % WORDS.len()]),
                                declarations: declarations
                                    .into_iter()
                                    .map(|(person, kind, detail, item, left_room)| Declaration {
                                        person,
                                        kind,
                                        detail,
                                        item: item.unwrap_or_else(|| number.clone()),
                                        left_room,
                                        line: 0,
                                    })
                                    .collect(),
                                exempt: exempt.map(|reason| Exempt {
                                    reason: reason.map(str::to_string),
                                }),
                                number,
                                line: 0,
                                numbered: true,
                                decisions,
                                actions,
                                updates,
                            }
                        },
                    )
                    .collect();
                Meeting {
                    path: "note.md".into(),
                    meeting: series.to_string(),
                    date,
                    time: None,
                    location: None,
                    chair,
                    minutes_by: None,
                    present,
                    in_attendance,
                    apologies,
                    absent: Vec::new(),
                    next_meeting,
                    status,
                    status_line: 0,
                    tags: tags.into_iter().map(str::to_string).collect(),
                    extra: Default::default(),
                    items,
                }
            },
        )
}

/// A decision as the parser makes it: a label's outcome and kind, and a
/// vote record that is never empty, with unanimity only when carried.
fn decision() -> impl Strategy<Value = Decision> {
    let count = || proptest::option::of(0u32..30);
    let vote = (
        proptest::option::of(person()),
        proptest::option::of(person()),
        (count(), count(), count()),
        proptest::option::of(proptest::sample::select(
            &[Unanimity::Unanimous, Unanimity::NemCon][..],
        )),
        (
            proptest::collection::vec(person(), 0..3),
            proptest::collection::vec(person(), 0..2),
            proptest::collection::vec(person(), 0..2),
        ),
    )
        .prop_map(
            |(
                proposer,
                seconder,
                (yes, no, abstain),
                unanimity,
                (voted_for, voted_against, abstained),
            )| Vote {
                proposer,
                seconder,
                counts: Counts { yes, no, abstain },
                unanimity,
                voted_for,
                voted_against,
                abstained,
            },
        )
        .prop_filter("a record says something", |vote| *vote != Vote::default());
    (
        words(1),
        proptest::sample::select(&[Outcome::Carried, Outcome::Lost][..]),
        proptest::sample::select(&[MotionKind::Motion, MotionKind::Amendment][..]),
        proptest::option::of(vote),
    )
        .prop_map(|(text, outcome, motion, vote)| {
            let outcome = match &vote {
                Some(vote) if vote.unanimity.is_some() => Outcome::Carried,
                _ => outcome,
            };
            Decision {
                outcome,
                motion,
                vote: vote.map(Box::new),
                ..Decision::new(text, 0)
            }
        })
}

type DeclarationParts = (Person, Option<InterestKind>, String, Option<String>, bool);

/// A declaration: its person, kind, detail, the item it names (or the one
/// it is under) and whether the member left.
fn declaration() -> impl Strategy<Value = DeclarationParts> {
    (
        person(),
        proptest::option::of(proptest::sample::select(
            &[
                InterestKind::Pecuniary,
                InterestKind::NonPecuniary,
                InterestKind::Other,
            ][..],
        )),
        proptest::collection::vec(proptest::sample::select(WORDS), 0..4).prop_map(|w| w.join(" ")),
        proptest::option::of((1u32..6).prop_map(|n| n.to_string())),
        any::<bool>(),
    )
}

/// An action as the parser makes it: IDs derived or pinned, `All` meaning
/// everyone present, `next meeting` resolved.
fn action(
    raw: RawAction,
    date: NaiveDate,
    item: &str,
    ordinal: usize,
    next: Option<NaiveDate>,
) -> Action {
    let (owners, assigned_to_all) = match raw.owners {
        Owners::Nobody => (Vec::new(), false),
        Owners::All => (Vec::new(), true),
        Owners::People(people) => (people, false),
    };
    let (due, due_written) = match raw.due {
        None => (None, None),
        Some(Some(date)) => (Some(date), None),
        Some(None) => (next, Some("next meeting".to_string())),
    };
    let (id, pinned) = match raw.pinned {
        Some(n) => (ActionId(format!("PIN-{n}")), true),
        None => (ActionId::derived(date, item, ordinal), false),
    };
    Action {
        id,
        pinned,
        owners,
        assigned_to_all,
        text: raw.text,
        due,
        due_written,
        status: raw.status,
        item: item.to_string(),
        line: 0,
    }
}

/// Name words as Word and clerks write them: accents, apostrophes, hyphens.
fn name_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Siobhan".to_string()),
        Just("Renée".to_string()),
        Just("Zoë".to_string()),
        Just("José".to_string()),
        Just("Anne-Marie".to_string()),
        Just("O’Connell".to_string()),
        Just("D’Souza".to_string()),
        Just("Müller".to_string()),
        Just("Núñez".to_string()),
        Just("Søren".to_string()),
        Just("Hale".to_string()),
        Just("Pryce".to_string()),
        Just("MacLeod".to_string()),
    ]
}

/// Rewrites `name` as another clerk might: each letter's case flipped or
/// not, each apostrophe another mark, accents dropped or kept, a full stop
/// after the first word or not, a title or not.
fn respell(
    name: &str,
    flips: &[bool],
    apostrophe: char,
    drop_accents: bool,
    dot: bool,
    title: Option<&str>,
) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut text = String::new();
    for (at, c) in name.chars().enumerate() {
        let c = if "'’‘ʼ".contains(c) {
            apostrophe
        } else {
            c
        };
        if flips.get(at).copied().unwrap_or(false) {
            text.extend(c.to_uppercase());
        } else {
            text.extend(c.to_lowercase());
        }
    }
    if drop_accents {
        text = text
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect();
    }
    if dot {
        text = text.replacen(' ', ". ", 1);
    }
    match title {
        Some(title) => format!("{title} {text}"),
        None => text,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Two spellings that differ only by case, apostrophe style, accents,
    /// full stops or title are the same person, in the note and typed on the
    /// command line.
    #[test]
    fn spellings_that_differ_only_in_form_are_one_person(
        first in name_word(),
        last in name_word(),
        flips in proptest::collection::vec(any::<bool>(), 40),
        apostrophe in prop_oneof![Just('\''), Just('’'), Just('‘'), Just('ʼ'), Just('`')],
        drop_accents in any::<bool>(),
        dot in any::<bool>(),
        title in proptest::option::of(prop_oneof![Just("Dr"), Just("Cllr"), Just("Councillor"), Just("Revd"), Just("Supt")]),
    ) {
        prop_assume!(first != last);
        let written = format!("{first} {last}");
        let note = format!(
            "---\nmeeting: B\ndate: 2026-01-01\npresent:\n  - \"{written}\"\n  - Ann Other\n---\n"
        );
        let Parsed::Note { meeting: Some(meeting), .. } = parse_text(Path::new("n.md"), &note) else {
            panic!("not a note: {note}");
        };
        let directory = minutes::people::Directory::build(
            &minutes::config::Config::default(),
            std::slice::from_ref(&*meeting),
        );
        let original = directory.resolve(&written, Some(&meeting)).person();
        prop_assert!(original.is_some());
        let variant = respell(&written, &flips, apostrophe, drop_accents, dot, title);
        prop_assert_eq!(directory.resolve(&variant, Some(&meeting)).person(), original, "{}", variant);
        prop_assert_eq!(directory.resolve(&variant, None).person(), original, "{}", variant);
    }
}
