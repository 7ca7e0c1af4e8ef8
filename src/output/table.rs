//! A table for people. On a terminal it has borders and wraps to the width;
//! piped, it is plain columns, one row a line, for `grep` and `cut`.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell as TableCell, Color, ContentArrangement, Table, presets};

use super::{Grid, Style};

pub fn render(grid: &Grid, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    if style.terminal {
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.load_preset(presets::NOTHING).force_no_tty();
    }
    if style.color {
        table.enforce_styling();
    }
    table.set_header(grid.headers.iter().map(|h| {
        let cell = TableCell::new(h);
        if style.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in &grid.rows {
        table.add_row(row.iter().map(|cell| {
            let out = TableCell::new(&cell.text);
            if cell.alert && style.color {
                out.fg(Color::Red).add_attribute(Attribute::Bold)
            } else {
                out
            }
        }));
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
