//! `minutes lint` reports: rustc-style for people, JSON, GitHub workflow
//! commands and SARIF for machines.

pub mod github;
pub mod human;
pub mod sarif;

use std::io::{self, Write};

use clap::ValueEnum;

use crate::lint::Diagnostic;
use crate::lint::engine::LintReport;
use crate::problem::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// rustc-style: the line, the span underlined, and help
    Human,
    /// An array of {rule, severity, path, line, column, end_line, end_column, message, help}
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other tools
    Sarif,
}

pub fn write(
    report: &LintReport,
    format: LintFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        LintFormat::Human => human::write(&report.diagnostics, color, out),
        LintFormat::Json => super::json::render(&report.diagnostics, out),
        LintFormat::Github => github::write(&report.diagnostics, out),
        LintFormat::Sarif => sarif::write(&report.diagnostics, out),
    }
}

/// `N errors, M warnings in K files (F files checked)`.
pub fn summary(report: &LintReport) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut text = format!(
        "{}, {}",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning")
    );
    let infos = report.count(Severity::Info);
    if infos > 0 {
        text.push_str(&format!(", {}", plural(infos, "info")));
    }
    text.push_str(&format!(
        " in {} ({} checked)",
        plural(report.files_with_findings(), "file"),
        plural(report.files_checked, "file")
    ));
    text
}

/// A path as tools want it: forward slashes, no leading `./`.
pub fn display_path(diagnostic: &Diagnostic) -> String {
    let text = diagnostic.path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
