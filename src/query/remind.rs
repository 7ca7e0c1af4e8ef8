//! `minutes remind`: for each person, the live actions they own that are
//! overdue, due within a window, or were raised at their series' latest
//! meeting, as of a date. Owners are people of the directory; a spelling
//! that resolves to no one (or to several) is kept aside to be said, never
//! guessed at.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::lifecycle::CarryRow;
use crate::ledger::Ledger;
use crate::model::Meeting;
use crate::people::{Directory, Resolver};
use crate::text::series_key;

/// Which actions are asked about: as of `today`, due up to `until`, and
/// only `owner`'s or `series`' when given.
#[derive(Debug, Clone)]
pub struct RemindFilter {
    pub today: NaiveDate,
    /// The last day of the window (today + N days).
    pub until: NaiveDate,
    pub owner: Option<usize>,
    pub series: Option<String>,
}

/// One person's digest. Each action is in one list: overdue before due
/// soon before newly raised.
#[derive(Debug)]
pub struct Digest<'a> {
    pub person: usize,
    pub overdue: Vec<CarryRow<'a>>,
    pub due_soon: Vec<CarryRow<'a>>,
    pub raised: Vec<CarryRow<'a>>,
}

/// An owner of a reminded action who is no one person of the directory.
#[derive(Debug)]
pub struct Unaddressed<'a> {
    pub written: String,
    pub row: CarryRow<'a>,
}

#[derive(Debug, Default)]
pub struct Reminders<'a> {
    /// In the directory's order of people (by name).
    pub digests: Vec<Digest<'a>>,
    pub unaddressed: Vec<Unaddressed<'a>>,
}

pub fn reminders<'a>(
    ledger: &'a Ledger<'a>,
    meetings: &[Meeting],
    directory: &Directory,
    filter: &RemindFilter,
) -> Reminders<'a> {
    let latest = latest_meetings(meetings, filter.today);
    let resolver = Resolver::new(directory);
    let mut by_person: FxHashMap<usize, Digest<'a>> = FxHashMap::default();
    let mut unaddressed = Vec::new();
    let tomorrow = filter.today.succ_opt().unwrap_or(filter.today);
    for entry in &ledger.entries {
        let meeting = entry.meeting;
        let series_wanted = filter
            .series
            .as_deref()
            .is_none_or(|wanted| crate::text::same_series(&meeting.meeting, wanted));
        if meeting.date > filter.today || !series_wanted {
            continue;
        }
        let state = entry.state_before(Some(tomorrow));
        if !state.is_live() {
            continue;
        }
        let overdue = state.is_overdue(filter.today);
        let due_soon = state
            .due
            .is_some_and(|due| due >= filter.today && due <= filter.until);
        let raised_last = latest.get(&series_key(&meeting.meeting)) == Some(&meeting.date);
        let list = match (overdue, due_soon, raised_last) {
            (true, _, _) => List::Overdue,
            (false, true, _) => List::DueSoon,
            (false, false, true) => List::Raised,
            _ => continue,
        };
        let mut people: Vec<usize> = Vec::new();
        for owner in state.owners {
            match resolver.person(owner, state.owners_meeting) {
                Some(person) => people.push(person),
                None if filter.owner.is_none() => unaddressed.push(Unaddressed {
                    written: owner.as_written().to_string(),
                    row: CarryRow {
                        entry,
                        state: state.clone(),
                        overdue,
                    },
                }),
                None => {}
            }
        }
        // `Dan Mercer, Daniel Mercer` is one person with one reminder.
        people.sort_unstable();
        people.dedup();
        for person in people {
            if filter.owner.is_some_and(|wanted| wanted != person) {
                continue;
            }
            let digest = by_person.entry(person).or_insert_with(|| Digest {
                person,
                overdue: Vec::new(),
                due_soon: Vec::new(),
                raised: Vec::new(),
            });
            let row = CarryRow {
                entry,
                state: state.clone(),
                overdue,
            };
            match list {
                List::Overdue => digest.overdue.push(row),
                List::DueSoon => digest.due_soon.push(row),
                List::Raised => digest.raised.push(row),
            }
        }
    }
    let mut digests: Vec<Digest> = by_person.into_values().collect();
    for digest in &mut digests {
        let by_due =
            |row: &CarryRow| (row.state.due, row.entry.meeting.date, row.entry.action.line);
        digest.overdue.sort_by_key(by_due);
        digest.due_soon.sort_by_key(by_due);
        digest.raised.sort_by_key(by_due);
    }
    digests.sort_by_key(|d| directory.get(d.person).map(|k| k.name.to_lowercase()));
    Reminders {
        digests,
        unaddressed,
    }
}

enum List {
    Overdue,
    DueSoon,
    Raised,
}

/// Each series' latest meeting on or before `today`.
fn latest_meetings(meetings: &[Meeting], today: NaiveDate) -> FxHashMap<String, NaiveDate> {
    let mut latest: FxHashMap<String, NaiveDate> = FxHashMap::default();
    for meeting in meetings.iter().filter(|m| m.date <= today) {
        let date = latest
            .entry(series_key(&meeting.meeting))
            .or_insert(meeting.date);
        *date = (*date).max(meeting.date);
    }
    latest
}
