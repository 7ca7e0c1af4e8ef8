use std::collections::HashMap;

use super::super::{Finding, FolderFinding, Mark, NoteSummary, Rule, RuleMeta};
use crate::model::person_key;
use crate::problem::Severity;

/// Two actions of one series with the same ID.
pub struct ActionIdDuplicate;

static META: RuleMeta = RuleMeta {
    id: "action-id-duplicate",
    default_severity: Some(Severity::Error),
    summary: "two actions of one series with the same ID",
    explanation: "An ID names one action for its whole life: updates, carry-forward lists and calendars refer to it. Two actions with one ID (usually a pinned `{#ID}` copied, or two notes with the same date) cannot be told apart.",
};

impl Rule for ActionIdDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_folder(&self, notes: &[NoteSummary], out: &mut Vec<FolderFinding>) {
        let mut ordered: Vec<&NoteSummary> = notes.iter().collect();
        ordered.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        let mut first: HashMap<(String, &str), (&NoteSummary, usize)> = HashMap::new();
        for note in ordered {
            for (id, line) in &note.action_ids {
                let key = (person_key(&note.series), id.0.as_str());
                match first.get(&key) {
                    Some((earlier, earlier_line)) => out.push(FolderFinding {
                        path: note.path.clone(),
                        finding: Finding::new(
                            *line,
                            Mark::Line,
                            format!(
                                "action ID `{id}` is already used in `{}` at {}:{earlier_line}",
                                note.series,
                                earlier.path.display()
                            ),
                        )
                        .help("pin a different ID with `{#…}`, or correct the note's date"),
                    }),
                    None => {
                        first.insert(key, (note, *line));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::ActionId;

    fn summary(path: &str, series: &str, date: &str, ids: &[(&str, usize)]) -> NoteSummary {
        NoteSummary {
            path: PathBuf::from(path),
            series: series.into(),
            date: date.parse().unwrap(),
            action_ids: ids
                .iter()
                .map(|(id, line)| (ActionId(id.to_string()), *line))
                .collect(),
        }
    }

    #[test]
    fn fires_within_a_series_only() {
        let notes = [
            summary(
                "b.md",
                "One Board",
                "2025-02-01",
                &[("X-1", 7), ("2025-02-01/1.1", 9)],
            ),
            summary("a.md", "One Board", "2025-01-01", &[("X-1", 5)]),
            summary("c.md", "one  board", "2025-02-01", &[("2025-02-01/1.1", 4)]),
            summary("d.md", "Other Group", "2025-03-01", &[("X-1", 5)]),
        ];
        let mut out = Vec::new();
        ActionIdDuplicate.check_folder(&notes, &mut out);
        let got: Vec<(&str, usize)> = out
            .iter()
            .map(|f| (f.path.to_str().unwrap(), f.finding.line))
            .collect();
        assert_eq!(got, [("b.md", 7), ("c.md", 4)]);
        assert_eq!(
            out[0].finding.message,
            "action ID `X-1` is already used in `One Board` at a.md:5"
        );
    }
}
