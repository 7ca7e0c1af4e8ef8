//! The cache of what each file became: a query that finds a note unchanged
//! since the last run reads its model back instead of parsing it again, and
//! lint its findings (`lint::cache`) instead of checking it again. Each
//! [`Kind`] of value has shard files of its own; what follows holds for all.
//!
//! A note is unchanged when its size, modification time, and (on Unix) its
//! status-change time and inode are what they were; the last two change on
//! any write, rename or `touch`, and cannot be set back by hand, so a file
//! rewritten to the same size with its old mtime restored is still seen as
//! changed. A note changed in the two seconds before it was read is not
//! cached at all ("racily clean", as git calls it): a second edit inside
//! the clock's resolution could otherwise keep the same times.
//!
//! Entries live in up to [`SHARDS`] files by a hash of the path, so that an
//! edit rewrites one shard, and shards are read and written in parallel.
//! Each is written to a temporary file and renamed over the old one: a
//! reader never sees half a shard, and a shard that is corrupt anyway, or
//! written by another version of `minutes`, is simply a miss.
//!
//! The cache holds what private notes say, and what it holds is believed,
//! so it is kept as ssh and git keep their own files (docs/security.md):
//! its folders are created 0700, and a folder that is a symbolic link, is
//! not the user's own, or that others may write to is not used (a warning,
//! and the notes are parsed as if there were no cache); a shard is read
//! only when it is a regular file of the user's own, opened without
//! following links; shards are written to temporary files made with
//! O_EXCL (the tempfile crate) and renamed into place, which replaces a
//! link rather than writing through it; temporary files a killed run left
//! behind are removed.

pub mod codec;
mod snapshot;
mod trust;

pub use snapshot::Snapshot;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use self::codec::{put_uint, take, take_uint};
use crate::parse::parse_bytes;
use crate::problem::{Problem, ProblemKind};
use crate::read::{FileOutcome, read_bounded, too_large};

/// How many shard files a folder's cache is split into.
pub const SHARDS: usize = 64;

const MAGIC: &[u8; 8] = b"minutes\0";
/// Bumped when the shard layout or the codec changes.
const FORMAT: u32 = 2;

/// Where one set of paths keeps its cache, and how it is checked.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    fingerprint: u64,
    /// How long ago a note must have changed for it to be cached.
    settle: Duration,
}

/// What one load did with the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Notes read back from the cache.
    pub hits: usize,
    /// Notes parsed: new, changed, or not cacheable.
    pub misses: usize,
    /// Shard files written (or removed) because something changed.
    pub shards_written: usize,
    /// Why the cache was not used or not brought up to date, said once.
    pub warning: Option<String>,
}

impl Cache {
    /// The cache for `roots` (as given, from the current folder) under `base`.
    pub fn new(base: &Path, roots: &[PathBuf]) -> Cache {
        let mut key = Fnv::default();
        if let Ok(cwd) = std::env::current_dir() {
            key.write(&path_bytes(&cwd));
        }
        for root in roots {
            key.write(&[0]);
            key.write(&path_bytes(root));
        }
        Cache {
            dir: base.join(format!("{:016x}", key.finish())),
            fingerprint: build_fingerprint(),
            settle: Duration::from_secs(2),
        }
    }

    /// Caches notes however recently they changed (for tests, which set
    /// files' times themselves).
    pub fn settle(mut self, settle: Duration) -> Cache {
        self.settle = settle;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads or parses every file in `files`, in that order, and brings the
    /// cache up to date with them. Files that are gone leave the cache.
    pub fn load(&self, files: &[PathBuf], max_size: u64) -> (Vec<FileOutcome>, CacheStats) {
        self.load_kind(&ParsedNotes { max_size }, files)
    }

    /// What `kind` makes of every file in `files`, in that order: read back
    /// for the files unchanged since it was kept, made afresh (and kept)
    /// for the others. The kind's shards are brought up to date with
    /// `files`; entries of files that are gone leave them.
    pub fn load_kind<K: Kind>(&self, kind: &K, files: &[PathBuf]) -> (Vec<K::Value>, CacheStats) {
        self.load_kind_as(kind, files, true)
    }

    /// As [`Cache::load`] for some of a folder's files, writing nothing:
    /// the shards keep the other files' entries, which a load that brings
    /// them up to date with `files` would drop.
    pub fn peek(&self, files: &[PathBuf], max_size: u64) -> Vec<FileOutcome> {
        self.load_kind_as(&ParsedNotes { max_size }, files, false).0
    }

    /// The parsed notes of the files in the shards `shards`, each cut down
    /// by `map` as soon as it is read back or parsed, with its index in
    /// `files`: for a pass over a folder too large to hold whole, a few
    /// shards at a time (`roster`). Those shards are brought up to date with
    /// `files`, as [`Cache::load`] brings them all; the others are left.
    pub fn load_notes_in<T: Send>(
        &self,
        files: &[PathBuf],
        max_size: u64,
        shards: std::ops::Range<usize>,
        map: impl Fn(FileOutcome) -> T + Sync,
    ) -> (Vec<(usize, T)>, CacheStats) {
        let kind = MappedNotes { max_size, map };
        let (done, stats) = self.run_shards(&kind, files, true, |shard| shards.contains(&shard));
        let values = done
            .into_iter()
            .map(|(at, (value, _))| (at, value))
            .collect();
        (values, stats)
    }

    fn load_kind_as<K: Kind>(
        &self,
        kind: &K,
        files: &[PathBuf],
        write: bool,
    ) -> (Vec<K::Value>, CacheStats) {
        let (done, stats) = self.run_shards(kind, files, write, |_| true);
        let mut values: Vec<Option<K::Value>> = Vec::new();
        values.resize_with(files.len(), || None);
        for (at, value) in done {
            if let Some(slot) = values.get_mut(at) {
                *slot = Some(value);
            }
        }
        let values = values
            .into_iter()
            .zip(files)
            .map(|(value, path)| value.unwrap_or_else(|| kind.unreadable(vanished(path))))
            .collect();
        (values, stats)
    }

    /// Runs the shards `wanted` picks, in parallel: their values with their
    /// indices in `files`, and what was done.
    fn run_shards<K: Kind>(
        &self,
        kind: &K,
        files: &[PathBuf],
        write: bool,
        wanted: impl Fn(usize) -> bool + Sync,
    ) -> ShardResult<K::Value> {
        let mut by_shard: Vec<Vec<usize>> = vec![Vec::new(); SHARDS];
        for (at, path) in files.iter().enumerate() {
            if let Some(list) = by_shard.get_mut(shard_of(path)) {
                list.push(at);
            }
        }
        let prepared = trust::prepare(&self.dir);
        let ready = prepared.is_ok();
        if ready {
            tag_cache_dir(&self.dir);
            trust::remove_leftovers(&self.dir);
        }
        let now = SystemTime::now();
        let fingerprint = {
            let mut hash = Fnv::default();
            hash.write(&self.fingerprint.to_le_bytes());
            hash.write(&kind.fingerprint().to_le_bytes());
            hash.finish()
        };
        let done: Vec<ShardResult<K::Value>> = by_shard
            .par_iter()
            .enumerate()
            .filter(|(shard, members)| wanted(*shard) && (write || !members.is_empty()))
            .map(|(shard, members)| {
                let job = ShardJob {
                    cache: self,
                    kind,
                    fingerprint,
                    path: self.dir.join(format!("{}{shard:02}.bin", K::PREFIX)),
                    now,
                    readable: ready,
                    writable: ready && write,
                };
                job.run(files, members)
            })
            .collect();
        let mut stats = CacheStats {
            warning: prepared.err(),
            ..CacheStats::default()
        };
        let mut values = Vec::with_capacity(done.len());
        for (results, shard_stats) in done {
            stats.hits += shard_stats.hits;
            stats.misses += shard_stats.misses;
            stats.shards_written += shard_stats.shards_written;
            if stats.warning.is_none() {
                stats.warning = shard_stats.warning;
            }
            values.extend(results);
        }
        (values, stats)
    }
}

/// A shard's values, each with the index of its file, and what it did.
type ShardResult<V> = (Vec<(usize, V)>, CacheStats);

/// What a cache keeps of each file: the value made from its bytes, and how
/// that value is written down and read back. Kinds share a cache folder,
/// each in shard files of its own.
pub trait Kind: Sync {
    type Value: Send;
    /// Starts the names of the kind's shard files.
    const PREFIX: &'static str;

    /// What the values depend on besides the file and the build of
    /// `minutes` (a config), so that a change to it starts afresh.
    fn fingerprint(&self) -> u64 {
        0
    }

    /// Files over this many bytes are not read.
    fn max_size(&self) -> u64;

    /// The value of a file that could not be read.
    fn unreadable(&self, problem: Problem) -> Self::Value;

    /// The value of a file's bytes.
    fn make(&self, path: &Path, bytes: &[u8]) -> Self::Value;

    /// Appends the kept form of `value`; `false` when it is not to be kept.
    fn encode(&self, value: &Self::Value, out: &mut Vec<u8>) -> bool;

    /// The value kept for the file `path`; `None` when it cannot be read back.
    fn decode(&self, payload: &[u8], path: &Path) -> Option<Self::Value>;
}

/// The parsed notes that queries read.
struct ParsedNotes {
    max_size: u64,
}

impl Kind for ParsedNotes {
    type Value = FileOutcome;
    const PREFIX: &'static str = "";

    fn max_size(&self) -> u64 {
        self.max_size
    }

    fn unreadable(&self, problem: Problem) -> FileOutcome {
        FileOutcome::Unreadable(problem)
    }

    fn make(&self, path: &Path, bytes: &[u8]) -> FileOutcome {
        FileOutcome::Parsed(parse_bytes(path, bytes))
    }

    fn encode(&self, value: &FileOutcome, out: &mut Vec<u8>) -> bool {
        match value {
            FileOutcome::Parsed(parsed) => codec::encode(parsed, out).is_ok(),
            FileOutcome::Unreadable(_) => false,
        }
    }

    fn decode(&self, payload: &[u8], path: &Path) -> Option<FileOutcome> {
        codec::decode(payload, path).ok().map(FileOutcome::Parsed)
    }
}

/// Parsed notes as `map` cuts them down, each as soon as it is made: the
/// same entries as [`ParsedNotes`], in the same shards, so that the model
/// of a note parsed afresh is kept (encoded when made) for the next run.
struct MappedNotes<F> {
    max_size: u64,
    map: F,
}

impl<T: Send, F: Fn(FileOutcome) -> T + Sync> Kind for MappedNotes<F> {
    /// What `map` made, and the entry to keep for a note parsed afresh.
    type Value = (T, Option<Vec<u8>>);
    const PREFIX: &'static str = ParsedNotes::PREFIX;

    fn fingerprint(&self) -> u64 {
        ParsedNotes::fingerprint(&ParsedNotes {
            max_size: self.max_size,
        })
    }

    fn max_size(&self) -> u64 {
        self.max_size
    }

    fn unreadable(&self, problem: Problem) -> Self::Value {
        ((self.map)(FileOutcome::Unreadable(problem)), None)
    }

    fn make(&self, path: &Path, bytes: &[u8]) -> Self::Value {
        let parsed = parse_bytes(path, bytes);
        let mut payload = Vec::new();
        let kept = codec::encode(&parsed, &mut payload)
            .is_ok()
            .then_some(payload);
        ((self.map)(FileOutcome::Parsed(parsed)), kept)
    }

    fn encode(&self, value: &Self::Value, out: &mut Vec<u8>) -> bool {
        match &value.1 {
            Some(payload) => {
                out.extend_from_slice(payload);
                true
            }
            None => false,
        }
    }

    fn decode(&self, payload: &[u8], path: &Path) -> Option<Self::Value> {
        let parsed = codec::decode(payload, path).ok()?;
        Some(((self.map)(FileOutcome::Parsed(parsed)), None))
    }
}

/// Every index has its value; this only keeps the library free of panics.
fn vanished(path: &Path) -> Problem {
    Problem::error(
        ProblemKind::Unreadable,
        path,
        0,
        "cannot read: the file was not reached",
    )
}

struct ShardJob<'a, K> {
    cache: &'a Cache,
    kind: &'a K,
    /// The build's and the kind's, together.
    fingerprint: u64,
    path: PathBuf,
    now: SystemTime,
    readable: bool,
    writable: bool,
}

/// A file's identity for the cache: when any part differs, it is parsed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    mtime: i128,
    ctime: i128,
    inode: u64,
}

struct Entry<'a> {
    stamp: Stamp,
    payload: &'a [u8],
}

impl<K: Kind> ShardJob<'_, K> {
    fn run(&self, files: &[PathBuf], members: &[usize]) -> ShardResult<K::Value> {
        let old_bytes = if self.readable {
            trust::read_own_file(&self.path).unwrap_or_default()
        } else {
            Vec::new()
        };
        let old = read_shard(&old_bytes, self.fingerprint);
        let mut stats = CacheStats::default();
        let mut results = Vec::with_capacity(members.len());
        let mut kept: Vec<(&Path, Stamp, KeptPayload)> = Vec::with_capacity(members.len());
        let mut changed = false;
        for &at in members {
            let Some(path) = files.get(at) else { continue };
            let cached = old.get(path_bytes(path).as_ref());
            let (outcome, keep) = self.one(path, cached, &mut stats);
            match (&keep, cached) {
                (Some((_, KeptPayload::Old(_))), Some(_)) => {}
                (None, None) => {}
                _ => changed = true,
            }
            if let Some((stamp, payload)) = keep {
                kept.push((path, stamp, payload));
            }
            results.push((at, outcome));
        }
        // Entries whose files are gone make the count differ.
        changed |= old.len() != kept.len();
        if changed && self.writable {
            let written = if kept.is_empty() {
                match fs::remove_file(&self.path) {
                    Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
                    _ => Ok(()),
                }
            } else {
                self.write(&kept)
            };
            match written {
                Ok(()) => stats.shards_written += 1,
                Err(err) => {
                    stats.warning = Some(format!(
                        "the cache of parsed notes could not be updated ({}: {err}); answers are unaffected",
                        self.path.display()
                    ));
                }
            }
        }
        (results, stats)
    }

    /// One file's value, and what the cache keeps of it.
    fn one<'a>(
        &self,
        path: &Path,
        cached: Option<&Entry<'a>>,
        stats: &mut CacheStats,
    ) -> (K::Value, Option<(Stamp, KeptPayload<'a>)>) {
        let kind = self.kind;
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => return (kind.unreadable(unreadable(path, &err)), None),
        };
        if metadata.len() > kind.max_size() {
            let problem = too_large(path, metadata.len(), kind.max_size());
            return (kind.unreadable(problem), None);
        }
        let stamp = stamp(&metadata);
        if let Some(entry) = cached.filter(|entry| Some(entry.stamp) == stamp) {
            if let Some(value) = kind.decode(entry.payload, path) {
                stats.hits += 1;
                let keep = stamp.map(|s| (s, KeptPayload::Old(entry.payload)));
                return (value, keep);
            }
        }
        stats.misses += 1;
        // Through the one bounded read of a regular file: the file may have
        // become a FIFO or grown since it was looked at.
        let bytes = match read_bounded(path, kind.max_size()) {
            Ok(bytes) => bytes,
            Err(problem) => return (kind.unreadable(problem), None),
        };
        let value = kind.make(path, &bytes);
        let keep = stamp.filter(|s| self.settled(s)).and_then(|s| {
            let mut payload = Vec::new();
            kind.encode(&value, &mut payload)
                .then_some((s, KeptPayload::New(payload)))
        });
        (value, keep)
    }

    /// Whether the file last changed long enough before this run that any
    /// later change gives it other times.
    fn settled(&self, stamp: &Stamp) -> bool {
        let Some(cutoff) = self.now.checked_sub(self.cache.settle) else {
            return false;
        };
        let cutoff = nanos_since_epoch(cutoff);
        stamp.mtime < cutoff && stamp.ctime < cutoff
    }

    fn write(&self, kept: &[(&Path, Stamp, KeptPayload)]) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&self.fingerprint.to_le_bytes());
        for (path, stamp, payload) in kept {
            let path = path_bytes(path);
            let payload = payload.bytes();
            put_uint(&mut bytes, path.len() as u64);
            bytes.extend_from_slice(&path);
            put_uint(&mut bytes, stamp.size);
            bytes.extend_from_slice(&stamp.mtime.to_le_bytes());
            bytes.extend_from_slice(&stamp.ctime.to_le_bytes());
            put_uint(&mut bytes, stamp.inode);
            put_uint(&mut bytes, payload.len() as u64);
            bytes.extend_from_slice(payload);
        }
        // A file of its own (random name, O_EXCL): two runs at once each
        // write whole files, and the last rename wins; a rename replaces a
        // link planted at the shard's name rather than writing through it.
        let folder = self.path.parent().unwrap_or(Path::new("."));
        let mut temp = tempfile::Builder::new()
            .prefix(trust::TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(folder)?;
        temp.write_all(&bytes)?;
        temp.persist(&self.path)
            .map(|_| ())
            .map_err(|err| err.error)
    }
}

enum KeptPayload<'a> {
    Old(&'a [u8]),
    New(Vec<u8>),
}

impl KeptPayload<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            KeptPayload::Old(bytes) => bytes,
            KeptPayload::New(bytes) => bytes,
        }
    }
}

/// The entries of a shard, by path; empty when it is missing, from another
/// build, or corrupt anywhere.
fn read_shard(bytes: &[u8], fingerprint: u64) -> HashMap<&[u8], Entry<'_>> {
    let mut entries = HashMap::new();
    let Some(mut rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return entries;
    };
    let header = take(&mut rest, 12).and_then(|h| {
        let (format, print) = h.split_at(4);
        Some((
            u32::from_le_bytes(format.try_into().ok()?),
            u64::from_le_bytes(print.try_into().ok()?),
        ))
    });
    if header != Some((FORMAT, fingerprint)) {
        return entries;
    }
    while !rest.is_empty() {
        let Some((path, entry)) = read_entry(&mut rest) else {
            return HashMap::new();
        };
        entries.insert(path, entry);
    }
    entries
}

fn read_entry<'a>(rest: &mut &'a [u8]) -> Option<(&'a [u8], Entry<'a>)> {
    let path_len = usize::try_from(take_uint(rest)?).ok()?;
    let path = take(rest, path_len)?;
    let size = take_uint(rest)?;
    let mtime = i128::from_le_bytes(take(rest, 16)?.try_into().ok()?);
    let ctime = i128::from_le_bytes(take(rest, 16)?.try_into().ok()?);
    let inode = take_uint(rest)?;
    let payload_len = usize::try_from(take_uint(rest)?).ok()?;
    let payload = take(rest, payload_len)?;
    let stamp = Stamp {
        size,
        mtime,
        ctime,
        inode,
    };
    Some((path, Entry { stamp, payload }))
}

/// `None` when the platform gives no modification time: never cached.
fn stamp(metadata: &fs::Metadata) -> Option<Stamp> {
    let mtime = nanos_since_epoch(metadata.modified().ok()?);
    #[cfg(unix)]
    let (ctime, inode) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec()),
            metadata.ino(),
        )
    };
    #[cfg(not(unix))]
    let (ctime, inode) = (mtime, 0);
    Some(Stamp {
        size: metadata.len(),
        mtime,
        ctime,
        inode,
    })
}

fn nanos_since_epoch(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

fn unreadable(path: &Path, err: &std::io::Error) -> Problem {
    Problem::error(
        ProblemKind::Unreadable,
        path,
        0,
        format!("cannot read: {err}"),
    )
}

fn shard_of(path: &Path) -> usize {
    let mut hash = Fnv::default();
    hash.write(&path_bytes(path));
    (hash.finish() % SHARDS as u64) as usize
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

/// The build that wrote a cache: its version and its executable, so that a
/// rebuilt `minutes`, whose parser may read notes differently, starts afresh.
fn build_fingerprint() -> u64 {
    let mut hash = Fnv::default();
    hash.write(&FORMAT.to_le_bytes());
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(metadata) = std::env::current_exe()
        .ok()
        .and_then(|exe| fs::metadata(exe).ok())
    {
        hash.write(&metadata.len().to_le_bytes());
        if let Ok(modified) = metadata.modified() {
            hash.write(&nanos_since_epoch(modified).to_le_bytes());
        }
    }
    hash.finish()
}

/// Marks the cache folder for backup tools (bford.info/cachedir): written
/// to a new file and linked into place, never through whatever is there.
fn tag_cache_dir(dir: &Path) {
    let Some(base) = dir.parent() else {
        return;
    };
    let tag = base.join("CACHEDIR.TAG");
    if fs::symlink_metadata(&tag).is_ok() {
        return;
    }
    let written = tempfile::Builder::new()
        .prefix(trust::TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(base)
        .and_then(|mut file| {
            file.write_all(b"Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache of `minutes`; it can be deleted at any time.\n")?;
            Ok(file)
        });
    if let Ok(file) = written {
        let _ = file.persist_noclobber(&tag);
    }
}

/// FNV-1a (the fnv crate): stable across Rust releases and builds (std's
/// hasher is not promised to be), so shard numbers and folder names stay put.
type Fnv = fnv::FnvHasher;

/// The default place for caches: `$MINUTES_CACHE_DIR` when set (empty
/// means no cache), else the platform's cache folder (the dirs crate:
/// `$XDG_CACHE_HOME`, or `~/.cache`, on Linux; `~/Library/Caches` on
/// macOS) with `minutes` in it; `None` when no home is known.
pub fn default_base() -> Option<PathBuf> {
    match std::env::var_os("MINUTES_CACHE_DIR") {
        Some(dir) => (!dir.is_empty()).then(|| PathBuf::from(dir)),
        None => dirs::cache_dir().map(|dir| dir.join("minutes")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cache folders and shards made by earlier builds are found again:
    /// the hash is FNV-1a, 64 bits, as it was when written by hand.
    #[test]
    fn the_hash_is_fnv_1a() {
        let mut hash = Fnv::default();
        hash.write(b"a");
        assert_eq!(hash.finish(), 0xaf63_dc4c_8601_ec8c);
        // Worked out with the hand-written FNV-1a this replaced.
        assert_eq!(shard_of(Path::new("notes/2026-01-20-board.md")), 28);
    }
}
