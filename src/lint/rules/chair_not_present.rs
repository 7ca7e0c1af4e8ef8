use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// A chair who is in neither `present` nor `in_attendance`.
pub struct ChairNotPresent;

static META: RuleMeta = RuleMeta {
    id: "chair-not-present",
    default_severity: Some(Severity::Warning),
    summary: "the chair is not listed as present",
    explanation: "The chair was at the meeting, so a chair missing from `present` usually means a wrong chair or an incomplete list. Notes that list nobody as present are not checked.",
};

impl Rule for ChairNotPresent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(people) = context.people() else {
            return;
        };
        let Some(chair) = people.chair else {
            return;
        };
        if people.present.is_empty() {
            return;
        }
        let there = people
            .present
            .iter()
            .chain(people.in_attendance)
            .any(|p| p.is(chair));
        if !there {
            out.push(
                Finding::new(
                    chair.line,
                    Mark::Text(chair.name.clone()),
                    format!("the chair, `{}`, is not in `present`", chair.name),
                )
                .help("add the chair to `present`, or correct `chair`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::ChairNotPresent;

    #[test]
    fn fires_at_the_chair_line() {
        let head = "---\nmeeting: X\ndate: 2025-01-01\nchair: Cllr Ann Lee\n";
        assert_eq!(
            lines(
                &ChairNotPresent,
                &format!("{head}present:\n  - Bo Wu\n---\n")
            ),
            [4]
        );
        assert!(
            lines(
                &ChairNotPresent,
                &format!("{head}present:\n  - ann lee (NBC)\n---\n")
            )
            .is_empty()
        );
        assert!(lines(&ChairNotPresent, &format!("{head}---\n")).is_empty());
    }
}
