//! Small text helpers every output shares: showing text from notes to a
//! terminal or a CI log without letting it act as anything but text.

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
}
