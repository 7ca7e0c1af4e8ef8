//! A table as a spreadsheet takes it: a name, headers, and columns that
//! say what they hold, so that a workbook has dates as dates and counts as
//! numbers while the cells keep the text every other format shows.

use super::Grid;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text kept on one line (an ID, a name, a status).
    Text,
    /// Text to wrap (an action, a decision, a note).
    Prose,
    /// An ISO date (`2026-11-24`); a cell that is no date (`30th June`)
    /// stays text.
    Date,
    /// A whole number (a count, a line number).
    Count,
    /// A rate written `86%`.
    Percent,
}

/// One table of a workbook.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub kinds: Vec<Kind>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// A sheet of every column of a grid, as the CSV has them.
    pub fn from_grid(name: &str, grid: &Grid) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: grid.headers().map(String::from).collect(),
            kinds: grid.columns.iter().map(|c| c.kind).collect(),
            rows: grid
                .rows
                .iter()
                .map(|row| row.iter().map(|cell| cell.text.clone()).collect())
                .collect(),
        }
    }

    /// A sheet from headers, their kinds, and rows of text.
    pub fn new<H: AsRef<str>>(name: &str, columns: &[(H, Kind)], rows: Vec<Vec<String>>) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: columns
                .iter()
                .map(|(h, _)| h.as_ref().to_string())
                .collect(),
            kinds: columns.iter().map(|&(_, kind)| kind).collect(),
            rows,
        }
    }
}
