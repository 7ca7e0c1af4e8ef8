//! Broken and hostile input: each case sits beside a good note, and must
//! give its exact message while the good note still gives its full result.
//! No case may make the binary panic (exit 101) or die of a signal.

use std::process::Output;

use serde_json::Value;

use crate::common::command;

const GOOD: &str =
    "---\nmeeting: Good Board\ndate: 2025-01-01\n---\n## 1. A\n\n- [ ] Ann Lee: the good action\n";
const HEAD: &str = "---\nmeeting: Bad Board\ndate: 2025-01-02\n---\n";

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.md"), GOOD).unwrap();
        Case { dir }
    }

    fn with(self, name: &str, bytes: impl AsRef<[u8]>) -> Self {
        std::fs::write(self.dir.path().join(name), bytes).unwrap();
        self
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = command()
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(code.is_some(), "killed by a signal: {args:?}");
        assert_ne!(
            code,
            Some(101),
            "panicked: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// `actions` on the folder: the texts of all actions, and stderr's lines.
    fn actions(&self) -> (Vec<String>, Vec<String>) {
        let output = self.run(&["actions", "--status", "all", "--format", "json", "."]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON, whatever the input");
        let texts = doc["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["text"].as_str().unwrap().to_string())
            .collect();
        let stderr = String::from_utf8_lossy(&output.stderr)
            .lines()
            .map(str::to_string)
            .collect();
        // lint must survive it too, whatever it finds.
        self.run(&["lint", "."]);
        (texts, stderr)
    }

    /// The good action is there, and stderr is exactly `expected`.
    fn expect(&self, expected: &[&str]) -> Vec<String> {
        let (texts, stderr) = self.actions();
        assert!(texts.contains(&"the good action".to_string()), "{texts:?}");
        assert_eq!(stderr, expected);
        texts
    }
}

#[test]
fn invalid_utf8_names_the_file_byte_offset_and_line() {
    Case::new()
        .with("latin1.md", b"---\nmeeting: Caf\xe9 Board\ndate: 2025-01-02\n---\n")
        .expect(&["./latin1.md:2: error: not UTF-8 text: invalid byte at offset 16; the file is skipped (save the file as UTF-8)"]);
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let texts = Case::new()
        .with(
            "bom.md",
            format!("\u{feff}{HEAD}- [ ] Bo Wu: after a BOM\n"),
        )
        .expect(&[]);
    assert!(texts.contains(&"after a BOM".to_string()));
}

#[test]
fn crlf_and_mixed_line_endings() {
    let text = "---\r\nmeeting: Bad Board\ndate: 2025-01-02\r\n---\n## 1. A\r\n\r\n- [ ] Bo Wu: crlf\r\n- [x] Bo Wu: lf\n";
    let case = Case::new().with("mixed.md", text);
    let texts = case.expect(&[]);
    assert!(texts.contains(&"crlf".to_string()) && texts.contains(&"lf".to_string()));
    let shown: Value =
        serde_json::from_slice(&case.run(&["show", "--format", "json", "mixed.md"]).stdout)
            .unwrap();
    assert_eq!(shown["items"][0]["actions"][1]["line"], 8);
}

#[test]
fn an_empty_file_is_not_a_note() {
    Case::new().with("empty.md", "").expect(&[]);
}

#[test]
fn front_matter_that_never_closes() {
    Case::new().with("open.md", "---\nmeeting: Bad Board\ndate: 2025-01-02\n\n- [ ] Bo Wu: lost\n").expect(&[
        "./open.md:1: error: front matter starts with `---` but no line `---` closes it (end the front matter with a line that is exactly `---`)",
    ]);
}

#[test]
fn yaml_that_is_a_scalar_or_a_list() {
    Case::new()
        .with("scalar.md", "---\njust some text\n---\n")
        .with("list.md", "---\n- meeting\n- date\n---\n")
        .expect(&[
            "./list.md:2: error: front matter is a list, not a mapping of keys (write `key: value` lines, starting with `meeting:` and `date:`)",
            "./scalar.md:2: error: front matter is a single piece of text, not a mapping of keys (write `key: value` lines, starting with `meeting:` and `date:`)",
        ]);
}

#[test]
fn a_yaml_alias_bomb_fails_fast() {
    let mut bomb = String::from(
        "---\nmeeting: Bad\ndate: 2025-01-03\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(", ");
        bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    bomb.push_str("---\n");
    Case::new()
        .with("bomb.md", bomb)
        .expect(&["./bomb.md:2: error: front matter is not valid YAML: repetition limit exceeded"]);
}

#[test]
fn yaml_nested_ten_thousand_deep() {
    let deep = format!(
        "---\nmeeting: Bad\ndate: 2025-01-04\nx: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let case = Case::new().with("deep.md", deep);
    let (_, stderr) = case.actions();
    assert_eq!(stderr.len(), 1);
    assert!(stderr[0].starts_with("./deep.md:4:"), "{stderr:?}");
    assert!(
        stderr[0].contains("error: front matter nests `[` or `{` more than 128 deep"),
        "{stderr:?}"
    );
}

#[test]
fn markdown_nested_ten_thousand_deep() {
    let texts = Case::new()
        .with(
            "lists.md",
            format!("{HEAD}{}[ ] Bo Wu: deep in lists\n", "- ".repeat(10_000)),
        )
        .with(
            "quotes.md",
            // Another date: two notes of one series and date would share IDs.
            format!(
                "{}{}- [ ] Bo Wu: deep in quotes\n",
                HEAD.replace("2025-01-02", "2025-01-03"),
                "> ".repeat(10_000)
            ),
        )
        .with(
            "indented.md",
            (0..3_000).fold(HEAD.to_string(), |mut text, depth| {
                text.push_str(&"  ".repeat(depth));
                text.push_str("- x\n");
                text
            }),
        )
        .expect(&[]);
    assert!(texts.contains(&"deep in lists".to_string()));
    assert!(texts.contains(&"deep in quotes".to_string()));
}

#[test]
fn pathological_brackets_stars_and_a_one_megabyte_line() {
    let texts = Case::new()
        .with(
            "brackets.md",
            format!(
                "{HEAD}{}\n\n{}\n\n- [ ] Bo Wu: after brackets\n",
                "[".repeat(50_000),
                "*".repeat(50_000)
            ),
        )
        .with(
            "long.md",
            format!(
                "{}{}\n\n- [ ] Bo Wu: after a long line\n",
                HEAD.replace("2025-01-02", "2025-01-03"),
                "word ".repeat(200_000)
            ),
        )
        .expect(&[]);
    assert!(texts.contains(&"after brackets".to_string()));
    assert!(texts.contains(&"after a long line".to_string()));
}

#[test]
fn a_note_over_the_size_limit_is_refused_unless_allowed() {
    let big = format!(
        "{HEAD}{}- [ ] Bo Wu: at the end of a big note\n",
        "Some prose to fill the note.\n".repeat(40_000)
    );
    assert!(big.len() > 1024 * 1024);
    let case = Case::new()
        .with("big.md", &big)
        .with("minutes.yaml", "max_file_size: 1 MiB\n");
    let (texts, stderr) = case.actions();
    assert!(!texts.contains(&"at the end of a big note".to_string()));
    assert_eq!(
        stderr,
        [format!(
            "./big.md: error: the file is {} bytes, more than the 1 MiB a note may be; it is skipped (raise `max_file_size` in minutes.yaml to read it)",
            big.len()
        )]
    );
    let case = case.with("minutes.yaml", "max_file_size: 2MiB\n");
    let (texts, _) = case.actions();
    assert!(texts.contains(&"at the end of a big note".to_string()));
    let case = case.with("minutes.yaml", "max_file_size: lots\n");
    let output = case.run(&["actions", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`lots` is not a size"));
}

#[test]
fn a_fifty_megabyte_note_is_refused_by_the_default_limit_without_reading_it() {
    let case = Case::new();
    let file = std::fs::File::create(case.dir.path().join("huge.md")).unwrap();
    // Sparse: 50 MB on paper, nothing on disk.
    file.set_len(50 * 1024 * 1024).unwrap();
    case.expect(&["./huge.md: error: the file is 52428800 bytes, more than the 16 MiB a note may be; it is skipped (raise `max_file_size` in minutes.yaml to read it)"]);
}

#[test]
fn a_binary_file_named_md() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    Case::new().with("picture.md", png).expect(&[
        "./picture.md:1: error: not UTF-8 text: invalid byte at offset 0; the file is skipped (save the file as UTF-8)",
    ]);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_and_a_broken_link() {
    let case = Case::new();
    std::os::unix::fs::symlink(".", case.dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("gone.md", case.dir.path().join("broken.md")).unwrap();
    let (_, stderr) = case.actions();
    assert_eq!(stderr.len(), 2, "{stderr:?}");
    assert_eq!(
        stderr[0],
        "./broken.md: error: cannot read: it does not exist (a broken symbolic link?)"
    );
    assert!(
        stderr[1].starts_with("./loop: error: a symbolic link loop: it leads back to"),
        "{stderr:?}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::new().with("secret.md", GOOD.replace("good action", "secret action"));
    let path = case.dir.path().join("secret.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so there is no unreadable file to test.
        eprintln!("skipped: permissions do not apply to this user");
        return;
    }
    case.expect(&["./secret.md: error: cannot read: Permission denied (os error 13)"]);
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let case = Case::new();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        case.dir.path().join(name),
        format!("{HEAD}- [ ] Bo Wu: from a Latin-1 file name\n"),
    )
    .unwrap();
    let output = case.run(&["actions", "--format", "json", "."]);
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON despite the file name");
    let files: Vec<&str> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"./caf\u{fffd}.md"), "{files:?}");
    let sarif = case.run(&["lint", "--format", "sarif", "."]);
    serde_json::from_slice::<Value>(&sarif.stdout).expect("SARIF despite the file name");
}

/// Found by fuzzing: YAML counts a lone CR as a line break, so its error
/// line lay past the end of the file.
#[test]
fn a_yaml_error_after_lone_carriage_returns_stays_inside_the_file() {
    let case = Case::new().with("cr.md", "---\nmeeting: X\r\r\r\r\r\rdate: [2025\n---\n");
    let (_, stderr) = case.actions();
    assert_eq!(stderr.len(), 1);
    assert_eq!(
        stderr[0],
        "./cr.md:3: error: front matter is not valid YAML: did not find expected ',' or ']', while parsing a flow sequence"
    );
}

/// Runs `minutes` in `dir` and fails the test if it takes longer than
/// `seconds` (rather than hanging the suite): for inputs that once hung.
fn run_within(dir: &std::path::Path, args: &[&str], seconds: u64) -> Output {
    // Output goes to files, not pipes: a pipe nobody reads while waiting
    // fills up and stops the child, which would look like a hang.
    let streams = tempfile::tempdir().unwrap();
    let stdout_path = streams.path().join("stdout");
    let stderr_path = streams.path().join("stderr");
    let mut child = command()
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!(
                "`minutes {}` still running after {seconds} s",
                args.join(" ")
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Output {
        status,
        stdout: std::fs::read(&stdout_path).unwrap(),
        stderr: std::fs::read(&stderr_path).unwrap(),
    }
}

#[test]
fn a_megabyte_of_nested_brackets_in_front_matter_is_refused_at_once() {
    for open in ["[", "{", "[{"] {
        let case = Case::new().with(
            "deep.md",
            format!(
                "---\nmeeting: Bad Board\ndate: 2025-01-02\nx: {}\n---\n",
                open.repeat(1_000_000 / open.len())
            ),
        );
        for args in [
            &["actions", "--format", "json", "."][..],
            &["export", "--table", "actions", "."],
        ] {
            let output = run_within(case.dir.path(), args, 10);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains(
                    "./deep.md:4: error: front matter nests `[` or `{` more than 128 deep"
                ),
                "{args:?}: {stderr}"
            );
            assert!(String::from_utf8_lossy(&output.stdout).contains("the good action"));
        }
    }
    // Deep but within the parser's limit: parsed as before.
    let (_, stderr) = Case::new()
        .with(
            "nested.md",
            format!(
                "{}x: {}1{}\n---\n",
                &HEAD[..HEAD.len() - 4],
                "[".repeat(100),
                "]".repeat(100)
            ),
        )
        .actions();
    assert_eq!(stderr, Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not here");
        return;
    }
    std::fs::write(dir.path().join("good.md"), GOOD).unwrap();
    let not_a_file = "not a regular file (a pipe, a device or a socket)";
    for args in [
        &["show", "pipe.md"][..],
        &["show", "/dev/zero"],
        &["import", "/dev/zero", "--stdout"],
        &["import", "pipe.md", "--stdout"],
        &["actions", "--config", "pipe.md", "."],
        &["actions", "--config", "/dev/zero", "."],
        &["lint", "pipe.md"],
        &["actions", "pipe.md"],
    ] {
        let output = run_within(dir.path(), args, 10);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(not_a_file), "{args:?}: {stderr}");
    }
    // In a folder, a FIFO named like a note is passed over; the note is read,
    // by the queries and by both passes of export, with the cache or not.
    for args in [
        &["actions", "--format", "csv", "."][..],
        &["export", "--table", "actions", "."],
        &["export", "--table", "actions", "--no-cache", "."],
    ] {
        let output = run_within(dir.path(), args, 10);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("the good action"));
    }
}

#[path = "../../bench/pathological_cases.rs"]
mod pathological_cases;

/// The inputs that were once quadratic are answered, each at the size a
/// debug build takes a second or so for; how the time grows with the size
/// is measured by bench/pathological.rs, not here.
#[test]
fn pathological_inputs_are_answered() {
    for (what, make, args, n) in pathological_cases::CASES {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("n.md"), make(n)).unwrap();
        // The deadline only catches a hang.
        let output = run_within(dir.path(), args, 60);
        let code = output.status.code();
        // A page nested past the limit is refused, naming the file and why.
        if args.first() == Some(&"import") {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(code, Some(2), "{what}");
            assert!(
                stderr.contains("n.md: its HTML nests elements more than 1000 deep"),
                "{stderr}"
            );
            continue;
        }
        assert!(matches!(code, Some(0 | 1)), "{what}: exit {code:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.is_empty(), "{what}: no answer");
    }
}

/// Text from a note reaches terminals, CI logs and spreadsheets: escape
/// sequences, bells, line breaks that would start a GitHub Actions command,
/// and formulas must arrive as text.
#[test]
fn output_cannot_be_turned_against_its_reader() {
    let note = "---\nmeeting: \"Evil\\u001b]0;pwned\\u0007 <script>alert(1)</script> ![](http://t/p.gif) [x](javascript:alert(1)) Board\"\ndate: 2025-01-02\nstatus: \"final\\n::error file=x.md::forged\"\npresent:\n  - Ann Lee\n---\n## 1. A\n- [ ] Ann Lee: clear \u{1b}[2J the screen\n- [ ] Ann Lee: =HYPERLINK(\"http://evil\",\"click\")\n- [ ] Ann Lee: <script>alert(1)</script> ![](http://tracker/p.gif) [x](javascript:alert(1))\n";
    let case = Case::new().with("evil.md", note);
    let clean = |what: &str, bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(['\u{1b}', '\u{7}']),
            "{what} let a control character through:\n{text:?}"
        );
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "{what} wrote a workflow command: {line:?}"
            );
        }
    };
    for args in [
        &["actions", "."][..],
        &["meetings", "."],
        &["lint", "."],
        &["people", "."],
        &["people", "--explain", "Ann Lee", "."],
        &["actions", "--format", "markdown", "."],
    ] {
        let output = case.run(args);
        clean(&format!("{args:?} stdout"), &output.stdout);
        clean(&format!("{args:?} stderr"), &output.stderr);
    }
    // `show` piped is the note itself, byte for byte (it must parse back the
    // same), as CSV is data; only its messages are escaped.
    let shown = case.run(&["show", "evil.md"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("clear \u{1b}[2J the screen"));
    clean("show stderr", &shown.stderr);
    let stderr = String::from_utf8_lossy(&case.run(&["actions", "."]).stderr).to_string();
    assert!(
        stderr.contains("final\\n::error file=x.md::forged"),
        "{stderr}"
    );

    // GitHub annotations: one command a line, the rest escaped as data.
    let github = case.run(&["lint", "--format", "github", "."]);
    let text = String::from_utf8_lossy(&github.stdout);
    assert!(!text.contains('\u{1b}'));
    assert!(text.lines().all(|l| l.starts_with("::")), "{text}");
    assert!(text.contains("final%0A::error file=x.md::forged"), "{text}");

    // Markdown: raw HTML, links and images are text.
    for args in [
        &["actions", "--format", "markdown", "."][..],
        &[
            "report",
            "--meeting",
            "Evil\u{1b}]0;pwned\u{7} <script>alert(1)</script> ![](http://t/p.gif) [x](javascript:alert(1)) Board",
            "--format",
            "markdown",
            ".",
        ],
    ] {
        let markdown = String::from_utf8_lossy(&case.run(args).stdout).to_string();
        assert!(markdown.contains("\\<script\\>"), "{args:?}: {markdown}");
        use pulldown_cmark::{Event, Options, Parser, Tag};
        for event in Parser::new_ext(&markdown, Options::ENABLE_TABLES) {
            let active = matches!(
                event,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::Link { .. } | Tag::Image { .. })
            );
            assert!(!active, "{args:?}: {event:?} in\n{markdown}");
        }
    }

    // The importer's report quotes the document it read.
    std::fs::write(
        case.dir.path().join("old.txt"),
        "Minutes of the Evil\u{1b}]0;x\u{7} Board, 12 March 2025\n\nPresent: Ann Lee, Bo Wu\n\n1. Welcome\n",
    )
    .unwrap();
    let imported = case.run(&["import", "old.txt", "--stdout"]);
    clean("import's report", &imported.stderr);

    // CSV: a formula is text.
    let csv =
        String::from_utf8_lossy(&case.run(&["actions", "--format", "csv", "."]).stdout).to_string();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\""),
        "{csv}"
    );
}

#[test]
fn small_things_that_broke_writing_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.txt"),
        "Minutes of the Dot Board, 12 March 2025\n\nPresent: Ann Lee, Bo Wu\n\n1. Welcome\n",
    )
    .unwrap();
    // An --out folder that does not exist: the message names the path.
    let output = run_within(
        dir.path(),
        &["import", "old.txt", "--out", "missing/folder"],
        10,
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write missing/folder/"), "{stderr}");

    // A meeting whose name has no letter: the note is still named.
    let output = run_within(
        dir.path(),
        &[
            "import",
            "old.txt",
            "--meeting",
            "...",
            "--date",
            "2025-03-12",
            "--out",
            ".",
        ],
        10,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("2025-03-12-meeting.md").exists());
}
