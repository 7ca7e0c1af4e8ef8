//! Problems found while reading and parsing notes. Each carries the file and
//! the 1-based line and column, so that no message ever loses its place.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::text::escape_controls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What went wrong. The kebab-case ids are shared with `minutes lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The file could not be read (permissions, a loop, it vanished).
    Unreadable,
    /// The file is larger than the configured limit.
    TooLarge,
    /// The file is not UTF-8 text.
    NotText,
    /// A `---` block at the top that never closes, or YAML that does not parse.
    FrontMatterInvalid,
    /// `meeting` or `date` missing or empty.
    RequiredField,
    /// A date that is not a real `YYYY-MM-DD`.
    DateInvalid,
    /// A field of the wrong shape (`present` not a list of people).
    FieldType,
    /// A people-list entry that looks like two people (a mis-indented list).
    PersonMerged,
}

impl ProblemKind {
    pub fn id(self) -> &'static str {
        match self {
            ProblemKind::Unreadable | ProblemKind::TooLarge => "unreadable",
            ProblemKind::NotText => "not-text",
            ProblemKind::FrontMatterInvalid => "front-matter-invalid",
            ProblemKind::RequiredField => "required-field",
            ProblemKind::DateInvalid => "date-invalid",
            ProblemKind::FieldType => "field-type",
            ProblemKind::PersonMerged => "person-merged",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub severity: Severity,
    #[serde(serialize_with = "crate::model::serialize_path")]
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file (it could not be read).
    pub line: usize,
    /// 1-based character column; 0 with line 0.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text on the line that the problem is about, for underlining.
    #[serde(skip)]
    pub needle: Option<String>,
}

impl Problem {
    pub fn error(kind: ProblemKind, path: &Path, line: usize, message: impl Into<String>) -> Self {
        Problem {
            kind,
            severity: Severity::Error,
            path: path.to_path_buf(),
            line,
            column: usize::from(line > 0),
            message: message.into(),
            help: None,
            needle: None,
        }
    }

    pub fn with_needle(mut self, needle: impl Into<String>) -> Self {
        self.needle = Some(needle.into());
        self
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// `path:line: message`, or `path: message` for a whole-file problem,
/// the form editors and terminals turn into links.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line whatever the note held: its text may end up in a terminal or a CI log.
        let path = self.path.display().to_string();
        write!(f, "{}", escape_controls(&path))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(
            f,
            ": {}: {}",
            self.severity.as_str(),
            escape_controls(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, " ({})", escape_controls(help))?;
        }
        Ok(())
    }
}
