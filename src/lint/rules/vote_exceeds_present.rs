use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// A vote in which more votes were cast than there were members present.
pub struct VoteExceedsPresent;

static META: RuleMeta = RuleMeta {
    id: "vote-exceeds-present",
    default_severity: Some(Severity::Error),
    summary: "more votes cast than members present",
    explanation: "The votes for, against and abstaining (as counted, or as named in a recorded vote) cannot add up to more than the people in `present`: a count or the attendance list is wrong. Notes that list nobody as present are not checked.",
};

impl Rule for VoteExceedsPresent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        let present = meeting.present.len();
        if present == 0 {
            return;
        }
        for decision in meeting.decisions() {
            let Some(vote) = &decision.vote else {
                continue;
            };
            let cast = vote.tally().cast();
            if usize::try_from(cast).is_ok_and(|cast| cast > present) {
                out.push(
                    Finding::new(
                        decision.line,
                        Mark::Line,
                        format!("{cast} votes cast, but {present} members are listed as present"),
                    )
                    .help("correct the count, or add the missing members to `present`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::VoteExceedsPresent;

    #[test]
    fn counts_and_named_votes_against_present() {
        let head = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Ann Lee\n  - Bo Wu\n  - Cy Day\n---\n";
        let body = "Agreed: one (for 2, against 1)\n\nAgreed: two (for 3, against 1)\n\nAgreed: three (for: Lee, Wu; against: Day; abstained: Ed Fox)\n\nAgreed: four (carried unanimously)\n";
        assert_eq!(
            lines(&VoteExceedsPresent, &format!("{head}{body}")),
            [11, 13]
        );
        let nobody = "---\nmeeting: X\ndate: 2025-01-01\n---\nAgreed: two (for 9)\n";
        assert!(lines(&VoteExceedsPresent, nobody).is_empty());
    }
}
