//! `minutes report`: one series as of a date, for the board pack.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::decisions::VoteNames;
use crate::ledger::{Entry, Ledger, State};
use crate::model::{Decision, Declaration, Item, Meeting};
use crate::people::{Directory, Resolver};
use crate::text::same_series;

/// An action as it stands on the report's date.
pub struct ReportAction<'a> {
    pub entry: &'a Entry<'a>,
    pub state: State<'a>,
    pub overdue: bool,
}

pub struct OwnerActions<'a> {
    /// The canonical name, or `(no owner)`.
    pub owner: String,
    /// Overdue first, then by due date (undated last), then by ID.
    pub actions: Vec<ReportAction<'a>>,
}

impl OwnerActions<'_> {
    pub fn overdue(&self) -> usize {
        self.actions.iter().filter(|a| a.overdue).count()
    }
}

/// How many of a series' actions were raised, are done, dropped or open,
/// and how many of the open ones are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionCounts {
    pub raised: usize,
    pub done: usize,
    pub dropped: usize,
    pub open: usize,
    pub overdue: usize,
}

impl ActionCounts {
    fn count(&mut self, status: crate::model::Status, overdue: bool) {
        self.raised += 1;
        match status {
            crate::model::Status::Done => self.done += 1,
            crate::model::Status::Dropped => self.dropped += 1,
            _ => self.open += 1,
        }
        if overdue {
            self.overdue += 1;
        }
    }

    /// These counts with `part`'s taken out.
    pub fn without(self, part: ActionCounts) -> ActionCounts {
        ActionCounts {
            raised: self.raised.saturating_sub(part.raised),
            done: self.done.saturating_sub(part.done),
            dropped: self.dropped.saturating_sub(part.dropped),
            open: self.open.saturating_sub(part.open),
            overdue: self.overdue.saturating_sub(part.overdue),
        }
    }
}

pub struct Report<'a> {
    pub series: String,
    pub date: NaiveDate,
    /// The series' meetings on or before `date`, oldest first.
    pub meetings: Vec<&'a Meeting>,
    pub decisions_made: usize,
    pub actions: ActionCounts,
    /// The part of `actions` raised under exempt items, which a public
    /// report leaves out of its figures as it does of its tables.
    pub exempt_actions: ActionCounts,
    /// The open log, by owner name.
    pub by_owner: Vec<OwnerActions<'a>>,
    /// Closed at the latest meeting (live before it, closed after it).
    pub closed_since: Vec<ReportAction<'a>>,
    /// The decisions of the latest meeting, with their items.
    pub latest_decisions: Vec<(&'a Item, &'a Decision)>,
    /// For each of `latest_decisions`, the names in its vote.
    pub latest_vote_names: Vec<Option<VoteNames>>,
    /// The declarations of interest at the latest meeting.
    pub latest_declarations: Vec<&'a Declaration>,
    /// For each of `meetings`, the date of the later meeting that approved
    /// its minutes (docs/format.md §8).
    pub approved_on: Vec<Option<NaiveDate>>,
}

impl Report<'_> {
    pub fn latest(&self) -> Option<&Meeting> {
        self.meetings.last().copied()
    }
}

pub fn report<'a>(
    meetings: &'a [Meeting],
    ledger: &'a Ledger<'a>,
    directory: &Directory,
    series: &str,
    date: NaiveDate,
) -> Report<'a> {
    let mut held: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| same_series(&m.meeting, series) && m.date <= date)
        .collect();
    held.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let approved_on = crate::approval::of_meetings(&held)
        .into_iter()
        .map(|approval| approval.map(|a| a.date))
        .collect();
    // "As of" the date includes the meeting held on it.
    let as_of = date.succ_opt().unwrap_or(date);
    let latest = held.last().map(|m| m.date);
    let mut report = Report {
        series: series.to_string(),
        date,
        decisions_made: held.iter().map(|m| m.decisions().count()).sum(),
        actions: ActionCounts::default(),
        exempt_actions: ActionCounts::default(),
        by_owner: Vec::new(),
        closed_since: Vec::new(),
        latest_decisions: held
            .last()
            .map(|m| {
                m.items
                    .iter()
                    .flat_map(|item| item.decisions.iter().map(move |d| (item, d)))
                    .collect()
            })
            .unwrap_or_default(),
        latest_vote_names: Vec::new(),
        latest_declarations: held
            .last()
            .map(|m| m.declarations().collect())
            .unwrap_or_default(),
        approved_on,
        meetings: held,
    };
    if let Some(latest) = report.latest() {
        let index = directory.note_index(latest);
        report.latest_vote_names = report
            .latest_decisions
            .iter()
            .map(|(_, decision)| {
                let vote = decision.vote.as_deref()?;
                Some(VoteNames::of(vote, latest, directory, &index))
            })
            .collect();
    }
    let mut owners: BTreeMap<String, Vec<ReportAction>> = BTreeMap::new();
    let resolver = Resolver::new(directory);
    for entry in ledger
        .entries
        .iter()
        .filter(|e| same_series(&e.meeting.meeting, series) && e.meeting.date <= date)
    {
        let state = entry.state_before(Some(as_of));
        let overdue = state.is_overdue(date);
        report.actions.count(state.status, overdue);
        if entry.item.exempt.is_some() {
            report.exempt_actions.count(state.status, overdue);
        }
        if !state.is_live() {
            let was_live = latest.is_some_and(|latest| {
                entry.meeting.date < latest && entry.state_before(Some(latest)).is_live()
            });
            let closed_at_latest = latest == Some(entry.meeting.date);
            if was_live || closed_at_latest {
                report.closed_since.push(ReportAction {
                    entry,
                    state,
                    overdue,
                });
            }
            continue;
        }
        let mut names = state.owner_names(&resolver);
        names.sort();
        names.dedup();
        if names.is_empty() {
            names.push("(no owner)".to_string());
        }
        for name in names {
            owners.entry(name).or_default().push(ReportAction {
                entry,
                state: state.clone(),
                overdue,
            });
        }
    }
    report.by_owner = owners
        .into_iter()
        .map(|(owner, mut actions)| {
            actions.sort_by(|a, b| {
                (
                    !a.overdue,
                    a.state.due.is_none(),
                    a.state.due,
                    &a.entry.action.id,
                )
                    .cmp(&(
                        !b.overdue,
                        b.state.due.is_none(),
                        b.state.due,
                        &b.entry.action.id,
                    ))
            });
            OwnerActions { owner, actions }
        })
        .collect();
    // Owners with overdue actions first, then by name.
    report
        .by_owner
        .sort_by(|a, b| (b.overdue(), &a.owner).cmp(&(a.overdue(), &b.owner)));
    report
}
