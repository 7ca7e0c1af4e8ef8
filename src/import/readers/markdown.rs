//! Markdown, through pulldown-cmark: headings, paragraphs, list items with
//! their level and number, and tables as tables. A front matter that a
//! publishing tool wrote (Jekyll and WordPress `---` YAML, Hugo `+++` TOML)
//! gives only hints (`title`, `date`); a body that is HTML (as some
//! converters leave it) is read by the HTML reader.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::import::document::{Document, Hints, Kind, next_marker};
use crate::source::LineIndex;

pub fn read(raw: &str) -> Result<Document, String> {
    let (hints, body_start) = front_matter(raw);
    let body = raw.get(body_start..).unwrap_or("");
    if super::looks_like_html(body) {
        let mut document = super::html::read(body)?;
        document.hints = hints;
        return Ok(document);
    }
    let index = LineIndex::new(raw);
    let mut walker = Walker::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        walker.event(event, index.line(body_start + range.start));
    }
    let mut document = walker.document;
    document.hints = hints;
    Ok(document)
}

/// The hints of a leading `---` or `+++` block and where the body starts.
/// Lines are scanned for the two keys, not parsed as YAML or TOML: only
/// the title and the date are wanted, and a broken block still ends.
fn front_matter(raw: &str) -> (Hints, usize) {
    let fence = if raw.starts_with("---") {
        "---"
    } else if raw.starts_with("+++") {
        "+++"
    } else {
        return (Hints::default(), 0);
    };
    let mut hints = Hints::default();
    let mut offset = 0;
    for (at, line) in raw.split_inclusive('\n').enumerate() {
        offset += line.len();
        let line = line.trim_end();
        if at > 0 && line == fence {
            return (hints, offset);
        }
        if at == 0 && line != fence {
            return (Hints::default(), 0);
        }
        if let Some((key, value)) = line.split_once([':', '=']) {
            let value = value.trim().trim_matches(['"', '\'']).trim();
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "title" => hints.title = Some(value.to_string()),
                "date" => hints.date = Some(value.to_string()),
                _ => {}
            }
        }
    }
    // No closing fence: the whole file is text.
    (Hints::default(), 0)
}

#[derive(Default)]
struct Walker {
    document: Document,
    /// Text of the block being read.
    text: String,
    start_line: usize,
    heading: Option<u8>,
    /// The lists we are in: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    /// The marker and line of the list item being read, until written.
    item: Option<(String, usize)>,
    /// The table being read, and its line.
    table: Option<(usize, Vec<Vec<String>>)>,
    row: Vec<String>,
}

impl Walker {
    fn event(&mut self, event: Event, line: usize) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.inline(&text, line),
            Event::SoftBreak | Event::HardBreak => self.text.push('\n'),
            Event::InlineHtml(html) | Event::Html(html)
                if html.to_ascii_lowercase().starts_with("<br") =>
            {
                self.text.push('\n')
            }
            Event::TaskListMarker(done) => self.text.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }

    fn inline(&mut self, text: &str, line: usize) {
        if self.text.is_empty() {
            self.start_line = line;
        }
        self.text.push_str(text);
    }

    fn start(&mut self, tag: Tag, line: usize) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_item();
                self.heading = Some(heading_level(level));
                self.start_line = line;
            }
            Tag::List(first) => {
                self.flush_item();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush_item();
                let marker = next_marker(&mut self.lists);
                self.item = Some((marker, line));
            }
            Tag::Paragraph if self.item.is_some() && !self.text.is_empty() => {
                self.text.push('\n');
            }
            Tag::Table(_) => self.table = Some((line, Vec::new())),
            Tag::Strong => self.text.push_str("**"),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let level = self.heading.take().unwrap_or(1);
                let text = std::mem::take(&mut self.text);
                self.document
                    .push(self.start_line, Kind::Heading { level, text });
            }
            TagEnd::Paragraph if self.item.is_none() => {
                let text = std::mem::take(&mut self.text);
                if !text.trim().is_empty() {
                    self.document
                        .push(self.start_line, Kind::Paragraph { text });
                }
            }
            TagEnd::Item => self.flush_item(),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::TableCell => self.row.push(std::mem::take(&mut self.text)),
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some((_, rows)) = &mut self.table {
                    rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some((line, rows)) = self.table.take() {
                    self.document.push(line, Kind::Table { rows });
                }
            }
            TagEnd::Strong => self.text.push_str("**"),
            TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock => {
                let text = std::mem::take(&mut self.text);
                if !text.trim().is_empty() && self.item.is_none() {
                    self.document
                        .push(self.start_line, Kind::Paragraph { text });
                }
            }
            _ => {}
        }
    }

    /// Writes the list item read so far (before a nested list starts, or
    /// at its end), so that items stay in reading order.
    fn flush_item(&mut self) {
        let Some((marker, line)) = self.item.take() else {
            return;
        };
        let text = std::mem::take(&mut self.text);
        let level = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        if !text.trim().is_empty() {
            let text = text.trim().to_string();
            self.document.push(
                line,
                Kind::ListItem {
                    level,
                    marker,
                    text,
                },
            );
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publishing_tools_front_matter_gives_hints_not_text() {
        let document = read(
            "---\ntitle: \"Board meeting\"\ndate: 2024-05-01 10:00\nlayout: post\n---\n\n## 1. Welcome\n\nPresent: Ann Lee\n",
       ).unwrap();
        assert_eq!(document.hints.title.as_deref(), Some("Board meeting"));
        assert_eq!(document.hints.date.as_deref(), Some("2024-05-01 10:00"));
        assert_eq!(
            document.lines(),
            ["## 1. Welcome", "", "Present: Ann Lee", ""]
        );
        assert_eq!(document.blocks[0].line, 7);
        let hugo = read("+++\ntitle = 'Steering group'\n+++\nText\n").unwrap();
        assert_eq!(hugo.hints.title.as_deref(), Some("Steering group"));
        // A body of HTML nested too deep is refused with why, not read as nothing.
        let deep = format!("---\ntitle: X\n---\n{}", "<div>".repeat(1001));
        assert!(read(&deep).unwrap_err().contains("more than 1000 deep"));
    }

    #[test]
    fn lists_keep_their_levels_numbers_and_order() {
        let document = read("3. Budget\n   - **Agreed**: go\n     on\n4. Close\n").unwrap();
        assert_eq!(
            document.lines(),
            ["3. Budget", "  - **Agreed**: go", "    on", "4. Close"]
        );
    }

    #[test]
    fn tables_are_tables() {
        let document = read("| Name | Role |\n|---|---|\n| Ann Lee | Chair |\n").unwrap();
        assert_eq!(
            document.blocks[0].kind,
            Kind::Table {
                rows: vec![
                    vec!["Name".into(), "Role".into()],
                    vec!["Ann Lee".into(), "Chair".into()]
                ]
            }
        );
    }
}
