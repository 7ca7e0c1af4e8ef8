//! A table for people. On a terminal it has borders and wraps to the width;
//! piped, it is plain columns, one row a line, for `grep` and `cut`.
//!
//! Text from notes is shown with its control characters escaped (`\u{1b}`
//! for ESC, `\n` for a line break), so a note cannot set the terminal's
//! title, clear the screen or break a row in two.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell as TableCell, Color, ColumnConstraint, ContentArrangement, Table, Width,
    presets,
};
use unicode_width::UnicodeWidthStr;

use super::{Column, Fit, Grid, Style};
use crate::text::escape_controls;

/// The most characters of one cell a terminal table shows (then `…`): the
/// layout's cost grows with the cell, and no terminal shows more usefully.
const TERMINAL_CELL_CHARS: usize = 2_000;

/// The least width prose is given before its words are broken: narrower,
/// an action's text becomes a column of syllables.
const PROSE_LEAST_WIDTH: usize = 20;

/// How wide a column of prose, and of words (names, meetings), must be to
/// read without effort: a terminal leaves columns out rather than squeeze
/// the ones it keeps below these.
const PROSE_COMFORTABLE_WIDTH: usize = 24;
const WORDS_COMFORTABLE_WIDTH: usize = 16;

/// A terminal whose width could not be learned.
const DEFAULT_WIDTH: u16 = 80;

/// What each column costs beside its text: a space either side and a rule.
const COLUMN_FRAME: usize = 3;

/// The table, with the columns `--columns` chose; on a terminal, fitted to
/// its width (see [`columns_that_fit`]) with no ID, date or name broken.
pub fn render(grid: &Grid, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let chosen = grid.chosen(style);
    let grid = chosen.as_ref().unwrap_or(grid);
    if !style.terminal {
        return render_plain(grid, style.color, out);
    }
    let texts = terminal_texts(grid);
    let least = least_widths(&grid.columns, &texts);
    let width = style.width.unwrap_or(DEFAULT_WIDTH);
    let keep: Vec<usize> = if chosen.is_some() {
        (0..grid.columns.len()).collect()
    } else {
        let empty: Vec<bool> = (0..grid.columns.len())
            .map(|at| {
                texts
                    .iter()
                    .all(|row| row.get(at).is_none_or(String::is_empty))
            })
            .collect();
        let comfortable = comfortable_widths(&grid.columns, &texts, &least);
        columns_that_fit(&grid.columns, &empty, &comfortable, usize::from(width))
    };
    let header: Vec<&str> = grid.headers().collect();
    let widths = share_width(&texts, &header, &least, &keep, usize::from(width));
    draw(grid, &texts, &keep, &widths, style, out)?;
    say_left_out(&grid.columns, &keep, out)
}

/// Each cell as a terminal shows it: control characters escaped, and cut
/// with `…` past [`TERMINAL_CELL_CHARS`].
fn terminal_texts(grid: &Grid) -> Vec<Vec<String>> {
    grid.rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let mut text = escape_controls(&cell.text).into_owned();
                    if let Some((cut, _)) = text.char_indices().nth(TERMINAL_CELL_CHARS) {
                        text.truncate(cut);
                        text.push('…');
                    }
                    text
                })
                .collect()
        })
        .collect()
}

/// The least width of each column that breaks nothing it should not: the
/// longest word of a [`Fit::Words`] column (header included), so an ID or a
/// date never breaks; for prose, [`PROSE_LEAST_WIDTH`] or its widest cell
/// if narrower, and never less than its header's longest word.
fn least_widths(columns: &[Column], texts: &[Vec<String>]) -> Vec<usize> {
    let longest_word = |text: &str| text.split_whitespace().map(str::width).max().unwrap_or(0);
    columns
        .iter()
        .enumerate()
        .map(|(at, column)| {
            let cells = texts.iter().filter_map(|row| row.get(at));
            let header = longest_word(&column.header);
            match column.fit {
                Fit::Words => cells.map(|t| longest_word(t)).fold(header, usize::max),
                Fit::Prose => cells
                    .map(|t| t.width())
                    .fold(0, usize::max)
                    .min(PROSE_LEAST_WIDTH)
                    .max(header),
            }
        })
        .collect()
}

/// The width at which a column reads without effort, to choose which
/// columns a terminal has room for: a column of words on at most a couple of
/// lines ([`WORDS_COMFORTABLE_WIDTH`]), prose [`PROSE_COMFORTABLE_WIDTH`]
/// wide; narrower if its widest cell is, never under its least width.
fn comfortable_widths(columns: &[Column], texts: &[Vec<String>], least: &[usize]) -> Vec<usize> {
    let all: Vec<usize> = (0..columns.len()).collect();
    let widest = widest_cells(texts, least, &all);
    columns
        .iter()
        .zip(widest.iter().zip(least))
        .map(|(column, (&widest, &least))| {
            let comfortable = match column.fit {
                Fit::Words => WORDS_COMFORTABLE_WIDTH,
                Fit::Prose => PROSE_COMFORTABLE_WIDTH,
            };
            widest.min(comfortable).max(least)
        })
        .collect()
}

/// Which columns a terminal `width` wide shows: all of them if they fit at
/// the `wanted` widths; else columns are left out until they do, an empty
/// one first, then the highest rank, the rightmost of equals. Rank 0
/// columns stay, even if the table is then wider than the terminal.
fn columns_that_fit(
    columns: &[Column],
    empty: &[bool],
    wanted: &[usize],
    width: usize,
) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..columns.len()).collect();
    let needed = |keep: &[usize]| {
        keep.iter()
            .map(|&at| wanted.get(at).copied().unwrap_or(0) + COLUMN_FRAME)
            .sum::<usize>()
            + 1
    };
    while needed(&keep) > width {
        let next = keep
            .iter()
            .enumerate()
            .filter_map(|(place, &at)| Some((place, at, columns.get(at)?.rank)))
            .filter(|&(_, _, rank)| rank > 0)
            .max_by_key(|&(_, at, rank)| (empty.get(at).copied().unwrap_or(false), rank, at));
        match next {
            Some((place, _, _)) => {
                keep.remove(place);
            }
            None => break,
        }
    }
    keep
}

/// The rows (after the header) whose wrapping decides the widths: enough to
/// judge by, few enough that a table of thousands is laid out at once.
const SAMPLE_ROWS: usize = 64;

/// The width of each kept column (in `keep`'s order): its widest cell if
/// the whole table fits; else, from the least widths, room is given a few
/// characters at a time where it saves the most lines for the characters
/// spent (rows first, then cells), until none would save a line. A column
/// of meetings is widened until the name sits on one line if that makes the
/// rows shorter, and prose gets the room when it is what makes them tall.
fn share_width(
    texts: &[Vec<String>],
    header: &[&str],
    least: &[usize],
    keep: &[usize],
    width: usize,
) -> Vec<usize> {
    let mut widths: Vec<usize> = keep
        .iter()
        .map(|&at| least.get(at).copied().unwrap_or(0))
        .collect();
    let widest = widest_cells(texts, &widths, keep);
    let frame = COLUMN_FRAME * keep.len() + 1;
    let mut free = width.saturating_sub(frame + widths.iter().sum::<usize>());
    if widest
        .iter()
        .zip(&widths)
        .map(|(w, l)| w - l)
        .sum::<usize>()
        <= free
    {
        return widest;
    }
    let words = sample_words(texts, header, keep);
    let mut lines: Vec<Vec<usize>> = words
        .iter()
        .zip(&widths)
        .map(|(cells, &width)| cells.iter().map(|cell| line_count(cell, width)).collect())
        .collect();
    let mut cost = table_cost(&lines);
    while free > 0 {
        let mut best: Option<(usize, usize, usize, Vec<usize>, usize)> = None;
        for (column, cells) in words.iter().enumerate() {
            let (Some(&now), Some(&target)) = (widths.get(column), widest.get(column)) else {
                continue;
            };
            for extra in 1..=free.min(target.saturating_sub(now)) {
                let wider: Vec<usize> = cells
                    .iter()
                    .map(|cell| line_count(cell, now + extra))
                    .collect();
                let saved = cost.saturating_sub(cost_with(&lines, column, &wider));
                if saved > 0 {
                    // Compare saved/extra without division: a/b > c/d iff a*d > c*b.
                    if best.as_ref().is_none_or(|b| saved * b.1 > b.0 * extra) {
                        best = Some((saved, extra, column, wider, 0));
                    }
                    break;
                }
            }
        }
        let Some((saved, extra, column, wider, _)) = best else {
            break;
        };
        if let (Some(width), Some(slot)) = (widths.get_mut(column), lines.get_mut(column)) {
            *width += extra;
            *slot = wider;
        }
        free -= extra;
        cost -= saved;
    }
    widths
}

/// Each kept column's cells (the header first, then up to
/// [`SAMPLE_ROWS`] rows) as the widths of their words.
fn sample_words(texts: &[Vec<String>], header: &[&str], keep: &[usize]) -> Vec<Vec<Vec<usize>>> {
    let words = |text: &str| text.split_whitespace().map(str::width).collect::<Vec<_>>();
    keep.iter()
        .map(|&at| {
            let head = header.get(at).copied().unwrap_or("");
            std::iter::once(words(head))
                .chain(
                    texts
                        .iter()
                        .take(SAMPLE_ROWS)
                        .map(|row| words(row.get(at).map_or("", String::as_str))),
                )
                .collect()
        })
        .collect()
}

/// The lines a cell of these word widths takes at `width`, wrapped between
/// words, and a word wider than the column broken.
fn line_count(words: &[usize], width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 1;
    let mut filled = 0;
    for &word in words {
        // A word of zero width (a lone combining mark) still takes a place.
        let word = word.max(1);
        if filled == 0 {
            lines += (word - 1) / width;
            filled = (word - 1) % width + 1;
        } else if filled + 1 + word <= width {
            filled += 1 + word;
        } else {
            lines += 1 + (word - 1) / width;
            filled = (word - 1) % width + 1;
        }
    }
    lines
}

/// A table's height in lines, weighed far above the lines of all its
/// cells, which break ties: a shorter table first, then fewer wrapped cells.
fn table_cost(lines: &[Vec<usize>]) -> usize {
    let rows = lines.first().map_or(0, Vec::len);
    let height: usize = (0..rows)
        .map(|row| {
            lines
                .iter()
                .filter_map(|c| c.get(row))
                .copied()
                .max()
                .unwrap_or(1)
        })
        .sum();
    let cells: usize = lines.iter().flatten().sum();
    height * 1_000 + cells
}

/// [`table_cost`] with one column's lines replaced.
fn cost_with(lines: &[Vec<usize>], column: usize, replaced: &[usize]) -> usize {
    let rows = replaced.len();
    let at = |c: usize, row: usize| {
        if c == column {
            replaced.get(row).copied()
        } else {
            lines.get(c).and_then(|l| l.get(row)).copied()
        }
    };
    let height: usize = (0..rows)
        .map(|row| {
            (0..lines.len())
                .filter_map(|c| at(c, row))
                .max()
                .unwrap_or(1)
        })
        .sum();
    let cells: usize = (0..lines.len())
        .flat_map(|c| (0..rows).filter_map(move |r| at(c, r)))
        .sum();
    height * 1_000 + cells
}

/// Each kept column's widest cell (header words count, cells whole), never
/// less than its least width.
fn widest_cells(texts: &[Vec<String>], least: &[usize], keep: &[usize]) -> Vec<usize> {
    keep.iter()
        .zip(least)
        .map(|(&at, &least)| {
            let cells = texts
                .iter()
                .filter_map(|row| row.get(at))
                .map(|t| t.width());
            cells.fold(least, usize::max)
        })
        .collect()
}

fn draw(
    grid: &Grid,
    texts: &[Vec<String>],
    keep: &[usize],
    widths: &[usize],
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if style.color {
        table.enforce_styling();
    }
    table.set_header(
        keep.iter()
            .filter_map(|&at| grid.columns.get(at))
            .map(|column| {
                let cell = TableCell::new(&column.header);
                if style.color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            }),
    );
    for (row, cells) in grid.rows.iter().zip(texts) {
        table.add_row(keep.iter().map(|&at| {
            let text = cells.get(at).map_or("", String::as_str);
            let cell = TableCell::new(text);
            if style.color && row.get(at).is_some_and(|c| c.alert) {
                cell.fg(Color::Red).add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
    }
    table.set_constraints(widths.iter().map(|&width| {
        // comfy-table's widths count the padding either side.
        ColumnConstraint::Absolute(Width::Fixed(u16::try_from(width + 2).unwrap_or(u16::MAX)))
    }));
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Under a table that left columns out, which, and how to see them.
fn say_left_out(columns: &[Column], keep: &[usize], out: &mut dyn Write) -> io::Result<()> {
    let left: Vec<String> = columns
        .iter()
        .enumerate()
        .filter(|(at, _)| !keep.contains(at))
        .map(|(_, c)| super::column_key(&c.header).replace(' ', "-"))
        .collect();
    if left.is_empty() {
        return Ok(());
    }
    writeln!(out, "Hidden to fit: {} (see --columns)", left.join(", "))
}

/// Plain columns: each cell padded to its column's display width, a space
/// either side, the line's end trimmed. One pass to measure, one to write,
/// whatever the cells hold. With `color` (`--color always`, piped to
/// `less -R`), the header is bold and alerts red, as on a terminal.
fn render_plain(grid: &Grid, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Vec<String>> = std::iter::once(grid.headers().map(String::from).collect())
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
            columns: vec![Column::words("Name", 0), Column::words("N", 0)],
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
    fn terminal(width: u16) -> Style {
        Style {
            terminal: true,
            width: Some(width),
            ..Style::default()
        }
    }

    fn long_grid() -> Grid {
        let row = |id: &str, text: &str| {
            vec![
                Cell::plain(id),
                Cell::plain("Dr Imran Siddiqui, Grace Olatunji"),
                Cell::plain(text),
                Cell::plain("2026-11-10 (overdue)"),
                Cell::plain("Harbourside Partnership Board"),
                Cell::plain("a latest note that says a good deal about the action"),
            ]
        };
        Grid {
            columns: vec![
                Column::words("ID", 0),
                Column::words("Owners", 0),
                Column::prose("Action", 0),
                Column::words("Due", 0),
                Column::words("Meeting", 1),
                Column::prose("Latest note", 2),
            ],
            rows: vec![
                row(
                    "HPB-HOUSING-12",
                    "agree a health checks plan with practices in the three wards",
                ),
                row("2026-09-15/4.1", "sign off \u{301} \u{200b}"),
            ],
        }
    }

    fn rendered(grid: &Grid, style: &Style) -> String {
        let mut out = Vec::new();
        render(grid, style, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_narrow_terminal_leaves_out_ranked_columns_and_breaks_no_word_of_the_rest() {
        let shown = rendered(&long_grid(), &terminal(80));
        assert!(shown.lines().all(|l| l.width() <= 80), "{shown}");
        for whole in [
            "HPB-HOUSING-12",
            "2026-09-15/4.1",
            "2026-11-10",
            "Siddiqui,",
            "Olatunji",
        ] {
            assert!(shown.contains(whole), "{whole} broken:\n{shown}");
        }
        assert!(
            !shown.contains("Meeting") && !shown.contains("Latest"),
            "{shown}"
        );
        assert!(
            shown.ends_with("Hidden to fit: meeting, latest-note (see --columns)\n"),
            "{shown}"
        );
    }

    #[test]
    fn a_wide_terminal_shows_every_column_with_nothing_said() {
        let shown = rendered(&long_grid(), &terminal(250));
        assert!(
            shown.contains("Latest note") && !shown.contains("Hidden"),
            "{shown}"
        );
        assert!(
            shown.contains("a latest note that says a good deal about the action"),
            "{shown}"
        );
    }

    #[test]
    fn columns_asked_for_are_kept_in_their_order_even_if_too_wide() {
        let style = Style {
            columns: vec!["latest_note".into(), "ID".into()],
            ..terminal(30)
        };
        let shown = rendered(&long_grid(), &style);
        let header = shown.lines().nth(1).unwrap();
        assert!(header.find("Latest") < header.find("ID"), "{shown}");
        assert!(
            shown.contains("HPB-HOUSING-12") && !shown.contains("Hidden"),
            "{shown}"
        );
    }

    #[test]
    fn lines_are_counted_as_a_word_wrap_makes_them() {
        assert_eq!(line_count(&[], 5), 1);
        assert_eq!(line_count(&[3, 3], 7), 1);
        assert_eq!(line_count(&[3, 3], 6), 2);
        assert_eq!(line_count(&[12], 5), 3);
        assert_eq!(line_count(&[2, 12], 5), 4);
        assert_eq!(line_count(&[0, 0], 1), 2, "zero-width words");
    }
}
