//! Runs the rules over every file, in parallel, and gathers the diagnostics.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::cache::{FileResult, REPORT, decode_report, encode_report, skeleton};
use super::inline::Suppressions;
use super::rules;
use super::{Diagnostic, FileContext, Finding, Mark, Rule};
use crate::cache::{Cache, CacheStats, Kind};
use crate::config::Config;
use crate::discover::discover;
use crate::ledger::Ledger;
use crate::model::Meeting;
use crate::parse::{Analysis, Parsed, analyse, parse_bytes, without_bom};
use crate::problem::{Problem, Severity};
use crate::source::LineIndex;

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub config: Config,
    /// Honour `<!-- minutes-disable … -->` comments.
    pub inline_config: bool,
    /// Where each file's findings are kept between runs; `None`: no cache.
    pub cache: Option<Cache>,
}

#[derive(Debug, Default)]
pub struct LintReport {
    /// Sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
    pub files_checked: usize,
    /// Command-line paths that do not exist.
    pub missing: Vec<Problem>,
    /// What the cache of findings did, when one was used.
    pub cache: Option<CacheStats>,
    /// Where the findings are kept whole, when they are (a folder, through
    /// the cache, with nothing found by the walk, which no snapshot covers).
    pub kept: Option<Kept>,
}

/// The snapshot and fingerprint this run's findings are kept under, so that
/// what is made of them alone (lint's rendered output) can be kept beside
/// them; `read` when they were read back rather than found.
#[derive(Debug, Clone, Copy)]
pub struct Kept {
    pub snapshot: crate::cache::Snapshot,
    pub fingerprint: u64,
    pub read: bool,
}

impl LintReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn files_with_findings(&self) -> usize {
        let mut paths: Vec<&Path> = self.diagnostics.iter().map(|d| d.path.as_path()).collect();
        paths.dedup();
        paths.len()
    }
}

pub fn lint(paths: &[PathBuf], options: &LintOptions) -> LintReport {
    let discovery = discover(paths);
    let files: Vec<&PathBuf> = discovery
        .files
        .iter()
        .filter(|path| options.config.selects(path))
        .collect();
    let rules = rules::all();
    let kind = Linted { rules, options };
    let owned: Vec<PathBuf> = files.iter().map(|path| path.to_path_buf()).collect();
    let walk: Vec<Diagnostic> = discovery
        .problems
        .iter()
        .filter_map(|problem| walk_diagnostic(problem, &options.config))
        .collect();
    // Files named one by one bring their series along, which a snapshot of
    // the files linted does not cover; the cache is for folders only anyway.
    let whole = options
        .cache
        .as_ref()
        .filter(|_| paths.iter().all(|path| !path.is_file()))
        .and_then(|cache| Some((cache, cache.snapshot(&owned)?)));
    let kept = whole.and_then(|(cache, snapshot)| {
        let bytes = cache.read_whole(REPORT, kind.fingerprint(), snapshot)?;
        decode_report(&bytes, &owned)
    });
    if let Some(kept) = kept {
        let stats = CacheStats {
            hits: files.len(),
            ..CacheStats::default()
        };
        // Kept in order: only the walk's findings need sorting in.
        let walk_is_empty = walk.is_empty();
        let diagnostics = if walk_is_empty {
            kept
        } else {
            sorted(walk.into_iter().chain(kept).collect())
        };
        return LintReport {
            diagnostics,
            files_checked: files.len(),
            missing: discovery.missing,
            cache: Some(stats),
            kept: whole.filter(|_| walk_is_empty).map(|(_, snapshot)| Kept {
                snapshot,
                fingerprint: kind.fingerprint(),
                read: true,
            }),
        };
    }
    let mut cache_stats = None;
    let results: Vec<FileResult> = match &options.cache {
        Some(cache) => {
            let (results, stats) = cache.load_kind(&kind, &owned);
            cache_stats = Some(stats);
            results
        }
        None => files
            .par_iter()
            .map(|path| lint_file(path, rules, options))
            .collect(),
    };

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut results = results;
    let mut meetings: Vec<Meeting> = results
        .iter_mut()
        .filter_map(|r| r.meeting.take())
        .collect();
    meetings.extend(series_context(paths, &files, &meetings, options));
    // Keyed by the path's bytes, hashed: these are the same paths, and a
    // tree of paths compares them component by component.
    let linted: FxHashSet<&OsStr> = results.iter().map(|r| r.path.as_os_str()).collect();
    // Only the files linted are reported on; the series context is not.
    let folder = folder_diagnostics(rules, &meetings, &options.config, &linted);
    let suppressions: FxHashMap<&OsStr, &Suppressions> = results
        .iter()
        .map(|r| (r.path.as_os_str(), &r.suppressions))
        .collect();
    diagnostics.extend(folder.into_iter().filter(|d| {
        suppressions
            .get(d.path.as_os_str())
            .is_none_or(|s| !s.silences(d.rule, d.line))
    }));
    diagnostics.extend(results.into_iter().flat_map(|r| r.diagnostics));
    let found = sorted(diagnostics);
    let mut kept_as = None;
    if let (Some((cache, snapshot)), Some(stats)) = (whole, cache_stats.as_mut()) {
        let kept = encode_report(&found, &owned)
            .map(|payload| cache.write_whole(REPORT, kind.fingerprint(), snapshot, &payload));
        match (kept, &stats.warning) {
            (Some(Err(why)), None) => {
                stats.warning = Some(format!(
                    "lint's findings could not be kept ({why}); answers are unaffected"
                ));
            }
            (Some(Ok(())), _) if walk.is_empty() => {
                kept_as = Some(Kept {
                    snapshot,
                    fingerprint: kind.fingerprint(),
                    read: false,
                });
            }
            _ => {}
        }
    }
    LintReport {
        diagnostics: sorted(walk.into_iter().chain(found).collect()),
        files_checked: files.len(),
        missing: discovery.missing,
        cache: cache_stats,
        kept: kept_as,
    }
}

/// By file, line, column and rule; findings at one place keep their order.
fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
    diagnostics
}

/// Lint's kind of cache entry (`crate::cache`): a file's [`FileResult`]
/// under one config, kept in the form `lint::cache` writes.
struct Linted<'a> {
    rules: &'a [&'static dyn Rule],
    options: &'a LintOptions,
}

impl Kind for Linted<'_> {
    type Value = FileResult;
    const PREFIX: &'static str = "lint-";

    fn fingerprint(&self) -> u64 {
        let mut hash = fnv::FnvHasher::default();
        hash.write(&self.options.config.fingerprint().to_le_bytes());
        hash.write(&[u8::from(self.options.inline_config)]);
        hash.finish()
    }

    fn max_size(&self) -> u64 {
        self.options.config.max_file_size()
    }

    fn unreadable(&self, problem: Problem) -> FileResult {
        lint_unreadable(&problem, self.rules, self.options)
    }

    fn make(&self, path: &Path, bytes: &[u8]) -> FileResult {
        lint_bytes(path, bytes, self.rules, self.options)
    }

    fn encode(&self, value: &FileResult, out: &mut Vec<u8>) -> bool {
        super::cache::encode(value, out)
    }

    fn decode(&self, payload: &[u8], path: &Path) -> Option<FileResult> {
        super::cache::decode(payload, path)
    }
}

/// The other notes of the series of the files named on the command line,
/// which a hook that passes only the staged files would otherwise leave
/// out: without them every update of an earlier action looks unknown. They
/// are found under the config's folder, or, with no config, the folder of
/// each named file; they are read for the folder rules and never reported on.
fn series_context(
    paths: &[PathBuf],
    linted: &[&PathBuf],
    meetings: &[Meeting],
    options: &LintOptions,
) -> Vec<Meeting> {
    let named: Vec<&PathBuf> = paths.iter().filter(|p| p.is_file()).collect();
    if named.is_empty() {
        return Vec::new();
    }
    let roots: Vec<PathBuf> = match options.config.root() {
        Some(root) => vec![relative_to_here(root)],
        None => named
            .iter()
            .map(|file| match file.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            })
            .collect(),
    };
    let already: BTreeSet<PathBuf> = linted.iter().map(|p| absolute(p)).collect();
    let series: BTreeSet<String> = meetings
        .iter()
        .map(|m| crate::text::series_key(&m.meeting))
        .collect();
    let max_size = options.config.max_file_size();
    discover(&roots)
        .files
        .into_par_iter()
        .filter(|path| options.config.selects(path) && !already.contains(&absolute(path)))
        .filter_map(|path| match crate::read::read_file(&path, max_size) {
            crate::read::FileOutcome::Parsed(Parsed::Note { meeting, .. }) => {
                meeting.map(|m| skeleton(*m))
            }
            _ => None,
        })
        .filter(|m| series.contains(&crate::text::series_key(&m.meeting)))
        .collect()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `root` as a path from the working folder when it is below it, so that
/// messages name files as the user sees them.
fn relative_to_here(root: &Path) -> PathBuf {
    let here = std::env::current_dir().ok();
    match here
        .as_deref()
        .and_then(|here| root.strip_prefix(here).ok())
    {
        Some(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Some(relative) => relative.to_path_buf(),
        None => root.to_path_buf(),
    }
}

fn lint_file(path: &Path, rules: &[&dyn Rule], options: &LintOptions) -> FileResult {
    match crate::read::read_bounded(path, options.config.max_file_size()) {
        Ok(bytes) => lint_bytes(path, &bytes, rules, options),
        Err(problem) => lint_unreadable(&problem, rules, options),
    }
}

/// The findings on a file that could not be read (`problem` says why).
fn lint_unreadable(problem: &Problem, rules: &[&dyn Rule], options: &LintOptions) -> FileResult {
    let mut result = FileResult::new(&problem.path);
    let index = LineIndex::new("");
    let context = unreadable_context(&problem.path, problem, "", &index, options);
    result.diagnostics = run_rules(rules, &context, options);
    result
}

/// The per-file diagnostics of `bytes` read as the file `path` (folder
/// rules, such as duplicate IDs across notes, need `lint`).
pub fn lint_source(path: &Path, bytes: &[u8], options: &LintOptions) -> Vec<Diagnostic> {
    lint_bytes(path, bytes, rules::all(), options).diagnostics
}

fn lint_bytes(path: &Path, bytes: &[u8], rules: &[&dyn Rule], options: &LintOptions) -> FileResult {
    let mut result = FileResult::new(path);
    let Ok(text) = std::str::from_utf8(bytes) else {
        if let Parsed::Note { problems, .. } = parse_bytes(path, bytes) {
            if let Some(problem) = problems.first() {
                // Shown with the bad bytes replaced, so the line can be seen.
                let lossy = String::from_utf8_lossy(bytes);
                let index = LineIndex::new(&lossy);
                let context = unreadable_context(path, problem, &lossy, &index, options);
                result.diagnostics = run_rules(rules, &context, options);
            }
        }
        return result;
    };
    let analysis = analyse(path, text);
    let (note, own_index, text) = match &analysis {
        Analysis::NotANote => {
            let text = without_bom(text);
            (None, Some(LineIndex::new(text)), text)
        }
        Analysis::Note(note) => (Some(note.as_ref()), None, note.text),
    };
    let Some(index) = note.map(|n| &n.index).or(own_index.as_ref()) else {
        return result;
    };
    let context = FileContext {
        path,
        text,
        index,
        note,
        config: &options.config,
        file_problem: None,
        directory: Default::default(),
        note_index: Default::default(),
    };
    result.diagnostics = run_rules(rules, &context, options);
    if options.inline_config {
        result.suppressions = Suppressions::parse(text);
        let suppressions = &result.suppressions;
        result
            .diagnostics
            .retain(|d| !suppressions.silences(d.rule, d.line));
    }
    if let Analysis::Note(mut note) = analysis {
        if let Some(meeting) = note.meeting.take() {
            result.meeting = Some(skeleton(meeting));
        }
    }
    result
}

/// The context of a file that could not be read as text.
fn unreadable_context<'a>(
    path: &'a Path,
    problem: &'a Problem,
    text: &'a str,
    index: &'a LineIndex,
    options: &'a LintOptions,
) -> FileContext<'a> {
    FileContext {
        path,
        text,
        index,
        note: None,
        config: &options.config,
        file_problem: Some(problem),
        directory: Default::default(),
        note_index: Default::default(),
    }
}

fn run_rules(rules: &[&dyn Rule], context: &FileContext, options: &LintOptions) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in rules {
        let meta = rule.meta();
        let Some(severity) = super::severity(&options.config, meta) else {
            continue;
        };
        let mut findings = Vec::new();
        rule.check(context, &mut findings);
        diagnostics.extend(findings.into_iter().map(|finding| {
            resolve(
                finding,
                meta.id,
                severity,
                context.path,
                context.text,
                context.index,
            )
        }));
    }
    diagnostics
}

/// A problem of the walk (a symlink loop, a folder without permission).
fn walk_diagnostic(problem: &Problem, config: &Config) -> Option<Diagnostic> {
    let rule = rules::all().iter().find(|r| r.meta().id == "unreadable")?;
    let severity = super::severity(config, rule.meta())?;
    Some(resolve(
        Finding::from_problem(problem),
        rule.meta().id,
        severity,
        &problem.path,
        "",
        &LineIndex::new(""),
    ))
}

/// The diagnostics of one note whose text is `text` (an editor's unsaved
/// buffer), with the other notes of its folder as `others` (the note's own
/// file among them is left out): every rule, those across notes included,
/// each finding on `path` only. Inline comments are honoured as `options`
/// says.
pub fn lint_in_folder(
    path: &Path,
    text: &str,
    others: &[Meeting],
    options: &LintOptions,
) -> Vec<Diagnostic> {
    let rules = rules::all();
    let mut result = lint_bytes(path, text.as_bytes(), rules, options);
    let mut meetings: Vec<Meeting> = others.iter().filter(|m| m.path != path).cloned().collect();
    // The buffer's own meeting, whole: the rules across notes read the
    // skeleton's fields, which it has.
    if let crate::parse::Parsed::Note {
        meeting: Some(meeting),
        ..
    } = crate::parse::parse_text(path, text)
    {
        meetings.push(*meeting);
    }
    let ledger = Ledger::build(&meetings);
    let text = without_bom(text);
    let index = LineIndex::new(text);
    for rule in rules {
        let Some(severity) = super::severity(&options.config, rule.meta()) else {
            continue;
        };
        let mut findings = Vec::new();
        rule.check_folder(&ledger, &mut findings);
        rule.check_notes(&meetings, &mut findings);
        for found in findings.into_iter().filter(|f| f.path == path) {
            if options.inline_config
                && result
                    .suppressions
                    .silences(rule.meta().id, found.finding.line)
            {
                continue;
            }
            let line = index.line_text(text, found.finding.line);
            result.diagnostics.push(resolve_on_line(
                found.finding,
                rule.meta().id,
                severity,
                path,
                line,
            ));
        }
    }
    sorted(result.diagnostics)
}

/// The diagnostics of the rules that look across notes, on the files in
/// `linted` only. Each finding is on an action's, an update's or a
/// decision's line, whose text is read again from its file: few files have
/// such findings, and
/// keeping every action's line from the first read (or in the cache) cost
/// more than reading those few again.
fn folder_diagnostics(
    rules: &[&dyn Rule],
    meetings: &[Meeting],
    config: &Config,
    linted: &FxHashSet<&OsStr>,
) -> Vec<Diagnostic> {
    let ledger = Ledger::build(meetings);
    let mut texts: FxHashMap<OsString, (String, LineIndex)> = FxHashMap::default();
    let mut diagnostics = Vec::new();
    for rule in rules {
        let Some(severity) = super::severity(config, rule.meta()) else {
            continue;
        };
        let mut findings = Vec::new();
        rule.check_folder(&ledger, &mut findings);
        rule.check_notes(meetings, &mut findings);
        for found in findings {
            if !linted.contains(found.path.as_os_str()) {
                continue;
            }
            let key = found.path.as_os_str();
            if !texts.contains_key(key) {
                texts.insert(
                    key.to_owned(),
                    note_text(&found.path, config.max_file_size()),
                );
            }
            let line = texts.get(key).map_or("", |(text, index)| {
                index.line_text(text, found.finding.line)
            });
            diagnostics.push(resolve_on_line(
                found.finding,
                rule.meta().id,
                severity,
                &found.path,
                line,
            ));
        }
    }
    diagnostics
}

/// A note's text as lint read it (without a byte-order mark), and its line
/// index; empty when it can no longer be read.
fn note_text(path: &Path, max_size: u64) -> (String, LineIndex) {
    let text = crate::read::read_bounded(path, max_size)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| without_bom(&text).to_string())
        .unwrap_or_default();
    let index = LineIndex::new(&text);
    (text, index)
}

/// Gives a finding its columns, from what it marks on its line.
fn resolve(
    finding: Finding,
    rule: &'static str,
    severity: Severity,
    path: &Path,
    text: &str,
    index: &LineIndex,
) -> Diagnostic {
    let source_line = if finding.line > 0 {
        index.line_text(text, finding.line)
    } else {
        ""
    };
    resolve_on_line(finding, rule, severity, path, source_line)
}

/// As [`resolve`], given the text of the finding's line.
fn resolve_on_line(
    finding: Finding,
    rule: &'static str,
    severity: Severity,
    path: &Path,
    source_line: &str,
) -> Diagnostic {
    let source_line = source_line.to_string();
    let (column, end_column) = if finding.line == 0 {
        (0, 0)
    } else {
        span(&source_line, &finding.mark)
    };
    Diagnostic {
        rule,
        severity,
        path: path.to_path_buf(),
        line: finding.line,
        column,
        end_line: finding.line,
        end_column,
        message: finding.message,
        help: finding.help,
        source_line,
    }
}

/// 1-based character columns `[start, end)` of what `mark` marks on `line`.
fn span(line: &str, mark: &Mark) -> (usize, usize) {
    let chars = line.chars().count();
    let whole = || {
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        (indent + 1, chars.max(indent) + 1)
    };
    match mark {
        Mark::Line => whole(),
        Mark::From(column) => ((*column).clamp(1, chars + 1), chars + 1),
        Mark::Text(needle) => match line.find(needle.as_str()) {
            Some(at) if !needle.is_empty() => {
                let start = line.get(..at).map_or(0, |s| s.chars().count()) + 1;
                (start, start + needle.chars().count())
            }
            _ => whole(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_character_columns() {
        assert_eq!(span("  - [ ] José: £5", &Mark::Line), (3, 17));
        assert_eq!(span("  - [ ] José: £5", &Mark::Text("£5".into())), (15, 17));
        assert_eq!(span("abc", &Mark::Text("zz".into())), (1, 4));
        assert_eq!(span("abc", &Mark::From(2)), (2, 4));
        assert_eq!(span("", &Mark::Line), (1, 1));
    }
}
