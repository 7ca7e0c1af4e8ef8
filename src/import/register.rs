//! An attendance register: a grid of members, one column per meeting of
//! the year headed by its date, each cell a mark that a key explains
//! (`P – Present   S – Sanctioned   A – Absent   L – Late arrival`), as
//! school governors' and council clerks' templates print it above the
//! minutes. Only the column of this meeting's date is read: a mark there
//! puts the member in the list its key names; a member with no mark there
//! (resigned, not yet appointed) is in none. A register whose column for
//! this meeting cannot be told is not read at all, with a point to check
//! saying why, never read from a column guessed at.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::document::{Document, Kind};
use super::title::dates_in;
use crate::model::Person;
use crate::parse::people::{looks_like_name, parse_person};

static_regex!(
    KEY,
    r"(?i)(?:^|\s|,|;)(?-i:(?P<mark>[A-Z]))\s*[–—=:-]\s*(?P<meaning>present|in attendance|late(?:\s+arrival)?|left\s+early|unsanctioned(?:\s+absence)?|sanctioned(?:\s+absence)?|apologies(?:\s+(?:received|given|accepted))?|excused|authorised(?:\s+absence)?|absent(?:\s+without\s+apologies)?|not\s+present)\b"
);

/// Which list a mark puts its member in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Present,
    Apologies,
    Absent,
}

fn meaning(word: &str) -> Meaning {
    let word = word.to_lowercase();
    if word.starts_with("unsanctioned") || word.starts_with("absent") || word.starts_with("not") {
        Meaning::Absent
    } else if word.starts_with("present")
        || word.starts_with("late")
        || word.starts_with("left")
        || word.starts_with("in attendance")
    {
        Meaning::Present
    } else {
        Meaning::Apologies
    }
}

#[derive(Debug, Default)]
pub struct Register {
    pub present: Vec<Person>,
    pub apologies: Vec<Person>,
    pub absent: Vec<Person>,
    /// The blocks the register and its key fill.
    pub blocks: BTreeSet<usize>,
    /// The date whose column was read.
    pub date: Option<NaiveDate>,
    /// Why the register was not read, when it was not.
    pub check: Option<String>,
}

/// A line cut into cells at runs of two or more spaces (or a tab), each
/// with the character column it starts at.
fn cells(line: &str) -> Vec<(usize, String)> {
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut spaces = 0;
    for (column, c) in line.chars().enumerate() {
        if c == ' ' || c == '\t' {
            spaces += if c == '\t' { 2 } else { 1 };
            continue;
        }
        if spaces >= 2 && !current.is_empty() {
            cells.push((start, std::mem::take(&mut current)));
        } else if spaces == 1 && !current.is_empty() {
            current.push(' ');
        }
        if current.is_empty() {
            start = column;
        }
        current.push(c);
        spaces = 0;
    }
    if !current.is_empty() {
        cells.push((start, current));
    }
    cells
}

/// A member's row: a name first, then cells, some of them marks of the
/// key; the marks with their columns.
struct Row {
    name: String,
    marks: Vec<(usize, char)>,
}

fn row(line: &str, key: &[(char, Meaning)]) -> Option<Row> {
    let cells = cells(line);
    let (_, first) = cells.first()?;
    let name = unshout(first);
    if !looks_like_name(&name) || name.split_whitespace().count() < 2 {
        return None;
    }
    let marks: Vec<(usize, char)> = cells
        .iter()
        .skip(1)
        .filter_map(|(column, cell)| {
            let mut chars = cell.chars();
            let mark = chars.next()?;
            (chars.next().is_none() && key.iter().any(|(m, _)| *m == mark))
                .then_some((*column, mark))
        })
        .collect();
    (!marks.is_empty()).then_some(Row { name, marks })
}

/// `HEATHER PENROSE` as `Heather Penrose`; a name in mixed case as written.
fn unshout(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start_of_word = true;
    for c in name.chars() {
        if start_of_word {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_word = !c.is_alphabetic();
    }
    out
}

/// The marks of a line that is nothing but a key (`P – Present   A –
/// Absent`, perhaps after `Key:`).
fn key_line(line: &str) -> Option<Vec<(char, Meaning)>> {
    let mut key = Vec::new();
    for caps in KEY.captures_iter(line) {
        let mark = caps.name("mark")?.as_str().chars().next()?;
        key.push((mark, meaning(caps.name("meaning")?.as_str())));
    }
    let rest = KEY.replace_all(line, " ");
    let rest = rest
        .trim()
        .trim_start_matches("Key")
        .trim_start_matches("KEY");
    let only_key = rest.chars().filter(|c| c.is_alphanumeric()).count() <= 3;
    (!key.is_empty() && only_key).then_some(key)
}

/// The key of a block's key lines, when there are two marks or more and
/// one of them is for those present.
fn key_of(text: &str) -> Option<Vec<(char, Meaning)>> {
    let key: Vec<(char, Meaning)> = text.lines().filter_map(key_line).flatten().collect();
    let has_present = key.iter().any(|(_, m)| *m == Meaning::Present);
    (key.len() >= 2 && has_present).then_some(key)
}

/// The block holding the key, its key lines made a block of their own
/// (`Visitors: None` under the key is no part of it).
fn find_key(document: &mut Document) -> Option<(usize, Vec<(char, Meaning)>)> {
    let (at, key) =
        (0..document.blocks.len()).find_map(|at| match &document.blocks.get(at)?.kind {
            Kind::Paragraph { text } => key_of(text).map(|key| (at, key)),
            _ => None,
        })?;
    let block = document.blocks.get(at)?;
    let Kind::Paragraph { text } = &block.kind else {
        return None;
    };
    let line = block.line;
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| key_line(l).is_some())?;
    let end = first
        + lines
            .iter()
            .skip(first)
            .take_while(|l| key_line(l).is_some())
            .count();
    let part = |from: usize, to: usize| -> Option<(usize, Kind)> {
        let text = lines.get(from..to)?.join("\n");
        (!text.trim().is_empty()).then_some((line + from, Kind::Paragraph { text }))
    };
    let parts: Vec<(usize, Kind)> = [part(0, first), part(first, end), part(end, lines.len())]
        .into_iter()
        .flatten()
        .collect();
    let key_at = at + usize::from(first > 0);
    let blocks: Vec<super::document::Block> = parts
        .into_iter()
        .map(|(line, kind)| super::document::Block { kind, line })
        .collect();
    document.blocks.splice(at..=at, blocks);
    Some((key_at, key))
}

fn text_of(document: &Document, at: usize) -> Option<&str> {
    match &document.blocks.get(at)?.kind {
        Kind::Paragraph { text } | Kind::Heading { text, .. } | Kind::ListItem { text, .. } => {
            Some(text)
        }
        _ => None,
    }
}

/// A line that holds dates and nothing else: the heads of the register's
/// columns.
fn dates_only(line: &str) -> bool {
    let cells = cells(line);
    !cells.is_empty()
        && cells
            .iter()
            .all(|(_, cell)| dates_in(cell).len() == 1 && cell.len() <= 12)
}

/// A block above the grid that heads its columns: lines of dates only, and
/// short lines of column words (`Type   End of   Date`).
fn heads_columns(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.iter().any(|line| dates_only(line))
        && lines.iter().all(|line| {
            dates_only(line) || {
                let cells = cells(line);
                cells.len() <= 4 && cells.iter().all(|(_, c)| c.split_whitespace().count() <= 2)
            }
        })
}

/// Finds a register in `document` and reads this meeting's column, the
/// column headed by the date `date_of` tells (the date given, or the one
/// the title reads), asked only when there is a register's key.
pub fn recognise(
    document: &mut Document,
    date_of: impl FnOnce(&Document) -> Option<NaiveDate>,
) -> Option<Register> {
    let (legend, key) = find_key(document)?;
    let document = &*document;
    let date = date_of(document);
    let rows_in = |at: usize| -> usize {
        text_of(document, at).map_or(0, |text| {
            text.lines().filter(|l| row(l, &key).is_some()).count()
        })
    };
    // The grid is beside its key: the blocks of rows before it (or after
    // it, where the key heads the grid), across a page's break and footer.
    let mut blocks: BTreeSet<usize> = BTreeSet::from([legend]);
    for direction in [-1isize, 1] {
        let mut at = legend;
        let mut skipped = 0;
        while let Some(next) = at.checked_add_signed(direction) {
            if next >= document.blocks.len() {
                break;
            }
            let is_break = matches!(
                document.blocks.get(next).map(|b| &b.kind),
                Some(Kind::PageBreak)
            );
            if rows_in(next) > 0 {
                blocks.insert(next);
                skipped = 0;
            } else if !is_break && skipped >= 1 {
                break;
            } else if !is_break {
                skipped += 1;
            }
            at = next;
        }
    }
    let first_grid = *blocks.iter().find(|at| rows_in(**at) > 0)?;
    // The heads of the columns: dates in the grid's own lines above its
    // first row, and in the blocks of dates just above it.
    let mut heads: Vec<(usize, NaiveDate)> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for at in &blocks {
        for line in text_of(document, *at).unwrap_or("").lines() {
            match row(line, &key) {
                Some(found) => rows.push(found),
                None if rows.is_empty() => heads.extend(dated_cells(line)),
                None => {}
            }
        }
    }
    let mut above = first_grid;
    while let Some(at) = above.checked_sub(1) {
        match text_of(document, at) {
            Some(text) if heads_columns(text) => {
                for line in text.lines() {
                    heads.extend(dated_cells(line));
                }
                blocks.insert(at);
            }
            _ if matches!(
                document.blocks.get(at).map(|b| &b.kind),
                Some(Kind::PageBreak)
            ) => {}
            _ => break,
        }
        above = at;
    }
    let mut register = Register {
        blocks,
        ..Register::default()
    };
    let Some(column) = this_meeting(&heads, &rows, date) else {
        register.check = Some(format!(
            "an attendance register of {} members was not read: which of its columns is this meeting's could not be told ({}); give the meeting's date with --date",
            rows.len(),
            match date {
                Some(date) => format!("no column is headed {date}"),
                None => "no meeting date was found".to_string(),
            }
        ));
        return Some(register);
    };
    register.date = date;
    for found in &rows {
        let Some((_, mark)) = found.marks.iter().find(|(c, _)| c.abs_diff(column) <= 2) else {
            continue;
        };
        let Some(meaning) = key.iter().find(|(m, _)| m == mark).map(|(_, m)| *m) else {
            continue;
        };
        let Some(person) = parse_person(&found.name, 0) else {
            continue;
        };
        match meaning {
            Meaning::Present => register.present.push(person),
            Meaning::Apologies => register.apologies.push(person),
            Meaning::Absent => register.absent.push(person),
        }
    }
    Some(register)
}

/// The dates of a line with the columns they start at.
fn dated_cells(line: &str) -> Vec<(usize, NaiveDate)> {
    cells(line)
        .into_iter()
        .filter_map(|(column, cell)| {
            let dates = dates_in(&cell);
            match dates.as_slice() {
                [date] if cell.len() <= 12 => Some((column, *date)),
                _ => None,
            }
        })
        .collect()
}

/// The column of this meeting's marks: the column of marks nearest the
/// head that bears `date`, when no other head is nearer to it.
fn this_meeting(
    heads: &[(usize, NaiveDate)],
    rows: &[Row],
    date: Option<NaiveDate>,
) -> Option<usize> {
    let date = date?;
    let mut columns: Vec<usize> = rows
        .iter()
        .flat_map(|r| r.marks.iter().map(|(c, _)| *c))
        .collect();
    columns.sort_unstable();
    columns.dedup();
    heads
        .iter()
        .filter(|(_, head)| *head == date)
        .find_map(|(at, _)| {
            let column = columns.iter().min_by_key(|c| c.abs_diff(*at)).copied()?;
            let distance = column.abs_diff(*at);
            let nearest_head = heads
                .iter()
                .filter(|(_, other)| *other != date)
                .all(|(other, _)| other.abs_diff(column) > distance);
            (distance <= 4 && nearest_head).then_some(column)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::readers::{Format, read_text};

    const REGISTER: &str = "\
NORTHFIELD ACADEMY GOVERNING BOARD

COMMITTEE      Resources Committee        DATE     14/10/2026

GOVERNOR ATTENDANCE

                              16/09/2026
                                          14/10/2026
                                                      18/11/2026
 AMELIA STONE      Parent     P           P
 Rohan Pike        Co-opted   P           S
 Tess Marlow       Staff      A           A
 Idris Vaughan     Co-opted               L
 Nell Gatward      Parent     P

P – Present          S – Sanctioned
A – Absent           L – Late arrival
Visitors:     None

1. Welcome
";

    fn read(date: &str) -> Register {
        let mut document = read_text(REGISTER, Format::Text);
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        recognise(&mut document, |_| date).unwrap_or_default()
    }

    fn names(people: &[Person]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn the_column_of_this_meeting_is_read() {
        let register = read("2026-10-14");
        assert_eq!(names(&register.present), ["Amelia Stone", "Idris Vaughan"]);
        assert_eq!(names(&register.apologies), ["Rohan Pike"]);
        assert_eq!(names(&register.absent), ["Tess Marlow"]);
        assert!(register.check.is_none());
    }

    #[test]
    fn another_date_reads_its_own_column() {
        let register = read("2026-09-16");
        assert_eq!(
            names(&register.present),
            ["Amelia Stone", "Rohan Pike", "Nell Gatward"]
        );
        assert_eq!(names(&register.absent), ["Tess Marlow"]);
    }

    #[test]
    fn no_column_for_the_date_reads_nobody_and_says_why() {
        let register = read("2026-11-18");
        assert!(register.present.is_empty() && register.apologies.is_empty());
        let check = register.check.unwrap_or_default();
        assert!(check.contains("5 members"), "{check}");
        assert!(check.contains("--date"), "{check}");
    }

    #[test]
    fn the_register_blocks_are_taken_and_the_title_is_not() {
        let mut document = read_text(REGISTER, Format::Text);
        let date = NaiveDate::from_ymd_opt(2026, 10, 14);
        let register = recognise(&mut document, |_| date).unwrap_or_default();
        let taken: Vec<String> = register
            .blocks
            .iter()
            .filter_map(|at| text_of(&document, *at))
            .map(str::to_string)
            .collect();
        assert!(taken.iter().any(|t| t.contains("AMELIA STONE")));
        assert!(taken.iter().any(|t| t.contains("Late arrival")));
        assert!(taken.iter().any(|t| t.contains("18/11/2026")));
        assert!(!taken.iter().any(|t| t.contains("Resources Committee")));
        assert!(!taken.iter().any(|t| t.contains("Welcome")));
        assert!(!taken.iter().any(|t| t.contains("Visitors")));
    }

    #[test]
    fn a_key_is_only_a_key() {
        assert!(key_of("P – Present     S – Sanctioned").is_some());
        assert!(key_of("Key: P = present, A = apologies, X = absent").is_some());
        assert!(key_of("Plan A - Absent from the report, P - present later on").is_none());
        assert!(key_of("A – Absent").is_none());
    }

    #[test]
    fn no_key_no_register() {
        let mut document = read_text("Present: Ann Lee\n\n Ann Lee   P   P\n", Format::Text);
        assert!(recognise(&mut document, |_| None).is_none());
    }
}
