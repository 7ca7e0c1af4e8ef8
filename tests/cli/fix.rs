//! `minutes lint --fix` and `--diff` on a copy of examples/ with mistakes
//! planted that have certain fixes: the fixes take every one away and leave
//! each file byte-identical to the example it was planted in, line endings
//! and byte-order mark included.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{minutes_in, ok};

/// Copies examples/ into `dir`, as `examples/`.
fn copy_examples(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let copy = dir.join("examples");
    for entry in walk(&root) {
        let to = copy.join(entry.strip_prefix(&root).unwrap());
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&entry, &to).unwrap();
    }
    copy
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn november_11(harbourside: &Path) -> PathBuf {
    harbourside.join("2025-11-18-harbourside-partnership-board.md")
}

/// Replaces `from` (which must be there, once) with `to` in `file`.
fn plant(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from} in {}",
        file.display()
    );
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn fix_takes_every_planted_mistake_away_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let copy = copy_examples(dir.path());
    let harbourside = copy.join("harbourside");
    let westmoor = copy.join("westmoor");

    // A UK date and a long one in front matter, a long due date.
    let january = harbourside.join("2026-01-20-harbourside-partnership-board.md");
    plant(&january, "date: 2026-01-20\n", "date: 20/01/2026\n");
    plant(
        &january,
        "next_meeting: 2026-03-17",
        "next_meeting: 17th March 2026",
    );
    let november = harbourside.join("2026-11-17-harbourside-partnership-board.md");
    plant(&november, "(due 2026-11-30)", "(due 30 November 2026)");
    // An unquoted time, and a registered person spelt another way.
    let july = harbourside.join("2026-07-21-harbourside-partnership-board.md");
    plant(&july, "time: \"14:00\"", "time: 14:00");
    plant(
        &november_11(&harbourside),
        "- [ ] Daniel Mercer / Priya Raman: bring",
        "- [ ] DANIEL MERCER / Priya Raman: bring",
    );
    // A list of people written as one line.
    let may = harbourside.join("2026-05-19-harbourside-partnership-board.md");
    plant(
        &may,
        "apologies:\n  - Priya Raman (Harbourside ICB)\n",
        "apologies: Priya Raman (Harbourside ICB)\n",
    );
    // Windows line endings and a byte-order mark, each with a UK date.
    let march = westmoor.join("2026-03-05-westmoor-county-leadership-group.md");
    let crlf = fs::read_to_string(&march).unwrap().replace('\n', "\r\n");
    fs::write(&march, &crlf).unwrap();
    let expected_crlf = crlf.clone();
    plant(&march, "date: 2026-03-05\r\n", "date: 5/3/2026\r\n");
    // A pin taken off an action that later notes update, under a heading
    // with no number.
    plant(
        &march,
        " (due 2026-04-30) {#2026-03-05/3.1}\r\n",
        " (due 2026-04-30)\r\n",
    );
    let june = westmoor.join("2026-06-04-westmoor-county-leadership-group.md");
    let bom = format!("\u{feff}{}", fs::read_to_string(&june).unwrap());
    fs::write(&june, &bom).unwrap();
    plant(&june, "date: 2026-06-04\n", "date: 4 June 2026\n");

    let before: Vec<(PathBuf, Vec<u8>)> = walk(&copy)
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let lint = minutes_in(dir.path(), &["lint", "examples"]);
    assert_eq!(lint.status.code(), Some(1));

    // --diff shows every fix and changes nothing.
    let diff = minutes_in(dir.path(), &["lint", "--diff", "examples"]);
    assert_eq!(diff.status.code(), Some(1));
    let shown = String::from_utf8(diff.stdout).unwrap();
    for line in [
        "-date: 20/01/2026",
        "+date: 2026-01-20",
        "+next_meeting: 2026-03-17",
        "+- [ ] Grace Olatunji: update the warm spaces list with weekend opening (due 2026-11-30)",
        "+apologies:",
        "+  - Priya Raman (Harbourside ICB)",
        "+date: 2026-03-05",
        "+date: 2026-06-04",
        "+time: \"14:00\"",
        "+- [ ] All: share the grants programme through partner networks (due 2026-04-30) {#2026-03-05/3.1}",
        "+- [ ] Daniel Mercer / Priya Raman: bring a joint leaflet draft for sign-off (due 2026-01-13)",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line}\n{shown}");
    }
    assert!(
        shown.contains("--- a/examples/harbourside/2026-01-20-harbourside-partnership-board.md")
    );
    for (path, bytes) in &before {
        assert_eq!(&fs::read(path).unwrap(), bytes, "{}", path.display());
    }

    // --fix makes them, says so, and lints clean again.
    let fixed = minutes_in(
        dir.path(),
        &["lint", "--fix", "--deny-warnings", "examples"],
    );
    assert_eq!(
        String::from_utf8_lossy(&fixed.stderr).trim(),
        "fixed 9 findings in 7 files"
    );
    ok(&fixed);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for path in walk(&copy) {
        let relative = path.strip_prefix(&copy).unwrap();
        let want = if path == march {
            expected_crlf.clone().into_bytes()
        } else if path == june {
            format!(
                "\u{feff}{}",
                fs::read_to_string(root.join(relative)).unwrap()
            )
            .into_bytes()
        } else {
            fs::read(root.join(relative)).unwrap()
        };
        assert_eq!(fs::read(&path).unwrap(), want, "{}", path.display());
    }

    // Fixing again changes nothing.
    let again = minutes_in(dir.path(), &["lint", "--diff", "examples"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
}

#[test]
fn fix_leaves_what_is_not_certain() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("2025-01-14-board.md");
    let text = "---\nmeeting: Board\ndate: 2025-01-14\nnext_meeting: 2025-02-30\napologies: \"Ann Lee: late\"\n---\n\n## 1. Item\n\n- [ ] Ann Lee: review 3 March 2025 figures (due 3 March 2025)\n<!-- minutes-disable-next-line date-invalid -->\n- [ ] Ann Lee: send it (due 4 March 2025)\n";
    fs::write(&note, text).unwrap();
    let output = minutes_in(dir.path(), &["lint", "--fix", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&note).unwrap(), text);
    assert!(String::from_utf8_lossy(&output.stderr).contains("fixed 0 findings in 0 files"));
}
