//! The cache of parsed notes: a warm load reads every unchanged note back,
//! gives exactly what parsing gives, and sees every edit, touch, deletion
//! and rename.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use minutes::cache::{Cache, CacheStats};
use minutes::folder::Folder;

use crate::common::command;

const MAX: u64 = 16 * 1024 * 1024;

fn note(date: &str, owner: &str) -> String {
    format!(
        "---\nmeeting: Test Board\ndate: {date}\npresent:\n  - {owner} (XYZ)\n  - Ann Bee\n---\n\n\
         ## 1. Budget\n\n- [ ] {owner}: send the figures (due 2030-01-01)\n"
    )
}

struct Setup {
    _temp: tempfile::TempDir,
    notes: PathBuf,
    base: PathBuf,
}

impl Setup {
    fn new(count: usize) -> Setup {
        let temp = tempfile::tempdir().expect("temp dir");
        let notes = temp.path().join("notes");
        let base = temp.path().join("cache");
        fs::create_dir_all(&notes).expect("notes dir");
        for day in 1..=count {
            let date = format!("2025-01-{day:02}");
            fs::write(notes.join(format!("{date}.md")), note(&date, "Cy Dee")).expect("write");
        }
        // A broken note and a file that is not a note are cached too.
        fs::write(notes.join("broken.md"), "---\nmeeting: [\n---\n").expect("write");
        fs::write(notes.join("README.md"), "# Notes\n").expect("write");
        Setup {
            _temp: temp,
            notes,
            base,
        }
    }

    fn cache(&self) -> Cache {
        Cache::new(&self.base, std::slice::from_ref(&self.notes)).settle(Duration::ZERO)
    }

    fn load(&self) -> (Folder, CacheStats) {
        let folder =
            Folder::load_cached(std::slice::from_ref(&self.notes), MAX, Some(&self.cache()));
        let stats = folder.cache.clone().expect("the cache was used");
        (folder, stats)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.notes.join(name)
    }
}

/// Everything a command sees of a folder, to compare loads.
fn view(folder: &Folder) -> String {
    format!(
        "{:#?}\n{:#?}\n{}",
        folder.meetings, folder.problems, folder.notes
    )
}

fn fresh(setup: &Setup) -> String {
    view(&Folder::load(std::slice::from_ref(&setup.notes), MAX))
}

fn stats_of(hits: usize, misses: usize) -> (usize, usize) {
    (hits, misses)
}

fn counts(stats: &CacheStats) -> (usize, usize) {
    (stats.hits, stats.misses)
}

/// Moves a file's modification time, which also changes its status-change time.
fn set_mtime(path: &Path, time: SystemTime) {
    let file = fs::File::options().write(true).open(path).expect("open");
    file.set_modified(time).expect("set mtime");
}

#[test]
fn a_warm_load_reads_every_note_back_and_matches_parsing() {
    let setup = Setup::new(5);
    let (cold, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(0, 7));
    assert!(stats.shards_written > 0);
    let (warm, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(7, 0));
    assert_eq!(stats.shards_written, 0, "nothing changed, nothing written");
    assert_eq!(view(&warm), view(&cold));
    assert_eq!(view(&warm), fresh(&setup));
    assert_eq!(warm.meetings.len(), 5);
    assert_eq!(warm.problems.len(), 1, "the broken note's problem is kept");
}

#[test]
fn an_edited_note_is_parsed_again() {
    let setup = Setup::new(3);
    setup.load();
    fs::write(setup.path("2025-01-02.md"), note("2025-01-02", "Ed Eff")).expect("edit");
    let (folder, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(4, 1));
    assert_eq!(stats.shards_written, 1);
    let owners: Vec<&str> = folder
        .meetings
        .iter()
        .flat_map(|m| m.actions())
        .map(|a| a.owners[0].name.as_str())
        .collect();
    assert_eq!(owners, ["Cy Dee", "Ed Eff", "Cy Dee"]);
    assert_eq!(view(&folder), fresh(&setup));
}

#[test]
fn a_same_size_rewrite_with_its_old_mtime_restored_is_still_seen() {
    let setup = Setup::new(1);
    let path = setup.path("2025-01-01.md");
    let old_mtime = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    setup.load();
    std::thread::sleep(Duration::from_millis(50));
    // Same length: "Cy Dee" becomes "Cy Dex".
    fs::write(&path, note("2025-01-01", "Cy Dex")).expect("rewrite");
    set_mtime(&path, old_mtime);
    let (folder, stats) = setup.load();
    if cfg!(unix) {
        assert_eq!(counts(&stats), stats_of(2, 1));
        assert_eq!(folder.meetings[0].present[0].name, "Cy Dex");
    }
}

#[test]
fn a_touched_note_is_parsed_again_with_the_same_result() {
    let setup = Setup::new(2);
    let (before, _) = setup.load();
    set_mtime(
        &setup.path("2025-01-01.md"),
        SystemTime::now() - Duration::from_secs(3600),
    );
    let (after, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(3, 1));
    assert_eq!(view(&after), view(&before));
}

#[test]
fn a_deleted_note_leaves_the_results_and_the_cache() {
    let setup = Setup::new(3);
    setup.load();
    fs::remove_file(setup.path("2025-01-03.md")).expect("delete");
    let (folder, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(4, 0));
    assert_eq!(stats.shards_written, 1, "its shard is rewritten without it");
    assert_eq!(folder.meetings.len(), 2);
    assert_eq!(view(&folder), fresh(&setup));
    let (_, stats) = setup.load();
    assert_eq!((counts(&stats), stats.shards_written), (stats_of(4, 0), 0));
}

#[test]
fn a_renamed_note_is_found_under_its_new_name() {
    let setup = Setup::new(2);
    setup.load();
    fs::rename(setup.path("2025-01-02.md"), setup.path("renamed.md")).expect("rename");
    let (folder, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(3, 1));
    let paths: Vec<&Path> = folder.meetings.iter().map(|m| m.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            setup.path("2025-01-01.md").as_path(),
            setup.path("renamed.md").as_path()
        ]
    );
    assert_eq!(view(&folder), fresh(&setup));
}

#[test]
fn a_note_renamed_over_another_is_not_mistaken_for_it() {
    let setup = Setup::new(2);
    // Same size and mtime: only the inode tells them apart.
    let first = setup.path("2025-01-01.md");
    let second = setup.path("2025-01-02.md");
    fs::write(&second, note("2025-01-01", "Cy Dex")).expect("write");
    let mtime = fs::metadata(&first)
        .and_then(|m| m.modified())
        .expect("mtime");
    set_mtime(&second, mtime);
    setup.load();
    fs::rename(&second, &first).expect("rename over");
    let (folder, _) = setup.load();
    if cfg!(unix) {
        assert_eq!(folder.meetings[0].present[0].name, "Cy Dex");
    }
    assert_eq!(view(&folder), fresh(&setup));
}

#[test]
fn a_corrupt_cache_is_a_miss_and_is_rewritten() {
    let setup = Setup::new(3);
    let cache = setup.cache();
    setup.load();
    for shard in fs::read_dir(cache.dir()).expect("cache dir") {
        let shard = shard.expect("entry").path();
        let mut bytes = fs::read(&shard).expect("read");
        let half = bytes.len() / 2;
        bytes.truncate(half);
        bytes.extend_from_slice(b"\xff\xff\xff garbage");
        fs::write(&shard, bytes).expect("corrupt");
    }
    let (folder, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(0, 5));
    assert_eq!(view(&folder), fresh(&setup));
    let (_, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(5, 0));
}

#[test]
fn a_note_changed_moments_ago_is_not_cached() {
    let setup = Setup::new(2);
    let cache = Cache::new(&setup.base, std::slice::from_ref(&setup.notes));
    let load = || {
        Folder::load_cached(std::slice::from_ref(&setup.notes), MAX, Some(&cache))
            .cache
            .expect("used")
    };
    // Every file was written just now: inside the two seconds in which a
    // second edit could keep the same times.
    assert_eq!(counts(&load()), stats_of(0, 4));
    assert_eq!(counts(&load()), stats_of(0, 4));
}

#[cfg(unix)]
#[test]
fn the_command_line_uses_the_cache_unless_told_not_to() {
    // Old enough to be cached by the real binary (which waits 2 seconds).
    let notes = settled_notes();
    let temp = tempfile::tempdir().expect("temp dir");
    let base = temp.path().join("cache");
    let run = |extra: &[&str]| {
        let output = command()
            .args(["actions", "--format", "json"])
            .args(extra)
            .arg(notes)
            .env("MINUTES_CACHE_DIR", &base)
            .output()
            .expect("runs");
        (output.status.code(), output.stdout, output.stderr)
    };
    let uncached = run(&["--no-cache"]);
    assert!(!base.exists(), "--no-cache writes no cache");
    let cold = run(&[]);
    let shards = fs::read_dir(&base)
        .expect("a cache was written")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .flat_map(|dir| fs::read_dir(dir.path()).expect("shards"))
        .count();
    assert!(shards > 0);
    assert!(base.join("CACHEDIR.TAG").is_file());
    let warm = run(&[]);
    assert_eq!(uncached.0, Some(0));
    assert_eq!(cold, uncached);
    assert_eq!(warm, uncached);
    // Files named one by one are read directly: no cache folder of their own.
    let folders = || fs::read_dir(&base).expect("cache").count();
    let before = folders();
    let one = notes.join("a.md");
    let output = command()
        .args(["actions", "--format", "json"])
        .arg(&one)
        .env("MINUTES_CACHE_DIR", &base)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(folders(), before);
}

/// `actions --format csv` on `notes` with the cache kept under `base`:
/// stdout and stderr.
#[cfg(unix)]
fn actions_with_cache(notes: &Path, base: &Path) -> (String, String) {
    let output = command()
        .env("MINUTES_CACHE_DIR", base)
        .args(["actions", "--format", "csv"])
        .arg(notes)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0));
    (
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

/// The one cache set under `base`, and its shard files.
#[cfg(unix)]
fn cache_set(base: &Path) -> (PathBuf, Vec<PathBuf>) {
    let children = |dir: &Path| -> Vec<PathBuf> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect()
    };
    let set = children(base).into_iter().find(|p| p.is_dir()).unwrap();
    let shards = children(&set)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .filter(|p| !p.ends_with(minutes::query::index::NAME))
        .collect();
    (set, shards)
}

/// A folder with one note old enough for the cache to keep, shared by the
/// tests that only read it. A note changed in the last two seconds is never
/// cached (racily clean) and its status-change time cannot be set back, so
/// the note is made once and waited for once, not once a test.
#[cfg(unix)]
fn settled_notes() -> &'static Path {
    use std::os::unix::fs::MetadataExt;
    static NOTES: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    NOTES.get_or_init(|| {
        let notes = Path::new(env!("CARGO_TARGET_TMPDIR")).join("settled-notes");
        let path = notes.join("a.md");
        let text = note("2025-01-01", "Cy Day");
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::create_dir_all(&notes).unwrap();
            fs::write(&path, &text).unwrap();
        }
        let meta = fs::metadata(&path).unwrap();
        let changed = meta.ctime() as f64 + meta.ctime_nsec() as f64 / 1e9;
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        let wait = 2.1 - (now - changed);
        if wait > 0.0 {
            std::thread::sleep(Duration::from_secs_f64(wait));
        }
        notes
    })
}

#[cfg(unix)]
#[test]
fn the_cache_is_private_and_ignores_a_folder_others_can_write() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let notes = settled_notes();

    // Created private, both levels.
    let base = temp.path().join("cache");
    let (answer, stderr) = actions_with_cache(notes, &base);
    assert!(answer.contains("Cy Day"));
    assert_eq!(stderr, "");
    assert_eq!(mode(&base), 0o700);
    let sets: Vec<PathBuf> = fs::read_dir(&base)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(sets.len(), 1);
    assert_eq!(mode(&sets[0]), 0o700);
    assert!(
        fs::read_dir(&sets[0]).unwrap().count() > 0,
        "shards were written"
    );

    // A cache folder others may write to: not used, said once, answer unchanged.
    let shared = temp.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let (shared_answer, stderr) = actions_with_cache(notes, &shared);
    assert_eq!(shared_answer, answer);
    assert!(
        stderr.starts_with("minutes: warning: other users may write to the cache folder"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert_eq!(
        fs::read_dir(&shared).unwrap().count(),
        0,
        "nothing written there"
    );

    // A cache folder that is a link: not used either.
    let linked = temp.path().join("linked");
    std::os::unix::fs::symlink(&base, &linked).unwrap();
    let (_, stderr) = actions_with_cache(notes, &linked);
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_cache_are_never_written_through() {
    let temp = tempfile::tempdir().unwrap();
    let notes = settled_notes();
    let base = temp.path().join("cache");
    actions_with_cache(notes, &base);
    let (set, shards) = cache_set(&base);
    let shard = shards.first().unwrap().clone();

    // The victim's file, and links to it where the cache writes.
    let victim = temp.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    fs::remove_file(&shard).unwrap();
    std::os::unix::fs::symlink(&victim, &shard).unwrap();
    // The index of actions too, which the run then cannot read: it reads
    // the notes through the shards, and writes both afresh.
    let index = set.join(minutes::query::index::NAME);
    fs::remove_file(&index).unwrap();
    std::os::unix::fs::symlink(&victim, &index).unwrap();
    fs::remove_file(base.join("CACHEDIR.TAG")).unwrap();
    let dangling = temp.path().join("made-through-a-link");
    std::os::unix::fs::symlink(&dangling, base.join("CACHEDIR.TAG")).unwrap();
    // A temporary file a killed run left two hours ago, and one of now.
    let leftover = set.join(".minutes-killed.tmp");
    fs::write(&leftover, "half").unwrap();
    set_mtime(&leftover, SystemTime::now() - Duration::from_secs(7200));
    let fresh = set.join(".minutes-running.tmp");
    fs::write(&fresh, "being written").unwrap();

    let (answer, _) = actions_with_cache(notes, &base);
    assert!(answer.contains("Cy Day"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        !fs::symlink_metadata(&shard)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    assert!(!fs::symlink_metadata(&index).unwrap().is_symlink());
    assert!(
        !dangling.exists(),
        "nothing was written through the tag's link"
    );
    assert!(
        !leftover.exists(),
        "a killed run's temporary file is cleaned"
    );
    assert!(fresh.exists(), "a running one's is not");
}

/// A shard another user wrote is not believed (root can make one to test).
#[cfg(unix)]
#[test]
fn a_shard_of_another_user_is_not_read() {
    let temp = tempfile::tempdir().unwrap();
    let notes = settled_notes();
    let base = temp.path().join("cache");
    actions_with_cache(notes, &base);
    let (_, shards) = cache_set(&base);
    // Forge: the owner's name in every shard becomes another's, same length.
    for shard in &shards {
        let bytes = fs::read(shard).unwrap();
        let forged = String::from_utf8_lossy(&bytes)
            .replace("Cy Day", "Ev Ilo")
            .into_bytes();
        if forged.len() == bytes.len() {
            fs::write(shard, forged).unwrap();
        }
        if std::os::unix::fs::chown(shard, Some(4242), None).is_err() {
            eprintln!("skipped: not allowed to give a file to another user");
            return;
        }
    }
    // The index of actions is another user's too.
    let (set, _) = cache_set(&base);
    let index = set.join(minutes::query::index::NAME);
    std::os::unix::fs::chown(&index, Some(4242), None).unwrap();
    let (answer, _) = actions_with_cache(notes, &base);
    assert!(answer.contains("Cy Day"), "{answer}");
    assert!(!answer.contains("Ev Ilo"), "{answer}");
}

/// Where the cache goes when `MINUTES_CACHE_DIR` does not say: the XDG
/// cache folder, else `~/.cache`; an empty `MINUTES_CACHE_DIR` means none.
#[cfg(target_os = "linux")]
#[test]
fn the_cache_folder_follows_the_environment() {
    let setup = Setup::new(1);
    let run = |env: &[(&str, &Path)], remove: &[&str]| {
        let mut cmd = command();
        cmd.args(["actions", "--format", "json"])
            .arg(&setup.notes)
            .env_remove("MINUTES_CACHE_DIR");
        for name in remove {
            cmd.env_remove(name);
        }
        cmd.envs(env.iter().copied());
        let output = cmd.output().expect("the binary runs");
        assert!(output.status.success(), "{output:?}");
    };
    let temp = tempfile::tempdir().expect("temp dir");
    let xdg = temp.path().join("xdg");
    let home = temp.path().join("home");
    fs::create_dir_all(&xdg).expect("xdg");
    fs::create_dir_all(&home).expect("home");

    run(&[("XDG_CACHE_HOME", &xdg), ("HOME", &home)], &[]);
    assert!(xdg.join("minutes").is_dir());
    assert!(!home.join(".cache").exists());

    run(&[("HOME", &home)], &["XDG_CACHE_HOME"]);
    assert!(home.join(".cache/minutes").is_dir());

    let empty = temp.path().join("empty-home");
    fs::create_dir_all(&empty).expect("home");
    let mut cmd = command();
    cmd.args(["actions", "--format", "json"])
        .arg(&setup.notes)
        .env("MINUTES_CACHE_DIR", "")
        .env("HOME", &empty)
        .env_remove("XDG_CACHE_HOME");
    assert!(cmd.output().expect("runs").status.success());
    assert_eq!(fs::read_dir(&empty).expect("read").count(), 0);
}

/// Runs at once (a hook and an editor, two terminals) each give the right
/// answer, and leave whole shards: the last one renamed into place wins.
#[test]
fn runs_at_the_same_time_each_answer_rightly_and_leave_a_whole_cache() {
    let setup = Setup::new(30);
    let expected = fresh(&setup);
    let lint_options = || minutes::lint::engine::LintOptions {
        config: minutes::config::Config::default(),
        inline_config: true,
        cache: Some(setup.cache()),
    };
    let linted_fresh = format!(
        "{:?}",
        minutes::lint::engine::lint(
            std::slice::from_ref(&setup.notes),
            &minutes::lint::engine::LintOptions {
                cache: None,
                ..lint_options()
            }
        )
        .diagnostics
    );
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    let (folder, _) = setup.load();
                    let report = minutes::lint::engine::lint(
                        std::slice::from_ref(&setup.notes),
                        &lint_options(),
                    );
                    (view(&folder), format!("{:?}", report.diagnostics))
                })
            })
            .collect();
        for run in runs {
            let (answer, linted) = run.join().expect("no panic");
            assert_eq!(answer, expected);
            assert_eq!(linted, linted_fresh);
        }
    });
    let (folder, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(32, 0), "every note read back");
    assert_eq!(view(&folder), expected);
    let report = minutes::lint::engine::lint(std::slice::from_ref(&setup.notes), &lint_options());
    let stats = report.cache.expect("used");
    assert_eq!((stats.hits, stats.misses), (32, 0));
}

/// A run killed while writing a shard leaves at most its temporary file
/// (shards are renamed into place whole): it is never read, and one old
/// enough to be no running writer's is removed by the next run.
#[test]
fn a_killed_runs_temporary_files_are_never_read_and_are_removed() {
    let setup = Setup::new(5);
    let expected = fresh(&setup);
    setup.load();
    let dir = setup.cache().dir().to_path_buf();
    let old = dir.join(".minutes-killed.tmp");
    let recent = dir.join(".minutes-writing.tmp");
    for path in [&old, &recent] {
        fs::write(path, b"minutes\0half a shard").expect("plant");
    }
    set_mtime(&old, SystemTime::now() - Duration::from_secs(2 * 3600));
    let (folder, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(7, 0));
    assert_eq!(view(&folder), expected);
    assert!(!old.exists(), "a killed run's file is removed");
    assert!(recent.exists(), "a file another run may be writing is left");
}

/// The binary killed part way through a first run over a folder leaves a
/// cache that the next run reads right.
#[cfg(unix)]
#[test]
fn the_binary_killed_part_way_leaves_a_cache_that_answers_rightly() {
    let temp = tempfile::tempdir().expect("temp dir");
    let notes = temp.path().join("notes");
    fs::create_dir_all(&notes).expect("notes");
    for at in 0..400 {
        let date = format!("2025-{:02}-{:02}", at % 12 + 1, at % 28 + 1);
        let name = format!("{date}-board-{at}.md");
        fs::write(
            notes.join(name),
            note(&date, "Cy Dee").replace("Test Board", &format!("Board {at}")),
        )
        .expect("write");
    }
    // The binary caches only notes that changed two seconds before it ran.
    std::thread::sleep(Duration::from_millis(2100));
    let base = temp.path().join("cache");
    let run = |args: &[&str]| {
        command()
            .args(args)
            .arg(&notes)
            .env("MINUTES_CACHE_DIR", &base)
            .output()
            .expect("runs")
    };
    let expected_actions = run(&["actions", "--format", "json", "--no-cache"]);
    let expected_lint = run(&["lint", "--format", "json", "--no-cache"]);
    for delay in [5, 20, 60] {
        for args in [
            ["actions", "--format", "json"],
            ["lint", "--format", "json"],
        ] {
            let mut child = command()
                .args(args)
                .arg(&notes)
                .env("MINUTES_CACHE_DIR", &base)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawns");
            std::thread::sleep(Duration::from_millis(delay));
            let _ = child.kill();
            let _ = child.wait();
        }
        let actions = run(&["actions", "--format", "json"]);
        assert_eq!(
            actions.stdout, expected_actions.stdout,
            "after a kill at {delay} ms"
        );
        let lint = run(&["lint", "--format", "json"]);
        assert_eq!(
            lint.stdout, expected_lint.stdout,
            "after a kill at {delay} ms"
        );
    }
}

/// Each file's meeting date (or none) as `load_notes_in` hands it over,
/// shard group by shard group, with what the cache did.
fn dates_in_parts(setup: &Setup, files: &[PathBuf]) -> (Vec<Option<String>>, CacheStats) {
    use minutes::parse::Parsed;
    use minutes::read::FileOutcome;
    let mut dates = vec![None; files.len()];
    let mut total = CacheStats::default();
    for first in (0..minutes::cache::SHARDS).step_by(5) {
        let shards = first..(first + 5).min(minutes::cache::SHARDS);
        let (read, stats) =
            setup
                .cache()
                .load_notes_in(files, MAX, shards, |outcome| match outcome {
                    FileOutcome::Parsed(Parsed::Note {
                        meeting: Some(meeting),
                        ..
                    }) => Some(meeting.date.to_string()),
                    _ => None,
                });
        for (at, date) in read {
            dates[at] = date;
        }
        total.hits += stats.hits;
        total.misses += stats.misses;
        total.shards_written += stats.shards_written;
    }
    (dates, total)
}

#[test]
fn a_pass_a_few_shards_at_a_time_reads_and_keeps_what_a_whole_load_does() {
    let setup = Setup::new(12);
    let files = minutes::discover::discover(std::slice::from_ref(&setup.notes)).files;
    // Cold: every note parsed, and kept for the next whole load.
    let (dates, stats) = dates_in_parts(&setup, &files);
    assert_eq!(counts(&stats), stats_of(0, 14));
    assert_eq!(dates.iter().flatten().count(), 12);
    let (whole, stats) = setup.load();
    assert_eq!(counts(&stats), stats_of(14, 0), "the parts kept every note");
    assert_eq!(stats.shards_written, 0);
    assert_eq!(view(&whole), fresh(&setup));
    // Warm: read back, nothing written, the same answers.
    let (again, stats) = dates_in_parts(&setup, &files);
    assert_eq!((counts(&stats), stats.shards_written), (stats_of(14, 0), 0));
    assert_eq!(again, dates);
    // An edit is parsed again in its part, and only its shard is written.
    fs::write(setup.path("2025-01-03.md"), note("2025-02-03", "Cy Dee")).expect("edit");
    let (edited, stats) = dates_in_parts(&setup, &files);
    assert_eq!((counts(&stats), stats.shards_written), (stats_of(13, 1), 1));
    assert!(edited.contains(&Some("2025-02-03".to_string())));
    assert_eq!(counts(&setup.load().1), stats_of(14, 0));
}
