//! `minutes lint --fix` and `--diff`: the certain fixes of each note
//! (`lint::fix`), written back atomically or shown as a unified diff.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::{self, CliError};
use crate::discover::discover;
use crate::lint::engine::LintOptions;
use crate::lint::fix::{Fixed, edits_across, fix};
use crate::lint::rules;

/// What fixing the folder did.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Files changed (or, with `--diff`, that would be).
    pub files: usize,
    /// Findings fixed.
    pub fixes: usize,
}

/// Fixes every note under `paths` that `options` selects: writes each
/// changed note back, or with `diff` prints what would change and writes
/// nothing. A note that cannot be read or written is said on `err` and the
/// others go on.
pub(super) fn fix_notes(
    paths: &[std::path::PathBuf],
    options: &LintOptions,
    diff: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let config = &options.config;
    let mut outcome = Outcome::default();
    // Every note's text first: the rules across notes fix one note from
    // what the others say.
    let notes: Vec<(PathBuf, String)> = discover(paths)
        .files
        .into_iter()
        .filter(|p| config.selects(p))
        .filter_map(|path| {
            // Unreadable, too large, gone or not text: lint says so, and
            // there is nothing certain to fix.
            let bytes = crate::read::read_bounded(&path, config.max_file_size()).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            Some((path, text))
        })
        .collect();
    // Each note's own fixes first, so that the rules across notes read
    // notes whose dates and lists are already right; then theirs.
    let rules = rules::all();
    let inline = options.inline_config;
    let own: Vec<Option<Fixed>> = notes
        .iter()
        .map(|(path, text)| fix(path, text, rules, config, inline, &[]))
        .collect();
    let after_own: Vec<(PathBuf, String)> = notes
        .iter()
        .zip(&own)
        .map(|((path, text), fixed)| {
            let text = fixed.as_ref().map_or(text, |f| &f.text);
            (path.clone(), text.clone())
        })
        .collect();
    let across = edits_across(&after_own, rules, config);
    for (((path, before), own), (_, current)) in notes.iter().zip(own).zip(&after_own) {
        let mut made = own.map(|f| f.rules).unwrap_or_default();
        let mut text = current.clone();
        if let Some(edits) = across.get(path) {
            if let Some(fixed) = fix(path, current, rules, config, inline, edits) {
                made.extend(fixed.rules);
                text = fixed.text;
            }
        }
        if text == *before {
            continue;
        }
        let fixed = Fixed { text, rules: made };
        if diff {
            write_diff(path, before, &fixed, out)?;
        } else if let Err(why) = crate::write::write_atomically(path, fixed.text.as_bytes(), true) {
            error::warn(err, &format!("{}: not fixed: {why}", path.display()))?;
            continue;
        }
        outcome.files += 1;
        outcome.fixes += fixed.rules.len();
    }
    Ok(outcome)
}

fn write_diff(
    path: &Path,
    before: &str,
    fixed: &Fixed,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let name = path
        .strip_prefix("./")
        .unwrap_or(path)
        .display()
        .to_string();
    let diff = similar::TextDiff::from_lines(before, fixed.text.as_str());
    let unified = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    out.write_all(unified.as_bytes())?;
    Ok(())
}
