use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::model::{Meeting, NoteStatus};
use crate::problem::Severity;
use crate::text::series_key;

/// Minutes still in draft after two later meetings of their series.
pub struct DraftStale;

/// How many later meetings a draft may wait for: the next one approves it,
/// and one more allows for a meeting that ran out of time.
const MEETINGS_ALLOWED: usize = 2;

static META: RuleMeta = RuleMeta {
    id: "draft-stale",
    default_severity: Some(Severity::Warning),
    summary: "minutes still a draft after two later meetings",
    explanation: "Minutes are approved as a correct record at the next meeting. A note that says `status: draft`, which no later meeting approved, after two later meetings of its series is most likely an approval that was never minuted, or a status never updated.",
};

impl Rule for DraftStale {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_notes(&self, meetings: &[Meeting], out: &mut Vec<FolderFinding>) {
        let approvals = crate::approval::of_meetings(meetings);
        let dates = crate::approval::dates_by_series(meetings);
        for (meeting, approval) in meetings.iter().zip(approvals) {
            if meeting.status != Some(NoteStatus::Draft) || approval.is_some() {
                continue;
            }
            let later = dates.get(&series_key(&meeting.meeting)).map_or(0, |dates| {
                dates.iter().filter(|d| **d > meeting.date).count()
            });
            if later >= MEETINGS_ALLOWED {
                out.push(FolderFinding {
                    path: meeting.path.clone(),
                    finding: Finding::new(
                        meeting.status_line,
                        Mark::Line,
                        format!("still a draft after {later} later meetings of the series"),
                    )
                    .help("minute the approval at the next meeting, or set `status: approved`"),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::notes_findings;
    use super::DraftStale;

    #[test]
    fn after_two_later_meetings() {
        let draft = |date: &str| format!("---\nmeeting: B\ndate: {date}\nstatus: draft\n---\n");
        let a = draft("2025-01-01");
        let b = draft("2025-02-01");
        let c = draft("2025-03-01");
        let notes = [
            ("a.md", a.as_str()),
            ("b.md", b.as_str()),
            ("c.md", c.as_str()),
        ];
        assert_eq!(
            notes_findings(&DraftStale, &notes),
            [("a.md".to_string(), 4)]
        );
    }
}
