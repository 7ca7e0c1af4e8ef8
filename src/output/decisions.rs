//! `minutes decisions` in its formats.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Cell, Format, Grid, Style, json, write_grid};
use crate::model::SCHEMA_VERSION;
use crate::query::decisions::DecisionRow;

pub fn write(
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
