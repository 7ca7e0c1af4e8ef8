use super::super::config::closest;
use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::folder::same_series;
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
        for orphan in ledger
            .orphans
            .iter()
            .filter(|o| o.reason == OrphanReason::UnknownId)
        {
            let ids: Vec<&str> = ledger
                .entries
                .iter()
                .filter(|e| same_series(&e.meeting.meeting, &orphan.meeting.meeting))
                .map(|e| e.action.id.0.as_str())
                .collect();
            let id = &orphan.update.action;
            let mut finding = Finding::new(
                orphan.update.line,
                Mark::Text(id.0.clone()),
                format!(
                    "update of `{id}`, but no action of `{}` has that ID",
                    orphan.meeting.meeting
                ),
            );
            finding.help = closest(&id.0, &ids).map(|near| format!("did you mean `{near}`?"));
            out.push(FolderFinding {
                path: orphan.meeting.path.clone(),
                finding,
            });
        }
    }
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
