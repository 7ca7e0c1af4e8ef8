//! `minutes declarations`: the register of declared interests, meeting by
//! meeting, each with the person it resolves to.

use super::MeetingFilter;
use crate::model::{Declaration, Item, Meeting};
use crate::people::{Directory, Resolver};

#[derive(Debug, Clone, Default)]
pub struct DeclarationFilter {
    pub meetings: MeetingFilter,
    /// Only declarations by this person (an index into the directory).
    pub person: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct DeclarationRow<'a> {
    pub meeting: &'a Meeting,
    pub declaration: &'a Declaration,
    /// The item it concerns, when the note has one with that number.
    pub concerns: Option<&'a Item>,
    /// Whom the declarant resolves to; `None` when nobody, or not one person.
    pub person: Option<usize>,
}

/// Every declaration of the meetings `filter` admits, in meeting order
/// (as given) and then as written.
pub fn declarations<'a>(
    meetings: &'a [Meeting],
    directory: &Directory,
    filter: &DeclarationFilter,
) -> Vec<DeclarationRow<'a>> {
    let resolver = Resolver::new(directory);
    let mut rows = Vec::new();
    for meeting in meetings.iter().filter(|m| filter.meetings.admits(m)) {
        for declaration in meeting.declarations() {
            let person = resolver.person(&declaration.person, meeting);
            if filter.person.is_some() && filter.person != person {
                continue;
            }
            rows.push(DeclarationRow {
                meeting,
                declaration,
                concerns: meeting.item(&declaration.item),
                person,
            });
        }
    }
    rows
}
