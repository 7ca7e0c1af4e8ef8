use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::parse::front_matter::KNOWN_KEYS;
use crate::problem::Severity;
use crate::text::closest;

/// A front-matter key outside the documented set.
pub struct UnknownField;

static META: RuleMeta = RuleMeta {
    id: "unknown-field",
    default_severity: Some(Severity::Warning),
    summary: "a front-matter key outside the documented set",
    explanation: "Unknown keys are kept, but a misspelt one (`apologise`) means its people are missing from the register. The nearest known key is suggested.",
};

impl Rule for UnknownField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        for key in context.extra_keys() {
            let line = context.key_line(key).unwrap_or(1);
            let finding = Finding::new(
                line,
                Mark::Text(key.to_string()),
                format!("unknown front-matter key `{key}`"),
            );
            let help = match closest(key, KNOWN_KEYS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("known keys are {}", KNOWN_KEYS.join(", ")),
            };
            out.push(finding.help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::UnknownField;

    #[test]
    fn fires_with_the_nearest_key() {
        let found = check(
            &UnknownField,
            "---\nmeeting: X\ndate: 2025-01-01\napologise:\n  - Al Bee\nsponsor: Y\n---\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].line, found[0].help.as_deref()),
            (4, Some("did you mean `apologies`?"))
        );
        assert_eq!(found[1].line, 6);
        assert!(
            found[1]
                .help
                .as_deref()
                .unwrap()
                .starts_with("known keys are meeting, date")
        );
    }

    #[test]
    fn also_when_the_note_makes_no_meeting() {
        let found = check(
            &UnknownField,
            "---\nmeeting: X\nnxt_meeting: 2025-01-01\n---\n",
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("did you mean `next_meeting`?")
        );
    }
}
