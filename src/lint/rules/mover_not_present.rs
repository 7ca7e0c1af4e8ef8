use super::super::presence::report_absent;
use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::Severity;

/// A proposer or seconder who is not in `present`.
pub struct MoverNotPresent;

static META: RuleMeta = RuleMeta {
    id: "mover-not-present",
    default_severity: Some(Severity::Error),
    summary: "a proposer or seconder not listed as present",
    explanation: "Only members at the meeting can propose or second a motion. The names after `proposed by` and `seconded by` must be someone in `present`: the same name, a surname only one person present has, or a spelling that resolves to one of them. A name that could be several people present is not judged. Notes that list nobody as present are not checked.",
};

impl Rule for MoverNotPresent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        report_absent(
            context,
            |vote| {
                vec![
                    ("the proposer", vote.proposer.as_slice()),
                    ("the seconder", vote.seconder.as_slice()),
                ]
            },
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::MoverNotPresent;

    #[test]
    fn proposer_and_seconder_among_those_present() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Cllr Ann Lee\n  - Bo Wu\n---\nAgreed: one (proposed by Cllr Lee, seconded by Ed Fox; for: Dee Hay)\n\nAgreed: two (moved by Bo Wu, seconded by Lee)\n";
        let found: Vec<(usize, String)> = check(&MoverNotPresent, text)
            .into_iter()
            .map(|f| (f.line, f.message))
            .collect();
        assert_eq!(
            found,
            [(
                8,
                "the seconder, `Ed Fox`, is not listed as present".to_string()
            )]
        );
    }
}
