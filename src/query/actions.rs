//! `minutes actions`: who is on the hook for what.

use chrono::NaiveDate;

use crate::folder::{Folder, same_series};
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

/// One action with the meeting and item it was raised at.
#[derive(Debug, Clone, Copy)]
pub struct ActionRow<'a> {
    pub meeting: &'a Meeting,
    pub item: &'a Item,
    pub action: &'a Action,
    pub overdue: bool,
}

/// The actions that pass `filter`, by meeting date, then file, then line.
pub fn actions<'a>(folder: &'a Folder, filter: &ActionFilter) -> Vec<ActionRow<'a>> {
    let owner_key = filter.owner.as_deref().map(owner_key);
    let mut rows = Vec::new();
    for meeting in folder.meetings.iter().filter(|m| meeting_passes(m, filter)) {
        for item in &meeting.items {
            for action in &item.actions {
                let overdue = action.is_overdue(filter.today);
                let passes = filter.status.admits(action.status)
                    && (!filter.overdue || overdue)
                    && filter
                        .due_before
                        .is_none_or(|before| action.due.is_some_and(|due| due < before))
                    && owner_key
                        .as_ref()
                        .is_none_or(|key| action.owners.iter().any(|o| &o.key() == key));
                if passes {
                    rows.push(ActionRow {
                        meeting,
                        item,
                        action,
                        overdue,
                    });
                }
            }
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
