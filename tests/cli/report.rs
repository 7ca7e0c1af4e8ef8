//! `minutes report` and the calendar and integration outputs, checked
//! against the model: the HTML is parsed with a real HTML parser.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::common::minutes;

const HPB: &str = "Harbourside Partnership Board";

fn ok(args: &[&str]) -> String {
    let output = minutes(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn cells(row: scraper::ElementRef) -> Vec<String> {
    let cell = Selector::parse("th, td").unwrap();
    row.select(&cell)
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect()
}

fn rows(html: &Html, table: &str) -> Vec<(Vec<String>, bool)> {
    let selector = Selector::parse(&format!("#{table} tbody tr")).unwrap();
    html.select(&selector)
        .map(|row| (cells(row), row.value().attr("class") == Some("overdue")))
        .collect()
}

#[test]
fn html_report_tables_agree_with_actions_and_attendance() {
    let page = ok(&[
        "report",
        "--meeting",
        HPB,
        "--date",
        "2026-11-23",
        "--format",
        "html",
        "examples",
    ]);
    let html = Html::parse_document(&page);

    let actions: Value = serde_json::from_str(&ok(&[
        "actions",
        "--meeting",
        HPB,
        "--today",
        "2026-11-23",
        "--format",
        "json",
        "examples",
    ]))
    .unwrap();
    let actions = actions["actions"].as_array().unwrap();
    let mut expected: BTreeMap<(String, String), bool> = BTreeMap::new();
    for action in actions {
        for owner in action["owner_names"].as_array().unwrap() {
            let key = (
                owner.as_str().unwrap().to_string(),
                action["id"].as_str().unwrap().to_string(),
            );
            expected.insert(key, action["overdue"].as_bool().unwrap());
        }
    }
    let open = rows(&html, "open-actions");
    let found: BTreeMap<(String, String), bool> = open
        .iter()
        .map(|(cells, overdue)| ((cells[0].clone(), cells[1].clone()), *overdue))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(found.len(), open.len(), "each owner's action once");
    // Overdue rows come first within each owner, and say so in words.
    for (cells, overdue) in &open {
        assert_eq!(cells[3].ends_with("overdue"), *overdue, "{cells:?}");
    }

    let register: Value = serde_json::from_str(&ok(&[
        "attendance",
        "--meeting",
        HPB,
        "--format",
        "json",
        "examples",
    ]))
    .unwrap();
    let members: Vec<&Value> = register["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["group"] == "member")
        .collect();
    let table = rows(&html, "attendance-table");
    assert_eq!(table.len(), members.len());
    for ((cells, _), person) in table.iter().zip(&members) {
        assert_eq!(cells[0], person["name"].as_str().unwrap());
        let marks: Vec<&str> = person["marks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        assert_eq!(cells[1..cells.len() - 1], marks[..]);
        let rate = format!("{:.0}%", person["rate"].as_f64().unwrap() * 100.0);
        assert_eq!(cells.last().unwrap(), &rate);
    }

    let decisions = rows(&html, "decisions-table");
    let latest: Value = serde_json::from_str(&ok(&[
        "decisions",
        "--meeting",
        HPB,
        "--since",
        "2026-11-17",
        "--format",
        "json",
        "examples",
    ]))
    .unwrap();
    assert_eq!(
        decisions.len(),
        latest["decisions"].as_array().unwrap().len()
    );

    let figures = Selector::parse(".figures div").unwrap();
    let figures: BTreeMap<String, String> = html
        .select(&figures)
        .map(|d| {
            let text: Vec<String> = d
                .text()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            (text[0].clone(), text[1].clone())
        })
        .collect();
    assert_eq!(figures["Meetings held"], "7");
    assert_eq!(figures["Actions open"], actions.len().to_string());
}

#[test]
fn html_is_self_contained_and_accessible() {
    let page = ok(&[
        "report",
        "--meeting",
        HPB,
        "--date",
        "2026-11-23",
        "--format",
        "html",
        "examples",
    ]);
    for forbidden in ["<script", "<link", " src=", "@import", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    let html = Html::parse_document(&page);
    assert!(
        html.select(&Selector::parse("html[lang=en]").unwrap())
            .next()
            .is_some()
    );
    let headers = Selector::parse("table thead th[scope=col]").unwrap();
    assert!(html.select(&headers).count() > 10);
    assert!(
        html.select(&Selector::parse("svg[role=img] title").unwrap())
            .next()
            .is_some()
    );
    assert!(page.contains("@page { size: A4"));
}

/// Markup in notes is text in the page: a parser reads back exactly what
/// was written, and no element comes from a note.
#[test]
fn html_report_escapes_what_notes_say() {
    let dir = tempfile::tempdir().unwrap();
    let series = "Q&A <Board> \"quoted\" 'single'";
    std::fs::write(
        dir.path().join("2026-01-10-qa.md"),
        "---\nmeeting: \"Q&A <Board> \\\"quoted\\\" 'single'\"\ndate: 2026-01-10\n\
         present:\n  - Ann <b>Bee</b>\n  - O'Neil & Sons\n---\n\n\
         ## 1. Money & <script>alert(1)</script>\n\n\
         - Decision: approve \"the\" <plan> & 'go'\n\
         - [ ] O'Neil & Sons: fix <i>it</i> & \"that\" (due 2026-01-01)\n",
    )
    .unwrap();
    let output = crate::common::minutes_in(
        dir.path(),
        &[
            "report",
            "--meeting",
            series,
            "--date",
            "2026-02-01",
            "--format",
            "html",
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let page = String::from_utf8(output.stdout).unwrap();
    let html = Html::parse_document(&page);
    for tag in ["script", "b", "i", "plan", "board"] {
        let found = html.select(&Selector::parse(tag).unwrap()).count();
        assert_eq!(found, 0, "<{tag}> came from a note");
    }
    let text = |css: &str| {
        let selector = Selector::parse(css).unwrap();
        html.select(&selector)
            .next()
            .unwrap()
            .text()
            .collect::<String>()
    };
    assert_eq!(text("h1"), series);
    assert_eq!(
        text("title"),
        format!("{series} – report as of 1 February 2026")
    );
    // The parser leaves the body's inline HTML out of the model's text;
    // the front matter's names keep theirs, and are shown as written.
    let open = rows(&html, "open-actions");
    assert_eq!(
        open[0].0,
        [
            "O'Neil & Sons",
            "2026-01-10/1.1",
            "fix it & \"that\"",
            "2026-01-01 overdue",
            "open",
            ""
        ]
    );
    let decisions = rows(&html, "decisions-table");
    assert_eq!(
        decisions[0].0,
        [
            "1 Money & alert(1)",
            "approve \"the\"  & 'go'",
            "carried",
            ""
        ]
    );
    let members: Vec<String> = rows(&html, "attendance-table")
        .into_iter()
        .map(|(cells, _)| cells[0].clone())
        .collect();
    assert!(
        members.contains(&"Ann <b>Bee</b>".to_string()),
        "{members:?}"
    );
    let chart = Selector::parse("svg text").unwrap();
    let labels: Vec<String> = html.select(&chart).map(|t| t.text().collect()).collect();
    assert!(labels.contains(&"O'Neil & Sons".to_string()), "{labels:?}");
}

#[test]
fn markdown_report_and_out_file() {
    let text = ok(&[
        "report",
        "--meeting",
        HPB,
        "--date",
        "2026-11-23",
        "examples",
    ]);
    assert!(text.starts_with("# Harbourside Partnership Board – report as of 23 November 2026\n"));
    assert!(text.contains("| Meetings held | 7 |"));
    assert!(text.contains("**2026-11-10 (overdue)**"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    ok(&[
        "report",
        "--meeting",
        HPB,
        "--format",
        "html",
        "--out",
        path.to_str().unwrap(),
        "examples",
    ]);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("<!doctype html>")
    );
    std::fs::write(&path, "kept").unwrap();
    let out = path.to_str().unwrap();
    let again = minutes(&["report", "--meeting", HPB, "--out", out, "examples"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "never replaced without --force"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    ok(&[
        "report",
        "--meeting",
        HPB,
        "--out",
        out,
        "--force",
        "examples",
    ]);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Harbourside")
    );
}

/// The RFC 5545 rules that calendar clients are strict about.
#[test]
fn ics_follows_rfc_5545() {
    let ics = ok(&[
        "actions",
        "--format",
        "ics",
        "--today",
        "2026-11-23",
        "examples",
    ]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    let todos: Vec<&str> = unfolded.split("BEGIN:VTODO").skip(1).collect();
    let actions: Value = serde_json::from_str(&ok(&[
        "actions",
        "--format",
        "json",
        "--today",
        "2026-11-23",
        "examples",
    ]))
    .unwrap();
    let dated: Vec<&Value> = actions["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["due"].is_null())
        .collect();
    assert_eq!(
        todos.len(),
        dated.len(),
        "one VTODO per action with a due date"
    );
    let mut uids = BTreeSet::new();
    for (todo, action) in todos.iter().zip(&dated) {
        let field = |name: &str| {
            todo.split("\r\n")
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or_else(|| panic!("{name} in {todo}"))
                .to_string()
        };
        let due = action["due"].as_str().unwrap().replace('-', "");
        assert_eq!(field("DUE;VALUE=DATE:"), due);
        let expected_status = match action["status"].as_str().unwrap() {
            "open" => "NEEDS-ACTION",
            "in-progress" => "IN-PROCESS",
            other => panic!("{other}"),
        };
        assert_eq!(field("STATUS:"), expected_status);
        assert!(field("UID:").starts_with(action["id"].as_str().unwrap()));
        assert!(uids.insert(field("UID:")), "UIDs are unique");
        assert_eq!(field("DTSTAMP:"), "20261123T000000Z");
        let summary = field("SUMMARY:");
        // Commas and semicolons in text are escaped.
        assert!(
            !summary
                .replace("\\,", "")
                .replace("\\;", "")
                .contains([',', ';']),
            "{summary}"
        );
    }
    // The same action keeps its UID from one export to the next.
    let again = ok(&[
        "actions",
        "--format",
        "ics",
        "--today",
        "2026-12-01",
        "examples",
    ]);
    let uid_lines = |text: &str| {
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(uid_lines(&ics), uid_lines(&again));
}

#[test]
fn completions_man_page_and_schema() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = ok(&["completions", shell]);
        assert!(script.contains("carry-forward"), "{shell}");
    }
    let man = ok(&["man"]);
    assert!(man.contains(".TH MINUTES 1"));
    assert!(man.contains("minutes\\-carry\\-forward\\fR(1)"), "{man}");
    let schema: Value = serde_json::from_str(&ok(&["schema"])).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(
        schema["properties"]["status"]["enum"],
        serde_json::json!(["draft", "approved"])
    );
    // Every example note's front matter has the keys the schema requires.
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/westmoor")).unwrap()
    {
        let note: Value = serde_json::from_str(&ok(&[
            "show",
            "--format",
            "json",
            entry.unwrap().path().to_str().unwrap(),
        ]))
        .unwrap();
        for key in schema["required"].as_array().unwrap() {
            assert!(!note[key.as_str().unwrap()].is_null());
        }
    }
}
