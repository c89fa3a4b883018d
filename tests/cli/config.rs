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

/// `text` as a `config.ron` in a fresh folder, read as the editor reads it.
fn config_of(text: &str) -> Result<journeymap::format::Config, StoreError> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("config.ron");
    std::fs::write(&path, text).expect("write the config");
    store::config::load_from(&path)
}

/// The first line of the report for a config that must not load.
#[track_caller]
fn refused(text: &str) -> String {
    match config_of(text) {
        Err(e) => e.to_string().lines().next().unwrap_or("").to_string(),
        Ok(config) => panic!("{text:?} should not load, but gave {config:?}"),
    }
}

#[test]
fn a_quoted_word_is_taken_where_a_word_is_expected() {
    let config = config_of("(theme: \"light\")").expect("a quoted theme");
    assert_eq!(config.theme, Some(ThemeName::Light));
    let config = config_of("(theme: mono, voting: (hide_votes: true))").expect("bare words");
    assert_eq!(config.theme, Some(ThemeName::Mono));
    assert_eq!(config.voting.hide_votes, Some(true));
}

#[test]
fn every_config_mistake_gets_a_config_message() {
    for (text, want) in [
        ("(theme: 3)", "`theme` must be `dark`, `light` or `mono`"),
        ("(theme: \"pink\")", "unknown theme `pink`"),
        ("(voting: (dots: 2.5))", "`dots` must be a whole number"),
        (
            "(voting: (max_per_card: \"three\"))",
            "`max_per_card` must be a whole number",
        ),
        ("(timer: (minutes: -5))", "`minutes` must be a whole number"),
        (
            "(voting: (hide_votes: 1))",
            "`hide_votes` must be `true` or `false`",
        ),
    ] {
        let first = refused(text);
        assert!(first.contains(want), "{text}: {first}");
        for borrowed in ["r#", "field name", "comma", "journey map"] {
            assert!(!first.contains(borrowed), "{text}: {first}");
        }
    }
}

#[test]
fn a_config_of_comments_only_is_empty() {
    let config = config_of("// my settings, some day\n/* nothing yet */\n").expect("comments");
    assert_eq!(config, journeymap::format::Config::default());
}

#[test]
fn a_value_out_of_range_is_clamped_with_a_note() {
    let config = config_of("(voting: (dots: 65535, max_per_card: 0), timer: (minutes: 500))")
        .expect("clamped, not refused");
    assert_eq!(config.voting.dots, Some(99));
    assert_eq!(config.voting.max_per_card, Some(1));
    assert_eq!(config.timer.minutes, Some(99));
    let notes = config.notes.join("\n");
    for want in ["`dots: 65535`", "99", "`max_per_card: 0`", "`minutes: 500`"] {
        assert!(notes.contains(want), "{want} in {notes}");
    }

    // The editor says so as it starts.
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("config.ron"), "(voting: (dots: 65535))").expect("write");
    let out = super::journeymap(dir.path())
        .env("JOURNEYMAP_CONFIG_DIR", dir.path())
        .args(["view", "nowhere.ron"])
        .output()
        .expect("run journeymap");
    let err = stderr(&out);
    assert!(
        err.contains("config.ron: note: `dots: 65535` is out of range (1 to 99): 99 is used"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_config_that_is_no_file_or_a_broken_link_is_an_error() {
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/trial-signup.ron");
    let fifo_dir = tempfile::tempdir().expect("temporary folder");
    let fifo = fifo_dir.path().join("config.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let dangling = tempfile::tempdir().expect("temporary folder");
    std::os::unix::fs::symlink("nowhere.ron", dangling.path().join("config.ron")).expect("link");
    let looped = tempfile::tempdir().expect("temporary folder");
    std::os::unix::fs::symlink("config.ron", looped.path().join("config.ron")).expect("loop");
    for (dir, want) in [
        (fifo_dir.path(), "config.ron must be a regular file"),
        (dangling.path(), "points nowhere"),
        (looped.path(), "config.ron"),
    ] {
        let out = super::journeymap(dir)
            .env("JOURNEYMAP_CONFIG_DIR", dir)
            .args(["view", map.to_str().expect("a UTF-8 path")])
            .output()
            .expect("run journeymap");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(want), "{want}: {err}");
        assert!(!err.contains("journey map"), "{err}");
    }
}
