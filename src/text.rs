//! Small text helpers that every stage shares: comparing series names,
//! slugs for file names and UIDs, the closest of some words for "did you
//! mean", and showing text from notes to a terminal or a CI log without
//! letting it act as anything but text.

use std::borrow::Cow;

/// `text` with each control character (C0 but tab, DEL, C1) written as an
/// escape: `\u{1b}` for ESC, `\n` for a line break. A note cannot then set
/// the terminal's title, clear its screen, or start a new line of a CI log
/// with a workflow command (`::error …`).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// Writes to `out` with the control characters of each line escaped and
/// the line breaks kept: for prose output (`people --explain`, `import`'s
/// report) that quotes what notes and documents say.
pub struct EscapingWriter<'w> {
    out: &'w mut dyn std::io::Write,
    pending: Vec<u8>,
}

impl<'w> EscapingWriter<'w> {
    pub fn new(out: &'w mut dyn std::io::Write) -> Self {
        EscapingWriter {
            out,
            pending: Vec::new(),
        }
    }

    fn write_lines(&mut self, all: bool) -> std::io::Result<()> {
        let end = if all {
            self.pending.len()
        } else {
            match self.pending.iter().rposition(|b| *b == b'\n') {
                Some(at) => at + 1,
                None => return Ok(()),
            }
        };
        let text =
            String::from_utf8_lossy(self.pending.get(..end).unwrap_or_default()).into_owned();
        for piece in text.split_inclusive('\n') {
            let (line, newline) = match piece.strip_suffix('\n') {
                Some(line) => (line, "\n"),
                None => (piece, ""),
            };
            write!(self.out, "{}{newline}", escape_controls(line))?;
        }
        self.pending.drain(..end);
        Ok(())
    }
}

impl std::io::Write for EscapingWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        self.write_lines(false)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_lines(true)?;
        self.out.flush()
    }
}

impl Drop for EscapingWriter<'_> {
    fn drop(&mut self) {
        // What is left when the writer goes: nothing more can be said of a failure here.
        let _ = self.write_lines(true);
    }
}

/// `line` with each control character (but tab) shown as one visible
/// character (the Control Pictures `␛`, `␇`, …; `�` for C1), so that the
/// columns of a span on the line stay where they were.
pub fn picture_controls(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_unsafe) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .map(|c| match c {
                '\u{0}'..='\u{1f}' if c != '\t' => {
                    char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')
                }
                '\u{7f}' => '\u{2421}',
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// Control characters but the tab, which every terminal and log shows as space.
fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// The key of a series name: lower case, one space between words. Two
/// names are one series exactly when `same_series` says so.
pub fn series_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for (at, word) in name.split_whitespace().enumerate() {
        if at > 0 {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Whether two series names are the same, ignoring case and spacing.
/// Compared word by word without allocating: it runs for every action.
/// The distinct series among `names` (compared as [`same_series`]), each
/// under its first spelling, in the order first seen.
pub fn distinct_series<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut distinct: Vec<&str> = Vec::new();
    for name in names {
        if !distinct.iter().any(|known| same_series(known, name)) {
            distinct.push(name);
        }
    }
    distinct
}

pub fn same_series(a: &str, b: &str) -> bool {
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let same = x == y
                    || x.chars()
                        .flat_map(char::to_lowercase)
                        .eq(y.chars().flat_map(char::to_lowercase));
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// `Harbourside Partnership Board` → `harbourside-partnership-board`; a
/// name with no letter or digit (`...`) → `meeting`, never an empty slug.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "meeting".to_string()
    } else {
        slug.to_string()
    }
}

/// The candidate most like `word`, when it is like enough to suggest.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                *c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `text` split wherever `separator` matches outside parentheses (it gets
/// the rest of the text and answers the length of the separator there), in
/// one pass: `(Wilts Fire & Rescue)` stays whole when `&` separates owners.
pub fn split_top_level(text: &str, separator: impl Fn(&str) -> Option<usize>) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    for (at, len) in top_level_matches(text, separator) {
        parts.push(text.get(part_start..at).unwrap_or(""));
        part_start = at + len;
    }
    parts.push(text.get(part_start..).unwrap_or(""));
    parts
}

/// `text` split at the first match of `separator` outside parentheses: the
/// text before it and the text after it.
pub fn split_once_top_level(
    text: &str,
    separator: impl Fn(&str) -> Option<usize>,
) -> Option<(&str, &str)> {
    let (at, len) = top_level_matches(text, separator).next()?;
    Some((text.get(..at)?, text.get(at + len..)?))
}

/// Where `separator` matches outside parentheses, each match's start and
/// length, left to right, matches never overlapping.
fn top_level_matches<'t>(
    text: &'t str,
    separator: impl Fn(&str) -> Option<usize> + 't,
) -> impl Iterator<Item = (usize, usize)> + 't {
    let mut depth = 0usize;
    let mut resume = 0;
    text.char_indices().filter_map(move |(at, c)| {
        if at < resume {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                let len = text.get(at..).and_then(&separator).filter(|len| *len > 0)?;
                resume = at + len;
                return Some((at, len));
            }
            _ => {}
        }
        None
    })
}

/// A separator that is exactly `word`: for `split_top_level`.
pub fn literal(word: &str) -> impl Fn(&str) -> Option<usize> + '_ {
    move |rest: &str| rest.starts_with(word).then_some(word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_or_pictured_and_text_is_kept() {
        assert_eq!(
            escape_controls("a\u{1b}]0;x\u{7}b\nc\td\u{9b}"),
            "a\\u{1b}]0;x\\u{7}b\\nc\td\\u{9b}"
        );
        assert_eq!(escape_controls("Renée – ok"), "Renée – ok");
        assert_eq!(picture_controls("a\u{1b}b\u{0}\tc\u{7f}"), "a␛b␀\tc␡");
        assert_eq!(picture_controls("a\u{1b}b").chars().count(), 3);
    }

    #[test]
    fn the_escaping_writer_keeps_line_breaks_and_escapes_the_rest() {
        use std::io::Write;
        let mut out = Vec::new();
        {
            let mut escaping = EscapingWriter::new(&mut out);
            write!(escaping, "a\u{1b}[2J b\nsecond").unwrap();
            writeln!(escaping, " line\u{7}").unwrap();
            write!(escaping, "last, no newline").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\u{1b}[2J b\nsecond line\\u{7}\nlast, no newline"
        );
    }

    #[test]
    fn splitting_outside_parentheses() {
        let owners = |rest: &str| match rest.chars().next() {
            Some(c @ (',' | '&')) => Some(c.len_utf8()),
            _ => rest.starts_with(" and ").then_some(5),
        };
        assert_eq!(
            split_top_level("Ann Lee (Fire & Rescue), Bo Wu and Cy Day", owners),
            ["Ann Lee (Fire & Rescue)", " Bo Wu", "Cy Day"]
        );
        assert_eq!(split_top_level("", owners), [""]);
        assert_eq!(
            split_once_top_level("Ann (a: b): text", literal(": ")),
            Some(("Ann (a: b)", "text"))
        );
        assert_eq!(split_once_top_level("no colon", literal(":")), None);
        // One pass, whatever the number of separators.
        let many = ",".repeat(100_000);
        assert_eq!(split_top_level(&many, literal(",")).len(), 100_001);
    }

    #[test]
    fn slugs_are_never_empty() {
        assert_eq!(
            slug("Harbourside Partnership Board"),
            "harbourside-partnership-board"
        );
        assert_eq!(slug("  IEWM – Board (2010) "), "iewm-board-2010");
        assert_eq!(slug("..."), "meeting");
    }

    #[test]
    fn series_names_compare_ignoring_case_and_spacing() {
        assert!(same_series("One  Board", "one board"));
        assert!(!same_series("One Board", "One Boards"));
        assert_eq!(series_key(" One\tBOARD "), "one board");
    }
}
