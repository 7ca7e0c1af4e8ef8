//! The index of actions: an answer from it is the answer from every note,
//! for every filter; it reads only the notes of the rows it prints; and any
//! change to any file, a damaged index, or runs at the same time never
//! give a stale or wrong answer.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use minutes::cache::Cache;
use minutes::config::Config;
use minutes::folder::Folder;
use minutes::ledger::Ledger;
use minutes::model::{Meeting, Status};
use minutes::output::{ActionsFormat, Style};
use minutes::people::Directory;
use minutes::query::MeetingFilter;
use minutes::query::actions::{ActionFilter, StatusFilter, actions};
use minutes::query::index::ActionIndex;

use crate::common::command;

const MAX: u64 = 16 * 1024 * 1024;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The bundled examples and a broken note, in a folder of their own.
fn notes_in(dir: &Path) -> PathBuf {
    let notes = dir.join("notes");
    for series in ["harbourside", "westmoor"] {
        let to = notes.join(series);
        fs::create_dir_all(&to).expect("notes dir");
        for entry in fs::read_dir(examples().join(series)).expect("examples") {
            let path = entry.expect("entry").path();
            fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    fs::copy(examples().join("minutes.yaml"), notes.join("minutes.yaml")).expect("config");
    fs::write(notes.join("broken.md"), "---\nmeeting: [\n---\n").expect("write");
    notes
}

fn json(rows: &[minutes::query::actions::ActionRow], today: NaiveDate) -> String {
    let mut out = Vec::new();
    minutes::output::actions::write(
        rows,
        ActionsFormat::Json,
        &Style::default(),
        today,
        minutes::output::ics::CalendarKind::Both,
        &mut out,
    )
    .expect("writes");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn the_index_answers_every_filter_as_every_note_does() {
    let temp = tempfile::tempdir().expect("temp dir");
    let notes = notes_in(temp.path());
    let config = Config::discover(&notes).expect("config");
    let files = minutes::discover::discover(std::slice::from_ref(&notes)).files;
    let folder = Folder::load(std::slice::from_ref(&notes), MAX);
    let directory = Directory::build(&config, &folder.meetings);
    let ledger = Ledger::build(&folder.meetings);
    let bytes = ActionIndex::encode(&files, &folder, &directory, &ledger).expect("no conflicts");
    let index = ActionIndex::decode(bytes, &files).expect("reads back");
    assert_eq!(
        index.problems, folder.problems,
        "every file's problems are kept"
    );
    let by_file: FxHashMap<usize, &Meeting> = folder
        .meetings
        .iter()
        .map(|m| (files.iter().position(|f| *f == m.path).expect("walked"), m))
        .collect();

    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let mut owners: Vec<Option<usize>> = vec![None];
    owners.extend((0..directory.people.len()).map(Some));
    let statuses = [
        StatusFilter::Live,
        StatusFilter::All,
        StatusFilter::Only(Status::Done),
        StatusFilter::Only(Status::Dropped),
    ];
    let series = [None, Some("harbourside partnership board".to_string())];
    let mut compared = 0;
    let mut narrowed = 0;
    for owner in &owners {
        for status in statuses {
            for meeting in &series {
                for overdue in [false, true] {
                    let filter = ActionFilter {
                        owner: *owner,
                        status,
                        meetings: MeetingFilter {
                            meeting: meeting.clone(),
                            since: None,
                            until: None,
                        },
                        due_before: None,
                        overdue,
                        today,
                    };
                    let expected = actions(&ledger, &directory, &filter);
                    let selection = index.select(&filter).expect("selects");
                    let restored = selection.ledger(&by_file).expect("restores");
                    let got = actions(&restored, &index.directory, &filter);
                    assert_eq!(json(&got, today), json(&expected, today), "{filter:?}");
                    assert_eq!(selection.len(), expected.len());
                    compared += 1;
                    if selection.files.len() < folder.meetings.len() {
                        narrowed += 1;
                    }
                }
            }
        }
    }
    assert!(compared > 100);
    // The notes read are those of the rows printed, not all of them.
    assert!(narrowed * 2 > compared, "{narrowed} of {compared}");
}

#[test]
fn a_folder_whose_actions_share_an_id_gets_no_index() {
    let temp = tempfile::tempdir().expect("temp dir");
    let note = |date: &str| {
        format!(
            "---\nmeeting: Test Board\ndate: {date}\npresent:\n  - Ann Bee\n---\n\n\
             ## 1. Budget {{#b}}\n\n- [ ] Ann Bee: send the figures {{#send}}\n"
        )
    };
    fs::write(temp.path().join("a.md"), note("2025-01-01")).expect("write");
    fs::write(temp.path().join("b.md"), note("2025-01-01")).expect("write");
    let paths = [temp.path().to_path_buf()];
    let files = minutes::discover::discover(&paths).files;
    let folder = Folder::load(&paths, MAX);
    let directory = Directory::build(&Config::default(), &folder.meetings);
    let ledger = Ledger::build(&folder.meetings);
    assert!(!ledger.conflicts.is_empty());
    assert!(ActionIndex::encode(&files, &folder, &directory, &ledger).is_none());
}

#[test]
fn a_snapshot_changes_with_any_file_and_only_then() {
    let temp = tempfile::tempdir().expect("temp dir");
    let notes = notes_in(temp.path());
    let cache = Cache::new(&temp.path().join("cache"), std::slice::from_ref(&notes));
    let snapshot = || {
        let files = minutes::discover::discover(std::slice::from_ref(&notes)).files;
        cache.snapshot(&files).expect("every file stats")
    };
    let first = snapshot();
    assert_eq!(snapshot(), first);
    let one = notes.join("harbourside/2026-01-20-harbourside-partnership-board.md");
    let text = fs::read(&one).expect("read");
    let mtime = fs::metadata(&one).expect("meta").modified().expect("mtime");
    // The same bytes written again, with the old mtime put back.
    fs::write(&one, &text).expect("write");
    fs::File::options()
        .write(true)
        .open(&one)
        .and_then(|f| f.set_modified(mtime))
        .expect("mtime");
    let rewritten = snapshot();
    assert_ne!(rewritten, first);
    let moved = notes.join("harbourside/moved.md");
    fs::rename(&one, &moved).expect("rename");
    let renamed = snapshot();
    assert_ne!(renamed, rewritten);
    // Renamed back over nothing, then another note renamed over it.
    fs::rename(&moved, &one).expect("rename back");
    let other = notes.join("harbourside/2026-03-17-harbourside-partnership-board.md");
    fs::copy(&other, notes.join("copy.md")).expect("copy");
    let added = snapshot();
    fs::rename(notes.join("copy.md"), &other).expect("rename over");
    assert_ne!(snapshot(), added);
    fs::remove_file(&other).expect("remove");
    assert_ne!(snapshot(), added);
}

#[test]
fn a_value_under_a_snapshot_with_a_recent_change_is_not_kept() {
    let temp = tempfile::tempdir().expect("temp dir");
    let notes = notes_in(temp.path());
    let files = minutes::discover::discover(std::slice::from_ref(&notes)).files;
    let base = temp.path().join("cache");
    // The notes were written a moment ago: racily clean to a 2-second cache.
    let cache = Cache::new(&base, std::slice::from_ref(&notes));
    let snapshot = cache.snapshot(&files).expect("stats");
    cache
        .write_whole("x.bin", 1, snapshot, b"value")
        .expect("no error");
    assert_eq!(cache.read_whole("x.bin", 1, snapshot), None);
    let cache = cache.settle(Duration::ZERO);
    let snapshot = cache.snapshot(&files).expect("stats");
    cache
        .write_whole("x.bin", 1, snapshot, b"value")
        .expect("written");
    assert_eq!(
        cache.read_whole("x.bin", 1, snapshot).as_deref(),
        Some(&b"value"[..])
    );
    assert_eq!(
        cache.read_whole("x.bin", 2, snapshot),
        None,
        "another config"
    );
}

/// A run's exit code, stdout and stderr.
type Answer = (Option<i32>, String, String);

/// `actions` with `args` on `notes`, with the cache under `base`:
/// exit code, stdout and stderr.
fn run(notes: &Path, base: &Path, args: &[&str]) -> Answer {
    let with_command: Vec<&str> = ["actions"].iter().chain(args).copied().collect();
    run_command(notes, base, &with_command)
}

/// `minutes ARGS NOTES` with the cache under `base`: exit code, stdout and
/// stderr.
fn run_command(notes: &Path, base: &Path, args: &[&str]) -> Answer {
    let output = command()
        .args(args)
        .arg(notes)
        .env("MINUTES_CACHE_DIR", base)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The index file of the one cache folder under `base`.
fn index_file(base: &Path) -> PathBuf {
    crate::common::cache_folder(base).join(minutes::query::index::NAME)
}

/// What the command line asks of the index in these tests, each answered
/// as `--no-cache` answers it.
const QUERIES: &[&[&str]] = &[
    &["--owner", "Daniel Mercer"],
    &[
        "--owner",
        "Dr Siddiqui",
        "--status",
        "all",
        "--format",
        "json",
    ],
    &["--owner", "Nobody Known"],
    &[
        "--status",
        "all",
        "--format",
        "csv",
        "--today",
        "2026-06-01",
    ],
    &[
        "--overdue",
        "--today",
        "2026-10-01",
        "--meeting",
        "westmoor county leadership group",
    ],
];

fn assert_answers_as_every_note(notes: &Path, base: &Path, when: &str) {
    assert_each_as_every_note(notes, base, when, QUERIES, run);
}

/// Each of `queries`, run by `run`, answers as with `--no-cache`.
fn assert_each_as_every_note(
    notes: &Path,
    base: &Path,
    when: &str,
    queries: &[&[&str]],
    run: fn(&Path, &Path, &[&str]) -> Answer,
) {
    for args in queries {
        let with_no_cache: Vec<&str> = args.iter().copied().chain(["--no-cache"]).collect();
        assert_eq!(
            run(notes, base, args),
            run(notes, base, &with_no_cache),
            "{when}: {args:?}"
        );
    }
}

/// Notes settled and indexed by a first run: the temporary folder, the
/// notes, the cache, the index file and what it holds.
#[cfg(unix)]
fn indexed_notes() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf, Vec<u8>) {
    let temp = tempfile::tempdir().expect("temp dir");
    let notes = notes_in(temp.path());
    let base = temp.path().join("cache");
    // The binary keeps nothing changed in the two seconds before it runs.
    std::thread::sleep(Duration::from_millis(2100));
    run(&notes, &base, &[]);
    let index = index_file(&base);
    let kept = fs::read(&index).expect("the index was kept");
    (temp, notes, base, index, kept)
}

#[cfg(unix)]
#[test]
fn the_command_line_answers_from_the_index_and_sees_every_change() {
    let (_temp, notes, base, index, kept) = indexed_notes();
    assert_answers_as_every_note(&notes, &base, "unchanged");
    assert_eq!(
        fs::read(&index).expect("index"),
        kept,
        "a hit writes nothing"
    );

    let one = notes.join("harbourside/2026-03-17-harbourside-partnership-board.md");
    let text = fs::read_to_string(&one).expect("read");
    // One action closed, and one raised that no index has seen.
    let closed = text.replacen("- [ ] Daniel Mercer:", "- [x] Daniel Mercer:", 1)
        + "\n- [ ] Daniel Mercer: book the hall for the summit (due 2026-12-01)\n";
    assert!(!closed.starts_with(&text));
    fs::write(&one, &closed).expect("edit");
    let (_, after_edit, _) = run(&notes, &base, &["--owner", "Daniel Mercer"]);
    assert_answers_as_every_note(&notes, &base, "edited");
    let moved = notes.join("harbourside/renamed.md");
    fs::rename(&one, &moved).expect("rename");
    assert_answers_as_every_note(&notes, &base, "renamed");
    fs::remove_file(&moved).expect("remove");
    assert_answers_as_every_note(&notes, &base, "removed");
    let (_, after_removal, _) = run(&notes, &base, &["--owner", "Daniel Mercer"]);
    assert_ne!(after_removal, after_edit);
}

#[cfg(unix)]
#[test]
fn a_damaged_index_is_a_miss_and_is_written_again() {
    let (_temp, notes, base, index, kept) = indexed_notes();
    for at in [kept.len() / 2, kept.len() - 1, 20] {
        let mut damaged = kept.clone();
        if let Some(byte) = damaged.get_mut(at) {
            *byte ^= 0x5a;
        }
        fs::write(&index, &damaged).expect("damage");
        assert_answers_as_every_note(&notes, &base, &format!("byte {at} flipped"));
        assert_eq!(fs::read(&index).expect("index"), kept, "written again");
    }
    fs::write(&index, &kept[..kept.len() / 3]).expect("cut short");
    assert_answers_as_every_note(&notes, &base, "cut short");
}

#[cfg(unix)]
#[test]
fn runs_at_the_same_time_each_answer_rightly_and_leave_a_whole_index() {
    let temp = tempfile::tempdir().expect("temp dir");
    let notes = notes_in(temp.path());
    let base = temp.path().join("cache");
    std::thread::sleep(Duration::from_millis(2100));
    let expected = run(
        &notes,
        &base,
        &["--status", "all", "--format", "json", "--no-cache"],
    );
    let children: Vec<_> = (0..4)
        .map(|_| {
            command()
                .args(["actions", "--status", "all", "--format", "json"])
                .arg(&notes)
                .env("MINUTES_CACHE_DIR", &base)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawns")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("runs");
        assert_eq!(String::from_utf8_lossy(&output.stdout), expected.1);
    }
    assert!(index_file(&base).is_file());
    assert_answers_as_every_note(&notes, &base, "after runs at once");
}

/// What the tests below watch change with an edit.
const CARRY: &[&str] = &[
    "carry-forward",
    "--meeting",
    "Harbourside Partnership Board",
    "--date",
    "2026-11-24",
];

/// Commands besides `actions` that the index answers while nothing changed:
/// `meetings` from what it counted in each note, and those about one series
/// (`attendance` and `decisions` when given `--meeting`) from that series'
/// notes only. Each as `--no-cache` answers it.
const OTHER_QUERIES: &[&[&str]] = &[
    &["meetings"],
    &["meetings", "--format", "json"],
    &["meetings", "--format", "csv"],
    &[
        "carry-forward",
        "--meeting",
        "Harbourside Partnership Board",
        "--date",
        "2026-11-24",
    ],
    &[
        "carry-forward",
        "--meeting",
        "westmoor county leadership group",
        "--date",
        "2026-06-01",
        "--format",
        "json",
    ],
    &[
        "carry-forward",
        "--meeting",
        "Harbourside Partnership Board",
        "--date",
        "2020-01-01",
    ],
    &[
        "carry-forward",
        "--meeting",
        "Harbourside Board",
        "--date",
        "2026-11-24",
    ],
    &[
        "new",
        "--meeting",
        "Harbourside Partnership Board",
        "--date",
        "2026-12-15",
        "--stdout",
    ],
    &[
        "new",
        "--meeting",
        "Westmoor County Leadership Group",
        "--date",
        "2026-12-03",
        "--stdout",
    ],
    &[
        "report",
        "--meeting",
        "Harbourside Partnership Board",
        "--date",
        "2026-11-24",
    ],
    &[
        "report",
        "--meeting",
        "westmoor county leadership group",
        "--format",
        "html",
    ],
    &[
        "attendance",
        "--meeting",
        "Harbourside Partnership Board",
        "--format",
        "csv",
    ],
    &[
        "attendance",
        "--meeting",
        "Harbourside Partnership Board",
        "--person",
        "Dr Siddiqui",
    ],
    &["attendance", "--meeting", "No Such Board"],
    &[
        "decisions",
        "--meeting",
        "Westmoor County Leadership Group",
        "--format",
        "json",
    ],
];

fn assert_others_answer_as_every_note(notes: &Path, base: &Path, when: &str) {
    assert_each_as_every_note(notes, base, when, OTHER_QUERIES, run_command);
}

#[cfg(unix)]
#[test]
fn meetings_and_commands_about_one_series_answer_from_the_index_as_from_every_note() {
    let (_temp, notes, base, index, kept) = indexed_notes();
    assert_others_answer_as_every_note(&notes, &base, "unchanged");
    assert_eq!(
        fs::read(&index).expect("index"),
        kept,
        "a hit writes nothing"
    );
    let (_, carried, _) = run_command(&notes, &base, CARRY);
    assert!(carried.contains("- [ ] "), "{carried}");

    // A miss reads every note, and keeps an index that the next run uses.
    let one = notes.join("harbourside/2026-11-17-harbourside-partnership-board.md");
    let text = fs::read_to_string(&one).expect("read");
    let closed = text.replacen(
        "- [ ] Grace Olatunji: update",
        "- [x] Grace Olatunji: update",
        1,
    );
    assert_ne!(closed, text);
    fs::write(&one, closed).expect("edit");
    std::thread::sleep(Duration::from_millis(2100));
    assert_others_answer_as_every_note(&notes, &base, "edited");
    let (_, after_edit, _) = run_command(&notes, &base, CARRY);
    assert_ne!(
        after_edit, carried,
        "the closed action is no longer carried"
    );
    let rewritten = fs::read(&index).expect("index");
    assert_ne!(
        rewritten, kept,
        "carry-forward kept an index of the edited notes"
    );
    assert_others_answer_as_every_note(&notes, &base, "edited, indexed again");
}
