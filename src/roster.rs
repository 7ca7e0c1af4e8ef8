//! A folder too large to hold whole, as `export` reads it: a first pass
//! keeps of each note only what the directory of people is built from (its
//! date, its series, and its people as numbers into one list of every
//! distinct mention), and a second reads the notes again series by series.
//! Memory follows the largest series and the number of distinct people, not
//! the number of notes: at 100,000 notes the full models took 2.2 GB
//! (bench/NOTES.md).

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::discover::Discovery;
use crate::folder::Folder;
use crate::model::{Meeting, Person};
use crate::parse::Parsed;
use crate::problem::Problem;
use crate::read::{FileOutcome, read_file};
use crate::text::series_key;

/// How many files the first pass parses at once: enough to keep every core
/// busy, few enough that their models take a few tens of megabytes.
const BATCH: usize = 256;

/// Every note's people, by number, and where the notes are.
#[derive(Debug)]
pub struct Roster {
    discovery: Discovery,
    max_size: u64,
    /// Each distinct mention (its line set to 0), once.
    people: Vec<Person>,
    /// Each distinct spelling of a series.
    series: Vec<String>,
    /// By date, then file.
    notes: Vec<Summary>,
    file_problems: Vec<Problem>,
    files_read: usize,
    note_count: usize,
}

/// What the first pass keeps of a note.
#[derive(Debug)]
struct Summary {
    file: u32,
    date: NaiveDate,
    series: u32,
    listed: Box<[u32]>,
    owners: Box<[u32]>,
}

/// What the first pass takes out of a meeting (moved, not copied: a note
/// names some fifty people), its mentions' lines set to 0 so that equal
/// mentions are one. In the order `people::listed` and the directory read
/// them: tests/cli/export.rs checks that the directory comes out the same.
struct Taken {
    date: NaiveDate,
    series: String,
    listed: Vec<Person>,
    owners: Vec<Person>,
}

impl From<Meeting> for Taken {
    fn from(mut meeting: Meeting) -> Self {
        let listed: Vec<Person> = meeting
            .chair
            .take()
            .into_iter()
            .chain(meeting.minutes_by.take())
            .chain(std::mem::take(&mut meeting.present))
            .chain(std::mem::take(&mut meeting.in_attendance))
            .chain(std::mem::take(&mut meeting.apologies))
            .chain(std::mem::take(&mut meeting.absent))
            .map(without_line)
            .collect();
        let mut owners = Vec::new();
        for item in &mut meeting.items {
            for action in &mut item.actions {
                owners.extend(
                    std::mem::take(&mut action.owners)
                        .into_iter()
                        .map(without_line),
                );
            }
        }
        for item in &mut meeting.items {
            for update in &mut item.updates {
                owners.extend(
                    std::mem::take(&mut update.owners)
                        .into_iter()
                        .map(without_line),
                );
            }
        }
        Taken {
            date: meeting.date,
            series: meeting.meeting,
            listed,
            owners,
        }
    }
}

fn without_line(person: Person) -> Person {
    Person { line: 0, ..person }
}

/// One note of a roster, as the directory reads it.
#[derive(Clone, Copy)]
pub struct RosterNote<'r> {
    roster: &'r Roster,
    summary: &'r Summary,
}

impl<'r> RosterNote<'r> {
    pub fn series(self) -> &'r str {
        self.roster
            .series
            .get(self.summary.series as usize)
            .map_or("", String::as_str)
    }

    /// As `people::listed` of the note's meeting.
    pub fn listed(self) -> impl Iterator<Item = &'r Person> {
        self.roster.mentions(&self.summary.listed)
    }

    /// The owners of its actions, then of its updates, as written.
    pub fn owners(self) -> impl Iterator<Item = &'r Person> {
        self.roster.mentions(&self.summary.owners)
    }
}

/// Numbers each distinct value as it is first seen.
struct Interner<T> {
    numbers: FxHashMap<T, u32>,
}

impl<T: std::hash::Hash + Eq> Interner<T> {
    fn new() -> Self {
        Interner {
            numbers: FxHashMap::default(),
        }
    }

    fn number(&mut self, value: T) -> u32 {
        // Looked up before it is inserted: most values were seen before,
        // and `entry` hashes them no faster.
        if let Some(number) = self.numbers.get(&value) {
            return *number;
        }
        let next = self.numbers.len() as u32;
        self.numbers.insert(value, next);
        next
    }

    /// The values, each at its number.
    fn into_list(self) -> Vec<T> {
        let mut pairs: Vec<(T, u32)> = self.numbers.into_iter().collect();
        pairs.sort_unstable_by_key(|(_, number)| *number);
        pairs.into_iter().map(|(value, _)| value).collect()
    }
}

impl Roster {
    /// Parses every file the walk found, a batch at a time, keeping only
    /// each note's summary and every file's problems.
    pub fn gather(discovery: Discovery, max_size: u64) -> Roster {
        let mut people: Interner<Person> = Interner::new();
        let mut series: Interner<String> = Interner::new();
        let mut notes = Vec::new();
        let mut file_problems = Vec::new();
        let mut note_count = 0;
        for (batch_at, batch) in discovery.files.chunks(BATCH).enumerate() {
            let read: Vec<(Option<Taken>, Vec<Problem>, bool)> = batch
                .par_iter()
                .map(|path| match read_file(path, max_size) {
                    FileOutcome::Parsed(Parsed::NotANote) => (None, Vec::new(), false),
                    FileOutcome::Unreadable(problem) => (None, vec![problem], false),
                    FileOutcome::Parsed(Parsed::Note { meeting, problems }) => {
                        (meeting.map(|m| Taken::from(*m)), problems, true)
                    }
                })
                .collect();
            for (at, (taken, problems, is_note)) in read.into_iter().enumerate() {
                note_count += usize::from(is_note);
                file_problems.extend(problems);
                let Some(taken) = taken else { continue };
                notes.push(Summary {
                    file: (batch_at * BATCH + at) as u32,
                    date: taken.date,
                    series: series.number(taken.series),
                    listed: taken.listed.into_iter().map(|p| people.number(p)).collect(),
                    owners: taken.owners.into_iter().map(|p| people.number(p)).collect(),
                });
            }
        }
        let files = &discovery.files;
        let path_of = |summary: &Summary| files.get(summary.file as usize);
        notes.sort_by(|a, b| (a.date, path_of(a)).cmp(&(b.date, path_of(b))));
        Roster {
            max_size,
            people: people.into_list(),
            series: series.into_list(),
            notes,
            file_problems,
            files_read: discovery.files.len(),
            note_count,
            discovery,
        }
    }

    fn mentions<'r>(&'r self, numbers: &'r [u32]) -> impl Iterator<Item = &'r Person> {
        numbers
            .iter()
            .filter_map(|at| self.people.get(*at as usize))
    }

    /// Every note, by date and then file.
    pub fn notes(&self) -> impl Iterator<Item = RosterNote<'_>> + Clone {
        self.notes.iter().map(|summary| RosterNote {
            roster: self,
            summary,
        })
    }

    /// The files of each series (its name compared ignoring case and
    /// spacing), by date and then file; the series by their first meeting.
    pub fn series_files(&self) -> Vec<Vec<&Path>> {
        let keys: Vec<String> = self.series.iter().map(|name| series_key(name)).collect();
        let mut group_of: FxHashMap<&str, usize> = FxHashMap::default();
        let mut groups: Vec<Vec<&Path>> = Vec::new();
        for summary in &self.notes {
            let (Some(key), Some(path)) = (
                keys.get(summary.series as usize),
                self.discovery.files.get(summary.file as usize),
            ) else {
                continue;
            };
            let group = *group_of.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            if let Some(files) = groups.get_mut(group) {
                files.push(path.as_path());
            }
        }
        groups
    }

    /// Reads and parses `files` again, in parallel: each one's meeting, in
    /// the order given (`None` for a file that is no longer a note), and
    /// what went wrong with any file that could not be read this time (its
    /// other problems were found by the first pass).
    pub fn read(&self, files: &[&Path]) -> (Vec<Option<Meeting>>, Vec<Problem>) {
        let outcomes: Vec<FileOutcome> = files
            .par_iter()
            .map(|path| read_file(path, self.max_size))
            .collect();
        let mut problems = Vec::new();
        let meetings = outcomes
            .into_iter()
            .map(|outcome| match outcome {
                FileOutcome::Parsed(Parsed::Note { meeting, .. }) => meeting.map(|m| *m),
                FileOutcome::Parsed(Parsed::NotANote) => None,
                FileOutcome::Unreadable(problem) => {
                    problems.push(problem);
                    None
                }
            })
            .collect();
        (meetings, problems)
    }

    /// The walk's and the files' problems, and the counts, as a folder
    /// loaded whole would have them (with no meetings).
    pub fn folder(&self) -> Folder {
        Folder::assemble(
            &self.discovery,
            Vec::new(),
            &self.file_problems,
            self.files_read,
            self.note_count,
        )
    }
}
