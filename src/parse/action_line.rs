//! The grammar of one action or update line, once the walker (`body.rs`)
//! has found it: its checkbox, an earlier action's ID, the owners before a
//! colon, the due date in any of its forms, a pinned `{#ID}`, and a
//! progress note after a dash.

use super::people::{Owners, parse_owners};
use crate::model::Status;

static_regex!(OVERDUE_MARK, r"(?i)[\s,;]*overdue$");
static_regex!(PINNED_ID, r"\s*\{#([^\s{}]+)\}\s*$");
static_regex!(COLON_DUE, r"(?i)[\s,;]*\bdue:\s*(.+?)\s*\.?$");

/// A task item that starts with an earlier action's ID: that action's
/// status as of this meeting, and any change of owner or due date.
#[derive(Debug, Clone, PartialEq)]
pub struct RawUpdate {
    pub target: String,
    pub status: Status,
    /// `None` when the update names no owner (the owner stays).
    pub owners: Option<Owners>,
    /// The action's text as restated (informative; the action keeps its own).
    pub text: String,
    pub due: Option<DueText>,
    /// The progress note, after ` — `, ` – ` or ` - `.
    pub note: Option<String>,
    pub line: usize,
}

/// An action as written, before it is given its item, ID and resolved due date.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAction {
    pub status: Status,
    pub owners: Option<Owners>,
    pub text: String,
    pub due: Option<DueText>,
    pub pinned_id: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueText {
    Date(chrono::NaiveDate),
    NextMeeting,
    /// Written, but not a real `YYYY-MM-DD`.
    Invalid(String),
}

/// `OWNERS: what to do (due …) {#ID}`, the text after a task checkbox.
pub(super) fn task_action(status: Status, text: &str, line: usize) -> RawAction {
    let (text, pinned_id) = take_pinned_id(text);
    let (text, due) = take_due(&text);
    let (owners, text) = match split_at_owner_colon(&text) {
        Some((owners_text, rest)) => match parse_owners(owners_text, line) {
            Some(owners) => (Some(owners), rest.trim().to_string()),
            None => (None, text.trim().to_string()),
        },
        None => (None, text.trim().to_string()),
    };
    RawAction {
        status,
        owners,
        text,
        due,
        pinned_id,
        line,
    }
}

/// `ID OWNERS: text (due …) — note`: an update of the action `ID`. A
/// derived ID (`2014-01-28/4.1`) always makes an update; another token does
/// when it looks like a pinned ID: letters and digits joined by `-` or `_`,
/// with at least one digit (`HPB-7`), which no name has.
pub(super) fn task_update(status: Status, text: &str, line: usize) -> Option<RawUpdate> {
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let (target, rest) = text.split_at(end);
    if !(is_derived_id(target) || is_pinned_style_id(target)) {
        return None;
    }
    // A leading space, so that `HPB-7 — note` (no owner, no text) splits too.
    let rest = format!(" {}", rest.trim_start());
    let (rest, due) = take_due(&rest);
    let (main, note) = split_note(&rest);
    let (owners, text) = match split_at_owner_colon(main) {
        Some((owners_text, after)) => match parse_owners(owners_text, line) {
            Some(owners) => (Some(owners), after.trim().to_string()),
            None => (None, main.trim().to_string()),
        },
        None => (None, main.trim().to_string()),
    };
    Some(RawUpdate {
        target: target.to_string(),
        status,
        owners,
        text,
        due,
        note: note.map(str::to_string),
        line,
    })
}

/// `[ ]`, `[x]`, `[X]`, `[-]` or `[/]` then a space (or nothing): the
/// status, and the text after the checkbox.
pub(super) fn task_marker(text: &str) -> Option<(Status, &str)> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'[') || bytes.get(2) != Some(&b']') {
        return None;
    }
    let status = match bytes.get(1)? {
        b' ' => Status::Open,
        b'x' | b'X' => Status::Done,
        b'-' => Status::Dropped,
        b'/' => Status::InProgress,
        _ => return None,
    };
    let rest = text.get(3..)?;
    match rest.chars().next() {
        None => Some((status, "")),
        Some(c) if c.is_whitespace() => Some((status, rest.trim_start())),
        Some(_) => None,
    }
}

/// `2014-01-28/4.1`: a date, a slash, and more.
fn is_derived_id(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() > 11
        && bytes.get(10) == Some(&b'/')
        && bytes.iter().take(10).enumerate().all(|(at, b)| match at {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// `HPB-HOUSING-1`: letters and digits joined by `-` or `_`, with a digit.
fn is_pinned_style_id(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['-', '_']).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
        && token.chars().any(|c| c.is_ascii_digit())
}

/// Splits `text — note` at the first ` — `, ` – ` or ` - `.
fn split_note(text: &str) -> (&str, Option<&str>) {
    match split_at_first(text, &[" — ", " – ", " - "]) {
        Some((main, note)) => {
            let note = note.trim();
            (main, (!note.is_empty()).then_some(note))
        }
        None => (text, None),
    }
}

/// `text` split around the earliest of `separators`, which is dropped.
fn split_at_first<'a>(text: &'a str, separators: &[&str]) -> Option<(&'a str, &'a str)> {
    let (at, len) = separators
        .iter()
        .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
        .min()?;
    Some((text.get(..at)?, text.get(at + len..)?))
}

/// `Action: OWNERS — what to do`, or `Action – OWNERS` with no text.
pub(super) fn action_line(status: Status, text: &str, line: usize) -> RawAction {
    let (text, pinned_id) = take_pinned_id(text);
    let (text, due) = take_due(&text);
    let (owners_text, rest) = split_owners_from_text(&text);
    let (owners, text) = match parse_owners(owners_text, line) {
        Some(owners) => (Some(owners), rest.trim().to_string()),
        None => (None, text.trim().to_string()),
    };
    RawAction {
        status,
        owners,
        text,
        due,
        pinned_id,
        line,
    }
}

/// Whether `text` holds `needle`, ignoring ASCII case, without allocating.
fn contains_like(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

fn take_pinned_id(text: &str) -> (String, Option<String>) {
    if !text.contains("{#") {
        return (text.to_string(), None);
    }
    match PINNED_ID.captures(text) {
        Some(caps) => {
            let id = caps.get(1).map(|m| m.as_str().to_string());
            let start = caps.get(0).map_or(text.len(), |m| m.start());
            (text.get(..start).unwrap_or(text).to_string(), id)
        }
        None => (text.to_string(), None),
    }
}

fn take_due(text: &str) -> (String, Option<DueText>) {
    if !contains_like(text, "due") {
        return (text.to_string(), None);
    }
    if let Some((start, end, value)) = paren_due(text) {
        let mut rest = String::with_capacity(text.len());
        rest.push_str(text.get(..start).unwrap_or(""));
        rest.push_str(text.get(end..).unwrap_or(""));
        return (rest, Some(due_text(value)));
    }
    if contains_like(text, "due:") {
        if let Some((Some(whole), Some(value))) = COLON_DUE
            .captures(text)
            .map(|caps| (caps.get(0), caps.get(1)))
        {
            let mut rest = String::with_capacity(text.len());
            rest.push_str(text.get(..whole.start()).unwrap_or(""));
            rest.push_str(text.get(whole.end()..).unwrap_or(""));
            return (rest, Some(due_text(value.as_str())));
        }
    }
    (text.to_string(), None)
}

/// The first `(due VALUE)` (any case, `due:` too): the byte range to cut,
/// with the white space before it, and the value. Hand-written because it
/// runs on every action and a regex with captures was a tenth of the time.
fn paren_due(text: &str) -> Option<(usize, usize, &str)> {
    let mut from = 0;
    while let Some(open) = text.get(from..)?.find('(').map(|at| at + from) {
        from = open + 1;
        let inside = text.get(open + 1..)?.trim_start();
        let Some(word) = inside.get(..3).filter(|w| w.eq_ignore_ascii_case("due")) else {
            continue;
        };
        let after = inside.get(word.len()..)?;
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            continue; // `(duet …)` is not a due date
        }
        let after = after.trim_start();
        let after = after.strip_prefix(':').unwrap_or(after);
        let Some(close) = after.find(')') else {
            continue;
        };
        let value = after.get(..close)?.trim();
        let end = text.len() - (after.len() - close - 1);
        let start = text.get(..open)?.trim_end().len();
        return Some((start, end, value));
    }
    None
}

fn due_text(value: &str) -> DueText {
    // `(due 2026-03-17, overdue)`: the mark carry-forward writes.
    let value = OVERDUE_MARK.replace(value.trim(), "");
    let value = value.trim();
    let lower = value.to_lowercase();
    if lower == "next meeting" || lower == "the next meeting" {
        return DueText::NextMeeting;
    }
    match super::dates::parse_iso_date(value) {
        Some(date) => DueText::Date(date),
        None => DueText::Invalid(value.to_string()),
    }
}

/// Splits `OWNERS: text` at the first `:` that is outside parentheses and
/// followed by a space or the end.
fn split_at_owner_colon(text: &str) -> Option<(&str, &str)> {
    let colon = |rest: &str| {
        let after = rest.strip_prefix(':')?;
        (after.is_empty() || after.starts_with(char::is_whitespace)).then_some(1)
    };
    crate::text::split_once_top_level(text, colon)
}

/// In an `Action` line the owners end at ` — `, ` – `, ` - ` or `: `.
fn split_owners_from_text(text: &str) -> (&str, &str) {
    split_at_first(text, &[" — ", " – ", " - ", ": "]).unwrap_or((text, ""))
}
