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
fn a_title_changed_both_ways_is_named_safely_and_exits_1() {
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
    assert!(
        err.contains("the title was changed both ways: kept ours' \"Trial, Q3\""),
        "{err}"
    );
    assert!(!err.contains('\x1b'), "{err:?}");
}
