use super::super::fix::Edit;
use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::parse::people::split_owner_list;
use crate::problem::{ProblemKind, Severity};

/// A front-matter field of the wrong shape.
pub struct FieldType;

static META: RuleMeta = RuleMeta {
    id: "field-type",
    default_severity: Some(Severity::Error),
    summary: "a front-matter field of the wrong shape, e.g. `present` not a list of people",
    explanation: "A field of the wrong shape is left out of the model, so attendance and ownership would silently be wrong.",
};

impl Rule for FieldType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        super::report_parse_problems(context, ProblemKind::FieldType, out);
    }

    fn fixable(&self) -> bool {
        true
    }

    /// A list of people written as one line of text (`present: Ann Lee,
    /// Bo Wu`) becomes a YAML list, one person a line, as it was read.
    /// Only a plain value on the key's own line, whose every person is
    /// plain YAML text, is rewritten.
    fn fix(&self, context: &FileContext, out: &mut Vec<Edit>) {
        let reported: Vec<usize> = context
            .problems(ProblemKind::FieldType)
            .map(|p| p.line)
            .collect();
        for key in PEOPLE_KEYS {
            let Some(line) = context.key_line(key) else {
                continue;
            };
            if !reported.contains(&line) {
                continue;
            }
            let written = context.index.line_text(context.text, line);
            if let Some(to) = as_list(key, written) {
                out.push(Edit {
                    rule: META.id,
                    line,
                    from: String::new(),
                    to,
                });
            }
        }
    }
}

const PEOPLE_KEYS: [&str; 4] = ["present", "in_attendance", "apologies", "absent"];

/// `key: A, B` as `key:` and a `  - A` line for each person; `None` unless
/// the line is exactly that, with nothing YAML would read otherwise.
fn as_list(key: &str, line: &str) -> Option<String> {
    let value = line.strip_prefix(key)?.strip_prefix(':')?.trim();
    let plain = |text: &str| {
        !text.is_empty()
            && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
            && !text.contains(": ")
            && !text.contains(" #")
            && !text.ends_with(':')
    };
    if !plain(value) {
        return None;
    }
    let people = split_owner_list(value);
    if people.is_empty() || !people.iter().all(|person| plain(person)) {
        return None;
    }
    let mut list = format!("{key}:");
    for person in people {
        list.push_str("\n  - ");
        list.push_str(person);
    }
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::FieldType;

    #[test]
    fn fires_at_the_field() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\npresent: Al Bee, Cy Day\nstatus: final\nchair: [a, b]\n---\n";
        assert_eq!(lines(&FieldType, text), [4, 5, 6]);
    }

    #[test]
    fn a_line_of_people_becomes_a_list() {
        use super::super::testing::fixed;
        let text = "---\r\nmeeting: X\r\ndate: 2025-01-01\r\npresent: Al Bee, Cy Day (SBC) & Ed Fox\r\napologies: \"Di Eve, Jo Ng\"\r\nabsent: [Bo Wu]\r\n---\r\n";
        assert_eq!(
            fixed(&FieldType, text),
            "---\r\nmeeting: X\r\ndate: 2025-01-01\r\npresent:\r\n  - Al Bee\r\n  - Cy Day (SBC)\r\n  - Ed Fox\r\napologies: \"Di Eve, Jo Ng\"\r\nabsent: [Bo Wu]\r\n---\r\n"
        );
    }
}
