//! The note `minutes import` writes from a legacy document, in the format
//! of docs/format.md, through the front-matter writer every note shares.

use serde_yaml::{Mapping, Value};

use super::note::{front_matter_yaml, person_value};
use crate::import::{Imported, reads_as_minutes_syntax};
use crate::model::Person;

/// The note, in the format of docs/format.md, with the import's points to
/// check at the top as an HTML comment (so they do not become minutes).
pub fn render(imported: &Imported, source: &str) -> String {
    let mut front = Mapping::new();
    let mut put = |key: &str, value: Value| {
        front.insert(key.into(), value);
    };
    put(
        "meeting",
        imported.meeting.clone().unwrap_or_default().into(),
    );
    put(
        "date",
        imported
            .date
            .map(|d| d.to_string())
            .unwrap_or_default()
            .into(),
    );
    let people = |list: &[Person]| Value::Sequence(list.iter().map(person_value).collect());
    put("present", people(&imported.present));
    if !imported.in_attendance.is_empty() {
        put("in_attendance", people(&imported.in_attendance));
    }
    put("apologies", people(&imported.apologies));
    if !imported.absent.is_empty() {
        put("absent", people(&imported.absent));
    }
    put("status", "draft".into());
    let yaml = front_matter_yaml(&front).unwrap_or_default();
    let mut note = format!("---\n# Imported from {source} by `minutes import`.\n{yaml}---\n");
    // The points about the whole note at the top; an action's beside it.
    let beside: Vec<&str> = imported
        .items
        .iter()
        .flat_map(|i| i.actions.iter())
        .filter_map(|a| a.check.as_deref())
        .collect();
    let general: Vec<&String> = imported
        .checks
        .iter()
        .filter(|c| !beside.iter().any(|b| b.contains(c.as_str())))
        .collect();
    if !general.is_empty() {
        note.push('\n');
        for check in general {
            note.push_str(&check_comment(check));
        }
    }
    for item in &imported.items {
        if item.number != "0" {
            note.push_str(&format!("\n## {}. {}\n", item.number, item.title));
        }
        for paragraph in &item.prose {
            note.push_str(&format!("\n{}\n", escape_prose(paragraph)));
        }
        if !item.decisions.is_empty() {
            note.push_str("\nAgreed:\n\n");
            for decision in &item.decisions {
                note.push_str(&format!("- {decision}\n"));
            }
        }
        if !item.actions.is_empty() {
            note.push('\n');
            for action in &item.actions {
                if let Some(check) = &action.check {
                    note.push_str(&check_comment(check));
                }
                let owners = action.owners.join(", ");
                if owners.is_empty() {
                    note.push_str(&format!("- [ ] {}\n", action.text));
                } else {
                    note.push_str(&format!("- [ ] {owners}: {}\n", action.text));
                }
            }
        }
    }
    note
}

/// `<!-- minutes-import: check: … -->`, safe inside an HTML comment.
fn check_comment(check: &str) -> String {
    format!(
        "<!-- minutes-import: check: {} -->\n",
        check.replace("--", "–")
    )
}

/// Prose that would read as minutes syntax is kept as prose: a leading
/// `Agreed:` or `Action:` is escaped so it is not counted twice.
fn escape_prose(paragraph: &str) -> String {
    if reads_as_minutes_syntax(paragraph) {
        format!("\\{paragraph}")
    } else {
        paragraph.to_string()
    }
}
