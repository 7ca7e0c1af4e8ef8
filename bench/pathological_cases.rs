//! The inputs that were once quadratic (or worse) in `minutes`, shared by
//! the benchmark (bench/pathological.rs) and the tests, which run each once.

/// Name-like words from a number, letters only (`aaaa`, `baaa`, …).
fn letters(mut n: usize) -> String {
    (0..4)
        .map(|_| {
            let c = char::from(b'a' + (n % 26) as u8);
            n /= 26;
            c
        })
        .collect()
}

/// A note with `n` people present and `n` actions, the i-th owned by
/// `owner` with `{0}` replaced by the i-th letters.
fn crowded_note(n: usize, owner: &str) -> String {
    let present: String = (0..n)
        .map(|i| format!("  - Listed{0} Member{0}\n", letters(i)))
        .collect();
    let body: String = (0..n)
        .map(|i| format!("- [ ] {}: task\n", owner.replace("{0}", &letters(i))))
        .collect();
    format!("---\nmeeting: X\ndate: 2025-01-01\npresent:\n{present}---\n## 1. A\n{body}")
}

pub type Make = fn(usize) -> String;

/// What each input is, how to make it at size n, the command, and an n
/// small enough for a debug build (the tests run each once at that size).
pub const CASES: [(&str, Make, &[&str], usize); 7] = [
    (
        "nested brackets in front matter",
        |n| {
            format!(
                "---\nmeeting: X\ndate: 2025-01-01\nx: {}\n---\n",
                "[".repeat(n * 16)
            )
        },
        &["actions", "--no-cache", "."],
        4_000,
    ),
    (
        "unknown owners, each given a suggestion",
        |n| crowded_note(n, "Zed{0} Person{0}"),
        &["lint", "n.md"],
        2_000,
    ),
    (
        "first-name owners among many attendees (lint)",
        |n| crowded_note(n, "Listed{0}"),
        &["lint", "n.md"],
        2_000,
    ),
    (
        "first-name owners among many attendees (actions)",
        |n| crowded_note(n, "Listed{0}"),
        &["actions", "--no-cache", "."],
        2_000,
    ),
    (
        "a long action in a piped table",
        |n| {
            format!(
                "---\nmeeting: X\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Ann Lee: {}\n",
                "word ".repeat(n * 10)
            )
        },
        &["actions", "--no-cache", "."],
        12_000,
    ),
    (
        "a run of `[` in an action",
        |n| {
            format!(
                "---\nmeeting: X\ndate: 2025-01-01\n---\n## 1. A\n- [ ] Ann Lee: {}\n",
                "[".repeat(n * 100)
            )
        },
        &["actions", "--no-cache", "."],
        5_000,
    ),
    (
        "HTML nested thousands deep, imported",
        |n| {
            format!(
                "<p>Present: Ann Lee</p>{}x{}",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        },
        &[
            "import",
            "n.md",
            "--meeting",
            "X",
            "--date",
            "2025-01-01",
            "--stdout",
        ],
        20_000,
    ),
];
