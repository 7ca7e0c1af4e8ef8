//! The record of a motion written at the end of a decision, in brackets:
//! `(proposed by Cllr Hale, seconded by Cllr Lamb; for 7, against 2,
//! abstained 1)`, `(carried unanimously)`, `(for: Hale, Lamb; against:
//! Price)`. Its parts may come in any order. A last sentence that is wholly
//! such a record is one too (`… were approved. Proposed by RW and seconded
//! by PP.`), as clerks often write it. A bracket or sentence that is not
//! wholly a record (`(see appendix A)`, `(for 2025/26)`) is left in the
//! text: a vote is never read out of prose.

use regex::Captures;

use super::people::{Owners, parse_owners};
use crate::model::{Outcome, Person, Unanimity, Vote};

static_regex!(
    PART,
    r"(?ix)
    \b(?:
        (?P<proposed>proposed|moved|motioned)\s+by\b
      | (?P<seconded>seconded)\s+by\b
      | (?P<list>for|against|abstained|abstaining|abstentions|abstain)\s*:
      | (?P<side>for|against|abstained|abstaining|abstentions?)\s+(?P<count>\d{1,3})\b
      | (?P<count2>\d{1,3})\s+(?P<side2>for|against|abstentions?|abstained|abstaining)\b
      | (?P<votes>\d{1,3})\s+votes?\s+to\s+(?P<votes_against>\d{1,3})\b
      | (?P<unanimous>(?:carried\s+)?unanimously|unanimous)\b
      | (?P<nemcon>nem\.?\s*con)\.?
      | (?P<outcome>carried|lost|defeated|fell)\b
    )"
);

// Text between parts that joins them and says nothing.
static_regex!(JOINER, r"(?i)^[\s,;.]*(?:(?:and|with|by)\b[\s,;.]*)*$");

/// A decision's text with its record taken off the end, the record, and
/// the outcome the record states (`carried`, `lost`), if it states one.
pub struct Split {
    pub text: String,
    pub vote: Option<Vote>,
    pub outcome: Option<Outcome>,
}

pub fn split_record(text: &str, line: usize) -> Split {
    let unchanged = || Split {
        text: text.to_string(),
        vote: None,
        outcome: None,
    };
    let record = trailing_brackets(text)
        .and_then(|(before, inner)| Some((before, read_record(inner, line)?)))
        .or_else(|| {
            let (before, last) = last_sentence(text)?;
            Some((before, read_record(last, line)?))
        });
    match record {
        Some((before, (vote, outcome))) => Split {
            text: before.trim_end().to_string(),
            vote: (vote != Vote::default()).then_some(vote),
            outcome,
        },
        None => unchanged(),
    }
}

/// The text up to and with the full stop that ends its second-last
/// sentence, and the last sentence without its own.
fn last_sentence(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let stop = body.rfind(". ")?;
    Some((body.get(..=stop)?, body.get(stop + 2..)?))
}

/// The text before a final `( … )` and what is inside it; a full stop
/// after the bracket is allowed.
fn trailing_brackets(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed).trim_end();
    let body = trimmed.strip_suffix(')')?;
    let mut depth = 0usize;
    for (at, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((body.get(..at)?, body.get(at + 1..)?)),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Reads the inside of the bracket as a record, part by part; `None` when
/// anything in it is not part of a record.
fn read_record(inner: &str, line: usize) -> Option<(Vote, Option<Outcome>)> {
    if !could_start_a_record(inner) {
        return None;
    }
    let parts: Vec<Captures> = PART.captures_iter(inner).collect();
    let first = parts.first()?.get(0)?;
    if !JOINER.is_match(inner.get(..first.start())?) {
        return None;
    }
    let mut vote = Vote::default();
    let mut outcome = None;
    for (at, part) in parts.iter().enumerate() {
        let end = part.get(0)?.end();
        let next = parts
            .get(at + 1)
            .and_then(|p| p.get(0))
            .map_or(inner.len(), |m| m.start());
        let argument = inner.get(end..next)?;
        let takes_names = part.name("proposed").is_some()
            || part.name("seconded").is_some()
            || part.name("list").is_some();
        if !takes_names && !JOINER.is_match(argument) {
            return None;
        }
        if takes_names {
            read_names(part, argument, line, &mut vote)?;
        } else {
            read_fixed(part, &mut vote, &mut outcome)?;
        }
    }
    Some((vote, outcome))
}

/// Whether `text` starts (after joining words) as a record must: a cheap
/// test before the regex, as every decision's last sentence is tried.
fn could_start_a_record(text: &str) -> bool {
    const STARTS: [&str; 15] = [
        "proposed",
        "moved",
        "motioned",
        "seconded",
        "for",
        "against",
        "abstain",
        "carried",
        "lost",
        "defeated",
        "fell",
        "unanimous",
        "nem",
        "and",
        "with",
    ];
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.'));
    text.starts_with(|c: char| c.is_ascii_digit())
        || STARTS.iter().any(|word| {
            text.get(..word.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(word))
        })
}

/// A part that names people: a proposer, a seconder, or one side of a
/// recorded vote.
fn read_names(part: &Captures, argument: &str, line: usize, vote: &mut Vote) -> Option<()> {
    let names = trim_joiners(argument);
    let people = match parse_owners(names, line)? {
        Owners::People(people) => people,
        Owners::All => return None,
    };
    let one = |people: Vec<Person>| -> Option<Person> {
        let mut people = people.into_iter();
        let person = people.next()?;
        people.next().is_none().then_some(person)
    };
    if part.name("proposed").is_some() {
        vote.proposer = Some(one(people)?);
    } else if part.name("seconded").is_some() {
        vote.seconder = Some(one(people)?);
    } else {
        let side = part.name("list")?.as_str().to_ascii_lowercase();
        side_list(vote, &side).extend(people);
    }
    Some(())
}

/// A part with no names: a count, unanimity, or the outcome.
fn read_fixed(part: &Captures, vote: &mut Vote, outcome: &mut Option<Outcome>) -> Option<()> {
    if let (Some(side), Some(count)) = (
        part.name("side").or(part.name("side2")),
        part.name("count").or(part.name("count2")),
    ) {
        let count: u32 = count.as_str().parse().ok()?;
        let side = side.as_str().to_ascii_lowercase();
        *side_count(vote, &side) = Some(count);
    } else if let (Some(yes), Some(no)) = (part.name("votes"), part.name("votes_against")) {
        vote.counts.yes = Some(yes.as_str().parse().ok()?);
        vote.counts.no = Some(no.as_str().parse().ok()?);
    } else if part.name("unanimous").is_some() {
        vote.unanimity = Some(Unanimity::Unanimous);
        *outcome = Some(Outcome::Carried);
    } else if part.name("nemcon").is_some() {
        vote.unanimity = Some(Unanimity::NemCon);
        *outcome = Some(Outcome::Carried);
    } else {
        let word = part.name("outcome")?.as_str().to_ascii_lowercase();
        *outcome = Some(match word.as_str() {
            "carried" => Outcome::Carried,
            _ => Outcome::Lost,
        });
    }
    Some(())
}

fn side_list<'v>(vote: &'v mut Vote, side: &str) -> &'v mut Vec<Person> {
    match side {
        "for" => &mut vote.voted_for,
        "against" => &mut vote.voted_against,
        _ => &mut vote.abstained,
    }
}

fn side_count<'v>(vote: &'v mut Vote, side: &str) -> &'v mut Option<u32> {
    match side {
        "for" => &mut vote.counts.yes,
        "against" => &mut vote.counts.no,
        _ => &mut vote.counts.abstain,
    }
}

/// Names with the joining words around them taken off: `Cllr Hale and `
/// before `seconded by` gives `Cllr Hale`.
fn trim_joiners(text: &str) -> &str {
    let mut text = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.'));
    for joiner in [" and", " with"] {
        if let Some(start) = text.len().checked_sub(joiner.len()) {
            if text
                .get(start..)
                .is_some_and(|end| end.eq_ignore_ascii_case(joiner))
            {
                text = text
                    .get(..start)
                    .unwrap_or(text)
                    .trim_end_matches([',', ' ', ';']);
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Split {
        split_record(text, 1)
    }

    fn names(people: &[Person]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn proposer_seconder_and_counts_in_any_order() {
        let got = split(
            "to approve the plan (proposed by Cllr Ann Hale, seconded by Cllr Bo Lamb; for 7, against 2, abstained 1)",
        );
        assert_eq!(got.text, "to approve the plan");
        let vote = got.vote.unwrap();
        assert_eq!(vote.proposer.unwrap().name, "Ann Hale");
        assert_eq!(vote.seconder.unwrap().name, "Bo Lamb");
        assert_eq!(
            (vote.counts.yes, vote.counts.no, vote.counts.abstain),
            (Some(7), Some(2), Some(1))
        );
        let got = split(
            "to adopt it (2 abstentions, 5 for, against 1, moved by Ann Hale and seconded by Bo Lamb).",
        );
        let vote = got.vote.unwrap();
        assert_eq!(
            (vote.counts.yes, vote.counts.no, vote.counts.abstain),
            (Some(5), Some(1), Some(2))
        );
        assert_eq!(vote.proposer.unwrap().name, "Ann Hale");
        assert_eq!(vote.seconder.unwrap().name, "Bo Lamb");
    }

    #[test]
    fn unanimity_and_outcome_words() {
        let got = split("to close the account (carried unanimously)");
        assert_eq!(got.outcome, Some(Outcome::Carried));
        assert_eq!(got.vote.unwrap().unanimity, Some(Unanimity::Unanimous));
        let got = split("to close it (nem. con.)");
        assert_eq!(got.vote.unwrap().unanimity, Some(Unanimity::NemCon));
        let got = split("to sell the land (lost by 3 votes to 5)");
        assert_eq!(got.outcome, Some(Outcome::Lost));
        let vote = got.vote.unwrap();
        assert_eq!((vote.counts.yes, vote.counts.no), (Some(3), Some(5)));
        // The outcome alone is no vote, but is still read.
        let got = split("to sell (lost)");
        assert_eq!(
            (got.text.as_str(), got.outcome),
            ("to sell", Some(Outcome::Lost))
        );
        assert!(got.vote.is_none());
    }

    #[test]
    fn a_recorded_vote_by_name() {
        let got = split("to refuse (for: Hale, Lamb; against: Cllr Cy Price; abstained: Ode)");
        let vote = got.vote.unwrap();
        assert_eq!(names(&vote.voted_for), ["Hale", "Lamb"]);
        assert_eq!(names(&vote.voted_against), ["Cy Price"]);
        assert_eq!(names(&vote.abstained), ["Ode"]);
        assert_eq!(vote.tally().cast(), 4);
    }

    #[test]
    fn a_last_sentence_that_is_wholly_a_record() {
        let got = split(
            "The minutes of the last meeting were approved. Proposed by Ann Hale and seconded by Bo Lamb.",
        );
        assert_eq!(got.text, "The minutes of the last meeting were approved.");
        let vote = got.vote.unwrap();
        assert_eq!(vote.proposer.unwrap().name, "Ann Hale");
        assert_eq!(vote.seconder.unwrap().name, "Bo Lamb");
        let got = split("To sell the barn. Carried unanimously.");
        assert_eq!(got.text, "To sell the barn.");
        assert_eq!(got.outcome, Some(Outcome::Carried));
        for text in [
            "To set the budget. For 2025.",
            "To meet again. For 12 months the hall is closed.",
            "To thank the staff. Seconded by all present, warmly.",
        ] {
            let got = split(text);
            assert_eq!(got.text, text);
            assert!(got.vote.is_none() && got.outcome.is_none(), "{text}");
        }
    }

    #[test]
    fn brackets_that_are_not_a_record_stay_in_the_text() {
        for text in [
            "to adopt the plan (see appendix A)",
            "to set the budget (for 2025/26)",
            "to set the budget (for 2025)",
            "to thank the staff (all of them)",
            "to note the report (for information)",
            "to appoint Ann Hale (proposed by the chair's friend, 3)",
            "no brackets at all",
        ] {
            let got = split(text);
            assert_eq!(got.text, text);
            assert!(got.vote.is_none() && got.outcome.is_none(), "{text}");
        }
    }

    #[test]
    fn nested_brackets_in_names_are_kept() {
        let got = split("to adopt (proposed by Ann Hale (NBC), seconded by Bo Lamb (WFRS))");
        let vote = got.vote.unwrap();
        assert_eq!(vote.proposer.unwrap().org.as_deref(), Some("NBC"));
        assert_eq!(got.text, "to adopt");
    }
}
