//! Questions asked of a parsed folder: pure functions from the folder to rows.

pub mod actions;
pub mod attendance;
pub mod decisions;
pub mod declarations;
pub mod export;
pub mod index;
pub mod lifecycle;
pub mod meetings;
pub mod people;
pub mod remind;
pub mod report;

use chrono::NaiveDate;

use crate::model::Meeting;
use crate::text::same_series;

/// Which meetings a query looks at: one series, and a date range (both ends
/// included). Shared by `actions`, `attendance` and `decisions`.
#[derive(Debug, Clone, Default)]
pub struct MeetingFilter {
    /// The series, compared ignoring case and spacing.
    pub meeting: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl MeetingFilter {
    pub fn admits(&self, meeting: &Meeting) -> bool {
        self.admits_series(&meeting.meeting) && self.admits_date(meeting.date)
    }

    /// Whether a meeting called `name` is of the series asked for.
    pub fn admits_series(&self, name: &str) -> bool {
        self.meeting
            .as_deref()
            .is_none_or(|wanted| same_series(name, wanted))
    }

    /// Whether a meeting on `date` is in the range asked for.
    pub fn admits_date(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| date >= since) && self.until.is_none_or(|until| date <= until)
    }
}
