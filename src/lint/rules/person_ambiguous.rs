use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::people::Resolution;
use crate::problem::Severity;

/// A name that could be several people listed in the note.
pub struct PersonAmbiguous;

static META: RuleMeta = RuleMeta {
    id: "person-ambiguous",
    default_severity: Some(Severity::Warning),
    summary: "a name that could be more than one person listed in the note",
    explanation: "A short form of a name (`Tony`, `Dr Pryce`, `J. Davies`, `HS`) resolves to a person only when it fits exactly one person of the note (listed in it, or a declared member of its series). When it fits several, `minutes` does not guess, so the action is found under nobody's name.",
};

impl Rule for PersonAmbiguous {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let (Some(meeting), Some((directory, index))) = (context.meeting(), context.people_index())
        else {
            return;
        };
        let owners = meeting
            .actions()
            .filter(|a| !a.assigned_to_all)
            .flat_map(|a| a.owners.iter().map(move |o| (o, a.line)))
            .chain(
                meeting
                    .updates()
                    .filter(|u| !u.assigned_to_all)
                    .flat_map(|u| u.owners.iter().map(move |o| (o, u.line))),
            );
        for (owner, line) in owners {
            if let Resolution::Ambiguous { candidates } = directory.resolve_in(owner, index) {
                out.push(
                    Finding::new(
                        line,
                        Mark::Text(owner.name.clone()),
                        format!(
                            "`{}` could be {}",
                            owner.display_name(),
                            directory.describe(&candidates)
                        ),
                    )
                    .help("write the full name, or an alias from the people register"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::PersonAmbiguous;

    #[test]
    fn fires_for_a_first_name_two_people_share() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Tony Ranzetta\n  - Tony Smith\n  - Gavin Jones\n---\n- [ ] Tony: a\n- [ ] Gavin: b\n- [ ] Tony S: c\n";
        let found = check(&PersonAmbiguous, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 9);
        assert_eq!(
            found[0].message,
            "`Tony` could be `Tony Ranzetta` or `Tony Smith`"
        );
    }

    #[test]
    fn fires_for_a_title_and_surname_two_people_share() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Dr Alun Pryce\n  - Rhys Pryce\n---\n- [ ] Dr Pryce: a\n- [ ] A. Pryce: b\n";
        let found = check(&PersonAmbiguous, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`Dr Pryce` could be `Alun Pryce` or `Rhys Pryce`"
        );
    }
}
