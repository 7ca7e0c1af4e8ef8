//! rustc-style diagnostics, drawn by annotate-snippets.

use std::borrow::Cow;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::display_path;
use crate::lint::Diagnostic;
use crate::problem::Severity;
use crate::text::{escape_controls, picture_controls};

pub fn write(diagnostics: &[Diagnostic], color: bool, out: &mut dyn Write) -> io::Result<()> {
    // Laying out a snippet is most of a warm run's time when there are
    // thousands (bench/NOTES.md): they are laid out in parallel, a batch at
    // a time so that the text waiting to be written stays small, and
    // written in order.
    use rayon::prelude::*;
    const BATCH: usize = 4096;
    const PIECE: usize = 256;
    for batch in diagnostics.chunks(BATCH) {
        let pieces: Vec<String> = batch
            .par_chunks(PIECE)
            .map(|piece| render(piece, color))
            .collect();
        for piece in pieces {
            out.write_all(piece.as_bytes())?;
        }
    }
    Ok(())
}

/// Each diagnostic laid out, with a blank line after it.
fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    use std::fmt::Write as _;
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut text = String::new();
    for diagnostic in diagnostics {
        let path = escape_controls(&display_path(diagnostic)).into_owned();
        let shown = Shown {
            message: escape_controls(&diagnostic.message),
            help: diagnostic.help.as_deref().map(escape_controls),
            source_line: picture_controls(&diagnostic.source_line),
        };
        let rendered = renderer.render(&[group(diagnostic, &shown, &path)]);
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{rendered}\n");
    }
    text
}

/// A diagnostic's texts as shown: control characters escaped, and on the
/// source line pictured one for one, so that the span's columns hold.
struct Shown<'a> {
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    source_line: Cow<'a, str>,
}

fn group<'a>(diagnostic: &'a Diagnostic, shown: &'a Shown<'a>, path: &'a str) -> Group<'a> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level
        .primary_title(shown.message.as_ref())
        .id(diagnostic.rule);
    let mut group = if diagnostic.line == 0 {
        title.element(Origin::path(path))
    } else {
        let span = byte_span(&shown.source_line, diagnostic.column, diagnostic.end_column);
        title.element(
            Snippet::source(shown.source_line.as_ref())
                .line_start(diagnostic.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span)),
        )
    };
    if let Some(help) = &shown.help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    group
}

/// Character columns `[start, end)` as a byte range of `line`.
fn byte_span(line: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let byte_at = |column: usize| {
        line.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(at, _)| at)
    };
    let (from, to) = (byte_at(start), byte_at(end));
    from..to.max(from)
}

#[cfg(test)]
mod tests {
    use super::byte_span;

    #[test]
    fn columns_become_byte_ranges() {
        assert_eq!(byte_span("£5 – x", 4, 5), 4..7);
        assert_eq!(byte_span("abc", 1, 4), 0..3);
    }
}
