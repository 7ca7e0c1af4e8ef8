//! `minutes lint` end to end: the built binary on examples/ (clean) and on a
//! fixture folder with a planted problem for each rule, in all four formats.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::{minutes, minutes_in};

const FIXTURE: &str = "tests/fixtures/lint";

/// Every planted problem: file, line, rule.
const PLANTED: &[(&str, usize, &str)] = &[
    ("2025-01-14-north-board.md", 4, "date-invalid"),
    ("2025-01-14-north-board.md", 5, "chair-not-present"),
    ("2025-01-14-north-board.md", 9, "person-duplicate"),
    ("2025-01-14-north-board.md", 11, "person-conflict"),
    ("2025-01-14-north-board.md", 12, "unknown-field"),
    ("2025-01-14-north-board.md", 18, "action-no-owner"),
    ("2025-01-14-north-board.md", 19, "action-due-before-meeting"),
    ("2025-01-14-north-board.md", 20, "action-owner-unknown"),
    ("2025-01-14-north-board.md", 22, "decision-empty"),
    ("2025-01-14-north-board.md", 26, "item-number"),
    ("2025-01-14-north-board.md", 33, "front-matter-stray"),
    ("2025-01-15-north-board.md", 3, "filename-date"),
    ("2025-01-15-north-board.md", 10, "action-id-duplicate"),
    ("2025-03-01-broken-yaml.md", 5, "front-matter-invalid"),
    ("2025-04-01-no-meeting.md", 1, "required-field"),
    ("2025-04-01-no-meeting.md", 3, "field-type"),
    ("binary.md", 6, "not-text"),
];

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn expect_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

fn planted() -> Vec<(String, usize, String)> {
    PLANTED
        .iter()
        .map(|(file, line, rule)| (format!("{FIXTURE}/{file}"), *line, rule.to_string()))
        .collect()
}

fn json_findings(output: &Output) -> Vec<(String, usize, String)> {
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    doc.as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn examples_are_clean() {
    let output = minutes(&["lint", "--deny-warnings", "examples"]);
    expect_code(&output, 0);
    assert_eq!(
        text(&output.stdout),
        "0 errors, 0 warnings in 0 files (15 files checked)\n"
    );
    let output = minutes(&["lint", "--format", "json", "examples"]);
    expect_code(&output, 0);
    assert_eq!(json_findings(&output), []);
}

#[test]
fn json_lists_every_planted_problem_at_its_line() {
    let output = minutes(&["lint", "--format", "json", FIXTURE]);
    expect_code(&output, 1);
    assert_eq!(json_findings(&output), planted());
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &doc[0];
    for key in [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        (first["column"].as_u64(), first["end_column"].as_u64()),
        (Some(15), Some(25))
    );
    assert_eq!(first["severity"], "error");
    assert_eq!(
        text(&output.stderr),
        "9 errors, 8 warnings in 5 files (6 files checked)\n",
        "the summary goes to stderr so stdout stays JSON"
    );
}

#[test]
fn github_annotations_for_every_planted_problem() {
    let output = minutes(&["lint", "--format", "github", FIXTURE]);
    expect_code(&output, 1);
    let stdout = text(&output.stdout);
    let mut found = Vec::new();
    for line in stdout.lines() {
        let (command, rest) = line.strip_prefix("::").unwrap().split_once(' ').unwrap();
        assert!(["error", "warning"].contains(&command), "{line}");
        let (properties, message) = rest.split_once("::").unwrap();
        assert!(!message.contains('\n') && !message.is_empty());
        let get = |key: &str| {
            properties
                .split(',')
                .find_map(|p| p.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{key} in {line}"))
                .to_string()
        };
        found.push((get("file"), get("line").parse().unwrap(), get("title")));
    }
    assert_eq!(found, planted());
    assert!(stdout.contains("::warning file=tests/fixtures/lint/2025-01-14-north-board.md,line=5,col=13,endLine=5,endColumn=20,title=chair-not-present::the chair, `Ann Lee`, is not in `present`%0Ahelp: add the chair"));
}

#[test]
fn sarif_is_2_1_0_with_rules_and_located_results() {
    let output = minutes(&["lint", "--format", "sarif", FIXTURE]);
    expect_code(&output, 1);
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &doc["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "minutes");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), minutes::lint::rules::all().len());
    for rule in rules {
        for key in ["id", "shortDescription", "fullDescription", "help"] {
            assert!(rule.get(key).is_some(), "{key} in {rule}");
        }
    }
    let results = run["results"].as_array().unwrap();
    let found: Vec<(String, usize, String)> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            let rule_index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[rule_index]["id"], r["ruleId"]);
            (
                location["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                location["region"]["startLine"].as_u64().unwrap() as usize,
                r["ruleId"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found, planted());
    assert!(
        results
            .iter()
            .all(|r| ["error", "warning"].contains(&r["level"].as_str().unwrap()))
    );
}

#[test]
fn human_output_is_rustc_style_with_every_problem_and_a_summary() {
    let output = minutes(&["lint", FIXTURE]);
    expect_code(&output, 1);
    let stdout = text(&output.stdout);
    for (file, line, rule) in planted() {
        let severity = if [
            "chair-not-present",
            "person-duplicate",
            "unknown-field",
            "action-due-before-meeting",
            "action-owner-unknown",
            "item-number",
            "front-matter-stray",
            "filename-date",
        ]
        .contains(&rule.as_str())
        {
            "warning"
        } else {
            "error"
        };
        assert!(stdout.contains(&format!("{severity}[{rule}]")), "{rule}");
        assert!(
            stdout.contains(&format!("--> {file}:{line}:")),
            "{file}:{line}"
        );
    }
    assert!(stdout.contains(
        "warning[action-owner-unknown]: `Ed Fux` owns action `2025-01-14/1.3` but is in none of this note's lists nor the people register\n  --> tests/fixtures/lint/2025-01-14-north-board.md:20:7\n   |\n20 | - [ ] Ed Fux: check the figures\n   |       ^^^^^^\n"
    ), "{stdout}");
    assert!(stdout.contains("= help: did you mean `apologies`?"));
    assert!(stdout.ends_with("9 errors, 8 warnings in 5 files (6 files checked)\n"));
    assert!(!stdout.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn inline_comments_silence_unless_no_inline_config() {
    let output = minutes(&["lint", "--format", "json", "--no-inline-config", FIXTURE]);
    let found = json_findings(&output);
    assert_eq!(found.len(), PLANTED.len() + 1);
    assert!(found.contains(&(
        format!("{FIXTURE}/2025-01-14-north-board.md"),
        31,
        "action-no-owner".into()
    )));
}

#[test]
fn a_config_changes_severities_and_selects_files() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("minutes.yaml");
    std::fs::write(
        &config,
        "rules:\n  action-no-due: warning\n  front-matter-missing: info\n  chair-not-present: off\n  not-text: off\nexclude: [\"**/2025-0[34]-*\"]\n",
    )
    .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = minutes(&[
        "lint",
        "--format",
        "json",
        "--config",
        config.to_str().unwrap(),
        root.join(FIXTURE).to_str().unwrap(),
    ]);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"chair-not-present") && !rules.contains(&"not-text"));
    assert!(
        !rules.contains(&"front-matter-invalid") && !rules.contains(&"required-field"),
        "excluded files"
    );
    assert_eq!(
        rules.iter().filter(|r| **r == "action-no-due").count(),
        4,
        "{rules:?}"
    );
    let missing = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "front-matter-missing")
        .unwrap();
    assert_eq!(missing["severity"], "info");
    assert!(missing["path"].as_str().unwrap().ends_with("README.md"));
}

#[test]
fn a_config_is_found_above_the_first_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("notes/2025")).unwrap();
    std::fs::write(
        dir.path().join("minutes.yaml"),
        "rules:\n  action-no-owner: warning\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("notes/2025/2025-01-01-board.md"),
        "---\nmeeting: Board\ndate: 2025-01-01\n---\n- [ ] tidy up\n",
    )
    .unwrap();
    let output = minutes_in(dir.path(), &["lint", "--format", "json", "notes/2025"]);
    expect_code(&output, 0);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc[0]["severity"], "warning");
    let output = minutes_in(dir.path(), &["lint", "--deny-warnings", "notes/2025"]);
    expect_code(&output, 1);
}

#[test]
fn a_bad_config_or_flag_or_path_is_a_tool_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("minutes.yaml");
    std::fs::write(&config, "rules:\n  action-no-owners: off\n").unwrap();
    let output = minutes(&["lint", "--config", config.to_str().unwrap(), "examples"]);
    expect_code(&output, 2);
    assert!(text(&output.stderr).contains(
        "minutes.yaml:2: unknown rule `action-no-owners` (did you mean `action-no-owner`?)"
    ));

    std::fs::write(&config, "rules:\n  action-no-due: loud\n").unwrap();
    let output = minutes(&["lint", "--config", config.to_str().unwrap(), "examples"]);
    expect_code(&output, 2);
    assert!(
        text(&output.stderr).contains(
            "minutes.yaml:2: not a valid config: rules.action-no-due: unknown variant `loud`"
        ),
        "{}",
        text(&output.stderr)
    );

    let output = minutes(&["lint", "--config", "no/such/minutes.yaml", "examples"]);
    expect_code(&output, 2);
    assert!(text(&output.stderr).contains("no/such/minutes.yaml: cannot read"));

    let output = minutes(&["lint", "--format", "xml", "examples"]);
    expect_code(&output, 2);
    let output = minutes(&["lint", "no/such/folder"]);
    expect_code(&output, 2);
    assert!(text(&output.stderr).contains("no/such/folder: error: no such file or folder"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_entry_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.md"), dir.path().join("link.md")).unwrap();
    std::fs::write(
        dir.path().join("2025-01-01-board.md"),
        "---\nmeeting: Board\ndate: 2025-01-01\n---\n- [ ] tidy up\n",
    )
    .unwrap();
    let output = minutes_in(dir.path(), &["lint", "--format", "json", "."]);
    expect_code(&output, 1);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["action-no-owner", "unreadable"]);
}

#[test]
fn pre_commit_hook_definition_runs_lint_on_markdown() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let hooks: Value = serde_yaml::from_str(&text).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "minutes-lint");
    assert_eq!(hook["entry"], "minutes lint");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["types"][0], "markdown");
}

/// What pre-commit does: `minutes lint` on the staged files alone. The
/// staged later note's updates must resolve against the earlier notes of
/// its series, which are read for context and never reported on.
#[test]
fn a_staged_later_note_is_linted_in_the_context_of_its_series() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    // An earlier note with a problem of its own, which is not staged.
    std::fs::write(
        notes.join("2026-01-20-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-01-20\npresent:\n  - Ann Lee\n  - Bo Wu\n---\n\n## 1. Housing\n\n- [ ] Ann Lee: draft the housing brief\n- [ ] Ed Fux: check the figures\n",
    )
    .unwrap();
    std::fs::write(
        notes.join("2026-03-17-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-03-17\npresent:\n  - Ann Lee\n  - Bo Wu\n---\n\n## 1. Actions\n\n- [x] 2026-01-20/1.1 Ann Lee: draft the housing brief — circulated\n- [ ] 2026-01-20/1.2 — still to do\n",
    )
    .unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
    };
    let staged: Vec<String> = match git(&["init", "-q"]) {
        Ok(out) if out.status.success() => {
            git(&["add", "notes/2026-03-17-fernbridge-board.md"]).unwrap();
            let out = git(&["diff", "--cached", "--name-only"]).unwrap();
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_string)
                .collect()
        }
        // No git here: the file pre-commit would pass, named as it would.
        _ => vec!["notes/2026-03-17-fernbridge-board.md".to_string()],
    };
    assert_eq!(staged, ["notes/2026-03-17-fernbridge-board.md"]);
    let mut args = vec!["lint"];
    args.extend(staged.iter().map(String::as_str));
    let output = minutes_in(dir.path(), &args);
    expect_code(&output, 0);
    assert_eq!(
        text(&output.stdout),
        "0 errors, 0 warnings in 0 files (1 file checked)\n",
        "no update is unknown, and the earlier note's problem is not reported"
    );

    // A mistyped ID in the staged note is still caught, and with a config at
    // the root the context comes from the config's folder.
    std::fs::write(dir.path().join("minutes.yaml"), "").unwrap();
    std::fs::write(
        notes.join("2026-03-17-fernbridge-board.md"),
        "---\nmeeting: Fernbridge Board\ndate: 2026-03-17\n---\n\n## 1. Actions\n\n- [x] 2026-01-20/1.9 Ann Lee: draft the housing brief — circulated\n",
    )
    .unwrap();
    let output = minutes_in(dir.path(), &["lint", "--format", "json", &staged[0]]);
    expect_code(&output, 1);
    let found = json_findings(&output);
    assert_eq!(
        found,
        [(staged[0].clone(), 8, "update-unknown-id".to_string())]
    );
}
