//! A Markdown table to paste into an agenda or a board paper.

use std::io::{self, Write};

use super::Grid;

pub fn render(grid: &Grid, out: &mut dyn Write) -> io::Result<()> {
    let header: Vec<String> = grid.headers.iter().map(|h| escape(h)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = grid.headers.iter().map(|_| "---").collect();
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

/// A pipe would end the cell, a newline the row; `*` and `_` could embolden.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '\\' | '`' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}
