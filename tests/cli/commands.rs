//! Runs the built `minutes` binary on examples/ and on fixture folders, and
//! checks what it prints by parsing it (JSON, CSV) rather than grepping.

use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::common::{command, json, minutes};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

/// Runs and expects exit code `code`, returning stdout.
fn run(args: &[&str], code: i32) -> String {
    let output = minutes(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "minutes {args:?}\nstdout:\n{}\nstderr:\n{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// The IDs of `minutes actions ARGS --format json`.
fn action_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["actions", "--format", "json"];
    all.extend_from_slice(args);
    let doc = json(&all);
    assert_eq!(doc["schema_version"], 2);
    doc["actions"]
        .as_array()
        .expect("actions array")
        .iter()
        .map(|a| a["id"].as_str().expect("id").to_string())
        .collect()
}

const SMALL: &str = "tests/fixtures/small";
const TODAY: [&str; 2] = ["--today", "2025-03-20"];

fn small(extra: &[&str]) -> Vec<String> {
    let mut args = extra.to_vec();
    args.extend_from_slice(&TODAY);
    args.push(SMALL);
    action_ids(&args)
}

#[test]
fn default_lists_open_and_in_progress_by_date_file_and_line() {
    assert_eq!(
        small(&[]),
        [
            "2025-01-14/1.1",
            "2025-01-14/1.3",
            "2025-01-14/2.2",
            "2025-02-05/1.1",
            "2025-03-11/1.1"
        ]
    );
}

#[test]
fn owner_matches_ignoring_title_org_and_case_and_finds_shared_actions() {
    assert_eq!(
        small(&["--owner", "Tony Ranzetta"]),
        ["2025-01-14/1.1", "2025-01-14/2.2", "2025-02-05/1.1"]
    );
    let plain = small(&["--owner", "Steve Jordan"]);
    assert_eq!(plain, ["2025-01-14/1.3", "2025-01-14/2.2"]);
    assert_eq!(small(&["--owner", "cllr STEVE jordan (NBC)"]), plain);
    let output = minutes(&["actions", "--owner", "James Grifin", SMALL]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no such person: `James Grifin`; did you mean `James Griffin`?")
    );
    // A first name that fits one person is enough; one that fits none is not.
    assert_eq!(small(&["--owner", "Steve"]), plain);
    assert_eq!(
        minutes(&["actions", "--owner", "Nobody", SMALL])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn status_filter_takes_every_state() {
    assert_eq!(small(&["--status", "done"]), ["2025-01-14/1.2"]);
    assert_eq!(small(&["--status", "dropped"]), ["2025-01-14/2.1"]);
    assert_eq!(small(&["--status", "in-progress"]), ["2025-01-14/1.3"]);
    assert_eq!(small(&["--status", "open"]).len(), 4);
    assert_eq!(small(&["--status", "all"]).len(), 7);
}

#[test]
fn meeting_and_date_filters() {
    assert_eq!(small(&["--meeting", "SOUTH group"]), ["2025-02-05/1.1"]);
    assert_eq!(
        small(&["--since", "2025-02-01"]),
        ["2025-02-05/1.1", "2025-03-11/1.1"]
    );
    assert_eq!(small(&["--until", "2025-02-05"]).len(), 4);
    assert_eq!(small(&["--due-before", "2025-03-01"]), ["2025-01-14/1.1"]);
    assert_eq!(small(&["--overdue"]), ["2025-01-14/1.1", "2025-01-14/1.3"]);
}

#[test]
fn json_carries_ids_owners_due_dates_file_and_line() {
    let doc = json(&[
        "actions",
        "--format",
        "json",
        "--today",
        "2025-03-20",
        "--owner",
        "James Griffin",
        SMALL,
    ]);
    assert_eq!(doc["today"], "2025-03-20");
    let first = &doc["actions"][0];
    assert_eq!(first["id"], "2025-01-14/1.1");
    let owners: Vec<&str> = first["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["James Griffin", "Tony Ranzetta"]);
    assert_eq!(first["due"], "2025-02-28");
    assert_eq!(first["overdue"], true);
    assert_eq!(first["status"], "open");
    assert_eq!(first["meeting"], "North Board");
    assert_eq!(first["item"], "1");
    assert_eq!(first["item_title"], "Finance");
    assert_eq!(first["line"], 13);
    let file = first["file"].as_str().unwrap();
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(file).is_file(),
        "{file}"
    );
    let all = &doc["actions"][1];
    assert_eq!(
        (all["assigned_to_all"].as_bool(), all["overdue"].as_bool()),
        (Some(true), Some(false))
    );
}

#[test]
fn csv_is_rfc_4180_with_a_header() {
    let text = run(
        &["actions", "--format", "csv", "--today", "2025-03-20", SMALL],
        0,
    );
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(headers[..4], ["id", "owners", "action", "due"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][1], "James Griffin, Tony Ranzetta");
    assert_eq!(&rows[0][4], "true");
    let tricky = rows.iter().find(|r| &r[0] == "2025-03-11/1.1").unwrap();
    assert_eq!(
        &tricky[2],
        "draw up the pilot's measures, with a note | on pipes, \"quotes\" and commas"
    );
}

#[test]
fn markdown_is_a_table_with_escaped_pipes_and_bold_overdue() {
    let text = run(
        &[
            "actions",
            "--format",
            "markdown",
            "--today",
            "2025-03-20",
            SMALL,
        ],
        0,
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "| ID | Owners | Action | Due | Status | Meeting | Date | Item | Latest note |"
    );
    assert_eq!(
        lines[1],
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    assert_eq!(lines.len(), 7);
    assert!(
        lines[2].contains("| **2025-02-28 (overdue)** |"),
        "{}",
        lines[2]
    );
    assert!(text.contains("with a note \\| on pipes"));
    for line in &lines {
        let unescaped_pipes = line.replace("\\|", "").matches('|').count();
        assert_eq!(unescaped_pipes, 10, "{line}");
    }
}

#[test]
fn table_piped_is_plain_columns_without_colour() {
    let text = run(&["actions", "--today", "2025-03-20", SMALL], 0);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].trim_start().starts_with("ID"), "{}", lines[0]);
    assert_eq!(
        lines.len(),
        6,
        "a header and five rows, one a line:\n{text}"
    );
    assert!(lines[1].contains("2025-01-14/1.1") && lines[1].contains("2025-02-28 (overdue)"));
    assert!(!text.contains('\u{1b}'), "no escape codes when piped");
    assert!(!text.contains('│'), "no box drawing when piped");
}

#[test]
fn examples_daniel_mercer_across_both_series() {
    let ids = action_ids(&[
        "--owner",
        "Daniel Mercer",
        "--today",
        "2026-11-23",
        "examples",
    ]);
    assert_eq!(
        ids,
        ["2026-09-03/3.1", "2026-09-03/3.2", "2026-11-17/3.2"],
        "done, dropped and reassigned actions are not his"
    );
    let angela = action_ids(&[
        "--owner",
        "Angela Foyle",
        "--today",
        "2026-11-23",
        "examples",
    ]);
    assert!(
        angela.contains(&"2026-06-04/3.2".to_string()),
        "reassigned to Angela: {angela:?}"
    );
    let doc = json(&[
        "actions",
        "--format",
        "json",
        "--owner",
        "Daniel Mercer",
        "examples",
    ]);
    let series: std::collections::BTreeSet<&str> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["meeting"].as_str().unwrap())
        .collect();
    assert_eq!(series.len(), 2, "both series: {series:?}");
}

#[test]
fn examples_have_every_status_and_overdue_and_due_next_meeting() {
    let doc = json(&[
        "actions",
        "--format",
        "json",
        "--status",
        "all",
        "--today",
        "2026-11-23",
        "examples",
    ]);
    let actions = doc["actions"].as_array().unwrap();
    for status in ["open", "in-progress", "done", "dropped"] {
        assert!(actions.iter().any(|a| a["status"] == status), "{status}");
    }
    assert!(actions.iter().any(|a| a["overdue"] == true));
    assert!(actions.iter().any(|a| a["due_written"] == "next meeting"));
    assert!(actions.iter().any(|a| a["assigned_to_all"] == true));
    assert!(
        actions
            .iter()
            .any(|a| a["owners"].as_array().unwrap().len() > 1)
    );
}

#[test]
fn meetings_in_every_format() {
    let doc = json(&["meetings", "--format", "json", SMALL]);
    let meetings = doc["meetings"].as_array().unwrap();
    let dates: Vec<&str> = meetings
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-01-14", "2025-02-05", "2025-03-11"]);
    assert_eq!(
        (
            meetings[0]["items"].as_u64(),
            meetings[0]["actions"].as_u64()
        ),
        (Some(2), Some(5))
    );
    assert_eq!(meetings[0]["open_actions"], 3);
    assert_eq!(meetings[2]["decisions"], 1);

    let text = run(&["meetings", "--format", "csv", SMALL], 0);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][1], "North Board");
    assert_eq!((&rows[0][4], &rows[0][5]), ("3", "5"));

    let text = run(&["meetings", "--format", "markdown", SMALL], 0);
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .starts_with("| 2025-01-14 | North Board | 2 | 0 | 3/5 |")
    );
    let text = run(&["meetings", SMALL], 0);
    assert_eq!(text.lines().count(), 4);

    let doc = json(&["meetings", "--format", "json", "examples"]);
    let meetings = doc["meetings"].as_array().unwrap();
    assert!(meetings.len() >= 8, "examples hold at least 8 meetings");
}

#[test]
fn show_json_is_the_model_with_front_matter_key_names() {
    let doc = json(&[
        "show",
        "--format",
        "json",
        "tests/fixtures/small/2025-01-14-north-board.md",
    ]);
    assert_eq!(doc["schema_version"], 2);
    assert_eq!(doc["meeting"], "North Board");
    assert_eq!(doc["date"], "2025-01-14");
    assert_eq!(doc["present"][0]["title"], "Cllr");
    assert_eq!(doc["next_meeting"], "2025-03-11");
    assert_eq!(doc["items"][0]["actions"][2]["due"], "2025-03-11");
    assert_eq!(doc["items"][1]["actions"][0]["status"], "dropped");
}

#[test]
fn show_markdown_parses_back_to_the_same_model() {
    for entry in std::fs::read_dir("examples/harbourside")
        .unwrap()
        .chain(std::fs::read_dir(SMALL).unwrap())
    {
        let path = entry.unwrap().path();
        let path = path.to_str().unwrap();
        let original = json(&["show", "--format", "json", path]);
        let markdown = run(&["show", "--format", "markdown", path], 0);
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.md");
        std::fs::write(&copy, markdown).unwrap();
        let mut again = json(&["show", "--format", "json", copy.to_str().unwrap()]);
        again["path"] = original["path"].clone();
        // `show` writes every action's ID as a pin: the same IDs, pinned.
        let markdown = std::fs::read_to_string(&copy).unwrap();
        for action in original["items"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|item| item["actions"].as_array().unwrap())
        {
            let pin = format!("{{#{}}}", action["id"].as_str().unwrap());
            assert!(markdown.contains(&pin), "{path}: {pin}");
        }
        strip_lines(&mut again);
        unpin(&mut again);
        let mut original = original;
        strip_lines(&mut original);
        unpin(&mut original);
        assert_eq!(original, again, "{path}");
    }
}

/// Every action's `pinned` set to false, so that only the IDs are compared.
fn unpin(note: &mut Value) {
    for item in note["items"].as_array_mut().unwrap() {
        for action in item["actions"].as_array_mut().unwrap() {
            action["pinned"] = Value::Bool(false);
        }
    }
}

/// Lines differ between a note and its canonical rendering; nothing else may.
fn strip_lines(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("line");
            map.values_mut().for_each(strip_lines);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_lines),
        _ => {}
    }
}

#[test]
fn one_broken_note_never_hides_the_others() {
    let output = minutes(&[
        "actions",
        "--format",
        "json",
        "--status",
        "all",
        "tests/fixtures/broken",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let texts: Vec<&str> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["prepare the budget", "book the hall"]);
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(
            "tests/fixtures/broken/2025-02-10-bad-yaml.md:5: error: front matter is not valid YAML"
        ),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "tests/fixtures/broken/2025-03-10-no-date.md:1: error: `date` is missing (add `date: YYYY-MM-DD` to the front matter)"
    );
    assert!(lines[2].starts_with("tests/fixtures/broken/2025-04-10-bad-due.md:8: error: due date `31st April` is not a real date"), "{}", lines[2]);
    assert!(!err.contains("README"), "a README is skipped quietly");

    let output = minutes(&["actions", "--strict", "tests/fixtures/broken"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("prepare the budget"),
        "--strict still answers from the rest"
    );
}

#[test]
fn gitignore_is_honoured_outside_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/ignored"), dir.path());
    let output = command()
        .args(["actions", "--format", "json", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let texts: Vec<&str> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["kept"]);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_missing_path_is_a_tool_error_but_the_rest_is_answered() {
    let output = minutes(&["actions", "--format", "json", "no/such/folder", SMALL]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/folder: error: no such file or folder"));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["actions"].as_array().unwrap().len(), 5);
}

/// With nothing there to answer from, nothing is written before the error:
/// an empty table would say there is nothing to do.
#[test]
fn when_no_path_is_there_nothing_is_written_before_the_error() {
    for command in [
        &["actions"][..],
        &["meetings"],
        &["people"],
        &["decisions"],
        &["attendance"],
        &["declarations"],
        &["export", "--table", "actions"],
    ] {
        let output = minutes(&[command, &["no/such/folder"]].concat());
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert!(output.stdout.is_empty(), "{command:?}");
        assert!(
            stderr(&output).contains("no/such/folder: no such file or folder"),
            "{command:?}"
        );
    }
}

#[test]
fn usage_errors_exit_2_and_help_shows_examples() {
    let output = minutes(&["actions", "--status", "finished"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid value 'finished'"));
    let output = minutes(&["actions", "--today", "2025-02-30"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`2025-02-30` is not a real date; expected YYYY-MM-DD"));
    for command in [
        "actions",
        "meetings",
        "show",
        "history",
        "carry-forward",
        "new",
        "people",
        "attendance",
        "decisions",
        "report",
        "import",
        "completions",
        "man",
        "schema",
        "lint",
    ] {
        let text = run(&[command, "--help"], 0);
        assert!(text.contains("Examples:"), "{command} --help");
    }
    run(&["--version"], 0);
}

#[test]
fn show_refuses_a_file_that_is_not_a_note() {
    let output = minutes(&["show", "tests/fixtures/broken/README.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("README.md: not a note"));
    let output = minutes(&["show", "tests/fixtures/broken/2025-03-10-no-date.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(":1: error: `date` is missing"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut note = String::from("---\nmeeting: Big Board\ndate: 2025-01-01\n---\n## 1. Many\n\n");
    for n in 0..5000 {
        note.push_str(&format!(
            "- [ ] Ann Lee: action number {n} with some words to make the line long\n"
        ));
    }
    std::fs::write(dir.path().join("big.md"), note).unwrap();
    let mut child = command()
        .args(["actions", "--format", "csv"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}

/// A due date that is no date (`30th June`) is shown as written in the
/// CSV, as the table shows it, not left empty.
#[test]
fn csv_keeps_a_due_date_as_written_when_it_is_no_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2025-01-01-board.md"),
        "---\nmeeting: Board\ndate: 2025-01-01\n---\n## 1. Item\n\n- [ ] Al Bee: go (due 30th June)\n",
    )
    .unwrap();
    let csv_text = String::from_utf8(
        crate::common::minutes_in(dir.path(), &["actions", "--format", "csv", "."]).stdout,
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let due = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "due")
        .unwrap();
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[due], "30th June");
    let table =
        String::from_utf8(crate::common::minutes_in(dir.path(), &["actions", "."]).stdout).unwrap();
    assert!(table.contains("30th June"));
}

/// `--status` several times, `--grep`, `--sort` and `--limit`, answered the
/// same from every note and from the index of actions.
#[test]
fn status_set_grep_sort_and_limit() {
    let ids_of = |extra: &[&str]| -> Vec<String> {
        let args = [
            &["actions", "--format", "json", "--today", "2026-11-24"][..],
            extra,
            &["examples"],
        ]
        .concat();
        let cold = json(&[&args[..], &["--no-cache"]].concat());
        // Twice with the cache: the second answers from the index.
        json(&args);
        let warm = json(&args);
        assert_eq!(cold, warm, "{extra:?}");
        crate::common::ids(&warm, "actions")
    };
    let open = ids_of(&["--status", "open"]);
    let done = ids_of(&["--status", "done"]);
    let mut both = ids_of(&["--status", "open", "--status", "done"]);
    let mut expected: Vec<String> = open.iter().chain(&done).cloned().collect();
    both.sort();
    expected.sort();
    assert_eq!(both, expected);
    assert_eq!(ids_of(&["--status", "open,done", "--limit", "4"]).len(), 4);

    let by_due = json(&[
        "actions", "--status", "all", "--sort", "due", "--format", "json", "examples",
    ]);
    let dues: Vec<Option<&str>> = by_due["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["due"].as_str())
        .collect();
    let dated: Vec<&str> = dues.iter().flatten().copied().collect();
    let mut sorted = dated.clone();
    sorted.sort_unstable();
    assert_eq!(dated, sorted);
    // No due date last.
    let first_undated = dues.iter().position(Option::is_none).unwrap();
    assert!(dues[first_undated..].iter().all(Option::is_none));

    let summit = ids_of(&["--status", "all", "--grep", "SUMMIT"]);
    assert_eq!(
        summit,
        [
            "2026-01-20/3.1",
            "2026-03-17/5.1",
            "2026-03-17/5.2",
            "2026-05-19/3.1",
            "2026-11-17/4.2"
        ]
    );
    let bad = minutes(&["actions", "--grep", "(", "examples"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
}
