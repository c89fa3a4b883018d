//! `journeymap diff`: the golden diff of the example against an edited copy, the exit
//! statuses, JSON, and git's external-diff arguments.

use std::fs;

use super::{assert_exit, repo_file, run, stderr, stdout};

const EXAMPLE: &str = "assets/examples/trial-signup.ron";
const EDITED: &str = "tests/fixtures/diff/trial-signup-edited.ron";

#[test]
fn the_example_against_an_edited_copy_reads_as_its_changes() {
    let out = run(&repo_file(""), &["diff", EXAMPLE, EDITED]);
    assert_exit(&out, 0);
    let expected = fs::read_to_string(repo_file("tests/fixtures/diff/trial-signup.diff.txt"))
        .expect("golden diff");
    assert_eq!(stdout(&out), expected);
    // Edits, moves (along a lane and between stages) and a rename are all there.
    for line in [
        "stage \"Research & Consideration\" renamed to \"Research & comparison\"",
        "    ~ \"Pricing page{+ with a calculator+}\"",
        "        moved from \"Research & Consideration\", Opportunities",
        "        moved along the lane from 3 to 1",
    ] {
        assert!(expected.contains(line), "{line}");
    }
}

#[test]
fn exit_code_tells_equal_from_different_and_a_map_that_does_not_load_is_1() {
    let dir = repo_file("");
    assert_exit(&run(&dir, &["diff", "--exit-code", EXAMPLE, EXAMPLE]), 0);
    assert_exit(&run(&dir, &["diff", "--exit-code", EXAMPLE, EDITED]), 1);
    assert_exit(&run(&dir, &["diff", EXAMPLE, EDITED]), 0);
    let out = run(&dir, &["diff", EXAMPLE, "no-such-map.ron"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("no-such-map.ron"), "{}", stderr(&out));
    let bad = run(&dir, &["diff", EXAMPLE, "Cargo.toml"]);
    assert_exit(&bad, 1);
    assert!(stderr(&bad).contains("Cargo.toml:1:"), "{}", stderr(&bad));
}

#[test]
fn json_lists_every_change() {
    let out = run(
        &repo_file(""),
        &["diff", "--format", "json", EXAMPLE, EDITED],
    );
    assert_exit(&out, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["equal"], false);
    assert_eq!(v["stages"][0]["change"], "renamed");
    let changes: Vec<&str> = v["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|c| c["change"].as_str().expect("change"))
        .collect();
    assert_eq!(
        changes,
        [
            "changed", "removed", "added", "changed", "changed", "changed"
        ]
    );
}

#[test]
fn takes_gits_external_diff_arguments() {
    let dir = repo_file("");
    let hex = "0000000000000000000000000000000000000000";
    let out = run(
        &dir,
        &[
            "diff", "map.ron", EXAMPLE, hex, "100644", EDITED, hex, "100644",
        ],
    );
    assert_exit(&out, 0);
    assert!(stdout(&out).starts_with("journeymap diff a/map.ron b/map.ron\nstage"));
    // A new file is a diff from nothing: every stage added.
    let out = run(
        &dir,
        &[
            "diff",
            "map.ron",
            "/dev/null",
            hex,
            "100644",
            EXAMPLE,
            hex,
            "100644",
        ],
    );
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("stage \"Awareness & Discovery\" added at 1 (9 cards)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_unmerged_path_from_git_is_named_not_compared() {
    let out = run(&repo_file(""), &["diff", "map.ron"]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "journeymap diff map.ron: unmerged; `journeymap check map.ron` lists its conflicts\n"
    );
}

#[test]
fn colour_marks_what_went_and_what_came() {
    let out = run(
        &repo_file(""),
        &["diff", "--color", "always", EXAMPLE, EDITED],
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("\x1b[32m{+ with a calculator+}\x1b[0m"),
        "{text}"
    );
    assert!(
        text.contains("\x1b[31m    - \"Colleague mentions us on a LinkedIn thread\"\x1b[0m"),
        "{text}"
    );
    // Never when asked not to, nor when NO_COLOR is set (as `run` sets it).
    assert!(!stdout(&run(&repo_file(""), &["diff", EXAMPLE, EDITED])).contains('\x1b'));
}

#[test]
fn a_removed_description_reads_none_as_a_removed_persona_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = fs::read_to_string(repo_file("assets/examples/trial-signup.ron")).expect("example");
    let line = old
        .lines()
        .find(|l| l.trim_start().starts_with("description:"))
        .expect("a stage description");
    let new = old.replacen(&format!("{line}\n"), "", 1);
    fs::write(dir.path().join("old.ron"), &old).expect("written");
    fs::write(dir.path().join("new.ron"), &new).expect("written");
    let out = run(dir.path(), &["diff", "old.ron", "new.ron"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("description: \"") && text.contains("→ none"),
        "{text}"
    );
    assert!(!text.contains("→ \"\""), "{text}");
}

#[test]
fn textconv_passes_a_file_that_is_not_a_map_through() {
    let dir = repo_file("");
    let out = run(&dir, &["diff", "--textconv", "Cargo.toml"]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(repo_file("Cargo.toml")).expect("Cargo.toml")
    );
}

#[test]
fn a_merge_that_kept_both_titles_personas_and_descriptions_shows_the_conflicts_it_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = fs::read_to_string(repo_file(EXAMPLE)).expect("example");
    let persona = |map: &str, name: &str| {
        let line = map
            .lines()
            .find(|l| l.trim_start().starts_with("name:") && l.contains("Olivia"))
            .expect("the persona's name");
        map.replacen(line, &line.replace("Olivia", name), 1)
    };
    let description = |map: &str, text: &str| {
        let line = map
            .lines()
            .find(|l| l.trim_start().starts_with("description:"))
            .expect("a stage description")
            .to_string();
        let indent = &line[..line.len() - line.trim_start().len()];
        map.replacen(&line, &format!("{indent}description: \"{text}\","), 1)
    };
    let side = |title: &str, name: &str, text: &str| {
        let map = base.replacen("title: \"", &format!("title: \"{title} "), 1);
        description(&persona(&map, name), text)
    };
    fs::write(dir.path().join("base.ron"), &base).expect("written");
    fs::write(
        dir.path().join("ours.ron"),
        side("Ours", "Olivia O", "ours says"),
    )
    .unwrap();
    fs::write(
        dir.path().join("theirs.ron"),
        side("Theirs", "Olivia T", "theirs says"),
    )
    .unwrap();
    let merged = run(
        dir.path(),
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "merged.ron",
        ],
    );
    assert_exit(&merged, 1);

    let out = run(dir.path(), &["diff", "ours.ron", "merged.ron"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    for line in [
        "title conflict: none → theirs \"Theirs ",
        "persona name conflict: none → theirs \"Olivia T, operations manager\"",
        "description conflict: none → theirs \"theirs says\"",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let json = stdout(&run(
        dir.path(),
        &["diff", "ours.ron", "merged.ron", "--format", "json"],
    ));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["equal"], false);
    assert!(
        value["title_conflict"]["to"]
            .as_str()
            .unwrap()
            .starts_with("Theirs ")
    );
    let changes = |key: &str| value[key].as_array().unwrap().clone();
    assert!(
        changes("persona")
            .iter()
            .any(|c| c["change"] == "name conflict")
    );
    assert!(
        changes("stages")
            .iter()
            .any(|c| c["change"] == "description conflict")
    );
}
