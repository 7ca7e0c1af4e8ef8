//! Turning rows into text: a table for people, JSON, CSV and Markdown for
//! programs and agendas. Writers are handed in; nothing here prints.

use clap::ValueEnum;

pub mod actions;
pub mod attendance;
pub mod csv;
pub mod decisions;
pub mod declarations;
pub mod diagnostics;
pub mod export;
pub mod ics;
pub mod imported;
pub mod json;
pub mod lifecycle;
pub mod markdown;
pub mod meetings;
pub mod next_note;
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

/// Output formats for lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people (plain columns when piped)
    Table,
    /// JSON with a schema_version (docs/format.md)
    Json,
    /// RFC 4180 CSV, for spreadsheets
    Csv,
    /// A Markdown table, to paste into an agenda
    Markdown,
}

/// Output formats for `actions` and `meetings`: the list formats, and a
/// calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    /// A table for people (plain columns when piped)
    Table,
    /// JSON with a schema_version (docs/json.md)
    Json,
    /// RFC 4180 CSV, for spreadsheets
    Csv,
    /// A Markdown table, to paste into an agenda
    Markdown,
    /// iCalendar (RFC 5545): for actions, an all-day event per due date and
    /// a to-do per action (see --calendar); for meetings, an event each
    Ics,
}

impl ActionsFormat {
    /// The list format it is, or `None` for the calendar.
    pub fn list(self) -> Option<Format> {
        match self {
            ActionsFormat::Table => Some(Format::Table),
            ActionsFormat::Json => Some(Format::Json),
            ActionsFormat::Csv => Some(Format::Csv),
            ActionsFormat::Markdown => Some(Format::Markdown),
            ActionsFormat::Ics => None,
        }
    }
}

/// Writes a grid in any format but JSON.
pub fn write_grid(
    grid: &Grid,
    format: Format,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table | Format::Json => table::render(grid, style, out),
        Format::Markdown => markdown::render(grid, out),
        Format::Csv => {
            let rows = grid
                .rows
                .iter()
                .map(|row| row.iter().map(|c| c.text.clone()).collect::<Vec<_>>());
            csv::render(&grid.headers, rows, out)
        }
    }
}
