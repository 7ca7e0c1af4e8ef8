//! `minutes lint --fix` and `--diff`: the edits of the rules whose fix is
//! certain, applied to a note's text. An edit replaces text on one line
//! (the first occurrence of `from`, or the whole line's content); every
//! byte it does not touch, the byte-order mark and each line's own ending
//! included, stays as it was.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::inline::Suppressions;
use super::{FileContext, Rule};
use crate::config::Config;
use crate::parse::{Analysis, analyse};

/// One change a rule is certain of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub rule: &'static str,
    /// 1-based.
    pub line: usize,
    /// The text on the line to replace; empty: the line's whole content.
    pub from: String,
    /// What replaces it; a `\n` in it starts a new line, with the line
    /// ending the file uses there.
    pub to: String,
}

/// What fixing a note did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// The rule of each edit made, in order.
    pub rules: Vec<&'static str>,
}

/// How many times a note is fixed and read again: a fix can bring more
/// into view (a note whose `date` was unreadable has its body read only
/// once the date is fixed), and each round only ever rewrites to a form no
/// rule fixes again.
const ROUNDS: usize = 4;

/// The note `text` with every certain fix of the rules `config` turns on
/// (and inline comments do not silence) made; `None` when nothing changes.
///
/// `across` are the edits the rules across notes made for this note
/// (`edits_across`), made with the note's own in the first round.
pub fn fix(
    path: &Path,
    text: &str,
    rules: &[&dyn Rule],
    config: &Config,
    inline: bool,
    across: &[Edit],
) -> Option<Fixed> {
    let mut current = text.to_string();
    let mut all = Vec::new();
    for round in 0..ROUNDS {
        let mut edits = edits(path, &current, rules, config, inline);
        if round == 0 {
            let suppressions = inline.then(|| Suppressions::parse(crate::parse::without_bom(text)));
            edits.extend(
                across
                    .iter()
                    .filter(|edit| {
                        !suppressions
                            .as_ref()
                            .is_some_and(|s| s.silences(edit.rule, edit.line))
                    })
                    .cloned(),
            );
        }
        let (fixed, made) = apply(&current, &edits);
        if made.is_empty() {
            break;
        }
        all.extend(made);
        current = fixed;
    }
    let changed = current != text;
    changed.then_some(Fixed {
        text: current,
        rules: all,
    })
}

/// The edits the rules across notes (`Rule::fix_across`) make in each of
/// `notes` (each note's path and text), by path: rules `config` turns off
/// make none.
pub fn edits_across(
    notes: &[(PathBuf, String)],
    rules: &[&dyn Rule],
    config: &Config,
) -> FxHashMap<PathBuf, Vec<Edit>> {
    let meetings: Vec<crate::model::Meeting> = notes
        .iter()
        .filter_map(|(path, text)| match crate::parse::parse_text(path, text) {
            crate::parse::Parsed::Note {
                meeting: Some(meeting),
                ..
            } => Some(*meeting),
            _ => None,
        })
        .collect();
    let texts: FxHashMap<&Path, &str> = notes
        .iter()
        .map(|(path, text)| (path.as_path(), crate::parse::without_bom(text)))
        .collect();
    let text_of = |path: &Path| texts.get(path).copied();
    let ledger = crate::ledger::Ledger::build(&meetings);
    let mut by_path: FxHashMap<PathBuf, Vec<Edit>> = FxHashMap::default();
    for rule in rules {
        if super::severity(config, rule.meta()).is_none() {
            continue;
        }
        let mut found = Vec::new();
        rule.fix_across(&ledger, &text_of, &mut found);
        for (path, edit) in found {
            by_path.entry(path).or_default().push(edit);
        }
    }
    by_path
}

fn edits(path: &Path, text: &str, rules: &[&dyn Rule], config: &Config, inline: bool) -> Vec<Edit> {
    let analysis = analyse(path, text);
    let Analysis::Note(note) = &analysis else {
        return Vec::new();
    };
    let context = FileContext {
        path,
        text: note.text,
        index: &note.index,
        note: Some(note.as_ref()),
        config,
        file_problem: None,
        directory: Default::default(),
        note_index: Default::default(),
    };
    let suppressions = inline.then(|| Suppressions::parse(note.text));
    let mut edits = Vec::new();
    for rule in rules {
        if super::severity(config, rule.meta()).is_none() {
            continue;
        }
        let mut found = Vec::new();
        rule.fix(&context, &mut found);
        edits.extend(found.into_iter().filter(|edit| {
            !suppressions
                .as_ref()
                .is_some_and(|s| s.silences(edit.rule, edit.line))
        }));
    }
    edits
}

/// `text` with `edits` made, and the rule of each edit that changed it.
/// An edit whose `from` is no longer on its line (an earlier edit took it)
/// is skipped.
pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<&'static str>) {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    };
    let mut made = Vec::new();
    let mut out = String::with_capacity(text.len());
    out.push_str(bom);
    for (at, line) in body.split_inclusive('\n').enumerate() {
        let number = at + 1;
        let (content, ending) = split_ending(line);
        let mut content = content.to_string();
        for edit in edits.iter().filter(|e| e.line == number) {
            let changed = if edit.from.is_empty() {
                Some(edit.to.clone())
            } else {
                content
                    .contains(edit.from.as_str())
                    .then(|| content.replacen(edit.from.as_str(), &edit.to, 1))
            };
            if let Some(changed) = changed.filter(|c| *c != content) {
                content = changed;
                made.push(edit.rule);
            }
        }
        let newline = if ending.is_empty() { "\n" } else { ending };
        out.push_str(&content.replace('\n', newline));
        out.push_str(ending);
    }
    (out, made)
}

/// A line's content and its ending (`\r\n`, `\n`, or none at the end).
fn split_ending(line: &str) -> (&str, &str) {
    if let Some(content) = line.strip_suffix("\r\n") {
        (content, "\r\n")
    } else if let Some(content) = line.strip_suffix('\n') {
        (content, "\n")
    } else {
        (line, "")
    }
}
