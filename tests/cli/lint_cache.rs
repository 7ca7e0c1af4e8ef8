//! The cache of lint's findings: a run where nothing changed reads every
//! file's findings back and reports exactly what checking afresh reports;
//! an edit, a new config or a corrupt shard is seen; the rules that look
//! across notes still see every note.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use minutes::cache::{Cache, CacheStats};
use minutes::config::Config;
use minutes::lint::engine::{LintOptions, LintReport, lint};

const RAISED: &str = "---\nmeeting: Test Board\ndate: 2025-01-01\npresent:\n  - Cy Dee\n  - Ann Bee\n---\n\n## 1. Budget\n\n- [ ] Cy Dee: send the figures (due 2030-01-01)\n";

/// Updates the action of `RAISED` by its ID; an unknown one once it is gone.
const UPDATED: &str = "---\nmeeting: Test Board\ndate: 2025-02-01\npresent:\n  - Cy Dee\n  - Ann Bee\n---\n\n## 1. Matters arising\n\n- [x] 2025-01-01/1.1 Cy Dee: sent\n";

/// An action with no owner (`action-no-owner`), and a comment that silences it.
const NO_OWNER: &str = "---\nmeeting: Test Board\ndate: 2025-03-01\npresent:\n  - Cy Dee\n---\n\n## 1. Any other business\n\n- [ ] find a room (due 2030-01-01)\n";

struct Setup {
    _temp: tempfile::TempDir,
    notes: PathBuf,
    base: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let temp = tempfile::tempdir().expect("temp dir");
        let notes = temp.path().join("notes");
        let base = temp.path().join("cache");
        fs::create_dir_all(&notes).expect("notes dir");
        fs::write(notes.join("2025-01-01-test-board.md"), RAISED).expect("write");
        fs::write(notes.join("2025-02-01-test-board.md"), UPDATED).expect("write");
        fs::write(notes.join("2025-03-01-test-board.md"), NO_OWNER).expect("write");
        fs::write(notes.join("broken.md"), "---\nmeeting: [\n---\n").expect("write");
        Setup {
            _temp: temp,
            notes,
            base,
        }
    }

    fn options(&self, config: Config, cached: bool) -> LintOptions {
        LintOptions {
            config,
            inline_config: true,
            cache: cached.then(|| {
                Cache::new(&self.base, std::slice::from_ref(&self.notes)).settle(Duration::ZERO)
            }),
        }
    }

    fn run(&self, cached: bool) -> LintReport {
        self.run_with(Config::default(), cached)
    }

    fn run_with(&self, config: Config, cached: bool) -> LintReport {
        lint(
            std::slice::from_ref(&self.notes),
            &self.options(config, cached),
        )
    }

    fn path(&self, name: &str) -> PathBuf {
        self.notes.join(name)
    }
}

/// Every diagnostic, as every output shows it.
fn view(report: &LintReport) -> String {
    format!("{:#?}\n{}", report.diagnostics, report.files_checked)
}

fn counts(report: &LintReport) -> (usize, usize) {
    let stats: &CacheStats = report.cache.as_ref().expect("the cache was used");
    (stats.hits, stats.misses)
}

fn rules_at(report: &LintReport, file: &Path) -> Vec<&'static str> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.path == file)
        .map(|d| d.rule)
        .collect()
}

#[test]
fn a_warm_run_reads_every_file_back_and_reports_what_a_fresh_one_does() {
    let setup = Setup::new();
    let fresh = setup.run(false);
    assert!(fresh.cache.is_none());
    let cold = setup.run(true);
    assert_eq!(counts(&cold), (0, 4));
    let warm = setup.run(true);
    assert_eq!(counts(&warm), (4, 0));
    assert_eq!(warm.cache.as_ref().map(|c| c.shards_written), Some(0));
    assert_eq!(view(&warm), view(&fresh));
    assert_eq!(view(&cold), view(&fresh));
    let rules: Vec<&str> = warm.diagnostics.iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"action-no-owner"), "{rules:?}");
    assert!(rules.contains(&"front-matter-invalid"), "{rules:?}");
    // The warm run still has each finding's source line, for the snippet.
    let no_owner = warm
        .diagnostics
        .iter()
        .find(|d| d.rule == "action-no-owner")
        .expect("found");
    assert_eq!(no_owner.source_line, "- [ ] find a room (due 2030-01-01)");
}

#[test]
fn an_edit_is_checked_again_and_the_rules_across_notes_see_it() {
    let setup = Setup::new();
    let raised = setup.path("2025-01-01-test-board.md");
    let updated = setup.path("2025-02-01-test-board.md");
    let first = setup.run(true);
    assert!(!rules_at(&first, &updated).contains(&"update-unknown-id"));
    // The action is taken out of the first note: the untouched second note,
    // read back from the cache, now updates an unknown ID.
    fs::write(
        &raised,
        RAISED.replace(
            "- [ ] Cy Dee: send the figures (due 2030-01-01)\n",
            "Nothing to report.\n",
        ),
    )
    .expect("edit");
    let second = setup.run(true);
    assert_eq!(counts(&second), (3, 1));
    assert_eq!(rules_at(&second, &updated), ["update-unknown-id"]);
    let finding = second
        .diagnostics
        .iter()
        .find(|d| d.rule == "update-unknown-id")
        .expect("found");
    assert_eq!((finding.line, finding.column), (11, 7));
    assert_eq!(finding.source_line, "- [x] 2025-01-01/1.1 Cy Dee: sent");
    assert_eq!(view(&second), view(&setup.run(false)));
    // Silenced by a comment added to the third note.
    let silenced = NO_OWNER.replace(
        "- [ ] find",
        "<!-- minutes-disable-next-line action-no-owner -->\n- [ ] find",
    );
    fs::write(setup.path("2025-03-01-test-board.md"), silenced).expect("edit");
    let third = setup.run(true);
    assert!(
        third
            .diagnostics
            .iter()
            .all(|d| d.rule != "action-no-owner")
    );
    assert_eq!(view(&third), view(&setup.run(false)));
}

#[test]
fn a_changed_config_checks_every_file_again() {
    let setup = Setup::new();
    setup.run(true);
    let config_path = setup.notes.join("minutes.yaml");
    fs::write(&config_path, "rules:\n  action-no-owner: off\n").expect("config");
    let config = Config::load(&config_path).expect("loads");
    let quiet = setup.run_with(config, true);
    assert_eq!(counts(&quiet), (0, 4), "another config: nothing read back");
    assert!(
        quiet
            .diagnostics
            .iter()
            .all(|d| d.rule != "action-no-owner")
    );
    fs::write(&config_path, "rules:\n  action-no-owner: error\n").expect("config");
    let config = Config::load(&config_path).expect("loads");
    let loud = setup.run_with(config.clone(), true);
    assert_eq!(counts(&loud), (0, 4));
    assert_eq!(view(&loud), view(&setup.run_with(config, false)));
    // Inline comments honoured or not are two configs too.
    let mut options = setup.options(Config::default(), true);
    options.inline_config = false;
    let report = lint(std::slice::from_ref(&setup.notes), &options);
    assert_eq!(counts(&report), (0, 4));
}

#[test]
fn a_corrupt_shard_is_a_miss_and_the_findings_are_the_same() {
    let setup = Setup::new();
    let fresh = setup.run(false);
    setup.run(true);
    let shards: Vec<PathBuf> = fs::read_dir(&setup.base)
        .expect("cache")
        .flatten()
        .filter(|e| e.path().is_dir())
        .flat_map(|set| fs::read_dir(set.path()).expect("set").flatten())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("lint-"))
        })
        .collect();
    assert!(!shards.is_empty(), "lint keeps shards of its own");
    for shard in &shards {
        let mut bytes = fs::read(shard).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        bytes.truncate(last - 3);
        fs::write(shard, bytes).expect("write");
    }
    let report = setup.run(true);
    assert_eq!(counts(&report), (0, 4));
    assert_eq!(view(&report), view(&fresh));
    assert_eq!(counts(&setup.run(true)), (4, 0), "rewritten");
}

/// A finding across notes shows its line as written, read again from the
/// file: after a byte-order mark, in a file read back from the cache.
#[test]
fn a_finding_across_notes_shows_its_line_after_a_byte_order_mark() {
    let setup = Setup::new();
    let updated = setup.path("2025-02-01-test-board.md");
    fs::write(
        &updated,
        format!(
            "\u{feff}{}",
            UPDATED.replace("2025-01-01/1.1", "2025-01-01/1.9")
        ),
    )
    .expect("edit");
    let fresh = setup.run(false);
    setup.run(true);
    let warm = setup.run(true);
    assert_eq!(counts(&warm), (4, 0));
    assert_eq!(view(&warm), view(&fresh));
    let finding = warm
        .diagnostics
        .iter()
        .find(|d| d.rule == "update-unknown-id")
        .expect("found");
    assert_eq!(finding.source_line, "- [x] 2025-01-01/1.9 Cy Dee: sent");
    assert_eq!(
        (finding.line, finding.column, finding.end_column),
        (11, 7, 21)
    );
}

/// `minutes lint --format FORMAT` on `notes` in-process (colour as asked),
/// through a cache under `base` or none: the exit code, stdout and stderr.
fn lint_command(
    notes: &Path,
    base: Option<&Path>,
    format: &str,
    color: bool,
) -> (i32, String, String) {
    let env = minutes::cli::Environment {
        style: minutes::output::Style {
            terminal: color,
            color,
            ..Default::default()
        },
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
        cache_base: base.map(Path::to_path_buf),
    };
    let args = [
        "minutes",
        "lint",
        "--format",
        format,
        notes.to_str().expect("UTF-8"),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = minutes::cli::run_with(args, &mut out, &mut err, env);
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    (code, text(out), text(err))
}

/// The file under `base` that keeps lint's rendered findings.
fn rendered_file(base: &Path) -> PathBuf {
    crate::common::cache_folder(base).join("lint-rendered.bin")
}

#[test]
fn the_rendered_findings_are_written_again_only_for_their_format_and_colour() {
    let setup = Setup::new();
    let (notes, base) = (&setup.notes, &setup.base);
    // The binary keeps nothing changed in the two seconds before it runs.
    std::thread::sleep(Duration::from_millis(2100));
    let cases = [
        ("human", false),
        ("human", true),
        ("json", false),
        ("github", false),
        ("sarif", false),
        ("human", false),
    ];
    for (format, color) in cases {
        let fresh = lint_command(notes, None, format, color);
        assert_eq!(fresh.0, 1, "{format}: the notes have errors");
        // The first run keeps this format's text, the second writes it again.
        assert_eq!(
            lint_command(notes, Some(base), format, color),
            fresh,
            "{format}"
        );
        let kept = fs::read(rendered_file(base)).expect("the text was kept");
        assert_eq!(
            lint_command(notes, Some(base), format, color),
            fresh,
            "{format}"
        );
        assert_eq!(
            fs::read(rendered_file(base)).expect("kept"),
            kept,
            "a hit writes nothing"
        );
    }
    // Damaged, it is a miss.
    let path = rendered_file(base);
    let mut damaged = fs::read(&path).expect("kept");
    if let Some(last) = damaged.last_mut() {
        *last ^= 0x20;
    }
    fs::write(&path, damaged).expect("write");
    let fresh = lint_command(notes, None, "human", false);
    assert_eq!(lint_command(notes, Some(base), "human", false), fresh);
    // An edit changes the findings, and the text with them.
    fs::write(
        notes.join("2025-03-01-test-board.md"),
        RAISED.replace("Budget", "Roads"),
    )
    .expect("write");
    let edited = lint_command(notes, None, "human", false);
    assert_ne!(edited, fresh);
    assert_eq!(lint_command(notes, Some(base), "human", false), edited);
}
