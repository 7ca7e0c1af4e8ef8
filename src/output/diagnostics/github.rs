//! GitHub Actions workflow commands: one `::error file=…::message` line per
//! problem, escaped as the Actions toolkit (`@actions/core`) escapes.

use std::io::{self, Write};

use super::display_path;
use crate::lint::Diagnostic;
use crate::problem::Severity;

pub fn write(diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", escape_property(&display_path(d)))];
        if d.line > 0 {
            properties.push(format!("line={}", d.line));
            properties.push(format!("col={}", d.column));
            properties.push(format!("endLine={}", d.end_line));
            properties.push(format!("endColumn={}", d.end_column));
        }
        properties.push(format!("title={}", escape_property(d.rule)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// `escapeData`: `%`, CR and LF; and any other control character escaped,
/// since the log shows ANSI sequences as colour and cursor moves.
pub fn escape_data(text: &str) -> String {
    let data = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::text::escape_controls(&data).into_owned()
}

/// `escapeProperty`: as data, and `:` and `,` which separate properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
