use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// An action due before the meeting that raised it.
pub struct ActionDueBeforeMeeting;

static META: RuleMeta = RuleMeta {
    id: "action-due-before-meeting",
    default_severity: Some(Severity::Warning),
    summary: "an action due before the meeting that raised it",
    explanation: "An action cannot be due before it was agreed; the date is almost always a typo (a wrong year or month), and the action shows as overdue from the day it is written.",
};

impl Rule for ActionDueBeforeMeeting {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        for action in meeting.actions() {
            let Some(due) = action.due.filter(|due| *due < meeting.date) else {
                continue;
            };
            out.push(
                Finding::new(
                    action.line,
                    Mark::Text(due.to_string()),
                    format!(
                        "action `{}` is due on {due}, before the meeting of {}",
                        action.id, meeting.date
                    ),
                )
                .help("check the year and month of the due date"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::ActionDueBeforeMeeting;

    #[test]
    fn fires_for_a_date_before_the_meeting() {
        let text = "---\nmeeting: X\ndate: 2025-03-04\n---\n- [ ] Al Bee: a (due 2024-03-10)\n- [ ] Al Bee: b (due 2025-03-04)\n";
        assert_eq!(lines(&ActionDueBeforeMeeting, text), [5]);
    }
}
