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
        if !paragraph.is_empty() {
            let text = paragraph.join("\n");
            document.push(start, Kind::Paragraph { text });
            paragraph.clear();
        }
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
}
