//! The command line, run as the real binary.

mod check;
mod completions;
mod config;
mod diff;
mod fmt;
mod hostile;
mod new;
mod output;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The `journeymap` binary, run in `dir` so that the file names it prints are short and
/// the same on every machine.
pub(crate) fn journeymap(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("journeymap").expect("the journeymap binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs `journeymap ARGS` in `dir` and returns what it did.
pub(crate) fn run(dir: &Path, args: &[&str]) -> Output {
    journeymap(dir).args(args).output().expect("run journeymap")
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

#[track_caller]
pub(crate) fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit status\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A file of the repository.
pub(crate) fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A fresh folder holding copies of repository files, under the names given.
pub(crate) fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, source) in files {
        fs::copy(repo_file(source), dir.path().join(name))
            .unwrap_or_else(|e| panic!("copy {source}: {e}"));
    }
    dir
}

/// Names in a folder, sorted.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub(crate) const EXAMPLE: &str = "assets/examples/trial-signup.ron";
pub(crate) const SCORE_7: &str = "tests/fixtures/invalid/score-7.ron";
pub(crate) const HAND_EDITED: &str = "tests/fixtures/valid/hand-edited.ron";
pub(crate) const HAND_EDITED_CANONICAL: &str = "tests/fixtures/valid/hand-edited.canonical.ron";
