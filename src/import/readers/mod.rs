//! One reader per format, each making a [`Document`] of blocks: plain text
//! (what Word and `pdftotext -layout` export), Markdown (through
//! pulldown-cmark), HTML (through a real HTML parser), Word (.docx) and
//! PDF (its text layer laid out in columns, then read as text).

mod docx;
mod html;
mod markdown;
#[cfg(feature = "pdf")]
mod pdf;
mod text;

use super::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A Word document, read from its bytes.
    Docx,
    /// A PDF, read from its bytes (with the `pdf` feature).
    Pdf,
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
            Some("pdf") => Format::Pdf,
            _ if raw.starts_with("%PDF-") => Format::Pdf,
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

/// Reads a document given as text; the error says why it could not be.
pub fn read(raw: &str, format: Format) -> Result<Document, String> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    match format {
        Format::Text => Ok(text::read(raw)),
        Format::Markdown => markdown::read(raw),
        Format::Html => html::read(raw),
        Format::Docx => Err("a Word document is read from its bytes, not as text".to_string()),
        Format::Pdf => Err("a PDF is read from its bytes, not as text".to_string()),
    }
}

/// Reads a file's bytes, its format found from its extension and what it
/// holds: a `.docx` as Word wrote it, any other format as text (bytes that
/// are not UTF-8 shown as �), converted once.
pub fn read_bytes(bytes: &[u8], extension: Option<&str>) -> Result<(Format, Document), String> {
    let text = String::from_utf8_lossy(bytes);
    let format = Format::detect(extension, &text);
    let document = match format {
        Format::Docx => docx::read(bytes)?,
        Format::Pdf => read_pdf(bytes)?,
        _ => read(&text, format)?,
    };
    Ok((format, document))
}

#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8]) -> Result<Document, String> {
    pdf::read(bytes)
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_bytes: &[u8]) -> Result<Document, String> {
    Err("this build reads no PDF (built without the `pdf` feature): convert it with `pdftotext -layout FILE.pdf` (poppler-utils) and import the .txt it writes".to_string())
}

/// [`read`] for tests of the recognisers, which give it text of a format
/// that always reads.
#[cfg(test)]
pub fn read_text(raw: &str, format: Format) -> Document {
    read(raw, format).unwrap_or_default()
}
