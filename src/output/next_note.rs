//! `minutes new`: the next note of a series, from its latest meeting.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::lifecycle::carry_line;
use super::note::front_matter_yaml;
use crate::model::{Meeting, Person};
use crate::query::lifecycle::CarryRow;
use crate::text::slug;

/// The text of the note for the meeting of `date`, from the series'
/// meetings before it (oldest first, at least one), who is expected to be
/// present (`query::lifecycle::expected_present`) and the carry-forward list.
pub fn next_note(
    earlier: &[&Meeting],
    present: &[Person],
    carried: &[CarryRow],
    date: NaiveDate,
) -> Option<String> {
    let latest = earlier.last()?;
    let mut front = Mapping::new();
    let mut put = |key: &str, value: Value| {
        front.insert(Value::from(key), value);
    };
    put("meeting", Value::from(latest.meeting.as_str()));
    put("date", Value::from(date.to_string()));
    if let Some(time) = &latest.time {
        put("time", Value::from(time.as_str()));
    }
    if let Some(location) = &latest.location {
        put("location", Value::from(location.as_str()));
    }
    if let Some(chair) = &latest.chair {
        put("chair", Value::from(chair.as_written()));
    }
    if let Some(minutes_by) = &latest.minutes_by {
        put("minutes_by", Value::from(minutes_by.as_written()));
    }
    put(
        "present",
        Value::Sequence(
            present
                .iter()
                .map(|p| Value::from(p.as_written()))
                .collect(),
        ),
    );
    put("apologies", Value::Sequence(Vec::new()));
    put("status", Value::from("draft"));
    let yaml = front_matter_yaml(&front).ok()?;

    let long = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    let mut text = format!(
        "---\n{yaml}---\n\n# {} – {}\n\n",
        latest.meeting,
        long(date)
    );
    text.push_str("## 1. Welcome and apologies\n\n");
    text.push_str("## 2. Notes of the last meeting\n\n");
    text.push_str(&format!(
        "Agreed: the notes of the meeting held on {} as a correct record.\n\n",
        long(latest.date)
    ));
    text.push_str("## 3. Actions from previous meetings\n\n");
    if carried.is_empty() {
        text.push_str("No actions were open.\n\n");
    } else {
        for row in carried {
            text.push_str(&carry_line(row));
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str("## 4. Any other business\n\n");
    text.push_str("## 5. Date of next meeting\n");
    Some(text)
}

/// Where the new note goes: beside the latest note, named after its
/// pattern (its date replaced by the new one), else `DATE-series-slug.md`.
pub fn default_path(latest: &Meeting, date: NaiveDate) -> PathBuf {
    let folder = latest.path.parent().unwrap_or(Path::new("")).to_path_buf();
    let old_date = latest.date.to_string();
    let name = latest
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| n.contains(&old_date))
        .map(|n| n.replacen(&old_date, &date.to_string(), 1))
        .unwrap_or_else(|| format!("{date}-{}.md", slug(&latest.meeting)));
    folder.join(name)
}
