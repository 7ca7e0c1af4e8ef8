use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// A front-matter field of the wrong shape.
pub struct FieldType;

static META: RuleMeta = RuleMeta {
    id: "field-type",
    default_severity: Some(Severity::Error),
    summary: "a front-matter field of the wrong shape, e.g. `present` not a list of people",
    explanation: "A field of the wrong shape is left out of the model, so attendance and ownership would silently be wrong.",
};

impl Rule for FieldType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        super::report_parse_problems(context, ProblemKind::FieldType, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::FieldType;

    #[test]
    fn fires_at_the_field() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent: Al Bee, Cy Day\nstatus: final\nchair: [a, b]\n---\n";
        assert_eq!(lines(&FieldType, text), [4, 5, 6]);
    }
}
