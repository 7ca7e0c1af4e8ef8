//! `minutes actions` in every format.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::ActionsFormat as Format;
use super::{Cell, Column, Grid, Kind, Sheet, Style, csv, json, markdown, table};
use crate::ledger::Entry;
use crate::model::{ActionId, Person, SCHEMA_VERSION, Status};
use crate::query::actions::ActionRow;

/// The table's columns; a narrow terminal leaves out the latest note first,
/// then the item, the date, the meeting and the status.
pub const COLUMNS: [Column; 9] = [
    Column::words("ID", 0),
    Column::words("Owners", 0),
    Column::prose("Action", 0),
    Column::words("Due", 0).holding(Kind::Date),
    Column::words("Status", 2),
    Column::words("Meeting", 3),
    Column::words("Date", 4).holding(Kind::Date),
    Column::prose("Item", 5),
    Column::prose("Latest note", 6),
];
const CSV_HEADERS: [&str; 14] = [
    "id",
    "owners",
    "action",
    "due",
    "overdue",
    "status",
    "meeting",
    "date",
    "item",
    "item_title",
    "note",
    "file",
    "line",
    "exempt",
];

/// What each CSV column holds, for a workbook.
const CSV_KINDS: [Kind; 14] = [
    Kind::Text,
    Kind::Text,
    Kind::Prose,
    Kind::Date,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Date,
    Kind::Text,
    Kind::Prose,
    Kind::Prose,
    Kind::Text,
    Kind::Count,
    Kind::Text,
];

/// Writes the rows; returns how many actions a calendar left without a
/// date (0 in the other formats, which show every row).
pub fn write(
    rows: &[ActionRow],
    format: Format,
    style: &Style,
    today: NaiveDate,
    calendar: super::ics::CalendarKind,
    out: &mut dyn Write,
) -> io::Result<usize> {
    match format {
        Format::Table => table::render(&grid(rows), style, out).map(|()| 0),
        Format::Markdown => markdown::render(&grid(rows), style, out).map(|()| 0),
        Format::Xlsx => {
            let columns: Vec<(&str, Kind)> = CSV_HEADERS.into_iter().zip(CSV_KINDS).collect();
            let sheet = Sheet::new("Actions", &columns, rows.iter().map(csv_row).collect());
            super::xlsx::write(&[sheet], out).map(|()| 0)
        }
        Format::Csv => {
            csv::render(&CSV_HEADERS, rows.iter().map(csv_row), style.bom, out).map(|()| 0)
        }
        Format::Json => json::render(&document(rows, today), out).map(|()| 0),
        Format::Ics => super::ics::write(rows, today, calendar, out),
    }
}

fn grid(rows: &[ActionRow]) -> Grid {
    Grid {
        columns: COLUMNS.to_vec(),
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    Cell::plain(row.action.id.to_string()),
                    Cell::plain(row.owner_names.join(", ")),
                    Cell::plain(&row.action.text),
                    due_cell(row),
                    Cell::plain(row.state.status.as_str()),
                    Cell::plain(&row.meeting.meeting),
                    Cell::plain(row.meeting.date.to_string()),
                    Cell::plain(item_label(row)),
                    Cell::plain(row.state.note.unwrap_or("")),
                ]
            })
            .collect(),
    }
}

/// The due date, with `(overdue)` spelled out so that the mark survives
/// without colour.
/// The due date, or as written when it is no date (`30th June`): every
/// format shows what the table shows.
fn due_text(row: &ActionRow) -> String {
    match (row.state.due, row.state.due_written) {
        (Some(due), _) => due.to_string(),
        (None, Some(written)) => written.to_string(),
        (None, None) => String::new(),
    }
}

fn due_cell(row: &ActionRow) -> Cell {
    let text = due_text(row);
    if row.overdue {
        Cell {
            text: format!("{text} (overdue)"),
            alert: true,
        }
    } else {
        Cell::plain(text)
    }
}

fn item_label(row: &ActionRow) -> String {
    let label = row.item.heading();
    match row.item.exempt {
        Some(_) => format!("{label} (exempt)"),
        None => label,
    }
}

fn csv_row(row: &ActionRow) -> Vec<String> {
    let action = row.action;
    vec![
        action.id.to_string(),
        row.owner_names.join(", "),
        action.text.clone(),
        due_text(row),
        row.overdue.to_string(),
        row.state.status.as_str().to_string(),
        row.meeting.meeting.clone(),
        row.meeting.date.to_string(),
        row.item.number.clone(),
        row.item.title.clone(),
        row.state.note.unwrap_or("").to_string(),
        row.meeting.path.display().to_string(),
        action.line.to_string(),
        if row.item.exempt.is_some() { "yes" } else { "" }.to_string(),
    ]
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    today: NaiveDate,
    actions: Vec<ActionJson<'a>>,
}

/// An action with where it was raised: the record `--format json` prints.
#[derive(Serialize)]
struct ActionJson<'a> {
    id: &'a ActionId,
    owners: &'a [Person],
    /// The owners under their canonical names, resolved through the people
    /// register and the note's lists.
    owner_names: &'a [String],
    assigned_to_all: bool,
    text: &'a str,
    due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_written: Option<&'a str>,
    overdue: bool,
    status: Status,
    meeting: &'a str,
    date: NaiveDate,
    item: &'a str,
    item_title: &'a str,
    /// Raised under an exempt item: minuted in private.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    exempt: bool,
    /// The latest progress note from an update.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
    line: usize,
    /// Every update of the action, oldest first.
    history: Vec<HistoryJson<'a>>,
}

/// One update of an action, as `--format json` prints it.
#[derive(Serialize)]
pub struct HistoryJson<'a> {
    pub meeting: &'a str,
    pub date: NaiveDate,
    pub status: Status,
    pub owners: &'a [Person],
    pub assigned_to_all: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(serialize_with = "crate::model::serialize_path")]
    pub file: &'a Path,
    pub line: usize,
}

pub fn history_json<'a>(entry: &'a Entry<'a>) -> Vec<HistoryJson<'a>> {
    entry
        .updates
        .iter()
        .map(|applied| HistoryJson {
            meeting: &applied.meeting.meeting,
            date: applied.meeting.date,
            status: applied.update.status,
            owners: &applied.update.owners,
            assigned_to_all: applied.update.assigned_to_all,
            due: applied.update.due,
            note: applied.update.note.as_deref(),
            file: &applied.meeting.path,
            line: applied.update.line,
        })
        .collect()
}

fn document<'a>(rows: &'a [ActionRow], today: NaiveDate) -> Document<'a> {
    Document {
        schema_version: SCHEMA_VERSION,
        today,
        actions: rows
            .iter()
            .map(|row| ActionJson {
                id: &row.action.id,
                owners: row.state.owners,
                owner_names: &row.owner_names,
                assigned_to_all: row.state.assigned_to_all,
                text: &row.action.text,
                due: row.state.due,
                due_written: row.state.due_written,
                overdue: row.overdue,
                status: row.state.status,
                meeting: &row.meeting.meeting,
                date: row.meeting.date,
                item: &row.item.number,
                item_title: &row.item.title,
                exempt: row.item.exempt.is_some(),
                note: row.state.note,
                file: &row.meeting.path,
                line: row.action.line,
                history: history_json(row.entry),
            })
            .collect(),
    }
}
