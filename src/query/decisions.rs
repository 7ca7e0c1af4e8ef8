//! `minutes decisions`: the decision log.

use chrono::NaiveDate;
use regex::Regex;

use crate::folder::same_series;
use crate::model::{Decision, Item, Meeting};

#[derive(Debug, Clone, Default)]
pub struct DecisionFilter {
    pub meeting: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
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

pub fn decisions<'a>(meetings: &'a [Meeting], filter: &DecisionFilter) -> Vec<DecisionRow<'a>> {
    let mut rows = Vec::new();
    for meeting in meetings {
        let in_range = filter
            .meeting
            .as_deref()
            .is_none_or(|name| same_series(&meeting.meeting, name))
            && filter.since.is_none_or(|since| meeting.date >= since)
            && filter.until.is_none_or(|until| meeting.date <= until);
        if !in_range {
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
                        id: format!("{}/{}.d{}", meeting.date, item.number, at + 1),
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
