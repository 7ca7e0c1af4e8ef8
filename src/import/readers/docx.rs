//! Word documents (`.docx`): the paragraphs of `word/document.xml` with
//! their style (`Title`, `Heading 1`…, list paragraphs) and numbering (a
//! numbered or bulleted list, its level, read against `numbering.xml`), and
//! tables as tables, through the zip and quick-xml crates. Tabs inside a
//! paragraph are kept, so that columns set with tabs survive.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::import::document::{Document, Kind};

/// The most any one part of a `.docx` may unpack to: a document of minutes
/// is far smaller, and a zip bomb is refused rather than read.
const MAX_PART: u64 = 64 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|err| format!("not a Word document (.docx): {err}"))?;
    let body = part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "not a Word document (.docx): it has no word/document.xml".to_string())?;
    let numbering = part(&mut archive, "word/numbering.xml")?
        .map(|xml| Numbering::read(&xml))
        .unwrap_or_default();
    let mut walker = Walker {
        numbering,
        ..Walker::default()
    };
    walker.read(&body)?;
    Ok(walker.document)
}

fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(err) => return Err(format!("cannot read {name} in the .docx: {err}")),
    };
    let mut text = String::new();
    file.take(MAX_PART + 1)
        .read_to_string(&mut text)
        .map_err(|err| format!("cannot read {name} in the .docx: {err}"))?;
    if text.len() as u64 > MAX_PART {
        return Err(format!("{name} in the .docx unpacks to more than 64 MB"));
    }
    Ok(Some(text))
}

/// What each list (`w:numId`) numbers its levels with: `bullet`,
/// `decimal`, `lowerLetter`…
#[derive(Default)]
struct Numbering {
    formats: HashMap<(String, u8), String>,
}

impl Numbering {
    fn read(xml: &str) -> Numbering {
        let mut reader = Reader::from_str(xml);
        let mut abstract_formats: HashMap<(String, u8), String> = HashMap::new();
        let mut num_to_abstract: HashMap<String, String> = HashMap::new();
        let (mut abstract_id, mut level, mut num_id) = (String::new(), 0u8, String::new());
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => {
                        abstract_id = attribute(&e, b"w:abstractNumId").unwrap_or_default()
                    }
                    b"lvl" => {
                        level = attribute(&e, b"w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0)
                    }
                    b"numFmt" => {
                        if let Some(format) = attribute(&e, b"w:val") {
                            abstract_formats.insert((abstract_id.clone(), level), format);
                        }
                    }
                    b"num" => num_id = attribute(&e, b"w:numId").unwrap_or_default(),
                    b"abstractNumId" => {
                        if let Some(id) = attribute(&e, b"w:val") {
                            num_to_abstract.insert(num_id.clone(), id);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        let mut formats = HashMap::new();
        for (num, abstract_id) in num_to_abstract {
            for ((id, level), format) in &abstract_formats {
                if *id == abstract_id {
                    formats.insert((num.clone(), *level), format.clone());
                }
            }
        }
        Numbering { formats }
    }
}

fn attribute(element: &BytesStart, name: &[u8]) -> Option<String> {
    let value = element.try_get_attribute(name).ok()??;
    value
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    style: String,
    list: Option<(String, u8)>,
    /// Letters set in bold runs, and in others: a paragraph wholly bold
    /// is a title (`**Chair's welcome**`), as Markdown writes one.
    bold_letters: usize,
    plain_letters: usize,
}

#[derive(Default)]
struct Walker {
    document: Document,
    numbering: Numbering,
    paragraph: Option<Paragraph>,
    /// Inside a table: its rows, the row and the cell being read.
    tables: Vec<(Vec<Vec<String>>, Vec<String>, String)>,
    /// The next number of each list and level.
    counters: HashMap<(String, u8), u32>,
    in_text: bool,
    /// Inside a run (`w:r`), and whether its properties make it bold.
    in_run: bool,
    run_bold: bool,
}

impl Walker {
    fn read(&mut self, xml: &str) -> Result<(), String> {
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|err| format!("the .docx's document.xml is not well formed: {err}"))?;
            match event {
                Event::Start(e) => self.start(&e),
                Event::Empty(e) => {
                    self.start(&e);
                    self.end(e.local_name().as_ref());
                }
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text => {
                    let text = t
                        .decode()
                        .map_err(|err| format!("bad text in the .docx: {err}"))?;
                    self.push_text(&text);
                }
                Event::GeneralRef(r) if self.in_text => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match &*r as &[u8] {
                            b"amp" => "&".into(),
                            b"lt" => "<".into(),
                            b"gt" => ">".into(),
                            b"quot" => "\"".into(),
                            b"apos" => "'".into(),
                            _ => String::new(),
                        },
                    };
                    self.push_text(&resolved);
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(paragraph) = &mut self.paragraph {
            paragraph.text.push_str(text);
            let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
            if self.run_bold {
                paragraph.bold_letters += letters;
            } else {
                paragraph.plain_letters += letters;
            }
        }
    }

    fn start(&mut self, e: &BytesStart) {
        match e.local_name().as_ref() {
            b"p" => self.paragraph = Some(Paragraph::default()),
            b"pStyle" => {
                if let (Some(p), Some(style)) = (&mut self.paragraph, attribute(e, b"w:val")) {
                    p.style = style;
                }
            }
            b"ilvl" => {
                if let Some(p) = &mut self.paragraph {
                    let level = attribute(e, b"w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let id = p.list.take().map(|(id, _)| id).unwrap_or_default();
                    p.list = Some((id, level));
                }
            }
            b"numId" => {
                if let Some(p) = &mut self.paragraph {
                    let id = attribute(e, b"w:val").unwrap_or_default();
                    let level = p.list.take().map_or(0, |(_, level)| level);
                    // numId 0 takes a paragraph out of a list.
                    p.list = (id != "0").then_some((id, level));
                }
            }
            b"t" => self.in_text = true,
            b"r" => {
                self.in_run = true;
                self.run_bold = false;
            }
            // `<w:b/>` or `<w:b w:val="1"/>` in a run's properties; the
            // paragraph mark's own (`w:pPr/w:rPr`) is outside any run.
            b"b" if self.in_run => {
                self.run_bold = !matches!(
                    attribute(e, b"w:val").as_deref(),
                    Some("0" | "false" | "off")
                );
            }
            b"tab" if self.paragraph.is_some() => self.push_text("\t"),
            b"br" | b"cr" if self.paragraph.is_some() => self.push_text("\n"),
            b"tbl" => self.tables.push((Vec::new(), Vec::new(), String::new())),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"r" => {
                self.in_run = false;
                self.run_bold = false;
            }
            b"p" => {
                if let Some(paragraph) = self.paragraph.take() {
                    self.finish(paragraph);
                }
            }
            b"tc" => {
                if let Some((_, row, cell)) = self.tables.last_mut() {
                    row.push(std::mem::take(cell).trim().to_string());
                }
            }
            b"tr" => {
                if let Some((rows, row, _)) = self.tables.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            b"tbl" => {
                if let Some((rows, _, _)) = self.tables.pop() {
                    let rows: Vec<Vec<String>> = rows
                        .into_iter()
                        .filter(|r| r.iter().any(|c| !c.is_empty()))
                        .collect();
                    if !rows.is_empty() {
                        self.document.push(0, Kind::Table { rows });
                    }
                }
            }
            _ => {}
        }
    }

    /// A paragraph ends: a cell's text inside a table, else a block.
    fn finish(&mut self, paragraph: Paragraph) {
        let text = paragraph.text.trim_end().to_string();
        if let Some((_, _, cell)) = self.tables.last_mut() {
            if !cell.is_empty() && !text.is_empty() {
                cell.push('\n');
            }
            cell.push_str(&text);
            return;
        }
        if text.trim().is_empty() {
            return;
        }
        let style = paragraph.style.to_lowercase();
        let heading = style
            .strip_prefix("heading")
            .and_then(|n| n.trim().parse::<u8>().ok())
            .or_else(|| (style == "title").then_some(1));
        let kind = match (heading, paragraph.list) {
            (Some(level), _) => Kind::Heading { level, text },
            (None, Some((id, level))) => {
                let marker = self.marker(&id, level);
                Kind::ListItem {
                    level,
                    marker,
                    text,
                }
            }
            (None, None) if paragraph.plain_letters == 0 && paragraph.bold_letters > 0 => {
                Kind::Paragraph {
                    text: format!("**{}**", text.trim()),
                }
            }
            (None, None) => Kind::Paragraph { text },
        };
        self.document.push(0, kind);
    }

    /// `-` for a bullet, else the item's number in its list and level.
    fn marker(&mut self, id: &str, level: u8) -> String {
        let format = self
            .numbering
            .formats
            .get(&(id.to_string(), level))
            .map_or("bullet", String::as_str);
        if format == "bullet" || format == "none" {
            return "-".to_string();
        }
        // A new item at a level restarts the levels below it.
        self.counters
            .retain(|(list, l), _| list != id || *l <= level);
        let number = self.counters.entry((id.to_string(), level)).or_insert(0);
        *number += 1;
        let n = *number;
        match format {
            "lowerLetter" => format!("({})", letter(n)),
            "upperLetter" => format!("{}.", letter(n).to_uppercase()),
            "lowerRoman" => format!("({})", roman(n)),
            _ => format!("{n}."),
        }
    }
}

fn letter(n: u32) -> String {
    char::from_u32(u32::from(b'a') + (n.saturating_sub(1) % 26))
        .map_or_else(String::new, String::from)
}

fn roman(n: u32) -> String {
    const NUMERALS: [(u32, &str); 9] = [
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
        (0, ""),
    ];
    let mut n = n.min(399);
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while value > 0 && n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal `.docx` holding `body` (the inside of `w:body`) and
    /// `numbering` (the inside of `w:numbering`), for tests.
    pub fn docx(body: &str, numbering: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
            let parts = [
                (
                    "word/document.xml",
                    format!(
                        "<?xml version=\"1.0\"?><w:document {ns}><w:body>{body}</w:body></w:document>"
                    ),
                ),
                (
                    "word/numbering.xml",
                    format!("<?xml version=\"1.0\"?><w:numbering {ns}>{numbering}</w:numbering>"),
                ),
            ];
            for (name, xml) in parts {
                zip.start_file(name, options).unwrap();
                zip.write_all(xml.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        bytes
    }

    #[test]
    fn styles_lists_and_tables() {
        let p = |style: &str, list: &str, text: &str| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{list}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
            )
        };
        let numbered = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>";
        let bullet = "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>";
        let body = [
            p("Title", "", "Brackenmoor Parish Council &amp; Friends"),
            p("Normal", "", "Present: Ann Lee<w:tab/>(Chair)"),
            p("ListParagraph", numbered, "Welcome"),
            p("ListParagraph", bullet, "Agreed: the minutes"),
            p("ListParagraph", numbered, "Roads"),
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Action</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Owner</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>Mend the gate</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Clerk</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        ]
        .concat();
        let numbering = "<w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>";
        let document = read(&docx(&body, numbering)).unwrap();
        assert_eq!(
            document.lines(),
            [
                "# Brackenmoor Parish Council & Friends",
                "",
                "Present: Ann Lee\t(Chair)",
                "",
                "1. Welcome",
                "  - Agreed: the minutes",
                "2. Roads",
                "| Action | Owner |",
                "| Mend the gate | Clerk |",
                ""
            ]
        );
    }

    #[test]
    fn what_is_not_a_docx_says_so() {
        assert!(
            read(b"plain text")
                .unwrap_err()
                .contains("not a Word document")
        );
    }
}
