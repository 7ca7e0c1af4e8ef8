//! Whether a person a note names in a vote, a motion or a declaration was
//! at the meeting, and who they are: the statutory record asks it of the
//! people in `present`, never of anyone else. Read by the lint rules of the
//! record and by `decisions`, which names voters as the directory does.

use crate::model::{Meeting, Person};
use crate::people::{Directory, NoteIndex, Resolution};

/// Who in `present` a mention is.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence<'a> {
    Present(&'a Person),
    /// Resolves to someone not in `present`, or to nobody.
    Absent,
    /// Could be any of several: nothing should rest on a guess.
    Ambiguous,
}

/// The person in `meeting`'s `present` that `mention` is: the same name, a
/// surname that exactly one of them has (`for: Hale, Lamb`), or the one
/// person the directory resolves both to. `None` when the note lists no
/// one as present, so nothing can be judged.
pub fn presence<'a>(
    meeting: &'a Meeting,
    mention: &Person,
    people: Option<(&Directory, &NoteIndex)>,
) -> Option<Presence<'a>> {
    let present = meeting.present.as_slice();
    if present.is_empty() {
        return None;
    }
    if let Some(person) = present.iter().find(|p| p.is(mention)) {
        return Some(Presence::Present(person));
    }
    let key = mention.key();
    if !key.contains(' ') {
        let by_surname: Vec<&Person> = present
            .iter()
            .filter(|p| p.key().rsplit(' ').next() == Some(key.as_str()))
            .collect();
        match by_surname.as_slice() {
            [one] => return Some(Presence::Present(one)),
            [_, _, ..] => return Some(Presence::Ambiguous),
            [] => {}
        }
    }
    let Some((directory, index)) = people else {
        return Some(Presence::Absent);
    };
    Some(match directory.resolve_in(mention, index) {
        Resolution::Found { person, .. } => present
            .iter()
            .find(|p| directory.resolve_in(p, index).person() == Some(person))
            .map_or(Presence::Absent, Presence::Present),
        Resolution::Ambiguous { .. } => Presence::Ambiguous,
        Resolution::Unknown => Presence::Absent,
    })
}

/// The name to print for someone a vote names: the canonical name (with
/// title) of the one person they are, else the name as written.
pub fn canonical_name(
    meeting: &Meeting,
    mention: &Person,
    directory: &Directory,
    index: &NoteIndex,
) -> String {
    let person = match presence(meeting, mention, Some((directory, index))) {
        Some(Presence::Present(present)) => present,
        Some(Presence::Ambiguous) => return mention.display_name(),
        _ => mention,
    };
    match directory.resolve_in(person, index) {
        Resolution::Found { person: at, .. } => directory
            .get(at)
            .map_or_else(|| person.display_name(), |known| known.display_name()),
        _ => person.display_name(),
    }
}
