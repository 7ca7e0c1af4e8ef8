//! `crate::presence` for a file the rules check, with its directory.

use super::FileContext;
use crate::model::Person;
pub use crate::presence::Presence;

/// As `crate::presence::presence`, for the file's note.
pub fn presence<'a>(context: &FileContext<'a>, mention: &Person) -> Option<Presence<'a>> {
    crate::presence::presence(context.meeting()?, mention, context.people_index())
}

/// A finding on the decision at `line` for each of `people` (named in the
/// vote as `role`) whom the note does not list as present; those who could
/// be several people present are not judged.
pub fn report_absent(
    context: &FileContext,
    line: usize,
    roles: &[(&str, &[Person])],
    out: &mut Vec<super::Finding>,
) {
    for (role, people) in roles {
        for person in *people {
            if presence(context, person) == Some(Presence::Absent) {
                out.push(
                    super::Finding::new(
                        line,
                        super::Mark::Text(person.name.clone()),
                        format!(
                            "{role}, `{}`, is not listed as present",
                            person.display_name()
                        ),
                    )
                    .help("add them to `present`, or correct the name"),
                );
            }
        }
    }
}
