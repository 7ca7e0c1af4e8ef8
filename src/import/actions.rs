//! Actions written as prose or labelled: `Action: Clerk to write to…`,
//! `Action ND: Email the contact`, `Action #3: propose…`, `AI: …`, `WM to
//! circulate the paper`, `KO will push this forward`, `Mathias agreed to…`,
//! `…that TS would contact…`. An owner is written only when the words name
//! people of the document (by name, surname with a title, first name,
//! initials) or a role such as the Clerk; a labelled action whose owner
//! cannot be told gets none, and a point to check. Sentences that only
//! might be actions (`X will…`) are actions only when X is someone.

use super::ImportedAction;
use crate::model::Person;
use crate::names::name_key;
use crate::parse::people::split_owner_list;

static_regex!(
    LABELLED,
    r"(?i)^(?:\*\*)?(?:action(?:\s+point)?s?|ai|todo|to\s+do)(?:\s*#?\s*\d+)?(?:\s+(?P<who>[A-Z][\w'’.]*(?:\s*(?:/|&|,|and)\s*[A-Z][\w'’.]*)*))?\s*(?:\*\*)?\s*[:\-–—]\s*(?:\*\*)?\s*(?P<what>.+)$"
);

// `WHO to…`, `WHO will…`: the owner words at the start of a sentence
// (or after `that`), then what binds them.
static_regex!(
    WHO_DOES,
    r"^(?:(?:[Ii]t\s+was\s+(?:also\s+)?agreed|[Aa]greed)\s+that\s+)?(?P<who>(?:the\s+)?(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*(?:,|&|/|\band\b)\s*(?:the\s+)?(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})*)\s+(?:also\s+|then\s+|now\s+)?(?P<bind>to|is\s+to|are\s+to|will|would|shall|agreed\s+to|undertook\s+to|promised\s+to|volunteered\s+to|was\s+asked\s+to|were\s+asked\s+to|has\s+agreed\s+to|took\s+the\s+action\s+to|to\s+take\s+the\s+action\s+to)\s+(?P<what>[a-z].+)$"
);

/// The people an action's owner may be.
pub struct People<'a> {
    people: &'a [Person],
}

impl<'a> People<'a> {
    pub fn new(people: &'a [Person]) -> Self {
        People { people }
    }

    /// The owners named by `who`: every part must resolve, to one person
    /// (their name as listed) or to a role; else `None`.
    fn owners(&self, who: &str) -> Option<Vec<String>> {
        let parts = split_owner_list(who);
        let owners: Option<Vec<String>> = parts.iter().map(|part| self.owner(part)).collect();
        owners.filter(|o| !o.is_empty())
    }

    /// The owners in an action column (`GD/CC/HL`, `Clerk`): each must
    /// be someone or a role.
    pub fn owners_of_column(&self, column: &str) -> Option<Vec<String>> {
        let parts: Vec<&str> = column.split(['/', ',', '&']).map(str::trim).collect();
        let owners: Option<Vec<String>> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|part| self.column_owner(part))
            .collect();
        owners.filter(|o| !o.is_empty())
    }

    /// An owner as a column writes one: initials, an office, a first name
    /// or a full name. A lone word that is only someone's surname (`Ward`)
    /// is as likely a table's cell (`Vesey Ward`) as an owner: not one.
    fn column_owner(&self, written: &str) -> Option<String> {
        let lone = !written.trim().contains(' ');
        let office = super::attendance::OFFICES.contains(&written.trim().to_lowercase().as_str());
        if lone && !is_initials(written.trim()) && !office && self.by_first(written).len() != 1 {
            return None;
        }
        self.owner(written)
    }

    fn owner(&self, written: &str) -> Option<String> {
        let written = written
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("The ")
            .trim();
        let lower = written.to_lowercase();
        if super::attendance::OFFICES.contains(&lower.as_str()) {
            return self.office(written);
        }
        let key = name_key(written);
        if let Some(person) = self.people.iter().find(|p| name_key(&p.name) == key) {
            return Some(person.name.clone());
        }
        let words: Vec<&str> = written.split_whitespace().collect();
        let (titled, rest) = match words.as_slice() {
            [title, rest @ ..] if is_title(title) && !rest.is_empty() => (true, rest),
            _ => (false, words.as_slice()),
        };
        let fits: Vec<&Person> = match rest {
            [one] if is_initials(one) => self.by_initials(one),
            [one] => {
                let surname = self.by(|name| name.last() == Some(&name_key(one)));
                if titled || surname.len() == 1 && self.by_first(one).is_empty() {
                    surname
                } else {
                    self.by_first(one)
                }
            }
            [first, last] => self.by(|name| {
                name.first() == Some(&name_key(first))
                    && name
                        .last()
                        .is_some_and(|l| l.starts_with(&name_key(last).replace('.', "")))
            }),
            _ => Vec::new(),
        };
        match fits.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        }
    }

    /// An office as an owner: the one person listed in it, else the
    /// office itself when every meeting has one (the chair, the clerk) or
    /// it is a team rather than a person (`PMO`). A treasurer nobody is
    /// named to is no one the document can tell: `None`.
    pub fn office(&self, written: &str) -> Option<String> {
        let written = written.trim();
        if let Some(holder) = self.by_role(&written.to_lowercase()) {
            return Some(holder);
        }
        STANDING_OFFICES
            .iter()
            .any(|office| same_office(office, written))
            .then(|| capitalise(written))
    }

    fn by(&self, test: impl Fn(&[String]) -> bool) -> Vec<&Person> {
        self.people
            .iter()
            .filter(|p| {
                let words: Vec<String> = p.name.split_whitespace().map(name_key).collect();
                test(&words)
            })
            .collect()
    }

    fn by_first(&self, first: &str) -> Vec<&Person> {
        let first = name_key(first);
        self.by(|name| name.len() > 1 && name.first() == Some(&first))
    }

    /// Initials as listed (`Kieran O’Keefe (KO)`), else as made from the
    /// name (`TS` for Travis Smith).
    fn by_initials(&self, initials: &str) -> Vec<&Person> {
        let listed: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| p.initials.as_deref() == Some(initials))
            .collect();
        if !listed.is_empty() {
            return listed;
        }
        self.people
            .iter()
            .filter(|p| made_initials(&p.name) == initials)
            .collect()
    }

    fn by_role(&self, role: &str) -> Option<String> {
        let holders: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| {
                [&p.title, &p.org, &p.role]
                    .iter()
                    .any(|field| field.as_deref().is_some_and(|f| same_office(f, role)))
            })
            .collect();
        match holders.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        }
    }
}

/// Offices an owner may be without anyone named to them: every meeting
/// has a chair and someone taking its minutes, and an office that is a
/// team is no one person.
const STANDING_OFFICES: &[&str] = &[
    "chair",
    "vice-chair",
    "convenor",
    "convener",
    "clerk",
    "parish clerk",
    "town clerk",
    "minute secretary",
    "pmo",
];

/// `Chairman` and `Chair` are one office.
fn same_office(a: &str, b: &str) -> bool {
    let office = |text: &str| {
        let lower = text.trim().to_lowercase();
        match lower.as_str() {
            "chairman" | "chairwoman" | "chairperson" => "chair".to_string(),
            _ => lower,
        }
    };
    office(a) == office(b)
}

fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_lowercase();
    [
        "cllr",
        "councillor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
    ]
    .contains(&word.as_str())
}

fn is_initials(word: &str) -> bool {
    let count = word.chars().count();
    (2..=4).contains(&count)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && word.chars().all(char::is_alphabetic)
}

fn made_initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The action in `sentence`, if it is one.
pub fn recognise(sentence: &str, people: &People) -> Option<ImportedAction> {
    let plain = sentence
        .replace(['\u{200b}', '\u{feff}'], "")
        .replace("**", "");
    let plain = plain
        .trim()
        .trim_start_matches([
            '•', '●', '○', '■', '□', '▪', '◦', '‣', '➢', '\u{f0b7}', '*', '-', '–', ' ',
        ])
        .trim_end_matches('.')
        .trim();
    if let Some(caps) = LABELLED.captures(plain) {
        let what = caps.name("what").map_or("", |m| m.as_str()).trim();
        let labelled_owner = caps.name("who").and_then(|who| people.owners(who.as_str()));
        // The text is kept as written, label and all (`Action ND: Email
        // the contact`), as the minutes' own words.
        // Without an owner the label stays out: a note's action line reads
        // the words before its colon as the owner.
        let text = if labelled_owner.is_some() {
            plain.to_string()
        } else {
            what.to_string()
        };
        let written = caps.name("who").map(|w| w.as_str().to_string());
        // `Action: WM to circulate…`: the owner inside the text.
        if let Some(mut action) = who_does(what, people) {
            if let Some(owners) = labelled_owner {
                action.owners = owners;
            }
            action.text = text;
            return Some(action);
        }
        return Some(ImportedAction {
            check: labelled_owner.is_none().then(|| match written {
                Some(who) => format!("`{who}` owns this action but is not among the attendees"),
                None => "the owner of this action could not be told from the text".to_string(),
            }),
            owners: labelled_owner.unwrap_or_default(),
            text,
        });
    }
    who_does(plain, people)
        .or_else(|| after_topic(plain).and_then(|rest| who_does(rest, people)))
        .or_else(|| in_a_clause(plain, people))
        .map(|mut action| {
            action.text = plain.to_string();
            action
        })
}

/// `Castle View – HL undertook to find out the cost`: what follows a short
/// topic and a spaced dash, as bulleted minutes open their points.
/// Also what follows an opening phrase and its comma (`In the meantime,
/// TS would …`), when the phrase opens with a word that names no one.
fn after_topic(sentence: &str) -> Option<&str> {
    const OPENINGS: &[&str] = &[
        "in",
        "at",
        "after",
        "following",
        "meanwhile",
        "subsequently",
        "finally",
        "also",
        "however",
        "additionally",
        "separately",
        "then",
    ];
    let dashed = sentence
        .split_once(" – ")
        .or_else(|| sentence.split_once(" - "))
        .filter(|(topic, _)| topic.split_whitespace().count() <= 6);
    let opened = || {
        sentence.split_once(", ").filter(|(opening, _)| {
            let first = opening
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            opening.split_whitespace().count() <= 5 && OPENINGS.contains(&first.as_str())
        })
    };
    dashed.or_else(opened).map(|(_, rest)| rest.trim())
}

/// `KC would contact the Police and HL would find out the cost`, beside an
/// owner column `KC/HL`: one action a clause, each with its own owner,
/// when the clauses' owners are the column's, all of them.
pub fn shared_out(
    sentence: &str,
    owners: &[String],
    people: &People,
) -> Option<Vec<ImportedAction>> {
    if owners.len() < 2 {
        return None;
    }
    let sentence = sentence.trim_end_matches('.');
    let (head, tail, second) = [", and ", " and ", "; "]
        .iter()
        .flat_map(|joint| {
            sentence
                .match_indices(joint)
                .map(move |(at, _)| (at, at + joint.len()))
        })
        .take(8)
        .find_map(|(end, start)| {
            let tail = sentence.get(start..)?;
            let action = who_does(tail, people).filter(|a| !a.owners.is_empty())?;
            Some((sentence.get(..end)?, tail, action))
        })?;
    let first = recognise(head, people)?;
    let mut covered: Vec<&String> = first.owners.iter().chain(&second.owners).collect();
    covered.sort();
    covered.dedup();
    let mut wanted: Vec<&String> = owners.iter().collect();
    wanted.sort();
    (covered == wanted).then(|| {
        vec![
            ImportedAction {
                text: head.trim().to_string(),
                ..first
            },
            ImportedAction {
                text: tail.trim().to_string(),
                ..second
            },
        ]
    })
}

/// `Jeff Triplett: Create a draft forum post`, as lists of actions write
/// them, when the words before the colon are someone. Only under an
/// actions heading: elsewhere `Name: …` is what someone said.
pub fn owner_colon(text: &str, people: &People) -> Option<ImportedAction> {
    let (who, what) = text.split_once(": ")?;
    if who.split_whitespace().count() > 6 || what.trim().is_empty() {
        return None;
    }
    let owners = people.owners(who)?;
    Some(ImportedAction {
        owners,
        text: what.trim().to_string(),
        check: None,
    })
}

/// `…supported the campaign and TS would contact JA`: an action in a
/// clause after `and`, `;` or `so`, when its owner is someone.
fn in_a_clause(sentence: &str, people: &People) -> Option<ImportedAction> {
    // A few clauses at most: a sentence of thousands of `and`s is not
    // minutes, and each try reads the rest of the sentence.
    [", and ", " and ", "; ", ", so ", " so "]
        .iter()
        .flat_map(|joint| {
            sentence
                .match_indices(joint)
                .map(move |(at, _)| at + joint.len())
        })
        .take(8)
        .filter_map(|at| sentence.get(at..))
        .find_map(|clause| who_does(clause, people).filter(|a| !a.owners.is_empty()))
}

/// What follows `would` or `will` when it is a wish or a state, not a
/// task: `would like`, `will be`.
const NOT_TASKS: &[&str] = &[
    "like",
    "welcome",
    "be",
    "have",
    "appreciate",
    "prefer",
    "hope",
    "expect",
    "want",
    "wish",
    "need",
    "love",
    "not",
    "probably",
    "also be",
    "continue to be",
];

fn who_does(text: &str, people: &People) -> Option<ImportedAction> {
    let caps = WHO_DOES.captures(text)?;
    let who = caps.name("who")?.as_str();
    let bind = caps.name("bind")?.as_str().to_lowercase();
    let what = caps.name("what")?.as_str();
    let first_word = what.split_whitespace().next().unwrap_or("");
    if matches!(bind.as_str(), "will" | "would" | "shall") && NOT_TASKS.contains(&first_word) {
        return None;
    }
    match people.owners(who) {
        Some(owners) => Some(ImportedAction {
            owners,
            text: what.to_string(),
            check: None,
        }),
        // `MoJ and HO to produce…`: a firm action by someone the document
        // names but who is not among its people: kept, without an owner.
        None if bind == "to" && who.split_whitespace().count() <= 4 && is_initials_list(who) => {
            Some(ImportedAction {
                owners: Vec::new(),
                text: what.to_string(),
                check: Some(format!(
                    "`{who}` is not among the attendees; give the owner"
                )),
            })
        }
        None => None,
    }
}

fn is_initials_list(who: &str) -> bool {
    split_owner_list(who).iter().all(|part| {
        let part = part.trim();
        part.chars().filter(|c| c.is_uppercase()).count() >= 2 && !part.contains(' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::people::parse_person;

    fn people() -> Vec<Person> {
        [
            "Travis Smith",
            "Kieran O’Keefe (KO)",
            "Mathias Weir O'Phelan",
            "Cllr Mike Dunmore",
            "J Bramley (Clerk)",
            "Luís Cotterill",
            "Marco Pavesi",
        ]
        .iter()
        .filter_map(|p| parse_person(p, 0))
        .collect()
    }

    fn found(sentence: &str) -> Option<(Vec<String>, String)> {
        let listed = people();
        recognise(sentence, &People::new(&listed)).map(|a| (a.owners, a.text))
    }

    #[test]
    fn actions_with_owners_of_the_document() {
        let cases = [
            ("The Clerk to respond accordingly.", vec!["J Bramley"]),
            ("KO will push this forward.", vec!["Kieran O’Keefe"]),
            (
                "TS would contact Democratic Services.",
                vec!["Travis Smith"],
            ),
            (
                "Councillor Dunmore will carry out this risk assessment.",
                vec!["Mike Dunmore"],
            ),
            (
                "Mathias agreed to develop a plan for rolling releases.",
                vec!["Mathias Weir O'Phelan"],
            ),
            (
                "Marco and Luís agreed to get the repository moved.",
                vec!["Marco Pavesi", "Luís Cotterill"],
            ),
            ("Action TS: book the hall", vec!["Travis Smith"]),
            (
                "Castle View Houses – TS undertook to find out the cost.",
                vec!["Travis Smith"],
            ),
            ("Action: Clerk to write to the committee", vec!["J Bramley"]),
        ];
        for (sentence, owners) in cases {
            let (got, _) = found(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(got, owners, "{sentence}");
        }
        assert_eq!(
            found("Action #3: propose a concrete solution"),
            Some((vec![], "propose a concrete solution".to_string()))
        );
        assert_eq!(
            found("MoJ and HO to produce lists of databases").map(|a| a.0),
            Some(vec![])
        );
    }

    #[test]
    fn a_sentence_beside_two_owners_is_an_action_each() {
        let listed = people();
        let people = People::new(&listed);
        let owners = ["Travis Smith".to_string(), "Kieran O’Keefe".to_string()];
        let shared = shared_out(
            "In the meantime, TS would contact the Police and KO would find out the cost of a sign.",
            &owners,
            &people,
        )
        .unwrap_or_default();
        let got: Vec<(Vec<String>, String)> =
            shared.into_iter().map(|a| (a.owners, a.text)).collect();
        assert_eq!(
            got,
            [
                (
                    vec!["Travis Smith".to_string()],
                    "In the meantime, TS would contact the Police".to_string()
                ),
                (
                    vec!["Kieran O’Keefe".to_string()],
                    "KO would find out the cost of a sign".to_string()
                ),
            ]
        );
        // Owners of the clauses other than the column's: not shared out.
        assert_eq!(
            shared_out(
                "TS would contact the Police and KO would find out the cost.",
                &["Travis Smith".to_string(), "Mike Dunmore".to_string()],
                &people
            ),
            None
        );
    }

    #[test]
    fn no_owner_is_invented_and_prose_is_not_an_action() {
        for sentence in [
            "The report will be circulated next week.",
            "Members of the public were welcome to attend.",
            "Jane Doe will send the figures.",
            "It was noted that the hall would close.",
            "KO would welcome any comments on the paper.",
            "Travis Smith will be away in May.",
        ] {
            assert_eq!(found(sentence), None, "{sentence}");
        }
    }
}
