use super::super::fix::Edit;
use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// `time: 14:00` without quotes.
pub struct TimeUnquoted;

static META: RuleMeta = RuleMeta {
    id: "time-unquoted",
    default_severity: Some(Severity::Info),
    summary: "a `time` written without quotes, which YAML 1.1 tools read as a number",
    explanation: "`minutes` reads `time: 14:00` as the text `14:00`, but YAML 1.1 readers (PyYAML, and the tools built on it) read it as the sexagesimal number 840: a note exported or checked by them shows the wrong time. `time: \"14:00\"` means the same to every reader.",
};

impl Rule for TimeUnquoted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        if let Some((line, value)) = unquoted_time(context) {
            out.push(
                Finding::new(
                    line,
                    Mark::Text(value.to_string()),
                    format!("`time: {value}` is read by YAML 1.1 tools as a number"),
                )
                .help(format!("write `time: \"{value}\"`")),
            );
        }
    }

    fn fixable(&self) -> bool {
        true
    }

    fn fix(&self, context: &FileContext, out: &mut Vec<Edit>) {
        if let Some((line, value)) = unquoted_time(context) {
            out.push(Edit {
                rule: META.id,
                line,
                from: format!("time: {value}"),
                to: format!("time: \"{value}\""),
            });
        }
    }
}

/// The line of `time:` and its value, when that is `HH:MM` (or
/// `HH:MM:SS`) with no quotes and nothing else on the line.
fn unquoted_time<'a>(context: &FileContext<'a>) -> Option<(usize, &'a str)> {
    let line = context.key_line("time")?;
    let text = context.index.line_text(context.text, line);
    let value = text.strip_prefix("time:")?.trim();
    let is_time = value.split(':').count() >= 2
        && value.split(':').count() <= 3
        && value
            .split(':')
            .all(|part| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()));
    (is_time && text.trim_end() == format!("time: {value}")).then_some((line, value))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixed, lines};
    use super::TimeUnquoted;

    #[test]
    fn an_unquoted_time_is_quoted() {
        let note = |time: &str| format!("---\nmeeting: X\ndate: 2025-01-01\ntime: {time}\n---\n");
        assert_eq!(lines(&TimeUnquoted, &note("14:00")), [4]);
        assert_eq!(fixed(&TimeUnquoted, &note("9:30")), note("\"9:30\""));
        for fine in ["\"14:00\"", "'14:00'", "2pm", "14:00 to 16:00", "14.00"] {
            assert!(lines(&TimeUnquoted, &note(fine)).is_empty(), "{fine}");
        }
    }
}
