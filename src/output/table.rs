//! A table for people. On a terminal it has borders and wraps to the width;
//! piped, it is plain columns, one row a line, for `grep` and `cut`.
//!
//! Text from notes is shown with its control characters escaped (`\u{1b}`
//! for ESC, `\n` for a line break), so a note cannot set the terminal's
//! title, clear the screen or break a row in two.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell as TableCell, Color, ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

use super::{Grid, Style};
use crate::text::escape_controls;

/// The most characters of one cell a terminal table shows (then `…`): the
/// layout's cost grows with the cell, and no terminal shows more usefully.
const TERMINAL_CELL_CHARS: usize = 2_000;

pub fn render(grid: &Grid, style: Style, out: &mut dyn Write) -> io::Result<()> {
    if !style.terminal {
        return render_plain(grid, style.color, out);
    }
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
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
            let mut text = escape_controls(&cell.text).into_owned();
            if let Some((cut, _)) = text.char_indices().nth(TERMINAL_CELL_CHARS) {
                text.truncate(cut);
                text.push('…');
            }
            let out = TableCell::new(text);
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

/// Plain columns: each cell padded to its column's display width, a space
/// either side, the line's end trimmed. One pass to measure, one to write,
/// whatever the cells hold. With `color` (`--color always`, piped to
/// `less -R`), the header is bold and alerts red, as on a terminal.
fn render_plain(grid: &Grid, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Vec<String>> = std::iter::once(grid.headers.clone())
        .chain(grid.rows.iter().map(|row| {
            row.iter()
                .map(|c| escape_controls(&c.text).into_owned())
                .collect()
        }))
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut line = String::new();
    for (number, row) in rows.iter().enumerate() {
        line.clear();
        for (at, width) in widths.iter().enumerate() {
            let cell = row.get(at).map_or("", String::as_str);
            line.push(' ');
            // Row 0 is the header; the others are the grid's rows.
            let alert = number > 0
                && grid
                    .rows
                    .get(number - 1)
                    .and_then(|r| r.get(at))
                    .is_some_and(|c| c.alert);
            match (color && !cell.is_empty(), number == 0, alert) {
                (true, true, _) => line.push_str(&format!("\x1b[1m{cell}\x1b[0m")),
                (true, false, true) => line.push_str(&format!("\x1b[1;31m{cell}\x1b[0m")),
                _ => line.push_str(cell),
            }
            line.extend(std::iter::repeat_n(
                ' ',
                width - cell.width().min(*width) + 1,
            ));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Cell;

    #[test]
    fn plain_columns_pad_by_display_width() {
        let grid = Grid {
            headers: vec!["Name".into(), "N".into()],
            rows: vec![
                vec![Cell::plain("Renée"), Cell::plain("1")],
                vec![Cell::plain("王伟"), Cell::plain("22")],
                vec![Cell::plain("\u{1b}[2J"), Cell::plain("")],
            ],
        };
        let mut out = Vec::new();
        render_plain(&grid, false, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            " Name       N\n Renée      1\n 王伟       22\n \\u{1b}[2J\n"
        );
    }
}
