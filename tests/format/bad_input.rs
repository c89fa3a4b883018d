//! One test per kind of bad input : each gives an error that says what
//! is wrong and points at the line (and column) of the problem itself, never a panic.

use journeymap::format;

use super::{assert_invalid, load_err, read_fixture};

#[test]
fn empty_file() {
    assert_invalid("empty.ron", 1, Some(1), "the file is empty");
    // White space only is just as empty.
    let e = load_err(b"  \n\n\t\n");
    assert!(e.message.contains("the file is empty"), "{e}");
    assert_eq!((e.line, e.column), (1, 1));
}

#[test]
fn not_utf8_names_the_line_of_the_bad_byte() {
    // Line 5 holds the bytes FF FE after 26 characters (one of them is "é", two bytes, on
    // line 3: the column counts characters on the bad line only).
    assert_invalid("not-utf8.ron", 5, Some(27), "not valid UTF-8");
    let e = load_err(&read_fixture("invalid/not-utf8.ron"));
    assert!(e.message.contains("line 5"), "{e}");
}

#[test]
fn not_utf8_on_the_first_byte() {
    let e = load_err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!((e.line, e.column), (1, 1), "{e}");
    assert!(e.message.contains("not valid UTF-8"), "{e}");
    // A non-UTF-8 byte after multi-byte characters: the column counts characters.
    let e = load_err(
        "(\n  title: \"日本\u{1F642}"
            .as_bytes()
            .iter()
            .chain(b"\xc3(")
            .copied()
            .collect::<Vec<u8>>()
            .as_slice(),
    );
    assert_eq!((e.line, e.column), (2, 14), "{e}");
}

#[test]
fn json_instead_of_ron() {
    assert_invalid("json.ron", 1, Some(1), "this looks like JSON");
    assert_invalid("json.ron", 1, Some(1), "journeymap reads RON");
}

#[test]
fn truncated_file() {
    // Cut off after a lane's closing bracket, at the end of line 9.
    assert_invalid("truncated.ron", 9, None, "the file ends too early");
}

#[test]
fn truncated_inside_a_string() {
    // Points at the string that is not closed, on the last line.
    assert_invalid(
        "truncated-in-string.ron",
        8,
        Some(44),
        "this string is not closed",
    );
}

#[test]
fn every_prefix_of_the_example_is_an_error_with_a_position_inside_it() {
    let full = read_fixture("../../assets/examples/trial-signup.ron");
    let full = std::str::from_utf8(&full).expect("the example is UTF-8");
    let body = full.trim_end();
    // Every cut point on a char boundary through the header, the persona and the first
    // stage; after that, where the stages repeat the same shapes, every 7th.
    let cuts = body
        .char_indices()
        .map(|(i, _)| i)
        .enumerate()
        .filter(|&(n, i)| n > 0 && (i < 2_500 || n % 7 == 0))
        .map(|(_, i)| i);
    for cut in cuts {
        let prefix = &body[..cut];
        let e = match format::from_str(prefix) {
            Ok(_) => panic!("a map cut at byte {cut} loaded"),
            Err(e) => e,
        };
        let lines: Vec<&str> = prefix.split('\n').collect();
        assert!(
            e.line <= lines.len(),
            "cut at {cut}: line {} is past the end ({} lines): {e}",
            e.line,
            lines.len()
        );
        let line_len = lines[e.line - 1].chars().count();
        assert!(
            e.column <= line_len + 1,
            "cut at {cut}: column {} is past the end of line {} ({line_len} chars): {e}",
            e.column,
            e.line
        );
        assert!(!e.message.is_empty());
    }
    assert!(format::from_str(body).is_ok(), "the whole example loads");
}

#[test]
fn unknown_field_is_named_with_the_fields_that_exist() {
    assert_invalid(
        "unknown-field.ron",
        7,
        Some(13),
        "unknown field `touchpoint` in this stage",
    );
    assert_invalid("unknown-field.ron", 7, Some(13), "`touchpoints`");
}

#[test]
fn channel_on_an_emotion_is_an_unknown_field() {
    assert_invalid(
        "channel-on-emotion.ron",
        8,
        Some(35),
        "unknown field `channel` in this emotion",
    );
}

#[test]
fn score_on_a_touchpoint_is_an_unknown_field() {
    let e = load_err(
        b"(format: 1, title: \"t\", stages: [(name: \"s\",\n  touchpoints: [(text: \"Ad\", score: 1)])])",
    );
    assert!(
        e.message
            .contains("unknown field `score` in this touchpoint"),
        "{e}"
    );
    assert_eq!((e.line, e.column), (2, 30), "{e}");
}

#[test]
fn wrong_type_points_at_the_value() {
    assert_invalid("wrong-type.ron", 8, Some(47), "expected a whole number");
}

#[test]
fn card_without_text() {
    assert_invalid(
        "card-without-text.ron",
        8,
        None,
        "missing field `text` in this opportunity",
    );
}

#[test]
fn card_with_blank_text() {
    // The second card of the lane, on line 9; the first one is fine.
    assert_invalid("blank-text.ron", 9, None, "the card's text is blank");
}

#[test]
fn blank_stage_name() {
    assert_invalid("blank-stage-name.ron", 6, None, "the name is blank");
}

#[test]
fn emotion_score_of_7_points_at_the_score() {
    // The card starts on line 9; the score itself is on line 11.
    assert_invalid(
        "score-7.ron",
        11,
        Some(28),
        "an emotion score must be between -2 and +2, not 7",
    );
}

#[test]
fn emotion_scores_outside_the_range() {
    for (score, says) in [
        ("-3", "not -3"),
        ("3", "not 3"),
        ("128", "not 128"),
        ("-129", "not -129"),
        ("\"2\"", "whole number"),
    ] {
        let text = format!(
            "(format: 1, title: \"t\", stages: [(name: \"s\",\n emotions: [(text: \"Meh\", score: {score})])])"
        );
        let e = load_err(text.as_bytes());
        assert!(e.message.contains(says), "score {score}: {e}");
        assert_eq!(e.line, 2, "score {score}: {e}");
    }
}

#[test]
fn fractions_are_not_scores_or_votes() {
    for (card, says, column) in [
        (
            "score: 1.5)",
            "an emotion score must be a whole number from -2 to +2, not 1.5",
            31,
        ),
        (
            "score: -0.25, votes: 1)",
            "an emotion score must be a whole number from -2 to +2, not -0.25",
            31,
        ),
        (
            "votes: 2.5, score: 1)",
            "votes must be a whole number from 0 to 9999, not 2.5",
            31,
        ),
        (
            "score: 1, votes:3.75)",
            "votes must be a whole number from 0 to 9999, not 3.75",
            40,
        ),
    ] {
        let text = format!(
            "(format: 1, title: \"t\", stages: [(name: \"s\",\nemotions: [(text: \"M\", {card}])])"
        );
        let e = load_err(text.as_bytes());
        assert_eq!(e.message, says, "{card}");
        assert_eq!((e.line, e.column), (2, column), "{card}: {e}");
    }
    // Columns count characters, wide and multi-byte ones included.
    let e = load_err(
        "(format: 1, title: \"t\", stages: [(name: \"s\",\nemotions: [(text: \"日本🙂\", score: 0.5)])])"
            .as_bytes(),
    );
    assert_eq!((e.line, e.column), (2, 33), "{e}");
    assert!(e.message.ends_with("not 0.5"), "{e}");
    // A dot elsewhere keeps ron's own message.
    let e = load_err(b"(format: 1, title: \"t\" . stages: [])");
    assert!(!e.message.contains("whole number"), "{e}");
}

#[test]
fn votes_over_9999() {
    assert_invalid(
        "votes-over-9999.ron",
        8,
        Some(48),
        "votes must be between 0 and 9999, not 10000",
    );
}

#[test]
fn negative_votes() {
    assert_invalid(
        "negative-votes.ron",
        7,
        None,
        "votes must be between 0 and 9999, not -1",
    );
}

#[test]
fn votes_beyond_every_integer_type() {
    for votes in ["65536", "4294967296", "99999999999999999999999"] {
        let text = format!(
            "(format: 1, title: \"t\", stages: [(name: \"s\",\n pain_points: [(text: \"Slow\", votes: {votes})])])"
        );
        let e = load_err(text.as_bytes());
        assert_eq!(e.line, 2, "votes {votes}: {e}");
        assert!(
            e.message.contains("votes must be between 0 and 9999")
                || e.message.contains("whole number"),
            "votes {votes}: {e}"
        );
    }
}

#[test]
fn no_stages() {
    assert_invalid("no-stages.ron", 4, None, "at least one stage");
}

#[test]
fn missing_format() {
    assert_invalid("missing-format.ron", 6, None, "missing field `format`");
}

#[test]
fn format_99_is_a_file_from_a_newer_version() {
    assert_invalid(
        "format-99.ron",
        2,
        Some(13),
        "written by a newer journeymap: format 99, this version reads format 1",
    );
}

#[test]
fn format_99_with_fields_this_version_does_not_know() {
    // The version is what matters, not the list of unknown fields.
    assert_invalid(
        "format-99-new-fields.ron",
        2,
        Some(13),
        "written by a newer journeymap: format 99, this version reads format 1",
    );
}

#[test]
fn format_99_after_unknown_fields() {
    let e = load_err(
        b"(\n    theme: \"dark\",\n    layers: [(a: 1), (b: [2, 3])],\n    format: 99,\n    stages: [],\n)\n",
    );
    assert_eq!(
        e.message,
        "written by a newer journeymap: format 99, this version reads format 1"
    );
    assert_eq!((e.line, e.column), (4, 13), "{e}");
}

#[test]
fn format_0_is_unknown() {
    assert_invalid("format-0.ron", 2, Some(13), "unknown format 0");
}

#[test]
fn a_field_given_twice() {
    assert_invalid(
        "duplicate-field.ron",
        4,
        Some(5),
        "field `title` is given twice",
    );
}

#[test]
fn text_after_the_map() {
    // At the text itself (a second map on line 8), not after the first map's `)`.
    assert_invalid(
        "trailing-text.ron",
        8,
        Some(1),
        "unexpected text after the end of the map",
    );
}

#[test]
fn a_list_left_open_at_the_end_of_the_file() {
    for text in [
        "(format: 1, title: \"x\", stages: [(name: \"A\",)\n",
        "(format: 1, title: \"x\", stages: [(name: \"A\")]\n\n",
    ] {
        let e = load_err(text.as_bytes());
        assert_eq!(
            e.message, "the file ends too early: a bracket or a quote is not closed",
            "{text:?}"
        );
        assert_eq!(e.line, 1, "{text:?}");
    }
}

#[test]
fn missing_title_and_missing_stage_name() {
    let e = load_err(b"(\n    format: 1,\n    stages: [(name: \"s\")],\n)\n");
    assert!(e.message.contains("missing field `title`"), "{e}");
    let e = load_err(b"(format: 1, title: \"t\", stages: [\n    (description: \"d\"),\n])");
    assert!(
        e.message.contains("missing field `name` in this stage"),
        "{e}"
    );
    assert_eq!(e.line, 2, "{e}");
}

#[test]
fn persona_needs_a_name() {
    let e = load_err(
        b"(format: 1, title: \"t\",\n  persona: (summary: \"s\"),\n  stages: [(name: \"s\")])",
    );
    assert!(
        e.message.contains("missing field `name` in this persona"),
        "{e}"
    );
    assert_eq!(e.line, 2, "{e}");
    let e = load_err(
        b"(format: 1, title: \"t\",\n  persona: (name: \"\\t\"),\n  stages: [(name: \"s\")])",
    );
    assert!(e.message.contains("the name is blank"), "{e}");
    assert_eq!(e.line, 2, "{e}");
}

#[test]
fn columns_count_characters_not_bytes() {
    // Ten two- and four-byte characters before the bad score.
    let text = "(format: 1, title: \"t\", stages: [(name: \"s\",\nemotions: [(text: \"日本語ÉÈ🙂🙂ñçü\", score: 9)])])";
    let e = load_err(text.as_bytes());
    let col = "emotions: [(text: \"日本語ÉÈ🙂🙂ñçü\", score: "
        .chars()
        .count()
        + 1;
    assert_eq!((e.line, e.column), (2, col), "{e}");
}

#[test]
fn the_report_names_the_file_and_shows_the_line_with_a_caret() {
    let source = String::from_utf8(read_fixture("invalid/score-7.ron")).expect("UTF-8");
    let e = load_err(source.as_bytes());
    let report = e.report("maps/score-7.ron", Some(&source));
    let expected = "\
maps/score-7.ron:11:28: error: an emotion score must be between -2 and +2, not 7
   |
11 |                     score: 7,
   |                            ^";
    assert_eq!(report, expected);
}

/// A small, fixed pseudo-random generator (xorshift64*), so the "random" bytes are the
/// same on every run.
fn noise(seed: u64, len: usize, alphabet: Option<&[u8]>) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32;
            match alphabet {
                Some(a) => a[r as usize % a.len()],
                None => r as u8,
            }
        })
        .collect()
}

#[test]
fn random_binary_bytes() {
    for seed in 0..300u64 {
        let bytes = noise(seed, 1 + (seed as usize * 97) % 4096, None);
        let e = load_err(&bytes);
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        assert!(e.line >= 1 && e.line <= lines, "seed {seed}: {e}");
        assert!(e.column >= 1, "seed {seed}: {e}");
        assert!(!e.message.is_empty(), "seed {seed}");
    }
    // NUL bytes are valid UTF-8, so they reach the parser.
    let e = load_err(&[0u8; 64]);
    assert_eq!((e.line, e.column), (1, 1), "{e}");
}

#[test]
fn random_ron_like_text() {
    // Bytes drawn from RON's punctuation and the format's words, to get past the first
    // token and into the parser's deeper states.
    let alphabet = b"()[]{}:,\"\\ \n\tformatitlestagesnamevotescore0123456789-+.#/*rSomeNone";
    for seed in 0..300u64 {
        let bytes = noise(seed, 1 + (seed as usize * 31) % 2048, Some(alphabet));
        let text = std::str::from_utf8(&bytes).expect("ASCII");
        let Err(e) = format::from_str(text) else {
            continue;
        };
        let lines = text.split('\n').count();
        assert!(e.line >= 1 && e.line <= lines, "seed {seed}: {e}");
        // Looking for more problems (values rewritten in place) stays inside the text too.
        let all = format::check(&bytes).expect_err("invalid");
        assert_eq!(all[0], e, "seed {seed}");
        for p in &all {
            assert!(p.line >= 1 && p.line <= lines, "seed {seed}: {p}");
        }
    }
}

/// A canonical map of about `bytes` bytes, and its stage and card counts.
fn big_map_text(bytes: usize) -> (String, usize, usize) {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("(\n    format: 1,\n    title: \"A very long workshop\",\n    stages: [\n");
    let (mut stages, mut cards) = (0, 0);
    while out.len() < bytes {
        stages += 1;
        let _ = write!(
            out,
            "        (\n            name: \"Stage {stages}\",\n            description: \"Étape {stages} 日本\",\n"
        );
        for (lane, extra) in [
            ("touchpoints", ", channel: \"web\""),
            ("emotions", ", score: -2"),
            ("pain_points", ""),
            ("opportunities", ""),
        ] {
            let _ = writeln!(out, "            {lane}: [");
            for i in 0..2_000 {
                cards += 1;
                let _ = writeln!(
                    out,
                    "                (text: \"Card {cards}: \\\"quoted\\\" café 🙂\"{extra}, votes: {}, notes: \"n{i}\"),",
                    1 + i % 9_999
                );
            }
            let _ = writeln!(out, "            ],");
        }
        out.push_str("        ),\n");
    }
    out.push_str("    ],\n)\n");
    (out, stages, cards)
}

#[test]
fn a_50_mb_file_loads_whole() {
    let (text, stages, cards) = big_map_text(50 * 1024 * 1024);
    assert!(text.len() >= 50 * 1024 * 1024);
    let map = format::from_str(&text).expect("a 50 MB map loads");
    assert_eq!(map.stages.len(), stages);
    assert_eq!(map.card_count(), cards);
    let last = map.stages.last().expect("stages");
    assert_eq!(last.name, format!("Stage {stages}"));
    let last_card = last
        .lane(journeymap::model::Lane::Opportunities)
        .last()
        .expect("cards");
    assert_eq!(last_card.text, format!("Card {cards}: \"quoted\" café 🙂"));
    // Nothing was dropped, changed or reordered: the cards are numbered in file order.
    let mut n = 0;
    for stage in &map.stages {
        for lane in journeymap::model::Lane::ALL {
            for (i, card) in stage.lane(lane).iter().enumerate() {
                n += 1;
                let number = card
                    .text
                    .strip_prefix("Card ")
                    .and_then(|t| t.split(':').next());
                assert_eq!(number, Some(n.to_string().as_str()), "card {n}");
                assert_eq!(usize::from(card.votes), 1 + i % 9_999, "card {n}");
            }
        }
    }
    assert_eq!(n, cards);
}

/// A map with old Mac line ends (a lone carriage return): errors point at the line an
/// editor shows, not all at line 1, in `check` as in loading, with the right excerpt.
#[test]
fn lone_carriage_returns_end_lines() {
    let text = "(\r    format: 1,\r    title: 42,\r    stages: [],\r)\r";
    let e = load_err(text.as_bytes());
    // Where the same map with \n line ends has it.
    assert_eq!((e.line, e.column), (3, 11), "{e}");
    assert_eq!(e, load_err(text.replace('\r', "\n").as_bytes()));
    let report = e.report("cr.ron", Some(text));
    assert!(report.contains("3 |     title: 42,"), "{report}");

    let problems = format::check(text.as_bytes()).expect_err("invalid");
    assert_eq!((problems[0].line, problems[0].column), (3, 11));

    // Mixed with \r\n and \n: each counts once.
    let mixed =
        "(\r\n    format: 1,\n    title: \"t\",\r    stages: [(name: \"a\")],\r\n    x: 1,\r)";
    let e = load_err(mixed.as_bytes());
    assert_eq!((e.line, e.column), (5, 5), "{e}");
    let e = load_err(mixed.replace("\r\n", "\n").replace('\r', "\n").as_bytes());
    assert_eq!((e.line, e.column), (5, 5), "{e}");
}

#[test]
fn utf16_is_named() {
    let text = "(\n    format: 1,\n    title: \"Trial\",\n)\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_bom = |bom: [u8; 2], body: &[u8]| [&bom[..], body].concat();
    for (name, bytes) in [
        ("LE with BOM", with_bom([0xFF, 0xFE], &le)),
        ("BE with BOM", with_bom([0xFE, 0xFF], &be)),
        ("LE", le.clone()),
        ("BE", be.clone()),
    ] {
        let e = load_err(&bytes);
        assert!(
            e.message.contains("looks like UTF-16") && e.message.contains("save it as UTF-8"),
            "{name}: {e}"
        );
        let problems = format::check(&bytes).expect_err("invalid");
        assert_eq!(problems.len(), 1, "{name}");
        assert!(problems[0].message.contains("UTF-16"), "{name}");
    }
    // Plain UTF-8 with the odd NUL is not taken for UTF-16.
    let e = load_err(b"(\n    format: 1,\0\n)");
    assert!(!e.message.contains("UTF-16"), "{e}");
}

/// An unknown field name of megabytes is quoted in a line, not echoed whole.
#[test]
fn a_huge_unknown_field_name_is_cut_in_the_message() {
    let name = "x".repeat(1 << 20);
    let text = format!("(format: 1, title: \"t\", stages: [(name: \"a\", {name}: 1)])");
    let e = load_err(text.as_bytes());
    assert!(
        e.message.starts_with("unknown field `xxx"),
        "{}",
        &e.message[..80]
    );
    assert!(e.message.contains("x…`"), "{}", e.message);
    assert!(
        e.message.chars().count() < 300,
        "the message is {} characters long",
        e.message.chars().count()
    );
    let report = e.report("big.ron", Some(&text));
    assert!(
        report.len() < 1000,
        "the report is {} bytes long",
        report.len()
    );
    let problems = format::check(text.as_bytes()).expect_err("invalid");
    assert!(problems.iter().all(|p| p.message.len() < 300));
}
