use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::ledger::Ledger;
use crate::model::Status;
use crate::problem::Severity;

/// An update of an action that an earlier meeting had already closed.
pub struct UpdateClosed;

static META: RuleMeta = RuleMeta {
    id: "update-closed",
    default_severity: Some(Severity::Info),
    summary: "an update to an action already done or dropped",
    explanation: "Once an action is done or dropped it leaves the carry-forward list. An update after that is allowed (an action can be reopened) but is often a line copied from an old agenda.",
};

impl Rule for UpdateClosed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_folder(&self, ledger: &Ledger, out: &mut Vec<FolderFinding>) {
        for entry in &ledger.entries {
            for applied in &entry.updates {
                let before = entry.state_before(Some(applied.meeting.date));
                if !matches!(before.status, Status::Done | Status::Dropped) {
                    continue;
                }
                let when = before
                    .updated_by
                    .map_or(entry.meeting.date, |by| by.meeting.date);
                out.push(FolderFinding {
                    path: applied.meeting.path.clone(),
                    finding: Finding::new(
                        applied.update.line,
                        Mark::Text(entry.action.id.0.clone()),
                        format!(
                            "update of `{}`, which was already {} on {when}",
                            entry.action.id,
                            before.status.as_str()
                        ),
                    )
                    .help("remove the line if the action needs no more reporting"),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::folder_findings;
    use super::UpdateClosed;

    #[test]
    fn fires_for_updates_after_closing() {
        let notes = [
            (
                "a.md",
                "---\nmeeting: B\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: one\n- [-] Al Bee: two\n",
            ),
            (
                "b.md",
                "---\nmeeting: B\ndate: 2025-02-01\n---\n## 1. A\n- [x] 2025-01-01/1.1 — done\n- [-] 2025-01-01/1.2 — still dropped\n",
            ),
            (
                "c.md",
                "---\nmeeting: B\ndate: 2025-03-01\n---\n## 1. A\n- [ ] 2025-01-01/1.1 — reopened\n",
            ),
        ];
        assert_eq!(
            folder_findings(&UpdateClosed, &notes),
            [("b.md".to_string(), 7), ("c.md".to_string(), 6)]
        );
    }
}
