//! A Markdown table to paste into an agenda or a board paper.

use std::io::{self, Write};

use super::{Grid, Style};

/// The grid as a Markdown table, with the columns `--columns` chose.
pub fn render(grid: &Grid, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let chosen = grid.chosen(style);
    let grid = chosen.as_ref().unwrap_or(grid);
    let header: Vec<String> = grid.headers().map(escape).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = grid.columns.iter().map(|_| "---").collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in &grid.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let text = escape(&cell.text);
                if cell.alert && !text.is_empty() {
                    format!("**{text}**")
                } else {
                    text
                }
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Text from a note as Markdown that shows it and does nothing else: a pipe
/// would end the cell, a newline the row, `*` and `_` embolden; `<` would
/// open raw HTML (`<script>`, `<img onerror=…>`) and `[` a link or an image
/// (`[x](javascript:…)`, `![](http://tracker/…)`), so both are escaped, as
/// the HTML report escapes them; control characters are written as escapes.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '\\' | '`' | '[' | ']' | '<' | '>' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            c if c.is_control() => escaped.extend(c.escape_default()),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn html_links_images_and_controls_arrive_as_text() {
        assert_eq!(
            escape("<script>alert(1)</script> [x](javascript:alert(1)) ![](http://t/p.gif)"),
            "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) !\\[\\](http://t/p.gif)"
        );
        assert_eq!(escape("a|b\nc\u{1b}[2J"), "a\\|b c\\u{1b}\\[2J");
        assert_eq!(escape("Fire & Rescue"), "Fire & Rescue");
    }

    #[test]
    fn escaped_text_renders_as_the_same_text_with_no_html_or_links() {
        let hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![](http://t/p.gif)";
        use pulldown_cmark::{Event, Parser, Tag};
        for event in Parser::new(&escape(hostile)) {
            let active = matches!(
                event,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::Link { .. } | Tag::Image { .. })
            );
            assert!(!active, "{event:?}");
        }
    }
}
