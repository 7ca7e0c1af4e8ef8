use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// A decision label with nothing decided.
pub struct DecisionEmpty;

static META: RuleMeta = RuleMeta {
    id: "decision-empty",
    default_severity: Some(Severity::Error),
    summary: "a decision label (`Agreed:`) with no decision",
    explanation: "A label with nothing after it, and no list after it, records that something was decided without saying what: the decision log would have an empty line.",
};

impl Rule for DecisionEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        for decision in meeting.decisions().filter(|d| d.text.trim().is_empty()) {
            out.push(
                Finding::new(decision.line, Mark::Line, "a decision label with no decision")
                    .help("write the decision after the label (`Agreed: …`), or follow the label with a list"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::DecisionEmpty;

    #[test]
    fn fires_for_a_bare_label() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\n---\n**Agreed:**\n\nProse.\n\nAgreed:\n\n- a decision\n\n- Resolved:\n- Decided: yes\n";
        assert_eq!(lines(&DecisionEmpty, text), [5, 13]);
    }
}
