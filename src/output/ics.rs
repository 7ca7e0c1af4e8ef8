//! iCalendar files (RFC 5545). `actions --format ics`: an all-day VEVENT on
//! each due date (the calendars people look at show events; Google Calendar
//! and iOS ignore to-dos), a VTODO for each action, or both. `meetings
//! --format ics`: each meeting as a VEVENT, and a series' next meeting, not
//! yet minuted, as a tentative one. UIDs are stable, so that a subscribed
//! or re-imported calendar updates in place. The icalendar crate does the
//! folding (75 octets), escaping and CRLF line ends.

use std::io::{self, Write};

use chrono::{Days, NaiveDate, NaiveTime};
use icalendar::{
    Calendar, Component, Event, EventLike, EventStatus, Parameter, Property, Todo, TodoStatus,
};

use crate::model::{Meeting, Status};
use crate::query::actions::ActionRow;
use crate::text::{same_series, slug};

/// Which components `actions --format ics` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalendarKind {
    /// An all-day event on each due date
    Events,
    /// A to-do for each action
    Todos,
    /// Both
    Both,
}

/// A calendar of our own: `PRODID` says who made it, the name is shown by
/// the clients that read `X-WR-CALNAME`.
fn calendar(name: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            format!("-//minutes//minutes {}//EN", env!("CARGO_PKG_VERSION")),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", name));
    calendar
}

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

/// `DTSTART;VALUE=DATE` and the exclusive `DTEND` of the next day: one whole
/// day, as RFC 5545 writes an all-day event.
fn whole_day(event: &mut Event, date: NaiveDate) {
    let day = |name: &str, date: NaiveDate| {
        Property::new(name, date.format("%Y%m%d").to_string())
            .append_parameter(Parameter::new("VALUE", "DATE"))
            .done()
    };
    event.append_property(day("DTSTART", date));
    event.append_property(day(
        "DTEND",
        date.checked_add_days(Days::new(1)).unwrap_or(date),
    ));
}

/// Writes the actions' calendar; returns how many actions had no due date
/// and are therefore in it only as to-dos, or not at all.
pub fn write(
    rows: &[ActionRow],
    today: NaiveDate,
    kind: CalendarKind,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut calendar = calendar("minutes: actions");
    // DTSTAMP is when the file was made; `--today` keeps it reproducible.
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut undated = 0;
    for row in rows {
        let Some(due) = row.state.due else {
            undated += 1;
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
        if matches!(kind, CalendarKind::Todos | CalendarKind::Both) {
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
        if matches!(kind, CalendarKind::Events | CalendarKind::Both) {
            let mut event = Event::new();
            event
                .uid(&format!("due.{}", uid(row)))
                .summary(&one_line(&format!("Due: {summary}")))
                .description(&line_breaks(&description))
                .timestamp(stamp)
                .status(match row.state.status {
                    Status::Dropped => EventStatus::Cancelled,
                    _ => EventStatus::Confirmed,
                })
                // A reminder of a date, not time taken.
                .append_property(Property::new("TRANSP", "TRANSPARENT"));
            whole_day(&mut event, due);
            calendar.push(event.done());
        }
    }
    write!(out, "{calendar}")?;
    Ok(undated)
}

/// A meeting's UID: its date and its series, so that the tentative event
/// of a next meeting is the same event as that meeting's note, once
/// written.
fn meeting_uid(series: &str, date: NaiveDate) -> String {
    format!("{date}@{}.meetings.minutes", slug(series))
}

/// `14:00`, `9.30`, `2pm`: the start of a meeting, when `time` says one.
fn start_time(time: &str) -> Option<NaiveTime> {
    let time = time.trim().to_ascii_lowercase();
    let first = time.split(['-', '–', ' ']).next().unwrap_or_default();
    for format in ["%H:%M", "%H.%M", "%I:%M%P", "%I.%M%P"] {
        if let Ok(parsed) = NaiveTime::parse_from_str(first, format) {
            return Some(parsed);
        }
    }
    let (hour, afternoon) = match (first.strip_suffix("pm"), first.strip_suffix("am")) {
        (Some(hour), _) => (hour, true),
        (None, Some(hour)) => (hour, false),
        (None, None) => return None,
    };
    let hour: u32 = hour.parse().ok()?;
    let hour = match (hour, afternoon) {
        (12, false) => 0,
        (12, true) => 12,
        (hour, true) => hour + 12,
        (hour, false) => hour,
    };
    NaiveTime::from_hms_opt(hour, 0, 0)
}

/// Each meeting as an event (at its `time` when one reads as a time, else
/// all day), and each series' next meeting that has no note yet as a
/// tentative all-day event.
pub fn write_meetings(
    meetings: &[&Meeting],
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut calendar = calendar("minutes: meetings");
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    for meeting in meetings {
        let mut event = Event::new();
        event
            .uid(&meeting_uid(&meeting.meeting, meeting.date))
            .summary(&one_line(&meeting.meeting))
            .description(&line_breaks(&format!(
                "Minutes: {}",
                meeting.path.to_string_lossy()
            )))
            .timestamp(stamp)
            .status(EventStatus::Confirmed);
        if let Some(location) = &meeting.location {
            event.location(&one_line(location));
        }
        match meeting.time.as_deref().and_then(start_time) {
            // Floating local time: the meeting is at 14:00 wherever it is.
            Some(time) => {
                event.starts(meeting.date.and_time(time));
            }
            None => whole_day(&mut event, meeting.date),
        }
        calendar.push(event.done());
    }
    let mut announced: Vec<(String, NaiveDate)> = Vec::new();
    for meeting in meetings {
        let Some(next) = meeting.next_meeting else {
            continue;
        };
        let minuted = meetings
            .iter()
            .any(|m| m.date == next && same_series(&m.meeting, &meeting.meeting));
        let key = (crate::text::series_key(&meeting.meeting), next);
        if minuted || announced.contains(&key) {
            continue;
        }
        announced.push(key);
        let mut event = Event::new();
        event
            .uid(&meeting_uid(&meeting.meeting, next))
            .summary(&one_line(&format!("{} (next meeting)", meeting.meeting)))
            .description(&format!("Set at the meeting of {}", meeting.date))
            .timestamp(stamp)
            .status(EventStatus::Tentative);
        whole_day(&mut event, next);
        calendar.push(event.done());
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

    #[test]
    fn meeting_times_as_written() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(start_time("14:00"), at(14, 0));
        assert_eq!(start_time("9.30"), at(9, 30));
        assert_eq!(start_time("2pm"), at(14, 0));
        assert_eq!(start_time("10:00 - 12:00"), at(10, 0));
        assert_eq!(start_time("after the AGM"), None);
    }
}
