//! Turning rows into text: a table for people, JSON, CSV and Markdown for
//! programs and agendas. Writers are handed in; nothing here prints.

pub mod actions;
pub mod csv;
pub mod diagnostics;
pub mod ics;
pub mod json;
pub mod lifecycle;
pub mod markdown;
pub mod meetings;
pub mod note;
pub mod people;
pub mod report;
pub mod table;

/// How the terminal on the other end wants its tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Writing to a terminal: fit tables to its width and draw borders.
    pub terminal: bool,
    /// Colour is wanted (a terminal, and `NO_COLOR` unset).
    pub color: bool,
}

/// One cell of a table. `alert` cells (an overdue date) are shown in bold in
/// Markdown and in red on a colour terminal, and always carry a word saying
/// why, so that nothing depends on colour alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub alert: bool,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            alert: false,
        }
    }
}

/// Headers and rows, for the table and Markdown renderers.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Owned headers from a list of names.
pub fn headers<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    names.iter().map(|n| n.as_ref().to_string()).collect()
}
