use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::people::Resolution;
use crate::problem::Severity;

/// An owner who is in none of the note's lists nor in the people register.
pub struct ActionOwnerUnknown;

static META: RuleMeta = RuleMeta {
    id: "action-owner-unknown",
    default_severity: Some(Severity::Warning),
    summary: "an action owner who is in none of the note's lists nor in the people register",
    explanation: "Owners are usually people at the meeting. An owner nobody listed is often a misspelling (`James Grifin`), which splits one person's actions in two; the closest known name is suggested. People who own actions without attending can be added to the `people:` register in minutes.yaml.",
};

impl Rule for ActionOwnerUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let (Some(meeting), Some((directory, index))) = (context.meeting(), context.people_index())
        else {
            return;
        };
        for action in meeting.actions().filter(|a| !a.assigned_to_all) {
            for owner in &action.owners {
                // Ambiguous names are `person-ambiguous`'s to report.
                if directory.resolve_in(owner, index) != Resolution::Unknown {
                    continue;
                }
                let mut finding = Finding::new(
                    action.line,
                    Mark::Text(owner.name.clone()),
                    format!(
                        "`{}` owns action `{}` but is in none of this note's lists nor the people register",
                        owner.name, action.id
                    ),
                );
                finding.help = directory
                    .suggest(&owner.name)
                    .map(|near| format!("did you mean `{near}`?"));
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, check_as};
    use super::ActionOwnerUnknown;
    use crate::config::{Config, RegisteredPerson};

    const NOTE: &str = "---\nmeeting: X\ndate: 2025-01-01\nchair: Cy Day\npresent:\n  - James Griffin\napologies:\n  - Bo Wu\n---\n- [ ] James Grifin: a\n- [ ] Bo Wu / Cy Day: b\n- [ ] Ed Fox: c\n- [ ] All: d\n";

    #[test]
    fn fires_for_unlisted_owners_with_a_suggestion() {
        let found = check(&ActionOwnerUnknown, NOTE);
        let got: Vec<(usize, Option<&str>)> =
            found.iter().map(|f| (f.line, f.help.as_deref())).collect();
        assert_eq!(
            got,
            [(10, Some("did you mean `James Griffin`?")), (12, None)]
        );
    }

    #[test]
    fn the_people_register_counts_as_known() {
        let mut config = Config::default();
        config.people.push(RegisteredPerson {
            name: "Edward Fox".into(),
            aliases: vec!["Ed Fox".into()],
            ..RegisteredPerson::default()
        });
        let found = check_as(&ActionOwnerUnknown, "note.md", NOTE, &config);
        assert_eq!(found.len(), 1);
    }
}
