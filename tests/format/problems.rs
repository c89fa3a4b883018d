//! `check` reports every problem of a file that can be told apart, each at its own line
//! and column, without echoes of the first one.

use journeymap::format::{self, MAX_PROBLEMS, ParseError};

use super::read_fixture;

fn problems(text: &str) -> Vec<ParseError> {
    match format::check(text.as_bytes()) {
        Ok(_) => panic!("expected problems, but the text loads"),
        Err(problems) => problems,
    }
}

fn card(fields: &str) -> String {
    format!("(format: 1, title: \"t\", stages: [(name: \"s\",\nemotions: [{fields}])])")
}

#[test]
fn a_file_with_eight_mistakes_gets_eight_reports_in_file_order() {
    let text = String::from_utf8(read_fixture("invalid/several-problems.ron")).expect("UTF-8");
    let found: Vec<(usize, usize, String)> = problems(&text)
        .into_iter()
        .map(|p| (p.line, p.column, p.message))
        .collect();
    let expected = [
        (7, 13, "unknown field `touchpoint` in this stage"),
        (11, 42, "an emotion score must be between -2 and +2, not 7"),
        (12, 25, "the card's text is blank"),
        (
            12,
            35,
            "an emotion score must be a whole number from -2 to +2, not 1.5",
        ),
        (13, 41, "an emotion score must be between -2 and +2, not -3"),
        (13, 50, "expected a whole number here"),
        (17, 20, "the name is blank"),
        (18, 49, "votes must be between 0 and 9999, not 10000"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((line, column, message), (want_line, want_column, says)) in found.iter().zip(expected) {
        assert_eq!((*line, *column), (want_line, want_column), "{message}");
        assert!(
            message.starts_with(says),
            "{message:?} should start with {says:?}"
        );
    }
}

#[test]
fn every_single_mistake_fixture_gets_exactly_one_report() {
    let dir = super::fixture("invalid");
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name == "several-problems.ron" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("fixture");
        let found = format::check(&bytes).expect_err(&name);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        assert_eq!(
            Err(found[0].clone()),
            format::from_bytes(&bytes).map(|_| ()),
            "{name}"
        );
    }
}

#[test]
fn values_are_set_right_without_moving_what_follows() {
    // Blank text written as `""` borrows the space before it; the score after it keeps its
    // column. Words and strings where numbers belong are replaced too.
    let found = problems(&card(
        "(text: \"\", score: 9), (text: \"x\", votes: many, score: \"2\")",
    ));
    let at: Vec<(usize, usize)> = found.iter().map(|p| (p.line, p.column)).collect();
    // A word or string where a number belongs is reported at the space before it, as alone.
    assert_eq!(at, [(2, 20), (2, 30), (2, 52), (2, 65)], "{found:#?}");
}

#[test]
fn broken_syntax_ends_the_search() {
    // After a missing comma nothing can be trusted: the score of 9 later is not reported.
    let found = problems(&card("(text: \"a\" score: 1), (text: \"b\", score: 9)"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("comma"), "{found:#?}");
    // The same for a missing field and a file from a newer version.
    assert_eq!(
        problems(&card("(score: 1), (text: \"b\", score: 9)")).len(),
        1
    );
    let newer = "(format: 99, title: \"t\", stages: [(name: \"\")])";
    assert_eq!(problems(newer).len(), 1);
}

#[test]
fn an_unknown_field_with_a_comment_inside_is_not_guessed_at() {
    let text = "(format: 1, title: \"t\", stages: [(name: \"s\",\n\
                touchpoint: [ /* ) */ (text: \"a\")],\n\
                emotions: [(text: \"b\", score: 9)])])";
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    // Without the comment, both are found.
    let found = problems(&text.replace("/* ) */ ", ""));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[1].line, found[1].column), (3, 31), "{found:#?}");
}

#[test]
fn the_number_of_reports_is_capped() {
    let cards: Vec<String> = (0..50)
        .map(|i| format!("(text: \"c{i}\", score: 9)"))
        .collect();
    let found = problems(&card(&cards.join(",\n")));
    assert_eq!(found.len(), MAX_PROBLEMS);
    assert_eq!(found[MAX_PROBLEMS - 1].line, 1 + MAX_PROBLEMS);
}

#[test]
fn a_valid_file_has_no_problems() {
    let bytes = read_fixture("valid/product-example.ron");
    assert!(format::check(&bytes).is_ok());
}

#[test]
fn a_bracketed_or_commented_value_is_reported_alone() {
    // Values that are not a plain word, number or string are not rewritten: each of these
    // gives its own report and nothing made up after it.
    for value in ["[1]", "(1)", "')'", "7/* x */", "7 // x\n"] {
        let text = card(&format!(
            "(text: \"a\", score: {value}), (text: \"b\", score: 1)"
        ));
        let found = problems(&text);
        let first = format::from_bytes(text.as_bytes()).map(|_| ()).unwrap_err();
        assert_eq!(found, [first], "score: {value}");
    }
}

#[test]
fn a_misspelt_field_is_not_followed_by_its_missing_twin() {
    // `txt:` is reported once; the `text` it stands for is not reported missing, and the
    // search stops there rather than guess what the card meant.
    let found = problems(&card("(txt: \"a\", votes: 3), (text: \"b\", score: 9)"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.starts_with("unknown field `txt`"),
        "{found:#?}"
    );
}

#[test]
fn an_unknown_field_holding_a_character_is_not_guessed_at() {
    for value in ["','", "'('", "')'"] {
        let text = format!(
            "(format: 1, title: \"t\", stages: [(name: \"s\",\nsep: {value},\n\
             emotions: [(text: \"b\", score: 9)])])"
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1, "sep: {value}: {found:#?}");
        assert!(
            found[0].message.starts_with("unknown field `sep`"),
            "{found:#?}"
        );
    }
}

#[test]
fn problems_after_a_value_set_right_keep_their_own_place() {
    // A score of 9 followed by a real missing comma two cards later: both are reported, the
    // second at its own column.
    let found = problems(&card(
        "(text: \"a\", score: 9),\n(text: \"b\", score: 1),\n(text: \"c\" score: 1)",
    ));
    let at: Vec<(usize, usize)> = found.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(2, 31), (4, 12)], "{found:#?}");
    assert!(found[1].message.contains("comma"), "{found:#?}");
}
