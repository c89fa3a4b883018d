//! The merge cases of `tests/fixtures/merge/<case>/`: `base.ron`, `ours.ron` and
//! `theirs.ron` merged by the real binary as git's driver, compared with `expected.ron`.
//! The exit is 0, or what the case's `exit` file says.

use std::fs;

use crate::cli::{assert_exit, journeymap, repo_file};

#[test]
fn every_merge_case_gives_its_expected_map() {
    let cases = repo_file("tests/fixtures/merge");
    let mut names: Vec<_> = fs::read_dir(&cases)
        .expect("merge cases")
        .map(|e| e.expect("case").path())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for case in names {
        let dir = tempfile::tempdir().expect("temp dir");
        // git's temporary files have no extension.
        let (o, a, b) = (
            dir.path().join(".merge_file_O"),
            dir.path().join(".merge_file_A"),
            dir.path().join(".merge_file_B"),
        );
        fs::copy(case.join("base.ron"), &o).expect("base");
        fs::copy(case.join("ours.ron"), &a).expect("ours");
        fs::copy(case.join("theirs.ron"), &b).expect("theirs");
        let out = journeymap(dir.path())
            .args(["merge", "--git"])
            .args([&o, &a, &b])
            .args(["map.ron", "7", "base", "ours", "theirs"])
            .output()
            .expect("run journeymap");
        let exit = fs::read_to_string(case.join("exit"))
            .map_or(0, |s| s.trim().parse().expect("exit status"));
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            out.status.code(),
            Some(exit),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = fs::read_to_string(case.join("expected.ron")).expect("expected");
        assert_eq!(fs::read_to_string(&a).expect("result"), expected, "{name}");
        if !expected.contains("<<<<<<<") {
            // The result is a map; with conflicts, `check` fails until they are resolved.
            let check = journeymap(dir.path())
                .arg("check")
                .arg(&a)
                .output()
                .expect("check");
            assert_exit(&check, i32::from(expected.contains("conflict:")));
        }
    }
}

#[test]
fn the_switch_leaves_maps_to_gits_text_merge() {
    let case = repo_file("tests/fixtures/merge/add-add-one-lane");
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, a, b) = (
        dir.path().join("O"),
        dir.path().join("A"),
        dir.path().join("B"),
    );
    fs::copy(case.join("base.ron"), &o).expect("base");
    fs::copy(case.join("ours.ron"), &a).expect("ours");
    fs::copy(case.join("theirs.ron"), &b).expect("theirs");
    let out = journeymap(dir.path())
        .env("JOURNEYMAP_MERGE", "0")
        .args(["merge", "--git"])
        .args([&o, &a, &b])
        .output()
        .expect("run journeymap");
    // Both sides added a line after "Long form": a text conflict.
    assert_exit(&out, 1);
    assert!(
        fs::read_to_string(&a)
            .expect("result")
            .contains("<<<<<<< ours")
    );
}

#[test]
fn merge_writes_the_result_to_standard_output_or_a_file() {
    let case = repo_file("tests/fixtures/merge/edit-vs-edit");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = journeymap(&case)
        .args(["merge", "base.ron", "ours.ron", "theirs.ron"])
        .output()
        .expect("run");
    assert_exit(&out, 1);
    let expected = fs::read_to_string(case.join("expected.ron")).expect("expected");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    // The conflicts are in what went to standard output, not in ours.ron, which stays as
    // it was: the message must not send anyone to check ours.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard output"), "{err}");
    assert!(!err.contains("journeymap check ours.ron"), "{err}");
    let merged = dir.path().join("merged.ron");
    let out = journeymap(&case)
        .args(["merge", "base.ron", "ours.ron", "ours.ron", "-o"])
        .arg(&merged)
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(
        fs::read_to_string(&merged).expect("merged"),
        fs::read_to_string(case.join("ours.ron")).expect("ours")
    );
}

#[test]
fn an_empty_base_is_an_empty_map_outside_git_too() {
    let case = repo_file("tests/fixtures/merge/empty-base");
    let out = journeymap(&case)
        .args(["merge", "base.ron", "ours.ron", "theirs.ron"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let expected = fs::read_to_string(case.join("expected.ron")).expect("expected");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn a_title_changed_both_ways_is_recorded_safely_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = fs::read_to_string(repo_file("tests/fixtures/merge/edit-vs-untouched/base.ron"))
        .expect("base");
    fs::write(dir.path().join("base.ron"), &base).expect("base");
    let titled =
        |title: &str| base.replace("title: \"Trial sign-up\"", &format!("title: \"{title}\""));
    fs::write(dir.path().join("ours.ron"), titled("Trial, Q3")).expect("ours");
    fs::write(dir.path().join("theirs.ron"), titled("Trial \\u{1b}[2J")).expect("theirs");
    let out = journeymap(dir.path())
        .args([
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ])
        .output()
        .expect("run");
    assert_exit(&out, 1);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains('\x1b'), "{err:?}");
    // Both titles are in the file, theirs escaped, for `check` and the editor to settle.
    let merged = fs::read_to_string(dir.path().join("out.ron")).expect("out");
    assert!(
        merged.contains("    title: \"Trial, Q3\",\n    title_conflict: \"Trial \\u{1b}[2J\",\n"),
        "{merged}"
    );
}

/// The three sides of a case copied into a temporary folder as git names them.
fn sides(case: &str) -> (tempfile::TempDir, [std::path::PathBuf; 3]) {
    let case = repo_file(&format!("tests/fixtures/merge/{case}"));
    let dir = tempfile::tempdir().expect("temp dir");
    let files = ["O", "A", "B"].map(|n| dir.path().join(n));
    for (file, side) in files.iter().zip(["base.ron", "ours.ron", "theirs.ron"]) {
        fs::copy(case.join(side), file).expect("side");
    }
    (dir, files)
}

#[cfg(unix)]
#[test]
fn under_a_file_size_limit_the_driver_exits_1_and_leaves_ours_whole() {
    for (case, theirs_extra) in [("add-add-one-lane", ""), ("add-add-one-lane", "<<<<\n")] {
        let (dir, [o, a, b]) = sides(case);
        // The second run: theirs does not load, so git's text merge is the fallback.
        let mut theirs = fs::read_to_string(&b).expect("theirs");
        theirs.push_str(theirs_extra);
        fs::write(&b, theirs).expect("theirs");
        let before = fs::read(&a).expect("ours");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -f 0; exec \"$0\" merge --git \"$1\" \"$2\" \"$3\" map.ron 7")
            .arg(assert_cmd::cargo::cargo_bin!("journeymap"))
            .args([&o, &a, &b])
            .current_dir(dir.path())
            .output()
            .expect("run");
        assert_exit(&out, 1);
        assert_eq!(fs::read(&a).expect("ours"), before);
        let left: Vec<_> = fs::read_dir(dir.path())
            .expect("folder")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left.len(), 3, "{left:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_side_is_refused_at_once() {
    let (dir, [o, a, _]) = sides("add-add-one-lane");
    let fifo = dir.path().join("F");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let before = fs::read(&a).expect("ours");
    let out = journeymap(dir.path())
        .args(["merge", "--git"])
        .args([&o, &a, &fifo])
        .args(["map.ron", "7"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("run");
    assert_exit(&out, 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    assert_eq!(fs::read(&a).expect("ours"), before);
}

#[test]
fn a_file_that_is_not_a_map_gets_gits_own_result() {
    let dir = tempfile::tempdir().expect("temp dir");
    let [o, a, b] = ["O", "A", "B"].map(|n| dir.path().join(n));
    fs::write(&o, "(theme: \"dark\", width: 80)\n").expect("base");
    fs::write(&a, "(theme: \"light\", width: 80)\n").expect("ours");
    fs::write(&b, "(theme: \"dark\", width: 80)\n").expect("theirs");
    let out = journeymap(dir.path())
        .args(["merge", "--git"])
        .args([&o, &a, &b])
        .args(["settings.ron", "7"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(
        fs::read_to_string(&a).expect("result"),
        "(theme: \"light\", width: 80)\n"
    );
}
