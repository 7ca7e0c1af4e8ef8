//! Which headings are agenda items, when the document numbers none: a page
//! written in Markdown or HTML often gives each item a heading (`## Public
//! Forum`) and no number. Then the headings of the level that holds most of
//! them (below a single title) are the items, numbered in order; headings
//! that organise the page rather than the meeting (`Agenda`, `Notes`) are
//! not.

use super::attendance;
use super::document::{Document, Kind};
use super::title;

static_regex!(
    NUMBERED,
    r"(?i)^(?:\*\*)?(?:item\s+)?\d{1,3}[a-z]?(?:[./]\d{1,3})*[.):]?\s+\S"
);

/// Headings that are parts of the page, not items of the meeting.
const NOT_ITEMS: &[&str] = &[
    "agenda",
    "agenda items",
    "discussion",
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
    let opens_numbered = |text: &str| {
        text.lines()
            .next()
            .is_some_and(|line| NUMBERED.is_match(line.trim()))
    };
    // A numbered heading numbers the items; paragraphs do when two open
    // with a number (one, `60 second updates on …`, is a sentence).
    let headings = document
        .blocks
        .iter()
        .any(|block| matches!(&block.kind, Kind::Heading { text, .. } if opens_numbered(text)));
    let paragraphs = document
        .blocks
        .iter()
        .filter(|block| matches!(&block.kind, Kind::Paragraph { text } if opens_numbered(text)))
        .nth(1)
        .is_some();
    // With no headings, a numbered list (`1.  MINUTES OF THE JULY MEETING`)
    // numbers the items.
    let no_headings = !document
        .blocks
        .iter()
        .any(|block| matches!(block.kind, Kind::Heading { .. }));
    let listed = no_headings
        && document
            .blocks
            .iter()
            .filter(|block| matches!(&block.kind, Kind::ListItem { level: 0, marker, .. } if marker.starts_with(|c: char| c.is_ascii_digit())))
            .nth(1)
            .is_some();
    let numbered = headings || paragraphs || listed;
    if numbered {
        return;
    }
    outline_entries_as_headings(document);
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
    // A heading that opens the document is its title, even at the items'
    // level (`# ORCA TAC Meeting - March 27, 2019` over `# Agenda`).
    for block in document.blocks.iter_mut().skip(1) {
        if let Kind::Heading { level: l, text } = &mut block.kind {
            let plain = text.replace("**", "");
            let plain = plain.trim().trim_end_matches(':').trim();
            let part_of_page = NOT_ITEMS.contains(&plain.to_lowercase().as_str())
                || attendance::label(plain).is_some();
            if *l == level && !part_of_page {
                number += 1;
                *text = format!("{number}. {plain}");
            }
        }
    }
}

/// Under a heading that organises the page (`### Notes`, `## Agenda
/// items`), an outline's top entries that have entries of their own below
/// them and read as titles (`* Election Update` over its points) are the
/// items; they become headings of the level of the page's other headings.
/// Under `Agenda`, when no heading of the page is an item, every top entry
/// that reads as a title is one.
fn outline_entries_as_headings(document: &mut Document) {
    // As in the numbering, a heading that opens the document is its title.
    let item_headings = document
        .blocks
        .iter()
        .skip(1)
        .filter_map(|block| match &block.kind {
            Kind::Heading { text, .. } => Some(text.replace("**", "")),
            _ => None,
        })
        .any(|text| {
            let plain = text.trim().trim_end_matches(':').trim();
            !NOT_ITEMS.contains(&plain.to_lowercase().as_str())
                && attendance::label(plain).is_none()
        });
    let mut under_page_heading = false;
    let mut agenda = false;

    let mut heading_level = 2;
    let mut titles = Vec::new();
    for (at, block) in document.blocks.iter().enumerate() {
        match &block.kind {
            Kind::Heading { level, text } => {
                let plain = text.replace("**", "");
                let plain = plain.trim().trim_end_matches(':').trim().to_lowercase();
                // Under `Agenda` only when no heading is an item: else its
                // entries are what the items will be, with headings of
                // their own further down.
                agenda = plain == "agenda";
                under_page_heading =
                    NOT_ITEMS.contains(&plain.as_str()) && (!agenda || !item_headings);
                heading_level = *level;
            }
            Kind::ListItem { level: 0, text, .. } if under_page_heading => {
                let whole_agenda = agenda && !item_headings;
                let has_points = whole_agenda
                    || matches!(
                        document.blocks.get(at + 1).map(|b| &b.kind),
                        Some(Kind::ListItem { level: 1.., .. })
                    );
                let title = text.trim();
                let reads_as_title = !title.ends_with(['.', ':', '?'])
                    && title.split_whitespace().count() <= 12
                    && !title.contains('\n');
                if has_points && reads_as_title {
                    titles.push((at, heading_level));
                }
            }
            _ => {}
        }
    }
    for (at, level) in titles {
        if let Some(block) = document.blocks.get_mut(at) {
            if let Kind::ListItem { text, .. } = &block.kind {
                block.kind = Kind::Heading {
                    level,
                    text: text.trim().to_string(),
                };
            }
        }
    }
}

/// With no headings to go by, paragraphs that are wholly bold and short
/// (`<p><strong>Welcome and Introductions</strong></p>`) are the items,
/// when there are two or more.
/// A document that opens with lines in bold, one of them dated (`**Open
/// Data User Group**`, `**19th June 2014**`, `**Venue: …**`), has them as
/// its header: they are not items.
fn bold_paragraphs_as_items(document: &mut Document) {
    let bold = |block: &super::document::Block| matches!(&block.kind, Kind::Paragraph { text } if is_bold_title(text));
    let opening = document.blocks.iter().take_while(|b| bold(b)).count();
    let dated = document.blocks.iter().take(opening).any(|b| match &b.kind {
        Kind::Paragraph { text } => !title::dates_in(text).is_empty(),
        _ => false,
    });
    let header = if opening >= 2 && dated { opening } else { 0 };
    let titles: Vec<usize> = document
        .blocks
        .iter()
        .enumerate()
        .skip(header)
        .filter_map(|(at, block)| bold(block).then_some(at))
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
    fn an_outlines_titled_entries_under_a_page_heading_are_items() {
        let mut document = read(
            "# Team, 3 June 2025\n\n## Attendees\n\n- Ann Lee\n\n## Quick updates\n\n- Ann: done\n  - yes\n\n\
             ## Agenda items\n\n- Add agenda item here\n- Roads budget [name=Ann]\n  - we agreed\n- Cloud credits\n  - what if?\n",
            Format::Markdown,
        );
        number_headings(&mut document);
        let headings: Vec<String> = document
            .lines()
            .into_iter()
            .filter(|l| l.starts_with('#'))
            .collect();
        assert_eq!(
            headings,
            [
                "# Team, 3 June 2025",
                "## Attendees",
                "## 1. Quick updates",
                "## Agenda items",
                "## 2. Roads budget [name=Ann]",
                "## 3. Cloud credits"
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
    fn bold_lines_that_open_the_document_with_its_date_are_its_header() {
        let mut document = read(
            "<p><strong>Fellside Trust Board</strong></p><p><strong>4th March 2026, 18:00</strong></p>\
             <p>Present: Ann Lee, Bo Wu</p><p><strong>Welcome</strong></p><p>Text.</p><p><strong>Budget</strong></p>",
            Format::Html,
        );
        number_headings(&mut document);
        let lines = document.lines();
        assert!(
            lines.contains(&"**Fellside Trust Board**".to_string()),
            "{lines:?}"
        );
        assert!(lines.contains(&"## 1. Welcome".to_string()), "{lines:?}");
        assert!(lines.contains(&"## 2. Budget".to_string()), "{lines:?}");
    }

    #[test]
    fn a_document_that_numbers_its_items_is_left_alone() {
        let text = "## 1. Welcome\n\n## Roads\n\n## Close\n";
        let mut document = read(text, Format::Markdown);
        number_headings(&mut document);
        assert_eq!(document, read(text, Format::Markdown));
    }
}
