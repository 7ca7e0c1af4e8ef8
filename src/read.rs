//! Reading one file, bounded: only a regular file, never more than the
//! limit, and the outcome of reading and parsing it that every command
//! (through `Folder` and the cache) and `lint` share.

use std::path::Path;

use crate::parse::{Parsed, parse_bytes};
use crate::problem::{Problem, ProblemKind};

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
