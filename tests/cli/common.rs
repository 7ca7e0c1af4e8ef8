//! What the integration tests share: running the built binary.

use std::path::Path;
use std::process::{Command, Output};

/// The built `minutes`, keeping its cache of parsed notes under target/
/// rather than in the user's ~/.cache.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_minutes"));
    command.env(
        "MINUTES_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
    );
    command.env_remove("NO_COLOR");
    command
}

/// Runs `minutes` with `args` in `dir`.
pub fn minutes_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// Runs `minutes` with `args` at the repository's root.
pub fn minutes(args: &[&str]) -> Output {
    minutes_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Stdout of a run that must exit 0; otherwise fails showing both streams.
pub fn ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

/// The JSON `minutes args` prints at the repository's root (it must exit 0).
pub fn json(args: &[&str]) -> serde_json::Value {
    json_of(&minutes(args))
}

/// The JSON `minutes args` prints in `dir` (it must exit 0).
pub fn json_in(dir: &Path, args: &[&str]) -> serde_json::Value {
    json_of(&minutes_in(dir, args))
}

fn json_of(output: &Output) -> serde_json::Value {
    let text = ok(output);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The `id` of each object in `doc[key]`.
pub fn ids(doc: &serde_json::Value, key: &str) -> Vec<String> {
    doc[key]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|a| a["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The one cache folder under `base` (a cache keeps a folder per set of paths).
pub fn cache_folder(base: &Path) -> std::path::PathBuf {
    std::fs::read_dir(base)
        .expect("cache")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("a cache folder")
}

/// A Python 3 with these packages, installed with pip when missing; `None`
/// (the test is skipped, saying why) when they cannot be.
pub fn python_with(packages: &[&str]) -> Option<&'static str> {
    let imports = format!("import {}", packages.join(", "));
    let has = || {
        Command::new("python3")
            .args(["-c", &imports])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has() {
        return Some("python3");
    }
    let installed = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet"])
        .args(packages)
        .output();
    if installed.is_ok_and(|o| o.status.success()) && has() {
        return Some("python3");
    }
    eprintln!(
        "skipped: the Python packages {} are not installed and pip could not install them",
        packages.join(", ")
    );
    None
}

/// What `python -c script` prints for `input` on its stdin (it must succeed).
pub fn python_reads(python: &str, script: &str, input: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("python reads its input");
    }
    let output = child.wait_with_output().expect("python finishes");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}
