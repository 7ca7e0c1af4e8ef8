//! `crate::presence` for a file the rules check, with its directory.

use super::FileContext;
use crate::model::Person;
pub use crate::presence::Presence;

/// As `crate::presence::presence`, for the file's note.
pub fn presence<'a>(context: &FileContext<'a>, mention: &Person) -> Option<Presence<'a>> {
    crate::presence::presence(context.meeting()?, mention, context.people_index())
}
