//! The lines the readers made, cleaned: entities and stray inline tags of
//! Word exports decoded or dropped, and page headers and footers repeated by
//! PDF exports kept once.

static_regex!(TAG, r"(?is)<(/?)([a-z][a-z0-9]*)\b[^>]*>");

static_regex!(MINUTE_NUMBER, r"^(?:[A-Z]{1,5}\s+)?\d");

/// The entities Word and PDF exports use.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let named = [
        ("&nbsp;", " "),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&pound;", "£"),
        ("&lsquo;", "‘"),
        ("&rsquo;", "’"),
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ];
    named.iter().fold(text.to_string(), |acc, (entity, plain)| {
        acc.replace(entity, plain)
    })
}

/// The lines of the document, cleaned: `<sup>th</sup>` kept as text,
/// trailing spaces trimmed, and a line repeated as a page header or footer
/// (the same line of 20 characters or more, not a list item) kept once.
pub fn clean_lines(text: &str) -> (Vec<String>, usize) {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{feff}', "");
    let text = TAG.replace_all(&text, "").to_string();
    let text = decode_entities(&text);
    let mut seen = std::collections::HashSet::new();
    let mut dropped = 0;
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = line.trim_end().replace('\u{a0}', " ");
        let trimmed = line.trim();
        let is_list = trimmed.starts_with("- ") || trimmed.starts_with("* ");
        // A numbered line (`3. Budget`, `BM 18/2021 Apologies`) printed in
        // an agenda above the minutes comes again as the item: kept.
        let numbered = MINUTE_NUMBER.is_match(trimmed.trim_start_matches('#').trim_start());
        let repeated = !is_list && !numbered && !seen.insert(trimmed.to_string());
        if trimmed.chars().count() >= 20 && repeated {
            dropped += 1;
            continue;
        }
        lines.push(line);
    }
    (lines, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_page_headers_are_dropped() {
        let (lines, dropped) = clean_lines(
            "Town Board – 1 May 2024 : Notes\nfirst\n- item\nTown Board – 1 May 2024 : Notes\n- item\n28<sup>th</sup> May",
        );
        assert_eq!(
            lines,
            [
                "Town Board – 1 May 2024 : Notes",
                "first",
                "- item",
                "- item",
                "28th May"
            ]
        );
        assert_eq!(dropped, 1);
    }
}
