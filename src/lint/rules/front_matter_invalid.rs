use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// Front matter that never closes, is not YAML, or is not a mapping.
pub struct FrontMatterInvalid;

static META: RuleMeta = RuleMeta {
    id: "front-matter-invalid",
    default_severity: Some(Severity::Error),
    summary: "front matter that is not valid YAML, never closes, or is not a mapping",
    explanation: "Without readable front matter the note has no meeting or date, so none of its decisions or actions can be counted.",
};

impl Rule for FrontMatterInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        super::report_parse_problems(context, ProblemKind::FrontMatterInvalid, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, lines};
    use super::FrontMatterInvalid;

    #[test]
    fn fires_at_the_yaml_line() {
        let found = check(
            &FrontMatterInvalid,
            "---\nmeeting: X\ndate: 2025-01-01\npresent: [a\n---\n",
        );
        assert_eq!(found.len(), 1);
        assert!((4..=5).contains(&found[0].line), "{found:?}");
        assert_eq!(lines(&FrontMatterInvalid, "---\nmeeting: X\n"), [1]);
        assert_eq!(lines(&FrontMatterInvalid, "---\n- a list\n---\n"), [2]);
    }
}
