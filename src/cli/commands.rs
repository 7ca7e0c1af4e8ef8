//! One function a command: load what it needs, ask the query, write the
//! output, and return the exit code, or a `CliError` that `run_with` says
//! and turns into one.

use super::*;

/// Reports the folder's problems on stderr and works out the exit code:
/// a command-line path that does not exist is always a tool error; a broken
/// note is one only with `--strict`.
pub(super) fn report_problems(
    folder: &Folder,
    strict: bool,
    err: &mut dyn Write,
) -> Result<i32, CliError> {
    for problem in folder.missing.iter().chain(&folder.problems) {
        writeln!(err, "{problem}")?;
    }
    let failed = !folder.missing.is_empty() || (strict && !folder.problems.is_empty());
    Ok(if failed { EXIT_TOOL_ERROR } else { EXIT_OK })
}

/// Actions that share an ID are in no answer; each such ID that `concerns`
/// the command is said on stderr, naming every line that carries it, and
/// the command fails.
pub(super) fn report_conflicts(
    ledger: &Ledger,
    concerns: impl Fn(&crate::ledger::Conflict) -> bool,
    err: &mut dyn Write,
) -> Result<i32, CliError> {
    let mut code = EXIT_OK;
    for conflict in ledger.conflicts.iter().filter(|c| concerns(c)) {
        let places = conflict.places();
        let (first, others) = places
            .split_first()
            .map_or(("", &[][..]), |(f, o)| (f.as_str(), o));
        writeln!(
            err,
            "{first}: error: {} actions of `{}` have the ID `{}` (here and at {}); none of them is in any answer until each has its own (docs/format.md, \"Action IDs\")",
            places.len(),
            conflict.series(),
            conflict.id,
            others.join(", ")
        )?;
        code = EXIT_TOOL_ERROR;
    }
    Ok(code)
}

pub(super) fn actions(
    args: ActionsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let opened = indexed::open(&args.scan, &config, &env, err, |place, discovery, err| {
        indexed::actions(&args, place, discovery, &env, out, err)
    })?;
    let (folder, keep) = match opened {
        indexed::Opened::FromIndex(code) => return Ok(code),
        indexed::Opened::Whole { folder, keep } => (folder, keep),
    };
    let directory = Directory::build(&config, &folder.meetings);
    let ledger = crate::ledger::Ledger::build(&folder.meetings);
    let filter = match action_filter(&args, &directory, &env) {
        Ok(filter) => filter,
        Err(error) => {
            // Said before the notes' own problems, which still are.
            let code = error.report(err);
            if let Some((place, files)) = &keep {
                indexed::keep(place, files, folder, &directory, &ledger, err)?;
            }
            report_problems(folder, args.scan.strict, err)?;
            return Ok(code);
        }
    };
    let rows = crate::query::actions::actions(&ledger, &directory, &filter);
    write_actions(&args, rows, filter.today, &env, out, err)?;
    // Kept once the answer is out: the next run, not this one, gains by it.
    out.flush()?;
    if let Some((place, files)) = &keep {
        indexed::keep(place, files, folder, &directory, &ledger, err)?;
    }
    let code = report_problems(folder, args.scan.strict, err)?;
    Ok(code.max(report_conflicts(&ledger, |_| true, err)?))
}

/// The filter `actions` asks for, with the owner resolved in `directory`.
pub(super) fn action_filter(
    args: &ActionsArgs,
    directory: &Directory,
    env: &Environment,
) -> Result<ActionFilter, CliError> {
    let owner = match &args.owner {
        Some(name) => Some(resolve_person(directory, name)?),
        None => None,
    };
    Ok(ActionFilter {
        owner,
        status: status_filter(&args.status),
        meetings: args.meetings.clone().into(),
        due_before: args.due_before,
        overdue: args.overdue,
        today: args.today.unwrap_or(env.today),
    })
}

/// `--status`, given any number of times: none is the live ones, `all`
/// among them is every one.
fn status_filter(given: &[StatusArg]) -> StatusFilter {
    let mut set = crate::query::actions::StatusSet::default();
    for status in given {
        set = set.with(match status {
            StatusArg::All => return StatusFilter::All,
            StatusArg::Open => Status::Open,
            StatusArg::InProgress => Status::InProgress,
            StatusArg::Done => Status::Done,
            StatusArg::Dropped => Status::Dropped,
        });
    }
    match given {
        [] => StatusFilter::Live,
        _ => StatusFilter::AnyOf(set),
    }
}

/// The rows `actions` found, after `--grep`, `--sort` and `--limit`, in
/// the format asked for; a calendar says on stderr what it left out. The
/// same from the index and from every note.
pub(super) fn write_actions(
    args: &ActionsArgs,
    mut rows: Vec<crate::query::actions::ActionRow<'_>>,
    today: chrono::NaiveDate,
    env: &Environment,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    arrange_rows(args, &mut rows)?;
    let undated =
        output::actions::write(&rows, args.format, &env.style, today, args.calendar, out)?;
    say_undated(undated, err)
}

/// `--grep`, `--sort` and `--limit` on the rows `actions` found.
fn arrange_rows(
    args: &ActionsArgs,
    rows: &mut Vec<crate::query::actions::ActionRow<'_>>,
) -> Result<(), CliError> {
    use crate::query::actions::SortKey;
    let grep = args.grep.as_deref().map(case_insensitive).transpose()?;
    let sort = args.sort.map(|sort| match sort {
        SortArg::Due => SortKey::Due,
        SortArg::Owner => SortKey::Owner,
        SortArg::Date => SortKey::Date,
        SortArg::Id => SortKey::Id,
    });
    crate::query::actions::arrange(rows, sort, grep.as_ref(), args.limit);
    Ok(())
}

/// A `--grep` pattern, matched in any case; a bad one is said in one line.
fn case_insensitive(pattern: &str) -> Result<regex::Regex, CliError> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| {
            // regex draws the pattern with a caret under it on several
            // lines; a message is one line, so only its last (the why).
            let text = e.to_string();
            let why = text.lines().last().unwrap_or_default();
            let why = why.strip_prefix("error: ").unwrap_or(why).to_string();
            CliError::Tool(format!(
                "--grep `{pattern}` is not a valid regular expression: {why}"
            ))
        })
}

pub(super) fn meetings(
    args: MeetingsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let Some(format) = args.format.list() else {
        // The calendar needs each note's time, place and next meeting,
        // which the index does not keep.
        let (_, folder) = args.scan.load(&env, err)?;
        let mut meetings: Vec<&crate::model::Meeting> = folder.meetings.iter().collect();
        meetings.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        let today = args.today.unwrap_or(env.today);
        output::ics::write_meetings(&meetings, today, out)?;
        return report_problems(folder, args.scan.strict, err);
    };
    let opened = indexed::open(&args.scan, &config, &env, err, |place, discovery, err| {
        indexed::meetings(&args, format, place, discovery, &env, out, err)
    })?;
    let (folder, keep) = match opened {
        indexed::Opened::FromIndex(code) => return Ok(code),
        indexed::Opened::Whole { folder, keep } => (folder, keep),
    };
    let rows = crate::query::meetings::meetings(folder);
    output::meetings::write(&rows, format, &env.style, out)?;
    out.flush()?;
    if let Some((place, files)) = &keep {
        let directory = Directory::build(&config, &folder.meetings);
        let ledger = Ledger::build(&folder.meetings);
        indexed::keep(place, files, folder, &directory, &ledger, err)?;
    }
    report_problems(folder, args.scan.strict, err)
}

pub(super) fn show(
    args: ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = load_config(None, std::slice::from_ref(&args.file))?;
    let (meeting, problems): (_, Vec<Problem>) = match read_file(&args.file, config.max_file_size())
    {
        FileOutcome::Unreadable(problem) => (None, vec![problem]),
        FileOutcome::Parsed(Parsed::NotANote) => {
            writeln!(
                err,
                "{}: not a note: it does not start with a `---` front matter block (docs/format.md)",
                args.file.display()
            )?;
            return Ok(EXIT_TOOL_ERROR);
        }
        FileOutcome::Parsed(Parsed::Note { meeting, problems }) => (meeting, problems),
    };
    if let Some(meeting) = &meeting {
        match args.format {
            ShowFormat::Json => output::note::write_json(meeting, out)?,
            // Piped, the note's own bytes (it must parse back the same);
            // on a terminal, its control characters escaped.
            ShowFormat::Markdown if env.style.terminal => output::note::write_markdown_with_ids(
                meeting,
                &mut crate::text::EscapingWriter::new(out),
            )?,
            ShowFormat::Markdown => output::note::write_markdown_with_ids(meeting, out)?,
        }
    }
    for problem in &problems {
        writeln!(err, "{problem}")?;
    }
    let failed = meeting.is_none() || (args.strict && !problems.is_empty());
    Ok(if failed { EXIT_TOOL_ERROR } else { EXIT_OK })
}

pub(super) fn lint(
    args: LintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = load_config(args.config.as_deref(), &args.paths)?;
    let options = LintOptions {
        config,
        inline_config: !args.no_inline_config,
        cache: cache_for(&args.paths, args.no_cache, &env),
    };
    if args.diff {
        let outcome = super::fix::fix_notes(&args.paths, &options, true, out, err)?;
        writeln!(
            err,
            "{} to fix in {} {}",
            plural(outcome.fixes, "finding"),
            outcome.files,
            if outcome.files == 1 { "file" } else { "files" }
        )?;
        return Ok(if outcome.files > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        });
    }
    if args.fix {
        let outcome = super::fix::fix_notes(&args.paths, &options, false, out, err)?;
        writeln!(
            err,
            "fixed {} in {} {}",
            plural(outcome.fixes, "finding"),
            outcome.files,
            if outcome.files == 1 { "file" } else { "files" }
        )?;
    }
    let report = run_lint(&args.paths, &options);
    if let Some(warning) = report.cache.as_ref().and_then(|c| c.warning.as_ref()) {
        error::warn(err, warning)?;
    }
    write_diagnostics(&report, &options, args.format, env.style.color, out)?;
    for problem in &report.missing {
        writeln!(err, "{problem}")?;
    }
    let summary = output::diagnostics::summary(&report);
    if args.format == LintFormat::Human {
        writeln!(out, "{summary}")?;
    } else {
        writeln!(err, "{summary}")?;
    }
    let failed = report.count(Severity::Error) > 0
        || (args.deny_warnings && report.count(Severity::Warning) > 0);
    Ok(if !report.missing.is_empty() {
        EXIT_TOOL_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// `1 finding`, `2 findings`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Where lint's rendered findings are kept, beside the findings themselves.
const RENDERED: &str = "lint-rendered.bin";

/// Writes the findings in `format`. Laying out nine thousand snippets was
/// most of a run over a folder where nothing changed (bench/NOTES.md), so
/// the text is kept under the findings' own snapshot, for this format and
/// colour, and written again as it was when they are read back.
fn write_diagnostics(
    report: &crate::lint::engine::LintReport,
    options: &LintOptions,
    format: LintFormat,
    color: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let keep = options
        .cache
        .as_ref()
        .zip(report.kept)
        .map(|(cache, kept)| {
            let fingerprint = {
                use std::hash::{Hash, Hasher};
                let mut hash = rustc_hash::FxHasher::default();
                (kept.fingerprint, format as u8, color).hash(&mut hash);
                hash.finish()
            };
            (cache, kept, fingerprint)
        });
    if let Some((cache, kept, fingerprint)) = keep.filter(|(_, kept, _)| kept.read) {
        if let Some(text) = cache.read_whole(RENDERED, fingerprint, kept.snapshot) {
            out.write_all(&text)?;
            return Ok(());
        }
    }
    let mut text = Vec::new();
    output::diagnostics::write(report, format, color, &mut text)?;
    out.write_all(&text)?;
    if let Some((cache, kept, fingerprint)) = keep {
        // Not kept is only slower next time; the findings said so already.
        let _ = cache.write_whole(RENDERED, fingerprint, kept.snapshot, &text);
    }
    Ok(())
}

pub(super) fn history(
    args: HistoryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let (_, folder) = args.scan.load(&env, err)?;
    let ledger = Ledger::build(&folder.meetings);
    let entries: Vec<_> = ledger.find(&args.id).collect();
    let code = report_problems(folder, args.scan.strict, err)?;
    if report_conflicts(&ledger, |c| c.id.0 == args.id, err)? != EXIT_OK {
        return Ok(EXIT_TOOL_ERROR);
    }
    if entries.is_empty() {
        let ids: Vec<&str> = ledger
            .entries
            .iter()
            .map(|e| e.action.id.0.as_str())
            .collect();
        let message = match crate::text::closest(&args.id, &ids) {
            Some(near) => format!("no action has the ID `{}`; did you mean `{near}`?", args.id),
            None => format!("no action has the ID `{}`", args.id),
        };
        return Err(CliError::NotFound { message, code });
    }
    output::lifecycle::write_history(&entries, args.format, &env.style, out)?;
    Ok(code)
}

/// The series called `name`, or an error naming the series there are.
pub(super) fn find_series<'a>(folder: &'a Folder, name: &str) -> Result<&'a str, CliError> {
    let names = folder.series_names();
    if let Some(found) = names.iter().find(|n| crate::text::same_series(n, name)) {
        return Ok(found);
    }
    let known = match crate::text::closest(name, &names) {
        Some(near) => format!("did you mean `{near}`?"),
        None if names.is_empty() => "no notes were found".to_string(),
        None => format!("the meetings are: {}", names.join(", ")),
    };
    Err(CliError::Tool(format!(
        "no notes of a meeting called `{name}`; {known}"
    )))
}

/// Why a note or report could not be written: the message names the path
/// (an existing file's message already does).
pub(super) fn cannot_write(path: &std::path::Path, error: io::Error) -> CliError {
    if error.kind() == io::ErrorKind::AlreadyExists {
        CliError::Tool(error.to_string())
    } else {
        CliError::Tool(format!("cannot write {}: {error}", path.display()))
    }
}

pub(super) fn carry_forward(
    args: CarryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let series_notes =
        super::series::SeriesNotes::load(&args.scan, &args.meeting, &config, &env, err)?;
    let folder = series_notes.folder;
    let code = report_problems(folder, args.scan.strict, err)?;
    let series = find_series(folder, &args.meeting)?;
    let date = args.date.unwrap_or(env.today);
    let ledger = Ledger::build(&folder.meetings);
    if report_conflicts(&ledger, |c| c.in_series(series), err)? != EXIT_OK {
        return Ok(EXIT_TOOL_ERROR);
    }
    let rows = crate::query::lifecycle::carry_forward(&ledger, series, date);
    output::lifecycle::write_carry(&rows, args.format, &env.style, series, date, out)?;
    if rows.is_empty() {
        writeln!(
            err,
            "no open or in-progress actions of {series} before {date}"
        )?;
    }
    out.flush()?;
    series_notes.keep_index(&config, &ledger, err)?;
    Ok(code)
}

pub(super) fn new_note(
    args: NewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    // No index is kept after: the note written changes the folder.
    let series_notes =
        super::series::SeriesNotes::load(&args.scan, &args.meeting, &config, &env, err)?;
    let folder = series_notes.folder;
    let code = report_problems(folder, args.scan.strict, err)?;
    let series = find_series(folder, &args.meeting)?;
    let earlier = crate::query::lifecycle::series_before(&folder.meetings, series, args.date);
    let Some(latest) = earlier.last() else {
        return Err(CliError::Tool(format!(
            "{series} has no note before {}",
            args.date
        )));
    };
    let ledger = Ledger::build(&folder.meetings);
    if report_conflicts(&ledger, |c| c.in_series(series), err)? != EXIT_OK {
        return Ok(EXIT_TOOL_ERROR);
    }
    let carried = crate::query::lifecycle::carry_forward(&ledger, series, args.date);
    let directory = series_notes.directory(&config);
    let members = config
        .series_config(series)
        .map_or(&[][..], |s| s.members.as_slice());
    let present = crate::query::lifecycle::expected_present(members, latest, directory);
    let Some(text) = crate::output::next_note::next_note(&earlier, &present, &carried, args.date)
    else {
        return Err(CliError::Tool(
            "could not write the note's front matter".to_string(),
        ));
    };
    if args.stdout {
        out.write_all(text.as_bytes())?;
        return Ok(code);
    }
    let path = args
        .out
        .unwrap_or_else(|| crate::output::next_note::default_path(latest, args.date));
    crate::write::write_atomically(&path, text.as_bytes(), args.force)
        .map_err(|e| cannot_write(&path, e))?;
    writeln!(
        out,
        "wrote {} ({} action{} carried forward)",
        path.display(),
        carried.len(),
        if carried.len() == 1 { "" } else { "s" }
    )?;
    Ok(code)
}

pub(super) fn people(
    args: PeopleArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let (config, folder) = args.scan.load(&env, err)?;
    let directory = Directory::build(&config, &folder.meetings);
    if let Some(spelling) = &args.explain {
        let anywhere = directory.explain(spelling, None);
        let occurrences = crate::query::people::occurrences(&folder.meetings, &directory, spelling);
        output::people::write_explain(
            spelling,
            &directory,
            &anywhere,
            &occurrences,
            args.format,
            out,
        )?;
        let code = report_problems(folder, args.scan.strict, err)?;
        let found = matches!(anywhere.0, Resolution::Found { .. }) || !occurrences.is_empty();
        return Ok(if found { code } else { code.max(EXIT_FINDINGS) });
    }
    let ledger = Ledger::build(&folder.meetings);
    let people = crate::query::people::people(&folder.meetings, &directory, &ledger);
    output::people::write_people(&people, &directory, args.format, &env.style, out)?;
    let code = report_problems(folder, args.scan.strict, err)?;
    Ok(code.max(report_conflicts(&ledger, |_| true, err)?))
}

/// The series and the person a command about people was asked about.
#[derive(Clone, Copy)]
pub(super) struct Asked<'a> {
    pub(super) series: Option<&'a str>,
    pub(super) person: Option<&'a str>,
}

/// What a command about people reads: the notes (those of the series
/// alone, when one is asked for and the index holds), their directory, and
/// the person asked for. A series that is not there is said, with the
/// names there are, rather than answered with an empty table.
pub(super) fn folder_with_people(
    scan: &ScanArgs,
    asked: Asked,
    config: &Config,
    env: &Environment,
    err: &mut dyn Write,
) -> Result<(&'static Folder, &'static Directory, Option<usize>), CliError> {
    let series = asked.series;
    let (folder, directory) = match series {
        Some(series) => {
            let notes = super::series::SeriesNotes::load(scan, series, config, env, err)?;
            (notes.folder, notes.directory(config))
        }
        None => {
            let (_, folder) = scan.load(env, err)?;
            let directory: &'static Directory =
                Box::leak(Box::new(Directory::build(config, &folder.meetings)));
            (folder, directory)
        }
    };
    if let Some(series) = series {
        find_series(folder, series)?;
    }
    let person = match asked.person {
        Some(name) => Some(resolve_person(directory, name)?),
        None => None,
    };
    Ok((folder, directory, person))
}

pub(super) fn attendance(
    args: AttendanceArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let asked = Asked {
        series: args.meetings.meeting.as_deref(),
        person: args.person.as_deref(),
    };
    let (folder, directory, person) = folder_with_people(&args.scan, asked, &config, &env, err)?;
    let filter: crate::query::MeetingFilter = args.meetings.into();
    let meetings: Vec<&crate::model::Meeting> = folder
        .meetings
        .iter()
        .filter(|m| filter.admits(m))
        .collect();
    let mut register = crate::query::attendance::attendance(&meetings, directory, &config);
    if let Some(person) = person {
        register.rows.retain(|row| row.person == Some(person));
    }
    let env = env.listing(&args.list, &output::attendance::columns(&register))?;
    output::attendance::write(&register, args.format, &env.style, out)?;
    report_problems(folder, args.scan.strict, err)
}

pub(super) fn decisions(
    args: DecisionsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let grep = args.grep.as_deref().map(case_insensitive).transpose()?;
    let (folder, series_directory) = match &args.meetings.meeting {
        Some(series) => {
            let notes = super::series::SeriesNotes::load(&args.scan, series, &config, &env, err)?;
            (notes.folder, Some(notes))
        }
        None => {
            let discovery = args.scan.discover()?;
            let cache = args.scan.cache(&env);
            let folder = args
                .scan
                .load_discovered(discovery, &config, cache.as_ref(), err)?;
            (folder, None)
        }
    };
    // Voters are named as the directory knows them; it is built only when
    // some decision records a vote.
    let has_votes = folder
        .meetings
        .iter()
        .flat_map(|m| m.decisions())
        .any(|d| d.vote.is_some());
    let directory: Option<&Directory> = match (has_votes, &series_directory) {
        (false, _) => None,
        (true, Some(notes)) => Some(notes.directory(&config)),
        (true, None) => Some(Box::leak(Box::new(Directory::build(
            &config,
            &folder.meetings,
        )))),
    };
    // A series that is not there is said, with the names there are,
    // rather than answered with an empty table.
    if let Some(series) = &args.meetings.meeting {
        find_series(folder, series)?;
    }
    use crate::query::decisions::ExemptFilter;
    let filter = crate::query::decisions::DecisionFilter {
        meetings: args.meetings.into(),
        grep,
        outcome: args.outcome.map(|outcome| match outcome {
            OutcomeArg::Carried => crate::model::Outcome::Carried,
            OutcomeArg::Lost => crate::model::Outcome::Lost,
        }),
        exempt: match (args.exempt, args.no_exempt) {
            (true, _) => ExemptFilter::Only,
            (_, true) => ExemptFilter::Left,
            _ => ExemptFilter::Shown,
        },
    };
    let rows = crate::query::decisions::decisions(&folder.meetings, &filter, directory);
    output::decisions::write(&rows, args.format, &env.style, out)?;
    report_problems(folder, args.scan.strict, err)
}

pub(super) fn declarations(
    args: DeclarationsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let asked = Asked {
        series: args.meetings.meeting.as_deref(),
        person: args.person.as_deref(),
    };
    let (folder, directory, person) = folder_with_people(&args.scan, asked, &config, &env, err)?;
    let filter = crate::query::declarations::DeclarationFilter {
        meetings: args.meetings.into(),
        person,
    };
    let rows = crate::query::declarations::declarations(&folder.meetings, directory, &filter);
    output::declarations::write(&rows, directory, args.format, &env.style, out)?;
    report_problems(folder, args.scan.strict, err)
}

pub(super) fn report(
    args: ReportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: Environment,
) -> Result<i32, CliError> {
    let config = args.scan.config()?;
    let series_notes =
        super::series::SeriesNotes::load(&args.scan, &args.meeting, &config, &env, err)?;
    let folder = series_notes.folder;
    let code = report_problems(folder, args.scan.strict, err)?;
    let series = find_series(folder, &args.meeting)?;
    let date = args.date.unwrap_or(env.today);
    let directory = series_notes.directory(&config);
    let ledger = Ledger::build(&folder.meetings);
    if report_conflicts(&ledger, |c| c.in_series(series), err)? != EXIT_OK {
        return Ok(EXIT_TOOL_ERROR);
    }
    let report = crate::query::report::report(&folder.meetings, &ledger, directory, series, date);
    let register = crate::query::attendance::attendance(&report.meetings, directory, &config);
    let mut text = Vec::new();
    let audience = if args.public {
        output::report::Audience::Public
    } else {
        output::report::Audience::Board
    };
    output::report::write(&report, &register, args.format, audience, &mut text)?;
    match &args.out {
        None => out.write_all(&text)?,
        Some(path) => {
            crate::write::write_atomically(path, &text, args.force)
                .map_err(|e| cannot_write(path, e))?;
            writeln!(out, "wrote {}", path.display())?;
        }
    }
    out.flush()?;
    series_notes.keep_index(&config, &ledger, err)?;
    Ok(code)
}

pub(super) fn import(
    args: ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, CliError> {
    let options = crate::import::ImportOptions {
        meeting: args.meeting.clone(),
        date: args.date,
    };
    // Each document is imported or said why not; one never stops the others.
    let mut code = EXIT_OK;
    for file in &args.files {
        let bytes = match crate::read::read_regular(file, crate::read::DEFAULT_MAX_FILE_SIZE) {
            Ok(bytes) => bytes,
            Err(e) => {
                let error = CliError::Tool(format!("cannot read {}: {e}", file.display()));
                code = code.max(error.report(err));
                continue;
            }
        };
        let extension = file.extension().and_then(|e| e.to_str());
        let (format, document) = match crate::import::readers::read_bytes(&bytes, extension) {
            Ok(read) => read,
            Err(why) => {
                let error = CliError::Tool(format!("{}: {why}", file.display()));
                code = code.max(error.report(err));
                continue;
            }
        };
        let mut imported = crate::import::import_document(document, &options);
        let binary = matches!(
            format,
            crate::import::readers::Format::Docx | crate::import::readers::Format::Pdf
        );
        if !binary && std::str::from_utf8(&bytes).is_err() {
            imported.checks.insert(
                0,
                "the file is not UTF-8; characters that could not be read show as �".to_string(),
            );
        }
        // With the meeting and date given, the clerk has said what this is:
        // it is imported, and the missing attendance is a point to check.
        let told = options.meeting.is_some() && options.date.is_some();
        if !imported.is_minutes() && told {
            imported.checks.push(
                "no attendance was found (no Present, Attendees or Apologies); add it by hand"
                    .to_string(),
            );
        } else if !imported.is_minutes() {
            let error = CliError::not_found(format!(
                "{}: not minutes: no attendance found (no Present, Attendees or Apologies); nothing written (give --meeting and --date to import it anyway)",
                file.display()
            ));
            code = code.max(error.report(err));
            continue;
        }
        let source = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().to_string(),
        );
        let note = output::imported::render(&imported, &source);
        let mut report = Vec::new();
        if args.stdout {
            out.write_all(note.as_bytes())?;
        } else {
            let Some(name) = crate::import::file_name(&imported) else {
                let error = CliError::Tool(format!(
                    "{}: no meeting name or date to name the note by; give --meeting and --date, or use --stdout",
                    file.display()
                ));
                code = code.max(error.report(err));
                continue;
            };
            let path = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("."))
                .join(name);
            if let Err(e) = crate::write::write_atomically(&path, note.as_bytes(), args.force) {
                code = code.max(cannot_write(&path, e).report(err));
                continue;
            }
            writeln!(
                &mut report,
                "imported {} to {}",
                file.display(),
                path.display()
            )?;
        }
        writeln!(
            &mut report,
            "  found {} people ({} present, {} in attendance, {} apologies), {} items, {} decisions, {} actions",
            imported.people(),
            imported.present.len(),
            imported.in_attendance.len(),
            imported.apologies.len(),
            imported.items.iter().filter(|i| i.number != "0").count(),
            imported.decisions(),
            imported.actions()
        )?;
        if !imported.checks.is_empty() {
            writeln!(&mut report, "  to check:")?;
            for check in &imported.checks {
                writeln!(&mut report, "    - {check}")?;
            }
        }
        // With the note on stdout, the report goes to stderr. It quotes the
        // document, whose control characters are escaped.
        let target: &mut dyn Write = if args.stdout { &mut *err } else { &mut *out };
        crate::text::EscapingWriter::new(target).write_all(&report)?;
    }
    Ok(code)
}
