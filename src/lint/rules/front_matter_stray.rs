use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};
use crate::problem::Severity;

/// A second `---` block that looks like YAML, in the body.
pub struct FrontMatterStray;

static META: RuleMeta = RuleMeta {
    id: "front-matter-stray",
    default_severity: Some(Severity::Warning),
    summary: "a second YAML-looking `---` block in the body",
    explanation: "Only the block at the very top of a file is front matter. A second one (often from pasting two notes together) is read as Markdown, so its keys are silently ignored.",
};

static_regex!(YAML_KEY, r"^[A-Za-z_][A-Za-z0-9_-]*:(\s|$)");

impl Rule for FrontMatterStray {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let Some(note) = context.note else {
            return;
        };
        let first_body_line = context.index.line(note.body_start);
        let body = context.text.get(note.body_start..).unwrap_or("");
        let mut in_fence = false;
        let mut lines = body
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .enumerate()
            .peekable();
        while let Some((at, line)) = lines.next() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            let next_is_key = lines
                .peek()
                .is_some_and(|(_, next)| YAML_KEY.is_match(next));
            if !in_fence && line == "---" && next_is_key {
                out.push(
                    Finding::new(
                        first_body_line + at,
                        Mark::Line,
                        "a second front-matter block in the body; only the block at the top of the file is front matter",
                    )
                    .help("move its keys into the front matter at the top, or remove the block"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::FrontMatterStray;

    #[test]
    fn fires_for_a_yaml_looking_block_outside_code() {
        let text = "---\nmeeting: X\ndate: 2025-01-01\n---\n## 1. A\n\n---\n\nProse after a rule.\n\n---\nmeeting: Y\ndate: 2025-02-01\n---\n\n```\n---\nkey: in code\n```\n";
        assert_eq!(lines(&FrontMatterStray, text), [11]);
    }
}
