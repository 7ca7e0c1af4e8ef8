//! Turning an exported document into clean lines: HTML fragments become
//! Markdown-ish text, entities are decoded, and page headers and footers
//! repeated by PDF exports are dropped.

use std::sync::LazyLock;

use regex::Regex;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<(/?)([a-z][a-z0-9]*)\b[^>]*>")
        .unwrap_or_else(|err| unreachable!("static regex: {err}"))
});

/// Whether the text looks like an HTML fragment rather than text or Markdown.
pub fn is_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    // Block tags only: Markdown exports carry a stray `<br>` or `<sup>`.
    ["<p>", "<p ", "<li>", "<ul>", "<ol>", "<div"]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// HTML to Markdown-ish text: blocks become lines, list items `- `,
/// bold `**`, italics `*`; every other tag is dropped and entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for caps in TAG.captures_iter(html) {
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        out.push_str(
            &html
                .get(last..whole.start())
                .unwrap_or("")
                .replace(['\n', '\r'], " "),
        );
        last = whole.end();
        let closing = caps.get(1).is_some_and(|m| !m.as_str().is_empty());
        match (name.as_str().to_ascii_lowercase().as_str(), closing) {
            ("p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "table", _) => {
                out.push_str("\n\n")
            }
            ("ul" | "ol", _) => out.push('\n'),
            ("li", false) => out.push_str("\n- "),
            ("br", _) => out.push('\n'),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("td" | "th", false) => out.push_str(" | "),
            _ => {}
        }
    }
    out.push_str(html.get(last..).unwrap_or(""));
    decode_entities(&out)
}

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
        if trimmed.chars().count() >= 20 && !is_list && !seen.insert(trimmed.to_string()) {
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
    fn html_fragments_become_markdown() {
        let html = "<p>Present: <b>Ann Lee</b> &amp; Bo Wu</p><ul><li>Agreed: <i>go</i></li><li>Two &ndash; three</li></ul>";
        assert!(is_html(html));
        let text = html_to_text(html);
        assert!(text.contains("Present: **Ann Lee** & Bo Wu"), "{text}");
        assert!(text.contains("\n- Agreed: *go*"), "{text}");
        assert!(text.contains("\n- Two – three"), "{text}");
    }

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
