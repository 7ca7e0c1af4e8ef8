//! Excel workbooks read back by Python's `openpyxl`: every list command's
//! workbook holds what its CSV holds, with dates as dates and counts as
//! numbers; the header is bold, frozen and filtered, prose wraps; `report`
//! has a sheet a table; a workbook is never written to a terminal.

use std::path::Path;

use serde_json::Value;

use crate::common::{minutes, minutes_in, ok, python_reads, python_with};

/// Each sheet of the workbook on stdin: name, frozen cell, filter, widths,
/// and each cell's value (dates as ISO dates), type, format, wrap and bold.
const READ_WORKBOOK: &str = r#"
import datetime, io, json, sys, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.date().isoformat()
    return {"v": v, "t": type(c.value).__name__, "fmt": c.number_format,
            "wrap": bool(c.alignment.wrap_text), "bold": bool(c.font.bold)}
print(json.dumps([{"name": s.title, "freeze": s.freeze_panes, "filter": s.auto_filter.ref,
                   "widths": {k: d.width for k, d in s.column_dimensions.items()},
                   "rows": [[cell(c) for c in row] for row in s.iter_rows()]}
                  for s in book.worksheets]))
"#;

/// The CSV on stdin as rows of cells.
const READ_CSV: &str = r#"
import csv, io, json, sys
print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))
"#;

fn workbook(python: &str, bytes: &[u8]) -> Vec<Value> {
    let text = python_reads(python, READ_WORKBOOK, bytes);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// A sheet's cells as the CSV writes them: dates ISO, whole numbers
/// without a point, rates as `86%`, empty cells empty.
fn as_text(cell: &Value) -> String {
    match (&cell["v"], cell["fmt"].as_str()) {
        (Value::Null, _) => String::new(),
        (Value::Number(n), Some("0%")) => {
            format!("{}%", (n.as_f64().unwrap_or(0.0) * 100.0).round())
        }
        (Value::Number(n), _) => n.as_f64().map(|f| format!("{f}")).unwrap_or_default(),
        (Value::String(s), _) => s.clone(),
        (other, _) => other.to_string(),
    }
}

/// A CSV cell without the `'` written before a would-be formula.
fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[test]
fn every_list_workbook_holds_what_its_csv_holds() {
    let Some(python) = python_with(&["openpyxl"]) else {
        return;
    };
    let commands: [&[&str]; 7] = [
        &["actions", "--status", "all", "--today", "2026-11-24"],
        &["meetings"],
        &["people"],
        &["attendance"],
        &["decisions"],
        &["declarations"],
        &["history", "2026-01-20/3.2"],
    ];
    for command in commands {
        let run = |format: &str| {
            let args = [command, &["--format", format, "examples/"]].concat();
            minutes(&args)
        };
        let book = run("xlsx");
        assert_eq!(
            book.status.code(),
            Some(0),
            "{command:?}: {}",
            String::from_utf8_lossy(&book.stderr)
        );
        let sheets = workbook(python, &book.stdout);
        assert_eq!(sheets.len(), 1, "{command:?}");
        let sheet = &sheets[0];
        let csv: Vec<Vec<String>> =
            serde_json::from_str(&python_reads(python, READ_CSV, ok(&run("csv")).as_bytes()))
                .unwrap();
        let rows = sheet["rows"].as_array().unwrap();
        assert_eq!(rows.len(), csv.len(), "{command:?}: rows");
        assert!(rows.len() > 1, "{command:?}: nothing to compare");
        for (row, expected) in rows.iter().zip(&csv) {
            let cells: Vec<String> = row.as_array().unwrap().iter().map(as_text).collect();
            let expected: Vec<&str> = expected.iter().map(|c| unneutralised(c)).collect();
            assert_eq!(cells, expected, "{command:?}");
        }
        assert_eq!(sheet["freeze"], "A2", "{command:?}");
        assert!(
            rows[0]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["bold"] == true),
            "{command:?}"
        );
        let filter = sheet["filter"].as_str().unwrap_or_default();
        assert!(
            filter.starts_with("A1:") && filter.ends_with(&rows.len().to_string()),
            "{filter}"
        );
    }
}

#[test]
fn dates_are_dates_counts_numbers_prose_wraps_and_text_stays_text() {
    let Some(python) = python_with(&["openpyxl"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2025-01-01-board.md"),
        "---\nmeeting: Board\ndate: 2025-01-01\npresent: [Renée Lowe, Al Bee]\n---\n## 1. Budget\n\n\
         - [ ] Al Bee: go (due 30th June)\n\
         - [ ] Renée Lowe: =HYPERLINK(\"http://x\",\"£86k\") and a \u{1b}[2J escape (due 2025-02-03)\n",
    )
    .unwrap();
    let book = minutes_in(
        dir.path(),
        &["actions", "--format", "xlsx", "--today", "2025-03-01", "."],
    );
    assert_eq!(
        book.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&book.stderr)
    );
    let sheets = workbook(python, &book.stdout);
    let rows = sheets[0]["rows"].as_array().unwrap();
    let header: Vec<String> = rows[0].as_array().unwrap().iter().map(as_text).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (written, dated) = (&rows[1][at("due")], &rows[2][at("due")]);
    assert_eq!(
        (written["v"].as_str(), written["t"].as_str()),
        (Some("30th June"), Some("str"))
    );
    assert_eq!(dated["v"], "2025-02-03");
    assert_eq!(
        (dated["t"].as_str(), dated["fmt"].as_str()),
        (Some("datetime"), Some("yyyy-mm-dd"))
    );
    assert_eq!(rows[1][at("date")]["t"], "datetime");
    assert_eq!(
        (
            rows[1][at("line")]["t"].as_str(),
            rows[1][at("line")]["v"].as_f64()
        ),
        (Some("int"), Some(8.0))
    );
    let text = &rows[2][at("action")];
    assert_eq!(
        text["v"], "=HYPERLINK(\"http://x\",\"£86k\") and a \\u{1b}[2J escape",
        "the text as written, never a formula; a control character as the table shows it"
    );
    assert_eq!(
        (text["t"].as_str(), text["wrap"].as_bool()),
        (Some("str"), Some(true))
    );
    assert_eq!(rows[2][at("owners")]["v"], "Renée Lowe");
    assert_eq!(rows[2][at("owners")]["wrap"], false);
}

#[test]
fn a_report_workbook_has_a_sheet_a_table_and_the_public_one_withholds_exempt_actions() {
    let Some(python) = python_with(&["openpyxl"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let report = |public: bool| {
        let mut args = vec![
            "report",
            "--meeting",
            "Wrenfield Town Council Planning Committee",
            "--date",
            "2026-11-24",
            "--format",
            "xlsx",
            "--out",
            path.to_str().unwrap(),
            "--force",
        ];
        if public {
            args.push("--public");
        }
        args.push("examples/");
        ok(&minutes(&args));
        workbook(python, &std::fs::read(&path).unwrap())
    };
    let board = report(false);
    let names: Vec<&str> = board.iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "Headline figures",
            "Open actions",
            "Closed since last meeting",
            "Decisions",
            "Declarations",
            "Approval of minutes",
            "Attendance"
        ]
    );
    let open = |book: &[Value]| -> Vec<Vec<String>> {
        book[1]["rows"].as_array().unwrap()[1..]
            .iter()
            .map(|row| row.as_array().unwrap().iter().map(as_text).collect())
            .collect()
    };
    let actions = crate::common::json(&[
        "actions",
        "--meeting",
        "Wrenfield Town Council Planning Committee",
        "--format",
        "json",
        "examples/",
    ]);
    let board_open = open(&board);
    assert_eq!(
        board_open.len(),
        actions["actions"].as_array().unwrap().len()
    );
    assert!(
        board_open.iter().any(|row| row[7] == "yes"),
        "an exempt action: {board_open:?}"
    );
    let public_open = open(&report(true));
    let withheld: Vec<&Vec<String>> = board_open.iter().filter(|row| row[7] == "yes").collect();
    assert_eq!(public_open.len(), board_open.len() - withheld.len());
    for row in withheld {
        assert!(
            !public_open.iter().any(|p| p[2] == row[2]),
            "{row:?} is exempt"
        );
    }
    let attendance = board[6]["rows"].as_array().unwrap();
    let rate = attendance[1].as_array().unwrap().last().unwrap();
    assert!(rate["v"].is_number() && rate["fmt"] == "0%", "{rate}");
    let approvals = board[5]["rows"].as_array().unwrap();
    assert_eq!(approvals[1][0]["t"], "datetime");
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    let env = minutes::cli::Environment {
        style: minutes::output::Style {
            terminal: true,
            ..Default::default()
        },
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        cache_base: None,
    };
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let args = [
        "minutes",
        "actions",
        "--format",
        "xlsx",
        examples.to_str().unwrap(),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = minutes::cli::run_with(args, &mut out, &mut err, env);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        String::from_utf8_lossy(&err).contains("redirect it to a file"),
        "{}",
        String::from_utf8_lossy(&err)
    );
}

#[test]
fn a_csv_for_excel_starts_with_a_byte_order_mark_only_when_asked() {
    for command in ["actions", "meetings", "people", "decisions"] {
        let marked = minutes(&[command, "--format", "csv", "--bom", "examples/"]);
        let plain = minutes(&[command, "--format", "csv", "examples/"]);
        assert_eq!(marked.status.code(), Some(0), "{command}");
        assert_eq!(&marked.stdout[..3], b"\xEF\xBB\xBF", "{command}");
        assert_eq!(&marked.stdout[3..], &plain.stdout[..], "{command}");
        assert_ne!(&plain.stdout[..3], b"\xEF\xBB\xBF", "{command}");
    }
}
