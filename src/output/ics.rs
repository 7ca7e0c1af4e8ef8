//! `minutes actions --format ics`: an iCalendar file (RFC 5545) with one
//! all-day VTODO per action that has a due date, for Outlook, Google
//! Calendar and Thunderbird. The icalendar crate does the folding (75
//! octets), escaping and CRLF line ends.

use std::io::{self, Write};

use chrono::NaiveDate;
use icalendar::{Calendar, Component, Todo, TodoStatus};

use crate::model::Status;
use crate::query::actions::ActionRow;
use crate::text::slug;

/// A UID stable across exports, so that importing again updates each to-do
/// rather than adding a copy: the action's ID and its series.
pub fn uid(row: &ActionRow) -> String {
    format!("{}@{}.minutes", row.action.id, slug(&row.meeting.meeting))
}

/// A summary on one line. The icalendar crate escapes LF as `\n` but passes
/// a lone CR through, which ends a content line early for some readers.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// A description whose line breaks are all LF (escaped as `\n` on output).
fn line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

pub fn write(rows: &[ActionRow], today: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
    let mut calendar = Calendar::new();
    calendar.name("minutes: actions");
    // DTSTAMP is when the file was made; `--today` keeps it reproducible.
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    for row in rows {
        let Some(due) = row.state.due else {
            continue;
        };
        let owners = row.owner_names.join(", ");
        let summary = if owners.is_empty() {
            row.action.text.clone()
        } else {
            format!("{owners}: {}", row.action.text)
        };
        let mut description = format!(
            "{} of {}, item {} {}\nAction {}",
            row.meeting.meeting, row.meeting.date, row.item.number, row.item.title, row.action.id
        );
        if let Some(note) = row.state.note {
            description.push_str(&format!("\nLatest: {note}"));
        }
        let mut todo = Todo::new();
        todo.uid(&uid(row))
            .summary(&one_line(&summary))
            .description(&line_breaks(&description))
            .timestamp(stamp)
            .due(due)
            .status(match row.state.status {
                Status::Open => TodoStatus::NeedsAction,
                Status::InProgress => TodoStatus::InProcess,
                Status::Done => TodoStatus::Completed,
                Status::Dropped => TodoStatus::Cancelled,
            });
        calendar.push(todo.done());
    }
    write!(out, "{calendar}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_lone_carriage_return_reaches_the_calendar() {
        assert_eq!(one_line("a\rb\nc"), "a b c");
        assert_eq!(line_breaks("a\rb\r\nc"), "a\nb\nc");
    }
}
