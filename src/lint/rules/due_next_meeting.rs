use super::super::fix::Edit;
use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};

/// `(due next meeting)` where the note's `next_meeting` says when that is.
pub struct DueNextMeeting;

static META: RuleMeta = RuleMeta {
    id: "due-next-meeting",
    default_severity: None,
    summary: "an action due `next meeting` whose date the note knows (off by default)",
    explanation: "`(due next meeting)` is read as the note's `next_meeting`, so nothing is lost. Some bodies prefer every due date written as a date, so that a note read on its own, or after the next meeting moves, says when: turn this rule on, and `--fix` writes the date.",
};

static_regex!(DUE_NEXT, r"(?i)\bdue(:?)\s+next\s+meeting\b");

impl Rule for DueNextMeeting {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        for (line, date) in due_next(context) {
            out.push(
                Finding::new(
                    line,
                    Mark::Text("next meeting".into()),
                    format!("due `next meeting`, which this note says is {date}"),
                )
                .help(format!("write `(due {date})`")),
            );
        }
    }

    fn fixable(&self) -> bool {
        true
    }

    fn fix(&self, context: &FileContext, out: &mut Vec<Edit>) {
        for (line, date) in due_next(context) {
            let text = context.index.line_text(context.text, line);
            let mut found = DUE_NEXT.captures_iter(text);
            let (Some(caps), None) = (found.next(), found.next()) else {
                continue;
            };
            let (Some(whole), colon) = (caps.get(0), caps.get(1).map_or("", |m| m.as_str())) else {
                continue;
            };
            out.push(Edit {
                rule: META.id,
                line,
                from: whole.as_str().to_string(),
                to: format!("due{colon} {date}"),
            });
        }
    }
}

/// The lines of actions and updates due `next meeting`, with the date the
/// note's `next_meeting` gives it.
fn due_next(context: &FileContext) -> Vec<(usize, chrono::NaiveDate)> {
    let Some(meeting) = context.meeting() else {
        return Vec::new();
    };
    let Some(next) = meeting.next_meeting else {
        return Vec::new();
    };
    let next_meeting = |written: &Option<String>| written.as_deref() == Some("next meeting");
    meeting
        .actions()
        .filter(|a| next_meeting(&a.due_written))
        .map(|a| a.line)
        .chain(
            meeting
                .updates()
                .filter(|u| next_meeting(&u.due_written))
                .map(|u| u.line),
        )
        .map(|line| (line, next))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check_as, fixed_as};
    use super::DueNextMeeting;
    use crate::config::Config;

    fn on() -> Config {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.yaml");
        std::fs::write(&path, "rules:\n  due-next-meeting: info\n").unwrap();
        Config::load(&path).unwrap()
    }

    #[test]
    fn next_meeting_becomes_its_date_when_turned_on() {
        let note = "---\nmeeting: X\ndate: 2025-01-01\nnext_meeting: 2025-02-04\n---\n- [ ] Al Bee: a (due next meeting)\n- [ ] Al Bee: b due: Next Meeting\n- [ ] 2024-12-01/1.1 — due next meeting\n";
        let lines: Vec<usize> = check_as(&DueNextMeeting, "note.md", note, &on())
            .iter()
            .map(|f| f.line)
            .collect();
        assert_eq!(lines, [6, 7]);
        assert_eq!(
            fixed_as(&DueNextMeeting, note, &on()),
            "---\nmeeting: X\ndate: 2025-01-01\nnext_meeting: 2025-02-04\n---\n- [ ] Al Bee: a (due 2025-02-04)\n- [ ] Al Bee: b due: 2025-02-04\n- [ ] 2024-12-01/1.1 — due next meeting\n"
        );
        // Off by default: nothing is fixed.
        assert_eq!(fixed_as(&DueNextMeeting, note, &Config::default()), note);
    }
}
