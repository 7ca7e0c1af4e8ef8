//! `minutes export`: the folder as JSON Lines tables, whose rows and IDs
//! agree with the other commands, loaded into DuckDB as docs/export.md says.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{command, json, ok};

const TABLES: [&str; 7] = [
    "meetings",
    "people",
    "attendance",
    "items",
    "decisions",
    "actions",
    "updates",
];

fn examples() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples").to_string()
}

/// Exports examples/ into `dir` (as of a fixed date, for `overdue`).
fn export_to(dir: &Path, extra: &[&str]) -> std::process::Output {
    command()
        .args(["export", "--today", "2026-11-24", "--out"])
        .arg(dir)
        .args(extra)
        .arg(examples())
        .output()
        .expect("the binary runs")
}

/// Every line of a table, each a JSON object.
fn rows(dir: &Path, table: &str) -> Vec<Value> {
    let text = fs::read_to_string(dir.join(format!("{table}.jsonl"))).expect("table written");
    text.lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).expect("each line is JSON");
            assert!(row.is_object(), "{line}");
            row
        })
        .collect()
}

/// `minutes actions --status all --format json` on examples/: its actions.
fn all_actions() -> Vec<Value> {
    let listed = json(&[
        "actions",
        "--status",
        "all",
        "--format",
        "json",
        "--today",
        "2026-11-24",
        "examples/",
    ]);
    listed["actions"].as_array().expect("actions").clone()
}

fn column<'a>(rows: &'a [Value], name: &str) -> Vec<&'a str> {
    rows.iter().filter_map(|r| r[name].as_str()).collect()
}

#[test]
fn every_table_is_written_and_agrees_with_the_other_commands() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("export");
    ok(&export_to(&dir, &[]));
    let actions = rows(&dir, "actions");
    let listed = all_actions();
    assert_eq!(actions.len(), listed.len());
    let keys: BTreeSet<&str> = column(&actions, "action_key").into_iter().collect();
    assert_eq!(keys.len(), actions.len(), "action keys are unique");
    // Rows come series by series; `actions` lists by date across them.
    let place = |row: &Value| {
        let file = row["file"].as_str().unwrap_or_default();
        let within = file.rsplit_once("examples/").map_or(file, |(_, rest)| rest);
        (within.to_string(), row["line"].to_string())
    };
    let listed: BTreeMap<_, &Value> = listed.iter().map(|a| (place(a), a)).collect();
    for row in &actions {
        let action = listed
            .get(&place(row))
            .expect("every row is a listed action");
        assert_eq!(row["action_id"], action["id"]);
        assert_eq!(row["status"], action["status"]);
        assert_eq!(row["owners"], action["owner_names"]);
        assert_eq!(row["line"], action["line"]);
    }
    let meetings = rows(&dir, "meetings");
    let listed = json(&["meetings", "--format", "json", "examples/"]);
    assert_eq!(
        meetings.len(),
        listed["meetings"].as_array().expect("meetings").len()
    );
    // Every ID a row refers to is a row of its table.
    let meeting_ids: BTreeSet<&str> = column(&meetings, "meeting_id").into_iter().collect();
    assert_eq!(meeting_ids.len(), meetings.len());
    let items = rows(&dir, "items");
    let item_ids: BTreeSet<&str> = column(&items, "item_id").into_iter().collect();
    let people = rows(&dir, "people");
    let person_ids: BTreeSet<&str> = column(&people, "person_id").into_iter().collect();
    assert_eq!(person_ids.len(), people.len());
    for table in ["attendance", "items", "decisions", "actions", "updates"] {
        for row in rows(&dir, table) {
            let meeting = row["meeting_id"].as_str().expect("meeting_id");
            assert!(meeting_ids.contains(meeting), "{table}: {meeting}");
            if let Some(item) = row.get("item_id") {
                assert!(
                    item_ids.contains(item.as_str().expect("item_id")),
                    "{table}: {item}"
                );
            }
            assert!(row["file"].as_str().expect("file").ends_with(".md"));
            if table != "meetings" {
                assert!(row["line"].as_u64().expect("line") > 0);
            }
        }
    }
    for row in rows(&dir, "attendance").iter().chain(&actions) {
        let ids = row.get("owner_ids").and_then(Value::as_array).cloned();
        for id in ids.unwrap_or_else(|| vec![row["person_id"].clone()]) {
            if let Some(id) = id.as_str() {
                assert!(person_ids.contains(id), "{id}");
            }
        }
    }
    // Updates that applied name their action's key.
    let updates = rows(&dir, "updates");
    assert!(!updates.is_empty());
    for update in &updates {
        match update["action_key"].as_str() {
            Some(key) => assert!(keys.contains(key), "{key}"),
            None => assert!(update["unapplied"].is_string()),
        }
    }
    let decisions = rows(&dir, "decisions");
    let listed = json(&["decisions", "--format", "json", "examples/"]);
    assert_eq!(
        decisions.len(),
        listed["decisions"].as_array().expect("decisions").len()
    );
}

#[test]
fn one_table_goes_to_stdout_and_files_are_never_replaced_unasked() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("export");
    ok(&export_to(&dir, &[]));
    let stdout = ok(&command()
        .args(["export", "--today", "2026-11-24", "--table", "actions"])
        .arg(examples())
        .output()
        .expect("runs"));
    assert_eq!(
        stdout,
        fs::read_to_string(dir.join("actions.jsonl")).expect("written")
    );
    fs::write(dir.join("people.jsonl"), "kept\n").expect("write");
    let again = export_to(&dir, &[]);
    assert_eq!(again.status.code(), Some(2));
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("people.jsonl") && said.contains("--force"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("people.jsonl")).expect("read"),
        "kept\n"
    );
    ok(&export_to(&dir, &["--force"]));
    assert_ne!(
        fs::read_to_string(dir.join("people.jsonl")).expect("read"),
        "kept\n"
    );
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| !name.ends_with(".jsonl"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Neither --out nor --table: said, nothing written.
    let neither = command()
        .args(["export"])
        .arg(examples())
        .output()
        .expect("runs");
    assert_eq!(neither.status.code(), Some(2));
}

/// A Python with the `duckdb` package, installed with pip when missing;
/// `None` (and the test skipped, saying why) when it cannot be.
fn python_with_duckdb() -> Option<&'static str> {
    let has = || {
        Command::new("python3")
            .args(["-c", "import duckdb"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has() {
        return Some("python3");
    }
    let installed = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "duckdb"])
        .output();
    if installed.is_ok_and(|o| o.status.success()) && has() {
        return Some("python3");
    }
    eprintln!("skipped: the duckdb Python package is not installed and pip could not install it");
    None
}

/// The queries of docs/export.md, run in DuckDB on the export of examples/,
/// give what `minutes` itself answers.
#[test]
fn duckdb_reads_the_export_and_counts_what_minutes_counts() {
    let Some(python) = python_with_duckdb() else {
        return;
    };
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("export");
    ok(&export_to(&dir, &[]));
    let script = format!(
        r#"
import duckdb, json
con = duckdb.connect()
for table in {tables:?}:
    con.execute(f"CREATE TABLE {{table}} AS SELECT * FROM read_json_auto('{{table}}.jsonl')")
counts = {{t: con.execute(f"SELECT count(*) FROM {{t}}").fetchone()[0] for t in {tables:?}}}
by_status = dict(con.execute("SELECT status, count(*) FROM actions GROUP BY status").fetchall())
open_by_owner = dict(con.execute(open(r'{queries}/open_per_owner.sql').read()).fetchall())
rates = con.execute(open(r'{queries}/attendance_rate.sql').read()).fetchall()
types = dict((r[0], r[1]) for r in con.execute("DESCRIBE actions").fetchall())
print(json.dumps({{"counts": counts, "by_status": by_status, "open_by_owner": open_by_owner,
                  "rates": [[r[0], r[1], r[2], r[3], float(r[4])] for r in rates], "types": types}}))
"#,
        tables = TABLES,
        queries = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/export"),
    );
    let output = Command::new(python)
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let listed = all_actions();
    assert_eq!(answer["counts"]["actions"], listed.len());
    for status in ["open", "in-progress", "done", "dropped"] {
        let expected = listed.iter().filter(|a| a["status"] == status).count();
        assert_eq!(
            answer["by_status"][status].as_u64().unwrap_or(0),
            expected as u64,
            "{status}"
        );
    }
    // Dates are dates, not text, to DuckDB.
    assert_eq!(answer["types"]["due"], "DATE");
    assert_eq!(answer["types"]["date"], "DATE");
    // Open actions per owner: what `minutes actions --owner` lists.
    let owners = answer["open_by_owner"].as_object().expect("owners");
    assert!(!owners.is_empty());
    for (owner, count) in owners {
        let mine = json(&["actions", "--owner", owner, "--format", "json", "examples/"]);
        assert_eq!(
            mine["actions"].as_array().expect("actions").len() as u64,
            count.as_u64().expect("count"),
            "{owner}"
        );
    }
    // Attendance rate per member per year: present over listed, in [0, 1].
    let rates = answer["rates"].as_array().expect("rates");
    assert!(!rates.is_empty());
    for rate in rates {
        let (present, listed) = (rate[2].as_u64().expect("n"), rate[3].as_u64().expect("n"));
        assert!(present <= listed && listed > 0, "{rate}");
        let expected = (present as f64 / listed as f64 * 100.0).round() / 100.0;
        assert!(
            (rate[4].as_f64().expect("rate") - expected).abs() < 1e-9,
            "{rate}"
        );
    }
}

/// Writes a note of `series` on `date` into `dir`.
fn note(dir: &Path, series: &str, date: &str, people: &[&str], body: &str) {
    let slug = series.to_lowercase().replace(' ', "-");
    let listed: String = people.iter().map(|p| format!("  - {p}\n")).collect();
    let text = format!("---\nmeeting: {series}\ndate: {date}\npresent:\n{listed}---\n\n{body}");
    fs::write(dir.join(format!("{date}-{slug}.md")), text).expect("note written");
}

/// Two series whose meetings interleave, with every kind of update the
/// ledger tells apart: applied, before its action, to an unknown ID, to an
/// ID two actions share; owners by short forms and `All`; `due next meeting`.
fn interleaved_series(dir: &Path) {
    let north = ["Cllr Mary Hale (NBC)", "Dr Owen Pryce (ICB)", "Ann Lamb"];
    let south = ["Dr Rhian Pryce (SBC)", "Ann Lamb", "Tom Vale"];
    note(
        dir,
        "North Board",
        "2025-01-14",
        &north,
        "## 1. Roads\n\n- [ ] Dr Pryce: cost the junction (due next meeting)\n\
         - [ ] All: share the survey\n- [ ] Mary Hale: write to the county {#RD-1}\n\
         - [ ] 2025-02-11/1.1 Ann Lamb: too early — progress\n",
    );
    note(
        dir,
        "South Group",
        "2025-01-20",
        &south,
        "## 1. Parks\n\n- [ ] Dr Pryce: map the parks\n- [ ] Tom Vale: book the hall {#HALL-1}\n\
         - [ ] Ann Lamb: book the hall again {#HALL-1}\n",
    );
    note(
        dir,
        "North Board",
        "2025-02-11",
        &north,
        "## 1. Roads\n\n- [x] 2025-01-14/1.1 costed\n- [/] RD-1 Owen Pryce: to the county (due 2025-03-31) — drafted\n\
         - [ ] 2024-12-01/9.9 Nia Brook: nobody raised this — asked\n- [ ] Ann Lamb: walk the route\n",
    );
    note(
        dir,
        "South Group",
        "2025-02-17",
        &south,
        "## 1. Parks\n\n- [x] 2025-01-20/1.1 Rhian Pryce: mapped\n- [-] HALL-1 — dropped\n",
    );
    fs::write(dir.join("2025-03-01-broken.md"), "---\nmeeting: [\n---\n").expect("broken");
}

/// Every line of `table` exported from `dir` by the command, which reads
/// whole series a batch at a time.
fn streamed(dir: &Path, table: &str) -> Vec<String> {
    streamed_with(dir, table, &[])
}

fn streamed_with(dir: &Path, table: &str, extra: &[&str]) -> Vec<String> {
    let output = command()
        .args(["export", "--today", "2026-11-24", "--table", table])
        .args(extra)
        .arg(dir)
        .output()
        .expect("the binary runs");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every line of `table` as one export of the whole folder held in memory
/// makes it: what `export` wrote before it read series by series.
fn whole(dir: &Path, table: minutes::query::export::Table) -> Vec<String> {
    use minutes::query::export::{Export, Table};
    let folder = minutes::folder::Folder::load(&[dir.to_path_buf()], u64::MAX);
    let config = minutes::config::Config::discover(dir).expect("config");
    let directory = minutes::people::Directory::build(&config, &folder.meetings);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let export = Export::new(&directory, today);
    let mut out = Vec::new();
    let mut sink = minutes::output::export::JsonLines::new(&mut out);
    if table == Table::People {
        export.people_rows(&mut sink).expect("rows");
    } else {
        export
            .part(&folder.meetings)
            .rows(table, &mut sink)
            .expect("rows");
    }
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn series_by_series_the_tables_hold_the_rows_of_the_whole_folder() {
    use minutes::query::export::Table;
    let temp = tempfile::tempdir().expect("temp dir");
    interleaved_series(temp.path());
    let folders = [
        temp.path().to_path_buf(),
        Path::new(&examples()).to_path_buf(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    ];
    for dir in &folders {
        for table in Table::ALL {
            let mut streamed = streamed(dir, table.name());
            // The first pass reads the notes back from the cache, or parses
            // them (and the cache may be cold or warm here): the same rows.
            let parsed = streamed_with(dir, table.name(), &["--no-cache"]);
            assert_eq!(
                streamed,
                parsed,
                "{}: {} --no-cache",
                dir.display(),
                table.name()
            );
            let mut whole = whole(dir, table);
            if table == Table::People {
                // The directory built from what the first pass kept is the
                // directory built from the models, person for person.
                assert_eq!(streamed, whole, "{}: people", dir.display());
                continue;
            }
            streamed.sort();
            whole.sort();
            assert_eq!(streamed, whole, "{}: {}", dir.display(), table.name());
        }
    }
    // The folder above does tell the cases apart.
    let updates = streamed(temp.path(), "updates").join("\n");
    for fate in ["before-action", "unknown-id", "duplicate-id"] {
        assert!(updates.contains(fate), "{fate}: {updates}");
    }
    let actions = streamed(temp.path(), "actions").join("\n");
    // `Dr Pryce` of the North Board is Owen, not the South Group's Rhian.
    assert!(actions.contains(r#""text":"cost the junction","owners":["Dr Owen Pryce"]"#));
}

#[test]
fn rows_come_series_by_series_each_by_date() {
    let temp = tempfile::tempdir().expect("temp dir");
    interleaved_series(temp.path());
    let meetings: Vec<(String, String)> = streamed(temp.path(), "meetings")
        .iter()
        .map(|line| {
            let row: Value = serde_json::from_str(line).expect("JSON");
            (row["series"].to_string(), row["date"].to_string())
        })
        .collect();
    let dates = |series: &str| -> Vec<&str> {
        meetings
            .iter()
            .filter(|(s, _)| s.contains(series))
            .map(|(_, d)| d.as_str())
            .collect()
    };
    assert_eq!(meetings.len(), 4);
    assert!(meetings.iter().take(2).all(|(s, _)| s.contains("North")));
    assert_eq!(dates("North"), [r#""2025-01-14""#, r#""2025-02-11""#]);
    assert_eq!(dates("South"), [r#""2025-01-20""#, r#""2025-02-17""#]);
    // The broken note is said, with its file, and the others exported.
    let output = command()
        .args(["export", "--table", "meetings"])
        .arg(temp.path())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2025-03-01-broken.md"), "{stderr}");
    assert!(stderr.contains("the ID `HALL-1`"), "{stderr}");
}
