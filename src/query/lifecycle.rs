//! Actions over a series' life: carry-forward lists and histories.

use chrono::NaiveDate;

use crate::folder::same_series;
use crate::ledger::{Entry, Ledger, State};
use crate::model::{Meeting, Person};
use crate::parse::people::parse_person;
use crate::people::Directory;

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
/// the title and org they were listed with.
pub fn expected_present(
    members: &[String],
    latest: &Meeting,
    directory: &Directory,
) -> Vec<Person> {
    let listed: Vec<Person> = if members.is_empty() {
        latest.present.clone()
    } else {
        members
            .iter()
            .filter_map(|member| parse_person(member, 0))
            .collect()
    };
    let mut seen: Vec<Option<usize>> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut present = Vec::new();
    for person in listed {
        let meeting = members.is_empty().then_some(latest);
        let resolved = directory.resolve_mention(&person, meeting).person();
        let known = resolved.and_then(|at| directory.get(at));
        let duplicate = match resolved {
            Some(_) => seen.contains(&resolved),
            None => keys.contains(&person.key()),
        };
        if duplicate {
            continue;
        }
        seen.push(resolved);
        keys.push(person.key());
        // The org as listed at the latest meeting, else as the person was listed.
        let at_latest = latest.present.iter().chain(&latest.apologies).find(|p| {
            directory.resolve_mention(p, Some(latest)).person() == resolved && resolved.is_some()
        });
        let org = at_latest
            .and_then(|p| p.org.clone())
            .or(person.org.clone())
            .or_else(|| known.and_then(|k| k.orgs.first().cloned()));
        present.push(match known {
            Some(known) => Person {
                name: known.name.clone(),
                title: person.title.clone().or_else(|| known.title.clone()),
                org,
                ..person
            },
            None => Person { org, ..person },
        });
    }
    present
}
