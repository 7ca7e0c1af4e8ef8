//! `minutes export --format jsonl`: one JSON object a line (jsonlines.org),
//! which DuckDB, Spark, pandas and `jq` read as a table.

use std::io::{self, Write};

use serde::Serialize;

use crate::query::export::Sink;

/// Writes each row as one line of JSON. serde_json escapes every control
/// character, line breaks included, so a row never spans two lines.
pub struct JsonLines<'w> {
    out: &'w mut dyn Write,
    line: Vec<u8>,
}

impl<'w> JsonLines<'w> {
    pub fn new(out: &'w mut dyn Write) -> Self {
        JsonLines {
            out,
            line: Vec::new(),
        }
    }
}

impl Sink for JsonLines<'_> {
    fn row<R: Serialize>(&mut self, row: &R) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, row)?;
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }
}
