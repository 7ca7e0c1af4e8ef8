//! Attendance: who was present, in attendance, sent apologies or was
//! absent, from the blocks of a document. A label (`Present:`, `Directors
//! Present`, `Board members in attendance were:`, `Regrets`, `Apologies for
//! absence`, a heading or a list item) is followed by its people on the
//! same line, or by the list items, lines or table rows after it;
//! `Apologies were received from …` sentences count too. An entry that does
//! not read as a name is never a person: it is reported as a point to check.

use std::collections::BTreeSet;

use super::document::{Document, Kind};
use crate::model::Person;
use crate::parse::people::{are_initials_of, looks_like_name, parse_person};

static_regex!(
    LABEL,
    r"(?ix)^(?P<number>(?:item\s+)?\d+(?:[./]\d+)*[.):]?\s+)?(?:the\s+)?(?-i:[A-Z]{2,6}\s+)?
        (?P<label>
          (?:(?:board|committee|council|panel|tac|tsc|voting|non-voting|core|team|other)\s+)?
          (?:members?|directors|governors|councillors|cllrs|trustees|officers|officials|staff|guests|observers|visitors|participants|attendees|others|representatives|secretariat)
          (?:\s+(?:present|absent|in\s+attendance|not\s+in\s+attendance|not\s+present|attending|attendance))?
        | present | attendees | attending | attendance | in\s+attendance
        | also\s+present | also\s+in\s+attendance | also\s+attending | roll\s+call
        | panel | board | committee
        | apologies(?:\s+for\s+absence)?(?:\s+received)?(?:\s+from)? | regrets | absent | absentees
        | attendants | missing | presenters | speakers | invited
        | not\s+present | excused
        )
        (?:\s+(?:were|was|are|is))?(?:\s*\([^)]{1,40}\))?(?:\s*[:\-–—]\s*|\s*$|\t\s*|\s{3,})(?P<rest>.*)$"
);

static_regex!(
    APOLOGIES_SENTENCE,
    r"(?i)\bapologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been|have\s+been)?\s*(?:received|given|noted|tendered|sent)\s+(?:from|by)\s+(?P<people>[^.]+)"
);

// `Chaired by Ann Lee   Clerked by Bo Wu`: who held the chair and who
// clerked, written in the body of a template.
static_regex!(
    HELD_BY,
    r"(?i:\b(?P<role>chaired|clerked)\s+by)\s+(?P<name>\p{Lu}[\w'’.-]*(?: \p{Lu}[\w'’.-]*){0,3})"
);

static_regex!(MARKDOWN_LINK, r"\[([^\]]*)\]\([^)]*\)");

// `Ann Lee (Acme) Bo Wu (Beta)`: a closing parenthesis then a name starts
// the next person, as if a comma were there.
static_regex!(CLOSE_THEN_NAME, r"\)\.?\s+(\p{Lu})");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Present,
    InAttendance,
    Apologies,
    Absent,
}

#[derive(Debug, Default)]
pub struct Attendance {
    pub present: Vec<Person>,
    pub in_attendance: Vec<Person>,
    pub apologies: Vec<Person>,
    pub absent: Vec<Person>,
    /// The blocks that held it (labels and their entries), which the other
    /// recognisers do not read again.
    pub blocks: BTreeSet<usize>,
    /// Entries under a label that do not read as a person.
    pub unsure: Vec<String>,
    /// Labels numbered as agenda items, by block: the number and label.
    items: Vec<(usize, String)>,
}

impl Attendance {
    fn list(&mut self, list: List) -> &mut Vec<Person> {
        match list {
            List::Present => &mut self.present,
            List::InAttendance => &mut self.in_attendance,
            List::Apologies => &mut self.apologies,
            List::Absent => &mut self.absent,
        }
    }

    fn add(&mut self, list: List, entry: &str) {
        let (people, unsure) = entry_people(entry);
        self.list(list).extend(people);
        self.unsure.extend(unsure);
    }

    /// `Chaired by Ann Lee`: the one listed with that name holds the
    /// role; someone not listed attended (the chair is present, a clerk in
    /// attendance).
    fn hold(&mut self, role: &str, name: &str) {
        let Some(mut holder) = parse_person(name, 0).filter(|p| looks_like_name(&p.name)) else {
            return;
        };
        let key = holder.key();
        let listed = [
            &mut self.present,
            &mut self.in_attendance,
            &mut self.apologies,
            &mut self.absent,
        ]
        .into_iter()
        .flat_map(|list| list.iter_mut())
        .find(|p| p.key() == key);
        match listed {
            Some(person) => {
                person.role.get_or_insert_with(|| role.to_string());
            }
            None => {
                holder.role = Some(role.to_string());
                let list = if role == "Clerk" {
                    List::InAttendance
                } else {
                    List::Present
                };
                self.list(list).push(holder);
            }
        }
    }

    /// A list item under a label is one person: `[ ]` in a list of those
    /// present marks one absent, `[x]` one present; `Name, Org` is one
    /// person with their organisation.
    fn add_item(&mut self, list: List, item: &str) {
        let trimmed = item.trim_start();
        let (list, text) = match (trimmed.get(..3), list) {
            (Some("[ ]"), List::Present) => (List::Absent, trimmed.get(3..).unwrap_or("")),
            (Some("[x]" | "[X]"), _) => (list, trimmed.get(3..).unwrap_or("")),
            _ => (list, item),
        };
        match name_then_org(&plain(text)) {
            Some(person) => self.list(list).push(person),
            None => self.add(list, text),
        }
    }
}

/// `19.09.01 Apologies` of `19.09.01  Apologies: none`, when a label has an
/// item number.
fn numbered_label(text: &str) -> Option<String> {
    let plain = plain(text);
    let caps = LABEL.captures(&plain)?;
    let number = caps.name("number")?.as_str().trim();
    let label = caps.name("label")?.as_str();
    Some(format!("{number} {label}"))
}

/// Which list a label starts, or `None` when the text is not a label.
pub fn label(text: &str) -> Option<(List, String)> {
    let plain = plain(text);
    let caps = LABEL.captures(&plain)?;
    let label = caps.name("label")?.as_str().to_lowercase();
    let rest = caps
        .name("rest")
        .map_or("", |m| m.as_str())
        .trim()
        .to_string();
    let members = [
        "member",
        "director",
        "governor",
        "councillor",
        "cllrs",
        "trustee",
        "voting",
        "board",
        "participant",
        "attendee",
        "representative",
        "core",
        "team",
        "panel",
        "committee",
    ];
    let list = if label.contains("apolog") || label.contains("regrets") || label.contains("excused")
    {
        List::Apologies
    } else if label.contains("absent") || label.contains("not ") || label == "missing" {
        List::Absent
    } else if label.starts_with("also")
        || label == "in attendance"
        || ["presenters", "speakers", "invited"].contains(&label.as_str())
        || [
            "officer",
            "official",
            "staff",
            "guest",
            "observer",
            "visitor",
            "other",
            "secretariat",
        ]
        .iter()
        .any(|w| label.starts_with(w))
    {
        List::InAttendance
    } else if label.contains("present")
        || label.contains("attend")
        || label.contains("roll call")
        || members.iter().any(|w| label.starts_with(w))
    {
        List::Present
    } else {
        return None;
    };
    Some((list, rest))
}

/// Finds the attendance of `document`. Paragraphs are first split where a
/// label starts a line and where the names after it end, so that the
/// blocks it takes hold attendance only.
pub fn recognise(document: &mut Document) -> Attendance {
    split_at_labels(document);
    let mut attendance = read_attendance(document);
    // A label numbered as an agenda item (`19.09.01 Apologies`) stays, as
    // its label alone, for the item it is.
    for (at, item) in std::mem::take(&mut attendance.items) {
        if let Some(block) = document.blocks.get_mut(at) {
            let level = match block.kind {
                Kind::Heading { level, .. } => Some(level),
                _ => None,
            };
            block.kind = match level {
                Some(level) => Kind::Heading { level, text: item },
                None => Kind::Paragraph { text: item },
            };
            attendance.blocks.remove(&at);
        }
    }
    attendance
}

fn read_attendance(document: &Document) -> Attendance {
    let mut attendance = Attendance::default();
    let blocks = &document.blocks;
    let mut at = 0;
    while at < blocks.len() {
        let Some(block) = blocks.get(at) else {
            break;
        };
        let (text, label_level) = match &block.kind {
            Kind::Heading { text, .. } | Kind::Paragraph { text } => (text.as_str(), None),
            Kind::ListItem { level, text, .. } => (text.as_str(), Some(*level)),
            Kind::Table { rows } => {
                // A table of people needs no label above it: its header
                // says so (`Name | Organisation | Apologies`).
                let named = people_table(rows);
                if labelled_columns(rows, &mut attendance)
                    || (named && table_people(rows, List::Present, &mut attendance))
                {
                    attendance.blocks.insert(at);
                }
                at += 1;
                continue;
            }
            Kind::PageBreak => {
                at += 1;
                continue;
            }
        };
        let first_line = text.lines().next().unwrap_or("");
        let Some((list, rest)) = label(first_line) else {
            if let Some(caps) = APOLOGIES_SENTENCE.captures(&plain(text)) {
                let people = caps.name("people").map_or("", |m| m.as_str()).to_string();
                attendance.add(List::Apologies, &people);
            }

            at += 1;
            continue;
        };
        attendance.blocks.insert(at);
        if let Some(item) = numbered_label(first_line) {
            attendance.items.push((at, item));
        }
        if !is_none(&rest) && !rest.is_empty() && !continues(&rest) {
            attendance.add(list, &rest);
        }
        // The paragraph's other lines are entries (`Present:` then names;
        // the paragraph was split where they end).
        // A list that runs on (`A, B and` then `C`) is read as one entry.
        let mut entry = if continues(&rest) {
            rest.clone()
        } else {
            String::new()
        };
        for line in text.lines().skip(1) {
            entry.push(' ');
            entry.push_str(line.trim());
            if !continues(line) {
                attendance.add(list, &entry);
                entry.clear();
            }
        }
        if !entry.trim().is_empty() {
            attendance.add(list, &entry);
        }
        // `Visitors: None` has no entries after it.
        at = if is_none(&rest) {
            at + 1
        } else {
            entries(document, at + 1, list, label_level, &mut attendance)
        };
        at = staff_line(document, at, &mut attendance);
    }
    for block in blocks {
        let (Kind::Paragraph { text } | Kind::ListItem { text, .. }) = &block.kind else {
            continue;
        };
        for caps in HELD_BY.captures_iter(text) {
            let name = caps.name("name").map_or("", |m| m.as_str());
            let clerk = caps
                .name("role")
                .is_some_and(|m| m.as_str().eq_ignore_ascii_case("clerked"));
            attendance.hold(if clerk { "Clerk" } else { "Chair" }, name);
        }
    }
    attendance
}

/// Splits each paragraph before a line that is a label, and after the
/// lines of names that follow a label (`Present:` and two lines of names,
/// then prose, is three blocks' worth: the label and names, then prose).
fn split_at_labels(document: &mut Document) {
    let blocks = std::mem::take(&mut document.blocks);
    for block in blocks {
        let Kind::Paragraph { text } = &block.kind else {
            document.blocks.push(block);
            continue;
        };
        let mut part: Vec<&str> = Vec::new();
        let mut part_line = block.line;
        let mut in_label = false;
        let mut continued = false;
        for (at, line) in text.lines().enumerate() {
            let is_label = label(line).is_some();
            let ends_names = in_label && !is_label && !continued && !line_of_names(line);
            continued = continues(line);
            if (is_label || ends_names) && !part.is_empty() {
                let text = part.join("\n");
                document.push(part_line, Kind::Paragraph { text });
                part.clear();
                part_line = block.line + at;
            }
            if is_label {
                in_label = true;
            } else if ends_names {
                in_label = false;
            }
            part.push(line);
        }
        if !part.is_empty() {
            let text = part.join("\n");
            document.push(part_line, Kind::Paragraph { text });
        }
    }
}

/// `SBC - Ann Lee; Bo Wu` after the attendance: staff of a body, in
/// attendance.
fn staff_line(document: &Document, at: usize, attendance: &mut Attendance) -> usize {
    static_regex!(ORG_STAFF, r"^([A-Z][A-Za-z&]{1,12})\s+[-–]\s+(.+;.+)$");
    let Some(Kind::Paragraph { text }) = document.blocks.get(at).map(|b| &b.kind) else {
        return at;
    };
    let joined = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    let Some(caps) = ORG_STAFF.captures(&joined) else {
        return at;
    };
    let org = caps.get(1).map_or("", |m| m.as_str()).to_string();
    let before = attendance.in_attendance.len();
    attendance.add(List::InAttendance, caps.get(2).map_or("", |m| m.as_str()));
    for person in attendance.in_attendance.iter_mut().skip(before) {
        if person.org.is_none() {
            person.org = Some(org.clone());
        }
    }
    attendance.blocks.insert(at);
    at + 1
}

/// Reads the entries after a label from block `at`; returns the first
/// block that is not one of them.
fn entries(
    document: &Document,
    mut at: usize,
    list: List,
    label_level: Option<u8>,
    attendance: &mut Attendance,
) -> usize {
    let mut seen_items = false;
    // A list that runs on past its paragraph (`… R Rowley and`, then the
    // next paragraph), as Word writes a wrapped line.
    let mut carry = String::new();
    while let Some(block) = document.blocks.get(at) {
        match &block.kind {
            Kind::Paragraph { text } if !carry.is_empty() => {
                carry.push(' ');
                carry.push_str(&text.lines().map(str::trim).collect::<Vec<_>>().join(" "));
                if !continues(&carry) {
                    attendance.add(list, &std::mem::take(&mut carry));
                }
            }
            Kind::ListItem { level, text, .. } => {
                // Under a list item label, its entries are the deeper items.
                if label_level.is_some_and(|l| *level <= l) {
                    break;
                }
                if label(text).is_some() {
                    break;
                }
                attendance.add_item(list, text);
                seen_items = true;
            }
            Kind::Paragraph { text } if !seen_items && lines_of_names(text) => {
                for line in text.lines() {
                    if continues(line) {
                        carry.push_str(line.trim());
                    } else if !carry.is_empty() {
                        carry.push(' ');
                        carry.push_str(line.trim());
                        attendance.add(list, &std::mem::take(&mut carry));
                    } else {
                        attendance.add(list, line);
                    }
                }
            }
            Kind::Table { rows } if !seen_items => {
                if !labelled_columns(rows, attendance) && !table_people(rows, list, attendance) {
                    break;
                }
            }
            _ => break,
        }
        attendance.blocks.insert(at);
        at += 1;
        // Names a paragraph each (as HTML pages write `<p>Ann Lee</p>`)
        // go on while the next paragraph is names too.
        let next_names = matches!(
            document.blocks.get(at).map(|b| &b.kind),
            Some(Kind::Paragraph { text }) if !seen_items && lines_of_names(text) && !sections(text)
        );
        if !matches!(block.kind, Kind::ListItem { .. }) && carry.is_empty() && !next_names {
            break;
        }
    }
    if !carry.is_empty() {
        attendance.add(list, &carry);
    }
    at
}

/// Words of agenda headings, which look like names in title case.
const SECTION_WORDS: &[&str] = &[
    "matters",
    "arising",
    "minutes",
    "welcome",
    "introduction",
    "introductions",
    "agenda",
    "item",
    "items",
    "update",
    "updates",
    "report",
    "reports",
    "business",
    "apologies",
    "declarations",
    "interests",
    "finance",
    "finances",
    "any",
    "other",
    "close",
    "date",
    "next",
    "meeting",
    "actions",
    "action",
    "review",
    "summary",
    "notes",
    "approval",
    "correspondence",
    "planning",
    "public",
    "questions",
    "attendance",
    "present",
];

fn sections(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| SECTION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// A paragraph whose every line is a short list of names.
fn lines_of_names(text: &str) -> bool {
    text.lines().all(line_of_names)
}

fn without_continuation(line: &str) -> &str {
    let line = line.trim_end();
    let line = line.strip_suffix(" and").unwrap_or(line);
    line.trim_end_matches([',', '&']).trim_end()
}

/// A line that ends mid-list (`A, B and`), so the next line goes on with it.
fn continues(line: &str) -> bool {
    let line = line.trim_end();
    let last = line
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    // A name broken after its title: `… and Mr` then `David Dent`.
    let title = [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "cllr",
        "councillor",
        "prof",
        "rev",
        "sir",
        "dame",
    ]
    .contains(&last.as_str());
    line.ends_with(',') || line.ends_with(" and") || line.ends_with('&') || title
}

fn line_of_names(line: &str) -> bool {
    if is_none(&plain(line)) {
        return true;
    }
    if label(line).is_some() {
        return false;
    }
    let (people, unsure) = entry_people(without_continuation(line));
    !people.is_empty() && unsure.is_empty()
}

/// A table whose header cells are labels (`Attendees | Officials`), and
/// where a cell that is a label starts a new list in its column (`|
/// Apologies`): each column's cells are that list's people. Whether the
/// table was one.
fn labelled_columns(rows: &[Vec<String>], attendance: &mut Attendance) -> bool {
    let Some(header) = rows.first() else {
        return false;
    };
    let mut lists: Vec<Option<List>> = header
        .iter()
        .map(|cell| {
            label(cell)
                .filter(|(_, rest)| rest.is_empty())
                .map(|(l, _)| l)
        })
        .collect();
    // Every header cell a label (`Attendees | Officials`); a table with a
    // Name column and an Apologies column of marks is read by its names.
    let labelled = header
        .iter()
        .zip(&lists)
        .all(|(cell, list)| cell.trim().is_empty() || list.is_some());
    if !labelled || lists.iter().all(Option::is_none) {
        return false;
    }
    for row in rows.iter().skip(1) {
        for (column, cell) in row.iter().enumerate() {
            if cell.trim().is_empty() {
                continue;
            }
            match label(cell) {
                Some((list, rest)) => {
                    if let Some(slot) = lists.get_mut(column) {
                        *slot = Some(list);
                    }
                    if !rest.is_empty() {
                        attendance.add(list, &rest);
                    }
                }
                None => {
                    if let Some(Some(list)) = lists.get(column) {
                        attendance.add(*list, cell);
                    }
                }
            }
        }
    }
    true
}

/// The people of a table: the column headed as names, else the column
/// whose cells read as names.
fn table_people(rows: &[Vec<String>], list: List, attendance: &mut Attendance) -> bool {
    let Some(header) = rows.first() else {
        return false;
    };
    let (column, body) = match name_header(rows) {
        Some(column) => (Some(column), rows.get(1..).unwrap_or(&[])),
        None => {
            let columns = header.len();
            let named = (0..columns).find(|&c| {
                let cells: Vec<&String> = rows.iter().filter_map(|r| r.get(c)).collect();
                !cells.is_empty() && cells.iter().all(|cell| looks_like_name(&plain(cell)))
            });
            // `Voting Rep | Company | Attended`: a header row, though its
            // first cell reads like a name.
            let headed = header.iter().any(|cell| is_column_header(cell));
            (
                named,
                if headed {
                    rows.get(1..).unwrap_or(&[])
                } else {
                    rows
                },
            )
        }
    };
    let Some(column) = column else {
        return false;
    };
    let headed = |word: &str| header.iter().position(|h| h.to_lowercase().contains(word));
    let org_column = headed("organisation")
        .or_else(|| headed("org"))
        .or_else(|| headed("company"));
    // A column of apologies marks (`Apologies | yes`) moves a row's person.
    let apologies_column = headed("apolog");
    // A column of attendance marks (`Attended | X`): a row left blank there
    // is a member who was absent.
    let attended_column = headed("attended");
    // What the column after the names holds (`Member`, `Chair`): a name
    // that ran on into it (`Lena Vasquez-Roe Member`, its own cell
    // empty) gives it back.
    let next_values: Vec<&str> = body
        .iter()
        .filter_map(|row| row.get(column + 1))
        .map(|cell| cell.trim())
        .filter(|cell| !cell.is_empty())
        .collect();
    for row in body {
        let Some(cell) = row.get(column).filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        let next_empty = row.get(column + 1).is_some_and(|c| c.trim().is_empty());
        let ran_on = next_values
            .iter()
            .filter(|value| next_empty && value.len() < cell.len())
            .find_map(|value| cell.trim().strip_suffix(value))
            .filter(|name| name.ends_with(' '));
        let cell = ran_on.map_or(cell.as_str(), str::trim_end);
        let marked = |at: Option<usize>| {
            at.and_then(|at| row.get(at))
                .map(|mark| mark.trim().to_lowercase())
                .filter(|mark| !mark.is_empty() && !matches!(mark.as_str(), "no" | "n" | "-" | "–"))
        };
        let row_list = if marked(apologies_column).is_some() {
            List::Apologies
        } else if attended_column.is_some() && marked(attended_column).is_none() {
            List::Absent
        } else {
            list
        };
        let before = attendance.list(row_list).len();
        attendance.add(row_list, cell);
        let org = org_column
            .and_then(|at| row.get(at))
            .filter(|o| !o.trim().is_empty());
        for person in attendance.list(row_list).iter_mut().skip(before) {
            if person.org.is_none() {
                person.org = org.map(|o| o.trim().to_string());
            }
        }
    }
    true
}

/// A table that is a list of people without a label above it: a column
/// headed exactly `Name` (or `Member` …), most of whose cells are full
/// names. (`Name of Committee` heads something else.)
fn people_table(rows: &[Vec<String>]) -> bool {
    let Some(column) = name_header(rows) else {
        return false;
    };
    let exact = rows
        .first()
        .and_then(|header| header.get(column))
        .is_some_and(|cell| !cell.trim().contains(' '));
    let cells: Vec<&String> = rows
        .iter()
        .skip(1)
        .filter_map(|row| row.get(column))
        .collect();
    let names = cells
        .iter()
        .filter(|cell| {
            let plain = plain(cell);
            looks_like_name(&plain) && plain.contains(' ')
        })
        .count();
    exact && !cells.is_empty() && names * 2 > cells.len()
}

/// A header cell of a table of people other than the names' own.
fn is_column_header(cell: &str) -> bool {
    const HEADERS: &[&str] = &[
        "company",
        "organisation",
        "organization",
        "affiliation",
        "role",
        "position",
        "attended",
        "apologies",
        "institution",
    ];
    HEADERS.contains(&cell.trim().to_lowercase().as_str())
}

/// The column of a table headed as people's names.
fn name_header(rows: &[Vec<String>]) -> Option<usize> {
    const HEADERS: &[&str] = &[
        "name",
        "names",
        "member",
        "attendee",
        "participant",
        "governor",
        "councillor",
    ];
    rows.first()?.iter().position(|cell| {
        let cell = cell.trim().to_lowercase();
        HEADERS
            .iter()
            .any(|w| cell == *w || cell.starts_with(&format!("{w} ")))
    })
}

/// `EDC`, `ACME`: one word in capitals names an organisation.
fn is_acronym(name: &str) -> bool {
    !name.contains(' ') && name.chars().count() >= 2 && name.chars().all(|c| c.is_uppercase())
}

fn is_none(text: &str) -> bool {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    matches!(
        lower.as_str(),
        "none" | "nil" | "n/a" | "-" | "none received" | "no apologies"
    )
}

/// Text without Markdown emphasis, links or a leading checkbox or bullet.
fn plain(text: &str) -> String {
    static_regex!(JOINED, r"(\p{L})_(\p{L})");
    static_regex!(EMPHASIS, r"(^|\s)[*_]+(\S[^*_]*?)[*_]+(\s|$)");
    let text = text.replace(['\u{a0}', '\u{202f}'], " ");
    let text = MARKDOWN_LINK.replace_all(&text, "$1");
    // IRC and wiki names: `Daniel_Peintner`.
    let text = JOINED.replace_all(&text, "$1 $2");
    let text = EMPHASIS.replace_all(&text, "$1$2$3");
    let text = text.replace("**", "").replace("__", "").replace('`', "");
    let text = text.trim().trim_start_matches('#').trim();
    let text = text
        .trim_start_matches(['•', '·', '▪', '◦'])
        .trim_start_matches("- ")
        .trim_start_matches("[x] ")
        .trim_start_matches("[X] ")
        .trim_start_matches("[ ] ");
    text.trim_matches(['_', '*']).trim().to_string()
}

/// The people of one entry (`Ann Lee`, `Ann Lee — Chair`, `Cllrs A, B and
/// C`, `Bo Wu (@bowu)`), and what in it is not a person.
pub fn entry_people(entry: &str) -> (Vec<Person>, Vec<String>) {
    let text = plain(entry);
    let text = text.trim_end_matches(['.', ',', ';']).trim();
    if text.is_empty() || is_none(text) {
        return (Vec::new(), Vec::new());
    }
    // `Bob Barr (BB) 2:30o`: a note of a time after a name is no part of
    // it, and is reported.
    if let Some((name, note)) = text.rsplit_once(char::is_whitespace) {
        let one_column = !name.contains("  ") && !name.contains('\t');
        if one_column && note.contains(|c: char| c.is_ascii_digit()) {
            let (people, unsure) = people_of(name);
            if !people.is_empty() && unsure.is_empty() {
                return (people, vec![note.to_string()]);
            }
        }
    }
    people_of(text)
}

fn people_of(text: &str) -> (Vec<Person>, Vec<String>) {
    // Columns (`Ann Lee      Acme Ltd`, `Acme Ltd<TAB>Ann Lee<TAB>Member`):
    // the column that is a person's name, the first other one their org.
    // `Erik Sandvold | Sandvik | @handle`: a row of a table written with
    // pipes, the name first.
    if text.contains('|') {
        let cells: Vec<&str> = text.split('|').map(str::trim).collect();
        let first = cells.first().copied().unwrap_or("");
        let person =
            parse_person(first, 0).filter(|p| looks_like_name(&p.name) && !is_acronym(&p.name));
        return match person {
            Some(mut person) => {
                if let Some(org) = cells
                    .get(1)
                    .filter(|c| !c.is_empty() && !c.starts_with('@'))
                {
                    person.org.get_or_insert(org.to_string());
                }
                (vec![person], Vec::new())
            }
            None => (Vec::new(), vec![first.to_string()]),
        };
    }
    // `Rob Wetherall RW`: initials after a name.
    if let Some(person) = name_then_initials(text) {
        return (vec![person], Vec::new());
    }
    let columns = split_columns(text);
    if columns.len() > 1 {
        if let Some(people) = names_with_initials(&columns) {
            return (people, Vec::new());
        }
        if let Some(person) = person_among(&columns) {
            return (vec![person], Vec::new());
        }
        // Several names side by side (a layout in columns), perhaps each
        // with initials: each name is a person.
        let named = names_among(&columns);
        if named.len() > 1 {
            return (named, Vec::new());
        }
        // `M Dean and P Moss      Clerk J Fell`: each column a
        // list of its own.
        let each: Vec<(Vec<Person>, Vec<String>)> =
            columns.iter().map(|column| people_of(column)).collect();
        if each
            .iter()
            .all(|(people, unsure)| !people.is_empty() && unsure.is_empty())
        {
            return (
                each.into_iter().flat_map(|(people, _)| people).collect(),
                Vec::new(),
            );
        }
        // Columns of a word or two with no name among them (`Company
        // Name   Role`) are a header, not people.
        if columns.iter().all(|c| c.split_whitespace().count() <= 2) {
            return (Vec::new(), vec![columns.join(" ")]);
        }
    }
    // `Nora Ash – Town Clerk, Tess Lee - Assistant Town Clerk`: people
    // each with a role, listed.
    let listed: Option<Vec<Person>> = text
        .split(", ")
        .map(|part| {
            let (a, b) = split_role(part)?;
            person_among(&[a, b])
        })
        .collect();
    if let Some(people) = listed.filter(|people| people.len() > 1) {
        return (people, Vec::new());
    }
    // `Name — Role` or `Org - Name`.
    let sides: Vec<&str> = split_role(text)
        .map(|(a, b)| vec![a, b])
        .unwrap_or_default();
    if let Some(person) = person_among(&sides) {
        return (vec![person], Vec::new());
    }
    let semicolons = text.replace(';', ",");
    let separated = CLOSE_THEN_NAME.replace_all(&semicolons, "), $1");
    let mut people = Vec::new();
    let mut unsure = Vec::new();
    for group in split_people(&separated) {
        for mut person in group {
            strip_handle(&mut person);
            if let Some(holder) = role_first(&person.name) {
                let org = person.org.take();
                person = Person { org, ..holder };
            }
            let heading = person
                .name
                .split_whitespace()
                .any(|w| HEADING_WORDS.contains(&w.to_lowercase().as_str()));
            if looks_like_name(&person.name)
                && !is_acronym(&person.name)
                && !is_role(&person.name)
                && !heading
                && !names_org(&person.name)
            {
                people.push(person);
            } else {
                unsure.push(person.name);
            }
        }
    }
    (people, unsure)
}

/// `Gordon Bramwell, Autodesk`, `Michael O’Garvey, Cisco Systems Inc.`: a
/// name, then what is plainly not a second name.
fn name_then_org(text: &str) -> Option<Person> {
    let (name, rest) = text.split_once(", ")?;
    let rest = rest.trim().trim_end_matches('.');
    let second_name = parse_person(rest, 0)
        .is_some_and(|p| looks_like_name(&p.name) && p.name.contains(' ') && !org_like(rest));
    if second_name || rest.contains(" and ") {
        return None;
    }
    let mut person =
        parse_person(name, 0).filter(|p| looks_like_name(&p.name) && p.name.contains(' '))?;
    if is_role(rest) || rest.split(", ").any(is_role) {
        person.role.get_or_insert(rest.to_string());
    } else {
        person.org.get_or_insert(rest.to_string());
    }
    Some(person)
}

fn name_then_initials(text: &str) -> Option<Person> {
    let (name, initials) = text.rsplit_once(' ')?;
    let is_initials =
        (2..=4).contains(&initials.chars().count()) && initials.chars().all(|c| c.is_uppercase());
    if !is_initials || !name.contains(' ') {
        return None;
    }
    let mut person = parse_person(name, 0).filter(|p| looks_like_name(&p.name))?;
    let made: String = person
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect();
    if !made.starts_with(initials.chars().next()?) {
        return None;
    }
    person.initials.get_or_insert(initials.to_string());
    Some(person)
}

/// The cells of a line aligned by runs of spaces or by tabs.
pub fn split_columns(text: &str) -> Vec<&str> {
    static_regex!(GAP, r"\t+|\s{3,}");
    GAP.split(text)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Words that make a cell an organisation, not a person.
const ORG_WORDS: &[&str] = &[
    "university",
    "college",
    "council",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "limited",
    "llc",
    "plc",
    "foundation",
    "studios",
    "society",
    "association",
    "group",
    "department",
    "office",
    "trust",
    "agency",
    "authority",
    "ministry",
    "school",
    "institute",
    "systems",
    "technologies",
    "labs",
    "partners",
    "company",
    "bank",
    "services",
    "networks",
    "gazette",
    "government",
    "board",
    "committee",
    "fund",
    "centre",
    "center",
    "representative",
    "member",
    "members",
    "body",
    "governing",
];

/// Words of an attendance heading, which no name holds (`GOVERNOR
/// ATTENDANCE`).
const HEADING_WORDS: &[&str] = &["attendance", "present", "apologies", "absent", "register"];

/// Offices a person holds, by which minutes also give them actions (`the
/// Clerk to write`).
pub const OFFICES: &[&str] = &[
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "vice-chair",
    "secretary",
    "minute secretary",
    "treasurer",
    "clerk",
    "parish clerk",
    "town clerk",
    "assistant town clerk",
    "headteacher",
    "head teacher",
    "convenor",
    "convener",
    "pmo",
];

/// Other roles written beside a name.
const OTHER_ROLES: &[&str] = &[
    "minutes",
    "minute taker",
    "director",
    "president",
    "observer",
    "guest",
    "scribe",
    "note taker",
    "notetaker",
    "facilitator",
    "moderator",
];

/// A word of an organisation's name in `name` (`Full Governing Body`).
fn names_org(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
}

fn org_like(cell: &str) -> bool {
    let words: Vec<String> = cell.split_whitespace().map(str::to_lowercase).collect();
    let acronym = cell.len() > 1
        && !cell.contains(' ')
        && cell.chars().filter(|c| c.is_uppercase()).count() >= 2;
    acronym
        || words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            ORG_WORDS.contains(&w) || is_role(w)
        })
}

/// The cells that are people's names (two words or more), the others
/// (initials, organisations) left out.
fn names_among(cells: &[&str]) -> Vec<Person> {
    cells
        .iter()
        .filter(|cell| !org_like(cell))
        .filter_map(|cell| parse_person(cell, 0))
        .filter(|p| looks_like_name(&p.name) && p.name.contains(' '))
        .collect()
}

/// `Ann Lee   AL   Bo Wu (Acme) BW`: names side by side, each followed by
/// its initials (in a cell of their own or after the name). `None` unless
/// every cell is a name or the initials of the name before it.
fn names_with_initials(cells: &[&str]) -> Option<Vec<Person>> {
    let mut people: Vec<Person> = Vec::new();
    let mut paired = false;
    for cell in cells {
        let previous = people.last_mut().filter(|p| p.initials.is_none());
        if let Some(previous) = previous.filter(|p| are_initials_of(cell, &p.name)) {
            previous.initials = Some((*cell).to_string());
            paired = true;
            continue;
        }
        let person = match name_then_initials(cell) {
            Some(person) => {
                paired = true;
                person
            }
            None => parse_person(cell, 0)?,
        };
        if !looks_like_name(&person.name) || !person.name.contains(' ') || org_like(&person.name) {
            return None;
        }
        people.push(person);
    }
    paired.then_some(people)
}

/// The one cell of `cells` that is a person's name, with the first other
/// cell as their organisation or role; `None` unless exactly one fits.
fn person_among(cells: &[&str]) -> Option<Person> {
    let named: Vec<(usize, Person)> = cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| !org_like(cell))
        .filter_map(|(at, cell)| Some((at, parse_person(cell, 0)?)))
        .filter(|(_, p)| looks_like_name(&p.name) && p.name.contains(' '))
        .collect();
    let [(at, person)] = named.as_slice() else {
        return None;
    };
    let mut person = person.clone();
    let other = cells.iter().enumerate().find(|(i, _)| i != at);
    if let Some((_, cell)) = other {
        let cell = cell.trim_matches(['_', '*', ' ']).to_string();
        if is_role(&cell) {
            person.role.get_or_insert(cell);
        } else {
            person.org.get_or_insert(cell);
        }
    }
    Some(person)
}

fn is_role(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    OFFICES.contains(&lower.as_str()) || OTHER_ROLES.contains(&lower.as_str())
}

/// `Clerk J Bramley`: a role written before the name.
fn role_first(text: &str) -> Option<Person> {
    let (first, rest) = text.split_once(' ')?;
    let (role, rest) = match rest.split_once(' ') {
        Some((second, more)) if is_role(&format!("{first} {second}")) => {
            (format!("{first} {second}"), more)
        }
        _ => (first.to_string(), rest),
    };
    if !is_role(&role) {
        return None;
    }
    let mut person = parse_person(rest, 0).filter(|p| looks_like_name(&p.name))?;
    person.role.get_or_insert(role);
    Some(person)
}

/// `Ann Lee — Chair`, `Ann Lee - Acme Ltd`: a name, a spaced dash, a role.
fn split_role(text: &str) -> Option<(&str, &str)> {
    [" — ", " – ", " - ", " -- "].iter().find_map(|dash| {
        let (name, role) = text.split_once(dash)?;
        let listed = role.contains(',') && !org_like(role);
        (!role.trim().is_empty() && !listed).then_some((name.trim(), role.trim()))
    })
}

/// `Bo Wu @bowu`: the handle is not part of the name.
fn strip_handle(person: &mut Person) {
    if person.name.contains('@') {
        let name: Vec<&str> = person
            .name
            .split_whitespace()
            .filter(|w| !w.starts_with('@'))
            .collect();
        person.name = name.join(" ");
    }
}

/// People written as a list in running text: commas, `and`, and a
/// `Councillors A, B and C (Org)` enumeration that shares its title and org.
pub fn split_people(text: &str) -> Vec<Vec<Person>> {
    let mut groups: Vec<Vec<Person>> = Vec::new();
    // Parts of an enumeration still open: "Councillors A", "B", … "and C (Org)".
    let mut open: Vec<Person> = Vec::new();
    let mut councillors = false;
    for part in crate::text::split_top_level(text, crate::text::literal(",")) {
        let mut part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((first, rest)) = part.split_once(' ') {
            if first.eq_ignore_ascii_case("councillors") || first.eq_ignore_ascii_case("cllrs") {
                groups.push(std::mem::take(&mut open));
                councillors = true;
                part = rest;
            }
        }
        let part = part.strip_prefix("and ").unwrap_or(part);
        let names: Vec<&str> = part.split(" and ").collect();
        let closes = names.len() > 1;
        for name in &names {
            if let Some(person) = parse_person(name, 0) {
                open.push(person);
            }
        }
        let org = open.last().and_then(|p| p.org.clone());
        // An enumeration ends at its "and", or at an org in parentheses.
        if closes || org.is_some() || !councillors {
            let shares = closes || councillors;
            for person in &mut open {
                if councillors && person.title.is_none() {
                    person.title = Some("Cllr".to_string());
                }
                if shares && person.org.is_none() {
                    person.org.clone_from(&org);
                }
            }
            groups.push(std::mem::take(&mut open));
            councillors = false;
        }
    }
    for person in &mut open {
        if councillors && person.title.is_none() {
            person.title = Some("Cllr".to_string());
        }
    }
    groups.push(open);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::readers::{Format, read_text as read};

    fn names(people: &[Person]) -> Vec<String> {
        people.iter().map(|p| p.name.clone()).collect()
    }

    #[test]
    fn labels_in_their_spellings_and_nothing_that_merely_starts_like_one() {
        for (text, list) in [
            ("Present:", List::Present),
            ("Directors Present:", List::Present),
            ("Board members in attendance were:", List::Present),
            ("Also in attendance were:", List::InAttendance),
            ("In attendance: Ann Lee (Clerk)", List::InAttendance),
            ("Apologies for absence", List::Apologies),
            ("Regrets:", List::Apologies),
            ("Directors Absent:", List::Absent),
            ("Voting Members Not in Attendance:", List::Absent),
            ("2. Present", List::Present),
            ("**Attendees**:", List::Present),
            ("Voting member attendance", List::Present),
        ] {
            assert_eq!(label(text).map(|(l, _)| l), Some(list), "{text}");
        }
        for text in [
            "Presentation of the accounts",
            "Attendance to constitute a quorum was recognised",
            "Members of the public asked about parking",
            "Present the budget to the council",
        ] {
            assert_eq!(label(text), None, "{text}");
        }
    }

    #[test]
    fn people_under_labels_in_lists_lines_tables_and_sentences() {
        let markdown = "## Present\n\n- Ann Lee — _Chair_\n- Bo Wu (@bowu)\n\n\
            ## Apologies\n\n- Cllr Cy Dee\n\n## 1. Minutes\n\n- Agreed: approved\n";
        let found = recognise(&mut read(markdown, Format::Markdown));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);
        assert_eq!(found.present[0].role.as_deref(), Some("Chair"));
        assert_eq!(names(&found.apologies), ["Cy Dee"]);
        assert_eq!(found.blocks.len(), 5);

        let text = "Directors Present:\n\n    Ann Lee\n    Bo T. Wu\n\nDirectors Absent:\n\n    Cy Dee\n\n\
            Apologies were received from Di Eve and Flo Gee.\n";
        let found = recognise(&mut read(text, Format::Text));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo T. Wu"]);
        assert_eq!(names(&found.absent), ["Cy Dee"]);
        assert_eq!(names(&found.apologies), ["Di Eve", "Flo Gee"]);

        let html = "<p><strong>Officials (regular attendees)</strong></p><p>Ann Lee (Chair)</p><p>Dr Bo Wu</p>\
            <p>Matters Arising</p><p><strong>Presenters</strong></p><p>Cy Dee (Acme)</p>\
            <dl><dt>Regrets</dt><dd>Di_Eve, Flo_Gee</dd></dl>";
        let found = recognise(&mut read(html, Format::Html));
        assert_eq!(names(&found.in_attendance), ["Ann Lee", "Bo Wu", "Cy Dee"]);
        assert_eq!(names(&found.apologies), ["Di Eve", "Flo Gee"]);
        let piped = "## Attendees\n\n* name | institution | handle\n* Erik Vale | Sandvik | @ev\n* Tim | Binder | @tb\n\nAttendants:\nJo Barr,\nBeth Cole\nMissing:\nHal Smith (away)\n";
        let found = recognise(&mut read(piped, Format::Markdown));
        assert_eq!(
            names(&found.present),
            ["Erik Vale", "Tim", "Jo Barr", "Beth Cole"]
        );
        assert_eq!(found.present[0].org.as_deref(), Some("Sandvik"));
        assert_eq!(names(&found.absent), ["Hal Smith"]);
        let checked = "## Voting members\n\n* [x] Ann Lee - Chairperson, Acme Pty Ltd\n* [ ] Gus Ho, Autodesk\n* [x] Bo Wu, Beta Studios, Inc.\n";
        let found = recognise(&mut read(checked, Format::Markdown));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);
        assert_eq!(found.present[1].org.as_deref(), Some("Beta Studios, Inc"));
        assert_eq!(names(&found.absent), ["Gus Ho"]);
        let (people, unsure) = entry_people("Company        Name        Role");
        assert!(people.is_empty() && unsure.len() == 1);
        let (people, _) = entry_people("Tom Ash —\u{a0}Secretary");
        assert_eq!(people[0].role.as_deref(), Some("Secretary"));
        let (people, _) = entry_people("Rob Wetherall RW");
        assert_eq!(people[0].initials.as_deref(), Some("RW"));

        let broken = "Present: Miss Ann Lee and Mr\nBo Wu, Clerk\n\nThe meeting opened.\n";
        let found = recognise(&mut read(broken, Format::Text));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);

        let wrapped = "Present\n\nCouncillors A Bell (Chair), C Dunn and\n\nE Fox, EDC\n\nThe meeting opened.\n";
        let found = recognise(&mut read(wrapped, Format::Text));
        assert_eq!(names(&found.present), ["A Bell", "C Dunn", "E Fox"]);
        assert_eq!(found.unsure, ["EDC"]);

        let nested = "- Attending:\n  - Ann Lee\n  - Bo Wu (left early)\n- Agenda\n";
        let numbered = "19.09.01  Apologies\nNone\n\n2. Present: Ann Lee\n";
        let mut document = read(numbered, Format::Text);
        let found = recognise(&mut document);
        assert_eq!(names(&found.present), ["Ann Lee"]);
        assert_eq!(
            document.lines_except(&found.blocks),
            ["19.09.01 Apologies", "", "2. Present", ""]
        );

        let found = recognise(&mut read(nested, Format::Markdown));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);

        let unlabelled = "| Name | Organisation | Apologies |\n|---|---|---|\n| Ann Lee | Acme | |\n| Bo Wu | Beta | yes |\n";
        let found = recognise(&mut read(unlabelled, Format::Markdown));
        assert_eq!(names(&found.present), ["Ann Lee"]);
        assert_eq!(found.present[0].org.as_deref(), Some("Acme"));
        assert_eq!(names(&found.apologies), ["Bo Wu"]);
        let sheet =
            "| Name of Committee | Overview Committee |\n|---|---|\n| Report Title | Budget |\n";
        let found = recognise(&mut read(sheet, Format::Markdown));
        assert!(found.present.is_empty() && found.blocks.is_empty());

        let marks = "### Attendees\n\n| Board Member Voting Rep | Company | Attended |\n|---|---|---|\n\
            | Ann Lee | Acme | X |\n| Bo Wu | Beta | |\n";
        let found = recognise(&mut read(marks, Format::Markdown));
        assert_eq!(names(&found.present), ["Ann Lee"]);
        assert_eq!(names(&found.absent), ["Bo Wu"]);
        let table = "Attendees:\n\n| Name | Organisation |\n|---|---|\n| Ann Lee | Acme |\n| Bo Wu | Beta |\n";
        let found = recognise(&mut read(table, Format::Markdown));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);

        let columns = "Attendees:\n\nAnn Lee          Acme University\nProfessor Bo Wu\tBeta Ltd\n\n\
            Apologies: Cy Dee (Gamma) Di Eve (Delta)\n";
        let found = recognise(&mut read(columns, Format::Text));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);
        assert_eq!(found.present[1].org.as_deref(), Some("Beta Ltd"));
        assert_eq!(names(&found.apologies), ["Cy Dee", "Di Eve"]);

        let side_by_side = "Present      Ann Lee          AL      Bo Wu    BW\n             Cy Dee           CD\n\n\
            Attendees | Officials\nDi Eve (DE) | Flo Gee (FG)\nGus Ho (GH) | \n | Apologies\n | Ivy Jo (IJ)\n\n\
            Present\nCouncillors A Bell (Chair), C Dunn and\nE Fox\n";
        let found = recognise(&mut read(side_by_side, Format::Text));
        assert_eq!(
            names(&found.present),
            [
                "Ann Lee", "Bo Wu", "Cy Dee", "Di Eve", "Gus Ho", "A Bell", "C Dunn", "E Fox"
            ]
        );
        assert_eq!(names(&found.in_attendance), ["Flo Gee"]);
        assert_eq!(names(&found.apologies), ["Ivy Jo"]);
    }

    #[test]
    fn what_is_not_a_name_is_unsure_never_a_person() {
        let found = recognise(&mut read(
            "Present: Ann Lee, the whole team of 2019, and Bo Wu\n",
            Format::Text,
        ));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);
        assert_eq!(found.unsure, ["the whole team of 2019"]);
    }

    #[test]
    fn a_name_run_on_into_the_next_column_gives_it_back() {
        let text = "Present\nCompany          Name                 Role\n\
            Acme Ltd         Jo Birtle             Member\n\
            Beta Labs        Lena Vasquez-Roe Member\n";
        let found = recognise(&mut read(text, Format::Text));
        assert_eq!(names(&found.present), ["Jo Birtle", "Lena Vasquez-Roe"]);
        assert!(found.unsure.is_empty(), "{:?}", found.unsure);
    }

    #[test]
    fn who_chaired_and_who_clerked_hold_those_roles() {
        let text = "Present: Ann Lee, Bo Wu\n\nVisitors: None\n\n\
            Chaired by     Ann Lee                Clerked by        Cy Dee\n\n1. Accounts\n";
        let found = recognise(&mut read(text, Format::Text));
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu"]);
        assert_eq!(found.present[0].role.as_deref(), Some("Chair"));
        assert_eq!(names(&found.in_attendance), ["Cy Dee"]);
        assert_eq!(found.in_attendance[0].role.as_deref(), Some("Clerk"));
    }

    #[test]
    fn labels_inside_paragraphs_and_staff_lines() {
        let text = "Minutes of the Board\nPresent: Ann Lee, Bo Wu,\nCy Dee\n\nACME - Di Eve; Flo Gee\n\n\
            The meeting opened at seven.\nIntel Corporation - Gus Ho\n";
        let mut document = read(text, Format::Text);
        let found = recognise(&mut document);
        assert_eq!(names(&found.present), ["Ann Lee", "Bo Wu", "Cy Dee"]);
        assert_eq!(names(&found.in_attendance), ["Di Eve", "Flo Gee"]);
        assert_eq!(found.in_attendance[0].org.as_deref(), Some("ACME"));
        assert_eq!(
            document.lines_except(&found.blocks),
            [
                "Minutes of the Board",
                "",
                "The meeting opened at seven.",
                "Intel Corporation - Gus Ho",
                ""
            ]
        );
        let (people, _) = entry_people("Nora Ash – Town Clerk, Tess Lee - Assistant Town Clerk.");
        assert_eq!(names(&people), ["Nora Ash", "Tess Lee"]);
        assert_eq!(people[1].role.as_deref(), Some("Assistant Town Clerk"));
        let (people, unsure) = entry_people("Bob Barr (BB) 2:30pm");
        assert_eq!(names(&people), ["Bob Barr"]);
        assert_eq!(unsure, ["2:30pm"]);
        let (people, _) = entry_people("Full Governing Body");
        assert!(people.is_empty());
        let (people, _) = entry_people("Cllrs M Dean and P Moss      Clerk J Fell");
        assert_eq!(names(&people), ["M Dean", "P Moss", "J Fell"]);
        assert_eq!(people[2].role.as_deref(), Some("Clerk"));
        let (people, _) = entry_people("P Moss, Clerk J Fell");
        assert_eq!(names(&people), ["P Moss", "J Fell"]);
        assert_eq!(people[1].role.as_deref(), Some("Clerk"));
        let (people, _) = entry_people("Intel Corporation - Gus Ho");
        assert_eq!(names(&people), ["Gus Ho"]);
        assert_eq!(people[0].org.as_deref(), Some("Intel Corporation"));
    }
}
