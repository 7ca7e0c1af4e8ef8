//! The parsed folder: every meeting, and every problem met on the way, so
//! that one broken note never hides the others' results.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::cache::{Cache, CacheStats};
use crate::discover::{Discovery, discover};
use crate::model::Meeting;
use crate::parse::Parsed;
use crate::problem::Problem;
use crate::read::{FileOutcome, read_file};
use crate::text::same_series;

#[derive(Debug, Default)]
pub struct Folder {
    /// Sorted by date, then path.
    pub meetings: Vec<Meeting>,
    /// Problems in files and in the walk, sorted by path and line.
    pub problems: Vec<Problem>,
    /// Command-line paths that do not exist.
    pub missing: Vec<Problem>,
    /// How many files were read, and how many of them were notes.
    pub files_read: usize,
    pub notes: usize,
    /// What the cache did, when one was used.
    pub cache: Option<CacheStats>,
}

impl Folder {
    /// Reads and parses every note under `paths`, in parallel; files over
    /// `max_size` bytes are reported and skipped.
    pub fn load(paths: &[PathBuf], max_size: u64) -> Folder {
        Folder::load_cached(paths, max_size, None)
    }

    /// As [`Folder::load`], reading unchanged notes back from `cache` (and
    /// bringing it up to date) when one is given.
    pub fn load_cached(paths: &[PathBuf], max_size: u64, cache: Option<&Cache>) -> Folder {
        Folder::load_discovered(discover(paths), max_size, cache)
    }

    /// As [`Folder::load_cached`], for the files a walk already found.
    pub fn load_discovered(discovery: Discovery, max_size: u64, cache: Option<&Cache>) -> Folder {
        let (parsed, stats) = match cache {
            Some(cache) => {
                let (parsed, stats) = cache.load(&discovery.files, max_size);
                (parsed, Some(stats))
            }
            None => {
                let parsed: Vec<FileOutcome> = discovery
                    .files
                    .par_iter()
                    .map(|path| read_file(path, max_size))
                    .collect();
                (parsed, None)
            }
        };
        let mut folder = Folder {
            problems: discovery.problems,
            missing: discovery.missing,
            files_read: parsed.len(),
            cache: stats,
            ..Folder::default()
        };
        for outcome in parsed {
            match outcome {
                FileOutcome::Parsed(Parsed::NotANote) => {}
                FileOutcome::Parsed(Parsed::Note { meeting, problems }) => {
                    folder.notes += 1;
                    folder.meetings.extend(meeting.map(|m| *m));
                    folder.problems.extend(problems);
                }
                FileOutcome::Unreadable(problem) => folder.problems.push(problem),
            }
        }
        folder.sort();
        folder
    }

    /// A folder put together from parts kept elsewhere (the index of
    /// actions keeps every file's problems, and some of its notes are read):
    /// in the same order as one loaded whole.
    pub fn assemble(
        discovery: &Discovery,
        meetings: Vec<Meeting>,
        file_problems: &[Problem],
        files_read: usize,
        notes: usize,
    ) -> Folder {
        let mut problems = discovery.problems.clone();
        problems.extend_from_slice(file_problems);
        let mut folder = Folder {
            meetings,
            problems,
            missing: discovery.missing.clone(),
            files_read,
            notes,
            cache: None,
        };
        folder.sort();
        folder
    }

    fn sort(&mut self) {
        self.meetings
            .sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        self.problems
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    }

    /// Meetings of the series `name`, compared ignoring case and spacing.
    pub fn series<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Meeting> + 'a {
        self.meetings
            .iter()
            .filter(move |m| same_series(&m.meeting, name))
    }

    /// The distinct series names, in order of first meeting.
    pub fn series_names(&self) -> Vec<&str> {
        crate::text::distinct_series(self.meetings.iter().map(|m| m.meeting.as_str()))
    }
}
