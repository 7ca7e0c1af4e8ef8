use std::path::{Path, PathBuf};

use super::super::fix::Edit;
use super::super::{Finding, FolderFinding, Mark, Rule, RuleMeta};
use crate::ledger::{Entry, Ledger};
use crate::problem::Severity;

/// An action whose ID takes its item's place in the note (the heading has
/// no number) and which later notes refer to.
pub struct IdUnpinned;

static META: RuleMeta = RuleMeta {
    id: "id-unpinned",
    default_severity: Some(Severity::Info),
    summary: "an action later notes refer to, whose ID depends on an unnumbered heading's place",
    explanation: "An action under a heading with no number (`## Budget`) takes the heading's place as its item number: `2026-03-05/2.1`. A heading added or removed above it would renumber it, and the updates later notes made to it would belong to nothing. Pinning the ID it has (`{#2026-03-05/2.1}`) changes nothing today and keeps it.",
};

impl Rule for IdUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_folder(&self, ledger: &Ledger, out: &mut Vec<FolderFinding>) {
        for entry in at_risk(ledger) {
            let id = &entry.action.id;
            out.push(FolderFinding {
                path: entry.meeting.path.clone(),
                finding: Finding::new(
                    entry.action.line,
                    Mark::Line,
                    format!(
                        "`{id}` is numbered by its heading's place, and later notes refer to it"
                    ),
                )
                .help(format!("pin it: end the line with `{{#{id}}}`")),
            });
        }
    }

    fn fixable(&self) -> bool {
        true
    }

    /// The ID it has, pinned at the end of its line, when the action is
    /// that one line (a wrapped action would take the pin into its text).
    fn fix_across<'t>(
        &self,
        ledger: &Ledger,
        text_of: &dyn Fn(&Path) -> Option<&'t str>,
        out: &mut Vec<(PathBuf, Edit)>,
    ) {
        for entry in at_risk(ledger) {
            let Some(text) = text_of(&entry.meeting.path) else {
                continue;
            };
            let mut lines = text.lines().skip(entry.action.line.saturating_sub(1));
            let Some(line) = lines.next().map(|l| l.trim_end_matches('\r')) else {
                continue;
            };
            if !ends_its_paragraph(lines.next()) || !line.contains(entry.action.text.as_str()) {
                continue;
            }
            out.push((
                entry.meeting.path.clone(),
                Edit {
                    rule: META.id,
                    line: entry.action.line,
                    from: line.to_string(),
                    to: format!("{} {{#{}}}", line.trim_end(), entry.action.id),
                },
            ));
        }
    }
}

/// The actions later notes update whose ID depends on an unnumbered
/// heading's place.
fn at_risk<'l>(ledger: &'l Ledger<'l>) -> impl Iterator<Item = &'l Entry<'l>> {
    ledger
        .entries
        .iter()
        .filter(|e| !e.action.pinned && !e.item.numbered && !e.updates.is_empty())
}

/// Whether the line after an action's ends it: nothing, a blank line, a
/// heading, or another list item.
fn ends_its_paragraph(next: Option<&str>) -> bool {
    let Some(next) = next.map(str::trim) else {
        return true;
    };
    next.is_empty()
        || next.starts_with('#')
        || ["- ", "* ", "+ "]
            .iter()
            .any(|marker| next.starts_with(marker))
        || next.split_once(['.', ')']).is_some_and(|(number, rest)| {
            !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && rest.starts_with(' ')
        })
}

#[cfg(test)]
mod tests {
    use super::super::testing::folder_findings;
    use super::IdUnpinned;
    use crate::lint::fix::{apply, edits_across};

    const NOTES: [(&str, &str); 2] = [
        (
            "a.md",
            "---\nmeeting: B\ndate: 2025-01-01\n---\n## Budget\n\n- [ ] Al Bee: one\n- [ ] Al Bee: two\n  over two lines\n- [ ] Al Bee: three\n\n## 2. Numbered\n\n- [ ] Al Bee: four\n",
        ),
        (
            "b.md",
            "---\nmeeting: B\ndate: 2025-02-01\n---\n## 1. Actions\n\n- [x] 2025-01-01/1.1 — done\n- [x] 2025-01-01/1.2 — done\n- [x] 2025-01-01/2.1 — done\n",
        ),
    ];

    #[test]
    fn referred_actions_under_unnumbered_headings() {
        // `three` is not referred to; `four`'s heading has its number.
        assert_eq!(
            folder_findings(&IdUnpinned, &NOTES),
            [("a.md".to_string(), 7), ("a.md".to_string(), 8)]
        );
    }

    #[test]
    fn pins_the_id_it_has_unless_the_action_wraps() {
        let notes: Vec<(std::path::PathBuf, String)> = NOTES
            .iter()
            .map(|(name, text)| (name.into(), text.to_string()))
            .collect();
        let edits = edits_across(&notes, &[&IdUnpinned], &crate::config::Config::default());
        let a = edits.get(std::path::Path::new("a.md")).unwrap();
        let (fixed, made) = apply(NOTES[0].1, a);
        assert_eq!(made, ["id-unpinned"]);
        assert!(fixed.contains(
            "- [ ] Al Bee: one {#2025-01-01/1.1}\n- [ ] Al Bee: two\n  over two lines\n"
        ));
    }
}
