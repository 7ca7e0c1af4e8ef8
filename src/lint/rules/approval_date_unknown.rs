use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::model::{Approves, Meeting};
use crate::problem::Severity;
use crate::text::series_key;

/// An approval of the minutes of a date on which the series has no note.
pub struct ApprovalDateUnknown;

static META: RuleMeta = RuleMeta {
    id: "approval-date-unknown",
    default_severity: Some(Severity::Warning),
    summary: "approves the minutes of a date the series has no note for",
    explanation: "A decision approving \"the minutes of the meeting held on DATE\" marks the series' note of that date approved. When the date falls between the series' first and last notes but no note has it, the date is probably mistyped and nothing was marked. Dates outside the notes kept (an archive that starts later) are not checked.",
};

impl Rule for ApprovalDateUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_notes(&self, meetings: &[Meeting], out: &mut Vec<FolderFinding>) {
        let dates = crate::approval::dates_by_series(meetings);
        for meeting in meetings {
            let Some(series) = dates.get(&series_key(&meeting.meeting)) else {
                continue;
            };
            let (Some(first), Some(last)) = (series.iter().min(), series.iter().max()) else {
                continue;
            };
            for decision in meeting.decisions() {
                let Some(Approves::Held(date)) = decision.approves else {
                    continue;
                };
                if date > *first && date < *last && !series.contains(&date) {
                    out.push(FolderFinding {
                        path: meeting.path.clone(),
                        finding: Finding::new(
                            decision.line,
                            Mark::Line,
                            format!("approves the minutes of {date}, but the series has no note of that date"),
                        )
                        .help("correct the date, or add the missing note"),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::notes_findings;
    use super::ApprovalDateUnknown;

    #[test]
    fn only_dates_within_the_series_span() {
        let notes = [
            ("a.md", "---\nmeeting: B\ndate: 2025-01-10\n---\n"),
            (
                "b.md",
                "---\nmeeting: B\ndate: 2025-02-10\n---\nAgreed: the minutes of the meeting held on 11 January 2025 as a correct record.\n\nAgreed: the minutes of 10 January 2025 as a correct record.\n\nAgreed: the minutes of 1 December 2024 as a correct record.\n",
            ),
        ];
        assert_eq!(
            notes_findings(&ApprovalDateUnknown, &notes),
            [("b.md".to_string(), 5)]
        );
    }
}
