//! `config.ron`: a missing file is fine, a bad one is an error with its file, line and
//! column, like a bad map. One bad file, one test, one expected message.

use std::path::{Path, PathBuf};

use journeymap::format::ThemeName;
use journeymap::store::{self, StoreError};

use super::{run, stderr};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// The report for a bad config file: its first line, and the line and column.
#[track_caller]
fn bad(name: &str) -> (String, usize, usize) {
    match store::config::load_from(&fixture(name)) {
        Err(StoreError::Invalid { error, report }) => (
            report.lines().next().unwrap_or("").to_string(),
            error.line,
            error.column,
        ),
        other => panic!("{name} should not load: {other:?}"),
    }
}

#[test]
fn a_good_config_sets_the_theme_and_the_defaults() {
    let config = store::config::load_from(&fixture("good.ron")).expect("a good config");
    assert_eq!(config.theme, Some(ThemeName::Light));
    assert_eq!(config.voting.dots, Some(5));
    assert_eq!(config.voting.max_per_card, Some(3));
    assert_eq!(config.timer.minutes, Some(10));
}

#[test]
fn a_syntax_error_names_its_line() {
    let (first, line, _) = bad("syntax_error.ron");
    assert_eq!(line, 4, "{first}");
    assert!(
        first.ends_with("syntax_error.ron:4:5: error: expected a comma between these items"),
        "{first}"
    );
}

#[test]
fn an_unknown_field_is_an_error() {
    let (first, line, column) = bad("unknown_field.ron");
    assert_eq!((line, column), (3, 5), "{first}");
    assert!(
        first.ends_with(
            "unknown field `colour` in this config; expected one of `theme`, `voting`, `timer`"
        ),
        "{first}"
    );
}

#[test]
fn an_unknown_field_in_a_section_is_an_error() {
    let (first, line, _) = bad("unknown_voting_field.ron");
    assert_eq!(line, 4, "{first}");
    assert!(first.contains("max_dots"), "{first}");
}

#[test]
fn an_unknown_theme_is_an_error() {
    let (first, line, column) = bad("unknown_theme.ron");
    assert_eq!((line, column), (3, 12), "{first}");
    assert!(
        first.ends_with(
            "unknown_theme.ron:3:12: error: unknown theme `solarized`; expected one of `dark`, `light`, `mono`"
        ),
        "{first}"
    );
}

#[test]
fn the_editor_and_the_view_refuse_a_bad_config_before_they_start() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(fixture("unknown_theme.ron"), dir.path().join("config.ron")).expect("copy");
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/trial-signup.ron");
    for command in ["view", "edit"] {
        let out = super::journeymap(dir.path())
            .env("JOURNEYMAP_CONFIG_DIR", dir.path())
            .args([command, map.to_str().expect("a UTF-8 path")])
            .output()
            .expect("run journeymap");
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = stderr(&out);
        let first = err.lines().next().unwrap_or("");
        assert!(first.contains("config.ron:3:"), "{err}");
        assert!(
            first.contains(": error: ") && first.contains("solarized"),
            "{err}"
        );
    }
    // A missing config is fine: the command goes on (and here finds no map).
    let empty = tempfile::tempdir().expect("temporary folder");
    let out = super::journeymap(dir.path())
        .env("JOURNEYMAP_CONFIG_DIR", empty.path())
        .args(["view", "nowhere.ron"])
        .output()
        .expect("run journeymap");
    assert!(!stderr(&out).contains("config.ron"), "{}", stderr(&out));
    assert!(stderr(&out).contains("nowhere.ron"), "{}", stderr(&out));
}

#[test]
fn theme_takes_only_the_names_there_are() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = run(dir.path(), &["view", "map.ron", "--theme", "pink"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("dark"), "{}", stderr(&out));
}
