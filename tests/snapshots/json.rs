//! `print --format json`: every field of every card, in the documented shape, text exact.

use journeymap::export::{self, Options};
use journeymap::model::{Card, Evidence, Lane, Map, Persona, Stage, Status};
use proptest::prelude::*;
use serde_json::Value;

use super::{example, hostile, root, wide};
use crate::cli::{EXAMPLE, assert_exit, folder_with, run, stdout};

fn json(map: &Map) -> Value {
    let out = export::render("json", map, &Options::default()).expect("the json format");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"))
}

/// The keys of an object, in order.
fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// A text that may be `null` (not stated).
fn opt_text(v: &Value, key: &str) -> String {
    match &v[key] {
        Value::Null => String::new(),
        Value::String(s) => {
            assert!(!s.is_empty(), "an empty {key} is written as null: {v}");
            s.clone()
        }
        other => panic!("{key} is text or null, not {other}"),
    }
}

fn text_of(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is text: {v}"))
        .to_string()
}

fn number(v: &Value, key: &str) -> i64 {
    v[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} is a number: {v}"))
}

fn word<T>(v: &Value, key: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    match &v[key] {
        Value::Null => None,
        Value::String(s) => Some(parse(s).unwrap_or_else(|| panic!("{key}: {s}"))),
        other => panic!("{key} is a word or null, not {other}"),
    }
}

/// The documented keys of a card in each lane, in order.
fn card_keys(lane: Lane) -> Vec<&'static str> {
    match lane {
        Lane::Touchpoints => vec!["text", "channel", "votes", "notes", "evidence", "source"],
        Lane::Emotions => vec!["text", "score", "votes", "notes", "evidence", "source"],
        Lane::PainPoints => vec!["text", "votes", "notes", "evidence", "source"],
        Lane::Opportunities => vec![
            "text", "votes", "notes", "evidence", "source", "owner", "status",
        ],
    }
}

fn card_from(v: &Value, lane: Lane) -> Card {
    assert_eq!(keys(v), card_keys(lane), "{v}");
    let mut card = Card::new(text_of(v, "text"))
        .with_votes(u16::try_from(number(v, "votes")).expect("votes fit"))
        .with_notes(opt_text(v, "notes"))
        .with_source(opt_text(v, "source"));
    card.evidence = word(v, "evidence", Evidence::from_key);
    match lane {
        Lane::Touchpoints => card.channel = opt_text(v, "channel"),
        Lane::Emotions => card.score = i8::try_from(number(v, "score")).expect("score fits"),
        Lane::PainPoints => {}
        Lane::Opportunities => {
            card.owner = opt_text(v, "owner");
            card.status = word(v, "status", Status::from_key);
        }
    }
    card
}

/// Reads the map back from its JSON, checking the documented shape on the way: every key
/// present, in order, and nothing else.
fn map_from(v: &Value) -> Map {
    assert_eq!(keys(v), ["format", "title", "persona", "stages"]);
    assert_eq!(v["format"], 1);
    let mut map = Map::new(text_of(v, "title"));
    map.persona = match &v["persona"] {
        Value::Null => None,
        p => {
            assert_eq!(keys(p), ["name", "summary", "goals", "frustrations"]);
            let list = |key: &str| -> Vec<String> {
                p[key]
                    .as_array()
                    .unwrap_or_else(|| panic!("{key} is a list"))
                    .iter()
                    .map(|s| s.as_str().expect("text").to_string())
                    .collect()
            };
            Some(Persona {
                name_conflict: None,
                summary_conflict: None,
                conflict: None,
                name: text_of(p, "name"),
                summary: opt_text(p, "summary"),
                goals: list("goals"),
                frustrations: list("frustrations"),
            })
        }
    };
    for s in v["stages"].as_array().expect("stages is a list") {
        assert_eq!(
            keys(s),
            [
                "name",
                "description",
                "touchpoints",
                "emotions",
                "pain_points",
                "opportunities"
            ]
        );
        let mut stage = Stage::new(text_of(s, "name")).with_description(opt_text(s, "description"));
        for lane in Lane::ALL {
            *stage.lane_mut(lane) = s[lane.key()]
                .as_array()
                .unwrap_or_else(|| panic!("{} is a list", lane.key()))
                .iter()
                .map(|c| card_from(c, lane))
                .collect();
        }
        map.stages.push(stage);
    }
    map
}

#[test]
fn every_golden_map_reads_back_whole_from_its_json() {
    for (name, map) in [
        ("trial-signup", example()),
        ("hostile", hostile()),
        ("wide", wide()),
    ] {
        let v = json(&map);
        assert_eq!(map_from(&v), map, "{name}");
        let cards: usize = v["stages"]
            .as_array()
            .expect("stages")
            .iter()
            .flat_map(|s| Lane::ALL.map(|lane| s[lane.key()].as_array().expect("lane").len()))
            .sum();
        assert_eq!(cards, map.card_count(), "{name}");
        // The golden file is the same JSON.
        let golden =
            std::fs::read_to_string(root().join(format!("tests/fixtures/golden/{name}.json")))
                .expect("golden file");
        assert_eq!(
            serde_json::from_str::<Value>(&golden).expect("golden JSON"),
            v
        );
    }
}

#[test]
fn the_example_has_every_new_field_in_its_json() {
    let v = json(&example());
    let all: Vec<Value> = v["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .flat_map(|s| Lane::ALL.map(|lane| s[lane.key()].clone()))
        .flat_map(|cards| cards.as_array().cloned().unwrap_or_default())
        .collect();
    for key in ["evidence", "source", "owner", "status"] {
        assert!(
            all.iter().any(|c| c[key].is_string()),
            "no card of the example states its {key}"
        );
    }
}

#[test]
fn hostile_text_is_exact_and_nothing_unsafe_is_printed_raw() {
    let nasty = "\u{1b}[2J\u{7}\u{0}\u{7f}\u{85}\u{9b}31m \u{202e}evil\u{2066}\u{2069}\u{200f} \"q\" \\ '\n\r\t é 日本 👩‍💻";
    let mut stage = Stage::new(nasty).with_description(nasty);
    stage.lane_mut(Lane::Opportunities).push(
        Card::new(nasty)
            .with_notes(nasty)
            .with_source(nasty)
            .with_owner(nasty)
            .with_status(Status::Open),
    );
    let mut map = Map::new(nasty);
    map.stages.push(stage);
    let out = export::render("json", &map, &Options::default()).expect("json");
    assert_eq!(
        out.chars()
            .find(|&c| journeymap::text::is_unsafe(c) && c != '\n'),
        None
    );
    assert!(out.contains("\\u202e") && out.contains("\\u009b") && out.contains("\\u001b"));
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["title"], nasty);
    assert_eq!(map_from(&v), map);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_map_reads_back_whole_from_its_json(map in crate::format::round_trip::map()) {
        prop_assert_eq!(map_from(&json(&map)), map);
    }
}

#[test]
fn print_writes_json_to_stdout_and_by_the_extension() {
    let dir = folder_with(&[("map.ron", EXAMPLE)]);
    let out = run(dir.path(), &["print", "map.ron", "--format", "json"]);
    assert_exit(&out, 0);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    assert_eq!(map_from(&v), example());
    let out = run(dir.path(), &["print", "map.ron", "-o", "map.json"]);
    assert_exit(&out, 0);
    let written = std::fs::read_to_string(dir.path().join("map.json")).expect("written");
    assert_eq!(
        written,
        stdout(&run(dir.path(), &["print", "map.ron", "-f", "json"]))
    );
    // One map per JSON document.
    let out = run(
        dir.path(),
        &["print", "map.ron", "map.ron", "--format", "json"],
    );
    assert_exit(&out, 2);
}
