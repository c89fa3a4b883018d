//! `import` of the JSON that `print --format json` writes: the map comes back whole, and
//! JSON that is not that shape is refused at its line and column.

use journeymap::export::{self, Options};
use journeymap::format;
use journeymap::import;
use journeymap::model::Map;
use proptest::prelude::*;

use super::{example, hostile, wide};
use crate::cli::{EXAMPLE, assert_exit, folder_with, run, stderr};

fn json_importer() -> &'static import::Importer {
    import::find("json").expect("json importer")
}

fn round_trip(map: &Map) -> Map {
    let json = export::render("json", map, &Options::default()).expect("json format");
    import::import(json_importer(), json.as_bytes(), "fallback").expect("the JSON imports")
}

fn import_error(json: &str) -> (usize, usize, String) {
    let e = import::import(json_importer(), json.as_bytes(), "fallback")
        .expect_err("the JSON is refused");
    (e.line, e.column, e.message)
}

#[test]
fn print_then_import_gives_the_same_map() {
    for map in [example(), hostile(), wide()] {
        assert_eq!(round_trip(&map), map, "{}", map.title);
    }
}

#[test]
fn the_extension_json_means_the_json_importer() {
    let found = import::for_path(std::path::Path::new("export.JSON")).map(|i| i.name);
    assert_eq!(found, Some("json"));
}

#[test]
fn missing_and_null_keys_are_not_stated() {
    let map = import::import(
        json_importer(),
        br#"{"stages": [{"name": "Only", "opportunities": [{"text": "Call back", "owner": null}]}]}"#,
        "from file",
    )
    .expect("a sparse map imports");
    assert_eq!(map.title, "from file");
    assert_eq!(map.persona, None);
    let card = &map.stages[0].lane(journeymap::model::Lane::Opportunities)[0];
    assert_eq!((card.text.as_str(), card.owner.as_str()), ("Call back", ""));
    assert_eq!(card.status, None);
}

#[test]
fn what_is_not_the_shape_is_refused_where_it_is() {
    // A key of another lane: a score on a pain point.
    let (line, column, message) = import_error(
        "{\"stages\": [\n  {\"name\": \"S\", \"pain_points\": [{\"text\": \"é\", \"score\": 2}]}\n]}",
    );
    assert_eq!(line, 2);
    assert!(message.contains("unknown field `score`"), "{message}");
    assert!(column > 40, "column {column}");
    // A value out of range, a word not in the list, blank text, broken JSON.
    let cases = [
        (
            r#"{"stages": [{"name": "S", "emotions": [{"text": "x", "score": 5}]}]}"#,
            "between -2 and +2, not 5",
        ),
        (
            r#"{"stages": [{"name": "S", "touchpoints": [{"text": "x", "votes": 10000}]}]}"#,
            "between 0 and 9999",
        ),
        (
            r#"{"stages": [{"name": "S", "opportunities": [{"text": "x", "status": "closed"}]}]}"#,
            "`status` must be one of open, planned, done, not \"closed\"",
        ),
        (
            r#"{"stages": [{"name": "S", "touchpoints": [{"text": "  "}]}]}"#,
            "blank",
        ),
        (r#"{"stages": []}"#, "no stages"),
        (r#"{"format": 2, "stages": []}"#, "format 2"),
        (r#"{"stages": [{"name": "S""#, "EOF"),
    ];
    for (json, expected) in cases {
        let (_, _, message) = import_error(json);
        assert!(message.contains(expected), "{json}: {message}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_map_comes_back_from_its_json(map in crate::format::round_trip::map()) {
        let mut expected = map.clone();
        // As with every import, a map without a title is named after the file.
        if journeymap::model::is_blank(&expected.title) {
            expected.title = "fallback".into();
        }
        prop_assert_eq!(round_trip(&map), expected);
    }
}

#[test]
fn the_binary_imports_what_it_printed() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    assert_exit(&run(dir.path(), &["print", "map.ron", "-o", "map.json"]), 0);
    let out = run(dir.path(), &["import", "map.json", "-o", "back.ron"]);
    assert_exit(&out, 0);
    let back = std::fs::read_to_string(dir.path().join("back.ron")).expect("written");
    let original = std::fs::read_to_string(dir.path().join("map.ron")).expect("the map");
    assert_eq!(
        format::from_str(&back).expect("valid"),
        format::from_str(&original).expect("valid")
    );
    // Bad JSON: a position, and nothing written.
    std::fs::write(dir.path().join("bad.json"), "{\n  \"stages\": [1]\n}\n").expect("write");
    let out = run(dir.path(), &["import", "bad.json", "-o", "bad.ron"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).starts_with("bad.json:2:"), "{}", stderr(&out));
    assert!(!dir.path().join("bad.ron").exists());
}
