//! `minutes meetings`: a row per note.

use crate::folder::Folder;
use crate::model::Meeting;

#[derive(Debug, Clone, Copy)]
pub struct MeetingRow<'a> {
    pub meeting: &'a Meeting,
    pub items: usize,
    pub decisions: usize,
    /// Open or in progress, as written in this note.
    pub live_actions: usize,
    pub actions: usize,
}

pub fn meetings(folder: &Folder) -> Vec<MeetingRow<'_>> {
    folder
        .meetings
        .iter()
        .map(|meeting| MeetingRow {
            meeting,
            items: meeting.items.iter().filter(|i| i.number != "0").count(),
            decisions: meeting.decisions().count(),
            live_actions: meeting.actions().filter(|a| a.is_live()).count(),
            actions: meeting.actions().count(),
        })
        .collect()
}
