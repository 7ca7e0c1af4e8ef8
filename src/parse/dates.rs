//! Recognising dates written the way minutes write them (`15th January 2013`,
//! `15/01/2013`), to suggest the ISO form a note needs.

use chrono::NaiveDate;

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static_regex!(
    DAY_MONTH_YEAR,
    r"(?i)^(?:[a-z]+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})$"
);
static_regex!(
    MONTH_DAY_YEAR,
    r"(?i)^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$"
);
static_regex!(NUMERIC, r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$");

/// The ISO `YYYY-MM-DD` form of a date written another way, when the text is
/// a recognisable, real date. Numeric dates are read day first, as in the UK.
pub fn suggest_iso(text: &str) -> Option<String> {
    let date = written_date(text)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A whole date as minutes write it: ISO, `12 May 2015`, `May 12th, 2015`,
/// or numeric day first (`12/05/2015`).
pub fn written_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    by_names(text).or_else(|| numeric(text))
}

/// `May`, `may`, `Sept.`: the month's number, from its first three letters.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let prefix = lower.get(..3)?;
    let position = MONTHS.iter().position(|m| *m == prefix)?;
    u32::try_from(position + 1).ok()
}

fn by_names(text: &str) -> Option<NaiveDate> {
    let (day, month, year) = if let Some(caps) = DAY_MONTH_YEAR.captures(text) {
        (caps.get(1)?, caps.get(2)?, caps.get(3)?)
    } else {
        let caps = MONTH_DAY_YEAR.captures(text)?;
        (caps.get(2)?, caps.get(1)?, caps.get(3)?)
    };
    NaiveDate::from_ymd_opt(
        year.as_str().parse().ok()?,
        month_number(month.as_str())?,
        day.as_str().parse().ok()?,
    )
}

fn numeric(text: &str) -> Option<NaiveDate> {
    let caps = NUMERIC.captures(text)?;
    let part = |at: usize| -> Option<u32> { caps.get(at)?.as_str().parse().ok() };
    let (a, b, c) = (part(1)?, part(2)?, part(3)?);
    let first_len = caps.get(1)?.as_str().len();
    let (year, month, day) = if first_len == 4 { (a, b, c) } else { (c, b, a) };
    if year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// A strict `YYYY-MM-DD` date that exists on the calendar.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, b)| match at {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::{parse_iso_date, suggest_iso};

    #[test]
    fn recognisable_dates_get_their_iso_form() {
        let cases = [
            ("15th January 2013", Some("2013-01-15")),
            ("Tuesday 18 March 2014", Some("2014-03-18")),
            ("28 Oct 2010", Some("2010-10-28")),
            ("March 18, 2014", Some("2014-03-18")),
            ("18/03/2014", Some("2014-03-18")),
            ("2014-3-8", Some("2014-03-08")),
            ("2014-02-30", None),
            ("next week", None),
        ];
        for (text, expected) in cases {
            assert_eq!(suggest_iso(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn strict_iso_dates() {
        assert!(parse_iso_date("2014-03-18").is_some());
        assert!(parse_iso_date("2014-02-30").is_none());
        assert!(parse_iso_date("2014-3-18").is_none());
        assert!(parse_iso_date("15th January 2013").is_none());
    }
}
