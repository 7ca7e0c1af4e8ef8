//! `minutes attendance`: a register of who came to which meeting.

use std::collections::{BTreeSet, HashMap};

use crate::config::Config;
use crate::model::{Meeting, Person};
use crate::people::{Directory, NoteIndex, Resolution};
use crate::text::series_key;

/// What the register shows for one person at one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Present,
    Apologies,
    Absent,
    /// Listed `in_attendance`: there, but not as a member.
    InAttendance,
    NotListed,
}

impl Mark {
    pub fn letter(self) -> &'static str {
        match self {
            Mark::Present => "P",
            Mark::Apologies => "A",
            Mark::Absent => "X",
            Mark::InAttendance => "I",
            Mark::NotListed => "",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Member,
    InAttendance,
}

#[derive(Debug, Clone)]
pub struct AttendanceRow {
    /// The canonical name, or the spelling when it resolves to nobody.
    pub name: String,
    pub person: Option<usize>,
    pub group: Group,
    /// One mark per meeting of the register.
    pub marks: Vec<Mark>,
    /// Whether the person was a member at each meeting.
    pub member_at: Vec<bool>,
    pub present: usize,
    pub apologies: usize,
    pub absent: usize,
    pub member_meetings: usize,
    /// Present at member meetings ÷ member meetings.
    pub rate: Option<f64>,
}

pub struct Register<'a> {
    pub meetings: Vec<&'a Meeting>,
    pub rows: Vec<AttendanceRow>,
}

/// Who someone is in the register: a person, or an unresolved spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Who {
    Person(usize),
    Spelling(String),
}

fn who(directory: &Directory, person: &Person, index: &NoteIndex) -> Who {
    match directory.resolve_in(person, index) {
        Resolution::Found { person, .. } => Who::Person(person),
        _ => Who::Spelling(person.display_name()),
    }
}

/// The register of `meetings` (already filtered), oldest first. Members of a
/// series are those `series:` in minutes.yaml declares; where it declares
/// none, a person is a member of the meetings from their first to their
/// last listing as present or apologies.
pub fn attendance<'a>(
    meetings: &[&'a Meeting],
    directory: &Directory,
    config: &Config,
) -> Register<'a> {
    let mut meetings: Vec<&Meeting> = meetings.to_vec();
    meetings.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));

    let mut marks: HashMap<Who, Vec<Mark>> = HashMap::new();
    let mut order: Vec<Who> = Vec::new();
    for (at, meeting) in meetings.iter().enumerate() {
        let index = directory.note_index(meeting);
        let lists: [(&[Person], Mark); 4] = [
            (&meeting.present, Mark::Present),
            (&meeting.apologies, Mark::Apologies),
            (&meeting.absent, Mark::Absent),
            (&meeting.in_attendance, Mark::InAttendance),
        ];
        for (people, mark) in lists {
            for person in people {
                let key = who(directory, person, &index);
                let row = marks.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    vec![Mark::NotListed; meetings.len()]
                });
                // The first list a person is in wins: present over in attendance.
                if let Some(slot) = row.get_mut(at).filter(|m| **m == Mark::NotListed) {
                    *slot = mark;
                }
            }
        }
    }
    let declared = declared_members(&meetings, directory, config);
    let mut series_ids: HashMap<String, usize> = HashMap::new();
    let series_of: Vec<usize> = meetings
        .iter()
        .map(|m| {
            let next = series_ids.len();
            *series_ids.entry(series_key(&m.meeting)).or_insert(next)
        })
        .collect();
    let mut rows: Vec<AttendanceRow> = order
        .into_iter()
        .filter_map(|key| {
            let person_marks = marks.remove(&key)?;
            let member_at = membership(&series_of, &person_marks, &key, &declared);
            Some(row(directory, key, person_marks, member_at))
        })
        .collect();
    rows.sort_by_key(|r| r.group);
    Register { meetings, rows }
}

/// For each meeting, the members its series declares (`None`: none declared).
fn declared_members(
    meetings: &[&Meeting],
    directory: &Directory,
    config: &Config,
) -> Vec<Option<BTreeSet<usize>>> {
    meetings
        .iter()
        .map(|meeting| {
            let series = config.series_config(&meeting.meeting)?;
            if series.members.is_empty() {
                return None;
            }
            Some(
                series
                    .members
                    .iter()
                    .filter_map(|m| directory.resolve(m, None).person())
                    .collect(),
            )
        })
        .collect()
}

/// Whether the person was a member at each meeting. Linear in the
/// meetings: the span of each series is found in one pass over the marks
/// (comparing every meeting with every other took minutes on 10,000 notes).
fn membership(
    series_of: &[usize],
    marks: &[Mark],
    key: &Who,
    declared: &[Option<BTreeSet<usize>>],
) -> Vec<bool> {
    // Per series, the first and last listing as present or apologies.
    let mut spans: HashMap<usize, (usize, usize)> = HashMap::new();
    for (at, mark) in marks.iter().enumerate() {
        if let (Mark::Present | Mark::Apologies, Some(series)) = (mark, series_of.get(at)) {
            spans.entry(*series).or_insert((at, at)).1 = at;
        }
    }
    series_of
        .iter()
        .enumerate()
        .map(
            |(at, series)| match declared.get(at).and_then(Option::as_ref) {
                Some(members) => matches!(key, Who::Person(p) if members.contains(p)),
                None => spans
                    .get(series)
                    .is_some_and(|(first, last)| (*first..=*last).contains(&at)),
            },
        )
        .collect()
}

fn row(directory: &Directory, key: Who, marks: Vec<Mark>, member_at: Vec<bool>) -> AttendanceRow {
    let count = |wanted: Mark| marks.iter().filter(|m| **m == wanted).count();
    let member_meetings = member_at.iter().filter(|m| **m).count();
    let present_as_member = marks
        .iter()
        .zip(&member_at)
        .filter(|(mark, member)| **member && **mark == Mark::Present)
        .count();
    let is_member = member_meetings > 0
        || marks
            .iter()
            .any(|m| matches!(m, Mark::Present | Mark::Apologies | Mark::Absent));
    let (name, person) = match &key {
        Who::Person(at) => (
            directory
                .get(*at)
                .map_or_else(String::new, |k| k.display_name()),
            Some(*at),
        ),
        Who::Spelling(spelling) => (spelling.clone(), None),
    };
    AttendanceRow {
        name,
        person,
        group: if is_member {
            Group::Member
        } else {
            Group::InAttendance
        },
        present: count(Mark::Present),
        apologies: count(Mark::Apologies),
        absent: count(Mark::Absent),
        member_meetings,
        rate: (member_meetings > 0).then(|| present_as_member as f64 / member_meetings as f64),
        marks,
        member_at,
    }
}
