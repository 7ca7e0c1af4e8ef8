use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::parse::dates::parse_iso_date;
use crate::problem::Severity;

/// A file name whose date differs from the note's `date`.
pub struct FilenameDate;

static META: RuleMeta = RuleMeta {
    id: "filename-date",
    default_severity: Some(Severity::Warning),
    summary: "the file name holds a date that differs from `date`",
    explanation: "Folders of notes are sorted by file name. A name that disagrees with `date` (a copied note whose date was updated and name was not, or the other way round) puts the meeting in the wrong place for anyone browsing.",
};

static_regex!(DATE_IN_NAME, r"(\d{4}-\d{2}-\d{2})");

impl Rule for FilenameDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(meeting) = context.meeting() else {
            return;
        };
        let Some(name) = context.path.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let Some(named) = DATE_IN_NAME
            .captures(name)
            .and_then(|caps| caps.get(1))
            .and_then(|m| parse_iso_date(m.as_str()))
        else {
            return;
        };
        if named != meeting.date {
            let line = context.key_line("date").unwrap_or(1);
            out.push(
                Finding::new(
                    line,
                    Mark::Text(meeting.date.to_string()),
                    format!("the file name says {named} but `date` is {}", meeting.date),
                )
                .help("rename the file or correct `date`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_as;
    use super::FilenameDate;
    use crate::config::Config;

    #[test]
    fn fires_at_the_date_key() {
        let text = "---\nmeeting: X\ndate: 2025-01-15\n---\n";
        let config = Config::default();
        let found = check_as(&FilenameDate, "notes/2025-01-14-board.md", text, &config);
        assert_eq!((found.len(), found[0].line), (1, 3));
        assert!(check_as(&FilenameDate, "2025-01-15-board.md", text, &config).is_empty());
        assert!(check_as(&FilenameDate, "board.md", text, &config).is_empty());
    }
}
