//! Actions over a series' life: carry-forward lists and histories.

use chrono::NaiveDate;

use crate::folder::same_series;
use crate::ledger::{Entry, Ledger, State};
use crate::model::Meeting;

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
