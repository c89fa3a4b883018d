//! The optional card fields: `evidence` and `source` on every card, `owner` and `status`
//! on opportunities. Loaded with positions on every error, kept by every save, written in
//! canonical order, and reported by `check` with the other problems of a file.

use journeymap::format::{self, ParseError};
use journeymap::model::{Card, Evidence, Lane, Map, Stage, Status};

use super::{assert_invalid, fixture, read_fixture};

fn load(name: &str) -> Map {
    format::from_bytes(&read_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The 1-based line and column of the first `needle` on `line` of `text`.
fn at(text: &str, line: usize, needle: &str) -> (usize, usize) {
    let on = text.lines().nth(line - 1).expect("the line exists");
    let byte = on
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} on {on}"));
    (line, on[..byte].chars().count() + 1)
}

fn problems(text: &str) -> Vec<ParseError> {
    match format::check(text.as_bytes()) {
        Ok(map) => panic!("expected problems, but the text loads: {map:?}"),
        Err(problems) => problems,
    }
}

/// A map of one stage whose lanes hold what is given, one lane per line from line 2.
fn lanes(touchpoints: &str, emotions: &str, pain_points: &str, opportunities: &str) -> String {
    format!(
        "(format: 1, title: \"t\", stages: [(name: \"s\",\n\
         touchpoints: [{touchpoints}],\n\
         emotions: [{emotions}],\n\
         pain_points: [{pain_points}],\n\
         opportunities: [{opportunities}],\n\
         )])"
    )
}

#[test]
fn every_new_field_loads_into_the_card() {
    let map = load("valid/card-fields.ron");
    let mut stage = Stage::new("Purchase & Onboarding");
    stage.lane_mut(Lane::Touchpoints).push(
        Card::new("Sign-up form")
            .with_channel("web")
            .with_votes(2)
            .with_notes("Eleven fields")
            .with_evidence(Evidence::Observed)
            .with_source("Session recordings, week 12"),
    );
    stage.lane_mut(Lane::Emotions).push(
        Card::new("Impatient")
            .with_score(-1)
            .with_evidence(Evidence::Assumption),
    );
    stage.lane_mut(Lane::PainPoints).push(
        Card::new("Card details asked up front")
            .with_votes(5)
            .with_evidence(Evidence::Validated)
            .with_source("Funnel: 38% drop at the card step"),
    );
    *stage.lane_mut(Lane::Opportunities) = vec![
        Card::new("Trial without a card")
            .with_votes(4)
            .with_notes("Needs fraud checks")
            .with_evidence(Evidence::Observed)
            .with_source("Interviews 3 and 7")
            .with_owner("Growth team")
            .with_status(Status::Planned),
        Card::new("Shorter form")
            .with_owner("Priya")
            .with_status(Status::Done),
        Card::new("Progress bar").with_status(Status::Open),
    ];
    let mut expected = Map::new("After the workshop");
    expected.stages.push(stage);
    assert_eq!(map, expected);
}

#[test]
fn saving_writes_the_new_fields_bare_and_in_canonical_order() {
    let canonical = String::from_utf8(read_fixture("valid/card-fields.ron")).expect("UTF-8");
    assert_eq!(format::to_string(&load("valid/card-fields.ron")), canonical);
    // The same cards with fields in any order, wrapped in Some(...), None or empty.
    let hand_edited = load("valid/card-fields.hand-edited.ron");
    assert_eq!(format::to_string(&hand_edited), canonical);
    // Order on the line: text, channel, score, votes, notes, evidence, source, owner, status.
    let line = canonical
        .lines()
        .find(|l| l.contains("Trial without a card"))
        .expect("the opportunity is on one line");
    let at = |key: &str| {
        line.find(&format!("{key}: "))
            .unwrap_or_else(|| panic!("{key} in {line}"))
    };
    let order = [
        "text", "votes", "notes", "evidence", "source", "owner", "status",
    ]
    .map(at);
    assert!(order.is_sorted(), "{line}");
    assert!(line.contains("evidence: observed,") && line.ends_with("status: planned),"));
}

#[test]
fn a_file_without_the_new_fields_loads_and_saves_unchanged() {
    for name in [
        "valid/product-example.ron",
        "valid/hand-edited.canonical.ron",
    ] {
        let source = String::from_utf8(read_fixture(name)).expect("UTF-8");
        let map = format::from_str(&source).expect("loads");
        for stage in &map.stages {
            for lane in Lane::ALL {
                for card in stage.lane(lane) {
                    assert_eq!(card.evidence, None, "{name}");
                    assert_eq!(card.status, None, "{name}");
                    assert!(card.source.is_empty() && card.owner.is_empty(), "{name}");
                }
            }
        }
        assert_eq!(format::to_string(&map), source, "{name}");
    }
}

#[test]
fn owner_and_status_are_written_only_on_opportunities() {
    // A card moved from opportunities to pain points in the editor keeps them in memory; the
    // file has no place for them there, as a channel has none off touchpoints.
    let mut map = Map::new("t");
    let mut stage = Stage::new("s");
    stage.lane_mut(Lane::PainPoints).push(
        Card::new("moved")
            .with_owner("Kim")
            .with_status(Status::Done)
            .with_evidence(Evidence::Validated),
    );
    map.stages.push(stage);
    let text = format::to_string(&map);
    assert!(
        text.contains("(text: \"moved\", evidence: validated),"),
        "{text}"
    );
    assert!(
        !text.contains("owner") && !text.contains("status"),
        "{text}"
    );
    format::from_str(&text).expect("what is written loads");
}

#[test]
fn an_unknown_evidence_word_names_the_words_allowed() {
    assert_invalid(
        "evidence-unknown-word.ron",
        8,
        Some(68),
        "`evidence` must be `assumption`, `observed` or `validated`, not `guessed`",
    );
}

#[test]
fn a_status_in_quotes_says_to_write_it_bare() {
    // The caret is under the value, not the blank before it.
    assert_invalid(
        "status-in-quotes.ron",
        8,
        Some(70),
        "`status` must be `open`, `planned` or `done`, written bare",
    );
}

#[test]
fn an_owner_on_a_pain_point_is_an_unknown_field() {
    assert_invalid(
        "owner-on-pain-point.ron",
        8,
        Some(48),
        "unknown field `owner` in this pain point",
    );
    assert_invalid(
        "owner-on-pain-point.ron",
        8,
        Some(48),
        "`evidence`, `source`",
    );
}

#[test]
fn a_status_on_a_touchpoint_is_an_unknown_field() {
    assert_invalid(
        "status-on-touchpoint.ron",
        8,
        Some(53),
        "unknown field `status` in this touchpoint",
    );
}

#[test]
fn numbers_and_lists_where_a_word_belongs_are_reported_at_the_value() {
    for value in ["3", "[observed]", "(observed)", "\"\""] {
        let text = lanes(&format!("(text: \"a\", evidence: {value})"), "", "", "");
        let e = format::from_str(&text).expect_err(value);
        assert_eq!((e.line, e.column), at(&text, 2, value), "{value}: {e}");
        assert!(e.message.contains("written bare"), "{value}: {e}");
    }
}

#[test]
fn check_reports_every_problem_with_the_new_fields_in_file_order() {
    let text = lanes(
        "(text: \"Ad\", evidence: seen, votes: 2)",
        "(text: \"Calm\", status: open, score: 9)",
        "(text: \"Slow\", owner: \"Kim\", evidence: \"observed\")",
        "(text: \"Faster\", status: closed, owner: \"Kim\", evidence: Validated)",
    );
    let found: Vec<(usize, usize, String)> = problems(&text)
        .into_iter()
        .map(|p| (p.line, p.column, p.message))
        .collect();
    let expected = [
        (at(&text, 2, "seen"), "`evidence` must be"),
        (
            at(&text, 3, "status"),
            "unknown field `status` in this emotion",
        ),
        (
            at(&text, 3, "9"),
            "an emotion score must be between -2 and +2, not 9",
        ),
        (
            at(&text, 4, "owner"),
            "unknown field `owner` in this pain point",
        ),
        (
            at(&text, 4, "\"observed\""),
            "`evidence` must be `assumption`, `observed` or `validated`, written bare",
        ),
        (
            at(&text, 5, "closed"),
            "`status` must be `open`, `planned` or `done`, not `closed`",
        ),
        (
            at(&text, 5, "Validated"),
            "`evidence` must be `assumption`, `observed` or `validated`, not `Validated`",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((line, column, message), (want, says)) in found.iter().zip(expected) {
        assert_eq!((*line, *column), want, "{message}");
        assert!(
            message.starts_with(says),
            "{message:?} should start with {says:?}"
        );
    }
}

#[test]
fn the_check_command_reports_them_with_a_caret() {
    let out = assert_cmd::Command::cargo_bin("journeymap")
        .expect("the binary is built")
        .current_dir(fixture("invalid"))
        .args([
            "check",
            "evidence-unknown-word.ron",
            "owner-on-pain-point.ron",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.contains(
            "evidence-unknown-word.ron:8:68: error: `evidence` must be `assumption`, `observed` or `validated`, not `guessed`\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "owner-on-pain-point.ron:8:48: error: unknown field `owner` in this pain point"
        ),
        "{stderr}"
    );
    // The caret stands under the bad word (the excerpt may shorten the line's start).
    let lines: Vec<&str> = stderr.lines().collect();
    let shown = lines
        .iter()
        .position(|l| l.contains("evidence: guessed"))
        .expect("the line is shown");
    let column_of = |line: &str, pattern: &str| {
        line.find(pattern)
            .map(|byte| line[..byte].chars().count())
            .unwrap_or_else(|| panic!("{pattern:?} in {line:?}"))
    };
    assert_eq!(
        column_of(lines[shown + 1], "^"),
        column_of(lines[shown], "guessed"),
        "{stderr}"
    );
}
