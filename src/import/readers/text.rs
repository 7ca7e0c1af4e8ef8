//! Plain text, as Word's "save as text" and `pdftotext -layout` write it:
//! paragraphs are runs of lines between blank lines, kept line by line
//! (indentation and numbering included, for the recognisers to read); a
//! form feed is a page break.

use crate::import::document::{Document, Kind};

pub fn read(raw: &str) -> Document {
    let mut document = Document::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut start = 0;
    let flush = |document: &mut Document, paragraph: &mut Vec<&str>, start: usize| {
        if paragraph.is_empty() {
            return;
        }
        let kind = if is_table(paragraph) {
            let rows = paragraph.iter().map(|line| cells(line)).collect();
            Kind::Table { rows }
        } else {
            Kind::Paragraph {
                text: paragraph.join("\n"),
            }
        };
        document.push(start, kind);
        paragraph.clear();
    };
    for (at, line) in raw.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut pieces = line.split('\u{c}').peekable();
        while let Some(piece) = pieces.next() {
            if piece.trim().is_empty() {
                flush(&mut document, &mut paragraph, start);
            } else {
                if paragraph.is_empty() {
                    start = at + 1;
                }
                paragraph.push(piece.trim_end());
            }
            if pieces.peek().is_some() {
                flush(&mut document, &mut paragraph, start);
                document.push(at + 1, Kind::PageBreak);
            }
        }
    }
    flush(&mut document, &mut paragraph, start);
    document
}

/// Lines of cells between `|` (as Word's tables come out as text): at
/// least half the lines, the first among them.
fn is_table(lines: &[&str]) -> bool {
    let piped = lines.iter().filter(|line| line.contains(" | ")).count();
    lines.first().is_some_and(|line| line.contains(" | ")) && piped * 2 >= lines.len()
}

/// The cells of a line, empty ones kept so that columns stay in place.
fn cells(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    // `| a | b |` has outer pipes; `a | b` and ` | b` (an empty first
    // cell) do not.
    let line = match trimmed.strip_prefix('|').and_then(|l| l.strip_suffix('|')) {
        Some(inner) => inner,
        None => line,
    };
    line.split('|')
        .map(|cell| cell.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_their_lines_and_page_breaks_are_blocks() {
        let document = read("Title\r\n  1. First\n\n\nNext\u{c}Page two\n");
        let kinds: Vec<(usize, &Kind)> =
            document.blocks.iter().map(|b| (b.line, &b.kind)).collect();
        assert_eq!(
            kinds,
            [
                (
                    1,
                    &Kind::Paragraph {
                        text: "Title\n  1. First".into()
                    }
                ),
                (
                    5,
                    &Kind::Paragraph {
                        text: "Next".into()
                    }
                ),
                (5, &Kind::PageBreak),
                (
                    5,
                    &Kind::Paragraph {
                        text: "Page two".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn lines_of_cells_are_a_table() {
        let document = read("Attendees | Officials\nAnn Lee | Bo Wu\nCy Dee\n | Apologies\n");
        assert_eq!(
            document.blocks[0].kind,
            Kind::Table {
                rows: vec![
                    vec!["Attendees".into(), "Officials".into()],
                    vec!["Ann Lee".into(), "Bo Wu".into()],
                    vec!["Cy Dee".into()],
                    vec!["".into(), "Apologies".into()],
                ]
            }
        );
    }
}
