//! The YAML front matter: finding the block, parsing it with the YAML's own
//! error positions translated to the file's lines, and reading the fields.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::people::{merged_entry, parse_person, split_owner_list};
use crate::model::{NoteStatus, Person};
use crate::problem::{Problem, ProblemKind};
use crate::source::LineIndex;

/// The keys docs/format.md defines. Any other key is kept in `extra`.
pub const KNOWN_KEYS: &[&str] = &[
    "meeting",
    "date",
    "time",
    "location",
    "chair",
    "minutes_by",
    "present",
    "in_attendance",
    "apologies",
    "absent",
    "next_meeting",
    "status",
    "tags",
];

/// Where the front matter is in a file whose BOM has already been removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The file does not start with `---`: not a note.
    NotANote,
    /// `---` on the first line and no closing `---` line.
    Unclosed,
    Block(Block),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the YAML between the two `---` lines.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Finds the front matter: `---` as the whole first line, up to the next
/// line that is exactly `---`. CRLF endings are accepted. Only byte 0 counts,
/// so a `---` block further down the body is never front matter.
pub fn split(text: &str) -> Split {
    let Some(after_open) = strip_line(text, 0) else {
        return Split::NotANote;
    };
    let mut line_start = after_open;
    while line_start < text.len() {
        let rest = text.get(line_start..).unwrap_or("");
        let line_len = rest.find('\n').map_or(rest.len(), |nl| nl + 1);
        if let Some(body_start) = strip_line(text, line_start) {
            return Split::Block(Block {
                yaml_start: after_open,
                yaml_end: line_start,
                body_start,
            });
        }
        line_start += line_len;
    }
    Split::Unclosed
}

/// If the line at `start` is exactly `---`, the offset just after it.
fn strip_line(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?.strip_prefix("---")?;
    let after = if rest.starts_with("\r\n") {
        5
    } else if rest.starts_with('\n') {
        4
    } else if rest.is_empty() {
        3
    } else {
        return None;
    };
    Some(start + after)
}

/// The fields of a note's front matter, read leniently: each field that is
/// wrong is reported and left out, and the rest are still read.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub meeting: Option<String>,
    pub date: Option<NaiveDate>,
    pub time: Option<String>,
    pub location: Option<String>,
    pub chair: Option<Person>,
    pub minutes_by: Option<Person>,
    pub present: Vec<Person>,
    pub in_attendance: Vec<Person>,
    pub apologies: Vec<Person>,
    pub absent: Vec<Person>,
    pub next_meeting: Option<NaiveDate>,
    pub status: Option<NoteStatus>,
    pub tags: Vec<String>,
    pub extra: BTreeMap<String, Value>,
    /// Where each key and list entry is, for messages and lint.
    pub key_lines: KeyLines,
}

static_regex!(YAML_LOCATION, r"(?: at)? line (\d+) column (\d+)");

/// Parses the YAML of `block` and reads its fields. A YAML syntax error gives
/// `None` and a problem at the YAML's own line in the file.
pub fn read(
    path: &Path,
    text: &str,
    index: &LineIndex,
    block: Block,
    problems: &mut Vec<Problem>,
) -> Option<FrontMatter> {
    let yaml = text.get(block.yaml_start..block.yaml_end).unwrap_or("");
    let first_line = index.line(block.yaml_start);
    if let Some(offset) = too_deep(yaml) {
        let at = index.position(text, block.yaml_start + offset);
        problems.push(
            Problem::error(
                ProblemKind::FrontMatterInvalid,
                path,
                at.line,
                format!(
                    "front matter nests `[` or `{{` more than {MAX_FLOW_DEPTH} deep; it is not read"
                ),
            )
            .at_column(at.column)
            .with_help("a note's front matter needs a few levels at most: close the brackets"),
        );
        return None;
    }
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(value) => value,
        Err(err) => {
            problems.push(yaml_error(path, &err, text, index, block.yaml_start));
            return None;
        }
    };
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => Mapping::new(),
        other => {
            problems.push(
                Problem::error(
                    ProblemKind::FrontMatterInvalid,
                    path,
                    first_line,
                    format!(
                        "front matter is {}, not a mapping of keys",
                        describe(&other)
                    ),
                )
                .with_help("write `key: value` lines, starting with `meeting:` and `date:`"),
            );
            return None;
        }
    };
    let mut reader = Reader {
        path,
        key_lines: key_lines(yaml, first_line),
        fallback_line: first_line,
        reported: BTreeSet::new(),
        problems,
    };
    Some(reader.fields(mapping))
}

/// The deepest `[` / `{` nesting the YAML parser is handed. It refuses
/// anything deeper than 128 levels anyway (its recursion limit), but only
/// after a scan that is quadratic in the depth: 1 MB of `[` took twenty
/// minutes. Counting brackets first, in one pass, refuses it at once.
const MAX_FLOW_DEPTH: usize = 128;

/// The byte offset where `[`/`{` nesting first goes deeper than
/// `MAX_FLOW_DEPTH`, if it does. Brackets inside quotes are counted too:
/// no real front matter holds a hundred unclosed brackets in a string.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, byte) in yaml.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(at);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A YAML error at the file's line, its message free of YAML-relative positions.
fn yaml_error(
    path: &Path,
    err: &serde_yaml::Error,
    text: &str,
    index: &LineIndex,
    yaml_start: usize,
) -> Problem {
    let first_line = index.line(yaml_start);
    // From the byte offset, not YAML's line count: YAML also breaks lines at
    // a lone CR, which editors (and this file's line index) do not.
    let (line, column) = err.location().map_or((first_line, 1), |at| {
        let at = index.position(text, yaml_start + at.index());
        (at.line, at.column)
    });
    // YAML's message for a tab ("found character that cannot start any
    // token") names neither the tab nor, often, its column.
    let line_text = index.line_text(text, line);
    let tab = line_text
        .chars()
        .take(column.max(1))
        .position(|c| c == '\t');
    if let Some(tab) = tab {
        return Problem::error(
            ProblemKind::FrontMatterInvalid,
            path,
            line,
            format!(
                "front matter has a tab at column {}: YAML indents with spaces, never tabs",
                tab + 1
            ),
        )
        .at_column(tab + 1)
        .with_needle("\t")
        .with_help("replace the tab with spaces, indented like the lines around it");
    }
    // The YAML's own positions count lines its way; ours is in front.
    let raw = err.to_string();
    let message = YAML_LOCATION.replace_all(&raw, "");
    Problem::error(
        ProblemKind::FrontMatterInvalid,
        path,
        line,
        format!("front matter is not valid YAML: {}", message.trim()),
    )
    .at_column(column.max(1))
}

/// Where the YAML's keys and list entries are, found from its text, since
/// parsed YAML values do not keep their positions.
#[derive(Debug, Clone, Default)]
pub struct KeyLines {
    /// The file line of each top-level key.
    pub keys: BTreeMap<String, usize>,
    /// The file lines of the `- ` entries of each top-level key's block list.
    pub entries: BTreeMap<String, Vec<usize>>,
}

fn key_lines(yaml: &str, first_line: usize) -> KeyLines {
    static_regex!(
        TOP_KEY,
        r#"^(?:"([^"]+)"|'([^']+)'|([^\s#\-"'][^:#]*?))\s*:(?:\s|$)"#
    );
    let mut lines = KeyLines::default();
    let mut current: Option<(String, Option<usize>)> = None;
    for (offset, line) in yaml.lines().enumerate() {
        let file_line = first_line + offset;
        if let Some(key) = TOP_KEY
            .captures(line)
            .and_then(|caps| caps.get(1).or(caps.get(2)).or(caps.get(3)))
        {
            let key = key.as_str().trim().to_string();
            lines.keys.entry(key.clone()).or_insert(file_line);
            current = Some((key, None));
            continue;
        }
        let Some((key, entry_indent)) = &mut current else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let rest = line.get(indent..).unwrap_or("");
        let is_entry = rest == "-" || rest.starts_with("- ");
        if is_entry && entry_indent.is_none_or(|expected| expected == indent) {
            *entry_indent = Some(indent);
            lines
                .entries
                .entry(key.clone())
                .or_default()
                .push(file_line);
        }
    }
    lines
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a single piece of text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

struct Reader<'a> {
    path: &'a Path,
    key_lines: KeyLines,
    fallback_line: usize,
    /// Keys that already have a problem, so a wrong value is not also called missing.
    reported: BTreeSet<String>,
    problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .keys
            .get(key)
            .copied()
            .unwrap_or(self.fallback_line)
    }

    fn report_missing(&mut self, key: &str) {
        let help = match key {
            "meeting" => "add `meeting: NAME OF THE BODY` to the front matter",
            _ => "add `date: YYYY-MM-DD` to the front matter",
        };
        if self.key_lines.keys.contains_key(key) {
            let message = format!("`{key}` is empty");
            self.problem(ProblemKind::RequiredField, key, message, Some(help));
        } else {
            // A missing key has no line of its own: point at the opening `---`.
            let line = self.fallback_line.saturating_sub(1).max(1);
            let message = format!("`{key}` is missing");
            let problem = Problem::error(ProblemKind::RequiredField, self.path, line, message)
                .with_help(help);
            self.problems.push(problem);
        }
    }

    fn problem(&mut self, kind: ProblemKind, key: &str, message: String, help: Option<&str>) {
        self.problem_at(kind, key, key, message, help);
    }

    /// A problem at `key`'s line, underlining `needle` there.
    fn problem_at(
        &mut self,
        kind: ProblemKind,
        key: &str,
        needle: &str,
        message: String,
        help: Option<&str>,
    ) {
        self.reported.insert(key.to_string());
        let mut problem = Problem::error(kind, self.path, self.line_of(key), message);
        problem.help = help.map(str::to_string);
        if !needle.is_empty() {
            problem.needle = Some(needle.to_string());
        }
        self.problems.push(problem);
    }

    fn fields(&mut self, mapping: Mapping) -> FrontMatter {
        let mut fm = FrontMatter::default();
        for (key, value) in mapping {
            let Some(key) = scalar_text(&key) else {
                self.problem(
                    ProblemKind::FieldType,
                    "",
                    format!("a front-matter key is {}, not a name", describe(&key)),
                    None,
                );
                continue;
            };
            self.field(&mut fm, &key, value);
        }
        for (required, missing) in [
            ("meeting", fm.meeting.is_none()),
            ("date", fm.date.is_none()),
        ] {
            // A value that is present but wrong has its own message already.
            if missing && !self.reported.contains(required) {
                self.report_missing(required);
            }
        }
        fm.key_lines = std::mem::take(&mut self.key_lines);
        fm
    }

    fn field(&mut self, fm: &mut FrontMatter, key: &str, value: Value) {
        match key {
            "meeting" => fm.meeting = self.text(key, &value),
            "date" => fm.date = self.date(key, &value),
            "next_meeting" => fm.next_meeting = self.date(key, &value),
            "time" => fm.time = self.text(key, &value),
            "location" => fm.location = self.text(key, &value),
            "chair" => fm.chair = self.person(key, &value),
            "minutes_by" => fm.minutes_by = self.person(key, &value),
            "present" => fm.present = self.people(key, &value),
            "in_attendance" => fm.in_attendance = self.people(key, &value),
            "apologies" => fm.apologies = self.people(key, &value),
            "absent" => fm.absent = self.people(key, &value),
            "status" => fm.status = self.status(key, &value),
            "tags" => fm.tags = self.tags(key, &value),
            _ => {
                fm.extra.insert(key.to_string(), value);
            }
        }
    }

    /// A scalar as text; empty text counts as absent.
    fn text(&mut self, key: &str, value: &Value) -> Option<String> {
        if value.is_null() {
            return None;
        }
        match scalar_text(value) {
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(text.trim().to_string()),
            None => {
                let message = format!("`{key}` is {}, expected text", describe(value));
                self.problem(ProblemKind::FieldType, key, message, None);
                None
            }
        }
    }

    fn date(&mut self, key: &str, value: &Value) -> Option<NaiveDate> {
        let text = self.text(key, value)?;
        match super::dates::parse_iso_date(&text) {
            Some(date) => Some(date),
            None => {
                let message =
                    format!("`{key}` is `{text}`, which is not a real date (expected YYYY-MM-DD)");
                let help = super::dates::suggest_iso(&text).map(|iso| format!("write `{iso}`"));
                self.problem_at(
                    ProblemKind::DateInvalid,
                    key,
                    &text,
                    message,
                    help.as_deref(),
                );
                None
            }
        }
    }

    fn person(&mut self, key: &str, value: &Value) -> Option<Person> {
        let line = self.line_of(key);
        self.person_at(key, value, line)
    }

    fn person_at(&mut self, key: &str, value: &Value, line: usize) -> Option<Person> {
        match value {
            Value::Null => None,
            Value::Mapping(mapping) => self.person_mapping(key, mapping, line),
            other => match scalar_text(other) {
                Some(text) => {
                    let person = parse_person(&text, line);
                    if let Some(why) = person.as_ref().and_then(|p| merged_entry(&text, p)) {
                        let message =
                            format!("`{}` in `{key}` looks like two people: {why}", text.trim());
                        self.problems.push(
                            Problem::error(ProblemKind::PersonMerged, self.path, line, message)
                                .with_help("YAML reads a `- ` line indented differently from the one above as part of that entry: give each person a `- ` line of their own, indented alike"),
                        );
                    }
                    if person.is_none() {
                        // `(SBC)` alone: an org and no name. Said, not dropped.
                        self.reported.insert(key.to_string());
                        let message = format!("`{}` in `{key}` has no name", text.trim());
                        self.problems.push(
                            Problem::error(ProblemKind::FieldType, self.path, line, message)
                                .with_help("write the person as `Name (Org)`"),
                        );
                    }
                    person
                }
                None => {
                    let message = format!("`{key}` is {}, expected a person", describe(other));
                    self.problem(ProblemKind::FieldType, key, message, None);
                    None
                }
            },
        }
    }

    fn person_mapping(&mut self, key: &str, mapping: &Mapping, line: usize) -> Option<Person> {
        let get = |field: &str| {
            mapping
                .get(field)
                .and_then(scalar_text)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(name) = get("name") else {
            let message = format!("a person in `{key}` has no `name`");
            self.problem(ProblemKind::FieldType, key, message, Some("add `name: …`"));
            return None;
        };
        let mut person = parse_person(&name, line)?;
        person.title = get("title").or(person.title);
        person.org = get("org").or(person.org);
        person.role = get("role").or(person.role);
        person.initials = get("initials").or(person.initials);
        Some(person)
    }

    fn people(&mut self, key: &str, value: &Value) -> Vec<Person> {
        match value {
            Value::Null => Vec::new(),
            Value::Sequence(items) => {
                let entry_lines = self.key_lines.entries.get(key).cloned().unwrap_or_default();
                // Entry lines are trusted only when they pair one to one with the items.
                let paired = entry_lines.len() == items.len();
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(at, item)| {
                        let line = match entry_lines.get(at) {
                            Some(line) if paired => *line,
                            _ => self.line_of(key),
                        };
                        if item.is_null() {
                            let message = format!("an empty entry in `{key}`");
                            self.reported.insert(key.to_string());
                            self.problems.push(
                                Problem::error(ProblemKind::FieldType, self.path, line, message)
                                    .with_help("remove the `-` or write a person after it"),
                            );
                            return None;
                        }
                        self.person_at(key, item, line)
                    })
                    .collect()
            }
            Value::String(text) => {
                let message =
                    format!("`{key}` is a single piece of text, expected a list of people");
                let help = "write one person a line, as `- Name (Org)`; read here as a comma-separated list";
                self.problem(ProblemKind::FieldType, key, message, Some(help));
                let line = self.line_of(key);
                split_owner_list(text)
                    .into_iter()
                    .filter_map(|part| parse_person(part, line))
                    .collect()
            }
            other => {
                let message = format!("`{key}` is {}, expected a list of people", describe(other));
                self.problem(ProblemKind::FieldType, key, message, None);
                Vec::new()
            }
        }
    }

    fn status(&mut self, key: &str, value: &Value) -> Option<NoteStatus> {
        let text = self.text(key, value)?;
        match text.to_lowercase().as_str() {
            "draft" => Some(NoteStatus::Draft),
            "approved" => Some(NoteStatus::Approved),
            _ => {
                let message = format!("`status` is `{text}`, expected `draft` or `approved`");
                self.problem(ProblemKind::FieldType, key, message, None);
                None
            }
        }
    }

    fn tags(&mut self, key: &str, value: &Value) -> Vec<String> {
        match value {
            Value::Null => Vec::new(),
            Value::Sequence(items) => items.iter().filter_map(|v| self.text(key, v)).collect(),
            other => self.text(key, other).into_iter().collect(),
        }
    }
}

/// A scalar's text; `None` for lists, mappings and null.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_starts_at_byte_zero_only() {
        assert_eq!(split("# Title\n---\nmeeting: x\n---\n"), Split::NotANote);
        assert_eq!(split("---\nmeeting: x\n"), Split::Unclosed);
        let Split::Block(block) = split("---\r\nmeeting: x\r\n---\r\nbody") else {
            panic!("block expected");
        };
        assert_eq!(
            (block.yaml_start, block.yaml_end, block.body_start),
            (5, 17, 22)
        );
        // The closing line must be exactly `---`.
        assert_eq!(split("---\na: 1\n----\n"), Split::Unclosed);
    }

    #[test]
    fn key_lines_are_file_lines() {
        let lines = key_lines(
            "meeting: X\n# note\ndate: 2014-01-01\n\"tags\": []\npresent:\n  - A\n  - name: B\n    org: C\n  -   D\n",
            2,
        );
        assert_eq!(lines.keys.get("meeting"), Some(&2));
        assert_eq!(lines.keys.get("date"), Some(&4));
        assert_eq!(lines.keys.get("tags"), Some(&5));
        assert_eq!(lines.entries.get("present"), Some(&vec![7, 8, 10]));
    }
}
