//! Inputs that were once quadratic (or worse) in `minutes`, each run at two
//! sizes four times apart: the time may grow about four times, not sixteen.
//! A ratio, not an absolute time, so a slow machine does not fail it (as
//! pulldown-cmark's and comrak's pathological suites do). Timings belong
//! here, not in the tests (tests/cli/bad_input.rs runs the same inputs for
//! what they answer, with a deadline only against hangs).
//!
//!     cargo build --release
//!     cargo run --release --example pathological -- target/release/minutes
//!
//! Exits 1 when an input grows ten times or more for four times the size.

#[path = "pathological_cases.rs"]
mod cases;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How much larger than in the tests each input is made: the tests' sizes
/// are for a debug build.
const RELEASE_SCALE: usize = 4;

/// The shortest of three runs of `bin args` in a folder holding `note`.
fn fastest(bin: &Path, note: &str, args: &[&str]) -> std::io::Result<Duration> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("n.md"), note)?;
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        Command::new(bin)
            .args(args)
            .current_dir(dir.path())
            .env("MINUTES_CACHE_DIR", "")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        best = best.min(start.elapsed());
    }
    Ok(best)
}

fn main() -> std::io::Result<()> {
    let Some(bin) = std::env::args_os().nth(1) else {
        eprintln!("usage: pathological PATH-TO-MINUTES");
        std::process::exit(2);
    };
    let bin = std::path::absolute(bin)?;
    let mut failed = false;
    println!("| input | n | time at n | time at 4n | ratio |\n|---|---:|---:|---:|---:|");
    for (what, make, args, n) in cases::CASES {
        // Sizes that take tens of milliseconds in a release build.
        let n = n * RELEASE_SCALE;
        // The smaller time is floored at 30 ms, so that start-up noise is
        // not mistaken for growth.
        let small = fastest(&bin, &make(n), args)?.max(Duration::from_millis(30));
        let large = fastest(&bin, &make(4 * n), args)?;
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        println!("| {what} | {n} | {small:.2?} | {large:.2?} | {ratio:.1}× |");
        failed |= ratio >= 10.0;
    }
    if failed {
        eprintln!("an input grew ten times or more for four times the size");
        std::process::exit(1);
    }
    Ok(())
}
