//! The parsed folder: every meeting, and every problem met on the way, so
//! that one broken note never hides the others' results.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::cache::{Cache, CacheStats};
use crate::discover::discover;
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
        let discovery = discover(paths);
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
        folder
            .meetings
            .sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        folder
            .problems
            .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        folder
    }

    /// Meetings of the series `name`, compared ignoring case and spacing.
    pub fn series<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Meeting> + 'a {
        self.meetings
            .iter()
            .filter(move |m| same_series(&m.meeting, name))
    }

    /// The distinct series names, in order of first meeting.
    pub fn series_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for meeting in &self.meetings {
            if !names.iter().any(|n| same_series(n, &meeting.meeting)) {
                names.push(&meeting.meeting);
            }
        }
        names
    }
}
