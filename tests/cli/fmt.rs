//! `journeymap fmt [--check] FILE...`: rewrites in canonical form, or only reports; never
//! writes anything for an invalid file.

use super::*;

fn canonical() -> Vec<u8> {
    fs::read(repo_file(HAND_EDITED_CANONICAL)).expect("fixture")
}

#[test]
fn fmt_rewrites_a_non_canonical_file_and_then_check_passes() {
    let dir = folder_with(&[("messy.ron", HAND_EDITED)]);
    let path = dir.path().join("messy.ron");
    let out = run(dir.path(), &["fmt", "messy.ron"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "messy.ron: formatted\n");
    // Its two line comments and one block comment are gone, and fmt says so.
    assert_eq!(
        stderr(&out),
        "messy.ron: note: 3 comments were dropped: a map keeps no comments (a card's notes keep text)\n"
    );
    assert_eq!(fs::read(&path).expect("read"), canonical());
    assert_eq!(entries(dir.path()), ["messy.ron"]);

    let out = run(dir.path(), &["fmt", "--check", "messy.ron"]);
    assert_exit(&out, 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());

    // A canonical file is left alone, quietly.
    let out = run(dir.path(), &["fmt", "messy.ron"]);
    assert_exit(&out, 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(fs::read(&path).expect("read"), canonical());
}

#[test]
fn fmt_check_fails_on_a_non_canonical_file_and_leaves_it_alone() {
    let dir = folder_with(&[("messy.ron", HAND_EDITED), ("good.ron", EXAMPLE)]);
    let before = fs::read(dir.path().join("messy.ron")).expect("read");
    let out = run(dir.path(), &["fmt", "--check", "good.ron", "messy.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "messy.ron: not in canonical form (run `journeymap fmt` on it; its 3 comments would be dropped)\n"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        fs::read(dir.path().join("messy.ron")).expect("read"),
        before
    );
    assert_eq!(entries(dir.path()), ["good.ron", "messy.ron"]);
}

#[test]
fn fmt_writes_nothing_for_an_invalid_file() {
    let dir = folder_with(&[
        ("bad.ron", SCORE_7),
        ("messy.ron", HAND_EDITED),
        ("json.ron", "tests/fixtures/invalid/json.ron"),
        ("binary.ron", "tests/fixtures/invalid/not-utf8.ron"),
    ]);
    let bad = fs::read(dir.path().join("bad.ron")).expect("read");
    let json = fs::read(dir.path().join("json.ron")).expect("read");
    let binary = fs::read(dir.path().join("binary.ron")).expect("read");
    for check in [false, true] {
        let mut args = vec!["fmt"];
        if check {
            args.push("--check");
        }
        args.extend(["bad.ron", "json.ron", "binary.ron"]);
        let out = run(dir.path(), &args);
        assert_exit(&out, 1);
        let stderr = stderr(&out);
        assert!(
            stderr.starts_with("bad.ron:11:28: error: an emotion score"),
            "{stderr}"
        );
        assert!(stderr.contains("\njson.ron:1:1: error: "), "{stderr}");
        assert!(stderr.contains("\nbinary.ron:5:27: error: "), "{stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(fs::read(dir.path().join("bad.ron")).expect("read"), bad);
        assert_eq!(fs::read(dir.path().join("json.ron")).expect("read"), json);
        assert_eq!(
            fs::read(dir.path().join("binary.ron")).expect("read"),
            binary
        );
        assert_eq!(
            entries(dir.path()),
            ["bad.ron", "binary.ron", "json.ron", "messy.ron"]
        );
    }
    // The good file next to the bad one is still formatted.
    let out = run(dir.path(), &["fmt", "bad.ron", "messy.ron"]);
    assert_exit(&out, 1);
    assert_eq!(stdout(&out), "messy.ron: formatted\n");
    assert_eq!(
        fs::read(dir.path().join("messy.ron")).expect("read"),
        canonical()
    );
    assert_eq!(fs::read(dir.path().join("bad.ron")).expect("read"), bad);
}

#[test]
fn fmt_on_a_missing_file_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["fmt", "nowhere.ron"]);
    assert_exit(&out, 1);
    assert_eq!(stderr(&out), "nowhere.ron: error: no such file or folder\n");
    assert!(entries(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions_and_symlinks() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = folder_with(&[("real.ron", HAND_EDITED)]);
    let real = dir.path().join("real.ron");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
    symlink("real.ron", dir.path().join("link.ron")).expect("symlink");
    let out = run(dir.path(), &["fmt", "link.ron"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "link.ron: formatted\n");
    assert_eq!(fs::read(&real).expect("read"), canonical());
    assert!(
        fs::symlink_metadata(dir.path().join("link.ron"))
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::metadata(&real).expect("stat").permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(entries(dir.path()), ["link.ron", "real.ron"]);
}
