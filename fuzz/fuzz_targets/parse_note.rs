//! Any bytes, read as a note: parsing and every lint rule must not panic,
//! and every line and column they report must lie inside the file; and the
//! queries and outputs over it (`actions`, `people`, `attendance` as a
//! table, Markdown and CSV), where names are resolved and cells laid out,
//! must not panic either. Run with `-timeout` so that an input that is slow
//! (quadratic names, tables, YAML) is reported as well as one that crashes.
#![no_main]

use std::io::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use minutes::cli::{Environment, run_with};
use minutes::lint::engine::{LintOptions, lint_source};
use minutes::output::Style;
use minutes::parse::{Parsed, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.md");
    let lines = 1 + data.iter().filter(|b| **b == b'\n').count();
    let mut is_note = false;
    if let Parsed::Note { meeting, problems } = parse_bytes(path, data) {
        is_note = meeting.is_some();
        for problem in &problems {
            assert!(problem.line <= lines, "problem line {} of {lines}", problem.line);
        }
        if let Some(meeting) = meeting {
            let inside = |line: usize| (1..=lines).contains(&line);
            assert!(meeting.items.iter().all(|i| inside(i.line)));
            assert!(meeting.actions().all(|a| inside(a.line)));
            assert!(meeting.decisions().all(|d| inside(d.line)));
            assert!(meeting.updates().all(|u| inside(u.line)));
            assert!(meeting.present.iter().all(|p| inside(p.line)));
        }
    }
    for d in lint_source(path, data, &LintOptions::default()) {
        assert!(d.line <= lines, "diagnostic line {} of {lines}", d.line);
        if d.line > 0 {
            let width = d.source_line.chars().count() + 1;
            assert!(1 <= d.column && d.column <= d.end_column && d.end_column <= width, "{d:?}");
        }
    }
    if is_note {
        queries(data);
    }
});

/// The commands over the note, as a user runs them, without a cache.
fn queries(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let note = dir.path().join("note.md");
    if std::fs::File::create(&note).and_then(|mut f| f.write_all(data)).is_err() {
        return;
    }
    let folder = dir.path().to_string_lossy().to_string();
    let commands: [&[&str]; 5] = [
        &["actions", "--status", "all", "--no-cache"],
        &["actions", "--format", "markdown", "--no-cache"],
        &["actions", "--format", "csv", "--owner", "Ann Lee", "--no-cache"],
        &["people", "--no-cache"],
        &["attendance", "--no-cache"],
    ];
    for command in commands {
        let mut args = vec!["minutes"];
        args.extend_from_slice(command);
        args.push(&folder);
        let env = Environment {
            style: Style {
                terminal: false,
                color: false,
            },
            today: chrono::NaiveDate::MIN,
            cache_base: None,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(args, &mut out, &mut err, env);
        assert!((0..=2).contains(&code), "exit {code}");
    }
}
