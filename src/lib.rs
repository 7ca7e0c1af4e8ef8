//! `minutes`: read a folder of meeting notes (Markdown with YAML front
//! matter) into a typed model and answer questions across it.
//!
//! The library never prints: every command writes to the writers it is
//! handed, and `cli::run` decides the exit code.

// Input never makes the library panic: no unwrap, expect or unchecked
// indexing outside tests (issue: reliability).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

/// `static_regex!(NAME, pattern)`: a regex compiled once, on first use.
/// Patterns are written in the source, so one that does not compile is a
/// bug caught by the first test that reaches it, not bad input.
macro_rules! static_regex {
    ($name:ident, $pattern:expr) => {
        static $name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new($pattern).unwrap_or_else(|err| unreachable!("static regex: {err}"))
        });
    };
}

pub mod approval;
pub mod cache;
pub mod cli;
pub mod config;
pub mod discover;
pub mod folder;
pub mod import;
pub mod ledger;
pub mod lint;
pub mod lsp;
pub mod mail;
pub mod model;
pub mod names;
pub mod output;
pub mod parse;
pub mod people;
pub mod presence;
pub mod problem;
pub mod query;
pub mod read;
pub mod roster;
pub mod schema;
pub mod source;
pub mod text;
pub mod write;
