//! From a file's bytes to a `Meeting`, with every problem found on the way.

pub mod action_line;
pub mod approval;
pub mod body;
pub mod dates;
pub mod declaration;
pub mod front_matter;
pub mod items;
pub mod motion;
pub mod people;

use std::path::Path;

use crate::model::Meeting;
use crate::problem::{Problem, ProblemKind};
use crate::source::LineIndex;
use front_matter::Split;

/// What one file turned out to be.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A Markdown file with no front matter, such as a README: skipped quietly.
    NotANote,
    /// A note. `meeting` is `None` when the front matter is too broken to
    /// know which meeting this is (no `meeting` or `date`, bad YAML); the
    /// problems say why.
    Note {
        meeting: Option<Box<Meeting>>,
        problems: Vec<Problem>,
    },
}

/// `text` without the byte-order mark Windows editors put first, which is
/// not part of the note.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses a file's raw bytes. Text that is not UTF-8 is reported with the
/// byte offset and line of the first bad byte.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Parsed {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(path, text),
        Err(err) => {
            let at = err.valid_up_to();
            let before = bytes.get(..at).unwrap_or(bytes);
            let line = 1 + before.iter().filter(|c| **c == b'\n').count();
            let line_start = before
                .iter()
                .rposition(|c| *c == b'\n')
                .map_or(0, |nl| nl + 1);
            // Everything before `at` is valid UTF-8, so this counts characters exactly.
            let column = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
                .chars()
                .count();
            let problem = Problem::error(
                ProblemKind::NotText,
                path,
                line,
                format!("not UTF-8 text: invalid byte at offset {at}; the file is skipped"),
            )
            .at_column(column)
            .with_help("save the file as UTF-8");
            Parsed::Note {
                meeting: None,
                problems: vec![problem],
            }
        }
    }
}

/// Parses a note's text (a leading byte-order mark is ignored).
pub fn parse_text(path: &Path, text: &str) -> Parsed {
    match analyse(path, text) {
        Analysis::NotANote => Parsed::NotANote,
        Analysis::Note(note) => Parsed::Note {
            meeting: note.meeting.map(Box::new),
            problems: note.problems,
        },
    }
}

/// Everything the parser learnt about a note, with its text and line index,
/// for checks (`minutes lint`) that need more than the model.
#[derive(Debug)]
pub struct NoteAnalysis<'a> {
    /// The text without its byte-order mark: offsets and lines refer to it.
    pub text: &'a str,
    pub index: LineIndex,
    /// The front matter's fields when they did not make a meeting (no
    /// `meeting` or `date`); once they do, they live on in `meeting`.
    pub front_matter: Option<front_matter::FrontMatter>,
    /// Where the front matter's keys and list entries are.
    pub key_lines: front_matter::KeyLines,
    pub meeting: Option<Meeting>,
    pub problems: Vec<Problem>,
    /// Where the Markdown body starts (the text's end when there is none).
    pub body_start: usize,
}

#[derive(Debug)]
pub enum Analysis<'a> {
    NotANote,
    Note(Box<NoteAnalysis<'a>>),
}

pub fn analyse<'a>(path: &Path, text: &'a str) -> Analysis<'a> {
    let text = without_bom(text);
    let index = LineIndex::new(text);
    let block = match front_matter::split(text) {
        Split::NotANote => return Analysis::NotANote,
        Split::Unclosed => {
            let problem = Problem::error(
                ProblemKind::FrontMatterInvalid,
                path,
                1,
                "front matter starts with `---` but no line `---` closes it",
            )
            .with_help("end the front matter with a line that is exactly `---`");
            return Analysis::Note(Box::new(NoteAnalysis {
                text,
                index,
                front_matter: None,
                key_lines: front_matter::KeyLines::default(),
                meeting: None,
                problems: vec![problem],
                body_start: text.len(),
            }));
        }
        Split::Block(block) => block,
    };
    let mut problems = Vec::new();
    let (meeting, front_matter, key_lines) =
        match front_matter::read(path, text, &index, block, &mut problems) {
            None => (None, None, front_matter::KeyLines::default()),
            Some(mut fm) => {
                let key_lines = std::mem::take(&mut fm.key_lines);
                match build(path, text, &index, block.body_start, fm, &mut problems) {
                    Ok(mut meeting) => {
                        if meeting.status.is_some() {
                            meeting.status_line =
                                key_lines.keys.get("status").copied().unwrap_or(0);
                        }
                        (Some(meeting), None, key_lines)
                    }
                    Err(fm) => (None, Some(*fm), key_lines),
                }
            }
        };
    Analysis::Note(Box::new(NoteAnalysis {
        text,
        index,
        front_matter,
        key_lines,
        meeting,
        problems,
        body_start: block.body_start,
    }))
}

fn build(
    path: &Path,
    text: &str,
    index: &LineIndex,
    body_start: usize,
    fm: front_matter::FrontMatter,
    problems: &mut Vec<Problem>,
) -> Result<Meeting, Box<front_matter::FrontMatter>> {
    let (Some(meeting), Some(date)) = (fm.meeting.clone(), fm.date) else {
        return Err(Box::new(fm));
    };
    let elements = body::parse(text, body_start, index);
    let context = items::Context {
        path,
        date,
        next_meeting: fm.next_meeting,
        body_line: index.line(body_start),
    };
    let items = items::assemble(elements, &context, problems);
    Ok(Meeting {
        path: path.to_path_buf(),
        meeting,
        date,
        time: fm.time,
        location: fm.location,
        chair: fm.chair,
        minutes_by: fm.minutes_by,
        present: fm.present,
        in_attendance: fm.in_attendance,
        apologies: fm.apologies,
        absent: fm.absent,
        next_meeting: fm.next_meeting,
        status: fm.status,
        // Set by `analyse`, which has the key lines.
        status_line: 0,
        tags: fm.tags,
        extra: fm.extra,
        items,
    })
}
