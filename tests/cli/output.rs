//! One output policy for every command: colour as `--color` says, else only on a terminal
//! and never with `NO_COLOR`; never in a pipe or a file; messages that start with
//! `error:`, `warning:` or `note:` after their place.

use std::fs;
use std::time::Duration;

use super::{EXAMPLE, assert_exit, folder_with, journeymap, stderr, stdout};
use crate::pty::harness::{Session, find};

const ESC: char = '\u{1b}';

fn colour_free(out: &std::process::Output) -> bool {
    !stdout(out).contains(ESC) && !stderr(out).contains(ESC)
}

#[test]
fn a_pipe_gets_no_colour_unless_asked_and_never_when_told_not_to() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    for args in [
        &["print", "map.ron"][..],
        &["summary", "map.ron"],
        &["diff", "map.ron", "map.ron"],
        &["print", "map.ron", "--color", "never"],
        &["summary", "map.ron", "--color", "never"],
    ] {
        let out = journeymap(dir.path())
            .env_remove("NO_COLOR")
            .args(args)
            .output()
            .expect("run");
        assert_exit(&out, 0);
        assert!(colour_free(&out), "{args:?}: {}", stdout(&out));
    }
    // `always` wins over NO_COLOR (no-color.org: a flag the user gives overrides it).
    for args in [
        &["print", "map.ron", "--color", "always"][..],
        &["summary", "map.ron", "--color", "always"],
    ] {
        let out = journeymap(dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .expect("run");
        assert_exit(&out, 0);
        assert!(stdout(&out).contains("\u{1b}[1m"), "{args:?}");
    }
}

#[test]
fn a_snapshot_written_to_a_file_has_no_escape_codes() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let out = journeymap(dir.path())
        .env_remove("NO_COLOR")
        .args(["print", "map.ron", "-o", "board.txt"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let board = fs::read_to_string(dir.path().join("board.txt")).expect("board written");
    assert!(board.contains("Trial"), "{board}");
    assert!(!board.contains(ESC));
}

#[test]
fn messages_start_with_their_place_and_severity() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &["new", "x.ron", "--template", "nope"],
            2,
            "journeymap: error: no template named `nope`",
        ),
        (
            &["print", "map.ron", "map.ron", "-o", "out.txt"],
            2,
            "journeymap: error: -o writes one snapshot",
        ),
        (
            &["import", "notes.txt", "-o", "x.ron"],
            2,
            "notes.txt: error: cannot tell the format",
        ),
        (
            &["print", "map.ron", "-o", "/dev/null"],
            1,
            "note: leave out -o (or give -o -)",
        ),
    ];
    for (args, code, start) in cases {
        let out = journeymap(dir.path()).args(args).output().expect("run");
        assert_exit(&out, code);
        let err = stderr(&out);
        assert!(
            err.lines().any(|line| line.starts_with(start)),
            "{args:?}: {err}"
        );
        assert!(colour_free(&out), "{args:?}: {err}");
    }
    // Asked for colour, the severity word is coloured and the rest is as it was.
    let out = journeymap(dir.path())
        .args(["new", "x.ron", "--template", "nope", "--color", "always"])
        .output()
        .expect("run");
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.starts_with("journeymap: \u{1b}[1m\u{1b}[31merror:\u{1b}[0m no template"),
        "{err:?}"
    );
}

const TIMEOUT: Duration = Duration::from_secs(20);

/// Runs `journeymap ARGS` in a terminal of `cols` columns and returns all it wrote.
fn in_a_terminal(dir: &std::path::Path, args: &[&str], no_color: bool, cols: u16) -> Vec<u8> {
    let mut builder = Session::builder().cwd(dir).size(cols, 40);
    for arg in args {
        builder = builder.arg(*arg);
    }
    if no_color {
        builder = builder.env("NO_COLOR", "1");
    }
    let mut session = builder.spawn();
    session.wait_exit(TIMEOUT);
    session.raw_output()
}

#[test]
fn a_terminal_gets_colour_and_its_width_unless_no_color_is_set() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let board = in_a_terminal(dir.path(), &["print", "map.ron"], false, 70);
    assert!(
        find(&board, b"\x1b[1m").is_some(),
        "no colour on a terminal"
    );
    let text = String::from_utf8_lossy(&board).replace("\r\n", "\n");
    for line in text.lines() {
        let plain = strip_sgr(line);
        assert!(
            journeymap::text::width(&plain) <= 70,
            "wider than the terminal: {plain:?}"
        );
    }
    let plain = in_a_terminal(dir.path(), &["print", "map.ron"], true, 70);
    assert!(!plain.contains(&0x1b), "NO_COLOR=1 still coloured");

    let err = in_a_terminal(
        dir.path(),
        &["new", "x.ron", "--template", "nope"],
        false,
        70,
    );
    let err = String::from_utf8_lossy(&err);
    assert!(err.contains("\u{1b}[31merror:"), "{err:?}");
}

/// The text with its colour codes taken out.
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Without a terminal each board says which one it is and what to use instead: `view`
/// points to `print`, which shows a map in a pipe, and the editor to `check` and `fmt`.
#[test]
fn without_a_terminal_each_board_says_what_to_use_instead() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let view = journeymap(dir.path())
        .args(["view", "map.ron"])
        .output()
        .expect("run");
    assert_exit(&view, 2);
    assert!(
        stderr(&view).contains("the view needs a terminal")
            && stderr(&view).contains("journeymap print"),
        "{}",
        stderr(&view)
    );
    let edit = journeymap(dir.path())
        .args(["map.ron"])
        .output()
        .expect("run");
    assert_exit(&edit, 2);
    assert!(
        stderr(&edit).contains("the editor needs a terminal"),
        "{}",
        stderr(&edit)
    );
}

/// A projector started before the map exists is told how it comes to show one.
#[test]
fn view_of_a_map_not_made_yet_says_how_it_will_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [&["view", "new.ron", "--follow"][..], &["view", "new.ron"]] {
        let out = journeymap(dir.path()).args(args).output().expect("run");
        assert_exit(&out, 1);
        let err = stderr(&out);
        assert!(err.contains("new.ron: error: no such file"), "{err}");
        assert!(err.contains("journeymap new.ron"), "{args:?}: {err}");
    }
}

/// `--read-only` on a file that is not there has nothing to show: it says so, rather than
/// open an empty map under that name that can never be saved.
#[test]
fn read_only_on_a_missing_file_says_there_is_nothing_to_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["nothing.ron", "--read-only"][..],
        &["edit", "nothing.ron", "--read-only"],
    ] {
        let out = journeymap(dir.path()).args(args).output().expect("run");
        assert_exit(&out, 1);
        let err = stderr(&out);
        assert!(
            err.contains("nothing.ron: error: no such file"),
            "{args:?}: {err}"
        );
        assert!(err.contains("without --read-only"), "{args:?}: {err}");
    }
}
