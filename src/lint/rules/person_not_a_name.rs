use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// A people-list entry that reads as a piece of a sentence, not a name.
pub struct PersonNotAName;

static META: RuleMeta = RuleMeta {
    id: "person-not-a-name",
    default_severity: Some(Severity::Warning),
    summary: "a people-list entry that reads as part of a sentence, not a name",
    explanation: "An entry such as `sanction absences where appropriate` or `000 allocated was for repairs` is not a person: it is usually text an import or a paste put in the wrong place. It counts as someone at the meeting, so attendance and quorum are wrong until it is removed. An entry is flagged when it has more than six words, a colon, a digit, ends like a sentence, or holds words that names do not (was, will, none, apologies, members of the public).",
};

/// Words of sentences and minutes' labels that are never part of a name.
const NOT_NAME_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "would",
    "has",
    "have",
    "had",
    "not",
    "none",
    "which",
    "that",
    "where",
    "who",
    "when",
    "apologies",
    "present",
    "absent",
    "received",
    "noted",
    "agreed",
    "attended",
    "attending",
    "left",
    "arrived",
    "welcome",
    "visitors",
    "public",
    "meeting",
    "minutes",
    "item",
    "items",
    "members",
];

impl Rule for PersonNotAName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(people) = context.people() else {
            return;
        };
        for (list, person) in people.listed() {
            if let Some(why) = not_a_name(&person.name) {
                out.push(
                    Finding::new(
                        person.line,
                        Mark::Text(person.name.clone()),
                        format!(
                            "`{}` in `{list}` does not read as a name: {why}",
                            person.name
                        ),
                    )
                    .help("remove the entry, or write the person's name alone"),
                );
            }
        }
    }
}

/// Why `name` reads as part of a sentence, if it does.
fn not_a_name(name: &str) -> Option<&'static str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 6 {
        return Some("it has more than six words");
    }
    if name.contains(':') {
        return Some("it has a colon");
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Some("it has a digit");
    }
    if name.ends_with(['.', '?', '!']) && !name.ends_with(" Jr.") && words.len() > 2 {
        return Some("it ends like a sentence");
    }
    let lower = |w: &&str| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
    if words
        .iter()
        .map(lower)
        .any(|w| NOT_NAME_WORDS.contains(&w.as_str()))
    {
        return Some("it has words that names do not");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, lines};
    use super::PersonNotAName;

    #[test]
    fn fires_at_entries_that_are_pieces_of_sentences() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Ann Lee\n  - and sanction absences where appropriate\n  - 000 allocated was for repairs\n  - 'Visitors: none'\napologies:\n  - Members of the public\n---\n";
        assert_eq!(lines(&PersonNotAName, text), [6, 7, 8, 10]);
        let found = check(&PersonNotAName, text);
        assert_eq!(
            found[1].message,
            "`000 allocated was for repairs` in `present` does not read as a name: it has a digit"
        );
    }

    #[test]
    fn quiet_on_names_as_people_write_them() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Cllr Priya d'Souza (Ward 3 Residents)\n  - Siobhán Ní Bhriain\n  - Jean-Luc van der Berg\n  - Dr. J. R. Hartley\n  - Thida\n---\n";
        assert!(lines(&PersonNotAName, text).is_empty());
    }
}
