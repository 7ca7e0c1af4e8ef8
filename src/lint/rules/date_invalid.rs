use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// `date`, `next_meeting` or a due date that is not a real `YYYY-MM-DD`.
pub struct DateInvalid;

static META: RuleMeta = RuleMeta {
    id: "date-invalid",
    default_severity: Some(Severity::Error),
    summary: "a date, next meeting or due date that is not a real YYYY-MM-DD",
    explanation: "Dates order the notes, give actions their IDs and decide what is overdue. `2014-02-30` or `15th January 2013` cannot be compared with other dates, so they are refused rather than guessed.",
};

impl Rule for DateInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        super::report_parse_problems(context, ProblemKind::DateInvalid, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::Mark;
    use super::super::testing::check;
    use super::DateInvalid;

    #[test]
    fn fires_for_front_matter_and_due_dates_with_a_suggestion() {
        let found = check(
            &DateInvalid,
            "---\nmeeting: X\ndate: 15th January 2013\nnext_meeting: 2014-02-30\n---\n- [ ] Al Bee: go (due 1/2/2014)\n",
        );
        let lines: Vec<usize> = found.iter().map(|f| f.line).collect();
        assert_eq!(lines, [3, 4]);
        assert_eq!(found[0].help.as_deref(), Some("write `2013-01-15`"));
        assert_eq!(found[0].mark, Mark::Text("15th January 2013".into()));
        assert_eq!(found[1].help, None);
        let found = check(
            &DateInvalid,
            "---\nmeeting: X\ndate: 2014-01-01\n---\n- [ ] Al Bee: go (due 1/2/2014)\n",
        );
        assert_eq!(found[0].line, 5);
        assert_eq!(found[0].help.as_deref(), Some("write `(due 2014-02-01)`"));
    }
}
