//! Actions across meetings: updates, history, carry-forward and `new`, on a
//! fixture series where actions are raised, updated, reassigned, re-dated,
//! closed and dropped over four meetings.

use std::path::Path;

use serde_json::Value;

use crate::common::{json, json_in, minutes, minutes_in, ok};

const SERIES: &str = "tests/fixtures/lifecycle";

fn carry(date: &str) -> String {
    ok(&minutes(&[
        "carry-forward",
        "--meeting",
        "canal trust board",
        "--date",
        date,
        SERIES,
    ]))
}

#[test]
fn carry_forward_at_each_meeting_lists_exactly_the_live_actions() {
    assert_eq!(
        carry("2025-03-12"),
        "- [ ] 2025-01-15/1.1 Ann Lee: set the budget (due 2025-03-01, overdue)\n\
         - [ ] 2025-01-15/1.2 Bo Wu: audit the accounts (due 2025-03-12)\n\
         - [ ] 2025-01-15/1.3 Cy Day: review the insurance\n\
         - [ ] 2025-01-15/2.1 Di Eve: survey the lock gates (due 2025-06-30)\n"
    );
    assert_eq!(
        carry("2025-05-14"),
        "- [/] 2025-01-15/1.2 Bo Wu: audit the accounts (due 2025-05-14) — auditors appointed\n\
         - [ ] 2025-01-15/1.3 Ed Fox: review the insurance — Cy Day has left; Ed takes this on\n\
         - [ ] 2025-01-15/2.1 Di Eve: survey the lock gates (due 2025-06-30)\n\
         - [ ] 2025-03-12/2.1 Ann Lee: repair the towpath (due 2025-04-30, overdue)\n"
    );
    assert_eq!(
        carry("2025-07-09"),
        "- [ ] 2025-01-15/1.3 Ed Fox: review the insurance — Cy Day has left; Ed takes this on\n\
         - [/] 2025-03-12/2.1 Ann Lee: repair the towpath (due 2025-04-30, overdue) — contractor booked\n"
    );
    assert_eq!(
        carry("2025-09-10"),
        "- [ ] 2025-01-15/1.3 Ed Fox: review the insurance (due 2025-09-10) — quotes requested\n\
         - [ ] 2025-07-09/2.1 All: recruit two volunteers each (due 2025-09-10)\n"
    );
    let before_any = minutes(&[
        "carry-forward",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-01-15",
        SERIES,
    ]);
    assert_eq!(ok(&before_any), "");
    assert!(String::from_utf8_lossy(&before_any.stderr).contains("no open or in-progress actions"));
}

#[test]
fn carry_forward_table_and_json() {
    let text = ok(&minutes(&[
        "carry-forward",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-07-09",
        "--format",
        "table",
        SERIES,
    ]));
    assert_eq!(text.lines().count(), 3);
    assert!(text.contains("2025-04-30 (overdue)"));
    let doc: Value = json(&[
        "carry-forward",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-07-09",
        "--format",
        "json",
        SERIES,
    ]);
    assert_eq!(doc["meeting"], "Canal Trust Board");
    let actions = doc["actions"].as_array().unwrap();
    assert_eq!(actions[1]["status"], "in-progress");
    assert_eq!(actions[1]["overdue"], true);
    assert_eq!(actions[1]["note"], "contractor booked");
    assert_eq!(actions[0]["owners"][0]["name"], "Ed Fox");
}

#[test]
fn an_unknown_series_is_reported_with_a_suggestion() {
    let output = minutes(&["carry-forward", "--meeting", "Canal Trust Bord", SERIES]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `Canal Trust Board`?"));
}

#[test]
fn actions_show_current_state_and_follow_reassignment() {
    let all: Value = json(&[
        "actions",
        "--status",
        "all",
        "--format",
        "json",
        "--today",
        "2025-08-01",
        SERIES,
    ]);
    let states: Vec<(&str, &str)> = all["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("2025-01-15/1.1", "done"),
            ("2025-01-15/1.2", "done"),
            ("2025-01-15/1.3", "open"),
            ("2025-01-15/2.1", "dropped"),
            ("2025-03-12/2.1", "done"),
            ("2025-07-09/2.1", "open"),
        ]
    );
    let insurance = &all["actions"][2];
    assert_eq!(insurance["owners"][0]["name"], "Ed Fox");
    assert_eq!(insurance["due"], "2025-09-10");
    assert_eq!(insurance["note"], "quotes requested");
    let history = insurance["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0]["date"].as_str(), history[0]["line"].as_u64()),
        (Some("2025-03-12"), Some(20))
    );

    let by_cy: Value = json(&["actions", "--owner", "Cy Day", "--format", "json", SERIES]);
    assert_eq!(
        by_cy["actions"].as_array().unwrap().len(),
        0,
        "reassigned away from Cy Day"
    );
    let by_ed: Value = json(&["actions", "--owner", "Ed Fox", "--format", "json", SERIES]);
    let ids: Vec<&str> = by_ed["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["2025-01-15/1.3", "2025-07-09/2.1"],
        "Ed's own, and All at a meeting he attended"
    );
}

#[test]
fn history_shows_one_action_from_raising_to_latest_update() {
    let doc: Value = json(&["history", "2025-01-15/1.3", "--format", "json", SERIES]);
    let action = &doc["actions"][0];
    assert_eq!(action["raised"]["owners"][0]["name"], "Cy Day");
    assert_eq!(action["current"]["owners"][0]["name"], "Ed Fox");
    assert_eq!(action["current"]["due"], "2025-09-10");
    let dates: Vec<&str> = action["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-03-12", "2025-07-09"]);

    let csv_text = ok(&minutes(&[
        "history",
        "2025-01-15/1.3",
        "--format",
        "csv",
        SERIES,
    ]));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let events: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(events, ["raised", "update", "update"]);

    let missing = minutes(&["history", "2025-01-15/1.9", SERIES]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("no action has the ID `2025-01-15/1.9`; did you mean")
    );
}

#[test]
fn new_writes_a_note_that_lints_clean_and_whose_ticks_close_actions() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(SERIES).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let args = [
        "new",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-09-10",
        ".",
    ];
    let said = ok(&minutes_in(dir.path(), &args));
    assert!(
        said.contains("2025-09-10-canal-trust-board.md (2 actions carried forward)"),
        "{said}"
    );
    let path = dir.path().join("2025-09-10-canal-trust-board.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("Agreed: the notes of the meeting held on 9 July 2025 as a correct record.")
    );
    assert!(text.contains(
        "- [ ] 2025-01-15/1.3 Ed Fox: review the insurance (due 2025-09-10) — quotes requested\n"
    ));

    ok(&minutes_in(dir.path(), &["lint", "--deny-warnings", "."]));
    let shown: Value = json_in(
        dir.path(),
        &[
            "show",
            "--format",
            "json",
            "2025-09-10-canal-trust-board.md",
        ],
    );
    assert_eq!(
        (shown["time"].as_str(), shown["status"].as_str()),
        (Some("18:30"), Some("draft"))
    );
    let items = shown["items"].as_array().unwrap();
    let updates: usize = items
        .iter()
        .map(|i| i["updates"].as_array().unwrap().len())
        .sum();
    let actions: usize = items
        .iter()
        .map(|i| i["actions"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        (updates, actions),
        (2, 0),
        "carried items are updates, not new actions"
    );
    let present: Vec<&str> = shown["present"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    // No members declared: those present at the latest meeting, once each.
    assert_eq!(present, ["Ann Lee", "Bo Wu", "Ed Fox"]);
    assert!(
        text.contains("\ntime: \"18:30\"\n"),
        "a time is quoted for YAML 1.1 readers:\n{text}"
    );

    std::fs::write(
        &path,
        text.replace("- [ ] 2025-01-15/1.3", "- [x] 2025-01-15/1.3"),
    )
    .unwrap();
    let live: Value = json_in(dir.path(), &["actions", "--format", "json", "."]);
    let ids: Vec<&str> = live["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["2025-07-09/2.1"],
        "ticking the carried line closed 2025-01-15/1.3"
    );

    let again = minutes_in(dir.path(), &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists; use --force to replace it"));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("- [x] 2025-01-15/1.3"),
        "not overwritten"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    ok(&minutes_in(dir.path(), &forced));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("- [ ] 2025-01-15/1.3")
    );
}

#[test]
fn new_prints_with_stdout_and_writes_where_out_says() {
    let text = ok(&minutes(&[
        "new",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-09-10",
        "--stdout",
        SERIES,
    ]));
    assert!(text.starts_with("---\nmeeting: Canal Trust Board\ndate: 2025-09-10\n"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next.md");
    ok(&minutes(&[
        "new",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-09-10",
        "--out",
        out.to_str().unwrap(),
        SERIES,
    ]));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    let none = minutes(&[
        "new",
        "--meeting",
        "Canal Trust Board",
        "--date",
        "2025-01-01",
        "--stdout",
        SERIES,
    ]);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn lint_reports_updates_that_cannot_apply() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(SERIES).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let last = dir.path().join("2025-07-09-canal-trust-board.md");
    let mut text = std::fs::read_to_string(&last).unwrap();
    text = text.replace(
        "- [x] 2025-03-12/2.1 — repaired\n",
        "- [x] 2025-03-12/2.1 — repaired\n- [x] 2025-03-12/2.7 — typo\n- [ ] 2025-09-01/1.1 — from the future\n- [x] 2025-01-15/1.1 — done again\n",
    );
    std::fs::write(&last, text).unwrap();
    let output = minutes_in(dir.path(), &["lint", "--format", "json", "."]);
    assert_eq!(output.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(u64, &str)> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (17, "update-unknown-id"),
            (18, "update-unknown-id"),
            (19, "update-closed")
        ]
    );
    assert_eq!(doc[0]["help"], "did you mean `2025-03-12/2.1`?");
    // The lines shown are the file's own, kept from the one read of it:
    // without them the ID could not be found and the columns would be 1 to 1.
    let columns = (doc[2]["column"].as_u64(), doc[2]["end_column"].as_u64());
    assert_eq!(columns, (Some(7), Some(21)));
    let human = minutes_in(dir.path(), &["lint", "."]);
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("- [x] 2025-03-12/2.7 — typo"), "{human}");
    assert!(
        human.contains("- [x] 2025-01-15/1.1 — done again"),
        "{human}"
    );
}

#[test]
fn examples_carry_forward_before_each_series_next_meeting() {
    for (series, next) in [
        ("Harbourside Partnership Board", "2027-01-19"),
        ("Westmoor County Leadership Group", "2026-12-03"),
    ] {
        let carried: Value = json(&[
            "carry-forward",
            "--meeting",
            series,
            "--date",
            next,
            "--format",
            "json",
            "examples",
        ]);
        let carried_ids: Vec<&str> = carried["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        let live: Value = json(&[
            "actions",
            "--meeting",
            series,
            "--until",
            next,
            "--format",
            "json",
            "examples",
        ]);
        let live_ids: Vec<&str> = live["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        assert_eq!(carried_ids, live_ids, "{series}");
        assert!(!carried_ids.is_empty());
        for action in carried["actions"].as_array().unwrap() {
            let line = action["update_line"].as_str().unwrap();
            if let Some(note) = action["note"].as_str() {
                assert!(line.ends_with(&format!(" — {note}")), "{line}");
            }
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("examples");
    for sub in ["harbourside", "westmoor"] {
        std::fs::create_dir_all(copy.join(sub)).unwrap();
        for entry in std::fs::read_dir(Path::new("examples").join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.join(sub).join(entry.file_name())).unwrap();
        }
    }
    std::fs::copy("examples/minutes.yaml", copy.join("minutes.yaml")).unwrap();
    ok(&minutes_in(
        dir.path(),
        &[
            "new",
            "--meeting",
            "Westmoor County Leadership Group",
            "--date",
            "2026-12-03",
            "examples",
        ],
    ));
    assert!(
        copy.join("westmoor/2026-12-03-westmoor-county-leadership-group.md")
            .is_file()
    );
    ok(&minutes_in(
        dir.path(),
        &["lint", "--deny-warnings", "examples"],
    ));
}

/// A heading number written twice (`## 2` … `## 2`): the second item's
/// actions continue the count, so the IDs stay apart through carry-forward,
/// `new`, an update marking one done, and `actions`.
#[test]
fn a_repeated_item_number_keeps_each_action_with_its_owner_through_the_cycle() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2026-01-20-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-01-20\npresent:\n  - Ann Lee\n  - Bo Wu\n---\n\n## 2. Housing\n\n- [ ] Ann Lee: draft the housing brief\n\n## 2. Transport\n\n- [ ] Bo Wu: book the bus survey\n",
    )
    .unwrap();
    let carried = ok(&minutes_in(
        dir.path(),
        &[
            "carry-forward",
            "--meeting",
            "Fernbridge Board",
            "--date",
            "2026-03-17",
            ".",
        ],
    ));
    assert_eq!(
        carried,
        "- [ ] 2026-01-20/2.1 Ann Lee: draft the housing brief\n\
         - [ ] 2026-01-20/2.2 Bo Wu: book the bus survey\n"
    );
    ok(&minutes_in(
        dir.path(),
        &[
            "new",
            "--meeting",
            "Fernbridge Board",
            "--date",
            "2026-03-17",
            ".",
        ],
    ));
    let next = dir.path().join("2026-03-17-fernbridge-board.md");
    let text = std::fs::read_to_string(&next).unwrap();
    // The clerk ticks Ann's action at the meeting.
    let ticked = text.replace(
        "- [ ] 2026-01-20/2.1 Ann Lee",
        "- [x] 2026-01-20/2.1 Ann Lee",
    );
    assert_ne!(ticked, text, "the new note carries Ann's action:\n{text}");
    std::fs::write(&next, ticked).unwrap();

    let doc: Value = json_in(
        dir.path(),
        &[
            "actions",
            "--status",
            "all",
            "--format",
            "json",
            "--no-cache",
            ".",
        ],
    );
    let rows: Vec<(String, String, String)> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["owner_names"][0].as_str().unwrap().to_string(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2026-01-20/2.1".into(), "Ann Lee".into(), "done".into()),
            ("2026-01-20/2.2".into(), "Bo Wu".into(), "open".into()),
        ]
    );
    let open = ok(&minutes_in(
        dir.path(),
        &[
            "actions",
            "--owner",
            "Bo Wu",
            "--format",
            "csv",
            "--no-cache",
            ".",
        ],
    ));
    assert_eq!(open.lines().count(), 2, "Bo Wu has his one action:\n{open}");
    // Each gets its own calendar UID.
    let first = dir.path().join("2026-01-20-fernbridge-board.md");
    let dated = std::fs::read_to_string(&first)
        .unwrap()
        .replace("housing brief", "housing brief (due 2026-04-01)")
        .replace("bus survey", "bus survey (due 2026-04-01)");
    std::fs::write(&first, dated).unwrap();
    let ics = ok(&minutes_in(
        dir.path(),
        &[
            "actions",
            "--status",
            "all",
            "--format",
            "ics",
            "--no-cache",
            ".",
        ],
    ));
    // A to-do and a due-date event for each action, every UID its own.
    let mut uids: Vec<&str> = ics.lines().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), 4, "{ics}");
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), 4, "one UID per action and kind");
}

/// Two actions pinned with one ID: no command merges them, writes them, or
/// answers as if there were one; each names both lines and exits 2.
#[test]
fn a_duplicate_pin_is_refused_by_every_command_naming_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2026-01-20-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-01-20\npresent:\n  - Ann Lee\n  - Bo Wu\n---\n\n## 1. A\n\n- [ ] Ann Lee: tidy the store {#FB-1}\n- [ ] Bo Wu: paint the store {#FB-1}\n- [ ] Bo Wu: fix the gate\n",
    )
    .unwrap();
    let both = "2026-01-20-fernbridge-board.md:11: error: 2 actions of `Fernbridge Board` have the ID `FB-1` (here and at ./2026-01-20-fernbridge-board.md:12)";
    let cases: [&[&str]; 6] = [
        &["actions", "."],
        &["actions", "--format", "ics", "."],
        &["history", "FB-1", "."],
        &[
            "carry-forward",
            "--meeting",
            "Fernbridge Board",
            "--date",
            "2026-03-17",
            ".",
        ],
        &[
            "new",
            "--meeting",
            "Fernbridge Board",
            "--date",
            "2026-03-17",
            ".",
        ],
        &["people", "."],
    ];
    for args in cases {
        let output = minutes_in(dir.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}\n{stdout}\n{stderr}"
        );
        assert!(stderr.contains(both), "{args:?}: {stderr}");
        assert!(
            !stdout.contains("FB-1"),
            "{args:?} printed a shared ID:\n{stdout}"
        );
    }
    assert!(
        !dir.path().join("2026-03-17-fernbridge-board.md").exists(),
        "`new` writes nothing"
    );
    // The action with an ID of its own is still answered.
    let output = minutes_in(dir.path(), &["actions", "--format", "csv", "."]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("2026-01-20/1.3"));
    let lint = minutes_in(dir.path(), &["lint", "."]);
    assert_eq!(lint.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&lint.stdout).contains("action-id-duplicate"));
}
