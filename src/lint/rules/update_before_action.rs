use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::ledger::{Ledger, OrphanReason};
use crate::problem::Severity;

/// An update in a note dated on or before the meeting that raised the action.
pub struct UpdateBeforeAction;

static META: RuleMeta = RuleMeta {
    id: "update-before-action",
    default_severity: Some(Severity::Error),
    summary: "an update in a note dated before the action was raised",
    explanation: "A meeting cannot report on an action that had not been agreed yet. Either the update's note has the wrong date, or the ID names the wrong action; the update is not applied.",
};

impl Rule for UpdateBeforeAction {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_folder(&self, ledger: &Ledger, out: &mut Vec<FolderFinding>) {
        for orphan in &ledger.orphans {
            let OrphanReason::BeforeAction { raised } = orphan.reason else {
                continue;
            };
            out.push(FolderFinding {
                path: orphan.meeting.path.clone(),
                finding: Finding::new(
                    orphan.update.line,
                    Mark::Text(orphan.update.action.0.clone()),
                    format!(
                        "update of `{}`, which was raised on {raised}, in a note dated {}",
                        orphan.update.action, orphan.meeting.date
                    ),
                )
                .help("check the note's date and the ID"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::folder_findings;
    use super::UpdateBeforeAction;

    #[test]
    fn fires_for_an_update_dated_on_or_before_the_action() {
        let notes = [
            (
                "a.md",
                "---\nmeeting: B\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: go\n- [x] 2025-02-01/1.1 — from the future\n",
            ),
            (
                "b.md",
                "---\nmeeting: B\ndate: 2025-02-01\n---\n## 1. A\n- [ ] Al Bee: go\n- [x] 2025-02-01/1.1 — same meeting\n- [x] 2025-01-01/1.1 — fine\n",
            ),
        ];
        assert_eq!(
            folder_findings(&UpdateBeforeAction, &notes),
            [("a.md".to_string(), 7), ("b.md".to_string(), 7)]
        );
    }
}
