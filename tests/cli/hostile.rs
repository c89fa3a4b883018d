//! Text from outside (file names, file contents, arguments) never reaches the terminal as
//! control characters or direction overrides.

use super::*;

/// Bytes that could drive a terminal or reorder what it shows.
fn assert_harmless(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && journeymap::text::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?}: {text:?}");
}

#[track_caller]
fn assert_output_harmless(out: &std::process::Output) {
    assert_harmless("stdout", &out.stdout);
    assert_harmless("stderr", &out.stderr);
}

/// A file name that sets the window title, clears the screen, rings the bell and reverses
/// the text that follows.
const EVIL_NAME: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}nor.ron";

#[test]
fn a_hostile_file_name_is_never_printed_as_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(repo_file(EXAMPLE), dir.path().join(EVIL_NAME)).expect("copy");
    let out = run(dir.path(), &["check", EVIL_NAME]);
    assert_exit(&out, 0);
    assert_output_harmless(&out);
    assert!(
        stdout(&out).starts_with("evil␛]0;pwned␇␛[2J"),
        "{}",
        stdout(&out)
    );

    fs::copy(repo_file(HAND_EDITED), dir.path().join(EVIL_NAME)).expect("copy");
    let out = run(dir.path(), &["fmt", "--check", EVIL_NAME]);
    assert_exit(&out, 1);
    assert_output_harmless(&out);
    let out = run(dir.path(), &["fmt", EVIL_NAME]);
    assert_exit(&out, 0);
    assert_output_harmless(&out);

    fs::copy(repo_file(SCORE_7), dir.path().join(EVIL_NAME)).expect("copy");
    let out = run(dir.path(), &["check", EVIL_NAME]);
    assert_exit(&out, 1);
    assert_output_harmless(&out);

    let missing = format!("missing-{EVIL_NAME}");
    let out = run(dir.path(), &["check", &missing]);
    assert_exit(&out, 1);
    assert_output_harmless(&out);

    let out = run(dir.path(), &["new", EVIL_NAME]);
    assert_exit(&out, 1);
    assert_output_harmless(&out);
    let new = format!("new-{EVIL_NAME}");
    let out = run(dir.path(), &["new", &new, "--title", "\u{1b}[2J title"]);
    assert_exit(&out, 0);
    assert_output_harmless(&out);
}

#[test]
fn an_error_never_echoes_control_characters_from_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Each file has raw control characters and overrides on the line of its error, so the
    // excerpt under the message would show them.
    let cases: &[&[u8]] = &[
        b"(\n    format: 1,\n    title: \"\x1b[31mred\x07\x1b]0;x\x07\", bogus: 1,\n    stages: [(name: \"s\")],\n)\n",
        b"(\n    format: 1,\n    title: \"t\",\n    stages: [(name: \"\xe2\x80\xae\x1b[2J\", emotions: [(text: \"a\", score: 7)])],\n)\n",
        b"(\n    format: 1,\n    title: \"t\",\n    stages: [(name: \"\xc2\x9b2J\", emotions: [(text: \"\x1b\", score: 1\x1b[31m)])],\n)\n",
        b"(\n    format: 1,\n    title: \"\x1b[2J",
        b"\x1b[2J\x1b]0;title\x07{\"format\": 1}",
        b"(\n    format: 99,\n    title: \"\x1b[2J\", zzz: \"\x1b[2J\",\n)\n",
        b"(\n    format: 1,\n    title: \"\x1b\xff\x1b[2J\",\n)\n",
        b"(\n    format: 1,\n    title: \"t\",\n    stages: [(name: \"s\", emotions: [(text: \"\x1b[2J\", score: b\"\x1b\")])],\n)\n",
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let name = format!("case-{i}.ron");
        fs::write(dir.path().join(&name), bytes).expect("write");
        for args in [
            &["check", &name][..],
            &["fmt", &name],
            &["fmt", "--check", &name],
        ] {
            let out = run(dir.path(), args);
            assert_exit(&out, 1);
            assert!(
                stderr(&out).starts_with(&format!("{name}:")),
                "{}",
                stderr(&out)
            );
            assert_output_harmless(&out);
        }
        assert_eq!(fs::read(dir.path().join(&name)).expect("read"), *bytes);
    }
}

#[test]
fn an_unknown_template_name_is_not_echoed_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        &["new", "map.ron", "--template", "\u{1b}[2J\u{202e}"],
    );
    assert_exit(&out, 2);
    assert_output_harmless(&out);
}

#[test]
fn a_hostile_argument_is_never_echoed_by_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(repo_file(EXAMPLE), dir.path().join("map.ron")).expect("copy");
    let out = run(
        dir.path(),
        &["print", "map.ron", "--format", "html\u{1b}]0;PWNED\u{7}"],
    );
    assert_exit(&out, 2);
    assert_output_harmless(&out);
    assert!(stderr(&out).contains("invalid value"), "{}", stderr(&out));
    let out = run(dir.path(), &["\u{1b}[2Jfrobnicate", "x"]);
    assert_exit(&out, 2);
    assert_output_harmless(&out);
    // Help and version still go to stdout with success.
    let out = run(dir.path(), &["--version"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).starts_with("journeymap "), "{}", stdout(&out));
}
