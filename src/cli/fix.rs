//! `minutes lint --fix` and `--diff`: the certain fixes of each note
//! (`lint::fix`), written back atomically or shown as a unified diff.

use std::io::Write;
use std::path::Path;

use super::error::{self, CliError};
use crate::discover::discover;
use crate::lint::engine::LintOptions;
use crate::lint::fix::{Fixed, fix};
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
    for path in discover(paths).files.iter().filter(|p| config.selects(p)) {
        let Ok(bytes) = crate::read::read_bounded(path, config.max_file_size()) else {
            // Unreadable, too large or gone: lint says so, and there is
            // nothing certain to fix.
            continue;
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let Some(fixed) = fix(path, text, rules::all(), config, options.inline_config) else {
            continue;
        };
        if diff {
            write_diff(path, text, &fixed, out)?;
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
