use super::super::presence::{Presence, presence};
use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::model::Person;
use crate::problem::Severity;

/// A recorded vote, proposer or seconder who is not in `present`.
pub struct VoteNotPresent;

static META: RuleMeta = RuleMeta {
    id: "vote-not-present",
    default_severity: Some(Severity::Error),
    summary: "a voter, proposer or seconder not listed as present",
    explanation: "Only members at the meeting can propose, second or vote. A name in a vote record (`proposed by`, `seconded by`, `for:`, `against:`, `abstained:`) must be someone in `present`: the same name, a surname only one person present has, or a spelling that resolves to one of them. A name that could be several people present is not judged. Notes that list nobody as present are not checked.",
};

impl Rule for VoteNotPresent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        for decision in meeting.decisions() {
            let Some(vote) = &decision.vote else {
                continue;
            };
            let roles: [(&str, &[Person]); 5] = [
                ("the proposer", vote.proposer.as_slice()),
                ("the seconder", vote.seconder.as_slice()),
                ("a vote for", &vote.voted_for),
                ("a vote against", &vote.voted_against),
                ("an abstention", &vote.abstained),
            ];
            for (role, people) in roles {
                for person in people {
                    if presence(context, person) == Some(Presence::Absent) {
                        out.push(
                            Finding::new(
                                decision.line,
                                Mark::Text(person.name.clone()),
                                format!(
                                    "{role}, `{}`, is not listed as present",
                                    person.display_name()
                                ),
                            )
                            .help("add them to `present`, or correct the name"),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::VoteNotPresent;

    #[test]
    fn names_resolve_among_those_present() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Cllr Ann Lee\n  - Bo Wu\n  - Cy Wu\n---\nAgreed: one (proposed by Cllr Lee, seconded by Ed Fox; for: Lee, Wu; against: Dee Hay)\n";
        let found: Vec<String> = check(&VoteNotPresent, text)
            .into_iter()
            .map(|f| f.message)
            .collect();
        // `Wu` could be either Wu: not judged.
        assert_eq!(
            found,
            [
                "the seconder, `Ed Fox`, is not listed as present",
                "a vote against, `Dee Hay`, is not listed as present"
            ]
        );
    }
}
