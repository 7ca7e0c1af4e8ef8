//! Decisions written as prose: `It was resolved to…`, `RESOLVED that…`,
//! `The Committee agreed…`, `…were approved as a true record`, `Approved
//! unanimously`, `Adopted, by a 7-2 vote`, `Resolution #2: …`, `Motion to…
//! carried`, `Lettings Policy – agreed`. A sentence that is one is the
//! decision, votes and all, as written. (Lists under an `Agreed:` label
//! are read by the line reader.)

use std::sync::LazyLock;

use regex::Regex;

static DECISION: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // A body's or the meeting's decision, in the passive or with its subject.
        r"(?i)\b(?:it\s+was|it\s+is|was|were|be|all|we|unanimously|members|councillors|governors|trustees|directors|the\s+(?:council|committee|board|panel|group|meeting|members|cc|tsc|tac|governors|trustees|directors|chair|chairman))\s+(?:(?:unanimously|duly|formally|also|then|therefore|further|jointly|subsequently)\s+)?(?:agreed|resolved|decided|approved|adopted|confirmed|ratified|accepted|endorsed|elected|re-elected|appointed|carried|signed|voted)\b",
        r"(?i)\b(?:noted\s+and\s+agreed|received\s+and\s+noted|agreed\s+and\s+signed|agreed\s+and\s+resolved)\b",
        r"\bRESOLVED\b",
        r"(?i)\bresolved\s+(?:to|that)\b",
        r"(?i)\bresolution\s*(?:#\s*\d+|\d+)?\s*:",
        r"(?i)\btrue\s+(?:and\s+(?:accurate|correct)\s+)?record\b",
        r"(?i)\bmoved\s+as\s+(?:correct|a\s+true)\b",
        r"(?i)\b(?:approved|agreed|adopted|accepted|carried|passed)\s+(?:unanimously|nem\.?\s*con\.?)\b",
        r"(?i)\bunanimous(?:ly)?\s+(?:adoption|approval|agreement|decision|vote)\b",
        r"(?i)\bby\s+(?:a\s+)?\d+\s*[-–:]\s*\d+\s+vote\b",
        r"(?i)\b(?:consensus\s+(?:is|was)|by\s+general\s+consent|there\s+was\s+general\s+agreement)\b",
        r"(?i)\b(?:vote|motion|proposal|nomination|amendment)s?\b[^.]{0,80}\b(?:passed|carried|accepted|approved|failed|fell|lost|were\s+accepted)\b",
        r"(?i)^(?:motion\s+(?:to|for)|approval\s+of)\b",
        r"(?i)\b(?:could|did)\s+not\s+endorse\b",
        r"(?i)\s[-–—:]\s*(?:agreed|approved|adopted)\.?$",
        r"(?i)^(?:agreed|approved|adopted|decided|resolved)\b",
        r"(?i)\bdecision\s+was\s+(?:made|taken)\b",
    ]
    .iter()
    .map(|pattern| Regex::new(pattern).unwrap_or_else(|err| unreachable!("static regex: {err}")))
    .collect()
});

/// A decision that names nothing itself and points at what was written
/// before it: `This was agreed.`, `Approved unanimously`, `Motion carried`.
pub fn refers_back(sentence: &str) -> bool {
    let plain = sentence.replace("**", "");
    let words: Vec<String> = plain
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let pointing = matches!(
        words.first().map(String::as_str),
        Some(
            "this"
                | "it"
                | "that"
                | "these"
                | "approved"
                | "agreed"
                | "carried"
                | "adopted"
                | "motion"
                | "resolution"
                | "which"
                | "all"
        )
    );
    pointing && words.len() <= 6
}

/// Whether a sentence records a decision of the meeting.
pub fn is_decision(sentence: &str) -> bool {
    let plain = sentence.replace("**", "");
    DECISION.iter().any(|pattern| pattern.is_match(&plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decisions_point_back() {
        assert!(refers_back("This was agreed."));
        assert!(refers_back("Approved unanimously"));
        assert!(refers_back("Motion has been approved and passed."));
        assert!(!refers_back("The Committee agreed to fund the hall."));
    }

    #[test]
    fn decisions_in_their_prose_forms() {
        for sentence in [
            "It was resolved to pay all of the above.",
            "RESOLVED that the report be received.",
            "The Committee agreed to fund the hall.",
            "The minutes of 3 May were approved as a true record.",
            "Approved unanimously.",
            "Adopted, by a 7-2 vote.",
            "Resolution #2: Close issue 12",
            "The motion to extend the lease was carried.",
            "Lettings Policy - agreed",
            "We decided to keep it simple.",
            "Ann Lee be elected Chair.",
            "The Panel could not endorse the proposal.",
            "By general consent, the minutes stand.",
        ] {
            assert!(is_decision(sentence), "{sentence}");
        }
        for sentence in [
            "Ann Lee gave a report on the budget.",
            "The group discussed the agreed timetable.",
        ] {
            assert!(!is_decision(sentence), "{sentence}");
        }
    }
}
