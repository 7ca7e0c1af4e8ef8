//! CSV as RFC 4180 has it (CRLF line ends, quotes doubled), which Excel opens.
//!
//! No byte-order mark unless asked (`--bom`): programs that read CSV
//! (Python's `csv`, `cut`, `awk`, `join`) take the mark for part of the
//! first header, while Excel on Windows and LibreOffice need it to read
//! UTF-8 (`Renée`, `£86k`) rather than guess a code page. People opening a
//! list in a spreadsheet are better served by `--format xlsx`, with dates as
//! dates; `--bom` is for a CSV that must go to Excel all the same.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! would be read by Excel, LibreOffice and Google Sheets as a formula, so a
//! note could plant `=HYPERLINK(…)` in an officer's spreadsheet. Such a cell
//! is written with a `'` in front, as OWASP advises ("CSV Injection"); the
//! spreadsheet shows the text as it was, and the `'` only in the cell's
//! editor.

use std::borrow::Cow;
use std::io::{self, Write};

pub fn render<H, R, F>(headers: &[H], rows: R, bom: bool, out: &mut dyn Write) -> io::Result<()>
where
    H: AsRef<[u8]>,
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<[u8]>,
{
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(headers.iter().map(|h| neutralise(h.as_ref())))
        .map_err(into_io)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| neutralise(cell.as_ref())))
            .map_err(into_io)?;
    }
    writer.flush()
}

/// The cell, with a `'` in front when a spreadsheet would take it for a formula.
pub fn neutralise(cell: &[u8]) -> Cow<'_, [u8]> {
    match cell.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => {
            let mut safe = Vec::with_capacity(cell.len() + 1);
            safe.push(b'\'');
            safe.extend_from_slice(cell);
            Cow::Owned(safe)
        }
        _ => Cow::Borrowed(cell),
    }
}

fn into_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_nothing_else_changes() {
        let rows = vec![
            vec!["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)"],
            vec!["\tx", "\rx", "plain, with comma", "2026-01-20/1.1"],
        ];
        let mut out = Vec::new();
        render(&["a", "b", "c", "d"], rows, false, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b,c,d\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2,'@SUM(A1)\r\n'\tx,\"'\rx\",\"plain, with comma\",2026-01-20/1.1\r\n"
        );
    }

    #[test]
    fn a_byte_order_mark_only_when_asked() {
        let rows = vec![vec!["Renée", "£86k"]];
        let mut marked = Vec::new();
        render(&["name", "sum"], rows.clone(), true, &mut marked).unwrap();
        assert_eq!(marked, "\u{feff}name,sum\r\nRenée,£86k\r\n".as_bytes());
        let mut plain = Vec::new();
        render(&["name", "sum"], rows, false, &mut plain).unwrap();
        assert_eq!(plain, "name,sum\r\nRenée,£86k\r\n".as_bytes());
    }
}
