//! The index of actions: what `minutes actions` needs of the whole folder,
//! kept in the cache so that, while no file has changed, a query reads it
//! instead of every note.
//!
//! Which actions a query lists depends on the whole folder: the directory
//! of people (built from every note), and each action's current state (its
//! series' later notes). The index keeps exactly those, worked out by the
//! full query path: the directory, every file's problems, and for each entry
//! of the ledger where its action and updates are (file and position) with
//! the fields its filters read (status, due date, owners as people of the
//! directory). A query picks the entries that pass its filters from the
//! index, reads the full notes of those entries only (their own and those
//! of their updates, through the cache), puts the entries together again as
//! the ledger made them, and runs the same query over them: the answer is
//! the full path's, byte for byte, and the models built are those of the
//! rows printed.
//!
//! It is kept under a snapshot of every file (`cache::Snapshot`), so any
//! change to any file is a miss, and the full path runs and writes it
//! afresh. A folder whose ledger has actions sharing an ID gets no index:
//! those are reported from the full ledger.

use std::path::PathBuf;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::actions::ActionFilter;
use super::meetings::{Counts, MeetingRow, fill_approvals};
use crate::cache::codec::{Corrupt, Decoded, Reader, Writer};
use crate::folder::Folder;
use crate::ledger::{Applied, Entry, Ledger};
use crate::model::{Approves, Meeting, NoteStatus, Status};
use crate::people::{Directory, Resolver};
use crate::problem::Problem;

/// The index's name in the cache folder.
pub const NAME: &str = "actions-index.bin";

/// The index as read back: the directory and problems decoded, the
/// entries kept as bytes and decoded one at a time as they are filtered.
pub struct ActionIndex {
    pub directory: Directory,
    /// The problems of every file, in the walk's order.
    pub problems: Vec<Problem>,
    pub files_read: usize,
    pub notes: usize,
    series_names: Vec<String>,
    /// Each file's meeting, as `minutes meetings` lists it.
    meetings: Vec<Option<IndexedMeeting>>,
    /// The index as read; the entries are what follows `entries_at`.
    bytes: Vec<u8>,
    entries_at: usize,
}

/// What `minutes meetings` reads of a note.
#[derive(Debug, Clone)]
struct IndexedMeeting {
    /// In `series_names`.
    series: usize,
    date: NaiveDate,
    counts: Counts,
    status: Option<NoteStatus>,
    approves: Vec<Approves>,
}

/// Where one entry's parts are: files by their place in the walk, items,
/// actions and updates by their place in their note.
#[derive(Debug, Clone, Default)]
struct Record {
    file: usize,
    item: usize,
    action: usize,
    series: usize,
    next_meeting: Option<NaiveDate>,
    status: Option<Status>,
    due: Option<NaiveDate>,
    /// The current owners, as people of the directory.
    owners: Vec<usize>,
    /// File, position among the note's updates, and that note's next meeting.
    updates: Vec<(usize, usize, Option<NaiveDate>)>,
}

/// The entries one query's filters pass, and the files they are in.
pub struct Selection {
    records: Vec<Record>,
    /// Sorted, without repeats.
    pub files: Vec<usize>,
}

impl ActionIndex {
    /// The index of a folder that the full path loaded from `files` (the
    /// walk's files, in its order); `None` when its ledger has conflicts.
    pub fn encode(
        files: &[PathBuf],
        folder: &Folder,
        directory: &Directory,
        ledger: &Ledger,
    ) -> Option<Vec<u8>> {
        if !ledger.conflicts.is_empty() {
            return None;
        }
        let file_of = crate::discover::places(files);
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        w.usize(folder.files_read);
        w.usize(folder.notes);
        directory.encode(&mut w);
        let mut problems: Vec<(usize, Vec<&Problem>)> = Vec::new();
        for problem in &folder.problems {
            // The walk's own problems (a folder it could not enter) are
            // found again by the walk.
            let Some(&at) = file_of.get(problem.path.as_path()) else {
                continue;
            };
            match problems.last_mut() {
                Some((last, list)) if *last == at => list.push(problem),
                _ => problems.push((at, vec![problem])),
            }
        }
        w.seq(&problems, |w, (at, list)| {
            w.usize(*at);
            w.seq(list, |w, problem| w.problem(problem));
        });
        let mut series_names: Vec<&str> = Vec::new();
        let mut name_at: FxHashMap<&str, usize> = FxHashMap::default();
        let mut meetings: Vec<Option<&Meeting>> = vec![None; files.len()];
        for meeting in &folder.meetings {
            name_at.entry(&meeting.meeting).or_insert_with(|| {
                series_names.push(&meeting.meeting);
                series_names.len() - 1
            });
            *meetings.get_mut(*file_of.get(meeting.path.as_path())?)? = Some(meeting);
        }
        w.seq(&series_names, |w, name| w.str(name));
        w.seq(&meetings, |w, meeting| {
            w.opt(meeting, |w, meeting| {
                w.usize(name_at.get(meeting.meeting.as_str()).copied().unwrap_or(0));
                w.date(&meeting.date);
                let Counts {
                    items,
                    decisions,
                    live_actions,
                    actions,
                } = Counts::of(meeting);
                for count in [items, decisions, live_actions, actions] {
                    w.usize(count);
                }
                w.opt(&meeting.status, |w, status| {
                    w.bool(*status == NoteStatus::Approved);
                });
                w.seq(&meeting.approves(), |w, approves| match approves {
                    Approves::Previous => w.u8(0),
                    Approves::Held(date) => {
                        w.u8(1);
                        w.date(date);
                    }
                });
            });
        });
        let resolver = Resolver::new(directory);
        let records: Option<Vec<Record>> = ledger
            .entries
            .iter()
            .map(|entry| record(entry, &file_of, &resolver))
            .collect();
        let records = records?;
        // The records, and for each person the places of the records they
        // own, so that `--owner` reads only those.
        let mut kept = Vec::new();
        let mut postings: Vec<Vec<u8>> = vec![Vec::new(); directory.people.len()];
        let mut last: Vec<usize> = vec![0; directory.people.len()];
        let mut records_writer = Writer::new(&mut kept);
        for record in &records {
            let at = records_writer.len();
            for owner in &record.owners {
                let (list, last) = (postings.get_mut(*owner)?, last.get_mut(*owner)?);
                // Two spellings of one person in one action: listed once.
                if !list.is_empty() && *last == at {
                    continue;
                }
                crate::cache::codec::put_uint(list, (at - *last) as u64);
                *last = at;
            }
            put_record(&mut records_writer, record);
        }
        records_writer.finish().ok()?;
        w.usize(records.len());
        w.bytes(&kept);
        w.seq(&postings, |w, list| w.bytes(list));
        w.finish().ok()?;
        Some(out)
    }

    /// The index read back for the walk's `files`.
    pub fn decode(bytes: Vec<u8>, files: &[PathBuf]) -> Decoded<ActionIndex> {
        let mut r = Reader::new(&bytes, std::path::Path::new(""));
        let files_read = r.usize()?;
        let notes = r.usize()?;
        let directory = Directory::decode(&mut r)?;
        let mut problems = Vec::new();
        for _ in 0..r.usize()? {
            let path = files.get(r.usize()?).ok_or(Corrupt)?;
            r.set_path(path);
            problems.extend(r.seq(Reader::problem)?);
        }
        let series_names = r.seq(Reader::str)?;
        let meetings = r.seq(|r| {
            r.opt(|r| {
                let (series, date) = (r.usize()?, r.date()?);
                let counts = Counts {
                    items: r.usize()?,
                    decisions: r.usize()?,
                    live_actions: r.usize()?,
                    actions: r.usize()?,
                };
                let status = r.opt(|r| {
                    Ok(if r.bool()? {
                        NoteStatus::Approved
                    } else {
                        NoteStatus::Draft
                    })
                })?;
                let approves = r.seq(|r| match r.u8()? {
                    0 => Ok(Approves::Previous),
                    1 => Ok(Approves::Held(r.date()?)),
                    _ => Err(Corrupt),
                })?;
                Ok(IndexedMeeting {
                    series,
                    date,
                    counts,
                    status,
                    approves,
                })
            })
        })?;
        if meetings.len() != files.len() {
            return Err(Corrupt);
        }
        let entries_at = bytes.len() - r.rest().len();
        Ok(ActionIndex {
            directory,
            problems,
            files_read,
            notes,
            series_names,
            meetings,
            bytes,
            entries_at,
        })
    }

    /// The distinct series, as [`Folder::series_names`] names them: the
    /// spellings are kept in the order of the folder's meetings.
    pub fn series_names(&self) -> Vec<&str> {
        crate::text::distinct_series(self.series_names.iter().map(String::as_str))
    }

    /// A row a note, as `meetings::meetings` makes them from the notes:
    /// by date, then file. `files` are the walk's, as for `decode`.
    pub fn meeting_rows<'a>(&'a self, files: &'a [PathBuf]) -> Decoded<Vec<MeetingRow<'a>>> {
        let mut rows = Vec::new();
        for (meeting, path) in self.meetings.iter().zip(files) {
            let Some(meeting) = meeting else {
                continue;
            };
            let series = self.series_names.get(meeting.series).ok_or(Corrupt)?;
            let row = MeetingRow {
                date: meeting.date,
                series,
                path,
                counts: meeting.counts,
                status: meeting.status,
                approval: None,
            };
            rows.push((row, meeting.approves.clone()));
        }
        rows.sort_by(|(a, _), (b, _)| (a.date, a.path).cmp(&(b.date, b.path)));
        let (mut rows, approves): (Vec<MeetingRow>, Vec<Vec<Approves>>) = rows.into_iter().unzip();
        fill_approvals(&mut rows, &approves);
        Ok(rows)
    }

    /// The files (by their place in the walk) of every note of the series
    /// called `name`, compared as `text::same_series`: all an action of the
    /// series depends on, since a ledger's entries are those of one series.
    pub fn series_files(&self, name: &str) -> Vec<usize> {
        let admitted: Vec<bool> = self
            .series_names
            .iter()
            .map(|spelling| crate::text::same_series(spelling, name))
            .collect();
        self.meetings
            .iter()
            .enumerate()
            .filter(|(_, meeting)| {
                meeting
                    .as_ref()
                    .is_some_and(|m| admitted.get(m.series) == Some(&true))
            })
            .map(|(at, _)| at)
            .collect()
    }

    /// The entries that `filter` passes, judged as `actions::actions`
    /// judges them, and the files they need.
    pub fn select(&self, filter: &ActionFilter) -> Decoded<Selection> {
        // Judged once a spelling of a series, not once an action.
        let admitted: Vec<bool> = self
            .series_names
            .iter()
            .map(|name| filter.meetings.admits_series(name))
            .collect();
        let no_path = std::path::Path::new("");
        let entries = self.bytes.get(self.entries_at..).ok_or(Corrupt)?;
        let mut r = Reader::new(entries, no_path);
        let count = r.usize()?;
        let kept = r.bytes()?;
        let mut selection = Selection {
            records: Vec::new(),
            files: Vec::new(),
        };
        let mut record = Record::default();
        let mut consider = |selection: &mut Selection, from: &mut Reader| -> Decoded<()> {
            take_record(from, &mut record)?;
            if self.passes(&record, filter, &admitted)? {
                selection.files.push(record.file);
                let updated = record.updates.iter().map(|(file, _, _)| *file);
                selection.files.extend(updated);
                selection.records.push(std::mem::take(&mut record));
            }
            Ok(())
        };
        match filter.owner {
            Some(person) => {
                // Past the lists of the people before, to this one's.
                let people = r.usize()?;
                let mut list = &[][..];
                for at in 0..people {
                    let this = r.bytes()?;
                    if at == person {
                        list = this;
                    }
                }
                let mut at = 0;
                let mut places = Reader::new(list, no_path);
                while !places.rest().is_empty() {
                    at += places.usize()?;
                    let mut from = Reader::new(kept.get(at..).ok_or(Corrupt)?, no_path);
                    consider(&mut selection, &mut from)?;
                }
            }
            None => {
                let mut from = Reader::new(kept, no_path);
                for _ in 0..count {
                    consider(&mut selection, &mut from)?;
                }
                from.finish()?;
            }
        }
        selection.files.sort_unstable();
        selection.files.dedup();
        Ok(selection)
    }

    fn passes(&self, record: &Record, filter: &ActionFilter, admitted: &[bool]) -> Decoded<bool> {
        let meeting = self
            .meetings
            .get(record.file)
            .and_then(Option::as_ref)
            .ok_or(Corrupt)?;
        let status = record.status.ok_or(Corrupt)?;
        Ok(admitted.get(meeting.series).copied().unwrap_or(false)
            && filter.meetings.admits_date(meeting.date)
            && filter.admits_state(status, record.due, |person| record.owners.contains(&person)))
    }
}

impl Selection {
    /// How many entries were selected.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The selected entries as the full ledger had them, over the notes of
    /// `files` (`meetings[i]` the note of the walk's file `i`, where read);
    /// `None` when a note is not what the index says it was.
    pub fn ledger<'a>(&self, meetings: &FxHashMap<usize, &'a Meeting>) -> Option<Ledger<'a>> {
        let mut entries = Vec::with_capacity(self.records.len());
        for record in &self.records {
            let meeting = *meetings.get(&record.file)?;
            let item = meeting.items.get(record.item)?;
            let action = item.actions.get(record.action)?;
            let mut updates = Vec::with_capacity(record.updates.len());
            for (file, position, next) in &record.updates {
                let at = *meetings.get(file)?;
                let update = at.updates().nth(*position)?;
                updates.push(Applied::restore(at, update, *next));
            }
            entries.push(Entry::restore(
                meeting,
                item,
                action,
                updates,
                record.next_meeting,
                record.series,
            ));
        }
        Some(Ledger {
            entries,
            orphans: Vec::new(),
            conflicts: Vec::new(),
        })
    }
}

/// What the index keeps of `entry`.
fn record<'a>(
    entry: &Entry<'a>,
    file_of: &FxHashMap<&std::path::Path, usize>,
    resolver: &Resolver<'_, 'a>,
) -> Option<Record> {
    let meeting = entry.meeting;
    let item = meeting
        .items
        .iter()
        .position(|item| std::ptr::eq(item, entry.item))?;
    let action = entry
        .item
        .actions
        .iter()
        .position(|action| std::ptr::eq(action, entry.action))?;
    let updates = entry
        .updates
        .iter()
        .map(|applied| {
            let position = applied
                .meeting
                .updates()
                .position(|update| std::ptr::eq(update, applied.update))?;
            let file = *file_of.get(applied.meeting.path.as_path())?;
            Some((file, position, applied.next_meeting()))
        })
        .collect::<Option<Vec<_>>>()?;
    let state = entry.state();
    let owners = state
        .owners
        .iter()
        .filter_map(|owner| resolver.person(owner, state.owners_meeting))
        .collect();
    Some(Record {
        file: *file_of.get(meeting.path.as_path())?,
        item,
        action,
        series: entry.series(),
        next_meeting: entry.next_meeting(),
        status: Some(state.status),
        due: state.due,
        owners,
        updates,
    })
}

fn put_record(w: &mut Writer, record: &Record) {
    let Record {
        file,
        item,
        action,
        series,
        next_meeting,
        status,
        due,
        owners,
        updates,
    } = record;
    w.usize(*file);
    w.usize(*item);
    w.usize(*action);
    w.usize(*series);
    w.opt(next_meeting, Writer::date);
    w.opt(status, |w, status| w.status(*status));
    w.opt(due, Writer::date);
    w.seq(owners, |w, at| w.usize(*at));
    w.seq(updates, |w, (file, position, next)| {
        w.usize(*file);
        w.usize(*position);
        w.opt(next, Writer::date);
    });
}

/// Reads the next record into `into`, reusing its lists: most records are
/// read only to be passed over.
fn take_record(r: &mut Reader, into: &mut Record) -> Decoded<()> {
    into.file = r.usize()?;
    into.item = r.usize()?;
    into.action = r.usize()?;
    into.series = r.usize()?;
    into.next_meeting = r.opt(Reader::date)?;
    into.status = r.opt(Reader::status)?;
    into.due = r.opt(Reader::date)?;
    into.owners.clear();
    for _ in 0..r.usize()? {
        into.owners.push(r.usize()?);
    }
    into.updates.clear();
    for _ in 0..r.usize()? {
        into.updates
            .push((r.usize()?, r.usize()?, r.opt(Reader::date)?));
    }
    Ok(())
}
