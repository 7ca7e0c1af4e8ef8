//! Finding the notes: each path given is a file (taken as it is) or a folder
//! (walked for `*.md`, honouring `.gitignore` even outside a git repository).

use std::path::{Path, PathBuf};

use crate::problem::{Problem, ProblemKind};

#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, sorted and without repeats.
    pub files: Vec<PathBuf>,
    /// Paths given on the command line that do not exist: the tool cannot do
    /// what was asked, which `cli` turns into exit code 2.
    pub missing: Vec<Problem>,
    /// Entries the walk could not read (a symlink loop, a folder without
    /// permission). The walk goes on past them.
    pub problems: Vec<Problem>,
}

pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.is_file() {
            found.files.push(path.clone());
        } else if path.is_dir() {
            walk(path, &mut found);
        } else if path.exists() {
            found.missing.push(Problem::error(
                ProblemKind::Unreadable,
                path,
                0,
                "not a regular file (a pipe, a device or a socket); only files and folders are read",
            ));
        } else {
            found.missing.push(Problem::error(
                ProblemKind::Unreadable,
                path,
                0,
                "no such file or folder",
            ));
        }
    }
    // One folder's walk comes sorted already: depth first, each folder's
    // entries by name, which is how paths compare, component by component.
    // Comparing 100k paths again took a tenth of a warm query's time.
    if paths.len() > 1 {
        found.files.sort();
        found.files.dedup();
    }
    found
}

/// Each file's place in `files`, by its path: how values kept for a whole
/// walk (`cache::snapshot`) name the files they are about.
pub fn places(files: &[PathBuf]) -> rustc_hash::FxHashMap<&Path, usize> {
    files
        .iter()
        .enumerate()
        .map(|(at, path)| (path.as_path(), at))
        .collect()
}

fn walk(root: &Path, found: &mut Discovery) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_markdown(entry.path()) {
                    found.files.push(entry.into_path());
                }
            }
            Err(err) => found.problems.push(walk_problem(root, &err)),
        }
    }
}

fn walk_problem(root: &Path, err: &ignore::Error) -> Problem {
    let path = error_path(err).unwrap_or(root).to_path_buf();
    let message = match (loop_ancestor(err), err.io_error()) {
        (Some(ancestor), _) => format!(
            "a symbolic link loop: it leads back to {}; not followed",
            ancestor.display()
        ),
        // The OS's own words, without the path that is printed in front.
        (None, Some(io)) => match io.raw_os_error() {
            Some(code) => format!("cannot read: {}", std::io::Error::from_raw_os_error(code)),
            None if io.kind() == std::io::ErrorKind::NotFound => {
                "cannot read: it does not exist (a broken symbolic link?)".to_string()
            }
            None => format!("cannot read: {}", io.kind()),
        },
        (None, None) => format!("cannot read: {}", strip_path_prefix(&err.to_string())),
    };
    Problem::error(ProblemKind::Unreadable, &path, 0, message)
}

fn loop_ancestor(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::Loop { ancestor, .. } => Some(ancestor),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => loop_ancestor(err),
        _ => None,
    }
}

/// The path an `ignore` error is about, looking through its wrappers.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// `ignore` puts the path at the front of some messages; we print it ourselves.
fn strip_path_prefix(message: &str) -> &str {
    message.rsplit_once(": ").map_or(message, |(_, rest)| rest)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names whose bytes sort otherwise than their paths do (`-`, `.` and
    /// space come before `/`): one folder's walk is still in path order.
    #[test]
    fn one_folders_walk_is_in_path_order() {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path();
        for name in [
            "a/b.md",
            "a-b.md",
            "a.md",
            "a b/c.md",
            "a/b/c.md",
            "a.b/x.md",
            "B.md",
            "b.md",
            "a/b-c.md",
            "a/b c/d.md",
            "é.md",
            "z/a.md",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(&path, "x").expect("write");
        }
        let walked = discover(&[root.to_path_buf()]).files;
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked.len(), 12);
        assert_eq!(walked, sorted);
    }
}
