//! `minutes actions`: who is on the hook for what.

use chrono::NaiveDate;

use super::MeetingFilter;
use crate::ledger::{Entry, Ledger, State};
use crate::model::{Action, Item, Meeting, Status};
use crate::people::{Directory, Resolver};

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
    /// Only actions one of whose current owners resolves to this person of
    /// the directory.
    pub owner: Option<usize>,
    pub status: StatusFilter,
    /// Only actions raised at these meetings.
    pub meetings: MeetingFilter,
    /// Due strictly before this date.
    pub due_before: Option<NaiveDate>,
    pub overdue: bool,
    pub today: NaiveDate,
}

impl ActionFilter {
    /// Whether an action whose current state has this status and due date
    /// passes, `owned_by` saying whether a person owns it. `actions` and the
    /// index of actions (`query::index`) both judge by this, so that an
    /// answer from the index is the answer from every note.
    pub fn admits_state(
        &self,
        status: Status,
        due: Option<NaiveDate>,
        owned_by: impl FnOnce(usize) -> bool,
    ) -> bool {
        self.status.admits(status)
            && (!self.overdue || crate::ledger::overdue(status, due, self.today))
            && self
                .due_before
                .is_none_or(|before| due.is_some_and(|due| due < before))
            && self.owner.is_none_or(owned_by)
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
    /// The owners under their canonical names (`All` for everyone present).
    pub owner_names: Vec<String>,
    pub overdue: bool,
}

/// The actions that pass `filter`, judged on their current state (so a
/// reassigned action is found under its new owner), by meeting date, then
/// file, then line.
pub fn actions<'a>(
    ledger: &'a Ledger<'a>,
    directory: &Directory,
    filter: &ActionFilter,
) -> Vec<ActionRow<'a>> {
    let resolver = Resolver::new(directory);
    let mut rows = Vec::new();
    for entry in ledger
        .entries
        .iter()
        .filter(|e| filter.meetings.admits(e.meeting))
    {
        let state = entry.state();
        let overdue = state.is_overdue(filter.today);
        if filter.admits_state(state.status, state.due, |person| {
            state.owned_by(&resolver, person)
        }) {
            let owner_names = if state.assigned_to_all {
                vec!["All".to_string()]
            } else {
                state.owner_names(&resolver)
            };
            rows.push(ActionRow {
                owner_names,
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
