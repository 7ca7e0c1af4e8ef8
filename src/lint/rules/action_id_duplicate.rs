use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::ledger::Ledger;
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

    fn check_folder(&self, ledger: &Ledger, out: &mut Vec<FolderFinding>) {
        // The first action keeps the ID in the message; each later one is reported.
        for conflict in &ledger.conflicts {
            let Some((first_meeting, first)) = conflict.actions.first() else {
                continue;
            };
            for (meeting, action) in conflict.actions.iter().skip(1) {
                out.push(FolderFinding {
                    path: meeting.path.clone(),
                    finding: Finding::new(
                        action.line,
                        Mark::Line,
                        format!(
                            "action ID `{}` is already used in `{}` at {}:{}",
                            action.id,
                            first_meeting.meeting,
                            first_meeting.path.display(),
                            first.line
                        ),
                    )
                    .help("pin a different ID with `{#…}`, or correct the item number or the note's date; until then neither action is shown by any command"),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::folder_findings;
    use super::ActionIdDuplicate;

    #[test]
    fn fires_within_a_series_only() {
        let notes = [
            (
                "b.md",
                "---\nmeeting: One Board\ndate: 2025-02-01\n---\n## 1. A\n- [ ] Al Bee: x {#X-1}\n- [ ] Al Bee: y\n",
            ),
            (
                "a.md",
                "---\nmeeting: One Board\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: w {#X-1}\n",
            ),
            (
                "c.md",
                "---\nmeeting: one  board\ndate: 2025-02-01\n---\n## 1. A\n- [ ] Al Bee: z\n- [ ] Al Bee: zz\n",
            ),
            (
                "d.md",
                "---\nmeeting: Other Group\ndate: 2025-03-01\n---\n## 1. A\n- [ ] Al Bee: v {#X-1}\n",
            ),
        ];
        let found = folder_findings(&ActionIdDuplicate, &notes);
        assert_eq!(found, [("b.md".to_string(), 6), ("c.md".to_string(), 7)]);
    }
}
