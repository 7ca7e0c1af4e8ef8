//! Whether a person a note names in a vote, a motion or a declaration was
//! at the meeting: the rules of the statutory record ask it of the people
//! in `present`, never of anyone else.

use super::FileContext;
use crate::model::Person;
use crate::people::Resolution;

/// Who in `present` a mention is.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence<'a> {
    Present(&'a Person),
    /// Resolves to someone not in `present`, or to nobody.
    Absent,
    /// Could be any of these: no finding should rest on a guess.
    Ambiguous,
}

/// The person in the note's `present` that `mention` is: the same name, a
/// surname that exactly one of them has (`for: Hale, Lamb`), or the one
/// person the directory resolves both to. `None` when the note lists no
/// one as present, so nothing can be judged.
pub fn presence<'a>(context: &FileContext<'a>, mention: &Person) -> Option<Presence<'a>> {
    let present = context.meeting()?.present.as_slice();
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
    let Some((directory, index)) = context.people_index() else {
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
