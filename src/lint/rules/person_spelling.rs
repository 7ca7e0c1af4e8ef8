use super::super::fix::Edit;
use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::model::Person;
use crate::people::{How, Resolution};
use crate::problem::Severity;

/// A person written in another spelling of the name the `people:` register
/// gives them: other capitals, accents, apostrophes or stops.
pub struct PersonSpelling;

static META: RuleMeta = RuleMeta {
    id: "person-spelling",
    default_severity: Some(Severity::Info),
    summary: "a name written another way than the people register spells it",
    explanation: "`siobhan o'connell`, `Siobhan OConnell` and `Siobhán O’Connell` are read as one person, so nothing is lost; but a name spelt as the `people:` register spells it reads better in a board paper and is found by every search. Only spellings of a registered person's whole name are reported: short forms (`Dr Pryce`, initials, aliases) are the author's choice, and without a register no spelling is more right than another.",
};

impl Rule for PersonSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        for (person, canonical) in respelt(context) {
            out.push(
                Finding::new(
                    person.line,
                    Mark::Text(person.name.clone()),
                    format!("`{}` is spelt `{canonical}` elsewhere", person.name),
                )
                .help(format!("write `{canonical}`")),
            );
        }
    }

    fn fixable(&self) -> bool {
        true
    }

    /// The name rewritten as the register spells it, where it
    /// stands once on its line (titles and organisations stay as written).
    fn fix(&self, context: &FileContext, out: &mut Vec<Edit>) {
        for (person, canonical) in respelt(context) {
            let line = context.index.line_text(context.text, person.line);
            if line.matches(person.name.as_str()).count() == 1 {
                out.push(Edit {
                    rule: META.id,
                    line: person.line,
                    from: person.name.clone(),
                    to: canonical,
                });
            }
        }
    }
}

/// Each mention of the note (listed, or owning an action or an update)
/// whose name is the whole name of one registered person spelt another
/// way, with the register's spelling.
fn respelt<'a>(context: &FileContext<'a>) -> Vec<(&'a Person, String)> {
    let (Some(meeting), Some((directory, index))) = (context.meeting(), context.people_index())
    else {
        return Vec::new();
    };
    meeting
        .listed()
        .chain(meeting.owners())
        .filter_map(|person| {
            let Resolution::Found {
                person: at,
                how: How::Name,
            } = directory.resolve_in(person, index)
            else {
                return None;
            };
            // Only the register's spelling is the author's own word on
            // it: a note's lists may spell a name either way.
            let known = directory.get(at).filter(|known| known.registered)?;
            (known.name != person.name).then(|| (person, known.name.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check_as, fixed_as};
    use super::PersonSpelling;
    use crate::config::{Config, RegisteredPerson};

    fn config() -> Config {
        let mut config = Config::default();
        config.people.push(RegisteredPerson {
            name: "Siobhan O’Connell".into(),
            ..RegisteredPerson::default()
        });
        config
    }

    const NOTE: &str = "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - siobhan o'connell (NBC)\n  - Bo Wu\n---\n- [ ] SIOBHAN O'CONNELL: a\n- [ ] BO WU: b\n- [ ] SO: c\n";

    #[test]
    fn other_spellings_of_a_whole_name_are_found_and_fixed() {
        let lines: Vec<usize> = check_as(&PersonSpelling, "note.md", NOTE, &config())
            .iter()
            .map(|f| f.line)
            .collect();
        // Bo Wu is in no register: `BO WU` is the author's own choice.
        assert_eq!(lines, [5, 8]);
        assert_eq!(
            fixed_as(&PersonSpelling, NOTE, &config()),
            "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Siobhan O’Connell (NBC)\n  - Bo Wu\n---\n- [ ] Siobhan O’Connell: a\n- [ ] BO WU: b\n- [ ] SO: c\n"
        );
    }
}
