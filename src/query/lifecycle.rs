//! Actions over a series' life: carry-forward lists and histories.

use chrono::NaiveDate;

use crate::ledger::{Entry, Ledger, State};
use crate::model::{Meeting, Person};
use crate::parse::people::parse_person;
use crate::people::{Directory, NoteIndex};
use crate::text::same_series;

/// An action to report on at the meeting of `date`.
#[derive(Debug, Clone)]
pub struct CarryRow<'a> {
    pub entry: &'a Entry<'a>,
    /// As of the meetings before `date`.
    pub state: State<'a>,
    pub overdue: bool,
}

/// Every action of `series` raised at a meeting before `date` that is open
/// or in progress as of `date`, oldest first.
pub fn carry_forward<'a>(
    ledger: &'a Ledger<'a>,
    series: &str,
    date: NaiveDate,
) -> Vec<CarryRow<'a>> {
    ledger
        .entries
        .iter()
        .filter(|e| same_series(&e.meeting.meeting, series) && e.meeting.date < date)
        .filter_map(|entry| {
            let state = entry.state_before(Some(date));
            let overdue = state.is_overdue(date);
            state.is_live().then_some(CarryRow {
                entry,
                state,
                overdue,
            })
        })
        .collect()
}

/// The meetings of `series` before `date`, oldest first.
pub fn series_before<'a>(
    meetings: &'a [Meeting],
    series: &str,
    date: NaiveDate,
) -> Vec<&'a Meeting> {
    let mut found: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| same_series(&m.meeting, series) && m.date < date)
        .collect();
    found.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    found
}

/// Who the next note of a series lists as present, for the clerk to prune:
/// the members `series:` declares, else everyone present at the latest
/// meeting (never people seen only long ago, so an unedited draft is not
/// quorate by accident). Each person once, under their canonical name, with
/// the org they were listed with at the latest meeting.
pub fn expected_present(
    members: &[String],
    latest: &Meeting,
    directory: &Directory,
) -> Vec<Person> {
    // Each person of the latest meeting, with the org written there.
    let index = directory.note_index(latest);
    let org_at_latest: Vec<(usize, &str)> = latest
        .present
        .iter()
        .chain(&latest.apologies)
        .filter_map(|p| {
            let at = directory.resolve_in(p, &index).person()?;
            Some((at, p.org.as_deref()?))
        })
        .collect();
    let (listed, in_note): (Vec<Person>, Option<&NoteIndex>) = if members.is_empty() {
        (latest.present.clone(), Some(&index))
    } else {
        let members = members.iter().filter_map(|m| parse_person(m, 0)).collect();
        (members, None)
    };
    let mut seen: Vec<usize> = Vec::new();
    let mut unresolved: Vec<String> = Vec::new();
    let mut present = Vec::new();
    for person in listed {
        let resolved = match in_note {
            Some(index) => directory.resolve_in(&person, index),
            None => directory.resolve_mention(&person, None),
        }
        .person();
        let known = resolved.and_then(|at| directory.get(at).map(|k| (at, k)));
        let Some((at, known)) = known else {
            if !unresolved.contains(&person.key()) {
                unresolved.push(person.key());
                present.push(person);
            }
            continue;
        };
        if seen.contains(&at) {
            continue;
        }
        seen.push(at);
        let org = org_at_latest
            .iter()
            .find(|(p, _)| *p == at)
            .map(|(_, org)| org.to_string())
            .or(person.org.clone())
            .or_else(|| known.orgs.first().cloned());
        present.push(Person {
            name: known.name.clone(),
            title: person.title.clone().or_else(|| known.title.clone()),
            org,
            ..person
        });
    }
    present
}
