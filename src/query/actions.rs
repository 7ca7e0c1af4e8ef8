//! `minutes actions`: who is on the hook for what.

use chrono::NaiveDate;

use crate::folder::same_series;
use crate::ledger::{Entry, Ledger, State};
use crate::model::{Action, Item, Meeting, Status, person_key};
use crate::parse::people::parse_person;

/// Which statuses to list. The default is the live ones: open and in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    Live,
    Only(Status),
    All,
}

impl StatusFilter {
    pub fn admits(self, status: Status) -> bool {
        match self {
            StatusFilter::Live => matches!(status, Status::Open | Status::InProgress),
            StatusFilter::Only(only) => status == only,
            StatusFilter::All => true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActionFilter {
    /// A person as it might be written: `Cllr Steve Jordan (NBC)` and
    /// `steve jordan` find the same actions.
    pub owner: Option<String>,
    pub status: StatusFilter,
    pub meeting: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Due strictly before this date.
    pub due_before: Option<NaiveDate>,
    pub overdue: bool,
    pub today: NaiveDate,
}

impl ActionFilter {
    pub fn new(today: NaiveDate) -> Self {
        ActionFilter {
            owner: None,
            status: StatusFilter::default(),
            meeting: None,
            since: None,
            until: None,
            due_before: None,
            overdue: false,
            today,
        }
    }
}

/// One action with the meeting and item it was raised at, and its current
/// state after every update.
#[derive(Debug, Clone)]
pub struct ActionRow<'a> {
    pub entry: &'a Entry<'a>,
    pub meeting: &'a Meeting,
    pub item: &'a Item,
    pub action: &'a Action,
    pub state: State<'a>,
    pub overdue: bool,
}

/// The actions that pass `filter`, judged on their current state (so a
/// reassigned action is found under its new owner), by meeting date, then
/// file, then line.
pub fn actions<'a>(ledger: &'a Ledger<'a>, filter: &ActionFilter) -> Vec<ActionRow<'a>> {
    let owner_key = filter.owner.as_deref().map(owner_key);
    let mut rows = Vec::new();
    for entry in ledger
        .entries
        .iter()
        .filter(|e| meeting_passes(e.meeting, filter))
    {
        let state = entry.state();
        let overdue = state.is_overdue(filter.today);
        let passes = filter.status.admits(state.status)
            && (!filter.overdue || overdue)
            && filter
                .due_before
                .is_none_or(|before| state.due.is_some_and(|due| due < before))
            && owner_key.as_deref().is_none_or(|key| state.owned_by(key));
        if passes {
            rows.push(ActionRow {
                entry,
                meeting: entry.meeting,
                item: entry.item,
                action: entry.action,
                state,
                overdue,
            });
        }
    }
    rows
}

fn meeting_passes(meeting: &Meeting, filter: &ActionFilter) -> bool {
    filter
        .meeting
        .as_deref()
        .is_none_or(|name| same_series(&meeting.meeting, name))
        && filter.since.is_none_or(|since| meeting.date >= since)
        && filter.until.is_none_or(|until| meeting.date <= until)
}

/// The identity key of a name as typed on the command line, which may carry
/// a title or an org like the notes do.
pub fn owner_key(query: &str) -> String {
    parse_person(query, 0).map_or_else(|| person_key(query), |p| p.key())
}
