//! Writing files without ever losing one: a temporary file in the same
//! folder, then a rename, and never over an existing file unless asked.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically. Without `replace`, an existing
/// file is an `AlreadyExists` error and is left untouched. A replaced file
/// keeps its permissions; one with other hard links is rewritten in place,
/// since a rename would leave the other names on the old text.
pub fn write_atomically(path: &Path, contents: &[u8], replace: bool) -> io::Result<()> {
    write_atomically_with(path, replace, |out| out.write_all(contents))
}

/// As [`write_atomically`], with the contents written by `fill` as they are
/// made (into the temporary file, so that a large output is never held in
/// memory); when `fill` fails, nothing is placed.
pub fn write_atomically_with(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut pending = Pending::create(path, replace)?;
    fill(pending.out())?;
    pending.place()
}

/// A file being written, placed at its path only by [`Pending::place`]:
/// dropped unplaced (an error on the way), it leaves nothing behind. Several
/// can be filled at once, as `export` fills its tables in one pass.
pub struct Pending {
    path: PathBuf,
    replace: bool,
    into: Into,
}

enum Into {
    /// A temporary file in the target's folder, renamed over it at the end.
    Temporary(
        io::BufWriter<tempfile::NamedTempFile>,
        Option<fs::Permissions>,
    ),
    /// A file with other hard links, rewritten through its inode at the end.
    InPlace(Vec<u8>, fs::Metadata),
}

impl Pending {
    /// Without `replace`, an existing file is an `AlreadyExists` error now
    /// (and again when placing, if one appeared meanwhile).
    pub fn create(path: &Path, replace: bool) -> io::Result<Pending> {
        let existing = fs::symlink_metadata(path).ok();
        if !replace && existing.is_some() {
            return Err(exists(path));
        }
        let into = match existing {
            Some(existing) if existing.is_file() && links(&existing) > 1 => {
                Into::InPlace(Vec::new(), existing)
            }
            existing => {
                let permissions = existing.filter(|m| m.is_file()).map(|m| m.permissions());
                Into::Temporary(io::BufWriter::new(temporary_beside(path)?), permissions)
            }
        };
        Ok(Pending {
            path: path.to_path_buf(),
            replace,
            into,
        })
    }

    /// Where the file will be placed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn out(&mut self) -> &mut dyn Write {
        match &mut self.into {
            Into::Temporary(file, _) => file,
            Into::InPlace(contents, _) => contents,
        }
    }

    /// Puts the file in place: renamed over the target, or written through
    /// its inode when it has other names.
    pub fn place(self) -> io::Result<()> {
        let path = &self.path;
        let (buffered, permissions) = match self.into {
            Into::InPlace(contents, existing) => {
                return rewrite_in_place(path, &contents, &existing);
            }
            Into::Temporary(buffered, permissions) => (buffered, permissions),
        };
        let temp = buffered.into_inner().map_err(|err| err.into_error())?;
        if let Some(permissions) = permissions {
            temp.as_file().set_permissions(permissions)?;
        }
        temp.as_file().sync_all()?;
        let placed = if self.replace {
            temp.persist(path)
        } else {
            temp.persist_noclobber(path)
        };
        match placed {
            Ok(_) => Ok(()),
            // The temporary file is removed when `err.file` drops; the target
            // was never touched.
            Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => Err(exists(path)),
            Err(err) => Err(err.error),
        }
    }
}

/// A temporary file in `path`'s folder, under a random name of its own (not
/// the target's, which may be near the file-name limit), created with
/// O_EXCL so nothing planted is followed.
fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".minutes-").suffix(".tmp");
    if let Some(permissions) = new_file_permissions() {
        builder.permissions(permissions);
    }
    builder.tempfile_in(&folder)
}

fn exists(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} exists; use --force to replace it", path.display()),
    )
}

#[cfg(unix)]
fn links(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn links(_: &fs::Metadata) -> u64 {
    1
}

/// What a new file is created with: read and write for all, less the
/// umask, as any editor would create it (tempfile's own default is 0600).
#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    Some(std::os::unix::fs::PermissionsExt::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

/// Rewrites a file that has other hard links through the same inode, so
/// that every name sees the new text: not atomic, which is why it is only
/// done for such files, and only when asked to replace.
fn rewrite_in_place(path: &Path, contents: &[u8], existing: &fs::Metadata) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()?;
    file.set_permissions(existing.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_files_and_refuses_to_replace_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        write_atomically(&path, b"one", false).unwrap();
        let err = write_atomically(&path, b"two", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"three", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    }

    #[test]
    fn files_filled_together_appear_only_when_placed() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = (dir.path().join("one.jsonl"), dir.path().join("two.jsonl"));
        let mut first = Pending::create(&one, false).unwrap();
        let mut second = Pending::create(&two, false).unwrap();
        first.out().write_all(b"1\n").unwrap();
        second.out().write_all(b"2\n").unwrap();
        assert!(!one.exists() && !two.exists(), "nothing is in place yet");
        first.place().unwrap();
        assert_eq!(fs::read(&one).unwrap(), b"1\n");
        // A file given up on (an error on the way) leaves nothing behind.
        drop(second);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        assert!(!two.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode_and_its_hard_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.md");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"new", true).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);

        let other = dir.path().join("other-name.md");
        fs::hard_link(&path, &other).unwrap();
        write_atomically(&path, b"newer", true).unwrap();
        assert_eq!(
            fs::read(&other).unwrap(),
            b"newer",
            "the other name sees it"
        );
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_name_near_the_limit_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{}.md", "n".repeat(250)));
        write_atomically(&path, b"text", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"text");
    }
}
