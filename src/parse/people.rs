//! People as they are written in notes: `[Title] Name [(Org or role)]`, and
//! lists of action owners (`James Griffin / Tony Ranzetta`, `All`).

use crate::model::Person;
use crate::names::{is_apostrophe, split_titles};
use crate::text::{literal, split_once_top_level, split_top_level};

/// Words that make a parenthesised part a role rather than an organisation:
/// `Liz Holmes (Chair of CTB)`, `Sonia Thomson (minutes)`.
const ROLE_WORDS: &[&str] = &[
    "chair",
    "vice",
    "deputy",
    "director",
    "clerk",
    "secretary",
    "minutes",
    "head",
    "chief",
    "lead",
    "manager",
    "officer",
    "member",
    "executive",
    "president",
    "adviser",
    "advisor",
    "co-ordinator",
    "coordinator",
    "observer",
    "treasurer",
    "leader",
    "portfolio",
];

/// Lower-case words that may stand inside a name: `John van de Laarschot`.
const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "von", "da", "del", "della", "di", "du", "le", "la", "bin", "al",
    "ap", "y",
];

/// Parses one person string. `None` when no name is left once the title and
/// the parenthesised parts are taken off.
pub fn parse_person(text: &str, line: usize) -> Option<Person> {
    let (rest, groups) = split_trailing_groups(text.trim());
    let (title, name) = match split_titles(rest) {
        Some(titles) => (Some(titles.written), titles.rest),
        None => (None, rest),
    };
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return None;
    }
    let mut person = Person {
        name,
        title,
        org: None,
        role: None,
        initials: None,
        line,
    };
    for group in groups {
        classify_group(&mut person, group);
    }
    Some(person)
}

fn classify_group(person: &mut Person, group: &str) {
    let group = group.trim();
    if group.is_empty() {
        return;
    }
    if person.initials.is_none() && are_initials_of(group, &person.name) {
        person.initials = Some(group.to_string());
    } else if is_role(group) {
        person.role = Some(join_parts(person.role.take(), group));
    } else {
        person.org = Some(join_parts(person.org.take(), group));
    }
}

fn join_parts(existing: Option<String>, more: &str) -> String {
    match existing {
        Some(existing) => format!("{existing}; {more}"),
        None => more.to_string(),
    }
}

fn is_role(group: &str) -> bool {
    let first = group
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("")
        .to_lowercase();
    ROLE_WORDS.contains(&first.as_str())
}

/// `JGr` for James Griffin, `MG` for Matt Gott: two to four letters starting
/// with the first name's initial and holding the surname's initial.
pub fn are_initials_of(group: &str, name: &str) -> bool {
    let letters: Vec<char> = group.chars().collect();
    if !(2..=4).contains(&letters.len()) || !letters.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    if !letters.first().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() < 2 {
        return false;
    }
    let initial = |word: &str| word.chars().next().map(|c| c.to_lowercase().to_string());
    let group_lower = group.to_lowercase();
    let (Some(first_initial), Some(last_initial)) = (initial(first), initial(last)) else {
        return false;
    };
    group_lower
        .strip_prefix(first_initial.as_str())
        .is_some_and(|after| after.contains(&last_initial))
}

/// Takes trailing `(…)` groups off `text`: `James Griffin (JGr)(SBC)` gives
/// `James Griffin` and `["JGr", "SBC"]`. Nested parentheses stay inside their group.
fn split_trailing_groups(text: &str) -> (&str, Vec<&str>) {
    let mut rest = text.trim_end();
    let mut groups = Vec::new();
    while rest.ends_with(')') {
        let Some(open) = matching_open_paren(rest) else {
            break;
        };
        groups.push(rest.get(open + 1..rest.len() - 1).unwrap_or(""));
        rest = rest.get(..open).unwrap_or("").trim_end();
    }
    groups.reverse();
    (rest, groups)
}

/// The byte offset of the `(` matching the `)` that ends `text`.
fn matching_open_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// Why one list entry, read as `person`, looks like two people, or `None`.
/// YAML reads a mis-indented list (`  - Ann Lee (NBC)` then `   - Bo Wu
/// (NBC)`) as ONE entry, `Ann Lee (NBC) - Bo Wu (NBC)`, which would count as
/// one person.
pub fn merged_entry(text: &str, person: &Person) -> Option<&'static str> {
    let text = text.trim();
    // Most entries have none of the marks of two people: said at once.
    if starts_plural(text) {
        return Some("it starts with a plural title");
    }
    let suspicious = text.contains([';', ',', '–', '—'])
        || text.contains(" - ")
        || text.matches('(').count() > 1
        || person.name.contains(['(', ')']);
    if !suspicious {
        return None;
    }
    for separator in [" - ", " – ", " — ", ";"] {
        if split_once_top_level(text, literal(separator))
            .is_some_and(|(left, right)| names_a_person(left) && names_a_person(right))
        {
            return Some("two names are joined by a dash or a semicolon");
        }
    }
    if split_once_top_level(text, literal(",")).is_some_and(|(left, right)| {
        [left, right]
            .iter()
            .all(|side| names_a_person(side) && side_words(side) >= 2)
    }) {
        return Some("two full names are separated by a comma");
    }
    if person.name.contains(['(', ')']) {
        return Some("the name has a parenthesis inside it");
    }
    let (_, groups) = split_trailing_groups(text);
    let orgs = groups
        .iter()
        .map(|g| g.trim())
        .filter(|g| !g.is_empty() && !is_role(g) && !are_initials_of(g, &person.name))
        .count();
    (orgs > 1).then_some("it has more than one organisation")
}

/// Whether `text` opens with a plural title (`Cllrs`), checked before the
/// costlier `split_titles`.
fn starts_plural(text: &str) -> bool {
    let starts = |word: &str| {
        text.get(..word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    (starts("cllrs") || starts("councillors"))
        && split_titles(text).is_some_and(|titles| titles.group)
}

/// A side of a split that is a name, perhaps with a title and org: not a
/// role (`Town Clerk`, `Assistant Director`) and not an acronym (`IBM`, `SBC`).
fn names_a_person(text: &str) -> bool {
    parse_person(text, 0).is_some_and(|p| {
        let acronym = !p.name.contains(' ')
            && p.name.chars().count() > 1
            && p.name.chars().all(|c| c.is_uppercase());
        looks_like_name(&p.name)
            && !p.name.contains(['(', ')'])
            && !acronym
            && !mentions_role(&p.name)
    })
}

/// Whether any word of `text` is a role word (`Town Clerk`, `Head of Finance`).
fn mentions_role(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .any(|word| ROLE_WORDS.contains(&word.to_lowercase().as_str()))
}

fn side_words(text: &str) -> usize {
    parse_person(text, 0).map_or(0, |p| p.name.split_whitespace().count())
}

/// Who an action is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owners {
    /// `All`: every member present.
    All,
    People(Vec<Person>),
}

/// Reads `text` as a list of owners, or `None` when it does not look like
/// one (so `Circulate the papers: by Friday` is not taken for an owner).
pub fn parse_owners(text: &str, line: usize) -> Option<Owners> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("all") || text.eq_ignore_ascii_case("all members") {
        return Some(Owners::All);
    }
    // `Cllrs Hale and Lamb`: the plural title is every owner's.
    let plural = starts_plural(text).then(|| split_titles(text)).flatten();
    let (group_title, text) = match plural {
        Some(titles) => (
            Some(crate::names::canonical_title(&titles.written)),
            titles.rest,
        ),
        _ => (None, text),
    };
    let mut people = Vec::new();
    for part in split_owner_list(text) {
        let mut person = parse_person(part, line)?;
        if !looks_like_name(&person.name) {
            return None;
        }
        if person.title.is_none() {
            person.title.clone_from(&group_title);
        }
        people.push(person);
    }
    (!people.is_empty()).then_some(Owners::People(people))
}

/// Splits on `,`, `/`, `&`, `;` and ` and `, but never inside parentheses,
/// where `(Wilts Fire & Rescue)` belongs to one person.
pub fn split_owner_list(text: &str) -> Vec<&str> {
    let separator = |rest: &str| match rest.chars().next() {
        Some(c @ (',' | '/' | '&' | ';')) => Some(c.len_utf8()),
        _ => rest.starts_with(" and ").then_some(5),
    };
    split_top_level(text, separator)
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A name is one to six words, each capitalised or a name particle,
/// made of letters, apostrophes, hyphens and full stops.
pub fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name_chars = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || is_apostrophe(c) || matches!(c, '-' | '.'))
    };
    words.first().is_some_and(|w| starts_upper(w))
        && words
            .iter()
            .all(|w| name_chars(w) && (starts_upper(w) || NAME_PARTICLES.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str) -> Person {
        parse_person(text, 1).unwrap()
    }

    #[test]
    fn title_name_and_org_are_kept_apart() {
        let p = person("Cllr David Renard (SBC)");
        assert_eq!(p.title.as_deref(), Some("Cllr"));
        assert_eq!(p.name, "David Renard");
        assert_eq!(p.org.as_deref(), Some("SBC"));
        let p = person("Dr Andy Seymour (NHS Gloucestershire CCG)");
        assert_eq!(
            (p.title.as_deref(), p.name.as_str()),
            (Some("Dr"), "Andy Seymour")
        );
        assert_eq!(p.org.as_deref(), Some("NHS Gloucestershire CCG"));
    }

    #[test]
    fn titles_with_a_full_stop_and_no_space() {
        let p = person("Dr.Peter Crouch (CCG)");
        assert_eq!(
            (p.title.as_deref(), p.name.as_str()),
            (Some("Dr"), "Peter Crouch")
        );
        let p = person("Mrs. Jane Ede");
        assert_eq!(
            (p.title.as_deref(), p.name.as_str()),
            (Some("Mrs"), "Jane Ede")
        );
        // A name that merely starts with the letters of a title is not titled.
        let p = person("Drew Miles");
        assert_eq!((p.title, p.name.as_str()), (None, "Drew Miles"));
    }

    #[test]
    fn roles_and_initials_are_recognised() {
        let p = person("Liz Holmes (Chair of CTB)");
        assert_eq!((p.role.as_deref(), p.org), (Some("Chair of CTB"), None));
        let p = person("James Griffin (JGr)(SBC)");
        assert_eq!(p.initials.as_deref(), Some("JGr"));
        assert_eq!(p.org.as_deref(), Some("SBC"));
        let p = person("Matt Gott (MG) (SBC)");
        assert_eq!(
            (p.initials.as_deref(), p.org.as_deref()),
            (Some("MG"), Some("SBC"))
        );
        // An org's acronym is not mistaken for initials.
        assert_eq!(person("Matt Gott (SBC)").initials, None);
    }

    #[test]
    fn same_person_ignores_case_title_org_and_spaces() {
        assert!(person("Cllr Steve Jordan (NBC)").is(&person("  steve   JORDAN ")));
        assert!(!person("Steve Jordan").is(&person("Steven Jordan")));
    }

    #[test]
    fn owner_lists_split_outside_parentheses() {
        assert_eq!(
            split_owner_list("James Griffin / Tony Ranzetta, Ann Lee & Bo Wu and Cy Day"),
            [
                "James Griffin",
                "Tony Ranzetta",
                "Ann Lee",
                "Bo Wu",
                "Cy Day"
            ]
        );
        assert_eq!(
            split_owner_list("John Popowicz (Wilts Fire & Rescue)"),
            ["John Popowicz (Wilts Fire & Rescue)"]
        );
    }

    #[test]
    fn an_entry_that_is_two_people_is_recognised() {
        for merged in [
            "Ann Lee (NBC) - Bo Wu (NBC)",
            "Ann Lee – Bo Wu",
            "Ann Lee; Bo Wu",
            "Ann Lee, Bo Wu",
            "Cllr Ann Lee (NBC), Cllr Bo Wu (NBC)",
            "Cllrs Lee and Wu",
            "Ann Lee (NBC) Bo Wu (NBC)",
            "Ann Lee (NBC) (HBC)",
        ] {
            let person = parse_person(merged, 1).unwrap();
            assert!(merged_entry(merged, &person).is_some(), "{merged}");
        }
        for single in [
            "Ann Lee (NBC)",
            "Liz Holmes (Chair of CTB - Vice)",
            "James Griffin (JGr)(SBC)",
            "Liz Holmes (Chair) (SBC)",
            "Lee, Ann",
            "Ann Smith-Jones",
            "Ann Lee (Wilts Fire & Rescue; South)",
            "Dr Ann Lee - Chair",
            "Nora O’Hanlon – Town Clerk",
            "Tess Lindqvist - Assistant Town Clerk",
            "IBM - Jakob Ostrander",
            "Town Clerk - Nora O’Hanlon",
        ] {
            let person = parse_person(single, 1).unwrap();
            assert_eq!(merged_entry(single, &person), None, "{single}");
        }
    }

    #[test]
    fn a_plural_title_is_every_owners() {
        let Some(Owners::People(people)) = parse_owners("Cllrs Hale and Lamb", 3) else {
            panic!("two owners expected");
        };
        let titled: Vec<String> = people.iter().map(Person::display_name).collect();
        assert_eq!(titled, ["Cllr Hale", "Cllr Lamb"]);
    }

    #[test]
    fn owners_must_look_like_names() {
        assert_eq!(parse_owners("All", 3), Some(Owners::All));
        assert!(parse_owners("Circulate the papers", 3).is_none());
        assert!(parse_owners("John van de Laarschot", 3).is_some());
        // Markdown emphasis is removed before owners are read; raw stars are not a name.
        assert!(parse_owners("**Ann Lee**", 3).is_none());
        let Some(Owners::People(people)) = parse_owners("Cllr Ann Lee (NBC) and Bo Wu", 3) else {
            panic!("two owners expected");
        };
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].display_name(), "Cllr Ann Lee");
    }
}
