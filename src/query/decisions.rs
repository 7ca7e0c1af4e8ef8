//! `minutes decisions`: the decision log.

use regex::Regex;

use super::MeetingFilter;
use crate::model::{Decision, Item, Meeting, Outcome};

#[derive(Debug, Clone, Default)]
pub struct DecisionFilter {
    pub meetings: MeetingFilter,
    /// Matched against the decision's text and its item's title.
    pub grep: Option<Regex>,
    pub outcome: Option<Outcome>,
    pub exempt: ExemptFilter,
}

/// Which decisions of exempt items to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExemptFilter {
    /// Every decision, those of exempt items marked.
    #[default]
    Shown,
    /// Only decisions of exempt items.
    Only,
    /// None of them: the public list.
    Left,
}

impl ExemptFilter {
    pub fn admits(self, item: &Item) -> bool {
        match self {
            ExemptFilter::Shown => true,
            ExemptFilter::Only => item.exempt.is_some(),
            ExemptFilter::Left => item.exempt.is_none(),
        }
    }
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
        for item in meeting
            .items
            .iter()
            .filter(|item| filter.exempt.admits(item))
        {
            for (at, decision) in item.decisions.iter().enumerate() {
                let matches = filter
                    .grep
                    .as_ref()
                    .is_none_or(|re| re.is_match(&decision.text) || re.is_match(&item.title))
                    && filter.outcome.is_none_or(|o| o == decision.outcome);
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
