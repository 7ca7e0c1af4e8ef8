use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::text::closest;
use std::collections::HashMap;

use crate::ledger::{Ledger, OrphanReason};
use crate::problem::Severity;

/// An update whose ID names no action of its series.
pub struct UpdateUnknownId;

static META: RuleMeta = RuleMeta {
    id: "update-unknown-id",
    default_severity: Some(Severity::Error),
    summary: "an update whose ID names no earlier action of the series",
    explanation: "An update reports on an action by its ID. An ID that names no action (a typo, or an action of another series) updates nothing, so the action it meant stays open for ever. Close IDs of the series are suggested.",
};

impl Rule for UpdateUnknownId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_folder(&self, ledger: &Ledger, out: &mut Vec<FolderFinding>) {
        let orphans: Vec<_> = ledger
            .orphans
            .iter()
            .filter(|o| o.reason == OrphanReason::UnknownId)
            .collect();
        if orphans.is_empty() {
            return;
        }
        // The series' IDs by their date part: a typo is looked for among the
        // IDs of the same meeting, not among every ID of the series.
        let mut by_date: HashMap<(usize, &str), Vec<&str>> = HashMap::new();
        for entry in &ledger.entries {
            let id = entry.action.id.0.as_str();
            by_date
                .entry((entry.series(), date_part(id)))
                .or_default()
                .push(id);
        }
        for orphan in orphans {
            let id = &orphan.update.action;
            let key = (orphan.series, date_part(&id.0));
            let ids = by_date.get(&key).map_or(&[][..], Vec::as_slice);
            let mut finding = Finding::new(
                orphan.update.line,
                Mark::Text(id.0.clone()),
                format!(
                    "update of `{id}`, but no action of `{}` has that ID",
                    orphan.meeting.meeting
                ),
            );
            finding.help = closest(&id.0, ids).map(|near| format!("did you mean `{near}`?"));
            out.push(FolderFinding {
                path: orphan.meeting.path.clone(),
                finding,
            });
        }
    }
}

/// `2025-01-14` of `2025-01-14/3.1`; a pinned ID is its own date part.
fn date_part(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::super::testing::folder_findings;
    use super::UpdateUnknownId;

    #[test]
    fn fires_for_an_id_the_series_does_not_have() {
        let notes = [
            (
                "a.md",
                "---\nmeeting: One Board\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: go\n",
            ),
            (
                "b.md",
                "---\nmeeting: Other\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: go\n",
            ),
            (
                "c.md",
                "---\nmeeting: One Board\ndate: 2025-02-01\n---\n## 1. A\n- [x] 2025-01-01/1.1 — done\n- [x] 2025-01-01/1.9 — typo\n",
            ),
        ];
        assert_eq!(
            folder_findings(&UpdateUnknownId, &notes),
            [("c.md".to_string(), 7)]
        );
    }
}
