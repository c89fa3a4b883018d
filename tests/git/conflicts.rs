//! The conflict record: an optional addition to format 1 that loads, saves canonically, and
//! fails `check` at every conflict.

use journeymap::format;
use journeymap::model::{Lane, Side};

use crate::cli::{assert_exit, folder_with, run, stderr};

const FIXTURE: &str = "tests/fixtures/conflicts/two-conflicts.ron";

#[test]
fn a_map_with_conflicts_loads_and_saves_them_back() {
    let text = std::fs::read_to_string(crate::cli::repo_file(FIXTURE)).expect("fixture");
    let map = format::from_str(&text).expect("loads");
    let stage = &map.stages[0];
    assert_eq!(stage.conflict.as_deref(), Some("Purchase"));
    let sides: Vec<Option<Side>> = stage
        .lane(Lane::PainPoints)
        .iter()
        .map(|c| c.conflict)
        .collect();
    assert_eq!(sides, [Some(Side::Ours), Some(Side::Theirs), None]);
    assert_eq!(map.conflict_count(), 3);
    assert_eq!(format::to_string(&map), text);
}

#[test]
fn check_reports_every_conflict_with_its_position_and_fails() {
    let dir = folder_with(&[("map.ron", FIXTURE)]);
    let out = run(dir.path(), &["check", "map.ron"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    let positions: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("map.ron:"))
        .map(|l| l.split(": error: ").next().expect("position"))
        .collect();
    assert_eq!(
        positions,
        [
            "map.ron:7:23",
            "map.ron:9:54",
            "map.ron:10:62",
            "map.ron:14:62"
        ],
        "{err}"
    );
    assert!(
        err.contains("error: merge conflict: ours' version of this card"),
        "{err}"
    );
    assert!(
        err.contains("renamed both ways, and theirs named it \"Purchase\""),
        "{err}"
    );
    // Opening it is fine: the editor and `print` read it like any map.
    assert_exit(
        &run(dir.path(), &["print", "map.ron", "--format", "json"]),
        0,
    );
}

#[test]
fn a_resolved_map_checks_clean() {
    let dir = folder_with(&[("map.ron", FIXTURE)]);
    let path = dir.path().join("map.ron");
    let text = std::fs::read_to_string(&path).expect("read");
    let resolved = text
        .replace("            conflict: \"Purchase\",\n", "")
        .replace(
            "                (text: \"Long form with 12 fields\", conflict: theirs),\n",
            "",
        )
        .replace(", conflict: ours", "")
        .replace(", conflict: theirs", "");
    std::fs::write(&path, resolved).expect("write");
    assert_exit(&run(dir.path(), &["check", "map.ron"]), 0);
}

#[test]
fn the_title_the_persona_and_a_description_changed_both_ways_are_records_check_reports() {
    const MERGED: &str = "tests/fixtures/merge/title-persona-description-both-ways/expected.ron";
    let text = std::fs::read_to_string(crate::cli::repo_file(MERGED)).expect("fixture");
    let map = format::from_str(&text).expect("a map with conflict records loads");
    assert_eq!(map.title_conflict.as_deref(), Some("Trial sign-up, autumn"));
    let persona = map.persona.as_ref().expect("persona");
    assert_eq!(persona.name_conflict.as_deref(), Some("Olivia C."));
    assert_eq!(persona.summary_conflict.as_deref(), Some("Runs a bakery"));
    assert_eq!(
        map.stages[0].description_conflict.as_deref(),
        Some("How do people hear of us?")
    );
    assert_eq!(map.conflict_count(), 4);
    assert_eq!(format::to_string(&map), text, "saved back as it was");

    let dir = folder_with(&[("map.ron", MERGED)]);
    let out = run(dir.path(), &["check", "map.ron"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    let problems: Vec<&str> = err.lines().filter(|l| l.starts_with("map.ron:")).collect();
    let expected = [
        "map.ron:4:21: error: merge conflict: the title was changed both ways, and theirs is \"Trial sign-up, autumn\"; keep one title in `title` and remove `title_conflict`",
        "map.ron:7:24: error: merge conflict: the persona's name was changed both ways, and theirs is \"Olivia C.\"; keep one name in `name` and remove `name_conflict`",
        "map.ron:9:27: error: merge conflict: the persona's summary was changed both ways, and theirs is \"Runs a bakery\"; keep one summary in `summary` and remove `summary_conflict`",
        "map.ron:16:35: error: merge conflict: this stage's description was changed both ways, and theirs is \"How do people hear of us?\"; keep one description in `description` and remove `description_conflict`",
    ];
    assert_eq!(problems, expected, "{err}");
}

#[test]
fn the_textconv_listing_shows_every_record() {
    const MERGED: &str = "tests/fixtures/merge/title-persona-description-both-ways/expected.ron";
    let dir = folder_with(&[("map.ron", MERGED)]);
    let out = run(dir.path(), &["diff", "--textconv", "map.ron"]);
    assert_exit(&out, 0);
    let listing = crate::cli::stdout(&out);
    for line in [
        "title conflict: theirs is \"Trial sign-up, autumn\"",
        "persona name conflict: theirs is \"Olivia C.\"",
        "persona summary conflict: theirs is \"Runs a bakery\"",
        "Look description conflict: theirs is \"How do people hear of us?\"",
    ] {
        assert!(listing.lines().any(|l| l == line), "{line}:\n{listing}");
    }
}

#[test]
fn a_persona_removed_on_one_side_and_changed_on_the_other_is_kept_marked() {
    const MERGED: &str = "tests/fixtures/merge/persona-removed-vs-changed/expected.ron";
    let text = std::fs::read_to_string(crate::cli::repo_file(MERGED)).expect("fixture");
    let map = format::from_str(&text).expect("loads");
    let persona = map.persona.as_ref().expect("the changed persona is kept");
    assert_eq!(persona.conflict, Some(Side::Theirs));
    assert_eq!(map.conflict_count(), 1);
    assert_eq!(format::to_string(&map), text);
    let dir = folder_with(&[("map.ron", MERGED)]);
    let out = run(dir.path(), &["check", "map.ron"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    let problems: Vec<&str> = err.lines().filter(|l| l.starts_with("map.ron:")).collect();
    assert_eq!(
        problems,
        [
            "map.ron:8:19: error: merge conflict: theirs changed the persona and ours removed it; keep it (remove its `conflict` field) or remove the persona"
        ],
        "{err}"
    );
}
