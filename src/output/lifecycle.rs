//! `minutes carry-forward` and `minutes history` in their formats.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use super::{Cell, Column, Grid, Kind, Sheet, Style, csv, json, markdown, table};
use crate::ledger::{Entry, State};
use crate::model::{ActionId, Person, SCHEMA_VERSION, Status};
use crate::query::lifecycle::CarryRow;

/// The update syntax of docs/format.md, ready to paste under "Actions from
/// previous meetings": `- [ ] ID Owners: text (due D, overdue) — note`.
pub fn carry_line(row: &CarryRow) -> String {
    let state = &row.state;
    let mut line = format!("- {} {}", state.status.checkbox(), row.entry.action.id);
    let owners = if state.assigned_to_all {
        "All".to_string()
    } else {
        state
            .owners
            .iter()
            .map(Person::as_written)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !owners.is_empty() {
        line.push_str(&format!(" {owners}:"));
    }
    if !row.entry.action.text.is_empty() {
        line.push_str(&format!(" {}", row.entry.action.text));
    }
    // The resolved date, never `next meeting`, which would mean the new note's.
    if let Some(due) = state.due {
        let mark = if row.overdue { ", overdue" } else { "" };
        line.push_str(&format!(" (due {due}{mark})"));
    }
    if let Some(note) = state.note {
        line.push_str(&format!(" — {note}"));
    }
    line
}

pub fn write_carry(
    rows: &[CarryRow],
    format: CarryFormat,
    style: &Style,
    series: &str,
    date: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CarryFormat::Markdown => {
            for row in rows {
                writeln!(out, "{}", carry_line(row))?;
            }
            Ok(())
        }
        CarryFormat::Table => table::render(&carry_grid(rows), style, out),
        CarryFormat::Json => json::render(
            &CarryDocument {
                schema_version: SCHEMA_VERSION,
                meeting: series,
                date,
                actions: rows.iter().map(carry_json).collect(),
            },
            out,
        ),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CarryFormat {
    /// Update lines to paste under "Actions from previous meetings"
    Markdown,
    /// A table for people
    Table,
    /// JSON with a schema_version
    Json,
}

fn due_text(state: &State, overdue: bool) -> Cell {
    let text = match (state.due, state.due_written) {
        (Some(due), _) => due.to_string(),
        (None, Some(written)) => written.to_string(),
        (None, None) => String::new(),
    };
    if overdue {
        Cell {
            text: format!("{text} (overdue)"),
            alert: true,
        }
    } else {
        Cell::plain(text)
    }
}

/// `carry-forward`'s table; a narrow terminal leaves out the latest note,
/// the meeting that raised the action and the status, in turn.
pub const CARRY_COLUMNS: [Column; 7] = [
    Column::words("ID", 0),
    Column::words("Owners", 0),
    Column::prose("Action", 0),
    Column::words("Due", 0).holding(Kind::Date),
    Column::words("Status", 2),
    Column::words("Raised", 3).holding(Kind::Date),
    Column::prose("Latest note", 4),
];

/// `history`'s columns (the CSV's headers too); a narrow terminal leaves out
/// the file and line first.
pub const HISTORY_COLUMNS: [Column; 10] = [
    Column::words("ID", 0),
    Column::words("Event", 0),
    Column::words("Date", 0).holding(Kind::Date),
    Column::words("Meeting", 3),
    Column::words("Status", 0),
    Column::words("Owners", 2),
    Column::words("Due", 1).holding(Kind::Date),
    Column::prose("Text or note", 0),
    Column::prose("File", 4),
    Column::words("Line", 4).holding(Kind::Count),
];

fn carry_grid(rows: &[CarryRow]) -> Grid {
    Grid {
        columns: CARRY_COLUMNS.to_vec(),
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    Cell::plain(row.entry.action.id.to_string()),
                    Cell::plain(row.state.owners_label()),
                    Cell::plain(&row.entry.action.text),
                    due_text(&row.state, row.overdue),
                    Cell::plain(row.state.status.as_str()),
                    Cell::plain(row.entry.meeting.date.to_string()),
                    Cell::plain(row.state.note.unwrap_or("")),
                ]
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct CarryDocument<'a> {
    schema_version: u32,
    meeting: &'a str,
    date: NaiveDate,
    actions: Vec<CarryJson<'a>>,
}

#[derive(Serialize)]
struct CarryJson<'a> {
    id: &'a ActionId,
    owners: &'a [Person],
    assigned_to_all: bool,
    text: &'a str,
    due: Option<NaiveDate>,
    overdue: bool,
    status: Status,
    raised: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
    line: usize,
    /// The line `markdown` prints for this action.
    update_line: String,
}

fn carry_json<'a>(row: &'a CarryRow<'a>) -> CarryJson<'a> {
    CarryJson {
        id: &row.entry.action.id,
        owners: row.state.owners,
        assigned_to_all: row.state.assigned_to_all,
        text: &row.entry.action.text,
        due: row.state.due,
        overdue: row.overdue,
        status: row.state.status,
        raised: row.entry.meeting.date,
        note: row.state.note,
        file: &row.entry.meeting.path,
        line: row.entry.action.line,
        update_line: carry_line(row),
    }
}

/// One event of an action's life: the line that raised it, or an update.
struct Event<'a> {
    kind: &'static str,
    date: NaiveDate,
    meeting: &'a str,
    status: Status,
    owners: String,
    due: String,
    note: String,
    file: &'a Path,
    line: usize,
}

fn events<'a>(entry: &'a Entry<'a>) -> Vec<Event<'a>> {
    let action = entry.action;
    let mut events = vec![Event {
        kind: "raised",
        date: entry.meeting.date,
        meeting: &entry.meeting.meeting,
        status: action.status,
        owners: action.owners_label(),
        due: action
            .due
            .map(|d| d.to_string())
            .or(action.due_written.clone())
            .unwrap_or_default(),
        note: action.text.clone(),
        file: &entry.meeting.path,
        line: action.line,
    }];
    for applied in &entry.updates {
        let update = applied.update;
        events.push(Event {
            kind: "update",
            date: applied.meeting.date,
            meeting: &applied.meeting.meeting,
            status: update.status,
            owners: crate::model::owners_label(&update.owners, update.assigned_to_all),
            due: update
                .due
                .map(|d| d.to_string())
                .or(update.due_written.clone())
                .unwrap_or_default(),
            note: update.note.clone().unwrap_or_default(),
            file: &applied.meeting.path,
            line: update.line,
        });
    }
    events
}

pub fn write_history(
    entries: &[&Entry],
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let columns = HISTORY_COLUMNS;
    let headers: Vec<&str> = columns.iter().map(|c| c.header.as_ref()).collect();
    let rows: Vec<Vec<String>> = entries
        .iter()
        .flat_map(|entry| {
            events(entry).into_iter().map(move |e| {
                vec![
                    entry.action.id.to_string(),
                    e.kind.to_string(),
                    e.date.to_string(),
                    e.meeting.to_string(),
                    e.status.as_str().to_string(),
                    e.owners,
                    e.due,
                    e.note,
                    e.file.display().to_string(),
                    e.line.to_string(),
                ]
            })
        })
        .collect();
    match format {
        Format::Csv => csv::render(&headers, rows, style.bom, out),
        Format::Table | Format::Markdown => {
            let grid = Grid {
                columns: columns.to_vec(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(Cell::plain).collect())
                    .collect(),
            };
            if format == Format::Table {
                table::render(&grid, style, out)
            } else {
                markdown::render(&grid, style, out)
            }
        }
        Format::Xlsx => {
            let kinds: Vec<(&str, Kind)> = columns
                .iter()
                .map(|c| (c.header.as_ref(), c.kind))
                .collect();
            super::xlsx::write(&[Sheet::new("History", &kinds, rows)], out)
        }
        Format::Json => json::render(&history_document(entries), out),
    }
}

#[derive(Serialize)]
struct HistoryDocument<'a> {
    schema_version: u32,
    actions: Vec<HistoryAction<'a>>,
}

#[derive(Serialize)]
struct HistoryAction<'a> {
    id: &'a ActionId,
    meeting: &'a str,
    date: NaiveDate,
    text: &'a str,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
    line: usize,
    raised: RaisedJson<'a>,
    history: Vec<super::actions::HistoryJson<'a>>,
    current: CurrentJson<'a>,
}

#[derive(Serialize)]
struct RaisedJson<'a> {
    status: Status,
    owners: &'a [Person],
    assigned_to_all: bool,
    due: Option<NaiveDate>,
}

#[derive(Serialize)]
struct CurrentJson<'a> {
    status: Status,
    owners: &'a [Person],
    assigned_to_all: bool,
    due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn history_document<'a>(entries: &[&'a Entry<'a>]) -> HistoryDocument<'a> {
    HistoryDocument {
        schema_version: SCHEMA_VERSION,
        actions: entries
            .iter()
            .map(|entry| {
                let state = entry.state();
                HistoryAction {
                    id: &entry.action.id,
                    meeting: &entry.meeting.meeting,
                    date: entry.meeting.date,
                    text: &entry.action.text,
                    file: &entry.meeting.path,
                    line: entry.action.line,
                    raised: RaisedJson {
                        status: entry.action.status,
                        owners: &entry.action.owners,
                        assigned_to_all: entry.action.assigned_to_all,
                        due: entry.action.due,
                    },
                    history: super::actions::history_json(entry),
                    current: CurrentJson {
                        status: state.status,
                        owners: state.owners,
                        assigned_to_all: state.assigned_to_all,
                        due: state.due,
                        note: state.note,
                    },
                }
            })
            .collect(),
    }
}
