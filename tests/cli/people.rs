//! People, attendance and decisions on examples/ (which has a people
//! register, series members and name variants) and on small fixtures.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::{ids, json, minutes, minutes_in, ok};

#[test]
fn people_lists_each_real_person_once_with_their_spellings() {
    let doc = json(&["people", "--format", "json", "examples"]);
    let people = doc["people"].as_array().unwrap();
    let mut names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "each person once");
    let daniel = people
        .iter()
        .find(|p| p["name"] == "Daniel Mercer")
        .unwrap();
    let spellings: Vec<&str> = daniel["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(
        spellings,
        ["DM", "Dan Mercer", "Daniel Mercer", "Daniel Mercer (HBC)"]
    );
    assert_eq!(
        (
            daniel["registered"].as_bool(),
            daniel["open_actions"].as_u64()
        ),
        (Some(true), Some(3))
    );
    assert_eq!(daniel["present"], 10);
    assert!(names.contains(&"Tom Ashworth") && names.contains(&"Tom Featherstone"));
    assert_eq!(doc["unresolved"].as_array().unwrap().len(), 0);

    let text = ok(&minutes(&["people", "--format", "csv", "examples"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), people.len());
    let markdown = ok(&minutes(&["people", "--format", "markdown", "examples"]));
    assert!(markdown.starts_with("| Name | Title | Orgs | Spellings |"));
}

#[test]
fn owner_finds_actions_written_with_a_first_name_an_alias_and_initials() {
    let daniel = json(&[
        "actions",
        "--owner",
        "Daniel Mercer",
        "--format",
        "json",
        "examples",
    ]);
    let written: Vec<&str> = daniel["actions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a["owners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["name"].as_str().unwrap())
        })
        .collect();
    assert!(written.contains(&"Dan Mercer"), "alias: {written:?}");
    assert!(written.contains(&"DM"), "initials: {written:?}");
    let canonical: Vec<&str> = daniel["actions"][2]["owner_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(canonical, ["Daniel Mercer"]);
    assert_eq!(
        ids(&daniel, "actions"),
        ids(
            &json(&["actions", "--owner", "DM", "--format", "json", "examples"]),
            "actions"
        )
    );

    let imran = json(&[
        "actions",
        "--owner",
        "Dr Imran Siddiqui",
        "--format",
        "json",
        "examples",
    ]);
    assert_eq!(
        ids(&imran, "actions"),
        ["2026-09-15/4.1"],
        "written `Imran`"
    );
    let peter = json(&[
        "actions",
        "--owner",
        "Peter Lambourne",
        "--format",
        "json",
        "examples",
    ]);
    assert!(
        ids(&peter, "actions").contains(&"2026-09-03/2.1".to_string()),
        "written `Peter L`"
    );
    let ashworth = json(&[
        "actions",
        "--owner",
        "Tom Ashworth",
        "--format",
        "json",
        "examples",
    ]);
    assert_eq!(
        ids(&ashworth, "actions"),
        ["2026-09-03/2.2"],
        "written `Tom`, the only Tom in that note"
    );
}

#[test]
fn an_ambiguous_first_name_is_reported_with_its_candidates() {
    let output = minutes(&["actions", "--owner", "Tom", "examples"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains(
        "`Tom` is ambiguous: it could be `Tom Featherstone` or `Tom Ashworth`; give the full name"
    ));
    let explained = json(&["people", "--explain", "Tom", "--format", "json", "examples"]);
    assert_eq!(explained["anywhere"]["status"], "ambiguous");
    assert_eq!(
        explained["occurrences"][0]["resolution"]["person"],
        "Tom Ashworth"
    );
    assert_eq!(
        explained["occurrences"][0]["resolution"]["how"],
        "first-name-in-note"
    );
    let text = ok(&minutes(&["people", "--explain", "Dan Mercer", "examples"]));
    assert!(
        text.contains("Daniel Mercer: `Dan Mercer` is an alias in the people register"),
        "{text}"
    );
}

/// Counts P, A and X per person from `show --format json` of each note: an
/// independent reading of the notes to check the register against.
fn count_from_notes(folder: &str) -> BTreeMap<String, [usize; 3]> {
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let note = json(&["show", "--format", "json", file.to_str().unwrap()]);
        for (at, key) in ["present", "apologies", "absent"].iter().enumerate() {
            for person in note[*key].as_array().unwrap() {
                let name = match person["title"].as_str() {
                    Some(title) => format!("{title} {}", person["name"].as_str().unwrap()),
                    None => person["name"].as_str().unwrap().to_string(),
                };
                counts.entry(name).or_default()[at] += 1;
            }
        }
    }
    counts
}

#[test]
fn attendance_counts_match_the_notes() {
    let doc = json(&[
        "attendance",
        "--meeting",
        "Harbourside Partnership Board",
        "--format",
        "json",
        "examples",
    ]);
    assert_eq!(doc["meetings"].as_array().unwrap().len(), 7);
    let expected = count_from_notes("examples/harbourside");
    for person in doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["group"] == "member")
    {
        let name = person["name"].as_str().unwrap();
        let counts = [&person["present"], &person["apologies"], &person["absent"]]
            .map(|v| v.as_u64().unwrap() as usize);
        assert_eq!(Some(&counts), expected.get(name), "{name}");
        let marks = person["marks"].as_array().unwrap();
        assert_eq!(marks.iter().filter(|m| *m == "P").count(), counts[0]);
        // Members are declared for this series, so every meeting counts.
        assert_eq!(person["member_meetings"], 7);
        let rate = person["rate"].as_f64().unwrap();
        assert!((rate - counts[0] as f64 / 7.0).abs() < 1e-9, "{name}");
    }
    let lucy = doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Lucy Brennan")
        .unwrap();
    assert_eq!(
        (lucy["group"].as_str(), lucy["rate"].is_null()),
        (Some("in_attendance"), true)
    );
}

#[test]
fn attendance_infers_membership_without_declared_members() {
    let doc = json(&[
        "attendance",
        "--meeting",
        "Westmoor County Leadership Group",
        "--format",
        "json",
        "examples",
    ]);
    let people = doc["people"].as_array().unwrap();
    let find = |name: &str| people.iter().find(|p| p["name"] == name).unwrap();
    let geoff = find("Geoff Arundel");
    assert_eq!(geoff["marks"], serde_json::json!(["P", "P", "P", "A"]));
    assert_eq!(
        (geoff["member_meetings"].as_u64(), geoff["rate"].as_f64()),
        (Some(4), Some(0.75))
    );
    let daniel = find("Daniel Mercer");
    assert_eq!(daniel["marks"], serde_json::json!(["P", "P", "A", "P"]));
    let oliver = find("Oliver Strand");
    assert_eq!(oliver["group"], "in_attendance");

    let one = json(&[
        "attendance",
        "--person",
        "DM",
        "--format",
        "json",
        "examples",
    ]);
    assert_eq!(one["people"].as_array().unwrap().len(), 1);
    assert_eq!(one["meetings"].as_array().unwrap().len(), 14);

    let table = ok(&minutes(&[
        "attendance",
        "--meeting",
        "Westmoor County Leadership Group",
        "examples",
    ]));
    assert!(
        table
            .lines()
            .next()
            .unwrap()
            .contains("2025-12-04  2026-03-05")
    );
    assert!(table.lines().any(|l| l.starts_with(" Members present")));
    let csv_text = ok(&minutes(&[
        "attendance",
        "--since",
        "2026-09-01",
        "--format",
        "csv",
        "examples",
    ]));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[2], "2026-09-03 WCLG");
    assert_eq!(&headers[3], "2026-09-09 WTCPC");
    assert_eq!(&headers[4], "2026-09-15 HPB");
    let markdown = ok(&minutes(&[
        "attendance",
        "--until",
        "2025-12-31",
        "--format",
        "markdown",
        "examples",
    ]));
    assert!(markdown.starts_with("| Name | Group | 2025-11-18 HPB | 2025-12-04 WCLG |"));
}

#[test]
fn decisions_log_with_grep_in_every_format() {
    let doc = json(&[
        "decisions",
        "--grep",
        "SUMMIT",
        "--format",
        "json",
        "examples",
    ]);
    let found: Vec<(&str, &str)> = doc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["item_title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("2026-01-20/3.d1", "Youth employment"),
            ("2026-01-20/3.d2", "Youth employment"),
            ("2026-05-19/3.d1", "Youth employment summit – outcomes"),
        ]
    );
    assert_eq!(doc["decisions"][0]["line"], 51);
    let by_title = json(&[
        "decisions",
        "--grep",
        "lead outcome",
        "--format",
        "json",
        "examples",
    ]);
    assert!(
        !by_title["decisions"].as_array().unwrap().is_empty(),
        "item titles are searched too"
    );
    let westmoor = json(&[
        "decisions",
        "--meeting",
        "westmoor county leadership group",
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
        "--format",
        "json",
        "examples",
    ]);
    let dates: Vec<&str> = westmoor["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert!(
        dates
            .iter()
            .all(|d| *d == "2026-03-05" || *d == "2026-06-04")
            && !dates.is_empty()
    );
    let csv_text = ok(&minutes(&[
        "decisions",
        "--grep",
        "summit",
        "--format",
        "csv",
        "examples",
    ]));
    assert_eq!(
        csv::Reader::from_reader(csv_text.as_bytes())
            .records()
            .count(),
        3
    );
    let markdown = ok(&minutes(&[
        "decisions",
        "--grep",
        "summit",
        "--format",
        "markdown",
        "examples",
    ]));
    assert_eq!(markdown.lines().count(), 5);
    let table = ok(&minutes(&["decisions", "--grep", "summit", "examples"]));
    assert_eq!(table.lines().count(), 4);
    let bad = minutes(&["decisions", "--grep", "(unclosed", "examples"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn lint_flags_ambiguous_owners_and_a_missed_quorum() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("minutes.yaml"),
        "series:\n  Town Board:\n    members: [Tony Ranzetta, Tony Smith, Ann Lee]\n    quorum: 3\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2025-01-01-town-board.md"),
        "---\nmeeting: Town Board\ndate: 2025-01-01\npresent:\n  - Tony Ranzetta\n  - Tony Smith\n---\n\n- [ ] Tony: bring the health update\n",
    )
    .unwrap();
    let output = minutes_in(dir.path(), &["lint", "--format", "json", "."]);
    assert_eq!(output.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(u64, &str, &str)> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                4,
                "quorum-not-met",
                "2 members present; the quorum of Town Board is 3"
            ),
            (
                9,
                "person-ambiguous",
                "`Tony` could be `Tony Ranzetta` or `Tony Smith`"
            ),
        ]
    );
}

/// The aliases a careful reader resolved in 29 real minutes
/// (../shared/real-minutes/gold, when it is beside the repository): each is
/// resolved in a note that lists the document's attendees as its gold does.
/// A wrong person is never acceptable; an alias left unresolved is (role
/// words such as `Clerk`, nicknames, handles), and is counted.
#[test]
fn real_minutes_aliases_resolve_to_the_right_person_or_to_nobody() {
    use minutes::config::Config;
    use minutes::parse::{Parsed, parse_text};
    use minutes::people::Directory;

    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-minutes/gold");
    let Ok(entries) = std::fs::read_dir(&gold) else {
        eprintln!("skipped: {} is not here", gold.display());
        return;
    };
    let (mut right, mut unresolved, mut wrong) = (0, 0, Vec::new());
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let mut front = String::from("---\nmeeting: Gold\ndate: 2020-01-01\n");
        for list in ["present", "in_attendance", "apologies", "absent"] {
            let people = doc[list].as_array().cloned().unwrap_or_default();
            if !people.is_empty() {
                front.push_str(&format!("{list}:\n"));
                for person in people {
                    front.push_str(&format!("  - {person}\n"));
                }
            }
        }
        front.push_str("---\n");
        let Parsed::Note {
            meeting: Some(note),
            ..
        } = parse_text(file, &front)
        else {
            panic!("{}: the gold's people do not make a note", file.display());
        };
        let directory = Directory::build(&Config::default(), std::slice::from_ref(&note));
        let aliases = doc["aliases"].as_object().cloned().unwrap_or_default();
        for (alias, target) in aliases {
            let target = target.as_str().unwrap();
            let expected = directory.resolve(target, Some(&note)).person();
            match directory.resolve(&alias, Some(&note)).person() {
                None => {
                    unresolved += 1;
                    if std::env::var_os("SHOW_UNRESOLVED").is_some() {
                        eprintln!("unresolved: `{alias}` -> `{target}`");
                    }
                }
                Some(found) if Some(found) == expected => right += 1,
                Some(found) => wrong.push(format!(
                    "{}: `{alias}` resolved to `{}`, not `{target}`",
                    file.display(),
                    directory.get(found).unwrap().name
                )),
            }
        }
    }
    eprintln!(
        "real-minutes aliases: {right} right, {unresolved} unresolved, {} wrong",
        wrong.len()
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(right >= 60, "only {right} aliases resolved");
}

/// A small board as clerks type it: Word's apostrophe in one note and the
/// keyboard's in the next, an accent dropped, `Dr Pryce:` and `J. Davies`
/// as owners, a guest listed as present. Each command answers as a careful
/// clerk would.
#[test]
fn a_small_board_typed_as_clerks_type_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("minutes.yaml"),
        "series:\n  Fernbridge Board:\n    members:\n      - Cllr Mary Hale\n      - Siobhan O'Connell\n      - Renée Dubois\n      - Dr Alun Pryce\n      - James Davies\n    quorum: 3\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2026-01-20-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-01-20\ntime: \"10:00\"\nchair: Cllr Mary Hale\npresent:\n  - Cllr Mary Hale\n  - Siobhan O’Connell\n  - Renée Dubois\n  - Dr Alun Pryce\n  - James Davies\n  - Tom Guest\n---\n\n## 1. Housing\n\n- [ ] Siobhan O’Connell: draft the housing brief (due 2026-03-01)\n- [ ] Dr Pryce: cost the repairs\n- [ ] J. Davies: book the surveyor\n- [ ] Renee Dubois: write to the tenants\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2026-03-17-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-03-17\nchair: Cllr Mary Hale\npresent:\n  - Mary Hale\n  - Siobhan O'Connell\n  - Renee Dubois\napologies:\n  - Dr Alun Pryce\n---\n\n## 1. Actions from previous meetings\n\n- [x] 2026-01-20/1.1 Siobhan O'Connell: draft the housing brief — circulated\n- [/] 2026-01-20/1.4 Renée Dubois: write to the tenants — letter drafted\n",
    )
    .unwrap();
    let run = |args: &[&str]| ok(&minutes_in(dir.path(), args));
    let json_of = |args: &[&str]| -> Value { serde_json::from_str(&run(args)).unwrap() };

    // Either apostrophe finds Siobhan's action, and the update typed with
    // the other apostrophe closed it rather than giving it to someone else.
    for owner in [
        "Siobhan O'Connell",
        "Siobhan O’Connell",
        "siobhan o'connell",
    ] {
        let doc = json_of(&[
            "actions", "--status", "all", "--owner", owner, "--format", "json", ".",
        ]);
        assert_eq!(ids(&doc, "actions"), ["2026-01-20/1.1"], "{owner}");
        assert_eq!(doc["actions"][0]["status"], "done");
    }
    for (owner, id) in [
        ("Dr Alun Pryce", "2026-01-20/1.2"),
        ("Dr Pryce", "2026-01-20/1.2"),
        ("James Davies", "2026-01-20/1.3"),
        ("Renee Dubois", "2026-01-20/1.4"),
        ("Renée Dubois", "2026-01-20/1.4"),
    ] {
        let doc = json_of(&["actions", "--owner", owner, "--format", "json", "."]);
        assert_eq!(ids(&doc, "actions"), [id], "{owner}");
    }

    // One person each, under the spelling used most (accents kept).
    let people = json_of(&["people", "--format", "json", "."]);
    let names: Vec<&str> = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Alun Pryce",
            "James Davies",
            "Mary Hale",
            "Renée Dubois",
            "Siobhan O’Connell",
            "Tom Guest"
        ]
    );
    assert_eq!(
        people["unresolved"].as_array().unwrap().len(),
        0,
        "{people}"
    );

    // Attendance: Siobhan present twice; members present counts members only.
    let register = json_of(&["attendance", "--format", "json", "."]);
    let siobhan = register["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Siobhan O’Connell")
        .unwrap();
    assert_eq!(siobhan["present"], 2);
    let csv = run(&["attendance", "--format", "csv", "."]);
    let totals = csv.lines().last().unwrap();
    assert!(totals.starts_with("Members present,,5,3,"), "{totals}");

    // History of the action, raised to update.
    let history = json_of(&["history", "2026-01-20/1.4", "--format", "json", "."]);
    assert_eq!(history["actions"][0]["current"]["status"], "in-progress");

    // The next note lists the declared members once each, canonically, and
    // quotes its time.
    let next = run(&[
        "new",
        "--meeting",
        "Fernbridge Board",
        "--date",
        "2026-05-19",
        "--stdout",
        ".",
    ]);
    assert!(
        next.contains("time: \"10:00\"") || !next.contains("time:"),
        "{next}"
    );
    let present: Vec<&str> = next
        .lines()
        .skip_while(|l| *l != "present:")
        .skip(1)
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        present,
        [
            "- Cllr Mary Hale",
            "- Siobhan O’Connell",
            "- Renée Dubois",
            "- Dr Alun Pryce",
            "- James Davies"
        ]
    );

    // And lint finds nothing to say about any of these names.
    let lint = run(&["lint", "."]);
    assert!(
        lint.ends_with("0 errors, 0 warnings in 0 files (2 files checked)\n"),
        "{lint}"
    );
}
