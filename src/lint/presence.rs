//! `crate::presence` for a file the rules check, with its directory.

use super::FileContext;
use crate::model::{Person, Vote};
pub use crate::presence::Presence;

/// As `crate::presence::presence`, for the file's note.
pub fn presence<'a>(context: &FileContext<'a>, mention: &Person) -> Option<Presence<'a>> {
    crate::presence::presence(context.meeting()?, mention, context.people_index())
}

/// For each decision of the note with a vote, a finding at its line for
/// each person `roles` names in the vote (each with the role it says) whom
/// the note does not list as present; those who could be several people
/// present are not judged.
pub fn report_absent(
    context: &FileContext,
    roles: impl for<'v> Fn(&'v Vote) -> Vec<(&'static str, &'v [Person])>,
    out: &mut Vec<super::Finding>,
) {
    let Some(meeting) = context.meeting() else {
        return;
    };
    for decision in meeting.decisions() {
        let Some(vote) = decision.vote.as_deref() else {
            continue;
        };
        for (role, people) in roles(vote) {
            for person in people {
                if presence(context, person) == Some(Presence::Absent) {
                    out.push(
                        super::Finding::new(
                            decision.line,
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
}
