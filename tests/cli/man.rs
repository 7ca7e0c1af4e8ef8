//! `minutes man`: a page for `minutes` and one for each subcommand, with
//! every option, the exit codes and the environment, that `mandoc -Tlint`
//! finds nothing to say about.

use std::process::Command;

use crate::common::{minutes_in, ok};

/// Whether `mandoc` is there to check the pages with.
fn mandoc() -> bool {
    let found = Command::new("mandoc").arg("-V").output().is_ok();
    if !found {
        eprintln!(
            "skipped: mandoc is not installed (apt-get install mandoc), so the pages are not linted"
        );
    }
    found
}

#[test]
fn a_page_for_every_command_that_mandoc_finds_clean() {
    let dir = tempfile::tempdir().unwrap();
    let written = minutes_in(dir.path(), &["man", "--out", "pages"]);
    ok(&written);
    let pages = dir.path().join("pages");
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for expected in [
        "minutes.1",
        "minutes-actions.1",
        "minutes-lint.1",
        "minutes-lsp.1",
        "minutes-declarations.1",
        "minutes-remind.1",
    ] {
        assert!(names.contains(&expected.to_string()), "{names:?}");
    }
    assert_eq!(names.len(), 20, "{names:?}");

    let actions = std::fs::read_to_string(pages.join("minutes-actions.1")).unwrap();
    for part in [
        ".TH MINUTES-ACTIONS 1",
        r"\fB\-\-owner\fR",
        r"\fB\-\-due\-before\fR",
        ".SH EXIT STATUS",
        "MINUTES_CACHE_DIR",
        "NO_COLOR",
        r"\fBminutes\fR(1)",
    ] {
        assert!(actions.contains(part), "{part}\n{actions}");
    }
    // One page alone is the same page.
    assert_eq!(ok(&minutes_in(dir.path(), &["man", "actions"])), actions);

    if mandoc() {
        for name in &names {
            let lint = Command::new("mandoc")
                .args(["-Tlint", "-W", "style"])
                .arg(pages.join(name))
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&lint.stdout).into_owned()
                + &String::from_utf8_lossy(&lint.stderr);
            assert!(said.trim().is_empty(), "{name}: {said}");
        }
    }

    // Pages already there are not replaced unless asked.
    let again = minutes_in(dir.path(), &["man", "--out", "pages"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    ok(&minutes_in(
        dir.path(),
        &["man", "--out", "pages", "--force"],
    ));

    let unknown = minutes_in(dir.path(), &["man", "nonsense"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("the commands are: actions"));
}
