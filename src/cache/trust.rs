//! Whether the cache's folders and files can be trusted: the user's own,
//! private, and reached without following a link someone else planted.

use std::fs;
use std::path::Path;
use std::time::Duration;

/// The start of the name of every temporary file the cache writes.
pub const TEMP_PREFIX: &str = ".minutes-";

/// How old a temporary file must be before it is taken for a killed run's.
const LEFTOVER_AGE: Duration = Duration::from_secs(3600);

/// Creates the cache folder `dir` and its parent 0700 where they are
/// missing, and checks that both, and every folder above, are safe to keep
/// the cache in; why not, if not.
pub fn prepare(dir: &Path) -> Result<(), String> {
    let base = dir
        .parent()
        .ok_or_else(|| format!("{} has no parent folder", dir.display()))?;
    create_private(base, true)?;
    check_ancestors(base)?;
    check_own_folder(base)?;
    create_private(dir, false)?;
    check_own_folder(dir)
}

fn create_private(dir: &Path, recursive: bool) -> Result<(), String> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(recursive);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Err(err) if err.kind() != std::io::ErrorKind::AlreadyExists => Err(format!(
            "cannot create the cache folder {}: {err}",
            dir.display()
        )),
        _ => Ok(()),
    }
}

/// `dir` is a folder (not a link to one) of the user's own that nobody
/// else may write to. One that others may read (made by an older
/// `minutes`, 0755) is made private.
#[cfg(unix)]
fn check_own_folder(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let metadata = fs::symlink_metadata(dir)
        .map_err(|err| format!("cannot check the cache folder {}: {err}", dir.display()))?;
    if metadata.file_type().is_symlink() {
        return Err(format!(
            "the cache folder {} is a symbolic link",
            dir.display()
        ));
    }
    if !metadata.is_dir() {
        return Err(format!(
            "the cache folder {} is not a folder",
            dir.display()
        ));
    }
    if metadata.uid() != own_uid() {
        return Err(format!(
            "the cache folder {} belongs to another user",
            dir.display()
        ));
    }
    if metadata.mode() & 0o022 != 0 {
        return Err(format!(
            "other users may write to the cache folder {}",
            dir.display()
        ));
    }
    if metadata.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(|err| {
            format!(
                "cannot make the cache folder {} private: {err}",
                dir.display()
            )
        })?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_own_folder(dir: &Path) -> Result<(), String> {
    match fs::symlink_metadata(dir) {
        Ok(metadata) if metadata.is_dir() => Ok(()),
        _ => Err(format!(
            "the cache folder {} is not a folder",
            dir.display()
        )),
    }
}

/// Every folder above `base` belongs to the user or to root, and nobody
/// else may write to it unless it is sticky (as `/tmp` is): otherwise
/// someone could move the cache aside and put their own in its place.
#[cfg(unix)]
fn check_ancestors(base: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let absolute = std::path::absolute(base).map_err(|err| err.to_string())?;
    for folder in absolute.ancestors().skip(1) {
        let Ok(metadata) = fs::metadata(folder) else {
            continue;
        };
        let sticky = metadata.mode() & 0o1000 != 0;
        let others_write = metadata.mode() & 0o022 != 0;
        let owner_ok = metadata.uid() == own_uid() || metadata.uid() == 0;
        if !owner_ok || (others_write && !sticky) {
            return Err(format!(
                "{} above the cache folder may be changed by other users",
                folder.display()
            ));
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_ancestors(_: &Path) -> Result<(), String> {
    Ok(())
}

#[cfg(unix)]
fn own_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// The bytes of `path` when it is a regular file of the user's own, opened
/// without following a link; `None` otherwise (a miss, never an error).
pub fn read_own_file(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let mut file = options.open(path).ok()?;
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() {
        return None;
    }
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::uid(&metadata) != own_uid() {
        return None;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Removes the temporary files of runs that were killed before they could
/// rename them (older than an hour, so never a running one's), and those
/// an older `minutes` named `NN.PID.ThreadId(N).tmp`.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.ends_with(".tmp")
            && (name.starts_with(TEMP_PREFIX) || name.contains(".ThreadId("));
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if ours && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}
