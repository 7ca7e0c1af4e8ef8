//! Writes a deterministic corpus of realistic notes for the benchmarks:
//!
//!     cargo run --release --example gen_corpus -- --notes 10000 --seed 1 --out DIR
//!
//! Several series, 4–12 KB a note, 5–15 items, decisions in every form,
//! 0–6 actions an item in every syntax, updates of earlier actions, 15–25
//! attendees from a pool per series, and about 1% broken notes. The same
//! seed always writes the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

/// splitmix64: small, fast and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Ann", "Bola", "Carys", "Dev", "Eilidh", "Femi", "Gareth", "Hana", "Ifan", "Jas", "Kofi",
    "Lowri", "Marek", "Niamh", "Osian", "Priti", "Rhys", "Saoirse", "Tomasz", "Una", "Vikram",
    "Wen", "Yusuf", "Zofia",
];
const LAST: &[&str] = &[
    "Abbott",
    "Baptiste",
    "Cartwright",
    "Daly",
    "Evans",
    "Fairclough",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jenkins",
    "Kowalski",
    "Lloyd",
    "Mensah",
    "Nowak",
    "Owusu",
    "Pritchard",
    "Quinn",
    "Rees",
    "Sandhu",
    "Thorne",
];
const TITLES: &[&str] = &["Cllr", "Dr", "", "", "", "", "Prof", "Ms", "Mr"];
const ORGS: &[&str] = &[
    "BC",
    "ICB",
    "Police",
    "Fire & Rescue",
    "CVS",
    "College",
    "DWP",
    "Housing Trust",
];
const PLACES: &[&str] = &[
    "Ashford",
    "Brackley",
    "Carnforth",
    "Dunmow",
    "Eastleigh",
    "Frome",
    "Garstang",
    "Hexham",
];
const BODIES: &[&str] = &[
    "Partnership Board",
    "Leadership Group",
    "Health and Wellbeing Board",
    "Community Safety Partnership",
];
const TOPICS: &[&str] = &[
    "Budget monitoring",
    "Housing delivery",
    "Youth employment",
    "Community safety plan",
    "Health inequalities",
    "Winter pressures",
    "Transport strategy",
    "Adult social care",
    "Climate action plan",
    "Skills and training",
    "Voluntary sector grants",
    "Digital inclusion",
    "Town centre recovery",
    "Early help",
    "Performance report",
];
const VERBS: &[&str] = &[
    "circulate",
    "draft",
    "review",
    "confirm",
    "report on",
    "map",
    "agree",
    "publish",
    "bring",
    "cost",
];
const OBJECTS: &[&str] = &[
    "the delivery plan",
    "the outcome measures",
    "a briefing for members",
    "the risk register",
    "the funding bid",
    "the consultation response",
    "the data sharing agreement",
    "the action log",
    "ward-level figures",
    "the terms of reference",
];
const PROSE: &[&str] = &[
    "Members discussed the figures presented and asked for a breakdown by ward.",
    "The report set out progress against each of the agreed measures.",
    "Partners noted the pressure on services over the winter period.",
    "It was noted that the funding position remains uncertain beyond March.",
    "Concerns were raised about recruitment and retention across the sector.",
    "The chair thanked officers for a clear and detailed paper.",
    "Discussion focused on how partners could share data more effectively.",
    "The group heard from residents about their experience of the service.",
];

struct Series {
    name: String,
    slug: String,
    pool: Vec<String>,
    /// Days since 1990-01-01 of the next meeting.
    day: i64,
    open: Vec<(String, String)>,
}

fn main() {
    let mut notes = 1000usize;
    let mut seed = 1u64;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--notes" => notes = value.parse().unwrap_or(notes),
            "--seed" => seed = value.parse().unwrap_or(seed),
            "--out" => out = PathBuf::from(value),
            other => {
                eprintln!("gen_corpus: unknown flag {other}; use --notes N --seed S --out DIR");
                std::process::exit(2);
            }
        }
    }
    let mut rng = Rng(seed);
    let series_count = (notes / 250).clamp(4, 400);
    let mut series: Vec<Series> = (0..series_count)
        .map(|n| {
            let name = format!("{} {} {}", rng.pick(PLACES), rng.pick(BODIES), n + 1);
            let pool = (0..40)
                .map(|_| {
                    let title = *rng.pick(TITLES);
                    let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
                    let org = rng.pick(ORGS);
                    if title.is_empty() {
                        format!("{name} ({org})")
                    } else {
                        format!("{title} {name} ({org})")
                    }
                })
                .collect();
            Series {
                slug: slug(&name),
                name,
                pool,
                day: rng.between(0, 400) as i64,
                open: Vec::new(),
            }
        })
        .collect();
    let mut bytes = 0usize;
    for n in 0..notes {
        let at = rng.below(series.len());
        let s = &mut series[at];
        s.day += rng.between(14, 42) as i64;
        let date = day_to_date(s.day);
        let text = note(&mut rng, s, &date, n);
        let folder = out.join(&s.slug);
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        let path = folder.join(format!("{date}-{}.md", s.slug));
        bytes += text.len();
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    eprintln!(
        "gen_corpus: {notes} notes, {series_count} series, {} MB in {}",
        bytes / 1_000_000,
        out.display()
    );
}

fn note(rng: &mut Rng, s: &mut Series, date: &str, n: usize) -> String {
    let mut attendees: Vec<String> = s.pool.clone();
    // A partial shuffle: the first 15–25 attend or send apologies.
    for i in 0..attendees.len() {
        let j = i + rng.below(attendees.len() - i);
        attendees.swap(i, j);
    }
    let count = rng.between(15, 25);
    let (present, apologies) = attendees[..count].split_at(count - rng.between(1, 4));
    let mut t = String::with_capacity(8192);
    t.push_str("---\n");
    let _ = writeln!(t, "meeting: {}", s.name);
    match n % 100 {
        37 => {} // broken: no date
        71 => {
            let _ = writeln!(t, "date: {date}\npresent: [{}", present[0]);
        }
        _ => {
            let _ = writeln!(t, "date: {date}");
        }
    }
    let _ = writeln!(t, "chair: {}", present[0]);
    t.push_str("present:\n");
    for p in present {
        let _ = writeln!(t, "  - {p}");
    }
    t.push_str("apologies:\n");
    for p in apologies {
        let _ = writeln!(t, "  - {p}");
    }
    let _ = writeln!(t, "status: approved\n---\n\n# {} – {date}\n", s.name);
    let items = rng.between(5, 15);
    let mut raised = Vec::new();
    for item in 1..=items {
        let topic = rng.pick(TOPICS);
        let _ = writeln!(t, "## {item}. {topic}\n");
        for _ in 0..rng.between(1, 3) {
            let sentences: Vec<&str> = (0..rng.between(2, 4)).map(|_| *rng.pick(PROSE)).collect();
            let _ = writeln!(t, "{}\n", sentences.join(" "));
        }
        if item == 2 && !s.open.is_empty() {
            t.push_str("Actions from previous meetings:\n\n");
            let take = s.open.len().min(rng.between(1, 6));
            for (id, owner) in s.open.drain(..take) {
                let mark = *rng.pick(&["x", "x", " ", "/", "-"]);
                let _ = writeln!(
                    t,
                    "- [{mark}] {id} {owner}: {} — progress reported",
                    rng.pick(OBJECTS)
                );
            }
            t.push('\n');
        }
        match rng.below(6) {
            0 => {
                let _ = writeln!(
                    t,
                    "Agreed: to note the {} and {}.\n",
                    topic.to_lowercase(),
                    rng.pick(OBJECTS)
                );
            }
            1 => {
                let _ = writeln!(
                    t,
                    "**Resolved:** to {} {}.\n",
                    rng.pick(VERBS),
                    rng.pick(OBJECTS)
                );
            }
            2 => {
                let _ = writeln!(
                    t,
                    "The Board agreed:\n\n1. to {} {};\n2. to {} {}.\n",
                    rng.pick(VERBS),
                    rng.pick(OBJECTS),
                    rng.pick(VERBS),
                    rng.pick(OBJECTS)
                );
            }
            3 => {
                let _ = writeln!(t, "- Decision: {} {}\n", rng.pick(VERBS), rng.pick(OBJECTS));
            }
            _ => {}
        }
        let actions = rng.below(7);
        for ordinal in 1..=actions {
            let owner = rng
                .pick(present)
                .split(" (")
                .next()
                .unwrap_or("")
                .to_string();
            let due = if n % 100 == 53 && ordinal == 1 {
                "2014-02-30".to_string()
            } else {
                day_to_date(s.day + rng.between(14, 90) as i64)
            };
            match rng.below(8) {
                0 => {
                    let _ = writeln!(
                        t,
                        "- [ ] {owner} / {}: {} {} (due {due})",
                        rng.pick(present),
                        rng.pick(VERBS),
                        rng.pick(OBJECTS)
                    );
                }
                1 => {
                    let _ = writeln!(
                        t,
                        "- [ ] All: {} {} (due next meeting)",
                        rng.pick(VERBS),
                        rng.pick(OBJECTS)
                    );
                }
                2 => {
                    let _ = writeln!(
                        t,
                        "\nAction: {owner} — {} {}\n",
                        rng.pick(VERBS),
                        rng.pick(OBJECTS)
                    );
                }
                3 => {
                    let _ = writeln!(
                        t,
                        "- [/] **{owner}**: {} {} due: {due}",
                        rng.pick(VERBS),
                        rng.pick(OBJECTS)
                    );
                }
                4 => {
                    let _ = writeln!(
                        t,
                        "- [x] {owner}: {} {}",
                        rng.pick(VERBS),
                        rng.pick(OBJECTS)
                    );
                }
                _ => {
                    let _ = writeln!(
                        t,
                        "- [ ] {owner}: {} {} (due {due})",
                        rng.pick(VERBS),
                        rng.pick(OBJECTS)
                    );
                }
            }
            raised.push((format!("{date}/{item}.{ordinal}"), owner));
        }
        t.push('\n');
    }
    s.open.extend(raised.into_iter().filter(|_| rng.chance(40)));
    t
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Days since 1990-01-01 as `YYYY-MM-DD` (a civil-from-days conversion).
fn day_to_date(days: i64) -> String {
    // Days from 0000-03-01: 719_468 to 1970-01-01, and 7_305 more to 1990.
    let z = days + 719_468 + 7_305;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
