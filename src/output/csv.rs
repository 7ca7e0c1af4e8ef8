//! CSV as RFC 4180 has it (CRLF line ends, quotes doubled), which Excel opens.

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
    writer.write_record(headers).map_err(into_io)?;
    for row in rows {
        writer.write_record(&row).map_err(into_io)?;
    }
    writer.flush()
}

fn into_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}
