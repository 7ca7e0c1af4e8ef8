//! `minutes decisions`: the decision log.

use regex::Regex;

use super::MeetingFilter;
use crate::model::{Decision, Item, Meeting};

#[derive(Debug, Clone, Default)]
pub struct DecisionFilter {
    pub meetings: MeetingFilter,
    /// Matched against the decision's text and its item's title.
    pub grep: Option<Regex>,
}

#[derive(Debug, Clone)]
pub struct DecisionRow<'a> {
    /// `DATE/ITEM.dN`: the N-th decision of the item.
    pub id: String,
    pub meeting: &'a Meeting,
    pub item: &'a Item,
    pub decision: &'a Decision,
}

/// `DATE/ITEM.dN`: the `ordinal`-th decision (from 1) of the item `item`.
pub fn decision_id(meeting: &Meeting, item: &Item, ordinal: usize) -> String {
    format!("{}/{}.d{ordinal}", meeting.date, item.number)
}

pub fn decisions<'a>(meetings: &'a [Meeting], filter: &DecisionFilter) -> Vec<DecisionRow<'a>> {
    let mut rows = Vec::new();
    for meeting in meetings {
        if !filter.meetings.admits(meeting) {
            continue;
        }
        for item in &meeting.items {
            for (at, decision) in item.decisions.iter().enumerate() {
                let matches = filter
                    .grep
                    .as_ref()
                    .is_none_or(|re| re.is_match(&decision.text) || re.is_match(&item.title));
                if matches {
                    rows.push(DecisionRow {
                        id: decision_id(meeting, item, at + 1),
                        meeting,
                        item,
                        decision,
                    });
                }
            }
        }
    }
    rows
}
