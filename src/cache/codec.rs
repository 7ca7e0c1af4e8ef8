//! A compact binary form of one parsed note, for the cache.
//!
//! Written by hand rather than through serde: the model's serde attributes
//! shape the JSON users read (fields skipped when empty, `numbered` and
//! `needle` left out), and a cache must keep every field. Each encoder
//! destructures its struct without `..`, so a field added to the model does
//! not compile until it is cached too. Decoding never panics: a cache that
//! is cut short or corrupt is a miss, and the note is parsed again.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::model::{
    Action, ActionId, ActionUpdate, Approves, Counts, Decision, Declaration, Exempt, InterestKind,
    Item, Meeting, MotionKind, NoteStatus, Outcome, Person, Status, Unanimity, Vote,
};
use crate::parse::Parsed;
use crate::problem::{Problem, ProblemKind, Severity};

/// The cached form could not be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt;

pub type Decoded<T> = Result<T, Corrupt>;

/// Appends `parsed` to `out`; `Err` when a part cannot be written (a
/// free-form front-matter value YAML cannot print back), and the note is
/// then not cached rather than cached without it.
pub fn encode(parsed: &Parsed, out: &mut Vec<u8>) -> Result<(), Corrupt> {
    let mut w = Writer { out, failed: false };
    match parsed {
        Parsed::NotANote => w.u8(0),
        Parsed::Note { meeting, problems } => {
            w.u8(1);
            match meeting {
                None => w.u8(0),
                Some(meeting) => {
                    w.u8(1);
                    w.meeting(meeting);
                }
            }
            w.seq(problems, Writer::problem);
        }
    }
    if w.failed { Err(Corrupt) } else { Ok(()) }
}

/// Appends `value` as LEB128: small numbers (lines, lengths) take one byte.
pub fn put_uint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Takes a LEB128 number off the front of `bytes`.
pub fn take_uint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *take(bytes, 1)?.first()?;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Takes `len` bytes off the front of `bytes`.
pub fn take<'a>(bytes: &mut &'a [u8], len: usize) -> Option<&'a [u8]> {
    if len > bytes.len() {
        return None;
    }
    let (head, tail) = bytes.split_at(len);
    *bytes = tail;
    Some(head)
}

/// The one-byte codes of the enums; decoding looks the byte up among the
/// variants through the same function, so the two sides cannot disagree
/// (a variant missing from a decoder's list only makes a cache miss).
fn interest_code(kind: InterestKind) -> u8 {
    match kind {
        InterestKind::Pecuniary => 0,
        InterestKind::NonPecuniary => 1,
        InterestKind::Other => 2,
    }
}

fn status_code(status: Status) -> u8 {
    match status {
        Status::Open => 0,
        Status::InProgress => 1,
        Status::Done => 2,
        Status::Dropped => 3,
    }
}

fn kind_code(kind: ProblemKind) -> u8 {
    match kind {
        ProblemKind::Unreadable => 0,
        ProblemKind::TooLarge => 1,
        ProblemKind::NotText => 2,
        ProblemKind::FrontMatterInvalid => 3,
        ProblemKind::RequiredField => 4,
        ProblemKind::DateInvalid => 5,
        ProblemKind::FieldType => 6,
        ProblemKind::PersonMerged => 7,
    }
}

fn severity_code(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn note_status_code(status: NoteStatus) -> u8 {
    match status {
        NoteStatus::Draft => 0,
        NoteStatus::Approved => 1,
    }
}

/// The note read as the file `path` (paths are not stored: the walk has them).
pub fn decode(bytes: &[u8], path: &Path) -> Decoded<Parsed> {
    let mut r = Reader { bytes, path };
    let parsed = match r.u8()? {
        0 => Parsed::NotANote,
        1 => {
            let meeting = match r.u8()? {
                0 => None,
                1 => Some(Box::new(r.meeting()?)),
                _ => return Err(Corrupt),
            };
            let problems = r.seq(Reader::problem)?;
            Parsed::Note { meeting, problems }
        }
        _ => return Err(Corrupt),
    };
    if r.bytes.is_empty() {
        Ok(parsed)
    } else {
        Err(Corrupt)
    }
}

/// Appends values in the cache's binary form; kinds of cache other than
/// parsed notes (lint's) write theirs with it too.
pub struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// Set when something could not be written.
    failed: bool,
}

impl<'a> Writer<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Writer { out, failed: false }
    }

    /// `Err` when a part could not be written.
    pub fn finish(self) -> Result<(), Corrupt> {
        if self.failed { Err(Corrupt) } else { Ok(()) }
    }

    pub fn u8(&mut self, value: u8) {
        self.out.push(value);
    }

    pub fn uint(&mut self, value: u64) {
        put_uint(self.out, value);
    }

    pub fn usize(&mut self, value: usize) {
        self.uint(value as u64);
    }

    pub fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    pub fn str(&mut self, value: &str) {
        self.usize(value.len());
        self.out.extend_from_slice(value.as_bytes());
    }

    /// Bytes with their length before them.
    pub fn bytes(&mut self, value: &[u8]) {
        self.usize(value.len());
        self.out.extend_from_slice(value);
    }

    /// How many bytes have been written.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub fn opt<T>(&mut self, value: &Option<T>, put: impl FnOnce(&mut Self, &T)) {
        match value {
            None => self.u8(0),
            Some(value) => {
                self.u8(1);
                put(self, value);
            }
        }
    }

    pub fn opt_str(&mut self, value: &Option<String>) {
        self.opt(value, |w, s| w.str(s));
    }

    pub fn seq<T>(&mut self, values: &[T], mut put: impl FnMut(&mut Self, &T)) {
        self.usize(values.len());
        for value in values {
            put(self, value);
        }
    }

    pub fn severity(&mut self, severity: Severity) {
        self.u8(severity_code(severity));
    }

    pub fn date(&mut self, date: &NaiveDate) {
        // Zig-zag, so that dates before the common era stay small too.
        let days = i64::from(date.num_days_from_ce());
        self.uint(((days << 1) ^ (days >> 63)) as u64);
    }

    pub fn meeting(&mut self, meeting: &Meeting) {
        let Meeting {
            path: _,
            meeting,
            date,
            time,
            location,
            chair,
            minutes_by,
            present,
            in_attendance,
            apologies,
            absent,
            next_meeting,
            status,
            status_line,
            tags,
            extra,
            items,
        } = meeting;
        self.str(meeting);
        self.date(date);
        self.opt_str(time);
        self.opt_str(location);
        self.opt(chair, Writer::person);
        self.opt(minutes_by, Writer::person);
        for list in [present, in_attendance, apologies, absent] {
            self.seq(list, Writer::person);
        }
        self.opt(next_meeting, Writer::date);
        self.opt(status, |w, status| w.u8(note_status_code(*status)));
        self.usize(*status_line);
        self.seq(tags, |w, tag| w.str(tag));
        // Rare and free-form: kept as the YAML it was.
        self.usize(extra.len());
        for (key, value) in extra {
            self.str(key);
            match serde_yaml::to_string(value) {
                Ok(yaml) => self.str(&yaml),
                Err(_) => self.failed = true,
            }
        }
        self.seq(items, Writer::item);
    }

    fn person(&mut self, person: &Person) {
        let Person {
            name,
            title,
            org,
            role,
            initials,
            line,
        } = person;
        self.str(name);
        for field in [title, org, role, initials] {
            self.opt_str(field);
        }
        self.usize(*line);
    }

    fn item(&mut self, item: &Item) {
        let Item {
            number,
            title,
            line,
            numbered,
            decisions,
            actions,
            updates,
            declarations,
            exempt,
        } = item;
        self.str(number);
        self.str(title);
        self.usize(*line);
        self.bool(*numbered);
        self.seq(decisions, Writer::decision);
        self.seq(actions, Writer::action);
        self.seq(updates, Writer::update);
        self.seq(declarations, Writer::declaration);
        self.opt(exempt, |w, exempt| {
            let Exempt { reason } = exempt;
            w.opt_str(reason);
        });
    }

    fn decision(&mut self, decision: &Decision) {
        let Decision {
            text,
            line,
            outcome,
            motion,
            vote,
            approves,
        } = decision;
        self.str(text);
        self.usize(*line);
        self.bool(*outcome == Outcome::Lost);
        self.bool(*motion == MotionKind::Amendment);
        self.opt(vote, |w, vote| w.vote(vote));
        self.opt(approves, |w, approves| match approves {
            Approves::Previous => w.u8(0),
            Approves::Held(date) => {
                w.u8(1);
                w.date(date);
            }
        });
    }

    fn vote(&mut self, vote: &Vote) {
        let Vote {
            proposer,
            seconder,
            counts,
            unanimity,
            voted_for,
            voted_against,
            abstained,
        } = vote;
        self.opt(proposer, Writer::person);
        self.opt(seconder, Writer::person);
        let Counts { yes, no, abstain } = counts;
        for count in [yes, no, abstain] {
            self.opt(count, |w, n| w.uint(u64::from(*n)));
        }
        self.opt(unanimity, |w, u| w.bool(*u == Unanimity::NemCon));
        for side in [voted_for, voted_against, abstained] {
            self.seq(side, Writer::person);
        }
    }

    fn declaration(&mut self, declaration: &Declaration) {
        let Declaration {
            person,
            kind,
            detail,
            item,
            left_room,
            line,
        } = declaration;
        self.person(person);
        self.opt(kind, |w, kind| w.u8(interest_code(*kind)));
        self.str(detail);
        self.str(item);
        self.bool(*left_room);
        self.usize(*line);
    }

    fn action(&mut self, action: &Action) {
        let Action {
            id,
            pinned,
            owners,
            assigned_to_all,
            text,
            due,
            due_written,
            status,
            item,
            line,
        } = action;
        self.str(&id.0);
        self.bool(*pinned);
        self.seq(owners, Writer::person);
        self.bool(*assigned_to_all);
        self.str(text);
        self.opt(due, Writer::date);
        self.opt_str(due_written);
        self.status(*status);
        self.str(item);
        self.usize(*line);
    }

    fn update(&mut self, update: &ActionUpdate) {
        let ActionUpdate {
            action,
            status,
            owners,
            assigned_to_all,
            text,
            due,
            due_written,
            note,
            line,
        } = update;
        self.str(&action.0);
        self.status(*status);
        self.seq(owners, Writer::person);
        self.bool(*assigned_to_all);
        self.str(text);
        self.opt(due, Writer::date);
        self.opt_str(due_written);
        self.opt_str(note);
        self.usize(*line);
    }

    pub fn status(&mut self, status: Status) {
        self.u8(status_code(status));
    }

    pub fn problem(&mut self, problem: &Problem) {
        let Problem {
            kind,
            severity,
            path: _,
            line,
            column,
            message,
            help,
            needle,
        } = problem;
        self.u8(kind_code(*kind));
        self.severity(*severity);
        self.usize(*line);
        self.usize(*column);
        self.str(message);
        self.opt_str(help);
        self.opt_str(needle);
    }
}

/// Reads back what a [`Writer`] wrote; every read fails rather than panics.
pub struct Reader<'a> {
    bytes: &'a [u8],
    path: &'a Path,
}

impl<'a> Reader<'a> {
    /// Reads `bytes` as a cached form of the file `path`.
    pub fn new(bytes: &'a [u8], path: &'a Path) -> Self {
        Reader { bytes, path }
    }

    /// Reads what follows as the cached form of the file `path`.
    pub fn set_path(&mut self, path: &'a Path) {
        self.path = path;
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes
    }

    /// `Err` unless everything was read.
    pub fn finish(self) -> Result<(), Corrupt> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(Corrupt)
        }
    }

    pub fn u8(&mut self) -> Decoded<u8> {
        let (first, rest) = self.bytes.split_first().ok_or(Corrupt)?;
        self.bytes = rest;
        Ok(*first)
    }

    pub fn uint(&mut self) -> Decoded<u64> {
        take_uint(&mut self.bytes).ok_or(Corrupt)
    }

    /// The variant among `variants` whose code is the next byte.
    fn variant<T: Copy>(&mut self, variants: &[T], code: fn(T) -> u8) -> Decoded<T> {
        let byte = self.u8()?;
        variants
            .iter()
            .copied()
            .find(|v| code(*v) == byte)
            .ok_or(Corrupt)
    }

    pub fn usize(&mut self) -> Decoded<usize> {
        usize::try_from(self.uint()?).map_err(|_| Corrupt)
    }

    pub fn bool(&mut self) -> Decoded<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }

    pub fn str(&mut self) -> Decoded<String> {
        let len = self.usize()?;
        let text = take(&mut self.bytes, len).ok_or(Corrupt)?;
        String::from_utf8(text.to_vec()).map_err(|_| Corrupt)
    }

    /// Bytes written with [`Writer::bytes`], as they are in the input.
    pub fn bytes(&mut self) -> Decoded<&'a [u8]> {
        let len = self.usize()?;
        take(&mut self.bytes, len).ok_or(Corrupt)
    }

    pub fn opt<T>(&mut self, get: impl FnOnce(&mut Self) -> Decoded<T>) -> Decoded<Option<T>> {
        match self.u8()? {
            0 => Ok(None),
            1 => get(self).map(Some),
            _ => Err(Corrupt),
        }
    }

    pub fn opt_str(&mut self) -> Decoded<Option<String>> {
        self.opt(Reader::str)
    }

    pub fn seq<T>(&mut self, mut get: impl FnMut(&mut Self) -> Decoded<T>) -> Decoded<Vec<T>> {
        let len = self.usize()?;
        // Every element takes at least a byte: a length past the end is corrupt,
        // and must not reserve memory for it.
        if len > self.bytes.len() {
            return Err(Corrupt);
        }
        let mut values = Vec::with_capacity(len);
        for _ in 0..len {
            values.push(get(self)?);
        }
        Ok(values)
    }

    pub fn severity(&mut self) -> Decoded<Severity> {
        let severities = [Severity::Error, Severity::Warning, Severity::Info];
        self.variant(&severities, severity_code)
    }

    pub fn date(&mut self) -> Decoded<NaiveDate> {
        let zigzag = self.uint()?;
        let days = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
        let days = i32::try_from(days).map_err(|_| Corrupt)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or(Corrupt)
    }

    pub fn meeting(&mut self) -> Decoded<Meeting> {
        let meeting = self.str()?;
        let date = self.date()?;
        let time = self.opt_str()?;
        let location = self.opt_str()?;
        let chair = self.opt(Reader::person)?;
        let minutes_by = self.opt(Reader::person)?;
        let present = self.seq(Reader::person)?;
        let in_attendance = self.seq(Reader::person)?;
        let apologies = self.seq(Reader::person)?;
        let absent = self.seq(Reader::person)?;
        let next_meeting = self.opt(Reader::date)?;
        let status =
            self.opt(|r| r.variant(&[NoteStatus::Draft, NoteStatus::Approved], note_status_code))?;
        let status_line = self.usize()?;
        let tags = self.seq(Reader::str)?;
        let mut extra = BTreeMap::new();
        for _ in 0..self.usize()? {
            let key = self.str()?;
            let value = serde_yaml::from_str(&self.str()?).map_err(|_| Corrupt)?;
            extra.insert(key, value);
        }
        let items = self.seq(Reader::item)?;
        Ok(Meeting {
            path: self.path.to_path_buf(),
            meeting,
            date,
            time,
            location,
            chair,
            minutes_by,
            present,
            in_attendance,
            apologies,
            absent,
            next_meeting,
            status,
            status_line,
            tags,
            extra,
            items,
        })
    }

    fn person(&mut self) -> Decoded<Person> {
        Ok(Person {
            name: self.str()?,
            title: self.opt_str()?,
            org: self.opt_str()?,
            role: self.opt_str()?,
            initials: self.opt_str()?,
            line: self.usize()?,
        })
    }

    fn item(&mut self) -> Decoded<Item> {
        Ok(Item {
            number: self.str()?,
            title: self.str()?,
            line: self.usize()?,
            numbered: self.bool()?,
            decisions: self.seq(Reader::decision)?,
            actions: self.seq(Reader::action)?,
            updates: self.seq(Reader::update)?,
            declarations: self.seq(Reader::declaration)?,
            exempt: self.opt(|r| {
                Ok(Exempt {
                    reason: r.opt_str()?,
                })
            })?,
        })
    }

    fn decision(&mut self) -> Decoded<Decision> {
        Ok(Decision {
            text: self.str()?,
            line: self.usize()?,
            outcome: if self.bool()? {
                Outcome::Lost
            } else {
                Outcome::Carried
            },
            motion: if self.bool()? {
                MotionKind::Amendment
            } else {
                MotionKind::Motion
            },
            vote: self.opt(|r| r.vote().map(Box::new))?,
            approves: self.opt(|r| match r.u8()? {
                0 => Ok(Approves::Previous),
                1 => Ok(Approves::Held(r.date()?)),
                _ => Err(Corrupt),
            })?,
        })
    }

    fn vote(&mut self) -> Decoded<Vote> {
        let proposer = self.opt(Reader::person)?;
        let seconder = self.opt(Reader::person)?;
        let mut count = || -> Decoded<Option<u32>> {
            self.opt(|r| u32::try_from(r.uint()?).map_err(|_| Corrupt))
        };
        let counts = Counts {
            yes: count()?,
            no: count()?,
            abstain: count()?,
        };
        let unanimity = self.opt(|r| {
            Ok(if r.bool()? {
                Unanimity::NemCon
            } else {
                Unanimity::Unanimous
            })
        })?;
        Ok(Vote {
            proposer,
            seconder,
            counts,
            unanimity,
            voted_for: self.seq(Reader::person)?,
            voted_against: self.seq(Reader::person)?,
            abstained: self.seq(Reader::person)?,
        })
    }

    fn declaration(&mut self) -> Decoded<Declaration> {
        let kinds = [
            InterestKind::Pecuniary,
            InterestKind::NonPecuniary,
            InterestKind::Other,
        ];
        Ok(Declaration {
            person: self.person()?,
            kind: self.opt(|r| r.variant(&kinds, interest_code))?,
            detail: self.str()?,
            item: self.str()?,
            left_room: self.bool()?,
            line: self.usize()?,
        })
    }

    fn action(&mut self) -> Decoded<Action> {
        Ok(Action {
            id: ActionId(self.str()?),
            pinned: self.bool()?,
            owners: self.seq(Reader::person)?,
            assigned_to_all: self.bool()?,
            text: self.str()?,
            due: self.opt(Reader::date)?,
            due_written: self.opt_str()?,
            status: self.status()?,
            item: self.str()?,
            line: self.usize()?,
        })
    }

    fn update(&mut self) -> Decoded<ActionUpdate> {
        Ok(ActionUpdate {
            action: ActionId(self.str()?),
            status: self.status()?,
            owners: self.seq(Reader::person)?,
            assigned_to_all: self.bool()?,
            text: self.str()?,
            due: self.opt(Reader::date)?,
            due_written: self.opt_str()?,
            note: self.opt_str()?,
            line: self.usize()?,
        })
    }

    pub fn status(&mut self) -> Decoded<Status> {
        use Status::*;
        self.variant(&[Open, InProgress, Done, Dropped], status_code)
    }

    pub fn problem(&mut self) -> Decoded<Problem> {
        use ProblemKind::*;
        let kinds = [
            Unreadable,
            TooLarge,
            NotText,
            FrontMatterInvalid,
            RequiredField,
            DateInvalid,
            FieldType,
            PersonMerged,
        ];
        let kind = self.variant(&kinds, kind_code)?;
        let severity = self.severity()?;
        Ok(Problem {
            kind,
            severity,
            path: self.path.to_path_buf(),
            line: self.usize()?,
            column: self.usize()?,
            message: self.str()?,
            help: self.opt_str()?,
            needle: self.opt_str()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_bytes;

    fn round_trip(path: &str, text: &str) {
        let path = Path::new(path);
        let parsed = parse_bytes(path, text.as_bytes());
        let mut bytes = Vec::new();
        encode(&parsed, &mut bytes).expect("encodes");
        let back = decode(&bytes, path).expect("decodes");
        assert_eq!(format!("{back:?}"), format!("{parsed:?}"));
        // Every strict prefix is corrupt, never a panic or a wrong note.
        for cut in 0..bytes.len() {
            assert_eq!(
                decode(&bytes[..cut], path).err(),
                Some(Corrupt),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn every_field_survives() {
        round_trip(
            "n.md",
            "---\nmeeting: Test Board\ndate: 2025-01-14\ntime: '14:00'\nlocation: Room 1\n\
             chair: Cllr Ann Bee (Chair)\nminutes_by: Cy Dee (Clerk)\npresent:\n  - Cllr Ann Bee (Chair)\n  - Ed Eff (XYZ)\n\
             in_attendance: [Gus Hay]\napologies: [Ivy Jay]\nabsent: [Kit Lee]\nnext_meeting: 2025-02-11\n\
             status: draft\ntags: [budget]\ncustom: {a: [1, 2]}\n---\n\n## 1. Apologies\n\nText.\n\n\
             ## 2. Budget\n\n**Agreed:** the budget.\n\n- [ ] Ed Eff: send it (due 2025-02-01)\n\
             - [x] All: read it (due next meeting) {#B-1}\n- [/] 2024-12-01/3.1 Gus Hay: the plan — half done\n\n\
             ## Untitled\n\n- [-] Ivy Jay, Kit Lee: drop it\n",
        );
    }

    #[test]
    fn problems_and_broken_notes_survive() {
        round_trip("a.md", "---\nmeeting: [\n---\n");
        round_trip("b.md", "---\ndate: 2025-02-30\n---\n# x\n");
        round_trip("c.md", "# Not a note\n");
        round_trip("d.md", "---\nmeeting: M\ndate: -0044-03-15\n---\n");
    }

    #[test]
    fn garbage_is_corrupt_not_a_panic() {
        let path = Path::new("x.md");
        for bytes in [
            &[7u8][..],
            &[1, 1, 0xff, 0xff, 0xff],
            &[1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f],
        ] {
            assert_eq!(decode(bytes, path).err(), Some(Corrupt));
        }
        // Trailing bytes after a whole note are corrupt too.
        assert_eq!(decode(&[0, 0], path).err(), Some(Corrupt));
    }
}
