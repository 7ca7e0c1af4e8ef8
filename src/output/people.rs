//! `minutes people` and `minutes people --explain` in their formats.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::Format;
use super::{Cell, Column, Grid, Kind, Style, json, write_grid};
use crate::model::SCHEMA_VERSION;
use crate::people::{Directory, How, Resolution, ShortKind, Step, StepKind};
use crate::query::people::{Occurrence, People};
use crate::text::EscapingWriter;

/// The table's columns; a narrow terminal leaves out the spellings, orgs
/// and title first, then the counts but open actions.
pub const COLUMNS: [Column; 9] = [
    Column::words("Name", 0),
    Column::prose("Title", 4),
    Column::prose("Orgs", 5),
    Column::prose("Spellings", 6),
    Column::words("Present", 1).holding(Kind::Count),
    Column::words("Apologies", 2).holding(Kind::Count),
    Column::words("Absent", 2).holding(Kind::Count),
    Column::words("In attendance", 3).holding(Kind::Count),
    Column::words("Open actions", 0).holding(Kind::Count),
];

pub fn write_people(
    people: &People,
    directory: &Directory,
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        return json::render(&people_document(people, directory), out);
    }
    let grid = Grid {
        columns: COLUMNS.to_vec(),
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
    write_grid(&grid, "People", format, style, out)?;
    if format == Format::Table && !people.unresolved.is_empty() {
        let out = &mut EscapingWriter::new(out);
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
pub fn explain_resolution(directory: &Directory, resolution: &Resolution) -> String {
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

fn write_steps(directory: &Directory, steps: &[Step], out: &mut impl Write) -> io::Result<()> {
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
    let out = &mut EscapingWriter::new(out);
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
