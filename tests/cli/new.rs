//! `journeymap new FILE [--template NAME] [--title TEXT] [--force]`.

use journeymap::format;
use journeymap::templates::Template;

use super::*;

#[test]
fn new_creates_a_map_from_each_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, stages) in [("five-stage", 5), ("four-stage", 4), ("ecommerce", 5)] {
        let file = format!("{name}.ron");
        let out = run(dir.path(), &["new", &file, "--template", name]);
        assert_exit(&out, 0);
        assert_eq!(
            stdout(&out),
            format!("{file}: created from template {name} ({stages} stages)\n")
        );
        let written = fs::read_to_string(dir.path().join(&file)).expect("read");
        let template = Template::find(name).expect("template").map();
        assert_eq!(written, format::to_string(&template), "{name}");
        assert_eq!(template.stages.len(), stages);
        // And it passes its own check.
        let out = run(dir.path(), &["check", &file]);
        assert_exit(&out, 0);
    }
    assert_eq!(
        entries(dir.path()),
        ["ecommerce.ron", "five-stage.ron", "four-stage.ron"]
    );
}

#[test]
fn new_without_a_template_uses_five_stage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["new", "map.ron"]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "map.ron: created from template five-stage (5 stages)\n"
    );
    let map = journeymap::store::load(&dir.path().join("map.ron")).expect("load");
    assert_eq!(map, journeymap::templates::default_map());
}

#[test]
fn new_with_a_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let title = "Checkout revamp: \"Q3\" 🛒 日本";
    let out = run(
        dir.path(),
        &[
            "new",
            "map.ron",
            "--template",
            "ecommerce",
            "--title",
            title,
        ],
    );
    assert_exit(&out, 0);
    let map = journeymap::store::load(&dir.path().join("map.ron")).expect("load");
    assert_eq!(map.title, title);
    let mut expected = Template::find("ecommerce").expect("template").map();
    expected.title = title.to_string();
    assert_eq!(map, expected);
}

#[test]
fn new_refuses_an_existing_file_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "precious, not even a map").expect("write");
    let out = run(dir.path(), &["new", "map.ron", "--title", "Other"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "map.ron: error: the file already exists; use --force to replace it\n"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read(&path).expect("read"), b"precious, not even a map");
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

#[test]
fn new_with_force_replaces_an_existing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.ron");
    fs::write(&path, "old").expect("write");
    let out = run(
        dir.path(),
        &["new", "map.ron", "--force", "--template", "four-stage"],
    );
    assert_exit(&out, 0);
    let map = journeymap::store::load(&path).expect("load");
    assert_eq!(map.stages.len(), 4);
    assert_eq!(entries(dir.path()), ["map.ron"]);
}

#[test]
fn new_with_an_unknown_template_is_wrong_usage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["new", "map.ron", "--template", "six-stage"]);
    assert_exit(&out, 2);
    let stderr = stderr(&out);
    assert!(stderr.contains("no template named `six-stage`"), "{stderr}");
    assert!(
        stderr.contains("five-stage, four-stage, ecommerce"),
        "{stderr}"
    );
    assert!(entries(dir.path()).is_empty(), "nothing is created");
}

#[test]
fn new_in_a_missing_folder_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["new", "no/such/folder/map.ron"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "no/such/folder/map.ron: error: no such file or folder\n"
    );
    assert!(entries(dir.path()).is_empty());
}
