//! `journeymap print` and `journeymap import` run as the real binary: exit codes, atomic
//! output, error reports with line and column.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as StdCommand, Output, Stdio};

use assert_cmd::Command;
use journeymap::format;
use journeymap::model::{Card, Lane, Map, Stage};

use super::{hostile, root};

fn journeymap(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("journeymap").expect("the journeymap binary");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    journeymap(dir).args(args).output().expect("run journeymap")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[track_caller]
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A temporary folder holding the example map as `map.ron` and the import fixtures.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        root().join("assets/examples/trial-signup.ron"),
        dir.path().join("map.ron"),
    )
    .expect("copy example");
    for name in [
        "working-day.mmd",
        "good.csv",
        "scores.mmd",
        "two-journeys.md",
        "invalid/empty-score.mmd",
        "invalid/bad-score.csv",
    ] {
        let to = dir.path().join(Path::new(name).file_name().expect("name"));
        fs::copy(root().join("tests/fixtures/import").join(name), to).expect("copy fixture");
    }
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn print_defaults_to_a_120_column_text_board_off_a_terminal() {
    let dir = folder();
    let out = run(dir.path(), &["print", "map.ron"]);
    assert_exit(&out, 0);
    let board = text(&out.stdout);
    assert!(board.starts_with("Trial sign-up journey: Clockwise timesheets\n"));
    assert!(board.lines().all(|l| journeymap::text::width(l) <= 120));
    assert!(
        board.lines().any(|l| journeymap::text::width(l) > 100),
        "uses the width"
    );
    assert!(
        !board.contains('\u{1b}'),
        "no colour when not on a terminal"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn print_width_ascii_and_colour_flags() {
    let dir = folder();
    let out = run(
        dir.path(),
        &["print", "map.ron", "--width", "50", "--ascii"],
    );
    assert_exit(&out, 0);
    let board = text(&out.stdout);
    assert!(board.is_ascii());
    assert!(board.lines().all(|l| l.len() <= 50));

    let out = run(dir.path(), &["print", "map.ron", "--color", "always"]);
    assert_exit(&out, 0);
    assert!(text(&out.stdout).contains("\u{1b}[1m"));

    // NO_COLOR only matters for `auto`; off a terminal `auto` is off anyway.
    let out = journeymap(dir.path())
        .args(["print", "map.ron", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!text(&out.stdout).contains('\u{1b}'));
}

#[test]
fn print_every_format_to_stdout() {
    let dir = folder();
    for (format, start) in [
        ("markdown", "# Trial sign-up journey"),
        ("html", "<!DOCTYPE html>"),
        ("svg", "<svg xmlns="),
        (
            "csv",
            "stage,lane,text,channel,score,votes,notes,stage_number,evidence,source,owner,status\r\n",
        ),
        (
            "mermaid",
            "journey\n    title Trial sign-up journey#58; Clockwise",
        ),
    ] {
        let out = run(dir.path(), &["print", "map.ron", "--format", format]);
        assert_exit(&out, 0);
        assert!(text(&out.stdout).starts_with(start), "{format}");
    }
}

// `-o /dev/stdout` (a habit from tools without `-o -`) into a pipe is standard output too.
#[test]
fn print_to_dev_stdout_in_a_pipe_writes_to_the_pipe() {
    let dir = folder();
    let out = run(
        dir.path(),
        &[
            "print",
            "map.ron",
            "--format",
            "markdown",
            "-o",
            "/dev/stdout",
        ],
    );
    assert_exit(&out, 0);
    assert!(
        text(&out.stdout).starts_with("# Trial sign-up journey"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn print_to_a_file_is_atomic_and_guesses_the_format() {
    let dir = folder();
    let out = run(dir.path(), &["print", "map.ron", "-o", "board.html"]);
    assert_exit(&out, 0);
    assert_eq!(text(&out.stdout), "board.html: html snapshot of map.ron\n");
    let html = fs::read_to_string(dir.path().join("board.html")).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));

    // Replacing keeps nothing of the old file and leaves no temporary file behind.
    fs::write(
        dir.path().join("board.txt"),
        "old and much longer content ".repeat(1000),
    )
    .expect("seed");
    let out = run(
        dir.path(),
        &["print", "map.ron", "--width", "80", "-o", "board.txt"],
    );
    assert_exit(&out, 0);
    let board = fs::read_to_string(dir.path().join("board.txt")).expect("written");
    assert!(!board.contains("old and much"));
    assert!(board.lines().all(|l| journeymap::text::width(l) <= 80));
    assert!(entries(dir.path()).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn print_refuses_bad_usage_with_status_2() {
    let dir = folder();
    for args in [
        &["print", "map.ron", "--format", "pdf"][..],
        &["print", "map.ron", "--width", "10"],
        &["print", "map.ron", "--width", "wide"],
        &["print", "map.ron", "--color", "sometimes"],
        &["print"],
    ] {
        let out = run(dir.path(), args);
        assert_exit(&out, 2);
    }
}

#[test]
fn print_reports_missing_and_invalid_maps() {
    let dir = folder();
    let out = run(dir.path(), &["print", "missing.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "missing.ron: error: no such file or folder\n"
    );

    fs::write(
        dir.path().join("bad.ron"),
        "(\n    format: 1,\n    title: 7,\n)\n",
    )
    .expect("write");
    let out = run(dir.path(), &["print", "bad.ron", "-o", "out.html"]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr).starts_with("bad.ron:3:11: error: "),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("out.html").exists(), "nothing written");
}

#[test]
fn print_will_not_overwrite_the_map_it_prints() {
    let dir = folder();
    let before = fs::read(dir.path().join("map.ron")).expect("read");
    let out = run(
        dir.path(),
        &["print", "map.ron", "--format", "csv", "-o", "map.ron"],
    );
    assert_exit(&out, 1);
    assert!(text(&out.stderr).contains("this is the journey map itself"));
    assert_eq!(fs::read(dir.path().join("map.ron")).expect("read"), before);
}

#[test]
fn print_will_not_write_a_snapshot_over_another_map() {
    let dir = folder();
    fs::copy(dir.path().join("map.ron"), dir.path().join("other.ron")).expect("copy");
    let before = fs::read(dir.path().join("other.ron")).expect("read");
    // `.ron` is no snapshot extension, so this would be the text board.
    let out = run(dir.path(), &["print", "map.ron", "-o", "other.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "other.ron: error: this file is a journey map; write the snapshot to another file\n"
    );
    assert_eq!(
        fs::read(dir.path().join("other.ron")).expect("read"),
        before
    );
    // Nor over a map with a mistake in it, which is kept to be fixed.
    fs::write(
        dir.path().join("draft.ron"),
        "(format: 1, title: \"t\", stages: [",
    )
    .expect("seed");
    let out = run(dir.path(), &["print", "map.ron", "-o", "draft.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "draft.ron: error: this .ron file is most likely a journey map; \
         write the snapshot to another file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("draft.ron")).expect("read"),
        "(format: 1, title: \"t\", stages: ["
    );
    // An older snapshot is replaced, as expected.
    fs::write(dir.path().join("board.txt"), "yesterday's board").expect("seed");
    assert_exit(
        &run(dir.path(), &["print", "map.ron", "-o", "board.txt"]),
        0,
    );
    assert_ne!(
        fs::read_to_string(dir.path().join("board.txt")).expect("read"),
        "yesterday's board"
    );
}

#[test]
fn hostile_text_is_neutralised_on_the_terminal() {
    let dir = folder();
    fs::write(
        dir.path().join("hostile.ron"),
        format::to_string(&hostile()),
    )
    .expect("write");
    let out = run(dir.path(), &["print", "hostile.ron", "--color", "never"]);
    assert_exit(&out, 0);
    let board = text(&out.stdout);
    assert!(
        !board
            .chars()
            .any(|c| journeymap::text::is_unsafe(c) && c != '\n')
    );
    assert!(
        board.contains("\u{241b}[31mRed\u{2407}"),
        "ESC and BEL shown as pictures"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = folder();
    let mut big = Map::new("Big");
    for i in 0..40 {
        let mut s = Stage::new(format!("Stage {i}"));
        for j in 0..50 {
            s.lane_mut(Lane::PainPoints).push(Card::new(format!(
                "Pain point {j} with enough words to wrap"
            )));
        }
        big.stages.push(s);
    }
    fs::write(dir.path().join("big.ron"), format::to_string(&big)).expect("write");
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("journeymap"))
        .current_dir(dir.path())
        .args(["print", "big.ron"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read a line");
    // The reader is dropped here, closing the pipe while the board is being written.
    let out = child.wait_with_output().expect("wait");
    assert_eq!(first, "Big\n");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn import_mermaid_and_csv_write_a_valid_map() {
    let dir = folder();
    let out = run(dir.path(), &["import", "working-day.mmd", "-o", "day.ron"]);
    assert_exit(&out, 0);
    assert_eq!(
        text(&out.stdout),
        "day.ron: imported 2 stages and 10 cards from working-day.mmd (mermaid)\n"
    );
    let check = run(dir.path(), &["check", "day.ron"]);
    assert_exit(&check, 0);

    let out = run(dir.path(), &["import", "good.csv", "-o", "csv.ron"]);
    assert_exit(&out, 0);
    let map = format::from_str(&fs::read_to_string(dir.path().join("csv.ron")).expect("read"))
        .expect("valid map");
    assert_eq!(map.title, "good", "the title comes from the file name");
    assert_eq!(map.stages.len(), 2);
    assert_eq!(
        map.stages[0].lane(Lane::Touchpoints)[0].text,
        "Ad for \"teams\", with comma"
    );
    assert_eq!(
        map.stages[0].lane(Lane::Touchpoints)[0].notes,
        "multi\r\nline note"
    );

    // --from overrides the extension.
    fs::copy(dir.path().join("good.csv"), dir.path().join("export.txt")).expect("copy");
    let out = run(
        dir.path(),
        &["import", "export.txt", "--from", "csv", "-o", "txt.ron"],
    );
    assert_exit(&out, 0);
    assert!(entries(dir.path()).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn import_reports_bad_input_at_its_line_and_column_and_writes_nothing() {
    let dir = folder();
    fs::write(dir.path().join("keep.ron"), "precious").expect("seed");
    let out = run(dir.path(), &["import", "empty-score.mmd", "-o", "keep.ron"]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "empty-score.mmd:3:14: error: expected a score from 1 to 5 after the `:`\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("3 |     Make tea:\n"),
        "the line is shown: {err}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("keep.ron")).expect("read"),
        "precious"
    );

    let out = run(dir.path(), &["import", "bad-score.csv", "-o", "new.ron"]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr).starts_with("bad-score.csv:3:24: error: an emotion score must be"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("new.ron").exists());
}

#[test]
fn import_warns_of_each_score_it_changed_and_succeeds() {
    let dir = folder();
    let out = run(dir.path(), &["import", "scores.mmd", "-o", "scores.ron"]);
    assert_exit(&out, 0);
    let err = text(&out.stderr);
    let heads: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("scores.mmd:"))
        .map(|l| l.split(": warning: ").next().unwrap_or(l))
        .collect();
    assert_eq!(
        heads,
        [
            "scores.mmd:4:17",
            "scores.mmd:5:21",
            "scores.mmd:6:19",
            "scores.mmd:7:15",
            "scores.mmd:8:13",
            "scores.mmd:9:18"
        ],
        "{err}"
    );
    assert!(
        err.contains("scores.mmd:8:13: warning: the score `Open the door` is not a number: imported as neutral (0); Mermaid ends a task name at its first `:`; write #58; for a colon in a task name\n"),
        "{err}"
    );
    assert!(
        err.contains("8 |       Step: Open the door: 4: Me\n"),
        "{err}"
    );
    assert_exit(&run(dir.path(), &["check", "scores.ron"]), 0);
}

#[test]
fn import_says_which_of_several_diagrams_it_took_and_takes_another_with_diagram() {
    let dir = folder();
    let out = run(dir.path(), &["import", "two-journeys.md", "-o", "one.ron"]);
    assert_exit(&out, 0);
    let err = text(&out.stderr);
    assert!(
        err.starts_with(
            "two-journeys.md:5:1: note: this file holds 2 journey diagrams; imported diagram 1"
        ),
        "{err}"
    );
    let one = journeymap::store::load(&dir.path().join("one.ron")).expect("a valid map");
    assert_eq!(one.title, "Today");

    let out = run(
        dir.path(),
        &[
            "import",
            "two-journeys.md",
            "--diagram",
            "2",
            "-o",
            "two.ron",
        ],
    );
    assert_exit(&out, 0);
    assert!(text(&out.stderr).starts_with("two-journeys.md:21:1: note:"));
    let two = journeymap::store::load(&dir.path().join("two.ron")).expect("a valid map");
    assert_eq!(two.title, "Tomorrow");

    let out = run(
        dir.path(),
        &[
            "import",
            "two-journeys.md",
            "--diagram",
            "3",
            "-o",
            "three.ron",
        ],
    );
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr)
            .contains("error: this file holds 2 journey diagrams: there is no diagram 3"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("three.ron").exists());

    let out = run(
        dir.path(),
        &["import", "good.csv", "--diagram", "2", "-o", "csv.ron"],
    );
    assert_exit(&out, 1);
    assert!(text(&out.stderr).contains("--diagram chooses among the diagrams of a Markdown file"));
    assert_exit(
        &run(
            dir.path(),
            &[
                "import",
                "two-journeys.md",
                "--diagram",
                "0",
                "-o",
                "zero.ron",
            ],
        ),
        2,
    );
}

#[test]
fn import_replaces_an_existing_file_only_with_force() {
    let dir = folder();
    let before = fs::read(dir.path().join("map.ron")).expect("read");
    let out = run(dir.path(), &["import", "working-day.mmd", "-o", "map.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "map.ron: error: the file already exists; use --force to replace it\n"
    );
    assert_eq!(fs::read(dir.path().join("map.ron")).expect("read"), before);

    let out = run(
        dir.path(),
        &["import", "working-day.mmd", "-o", "map.ron", "--force"],
    );
    assert_exit(&out, 0);
    let map = journeymap::store::load(&dir.path().join("map.ron")).expect("a valid map");
    assert_eq!(map.stages.len(), 2);
}

#[test]
fn import_usage_errors() {
    let dir = folder();
    fs::write(dir.path().join("journey.txt"), "journey\n").expect("write");
    let out = run(dir.path(), &["import", "journey.txt", "-o", "x.ron"]);
    assert_exit(&out, 2);
    assert!(
        text(&out.stderr).contains("--from mermaid or --from csv or --from json"),
        "{}",
        text(&out.stderr)
    );
    assert_exit(&run(dir.path(), &["import", "working-day.mmd"]), 2);
    assert_exit(
        &run(
            dir.path(),
            &["import", "working-day.mmd", "-o", "x.ron", "--from", "yaml"],
        ),
        2,
    );
    let out = run(dir.path(), &["import", "nothing.mmd", "-o", "x.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "nothing.mmd: error: no such file or folder\n"
    );
    assert!(!dir.path().join("x.ron").exists());
}

#[test]
fn print_takes_several_maps_one_after_the_other() {
    let dir = folder();
    fs::copy(dir.path().join("map.ron"), dir.path().join("second.ron")).expect("copy");
    let out = run(
        dir.path(),
        &["print", "map.ron", "missing.ron", "second.ron"],
    );
    assert_exit(&out, 1);
    let boards = text(&out.stdout);
    assert_eq!(
        boards.matches("Trial sign-up journey: Clockwise").count(),
        2
    );
    assert!(
        boards.contains("┘\n\nTrial sign-up"),
        "a blank line between maps"
    );
    assert_eq!(
        text(&out.stderr),
        "missing.ron: error: no such file or folder\n"
    );

    // Markdown too; a data format would be two files glued into a broken one.
    let out = run(
        dir.path(),
        &["print", "map.ron", "second.ron", "--format", "markdown"],
    );
    assert_exit(&out, 0);
    assert_eq!(
        text(&out.stdout).matches("# Trial sign-up journey").count(),
        2
    );
    for format in ["csv", "html", "svg", "mermaid"] {
        let out = run(
            dir.path(),
            &["print", "map.ron", "second.ron", "--format", format],
        );
        assert_exit(&out, 2);
        assert!(
            text(&out.stderr).contains(&format!("a {format} snapshot holds one map")),
            "{}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{format}");
    }

    let out = run(
        dir.path(),
        &["print", "map.ron", "second.ron", "-o", "x.txt"],
    );
    assert_exit(&out, 2);
    assert!(!dir.path().join("x.txt").exists());
}

/// A word of a megabyte (no space to wrap at) is cut into lines in one pass: `print` draws
/// it whole, in the text board and the poster, as fast as any other megabyte. Cutting it
/// used to measure the rest of the word again after every line.
#[test]
fn print_draws_a_one_megabyte_word_whole() {
    let dir = folder();
    let word = "é".repeat(250_000) + &"q".repeat(500_000);
    let mut map = Map::new("Big");
    let mut stage = Stage::new("Long");
    stage
        .lane_mut(Lane::Touchpoints)
        .push(Card::new(word.as_str()));
    map.stages = vec![stage];
    fs::write(dir.path().join("big.ron"), format::to_string(&map)).expect("write");
    for kind in ["text", "svg"] {
        let out = run(
            dir.path(),
            &["print", "big.ron", "--format", kind, "--width", "100"],
        );
        assert_exit(&out, 0);
        let shown = text(&out.stdout);
        assert_eq!(shown.matches('é').count(), 250_000, "{kind}");
        assert_eq!(shown.matches('q').count(), 500_000, "{kind}");
        if kind == "text" {
            let widest = shown.lines().map(journeymap::text::width).max();
            assert!(widest <= Some(100), "a line {widest:?} wide");
        }
    }
}

#[test]
fn dash_is_standard_output_and_a_fifo_is_never_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        root().join("assets/examples/trial-signup.ron"),
        dir.path().join("map.ron"),
    )
    .expect("copy");
    let out = run(dir.path(), &["print", "map.ron", "-f", "csv", "-o", "-"]);
    assert_exit(&out, 0);
    assert!(text(&out.stdout).starts_with("stage,lane,text"));
    assert!(!dir.path().join("-").exists(), "no file called -");

    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped the FIFO half: mkfifo is not available");
        return;
    }
    let out = run(dir.path(), &["print", "map.ron", "-o", "pipe"]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("not a regular file (a FIFO)"), "{err}");
    assert!(err.contains("-o -"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo)
            .expect("still there")
            .file_type()
            .is_fifo()
    );
}
