//! Hostile text (terminal escapes, C1 controls, bidirectional overrides) in a map reaches no
//! output of `diff` or `merge` as itself, in any format, and JSON still decodes to the very
//! text.

use std::fs;

use journeymap::format;
use journeymap::model::{Card, Lane, Map, Persona, Stage};

use crate::cli::{assert_exit, journeymap};

const HOSTILE: &str = "Pay\u{1b}[2J now \u{202e}reversed\u{9b}31m \u{85}next";

fn map(card_text: &str, votes: u16) -> Map {
    let mut map = Map::new(format!("Title {HOSTILE}"));
    map.persona = Some(Persona {
        name: format!("Olivia {HOSTILE}"),
        goals: vec![format!("Goal {HOSTILE}")],
        ..Persona::default()
    });
    let mut stage = Stage::new(format!("Buy {HOSTILE}"));
    stage
        .lane_mut(Lane::PainPoints)
        .push(Card::new(card_text).with_votes(votes).with_notes(HOSTILE));
    map.stages.push(stage);
    map
}

/// `text` without the diff's own colours (`ESC [ n m`).
fn without_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('m') {
            rest = &after[digits + 1..];
        } else {
            out.push('\x1b');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[track_caller]
fn assert_safe(what: &str, out: &[u8]) {
    let text = without_colours(&String::from_utf8_lossy(out));
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && journeymap::text::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{text}");
}

#[test]
fn diff_and_merge_never_write_hostile_text_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = map(&format!("Card {HOSTILE}"), 1);
    let mut ours = map(&format!("Card {HOSTILE} edited"), 2);
    ours.title = format!("Ours {HOSTILE}");
    ours.persona
        .as_mut()
        .expect("persona")
        .goals
        .push(format!("New goal {HOSTILE}"));
    let mut theirs = map(&format!("Card {HOSTILE} changed"), 1);
    theirs.title = format!("Theirs {HOSTILE}");
    for (name, m) in [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ] {
        fs::write(dir.path().join(name), format::to_string(m)).expect("write");
    }
    for args in [
        &["diff", "base.ron", "ours.ron"][..],
        &["diff", "--color", "always", "base.ron", "ours.ron"],
        &["diff", "--textconv", "ours.ron"],
        &["merge", "base.ron", "ours.ron", "theirs.ron"],
    ] {
        let out = journeymap(dir.path()).args(args).output().expect("run");
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    let out = journeymap(dir.path())
        .args(["diff", "--format", "json", "base.ron", "ours.ron"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_safe("diff json", &out.stdout);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["title"]["to"], format!("Ours {HOSTILE}"));
    assert_eq!(v["persona"][0]["text"], format!("New goal {HOSTILE}"));
    let card = &v["cards"][0];
    assert_eq!(
        card["fields"]["text"]["to"],
        format!("Card {HOSTILE} edited")
    );
    assert_eq!(card["fields"]["votes"]["to"], 2, "{card}");
    // The merge's result is a map with the text intact; its notes on stderr are safe.
    let out = journeymap(dir.path())
        .args([
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ])
        .output()
        .expect("run");
    assert_exit(&out, 1);
    assert_safe("merge stderr", &out.stderr);
    let merged = format::from_str(&fs::read_to_string(dir.path().join("out.ron")).expect("out"))
        .expect("loads");
    let texts: Vec<&str> = merged.stages[0]
        .lane(Lane::PainPoints)
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        texts.contains(&format!("Card {HOSTILE} edited").as_str()),
        "{texts:?}"
    );
}
