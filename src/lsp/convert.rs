//! Between `minutes`' terms and the protocol's: paths and `file:` URIs,
//! 1-based lines and character columns and 0-based lines and UTF-16
//! columns, diagnostics, and an action's history as Markdown.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lsp_types::{DiagnosticSeverity, NumberOrString, Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::ledger::Entry;
use crate::lint::Diagnostic;
use crate::problem::Severity;

/// What a path keeps as it is in a `file:` URI; the rest is escaped.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The local path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host is ours.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let path = path.to_str()?;
    format!("file://{}", utf8_percent_encode(path, PATH))
        .parse()
        .ok()
}

/// The UTF-16 column of the `column`-th character (1-based) of `line`.
fn utf16_column(line: &str, column: usize) -> u32 {
    let units: usize = line
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf16)
        .sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

fn line_of(text: &str, line: usize) -> &str {
    text.lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// A range from 1-based lines and character columns (`usize::MAX`: the end
/// of the line).
pub fn lsp_range(
    text: &str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
) -> Range {
    let position = |line: usize, column: usize| {
        let text_line = line_of(text, line);
        let column = column.min(text_line.chars().count() + 1);
        Position::new(
            u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX),
            utf16_column(text_line, column),
        )
    };
    Range::new(position(line, column), position(end_line, end_column))
}

/// The whole of `text`, for an edit that replaces it.
pub fn whole(text: &str) -> Range {
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    Range::new(Position::new(0, 0), Position::new(lines, 0))
}

/// The 1-based line and character column of a protocol position.
pub fn position_in(text: &str, position: Position) -> Option<(usize, usize)> {
    let line = usize::try_from(position.line).ok()? + 1;
    let text_line = line_of(text, line);
    let mut units = 0u32;
    let mut column = 1;
    for c in text_line.chars() {
        if units >= position.character {
            break;
        }
        units += u32::try_from(c.len_utf16()).ok()?;
        column += 1;
    }
    Some((line, column))
}

/// The word under the 1-based `column` of `line`: a run of characters
/// without spaces, without the brackets and punctuation around it.
pub fn word_at(text: &str, line: usize, column: usize) -> Option<String> {
    let chars: Vec<char> = line_of(text, line).chars().collect();
    let at = column.checked_sub(1)?.min(chars.len().checked_sub(1)?);
    let part_of = |c: &char| !c.is_whitespace();
    if !chars.get(at).is_some_and(part_of) {
        return None;
    }
    let start = chars
        .get(..at)?
        .iter()
        .rposition(|c| !part_of(c))
        .map_or(0, |p| p + 1);
    let end = chars
        .get(at..)?
        .iter()
        .position(|c| !part_of(c))
        .map_or(chars.len(), |p| at + p);
    let word: String = chars.get(start..end)?.iter().collect();
    let word = word.trim_matches(|c: char| {
        matches!(c, '(' | ')' | ',' | ';' | ':' | '.' | '{' | '}' | '#' | '*')
    });
    (!word.is_empty()).then(|| word.to_string())
}

/// A lint diagnostic as the protocol carries it.
pub fn diagnostic(d: &Diagnostic, text: &str) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let (line, end_line) = (d.line.max(1), d.end_line.max(d.line.max(1)));
    lsp_types::Diagnostic {
        range: lsp_range(text, line, d.column.max(1), end_line, d.end_column.max(1)),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("minutes".to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// An action's life as hover text: where and by whom it was raised, then
/// each update.
pub fn history(entry: &Entry, root: &Path) -> String {
    let action = entry.action;
    let shown = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let mut text = format!(
        "**{}** · {} now\n\n{}\n\nRaised at {} on {} ({}:{}), owner {}",
        action.id,
        entry.state().status,
        action.text,
        entry.meeting.meeting,
        entry.meeting.date,
        shown(&entry.meeting.path),
        action.line,
        action.owners_label()
    );
    if let Some(due) = action.due {
        let _ = write!(text, ", due {due}");
    }
    text.push('.');
    for applied in &entry.updates {
        let update = applied.update;
        let _ = write!(text, "\n\n- {}: {}", applied.meeting.date, update.status);
        if let Some(note) = &update.note {
            let _ = write!(text, " — {note}");
        }
        let _ = write!(text, " ({}:{})", shown(&applied.meeting.path), update.line);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_both_ways() {
        let path = Path::new("/tmp/notes/2026-01-20 board #1.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/notes/2026-01-20%20board%20%231.md"
        );
        assert_eq!(path_of(&uri).unwrap(), path);
    }

    #[test]
    fn columns_count_utf16_units() {
        let text = "a\n😀é x\n";
        // `x` is the 4th character: two units for the emoji, one each after.
        assert_eq!(lsp_range(text, 2, 4, 2, 5).start, Position::new(1, 4));
        assert_eq!(position_in(text, Position::new(1, 4)), Some((2, 4)));
    }

    #[test]
    fn the_word_under_the_cursor() {
        let text = "- [x] 2026-01-20/4.1 Ann Lee: go\n";
        assert_eq!(word_at(text, 1, 10).as_deref(), Some("2026-01-20/4.1"));
        assert_eq!(word_at(text, 1, 4).as_deref(), Some("[x]"));
        assert_eq!(word_at(text, 1, 6), None);
    }
}
