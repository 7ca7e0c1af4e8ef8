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
    found.files.sort();
    found.files.dedup();
    found
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
