//! `minutes export --format jsonl`: one JSON object a line (jsonlines.org),
//! which DuckDB, Spark, pandas and `jq` read as a table.

use std::io::{self, Write};

use serde::Serialize;

use crate::query::export::{Export, Sink, Table};

/// Writes each row as one line of JSON. serde_json escapes every control
/// character, line breaks included, so a row never spans two lines.
struct JsonLines<'w> {
    out: &'w mut dyn Write,
    line: Vec<u8>,
}

impl Sink for JsonLines<'_> {
    fn row<R: Serialize>(&mut self, row: &R) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, row)?;
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }
}

/// Writes every row of `table` to `out`.
pub fn write_table(export: &Export, table: Table, out: &mut dyn Write) -> io::Result<()> {
    let mut sink = JsonLines {
        out,
        line: Vec::new(),
    };
    export.rows(table, &mut sink)
}
