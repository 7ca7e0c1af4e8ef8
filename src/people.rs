//! Who is who: one entry per real person, from the `people:` register and
//! the notes, and the resolution of every spelling to one of them.
//!
//! A spelling resolves, in this order, by: the canonical name (ignoring case,
//! title and org); a register alias or initials; and, within one note, a
//! first name or a first name and initial (`Gavin`, `Tony R`) that fits
//! exactly one person listed in that note. A spelling that fits several is
//! ambiguous and stays unresolved: it is never guessed.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::RegisteredPerson;
use crate::model::{Meeting, Person, person_key};
use crate::parse::people::parse_person;

/// One real person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    pub title: Option<String>,
    pub orgs: Vec<String>,
    pub initials: Option<String>,
    pub aliases: Vec<String>,
    /// In the `people:` register, not only seen in notes.
    pub registered: bool,
}

impl Known {
    pub fn display_name(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// How a spelling was resolved, for `minutes people --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    Name,
    Alias(String),
    Initials(String),
    /// A first name (and initial) that fits one person listed in the note.
    FirstName,
    /// A first name (and initial) that fits one person known anywhere (a
    /// name typed on the command line, with no note around it).
    FirstNameAnywhere,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found { person: usize, how: How },
    Ambiguous { candidates: Vec<usize> },
    Unknown,
}

impl Resolution {
    pub fn person(&self) -> Option<usize> {
        match self {
            Resolution::Found { person, .. } => Some(*person),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub struct Directory {
    pub people: Vec<Known>,
    by_name: FxHashMap<String, usize>,
    by_alias: FxHashMap<String, (usize, bool)>,
}

impl Directory {
    /// Everyone in the register, then everyone listed or owning an action
    /// under a full name in `meetings`.
    pub fn build(register: &[RegisteredPerson], meetings: &[Meeting]) -> Directory {
        let mut directory = Directory::listed_only(register, meetings);
        // The same owners recur in note after note; each name is looked at once.
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for meeting in meetings {
            let owners = meeting
                .actions()
                .flat_map(|a| a.owners.iter())
                .chain(meeting.updates().flat_map(|u| u.owners.iter()));
            for person in owners {
                if seen.insert(&person.name)
                    && directory.lookup(&person.name).is_none()
                    && is_full_name(&person.name)
                {
                    directory.learn(person);
                }
            }
        }
        directory
    }

    /// The register and the people the notes list, but not action owners
    /// who appear nowhere else: what `action-owner-unknown` checks against.
    pub fn listed_only(register: &[RegisteredPerson], meetings: &[Meeting]) -> Directory {
        let mut directory = Directory::default();
        for person in register {
            directory.add_registered(person);
        }
        // A mention exactly like an earlier one that found its person
        // teaches nothing new (a name, once found, stays found): skipped.
        let mut seen: FxHashSet<Mention> = FxHashSet::default();
        for meeting in meetings {
            for person in listed(meeting) {
                let mention = Mention::of(person);
                if !seen.contains(&mention) && directory.learn(person) {
                    seen.insert(mention);
                }
            }
        }
        directory
    }

    fn add_registered(&mut self, person: &RegisteredPerson) {
        let parsed = parse_person(&person.name, 0);
        let name = parsed
            .as_ref()
            .map_or(person.name.clone(), |p| p.name.clone());
        let at = self.people.len();
        self.by_name.insert(person_key(&name), at);
        for alias in &person.aliases {
            // Keyed like a spelling: without its title or org.
            let alias_name = parse_person(alias, 0).map_or_else(|| alias.clone(), |p| p.name);
            self.by_alias.insert(person_key(&alias_name), (at, false));
        }
        if let Some(initials) = &person.initials {
            self.by_alias.insert(person_key(initials), (at, true));
        }
        self.people.push(Known {
            name,
            title: person.title.clone().or(parsed.and_then(|p| p.title)),
            orgs: person.org.iter().cloned().collect(),
            initials: person.initials.clone(),
            aliases: person.aliases.clone(),
            registered: true,
        });
    }

    /// Adds what a mention tells (a new person, another org, initials);
    /// false when it names no one the directory can hold.
    fn learn(&mut self, person: &Person) -> bool {
        let at = match self.lookup(&person.name) {
            Some((at, _)) => at,
            None if is_full_name(&person.name) => {
                let at = self.people.len();
                self.by_name.insert(person.key(), at);
                self.people.push(Known {
                    name: person.name.clone(),
                    title: None,
                    orgs: Vec::new(),
                    initials: None,
                    aliases: Vec::new(),
                    registered: false,
                });
                at
            }
            None => return false,
        };
        let Some(known) = self.people.get_mut(at) else {
            return false;
        };
        if known.title.is_none() {
            known.title.clone_from(&person.title);
        }
        if let Some(org) = &person.org {
            if !known.orgs.iter().any(|o| o.eq_ignore_ascii_case(org)) {
                known.orgs.push(org.clone());
            }
        }
        if let Some(initials) = &person.initials {
            if known.initials.is_none() {
                known.initials = Some(initials.clone());
            }
            self.by_alias
                .entry(person_key(initials))
                .or_insert((at, true));
        }
        true
    }

    /// By canonical name, alias or initials: the first two steps.
    fn lookup(&self, name: &str) -> Option<(usize, How)> {
        let key = person_key(name);
        if let Some(at) = self.by_name.get(&key) {
            return Some((*at, How::Name));
        }
        self.by_alias.get(&key).map(|(at, initials)| {
            let how = if *initials {
                How::Initials(name.to_string())
            } else {
                How::Alias(name.to_string())
            };
            (*at, how)
        })
    }

    /// Resolves a spelling written in `meeting`, or typed on the command
    /// line when `meeting` is `None`.
    pub fn resolve(&self, spelling: &str, meeting: Option<&Meeting>) -> Resolution {
        let name = bare_name(spelling);
        if let Some((person, how)) = self.lookup(&name) {
            return Resolution::Found { person, how };
        }
        let Some(pattern) = ShortName::parse(&name) else {
            return Resolution::Unknown;
        };
        let mut candidates: Vec<usize> = match meeting {
            Some(meeting) => listed(meeting)
                .filter_map(|p| self.lookup(&p.name).map(|(at, _)| at))
                .filter(|at| self.people.get(*at).is_some_and(|k| pattern.fits(&k.name)))
                .collect(),
            None => (0..self.people.len())
                .filter(|at| self.people.get(*at).is_some_and(|k| pattern.fits(&k.name)))
                .collect(),
        };
        candidates.sort_unstable();
        candidates.dedup();
        match candidates.as_slice() {
            [] => Resolution::Unknown,
            [person] => Resolution::Found {
                person: *person,
                how: if meeting.is_some() {
                    How::FirstName
                } else {
                    How::FirstNameAnywhere
                },
            },
            _ => Resolution::Ambiguous { candidates },
        }
    }

    pub fn get(&self, at: usize) -> Option<&Known> {
        self.people.get(at)
    }

    /// Canonical names, for suggestions.
    pub fn names(&self) -> Vec<&str> {
        self.people.iter().map(|k| k.name.as_str()).collect()
    }

    /// The canonical names of `candidates`, joined for a message.
    pub fn describe(&self, candidates: &[usize]) -> String {
        candidates
            .iter()
            .filter_map(|at| self.get(*at))
            .map(|k| format!("`{}`", k.name))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// Resolves spellings by the thousand against one directory, remembering
/// the answers that do not depend on the note (found by name, alias or
/// initials, or not a name at all): the same owners recur in every note.
pub struct Resolver<'d, 'm> {
    directory: &'d Directory,
    memo: std::cell::RefCell<FxHashMap<&'m str, Memo>>,
}

#[derive(Clone, Copy)]
enum Memo {
    Person(usize),
    /// A first name: it resolves only among the people of its note.
    ByNote,
    Unknown,
}

impl<'d, 'm> Resolver<'d, 'm> {
    pub fn new(directory: &'d Directory) -> Self {
        Resolver {
            directory,
            memo: Default::default(),
        }
    }

    pub fn directory(&self) -> &'d Directory {
        self.directory
    }

    /// The person `spelling`, written in `meeting`, resolves to; as
    /// `Directory::resolve(..).person()`.
    pub fn person(&self, spelling: &'m str, meeting: &Meeting) -> Option<usize> {
        let known = self.memo.borrow().get(spelling).copied();
        let memo = match known {
            Some(memo) => memo,
            None => {
                let name = bare_name(spelling);
                let memo = match self.directory.lookup(&name) {
                    Some((person, _)) => Memo::Person(person),
                    None if ShortName::parse(&name).is_some() => Memo::ByNote,
                    None => Memo::Unknown,
                };
                self.memo.borrow_mut().insert(spelling, memo);
                memo
            }
        };
        match memo {
            Memo::Person(person) => Some(person),
            Memo::ByNote => self.directory.resolve(spelling, Some(meeting)).person(),
            Memo::Unknown => None,
        }
    }
}

/// What a mention can teach the directory.
#[derive(PartialEq, Eq, Hash)]
struct Mention<'a> {
    name: &'a str,
    title: Option<&'a str>,
    org: Option<&'a str>,
    initials: Option<&'a str>,
}

impl<'a> Mention<'a> {
    fn of(person: &'a Person) -> Self {
        Mention {
            name: &person.name,
            title: person.title.as_deref(),
            org: person.org.as_deref(),
            initials: person.initials.as_deref(),
        }
    }
}

/// Everyone a note lists: chair, minute-taker and the four lists.
pub fn listed(meeting: &Meeting) -> impl Iterator<Item = &Person> {
    meeting
        .chair
        .iter()
        .chain(&meeting.minutes_by)
        .chain(&meeting.present)
        .chain(&meeting.in_attendance)
        .chain(&meeting.apologies)
        .chain(&meeting.absent)
}

/// The name in a spelling, without its title, org or role.
fn bare_name(spelling: &str) -> String {
    parse_person(spelling, 0).map_or_else(|| spelling.trim().to_string(), |p| p.name)
}

/// A first name and surname at least: `Tony Ranzetta`, not `Tony` or `Tony R`.
fn is_full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words
            .last()
            .is_some_and(|last| last.trim_end_matches('.').chars().count() > 1)
}

/// `Tony` or `Tony R`: a first name, and perhaps the surname's initial.
struct ShortName {
    first: String,
    initial: Option<char>,
}

impl ShortName {
    fn parse(name: &str) -> Option<ShortName> {
        let words: Vec<&str> = name.split_whitespace().collect();
        match words.as_slice() {
            [first] => Some(ShortName {
                first: first.to_lowercase(),
                initial: None,
            }),
            [first, initial] => {
                let letters: Vec<char> = initial.trim_end_matches('.').chars().collect();
                match letters.as_slice() {
                    [letter] if letter.is_alphabetic() => Some(ShortName {
                        first: first.to_lowercase(),
                        initial: letter.to_lowercase().next(),
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn fits(&self, full_name: &str) -> bool {
        let words: Vec<String> = full_name
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return false;
        };
        words.len() >= 2
            && *first == self.first
            && self.initial.is_none_or(|initial| last.starts_with(initial))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::parse::{Parsed, parse_text};

    fn meeting(text: &str) -> Meeting {
        match parse_text(Path::new("n.md"), text) {
            Parsed::Note {
                meeting: Some(m), ..
            } => *m,
            other => panic!("{other:?}"),
        }
    }

    fn directory() -> (Directory, Vec<Meeting>) {
        let meetings = vec![
            meeting(
                "---\nmeeting: B\ndate: 2025-01-01\npresent:\n  - Tony Ranzetta (CCG)\n  - James Griffin (JGr)(SBC)\n  - Cllr Jim Grant (SBC)\n  - Gavin Jones\n---\n- [ ] Tony: a\n- [ ] Tony R: b\n- [ ] JGr: c\n- [ ] Gavin: d\n- [ ] Ann Other: e\n",
            ),
            meeting(
                "---\nmeeting: B\ndate: 2025-02-01\npresent:\n  - Tony Ranzetta\n  - Tony Smith\n---\n- [ ] Tony: f\n",
            ),
        ];
        let register = vec![RegisteredPerson {
            name: "Cllr Jim Grant".into(),
            aliases: vec!["James Grant".into()],
            ..RegisteredPerson::default()
        }];
        (Directory::build(&register, &meetings), meetings)
    }

    fn name_of(directory: &Directory, resolution: &Resolution) -> Option<String> {
        resolution
            .person()
            .and_then(|at| directory.get(at))
            .map(|k| k.name.clone())
    }

    #[test]
    fn the_resolver_remembers_only_what_holds_in_every_note() {
        let (directory, meetings) = directory();
        let resolver = Resolver::new(&directory);
        // Twice over, so that the second round answers from memory; `Tony`
        // is Tony Ranzetta in the first note and ambiguous in the second.
        for _ in 0..2 {
            for meeting in &meetings {
                for spelling in [
                    "Tony",
                    "Tony R",
                    "JGr",
                    "James Grant",
                    "Gavin",
                    "Nobody",
                    "X",
                ] {
                    assert_eq!(
                        resolver.person(spelling, meeting),
                        directory.resolve(spelling, Some(meeting)).person(),
                        "{spelling} in {}",
                        meeting.date
                    );
                }
            }
        }
        let tony = |m: &Meeting| resolver.person("Tony", m);
        assert!(tony(&meetings[0]).is_some());
        assert_eq!(tony(&meetings[1]), None);
    }

    #[test]
    fn names_aliases_initials_and_first_names_resolve() {
        let (directory, meetings) = directory();
        let first = meetings.first();
        let found = |spelling: &str| name_of(&directory, &directory.resolve(spelling, first));
        assert_eq!(
            found("cllr TONY ranzetta (NHS)").as_deref(),
            Some("Tony Ranzetta")
        );
        assert_eq!(found("James Grant").as_deref(), Some("Jim Grant"));
        assert_eq!(found("JGr").as_deref(), Some("James Griffin"));
        assert_eq!(found("Tony").as_deref(), Some("Tony Ranzetta"));
        assert_eq!(found("Tony R").as_deref(), Some("Tony Ranzetta"));
        assert_eq!(found("Gavin").as_deref(), Some("Gavin Jones"));
        assert_eq!(
            found("Ann Other").as_deref(),
            Some("Ann Other"),
            "a full-named owner is a person too"
        );
        assert_eq!(
            directory.get(0).unwrap().orgs,
            ["SBC"],
            "the register's person learns orgs from notes"
        );
    }

    #[test]
    fn an_ambiguous_first_name_is_never_guessed() {
        let (directory, meetings) = directory();
        let second = meetings.get(1);
        let Resolution::Ambiguous { candidates } = directory.resolve("Tony", second) else {
            panic!("ambiguous expected");
        };
        assert_eq!(
            directory.describe(&candidates),
            "`Tony Ranzetta` or `Tony Smith`"
        );
        assert!(matches!(
            directory.resolve("Tony", None),
            Resolution::Ambiguous { .. }
        ));
        assert_eq!(
            directory.resolve("Tony S", None).person(),
            directory.resolve("Tony Smith", None).person()
        );
        assert_eq!(directory.resolve("Nobody", None), Resolution::Unknown);
    }
}
