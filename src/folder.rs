//! The parsed folder: every meeting, and every problem met on the way, so
//! that one broken note never hides the others' results.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::{Cache, CacheStats};
use crate::discover::discover;
use crate::model::Meeting;
use crate::parse::{Parsed, parse_bytes};
use crate::problem::{Problem, ProblemKind};

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

/// The key of a series name: lower case, one space between words. Two
/// names are one series exactly when `same_series` says so.
pub fn series_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for (at, word) in name.split_whitespace().enumerate() {
        if at > 0 {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Whether two series names are the same, ignoring case and spacing.
/// Compared word by word without allocating: it runs for every action.
pub fn same_series(a: &str, b: &str) -> bool {
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let same = x == y
                    || x.chars()
                        .flat_map(char::to_lowercase)
                        .eq(y.chars().flat_map(char::to_lowercase));
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

pub enum FileOutcome {
    Parsed(Parsed),
    Unreadable(Problem),
}

/// Notes larger than this are refused unless `max_file_size` in
/// minutes.yaml allows them: a real note is tens of kilobytes, and a huge
/// `.md` file is far more likely an export or a mistake than minutes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Reads one file and parses it. The text is dropped once parsed.
pub fn read_file(path: &Path, max_size: u64) -> FileOutcome {
    match read_bounded(path, max_size) {
        Ok(bytes) => FileOutcome::Parsed(parse_bytes(path, &bytes)),
        Err(problem) => FileOutcome::Unreadable(problem),
    }
}

/// The file's bytes, or why they cannot be had: it cannot be read, it is
/// not a regular file, or it is larger than `max_size`.
pub fn read_bounded(path: &Path, max_size: u64) -> Result<Vec<u8>, Problem> {
    read_regular(path, max_size).map_err(|err| match err {
        ReadError::TooLarge(size) => too_large(path, size, max_size),
        ReadError::Io(err) => Problem::error(
            ProblemKind::Unreadable,
            path,
            0,
            format!("cannot read: {err}"),
        ),
        ReadError::NotAFile => Problem::error(
            ProblemKind::Unreadable,
            path,
            0,
            "not a regular file (a pipe, a device or a socket); only files are read",
        ),
    })
}

/// Why `read_regular` gave no bytes.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A FIFO, a device, a socket or a folder: reading one could block for
    /// ever (a FIFO) or never end (`/dev/zero`), and its size says nothing.
    NotAFile,
    /// At least this many bytes, more than allowed.
    TooLarge(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(err) => write!(f, "{err}"),
            ReadError::NotAFile => f.write_str("not a regular file (a pipe, a device or a socket)"),
            ReadError::TooLarge(size) => write!(f, "{size} bytes or more, over the limit"),
        }
    }
}

/// Every byte of the regular file at `path`, when it has at most
/// `max_size`. Checked before opening (opening a FIFO blocks until someone
/// writes to it), again on the opened file (the path may have changed in
/// between), and while reading, which stops one byte past the limit
/// whatever size the file claimed.
pub fn read_regular(path: &Path, max_size: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let before = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !before.is_file() {
        return Err(ReadError::NotAFile);
    }
    if before.len() > max_size {
        return Err(ReadError::TooLarge(before.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Were the path swapped for a FIFO since the check, a plain open would
    // wait for a writer; non-blocking, it returns, and the check below
    // refuses it. Regular files read the same either way.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let file = options.open(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotAFile);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(max_size)).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The problem of a file of `size` bytes, over the `max_size` a note may be.
pub fn too_large(path: &Path, size: u64, max_size: u64) -> Problem {
    Problem::error(
        ProblemKind::TooLarge,
        path,
        0,
        format!(
            "the file is {size} bytes, more than the {} a note may be; it is skipped",
            format_size(max_size)
        ),
    )
    .with_help("raise `max_file_size` in minutes.yaml to read it")
}

/// `16 MiB`, `512 KiB`, `100 bytes`.
pub fn format_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * 1024;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes % KIB == 0 {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}
