//! `minutes attendance` in its formats.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Cell, Column, Format, Grid, Kind, Style, json, write_grid};
use crate::model::SCHEMA_VERSION;
use crate::query::attendance::{Group, Mark, Register};

/// The register's columns: name, group, a column a meeting (its date, and
/// the series' initials when there are several), and the totals.
pub fn columns(register: &Register) -> Vec<Column> {
    let series: std::collections::BTreeSet<&str> = register
        .meetings
        .iter()
        .map(|m| m.meeting.as_str())
        .collect();
    let labels: Vec<String> = register
        .meetings
        .iter()
        .map(|m| {
            if series.len() > 1 {
                format!("{} {}", m.date, initials(&m.meeting))
            } else {
                m.date.to_string()
            }
        })
        .collect();
    // A narrow terminal leaves out the group first, then the oldest
    // meetings: the register keeps the latest ones and the totals.
    let mut columns = vec![Column::words("Name", 0), Column::words("Group", u8::MAX)];
    let meetings = labels.len();
    columns.extend(labels.into_iter().enumerate().map(|(at, label)| {
        let age = meetings - at;
        Column::named(
            label,
            u8::try_from(age).unwrap_or(u8::MAX - 1).min(u8::MAX - 1),
        )
    }));
    columns.extend(
        ["Present", "Apologies", "Absent", "Member meetings"]
            .map(|h| Column::words(h, 0).holding(Kind::Count)),
    );
    columns.push(Column::words("Rate", 0).holding(Kind::Percent));
    columns
}

pub fn write(
    register: &Register,
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        return json::render(&attendance_document(register), out);
    }
    let columns = columns(register);
    let mut rows: Vec<Vec<Cell>> = register
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Cell::plain(&row.name),
                Cell::plain(match row.group {
                    Group::Member => "member",
                    Group::InAttendance => "in attendance",
                }),
            ];
            cells.extend(row.marks.iter().map(|m| Cell::plain(m.letter())));
            cells.extend([
                Cell::plain(row.present.to_string()),
                Cell::plain(row.apologies.to_string()),
                Cell::plain(row.absent.to_string()),
                Cell::plain(row.member_meetings.to_string()),
                Cell::plain(row.rate.map(percent).unwrap_or_default()),
            ]);
            cells
        })
        .collect();
    let mut totals = vec![Cell::plain("Members present"), Cell::plain("")];
    totals.extend((0..register.meetings.len()).map(|at| {
        // Members of that meeting only: a guest listed as present is not one.
        let count = register
            .rows
            .iter()
            .filter(|r| {
                r.member_at.get(at).copied().unwrap_or(false)
                    && r.marks.get(at) == Some(&Mark::Present)
            })
            .count();
        Cell::plain(count.to_string())
    }));
    totals.extend((0..5).map(|_| Cell::plain("")));
    rows.push(totals);
    write_grid(&Grid { columns, rows }, "Attendance", format, style, out)
}

/// `Harbourside Partnership Board` → `HPB`, to label columns compactly.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

pub(super) fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}

#[derive(Serialize)]
struct AttendanceDocument<'a> {
    schema_version: u32,
    meetings: Vec<AttendanceMeeting<'a>>,
    people: Vec<AttendancePerson<'a>>,
}

#[derive(Serialize)]
struct AttendanceMeeting<'a> {
    date: NaiveDate,
    meeting: &'a str,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
}

#[derive(Serialize)]
struct AttendancePerson<'a> {
    name: &'a str,
    resolved: bool,
    group: &'static str,
    /// One of `P`, `A`, `X`, `I` or `` per meeting.
    marks: Vec<&'static str>,
    member: &'a [bool],
    present: usize,
    apologies: usize,
    absent: usize,
    member_meetings: usize,
    rate: Option<f64>,
}

fn attendance_document<'a>(register: &'a Register) -> AttendanceDocument<'a> {
    AttendanceDocument {
        schema_version: SCHEMA_VERSION,
        meetings: register
            .meetings
            .iter()
            .map(|m| AttendanceMeeting {
                date: m.date,
                meeting: &m.meeting,
                file: &m.path,
            })
            .collect(),
        people: register
            .rows
            .iter()
            .map(|row| AttendancePerson {
                name: &row.name,
                resolved: row.person.is_some(),
                group: match row.group {
                    Group::Member => "member",
                    Group::InAttendance => "in_attendance",
                },
                marks: row.marks.iter().map(|m| m.letter()).collect(),
                member: &row.member_at,
                present: row.present,
                apologies: row.apologies,
                absent: row.absent,
                member_meetings: row.member_meetings,
                rate: row.rate,
            })
            .collect(),
    }
}
