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
    /// Any of several (`--status open --status done`).
    AnyOf(StatusSet),
    All,
}

impl StatusFilter {
    pub fn admits(self, status: Status) -> bool {
        match self {
            StatusFilter::Live => matches!(status, Status::Open | Status::InProgress),
            StatusFilter::Only(only) => status == only,
            StatusFilter::AnyOf(set) => set.contains(status),
            StatusFilter::All => true,
        }
    }
}

/// A set of statuses, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusSet(u8);

impl StatusSet {
    fn bit(status: Status) -> u8 {
        match status {
            Status::Open => 1,
            Status::InProgress => 2,
            Status::Done => 4,
            Status::Dropped => 8,
        }
    }

    pub fn with(self, status: Status) -> StatusSet {
        StatusSet(self.0 | StatusSet::bit(status))
    }

    pub fn contains(self, status: Status) -> bool {
        self.0 & StatusSet::bit(status) != 0
    }
}

/// The order `--sort` puts the rows in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Soonest due first; no due date last.
    Due,
    /// By the first owner's name.
    Owner,
    /// By the date of the meeting that raised it (the default order).
    Date,
    Id,
}

/// The rows in `sort`'s order (ties keep the default order), those whose
/// text matches `grep`, and at most `limit` of them.
pub fn arrange(
    rows: &mut Vec<ActionRow<'_>>,
    sort: Option<SortKey>,
    grep: Option<&regex::Regex>,
    limit: Option<usize>,
) {
    if let Some(grep) = grep {
        rows.retain(|row| grep.is_match(&row.action.text));
    }
    match sort {
        None | Some(SortKey::Date) => {}
        Some(SortKey::Due) => rows.sort_by_key(|row| (row.state.due.is_none(), row.state.due)),
        Some(SortKey::Owner) => rows.sort_by(|a, b| {
            let key = |row: &ActionRow| row.owner_names.first().map(|n| crate::names::name_key(n));
            key(a).cmp(&key(b))
        }),
        Some(SortKey::Id) => rows.sort_by(|a, b| a.action.id.cmp(&b.action.id)),
    }
    if let Some(limit) = limit {
        rows.truncate(limit);
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
