//! Which headings are agenda items, when the document numbers none: a page
//! written in Markdown or HTML often gives each item a heading (`## Public
//! Forum`) and no number. Then the headings of the level that holds most of
//! them (below a single title) are the items, numbered in order; headings
//! that organise the page rather than the meeting (`Agenda`, `Notes`) are
//! not.

use std::sync::LazyLock;

use regex::Regex;

use super::document::{Document, Kind};

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\*\*)?(?:item\s+)?\d{1,3}[a-z]?(?:[./]\d{1,3})*[.):]?\s+\S")
        .unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

/// Headings that are parts of the page, not items of the meeting.
const NOT_ITEMS: &[&str] = &[
    "agenda",
    "notes",
    "chat",
    "meeting details",
    "minutes",
    "summary",
    "contents",
    "table of contents",
    "attachments",
    "links",
    "action items",
    "actions",
    "action points",
    "next steps",
    "action items (ais)",
];

/// Numbers the item headings of a document that numbers none of its
/// headings or paragraphs; leaves any other document as it is.
pub fn number_headings(document: &mut Document) {
    let numbered = document.blocks.iter().any(|block| match &block.kind {
        Kind::Heading { text, .. } | Kind::Paragraph { text } => text
            .lines()
            .next()
            .is_some_and(|line| NUMBERED.is_match(line.trim())),
        _ => false,
    });
    if numbered {
        return;
    }
    let levels: Vec<u8> = document
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    let Some(level) = item_level(&levels) else {
        bold_paragraphs_as_items(document);
        return;
    };
    let mut number = 0;
    for block in &mut document.blocks {
        if let Kind::Heading { level: l, text } = &mut block.kind {
            let plain = text.replace("**", "");
            let plain = plain.trim().trim_end_matches(':').trim();
            if *l == level && !NOT_ITEMS.contains(&plain.to_lowercase().as_str()) {
                number += 1;
                *text = format!("{number}. {plain}");
            }
        }
    }
}

/// With no headings to go by, paragraphs that are wholly bold and short
/// (`<p><strong>Welcome and Introductions</strong></p>`) are the items,
/// when there are two or more.
fn bold_paragraphs_as_items(document: &mut Document) {
    let titles: Vec<usize> = document
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(at, block)| match &block.kind {
            Kind::Paragraph { text } if is_bold_title(text) => Some(at),
            _ => None,
        })
        .collect();
    if titles.len() < 2 {
        return;
    }
    for (number, at) in titles.into_iter().enumerate() {
        if let Some(block) = document.blocks.get_mut(at) {
            if let Kind::Paragraph { text } = &block.kind {
                let title = text.replace("**", "").trim().to_string();
                block.kind = Kind::Heading {
                    level: 2,
                    text: format!("{}. {title}", number + 1),
                };
            }
        }
    }
}

fn is_bold_title(text: &str) -> bool {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"));
    inner.is_some_and(|inner| {
        let inner = inner.trim();
        !inner.contains("**")
            && !inner.ends_with(':')
            && !inner.is_empty()
            && inner.split_whitespace().count() <= 10
            && !NOT_ITEMS.contains(&inner.to_lowercase().as_str())
    })
}

/// The level of the item headings: the smallest level with two headings
/// or more (a level with one heading, above the others, is the title).
fn item_level(levels: &[u8]) -> Option<u8> {
    let mut distinct: Vec<u8> = levels.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct
        .into_iter()
        .find(|level| levels.iter().filter(|l| *l == level).count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::readers::{Format, read_text as read};

    #[test]
    fn unnumbered_headings_become_numbered_items() {
        let mut document = read(
            "# Board, 3 June 2025\n\n## Agenda\n\n## Public forum\n\n### Detail\n\n## Roads\n",
            Format::Markdown,
        );
        number_headings(&mut document);
        assert_eq!(
            document.lines(),
            [
                "# Board, 3 June 2025",
                "",
                "## Agenda",
                "",
                "## 1. Public forum",
                "",
                "### Detail",
                "",
                "## 2. Roads",
                ""
            ]
        );
    }

    #[test]
    fn bold_paragraphs_are_items_when_there_are_no_headings() {
        let mut document = read(
            "<p><strong>Apologies:</strong></p><p><strong>Welcome</strong></p><p>Text.</p><p><strong>Budget update</strong></p>",
            Format::Html,
        );
        number_headings(&mut document);
        assert_eq!(
            document.lines(),
            [
                "**Apologies:**",
                "",
                "## 1. Welcome",
                "",
                "Text.",
                "",
                "## 2. Budget update",
                ""
            ]
        );
    }

    #[test]
    fn a_document_that_numbers_its_items_is_left_alone() {
        let text = "## 1. Welcome\n\n## Roads\n\n## Close\n";
        let mut document = read(text, Format::Markdown);
        number_headings(&mut document);
        assert_eq!(document, read(text, Format::Markdown));
    }
}
