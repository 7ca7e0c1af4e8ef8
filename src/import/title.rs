//! The meeting's name and date, from the first lines of a document. The
//! name is the body's (`Hillfoot Community Council`), not the sentence around
//! it (`Minutes of a Meeting held on …`): dates, times, weekdays and the
//! words that wrap a body's name are taken off, and a line that names a
//! body (a council, board, committee, group, panel …) is preferred. The
//! date is the one the header gives, not the previous meeting's (`the
//! minutes of the meeting held on … were approved`), nor when a page was
//! published or revised; dates are read in the forms minutes write them,
//! numeric ones day first, as in the UK.

use chrono::NaiveDate;
use regex::Regex;

use super::attendance::split_columns;
use super::document::Hints;

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static_regex!(
    DAY_MONTH_YEAR,
    &format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?,?\s+(\d{{4}})\b")
);
static_regex!(
    MONTH_DAY_YEAR,
    &format!(r"(?i)\b{MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
);
static_regex!(
    YEAR_MONTH_DAY,
    &format!(r"(?i)\b(\d{{4}})\s+{MONTH}\s+(\d{{1,2}})\b")
);
static_regex!(ISO, r"\b(\d{4})-(\d{2})-(\d{2})\b");
static_regex!(NUMERIC, r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b");
static_regex!(
    TIME,
    r"(?i)\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\b(?:\s*(?:utc|gmt|bst|cet|edt|est|pst))?"
);
static_regex!(
    WEEKDAY,
    r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?"
);
static_regex!(YEAR, r"\b(?:19|20)\d{2}\b|\bQ[1-4]\b");
static_regex!(
    LEADS,
    r"(?i)^(?:(?:draft|unconfirmed|confirmed|approved)\s+)?(?:(?:minutes|notes|meeting\s+notes|meeting\s+minutes|record)\s+(?:of|for|from)\s+)?(?:(?:the|a|an)\s+)?(?:\d+(?:st|nd|rd|th)\s+meeting\s+of\s+(?:the\s+)?)?"
);
static_regex!(
    TAILS,
    r"(?i)(?:[\s\-–—:,|(]+(?:(?:monthly|annual|general|regular|ordinary|special|extraordinary|public|full|quarterly|weekly)\s+)?(?:meeting|minutes|notes|agenda|held|on|at|of|the|a\.?g\.?m\.?|telco|call|summary|shared|record|\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth))+[\s\-–—:,|(]*$"
);
static_regex!(
    FIELD,
    r"(?i)^(?:date|time|location|venue|where|when|chair|chaired|present|attendees|attendants|attending|apologies|place|room|minutes\s+by|minute\s+taker|clerk|page|held|topic|subject|purpose|agenda|item\s+\d+[a-z]?)\b"
);
// A template's field naming the committee (`COMMITTEE  Full Governing
// Body  DATE  07/12/2020`), its value beside it or on the line below.
static_regex!(
    COMMITTEE_FIELD,
    r"(?i)^committee\s*[;:]?(?:\s{2,}|\s*$|[;:]\s*)"
);
/// A word of the capitalised run that names a body in a sentence.
const NAME_WORD: &str = r"(?:\p{Lu}[\w'’&.-]*|of|and|the|for|on|upon|cum|&)";
static_regex!(
    NEXT_MEETING_OF,
    &format!(
        r"(?i:\bnext\s+meeting\s+of\s+(?:the\s+)?)(\p{{Lu}}[\w'’.-]*(?:\s+{NAME_WORD})*?)\s+(?i:will|is|shall|to\s+be|on|at|was)\b"
    )
);
static_regex!(
    NEXT_BODY_MEETING,
    &format!(r"(?i:\bnext\s+(?:the\s+)?)(\p{{Lu}}[\w'’.-]*(?:\s+{NAME_WORD})*?)\s+(?i:meeting)\b")
);
/// Words that only wrap a name, or place it in time: a name of nothing
/// but these (`Notes`, `28 Mar`) is no name.
const NOT_A_NAME: &[&str] = &[
    "meeting", "meetings", "minutes", "notes", "agenda", "summary", "record", "draft", "item",
];

/// Words that name a body, preferred in a name.
const BODY_WORDS: &[&str] = &[
    "council",
    "board",
    "committee",
    "group",
    "panel",
    "team",
    "trust",
    "partnership",
    "foundation",
    "society",
    "governors",
    "governing",
    "tac",
    "tsc",
    "tc",
    "wg",
    "forum",
    "association",
    "executive",
    "cabinet",
    "commission",
    "steering",
    "assembly",
    "club",
];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Title {
    pub meeting: Option<String>,
    pub date: Option<NaiveDate>,
}

/// How many of the first non-empty lines are read for the name.
const NAME_LINES: usize = 8;
/// How many are read for the date.
const DATE_LINES: usize = 30;

pub fn recognise(lines: &[String], hints: &Hints) -> Title {
    let first: Vec<String> = lines
        .iter()
        .map(|line| plain(line))
        .filter(|line| !line.is_empty())
        .take(DATE_LINES)
        .collect();
    Title {
        meeting: name(&first, hints).or_else(|| next_meetings_body(lines)),
        date: date(&first, hints),
    }
}

/// When the header names no body, the closing line often does: `The next
/// Hillfoot Community Council meeting will take place on …`, `The next
/// meeting of Fenby Parish Council will be held …`.
fn next_meetings_body(lines: &[String]) -> Option<String> {
    lines.iter().find_map(|line| {
        let found = NEXT_MEETING_OF
            .captures(line)
            .or_else(|| NEXT_BODY_MEETING.captures(line))?;
        let name = found.get(1)?.as_str().trim();
        (names_body(name) && title_case(name)).then(|| unshout(name))
    })
}

fn plain(line: &str) -> String {
    line.replace("**", "")
        .replace("__", "")
        .replace('\u{200b}', "")
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches('_')
        .trim()
        .to_string()
}

fn name(lines: &[String], hints: &Hints) -> Option<String> {
    if let Some(committee) = committee_field(lines) {
        return Some(committee);
    }
    // A title line, a body's name then the date (`NOTES OF IEWM BOARD
    // MEETING – 28th October 2010`), names the meeting best.
    let titled = hints
        .title
        .iter()
        .chain(lines.iter().take(NAME_LINES))
        .find_map(|line| {
            let at = first_date(line)?;
            let name = name_of(line.get(..at)?)?;
            names_body(&name).then_some(name)
        });
    if titled.is_some() {
        return titled;
    }
    let hinted = hints.title.iter().filter_map(|t| clean_name(t));
    let candidates: Vec<String> = hinted
        .chain(lines.iter().take(NAME_LINES).filter_map(|l| clean_name(l)))
        .collect();
    for (at, candidate) in candidates.iter().enumerate() {
        if !names_body(candidate) {
            continue;
        }
        // `The Quarry Foundation` then `Board of Directors`.
        let starts_with_body = |name: &str| {
            name.split_whitespace()
                .next()
                .is_some_and(|w| BODY_WORDS.contains(&w.to_lowercase().as_str()))
        };
        let short = |name: &str| name.split_whitespace().count() <= 4;
        if let Some(next) = candidates
            .get(at + 1)
            .filter(|n| starts_with_body(n) && short(n))
        {
            if !starts_with_body(candidate) && candidate.split_whitespace().count() <= 5 {
                return Some(format!("{candidate} {next}"));
            }
        }
        return Some(candidate.clone());
    }
    // No line names a body: the page's own title, or one of the first
    // lines, if it is a name at all (a later line is as likely a person or
    // a place).
    let title_line = hints.title.as_deref().and_then(clean_name);
    title_line.or_else(|| lines.iter().take(3).find_map(|l| clean_name(l)))
}

/// A committee named in a template's field, after the body it belongs to
/// when a line above names one: `Kestrel Academy Board of Governors - Full
/// Governing Body`.
fn committee_field(lines: &[String]) -> Option<String> {
    let first = lines.get(..NAME_LINES).unwrap_or(lines);
    let at = first
        .iter()
        .position(|line| COMMITTEE_FIELD.is_match(line))?;
    let rest = COMMITTEE_FIELD.replace(first.get(at)?, "");
    // A label beside it (`COMMITTEE;   DATE;`): the values are on the line
    // below, in the same order.
    let value = match split_columns(&rest).first() {
        Some(cell) if !cell.ends_with([';', ':']) => (*cell).to_string(),
        _ => (*split_columns(first.get(at + 1)?).first()?).to_string(),
    };
    let committee = name_of(&value)?;
    let body = first
        .get(..at)?
        .iter()
        .rev()
        .filter_map(|line| clean_name(line))
        .find(|name| names_body(name));
    Some(match body {
        Some(body) if !committee.contains(&body) => format!("{body} - {committee}"),
        _ => committee,
    })
}

static_regex!(MONTH_WORD, &format!(r"^{MONTH}$"));

/// A line as a body's name, or `None` when nothing of a name is left.
fn clean_name(line: &str) -> Option<String> {
    // A list item is an entry of something, never the title.
    let listed = line.starts_with("- ") || line.starts_with("* ");
    // A title is short; a long line is text, and cleaning it a word at a
    // time would take time growing with the square of its length.
    if listed
        || line.len() > 300
        || FIELD.is_match(line)
        || super::attendance::label(line).is_some()
    {
        return None;
    }
    // `… BOARD MEETING – 28th October 2010 Held at the Hall`: what comes
    // after the date is where and when, not the name.
    first_date(line)
        .and_then(|at| line.get(..at))
        .and_then(name_of)
        .or_else(|| name_of(line))
}

fn first_date(line: &str) -> Option<usize> {
    [
        &*DAY_MONTH_YEAR,
        &*MONTH_DAY_YEAR,
        &*YEAR_MONTH_DAY,
        &*ISO,
        &*NUMERIC,
    ]
    .iter()
    .filter_map(|pattern| pattern.find(line).map(|m| m.start()))
    .min()
}

fn names_body(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| BODY_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Small words a name may hold in lower case (`Roads and Transport Panel`).
const CONNECTORS: &[&str] = &[
    "of", "and", "the", "for", "&", "on", "in", "upon", "cum", "de", "la", "van", "von", "to", "-",
    "–", "—", "with",
];

/// Every word capitalised, but for the small ones: a name, not a sentence.
fn title_case(text: &str) -> bool {
    text.split_whitespace().all(|word| {
        let first = word
            .trim_start_matches(['(', '"', '“', '\''])
            .chars()
            .next();
        first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic())
            || CONNECTORS.contains(&word.to_lowercase().as_str())
    })
}

fn name_of(line: &str) -> Option<String> {
    let mut text = line.to_string();
    for pattern in [
        &*DAY_MONTH_YEAR,
        &*MONTH_DAY_YEAR,
        &*YEAR_MONTH_DAY,
        &*ISO,
        &*NUMERIC,
    ] {
        text = pattern.replace_all(&text, " ").to_string();
    }
    for pattern in [&*TIME, &*WEEKDAY, &*YEAR] {
        text = pattern.replace_all(&text, " ").to_string();
    }
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = text.clone();
        text = LEADS.replace(&text, "").trim().to_string();
        text = TAILS.replace(&text, "").trim().to_string();
        if text == before {
            break;
        }
    }
    let text = text
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .trim();
    let words = text.split_whitespace().count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let starts_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if letters < 3
        || words > 12
        || !starts_upper
        || text.contains(". ")
        || !title_case(text)
        || nothing_but_wrapping(text)
    {
        return None;
    }
    Some(unshout(text))
}

fn nothing_but_wrapping(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .all(|word| {
            let lower = word.to_lowercase();
            word.chars().all(|c| c.is_ascii_digit())
                || NOT_A_NAME.contains(&lower.as_str())
                || MONTH_WORD.is_match(&lower)
        })
}

/// `BURTON-CUM-DALE PARISH COUNCIL` as `Burton-Cum-Dale Parish
/// Council`; short words (`IEWM`, `TAC`) stay in capitals.
fn unshout(text: &str) -> String {
    let shouting = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !shouting {
        return text.to_string();
    }
    text.split_whitespace()
        .map(|word| {
            let lower = word.to_lowercase();
            if CONNECTORS.contains(&lower.as_str()) {
                return lower;
            }
            // Short words in capitals are acronyms (`IEWM`, `TAC`), unless
            // they are ordinary words.
            if word.chars().count() <= 4 && !ORDINARY.contains(&lower.as_str()) {
                return word.to_string();
            }
            // `BURTON-CUM-DALE` as `Burton-cum-Dale`.
            lower
                .split('-')
                .enumerate()
                .map(|(at, part)| {
                    if at > 0 && CONNECTORS.contains(&part) {
                        return part.to_string();
                    }
                    let mut chars = part.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_uppercase().chain(chars).collect()
                    })
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short words that are words, not acronyms, when written in capitals.
const ORDINARY: &[&str] = &[
    "west", "east", "north", "south", "new", "old", "town", "city", "hall", "park", "road", "team",
    "club", "area", "ward", "hill", "vale", "moor", "fell", "dale", "mill", "upper", "lower",
    "high", "low", "st", "all", "our", "full", "open", "data", "user", "land",
];

/// Words on a date's line that make it another date than the meeting's.
const NOT_THIS_MEETING: &[&str] = &[
    "previous",
    "last meeting",
    "were approved",
    "was approved",
    "approved",
    "confirmed",
    "signed",
    "created",
    "revised",
    "published",
    "updated",
    "next meeting",
    "date of next",
    "future",
    "deadline",
    "due",
    "by ",
    "until",
    "circulated",
    "posted",
];

fn date(lines: &[String], hints: &Hints) -> Option<NaiveDate> {
    let mut best: Option<(i32, usize, NaiveDate)> = None;
    let mut consider = |score: i32, at: usize, date: NaiveDate| {
        let better = best.is_none_or(|(s, a, _)| score > s || (score == s && at < a));
        if better {
            best = Some((score, at, date));
        }
    };
    if let Some(date) = hints.date.as_deref().and_then(hinted_date) {
        consider(2, 0, date);
    }
    // The page's title is a title line.
    if let Some(date) = hints.title.as_deref().and_then(hinted_date) {
        consider(5, 0, date);
    }
    for (at, line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        let mut score = 0;
        if at < 4 {
            score += 3;
        }
        if lower.contains("date") || lower.contains("held") || lower.contains("meeting") {
            score += 2;
        }
        if NOT_THIS_MEETING.iter().any(|cue| lower.contains(cue)) {
            score -= 10;
        }
        for date in dates_in(line) {
            consider(score, at + 1, date);
        }
    }
    best.filter(|(score, _, _)| *score >= 0)
        .map(|(_, _, date)| date)
}

/// A front matter's date: ISO, perhaps with a time after it, or as people
/// write dates.
fn hinted_date(text: &str) -> Option<NaiveDate> {
    dates_in(text).into_iter().next()
}

/// Every date written in `line`, in the order written.
pub fn dates_in(line: &str) -> Vec<NaiveDate> {
    // Each form with the groups holding its year, month and day; a month
    // is a number or a name.
    let forms: [(&Regex, [usize; 3]); 5] = [
        (&DAY_MONTH_YEAR, [3, 2, 1]),
        (&MONTH_DAY_YEAR, [3, 1, 2]),
        (&YEAR_MONTH_DAY, [1, 2, 3]),
        (&ISO, [1, 2, 3]),
        (&NUMERIC, [3, 2, 1]),
    ];
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for (form, [year, month, day]) in forms {
        for caps in form.captures_iter(line) {
            let text = |at: usize| caps.get(at).map_or("", |m| m.as_str());
            let date = NaiveDate::from_ymd_opt(
                year_of(text(year)).unwrap_or(0),
                month_of(text(month)).unwrap_or(0),
                text(day).parse().unwrap_or(0),
            );
            let start = caps.get(0).map_or(0, |m| m.start());
            if let Some(date) = date {
                if !found.iter().any(|(at, _)| *at == start) {
                    found.push((start, date));
                }
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, date)| date).collect()
}

/// `06`, `6` or `June`.
fn month_of(text: &str) -> Option<u32> {
    if let Ok(number) = text.parse() {
        return Some(number);
    }
    let name = text.to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let position = months.iter().position(|m| name.starts_with(m))?;
    u32::try_from(position + 1).ok()
}

/// `2025`, or `25` as 2025.
fn year_of(text: &str) -> Option<i32> {
    let value: i32 = text.parse().ok()?;
    Some(if text.len() == 2 { 2000 + value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> Title {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        recognise(&lines, &Hints::default())
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_bodys_name_not_the_sentence_around_it() {
        for (text, name) in [
            (
                "### NOTES OF COUNTY PARTNERSHIP BOARD MEETING – 28th October 2010 Held at the Hall",
                "County Partnership Board",
            ),
            (
                "Hillfoot Community Council\nMinutes of a Meeting held on Tuesday 5 March 2019",
                "Hillfoot Community Council",
            ),
            (
                "# Minutes from the 2020-06-01 Larchwood Technical Steering Committee Meeting",
                "Larchwood Technical Steering Committee",
            ),
            (
                "# Fenby Board monthly meeting, February 13, 2025",
                "Fenby Board",
            ),
            (
                "          The Quarry Foundation\n   Board of Directors Meeting Minutes\n   June 25, 2003",
                "Quarry Foundation Board of Directors",
            ),
            ("KESTREL PARISH COUNCIL A.G.M.", "Kestrel Parish Council"),
            (
                "BURTON-CUM-DALE PARISH COUNCIL",
                "Burton-cum-Dale Parish Council",
            ),
            (
                "41\nReading Society Committee Meeting - Minutes",
                "Reading Society Committee",
            ),
            (
                "Date: 26/10/2016\nLocation: Lab 2\nOpen Maps Users - Agenda",
                "Open Maps Users",
            ),
            (
                "## COUNTY IMPROVEMENT PARTNERSHIP\n### NOTES OF COUNTY IMPROVEMENT BOARD MEETING – 9th November 2023",
                "County Improvement Board",
            ),
            (
                "WEST MIDLANDS PARTNERSHIP\nThe Committee discussed the waiting list.",
                "West Midlands Partnership",
            ),
            (
                "Harbour Trust Committee\nTUESDAY 12 MARCH 2024\nThe Committee discussed the list.",
                "Harbour Trust Committee",
            ),
            (
                "   Item 12b\n   28 Mar 18\n\nRecreation and Open Spaces\nTuesday 13th March 2018",
                "Recreation and Open Spaces",
            ),
            (
                "   KESTREL ACADEMY BOARD OF GOVERNORS\n\nCOMMITTEE    Finance Committee     DATE    07/12/2020",
                "Kestrel Academy Board of Governors - Finance Committee",
            ),
            (
                "   KESTREL ACADEMY BOARD OF GOVERNORS\n COMMITTEE;            DATE;\n      Full Governing Body       23/11/2020",
                "Kestrel Academy Board of Governors - Full Governing Body",
            ),
            (
                "Minutes for meeting held Tuesday 6 May 2025\n## Present\n- Ann Bell\n\
                 The Next Hillfoot Community Council Meeting Will Take place on 3 June 2025",
                "Hillfoot Community Council",
            ),
            (
                "Notes\nPresent: Ann Bell\nThe next meeting of Fenby Parish Council will be held on 3 June.",
                "Fenby Parish Council",
            ),
        ] {
            assert_eq!(title(text).meeting.as_deref(), Some(name), "{text}");
        }
    }

    #[test]
    fn a_label_or_a_date_is_no_name() {
        for text in [
            "Date: 26/10/2016\nTopic of meeting:\nAnn’s feedback on the design",
            "# Meeting notes from 2025\n## Notes",
            "  28 Mar 18\n",
        ] {
            assert_eq!(title(text).meeting, None, "{text}");
        }
    }

    #[test]
    fn the_meetings_date_not_the_previous_one_nor_the_published_one() {
        let text = "BRACKEN PARISH COUNCIL\nMINUTES OF THE MEETING HELD ON\nTUESDAY, 6 MAY 2025\n\
            The minutes of the meeting held on 1 April 2025 were approved.";
        assert_eq!(title(text).date, day(2025, 5, 6));
        assert_eq!(
            title("Group\nMeeting Date: March 27, 2019").date,
            day(2019, 3, 27)
        );
        assert_eq!(title("Date: 26/10/2016").date, day(2016, 10, 26));
        assert_eq!(title("## 2025 December 16").date, day(2025, 12, 16));
        assert_eq!(title("Team\nrevised 31/3/2014").date, None);
        let hints = Hints {
            title: None,
            date: Some("2024-05-01 10:00".into()),
        };
        assert_eq!(recognise(&[], &hints).date, day(2024, 5, 1));
        let hints = Hints {
            title: Some("Data Panel – sixth meeting 16 December 2010".into()),
            date: Some("2011-03-08".into()),
        };
        let read = recognise(&[], &hints);
        assert_eq!(
            (read.meeting.as_deref(), read.date),
            (Some("Data Panel"), day(2010, 12, 16))
        );
    }
}
