//! Values kept for the whole folder rather than for each file (the index
//! of actions that `query::index` keeps): such a value is good only while
//! every file is exactly as it was, so it is keyed by a [`Snapshot`], a
//! hash of every file's path and stamp in the walk's order. A file added,
//! removed, renamed, touched or rewritten gives another snapshot, and the
//! value is a miss; so does a file changed too recently to be sure of
//! (racily clean), since then no value is written at all.

use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::PathBuf;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{Cache, FORMAT, Fnv, MAGIC, nanos_since_epoch, path_bytes, stamp, trust};

/// The state of every file of a walk, as one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    digest: u64,
    /// Every file changed long enough ago that a later change gives it
    /// other times: only then may a value be written under this snapshot.
    settled: bool,
}

impl Cache {
    /// The snapshot of `files` (one `stat` each, in parallel); `None` when
    /// a file cannot be looked at, whose problem only a full read reports.
    pub fn snapshot(&self, files: &[PathBuf]) -> Option<Snapshot> {
        let stamps: Option<Vec<_>> = files
            .par_iter()
            .map(|path| fs::metadata(path).ok().as_ref().and_then(stamp))
            .collect();
        let stamps = stamps?;
        let cutoff = SystemTime::now()
            .checked_sub(self.settle)
            .map(nanos_since_epoch);
        let mut hash = Fnv::default();
        let mut settled = cutoff.is_some();
        for (path, stamp) in files.iter().zip(&stamps) {
            let path = path_bytes(path);
            hash.write(&(path.len() as u64).to_le_bytes());
            hash.write(&path);
            hash.write(&stamp.size.to_le_bytes());
            hash.write(&stamp.mtime.to_le_bytes());
            hash.write(&stamp.ctime.to_le_bytes());
            hash.write(&stamp.inode.to_le_bytes());
            settled &= cutoff.is_some_and(|cutoff| stamp.mtime < cutoff && stamp.ctime < cutoff);
        }
        Some(Snapshot {
            digest: hash.finish(),
            settled,
        })
    }

    /// The value `name` kept for exactly this snapshot and `fingerprint`
    /// (what the value depends on besides the files and the build).
    pub fn read_whole(&self, name: &str, fingerprint: u64, snapshot: Snapshot) -> Option<Vec<u8>> {
        trust::prepare(&self.dir).ok()?;
        let mut bytes = trust::read_own_file(&self.dir.join(name))?;
        let header = self.header(fingerprint, snapshot);
        let (sum, payload) = bytes.get(header.len()..)?.split_at_checked(8)?;
        let whole = bytes.get(..header.len()) == Some(header.as_slice())
            && sum == checksum(payload).to_le_bytes();
        // Moved down in place: the value can be tens of megabytes.
        bytes.drain(..header.len() + 8);
        whole.then_some(bytes)
    }

    /// Keeps `payload` as the value `name` for this snapshot, replacing the
    /// last one whole (a temporary file renamed into place). Nothing is
    /// written for a snapshot with a file too recently changed.
    pub fn write_whole(
        &self,
        name: &str,
        fingerprint: u64,
        snapshot: Snapshot,
        payload: &[u8],
    ) -> Result<(), String> {
        if !snapshot.settled {
            return Ok(());
        }
        trust::prepare(&self.dir)?;
        let path = self.dir.join(name);
        let written = tempfile::Builder::new()
            .prefix(trust::TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .and_then(|mut temp| {
                temp.write_all(&self.header(fingerprint, snapshot))?;
                temp.write_all(&checksum(payload).to_le_bytes())?;
                temp.write_all(payload)?;
                temp.persist(&path).map(|_| ()).map_err(|err| err.error)
            });
        written.map_err(|err| format!("{}: {err}", path.display()))
    }

    fn header(&self, fingerprint: u64, snapshot: Snapshot) -> Vec<u8> {
        let mut header = Vec::with_capacity(36);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&self.fingerprint.to_le_bytes());
        header.extend_from_slice(&fingerprint.to_le_bytes());
        header.extend_from_slice(&snapshot.digest.to_le_bytes());
        header
    }
}

/// A sum of the payload, so that a value damaged on disk is a miss rather
/// than an answer: one value stands for the whole folder, and a flipped
/// byte in it could otherwise pass for a status or a person.
fn checksum(payload: &[u8]) -> u64 {
    let mut hash = rustc_hash::FxHasher::default();
    hash.write(payload);
    hash.finish()
}
