use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::model::{Meeting, NoteStatus};
use crate::problem::Severity;
use crate::text::series_key;
use rustc_hash::FxHashSet;

/// A note whose front matter's `status` disagrees with its approval by a
/// later meeting.
pub struct ApprovalStatus;

static META: RuleMeta = RuleMeta {
    id: "approval-status",
    // Info: `minutes new` writes the approval of the last minutes into the
    // next note before that meeting has met, and CI should not fail on it.
    default_severity: Some(Severity::Info),
    summary: "`status` disagrees with the approval of the minutes",
    explanation: "A note's approval comes from a later meeting of its series that approves its minutes (docs/format.md, approving earlier minutes). A note so approved should not say `status: draft`; one that says `status: approved` should have a later meeting that approved it, in a series whose minutes record approvals at all. Notes without `status` are not checked.",
};

impl Rule for ApprovalStatus {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_notes(&self, meetings: &[Meeting], out: &mut Vec<FolderFinding>) {
        let approvals = crate::approval::of_meetings(meetings);
        // A series whose minutes never record an approval cannot be judged
        // by them: its `status: approved` is all there is.
        let approving: FxHashSet<String> = meetings
            .iter()
            .filter(|m| !m.approves().is_empty())
            .map(|m| series_key(&m.meeting))
            .collect();
        for (meeting, approval) in meetings.iter().zip(approvals) {
            let message = match (meeting.status, approval) {
                (Some(NoteStatus::Draft), Some(approval)) => {
                    let by = meetings
                        .get(approval.by)
                        .map_or_else(String::new, |m| format!(" ({})", m.path.display()));
                    format!(
                        "`status: draft`, but the meeting of {}{by} approved these minutes",
                        approval.date
                    )
                }
                (Some(NoteStatus::Approved), None)
                    if approving.contains(&series_key(&meeting.meeting)) =>
                {
                    "`status: approved`, but no later meeting of the series approved these minutes"
                        .to_string()
                }
                _ => continue,
            };
            out.push(FolderFinding {
                path: meeting.path.clone(),
                finding: Finding::new(meeting.status_line, Mark::Line, message).help(
                    "set `status` to match, or write the approval in the later meeting's minutes",
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::notes_findings;
    use super::ApprovalStatus;

    #[test]
    fn draft_approved_and_approved_unapproved() {
        let notes = [
            (
                "a.md",
                "---\nmeeting: B\ndate: 2025-01-01\nstatus: draft\n---\n",
            ),
            (
                "b.md",
                "---\nmeeting: B\ndate: 2025-02-01\nstatus: approved\n---\nAgreed: the minutes of the last meeting as a correct record.\n",
            ),
            (
                "c.md",
                "---\nmeeting: B\ndate: 2025-03-01\nstatus: draft\n---\n",
            ),
            ("d.md", "---\nmeeting: C\ndate: 2025-03-01\n---\n"),
            // C records no approvals: its status is all there is.
            (
                "e.md",
                "---\nmeeting: C\ndate: 2025-04-01\nstatus: approved\n---\n",
            ),
        ];
        assert_eq!(
            notes_findings(&ApprovalStatus, &notes),
            [("a.md".to_string(), 4), ("b.md".to_string(), 4)]
        );
    }
}
