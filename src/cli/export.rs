//! `minutes export`: the folder as flat tables, read twice (`roster`) so
//! that memory follows the largest series rather than the number of notes.

use super::commands::{report_conflicts, report_problems};
use super::*;

pub(super) fn export(
    args: ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    use crate::query::export::{Export, Table};
    let ExportFormat::Jsonl = args.format;
    // Said before any reading: a table that would be replaced unasked.
    if let (Some(dir), false) = (&args.out, args.force) {
        let existing: Vec<String> = Table::ALL
            .iter()
            .map(|table| dir.join(format!("{}.jsonl", table.name())))
            .filter(|path| std::fs::symlink_metadata(path).is_ok())
            .map(|path| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(CliError::Tool(format!(
                "{} exist; use --force to replace them",
                existing.join(", ")
            )));
        }
    }
    let config = args.scan.config()?;
    let discovery = args.scan.discover()?;
    let cache = args.scan.cache(&env);
    let roster = crate::roster::Roster::gather(discovery, config.max_file_size(), cache.as_ref());
    if let Some(warning) = roster.cache_warning() {
        error::warn(err, warning)?;
    }
    let directory = Directory::build_from(&config, roster.notes());
    let export = Export::new(&directory, args.today.unwrap_or(env.today));
    // clap asks for one of --table and --out.
    let mut tables = match (args.table, &args.out) {
        (Some(table), _) => Tables::Stdout(table, out),
        (None, Some(dir)) => Tables::Files(open_tables(dir, args.force)?),
        (None, None) => return Ok(EXIT_OK),
    };
    let written = export_rows(&roster, &export, &mut tables)?;
    if let Tables::Files(files) = tables {
        for (_, pending) in files {
            let path = pending.path().display().to_string();
            pending
                .place()
                .map_err(|e| CliError::Tool(format!("cannot write {path}: {e}")))?;
        }
    }
    let mut folder = roster.folder();
    folder.problems.extend(written.late_problems);
    let code = report_problems(&folder, args.scan.strict, err)?;
    err.write_all(&written.conflicts)?;
    Ok(code.max(written.code))
}

/// Where `export` writes: one table to stdout, or each to its file.
enum Tables<'o> {
    Stdout(crate::query::export::Table, &'o mut dyn Write),
    Files(Vec<(crate::query::export::Table, crate::write::Pending)>),
}

impl Tables<'_> {
    fn each(&mut self) -> Vec<(crate::query::export::Table, &mut dyn Write)> {
        match self {
            Tables::Stdout(table, out) => vec![(*table, &mut **out)],
            Tables::Files(files) => files
                .iter_mut()
                .map(|(table, pending)| (*table, pending.out()))
                .collect(),
        }
    }
}

fn open_tables(
    dir: &std::path::Path,
    force: bool,
) -> Result<Vec<(crate::query::export::Table, crate::write::Pending)>, CliError> {
    use crate::query::export::Table;
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Tool(format!("cannot create {}: {e}", dir.display())))?;
    Table::ALL
        .iter()
        .map(|table| {
            let path = dir.join(format!("{}.jsonl", table.name()));
            crate::write::Pending::create(&path, force)
                .map(|pending| (*table, pending))
                .map_err(|e| CliError::Tool(format!("cannot write {}: {e}", path.display())))
        })
        .collect()
}

/// What writing the tables met besides rows.
struct Written {
    /// Files that could not be read on the second pass.
    late_problems: Vec<Problem>,
    /// Actions that share an ID, said as `actions` says them.
    conflicts: Vec<u8>,
    code: i32,
}

/// How many notes `export` holds at once (more for one larger series):
/// enough to keep every core busy.
const EXPORT_BATCH: usize = 256;

/// Writes every table: the people first, then the rest series by series, a
/// batch of whole series read and laid out at once (in parallel, each into
/// buffers of its own) and written in order.
fn export_rows(
    roster: &crate::roster::Roster,
    export: &crate::query::export::Export,
    tables: &mut Tables,
) -> Result<Written, CliError> {
    use crate::query::export::Table;
    use rayon::prelude::*;
    let mut written = Written {
        late_problems: Vec::new(),
        conflicts: Vec::new(),
        code: EXIT_OK,
    };
    let mut outputs = tables.each();
    for (table, out) in outputs.iter_mut() {
        if *table == Table::People {
            export.people_rows(&mut output::export::JsonLines::new(*out))?;
        }
    }
    let wanted: Vec<Table> = outputs.iter().map(|(table, _)| *table).collect();
    let series = roster.series_files();
    for batch in batches(&series, EXPORT_BATCH) {
        let files: Vec<&std::path::Path> = batch.iter().flat_map(|s| s.iter().copied()).collect();
        let (meetings, problems) = roster.read(&files);
        written.late_problems.extend(problems);
        let mut meetings = meetings.into_iter();
        let parts: Vec<Vec<crate::model::Meeting>> = batch
            .iter()
            .map(|s| meetings.by_ref().take(s.len()).flatten().collect())
            .collect();
        let laid_out: Vec<std::io::Result<LaidOut>> = parts
            .par_iter()
            .map(|meetings| lay_out(export, meetings, &wanted))
            .collect();
        for one in laid_out {
            let one = one?;
            for ((_, out), rows) in outputs.iter_mut().zip(&one.tables) {
                out.write_all(rows)?;
            }
            written.conflicts.extend(one.conflicts);
            written.code = written.code.max(one.code);
        }
    }
    Ok(written)
}

/// Some series' rows of each table wanted, and their actions that share an ID.
struct LaidOut {
    tables: Vec<Vec<u8>>,
    conflicts: Vec<u8>,
    code: i32,
}

fn lay_out(
    export: &crate::query::export::Export,
    meetings: &[crate::model::Meeting],
    wanted: &[crate::query::export::Table],
) -> std::io::Result<LaidOut> {
    let part = export.part(meetings);
    let mut tables = vec![Vec::new(); wanted.len()];
    for (table, rows) in wanted.iter().zip(tables.iter_mut()) {
        part.rows(*table, &mut output::export::JsonLines::new(rows))?;
    }
    let mut conflicts = Vec::new();
    let code = report_conflicts(part.ledger(), |_| true, &mut conflicts)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(LaidOut {
        tables,
        conflicts,
        code,
    })
}

/// Consecutive series gathered until they hold at least `size` notes.
fn batches<T>(series: &[Vec<T>], size: usize) -> Vec<&[Vec<T>]> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut notes = 0;
    for (at, one) in series.iter().enumerate() {
        notes += one.len();
        if notes >= size {
            batches.extend(series.get(start..=at));
            start = at + 1;
            notes = 0;
        }
    }
    batches.extend(series.get(start..).filter(|rest| !rest.is_empty()));
    batches
}

#[cfg(test)]
mod tests {
    use super::batches;

    #[test]
    fn batches_hold_whole_series_and_at_least_the_size_but_the_last() {
        let series: Vec<Vec<u8>> = [3, 1, 5, 1, 1].iter().map(|n| vec![0; *n]).collect();
        let sizes: Vec<Vec<usize>> = batches(&series, 4)
            .iter()
            .map(|batch| batch.iter().map(Vec::len).collect())
            .collect();
        assert_eq!(sizes, [vec![3, 1], vec![5], vec![1, 1]]);
        assert!(batches::<u8>(&[], 4).is_empty());
    }
}
