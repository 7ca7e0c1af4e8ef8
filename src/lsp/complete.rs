//! What completion offers where the cursor is: meeting names after
//! `meeting:`, people in the front matter's lists and at the start of an
//! action, `next meeting` after `(due `, and on an update line the open
//! actions of the note's series.

use lsp_types::{CompletionItem, CompletionItemKind};

use crate::ledger::Ledger;
use crate::model::Meeting;
use crate::people::Directory;

/// What the text before the cursor asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Series,
    Person,
    /// An action's ID or a person, after a checkbox.
    ActionOrPerson,
    Due,
}

static_regex!(
    PEOPLE_KEY,
    r"^(?:present|in_attendance|apologies|absent|chair|minutes_by):\s*[^\s:]*$"
);
static_regex!(LIST_ENTRY, r"^\s*-\s+[^:]*$");
static_regex!(CHECKBOX, r"^\s*[-*+]\s+\[[ xX/-]\]\s+\S*$");
static_regex!(DUE, r"\(due\s+[a-z ]*$");

/// What to offer on the 1-based `line` of `text`, whose text before the
/// cursor is `before`.
pub fn wanted(text: &str, line: usize, before: &str) -> Option<Wanted> {
    if in_front_matter(text, line) {
        if before.starts_with("meeting:") {
            return Some(Wanted::Series);
        }
        if PEOPLE_KEY.is_match(before)
            || (LIST_ENTRY.is_match(before) && under_people_key(text, line))
        {
            return Some(Wanted::Person);
        }
        return None;
    }
    if DUE.is_match(before) {
        return Some(Wanted::Due);
    }
    CHECKBOX.is_match(before).then_some(Wanted::ActionOrPerson)
}

/// Whether the 1-based `line` is inside the `---` block at the top.
fn in_front_matter(text: &str, line: usize) -> bool {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let end = lines.position(|l| l.trim_end() == "---").map(|at| at + 2);
    line > 1 && end.is_some_and(|end| line < end)
}

/// Whether the list entry on `line` belongs to one of the people keys.
fn under_people_key(text: &str, line: usize) -> bool {
    let above: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    above
        .iter()
        .rev()
        .find(|l| !l.trim_start().starts_with('-'))
        .is_some_and(|key| {
            ["present:", "in_attendance:", "apologies:", "absent:"]
                .iter()
                .any(|k| key.trim_end() == *k)
        })
}

/// The series of the workspace, each once.
pub fn series(meetings: &[Meeting]) -> Vec<CompletionItem> {
    let names: Vec<&str> =
        crate::text::distinct_series(meetings.iter().map(|m| m.meeting.as_str()));
    names
        .into_iter()
        .map(|name| item(name, CompletionItemKind::MODULE, None))
        .collect()
}

/// Everyone the directory knows, by canonical name with title, and each
/// registered alias.
pub fn people(directory: &Directory) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    for known in &directory.people {
        let name = known.display_name();
        let detail = (!known.orgs.is_empty()).then(|| known.orgs.join(", "));
        items.push(item(&name, CompletionItemKind::VALUE, detail));
        for alias in &known.aliases {
            items.push(item(
                alias,
                CompletionItemKind::VALUE,
                Some(format!("alias of {name}")),
            ));
        }
    }
    items
}

/// `next meeting`, and the date the note gives it when it does.
pub fn due(meeting: Option<&Meeting>) -> Vec<CompletionItem> {
    let detail = meeting
        .and_then(|m| m.next_meeting)
        .map(|date| format!("the next meeting, {date}"));
    vec![item("next meeting", CompletionItemKind::KEYWORD, detail)]
}

/// The actions of `series` open or in progress before the meeting of
/// `date`, each as the update line that reports on it.
pub fn open_actions(ledger: &Ledger, series: &str, date: chrono::NaiveDate) -> Vec<CompletionItem> {
    ledger
        .entries
        .iter()
        .filter(|e| crate::text::same_series(&e.meeting.meeting, series) && e.meeting.date < date)
        .filter_map(|entry| {
            let state = entry.state_before(Some(date));
            if !state.is_live() {
                return None;
            }
            let owners = crate::model::owners_label(state.owners, state.assigned_to_all);
            let line = format!("{} {owners}: {}", entry.action.id, entry.action.text);
            let mut found = item(
                &entry.action.id.0,
                CompletionItemKind::REFERENCE,
                Some(line.clone()),
            );
            found.insert_text = Some(format!("{line} — "));
            Some(found)
        })
        .collect()
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "---\nmeeting: Board\ndate: 2025-01-01\npresent:\n  - Ann Lee\n  - \n---\n## 1. Item\n- [ ] \n- [ ] Ann Lee: go (due \n";

    #[test]
    fn what_each_place_asks_for() {
        assert_eq!(wanted(NOTE, 2, "meeting: Bo"), Some(Wanted::Series));
        assert_eq!(wanted(NOTE, 6, "  - "), Some(Wanted::Person));
        assert_eq!(wanted(NOTE, 4, "present: "), Some(Wanted::Person));
        assert_eq!(wanted(NOTE, 3, "date: "), None);
        assert_eq!(wanted(NOTE, 9, "- [ ] "), Some(Wanted::ActionOrPerson));
        assert_eq!(
            wanted(NOTE, 10, "- [ ] Ann Lee: go (due "),
            Some(Wanted::Due)
        );
        assert_eq!(wanted(NOTE, 8, "## 1. "), None);
    }
}
