use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// An action nobody owns.
pub struct ActionNoOwner;

static META: RuleMeta = RuleMeta {
    id: "action-no-owner",
    default_severity: Some(Severity::Error),
    summary: "an action with no owner",
    explanation: "An action nobody owns is an action nobody does, and no `--owner` query will ever find it.",
};

impl Rule for ActionNoOwner {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        for action in meeting.actions() {
            if action.owners.is_empty() && !action.assigned_to_all {
                out.push(
                    Finding::new(
                        action.line,
                        Mark::Line,
                        format!("action `{}` has no owner", action.id),
                    )
                    .help("start the action with its owner and a colon: `- [ ] Ann Lee: …`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::ActionNoOwner;

    #[test]
    fn fires_at_the_action() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\n---\n## 1. A\n\n- [ ] circulate the papers\n- [ ] Al Bee: go\n- [ ] All: read\n";
        assert_eq!(lines(&ActionNoOwner, text), [7]);
    }
}
