//! Turning rows into text: a table for people, JSON, CSV and Markdown for
//! programs and agendas. Writers are handed in; nothing here prints.

use std::borrow::Cow;

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
pub mod remind;
pub mod report;
pub mod sheet;
pub mod table;
pub mod xlsx;

pub use sheet::{Kind, Sheet};

/// How the terminal on the other end wants its tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    /// Writing to a terminal: fit tables to its width and draw borders.
    pub terminal: bool,
    /// Colour is wanted (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// The terminal's width in columns, when known (`COLUMNS`, else the
    /// terminal's own); a terminal of unknown width is taken as 80.
    pub width: Option<u16>,
    /// The columns asked for with `--columns`, by header (any case, `-` or
    /// `_` for a space), in their order; empty: every column that fits.
    pub columns: Vec<String>,
    /// Start a CSV with a UTF-8 byte-order mark (`--bom`), for Excel.
    pub bom: bool,
}

/// How a column may be narrowed to fit a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Broken only between words: IDs, dates, names, counts and statuses
    /// keep each word whole.
    Words,
    /// Prose (an action's text, a note): wraps, and a word longer than the
    /// column's least width is broken.
    Prose,
}

/// One column of a table: its header, how it may be narrowed, and how soon
/// it is left out of a narrow terminal's table (0: never; higher: sooner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: Cow<'static, str>,
    pub fit: Fit,
    pub rank: u8,
    /// What a spreadsheet is to make of its cells.
    pub kind: Kind,
}

impl Column {
    pub const fn words(header: &'static str, rank: u8) -> Self {
        Column {
            header: Cow::Borrowed(header),
            fit: Fit::Words,
            rank,
            kind: Kind::Text,
        }
    }

    pub const fn prose(header: &'static str, rank: u8) -> Self {
        Column {
            header: Cow::Borrowed(header),
            fit: Fit::Prose,
            rank,
            kind: Kind::Prose,
        }
    }

    /// The column, holding `kind` (a date, a count) for a spreadsheet.
    pub const fn holding(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// A column of words whose header is made at run time (an attendance
    /// register's meeting dates).
    pub fn named(header: String, rank: u8) -> Self {
        Column {
            header: Cow::Owned(header),
            fit: Fit::Words,
            rank,
            kind: Kind::Text,
        }
    }
}

/// `Latest note`, `latest-note` and `LATEST_NOTE` name the same column.
pub fn column_key(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '-' | '_' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Checks `--columns` against a command's columns before anything is read
/// or written: an unknown name is said with the names there are.
pub fn check_columns(columns: &[Column], wanted: &[String]) -> Result<(), String> {
    let known: Vec<String> = columns.iter().map(|c| column_key(&c.header)).collect();
    match wanted.iter().find(|w| !known.contains(&column_key(w))) {
        None => Ok(()),
        Some(unknown) => Err(format!(
            "no column `{unknown}`; the columns are: {}",
            known
                .iter()
                .map(|k| k.replace(' ', "-"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
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

/// Columns and rows, for the table and Markdown renderers.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn headers(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.header.as_ref())
    }

    /// The grid with only the columns at `keep`, in that order.
    pub fn select(&self, keep: &[usize]) -> Grid {
        Grid {
            columns: keep
                .iter()
                .filter_map(|&at| self.columns.get(at).cloned())
                .collect(),
            rows: self
                .rows
                .iter()
                .map(|row| keep.iter().filter_map(|&at| row.get(at).cloned()).collect())
                .collect(),
        }
    }

    /// Where the columns named in `wanted` are, in its order (names not
    /// among the columns are passed over: they were checked before).
    pub fn positions(&self, wanted: &[String]) -> Vec<usize> {
        wanted
            .iter()
            .filter_map(|name| {
                let key = column_key(name);
                self.columns
                    .iter()
                    .position(|c| column_key(&c.header) == key)
            })
            .collect()
    }

    /// The grid with the columns `--columns` asked for, if it asked.
    pub fn chosen(&self, style: &Style) -> Option<Grid> {
        (!style.columns.is_empty()).then(|| self.select(&self.positions(&style.columns)))
    }
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
    /// An Excel workbook (redirect it to a file): dates as dates, counts as numbers
    Xlsx,
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
    /// An Excel workbook (redirect it to a file): dates as dates, counts as numbers
    Xlsx,
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
            ActionsFormat::Xlsx => Some(Format::Xlsx),
            ActionsFormat::Ics => None,
        }
    }
}

/// Writes a grid in any format but JSON; a workbook's one sheet is named
/// `sheet`.
pub fn write_grid(
    grid: &Grid,
    sheet: &str,
    format: Format,
    style: &Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Xlsx => xlsx::write(&[Sheet::from_grid(sheet, grid)], out),
        Format::Table | Format::Json => table::render(grid, style, out),
        Format::Markdown => markdown::render(grid, style, out),
        Format::Csv => {
            let rows = grid
                .rows
                .iter()
                .map(|row| row.iter().map(|c| c.text.clone()).collect::<Vec<_>>());
            csv::render(&grid.headers().collect::<Vec<_>>(), rows, style.bom, out)
        }
    }
}
