//! `minutes meetings` in every format.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use super::{Cell, Column, Grid, Kind, Sheet, Style, csv, json, markdown, table};
use crate::model::{NoteStatus, SCHEMA_VERSION};
use crate::query::meetings::MeetingRow;

/// The table's columns; a narrow terminal leaves out the file first, then
/// the counts.
pub const COLUMNS: [Column; 7] = [
    Column::words("Date", 0).holding(Kind::Date),
    Column::words("Meeting", 0),
    Column::words("Items", 2).holding(Kind::Count),
    Column::words("Decisions", 2).holding(Kind::Count),
    Column::words("Open/total actions", 2),
    Column::words("Minutes", 1),
    Column::prose("File", 3),
];
/// What each CSV column holds, for a workbook.
const CSV_KINDS: [Kind; 10] = [
    Kind::Date,
    Kind::Text,
    Kind::Count,
    Kind::Count,
    Kind::Count,
    Kind::Count,
    Kind::Text,
    Kind::Date,
    Kind::Text,
    Kind::Text,
];
const CSV_HEADERS: [&str; 10] = [
    "date",
    "meeting",
    "items",
    "decisions",
    "open_actions",
    "actions",
    "status",
    "approved_on",
    "approved_by",
    "file",
];

/// `approved on DATE` (by the meeting of that date, whose file the other
/// formats name), `approved (front matter)` when only the note says so,
/// or `awaiting approval`.
fn approval_label(row: &MeetingRow) -> String {
    match (row.approval, row.status) {
        (Some(approval), _) => format!("approved on {}", approval.date),
        (None, Some(NoteStatus::Approved)) => "approved (front matter)".to_string(),
        (None, _) => "awaiting approval".to_string(),
    }
}

pub fn write(
    rows: &[MeetingRow],
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(&grid(rows), style, out),
        Format::Markdown => markdown::render(&grid(rows), style, out),
        Format::Xlsx => {
            let columns: Vec<(&str, Kind)> = CSV_HEADERS.into_iter().zip(CSV_KINDS).collect();
            let sheet = Sheet::new("Meetings", &columns, rows.iter().map(csv_row).collect());
            super::xlsx::write(&[sheet], out)
        }
        Format::Csv => csv::render(&CSV_HEADERS, rows.iter().map(csv_row), style.bom, out),
        Format::Json => json::render(&document(rows), out),
    }
}

fn grid(rows: &[MeetingRow]) -> Grid {
    Grid {
        columns: COLUMNS.to_vec(),
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    Cell::plain(row.date.to_string()),
                    Cell::plain(row.series),
                    Cell::plain(row.counts.items.to_string()),
                    Cell::plain(row.counts.decisions.to_string()),
                    Cell::plain(format!(
                        "{}/{}",
                        row.counts.live_actions, row.counts.actions
                    )),
                    Cell::plain(approval_label(row)),
                    Cell::plain(row.path.display().to_string()),
                ]
            })
            .collect(),
    }
}

fn csv_row(row: &MeetingRow) -> Vec<String> {
    vec![
        row.date.to_string(),
        row.series.to_string(),
        row.counts.items.to_string(),
        row.counts.decisions.to_string(),
        row.counts.live_actions.to_string(),
        row.counts.actions.to_string(),
        row.status.map(status_str).unwrap_or_default().to_string(),
        row.approval.map(|a| a.date.to_string()).unwrap_or_default(),
        row.approval
            .map(|a| a.path.display().to_string())
            .unwrap_or_default(),
        row.path.display().to_string(),
    ]
}

fn status_str(status: NoteStatus) -> &'static str {
    match status {
        NoteStatus::Draft => "draft",
        NoteStatus::Approved => "approved",
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    meetings: Vec<MeetingJson<'a>>,
}

#[derive(Serialize)]
struct MeetingJson<'a> {
    date: NaiveDate,
    meeting: &'a str,
    items: usize,
    decisions: usize,
    open_actions: usize,
    actions: usize,
    /// The front matter's `status`, or `null`.
    status: Option<NoteStatus>,
    /// The date of the meeting that approved these minutes, or `null`.
    approved_on: Option<NaiveDate>,
    /// That meeting's file, or `null`.
    approved_by: Option<String>,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
}

fn document<'a>(rows: &'a [MeetingRow]) -> Document<'a> {
    Document {
        schema_version: SCHEMA_VERSION,
        meetings: rows
            .iter()
            .map(|row| MeetingJson {
                date: row.date,
                meeting: row.series,
                items: row.counts.items,
                decisions: row.counts.decisions,
                open_actions: row.counts.live_actions,
                actions: row.counts.actions,
                status: row.status,
                approved_on: row.approval.map(|a| a.date),
                approved_by: row.approval.map(|a| a.path.to_string_lossy().into_owned()),
                file: row.path,
            })
            .collect(),
    }
}
