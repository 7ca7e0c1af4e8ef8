//! `minutes people`, `minutes people --explain`, `minutes attendance` and
//! `minutes decisions` in their formats.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::Format;
use super::{Cell, Grid, Style, csv, json, markdown, table};
use crate::model::SCHEMA_VERSION;
use crate::people::{Directory, How, Resolution, ShortKind, Step, StepKind};
use crate::query::attendance::{Group, Mark, Register};
use crate::query::decisions::DecisionRow;
use crate::query::people::{Occurrence, People};

/// Writes a grid in any format but JSON.
fn write_grid(grid: &Grid, format: Format, style: Style, out: &mut dyn Write) -> io::Result<()> {
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

pub fn write_people(
    people: &People,
    directory: &Directory,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        return json::render(&people_document(people, directory), out);
    }
    let grid = Grid {
        headers: super::headers(&[
            "Name",
            "Title",
            "Orgs",
            "Spellings",
            "Present",
            "Apologies",
            "Absent",
            "In attendance",
            "Open actions",
        ]),
        rows: people
            .rows
            .iter()
            .filter_map(|row| {
                let known = directory.get(row.person)?;
                Some(vec![
                    Cell::plain(&known.name),
                    Cell::plain(known.title.clone().unwrap_or_default()),
                    Cell::plain(known.orgs.join("; ")),
                    Cell::plain(row.spellings.iter().cloned().collect::<Vec<_>>().join("; ")),
                    Cell::plain(row.present.to_string()),
                    Cell::plain(row.apologies.to_string()),
                    Cell::plain(row.absent.to_string()),
                    Cell::plain(row.in_attendance.to_string()),
                    Cell::plain(row.open_actions.to_string()),
                ])
            })
            .collect(),
    };
    write_grid(&grid, format, style, out)?;
    if format == Format::Table && !people.unresolved.is_empty() {
        writeln!(out, "\nNot resolved to one person:")?;
        for u in &people.unresolved {
            let why = if u.candidates.is_empty() {
                "nobody fits".to_string()
            } else {
                format!("could be {}", directory.describe(&u.candidates))
            };
            writeln!(
                out,
                "  {}:{}: `{}`: {why}",
                u.path.display(),
                u.line,
                u.spelling
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct PeopleDocument<'a> {
    schema_version: u32,
    people: Vec<PersonJson<'a>>,
    unresolved: Vec<UnresolvedJson<'a>>,
}

#[derive(Serialize)]
struct PersonJson<'a> {
    name: &'a str,
    title: Option<&'a str>,
    orgs: &'a [String],
    initials: Option<&'a str>,
    aliases: &'a [String],
    registered: bool,
    spellings: Vec<&'a str>,
    present: usize,
    apologies: usize,
    absent: usize,
    in_attendance: usize,
    open_actions: usize,
}

#[derive(Serialize)]
struct UnresolvedJson<'a> {
    spelling: &'a str,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
    line: usize,
    candidates: Vec<&'a str>,
}

fn people_document<'a>(people: &'a People, directory: &'a Directory) -> PeopleDocument<'a> {
    PeopleDocument {
        schema_version: SCHEMA_VERSION,
        people: people
            .rows
            .iter()
            .filter_map(|row| {
                let known = directory.get(row.person)?;
                Some(PersonJson {
                    name: &known.name,
                    title: known.title.as_deref(),
                    orgs: &known.orgs,
                    initials: known.initials.as_deref(),
                    aliases: &known.aliases,
                    registered: known.registered,
                    spellings: row.spellings.iter().map(String::as_str).collect(),
                    present: row.present,
                    apologies: row.apologies,
                    absent: row.absent,
                    in_attendance: row.in_attendance,
                    open_actions: row.open_actions,
                })
            })
            .collect(),
        unresolved: people
            .unresolved
            .iter()
            .map(|u| UnresolvedJson {
                spelling: &u.spelling,
                file: u.path,
                line: u.line,
                candidates: u
                    .candidates
                    .iter()
                    .filter_map(|c| directory.get(*c))
                    .map(|k| k.name.as_str())
                    .collect(),
            })
            .collect(),
    }
}

/// Why a resolution came out as it did, in words.
fn explain_resolution(directory: &Directory, resolution: &Resolution) -> String {
    match resolution {
        Resolution::Found { person, how } => {
            let name = directory.get(*person).map_or("?", |k| k.name.as_str());
            let why = match how {
                How::Name => {
                    "it is the person's name (case, accents, apostrophes, full stops, title and org ignored)"
                        .to_string()
                }
                How::Alias(alias) => format!("`{alias}` is an alias in the people register"),
                How::Initials(initials) => format!("`{initials}` are the person's initials"),
                How::Short {
                    form,
                    in_note: true,
                } => format!(
                    "the only person of that note (listed, or a member of its series) who fits by {}",
                    form.describe()
                ),
                How::Short {
                    form,
                    in_note: false,
                } => format!("the only person known who fits by {}", form.describe()),
            };
            format!("{name}: {why}")
        }
        Resolution::Ambiguous { candidates } => {
            format!(
                "ambiguous: could be {}; not guessed",
                directory.describe(candidates)
            )
        }
        Resolution::Unknown => "nobody: no name, alias, initials or short form fits".to_string(),
    }
}

fn how_code(how: &How) -> &'static str {
    match how {
        How::Name => "name",
        How::Alias(_) => "alias",
        How::Initials(_) => "initials",
        How::Short { form, in_note } => match (form, in_note) {
            (ShortKind::FirstName, true) => "first-name-in-note",
            (ShortKind::FirstName, false) => "first-name",
            (ShortKind::TitleSurname, true) => "title-surname-in-note",
            (ShortKind::TitleSurname, false) => "title-surname",
            (ShortKind::InitialsSurname, true) => "initials-surname-in-note",
            (ShortKind::InitialsSurname, false) => "initials-surname",
            (ShortKind::Initials, true) => "initials-in-note",
            (ShortKind::Initials, false) => "initials-anywhere",
        },
    }
}

fn step_code(step: StepKind) -> &'static str {
    match step {
        StepKind::Name => "name",
        StepKind::ListedSingle => "one-word-name-in-note",
        StepKind::Alias => "alias-or-initials",
        StepKind::Short(ShortKind::TitleSurname) => "title-surname",
        StepKind::Short(ShortKind::InitialsSurname) => "initials-surname",
        StepKind::Short(ShortKind::FirstName) => "first-name",
        StepKind::Short(ShortKind::Initials) => "initials",
        StepKind::Title => "title",
    }
}

fn write_steps(directory: &Directory, steps: &[Step], out: &mut dyn Write) -> io::Result<()> {
    for (at, step) in steps.iter().enumerate() {
        let found = if step.found.is_empty() {
            "nobody".to_string()
        } else {
            directory.describe(&step.found).replace(" or ", ", ")
        };
        writeln!(out, "      {}. {}: {found}", at + 1, step.step.describe())?;
    }
    Ok(())
}

fn steps_json(directory: &Directory, steps: &[Step]) -> serde_json::Value {
    steps
        .iter()
        .map(|step| {
            serde_json::json!({
                "step": step_code(step.step),
                "found": step.found.iter().filter_map(|at| directory.get(*at)).map(|k| k.name.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

pub fn write_explain(
    spelling: &str,
    directory: &Directory,
    anywhere: &(Resolution, Vec<Step>),
    occurrences: &[Occurrence],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let suggestion = match anywhere.0 {
        Resolution::Unknown => directory.suggest(spelling),
        _ => None,
    };
    if format == Format::Json {
        let document = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "spelling": spelling,
            "anywhere": resolution_json(directory, &anywhere.0, &anywhere.1),
            "suggestion": suggestion,
            "occurrences": occurrences.iter().map(|o| serde_json::json!({
                "file": o.meeting.path.to_string_lossy(),
                "line": o.line,
                "spelling": o.spelling,
                "meeting": o.meeting.meeting,
                "date": o.meeting.date,
                "resolution": resolution_json(directory, &o.resolution, &o.steps),
            })).collect::<Vec<_>>(),
        });
        return json::render(&document, out);
    }
    writeln!(out, "`{spelling}`")?;
    writeln!(
        out,
        "  typed on the command line: {}",
        explain_resolution(directory, &anywhere.0)
    )?;
    write_steps(directory, &anywhere.1, out)?;
    if let Some(near) = suggestion {
        writeln!(out, "  did you mean `{near}`?")?;
    }
    if occurrences.is_empty() {
        writeln!(out, "  not written in any note")?;
    }
    for o in occurrences {
        writeln!(
            out,
            "  {}:{} ({} {}) `{}`: {}",
            o.meeting.path.display(),
            o.line,
            o.meeting.meeting,
            o.meeting.date,
            o.spelling,
            explain_resolution(directory, &o.resolution)
        )?;
        write_steps(directory, &o.steps, out)?;
    }
    Ok(())
}

fn resolution_json(
    directory: &Directory,
    resolution: &Resolution,
    steps: &[Step],
) -> serde_json::Value {
    let name = |at: &usize| directory.get(*at).map(|k| k.name.clone());
    match resolution {
        Resolution::Found { person, how } => serde_json::json!({
            "status": "resolved",
            "person": name(person),
            "how": how_code(how),
            "why": explain_resolution(directory, resolution),
            "steps": steps_json(directory, steps),
        }),
        Resolution::Ambiguous { candidates } => serde_json::json!({
            "status": "ambiguous",
            "candidates": candidates.iter().filter_map(name).collect::<Vec<_>>(),
            "steps": steps_json(directory, steps),
        }),
        Resolution::Unknown => serde_json::json!({
            "status": "unknown",
            "steps": steps_json(directory, steps),
        }),
    }
}

pub fn write_attendance(
    register: &Register,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        return json::render(&attendance_document(register), out);
    }
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
    let mut headers = super::headers(&["Name", "Group"]);
    headers.extend(labels);
    headers.extend(super::headers(&[
        "Present",
        "Apologies",
        "Absent",
        "Member meetings",
        "Rate",
    ]));
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
    write_grid(&Grid { headers, rows }, format, style, out)
}

/// `Harbourside Partnership Board` → `HPB`, to label columns compactly.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

fn percent(rate: f64) -> String {
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

pub fn write_decisions(
    rows: &[DecisionRow],
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        #[derive(Serialize)]
        struct DecisionJson<'a> {
            id: &'a str,
            date: NaiveDate,
            meeting: &'a str,
            item: &'a str,
            item_title: &'a str,
            text: &'a str,
            #[serde(serialize_with = "crate::model::serialize_path")]
            file: &'a Path,
            line: usize,
        }
        let decisions: Vec<DecisionJson> = rows
            .iter()
            .map(|r| DecisionJson {
                id: &r.id,
                date: r.meeting.date,
                meeting: &r.meeting.meeting,
                item: &r.item.number,
                item_title: &r.item.title,
                text: &r.decision.text,
                file: &r.meeting.path,
                line: r.decision.line,
            })
            .collect();
        return json::render(
            &serde_json::json!({ "schema_version": SCHEMA_VERSION, "decisions": decisions }),
            out,
        );
    }
    let grid = Grid {
        headers: super::headers(&[
            "ID",
            "Date",
            "Meeting",
            "Item",
            "Item title",
            "Decision",
            "File",
            "Line",
        ]),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::plain(&r.id),
                    Cell::plain(r.meeting.date.to_string()),
                    Cell::plain(&r.meeting.meeting),
                    Cell::plain(&r.item.number),
                    Cell::plain(&r.item.title),
                    Cell::plain(&r.decision.text),
                    Cell::plain(r.meeting.path.display().to_string()),
                    Cell::plain(r.decision.line.to_string()),
                ]
            })
            .collect(),
    };
    write_grid(&grid, format, style, out)
}
