//! `minutes declarations` in its formats.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Cell, Column, Format, Grid, Kind, Style, json, write_grid};
use crate::model::{InterestKind, Person, SCHEMA_VERSION};
use crate::people::Directory;
use crate::query::declarations::DeclarationRow;

/// The table's columns; a narrow terminal leaves out the file and line
/// first, then the item's title, the meeting and the item.
pub const COLUMNS: [Column; 10] = [
    Column::words("Date", 0).holding(Kind::Date),
    Column::words("Meeting", 3),
    Column::words("Person", 0),
    Column::words("Kind", 0),
    Column::prose("Interest", 0),
    Column::words("Item", 2),
    Column::prose("Item title", 4),
    Column::words("Left the room", 1),
    Column::prose("File", 5),
    Column::words("Line", 5).holding(Kind::Count),
];

pub fn write(
    rows: &[DeclarationRow],
    directory: &Directory,
    format: Format,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Json {
        let declarations: Vec<DeclarationJson> = rows
            .iter()
            .map(|row| DeclarationJson::new(row, directory))
            .collect();
        return json::render(
            &serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "declarations": declarations,
            }),
            out,
        );
    }
    let grid = Grid {
        columns: COLUMNS.to_vec(),
        rows: rows
            .iter()
            .map(|row| {
                let declaration = row.declaration;
                vec![
                    Cell::plain(row.meeting.date.to_string()),
                    Cell::plain(&row.meeting.meeting),
                    Cell::plain(person_name(row, directory)),
                    Cell {
                        text: declaration
                            .kind
                            .map_or("unspecified", InterestKind::as_str)
                            .to_string(),
                        alert: declaration.kind == Some(InterestKind::Pecuniary),
                    },
                    Cell::plain(&declaration.detail),
                    Cell::plain(&declaration.item),
                    Cell::plain(row.concerns.map(|i| i.title.as_str()).unwrap_or_default()),
                    Cell::plain(if declaration.left_room { "yes" } else { "no" }),
                    Cell::plain(row.meeting.path.display().to_string()),
                    Cell::plain(declaration.line.to_string()),
                ]
            })
            .collect(),
    };
    write_grid(&grid, "Declarations", format, style, out)
}

/// The canonical name the declarant resolves to, else the name as written.
fn person_name(row: &DeclarationRow, directory: &Directory) -> String {
    row.person.and_then(|at| directory.get(at)).map_or_else(
        || row.declaration.person.display_name(),
        |known| known.name.clone(),
    )
}

#[derive(Serialize)]
struct DeclarationJson<'a> {
    date: NaiveDate,
    meeting: &'a str,
    /// As written.
    person: &'a Person,
    /// The canonical name, or `null` when the spelling resolves to no one
    /// person.
    person_name: Option<String>,
    kind: Option<InterestKind>,
    detail: &'a str,
    item: &'a str,
    item_title: Option<&'a str>,
    left_room: bool,
    #[serde(serialize_with = "crate::model::serialize_path")]
    file: &'a Path,
    line: usize,
}

impl<'a> DeclarationJson<'a> {
    fn new(row: &'a DeclarationRow<'a>, directory: &Directory) -> Self {
        let declaration = row.declaration;
        DeclarationJson {
            date: row.meeting.date,
            meeting: &row.meeting.meeting,
            person: &declaration.person,
            person_name: row
                .person
                .and_then(|at| directory.get(at))
                .map(|known| known.name.clone()),
            kind: declaration.kind,
            detail: &declaration.detail,
            item: &declaration.item,
            item_title: row.concerns.map(|i| i.title.as_str()),
            left_room: declaration.left_room,
            file: &row.meeting.path,
            line: declaration.line,
        }
    }
}
