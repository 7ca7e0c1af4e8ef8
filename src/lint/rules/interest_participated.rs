use super::super::presence::{Presence, presence};
use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::model::{Declaration, InterestKind, Meeting};
use crate::problem::Severity;

/// A member with a declared pecuniary interest in an item who voted on it,
/// or whom the minutes do not record leaving the room.
pub struct InterestParticipated;

static META: RuleMeta = RuleMeta {
    id: "interest-participated",
    default_severity: Some(Severity::Warning),
    summary: "a member with a pecuniary interest voted, or did not leave the room",
    explanation: "A member who declares a pecuniary interest in an item may not take part in it: the minutes should record that they left the room (`left the room for item 6`), and their name should be in no recorded vote for or against in that item. Interests of other kinds, and declarations whose kind is not written, are not checked.",
};

impl Rule for InterestParticipated {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        let pecuniary = meeting
            .declarations()
            .filter(|d| d.kind == Some(InterestKind::Pecuniary));
        for declaration in pecuniary {
            let who = declaration.person.display_name();
            if !declaration.left_room {
                out.push(
                    Finding::new(
                        declaration.line,
                        Mark::Text(declaration.person.name.clone()),
                        format!(
                            "`{who}` declared a pecuniary interest in item {} but is not recorded leaving the room",
                            declaration.item
                        ),
                    )
                    .help("write `left the room` in the declaration if they did"),
                );
            }
            for line in votes_cast(context, meeting, declaration) {
                out.push(
                    Finding::new(
                        line,
                        Mark::Line,
                        format!(
                            "`{who}` voted on item {} after declaring a pecuniary interest in it (line {})",
                            declaration.item, declaration.line
                        ),
                    )
                    .help("check the recorded vote: a member with a pecuniary interest may not vote"),
                );
            }
        }
    }
}

/// The lines of the decisions in the declared item on which the declarant
/// cast a recorded vote for or against.
fn votes_cast(context: &FileContext, meeting: &Meeting, declaration: &Declaration) -> Vec<usize> {
    let Some(Presence::Present(declarant)) = presence(context, &declaration.person) else {
        return Vec::new();
    };
    let Some(item) = meeting.item(&declaration.item) else {
        return Vec::new();
    };
    item.decisions
        .iter()
        .filter(|decision| {
            decision.vote.as_ref().is_some_and(|vote| {
                vote.voted_for
                    .iter()
                    .chain(&vote.voted_against)
                    .any(|voter| presence(context, voter) == Some(Presence::Present(declarant)))
            })
        })
        .map(|decision| decision.line)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::InterestParticipated;

    #[test]
    fn stayed_or_voted() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Cllr Ann Lee\n  - Bo Wu\n---\n## 1. Declarations\n\n- Declaration: Cllr Ann Lee — pecuniary: owns the site, for item 2\n- Declaration: Bo Wu — pecuniary: a bidder; left the room for item 2\n- Declaration: Bo Wu — non-pecuniary: a neighbour, for item 2\n\n## 2. The site\n\nAgreed: to sell (for: Lee; against: Wu)\n";
        assert_eq!(lines(&InterestParticipated, text), [10, 16, 16]);
    }
}
