use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// A people-list entry that looks like two people.
pub struct PersonMerged;

static META: RuleMeta = RuleMeta {
    id: "person-merged",
    default_severity: Some(Severity::Error),
    summary: "a people-list entry that looks like two people (often a mis-indented YAML list)",
    explanation: "YAML reads `  - Ann Lee (NBC)` followed by `   - Bo Wu (NBC)` (one space deeper) as ONE entry, `Ann Lee (NBC) - Bo Wu (NBC)`. It is valid YAML, so nothing else complains, and two people become one nobody: both are missing from attendance and quorum.",
};

impl Rule for PersonMerged {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        super::report_parse_problems(context, ProblemKind::PersonMerged, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, lines};
    use super::PersonMerged;

    #[test]
    fn fires_at_the_entry_of_a_mis_indented_list() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Ann Lee (NBC)\n  - Cy Day (NBC)\n   - Bo Wu (NBC)\n  - Di Eve; Ed Fox\napologies:\n  - Gil Hay\n---\n";
        assert_eq!(lines(&PersonMerged, text), [6, 8]);
        let found = check(&PersonMerged, text);
        assert_eq!(
            found[0].message,
            "`Cy Day (NBC) - Bo Wu (NBC)` in `present` looks like two people: two names are joined by a dash or a semicolon"
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("indented alike")
        );
    }

    #[test]
    fn quiet_on_one_person_an_entry() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Liz Holmes (Chair of CTB - Vice)\n  - James Griffin (JGr)(SBC)\n---\n";
        assert!(lines(&PersonMerged, text).is_empty());
    }
}
