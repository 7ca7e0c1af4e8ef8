//! A decision that approves earlier minutes as a correct record: "the
//! minutes of the meeting held on 12 May 2015 were approved as a correct
//! record", "that the minutes of the last meeting be confirmed and signed",
//! "Minutes of the previous meeting agreed". Which meeting: the date the
//! decision names, or, when it names none, the series' previous meeting.

use chrono::{Datelike, NaiveDate};

use super::dates::{month_number, written_date};
use crate::model::Approves;

static_regex!(MINUTES, r"(?i)\b(?:minutes|notes)\b");
// "as a correct record": with it, the decision is itself the approval,
// its verb in the label (`Agreed: the minutes … as a correct record`).
static_regex!(RECORD, r"(?i)\b(?:correct|true|accurate|fair)\s+record\b");
static_regex!(
    APPROVED,
    r"(?i)\b(?:approved|agreed|confirmed|accepted|adopted|signed|approve|confirm|agree|accept|adopt|sign)\b"
);
static_regex!(NOT_APPROVED, r"(?i)\b(?:not|deferred|withheld|rejected)\b");
// Without a date, only wording that can mean nothing but this series'
// previous minutes: "the last meeting", or "the minutes were/be …".
static_regex!(
    PREVIOUS,
    r"(?i)\b(?:last|previous|preceding)\s+(?:\w+\s+){0,2}meeting\b|\bminutes\s*,?\s+(?:were|be|are|was|having)\b"
);
static_regex!(
    DATE,
    r"(?ix)
      \b\d{4}-\d{2}-\d{2}\b
    | \b\d{1,2}/\d{1,2}/\d{2,4}\b
    | \b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}\.?(?:,?\s+\d{4})?\b
    | \b[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b
    "
);

/// What a decision's text approves, if it approves minutes; `held` is
/// the date of the meeting that decides, from which a date written
/// without its year is read (the latest such day before it).
pub fn approves(text: &str, held: NaiveDate) -> Option<Approves> {
    let minutes = MINUTES.find(text)?;
    let after = text.get(minutes.start()..)?;
    let said = APPROVED
        .find(after)
        .or_else(|| RECORD.find(after))
        .filter(|_| minutes.as_str().eq_ignore_ascii_case("minutes") || RECORD.is_match(after))?;
    // "the minutes of the working group were noted; its plan agreed".
    if after.get(..said.start())?.contains(';') || NOT_APPROVED.is_match(after) {
        return None;
    }
    // Each place a date could start, so that `Meeting 1st` failing as a
    // date does not hide the `1st April` that overlaps it.
    let mut from = 0;
    while let Some(found) = DATE.find_at(after, from) {
        if let Some(date) = read_date(found.as_str(), held) {
            return Some(Approves::Held(date));
        }
        from = found.start() + after.get(found.start()..)?.chars().next()?.len_utf8();
    }
    PREVIOUS.is_match(after).then_some(Approves::Previous)
}

fn read_date(text: &str, held: NaiveDate) -> Option<NaiveDate> {
    if let Some(date) = written_date(text) {
        return Some(date);
    }
    // `12 May`, `May 12th`: the latest 12 May before the meeting.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("of"))
        .collect();
    let (day, month) = match words.as_slice() {
        [day, month] if day.starts_with(|c: char| c.is_ascii_digit()) => (*day, *month),
        [month, day] => (*day, *month),
        _ => return None,
    };
    let day: u32 = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let month = month_number(month)?;
    (0..=1).find_map(|back| {
        let date = NaiveDate::from_ymd_opt(held.year() - back, month, day)?;
        (date < held).then_some(date)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn read(text: &str) -> Option<Approves> {
        approves(text, date(2015, 6, 9))
    }

    #[test]
    fn common_wordings_with_a_date() {
        let held = Some(Approves::Held(date(2015, 5, 12)));
        for text in [
            "the minutes of the meeting held on 12 May 2015 were approved as a correct record",
            "That the minutes of the meeting held on 12th May 2015 be confirmed as a correct record and signed by the Chair.",
            "Minutes of 2015-05-12 approved.",
            "The minutes of the meeting on 12/05/2015 were agreed as a true record.",
            "the minutes of the meeting held on 12 May were approved",
            "The minutes of the meeting of May 12th were signed as a correct record",
            "the notes of 12 May 2015 as a correct record.",
            "Minutes of the Meeting 12th May: proposed and seconded, and unanimously approved.",
        ] {
            assert_eq!(read(text), held, "{text}");
        }
    }

    #[test]
    fn without_a_date_the_previous_meeting() {
        for text in [
            "The minutes of the last meeting were approved as a correct record.",
            "Minutes of the previous meeting agreed",
            "that the minutes be signed as a true record",
            "The minutes, having been circulated, were taken as read and approved",
        ] {
            assert_eq!(read(text), Some(Approves::Previous), "{text}");
        }
    }

    #[test]
    fn not_approvals() {
        for text in [
            "to meet for 30 minutes before each meeting",
            "the minutes of the Finance Committee held on 3 May 2015 were received",
            "the minutes of the last meeting were not approved",
            "approval of the minutes was deferred to July",
            "to adopt the budget",
            "the minutes of the working group were noted; its plan agreed",
            "the minutes of the working group and its plan were agreed",
            "the notes of the workshop were agreed",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
