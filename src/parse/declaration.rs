//! A declaration of interest, once the walker has found its label:
//! `Declaration: Cllr Mary Hale — pecuniary: owns land next to the site;
//! left the room for item 6`. The person comes first, then the kind, the
//! detail, the item it concerns and whether the member left the room, each
//! but the person optional.

use super::people::{Owners, parse_owners};
use crate::model::{InterestKind, Person};
use crate::text::split_once_top_level;

static_regex!(
    LABEL,
    r"^(?i:declarations?(?:\s+of\s+interests?)?|declared(?:\s+interests?)?)\s*:\s*(.*)$"
);
static_regex!(
    KIND,
    r"(?i)^(?:an?\s+)?(?:(?P<non>non[-\s]?pecuniary)|(?P<pecuniary>(?:disclosable\s+)?pecuniary)|(?P<other>other(?:\s+registrable)?))(?:\s+interests?)?\b\s*[:,;.\-–—]?\s*"
);
static_regex!(
    LEFT_ROOM,
    r"(?i)\b(?:left|withdrew\s+from|leaving)\s+the\s+(?:room|meeting|chamber)\b|\bwithdrew\b"
);
static_regex!(
    STAYED,
    r"(?i)\b(?:did\s+not\s+leave|didn't\s+leave|remained|stayed)\b"
);
static_regex!(
    FOR_ITEM,
    r"(?i)\b(?:for|on|during|in|in\s+respect\s+of|re)\s+(?:agenda\s+)?item\s+(\d+[a-zA-Z]?(?:\.\d+)*)\b"
);
// What is left of a part once the room and the item are taken out, when
// it said nothing else.
static_regex!(
    EMPTY_PART,
    r"(?i)^[\s,;.:\-–—]*(?:(?:and|the|and\s+the|during|for|while|whilst)\b[\s,;.:\-–—]*)*(?:discussion|debate|vote|item)?[\s,;.]*$"
);

/// A declaration as written, before its item is known.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDeclaration {
    pub people: Vec<Person>,
    pub kind: Option<InterestKind>,
    pub detail: String,
    /// An item named with `for item N`.
    pub for_item: Option<String>,
    pub left_room: bool,
    pub line: usize,
}

/// Reads a paragraph or list item's text as a declaration; `None` when it
/// is not one (no label, `Declarations: none`, or no person first).
pub fn declaration(text: &str, line: usize) -> Option<RawDeclaration> {
    let rest = LABEL.captures(text)?.get(1)?.as_str().trim();
    let lower = rest.to_lowercase();
    if ["none", "nil", "no ", "there were no", "n/a"]
        .iter()
        .any(|nothing| lower.starts_with(nothing))
    {
        return None;
    }
    let (who, said) = split_person(rest);
    let people = match parse_owners(who, line)? {
        Owners::People(people) => people,
        Owners::All => return None,
    };
    let (kind, said) = match KIND.captures(said) {
        Some(caps) => {
            let kind = if caps.name("non").is_some() {
                InterestKind::NonPecuniary
            } else if caps.name("pecuniary").is_some() {
                InterestKind::Pecuniary
            } else {
                InterestKind::Other
            };
            let end = caps.get(0).map_or(0, |m| m.end());
            (Some(kind), said.get(end..).unwrap_or(""))
        }
        None => (None, said),
    };
    let mut left_room = false;
    let mut for_item = None;
    let mut detail: Vec<String> = Vec::new();
    for part in said.split(';') {
        let stayed = STAYED.is_match(part);
        let left = !stayed && LEFT_ROOM.is_match(part);
        left_room |= left;
        let item = FOR_ITEM.captures(part);
        if let Some(number) = item.as_ref().and_then(|caps| caps.get(1)) {
            for_item.get_or_insert_with(|| number.as_str().to_string());
        }
        let mut rest = part.to_string();
        if left {
            rest = LEFT_ROOM.replace_all(&rest, "").into_owned();
        }
        if item.is_some() {
            rest = FOR_ITEM.replace_all(&rest, "").into_owned();
        }
        if (left || item.is_some()) && EMPTY_PART.is_match(&rest) {
            continue;
        }
        // `a trustee of the museum, for item 5`: the item is kept apart, so
        // it is taken out of the detail; what else the part says stays.
        let kept = if item.is_some() && !left {
            rest.as_str()
        } else {
            part
        };
        let kept = kept.trim().trim_end_matches(['.', ',', ';']).trim();
        if !kept.is_empty() {
            detail.push(kept.to_string());
        }
    }
    Some(RawDeclaration {
        people,
        kind,
        detail: detail.join("; "),
        for_item,
        left_room,
        line,
    })
}

/// The person before the first ` — `, ` – `, ` - `, `:` or `,` outside
/// brackets, and what follows it.
fn split_person(text: &str) -> (&str, &str) {
    let separator = |rest: &str| {
        [" — ", " – ", " - ", "—", ":", ","]
            .iter()
            .find(|sep| rest.starts_with(**sep))
            .map(|sep| sep.len())
    };
    match split_once_top_level(text, separator) {
        Some((who, said)) => (who.trim(), said.trim_start()),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> RawDeclaration {
        declaration(text, 4).unwrap()
    }

    #[test]
    fn the_full_form() {
        let got = read(
            "Declaration: Cllr Mary Hale — pecuniary: owns land next to the site; left the room for item 6",
        );
        assert_eq!(got.people[0].name, "Mary Hale");
        assert_eq!(got.people[0].title.as_deref(), Some("Cllr"));
        assert_eq!(got.kind, Some(InterestKind::Pecuniary));
        assert_eq!(got.detail, "owns land next to the site");
        assert_eq!(got.for_item.as_deref(), Some("6"));
        assert!(got.left_room);
        assert_eq!(got.line, 4);
    }

    #[test]
    fn kinds_labels_and_what_may_be_left_out() {
        let got = read("declared: Ann Lee, non-pecuniary interest, a trustee of the museum");
        assert_eq!(got.kind, Some(InterestKind::NonPecuniary));
        assert_eq!(got.detail, "a trustee of the museum");
        assert!(!got.left_room && got.for_item.is_none());
        let got = read("Declaration: Bo Wu - other registrable interest (school governor)");
        assert_eq!(got.kind, Some(InterestKind::Other));
        assert_eq!(got.detail, "(school governor)");
        let got =
            read("Declaration: Bo Wu — her husband works for the bidder; remained in the room");
        assert_eq!(got.kind, None);
        assert_eq!(
            got.detail,
            "her husband works for the bidder; remained in the room"
        );
        assert!(!got.left_room);
        let got = read(
            "Declarations of interest: Dr Cy Day: disclosable pecuniary interest in item 4.2; withdrew during the discussion",
        );
        assert_eq!(got.kind, Some(InterestKind::Pecuniary));
        assert_eq!(got.people[0].title.as_deref(), Some("Dr"));
        assert!(got.left_room);
        assert_eq!(got.for_item.as_deref(), Some("4.2"));
        assert_eq!(got.detail, "");
    }

    #[test]
    fn nothing_declared_is_no_declaration() {
        for text in [
            "Declarations: none",
            "Declarations of interest: None declared.",
            "Declaration: there were no declarations",
            "Declared: nil",
            "Declaration: the chair reminded members to declare",
            "Declarations were made",
        ] {
            assert_eq!(declaration(text, 1), None, "{text}");
        }
    }
}
