//! What every reader makes of a document, whatever its format: blocks in
//! reading order, each with the line it starts on, and the hints a
//! publishing tool's front matter gave (a title, a date), which are never
//! read as the minutes' own text.

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// 1-based line of the source where the block starts (0 when the
    /// format has no lines of its own).
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Heading {
        level: u8,
        text: String,
    },
    /// Its lines as the document broke them, joined by `\n`.
    Paragraph {
        text: String,
    },
    /// `level` 0 is the outermost list; `marker` is `-` for a bullet, or
    /// the number as written (`1.`, `(a)`, `4.2`).
    ListItem {
        level: u8,
        marker: String,
        text: String,
    },
    /// Rows of cells; the first row is the header when the source says so
    /// or, failing that, as written.
    Table {
        rows: Vec<Vec<String>>,
    },
    PageBreak,
}

/// Hints from a front matter that another tool wrote (Jekyll, Hugo,
/// WordPress): never the minutes' text, only a candidate for the title and
/// the date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    pub title: Option<String>,
    pub date: Option<String>,
}

/// The marker of the next entry of the innermost list, for readers that
/// keep a stack of the lists they are in (`Some(next number)` for an
/// ordered one): `3.`, counting on, or `-` for a bullet.
pub fn next_marker(lists: &mut [Option<u64>]) -> String {
    match lists.last_mut() {
        Some(Some(number)) => {
            let marker = format!("{number}.");
            *number += 1;
            marker
        }
        _ => "-".to_string(),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub hints: Hints,
    pub blocks: Vec<Block>,
    /// What the reader had to leave out, for the import's points to check.
    pub notes: Vec<String>,
}

impl Document {
    pub fn push(&mut self, line: usize, kind: Kind) {
        self.blocks.push(Block { kind, line });
    }

    /// The document as lines of Markdown-like text (headings `#`, list
    /// items indented two spaces a level, tables `| a | b |`, a blank line
    /// after each block), which is what the line-by-line recognisers read.
    pub fn lines(&self) -> Vec<String> {
        self.lines_except(&std::collections::BTreeSet::new())
    }

    /// As [`Document::lines`], leaving out the blocks at `skip` (those a
    /// recogniser has read).
    pub fn lines_except(&self, skip: &std::collections::BTreeSet<usize>) -> Vec<String> {
        let mut lines = Vec::new();
        for (at, block) in self.blocks.iter().enumerate() {
            if skip.contains(&at) {
                continue;
            }
            match &block.kind {
                Kind::Heading { level, text } => {
                    lines.push(format!(
                        "{} {}",
                        "#".repeat(usize::from(*level)),
                        one_line(text)
                    ));
                    lines.push(String::new());
                }
                Kind::Paragraph { text } => {
                    lines.extend(text.lines().map(str::to_string));
                    lines.push(String::new());
                }
                Kind::ListItem {
                    level,
                    marker,
                    text,
                } => {
                    let indent = "  ".repeat(usize::from(*level));
                    let mut parts = text.lines();
                    let first = parts.next().unwrap_or("");
                    lines.push(format!("{indent}{marker} {first}"));
                    // Lines after the first continue the item, indented.
                    lines.extend(parts.map(|rest| format!("{indent}  {rest}")));
                }
                Kind::Table { rows } => {
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(|c| cell_text(c)).collect();
                        lines.push(format!("| {} |", cells.join(" | ")));
                    }
                    lines.push(String::new());
                }
                Kind::PageBreak => lines.push(String::new()),
            }
        }
        lines
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell on one line, with its own `|` kept from splitting the row.
fn cell_text(cell: &str) -> String {
    one_line(cell).replace('|', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_the_lines_the_recognisers_read() {
        let mut document = Document::default();
        document.push(
            1,
            Kind::Heading {
                level: 2,
                text: "1. Welcome".into(),
            },
        );
        document.push(
            3,
            Kind::Paragraph {
                text: "Present: Ann Lee\nBo Wu".into(),
            },
        );
        document.push(
            5,
            Kind::ListItem {
                level: 1,
                marker: "-".into(),
                text: "Agreed: go\nat once".into(),
            },
        );
        document.push(
            7,
            Kind::Table {
                rows: vec![
                    vec!["Name".into(), "Org".into()],
                    vec!["Ann  Lee".into(), "A|B".into()],
                ],
            },
        );
        assert_eq!(
            document.lines(),
            [
                "## 1. Welcome",
                "",
                "Present: Ann Lee",
                "Bo Wu",
                "",
                "  - Agreed: go",
                "    at once",
                "| Name | Org |",
                "| Ann Lee | A/B |",
                "",
            ]
        );
    }
}
