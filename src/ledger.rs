//! Actions across meetings: every action with the updates that later notes
//! of its series made to it, and its state as of any date.

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::NaiveDate;

use crate::model::{Action, ActionId, ActionUpdate, Item, Meeting, Person, Status};
use crate::people::Resolver;
use crate::text::series_key;

#[derive(Debug)]
pub struct Ledger<'a> {
    /// By the raising meeting's date, then file, then line.
    pub entries: Vec<Entry<'a>>,
    /// Updates that could not be applied.
    pub orphans: Vec<Orphan<'a>>,
    /// IDs that two or more actions of one series carry. Their actions are
    /// in no entry and their updates apply to none: merging them would give
    /// one owner's action to another, or reopen a done one.
    pub conflicts: Vec<Conflict<'a>>,
}

/// Two or more actions of one series with one ID.
#[derive(Debug)]
pub struct Conflict<'a> {
    pub id: &'a ActionId,
    /// Every action with the ID, by date, file and line.
    pub actions: Vec<(&'a Meeting, &'a Action)>,
}

impl Conflict<'_> {
    /// The meeting name of the series.
    pub fn series(&self) -> &str {
        self.actions.first().map_or("", |(m, _)| m.meeting.as_str())
    }

    /// Whether the conflict is in the series called `name`.
    pub fn in_series(&self, name: &str) -> bool {
        crate::text::same_series(self.series(), name)
    }

    /// `file:line` of every action with the ID, for messages.
    pub fn places(&self) -> Vec<String> {
        self.actions
            .iter()
            .map(|(m, a)| format!("{}:{}", m.path.display(), a.line))
            .collect()
    }
}

/// One action and what later meetings said of it.
#[derive(Debug)]
pub struct Entry<'a> {
    pub meeting: &'a Meeting,
    pub item: &'a Item,
    pub action: &'a Action,
    /// In meeting order.
    pub updates: Vec<Applied<'a>>,
    /// The series' next meeting after the raising one, for `due next meeting`
    /// in a note that has no `next_meeting`.
    next_meeting: Option<NaiveDate>,
    /// The series, as a number of this ledger.
    series: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct Applied<'a> {
    pub meeting: &'a Meeting,
    pub update: &'a ActionUpdate,
    next_meeting: Option<NaiveDate>,
}

impl<'a> Applied<'a> {
    /// As [`Entry::restore`].
    pub fn restore(
        meeting: &'a Meeting,
        update: &'a ActionUpdate,
        next_meeting: Option<NaiveDate>,
    ) -> Applied<'a> {
        Applied {
            meeting,
            update,
            next_meeting,
        }
    }

    /// The series' next meeting after the updating one.
    pub fn next_meeting(&self) -> Option<NaiveDate> {
        self.next_meeting
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrphanReason {
    /// No action of the series has this ID.
    UnknownId,
    /// The action was raised at this date, on or after the update's meeting.
    BeforeAction { raised: NaiveDate },
    /// Two or more actions of the series have this ID (see `Ledger::conflicts`).
    DuplicateId,
}

#[derive(Debug, Clone, Copy)]
pub struct Orphan<'a> {
    pub meeting: &'a Meeting,
    pub update: &'a ActionUpdate,
    pub reason: OrphanReason,
    /// The series of the update's note, numbered as [`Entry::series`].
    pub series: usize,
}

/// An action's status, owners, due date and latest note at some moment.
#[derive(Debug, Clone)]
pub struct State<'a> {
    pub status: Status,
    pub owners: &'a [Person],
    /// The note the owners were written in, where their names resolve.
    pub owners_meeting: &'a Meeting,
    pub assigned_to_all: bool,
    pub due: Option<NaiveDate>,
    pub due_written: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The latest update applied, if any.
    pub updated_by: Option<Applied<'a>>,
}

impl<'a> State<'a> {
    pub fn is_live(&self) -> bool {
        matches!(self.status, Status::Open | Status::InProgress)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        overdue(self.status, self.due, today)
    }

    /// Whether one of the owners resolves to `person`.
    pub fn owned_by(&self, resolver: &Resolver<'_, 'a>, person: usize) -> bool {
        self.owners
            .iter()
            .any(|owner| resolver.person(owner, self.owners_meeting) == Some(person))
    }

    pub fn owners_label(&self) -> String {
        crate::model::owners_label(self.owners, self.assigned_to_all)
    }

    /// The owners under their canonical names where they resolve, as
    /// written where they do not.
    pub fn owner_names(&self, resolver: &Resolver<'_, 'a>) -> Vec<String> {
        let directory = resolver.directory();
        self.owners
            .iter()
            .map(|owner| {
                resolver
                    .person(owner, self.owners_meeting)
                    .and_then(|at| directory.get(at))
                    .map_or_else(|| owner.display_name(), |known| known.display_name())
            })
            .collect()
    }
}

impl<'a> Entry<'a> {
    /// An entry as a ledger over the whole folder made it, put together
    /// again from what an index kept of it (`query::index`).
    pub fn restore(
        meeting: &'a Meeting,
        item: &'a Item,
        action: &'a Action,
        updates: Vec<Applied<'a>>,
        next_meeting: Option<NaiveDate>,
        series: usize,
    ) -> Entry<'a> {
        Entry {
            meeting,
            item,
            action,
            updates,
            next_meeting,
            series,
        }
    }

    /// The series, as a number of this ledger: equal for two entries (or
    /// orphans) exactly when their series are the same.
    pub fn series(&self) -> usize {
        self.series
    }

    /// The series' next meeting after the raising one.
    pub fn next_meeting(&self) -> Option<NaiveDate> {
        self.next_meeting
    }

    /// The state after every update.
    pub fn state(&self) -> State<'a> {
        self.state_before(None)
    }

    /// The state after the updates of meetings before `date` (all when `None`).
    pub fn state_before(&self, date: Option<NaiveDate>) -> State<'a> {
        let action = self.action;
        let mut state = State {
            status: action.status,
            owners: owners_of(&action.owners, action.assigned_to_all, self.meeting),
            owners_meeting: self.meeting,
            assigned_to_all: action.assigned_to_all,
            due: action.due,
            due_written: action.due_written.as_deref(),
            note: None,
            updated_by: None,
        };
        resolve_next(&mut state, self.next_meeting);
        for applied in &self.updates {
            if date.is_some_and(|date| applied.meeting.date >= date) {
                break;
            }
            let update = applied.update;
            state.status = update.status;
            if !update.owners.is_empty() || update.assigned_to_all {
                state.owners = owners_of(&update.owners, update.assigned_to_all, applied.meeting);
                state.owners_meeting = applied.meeting;
                state.assigned_to_all = update.assigned_to_all;
            }
            if update.due.is_some() || update.due_written.is_some() {
                state.due = update.due;
                state.due_written = update.due_written.as_deref();
                resolve_next(&mut state, applied.next_meeting);
            }
            if let Some(note) = &update.note {
                state.note = Some(note);
            }
            state.updated_by = Some(*applied);
        }
        state
    }
}

/// Whether an action with this status and due date is overdue on `today`:
/// open or in progress, and due before it.
pub fn overdue(status: Status, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    matches!(status, Status::Open | Status::InProgress) && due.is_some_and(|due| due < today)
}

/// The owners as written, or for `All`, everyone present at that meeting.
fn owners_of<'a>(
    owners: &'a [Person],
    assigned_to_all: bool,
    meeting: &'a Meeting,
) -> &'a [Person] {
    if assigned_to_all {
        &meeting.present
    } else {
        owners
    }
}

/// `due next meeting` in a note without `next_meeting` is due at the
/// series' next meeting, when there is one.
fn resolve_next(state: &mut State, next_meeting: Option<NaiveDate>) {
    if state.due.is_none() && state.due_written == Some("next meeting") {
        state.due = next_meeting;
    }
}

impl<'a> Ledger<'a> {
    /// `meetings` in any order.
    pub fn build(meetings: &'a [Meeting]) -> Ledger<'a> {
        let mut ordered: Vec<&Meeting> = meetings.iter().collect();
        ordered.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        // Each meeting's series as a number, and the series' next meeting
        // after it: worked out once a meeting, not once an action.
        // A series is written the same way in note after note: its key is
        // worked out once a spelling.
        let mut series_ids: FxHashMap<String, usize> = FxHashMap::default();
        let mut by_spelling: FxHashMap<&str, usize> = FxHashMap::default();
        let series: Vec<usize> = ordered
            .iter()
            .map(|m| {
                *by_spelling.entry(m.meeting.as_str()).or_insert_with(|| {
                    let next_id = series_ids.len();
                    *series_ids.entry(series_key(&m.meeting)).or_insert(next_id)
                })
            })
            .collect();
        let mut dates: Vec<Vec<NaiveDate>> = vec![Vec::new(); series_ids.len()];
        for (meeting, id) in ordered.iter().zip(&series) {
            if let Some(list) = dates.get_mut(*id) {
                list.push(meeting.date);
            }
        }
        let next_meeting: Vec<Option<NaiveDate>> = ordered
            .iter()
            .zip(&series)
            .map(|(meeting, id)| {
                let list = dates.get(*id)?;
                list.get(list.partition_point(|d| *d <= meeting.date))
                    .copied()
            })
            .collect();

        // Sized once: growing a map of a few hundred thousand actions
        // rehashes it a dozen times.
        let total: usize = ordered.iter().map(|m| m.actions().count()).sum();
        let mut entries = Vec::with_capacity(total);
        let mut index: FxHashMap<(usize, &str), usize> =
            FxHashMap::with_capacity_and_hasher(total, Default::default());
        let mut shared: FxHashSet<(usize, &str)> = FxHashSet::default();
        for (at, meeting) in ordered.iter().enumerate() {
            let id = series.get(at).copied().unwrap_or_default();
            let next = next_meeting.get(at).copied().flatten();
            for item in &meeting.items {
                for action in &item.actions {
                    let key = (id, action.id.0.as_str());
                    if index.insert(key, entries.len()).is_some() {
                        shared.insert(key);
                    }
                    entries.push(Entry {
                        meeting,
                        item,
                        action,
                        updates: Vec::new(),
                        next_meeting: next,
                        series: id,
                    });
                }
            }
        }
        // Rare: IDs that two actions carry. Their entries are set apart, in
        // the order they came (date, file, line), before updates are applied.
        let mut conflicts: Vec<Conflict> = Vec::new();
        if !shared.is_empty() {
            let mut conflict_at: FxHashMap<(usize, &str), usize> = FxHashMap::default();
            let mut kept = Vec::with_capacity(entries.len());
            for entry in entries {
                let key = (entry.series, entry.action.id.0.as_str());
                if !shared.contains(&key) {
                    kept.push(entry);
                    continue;
                }
                let at = *conflict_at.entry(key).or_insert_with(|| {
                    conflicts.push(Conflict {
                        id: &entry.action.id,
                        actions: Vec::new(),
                    });
                    conflicts.len() - 1
                });
                if let Some(conflict) = conflicts.get_mut(at) {
                    conflict.actions.push((entry.meeting, entry.action));
                }
            }
            entries = kept;
            index = entries
                .iter()
                .enumerate()
                .map(|(at, entry)| ((entry.series, entry.action.id.0.as_str()), at))
                .collect();
        }
        let mut orphans = Vec::new();
        for (at, meeting) in ordered.iter().enumerate() {
            let id = series.get(at).copied().unwrap_or_default();
            let next = next_meeting.get(at).copied().flatten();
            for update in meeting.updates() {
                let key = (id, update.action.0.as_str());
                let Some(entry) = index.get(&key).and_then(|at| entries.get_mut(*at)) else {
                    let reason = if shared.contains(&key) {
                        OrphanReason::DuplicateId
                    } else {
                        OrphanReason::UnknownId
                    };
                    orphans.push(Orphan {
                        meeting,
                        update,
                        reason,
                        series: id,
                    });
                    continue;
                };
                if entry.meeting.date >= meeting.date {
                    orphans.push(Orphan {
                        meeting,
                        update,
                        reason: OrphanReason::BeforeAction {
                            raised: entry.meeting.date,
                        },
                        series: id,
                    });
                    continue;
                }
                entry.updates.push(Applied {
                    meeting,
                    update,
                    next_meeting: next,
                });
            }
        }
        Ledger {
            entries,
            orphans,
            conflicts,
        }
    }

    /// The entries whose action has this ID, in any series.
    pub fn find(&self, id: &str) -> impl Iterator<Item = &Entry<'a>> {
        self.entries.iter().filter(move |e| e.action.id.0 == id)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::parse::{Parsed, parse_text};

    fn meeting(name: &str, text: &str) -> Meeting {
        match parse_text(Path::new(name), text) {
            Parsed::Note {
                meeting: Some(m),
                problems,
            } if problems.is_empty() => *m,
            other => panic!("{other:?}"),
        }
    }

    fn series() -> Vec<Meeting> {
        vec![
            meeting(
                "3.md",
                "---\nmeeting: B\ndate: 2025-03-01\n---\n## 1. Actions\n- [x] 2025-01-01/1.1 Al Bee: a — done\n- [ ] 2025-01-01/1.2 Cy Day: b (due 2025-04-01) — reassigned\n- [ ] 2025-09-09/1.1 Al Bee: no such\n",
            ),
            meeting(
                "1.md",
                "---\nmeeting: B\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: a (due next meeting)\n- [ ] Al Bee: b (due 2025-02-01)\n- [ ] Al Bee: c\n- [ ] 2025-02-01/1.1 Al Bee: too early\n",
            ),
            meeting(
                "2.md",
                "---\nmeeting: b\ndate: 2025-02-01\n---\n## 1. A\n- [ ] Al Bee: d\n\n## 2. Actions\n- [/] 2025-01-01/1.1 — started\n",
            ),
        ]
    }

    #[test]
    fn updates_apply_in_meeting_order() {
        let meetings = series();
        let ledger = Ledger::build(&meetings);
        let ids: Vec<&str> = ledger
            .entries
            .iter()
            .map(|e| e.action.id.0.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "2025-01-01/1.1",
                "2025-01-01/1.2",
                "2025-01-01/1.3",
                "2025-02-01/1.1"
            ]
        );
        let first = &ledger.entries[0];
        assert_eq!(first.updates.len(), 2);
        let now = first.state();
        assert_eq!((now.status, now.note), (Status::Done, Some("done")));
        let before_march = first.state_before(NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(
            (before_march.status, before_march.note),
            (Status::InProgress, Some("started"))
        );
        // `due next meeting` with no next_meeting: the series' next meeting.
        assert_eq!(before_march.due, NaiveDate::from_ymd_opt(2025, 2, 1));
        let second = ledger.entries[1].state();
        assert_eq!(second.owners_label(), "Cy Day");
        assert_eq!(second.due, NaiveDate::from_ymd_opt(2025, 4, 1));
    }

    #[test]
    fn updates_that_cannot_apply_are_orphans() {
        let meetings = series();
        let ledger = Ledger::build(&meetings);
        let reasons: Vec<(&str, OrphanReason)> = ledger
            .orphans
            .iter()
            .map(|o| (o.update.action.0.as_str(), o.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "2025-02-01/1.1",
                    OrphanReason::BeforeAction {
                        raised: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap()
                    }
                ),
                ("2025-09-09/1.1", OrphanReason::UnknownId),
            ]
        );
    }

    #[test]
    fn actions_sharing_an_id_are_set_apart_and_their_updates_apply_to_none() {
        let meetings = vec![
            meeting(
                "1.md",
                "---\nmeeting: B\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: a {#B-1}\n- [ ] Cy Day: b {#B-1}\n- [ ] Cy Day: c\n",
            ),
            meeting(
                "2.md",
                "---\nmeeting: B\ndate: 2025-02-01\n---\n## 1. A\n- [x] B-1 Al Bee: a — done\n- [x] 2025-01-01/1.3 — done\n",
            ),
            meeting(
                "3.md",
                "---\nmeeting: Other\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Al Bee: z {#B-1}\n",
            ),
        ];
        let ledger = Ledger::build(&meetings);
        let ids: Vec<&str> = ledger
            .entries
            .iter()
            .map(|e| e.action.id.0.as_str())
            .collect();
        assert_eq!(ids, ["2025-01-01/1.3", "B-1"], "B-1 of Other is its own");
        assert_eq!(ledger.conflicts.len(), 1);
        assert_eq!(ledger.conflicts[0].places(), ["1.md:6", "1.md:7"]);
        let reasons: Vec<OrphanReason> = ledger.orphans.iter().map(|o| o.reason).collect();
        assert_eq!(reasons, [OrphanReason::DuplicateId]);
        assert_eq!(ledger.entries[0].state().status, Status::Done);
    }
}
