//! HTML, whole pages or fragments, through html5ever (the scraper crate):
//! headings, paragraphs, list items and tables kept as such; scripts,
//! styles, navigation, headers and footers of the page dropped; `<title>`
//! a hint. HTML keeps no source lines, so blocks are at line 0.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use crate::import::document::{Document, Hints, Kind, next_marker};

/// Elements whose content is never the minutes' text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "template", "head", "aside",
    "button", "form", "svg",
];

/// Elements that end the text before them and start a new block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "address",
    "center",
];

/// How deep elements may nest. The HTML parsing algorithm looks through
/// the open elements for each tag, so its time grows with the square of
/// the depth; no page of minutes comes near this.
pub const MAX_DEPTH: usize = 1000;

/// Reads a page; one nested deeper than [`MAX_DEPTH`] is refused, with
/// why.
pub fn read(raw: &str) -> Result<Document, String> {
    if too_deep(raw) {
        return Err(format!(
            "its HTML nests elements more than {MAX_DEPTH} deep, which no page of minutes does; not read"
        ));
    }
    let html = Html::parse_document(raw);
    let mut walker = Walker::default();
    walker.document.hints = Hints {
        title: title_of(&html),
        date: None,
    };
    walker.children(html.tree.root());
    walker.flush_paragraph();
    Ok(walker.document)
}

/// Whether elements nest deeper than [`MAX_DEPTH`], by one pass over the
/// tags: start tags less end tags, leaving out void elements and those the
/// parser closes by itself (`p`, `li`, `td` …), which do not nest.
pub fn too_deep(raw: &str) -> bool {
    const NOT_NESTING: &[&str] = &[
        "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "embed", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
        "tfoot", "option", "optgroup", "rb", "rt", "rp", "colgroup", "caption", "head", "body",
        "html", "!doctype", "!--",
    ];
    let bytes = raw.as_bytes();
    let mut depth: usize = 0;
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| *b == b'<'))
    {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let start = if closing { at + 1 } else { at };
        let name: String = bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-')
            .take(16)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                return true;
            }
        }
    }
    false
}

fn title_of(html: &Html) -> Option<String> {
    let selector = scraper::Selector::parse("head > title").ok()?;
    let title: String = html.select(&selector).next()?.text().collect();
    let title = collapse(&title);
    (!title.is_empty()).then_some(title)
}

#[derive(Default)]
struct Walker {
    document: Document,
    /// Inline text gathered for the paragraph being read.
    text: String,
    /// Depth of `<ul>`/`<ol>` nesting, with the next number of an `<ol>`.
    lists: Vec<Option<u64>>,
    /// Inside `<pre>`: spaces and line breaks kept.
    preformatted: usize,
}

impl Walker {
    fn children(&mut self, node: NodeRef<Node>) {
        for child in node.children() {
            self.node(child);
        }
    }

    fn node(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) => {
                if self.preformatted > 0 {
                    self.text.push_str(text);
                } else {
                    push_collapsed(&mut self.text, text);
                }
            }
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(node) {
                    self.element(element);
                }
            }
            _ => self.children(node),
        }
    }

    fn element(&mut self, element: ElementRef) {
        let name = element.value().name();
        match name {
            _ if SKIPPED.contains(&name) => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush_paragraph();
                let level = name[1..].parse().unwrap_or(1);
                let text = inline_text(element);
                if !text.is_empty() {
                    self.document.push(0, Kind::Heading { level, text });
                }
            }
            "ul" | "ol" => {
                self.flush_paragraph();
                let start = element.value().attr("start").and_then(|s| s.parse().ok());
                self.lists
                    .push((name == "ol").then_some(start.unwrap_or(1)));
                self.children(*element);
                self.lists.pop();
            }
            "li" => self.list_item(element),
            "table" => {
                self.flush_paragraph();
                let rows = table_rows(element);
                if !rows.is_empty() {
                    self.document.push(0, Kind::Table { rows });
                }
            }
            "br" => self.text.push('\n'),
            "hr" => {
                self.flush_paragraph();
                self.document.push(0, Kind::PageBreak);
            }
            "strong" | "b" => {
                self.text.push_str("**");
                self.children(*element);
                self.text.push_str("**");
            }
            "pre" => {
                self.flush_paragraph();
                self.preformatted += 1;
                self.children(*element);
                self.preformatted -= 1;
                self.flush_paragraph();
            }
            _ if BLOCKS.contains(&name) => {
                self.flush_paragraph();
                self.children(*element);
                self.flush_paragraph();
            }
            _ => self.children(*element),
        }
    }

    /// A list item's own text is one block; a list inside it follows as
    /// items one level deeper.
    fn list_item(&mut self, element: ElementRef) {
        self.flush_paragraph();
        let marker = next_marker(&mut self.lists);
        let level = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        let mut own = Walker {
            lists: self.lists.clone(),
            ..Walker::default()
        };
        let mut nested = Vec::new();
        for child in element.children() {
            let is_list =
                ElementRef::wrap(child).is_some_and(|e| matches!(e.value().name(), "ul" | "ol"));
            if is_list {
                nested.push(child);
            } else {
                own.node(child);
            }
        }
        own.flush_paragraph();
        let text = own
            .document
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                Kind::Paragraph { text } | Kind::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        if !text.trim().is_empty() {
            self.document.push(
                0,
                Kind::ListItem {
                    level,
                    marker,
                    text,
                },
            );
        }
        for list in nested {
            self.node(list);
        }
    }

    fn flush_paragraph(&mut self) {
        let text = std::mem::take(&mut self.text);
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            let text = lines.join("\n");
            self.document.push(0, Kind::Paragraph { text });
        }
    }
}

/// The text of an element on one line (a `<br>` included as a space).
fn inline_text(element: ElementRef) -> String {
    collapse(&element.text().collect::<String>())
}

fn table_rows(table: ElementRef) -> Vec<Vec<String>> {
    let Ok(rows) = scraper::Selector::parse("tr") else {
        return Vec::new();
    };
    let Ok(cells) = scraper::Selector::parse("th, td") else {
        return Vec::new();
    };
    table
        .select(&rows)
        .map(|row| row.select(&cells).map(inline_text).collect::<Vec<_>>())
        .filter(|row| row.iter().any(|cell| !cell.is_empty()))
        .collect()
}

/// Runs of whitespace as one space, as a browser shows them.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_collapsed(out: &mut String, text: &str) {
    let starts_with_space = text.starts_with(char::is_whitespace);
    let ends_with_space = text.ends_with(char::is_whitespace);
    let words = collapse(text);
    if starts_with_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
    out.push_str(&words);
    if ends_with_space && !words.is_empty() {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "{}x{}",
            "<div>".repeat(MAX_DEPTH + 1),
            "</div>".repeat(MAX_DEPTH + 1)
        );
        assert!(too_deep(&deep));
        assert!(read(&deep).unwrap_err().contains("more than 1000 deep"));
        let wide = "<div><p>a</div>".repeat(5000) + &"<li>b".repeat(5000);
        assert!(!too_deep(&wide));
    }

    #[test]
    fn pages_and_fragments_become_blocks() {
        let page = "<html><head><title>Board &amp; Co</title><style>p{}</style></head><body>\
            <nav><a href=/>Home</a></nav><h2>1. Welcome</h2>\
            <p>Present: <b>Ann Lee</b> &amp; Bo&nbsp;Wu<br>Apologies: Cy Dee</p>\
            <ol start=3><li>Budget<ul><li>Agreed: go</li></ul></li><li>Close</li></ol>\
            <table><tr><th>Name</th><th>Role</th></tr><tr><td>Ann Lee</td><td>Chair</td></tr></table>\
            <script>alert(1)</script><footer>© 2024</footer></body></html>";
        let document = read(page).unwrap();
        assert_eq!(document.hints.title.as_deref(), Some("Board & Co"));
        assert_eq!(
            document.lines(),
            [
                "## 1. Welcome",
                "",
                "Present: **Ann Lee** & Bo Wu",
                "Apologies: Cy Dee",
                "",
                "3. Budget",
                "  - Agreed: go",
                "4. Close",
                "| Name | Role |",
                "| Ann Lee | Chair |",
                "",
            ]
        );
    }
}
