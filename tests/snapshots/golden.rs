//! Golden files: every format on the example map, the hostile map and the wide map.

use journeymap::export::{self, Options};
use journeymap::model::Map;

use super::{example, hostile, root, wide};

/// Compares `actual` with the golden file `name`, or writes it when blessing. Control
/// characters (which only the lossless CSV keeps) are stored as `\u{1b}`-style text, so the
/// golden files are safe to `cat` and to diff.
fn golden(name: &str, actual: &str) {
    let shown = visible(actual);
    let actual = shown.as_str();
    let path = root().join("tests/fixtures/golden").join(name);
    // The same switch accepts new screens (insta) and new golden files.
    let bless = std::env::var_os("JOURNEYMAP_BLESS").is_some()
        || std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always");
    if bless {
        std::fs::create_dir_all(path.parent().expect("golden folder")).expect("create folder");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with INSTA_UPDATE=always to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
        panic!(
            "{name} differs from its golden file at line {}:\n expected: {:?}\n   actual: {:?}\n(run with INSTA_UPDATE=always to accept, then review the diff)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if journeymap::text::is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn all_formats(stem: &str, map: &Map) {
    for e in &export::ALL {
        let ext = e.extensions[0];
        golden(
            &format!("{stem}.{ext}"),
            &(e.render)(map, &Options::default()),
        );
    }
    let narrow = Options {
        width: 60,
        ..Options::default()
    };
    golden(
        &format!("{stem}.60.txt"),
        &export::render("text", map, &narrow).expect("text format"),
    );
    let ascii = Options {
        width: 80,
        ascii: true,
        color: false,
        ..Options::default()
    };
    golden(
        &format!("{stem}.ascii.txt"),
        &export::render("text", map, &ascii).expect("text format"),
    );
}

#[test]
fn example_map_in_every_format() {
    all_formats("trial-signup", &example());
}

#[test]
fn hostile_map_in_every_format() {
    all_formats("hostile", &hostile());
}

#[test]
fn wide_map_in_every_format() {
    all_formats("wide", &wide());
}

#[test]
fn no_format_lets_a_control_character_or_bidi_override_through() {
    for map in [hostile(), wide()] {
        for e in export::ALL.iter().filter(|e| e.name != "csv") {
            let out = (e.render)(&map, &Options::default());
            let bad = out
                .chars()
                .find(|&c| journeymap::text::is_unsafe(c) && c != '\n' && c != '\r');
            assert_eq!(bad, None, "{} lets {bad:?} through", e.name);
        }
    }
}

#[test]
fn colour_is_only_our_own_escape_codes() {
    let opts = Options {
        color: true,
        ..Options::default()
    };
    let out = export::render("text", &hostile(), &opts).expect("text format");
    assert!(out.contains("\u{1b}[1m"), "colour was asked for");
    // Every ESC starts one of the SGR codes the board uses.
    let allowed = ["[0m", "[1m", "[2m", "[31m", "[32m", "[33m"];
    for (i, _) in out.match_indices('\u{1b}') {
        let rest = &out[i + 1..];
        assert!(
            allowed.iter().any(|a| rest.starts_with(a)),
            "unexpected escape at {i}: {:?}",
            &rest[..rest.len().min(8)]
        );
    }
    let plain = export::render("text", &hostile(), &Options::default()).expect("text");
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn ascii_board_is_pure_ascii() {
    for map in [example(), hostile(), wide()] {
        for width in [20, 40, 80, 133] {
            let opts = Options {
                width,
                ascii: true,
                color: false,
                ..Options::default()
            };
            let out = export::render("text", &map, &opts).expect("text");
            let bad = out.chars().find(|c| !c.is_ascii());
            assert_eq!(bad, None, "non-ASCII at width {width} in {}", map.title);
        }
    }
}

#[test]
fn the_board_formats_show_a_cards_source_like_the_others() {
    let map = example();
    for format in ["text", "svg", "html", "markdown", "json", "csv"] {
        let opts = Options {
            width: 400,
            ..Options::default()
        };
        let out = export::render(format, &map, &opts).expect(format);
        // The board formats wrap a source in its column: the start of it is on one line.
        for source in ["Five-second test", "Funnel: 38%"] {
            assert!(
                out.contains(source),
                "{format} leaves out the source {source:?}"
            );
        }
    }
}
