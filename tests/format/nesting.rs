//! 100,000 nested brackets: a clean error, never a stack overflow. Each case
//! runs the loader on the test's own thread, whose stack is the usual 2 MB: an overflow
//! would abort the whole test binary.

use journeymap::format;

const DEPTH: usize = 100_000;

const HEAD: &str = "(\n    format: 1,\n    title: \"Deep\",\n    stages: ";

#[track_caller]
fn assert_clean_error(text: &str, line: usize) {
    let e = match format::from_str(text) {
        Ok(_) => panic!("{DEPTH} nested brackets loaded as a map"),
        Err(e) => e,
    };
    assert_eq!(e.line, line, "{e}");
    assert!(!e.message.is_empty());
    // The report keeps the offending line to a readable window.
    let report = e.report("deep.ron", Some(text));
    assert!(report.len() < 1_000, "report of {} bytes", report.len());
}

#[test]
fn square_brackets() {
    assert_clean_error(&"[".repeat(DEPTH), 1);
    assert_clean_error(&format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH)), 1);
}

#[test]
fn round_brackets() {
    assert_clean_error(&"(".repeat(DEPTH), 1);
    assert_clean_error(&format!("{}{}", "(".repeat(DEPTH), ")".repeat(DEPTH)), 1);
}

#[test]
fn square_brackets_in_the_stage_list() {
    assert_clean_error(&format!("{HEAD}{}\n", "[".repeat(DEPTH)), 4);
    assert_clean_error(
        &format!("{HEAD}{}{},\n)\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        4,
    );
}

#[test]
fn round_brackets_in_the_stage_list() {
    assert_clean_error(&format!("{HEAD}[{}\n", "(".repeat(DEPTH)), 4);
    assert_clean_error(
        &format!("{HEAD}[{}\n", "(name: \"s\", x: ".repeat(DEPTH)),
        4,
    );
}

#[test]
fn brackets_in_a_card_list() {
    let text = format!(
        "{HEAD}[\n        (name: \"s\", touchpoints: [{}\n",
        "[(".repeat(DEPTH)
    );
    assert_clean_error(&text, 5);
}

#[test]
fn brackets_in_a_field_this_version_does_not_know() {
    // The full parse stops at the unknown field; the version probe that follows skips over
    // the field's value, which must not recurse without bound either.
    for value in [
        format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        "(".repeat(DEPTH),
        "[(".repeat(DEPTH),
        format!("{}1{}", "Some(".repeat(DEPTH), ")".repeat(DEPTH)),
        "{".repeat(DEPTH),
    ] {
        let text = format!("(\n    theme: {value},\n    format: 99,\n)\n");
        assert_clean_error(&text, 2);
    }
}

#[test]
fn brackets_in_the_format_field() {
    assert_clean_error(&format!("(\n    format: {}\n", "[".repeat(DEPTH)), 2);
}

#[test]
fn nested_some_in_optional_fields() {
    let text = format!(
        "{HEAD}[(\n        name: \"s\",\n        description: {}\"x\"{},\n    )],\n)\n",
        "Some(".repeat(DEPTH),
        ")".repeat(DEPTH)
    );
    assert_clean_error(&text, 6);
    let text = format!(
        "(\n    format: 1,\n    title: \"t\",\n    persona: {}\n",
        "Some(".repeat(DEPTH)
    );
    assert_clean_error(&text, 4);
}

#[test]
fn the_loader_still_reads_moderate_nesting() {
    // Depth that a real map has (map, stages, stage, lane, card) is far from the limit.
    let text = "(format: 1, title: \"t\", stages: [(name: \"s\", emotions: [(text: \"x\", score: 1, notes: Some(\"n\"))])])";
    let map = format::from_str(text).expect("a normal map loads");
    assert_eq!(map.stages[0].card_count(), 1);
}
