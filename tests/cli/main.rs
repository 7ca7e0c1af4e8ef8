//! Every integration test, in one binary (one link step instead of ten):
//! a module per area, and the helpers they share in `common`.

mod common;

mod bad_input;
mod cache;
mod calendar;
mod commands;
mod export;
mod fix;
mod format;
mod import;
mod index;
mod lifecycle;
mod lint;
mod lint_cache;
mod lsp;
mod man;
mod people;
mod properties;
mod remind;
mod report;
mod statutory;
mod tables;
mod xlsx;
