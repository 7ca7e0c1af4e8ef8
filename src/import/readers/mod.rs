//! One reader per format, each making a [`Document`] of blocks: plain text
//! (what Word and `pdftotext -layout` export), Markdown (through
//! pulldown-cmark) and HTML (through a real HTML parser).

mod docx;
mod html;
mod markdown;
mod text;

use super::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A Word document, read from its bytes.
    Docx,
}

impl Format {
    /// The format of a document from its file extension, else from what it
    /// holds: block tags make HTML (a Markdown export carries a stray
    /// `<br>` or `<sup>`, never a `<p>`), a front matter or a heading makes
    /// Markdown only when the extension says so.
    pub fn detect(extension: Option<&str>, raw: &str) -> Format {
        let extension = extension.map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("docx") => Format::Docx,
            Some("md" | "markdown") => Format::Markdown,
            _ if looks_like_html(raw) => Format::Html,
            _ => Format::Text,
        }
    }
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p>", "<p ", "<li>", "<ul>", "<ol>", "<div", "<table", "<html",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// Reads a document of a text format.
pub fn read(raw: &str, format: Format) -> Document {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    match format {
        Format::Text => text::read(raw),
        Format::Markdown => markdown::read(raw),
        Format::Html => html::read(raw),
        Format::Docx => docx::read(raw.as_bytes()).unwrap_or_default(),
    }
}

/// Reads a document from its bytes: a `.docx` as Word wrote it, any other
/// format as text (bytes that are not UTF-8 shown as �). The error says
/// why a file of a binary format could not be read.
pub fn read_bytes(bytes: &[u8], format: Format) -> Result<Document, String> {
    match format {
        Format::Docx => docx::read(bytes),
        _ => Ok(read(&String::from_utf8_lossy(bytes), format)),
    }
}
