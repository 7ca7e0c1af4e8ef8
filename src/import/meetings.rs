//! Documents that hold several meetings: a page of weekly notes, each
//! meeting under a heading that is its date (`## 2025 December 16`,
//! `## Jan 21, 2025`). A note is one meeting, so the first is imported and
//! the rest are named in a check, never mixed into it: their attendance,
//! decisions and actions belong to other meetings.

use chrono::NaiveDate;

use super::document::{Document, Kind};
use super::title::dates_in;

/// A heading is a meeting's date when it is little more than the date
/// (`Meeting of 3 May 2025`), never a long title that mentions one.
const MAX_DATED_HEADING_WORDS: usize = 6;

/// Words that make a dated heading another kind of heading.
const NOT_A_MEETING: &[&str] = &["next", "previous", "future", "deadline", "due"];

/// Keeps the first meeting of a document that holds several; says what
/// was left out, or `None` when the document is one meeting.
pub fn keep_first(document: &mut Document) -> Option<String> {
    let dated = dated_headings(document);
    let level = dated.iter().map(|d| d.level).min()?;
    let at_level: Vec<&Dated> = dated.iter().filter(|d| d.level == level).collect();
    let (first, second) = (at_level.first()?, at_level.get(1)?);
    if at_level.iter().all(|d| d.date == first.date) {
        return None;
    }
    let dates: Vec<String> = at_level.iter().map(|d| d.date.to_string()).collect();
    let first_line = document.blocks.get(first.index).map_or(0, |b| b.line);
    document.blocks.truncate(second.index);
    Some(format!(
        "the document holds {} meetings under dated headings ({}); only the first, {} (line {}), was imported",
        at_level.len(),
        abridged(&dates),
        first.date,
        first_line
    ))
}

struct Dated {
    index: usize,
    level: u8,
    date: NaiveDate,
}

fn dated_headings(document: &Document) -> Vec<Dated> {
    document
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| match &block.kind {
            Kind::Heading { level, text } => Some(Dated {
                index,
                level: *level,
                date: heading_date(text)?,
            }),
            _ => None,
        })
        .collect()
}

fn heading_date(text: &str) -> Option<NaiveDate> {
    // `19.09.04 Planning` is minute 4 of September 2019's meeting, its
    // number read as a date only by accident: a number with a title after
    // it numbers an item.
    let numbered = text.split_once(' ').is_some_and(|(first, rest)| {
        first.starts_with(|c: char| c.is_ascii_digit())
            && first.chars().all(|c| c.is_ascii_digit() || c == '.')
            && first.trim_end_matches('.').contains('.')
            && rest.chars().any(char::is_alphabetic)
    });
    if numbered {
        return None;
    }
    let lower = text.to_lowercase();
    if text.split_whitespace().count() > MAX_DATED_HEADING_WORDS
        || NOT_A_MEETING.iter().any(|word| lower.contains(word))
    {
        return None;
    }
    match dates_in(text).as_slice() {
        [date] => Some(*date),
        _ => None,
    }
}

/// The first three and the last of a long list.
fn abridged(items: &[String]) -> String {
    match items {
        [a, b, c, .., last] if items.len() > 4 => format!("{a}, {b}, {c}, … {last}"),
        _ => items.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::readers::{Format, read};

    fn keep(markdown: &str) -> (Option<String>, String) {
        let Ok(mut document) = read(markdown, Format::Markdown) else {
            return (None, String::new());
        };
        let check = keep_first(&mut document);
        (check, document.lines().join("\n"))
    }

    #[test]
    fn a_page_of_weekly_notes_keeps_its_first_meeting() {
        let page = "# Notes from 2026\n\n## 2026 March 10\n\n### Attendees\n\n- Ann Lee\n\n### Notes\n\n- Agreed the budget\n\n## Mar 3, 2026\n\n### Attendees\n\n- Bob Ray\n\n## 24 February 2026\n\n- Bob Ray to write\n";
        let (check, kept) = keep(page);
        assert_eq!(
            check.as_deref(),
            Some(
                "the document holds 3 meetings under dated headings (2026-03-10, 2026-03-03, 2026-02-24); only the first, 2026-03-10 (line 3), was imported"
            )
        );
        assert!(kept.contains("Ann Lee") && kept.contains("Agreed the budget"));
        assert!(!kept.contains("Bob Ray"), "{kept}");
    }

    #[test]
    fn one_meeting_with_dated_headings_is_left_whole() {
        for page in [
            "# Board, 3 May 2026\n\n## Apologies\n\nNone\n\n## Date of next meeting: 7 June 2026\n\nAt the hall\n",
            "# Board\n\n## Minutes of 3 May 2026\n\nText\n\n## Minutes of 3 May 2026 (continued)\n\nMore\n",
            "# Board\n\n## Report on the consultation that closed on 3 May 2026 and the response\n\nText\n\n## 7 June 2026\n\nMore\n",
            "# Board\n\n## 19.09.01 Apologies\n\nNone\n\n## 19.09.02 Minutes\n\nMore\n",
        ] {
            let (check, kept) = keep(page);
            assert_eq!(check, None, "{page}");
            assert!(kept.contains("More") || kept.contains("At the hall"));
        }
    }
}
