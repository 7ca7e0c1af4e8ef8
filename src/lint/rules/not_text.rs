use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// A `.md` file that is not UTF-8 text.
pub struct NotText;

static META: RuleMeta = RuleMeta {
    id: "not-text",
    default_severity: Some(Severity::Error),
    summary: "a .md file that is not UTF-8 text",
    explanation: "Notes are UTF-8 text. A file in another encoding, or a binary file named .md, cannot be read as a note; the message gives the offset of the first bad byte.",
};

impl Rule for NotText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        if let Some(problem) = context
            .file_problem
            .filter(|p| p.kind == ProblemKind::NotText)
        {
            out.push(Finding::from_problem(problem));
        }
    }
}
