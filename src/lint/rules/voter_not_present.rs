use super::super::presence::report_absent;
use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::Severity;

/// A name in a recorded vote who is not in `present`.
pub struct VoterNotPresent;

static META: RuleMeta = RuleMeta {
    id: "voter-not-present",
    default_severity: Some(Severity::Error),
    summary: "a recorded voter not listed as present",
    explanation: "Only members at the meeting can vote. A name in a recorded vote (`for:`, `against:`, `abstained:`) must be someone in `present`: the same name, a surname only one person present has, or a spelling that resolves to one of them. A name that could be several people present is not judged. Notes that list nobody as present are not checked.",
};

impl Rule for VoterNotPresent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        report_absent(
            context,
            |vote| {
                vec![
                    ("a vote for", vote.voted_for.as_slice()),
                    ("a vote against", vote.voted_against.as_slice()),
                    ("an abstention", vote.abstained.as_slice()),
                ]
            },
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::VoterNotPresent;

    #[test]
    fn names_resolve_among_those_present() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Cllr Ann Lee\n  - Bo Wu\n  - Cy Wu\n---\nAgreed: one (proposed by Ed Fox; for: Lee, Wu, Cllr Ann Lee; against: Dee Hay)\n";
        let found: Vec<String> = check(&VoterNotPresent, text)
            .into_iter()
            .map(|f| f.message)
            .collect();
        // `Wu` could be either Wu: not judged. The proposer is another rule's.
        assert_eq!(
            found,
            ["a vote against, `Dee Hay`, is not listed as present"]
        );
    }
}
