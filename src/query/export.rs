//! `minutes export`: the folder as flat tables, one row at a time, for an
//! analytical engine (docs/export.md says what every column means).
//!
//! Rows are handed to a callback as they are made, never gathered: a table
//! of a million updates costs one row of memory beyond the folder itself.
//! Every row carries IDs that join the tables and stay the same from one
//! export to the next: a meeting is its series and date, an item its
//! meeting and number, an action its series and action ID (which is what
//! makes it unique: `DATE/ITEM.N` is unique within a series), a person the
//! slug of their canonical name.

use std::io;
use std::path::Path;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::ledger::{Entry, Ledger, OrphanReason};
use crate::model::{
    Item, Meeting, MotionKind, NoteStatus, Outcome, Person, Status, serialize_path,
};
use crate::people::{Directory, Resolver};
use crate::text::slug;

/// The tables, in the order `--out` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Meetings,
    People,
    Attendance,
    Items,
    Decisions,
    Actions,
    Updates,
}

impl Table {
    pub const ALL: [Table; 7] = [
        Table::Meetings,
        Table::People,
        Table::Attendance,
        Table::Items,
        Table::Decisions,
        Table::Actions,
        Table::Updates,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Meetings => "meetings",
            Table::People => "people",
            Table::Attendance => "attendance",
            Table::Items => "items",
            Table::Decisions => "decisions",
            Table::Actions => "actions",
            Table::Updates => "updates",
        }
    }
}

/// What every table is made from: who is who, and the date `overdue` is
/// judged on. The people table is made from it alone; the others a part of
/// the folder at a time (whole series: an action's life is in its series).
pub struct Export<'d> {
    directory: &'d Directory,
    /// Each person's ID, by their place in the directory.
    person_ids: Vec<String>,
    today: NaiveDate,
}

/// The rows of some whole series: their meetings and every action's life.
pub struct Part<'p> {
    export: &'p Export<'p>,
    meetings: &'p [Meeting],
    ledger: Ledger<'p>,
    resolver: Resolver<'p, 'p>,
    /// Each series spelling's slug, worked out once: a slug a row was a
    /// quarter of the export's time.
    series_slugs: FxHashMap<&'p str, String>,
}

/// Where rows go as they are made (a JSON Lines writer, in `output`).
pub trait Sink {
    fn row<R: Serialize>(&mut self, row: &R) -> io::Result<()>;
}

impl<'d> Export<'d> {
    pub fn new(directory: &'d Directory, today: NaiveDate) -> Self {
        Export {
            directory,
            person_ids: person_ids(directory),
            today,
        }
    }

    /// The tables of `meetings`: every meeting of each of their series, in
    /// any order.
    pub fn part<'p>(&'p self, meetings: &'p [Meeting]) -> Part<'p> {
        Part {
            export: self,
            meetings,
            ledger: Ledger::build(meetings),
            resolver: Resolver::new(self.directory),
            series_slugs: meetings
                .iter()
                .map(|m| (m.meeting.as_str(), slug(&m.meeting)))
                .collect(),
        }
    }

    /// The people table, by person ID.
    pub fn people_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        let mut order: Vec<usize> = (0..self.directory.people.len()).collect();
        order.sort_by_key(|at| self.person_ids.get(*at));
        for at in order {
            let (Some(known), Some(id)) = (self.directory.get(at), self.person_ids.get(at)) else {
                continue;
            };
            sink.row(&PersonRow {
                person_id: id,
                name: &known.name,
                title: known.title.as_deref(),
                display_name: known.display_name(),
                orgs: &known.orgs,
                initials: known.initials.as_deref(),
                aliases: &known.aliases,
                registered: known.registered,
            })?;
        }
        Ok(())
    }
}

impl<'p> Part<'p> {
    /// Actions of these series that share an ID, which are in no table.
    pub fn ledger(&self) -> &Ledger<'p> {
        &self.ledger
    }

    fn series_slug(&self, meeting: &Meeting) -> std::borrow::Cow<'_, str> {
        match self.series_slugs.get(meeting.meeting.as_str()) {
            Some(known) => known.into(),
            None => slug(&meeting.meeting).into(),
        }
    }

    /// `harbourside-partnership-board/2026-01-20`.
    fn meeting_id(&self, meeting: &Meeting) -> String {
        format!("{}/{}", self.series_slug(meeting), meeting.date)
    }

    fn item_id(&self, meeting: &Meeting, item: &Item) -> String {
        format!(
            "{}/{}/{}",
            self.series_slug(meeting),
            meeting.date,
            item.number
        )
    }

    /// `harbourside-partnership-board/2026-01-20/3.1`: the series and the
    /// action's ID, unique across the folder.
    fn action_key(&self, meeting: &Meeting, id: &str) -> String {
        format!("{}/{id}", self.series_slug(meeting))
    }

    /// Hands every row of `table` to `sink`, in a stable order: meetings
    /// by date and file, then their items and lines. The people table is
    /// no part's: [`Export::people_rows`].
    pub fn rows(&self, table: Table, sink: &mut impl Sink) -> io::Result<()> {
        match table {
            Table::Meetings => self.meeting_rows(sink),
            Table::People => Ok(()),
            Table::Attendance => self.attendance_rows(sink),
            Table::Items => self.item_rows(sink),
            Table::Decisions => self.decision_rows(sink),
            Table::Actions => self.action_rows(sink),
            Table::Updates => self.update_rows(sink),
        }
    }

    fn person_id(&self, mention: &'p Person, meeting: &Meeting) -> Option<&str> {
        let at = self.resolver.person(mention, meeting)?;
        self.export.person_ids.get(at).map(String::as_str)
    }

    /// The names under which `owners`, written in `meeting`, are known;
    /// as written where they resolve to nobody.
    fn canonical_names(&self, owners: &'p [Person], meeting: &Meeting) -> Vec<String> {
        owners
            .iter()
            .map(|owner| {
                self.resolver
                    .person(owner, meeting)
                    .and_then(|at| self.export.directory.get(at))
                    .map_or_else(|| owner.display_name(), |known| known.display_name())
            })
            .collect()
    }

    fn meeting_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        for meeting in self.meetings {
            let count = |f: fn(&Item) -> usize| meeting.items.iter().map(f).sum::<usize>();
            sink.row(&MeetingRow {
                meeting_id: self.meeting_id(meeting),
                series: &meeting.meeting,
                date: meeting.date,
                time: meeting.time.as_deref(),
                location: meeting.location.as_deref(),
                chair: meeting.chair.as_ref().map(Person::display_name),
                chair_id: meeting
                    .chair
                    .as_ref()
                    .and_then(|p| self.person_id(p, meeting)),
                minutes_by: meeting.minutes_by.as_ref().map(Person::display_name),
                minutes_by_id: meeting
                    .minutes_by
                    .as_ref()
                    .and_then(|p| self.person_id(p, meeting)),
                status: meeting.status,
                next_meeting: meeting.next_meeting,
                tags: &meeting.tags,
                present: meeting.present.len(),
                in_attendance: meeting.in_attendance.len(),
                apologies: meeting.apologies.len(),
                absent: meeting.absent.len(),
                items: meeting.items.len(),
                decisions: count(|i| i.decisions.len()),
                actions: count(|i| i.actions.len()),
                updates: count(|i| i.updates.len()),
                file: &meeting.path,
            })?;
        }
        Ok(())
    }

    fn attendance_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        for meeting in self.meetings {
            for (list, people) in meeting.people_lists() {
                for person in people {
                    sink.row(&AttendanceRow {
                        meeting_id: self.meeting_id(meeting),
                        series: &meeting.meeting,
                        date: meeting.date,
                        list,
                        person_id: self.person_id(person, meeting),
                        name: person.display_name(),
                        org: person.org.as_deref(),
                        role: person.role.as_deref(),
                        file: &meeting.path,
                        line: person.line,
                    })?;
                }
            }
        }
        Ok(())
    }

    fn item_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        for meeting in self.meetings {
            for item in &meeting.items {
                sink.row(&ItemRow {
                    item_id: self.item_id(meeting, item),
                    meeting_id: self.meeting_id(meeting),
                    series: &meeting.meeting,
                    date: meeting.date,
                    number: &item.number,
                    title: &item.title,
                    decisions: item.decisions.len(),
                    actions: item.actions.len(),
                    updates: item.updates.len(),
                    file: &meeting.path,
                    line: item.line,
                })?;
            }
        }
        Ok(())
    }

    fn decision_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        for meeting in self.meetings {
            for item in &meeting.items {
                for (at, decision) in item.decisions.iter().enumerate() {
                    let id = super::decisions::decision_id(meeting, item, at + 1);
                    let tally = decision
                        .vote
                        .as_ref()
                        .map(|v| v.tally())
                        .unwrap_or_default();
                    sink.row(&DecisionRow {
                        decision_key: format!("{}/{id}", self.series_slug(meeting)),
                        decision_id: id,
                        item_id: self.item_id(meeting, item),
                        meeting_id: self.meeting_id(meeting),
                        series: &meeting.meeting,
                        date: meeting.date,
                        text: &decision.text,
                        outcome: decision.outcome,
                        motion: decision.motion,
                        votes_for: tally.yes,
                        votes_against: tally.no,
                        votes_abstained: tally.abstain,
                        exempt: item.exempt.is_some(),
                        file: &meeting.path,
                        line: decision.line,
                    })?;
                }
            }
        }
        Ok(())
    }

    fn action_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        for entry in &self.ledger.entries {
            sink.row(&self.action_row(entry))?;
        }
        Ok(())
    }

    fn action_row<'s>(&'s self, entry: &'s Entry<'p>) -> ActionRow<'s> {
        let state = entry.state();
        let owner_names = if state.assigned_to_all {
            vec!["All".to_string()]
        } else {
            state.owner_names(&self.resolver)
        };
        // For `All`, the state's owners are everyone present: each is on
        // the hook, as `minutes actions --owner` finds them.
        let owner_ids = state
            .owners
            .iter()
            .map(|owner| self.person_id(owner, state.owners_meeting))
            .collect();
        ActionRow {
            action_key: self.action_key(entry.meeting, &entry.action.id.0),
            action_id: &entry.action.id.0,
            pinned: entry.action.pinned,
            meeting_id: self.meeting_id(entry.meeting),
            item_id: self.item_id(entry.meeting, entry.item),
            series: &entry.meeting.meeting,
            date: entry.meeting.date,
            text: &entry.action.text,
            owners: owner_names,
            owner_ids,
            assigned_to_all: state.assigned_to_all,
            status: state.status,
            due: state.due,
            due_written: state.due_written,
            overdue: state.is_overdue(self.export.today),
            note: state.note,
            raised_status: entry.action.status,
            updates: entry.updates.len(),
            last_updated: state.updated_by.map(|by| by.meeting.date),
            file: &entry.meeting.path,
            line: entry.action.line,
        }
    }

    fn update_rows(&self, sink: &mut impl Sink) -> io::Result<()> {
        // Each update's fate, by where it was written: applied to an
        // action (which the ledger knows by its raising meeting) or not.
        let mut applied: FxHashMap<(&Path, usize), &Meeting> = FxHashMap::default();
        for entry in &self.ledger.entries {
            for update in &entry.updates {
                applied.insert((&update.meeting.path, update.update.line), entry.meeting);
            }
        }
        let mut orphaned: FxHashMap<(&Path, usize), OrphanReason> = FxHashMap::default();
        for orphan in &self.ledger.orphans {
            orphaned.insert((&orphan.meeting.path, orphan.update.line), orphan.reason);
        }
        for meeting in self.meetings {
            for item in &meeting.items {
                for update in &item.updates {
                    let at = (meeting.path.as_path(), update.line);
                    let raised = applied.get(&at);
                    let unapplied = match orphaned.get(&at) {
                        Some(OrphanReason::UnknownId) => Some("unknown-id"),
                        Some(OrphanReason::BeforeAction { .. }) => Some("before-action"),
                        Some(OrphanReason::DuplicateId) => Some("duplicate-id"),
                        None => None,
                    };
                    sink.row(&UpdateRow {
                        action_key: raised.map(|m| self.action_key(m, &update.action.0)),
                        action_id: &update.action.0,
                        meeting_id: self.meeting_id(meeting),
                        item_id: self.item_id(meeting, item),
                        series: &meeting.meeting,
                        date: meeting.date,
                        status: update.status,
                        owners: self.canonical_names(&update.owners, meeting),
                        owner_ids: update
                            .owners
                            .iter()
                            .map(|owner| self.person_id(owner, meeting))
                            .collect(),
                        assigned_to_all: update.assigned_to_all,
                        due: update.due,
                        due_written: update.due_written.as_deref(),
                        note: update.note.as_deref(),
                        unapplied,
                        file: &meeting.path,
                        line: update.line,
                    })?;
                }
            }
        }
        Ok(())
    }
}

/// The slug of each person's canonical name; a second person with the same
/// slug (a one-word name in two series) is `-2`, and so on, in directory order.
fn person_ids(directory: &Directory) -> Vec<String> {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    directory
        .people
        .iter()
        .map(|known| {
            let base = if known.name.chars().any(char::is_alphanumeric) {
                slug(&known.name)
            } else {
                "person".to_string()
            };
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                base
            } else {
                format!("{base}-{count}")
            }
        })
        .collect()
}

#[derive(Serialize)]
struct MeetingRow<'a> {
    meeting_id: String,
    series: &'a str,
    date: NaiveDate,
    time: Option<&'a str>,
    location: Option<&'a str>,
    chair: Option<String>,
    chair_id: Option<&'a str>,
    minutes_by: Option<String>,
    minutes_by_id: Option<&'a str>,
    status: Option<NoteStatus>,
    next_meeting: Option<NaiveDate>,
    tags: &'a [String],
    present: usize,
    in_attendance: usize,
    apologies: usize,
    absent: usize,
    items: usize,
    decisions: usize,
    actions: usize,
    updates: usize,
    #[serde(serialize_with = "serialize_path")]
    file: &'a Path,
}

#[derive(Serialize)]
struct PersonRow<'a> {
    person_id: &'a str,
    name: &'a str,
    title: Option<&'a str>,
    display_name: String,
    orgs: &'a [String],
    initials: Option<&'a str>,
    aliases: &'a [String],
    registered: bool,
}

#[derive(Serialize)]
struct AttendanceRow<'a> {
    meeting_id: String,
    series: &'a str,
    date: NaiveDate,
    list: &'static str,
    person_id: Option<&'a str>,
    name: String,
    org: Option<&'a str>,
    role: Option<&'a str>,
    #[serde(serialize_with = "serialize_path")]
    file: &'a Path,
    line: usize,
}

#[derive(Serialize)]
struct ItemRow<'a> {
    item_id: String,
    meeting_id: String,
    series: &'a str,
    date: NaiveDate,
    number: &'a str,
    title: &'a str,
    decisions: usize,
    actions: usize,
    updates: usize,
    #[serde(serialize_with = "serialize_path")]
    file: &'a Path,
    line: usize,
}

#[derive(Serialize)]
struct DecisionRow<'a> {
    decision_key: String,
    decision_id: String,
    item_id: String,
    meeting_id: String,
    series: &'a str,
    date: NaiveDate,
    text: &'a str,
    outcome: Outcome,
    motion: MotionKind,
    /// The votes as written, or the recorded names counted; `null` when
    /// no vote was written.
    votes_for: Option<u32>,
    votes_against: Option<u32>,
    votes_abstained: Option<u32>,
    exempt: bool,
    #[serde(serialize_with = "serialize_path")]
    file: &'a Path,
    line: usize,
}

#[derive(Serialize)]
struct ActionRow<'a> {
    action_key: String,
    action_id: &'a str,
    pinned: bool,
    meeting_id: String,
    item_id: String,
    series: &'a str,
    date: NaiveDate,
    text: &'a str,
    owners: Vec<String>,
    owner_ids: Vec<Option<&'a str>>,
    assigned_to_all: bool,
    status: Status,
    due: Option<NaiveDate>,
    due_written: Option<&'a str>,
    overdue: bool,
    note: Option<&'a str>,
    raised_status: Status,
    updates: usize,
    last_updated: Option<NaiveDate>,
    #[serde(serialize_with = "serialize_path")]
    file: &'a Path,
    line: usize,
}

#[derive(Serialize)]
struct UpdateRow<'a> {
    action_key: Option<String>,
    action_id: &'a str,
    meeting_id: String,
    item_id: String,
    series: &'a str,
    date: NaiveDate,
    status: Status,
    owners: Vec<String>,
    owner_ids: Vec<Option<&'a str>>,
    assigned_to_all: bool,
    due: Option<NaiveDate>,
    due_written: Option<&'a str>,
    note: Option<&'a str>,
    unapplied: Option<&'static str>,
    #[serde(serialize_with = "serialize_path")]
    file: &'a Path,
    line: usize,
}
