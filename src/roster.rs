//! A folder too large to hold whole, as `export` reads it: a first pass
//! keeps of each note only what the directory of people is built from (its
//! date, its series, and its people as numbers into one list of every
//! distinct mention), reading unchanged notes back from the cache a few
//! shards at a time, and a second parses the notes again series by series.
//! Memory follows the largest series and the number of distinct people, not
//! the number of notes: at 100,000 notes the full models took 2.2 GB
//! (bench/NOTES.md).

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::cache::{Cache, SHARDS};
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
    cache_warning: Option<String>,
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

/// What the first pass keeps of a meeting, its mentions' lines set to 0
/// so that equal mentions are one. The people are the meeting's own
/// `listed` and `owners`, which the directory reads too.
struct Taken {
    date: NaiveDate,
    series: String,
    listed: Vec<Person>,
    owners: Vec<Person>,
}

impl From<Meeting> for Taken {
    fn from(meeting: Meeting) -> Self {
        let without_line = |person: &Person| Person {
            line: 0,
            ..person.clone()
        };
        let listed = meeting.listed().map(without_line).collect();
        let owners = meeting.owners().map(without_line).collect();
        Taken {
            date: meeting.date,
            series: meeting.meeting,
            listed,
            owners,
        }
    }
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

    /// As `Meeting::listed` of the note's meeting.
    pub fn listed(self) -> impl Iterator<Item = &'r Person> {
        self.roster.mentions(&self.summary.listed)
    }

    /// The owners of its actions, then of its updates, as written.
    pub fn owners(self) -> impl Iterator<Item = &'r Person> {
        self.roster.mentions(&self.summary.owners)
    }
}

/// What the first pass keeps of one file, made as soon as it is read.
struct Glean {
    taken: Option<Taken>,
    problems: Vec<Problem>,
    is_note: bool,
}

impl From<FileOutcome> for Glean {
    fn from(outcome: FileOutcome) -> Self {
        match outcome {
            FileOutcome::Parsed(Parsed::NotANote) => Glean {
                taken: None,
                problems: Vec::new(),
                is_note: false,
            },
            FileOutcome::Unreadable(problem) => Glean {
                taken: None,
                problems: vec![problem],
                is_note: false,
            },
            FileOutcome::Parsed(Parsed::Note { meeting, problems }) => Glean {
                taken: meeting.map(|m| Taken::from(*m)),
                problems,
                is_note: true,
            },
        }
    }
}

/// The first pass's summaries as they are made, people and series numbered.
struct Gathered {
    people: Interner<Person>,
    series: Interner<String>,
    notes: Vec<Summary>,
    file_problems: Vec<Problem>,
    note_count: usize,
    cache_warning: Option<String>,
}

impl Default for Gathered {
    fn default() -> Self {
        Gathered {
            people: Interner::new(),
            series: Interner::new(),
            notes: Vec::new(),
            file_problems: Vec::new(),
            note_count: 0,
            cache_warning: None,
        }
    }
}

impl Gathered {
    /// The file at `file` in the walk's order.
    fn add(&mut self, file: usize, glean: Glean) {
        self.note_count += usize::from(glean.is_note);
        self.file_problems.extend(glean.problems);
        let Some(taken) = glean.taken else { return };
        let people = &mut self.people;
        self.notes.push(Summary {
            file: file as u32,
            date: taken.date,
            series: self.series.number(taken.series),
            listed: taken.listed.into_iter().map(|p| people.number(p)).collect(),
            owners: taken.owners.into_iter().map(|p| people.number(p)).collect(),
        });
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
    /// Reads every file the walk found, a batch at a time, keeping only
    /// each note's summary and every file's problems: through `cache`, a
    /// few of its shards at a time (unchanged notes read back, the others
    /// parsed and kept), or parsing every file.
    pub fn gather(discovery: Discovery, max_size: u64, cache: Option<&Cache>) -> Roster {
        let mut gathered = Gathered::default();
        let files = &discovery.files;
        match cache {
            Some(cache) => {
                let at_once = rayon::current_num_threads().clamp(1, SHARDS);
                for first in (0..SHARDS).step_by(at_once) {
                    let shards = first..(first + at_once).min(SHARDS);
                    let (read, stats) = cache.load_notes_in(files, max_size, shards, Glean::from);
                    if gathered.cache_warning.is_none() {
                        gathered.cache_warning = stats.warning;
                    }
                    for (at, glean) in read {
                        gathered.add(at, glean);
                    }
                }
            }
            None => {
                for (batch_at, batch) in files.chunks(BATCH).enumerate() {
                    let read: Vec<Glean> = batch
                        .par_iter()
                        .map(|path| Glean::from(read_file(path, max_size)))
                        .collect();
                    for (at, glean) in read.into_iter().enumerate() {
                        gathered.add(batch_at * BATCH + at, glean);
                    }
                }
            }
        }
        let Gathered {
            people,
            series,
            mut notes,
            file_problems,
            note_count,
            cache_warning,
        } = gathered;
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
            cache_warning,
            discovery,
        }
    }

    /// Why the cache could not be used or kept up to date, if it could not.
    pub fn cache_warning(&self) -> Option<&str> {
        self.cache_warning.as_deref()
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
