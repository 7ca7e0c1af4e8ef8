//! The rules, one a file. Each has its `RuleMeta` (docs/rules.md says the
//! same at more length) and its own tests.

mod action_due_before_meeting;
mod action_id_duplicate;
mod action_no_due;
mod action_no_owner;
mod action_owner_unknown;
mod approval_date_unknown;
mod approval_status;
mod chair_not_present;
mod date_invalid;
mod decision_empty;
mod draft_stale;
mod due_next_meeting;
mod field_type;
mod filename_date;
mod front_matter_invalid;
mod front_matter_missing;
mod front_matter_stray;
mod id_unpinned;
mod interest_participated;
mod item_number;
mod mover_not_present;
mod not_text;
mod person_ambiguous;
mod person_conflict;
mod person_duplicate;
mod person_merged;
mod person_not_a_name;
mod person_spelling;
mod quorum_not_met;
mod required_field;
mod time_unquoted;
mod unknown_field;
mod unreadable;
mod update_before_action;
mod update_closed;
mod update_unknown_id;
mod vote_exceeds_present;
mod voter_not_present;

use super::{FileContext, Finding, Rule};
use crate::problem::ProblemKind;

static ALL: &[&dyn Rule] = &[
    &unreadable::Unreadable,
    &not_text::NotText,
    &front_matter_invalid::FrontMatterInvalid,
    &required_field::RequiredField,
    &date_invalid::DateInvalid,
    &field_type::FieldType,
    &time_unquoted::TimeUnquoted,
    &unknown_field::UnknownField,
    &person_merged::PersonMerged,
    &person_not_a_name::PersonNotAName,
    &person_duplicate::PersonDuplicate,
    &person_conflict::PersonConflict,
    &chair_not_present::ChairNotPresent,
    &action_no_owner::ActionNoOwner,
    &action_no_due::ActionNoDue,
    &due_next_meeting::DueNextMeeting,
    &action_due_before_meeting::ActionDueBeforeMeeting,
    &action_owner_unknown::ActionOwnerUnknown,
    &action_id_duplicate::ActionIdDuplicate,
    &item_number::ItemNumber,
    &decision_empty::DecisionEmpty,
    &front_matter_stray::FrontMatterStray,
    &filename_date::FilenameDate,
    &front_matter_missing::FrontMatterMissing,
    &update_unknown_id::UpdateUnknownId,
    &update_before_action::UpdateBeforeAction,
    &update_closed::UpdateClosed,
    &id_unpinned::IdUnpinned,
    &person_ambiguous::PersonAmbiguous,
    &person_spelling::PersonSpelling,
    &quorum_not_met::QuorumNotMet,
    &vote_exceeds_present::VoteExceedsPresent,
    &voter_not_present::VoterNotPresent,
    &mover_not_present::MoverNotPresent,
    &interest_participated::InterestParticipated,
    &approval_status::ApprovalStatus,
    &draft_stale::DraftStale,
    &approval_date_unknown::ApprovalDateUnknown,
];

/// Every rule, in the order docs/rules.md lists them.
pub fn all() -> &'static [&'static dyn Rule] {
    ALL
}

/// The parser's problems of one kind, as findings: rules whose checking is
/// done while parsing.
fn report_parse_problems(context: &FileContext, kind: ProblemKind, out: &mut Vec<Finding>) {
    out.extend(context.problems(kind).map(Finding::from_problem));
}

#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;

    use super::super::{FileContext, Finding, Rule};
    use crate::config::Config;
    use crate::parse::{Analysis, analyse};
    use crate::source::LineIndex;

    /// The findings of `rule` on `text`, read as the file `path`.
    pub fn check_as(rule: &dyn Rule, path: &str, text: &str, config: &Config) -> Vec<Finding> {
        let path = Path::new(path);
        let analysis = analyse(path, text);
        let own_index = LineIndex::new(text);
        let (note, index) = match &analysis {
            Analysis::NotANote => (None, &own_index),
            Analysis::Note(note) => (Some(note.as_ref()), &note.index),
        };
        let context = FileContext {
            path,
            text,
            index,
            note,
            config,
            file_problem: None,
            directory: Default::default(),
            note_index: Default::default(),
        };
        let mut out = Vec::new();
        rule.check(&context, &mut out);
        out
    }

    /// The notes given as (name, text), parsed.
    fn parse_notes(notes: &[(&str, &str)]) -> Vec<crate::model::Meeting> {
        notes
            .iter()
            .filter_map(
                |(name, text)| match crate::parse::parse_text(Path::new(name), text) {
                    crate::parse::Parsed::Note { meeting, .. } => meeting.map(|m| *m),
                    crate::parse::Parsed::NotANote => None,
                },
            )
            .collect()
    }

    /// Each finding's file and line, sorted.
    fn located(out: Vec<super::super::FolderFinding>) -> Vec<(String, usize)> {
        let mut found: Vec<(String, usize)> = out
            .into_iter()
            .map(|f| (f.path.display().to_string(), f.finding.line))
            .collect();
        found.sort();
        found
    }

    /// The (file, line) findings of a folder rule over notes given as (name, text).
    pub fn folder_findings(rule: &dyn Rule, notes: &[(&str, &str)]) -> Vec<(String, usize)> {
        let meetings = parse_notes(notes);
        let ledger = crate::ledger::Ledger::build(&meetings);
        let mut out = Vec::new();
        rule.check_folder(&ledger, &mut out);
        located(out)
    }

    /// The (file, line) findings of a rule across notes (`check_notes`)
    /// over notes given as (name, text).
    pub fn notes_findings(rule: &dyn Rule, notes: &[(&str, &str)]) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        rule.check_notes(&parse_notes(notes), &mut out);
        located(out)
    }

    /// `text` with `rule`'s fixes made (under the default config), as
    /// `lint --fix` makes them.
    pub fn fixed(rule: &dyn Rule, text: &str) -> String {
        fixed_as(rule, text, &Config::default())
    }

    /// As `fixed`, under `config`.
    pub fn fixed_as(rule: &dyn Rule, text: &str, config: &Config) -> String {
        super::super::fix::fix(Path::new("note.md"), text, &[rule], config, true, &[])
            .map_or_else(|| text.to_string(), |fixed| fixed.text)
    }

    pub fn check(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        check_as(rule, "note.md", text, &Config::default())
    }

    /// The lines `rule` fires at.
    pub fn lines(rule: &dyn Rule, text: &str) -> Vec<usize> {
        check(rule, text).iter().map(|f| f.line).collect()
    }

    /// Every rule is silent on every note in examples/.
    /// `rule`'s findings on every note of examples/, under its config (a
    /// rule the config or its default turns off finds nothing).
    pub fn findings_on_examples(rule: &dyn Rule) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut found = Vec::new();
        for file in crate::discover::discover(&[root]).files {
            let text = std::fs::read_to_string(&file).unwrap();
            let config = Config::discover(&file).unwrap();
            if crate::lint::severity(&config, rule.meta()).is_none() {
                continue;
            }
            for finding in check_as(rule, file.to_str().unwrap(), &text, &config) {
                found.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    finding.line,
                    finding.message
                ));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::all;

    /// The examples show the format as it should be written: no rule finds
    /// anything in any of their notes (the rules across notes are checked
    /// on them by `lint::examples_are_clean` in tests/cli).
    #[test]
    fn every_rule_is_clean_on_the_examples() {
        for rule in all() {
            let found = super::testing::findings_on_examples(*rule);
            assert!(found.is_empty(), "{}: {found:#?}", rule.meta().id);
        }
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        assert!(
            ids.iter()
                .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        ids.sort_unstable();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    /// A rule's section says **Fixable** exactly when the rule has a fix.
    #[test]
    fn docs_say_which_rules_are_fixable() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
        for rule in all() {
            let heading = format!("## `{}`", rule.meta().id);
            let section = docs
                .split("\n## ")
                .find(|s| format!("## {s}").starts_with(&heading))
                .unwrap_or_default();
            assert_eq!(
                section.contains("**Fixable**"),
                rule.fixable(),
                "{}",
                rule.meta().id
            );
        }
    }

    #[test]
    fn every_rule_has_a_section_in_docs_rules_md() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
        for rule in all() {
            let heading = format!("## `{}`", rule.meta().id);
            assert!(docs.contains(&heading), "docs/rules.md lacks {heading}");
        }
    }
}
