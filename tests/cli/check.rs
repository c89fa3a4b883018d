//! `journeymap check FILE...`: validates, reports every problem, exit 0 / 1 / 2.

use super::*;

#[test]
fn check_on_the_example_says_ok_with_the_counts() {
    let map = journeymap::store::load(&repo_file(EXAMPLE)).expect("the example loads");
    let out = run(&repo_file(""), &["check", EXAMPLE]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        format!("{EXAMPLE}: ok (5 stages, {} cards)\n", map.card_count())
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_reports_each_file_and_fails_when_one_is_bad() {
    let dir = folder_with(&[("a.ron", EXAMPLE), ("b.ron", SCORE_7), ("c.ron", EXAMPLE)]);
    let out = run(dir.path(), &["check", "a.ron", "b.ron", "c.ron"]);
    assert_exit(&out, 1);
    let stdout = stdout(&out);
    let ok: Vec<&str> = stdout.lines().collect();
    assert_eq!(ok.len(), 2, "{stdout}");
    assert!(ok[0].starts_with("a.ron: ok (5 stages, "), "{stdout}");
    assert!(ok[1].starts_with("c.ron: ok (5 stages, "), "{stdout}");
    // A compiler-style report: FILE:LINE:COLUMN: error: MESSAGE, the line, a caret under
    // the column.
    assert_eq!(
        stderr(&out),
        "\
b.ron:11:28: error: an emotion score must be between -2 and +2, not 7
   |
11 |                     score: 7,
   |                            ^
"
    );
}

#[test]
fn check_reports_every_problem_of_a_file() {
    let dir = folder_with(&[("many.ron", "tests/fixtures/invalid/several-problems.ron")]);
    let out = run(dir.path(), &["check", "many.ron"]);
    assert_exit(&out, 1);
    assert_eq!(stdout(&out), "");
    let stderr = stderr(&out);
    let reports: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(reports.len(), 8, "{stderr}");
    assert!(
        reports[0].starts_with("many.ron:7:13: error: unknown field"),
        "{stderr}"
    );
    assert!(
        reports[7].starts_with("many.ron:18:49: error: votes must be between 0 and 9999"),
        "{stderr}"
    );
    // Each report has its line and caret.
    assert!(stderr.contains("18 |             pain_points: [(text: \"Slow\", votes: 10000)],"));
    assert!(!stderr.contains("stopped after"), "{stderr}");
}

#[test]
fn a_byte_order_mark_does_not_shift_the_caret() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bom.ron"),
        "\u{feff}(format: 1, title: \"t\", stages: [(name: \"s\", emotions: [(text: \"e\", score: 7)])])",
    )
    .expect("write");
    let out = run(dir.path(), &["check", "bom.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "\
bom.ron:1:76: error: an emotion score must be between -2 and +2, not 7
  |
1 | …le: \"t\", stages: [(name: \"s\", emotions: [(text: \"e\", score: 7)])])
  |                                                              ^
"
    );
}

#[test]
fn check_stops_after_twenty_problems_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cards: Vec<String> = (0..30)
        .map(|i| format!("        (text: \"c{i}\", score: 9),\n"))
        .collect();
    let text = format!(
        "(format: 1, title: \"t\", stages: [(name: \"s\", emotions: [\n{}])])\n",
        cards.concat()
    );
    std::fs::write(dir.path().join("lots.ron"), text).expect("written");
    let out = run(dir.path(), &["check", "lots.ron"]);
    assert_exit(&out, 1);
    let stderr = stderr(&out);
    let reports = stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(reports, 20, "{stderr}");
    assert!(
        stderr.ends_with("lots.ron: stopped after 20 problems\n"),
        "{stderr}"
    );
}

#[test]
fn check_reports_every_bad_file() {
    let dir = folder_with(&[
        ("json.ron", "tests/fixtures/invalid/json.ron"),
        ("typo.ron", "tests/fixtures/invalid/unknown-field.ron"),
        ("good.ron", EXAMPLE),
        ("binary.ron", "tests/fixtures/invalid/not-utf8.ron"),
    ]);
    let out = run(
        dir.path(),
        &[
            "check",
            "json.ron",
            "typo.ron",
            "missing.ron",
            "good.ron",
            "binary.ron",
        ],
    );
    assert_exit(&out, 1);
    assert!(stdout(&out).starts_with("good.ron: ok"), "{}", stdout(&out));
    let stderr = stderr(&out);
    let firsts: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(firsts.len(), 4, "{stderr}");
    assert!(firsts[0].starts_with("json.ron:1:1: error: "), "{stderr}");
    assert!(firsts[0].contains("looks like JSON"), "{stderr}");
    assert!(
        firsts[1].starts_with("typo.ron:7:13: error: unknown field `touchpoint`"),
        "{stderr}"
    );
    assert_eq!(firsts[2], "missing.ron: error: no such file or folder");
    assert!(
        firsts[3].starts_with("binary.ron:5:27: error: the file is not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn check_on_every_invalid_fixture_fails_with_a_position() {
    let dir = repo_file("tests/fixtures/invalid");
    for name in entries(&dir) {
        let out = run(&dir, &["check", &name]);
        assert_exit(&out, 1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        let rest = first
            .strip_prefix(&format!("{name}:"))
            .unwrap_or_else(|| panic!("{name}: {first}"));
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().and_then(|s| s.parse::<usize>().ok());
        let column = parts.next().and_then(|s| s.parse::<usize>().ok());
        assert!(line.is_some() && column.is_some(), "{name}: {first}");
        assert!(
            parts.next().is_some_and(|m| m.starts_with(" error: ")),
            "{name}: {first}"
        );
        assert!(out.stdout.is_empty(), "{name}");
    }
}

#[test]
fn check_on_a_folder_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("maps")).expect("mkdir");
    let out = run(dir.path(), &["check", "maps"]);
    assert_exit(&out, 1);
    assert_eq!(stderr(&out), "maps: error: this is a folder, not a file\n");
}

#[test]
fn check_without_files_is_wrong_usage() {
    let out = run(&repo_file(""), &["check"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("Usage"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn wrong_usage_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["--no-such-option"][..],
        &["fmt"],
        &["fmt", "--check"],
        &["new"],
        &["templates", "extra"],
        &["check", "--bogus", "a.ron"],
    ] {
        let out = run(dir.path(), args);
        assert_exit(&out, 2);
    }
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn templates_lists_the_three_built_in_templates() {
    let out = run(&repo_file(""), &["templates"]);
    assert_exit(&out, 0);
    let stdout = stdout(&out);
    let names: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or_default())
        .collect();
    assert_eq!(names, ["five-stage", "four-stage", "ecommerce"], "{stdout}");
    assert!(
        stdout
            .lines()
            .next()
            .is_some_and(|l| l.ends_with("(default)")),
        "{stdout}"
    );
    assert_eq!(stdout.matches("(default)").count(), 1);
    assert_eq!(stderr(&out), "");
}
