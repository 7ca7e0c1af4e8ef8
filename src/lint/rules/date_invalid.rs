use super::super::fix::Edit;
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

    fn fixable(&self) -> bool {
        true
    }

    /// A date written another way that reads as one real date (day first,
    /// as in the UK) becomes that date in ISO form, where it stands once
    /// on its line; `2014-02-30`, which is no date, is left to the author.
    fn fix(&self, context: &FileContext, out: &mut Vec<Edit>) {
        for problem in context.problems(ProblemKind::DateInvalid) {
            let Some(written) = &problem.needle else {
                continue;
            };
            let Some(iso) = crate::parse::dates::suggest_iso(written) else {
                continue;
            };
            let line = context.index.line_text(context.text, problem.line);
            if line.matches(written.as_str()).count() == 1 {
                out.push(Edit {
                    rule: META.id,
                    line: problem.line,
                    from: written.clone(),
                    to: iso,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::Mark;
    use super::super::testing::check;
    use super::super::testing::fixed;
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

    #[test]
    fn fixes_dates_that_read_as_one_real_date() {
        let text = "---\nmeeting: X\ndate: 15th January 2013\nnext_meeting: 2014-02-30\n---\n- [ ] Al Bee: go (due 3 March 2013)\n- [ ] Al Bee: 3 March 2013 (due 3 March 2013)\n";
        assert_eq!(
            fixed(&DateInvalid, text),
            "---\nmeeting: X\ndate: 2013-01-15\nnext_meeting: 2014-02-30\n---\n- [ ] Al Bee: go (due 2013-03-03)\n- [ ] Al Bee: 3 March 2013 (due 3 March 2013)\n"
        );
    }
}
