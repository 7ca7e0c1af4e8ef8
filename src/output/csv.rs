//! CSV as RFC 4180 has it (CRLF line ends, quotes doubled), which Excel opens.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! would be read by Excel, LibreOffice and Google Sheets as a formula, so a
//! note could plant `=HYPERLINK(…)` in an officer's spreadsheet. Such a cell
//! is written with a `'` in front, as OWASP advises ("CSV Injection"); the
//! spreadsheet shows the text as it was, and the `'` only in the cell's
//! editor.

use std::borrow::Cow;
use std::io::{self, Write};

pub fn render<H, R, F>(headers: &[H], rows: R, out: &mut dyn Write) -> io::Result<()>
where
    H: AsRef<[u8]>,
    R: IntoIterator<Item = Vec<F>>,
    F: AsRef<[u8]>,
{
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
        render(&["a", "b", "c", "d"], rows, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b,c,d\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2,'@SUM(A1)\r\n'\tx,\"'\rx\",\"plain, with comma\",2026-01-20/1.1\r\n"
        );
    }
}
