use super::super::{FileContext, Finding, Mark, Rule, RuleMeta};

/// A `.md` file with no front matter. Off by default.
pub struct FrontMatterMissing;

static META: RuleMeta = RuleMeta {
    id: "front-matter-missing",
    default_severity: None,
    summary: "a .md file with no front matter (off by default)",
    explanation: "A file without front matter is not a note and is skipped, which is right for a README but hides a note whose `---` was lost. Turn this on for folders that hold only notes.",
};

impl Rule for FrontMatterMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        if context.note.is_none() && context.file_problem.is_none() {
            out.push(
                Finding::new(
                    1,
                    Mark::Line,
                    "no front matter, so this file is not read as a note",
                )
                .help("start the file with `---`, `meeting: …`, `date: YYYY-MM-DD`, `---`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lines;
    use super::FrontMatterMissing;

    #[test]
    fn fires_for_a_file_without_front_matter() {
        assert_eq!(lines(&FrontMatterMissing, "# Notes\n\nmeeting: X\n"), [1]);
        assert!(
            lines(
                &FrontMatterMissing,
                "---\nmeeting: X\ndate: 2025-01-01\n---\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn is_off_by_default() {
        assert_eq!(super::META.default_severity, None);
    }
}
