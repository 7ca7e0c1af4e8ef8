//! `minutes decisions`: the decision log.

use regex::Regex;

use super::MeetingFilter;
use crate::model::{Decision, Item, Meeting, Outcome, Person, Vote};
use crate::people::{Directory, NoteIndex};
use crate::presence::canonical_name;

#[derive(Debug, Clone, Default)]
pub struct DecisionFilter {
    pub meetings: MeetingFilter,
    /// Matched against the decision's text and its item's title.
    pub grep: Option<Regex>,
    pub outcome: Option<Outcome>,
    pub exempt: ExemptFilter,
}

/// Which decisions of exempt items to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExemptFilter {
    /// Every decision, those of exempt items marked.
    #[default]
    Shown,
    /// Only decisions of exempt items.
    Only,
    /// None of them: the public list.
    Left,
}

impl ExemptFilter {
    pub fn admits(self, item: &Item) -> bool {
        match self {
            ExemptFilter::Shown => true,
            ExemptFilter::Only => item.exempt.is_some(),
            ExemptFilter::Left => item.exempt.is_none(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct DecisionRow<'a> {
    /// `DATE/ITEM.dN`: the N-th decision of the item.
    pub id: String,
    pub meeting: &'a Meeting,
    pub item: &'a Item,
    pub decision: &'a Decision,
    /// The names in its vote as the directory knows them, when it has one.
    pub names: Option<VoteNames>,
}

/// The people a vote names, each by their canonical name with title when
/// they are one person, else as written; in the order of `Vote`'s fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoteNames {
    pub proposer: Option<String>,
    pub seconder: Option<String>,
    pub voted_for: Vec<String>,
    pub voted_against: Vec<String>,
    pub abstained: Vec<String>,
}

impl VoteNames {
    pub fn of(vote: &Vote, meeting: &Meeting, directory: &Directory, index: &NoteIndex) -> Self {
        let name = |person: &Person| canonical_name(meeting, person, directory, index);
        VoteNames {
            proposer: vote.proposer.as_ref().map(name),
            seconder: vote.seconder.as_ref().map(name),
            voted_for: vote.voted_for.iter().map(name).collect(),
            voted_against: vote.voted_against.iter().map(name).collect(),
            abstained: vote.abstained.iter().map(name).collect(),
        }
    }
}

/// `DATE/ITEM.dN`: the `ordinal`-th decision (from 1) of the item `item`.
pub fn decision_id(meeting: &Meeting, item: &Item, ordinal: usize) -> String {
    format!("{}/{}.d{ordinal}", meeting.date, item.number)
}

/// The decisions `filter` passes; with a directory, the names in their
/// votes as it knows them.
pub fn decisions<'a>(
    meetings: &'a [Meeting],
    filter: &DecisionFilter,
    directory: Option<&Directory>,
) -> Vec<DecisionRow<'a>> {
    let mut rows = Vec::new();
    for meeting in meetings {
        if !filter.meetings.admits(meeting) {
            continue;
        }
        let mut index: Option<NoteIndex> = None;
        for item in meeting
            .items
            .iter()
            .filter(|item| filter.exempt.admits(item))
        {
            for (at, decision) in item.decisions.iter().enumerate() {
                let matches = filter
                    .grep
                    .as_ref()
                    .is_none_or(|re| re.is_match(&decision.text) || re.is_match(&item.title))
                    && filter.outcome.is_none_or(|o| o == decision.outcome);
                if matches {
                    let names = match (&decision.vote, directory) {
                        (Some(vote), Some(directory)) => {
                            let index = index.get_or_insert_with(|| directory.note_index(meeting));
                            Some(VoteNames::of(vote, meeting, directory, index))
                        }
                        _ => None,
                    };
                    rows.push(DecisionRow {
                        id: decision_id(meeting, item, at + 1),
                        meeting,
                        item,
                        decision,
                        names,
                    });
                }
            }
        }
    }
    rows
}
