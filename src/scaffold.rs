//! `minutes new`: the next note of a series, from its latest meeting.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use crate::model::{Meeting, Person};
use crate::output::lifecycle::carry_line;
use crate::output::note::{front_matter_yaml, person_text};
use crate::query::lifecycle::CarryRow;

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
        put("chair", Value::from(person_text(chair)));
    }
    if let Some(minutes_by) = &latest.minutes_by {
        put("minutes_by", Value::from(person_text(minutes_by)));
    }
    put(
        "present",
        Value::Sequence(
            present
                .iter()
                .map(|p| Value::from(person_text(p)))
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

/// `Harbourside Partnership Board` → `harbourside-partnership-board`; a
/// name with no letter or digit (`...`) → `meeting`, never an empty slug.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "meeting".to_string()
    } else {
        slug.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_file_names() {
        assert_eq!(
            slug("Harbourside Partnership Board"),
            "harbourside-partnership-board"
        );
        assert_eq!(slug("  IEWM – Board (2010) "), "iewm-board-2010");
        assert_eq!(slug("..."), "meeting");
    }
}
