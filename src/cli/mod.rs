//! The command line: arguments in, exit code out. This is the one place that
//! decides exit codes: 0 done, 1 findings, 2 the tool could not do its job.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::folder::Folder;
use crate::ledger::Ledger;
use crate::lint::engine::{LintOptions, lint as run_lint};
use crate::model::Status;
use crate::output::diagnostics::LintFormat;
use crate::output::lifecycle::CarryFormat;
use crate::output::{self, ActionsFormat, Format, Style};
use crate::parse::Parsed;
use crate::people::{Directory, Resolution};
use crate::problem::Problem;
use crate::problem::Severity;
use crate::query::actions::{ActionFilter, StatusFilter};
use crate::read::{FileOutcome, read_file};

mod commands;
mod error;
mod export;
mod fix;
mod indexed;
mod man;
mod remind;
mod series;

pub use error::CliError;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_TOOL_ERROR: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "minutes",
    version,
    about = "Query and keep the minutes of boards and committees, written as Markdown notes",
    after_help = "Examples:\n  minutes actions --owner \"James Griffin\" notes/\n  minutes meetings notes/\n  minutes show notes/2025-01-14-borough-board.md\n\nThe note format is described in docs/format.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour: on a terminal unless NO_COLOR is set or TERM is dumb (auto), or always, or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List actions across every note: who is on the hook for what
    #[command(
        after_help = "Examples:\n  minutes actions --owner \"James Griffin\" examples/\n  minutes actions --overdue --today 2025-06-01 examples/\n  minutes actions --status all --meeting \"Harbourside Partnership Board\" --format csv examples/ > actions.csv"
    )]
    Actions(ActionsArgs),
    /// List the notes: date, meeting, items, decisions and actions
    #[command(
        after_help = "Examples:\n  minutes meetings examples/\n  minutes meetings --format markdown examples/"
    )]
    Meetings(MeetingsArgs),
    /// One action's life: the line that raised it and every update since
    #[command(
        after_help = "Examples:\n  minutes history 2026-01-20/3.2 examples/\n  minutes history HPB-HOUSING-1 --format json examples/"
    )]
    History(HistoryArgs),
    /// The open actions to report on at a meeting, in update syntax to paste into its note
    #[command(
        after_help = "Examples:\n  minutes carry-forward --meeting \"Harbourside Partnership Board\" examples/\n  minutes carry-forward --meeting \"Westmoor County Leadership Group\" --date 2026-12-03 --format table examples/"
    )]
    CarryForward(CarryArgs),
    /// Write the next note of a series, with the open actions carried forward
    #[command(
        after_help = "Examples:\n  minutes new --meeting \"Harbourside Partnership Board\" --date 2027-01-19 examples/\n  minutes new --meeting \"Westmoor County Leadership Group\" --date 2026-12-03 --stdout examples/\n\nThe note is written beside the series' latest note, named after it, and never\nreplaces an existing file unless --force is given."
    )]
    New(NewArgs),
    /// Everyone seen in the notes, under one name each, with their attendance and open actions
    #[command(
        after_help = "Examples:\n  minutes people examples/\n  minutes people --explain \"Tom\" examples/\n  minutes people --format csv examples/ > people.csv\n\nNames resolve by canonical name, then a register alias or initials (minutes.yaml\n`people:`), then a first name unique among the people listed in the note."
    )]
    People(PeopleArgs),
    /// An attendance register: who was present (P), sent apologies (A) or was absent (X)
    #[command(
        after_help = "Examples:\n  minutes attendance --meeting \"Harbourside Partnership Board\" examples/\n  minutes attendance --since 2026-01-01 --format markdown examples/\n  minutes attendance --person \"Daniel Mercer\" examples/\n\nThe rate is present ÷ meetings at which the person was a member: members come from\n`series:` in minutes.yaml, or else run from a person's first to last listing."
    )]
    Attendance(AttendanceArgs),
    /// The decision log: every decision with its ID, meeting, item, outcome and vote
    #[command(
        after_help = "Examples:\n  minutes decisions examples/\n  minutes decisions --grep 'summit|placement' examples/\n  minutes decisions --meeting \"Westmoor County Leadership Group\" --format csv examples/\n  minutes decisions --outcome lost --no-exempt examples/\n\nDecisions of exempt items are listed and marked unless --no-exempt is given;\n--exempt lists only them."
    )]
    Decisions(DecisionsArgs),
    /// The register of declared interests across meetings
    #[command(
        after_help = "Examples:\n  minutes declarations examples/\n  minutes declarations --person \"Mary Hale\" examples/\n  minutes declarations --meeting \"Harbourside Partnership Board\" --format csv examples/\n\nA declaration is a line starting `Declaration:` or `Declared:` (docs/format.md)."
    )]
    Declarations(DeclarationsArgs),
    /// Each owner's digest of overdue, due-soon and new actions: printed, a file each, or emailed
    #[command(
        after_help = "Examples:\n  minutes remind --within 14d examples/\n  minutes remind --owner \"Daniel Mercer\" --format markdown examples/\n  minutes remind --format eml --out reminders/ examples/\n  minutes remind --send --dry-run examples/\n\nAn owner's digest lists their open actions that are overdue, due within the window,\nor raised at their series' latest meeting, each with the update line to send back.\nAddresses come from `email:` in the people register; the sender and SMTP server from\n`reminders:` in minutes.yaml or the environment, the password only from\nMINUTES_SMTP_PASSWORD (docs/reminders.md)."
    )]
    Remind(RemindArgs),
    /// A report of one series for the board pack: figures, action log, decisions, attendance
    #[command(
        after_help = "Examples:\n  minutes report --meeting \"Harbourside Partnership Board\" examples/\n  minutes report --meeting \"Harbourside Partnership Board\" --format html --out report.html examples/"
    )]
    Report(ReportArgs),
    /// Bring a legacy minutes document (Word .docx, PDF, text, Markdown or HTML) into the format
    #[command(
        after_help = "Examples:\n  minutes import old/2013-01-15-away-day.txt --out notes/\n  minutes import minutes.html --meeting \"Town Board\" --date 2014-03-18 --stdout\n\nThe note is named YYYY-MM-DD-series-slug.md, written atomically, and never replaces\na file unless --force is given. Each point the importer was unsure of is listed."
    )]
    Import(ImportArgs),
    /// Write the whole folder as flat tables for an analytical engine (DuckDB, pandas)
    #[command(
        after_help = "Examples:\n  minutes export --out export/ examples/\n  minutes export --table actions examples/ | jq -r .owners[]\n  duckdb -c \"SELECT status, count(*) FROM read_json_auto('export/actions.jsonl') GROUP BY status\"\n\nOne JSON object a line; the tables and their columns are described in docs/export.md.\nFiles in --out are written atomically and never replaced unless --force is given."
    )]
    Export(ExportArgs),
    /// Serve the language server protocol on stdin and stdout, for an editor
    #[command(
        after_help = "Editors start it themselves; docs/editors.md shows the setting for VS Code,\nNeovim and Helix. It answers diagnostics (lint's rules on the unsaved text, with the\nworkspace's other notes as context), a quick fix for the certain fixes, the outline of\nthe agenda, completion of people, meetings and open actions, and hover, definition and\nreferences on action IDs and people."
    )]
    Lsp,
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  minutes completions bash > ~/.local/share/bash-completion/completions/minutes\n  minutes completions zsh > ~/.zfunc/_minutes\n  minutes completions fish > ~/.config/fish/completions/minutes.fish\n  minutes completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): the main one, or a command's; or write them all
    #[command(
        after_help = "Examples:\n  minutes man | man -l -\n  minutes man actions | man -l -\n  minutes man --out ~/.local/share/man/man1/ && man minutes-lint"
    )]
    Man(ManArgs),
    /// Print a JSON Schema of the front matter, for editors
    #[command(
        after_help = "Examples:\n  minutes schema > minutes.schema.json\n\nVS Code (YAML extension): see docs/editors.md."
    )]
    Schema,
    /// Check notes against the conventions of docs/format.md (rules: docs/rules.md)
    #[command(
        after_help = "Examples:\n  minutes lint examples/\n  minutes lint --format github notes/          # in GitHub Actions\n  minutes lint --format sarif notes/ > minutes.sarif\n  minutes lint --deny-warnings --no-inline-config notes/\n\nExit codes: 0 no errors (warnings allowed), 1 errors found (or warnings with\n--deny-warnings), 2 the tool could not do its job (bad flag, bad config, missing path)."
    )]
    Lint(LintArgs),
    /// Show the parsed model of one note
    #[command(
        after_help = "Examples:\n  minutes show examples/harbourside/2025-01-14-harbourside-partnership-board.md\n  minutes show --format json NOTE.md | jq '.items[].actions'"
    )]
    Show(ShowArgs),
}

impl Command {
    /// Whether the command is to write an Excel workbook to stdout, which
    /// must not be a terminal.
    fn writes_workbook_to_stdout(&self) -> bool {
        match self {
            Command::Actions(args) => args.format == ActionsFormat::Xlsx,
            Command::Meetings(args) => args.format == ActionsFormat::Xlsx,
            Command::People(args) => args.format == Format::Xlsx,
            Command::Attendance(args) => args.format == Format::Xlsx,
            Command::Decisions(args) => args.format == Format::Xlsx,
            Command::Declarations(args) => args.format == Format::Xlsx,
            Command::History(args) => args.format == Format::Xlsx,
            Command::Report(args) => {
                args.format == output::report::ReportFormat::Xlsx && args.out.is_none()
            }
            _ => false,
        }
    }
}

#[derive(Debug, Args)]
struct ScanArgs {
    /// Files or folders to read (folders are walked for *.md, honouring .gitignore)
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Exit 2 when any note could not be read or parsed
    #[arg(long)]
    strict: bool,
    /// The config with the people register and series [default: the
    /// minutes.yaml in the first path's folder or above, to the repository root]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Parse every note afresh, without reading or writing the cache of
    /// parsed notes (kept in $MINUTES_CACHE_DIR, else ~/.cache/minutes)
    #[arg(long)]
    no_cache: bool,
}

impl ScanArgs {
    /// The config these paths call for.
    fn config(&self) -> Result<Config, CliError> {
        load_config(self.config.as_deref(), &self.paths)
    }

    /// The config and the parsed folder; a cache that could not be used is
    /// said on `err`.
    ///
    /// The folder is never freed: a command is the last thing the process
    /// does, and freeing every note's strings one by one took a quarter of a
    /// warm query's time (bench/NOTES.md), work the operating system does at
    /// once when the process ends.
    fn load(
        &self,
        env: &Environment,
        err: &mut dyn Write,
    ) -> Result<(Config, &'static Folder), CliError> {
        let config = self.config()?;
        let discovery = self.discover()?;
        let folder = self.load_discovered(discovery, &config, self.cache(env).as_ref(), err)?;
        Ok((config, folder))
    }

    /// The walk of these paths. When none of them is there, the command
    /// stops before anything is written (an empty table would say there
    /// is nothing, which is not what happened); when some are, the rest is
    /// answered and the missing ones said after, as ripgrep does.
    fn discover(&self) -> Result<crate::discover::Discovery, CliError> {
        let discovery = crate::discover::discover(&self.paths);
        if discovery.missing.len() < self.paths.len() {
            return Ok(discovery);
        }
        let said: Vec<String> = discovery
            .missing
            .iter()
            .map(|problem| format!("{}: {}", problem.path.display(), problem.message))
            .collect();
        Err(CliError::Tool(said.join("; ")))
    }

    /// As [`ScanArgs::load`], for the files a walk found.
    fn load_discovered(
        &self,
        discovery: crate::discover::Discovery,
        config: &Config,
        cache: Option<&crate::cache::Cache>,
        err: &mut dyn Write,
    ) -> Result<&'static Folder, CliError> {
        let folder = Folder::load_discovered(discovery, config.max_file_size(), cache);
        let folder: &'static Folder = Box::leak(Box::new(folder));
        if let Some(warning) = folder.cache.as_ref().and_then(|c| c.warning.as_ref()) {
            error::warn(err, warning)?;
        }
        Ok(folder)
    }

    /// The cache these paths are read through, if any (see `cache_for`).
    fn cache(&self, env: &Environment) -> Option<crate::cache::Cache> {
        cache_for(&self.paths, self.no_cache, env)
    }
}

/// The cache for `paths`, unless `--no-cache`, there is nowhere to keep
/// one, or files were named one by one (each list of files would make a
/// cache of its own, for a handful of notes).
fn cache_for(paths: &[PathBuf], no_cache: bool, env: &Environment) -> Option<crate::cache::Cache> {
    let folders_only = paths.iter().all(|path| path.is_dir());
    match (&env.cache_base, no_cache) {
        (Some(base), false) if folders_only => Some(crate::cache::Cache::new(base, paths)),
        _ => None,
    }
}

/// The config named with `--config`, or found above the first path; one
/// that does not parse or names an unknown rule is an error.
fn load_config(explicit: Option<&std::path::Path>, paths: &[PathBuf]) -> Result<Config, CliError> {
    let loaded = match explicit {
        Some(path) => Config::load(path),
        None => Config::discover(
            paths
                .first()
                .map_or(std::path::Path::new("."), |p| p.as_path()),
        ),
    };
    let config = loaded?;
    crate::lint::check_config(&config)?;
    Ok(config)
}

/// Resolves a name typed on the command line to one person, or says why not.
/// `minutes lsp`: the protocol is read from stdin and written to `out`
/// (stdout); nothing else is written there.
fn serve_lsp(out: &mut dyn Write) -> Result<i32, CliError> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    crate::lsp::serve(&mut input, out).map_err(|failed| CliError::Tool(failed.0))?;
    Ok(EXIT_OK)
}

/// A calendar of actions says on stderr how many it had to leave out.
fn say_undated(undated: usize, err: &mut dyn Write) -> Result<(), CliError> {
    if undated > 0 {
        let said = if undated == 1 {
            "1 action has no due date and is not in the calendar".to_string()
        } else {
            format!("{undated} actions have no due date and are not in the calendar")
        };
        writeln!(err, "minutes: {said}")?;
    }
    Ok(())
}

fn resolve_person(directory: &Directory, name: &str) -> Result<usize, CliError> {
    match directory.resolve(name, None) {
        Resolution::Found { person, .. } => Ok(person),
        Resolution::Ambiguous { candidates } => Err(CliError::not_found(format!(
            "`{name}` is ambiguous: it could be {}; give the full name",
            directory.describe(&candidates)
        ))),
        Resolution::Unknown => Err(CliError::not_found(match directory.suggest(name) {
            Some(near) => format!("no such person: `{name}`; did you mean `{near}`?"),
            None => format!("no such person: `{name}`"),
        })),
    }
}

/// `--columns`: which columns a table shows.
#[derive(Debug, Clone, Args)]
struct TableArgs {
    /// The columns of the table or Markdown table, in order, comma-separated
    /// (e.g. id,action,due); CSV, JSON and xlsx keep every column [default:
    /// all that fit the terminal]
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    columns: Vec<String>,
}

/// `--columns` and `--bom`: how a list that can be CSV is laid out.
#[derive(Debug, Clone, Args)]
struct ListArgs {
    #[command(flatten)]
    table: TableArgs,
    /// Start CSV with a UTF-8 byte-order mark, so that Excel and LibreOffice
    /// read accents and £ right (--format xlsx is better still)
    #[arg(long)]
    bom: bool,
}

impl Environment {
    /// The environment with the columns `--columns` asked for, once they
    /// are known to be among `columns`.
    fn choosing(mut self, table: &TableArgs, columns: &[output::Column]) -> Result<Self, CliError> {
        output::check_columns(columns, &table.columns).map_err(CliError::Tool)?;
        self.style.columns.clone_from(&table.columns);
        Ok(self)
    }

    /// As [`Environment::choosing`], with `--bom`.
    fn listing(self, list: &ListArgs, columns: &[output::Column]) -> Result<Self, CliError> {
        let mut env = self.choosing(&list.table, columns)?;
        env.style.bom = list.bom;
        Ok(env)
    }
}

/// `--meeting`, `--since`, `--until`: which meetings a query looks at.
#[derive(Debug, Clone, Args)]
struct MeetingArgs {
    /// Only this series (the front matter's `meeting`, ignoring case)
    #[arg(long, value_name = "NAME")]
    meeting: Option<String>,
    /// Only meetings on or after this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    since: Option<NaiveDate>,
    /// Only meetings on or before this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    until: Option<NaiveDate>,
}

impl From<MeetingArgs> for crate::query::MeetingFilter {
    fn from(args: MeetingArgs) -> Self {
        crate::query::MeetingFilter {
            meeting: args.meeting,
            since: args.since,
            until: args.until,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatusArg {
    Open,
    InProgress,
    Done,
    Dropped,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    /// Soonest due first, no due date last
    Due,
    /// By owner
    Owner,
    /// By the meeting that raised it
    Date,
    /// By ID
    Id,
}

#[derive(Debug, Args)]
struct ActionsArgs {
    #[command(flatten)]
    scan: ScanArgs,
    /// Only actions owned by this person (case, title and org are ignored)
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Which actions to list, repeated or comma-separated for several [default: open and in-progress]
    #[arg(long, value_enum, value_delimiter = ',')]
    status: Vec<StatusArg>,
    /// Only actions whose text matches this regular expression (any case)
    #[arg(long, value_name = "REGEX")]
    grep: Option<String>,
    /// The order of the rows [default: date, file and line]
    #[arg(long, value_enum)]
    sort: Option<SortArg>,
    /// At most this many rows (after --sort)
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    #[command(flatten)]
    meetings: MeetingArgs,
    /// Only actions due before this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    due_before: Option<NaiveDate>,
    /// Only actions open or in progress and due before today
    #[arg(long)]
    overdue: bool,
    /// The date taken as today, for overdue marks [default: the system date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ActionsFormat::Table)]
    format: ActionsFormat,
    #[command(flatten)]
    list: ListArgs,
    /// With --format ics: an all-day event on each due date, a to-do for each action, or both
    #[arg(long, value_enum, default_value_t = output::ics::CalendarKind::Both)]
    calendar: output::ics::CalendarKind,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["out", "table"])))]
struct ExportArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Write every table into this folder, one TABLE.jsonl each
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write one table to stdout
    #[arg(long, value_enum, value_name = "NAME")]
    table: Option<crate::query::export::Table>,
    /// Replace the tables' files in --out if they exist
    #[arg(long, requires = "out")]
    force: bool,
    /// The date taken as today, for the actions' overdue column [default: the system date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// One JSON object a line
    Jsonl,
}

#[derive(Debug, Args)]
struct MeetingsArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, default_value_t = ActionsFormat::Table)]
    format: ActionsFormat,
    #[command(flatten)]
    list: ListArgs,
    /// The date taken as today, for the calendar's stamp [default: the system date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
struct HistoryArgs {
    /// The action's ID, e.g. 2026-01-20/3.2
    id: String,
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, Args)]
struct CarryArgs {
    /// The series (the front matter's `meeting`, ignoring case)
    #[arg(long, value_name = "NAME")]
    meeting: String,
    /// The date of the meeting to report to [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, default_value_t = CarryFormat::Markdown)]
    format: CarryFormat,
    #[command(flatten)]
    table: TableArgs,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The series (the front matter's `meeting`, ignoring case)
    #[arg(long, value_name = "NAME")]
    meeting: String,
    /// The date of the new meeting
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: NaiveDate,
    /// Write the note here instead of beside the series' latest note
    #[arg(long, value_name = "FILE", conflicts_with = "stdout")]
    out: Option<PathBuf>,
    /// Print the note instead of writing a file
    #[arg(long)]
    stdout: bool,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    scan: ScanArgs,
}

#[derive(Debug, Args)]
struct PeopleArgs {
    #[command(flatten)]
    scan: ScanArgs,
    /// Show how this spelling resolves, and why
    #[arg(long, value_name = "NAME")]
    explain: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, Args)]
struct AttendanceArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[command(flatten)]
    meetings: MeetingArgs,
    /// Only this person's row (names resolve as for --owner)
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, Args)]
struct DecisionsArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[command(flatten)]
    meetings: MeetingArgs,
    /// Only decisions whose text or item title matches this regular expression (any case)
    #[arg(long, value_name = "REGEX")]
    grep: Option<String>,
    /// Only motions that were carried, or only those that were lost
    #[arg(long, value_enum)]
    outcome: Option<OutcomeArg>,
    /// Only the decisions of exempt (confidential) items
    #[arg(long, conflicts_with = "no_exempt")]
    exempt: bool,
    /// Leave out the decisions of exempt items, as a public list must
    #[arg(long)]
    no_exempt: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutcomeArg {
    Carried,
    Lost,
}

#[derive(Debug, Args)]
struct ManArgs {
    /// The command whose page to print (`actions`, `lint`, …); the main page without one
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    command: Option<String>,
    /// Write every page (`minutes.1`, `minutes-actions.1`, …) to this folder
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace pages already in the --out folder
    #[arg(long, requires = "out")]
    force: bool,
}

#[derive(Debug, Args)]
struct DeclarationsArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[command(flatten)]
    meetings: MeetingArgs,
    /// Only this person's declarations (names resolve as for --owner)
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, Args)]
struct RemindArgs {
    #[command(flatten)]
    scan: ScanArgs,
    /// Actions due within this many days are listed: `14d`, `2w`, `10`
    #[arg(long, value_name = "DAYS", default_value = "14d", value_parser = parse_window)]
    within: u32,
    /// The date taken as today [default: the system date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// Only this person's digest (names resolve as for actions --owner)
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Only the actions of this series
    #[arg(long, value_name = "NAME")]
    meeting: Option<String>,
    #[arg(long, value_enum, default_value_t = output::remind::RemindFormat::Text)]
    format: output::remind::RemindFormat,
    /// Write a file a person into this folder (made if missing)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace files already in --out
    #[arg(long, requires = "out")]
    force: bool,
    /// Email each digest through the SMTP server of minutes.yaml or the environment
    #[arg(long, conflicts_with_all = ["out", "format"])]
    send: bool,
    /// With --send: say who would be sent what, and send nothing
    #[arg(long, requires = "send")]
    dry_run: bool,
}

/// `14d`, `2w` or `10` (days), at most ten years.
fn parse_window(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let (number, days_each) = match text.strip_suffix(['d', 'D']) {
        Some(number) => (number, 1),
        None => match text.strip_suffix(['w', 'W']) {
            Some(number) => (number, 7),
            None => (text, 1),
        },
    };
    number
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(days_each))
        .filter(|&days| days <= 3653)
        .ok_or_else(|| format!("`{text}` is not a number of days such as 14d or 2w"))
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The series (the front matter's `meeting`, ignoring case)
    #[arg(long, value_name = "NAME")]
    meeting: String,
    /// Report as of this date [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, default_value_t = output::report::ReportFormat::Markdown)]
    format: output::report::ReportFormat,
    /// For publication: exempt items only by their heading and reason, their actions left out
    #[arg(long)]
    public: bool,
    /// Write the report to this file (atomically)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the --out file if it exists
    #[arg(long, requires = "out")]
    force: bool,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The documents to import
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The series, instead of the name read from the title
    #[arg(long, value_name = "NAME")]
    meeting: Option<String>,
    /// The meeting date, instead of the date read from the title
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// The folder to write the notes in [default: the current folder]
    #[arg(long, value_name = "DIR", conflicts_with = "stdout")]
    out: Option<PathBuf>,
    /// Print the note instead of writing a file
    #[arg(long)]
    stdout: bool,
    /// Replace a note that exists
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct LintArgs {
    /// Files or folders to check (folders are walked for *.md, honouring .gitignore)
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    format: LintFormat,
    /// Use this config instead of the minutes.yaml found above the first path
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Exit 1 on warnings as well as errors
    #[arg(long)]
    deny_warnings: bool,
    /// Ignore `<!-- minutes-disable … -->` comments in notes
    #[arg(long)]
    no_inline_config: bool,
    /// Check every note afresh, without reading or writing the cache of
    /// findings (kept beside the cache of parsed notes)
    #[arg(long)]
    no_cache: bool,
    /// Make every fix that is certain (docs/rules.md says which rules have
    /// one), writing each note back atomically, then check again
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the fixes --fix would make as a unified diff and change
    /// nothing; exit 1 when there are any
    #[arg(long)]
    diff: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ShowFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The note to show
    file: PathBuf,
    /// Exit 2 when the note has any problem
    #[arg(long)]
    strict: bool,
    #[arg(long, value_enum, default_value_t = ShowFormat::Markdown)]
    format: ShowFormat,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::parse::dates::parse_iso_date(text)
        .ok_or_else(|| format!("`{text}` is not a real date; expected YYYY-MM-DD"))
}

/// What the process is attached to, found once in `run`.
#[derive(Debug, Clone)]
pub struct Environment {
    pub style: Style,
    pub today: NaiveDate,
    /// Where caches of parsed notes are kept; `None`: no cache.
    pub cache_base: Option<PathBuf>,
}

impl Environment {
    pub fn detect() -> Self {
        let terminal = io::stdout().is_terminal();
        let no_color = !colour_allowed(
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        );
        Environment {
            style: Style {
                terminal,
                color: terminal && !no_color,
                width: terminal.then(terminal_width).flatten(),
                columns: Vec::new(),
                bom: false,
            },
            today: chrono::Local::now().date_naive(),
            cache_base: crate::cache::default_base(),
        }
    }
}

/// The terminal's width: `COLUMNS` when set to a number (as `ls` has it, so
/// a user or a script can choose), else what the terminal says.
fn terminal_width() -> Option<u16> {
    let columns = std::env::var("COLUMNS").ok();
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
        // comfy-table asks the terminal through crossterm, which it builds already.
        .or_else(|| comfy_table::Table::new().width())
}

/// Whether the environment lets a terminal have colour: not when `NO_COLOR`
/// is set and not empty (no-color.org), nor on a `TERM=dumb` terminal.
fn colour_allowed(no_color: Option<&std::ffi::OsStr>, term: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

/// Runs `minutes` on the process's own stdout and stderr.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let code = run_with(args, &mut out, &mut err, Environment::detect());
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => EXIT_TOOL_ERROR,
        _ => code,
    }
}

/// Runs `minutes` with the given writers: the library's entry point.
pub fn run_with<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write, env: Environment) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_TOOL_ERROR
            } else {
                EXIT_OK
            };
            let text = if env.style.color {
                error.render().ansi().to_string()
            } else {
                error.render().to_string()
            };
            let target: &mut dyn Write = if error.use_stderr() { err } else { out };
            // Nothing more can be said if even this write fails.
            let _ = target.write_all(text.as_bytes());
            return code;
        }
    };
    let mut env = env;
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => env.style.color = true,
        ColorChoice::Never => env.style.color = false,
    }
    if env.style.terminal && cli.command.writes_workbook_to_stdout() {
        return CliError::Tool(
            "--format xlsx writes a binary workbook: redirect it to a file (> minutes.xlsx)".into(),
        )
        .report(err);
    }
    let result = match cli.command {
        Command::Actions(args) => env
            .listing(&args.list, &output::actions::COLUMNS)
            .and_then(|env| commands::actions(args, out, err, env)),
        Command::Meetings(args) => env
            .listing(&args.list, &output::meetings::COLUMNS)
            .and_then(|env| commands::meetings(args, out, err, env)),
        Command::Show(args) => commands::show(args, out, err, env),
        Command::Lint(args) => commands::lint(args, out, err, env),
        Command::Report(args) => commands::report(args, out, err, env),
        Command::Remind(args) => remind::remind(args, out, err, env),
        Command::Import(args) => commands::import(args, out, err),
        Command::Export(args) => export::export(args, out, err, env),
        Command::Lsp => serve_lsp(out),
        Command::Completions { shell } => {
            // Into a buffer first: clap_complete panics if its writer fails,
            // and a closed pipe must not be a panic.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "minutes", &mut script);
            out.write_all(&script)
                .map(|()| EXIT_OK)
                .map_err(CliError::from)
        }
        Command::Man(args) => man::run(
            args.command.as_deref(),
            args.out.as_deref(),
            args.force,
            env.today,
            out,
            err,
        ),
        Command::Schema => output::json::render(&crate::schema::front_matter_schema(), out)
            .map(|()| EXIT_OK)
            .map_err(CliError::from),
        Command::People(args) => env
            .listing(&args.list, &output::people::COLUMNS)
            .and_then(|env| commands::people(args, out, err, env)),
        Command::Attendance(args) => commands::attendance(args, out, err, env),
        Command::Decisions(args) => env
            .listing(&args.list, &output::decisions::COLUMNS)
            .and_then(|env| commands::decisions(args, out, err, env)),
        Command::Declarations(args) => env
            .listing(&args.list, &output::declarations::COLUMNS)
            .and_then(|env| commands::declarations(args, out, err, env)),
        Command::History(args) => env
            .listing(&args.list, &output::lifecycle::HISTORY_COLUMNS)
            .and_then(|env| commands::history(args, out, err, env)),
        Command::CarryForward(args) => env
            .choosing(&args.table, &output::lifecycle::CARRY_COLUMNS)
            .and_then(|env| commands::carry_forward(args, out, err, env)),
        Command::New(args) => commands::new_note(args, out, err, env),
    };
    match result {
        Ok(code) => code,
        Err(error) => error.report(err),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_colour_when_no_color_is_set_or_the_terminal_is_dumb() {
        use std::ffi::OsStr;
        assert!(super::colour_allowed(
            None,
            Some(OsStr::new("xterm-256color"))
        ));
        assert!(super::colour_allowed(Some(OsStr::new("")), None));
        assert!(!super::colour_allowed(Some(OsStr::new("1")), None));
        assert!(!super::colour_allowed(None, Some(OsStr::new("dumb"))));
    }
}
