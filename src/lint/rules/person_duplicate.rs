use std::collections::HashMap;

use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// The same person twice in one list.
pub struct PersonDuplicate;

static META: RuleMeta = RuleMeta {
    id: "person-duplicate",
    default_severity: Some(Severity::Warning),
    summary: "the same person twice in one list",
    explanation: "A person listed twice is counted twice towards attendance and quorum. Names are compared ignoring case, title and org.",
};

impl Rule for PersonDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(people) = context.people() else {
            return;
        };
        let mut seen: HashMap<(&str, String), usize> = HashMap::new();
        for (list, person) in people.listed() {
            match seen.get(&(list, person.key())) {
                Some(first) => out.push(
                    Finding::new(
                        person.line,
                        Mark::Text(person.name.clone()),
                        format!(
                            "`{}` is listed twice in `{list}` (first on line {first})",
                            person.name
                        ),
                    )
                    .help("remove one of the two entries"),
                ),
                None => {
                    seen.insert((list, person.key()), person.line);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::PersonDuplicate;

    #[test]
    fn fires_at_the_second_mention() {
        let found = check(
            &PersonDuplicate,
            "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Cllr David Renard (SBC)\n  - Al Bee\n  - david renard\napologies:\n  - Al Bee\n---\n",
        );
        assert_eq!(
            found.len(),
            1,
            "the same person in two lists is another rule's business"
        );
        assert_eq!(found[0].line, 7);
        assert_eq!(
            found[0].message,
            "`david renard` is listed twice in `present` (first on line 5)"
        );
    }
}
