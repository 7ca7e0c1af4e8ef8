use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};

/// An open action with no due date. Off by default.
pub struct ActionNoDue;

static META: RuleMeta = RuleMeta {
    id: "action-no-due",
    default_severity: None,
    summary: "an open or in-progress action with no due date (off by default)",
    explanation: "An action without a due date is never overdue, so it can drift. Many boards leave dates to the owner, so this rule is off unless a config turns it on.",
};

impl Rule for ActionNoDue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        for action in meeting.actions() {
            if action.is_live() && action.due.is_none() && action.due_written.is_none() {
                out.push(
                    Finding::new(
                        action.line,
                        Mark::Line,
                        format!("action `{}` has no due date", action.id),
                    )
                    .help("add `(due YYYY-MM-DD)` or `(due next meeting)`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::ActionNoDue;

    #[test]
    fn fires_for_live_actions_without_a_date() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\n---\n- [ ] Al Bee: a\n- [x] Al Bee: b\n- [ ] Al Bee: c (due next meeting)\n- [/] Al Bee: d (due 2025-02-01)\n";
        assert_eq!(lines(&ActionNoDue, text), [5]);
    }

    #[test]
    fn examples_without_due_dates_are_found_when_turned_on() {
        // The examples keep a few actions without dates on purpose: this
        // rule is off by default, and the examples' clean run does not use it.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/harbourside/2025-11-18-harbourside-partnership-board.md"
        );
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(lines(&ActionNoDue, &text).len(), 1);
    }

    #[test]
    fn is_off_by_default() {
        assert_eq!(super::META.default_severity, None);
    }
}
