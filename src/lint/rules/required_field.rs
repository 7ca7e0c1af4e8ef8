use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// `meeting` or `date` missing or empty.
pub struct RequiredField;

static META: RuleMeta = RuleMeta {
    id: "required-field",
    default_severity: Some(Severity::Error),
    summary: "`meeting` or `date` missing or empty",
    explanation: "The meeting name puts a note in its series and the date orders it and gives its actions their IDs; a note without either is left out of every answer.",
};

impl Rule for RequiredField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        super::report_parse_problems(context, ProblemKind::RequiredField, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::RequiredField;

    #[test]
    fn fires_for_a_missing_or_empty_field() {
        let found = check(&RequiredField, "---\nmeeting: \"\"\nlocation: Hall\n---\n");
        let got: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.message.as_str())).collect();
        assert_eq!(got, [(2, "`meeting` is empty"), (1, "`date` is missing")]);
        assert!(check(&RequiredField, "---\nmeeting: X\ndate: 2025-01-01\n---\n").is_empty());
    }
}
