//! Which meeting approved each note's minutes. A note is approved by a
//! later note of its series whose decision approves "the minutes of the
//! meeting held on DATE" (the note of that date) or "of the last meeting"
//! (the latest note before it). The earliest such note wins.

use std::borrow::Borrow;
use std::path::Path;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::model::{Approves, Meeting};
use crate::text::series_key;

/// What approval needs of a note.
#[derive(Debug, Clone, Copy)]
pub struct Note<'a> {
    pub series: &'a str,
    pub date: NaiveDate,
    pub path: &'a Path,
    pub approves: &'a [Approves],
}

/// The meeting that approved a note: its date, and its place among the
/// notes given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    pub date: NaiveDate,
    pub by: usize,
}

/// `approvals` of whole notes (or references to them).
pub fn of_meetings<M: Borrow<Meeting>>(meetings: &[M]) -> Vec<Option<Approval>> {
    let meetings: Vec<&Meeting> = meetings.iter().map(Borrow::borrow).collect();
    let approves: Vec<Vec<Approves>> = meetings.iter().map(|m| m.approves()).collect();
    let notes: Vec<Note> = meetings
        .iter()
        .zip(&approves)
        .map(|(meeting, approves)| Note {
            series: &meeting.meeting,
            date: meeting.date,
            path: &meeting.path,
            approves,
        })
        .collect();
    approvals(&notes)
}

/// For each of `notes` (in any order), the note that approved it, if any.
pub fn approvals(notes: &[Note]) -> Vec<Option<Approval>> {
    let mut by_series: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (at, note) in notes.iter().enumerate() {
        by_series
            .entry(series_key(note.series))
            .or_default()
            .push(at);
    }
    let mut approved: Vec<Option<Approval>> = vec![None; notes.len()];
    for series in by_series.values_mut() {
        series.sort_by_key(|at| notes.get(*at).map(|n| (n.date, n.path)));
        let in_order: Vec<&Note> = series.iter().filter_map(|at| notes.get(*at)).collect();
        for (position, (approver, by)) in in_order.iter().zip(series.iter()).enumerate() {
            for approves in approver.approves {
                let Some(target) = target(&in_order, position, *approves) else {
                    continue;
                };
                let slot = series.get(target).and_then(|at| approved.get_mut(*at));
                if let Some(slot @ None) = slot {
                    *slot = Some(Approval {
                        date: approver.date,
                        by: *by,
                    });
                }
            }
        }
    }
    approved
}

/// Each series' note dates, by series key.
pub fn dates_by_series(meetings: &[Meeting]) -> FxHashMap<String, Vec<NaiveDate>> {
    let mut dates: FxHashMap<String, Vec<NaiveDate>> = FxHashMap::default();
    for meeting in meetings {
        dates
            .entry(series_key(&meeting.meeting))
            .or_default()
            .push(meeting.date);
    }
    dates
}

/// The position in `in_order` of the note the note at `position` approves:
/// one held on the date named, or the latest before it; always earlier.
fn target(in_order: &[&Note], position: usize, approves: Approves) -> Option<usize> {
    let approver = in_order.get(position)?;
    let mut earlier = in_order
        .iter()
        .enumerate()
        .take(position)
        .filter(|(_, note)| note.date < approver.date);
    match approves {
        Approves::Previous => earlier.next_back().map(|(at, _)| at),
        Approves::Held(date) => earlier
            .filter(|(_, note)| note.date == date)
            .map(|(at, _)| at)
            .next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn note<'a>(
        series: &'a str,
        date: NaiveDate,
        path: &'a str,
        approves: &'a [Approves],
    ) -> Note<'a> {
        Note {
            series,
            date,
            path: Path::new(path),
            approves,
        }
    }

    #[test]
    fn by_date_by_the_last_meeting_and_never_across_series() {
        let held = [Approves::Held(date(1, 10))];
        let previous = [Approves::Previous];
        let notes = [
            note("Board", date(1, 10), "a", &[]),
            note("Board", date(3, 10), "b", &held),
            note("board", date(5, 10), "c", &previous),
            note("Other", date(6, 10), "d", &previous),
            note("Board", date(7, 10), "e", &[]),
        ];
        let got = approvals(&notes);
        assert_eq!(
            got[0],
            Some(Approval {
                date: date(3, 10),
                by: 1
            })
        );
        assert_eq!(
            got[1],
            Some(Approval {
                date: date(5, 10),
                by: 2
            })
        );
        assert_eq!(got[2], None);
        // `Other` has no earlier note: nothing approved, nothing guessed.
        assert_eq!(got[3], None);
        assert_eq!(got[4], None);
    }

    #[test]
    fn a_date_with_no_note_approves_nothing() {
        let held = [Approves::Held(date(2, 2))];
        let notes = [
            note("Board", date(1, 10), "a", &[]),
            note("Board", date(3, 10), "b", &held),
        ];
        assert_eq!(approvals(&notes), [None, None]);
    }
}
