//! Plain text, as Word's "save as text" and `pdftotext -layout` write it:
//! paragraphs are runs of lines between blank lines, kept line by line
//! (indentation and numbering included, for the recognisers to read); a
//! line that starts with a bullet glyph (`●`, `○`, `■`, `•`, Word's symbol
//! bullet) is a list item, its level from its indentation, and the lines
//! indented under it continue it; a form feed is a page break.

use crate::import::document::{Document, Kind};

/// How exactly a text's columns stand where its header's do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// As a tool that knew the page wrote it (`pdftotext -layout`, Word):
    /// a row's cells start where the header's columns start.
    Exact,
    /// As this crate's PDF reader lays a page out on a grid of characters:
    /// a proportional font's long text pushes a row's later cells a few
    /// characters right, and the row's own gaps say where it divides.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    Approximate,
}

pub fn read(raw: &str) -> Document {
    read_laid_out(raw, Layout::Exact)
}

pub fn read_laid_out(raw: &str, layout: Layout) -> Document {
    let mut document = Document::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut start = 0;
    let flush = |document: &mut Document, paragraph: &mut Vec<&str>, start: usize| {
        if paragraph.is_empty() {
            return;
        }
        // A table set with spaces may follow a line or two of text
        // (`Members Present` then `Company   Name   Role`).
        let table_at = (0..paragraph.len().saturating_sub(1)).find(|&at| {
            paragraph
                .get(at..)
                .and_then(|lines| aligned_table(lines, layout))
                .is_some()
        });
        if let Some(at) = table_at.filter(|at| *at > 0) {
            let text = paragraph.get(..at).unwrap_or_default().join("\n");
            document.push(start, Kind::Paragraph { text });
            paragraph.drain(..at);
        }
        let kind = if is_table(paragraph) {
            let mut rows: Vec<Vec<String>> = paragraph.iter().map(|line| cells(line)).collect();
            // A cell of several paragraphs puts lines of its own, and
            // blank lines, inside a table Word saved as text: a table whose
            // cells run over lines goes on after a blank line.
            if let Some(Kind::Table { rows: above }) =
                document.blocks.last_mut().map(|b| &mut b.kind)
            {
                let cells_run_over = above.iter().any(|row| row.len() == 1);
                if cells_run_over && width(above) == width(&rows) {
                    above.append(&mut rows);
                    paragraph.clear();
                    return;
                }
            }
            Kind::Table { rows }
        } else if let Some(rows) = aligned_table(paragraph, layout) {
            Kind::Table { rows }
        } else {
            Kind::Paragraph {
                text: paragraph.join("\n"),
            }
        };
        document.push(start, kind);
        paragraph.clear();
    };
    let mut list = List::default();
    for (at, line) in raw.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut pieces = line.split('\u{c}').peekable();
        while let Some(piece) = pieces.next() {
            if let Some((indent, text)) = bullet(piece) {
                flush(&mut document, &mut paragraph, start);
                let level = list.level(indent);
                let kind = Kind::ListItem {
                    level,
                    marker: "-".to_string(),
                    text: text.to_string(),
                };
                document.push(at + 1, kind);
                list.open = Some(indent);
            } else if list.continues(piece) && paragraph.is_empty() {
                if let Some(Kind::ListItem { text, .. }) =
                    document.blocks.last_mut().map(|b| &mut b.kind)
                {
                    text.push(' ');
                    text.push_str(piece.trim());
                }
            } else if piece.trim().is_empty() {
                flush(&mut document, &mut paragraph, start);
                list = List::default();
            } else {
                list.open = None;
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

const BULLETS: &[char] = &[
    '•', '●', '○', '■', '□', '▪', '▫', '◦', '‣', '➢', '►', '◆', '◇', '·', '\u{f0b7}', '\u{f0a7}',
];

/// The indentation and text of a line that starts with a bullet glyph.
fn bullet(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix(BULLETS)?;
    let text = rest.trim_start_matches(['\u{200b}', ' ', '\t']).trim_end();
    if text.is_empty() {
        return None;
    }
    Some((line.len() - trimmed.len(), text))
}

/// The bullet list being read: the indentations of its levels, and the
/// indentation of the last item, whose more indented lines continue it.
#[derive(Default)]
struct List {
    indents: Vec<usize>,
    open: Option<usize>,
}

impl List {
    fn level(&mut self, indent: usize) -> u8 {
        while self.indents.last().is_some_and(|last| *last > indent) {
            self.indents.pop();
        }
        if self.indents.last() != Some(&indent) {
            self.indents.push(indent);
        }
        u8::try_from(self.indents.len().saturating_sub(1)).unwrap_or(u8::MAX)
    }

    fn continues(&self, line: &str) -> bool {
        let indent = line.len() - line.trim_start().len();
        self.open.is_some_and(|open| indent > open) && !line.trim().is_empty()
    }
}

/// Words that head the columns of a table set with spaces.
const HEADER_WORDS: &[&str] = &[
    "name",
    "names",
    "company",
    "organisation",
    "organization",
    "role",
    "member",
    "members",
    "attendee",
    "attendees",
    "representing",
    "affiliation",
    "institution",
    "position",
    "title",
    "action",
    "owner",
    "who",
    "by",
    "due",
    "date",
    "status",
    "item",
];

/// A table set with spaces, as `pdftotext -layout` writes one: a header
/// line of two or more column words (`Company   Name   Role`) over rows;
/// each row is cut where the header's columns start.
fn aligned_table(lines: &[&str], layout: Layout) -> Option<Vec<Vec<String>>> {
    let header = lines.first()?;
    let starts = column_starts(header);
    if starts.len() < 2 || lines.len() < 2 {
        return None;
    }
    let cells = cut(header, &starts);
    let headed = cells.iter().all(|cell| {
        let words: Vec<String> = cell.split_whitespace().map(str::to_lowercase).collect();
        words.len() <= 3
            && words
                .iter()
                .any(|w| HEADER_WORDS.contains(&w.trim_end_matches(':')))
    });
    if !headed {
        return None;
    }
    let row = |line: &&str| match layout {
        Layout::Exact => cut(line, &starts),
        Layout::Approximate => cells_under(line, &starts),
    };
    Some(lines.iter().map(row).collect())
}

/// A row's cells under the header's columns: the row's own pieces (runs
/// of text apart by two spaces or more) each go under the last header
/// column that starts at or before it. A PDF laid out on a grid of
/// characters pushes a proportional font's long text a few characters to
/// the right, so a row divides at its own gaps, not at the header's
/// positions: text that runs on past where a column starts stays in the
/// cell it began in.
fn cells_under(line: &str, starts: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); starts.len()];
    let mut column = 0;
    for (at, piece) in pieces(line) {
        let under = starts
            .iter()
            .rposition(|start| *start <= at + 1)
            .unwrap_or(0);
        // Columns go left to right: a piece never goes back to one before.
        column = column.max(under);
        if let Some(cell) = cells.get_mut(column) {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(piece.trim());
        }
    }
    cells
}

/// The runs of text of a line apart by two spaces or more, with the
/// character each starts at.
fn pieces(line: &str) -> Vec<(usize, String)> {
    let mut pieces: Vec<(usize, String)> = Vec::new();
    let mut spaces = 2;
    for (at, c) in line.chars().enumerate() {
        if c.is_whitespace() {
            spaces += 1;
            continue;
        }
        match pieces.last_mut() {
            Some((_, piece)) if spaces < 2 => {
                piece.extend(std::iter::repeat_n(' ', spaces));
                piece.push(c);
            }
            _ => pieces.push((at, c.to_string())),
        }
        spaces = 0;
    }
    pieces
}

/// Where each column of a line set with runs of three spaces starts, in
/// characters.
fn column_starts(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut starts = Vec::new();
    let mut spaces = 3;
    for (at, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            spaces += 1;
        } else {
            if spaces >= 3 {
                starts.push(at);
            }
            spaces = 0;
        }
    }
    starts
}

/// `line` cut into cells at `starts` (characters), a cell running on to
/// the next start; a word that crosses a start stays in the cell it began.
fn cut(line: &str, starts: &[usize]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let text = |from: usize, to: usize| -> String {
        chars
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .collect::<String>()
            .trim()
            .to_string()
    };
    let mut cells = Vec::new();
    let mut from = 0;
    for start in starts.iter().skip(1) {
        let mut to = (*start).min(chars.len());
        // Move back to a space so that no word is split.
        while to > from && to < chars.len() && chars.get(to - 1).is_some_and(|c| !c.is_whitespace())
        {
            to -= 1;
        }
        cells.push(text(from, to));
        from = to;
    }
    cells.push(text(from.min(chars.len()), chars.len()));
    cells
}

/// Lines of cells between `|` (as Word's tables come out as text): the
/// first line and at least half the lines, or two of them (a cell of
/// several lines puts lines with no `|` between a table's rows).
fn is_table(lines: &[&str]) -> bool {
    let piped = lines.iter().filter(|line| line.contains(" | ")).count();
    lines.first().is_some_and(|line| line.contains(" | "))
        && (piped * 2 >= lines.len() || piped >= 2)
}

/// The number of columns of a table: its widest row's.
fn width(rows: &[Vec<String>]) -> usize {
    rows.iter().map(Vec::len).max().unwrap_or(0)
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
    fn bulleted_lines_are_list_items_with_levels() {
        let document = read(
            "Notes\n●\u{200b} Budget (May)\n     ○\u{200b} GB reports the hall is booked\n          and paid\n     ○\u{200b} Action GB: buy chairs\n● Close\n",
        );
        assert_eq!(
            document.lines(),
            [
                "Notes",
                "",
                "- Budget (May)",
                "  - GB reports the hall is booked and paid",
                "  - Action GB: buy chairs",
                "- Close"
            ]
        );
    }

    #[test]
    fn tables_set_with_spaces_are_tables() {
        let document = read(
            "Members Present\nCompany                Name              Role\nAcme Permanente        Jo Birtle          Voting Member\nBeta Labs              Al Cao            Member\n",
        );
        assert_eq!(
            document.blocks[0].kind,
            Kind::Paragraph {
                text: "Members Present".into()
            }
        );
        assert_eq!(
            document.blocks[1].kind,
            Kind::Table {
                rows: vec![
                    vec!["Company".into(), "Name".into(), "Role".into()],
                    vec![
                        "Acme Permanente".into(),
                        "Jo Birtle".into(),
                        "Voting Member".into()
                    ],
                    vec!["Beta Labs".into(), "Al Cao".into(), "Member".into()],
                ]
            }
        );
        // A line of names side by side is not a table.
        let names = read("Present      Ann Lee          AL\n             Bo Wu            BW\n");
        assert!(matches!(names.blocks[0].kind, Kind::Paragraph { .. }));
    }

    /// As this crate lays a PDF out: a long sentence in a proportional
    /// font pushes the owner beside it past where its header starts, and
    /// runs on past the next header itself.
    #[test]
    fn a_table_laid_out_from_a_pdf_divides_at_its_own_gaps() {
        let text = [
            "ITEM                                BY WHOM                 BY WHEN",
            "20/26   Tell the hall of the booking, tell the    Clerk     asap",
            "        insurers and the caretaker so that it can",
        ]
        .join("\n");
        let rows = |layout| match &read_laid_out(&text, layout).blocks[0].kind {
            Kind::Table { rows } => rows.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            rows(Layout::Approximate)[1..],
            [
                vec![
                    "20/26 Tell the hall of the booking, tell the".to_string(),
                    "Clerk".into(),
                    "asap".into()
                ],
                vec![
                    "insurers and the caretaker so that it can".into(),
                    String::new(),
                    String::new()
                ],
            ]
        );
        // Cut where the header's columns start, the sentence loses words
        // to the owner's column.
        assert_ne!(rows(Layout::Exact), rows(Layout::Approximate));
    }

    #[test]
    fn a_table_whose_cells_run_over_lines_goes_on_after_a_blank_line() {
        let document = read(
            "Attendees | Officials\nAnn Lee | Bo Wu\nCy Dee\n\nDi Fox | Apologies\n | Ed Hay\n",
        );
        assert_eq!(document.blocks.len(), 1, "{document:?}");
        let Some(Kind::Table { rows }) = document.blocks.first().map(|b| &b.kind) else {
            panic!("{document:?}");
        };
        assert_eq!(rows.len(), 5);
        // Two tables of whole rows stay two.
        let document = read("A | B\nC | D\n\nE | F\nG | H\n");
        assert_eq!(document.blocks.len(), 2, "{document:?}");
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
