//! Any bytes, read as a note: parsing and every lint rule must not panic,
//! and every line and column they report must lie inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use minutes::lint::engine::{LintOptions, lint_source};
use minutes::parse::{Parsed, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.md");
    let lines = 1 + data.iter().filter(|b| **b == b'\n').count();
    if let Parsed::Note { meeting, problems } = parse_bytes(path, data) {
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
});
