//! `minutes actions` answered from the index of actions (`query::index`)
//! while no file has changed since it was kept, and the index kept after
//! an answer worked out from every note.

use rustc_hash::FxHashMap;

use super::commands::{action_filter, report_problems};
use super::*;
use crate::cache::{Cache, Snapshot};
use crate::discover::Discovery;
use crate::model::Meeting;
use crate::query::index::{ActionIndex, NAME};

/// Where the index of a folder is kept: its cache, the snapshot of its
/// files, and the config it was worked out under.
pub(super) struct Place<'a> {
    pub cache: &'a Cache,
    pub snapshot: Snapshot,
    pub config: &'a Config,
}

/// Where the index of `discovery`'s files is kept, if there is a cache.
pub(super) fn place<'a>(
    cache: Option<&'a Cache>,
    discovery: &Discovery,
    config: &'a Config,
) -> Option<Place<'a>> {
    let cache = cache?;
    Some(Place {
        cache,
        snapshot: cache.snapshot(&discovery.files)?,
        config,
    })
}

/// What a command that can answer from the index got: that answer, or
/// every note, with where to keep the index once its own answer is out.
pub(super) enum Opened<'c, T> {
    FromIndex(T),
    Whole {
        folder: &'static Folder,
        keep: Option<(Place<'c>, Vec<PathBuf>)>,
    },
}

/// Walks the folder and, while its index holds, asks `from_index` for the
/// answer (`Some`); otherwise reads every note, through the cache.
pub(super) fn open<'c, T>(
    scan: &ScanArgs,
    config: &'c Config,
    env: &Environment,
    err: &mut dyn Write,
    from_index: impl FnOnce(&Place<'c>, &Discovery, &mut dyn Write) -> Result<Option<T>, CliError>,
) -> Result<Opened<'c, T>, CliError> {
    let discovery = scan.discover()?;
    // Leaked, as the folder is (`ScanArgs::load`): the place, kept for
    // after the answer, borrows it.
    let cache: Option<&'c Cache> = scan.cache(env).map(|cache| &*Box::leak(Box::new(cache)));
    let place = place(cache, &discovery, config);
    if let Some(place) = &place {
        if let Some(answer) = from_index(place, &discovery, err)? {
            return Ok(Opened::FromIndex(answer));
        }
    }
    let files = discovery.files.clone();
    let folder = scan.load_discovered(discovery, config, cache, err)?;
    Ok(Opened::Whole {
        folder,
        keep: place.map(|place| (place, files)),
    })
}

/// The index kept for this snapshot, read back; `None` when there is none
/// or it does not hold up.
fn load(place: &Place, discovery: &Discovery) -> Option<&'static ActionIndex> {
    let bytes = place
        .cache
        .read_whole(NAME, place.config.fingerprint(), place.snapshot)?;
    let index = ActionIndex::decode(bytes, &discovery.files).ok()?;
    // Never freed, as `ScanArgs::load` explains.
    Some(Box::leak(Box::new(index)))
}

/// For a command whose answer is one series' (`carry-forward`, `new`): the
/// index, and a folder with every file's problems but the notes of the
/// series called `name` only, which is all its actions depend on. `None`
/// when there is no index, or no such series (the full path says so, with
/// the names there are).
pub(super) fn series_notes(
    place: &Place,
    discovery: &Discovery,
    name: &str,
) -> Option<(&'static ActionIndex, &'static Folder)> {
    let index = load(place, discovery)?;
    let files: Vec<PathBuf> = index
        .series_files(name)
        .iter()
        .filter_map(|at| discovery.files.get(*at).cloned())
        .collect();
    if files.is_empty() {
        return None;
    }
    let mut meetings = Vec::with_capacity(files.len());
    for outcome in place.cache.peek(&files, place.config.max_file_size()) {
        match outcome {
            FileOutcome::Parsed(Parsed::Note {
                meeting: Some(meeting),
                ..
            }) => meetings.push(*meeting),
            _ => return None,
        }
    }
    let folder = assemble(index, discovery, meetings);
    Some((index, Box::leak(Box::new(folder))))
}

/// Writes the answer from the index and returns the exit code; `None`
/// when there is no index for this snapshot (or it does not hold up), and
/// nothing was written.
pub(super) fn actions(
    args: &ActionsArgs,
    place: &Place,
    discovery: &Discovery,
    env: &Environment,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<i32>, CliError> {
    let Place { cache, config, .. } = *place;
    let Some(index) = load(place, discovery) else {
        return Ok(None);
    };
    let filter = match action_filter(args, &index.directory, env) {
        Ok(filter) => filter,
        Err(error) => {
            let folder = assemble(index, discovery, Vec::new());
            let code = error.report(err);
            report_problems(&folder, args.scan.strict, err)?;
            return Ok(Some(code));
        }
    };
    let Ok(selection) = index.select(&filter) else {
        return Ok(None);
    };
    let files: Vec<PathBuf> = selection
        .files
        .iter()
        .filter_map(|at| discovery.files.get(*at).cloned())
        .collect();
    let mut meetings = Vec::with_capacity(files.len());
    for outcome in cache.peek(&files, config.max_file_size()) {
        match outcome {
            FileOutcome::Parsed(Parsed::Note {
                meeting: Some(meeting),
                ..
            }) => meetings.push(*meeting),
            _ => return Ok(None),
        }
    }
    let folder: &'static Folder = Box::leak(Box::new(assemble(index, discovery, meetings)));
    let file_of: FxHashMap<&std::path::Path, usize> = selection
        .files
        .iter()
        .zip(&files)
        .map(|(at, path)| (path.as_path(), *at))
        .collect();
    let by_file: FxHashMap<usize, &Meeting> = folder
        .meetings
        .iter()
        .filter_map(|meeting| Some((*file_of.get(meeting.path.as_path())?, meeting)))
        .collect();
    let Some(ledger) = selection.ledger(&by_file) else {
        return Ok(None);
    };
    let ledger: &'static Ledger = Box::leak(Box::new(ledger));
    let rows = crate::query::actions::actions(ledger, &index.directory, &filter);
    // The query judged the restored entries afresh: a count other than the
    // index's means the two disagree, and the notes are read whole instead.
    if rows.len() != selection.len() {
        return Ok(None);
    }
    super::commands::write_actions(args, rows, filter.today, env, out, err)?;
    report_problems(folder, args.scan.strict, err).map(Some)
}

/// `minutes meetings` from the index, which counts what it lists in each
/// note; `None` when there is no index for this snapshot.
pub(super) fn meetings(
    args: &MeetingsArgs,
    format: output::Format,
    place: &Place,
    discovery: &Discovery,
    env: &Environment,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<i32>, CliError> {
    let Some(index) = load(place, discovery) else {
        return Ok(None);
    };
    let Ok(rows) = index.meeting_rows(&discovery.files) else {
        return Ok(None);
    };
    output::meetings::write(&rows, format, &env.style, out)?;
    let folder = assemble(index, discovery, Vec::new());
    report_problems(&folder, args.scan.strict, err).map(Some)
}

fn assemble(index: &ActionIndex, discovery: &Discovery, meetings: Vec<Meeting>) -> Folder {
    Folder::assemble(
        discovery,
        meetings,
        &index.problems,
        index.files_read,
        index.notes,
    )
}

/// Keeps the index of a folder loaded whole; a failure to write it is
/// said, and changes no answer.
pub(super) fn keep(
    place: &Place,
    files: &[PathBuf],
    folder: &Folder,
    directory: &Directory,
    ledger: &Ledger,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    // A cache that could not be used has been said once already.
    if folder.cache.as_ref().is_some_and(|c| c.warning.is_some()) {
        return Ok(());
    }
    let Some(payload) = ActionIndex::encode(files, folder, directory, ledger) else {
        return Ok(());
    };
    let fingerprint = place.config.fingerprint();
    if let Err(why) = place
        .cache
        .write_whole(NAME, fingerprint, place.snapshot, &payload)
    {
        error::warn(
            err,
            &format!("the index of actions could not be kept ({why}); answers are unaffected"),
        )?;
    }
    Ok(())
}
