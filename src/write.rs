//! Writing files without ever losing one: a temporary file in the same
//! folder, then a rename, and never over an existing file unless asked.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically. Without `replace`, an existing
/// file is an `AlreadyExists` error and is left untouched.
pub fn write_atomically(path: &Path, contents: &[u8], replace: bool) -> io::Result<()> {
    if !replace && path.exists() {
        return Err(exists(path));
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (temp_path, mut temp) = create_temp(&folder, path)?;
    let written = temp
        .write_all(contents)
        .and_then(|()| temp.sync_all())
        .and_then(|()| place(&temp_path, path, replace));
    if written.is_err() {
        // The temporary file is ours; the target was never touched.
        let _ = fs::remove_file(&temp_path);
    }
    written
}

fn exists(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} exists; use --force to replace it", path.display()),
    )
}

fn create_temp(folder: &Path, target: &Path) -> io::Result<(PathBuf, fs::File)> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("note");
    for attempt in 0..100u32 {
        let candidate = folder.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::other("could not create a temporary file"))
}

/// Moves the finished temporary file into place. Without `replace`, a hard
/// link refuses atomically if the target appeared meanwhile.
fn place(temp: &Path, target: &Path, replace: bool) -> io::Result<()> {
    if replace {
        return fs::rename(temp, target);
    }
    match fs::hard_link(temp, target) {
        Ok(()) => fs::remove_file(temp),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(exists(target)),
        // File systems without hard links: check, then rename.
        Err(_) if !target.exists() => fs::rename(temp, target),
        Err(_) => Err(exists(target)),
    }
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
}
