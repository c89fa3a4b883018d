//! The workshop's outcome (`journeymap::summary`): golden outputs on the example map, maps
//! with nothing to rank, hostile text, and every line within the width.

mod cli;

use journeymap::format;
use journeymap::model::{Card, Evidence, Lane, Map, Stage, Status};
use journeymap::summary::{self, Outcome, text};
use serde_json::Value;

fn example() -> Map {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/trial-signup.ron");
    format::from_str(&std::fs::read_to_string(path).expect("the example")).expect("it loads")
}

fn plain(width: usize) -> text::Options {
    text::Options {
        width,
        color: false,
    }
}

fn all_three(map: &Map, width: usize) -> [String; 3] {
    let outcome = Outcome::of(map);
    [
        text::render(&outcome, &plain(width)),
        summary::markdown::render(&outcome),
        summary::json::render(&outcome),
    ]
}

#[test]
fn the_example_as_text() {
    let map = example();
    let outcome = Outcome::of(&map);
    insta::assert_snapshot!("example_80", text::render(&outcome, &plain(80)));
    insta::assert_snapshot!("example_44", text::render(&outcome, &plain(44)));
}

#[test]
fn the_example_as_markdown() {
    insta::assert_snapshot!(summary::markdown::render(&Outcome::of(&example())));
}

#[test]
fn the_example_as_json() {
    let json = summary::json::render(&Outcome::of(&example()));
    insta::assert_snapshot!(json);
}

#[test]
fn the_json_agrees_with_the_map() {
    let map = example();
    let v: Value = serde_json::from_str(&summary::json::render(&Outcome::of(&map))).expect("JSON");
    assert_eq!(v["cards"], map.card_count());
    assert_eq!(v["stages"], map.stages.len());
    let votes: u64 = map
        .stages
        .iter()
        .flat_map(|s| {
            Lane::ALL.map(|lane| s.lane(lane).iter().map(|c| u64::from(c.votes)).sum::<u64>())
        })
        .sum();
    assert_eq!(v["votes"], votes);
    // The first pain point ranked has as many votes as any pain point of the map.
    let most = map
        .stages
        .iter()
        .flat_map(|s| s.lane(Lane::PainPoints).iter().map(|c| c.votes))
        .max();
    assert_eq!(
        v["top_pain_points"][0]["votes"].as_u64(),
        most.map(u64::from)
    );
    // Each stage's counts add up to its cards.
    for (s, stage) in v["cards_per_stage"]
        .as_array()
        .expect("list")
        .iter()
        .zip(&map.stages)
    {
        assert_eq!(s["stage"], stage.name.as_str());
        assert_eq!(s["cards"], stage.card_count());
    }
    let evidence = &v["evidence"]["all"];
    let stated: u64 = ["assumption", "observed", "validated", "not_stated"]
        .iter()
        .map(|k| evidence[k].as_u64().expect("a count"))
        .sum();
    assert_eq!(stated, map.card_count() as u64);
}

/// One stage, cards without votes and without emotions.
fn quiet_map() -> Map {
    let mut stage = Stage::new("Only stage");
    stage.lane_mut(Lane::Touchpoints).push(Card::new("Website"));
    stage
        .lane_mut(Lane::Opportunities)
        .push(Card::new("Ask the customers").with_owner("Kim"));
    let mut map = Map::new("Nothing voted yet");
    map.stages.push(stage);
    map
}

#[test]
fn a_map_with_no_votes_and_no_emotions_says_so() {
    let [text, markdown, json] = all_three(&quiet_map(), 80);
    insta::assert_snapshot!("quiet_text", text);
    for out in [&text, &markdown, &json] {
        assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
    }
    assert!(text.contains("No votes yet") && markdown.contains("No votes yet"));
    assert!(text.contains("No emotions yet") && markdown.contains("No emotions yet"));
    assert!(text.contains("Every opportunity has an owner."), "{text}");
    let v: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["low_point"], Value::Null);
    assert_eq!(v["high_point"], Value::Null);
    assert_eq!(v["top_pain_points"], serde_json::json!([]));
    assert_eq!(v["cards_per_stage"][0]["mean_score"], Value::Null);
    assert_eq!(
        v["gaps"][0]["empty_lanes"],
        serde_json::json!(["emotions", "pain_points"])
    );
}

#[test]
fn one_stage_with_emotions_is_the_low_and_the_high_point_at_once() {
    let mut map = quiet_map();
    map.stages[0]
        .lane_mut(Lane::Emotions)
        .push(Card::new("Lost").with_score(-2));
    map.stages[0]
        .lane_mut(Lane::PainPoints)
        .push(Card::new("No search").with_votes(2));
    let [text, markdown, json] = all_three(&map, 80);
    insta::assert_snapshot!("one_stage_text", text);
    assert!(
        markdown.contains(
            "| **Low and high** | Only stage | -2.0 | very negative | No search (2 votes) |"
        ),
        "{markdown}"
    );
    let v: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["low_point"], v["high_point"]);
    assert_eq!(v["low_point"]["mean_score"], -2.0);
}

const NASTY: &str = "Bad \u{1b}[31mred\u{7} | *pipe* \u{202e}evil\u{2066} \"q\"\nnext\u{9b}line";

fn hostile_map() -> Map {
    let mut stage = Stage::new(NASTY);
    stage.lane_mut(Lane::PainPoints).push(
        Card::new(NASTY)
            .with_votes(3)
            .with_evidence(Evidence::Observed),
    );
    stage
        .lane_mut(Lane::Opportunities)
        .push(Card::new(NASTY).with_votes(1).with_status(Status::Open));
    stage
        .lane_mut(Lane::Emotions)
        .push(Card::new(NASTY).with_score(1));
    let mut map = Map::new(NASTY);
    map.stages.push(stage);
    map
}

#[test]
fn hostile_text_is_shown_safely_and_kept_exactly_in_json() {
    let [text, markdown, json] = all_three(&hostile_map(), 60);
    for (name, out) in [("text", &text), ("markdown", &markdown), ("json", &json)] {
        let bad = out
            .chars()
            .find(|&c| journeymap::text::is_unsafe(c) && c != '\n');
        assert_eq!(bad, None, "{name} lets {bad:?} through:\n{out}");
    }
    // Markdown: the pipe cannot break a table, the stars cannot make emphasis.
    assert!(markdown.contains("\\| \\*pipe\\*"), "{markdown}");
    let v: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["title"], NASTY);
    assert_eq!(v["top_pain_points"][0]["text"], NASTY);
    assert_eq!(v["top_pain_points"][0]["stage"], NASTY);
    assert_eq!(v["opportunities"]["without_owner"][0]["text"], NASTY);
}

#[test]
fn every_text_line_fits_the_width() {
    for map in [example(), hostile_map(), quiet_map()] {
        let outcome = Outcome::of(&map);
        for width in (20..=130).step_by(7).chain([1, 20, 21]) {
            let out = text::render(&outcome, &plain(width));
            for line in out.lines() {
                assert!(
                    journeymap::text::width(line) <= width.max(text::MIN_WIDTH),
                    "width {width}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn colour_only_makes_headings_bold() {
    let map = example();
    let outcome = Outcome::of(&map);
    let coloured = text::render(
        &outcome,
        &text::Options {
            width: 80,
            color: true,
        },
    );
    assert!(coloured.contains("\u{1b}[1mTop pain points\u{1b}[0m\n"));
    assert_eq!(
        coloured.replace("\u{1b}[1m", "").replace("\u{1b}[0m", ""),
        text::render(&outcome, &plain(80))
    );
}

#[test]
fn a_long_list_of_unowned_opportunities_is_cut_in_text_and_markdown_but_not_in_json() {
    let mut stage = Stage::new("Busy");
    for i in 0..(summary::LISTED + 3) {
        stage
            .lane_mut(Lane::Opportunities)
            .push(Card::new(format!("idea {i}")).with_votes(u16::try_from(i % 4).unwrap_or(0)));
    }
    let mut map = Map::new("Many ideas");
    map.stages.push(stage);
    let [text, markdown, json] = all_three(&map, 80);
    assert!(text.contains("\n    and 3 more\n"), "{text}");
    assert!(markdown.contains("\n- and 3 more\n"), "{markdown}");
    assert_eq!(text.matches("    - idea").count(), summary::LISTED);
    // Most votes first: idea 3 (3 votes) leads, ideas with equal votes keep map order.
    assert!(
        text.contains(
            "Without an owner (13):\n    - idea 3 (3 votes, Busy)\n    - idea 7 (3 votes"
        ),
        "{text}"
    );
    let v: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        v["opportunities"]["without_owner"].as_array().map(Vec::len),
        Some(13)
    );
}
