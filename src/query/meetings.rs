//! `minutes meetings`: a row per note.

use std::path::Path;

use chrono::NaiveDate;

use crate::folder::Folder;
use crate::model::Meeting;

#[derive(Debug, Clone, Copy)]
pub struct MeetingRow<'a> {
    pub date: NaiveDate,
    pub series: &'a str,
    pub path: &'a Path,
    pub counts: Counts,
}

/// What a row counts in its note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Numbered items: not the `0` of text before the first heading.
    pub items: usize,
    pub decisions: usize,
    /// Open or in progress, as written in this note.
    pub live_actions: usize,
    pub actions: usize,
}

impl Counts {
    pub fn of(meeting: &Meeting) -> Counts {
        Counts {
            items: meeting.items.iter().filter(|i| i.number != "0").count(),
            decisions: meeting.decisions().count(),
            live_actions: meeting.actions().filter(|a| a.is_live()).count(),
            actions: meeting.actions().count(),
        }
    }
}

pub fn meetings(folder: &Folder) -> Vec<MeetingRow<'_>> {
    folder
        .meetings
        .iter()
        .map(|meeting| MeetingRow {
            date: meeting.date,
            series: &meeting.meeting,
            path: &meeting.path,
            counts: Counts::of(meeting),
        })
        .collect()
}
