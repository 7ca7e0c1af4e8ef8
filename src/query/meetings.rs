//! `minutes meetings`: a row per note.

use std::path::Path;

use chrono::NaiveDate;

use crate::approval::{Note, approvals};
use crate::folder::Folder;
use crate::model::{Approves, Meeting, NoteStatus};

#[derive(Debug, Clone, Copy)]
pub struct MeetingRow<'a> {
    pub date: NaiveDate,
    pub series: &'a str,
    pub path: &'a Path,
    pub counts: Counts,
    /// As the front matter says.
    pub status: Option<NoteStatus>,
    /// The later note that approved this one; set by `fill_approvals`.
    pub approval: Option<ApprovedBy<'a>>,
}

/// The meeting that approved a note's minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovedBy<'a> {
    pub date: NaiveDate,
    pub path: &'a Path,
}

/// Sets each row's approval from the other rows of its series, given what
/// each row's note approves.
pub fn fill_approvals<'a>(rows: &mut [MeetingRow<'a>], approves: &[Vec<Approves>]) {
    let notes: Vec<Note> = rows
        .iter()
        .zip(approves)
        .map(|(row, approves)| Note {
            series: row.series,
            date: row.date,
            path: row.path,
            approves,
        })
        .collect();
    let approved: Vec<Option<ApprovedBy<'a>>> = approvals(&notes)
        .into_iter()
        .map(|approval| {
            let approval = approval?;
            Some(ApprovedBy {
                date: approval.date,
                path: rows.get(approval.by)?.path,
            })
        })
        .collect();
    for (row, approval) in rows.iter_mut().zip(approved) {
        row.approval = approval;
    }
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
    let mut rows: Vec<MeetingRow> = folder
        .meetings
        .iter()
        .map(|meeting| MeetingRow {
            date: meeting.date,
            series: &meeting.meeting,
            path: &meeting.path,
            counts: Counts::of(meeting),
            status: meeting.status,
            approval: None,
        })
        .collect();
    let approves: Vec<Vec<Approves>> = folder.meetings.iter().map(Meeting::approves).collect();
    fill_approvals(&mut rows, &approves);
    rows
}
