//! The typed model of a note. Field names follow the front matter's own keys,
//! so the JSON output reads like the files it came from (docs/format.md).

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Version of the JSON documents `minutes` prints. Bumped on any change that
/// could break a consumer (a renamed or removed field, a changed meaning).
pub const SCHEMA_VERSION: u32 = 2;

/// Serialises a path as text even when it is not UTF-8 (which serde's own
/// impl refuses), replacing the bytes that are not with U+FFFD.
pub fn serialize_path<S, P>(path: &P, serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    P: AsRef<std::path::Path>,
{
    serializer.serialize_str(&path.as_ref().to_string_lossy())
}

/// One meeting: one note file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// The file the note was read from, as it was found (relative to the path given).
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    /// The name of the body; notes with the same `meeting` form a series.
    pub meeting: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_by: Option<Person>,
    #[serde(default)]
    pub present: Vec<Person>,
    #[serde(default)]
    pub in_attendance: Vec<Person>,
    #[serde(default)]
    pub apologies: Vec<Person>,
    #[serde(default)]
    pub absent: Vec<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_meeting: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NoteStatus>,
    /// The line of `status:`, for lint; 0 when there is none.
    #[serde(skip)]
    pub status_line: usize,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Front-matter keys outside the documented set, kept as written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    pub items: Vec<Item>,
}

impl Meeting {
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.items.iter().flat_map(|item| item.actions.iter())
    }

    pub fn updates(&self) -> impl Iterator<Item = &ActionUpdate> {
        self.items.iter().flat_map(|item| item.updates.iter())
    }

    /// Everyone the note lists: chair, minute-taker and the four lists.
    pub fn listed(&self) -> impl Iterator<Item = &Person> {
        self.chair
            .iter()
            .chain(&self.minutes_by)
            .chain(&self.present)
            .chain(&self.in_attendance)
            .chain(&self.apologies)
            .chain(&self.absent)
    }

    /// The owners of its actions, then of its updates, as written.
    pub fn owners(&self) -> impl Iterator<Item = &Person> {
        self.actions()
            .flat_map(|a| a.owners.iter())
            .chain(self.updates().flat_map(|u| u.owners.iter()))
    }

    pub fn decisions(&self) -> impl Iterator<Item = &Decision> {
        self.items.iter().flat_map(|item| item.decisions.iter())
    }

    /// The earlier minutes its carried decisions approve, in order.
    pub fn approves(&self) -> Vec<Approves> {
        self.decisions()
            .filter(|d| d.outcome == Outcome::Carried)
            .filter_map(|d| d.approves)
            .collect()
    }

    pub fn declarations(&self) -> impl Iterator<Item = &Declaration> {
        self.items.iter().flat_map(|item| item.declarations.iter())
    }

    /// The four lists of people, each with its front-matter key.
    pub fn people_lists(&self) -> [(&'static str, &[Person]); 4] {
        [
            ("present", &self.present),
            ("in_attendance", &self.in_attendance),
            ("apologies", &self.apologies),
            ("absent", &self.absent),
        ]
    }

    /// The item with this number, if the note has one.
    pub fn item(&self, number: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.number == number)
    }
}

/// `draft` or `approved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteStatus {
    Draft,
    Approved,
}

/// A person as written in a note: `[Title] Name [(Org or role)]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Initials written in parentheses, as in `James Griffin (JGr)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    /// The 1-based line of the file where this mention was written.
    pub line: usize,
}

impl Person {
    /// Two mentions are the same person when their keys are equal: the name
    /// ignoring case, accents, apostrophe style, full stops, title, org and
    /// spacing (`crate::names::name_key`).
    pub fn key(&self) -> String {
        crate::names::name_key(&self.name)
    }

    pub fn is(&self, other: &Person) -> bool {
        self.key() == other.key()
    }

    /// The person as a note writes them: `Cllr Steve Jordan (SJ) (NBC) (Chair)`.
    pub fn as_written(&self) -> String {
        let mut text = self.display_name();
        for part in [&self.initials, &self.org, &self.role]
            .into_iter()
            .flatten()
        {
            text.push_str(&format!(" ({part})"));
        }
        text
    }

    /// The name with its title, as a reader would write it: `Cllr Steve Jordan`.
    pub fn display_name(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// An agenda item: a top-level heading of the body, or item `0` for the text
/// before the first heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// As written (`3`, `2a`, `4.1`), or the item's position when unnumbered.
    pub number: String,
    pub title: String,
    pub line: usize,
    /// Whether the heading wrote a number (rather than taking its position).
    #[serde(skip)]
    pub numbered: bool,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Reports on actions raised at earlier meetings.
    #[serde(default)]
    pub updates: Vec<ActionUpdate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
    /// Set when the heading ends `(exempt)` or `(exempt: REASON)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Exempt>,
}

impl Item {
    /// `3 Budget`, or `3` for an item without a title.
    pub fn heading(&self) -> String {
        if self.title.is_empty() {
            self.number.clone()
        } else {
            format!("{} {}", self.number, self.title)
        }
    }
}

/// A later note's report on an earlier action: its status as of that
/// meeting, and any new owner, due date or progress note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionUpdate {
    /// The ID of the action this updates.
    pub action: ActionId,
    pub status: Status,
    /// The owners as written in the update; empty when none were written,
    /// which leaves the owners as they were.
    #[serde(default)]
    pub owners: Vec<Person>,
    #[serde(default)]
    pub assigned_to_all: bool,
    /// The action's text as restated in the update.
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_written: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// What was decided, without the label or the parenthesised vote.
    pub text: String,
    pub line: usize,
    /// `carried` unless the decision is written as one that fell (`Lost:`).
    #[serde(default)]
    pub outcome: Outcome,
    /// A motion, or an amendment to one (`Amendment carried:`).
    #[serde(default)]
    pub motion: MotionKind,
    /// Who proposed and seconded it and how the vote went, when written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Box<Vote>>,
    /// The earlier minutes this decision approves as a correct record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approves: Option<Approves>,
}

impl Decision {
    pub fn new(text: String, line: usize) -> Decision {
        Decision {
            text,
            line,
            outcome: Outcome::Carried,
            motion: MotionKind::Motion,
            vote: None,
            approves: None,
        }
    }
}

/// Whether a motion was carried or fell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    #[default]
    Carried,
    Lost,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Carried => "carried",
            Outcome::Lost => "lost",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MotionKind {
    #[default]
    Motion,
    Amendment,
}

impl MotionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MotionKind::Motion => "motion",
            MotionKind::Amendment => "amendment",
        }
    }
}

/// The record of a vote written after a decision:
/// `(proposed by A, seconded by B; for 7, against 2, abstained 1)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposer: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconder: Option<Person>,
    /// The numbers as written; a count not written is `None`.
    #[serde(default, skip_serializing_if = "Counts::is_empty")]
    pub counts: Counts,
    /// `carried unanimously` or `nem con`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unanimity: Option<Unanimity>,
    /// A recorded vote: who voted which way, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voted_for: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voted_against: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abstained: Vec<Person>,
}

impl Vote {
    /// The number voting each way: the counts as written, or else the
    /// recorded names counted.
    pub fn tally(&self) -> Counts {
        let named = |people: &[Person], written: Option<u32>| {
            written.or_else(|| {
                (!people.is_empty()).then(|| u32::try_from(people.len()).unwrap_or(u32::MAX))
            })
        };
        Counts {
            yes: named(&self.voted_for, self.counts.yes),
            no: named(&self.voted_against, self.counts.no),
            abstain: named(&self.abstained, self.counts.abstain),
        }
    }

    /// Everyone the record names: proposer, seconder and the recorded voters.
    pub fn named(&self) -> impl Iterator<Item = &Person> {
        self.proposer
            .iter()
            .chain(&self.seconder)
            .chain(&self.voted_for)
            .chain(&self.voted_against)
            .chain(&self.abstained)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    #[serde(rename = "for", default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<u32>,
    #[serde(rename = "against", default, skip_serializing_if = "Option::is_none")]
    pub no: Option<u32>,
    #[serde(rename = "abstained", default, skip_serializing_if = "Option::is_none")]
    pub abstain: Option<u32>,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.yes.is_none() && self.no.is_none() && self.abstain.is_none()
    }

    /// Votes cast, abstentions included.
    pub fn cast(&self) -> u32 {
        [self.yes, self.no, self.abstain]
            .into_iter()
            .flatten()
            .fold(0, u32::saturating_add)
    }
}

/// No vote against: everyone voting for (`unanimous`), or some abstaining
/// (`nem con`, no one contradicting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unanimity {
    Unanimous,
    NemCon,
}

/// Which earlier minutes a decision approves: those of the meeting on a
/// date, or, when no date is written, the series' previous meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "meeting", content = "date")]
pub enum Approves {
    Previous,
    Held(NaiveDate),
}

/// A declaration of interest: `Declaration: Cllr Mary Hale — pecuniary:
/// owns land next to the site; left the room for item 6`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Declaration {
    pub person: Person,
    /// `None` when the kind was not written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<InterestKind>,
    #[serde(default)]
    pub detail: String,
    /// The number of the item it concerns: one named with `for item N`,
    /// or else the item it is written under.
    pub item: String,
    /// The minutes say the member left the room (or the meeting).
    #[serde(default)]
    pub left_room: bool,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InterestKind {
    Pecuniary,
    NonPecuniary,
    Other,
}

impl InterestKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InterestKind::Pecuniary => "pecuniary",
            InterestKind::NonPecuniary => "non-pecuniary",
            InterestKind::Other => "other",
        }
    }
}

/// An item minuted in private: `## 7. Land at Mill Lane (exempt: paragraph 3)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exempt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An action's stable identifier, `DATE/ITEM.N` (e.g. `2014-03-18/9.1`),
/// or whatever the author pinned with `{#ID}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(pub String);

impl ActionId {
    pub fn derived(date: NaiveDate, item: &str, ordinal: usize) -> Self {
        // NaiveDate's Display is `%Y-%m-%d`, without parsing a format string
        // for every action.
        ActionId(format!("{date}/{item}.{ordinal}"))
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    /// Whether the ID was pinned by the author with `{#ID}`.
    #[serde(default)]
    pub pinned: bool,
    /// The owners as written; empty for an action assigned to `All`, whose
    /// owners are everyone in the meeting's `present` (not copied here).
    #[serde(default)]
    pub owners: Vec<Person>,
    /// True when the owner was written as `All`.
    #[serde(default)]
    pub assigned_to_all: bool,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The due date as written when it was not a plain date (`next meeting`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_written: Option<String>,
    pub status: Status,
    /// The number of the item the action belongs to.
    pub item: String,
    pub line: usize,
}

impl Action {
    pub fn is_live(&self) -> bool {
        matches!(self.status, Status::Open | Status::InProgress)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_live() && self.due.is_some_and(|due| due < today)
    }

    /// `All`, or the owners' names joined with commas.
    pub fn owners_label(&self) -> String {
        owners_label(&self.owners, self.assigned_to_all)
    }
}

/// `All`, or the owners' names (with titles) joined with commas.
pub fn owners_label(owners: &[Person], assigned_to_all: bool) -> String {
    if assigned_to_all {
        return "All".to_string();
    }
    owners
        .iter()
        .map(Person::display_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The state of an action, from its checkbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// `- [ ]`, or an `Action:` line.
    Open,
    /// `- [/]`
    InProgress,
    /// `- [x]`
    Done,
    /// `- [-]`
    Dropped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// The checkbox that writes this status.
    pub fn checkbox(self) -> &'static str {
        match self {
            Status::Open => "[ ]",
            Status::InProgress => "[/]",
            Status::Done => "[x]",
            Status::Dropped => "[-]",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
