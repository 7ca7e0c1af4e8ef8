//! PDF: the text layer laid out as the page shows it, then read as text.
//!
//! pdf-extract gives each glyph with its position. Its own plain-text
//! output joins a line's pieces with one space, so a right-hand column of
//! action owners, or the cells of a table, run into the sentence beside
//! them. Here glyphs are put back on a grid of character cells, as
//! `pdftotext -layout` does: a line is the glyphs that share a baseline, a
//! glyph goes to the column its x position gives, and a gap of more than a
//! line's height between lines is a blank line. The text reader then finds
//! paragraphs, lists and space-aligned tables as in any exported text.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::text;
use crate::import::document::Document;

/// Reads a PDF's text layer; a PDF with no text (a scan) or that cannot be
/// parsed is refused with why.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let (pages, left_out) = glyphs_of(bytes)?;
    if pages.iter().all(Vec::is_empty) {
        return Err(
            "the PDF has no text layer (a scan?): run OCR on it first (e.g. `ocrmypdf`) and import the result"
                .to_string(),
        );
    }
    let laid_out: Vec<String> = pages.iter().map(|page| lay_out(page)).collect();
    let mut document = text::read_laid_out(&laid_out.join("\u{c}"), text::Layout::Approximate);
    if left_out > 0 {
        document.notes.push(format!(
            "{left_out} piece(s) of the PDF's text are set in a font the file does not hold and were left out; compare with the PDF"
        ));
    }
    Ok(document)
}

#[derive(Debug)]
struct Glyph {
    /// Left edge and baseline, in points from the page's top left.
    x: f64,
    y: f64,
    /// Advance width and font size, in points.
    width: f64,
    size: f64,
    text: String,
    /// How the glyph's baseline runs on the page: across (ordinary text),
    /// or turned a quarter to read up or down the page (a register's
    /// column of dates).
    turn: Turn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    Across,
    Up,
    Down,
}

/// More glyphs than a few thousand pages of minutes hold: a PDF made to
/// exhaust memory is refused, not read.
const MAX_GLYPHS: usize = 20_000_000;

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    page_height: f64,
    glyphs: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The font size as the page shows it: the side of the square with
        // the area of the transformed (size, size) vector.
        let across = font_size * (trm.m11 + trm.m21);
        let up = font_size * (trm.m12 + trm.m22);
        let size = (across * up).abs().sqrt();
        // The baseline's direction is where the matrix takes (1, 0).
        let turn = if trm.m12.abs() <= trm.m11.abs() {
            Turn::Across
        } else if trm.m12 > 0.0 {
            Turn::Up
        } else {
            Turn::Down
        };
        let glyph = Glyph {
            x: trm.m31,
            y: self.page_height - trm.m32,
            width: width * size,
            size,
            text: char.to_string(),
            turn,
        };
        let sane = [glyph.x, glyph.y, glyph.width, glyph.size]
            .iter()
            .all(|v| v.is_finite());
        // Spaces are kept: a line of nothing but spaces is how Word draws
        // an empty paragraph, the blank line between two others.
        if sane && !char.is_empty() {
            self.glyphs += 1;
            if self.glyphs > MAX_GLYPHS {
                return Err(OutputError::FormatError(std::fmt::Error));
            }
            if let Some(page) = self.pages.last_mut() {
                page.push(glyph);
            }
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The glyphs of each page, and how many pieces of text were left out.
fn glyphs_of(bytes: &[u8]) -> Result<(Vec<Vec<Glyph>>, usize), String> {
    let mut document = pdf_extract::Document::load_mem(bytes)
        .map_err(|err| format!("not a PDF that can be read: {err}"))?;
    if document.is_encrypted() {
        // Most encrypted minutes only forbid editing: the empty user
        // password opens them.
        document
            .decrypt("")
            .map_err(|_| "the PDF is encrypted with a password".to_string())?;
    }
    let left_out = mend_content(&mut document);
    let mut collector = Collector::default();
    // pdf-extract panics on some fonts it does not know; one such file
    // must be refused, never take the whole run down. The panic's own
    // message (and backtrace) is kept off the user's terminal while it
    // reads: the refusal says what happened.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc(&document, &mut collector)
    }));
    std::panic::set_hook(hook);
    match outcome {
        Ok(Ok(())) => Ok((collector.pages, left_out)),
        Ok(Err(_)) if collector.glyphs > MAX_GLYPHS => Err(format!(
            "its text layer holds more than {MAX_GLYPHS} characters; not read"
        )),
        Ok(Err(err)) => Err(format!("its text could not be read: {err}")),
        Err(_) => Err("its text could not be read (the PDF reader failed on one of its fonts); convert it with `pdftotext -layout FILE.pdf` and import the .txt".to_string()),
    }
}

/// Two things pdf-extract does not do, mended in the content before it
/// reads: it skips the operators that move to the next line and show text
/// (`'` and `"`), with which some writers set every numbered heading
/// (`(3.)'`), and it gives up on the whole file at text set in a font the
/// resources do not hold (Word has written such a name for a few symbols;
/// its codes mean nothing without the font). The first become the plain
/// move and show they stand for; the second are taken out, as `pdftotext`
/// skips them, and counted. Pages and the forms they draw (`Do`) are
/// mended alike. Returns how many pieces of text were taken out.
fn mend_content(document: &mut pdf_extract::Document) -> usize {
    let mut left_out = 0;
    let pages: Vec<_> = document.get_pages().into_values().collect();
    for page in pages {
        let known: Option<Vec<Vec<u8>>> = document
            .get_page_fonts(page)
            .ok()
            .map(|fonts| fonts.into_keys().collect());
        let Ok(bytes) = document.get_page_content(page) else {
            continue;
        };
        if let Some((content, dropped)) = mended(&bytes, known.as_deref()) {
            if document.change_page_content(page, content).is_ok() {
                left_out += dropped;
            }
        }
    }
    let forms: Vec<pdf_extract::ObjectId> = document
        .objects
        .iter()
        .filter(|(_, object)| is_form(object))
        .map(|(id, _)| *id)
        .collect();
    for id in forms {
        let known = form_fonts(document, id);
        let Some(pdf_extract::Object::Stream(form)) = document.objects.get_mut(&id) else {
            continue;
        };
        let Ok(bytes) = form.decompressed_content() else {
            continue;
        };
        if let Some((content, dropped)) = mended(&bytes, known.as_deref()) {
            form.set_plain_content(content);
            left_out += dropped;
        }
    }
    left_out
}

/// A content stream mended (see [`mend_content`]), with how many pieces
/// of text it took out; `None` when it needs nothing or cannot be read.
fn mended(bytes: &[u8], known: Option<&[Vec<u8>]>) -> Option<(Vec<u8>, usize)> {
    let mut content = pdf_extract::content::Content::decode(bytes).ok()?;
    let (changed, dropped) = mend_operations(&mut content.operations, known);
    changed
        .then(|| content.encode().ok())
        .flatten()
        .map(|encoded| (encoded, dropped))
}

fn is_form(object: &pdf_extract::Object) -> bool {
    let pdf_extract::Object::Stream(stream) = object else {
        return false;
    };
    stream
        .dict
        .get(b"Subtype")
        .and_then(pdf_extract::Object::as_name)
        .is_ok_and(|name| name == b"Form")
}

/// The names of the fonts a form's own resources hold; `None` when it has
/// none of its own (it then uses its page's, which are not known here).
fn form_fonts(document: &pdf_extract::Document, id: pdf_extract::ObjectId) -> Option<Vec<Vec<u8>>> {
    let deref = |object: &pdf_extract::Object| -> Option<pdf_extract::Dictionary> {
        match object {
            pdf_extract::Object::Reference(id) => document.get_dictionary(*id).ok().cloned(),
            pdf_extract::Object::Dictionary(dict) => Some(dict.clone()),
            _ => None,
        }
    };
    let pdf_extract::Object::Stream(form) = document.objects.get(&id)? else {
        return None;
    };
    let resources = deref(form.dict.get(b"Resources").ok()?)?;
    let fonts = deref(resources.get(b"Font").ok()?)?;
    Some(fonts.iter().map(|(name, _)| name.clone()).collect())
}

/// Rewrites `'` and `"` as the moves and shows they stand for, and takes
/// out the shows made while a font not in `known` is set (with the
/// operator setting it). Returns whether anything changed, and how many
/// shows were taken out.
fn mend_operations(
    operations: &mut Vec<pdf_extract::content::Operation>,
    known: Option<&[Vec<u8>]>,
) -> (bool, usize) {
    use pdf_extract::content::Operation;
    let mut unknown_font = false;
    let mut dropped = 0;
    let mut changed = false;
    let mut mended = Vec::with_capacity(operations.len());
    for operation in operations.drain(..) {
        match operation.operator.as_str() {
            "Tf" => {
                let name = operation.operands.first().and_then(|o| o.as_name().ok());
                unknown_font = known
                    .zip(name)
                    .is_some_and(|(known, name)| !known.iter().any(|k| k == name));
                if unknown_font {
                    changed = true;
                } else {
                    mended.push(operation);
                }
            }
            "Tj" | "TJ" if unknown_font => {
                dropped += 1;
                changed = true;
            }
            quote @ ("'" | "\"") => {
                changed = true;
                let mut operands = operation.operands.into_iter();
                if quote == "\"" {
                    let word_spacing = operands.next();
                    let char_spacing = operands.next();
                    mended.extend(word_spacing.map(|w| Operation::new("Tw", vec![w])));
                    mended.extend(char_spacing.map(|c| Operation::new("Tc", vec![c])));
                }
                mended.push(Operation::new("T*", Vec::new()));
                match operands.next() {
                    Some(_) if unknown_font => dropped += 1,
                    Some(text) => mended.push(Operation::new("Tj", vec![text])),
                    None => {}
                }
            }
            _ => mended.push(operation),
        }
    }
    *operations = mended;
    (changed, dropped)
}

/// One page's glyphs as lines of text on a grid of character cells.
fn lay_out(page: &[Glyph]) -> String {
    let turned = turned_runs(page);
    let glyphs: Vec<&Glyph> = page
        .iter()
        .filter(|g| g.turn == Turn::Across)
        .chain(&turned)
        .collect();
    let cell = cell_width(&glyphs);
    let lines = lines_of(&glyphs);
    let pitch = line_pitch(&lines);
    let margin = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| g.x)
        .fold(f64::INFINITY, f64::min);
    let mut out = String::new();
    let mut previous: Option<f64> = None;
    for line in &lines {
        let Some(first) = line.first() else {
            continue;
        };
        if line.iter().all(|g| g.text.trim().is_empty()) {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str("\n\n");
            }
            previous = None;
            continue;
        }
        if let Some(y) = previous {
            out.push('\n');
            // Wider apart than the page's usual line spacing: a blank line
            // between paragraphs, as the eye reads it.
            if first.y - y > 1.3 * pitch {
                out.push('\n');
            }
        }
        out.push_str(&line_text(line, cell, margin));
        previous = Some(first.y);
    }
    out.push('\n');
    out
}

/// The page's usual distance between baselines: the median of the gaps
/// between lines that follow each other.
fn line_pitch(lines: &[Vec<&Glyph>]) -> f64 {
    let baselines: Vec<f64> = lines
        .iter()
        .filter_map(|line| line.first().map(|g| g.y))
        .collect();
    let mut gaps: Vec<f64> = baselines
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if b > a => Some(b - a),
            _ => None,
        })
        .collect();
    gaps.sort_by(f64::total_cmp);
    let size = lines.iter().flatten().map(|g| g.size).fold(0.0, f64::max);
    gaps.get(gaps.len() / 2)
        .copied()
        .unwrap_or(1.2 * size)
        .max(1.0)
}

/// Text turned a quarter (a register's dates printed up their columns),
/// which the page draws one glyph a line, read as the words it spells:
/// each run of glyphs up or down one column (in the order the page draws
/// them, which is their reading order) becomes one glyph of the whole
/// word at the column's foot. Runs that end side by side are set a line
/// apart, leftmost highest, as `pdftotext -layout` sets them, because a
/// row of dates is wider than the columns under it.
fn turned_runs(page: &[Glyph]) -> Vec<Glyph> {
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in page.iter().filter(|g| g.turn != Turn::Across) {
        let joins = runs.last().and_then(|run| run.last()).is_some_and(|last| {
            last.turn == glyph.turn
                && (glyph.x - last.x).abs() <= 0.3 * last.size
                && (glyph.y - last.y).abs() <= 1.5 * last.size.max(last.width)
        });
        match runs.last_mut() {
            Some(run) if joins => run.push(glyph),
            _ => runs.push(vec![glyph]),
        }
    }
    let mut words: Vec<Glyph> = runs
        .iter()
        .filter_map(|run| {
            let first = run.first()?;
            let text: String = run.iter().map(|g| g.text.as_str()).collect();
            let text = text.trim().to_string();
            let foot = run.iter().map(|g| g.y).fold(f64::MIN, f64::max);
            // Read up the page, a glyph stands to the left of its baseline.
            let x = match first.turn {
                Turn::Up => first.x - 0.5 * first.size,
                _ => first.x,
            };
            (!text.is_empty()).then(|| Glyph {
                x,
                y: foot,
                width: 0.5 * first.size * text.chars().count() as f64,
                size: first.size,
                text,
                turn: Turn::Across,
            })
        })
        .collect();
    words.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut at = 0;
    while let Some(first) = words.get(at) {
        let (foot, size) = (first.y, first.size);
        let side_by_side = words
            .iter()
            .skip(at)
            .take_while(|w| (w.y - foot).abs() < size)
            .count();
        for (k, word) in words.iter_mut().skip(at).take(side_by_side).enumerate() {
            word.y = foot - (side_by_side - 1 - k) as f64 * 0.6 * size;
        }
        at += side_by_side.max(1);
    }
    words
}

/// The width of a character cell: the median advance of the page's glyphs.
fn cell_width(glyphs: &[&Glyph]) -> f64 {
    let mut widths: Vec<f64> = glyphs
        .iter()
        .map(|g| g.width)
        .filter(|w| *w > 0.5)
        .collect();
    widths.sort_by(f64::total_cmp);
    widths.get(widths.len() / 2).copied().unwrap_or(5.0)
}

/// Glyphs grouped into lines by baseline, top to bottom, each left to right.
fn lines_of<'a>(glyphs: &[&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in sorted {
        let joins = lines
            .last()
            .and_then(|line| line.first())
            .is_some_and(|first| (glyph.y - first.y).abs() <= 0.4 * first.size.max(glyph.size));
        match lines.last_mut() {
            Some(line) if joins => line.push(glyph),
            _ => lines.push(vec![glyph]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A line's glyphs placed at their columns: a gap of a space's width is a
/// space, a wider one as many spaces as its cells (so that columns line up
/// as on the page).
fn line_text(line: &[&Glyph], cell: f64, margin: f64) -> String {
    let mut text = String::new();
    let mut columns = 0usize;
    let mut end: Option<f64> = None;
    for glyph in line.iter().filter(|g| !g.text.trim().is_empty()) {
        if let Some(end) = end {
            let gap = glyph.x - end;
            if gap > 0.15 * glyph.size {
                let wanted = column_at(glyph.x, cell, margin);
                // A proportional font's text may take more cells than its
                // width, leaving a wide gap only two spaces: a gap four
                // cells wide or more keeps four, so a column beside the
                // text stays apart (and a table's cells stay where their
                // positions put them otherwise).
                let spaces = if gap > 2.0 * cell {
                    let across = column_at(gap, cell, 0.0).min(4);
                    wanted.saturating_sub(columns).max(across).max(2)
                } else {
                    1
                };
                text.extend(std::iter::repeat_n(' ', spaces));
                columns += spaces;
            }
        } else {
            let indent = column_at(glyph.x, cell, margin);
            text.extend(std::iter::repeat_n(' ', indent));
            columns = indent;
        }
        text.push_str(&glyph.text);
        columns += glyph.text.chars().count();
        end = Some(glyph.x + glyph.width);
    }
    text
}

/// The grid column of a position; the page's left margin (its leftmost
/// glyph) is column 0.
fn column_at(x: f64, cell: f64, margin: f64) -> usize {
    let column = ((x - margin).max(0.0) / cell).round();
    // At most a few pages' width: a glyph placed far off the page must not
    // make a line of millions of spaces.
    if column.is_finite() {
        column.min(400.0) as usize
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(y: f64, x: f64, text: &str) -> Vec<Glyph> {
        glyphs_of_width(y, x, text, 6.0)
    }

    /// The glyphs of `text` on a baseline, each `width` points wide.
    fn glyphs_of_width(y: f64, x: f64, text: &str, width: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(at, c)| Glyph {
                x: x + width * at as f64,
                y,
                width,
                size: 11.0,
                text: c.to_string(),
                turn: Turn::Across,
            })
            .collect()
    }

    #[test]
    fn columns_stay_apart_and_paragraphs_keep_their_blank_line() {
        let mut page = glyphs(100.0, 56.0, "Roads were discussed.");
        page.extend(glyphs(100.5, 460.0, "HL"));
        page.extend(glyphs(113.0, 56.0, "The cost was agreed."));
        page.extend(glyphs(126.0, 56.0, "So was the date."));
        page.extend(glyphs(160.0, 56.0, "2. Close"));
        let text = lay_out(&page);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        let first = lines.first().copied().unwrap_or("");
        assert!(first.starts_with("Roads were discussed."), "{text}");
        assert!(
            first.ends_with("HL") && first.contains("      HL"),
            "{text}"
        );
        assert_eq!(lines.get(1).copied(), Some("The cost was agreed."));
        assert_eq!(lines.get(3).copied(), Some(""));
        assert_eq!(lines.get(4).copied(), Some("2. Close"));
    }

    /// Narrow letters take less than a cell each: a long line of them
    /// runs past where its right-hand column stands on the grid, and the
    /// column is kept apart by four spaces, not two.
    #[test]
    fn a_column_beside_a_long_line_of_narrow_letters_stays_apart() {
        let mut page = glyphs(100.0, 56.0, "Wide words set for the width of a cell each.");
        page.extend(glyphs_of_width(
            113.0,
            56.0,
            "illicit little lilt fill ill",
            3.0,
        ));
        page.extend(glyphs(113.0, 170.0, "HL"));
        let text = lay_out(&page);
        let second = text.lines().nth(1).unwrap_or("");
        assert!(second.ends_with("fill ill    HL"), "{text}");
    }

    /// Glyphs of `text` turned to read up the page from `foot`, one under
    /// the other, as a register's column of dates is drawn.
    fn reading_up(x: f64, foot: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(at, c)| Glyph {
                x,
                y: foot - 6.0 * at as f64,
                width: 6.0,
                size: 11.0,
                text: c.to_string(),
                turn: Turn::Up,
            })
            .collect()
    }

    #[test]
    fn text_turned_up_its_column_reads_as_words_a_line_apart() {
        let mut page = glyphs(40.0, 56.0, "GOVERNOR ATTENDANCE");
        page.extend(reading_up(200.0, 150.0, "28/09/2026"));
        page.extend(reading_up(260.0, 150.0, "23/11/2026"));
        page.extend(glyphs(170.0, 56.0, "Ann Lee"));
        page.extend(glyphs(170.0, 192.0, "P"));
        page.extend(glyphs(170.0, 252.0, "A"));
        let text = lay_out(&page);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 4, "{text}");
        let column = |line: &str, word: &str| line.rfind(word);
        let first = lines.get(1).copied().unwrap_or("");
        let second = lines.get(2).copied().unwrap_or("");
        let row = lines.get(3).copied().unwrap_or("");
        assert_eq!(first.trim(), "28/09/2026", "{text}");
        assert_eq!(second.trim(), "23/11/2026", "{text}");
        // Each date heads the column of its marks.
        let (p, a) = (column(row, "P"), column(row, "A"));
        let (d1, d2) = (column(first, "28"), column(second, "23"));
        assert!(p.zip(d1).is_some_and(|(p, d)| p.abs_diff(d) <= 2), "{text}");
        assert!(a.zip(d2).is_some_and(|(a, d)| a.abs_diff(d) <= 2), "{text}");
    }

    #[test]
    fn what_is_not_a_readable_pdf_is_refused_with_why() {
        let err = read(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
            .err()
            .unwrap_or_default();
        assert!(err.contains("not a PDF that can be read"), "{err}");
    }
}
