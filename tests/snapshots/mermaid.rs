//! Mermaid: real-world-style diagrams written from Mermaid's documented syntax import as
//! expected and survive export and re-import; exported maps re-import; what we write obeys
//! the rules of Mermaid's journey grammar.

use journeymap::export::{self, Options};
use journeymap::import;
use journeymap::model::{Card, Lane, Map, Stage};
use proptest::prelude::*;

use super::{example, hostile, root, wide};

fn mermaid() -> &'static import::Importer {
    import::find("mermaid").expect("mermaid importer")
}

fn import_file(name: &str) -> Map {
    let path = root().join("tests/fixtures/import").join(name);
    let bytes = std::fs::read(&path).expect("fixture is readable");
    import::import(mermaid(), &bytes, "fallback").unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_str(src: &str) -> Result<Map, journeymap::format::ParseError> {
    import::import(mermaid(), src.as_bytes(), "fallback")
}

fn import_with(name: &str, diagram: Option<usize>) -> import::Imported {
    let path = root().join("tests/fixtures/import").join(name);
    let bytes = std::fs::read(&path).expect("fixture is readable");
    import::import_with(mermaid(), &bytes, "fallback", &import::Options { diagram })
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (line, column, severity, message) of each warning.
fn warnings(imported: &import::Imported) -> Vec<(usize, usize, import::Severity, &str)> {
    imported
        .warnings
        .iter()
        .map(|w| (w.line, w.column, w.severity, w.message.as_str()))
        .collect()
}

fn export(map: &Map) -> String {
    export::render("mermaid", map, &Options::default()).expect("mermaid format")
}

/// (task, score −2..+2) for each touchpoint of a stage, read from its paired emotion.
fn tasks(stage: &Stage) -> Vec<(String, i8)> {
    stage
        .lane(Lane::Touchpoints)
        .iter()
        .zip(stage.lane(Lane::Emotions))
        .map(|(t, e)| {
            assert_eq!(t.text, e.text, "each task has an emotion of the same text");
            (t.text.clone(), e.score)
        })
        .collect()
}

fn names(map: &Map) -> Vec<&str> {
    map.stages.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn the_documentation_example_imports() {
    let map = import_file("working-day.mmd");
    assert_eq!(map.title, "My working day");
    assert_eq!(names(&map), ["Go to work", "Go home"]);
    assert_eq!(
        tasks(&map.stages[0]),
        [
            ("Make tea".to_string(), 2),
            ("Go upstairs".to_string(), 0),
            ("Do work".to_string(), -2)
        ]
    );
    // Two actors: no single persona, each touchpoint notes its actors.
    assert_eq!(map.persona, None);
    let notes: Vec<&str> = map.stages[0]
        .lane(Lane::Touchpoints)
        .iter()
        .map(|c| c.notes.as_str())
        .collect();
    assert_eq!(notes, ["Actors: Me", "Actors: Me", "Actors: Me, Cat"]);
}

#[test]
fn front_matter_comments_accessibility_and_entities() {
    let map = import_file("online-shop.mmd");
    assert_eq!(
        map.title, "Online shop checkout",
        "title from the front matter"
    );
    assert_eq!(names(&map), ["Discover", "Checkout", "Delivery"]);
    assert_eq!(
        map.persona.as_ref().map(|p| p.name.as_str()),
        Some("Sam"),
        "one actor throughout is the persona"
    );
    assert_eq!(
        tasks(&map.stages[1]),
        [
            ("Guest checkout without an account".to_string(), -1),
            ("Pays by card: 3-D Secure page".to_string(), -2)
        ]
    );
    assert_eq!(tasks(&map.stages[2])[1].0, "Parcel arrives on time");
    assert_eq!(map.stages[0].card_count(), 4, "the # comment is not a task");
}

#[test]
fn keywords_in_any_case_directives_and_empty_sections() {
    let map = import_file("accessibility.mmd");
    assert_eq!(map.title, "Renewing a passport online");
    assert_eq!(names(&map), ["Prepare", "Apply", "Wait", "Receive"]);
    assert_eq!(
        map.stages[2].card_count(),
        0,
        "a section without tasks is kept"
    );
    assert_eq!(
        tasks(&map.stages[0]),
        [
            ("Find the right form".to_string(), -1),
            ("Take a photo".to_string(), 0)
        ]
    );
    let upload = &map.stages[1].lane(Lane::Touchpoints)[0];
    assert_eq!(upload.notes, "Actors: Citizen, Photo booth");
}

#[test]
fn a_markdown_file_yields_its_journey_block() {
    let map = import_file("project-readme.md");
    assert_eq!(map.title, "Café loyalty app");
    assert_eq!(names(&map), ["Hear about it", "First order"]);
    assert_eq!(map.persona.map(|p| p.name), Some("Ana".to_string()));
}

#[test]
fn tasks_before_the_first_section_get_a_stage() {
    let map = import_file("no-section.mmd");
    assert_eq!(names(&map), ["Tasks", "Back home"]);
    assert_eq!(map.stages[0].lane(Lane::Touchpoints).len(), 2);
}

#[test]
fn imported_diagrams_survive_export_and_reimport() {
    for name in [
        "working-day.mmd",
        "online-shop.mmd",
        "accessibility.mmd",
        "project-readme.md",
        "no-section.mmd",
    ] {
        let map = import_file(name);
        let text = export(&map);
        assert_grammar(&text);
        let again = import_str(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(again.stages, map.stages, "{name}:\n{text}");
        assert_eq!(again.persona, map.persona, "{name}");
        assert_eq!(again.title, map.title, "{name}");
    }
}

#[test]
fn exported_maps_reimport_with_their_stages_touchpoints_and_scores() {
    for map in [example(), hostile(), wide()] {
        let text = export(&map);
        assert_grammar(&text);
        let back = import_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let clean = |s: &str| {
            s.split_whitespace()
                .map(journeymap::text::sanitize)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(clean(&back.title), clean(&map.title));
        assert_eq!(back.stages.len(), map.stages.len());
        for (b, m) in back.stages.iter().zip(&map.stages) {
            assert_eq!(b.name, clean(&m.name));
            let texts: Vec<String> = m
                .lane(Lane::Touchpoints)
                .iter()
                .map(|c| clean(&c.text))
                .collect();
            let back_texts: Vec<String> = tasks(b).into_iter().map(|(t, _)| t).collect();
            assert_eq!(back_texts, texts);
        }
    }
    // The example's scores come from its stages' means: 0, -0.5, 0, +0.5, 0.
    let back = import_str(&export(&example())).expect("imports");
    let scores: Vec<i8> = back.stages.iter().map(|s| tasks(s)[0].1).collect();
    assert_eq!(scores, [0, -1, 0, 1, 0]);
    assert_eq!(
        back.persona.map(|p| p.name),
        Some("Olivia, operations manager".to_string())
    );
}

#[test]
fn bad_diagrams_are_reported_where_mermaid_would_fail() {
    let cases: [(&str, usize, usize, &str); 7] = [
        (
            "invalid/empty-score.mmd",
            3,
            14,
            "expected a score from 1 to 5",
        ),
        (
            "invalid/missing-colon.mmd",
            3,
            15,
            "expected `:` and a score",
        ),
        ("invalid/semicolon.mmd", 3, 22, "`;`"),
        ("invalid/flowchart.mmd", 2, 1, "Mermaid `flowchart` diagram"),
        ("invalid/section-colon.mmd", 2, 19, "cannot hold `:`"),
        ("invalid/unclosed-description.mmd", 2, 1, "not closed"),
        ("working-day.mmd", 0, 0, ""),
    ];
    for (name, line, column, message) in cases {
        let path = root().join("tests/fixtures/import").join(name);
        let bytes = std::fs::read(&path).expect("fixture");
        match import::import(mermaid(), &bytes, "x") {
            Ok(_) => assert_eq!(line, 0, "{name} should not import"),
            Err(e) => {
                assert_eq!((e.line, e.column), (line, column), "{name}: {}", e.message);
                assert!(e.message.contains(message), "{name}: {}", e.message);
            }
        }
    }
}

#[test]
fn empty_and_foreign_input_is_refused() {
    for src in [
        "",
        "   \n\n",
        "hello world",
        "journey\n",
        "journey\n  title Only a title\n",
        "{\"json\": true}",
    ] {
        let e = import_str(src).expect_err(src);
        assert!(e.line >= 1 && e.column >= 1);
    }
    // Markdown notes without any diagram: said as such, at the heading.
    let e = import_str("\n# Notes\n\nSome text here.\n").expect_err("no diagram");
    assert_eq!((e.line, e.column), (2, 1), "{e}");
    assert!(e.message.contains("no ```mermaid block"), "{e}");
}

/// Checks a diagram line by line against the rules of Mermaid's journey grammar (its Jison
/// lexer, after Mermaid replaces entity codes such as `#58;`): the keyword first, then
/// `title TEXT`, `section NAME` or `TASK: DATA`, where a name holds no `:`, `#` or `;`, a task
/// does not begin with a keyword, and nothing is a comment.
fn assert_grammar(diagram: &str) {
    let mut lines = diagram.lines();
    assert_eq!(lines.next(), Some("journey"));
    for line in lines {
        let line = replace_entities(line.trim());
        assert!(
            !line.contains([';', '#', '%']),
            "{line:?} has a comment or a `;`"
        );
        let lower = line.to_lowercase();
        if let Some(text) = lower.strip_prefix("title ") {
            assert!(!text.trim().is_empty(), "{line:?}");
        } else if let Some(name) = lower.strip_prefix("section ") {
            assert!(!name.trim().is_empty() && !name.contains(':'), "{line:?}");
        } else {
            for keyword in ["journey", "title", "section", "acctitle", "accdescr"] {
                assert!(
                    !lower.starts_with(keyword),
                    "{line:?} starts with {keyword}"
                );
            }
            let (task, data) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("{line:?} is not a task"));
            assert!(!task.trim().is_empty(), "{line:?}");
            let score = data.split(':').next().unwrap_or("").trim();
            assert!(
                matches!(score, "1" | "2" | "3" | "4" | "5"),
                "{line:?} has score {score:?}"
            );
        }
    }
}

/// Mermaid's `encodeEntities`: every `#word;` is replaced before the diagram is read.
fn replace_entities(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let word = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if word > 0 && after[word..].starts_with(';') {
            out.push('\u{fb02}');
            rest = &after[word + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the input, the importers answer with a map or an error inside the input,
    /// and never panic.
    #[test]
    fn importers_never_panic(pieces in prop::collection::vec(prop_oneof![
        Just("journey"), Just("\n"), Just("\r\n"), Just("section "), Just("title "),
        Just(": "), Just(":"), Just("#"), Just(";"), Just("%%"), Just("%%{"), Just("}%%"),
        Just("{"), Just("}"), Just("accDescr"), Just("accTitle"), Just("<br>"), Just("#58;"),
        Just("---"), Just("```mermaid"), Just("```"), Just("5"), Just("9"), Just(","),
        Just("\""), Just("日本"), Just("e\u{301}"), Just("\u{1b}"), Just(" "), Just("x"),
    ], 0..40)) {
        let src: String = pieces.concat();
        for importer in &import::ALL {
            if let Err(e) = import::import(importer, src.as_bytes(), "t") {
                let lines = src.split('\n').count().max(1);
                prop_assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
                prop_assert!(e.column >= 1);
            }
        }
    }
}

/// A description is read in a loop, not by recursion: half a megabyte of `accDescr{}` on
/// one line imports on a 1 MB stack.
#[test]
fn a_long_line_of_descriptions_fits_a_small_stack() {
    let src = format!(
        "journey\n  title Deep\n  {}\n  section S\n    Task: 4: Me\n",
        "accDescr{}".repeat(50_000)
    );
    let imported = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || import_str(&src).map(|m| (m.title, m.stages.len())))
        .expect("thread starts")
        .join()
        .expect("no stack overflow");
    assert_eq!(imported, Ok(("Deep".to_string(), 1)));
}

/// Mermaid draws a task whatever its score: out of 1..5 is taken to the nearest end, a
/// fraction is rounded, no number is neutral; each is a warning at the score.
#[test]
fn scores_mermaid_accepts_import_with_a_warning_each() {
    let imported = import_with("scores.mmd", None);
    let map = &imported.map;
    assert_eq!(
        tasks(&map.stages[0]),
        [
            ("Make tea".to_string(), 2),
            ("Catch the bus".to_string(), -2),
            ("Buy coffee".to_string(), 1),
            ("Sign in".to_string(), 0),
            ("Step".to_string(), 0),
            ("Read mail".to_string(), 0),
            ("Do work".to_string(), -1),
        ]
    );
    use import::Severity::Warning;
    let found = warnings(&imported);
    let positions: Vec<(usize, usize)> = found.iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(
        positions,
        [(4, 17), (5, 21), (6, 19), (7, 15), (8, 13), (9, 18)]
    );
    assert!(found.iter().all(|w| w.2 == Warning));
    let messages: Vec<&str> = found.iter().map(|w| w.3).collect();
    assert!(messages[0].contains("`7` is outside Mermaid's 1..5: imported as 5 (+2)"));
    assert!(messages[1].contains("`0` is outside Mermaid's 1..5: imported as 1 (-2)"));
    assert!(messages[2].contains("`3.5` is not a whole number: imported as 4 (+1)"));
    assert!(messages[3].contains("no score: imported as neutral (0)"));
    assert!(messages[4].contains("`Open the door` is not a number"));
    assert!(messages[4].contains("write #58; for a colon in a task name"));
    assert!(messages[5].contains("`lots` is not a number"));
    assert!(!messages[5].contains("#58;"), "no colon in that name");
    // `Step: Open the door: 4: Me` has no actor `4` (which would make two actors and no
    // persona); `Read mail: lots: Me` keeps its actor.
    assert_eq!(map.persona.as_ref().map(|p| p.name.as_str()), Some("Me"));
}

#[test]
fn a_clean_diagram_has_no_warnings() {
    assert_eq!(import_with("working-day.mmd", None).warnings, []);
}

/// Mermaid's lexer skips a byte-order mark like a space: a statement after one is read.
#[test]
fn a_byte_order_mark_before_a_statement_is_white_space() {
    let map = import_str("journey\n\u{feff}title Marked\n  section S\n\u{feff}  Go: 3: Me\n")
        .expect("imports");
    assert_eq!(map.title, "Marked");
    assert_eq!(tasks(&map.stages[0]), [("Go".to_string(), 0)]);
}

#[test]
fn markdown_with_several_journeys_says_so_and_takes_the_one_asked_for() {
    let first = import_with("two-journeys.md", None);
    assert_eq!(first.map.title, "Today");
    let [note] = first.warnings.as_slice() else {
        panic!("one note: {:?}", first.warnings)
    };
    assert_eq!(
        (note.line, note.column, note.severity),
        (5, 1, import::Severity::Note)
    );
    assert!(
        note.message.contains("2 journey diagrams"),
        "{}",
        note.message
    );
    assert!(
        note.message.contains("imported diagram 1"),
        "{}",
        note.message
    );
    assert!(note.message.contains("--diagram"), "{}", note.message);

    let second = import_with("two-journeys.md", Some(2));
    // The front matter's title, as Mermaid shows it, not the accessible title.
    assert_eq!(second.map.title, "Tomorrow");
    assert_eq!(names(&second.map), ["Find", "Buy"]);
    assert_eq!(second.warnings.first().map(|w| w.line), Some(21));

    let path = root().join("tests/fixtures/import/two-journeys.md");
    let bytes = std::fs::read(&path).expect("fixture");
    let e = import::import_with(
        mermaid(),
        &bytes,
        "x",
        &import::Options { diagram: Some(3) },
    )
    .expect_err("there is no third journey");
    assert!(e.message.contains("no diagram 3"), "{e}");
    assert_eq!(e.line, 21, "at the last journey");
}

#[test]
fn the_front_matter_title_wins_over_the_accessible_title() {
    let map = import_str(
        "---\ntitle: 'Shown: it''s this' # a comment\n---\njourney\n  accTitle: Read aloud\n  section S\n    Go: 3: Me\n",
    )
    .expect("imports");
    assert_eq!(map.title, "Shown: it's this");
    let map = import_str("journey\n  accTitle: Read aloud\n  section S\n    Go: 3: Me\n")
        .expect("imports");
    assert_eq!(map.title, "Read aloud", "better than no title at all");
}

/// Mermaid skips a leading byte-order mark like a space, so an invisible character in front
/// of a keyword must not let the keyword through, nor may a card of nothing but invisible
/// characters leave a task without a name.
#[test]
fn invisible_characters_cannot_smuggle_a_keyword_or_blank_a_name() {
    let mut map = Map::new("The real title");
    let mut stage = Stage::new("\u{200b}section Fake");
    for text in [
        "\u{feff}title Hijacked title",
        "\u{feff}",
        "\u{200b}\u{2060}accTitle: x",
        "\u{feff} journey",
    ] {
        stage.lane_mut(Lane::Touchpoints).push(Card::new(text));
    }
    map.stages = vec![stage, Stage::new("\u{feff}")];
    let diagram = export(&map);
    let back = import_str(&diagram).unwrap_or_else(|e| panic!("{e}\n{diagram}"));
    assert_eq!(back.title, "The real title", "{diagram}");
    assert_eq!(
        names(&back),
        ["\u{200b}section Fake", "\u{feff}"],
        "{diagram}"
    );
    let texts: Vec<&str> = back.stages[0]
        .lane(Lane::Touchpoints)
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "\u{feff}title Hijacked title",
            "\u{feff}",
            "\u{200b}\u{2060}accTitle: x",
            "\u{feff} journey"
        ]
    );
    assert_grammar(&diagram);
}

// A diagram indented as a whole (as in an HTML page or a document) is read as Mermaid reads
// it, dedented first: its front matter's title still wins, and a nested `title:` does not.
#[test]
fn an_indented_diagram_keeps_its_front_matter_title() {
    let map = import_str(
        "    ---\n    title: Shown\n    config:\n      title: Nested\n    ---\n    journey\n      accTitle: Read aloud\n      section S\n        Go: 3: Me\n",
    )
    .expect("imports");
    assert_eq!(map.title, "Shown");
    let map = import_str(
        "\t---\n\tconfig:\n\t  title: Nested\n\t---\n\tjourney\n\t  accTitle: Read aloud\n\t  section S\n\t    Go: 3: Me\n",
    )
    .expect("imports");
    assert_eq!(
        map.title, "Read aloud",
        "a nested title is not the diagram's"
    );
}
