//! The canonical form: what saving writes, and that it is a fixed point.

use std::path::Path;

use journeymap::format;
use journeymap::model::{Card, Lane, Map, Persona, Stage};

use super::{fixture, read_fixture};

fn load_fixture(name: &str) -> Map {
    format::from_bytes(&read_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The specification's example map, which shows every optional field.
#[test]
fn the_product_example_loads_with_every_field() {
    let map = load_fixture("valid/product-example.ron");
    let mut stage = Stage::new("Awareness & Discovery")
        .with_description("How does the customer first hear of us?");
    stage.lane_mut(Lane::Touchpoints).push(
        Card::new("Search ad")
            .with_channel("web")
            .with_votes(2)
            .with_notes("Most trials start here"),
    );
    stage
        .lane_mut(Lane::Emotions)
        .push(Card::new("Curious").with_score(1));
    stage
        .lane_mut(Lane::PainPoints)
        .push(Card::new("Ad promises more than the product does").with_votes(1));
    stage
        .lane_mut(Lane::Opportunities)
        .push(Card::new("Honest ad copy"));
    let expected = Map {
        title_conflict: None,
        title: "Trial sign-up journey".into(),
        persona: Some(Persona {
            name_conflict: None,
            summary_conflict: None,
            conflict: None,
            name: "Olivia, operations manager".into(),
            summary: "Runs a team of twelve; evaluates tools on a trial.".into(),
            goals: vec!["Save time on reporting".into()],
            frustrations: vec!["Long sign-up forms".into()],
        }),
        stages: vec![stage],
    };
    assert_eq!(map, expected);
}

#[test]
fn the_product_example_is_already_canonical() {
    let source = String::from_utf8(read_fixture("valid/product-example.ron")).expect("UTF-8");
    let map = format::from_str(&source).expect("loads");
    assert_eq!(format::to_string(&map), source);
}

#[test]
fn saving_a_hand_edited_file_gives_the_canonical_text() {
    // Comments, fields out of order, Some(...), zeros and empty strings, two-space
    // indentation and no final newline, all gone.
    let map = load_fixture("valid/hand-edited.ron");
    let expected =
        String::from_utf8(read_fixture("valid/hand-edited.canonical.ron")).expect("UTF-8");
    assert_eq!(format::to_string(&map), expected);
    assert_eq!(load_fixture("valid/hand-edited.canonical.ron"), map);
}

#[test]
fn canonical_text_is_a_fixed_point() {
    for name in ["valid/hand-edited.ron", "valid/product-example.ron"] {
        let once = format::to_string(&load_fixture(name));
        let twice = format::to_string(&format::from_str(&once).expect("canonical text loads"));
        assert_eq!(once.as_bytes(), twice.as_bytes(), "{name}");
    }
}

#[test]
fn implicit_some_and_bare_values_load_the_same() {
    let bare = "(format: 1, title: \"t\", persona: (name: \"P\", summary: \"s\"), stages: [(name: \"s\", description: \"d\",\n touchpoints: [(text: \"a\", channel: \"web\", notes: \"x\")], emotions: [(text: \"e\", notes: \"y\")], pain_points: [(text: \"p\", notes: \"z\")], opportunities: [(text: \"o\", notes: \"w\")])])";
    let wrapped = "(format: 1, title: \"t\", persona: Some((name: \"P\", summary: Some(\"s\"))), stages: [(name: \"s\", description: Some(\"d\"),\n touchpoints: [(text: \"a\", channel: Some(\"web\"), notes: Some(\"x\"))], emotions: [(text: \"e\", notes: Some(\"y\"))], pain_points: [(text: \"p\", notes: Some(\"z\"))], opportunities: [(text: \"o\", notes: Some(\"w\"))])])";
    let bare = format::from_str(bare).expect("bare values load");
    let wrapped = format::from_str(wrapped).expect("Some(...) values load");
    assert_eq!(bare, wrapped);
    let touchpoint = &bare.stages[0].lane(Lane::Touchpoints)[0];
    assert_eq!(touchpoint.notes, "x");
    assert_eq!(touchpoint.channel, "web");
    // Saving writes them bare.
    let saved = format::to_string(&wrapped);
    assert!(!saved.contains("Some("), "{saved}");
    assert!(saved.contains("notes: \"x\""), "{saved}");
}

#[test]
fn votes_and_scores_load_bare_or_wrapped_in_some() {
    let bare = "(format: 1, title: \"t\", stages: [(name: \"s\", touchpoints: [(text: \"a\", votes: 2)], emotions: [(text: \"e\", score: -1, votes: 3)])])";
    let wrapped = "(format: 1, title: \"t\", stages: [(name: \"s\", touchpoints: [(text: \"a\", votes: Some(2))], emotions: [(text: \"e\", score: Some(-1), votes: Some(3))])])";
    let bare = format::from_str(bare).expect("bare values load");
    assert_eq!(
        bare,
        format::from_str(wrapped).expect("Some(...) values load")
    );
    assert_eq!(bare.stages[0].lane(Lane::Emotions)[0].score, -1);
    assert_eq!(bare.stages[0].lane(Lane::Touchpoints)[0].votes, 2);
    let err = format::from_str(&wrapped_score(7)).expect_err("7 is out of range inside Some too");
    assert!(err.message.contains("between -2 and +2"), "{}", err.message);
}

fn wrapped_score(score: i64) -> String {
    format!(
        "(format: 1, title: \"t\", stages: [(name: \"s\", emotions: [(text: \"e\", score: Some({score}))])])"
    )
}

#[test]
fn a_byte_order_mark_at_the_start_is_ignored() {
    let text = format::to_string(&load_fixture("valid/product-example.ron"));
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(
        format::from_bytes(with_bom.as_bytes()).expect("BOM file loads"),
        format::from_str(&text).expect("loads")
    );
}

#[test]
fn none_is_the_same_as_leaving_the_field_out() {
    let with_none = "(format: 1, title: \"t\", persona: None, stages: [(name: \"s\", description: None, touchpoints: [(text: \"a\", channel: None, notes: None)])])";
    let without =
        "(format: 1, title: \"t\", stages: [(name: \"s\", touchpoints: [(text: \"a\")])])";
    assert_eq!(
        format::from_str(with_none).expect("None loads"),
        format::from_str(without).expect("loads")
    );
}

#[test]
fn non_ascii_text_is_written_as_itself_and_unsafe_text_escaped() {
    let mut map = Map::new("Café ☕ 日本語 🙂 e\u{301}");
    let mut stage = Stage::new("Ünïcödé");
    stage.lane_mut(Lane::PainPoints).push(Card::new(
        "say \"hi\" \\ then\nnew line\ttab \u{1b}[31mred\u{7} \u{202e}evil\u{2066}",
    ));
    map.stages.push(stage);
    let text = format::to_string(&map);
    assert!(
        text.contains("title: \"Café ☕ 日本語 🙂 e\u{301}\","),
        "{text}"
    );
    assert!(
        text.contains(
            r#"(text: "say \"hi\" \\ then\nnew line\ttab \u{1b}[31mred\u{7} \u{202e}evil\u{2066}"),"#
        ),
        "{text}"
    );
    // Nothing unsafe reaches the file as itself: no control characters but the newlines
    // between lines, and no direction overrides.
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && journeymap::text::is_unsafe(c)),
        "{text:?}"
    );
    assert_eq!(format::from_str(&text).expect("loads"), map);
}

#[test]
fn empty_optional_fields_are_left_out() {
    let mut map = Map::new("t");
    map.persona = Some(Persona {
        name: "P".into(),
        ..Persona::default()
    });
    let mut stage = Stage::new("s");
    stage.lane_mut(Lane::Emotions).push(Card::new("calm"));
    map.stages.push(stage);
    let expected = "\
(
    format: 1,
    title: \"t\",
    persona: (
        name: \"P\",
    ),
    stages: [
        (
            name: \"s\",
            emotions: [
                (text: \"calm\"),
            ],
        ),
    ],
)
";
    assert_eq!(format::to_string(&map), expected);
}

/// Every `.ron` file in a folder of the repository.
fn ron_files(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[track_caller]
fn assert_canonical(path: &Path) -> Map {
    let source = std::fs::read_to_string(path).expect("readable UTF-8");
    let map = format::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        format::to_string(&map) == source,
        "{} is not in canonical form (run `journeymap fmt` on it)",
        path.display()
    );
    map
}

#[test]
fn the_examples_are_canonical_and_complete() {
    let files = ron_files("assets/examples");
    assert!(!files.is_empty(), "no examples");
    for path in files {
        let map = assert_canonical(&path);
        // A complete example: a persona, and every lane filled in every stage.
        assert!(map.persona.is_some(), "{}", path.display());
        for stage in &map.stages {
            for lane in Lane::ALL {
                assert!(
                    !stage.lane(lane).is_empty(),
                    "{}: stage {:?} has no {}",
                    path.display(),
                    stage.name,
                    lane.key()
                );
            }
        }
    }
}

#[test]
fn the_templates_are_canonical() {
    let files = ron_files("assets/templates");
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_stem().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ecommerce", "five-stage", "four-stage"]);
    for path in &files {
        let map = assert_canonical(path);
        assert!(
            map.stages.iter().all(|s| !s.description.is_empty()),
            "{}",
            path.display()
        );
    }
    // The five-stage template is the default five-stage journey.
    let five = assert_canonical(&fixture("../../assets/templates/five-stage.ron"));
    let stage_names: Vec<&str> = five.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        stage_names,
        [
            "Awareness & Discovery",
            "Research & Consideration",
            "Purchase & Onboarding",
            "Retention & Loyalty",
            "Advocacy & Referrals"
        ]
    );
}

/// The recovery writer formats with pauses between batches of cards; the text must not
/// change for it, and a big map must really be cut into short stretches.
#[test]
fn paced_formatting_writes_the_same_text_with_pauses_between_batches() {
    let mut map = Map::new("Paced");
    map.stages = vec![Stage::new("One"), Stage::new("Two")];
    for (i, stage) in map.stages.iter_mut().enumerate() {
        for lane in Lane::ALL {
            for j in 0..700 {
                stage
                    .lane_mut(lane)
                    .push(Card::new(format!("card {i}-{j}")).with_votes(j as u16 % 3));
            }
        }
    }
    let mut pauses = 0;
    let paced = format::to_string_paced(&map, || pauses += 1);
    assert_eq!(paced, format::to_string(&map));
    // 5,600 cards in batches of 512.
    assert_eq!(pauses, 5_600 / 512);

    let mut small_pauses = 0;
    let small = load_fixture("valid/product-example.ron");
    format::to_string_paced(&small, || small_pauses += 1);
    assert_eq!(small_pauses, 0);
}
