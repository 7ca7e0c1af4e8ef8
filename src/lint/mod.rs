//! `minutes lint`: checks that notes keep the conventions of docs/format.md,
//! one rule per file under `rules/`, each with its docs and tests.

pub mod cache;
pub mod engine;
pub mod fix;
pub mod inline;
pub mod presence;
pub mod rules;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::ledger::Ledger;
use crate::model::{Meeting, Person};
use crate::parse::NoteAnalysis;
use crate::parse::front_matter::FrontMatter;
use crate::people::Directory;
use crate::problem::{Problem, ProblemKind, Severity};
use crate::source::LineIndex;

/// What docs/rules.md and SARIF say about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case, stable: configs and inline comments name rules by it.
    pub id: &'static str,
    /// `None`: off unless a config turns it on.
    pub default_severity: Option<Severity>,
    /// One line: what it catches.
    pub summary: &'static str,
    /// Why it matters.
    pub explanation: &'static str,
}

/// The severity `rule` runs at under `config`, `None` when it is off.
pub fn severity(config: &Config, rule: &RuleMeta) -> Option<Severity> {
    match config.rule_level(rule.id) {
        Some(level) => level.severity(),
        None => rule.default_severity,
    }
}

/// A config that names a rule no `minutes` has is an error at its line,
/// with the nearest rule's name: every command checks this after loading.
pub fn check_config(config: &Config) -> Result<(), crate::config::ConfigError> {
    let known: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    for (rule, line) in config.named_rules() {
        if known.contains(&rule) {
            continue;
        }
        let mut message = format!("unknown rule `{rule}`");
        if let Some(near) = crate::text::closest(rule, &known) {
            message.push_str(&format!(" (did you mean `{near}`?)"));
        }
        return Err(crate::config::ConfigError {
            path: config.path.clone().unwrap_or_default(),
            line,
            message,
        });
    }
    Ok(())
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one file. Most rules look only at notes.
    fn check(&self, _file: &FileContext, _out: &mut Vec<Finding>) {}

    /// Checks what spans files (a series' action IDs).
    fn check_folder(&self, _ledger: &Ledger, _out: &mut Vec<FolderFinding>) {}

    /// The edits that fix this rule's findings in one file, when a fix is
    /// certain (docs/rules.md says which rules have one).
    fn fix(&self, _file: &FileContext, _out: &mut Vec<fix::Edit>) {}

    /// The edits that fix this rule's findings across notes: `text_of`
    /// gives each note's text (without its byte-order mark) by path.
    fn fix_across<'t>(
        &self,
        _ledger: &Ledger,
        _text_of: &dyn Fn(&Path) -> Option<&'t str>,
        _out: &mut Vec<(PathBuf, fix::Edit)>,
    ) {
    }

    /// Whether `fix` or `fix_across` ever edits: its docs say so.
    fn fixable(&self) -> bool {
        false
    }

    /// Checks what spans notes but not actions (which note approved which).
    /// `meetings` are every note's skeleton (`cache::skeleton`).
    fn check_notes(&self, _meetings: &[Meeting], _out: &mut Vec<FolderFinding>) {}
}

/// One file as the rules see it.
pub struct FileContext<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub index: &'a LineIndex,
    /// `None` for a Markdown file with no front matter.
    pub note: Option<&'a NoteAnalysis<'a>>,
    pub config: &'a Config,
    /// Set when the file could not be read as text at all.
    pub file_problem: Option<&'a Problem>,
    /// The people the note lists and the register: built once, on first
    /// use, for the rules that resolve names.
    pub directory: std::cell::OnceCell<Directory>,
    /// The note's people indexed for resolving its short forms, built with
    /// the directory.
    pub note_index: std::cell::OnceCell<crate::people::NoteIndex>,
}

/// The people lists of a note, whether or not it made a meeting.
#[derive(Debug, Clone, Copy)]
pub struct PeopleLists<'a> {
    pub chair: Option<&'a Person>,
    pub minutes_by: Option<&'a Person>,
    pub present: &'a [Person],
    pub in_attendance: &'a [Person],
    pub apologies: &'a [Person],
    pub absent: &'a [Person],
}

impl PeopleLists<'_> {
    /// Every listed person with the key of their list.
    pub fn listed(&self) -> impl Iterator<Item = (&'static str, &Person)> {
        [
            ("present", self.present),
            ("in_attendance", self.in_attendance),
            ("apologies", self.apologies),
            ("absent", self.absent),
        ]
        .into_iter()
        .flat_map(|(key, people)| people.iter().map(move |p| (key, p)))
    }
}

impl<'a> FileContext<'a> {
    pub fn meeting(&self) -> Option<&'a Meeting> {
        self.note.and_then(|note| note.meeting.as_ref())
    }

    /// The register and this note's lists (not its action owners, so that
    /// an owner listed nowhere stays unknown), when the note is a meeting.
    pub fn directory(&self) -> Option<&Directory> {
        let meeting = self.meeting()?;
        Some(
            self.directory
                .get_or_init(|| Directory::listed_only(self.config, std::slice::from_ref(meeting))),
        )
    }

    /// The directory and the note's index, to resolve the note's names.
    pub fn people_index(&self) -> Option<(&Directory, &crate::people::NoteIndex)> {
        let meeting = self.meeting()?;
        let directory = self.directory()?;
        let index = self
            .note_index
            .get_or_init(|| directory.note_index(meeting));
        Some((directory, index))
    }

    pub fn problems(&self, kind: ProblemKind) -> impl Iterator<Item = &'a Problem> {
        self.note
            .into_iter()
            .flat_map(|note| note.problems.iter())
            .filter(move |p| p.kind == kind)
    }

    pub fn people(&self) -> Option<PeopleLists<'a>> {
        if let Some(m) = self.meeting() {
            return Some(PeopleLists {
                chair: m.chair.as_ref(),
                minutes_by: m.minutes_by.as_ref(),
                present: &m.present,
                in_attendance: &m.in_attendance,
                apologies: &m.apologies,
                absent: &m.absent,
            });
        }
        let fm: &FrontMatter = self.note?.front_matter.as_ref()?;
        Some(PeopleLists {
            chair: fm.chair.as_ref(),
            minutes_by: fm.minutes_by.as_ref(),
            present: &fm.present,
            in_attendance: &fm.in_attendance,
            apologies: &fm.apologies,
            absent: &fm.absent,
        })
    }

    /// The keys of the front matter outside the documented set.
    pub fn extra_keys(&self) -> Vec<&'a str> {
        if let Some(m) = self.meeting() {
            return m.extra.keys().map(String::as_str).collect();
        }
        self.note
            .and_then(|note| note.front_matter.as_ref())
            .map(|fm| fm.extra.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The file line of a top-level front-matter key.
    pub fn key_line(&self, key: &str) -> Option<usize> {
        self.note?.key_lines.keys.get(key).copied()
    }
}

/// What part of a line a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// The line's text, without its indentation.
    Line,
    /// The first occurrence of this text on the line (the line if absent).
    Text(String),
    /// From this 1-based character column to the end of the line.
    From(usize),
}

/// A rule's finding in one file, before severity and span are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based; 0 for the whole file.
    pub line: usize,
    pub mark: Mark,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    pub fn new(line: usize, mark: Mark, message: impl Into<String>) -> Self {
        Finding {
            line,
            mark,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A parse problem as a finding, underlining what the parser pointed at.
    pub fn from_problem(problem: &Problem) -> Self {
        let mark = match &problem.needle {
            Some(needle) => Mark::Text(needle.clone()),
            None if problem.column > 1 => Mark::From(problem.column),
            None => Mark::Line,
        };
        Finding {
            line: problem.line,
            mark,
            message: problem.message.clone(),
            help: problem.help.clone(),
        }
    }
}

/// A finding of a folder rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFinding {
    pub path: PathBuf,
    pub finding: Finding,
}

/// A problem as `minutes lint` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    #[serde(serialize_with = "crate::model::serialize_path")]
    pub path: PathBuf,
    pub line: usize,
    /// 1-based character column where the span starts.
    pub column: usize,
    pub end_line: usize,
    /// 1-based character column just after the span (exclusive, as in SARIF).
    pub end_column: usize,
    pub message: String,
    pub help: Option<String>,
    /// The text of `line`, for showing the span.
    #[serde(skip)]
    pub source_line: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::config::FILE_NAME);
        std::fs::write(&path, text).unwrap();
        let config = Config::load(&path).unwrap();
        (dir, config)
    }

    #[test]
    fn a_config_sets_severities_over_the_defaults() {
        let (_dir, config) = config("rules:\n  action-no-due: warning\n  chair-not-present: off\n");
        let meta = |id: &str| {
            rules::all()
                .iter()
                .find(|r| r.meta().id == id)
                .unwrap()
                .meta()
        };
        assert_eq!(
            severity(&config, meta("action-no-due")),
            Some(Severity::Warning)
        );
        assert_eq!(severity(&config, meta("chair-not-present")), None);
        assert_eq!(
            severity(&config, meta("action-no-owner")),
            Some(Severity::Error)
        );
        assert!(check_config(&config).is_ok());
    }

    #[test]
    fn an_unknown_rule_is_an_error_at_its_line_with_a_suggestion() {
        let (_dir, config) = config("rules:\n  action-no-owners: error\n");
        let err = check_config(&config).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(
            err.message,
            "unknown rule `action-no-owners` (did you mean `action-no-owner`?)"
        );
    }
}
