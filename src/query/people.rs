//! `minutes people`: everyone seen, under one name each, with what they did.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::ledger::Ledger;
use crate::model::{Meeting, Person};
use crate::people::{Directory, Resolution, Resolver, Step};

#[derive(Debug, Clone, Default)]
pub struct PersonRow {
    pub person: usize,
    /// Every way the notes wrote this person, as written.
    pub spellings: BTreeSet<String>,
    pub present: usize,
    pub apologies: usize,
    pub absent: usize,
    pub in_attendance: usize,
    /// Open or in-progress actions the person owns now.
    pub open_actions: usize,
}

/// A mention that resolves to nobody, or to several people.
#[derive(Debug, Clone)]
pub struct Unresolved<'a> {
    pub spelling: String,
    pub path: &'a Path,
    pub line: usize,
    /// Empty when nobody fits.
    pub candidates: Vec<usize>,
}

pub struct People<'a> {
    /// In order of canonical name.
    pub rows: Vec<PersonRow>,
    pub unresolved: Vec<Unresolved<'a>>,
}

/// Every mention in a note: the lists, the chair and minute-taker, and the
/// owners of actions and updates.
fn mentions(meeting: &Meeting) -> impl Iterator<Item = &Person> {
    meeting.listed().chain(
        meeting
            .actions()
            .filter(|a| !a.assigned_to_all)
            .flat_map(|a| a.owners.iter())
            .chain(
                meeting
                    .updates()
                    .filter(|u| !u.assigned_to_all)
                    .flat_map(|u| u.owners.iter()),
            ),
    )
}

/// Adds one to the count of a list.
type Counter = fn(&mut PersonRow);

pub fn people<'a>(meetings: &'a [Meeting], directory: &Directory, ledger: &Ledger) -> People<'a> {
    let mut rows: HashMap<usize, PersonRow> = HashMap::new();
    let mut unresolved = Vec::new();
    for meeting in meetings {
        let index = directory.note_index(meeting);
        for mention in mentions(meeting) {
            match directory.resolve_in(mention, &index) {
                Resolution::Found { person, .. } => {
                    let entry = rows.entry(person).or_insert_with(|| PersonRow {
                        person,
                        ..PersonRow::default()
                    });
                    entry.spellings.insert(mention.as_written());
                }
                Resolution::Ambiguous { candidates } => unresolved.push(Unresolved {
                    spelling: mention.as_written(),
                    path: &meeting.path,
                    line: mention.line,
                    candidates,
                }),
                Resolution::Unknown => unresolved.push(Unresolved {
                    spelling: mention.as_written(),
                    path: &meeting.path,
                    line: mention.line,
                    candidates: Vec::new(),
                }),
            }
        }
        let lists: [(&[Person], Counter); 4] = [
            (&meeting.present, |r| r.present += 1),
            (&meeting.apologies, |r| r.apologies += 1),
            (&meeting.absent, |r| r.absent += 1),
            (&meeting.in_attendance, |r| r.in_attendance += 1),
        ];
        for (people, count) in lists {
            let resolved: BTreeSet<usize> = people
                .iter()
                .filter_map(|p| directory.resolve_in(p, &index).person())
                .collect();
            for person in resolved {
                if let Some(entry) = rows.get_mut(&person) {
                    count(entry);
                }
            }
        }
    }
    let resolver = Resolver::new(directory);
    for entry in &ledger.entries {
        let state = entry.state();
        if !state.is_live() {
            continue;
        }
        let owners: BTreeSet<usize> = state
            .owners
            .iter()
            .filter_map(|o| resolver.person(o, state.owners_meeting))
            .collect();
        for person in owners {
            if let Some(entry) = rows.get_mut(&person) {
                entry.open_actions += 1;
            }
        }
    }
    let mut rows: Vec<PersonRow> = rows.into_values().collect();
    rows.sort_by_key(|r| directory.get(r.person).map(|k| k.name.to_lowercase()));
    People { rows, unresolved }
}

/// Where a spelling appears and how each appearance resolves in its note.
pub struct Occurrence<'a> {
    pub meeting: &'a Meeting,
    pub line: usize,
    /// As written there, with title and org.
    pub spelling: String,
    pub resolution: Resolution,
    /// Each step of the resolution and who it found.
    pub steps: Vec<Step>,
}

/// The occurrences of `spelling` (compared as names: ignoring case, title
/// and org) in every note.
pub fn occurrences<'a>(
    meetings: &'a [Meeting],
    directory: &Directory,
    spelling: &str,
) -> Vec<Occurrence<'a>> {
    let key = crate::parse::people::parse_person(spelling, 0)
        .map_or_else(|| crate::names::name_key(spelling), |p| p.key());
    let mut found = Vec::new();
    for meeting in meetings {
        let mut lines = BTreeSet::new();
        for mention in mentions(meeting).filter(|m| m.key() == key) {
            if lines.insert(mention.line) {
                let (resolution, steps) = directory.explain_mention(mention, Some(meeting));
                found.push(Occurrence {
                    meeting,
                    line: mention.line,
                    spelling: mention.as_written(),
                    resolution,
                    steps,
                });
            }
        }
    }
    found
}
