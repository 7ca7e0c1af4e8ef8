//! What lint keeps of each file in the cache (`crate::cache`), so that a
//! run over a folder where little changed checks only what did.
//!
//! A file's findings depend on its bytes, its path, the config and the
//! build of `minutes`; the cache's key covers the first two and its
//! fingerprint the others (the config's own bytes, and whether inline
//! comments are honoured). The rules that look across notes run afresh on
//! every run, over what each file keeps for them: its actions and updates
//! without their text or people ([`skeleton`]).
//!
//! A run over a folder where nothing at all changed (`cache::Snapshot`)
//! gives the findings of the last one: those are kept whole as well
//! ([`REPORT`]), so such a run stats the files and reads one file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::inline::Suppressions;
use super::{Diagnostic, rules};
use crate::cache::codec::{Decoded, Reader, Writer};
use crate::model::{Action, ActionUpdate, Decision, Item, Meeting};

/// One file linted: its own findings, and what the rules across notes need.
pub struct FileResult {
    pub path: PathBuf,
    /// After the file's inline comments.
    pub diagnostics: Vec<Diagnostic>,
    /// What the ledger reads of the note ([`skeleton`]).
    pub meeting: Option<Meeting>,
    pub suppressions: Suppressions,
}

impl FileResult {
    pub fn new(path: &Path) -> FileResult {
        FileResult {
            path: path.to_path_buf(),
            diagnostics: Vec::new(),
            meeting: None,
            suppressions: Suppressions::default(),
        }
    }
}

/// The note as the rules across notes read it (the ledger: series, date,
/// items, actions' and updates' IDs, statuses, due dates and lines; the
/// status and the decisions that approve earlier minutes), with
/// its people and its text left out: lint holds one for every note.
pub fn skeleton(meeting: Meeting) -> Meeting {
    let items = meeting
        .items
        .into_iter()
        .map(|item| Item {
            title: String::new(),
            // Only what approval reads: the rules across notes judge which
            // note approved which.
            decisions: item
                .decisions
                .into_iter()
                .filter(|decision| decision.approves.is_some())
                .map(|decision| Decision {
                    text: String::new(),
                    vote: None,
                    ..decision
                })
                .collect(),
            declarations: Vec::new(),
            actions: item
                .actions
                .into_iter()
                .map(|action| Action {
                    owners: Vec::new(),
                    text: String::new(),
                    // Its item's number, which the item around it holds too.
                    item: String::new(),
                    ..action
                })
                .collect(),
            updates: item
                .updates
                .into_iter()
                .map(|update| ActionUpdate {
                    owners: Vec::new(),
                    text: String::new(),
                    note: None,
                    ..update
                })
                .collect(),
            ..item
        })
        .collect();
    Meeting {
        time: None,
        location: None,
        chair: None,
        minutes_by: None,
        present: Vec::new(),
        in_attendance: Vec::new(),
        apologies: Vec::new(),
        absent: Vec::new(),
        tags: Vec::new(),
        extra: BTreeMap::new(),
        items,
        ..meeting
    }
}

/// Appends the kept form of `value`; `false` when it cannot be kept.
pub fn encode(value: &FileResult, out: &mut Vec<u8>) -> bool {
    let FileResult {
        path: _,
        diagnostics,
        meeting,
        suppressions,
    } = value;
    let mut w = Writer::new(out);
    w.seq(diagnostics, put_diagnostic);
    w.opt(meeting, |w, meeting| w.meeting(meeting));
    suppressions.encode(&mut w);
    w.finish().is_ok()
}

/// What was kept for the file `path`; `None` when it cannot be read back.
pub fn decode(payload: &[u8], path: &Path) -> Option<FileResult> {
    let mut r = Reader::new(payload, path);
    let read = |r: &mut Reader| -> Decoded<FileResult> {
        let diagnostics = r.seq(|r| take_diagnostic(r, path))?;
        let meeting = r.opt(Reader::meeting)?;
        let suppressions = Suppressions::decode(r)?;
        Ok(FileResult {
            path: path.to_path_buf(),
            diagnostics,
            meeting,
            suppressions,
        })
    };
    let result = read(&mut r).ok()?;
    r.finish().ok()?;
    Some(result)
}

/// The name of a whole run's findings in the cache folder.
pub const REPORT: &str = "lint-report.bin";

/// A whole run's findings (the walk's own left out: the walk finds them
/// again), each with its file's place in `files`; `None` when one is
/// about another file.
pub fn encode_report(diagnostics: &[Diagnostic], files: &[PathBuf]) -> Option<Vec<u8>> {
    let place = crate::discover::places(files);
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    w.usize(diagnostics.len());
    for diagnostic in diagnostics {
        w.usize(*place.get(diagnostic.path.as_path())?);
        put_diagnostic(&mut w, diagnostic);
    }
    w.finish().ok()?;
    Some(out)
}

/// The findings [`encode_report`] kept, for the same `files`.
pub fn decode_report(payload: &[u8], files: &[PathBuf]) -> Option<Vec<Diagnostic>> {
    let mut r = Reader::new(payload, Path::new(""));
    let count = r.usize().ok()?;
    let mut diagnostics = Vec::with_capacity(count.min(payload.len()));
    for _ in 0..count {
        let path = files.get(r.usize().ok()?)?;
        diagnostics.push(take_diagnostic(&mut r, path).ok()?);
    }
    r.finish().ok()?;
    Some(diagnostics)
}

fn put_diagnostic(w: &mut Writer, diagnostic: &Diagnostic) {
    let Diagnostic {
        rule,
        severity,
        path: _,
        line,
        column,
        end_line,
        end_column,
        message,
        help,
        source_line,
    } = diagnostic;
    w.str(rule);
    w.severity(*severity);
    for number in [line, column, end_line, end_column] {
        w.usize(*number);
    }
    w.str(message);
    w.opt_str(help);
    w.str(source_line);
}

/// A diagnostic of the file `path`; its rule must be one this build has.
fn take_diagnostic(r: &mut Reader, path: &Path) -> Decoded<Diagnostic> {
    let id = r.str()?;
    let rule = rules::all()
        .iter()
        .map(|rule| rule.meta().id)
        .find(|known| *known == id)
        .ok_or(crate::cache::codec::Corrupt)?;
    Ok(Diagnostic {
        rule,
        severity: r.severity()?,
        path: path.to_path_buf(),
        line: r.usize()?,
        column: r.usize()?,
        end_line: r.usize()?,
        end_column: r.usize()?,
        message: r.str()?,
        help: r.opt_str()?,
        source_line: r.str()?,
    })
}
