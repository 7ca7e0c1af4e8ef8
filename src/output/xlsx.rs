//! Excel workbooks (`--format xlsx`), one sheet a table: a bold header row
//! that stays in view (frozen) with a filter on it, columns as wide as their
//! text (prose wrapped), dates as dates and counts as numbers.
//!
//! Cells are written as strings, never formulas, so `=HYPERLINK(…)` in a
//! note is text here without the `'` the CSV needs; control characters are
//! written as the table writes them (`\u{1b}`), since XML cannot carry them
//! and readers disagree on Excel's own escape for them. Excel holds at most
//! 32,767 characters a cell and 1,048,576 rows a sheet: a longer cell is
//! cut with `…`, and a sheet with more rows is an error, not a silent cut.

use std::io::{self, Write};

use super::{Kind, Sheet};

/// Excel's most characters in a cell.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
const CELL_CHARS: usize = 32_767;
/// Excel's most rows in a sheet, the header's included.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
const SHEET_ROWS: usize = 1_048_576;

#[cfg(feature = "xlsx")]
pub fn write(sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
    if let Some(sheet) = sheets.iter().find(|s| s.rows.len() >= SHEET_ROWS) {
        return Err(io::Error::other(format!(
            "{} rows of {} are more than an Excel sheet holds ({}): use --format csv",
            sheet.rows.len(),
            sheet.name,
            SHEET_ROWS - 1
        )));
    }
    let bytes = workbook(sheets)
        .map_err(|e| io::Error::other(format!("cannot write the workbook: {e}")))?;
    out.write_all(&bytes)
}

#[cfg(not(feature = "xlsx"))]
pub fn write(_sheets: &[Sheet], _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "this minutes was built without the `xlsx` feature: use --format csv, or build with --features xlsx",
    ))
}

#[cfg(feature = "xlsx")]
fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let wrapped = top.clone().set_text_wrap();
    let date = top.clone().set_num_format("yyyy-mm-dd");
    let percent = top.clone().set_num_format("0%");
    let mut workbook = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        // Each row goes to a temporary file as it is written, with its
        // strings inline: a sheet of 300,000 actions took 1.7 GB held whole.
        // Widths and panes must then come before the rows.
        let worksheet = workbook.add_worksheet_with_constant_memory();
        worksheet.set_name(sheet_name(&sheet.name, &mut names))?;
        // Each cell takes its column's format: looking a format up cell by
        // cell was a fifth of the time.
        for ((col, width), kind) in (0u16..).zip(column_widths(sheet)).zip(&sheet.kinds) {
            let format = match kind {
                Kind::Prose => &wrapped,
                Kind::Date => &date,
                Kind::Percent => &percent,
                Kind::Text | Kind::Count => &top,
            };
            worksheet.set_column_width(col, width)?;
            worksheet.set_column_format(col, format)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        for (col, title) in (0u16..).zip(&sheet.headers) {
            worksheet.write_string_with_format(0, col, title, &header)?;
        }
        for (row, cells) in (1u32..).zip(&sheet.rows) {
            for ((col, text), kind) in (0u16..).zip(cells).zip(&sheet.kinds) {
                if text.is_empty() {
                    continue;
                }
                match typed(*kind, text) {
                    Typed::Date(day) => worksheet.write_datetime(row, col, day)?,
                    Typed::Number(n) => worksheet.write_number(row, col, n)?,
                    Typed::Text => {
                        let shown = crate::text::escape_controls(text);
                        worksheet.write_string(row, col, fit_cell(&shown))?
                    }
                };
            }
        }
        let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
        let last_col = u16::try_from(sheet.headers.len().saturating_sub(1)).unwrap_or(u16::MAX);
        worksheet.autofilter(0, 0, last_row, last_col)?;
    }
    workbook.save_to_buffer()
}

#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
enum Typed {
    Date(chrono::NaiveDate),
    Number(f64),
    Text,
}

/// The cell as its column's kind has it, or text when it is not one (a
/// due date written `30th June`, a count that is not a number).
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn typed(kind: Kind, text: &str) -> Typed {
    match kind {
        Kind::Date => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() == 10)
            .map_or(Typed::Text, Typed::Date),
        Kind::Count => text
            .parse::<i64>()
            .map_or(Typed::Text, |n| Typed::Number(n as f64)),
        Kind::Percent => text
            .strip_suffix('%')
            .and_then(|n| n.trim().parse::<f64>().ok())
            .map_or(Typed::Text, |n| Typed::Number(n / 100.0)),
        Kind::Text | Kind::Prose => Typed::Text,
    }
}

/// The text, cut with `…` to what a cell holds.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units, never more than UTF-8 bytes.
    if text.len() <= CELL_CHARS || text.encode_utf16().count() <= CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut = String::new();
    let mut units = 0;
    for c in text.chars() {
        units += c.len_utf16();
        if units >= CELL_CHARS {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    std::borrow::Cow::Owned(cut)
}

/// Each column's width in characters: its header or widest cell, at most
/// 60 for prose (which wraps) and 40 for the rest; dates 11.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn column_widths(sheet: &Sheet) -> Vec<f64> {
    sheet
        .headers
        .iter()
        .zip(&sheet.kinds)
        .enumerate()
        .map(|(at, (header, kind))| {
            let widest = sheet
                .rows
                .iter()
                .filter_map(|row| row.get(at))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0);
            let most = match kind {
                Kind::Prose => 60,
                Kind::Date => 11,
                _ => 40,
            };
            let width = widest.min(most).max(header.chars().count()).max(6) + 2;
            width as f64
        })
        .collect()
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`, and
/// not one already used in the workbook (any case).
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() { "Sheet" } else { clean }
        .chars()
        .take(31)
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" {n}");
        name = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    used.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "xlsx")]
    #[test]
    fn a_sheet_past_excels_rows_is_said_and_nothing_is_written() {
        let sheet = Sheet::new(
            "Actions",
            &[("id", Kind::Text)],
            vec![Vec::new(); SHEET_ROWS],
        );
        let mut out = Vec::new();
        let said = write(&[sheet], &mut out).unwrap_err().to_string();
        assert_eq!(
            said,
            "1048576 rows of Actions are more than an Excel sheet holds (1048575): use --format csv"
        );
        assert!(out.is_empty());
    }

    #[test]
    fn sheet_names_are_ones_excel_takes() {
        let mut used = Vec::new();
        assert_eq!(
            sheet_name("Closed: since [last]?", &mut used),
            "Closed  since  last"
        );
        assert_eq!(
            sheet_name("closed  since  last", &mut used),
            "closed  since  last 2"
        );
        let long = "a".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
    }

    #[test]
    fn cells_longer_than_excel_holds_are_cut_with_an_ellipsis() {
        let long = "é".repeat(40_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.encode_utf16().count(), CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(fit_cell("short"), "short");
    }

    #[test]
    fn a_cell_is_its_kind_only_when_it_reads_as_one() {
        assert!(matches!(typed(Kind::Date, "2026-11-24"), Typed::Date(_)));
        assert!(matches!(typed(Kind::Date, "30th June"), Typed::Text));
        assert!(matches!(typed(Kind::Count, "12"), Typed::Number(n) if n == 12.0));
        assert!(matches!(typed(Kind::Count, "3.10"), Typed::Text));
        assert!(matches!(typed(Kind::Percent, "86%"), Typed::Number(n) if (n - 0.86).abs() < 1e-9));
        assert!(matches!(typed(Kind::Text, "2026-11-24"), Typed::Text));
    }
}
