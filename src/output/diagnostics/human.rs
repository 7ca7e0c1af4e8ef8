//! rustc-style diagnostics, drawn by annotate-snippets.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::display_path;
use crate::lint::Diagnostic;
use crate::problem::Severity;

pub fn write(diagnostics: &[Diagnostic], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in diagnostics {
        let path = display_path(diagnostic);
        let rendered = renderer.render(&[group(diagnostic, &path)]);
        writeln!(out, "{rendered}\n")?;
    }
    Ok(())
}

fn group<'a>(diagnostic: &'a Diagnostic, path: &'a str) -> Group<'a> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule);
    let mut group = if diagnostic.line == 0 {
        title.element(Origin::path(path))
    } else {
        let span = byte_span(
            &diagnostic.source_line,
            diagnostic.column,
            diagnostic.end_column,
        );
        title.element(
            Snippet::source(diagnostic.source_line.as_str())
                .line_start(diagnostic.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span)),
        )
    };
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
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
