use super::super::{FileContext, Finding, Rule, RuleMeta};
use crate::problem::{ProblemKind, Severity};

/// A file that could not be read: no permission, a symlink loop, gone.
pub struct Unreadable;

static META: RuleMeta = RuleMeta {
    id: "unreadable",
    default_severity: Some(Severity::Error),
    summary: "a file or folder that could not be read, or a file over the size limit",
    explanation: "A note that cannot be read cannot be checked; saying nothing would let it pass unseen.",
};

impl Rule for Unreadable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &FileContext, out: &mut Vec<Finding>) {
        let is_ours = |p: &&crate::problem::Problem| {
            matches!(p.kind, ProblemKind::Unreadable | ProblemKind::TooLarge)
        };
        if let Some(problem) = context.file_problem.filter(is_ours) {
            out.push(Finding::from_problem(problem));
        }
    }
}
