//! JSON documents: pretty-printed, each carrying `schema_version` (docs/format.md).

use std::io::{self, Write};

use serde::Serialize;

pub fn render<T: Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}
