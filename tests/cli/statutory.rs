//! The statutory record (docs/format.md §8) as a monitoring officer reads
//! it: the Wrenfield planning committee in examples/, and a fixture parish
//! council whose minutes break every rule of it once.

use serde_json::Value;

use crate::common::{json, minutes, ok};

const WRENFIELD: &str = "Wrenfield Town Council Planning Committee";
const FIXTURE: &str = "tests/fixtures/statutory";

fn decisions(extra: &[&str]) -> Value {
    let mut args = vec![
        "decisions",
        "--meeting",
        WRENFIELD,
        "--format",
        "json",
        "examples",
    ];
    args.extend_from_slice(extra);
    let doc = json(&args);
    assert_eq!(doc["schema_version"], 2);
    doc
}

fn decision<'d>(doc: &'d Value, id: &str) -> &'d Value {
    doc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no decision {id}"))
}

fn ids(doc: &Value) -> Vec<&str> {
    doc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect()
}

#[test]
fn every_decision_has_an_outcome_and_the_vote_as_popolo_shapes_it() {
    let doc = decisions(&[]);
    assert_eq!(ids(&doc).len(), 11);
    assert!(
        doc["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| { d["outcome"] == "carried" || d["outcome"] == "lost" })
    );

    let objection = decision(&doc, "2026-06-10/4.d1");
    assert_eq!(
        objection["text"],
        "to object to the application on highway safety grounds"
    );
    assert_eq!(objection["motion"]["result"], "pass");
    assert_eq!(objection["motion"]["creator"]["name"], "Okoro");
    // A surname alone is the one person present who has it.
    assert_eq!(objection["motion"]["creator_name"], "Cllr Peter Okoro");
    assert_eq!(objection["motion"]["seconder"]["name"], "Nair");
    assert_eq!(
        objection["vote_event"]["counts"],
        serde_json::json!([{"option": "yes", "value": 5}, {"option": "no", "value": 1}])
    );

    let recorded = decision(&doc, "2026-07-08/5.d1");
    let votes = recorded["vote_event"]["votes"].as_array().unwrap();
    assert_eq!(votes.len(), 7);
    assert_eq!(votes[5]["option"], "no");
    assert_eq!(votes[5]["voter"]["name"], "Singh");
    assert_eq!(votes[5]["voter_name"], "Cllr Ellen Singh");
    assert_eq!(votes[6]["option"], "abstain");
    // Counted from the names, as none were written.
    assert_eq!(
        recorded["vote_event"]["counts"],
        serde_json::json!([
            {"option": "yes", "value": 5},
            {"option": "no", "value": 1},
            {"option": "abstain", "value": 1}
        ])
    );

    let amendment = decision(&doc, "2026-07-08/4.d2");
    assert_eq!(amendment["motion"]["classification"], "amendment");
    assert_eq!(
        decision(&doc, "2026-07-08/4.d1")["vote_event"]["unanimity"],
        "nem-con"
    );

    let lost = decision(&doc, "2026-09-09/4.d1");
    assert_eq!(
        (&lost["outcome"], &lost["motion"]["result"]),
        (&"lost".into(), &"fail".into())
    );

    let approval = decision(&doc, "2026-07-08/3.d1");
    assert_eq!(
        approval["approves"],
        serde_json::json!({"meeting": "held", "date": "2026-06-10"})
    );
    assert!(approval.get("vote_event").is_none());
}

#[test]
fn outcome_and_exempt_filters() {
    assert_eq!(
        ids(&decisions(&["--outcome", "lost"])),
        ["2026-07-08/6.d1", "2026-09-09/4.d1"]
    );
    let exempt = decisions(&["--exempt"]);
    assert_eq!(ids(&exempt), ["2026-07-08/6.d1", "2026-07-08/6.d2"]);
    assert_eq!(
        exempt["decisions"][0]["exempt_reason"],
        "paragraph 3 of Schedule 12A"
    );
    let public = decisions(&["--no-exempt"]);
    assert_eq!(ids(&public).len(), 9);
    assert!(
        !ids(&public)
            .iter()
            .any(|id| id.starts_with("2026-07-08/6."))
    );
    let both = minutes(&["decisions", "--exempt", "--no-exempt", "examples"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn decisions_in_every_format_show_outcome_vote_and_exempt() {
    let args = ["decisions", "--meeting", WRENFIELD, "--format"];
    let table = ok(&minutes(&[&args[..], &["table", "examples"]].concat()));
    assert!(table.contains("amendment carried"));
    assert!(table.contains("exempt: paragraph 3 of Schedule 12A"));
    let csv_text = ok(&minutes(&[&args[..], &["csv", "examples"]].concat()));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (outcome, vote, exempt) = (column("Outcome"), column("Vote"), column("Exempt"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        &rows[1][vote],
        "for 5, against 1; proposed by Cllr Peter Okoro, seconded by Cllr Priya Nair"
    );
    assert_eq!(&rows[7][outcome], "lost");
    assert_eq!(&rows[7][exempt], "exempt: paragraph 3 of Schedule 12A");
    let markdown = ok(&minutes(&[&args[..], &["markdown", "examples"]].concat()));
    assert!(markdown.contains("| unanimous |"));
}

#[test]
fn the_register_of_declarations() {
    let doc = json(&["declarations", "--format", "json", "examples"]);
    let declarations = doc["declarations"].as_array().unwrap();
    assert_eq!(declarations.len(), 3);
    let first = &declarations[0];
    assert_eq!(first["person_name"], "Martin Hale");
    assert_eq!(first["kind"], "pecuniary");
    assert_eq!(first["detail"], "owns the field next to the Mill Lane site");
    assert_eq!(
        (&first["item"], &first["item_title"]),
        (&"6".into(), &"Land at Mill Lane".into())
    );
    assert_eq!(first["left_room"], true);
    assert_eq!(declarations[1]["kind"], "non-pecuniary");
    assert_eq!(declarations[1]["detail"], "a trustee of Wrenfield Museum");
    assert_eq!(declarations[1]["item"], "5");

    let hale = json(&[
        "declarations",
        "--person",
        "Cllr Martin Hale",
        "--format",
        "json",
        "examples",
    ]);
    assert_eq!(hale["declarations"].as_array().unwrap().len(), 2);
    let csv_text = ok(&minutes(&["declarations", "--format", "csv", "examples"]));
    assert!(
        csv_text.starts_with(
            "Date,Meeting,Person,Kind,Interest,Item,Item title,Left the room,File,Line"
        )
    );
    let nobody = minutes(&["declarations", "--person", "Nobody Atall", "examples"]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no such person"));
}

#[test]
fn meetings_show_which_meeting_approved_each_note() {
    let doc = json(&["meetings", "--format", "json", "examples/wrenfield"]);
    let meetings = doc["meetings"].as_array().unwrap();
    let approved: Vec<&Value> = meetings.iter().map(|m| &m["approved_on"]).collect();
    assert_eq!(
        approved,
        [&"2026-07-08".into(), &"2026-09-09".into(), &Value::Null]
    );
    assert!(
        meetings[0]["approved_by"]
            .as_str()
            .unwrap()
            .ends_with("2026-07-08-wrenfield-town-council-planning-committee.md")
    );
    let table = ok(&minutes(&["meetings", "examples/wrenfield"]));
    assert!(table.contains("approved on 2026-07-08"));
    assert!(table.contains("awaiting approval"));
    // The same from the index, once it is kept, and with no cache at all.
    for extra in [&[][..], &["--no-cache"][..]] {
        let again = json(
            &[
                &["meetings", "--format", "json", "examples/wrenfield"],
                extra,
            ]
            .concat(),
        );
        assert_eq!(again, doc);
    }
}

#[test]
fn lint_finds_each_breach_of_the_record_at_its_line() {
    let expected = [
        ("approval-status", "2026-02-04", 8),
        ("approval-status", "2026-03-04", 8),
        ("interest-participated", "2026-03-04", 13),
        ("interest-participated", "2026-03-04", 22),
        ("interest-participated", "2026-03-04", 22),
        ("mover-not-present", "2026-03-04", 22),
        ("vote-exceeds-present", "2026-03-04", 24),
        ("draft-stale", "2026-04-01", 8),
        ("approval-date-unknown", "2026-04-01", 13),
        ("voter-not-present", "2026-05-06", 15),
    ];
    // Cold, then from lint's cache, then with one file named: the rules
    // across notes read the rest of its series.
    for run in 0..2 {
        let output = minutes(&["lint", "--format", "json", FIXTURE]);
        assert_eq!(output.status.code(), Some(1), "run {run}");
        let found: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        let got: Vec<(String, String, u64)> = found
            .iter()
            .map(|d| {
                let file = d["path"].as_str().unwrap().rsplit('/').next().unwrap();
                (
                    d["rule"].as_str().unwrap().to_string(),
                    file[..10].to_string(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, String, u64)> = expected
            .iter()
            .map(|(rule, file, line)| (rule.to_string(), file.to_string(), *line))
            .collect();
        assert_eq!(got, want, "run {run}");
    }
    let one = minutes(&[
        "lint",
        "--format",
        "json",
        "tests/fixtures/statutory/2026-04-01-ambridge-parish-council.md",
    ]);
    let found: Vec<Value> = serde_json::from_slice(&one.stdout).unwrap();
    let rules: Vec<&str> = found.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["draft-stale", "approval-date-unknown"]);
}

#[test]
fn a_note_shown_as_markdown_keeps_its_record() {
    let note = "examples/wrenfield/2026-07-08-wrenfield-town-council-planning-committee.md";
    let markdown = ok(&minutes(&["show", "--format", "markdown", note]));
    assert!(markdown.contains("## 6. Land at Mill Lane (exempt: paragraph 3 of Schedule 12A)"));
    assert!(markdown.contains(
        "Declaration: Cllr Martin Hale — pecuniary: owns the field next to the Mill Lane site; for item 6; left the room"
    ));
    assert!(markdown.contains(
        "- Lost: to make an offer for the land at the district valuer's figure (for 2, against 4)"
    ));
    assert!(markdown.contains("- Amendment carried: to add a member of the public to the working group (for 4, against 2, abstained 1)"));
}

#[test]
fn the_report_shows_the_record_and_its_public_version_withholds_exempt_items() {
    let args = [
        "report",
        "--meeting",
        WRENFIELD,
        "--date",
        "2026-07-31",
        "examples",
    ];
    let full = ok(&minutes(&args));
    for expected in [
        "| 6 Land at Mill Lane (exempt: paragraph 3 of Schedule 12A) | to make an offer for the land at the district valuer's figure | lost | for 2, against 4 |",
        "| 4 Neighbourhood plan working group | to add a member of the public to the working group | amendment carried | for 4, against 2, abstained 1 |",
        "| Cllr Martin Hale | pecuniary | owns the field next to the Mill Lane site | 6 | yes |",
        "| 10 June 2026 | approved on 8 July 2026 |",
        "commission a second valuation of the land at Mill Lane (exempt)",
    ] {
        assert!(full.contains(expected), "{expected}\n{full}");
    }
    for format in ["markdown", "html"] {
        let public = ok(&minutes(
            &[&args[..], &["--public", "--format", format]].concat(),
        ));
        assert!(public.contains("Land at Mill Lane (exempt: paragraph 3 of Schedule 12A)"));
        assert!(public.contains("Not for publication."));
        for withheld in ["district valuer", "second valuation", "seek a second"] {
            assert!(!public.contains(withheld), "{format}: {withheld}");
        }
        // What was decided in public is all there.
        assert!(public.contains("to support the application"));
        // The clerk's only open action is the exempt one: neither the
        // table nor the chart counts it.
        assert!(!public.contains("Ruth Beckett"), "{format}");
    }
    // Nor the figures: of 3 actions raised (2 open), 1 is exempt and open.
    let figure = |text: &str, label: &str| -> String {
        let prefix = format!("| {label} | ");
        text.lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no {label}:\n{text}"))
            .trim_end_matches(" |")
            .to_string()
    };
    let public = ok(&minutes(&[&args[..], &["--public"]].concat()));
    for (label, board, published) in [("Actions raised", "3", "2"), ("Actions open", "2", "1")] {
        assert_eq!(figure(&full, label), board, "{label}");
        assert_eq!(figure(&public, label), published, "{label}");
    }
    assert_eq!(
        figure(&public, "Actions overdue"),
        figure(&full, "Actions overdue")
    );
}

#[test]
fn a_series_that_is_not_there_is_said_not_answered_empty() {
    for command in ["decisions", "declarations", "attendance"] {
        let output = minutes(&[command, "--meeting", "wrenfield", "examples"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(output.stdout.is_empty(), "{command}");
        assert!(
            String::from_utf8_lossy(&output.stderr)
                .contains("did you mean `Wrenfield Town Council Planning Committee`?"),
            "{command}"
        );
    }
}

#[test]
fn the_export_carries_outcomes_votes_and_exempt_items() {
    let output = ok(&minutes(&[
        "export",
        "--table",
        "decisions",
        "examples/wrenfield",
    ]));
    let rows: Vec<Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let offer = rows
        .iter()
        .find(|r| r["decision_id"] == "2026-07-08/6.d1")
        .unwrap();
    assert_eq!(
        (
            &offer["outcome"],
            &offer["votes_for"],
            &offer["votes_against"],
            &offer["exempt"]
        ),
        (&"lost".into(), &2.into(), &4.into(), &true.into())
    );
    let plain = rows
        .iter()
        .find(|r| r["decision_id"] == "2026-07-08/6.d2")
        .unwrap();
    assert_eq!(plain["votes_for"], Value::Null);
}

#[test]
fn the_fixture_council_shows_the_remaining_forms() {
    let doc = json(&["decisions", "--format", "json", FIXTURE]);
    let not_agreed = decision(&doc, "2026-05-06/1.d1");
    assert_eq!(not_agreed["outcome"], "lost");
    assert_eq!(not_agreed["motion"]["classification"], "motion");
    let amendment = decision(&doc, "2026-05-06/1.d2");
    assert_eq!(
        (
            &amendment["outcome"],
            &amendment["motion"]["classification"]
        ),
        (&"lost".into(), &"amendment".into())
    );
    let declared = json(&["declarations", "--format", "json", FIXTURE]);
    assert_eq!(declared["declarations"][2]["kind"], "other");
}

#[test]
fn every_command_of_the_record_in_every_format() {
    let commands: [&[&str]; 3] = [
        &["decisions", "--meeting", WRENFIELD],
        &["declarations", "--meeting", WRENFIELD],
        &["meetings"],
    ];
    for command in commands {
        for (format, expect) in [
            ("table", "Wrenfield"),
            ("markdown", "| Wrenfield"),
            ("csv", ",Wrenfield"),
            ("json", "\"schema_version\": 2"),
        ] {
            let args = [command, &["--format", format, "examples/wrenfield"]].concat();
            let out = ok(&minutes(&args));
            assert!(out.contains(expect), "{args:?}:\n{out}");
        }
    }
}
