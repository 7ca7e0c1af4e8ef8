//! Tables in a real terminal (a pseudo-terminal from util-linux `script`)
//! at 80 and 120 columns: no ID or date is broken, nothing runs past the
//! edge, the columns left out are said; piped output stays plain; and
//! `--columns` chooses the columns of the table and the Markdown table.

use std::process::Command;

use crate::common::{minutes, ok};

/// What `minutes ARGS` writes to a terminal `width` columns wide (no
/// colour), or `None` (said on stderr) where `script` cannot make one.
fn in_terminal(width: u16, args: &str) -> Option<String> {
    let binary = env!("CARGO_BIN_EXE_minutes");
    let line = format!("stty cols {width} rows 60; exec {binary} {args}");
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "MINUTES_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("COLUMNS")
        .output();
    match output {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).replace('\r', ""))
        }
        Ok(output) => {
            eprintln!(
                "skipped: `script` could not run minutes in a terminal: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            None
        }
        Err(error) => {
            eprintln!("skipped: no `script` (util-linux) to make a terminal: {error}");
            None
        }
    }
}

/// The IDs and due dates of the actions `args` lists, from its CSV.
fn ids_and_dues(args: &[&str]) -> Vec<(String, String)> {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    let csv = ok(&minutes(&all));
    csv.lines()
        .skip(1)
        .map(|line| {
            let mut fields = line.split(',');
            let id = fields.next().unwrap_or_default().to_string();
            let due = line
                .split(',')
                .find(|f| f.len() == 10 && f.starts_with("20"))
                .unwrap_or_default()
                .to_string();
            (id, due)
        })
        .collect()
}

#[test]
fn a_terminal_table_never_breaks_an_id_or_a_date_and_fits_its_width() {
    let args = [
        "actions",
        "--status",
        "all",
        "--today",
        "2026-11-24",
        "examples/harbourside",
    ];
    let expected = ids_and_dues(&args);
    assert!(expected.len() > 20, "{expected:?}");
    for width in [80u16, 120] {
        let Some(shown) = in_terminal(width, &args.join(" ")) else {
            return;
        };
        for line in shown.lines() {
            assert!(
                line.chars().count() <= usize::from(width),
                "a line wider than {width}:\n{line}\n\n{shown}"
            );
        }
        for (id, due) in &expected {
            assert!(
                shown.contains(&format!("┆ {id} ")) || shown.contains(&format!("│ {id} ")),
                "{id} is not whole at {width} columns:\n{shown}"
            );
            assert!(
                due.is_empty() || shown.contains(due.as_str()),
                "{due} broken:\n{shown}"
            );
        }
        let header = shown.lines().nth(1).unwrap_or_default();
        for kept in ["ID", "Owners", "Action", "Due"] {
            assert!(
                header.contains(kept),
                "{kept} left out at {width}:\n{shown}"
            );
        }
        let hidden = shown
            .lines()
            .find(|l| l.starts_with("Hidden to fit: "))
            .unwrap_or_else(|| panic!("no word of the hidden columns at {width}:\n{shown}"));
        assert!(hidden.contains("latest-note"), "{hidden}");
        if width == 120 {
            assert!(
                header.contains("Meeting"),
                "room for the meeting at 120:\n{shown}"
            );
            assert!(!hidden.contains("meeting"), "{hidden}");
        } else {
            assert!(hidden.contains("meeting"), "{hidden}");
        }
    }
}

#[test]
fn columns_chosen_are_shown_in_a_terminal_whatever_its_width() {
    let Some(shown) = in_terminal(
        80,
        "actions --columns due,id,meeting,latest-note examples/harbourside",
    ) else {
        return;
    };
    let header = shown.lines().nth(1).unwrap_or_default();
    let order: Vec<usize> = ["Due", "ID", "Meeting", "Latest"]
        .iter()
        .map(|h| {
            header
                .find(h)
                .unwrap_or_else(|| panic!("{h} missing:\n{shown}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{header}");
    assert!(!header.contains("Owners"), "{header}");
    assert!(!shown.contains("Hidden to fit"), "{shown}");
}

#[test]
fn piped_tables_are_plain_columns_with_every_column() {
    let text = ok(&minutes(&["actions", "examples/harbourside"]));
    assert!(!text.contains('│') && !text.contains("Hidden"), "{text}");
    let header = text.lines().next().unwrap_or_default();
    for column in [
        "ID",
        "Owners",
        "Action",
        "Due",
        "Status",
        "Meeting",
        "Date",
        "Item",
        "Latest note",
    ] {
        assert!(header.contains(column), "{column}: {header}");
    }
}

#[test]
fn columns_choose_the_piped_and_markdown_tables_but_not_csv() {
    let piped = ok(&minutes(&[
        "actions",
        "--columns",
        "ID,due",
        "examples/harbourside",
    ]));
    let header: Vec<&str> = piped
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(header, ["ID", "Due"]);
    let markdown = ok(&minutes(&[
        "decisions",
        "--columns",
        "id,outcome",
        "--format",
        "markdown",
        "examples/harbourside",
    ]));
    assert_eq!(markdown.lines().next(), Some("| ID | Outcome |"));
    assert!(
        markdown
            .lines()
            .skip(2)
            .all(|l| l.matches(" | ").count() == 1),
        "{markdown}"
    );
    let csv = ok(&minutes(&[
        "actions",
        "--columns",
        "id",
        "--format",
        "csv",
        "examples/harbourside",
    ]));
    assert!(csv.starts_with("id,owners,action,due,"), "{csv}");
}

#[test]
fn an_unknown_column_is_said_with_the_columns_there_are_and_nothing_is_written() {
    let output = minutes(&["meetings", "--columns", "date,venue", "examples/"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("no column `venue`; the columns are: date, meeting, items, decisions"),
        "{said}"
    );
}

#[test]
fn an_attendance_register_chooses_its_meetings_by_date() {
    let text = ok(&minutes(&[
        "attendance",
        "--meeting",
        "Harbourside Partnership Board",
        "--columns",
        "name,2026-11-17,rate",
        "examples/",
    ]));
    let header: Vec<&str> = text
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(header, ["Name", "2026-11-17", "Rate"]);
    let daniel = text
        .lines()
        .find(|l| l.contains("Daniel Mercer"))
        .unwrap_or_default();
    assert_eq!(
        daniel.split_whitespace().collect::<Vec<_>>(),
        ["Daniel", "Mercer", "P", "100%"]
    );
}
