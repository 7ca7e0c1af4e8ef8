//! Why a command stopped short, and its exit code: decided here, and said
//! once, with the `minutes:` prefix, by `run_with` (as `just` does).

use std::fmt;
use std::io::{self, Write};

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_TOOL_ERROR};
use crate::config::ConfigError;
use crate::text::escape_controls;

#[derive(Debug)]
pub enum CliError {
    /// `minutes.yaml` does not parse or names a rule no `minutes` has.
    Config(ConfigError),
    /// What was asked cannot be done: a series with no notes, a note that
    /// cannot be written, a pattern that is not one.
    Tool(String),
    /// What was asked for is not there, or could be more than one thing:
    /// an unknown or ambiguous person, an ID no action has. Exit 1, or the
    /// code the command had already come to if that is higher.
    NotFound { message: String, code: i32 },
    /// Writing the answer failed.
    Io(io::Error),
}

impl CliError {
    pub fn not_found(message: impl Into<String>) -> Self {
        CliError::NotFound {
            message: message.into(),
            code: EXIT_FINDINGS,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Config(_) | CliError::Tool(_) => EXIT_TOOL_ERROR,
            CliError::NotFound { code, .. } => (*code).max(EXIT_FINDINGS),
            // A reader that went away (`| head`) is not an error.
            CliError::Io(err) if err.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
            CliError::Io(_) => EXIT_TOOL_ERROR,
        }
    }

    /// Says what went wrong on `err` (nothing for a closed pipe) and gives
    /// the exit code: the one place the `minutes:` prefix is written.
    pub fn report(&self, err: &mut dyn Write) -> i32 {
        let closed = matches!(self, CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe);
        if !closed {
            // Nothing more can be said if even this write fails.
            let _ = writeln!(err, "minutes: {}", escape_controls(&self.to_string()));
        }
        self.exit_code()
    }
}

/// Says a warning on `err`: something went less well than it might, and the
/// answer is still right (a cache that could not be used).
pub fn warn(err: &mut dyn Write, message: &str) -> io::Result<()> {
    writeln!(err, "minutes: warning: {}", escape_controls(message))
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Config(err) => write!(f, "{err}"),
            CliError::Tool(message) | CliError::NotFound { message, .. } => f.write_str(message),
            CliError::Io(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for CliError {}

impl From<io::Error> for CliError {
    fn from(err: io::Error) -> Self {
        CliError::Io(err)
    }
}

impl From<ConfigError> for CliError {
    fn from(err: ConfigError) -> Self {
        CliError::Config(err)
    }
}
