use std::collections::HashMap;

use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// The same person in two of present, apologies and absent.
pub struct PersonConflict;

static META: RuleMeta = RuleMeta {
    id: "person-conflict",
    default_severity: Some(Severity::Error),
    summary: "the same person in two of present / apologies / absent",
    explanation: "Someone cannot both attend and send apologies. One of the entries is wrong, and the attendance register would count the person twice.",
};

impl Rule for PersonConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(people) = context.people() else {
            return;
        };
        let lists = [
            ("present", people.present),
            ("apologies", people.apologies),
            ("absent", people.absent),
        ];
        let mut first_list: HashMap<String, (&str, usize)> = HashMap::new();
        for (list, persons) in lists {
            for person in persons {
                match first_list.get(&person.key()) {
                    Some((earlier, line)) if *earlier != list => out.push(
                        Finding::new(
                            person.line,
                            Mark::Text(person.name.clone()),
                            format!(
                                "`{}` is in both `{earlier}` (line {line}) and `{list}`",
                                person.name
                            ),
                        )
                        .help("keep the person in the one list that is right"),
                    ),
                    Some(_) => {}
                    None => {
                        first_list.insert(person.key(), (list, person.line));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::PersonConflict;

    #[test]
    fn fires_at_the_later_list() {
        let found = check(
            &PersonConflict,
            "---\nmeeting: X\ndate: 2025-01-01\npresent:\n  - Al Bee (NBC)\n  - Cy Day\nin_attendance:\n  - Cy Day\napologies:\n  - Dr Al Bee\nabsent:\n  - cy day\n---\n",
        );
        let got: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (10, "`Al Bee` is in both `present` (line 5) and `apologies`"),
                (12, "`cy day` is in both `present` (line 6) and `absent`"),
            ]
        );
    }
}
