//! One test per rule of docs/format.md, on whole notes through the public API.

use std::path::Path;

use chrono::NaiveDate;
use minutes::model::{Meeting, NoteStatus, Status};
use minutes::parse::{Parsed, parse_bytes, parse_text};
use minutes::problem::{Problem, ProblemKind};

const HEAD: &str = "---\nmeeting: Test Board\ndate: 2025-03-04\n";

fn parse(text: &str) -> (Option<Meeting>, Vec<Problem>) {
    match parse_text(Path::new("note.md"), text) {
        Parsed::NotANote => panic!("expected a note"),
        Parsed::Note { meeting, problems } => (meeting.map(|m| *m), problems),
    }
}

fn meeting(text: &str) -> Meeting {
    let (meeting, problems) = parse(text);
    assert!(problems.is_empty(), "unexpected problems: {problems:?}");
    meeting.expect("a meeting")
}

/// A note with the standard head, then `front` more front matter, then `body`.
fn note(front: &str, body: &str) -> Meeting {
    meeting(&format!("{HEAD}{front}---\n{body}"))
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_note_starts_with_front_matter_at_byte_zero() {
    let m = meeting("---\nmeeting: One Board\ndate: 2014-03-18\n---\n# Body\n");
    assert_eq!(
        (m.meeting.as_str(), m.date),
        ("One Board", date("2014-03-18"))
    );
}

#[test]
fn a_markdown_file_without_front_matter_is_not_a_note() {
    let got = parse_text(
        Path::new("README.md"),
        "# Read me\n\n---\nmeeting: X\n---\n",
    );
    assert!(matches!(got, Parsed::NotANote));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let m = meeting(
        "\u{feff}---\nmeeting: One Board\ndate: 2014-03-18\n---\n## 1. A\n\n- [ ] Al Bee: go\n",
    );
    assert_eq!(m.meeting, "One Board");
    // Lines are counted as the editor shows them.
    assert_eq!(m.items[0].actions[0].line, 7);
}

#[test]
fn crlf_line_endings_are_accepted() {
    let text = "---\r\nmeeting: One Board\r\ndate: 2014-03-18\r\npresent:\r\n  - Al Bee\r\n---\r\n## 1. A\r\n\r\nAgreed: yes\r\n\r\n- [ ] Al Bee: go (due 2014-04-01)\r\n";
    let m = meeting(text);
    assert_eq!(m.present[0].name, "Al Bee");
    assert_eq!(m.items[0].decisions[0].text, "yes");
    let action = &m.items[0].actions[0];
    assert_eq!(
        (action.text.as_str(), action.due, action.line),
        ("go", Some(date("2014-04-01")), 11)
    );
}

#[test]
fn a_later_dashed_block_is_never_front_matter() {
    let m = note(
        "",
        "## 1. A\n\n---\nmeeting: Other\ndate: 2020-01-01\n---\n\n- [ ] Al Bee: go\n",
    );
    assert_eq!(m.meeting, "Test Board");
    assert_eq!(m.actions().count(), 1);
}

#[test]
fn unclosed_front_matter_is_reported_at_line_one() {
    let (m, problems) = parse("---\nmeeting: X\ndate: 2025-01-01\n\n# Body\n");
    assert!(m.is_none());
    assert_eq!(
        (problems[0].kind, problems[0].line),
        (ProblemKind::FrontMatterInvalid, 1)
    );
}

#[test]
fn yaml_errors_point_at_the_yaml_line_in_the_file() {
    let (m, problems) =
        parse("---\nmeeting: X\ndate: 2025-01-01\npresent: [Al Bee\nlocation: here\n---\n");
    assert!(m.is_none());
    let p = &problems[0];
    assert_eq!(p.kind, ProblemKind::FrontMatterInvalid);
    assert!(
        (4..=6).contains(&p.line),
        "line {} for {}",
        p.line,
        p.message
    );
    assert!(!p.message.contains("column"), "{}", p.message);
}

#[test]
fn front_matter_that_is_not_a_mapping_is_reported() {
    let (m, problems) = parse("---\n- a\n- b\n---\n");
    assert!(m.is_none());
    assert!(
        problems[0].message.contains("a list, not a mapping"),
        "{}",
        problems[0].message
    );
}

#[test]
fn meeting_and_date_are_required() {
    let (m, problems) = parse("---\ntime: \"10:00\"\nmeeting: \"\"\n---\n");
    assert!(m.is_none());
    let messages: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [(3, "`meeting` is empty"), (1, "`date` is missing")]
    );
    assert!(
        problems
            .iter()
            .all(|p| p.kind == ProblemKind::RequiredField)
    );
}

#[test]
fn dates_must_be_real_iso_dates() {
    let (m, problems) = parse("---\nmeeting: X\ndate: 15th January 2013\n---\n");
    assert!(m.is_none());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].kind, problems[0].line),
        (ProblemKind::DateInvalid, 3)
    );
    assert_eq!(problems[0].help.as_deref(), Some("write `2013-01-15`"));
    let (_, problems) = parse("---\nmeeting: X\ndate: 2014-02-30\n---\n");
    assert!(
        problems[0]
            .message
            .contains("`2014-02-30`, which is not a real date")
    );
}

#[test]
fn every_documented_key_is_read_and_unknown_keys_are_kept() {
    let m = note(
        "time: \"10:00\"\nlocation: Room 2\nchair: Cllr Ann Lee (NBC)\nminutes_by: Bo Wu\npresent:\n  - Cllr Ann Lee (NBC)\nin_attendance:\n  - Cy Day (Guest)\napologies:\n  - Di Eve\nabsent:\n  - Ed Fox\nnext_meeting: 2025-05-06\nstatus: approved\ntags: [budget, housing]\nsponsor: Someone\n",
        "",
    );
    assert_eq!(m.time.as_deref(), Some("10:00"));
    assert_eq!(m.location.as_deref(), Some("Room 2"));
    assert_eq!(
        m.chair.as_ref().map(|p| p.display_name()),
        Some("Cllr Ann Lee".into())
    );
    assert_eq!(
        m.minutes_by.as_ref().map(|p| p.name.as_str()),
        Some("Bo Wu")
    );
    assert_eq!(
        m.present.len() + m.in_attendance.len() + m.apologies.len() + m.absent.len(),
        4
    );
    assert_eq!(m.next_meeting, Some(date("2025-05-06")));
    assert_eq!(m.status, Some(NoteStatus::Approved));
    assert_eq!(m.tags, ["budget", "housing"]);
    assert_eq!(
        m.extra.get("sponsor").and_then(|v| v.as_str()),
        Some("Someone")
    );
}

#[test]
fn people_as_strings_or_mappings() {
    let m = note(
        "present:\n  - Dr Andy Seymour (NHS Gloucestershire CCG)\n  - Liz Holmes (Chair of CTB)\n  - name: Oliver Strand\n    title: Mr\n    org: Community Foundation\n    role: Guest speaker\n",
        "",
    );
    let p = &m.present;
    assert_eq!(
        (p[0].title.as_deref(), p[0].name.as_str()),
        (Some("Dr"), "Andy Seymour")
    );
    assert_eq!(p[0].org.as_deref(), Some("NHS Gloucestershire CCG"));
    assert_eq!(p[1].role.as_deref(), Some("Chair of CTB"));
    assert_eq!(p[2].display_name(), "Mr Oliver Strand");
    assert_eq!(p[2].role.as_deref(), Some("Guest speaker"));
    assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), [5, 6, 7]);
}

#[test]
fn a_person_with_no_name_or_an_empty_entry_is_reported_not_dropped() {
    let (m, problems) = parse(&format!(
        "{HEAD}present:\n  - Al Bee\n  - (SBC)\n  -\n---\n"
    ));
    assert_eq!(m.unwrap().present.len(), 1);
    let got: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (6, "`(SBC)` in `present` has no name"),
            (7, "an empty entry in `present`")
        ]
    );
}

#[test]
fn a_people_field_written_as_text_is_read_and_reported() {
    let (m, problems) = parse(&format!("{HEAD}present: Al Bee (X), Cy Day\n---\n"));
    let m = m.unwrap();
    assert_eq!(
        m.present
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Al Bee", "Cy Day"]
    );
    assert_eq!(
        (problems[0].kind, problems[0].line),
        (ProblemKind::FieldType, 4)
    );
}

#[test]
fn items_are_the_shallowest_headings_after_a_single_title() {
    let m = note(
        "",
        "# Board notes\n\n## 1. First\n\n### Detail\n\n- [ ] Al Bee: a\n\n## 2. Second\n",
    );
    let items: Vec<(&str, &str)> = m
        .items
        .iter()
        .map(|i| (i.number.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(items, [("1", "First"), ("2", "Second")]);
    assert_eq!(
        m.items[0].actions.len(),
        1,
        "a deeper heading is a section of its item"
    );
    // Several `#` headings are all items.
    let m = note("", "# 1. One\n\n# 2. Two\n");
    assert_eq!(m.items.len(), 2);
}

#[test]
fn item_numbers_in_every_style() {
    let m = note(
        "",
        "## 3. Common customer cohorts\n## 3 Common customer cohorts\n## 3) Common\n## Item 3: Common\n## 2a. Split\n## 4.1 Deeper\n## Any other business\n",
    );
    let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["3", "3", "3", "3", "2a", "4.1", "7"]);
    assert!(
        m.items
            .iter()
            .take(2)
            .all(|i| i.title == "Common customer cohorts")
    );
}

#[test]
fn text_before_the_first_item_is_item_zero() {
    let m = note(
        "",
        "Agreed: to start.\n\n- [ ] Al Bee: open the meeting\n\n## 1. First\n",
    );
    assert_eq!(m.items[0].number, "0");
    assert_eq!(m.items[0].decisions[0].text, "to start.");
    assert_eq!(m.items[0].actions[0].id.0, "2025-03-04/0.1");
    // A preamble with nothing in it is not an item.
    let m = note("", "Some words.\n\n## 1. First\n");
    assert_eq!(m.items.len(), 1);
}

#[test]
fn decisions_in_every_accepted_form() {
    let m = note(
        "",
        "## 1. A\n\nAgreed: one\n\n**Resolved:** two\n\n- Decision: three\n- **DECIDED**: four\n\n**Agreed**\n\n- five\n- six\n\nThe Board agreed:\n\n1. seven\n2. eight\n\nIt was resolved:\n\n- nine\n",
    );
    let texts: Vec<&str> = m.items[0]
        .decisions
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
        ]
    );
    let lines: Vec<usize> = m.items[0].decisions.iter().map(|d| d.line).collect();
    assert_eq!(lines, [7, 9, 11, 12, 16, 17, 21, 22, 26]);
}

#[test]
fn a_task_item_in_a_decision_list_is_an_action() {
    let m = note("", "## 1. A\n\nAgreed:\n\n- to act\n- [ ] Al Bee: act\n");
    assert_eq!(m.items[0].decisions.len(), 1);
    assert_eq!(m.items[0].actions.len(), 1);
}

#[test]
fn the_four_checkbox_states() {
    let m = note(
        "",
        "## 1. A\n\n- [ ] Al Bee: a\n- [x] Al Bee: b\n- [X] Al Bee: c\n- [-] Al Bee: d\n- [/] Al Bee: e\n",
    );
    let statuses: Vec<Status> = m.items[0].actions.iter().map(|a| a.status).collect();
    use Status::*;
    assert_eq!(statuses, [Open, Done, Done, Dropped, InProgress]);
}

#[test]
fn nested_lists_hold_actions_at_any_depth() {
    let m = note(
        "",
        "## 1. A\n\n- Finance\n  - [ ] Al Bee: check the figures\n    - [x] Cy Day: send them\n",
    );
    let texts: Vec<&str> = m.items[0].actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["check the figures", "send them"]);
}

#[test]
fn due_dates_in_every_form() {
    let m = note(
        "next_meeting: 2025-05-06\n",
        "## 1. A\n\n- [ ] Al Bee: a (due 2025-04-01)\n- [ ] Al Bee: b (due next meeting)\n- [ ] Al Bee: c due: 2025-04-02\n- [ ] Al Bee: d\n",
    );
    let dues: Vec<Option<NaiveDate>> = m.items[0].actions.iter().map(|a| a.due).collect();
    assert_eq!(
        dues,
        [
            Some(date("2025-04-01")),
            Some(date("2025-05-06")),
            Some(date("2025-04-02")),
            None
        ]
    );
    assert_eq!(
        m.items[0].actions[1].due_written.as_deref(),
        Some("next meeting")
    );
    assert_eq!(m.items[0].actions[2].text, "c");
}

#[test]
fn a_due_date_that_is_not_real_keeps_the_action_and_reports_it() {
    let (m, problems) = parse(&format!(
        "{HEAD}---\n## 1. A\n\n- [ ] Al Bee: a (due 2025-02-30)\n"
    ));
    let m = m.unwrap();
    assert_eq!(m.items[0].actions[0].due, None);
    assert_eq!(
        (problems[0].kind, problems[0].line),
        (ProblemKind::DateInvalid, 7)
    );
}

#[test]
fn several_owners_with_titles_and_orgs() {
    let m = note(
        "",
        "## 1. A\n\n- [ ] James Griffin / Tony Ranzetta: a\n- [ ] **Cllr Ann Lee (NBC)** & Bo Wu and Cy Day, Di Eve: b\n",
    );
    let owners = |n: usize| -> Vec<String> {
        m.items[0].actions[n]
            .owners
            .iter()
            .map(|p| p.name.clone())
            .collect()
    };
    assert_eq!(owners(0), ["James Griffin", "Tony Ranzetta"]);
    assert_eq!(owners(1), ["Ann Lee", "Bo Wu", "Cy Day", "Di Eve"]);
    assert_eq!(m.items[0].actions[1].owners[0].org.as_deref(), Some("NBC"));
}

#[test]
fn all_means_everyone_present() {
    let m = note(
        "present:\n  - Al Bee\n  - Cy Day\n",
        "## 1. A\n\n- [ ] All: read the papers\n",
    );
    let action = &m.items[0].actions[0];
    assert!(action.assigned_to_all);
    assert_eq!(action.owners_label(), "All");
    assert!(action.owners.is_empty(), "everyone present, not copied");
    let meetings = [m];
    let ledger = minutes::ledger::Ledger::build(&meetings);
    let state = ledger.entries[0].state();
    let owners: Vec<&str> = state.owners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(owners, ["Al Bee", "Cy Day"]);
}

#[test]
fn action_lines_with_or_without_text() {
    let m = note(
        "",
        "## 1. A\n\nAction: Gavin Jones — circulate the strategy\n\n- Action – Ann Lee\n- ACTION: Bo Wu: book a room\n",
    );
    let got: Vec<(String, &str, Status)> = m.items[0]
        .actions
        .iter()
        .map(|a| (a.owners_label(), a.text.as_str(), a.status))
        .collect();
    assert_eq!(
        got,
        [
            ("Gavin Jones".into(), "circulate the strategy", Status::Open),
            ("Ann Lee".into(), "", Status::Open),
            ("Bo Wu".into(), "book a room", Status::Open),
        ]
    );
}

#[test]
fn a_task_with_no_recognisable_owner_is_an_action_with_no_owner() {
    let m = note("", "## 1. A\n\n- [ ] circulate the papers: before Friday\n");
    let action = &m.items[0].actions[0];
    assert!(action.owners.is_empty());
    assert_eq!(action.text, "circulate the papers: before Friday");
}

#[test]
fn ids_are_date_item_and_ordinal_unless_pinned() {
    let m = note(
        "",
        "## 9. A\n\n- [ ] Al Bee: a\n- [ ] Al Bee: b {#BOARD-7}\n- [ ] Al Bee: c\n\n## 10. B\n\nAction: Cy Day — d\n",
    );
    let ids: Vec<&str> = m.actions().map(|a| a.id.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2025-03-04/9.1",
            "BOARD-7",
            "2025-03-04/9.3",
            "2025-03-04/10.1"
        ]
    );
    assert!(m.actions().nth(1).unwrap().pinned);
    assert_eq!(m.actions().nth(1).unwrap().text, "b");
}

#[test]
fn every_element_keeps_its_line() {
    let m = note(
        "present:\n  - Al Bee\n",
        "\n## 1. A\n\nAgreed: x\n\n- [ ] Al Bee: y\n",
    );
    assert_eq!(m.present[0].line, 5);
    assert_eq!(m.items[0].line, 8);
    assert_eq!(m.items[0].decisions[0].line, 10);
    assert_eq!(m.items[0].actions[0].line, 12);
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_line() {
    let got = parse_bytes(Path::new("bad.md"), b"---\nmeeting: X\n\xff\n");
    let Parsed::Note {
        meeting: None,
        problems,
    } = got
    else {
        panic!("a problem expected");
    };
    assert_eq!(
        (problems[0].kind, problems[0].line),
        (ProblemKind::NotText, 3)
    );
    assert!(
        problems[0].message.contains("offset 15"),
        "{}",
        problems[0].message
    );
}

#[test]
fn code_blocks_hold_no_minutes() {
    let m = note(
        "",
        "## 1. A\n\n```\n- [ ] Al Bee: not real\nAgreed: not real\n```\n",
    );
    assert!(m.items[0].actions.is_empty() && m.items[0].decisions.is_empty());
}

#[test]
fn a_tab_in_front_matter_is_named_and_pointed_at() {
    for (text, line, column) in [
        (
            "---\nmeeting: X\ndate: 2025-01-01\npresent:\n\t- Ann Lee\n---\n",
            5,
            1,
        ),
        (
            "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Ann Lee\n  -\tBo Wu\n---\n",
            6,
            4,
        ),
    ] {
        let (meeting, problems) = parse(text);
        assert!(meeting.is_none());
        let problem = &problems[0];
        assert_eq!(problem.kind, ProblemKind::FrontMatterInvalid);
        assert_eq!((problem.line, problem.column), (line, column), "{text:?}");
        assert!(
            problem.message.contains("a tab at column"),
            "{}",
            problem.message
        );
        assert_eq!(problem.needle.as_deref(), Some("\t"));
    }
}

#[test]
fn a_mis_indented_list_entry_is_reported_as_two_people_at_its_line() {
    let (meeting, problems) = parse(&format!(
        "{HEAD}present:\n  - Ann Lee (NBC)\n   - Bo Wu (NBC)\n  - Cy Day\n---\n"
    ));
    let meeting = meeting.expect("the note is still read");
    assert_eq!(
        meeting.present.len(),
        2,
        "kept as written, not split by guessing"
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::PersonMerged);
    assert_eq!(problems[0].line, 5);
    assert!(problems[0].message.contains("looks like two people"));
}

#[test]
fn a_repeated_item_number_continues_the_count_so_ids_stay_unique() {
    let m = note(
        "",
        "## 2. Housing\n\n- [ ] Al Bee: a\n- [ ] Al Bee: b {#HB-1}\n\n## 2. Transport\n\n- [ ] Cy Day: c\n\n## 3. Other\n\n- [ ] Cy Day: d\n",
    );
    let ids: Vec<&str> = m
        .items
        .iter()
        .flat_map(|i| &i.actions)
        .map(|a| a.id.0.as_str())
        .collect();
    assert_eq!(
        ids,
        ["2025-03-04/2.1", "HB-1", "2025-03-04/2.3", "2025-03-04/3.1"]
    );
}

/// `--color always` colours a piped table as a terminal's (bold header,
/// red overdue dates, for `less -R`); piped by default, or with `never`,
/// there is no escape code at all, whatever the environment says.
#[test]
fn color_always_never_and_piped() {
    let args = ["actions", "--overdue", "--today", "2026-11-24", "examples"];
    let piped = crate::common::ok(&crate::common::minutes(&args));
    assert!(!piped.contains('\u{1b}'));
    let always = crate::common::ok(&crate::common::minutes(
        &[&args[..], &["--color", "always"]].concat(),
    ));
    assert!(always.starts_with(" \u{1b}[1mID\u{1b}[0m"), "{always}");
    assert!(always.contains("\u{1b}[1;31m2026-"), "{always}");
    let never = crate::common::command()
        .args([&args[..], &["--color", "never"]].concat())
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}
