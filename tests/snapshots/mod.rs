//! Snapshots: `print` in every format and `import` from Mermaid and CSV.
//!
//! Golden files live in `tests/fixtures/golden/` as real files of each format (not insta's
//! `.snap` files, which carry a header), so they can be opened in a browser, a spreadsheet
//! or the Mermaid live editor, and `scripts/browser-check` renders them. After a deliberate
//! change, `INSTA_UPDATE=always cargo test` accepts them together with the editor's insta
//! screens; review the diff.

mod cli;
mod csv;
mod golden;
mod html;
mod json;
mod json_import;
mod mermaid;
mod mermaid_real;
mod text_width;
mod xml;

use std::path::PathBuf;

use journeymap::format;
use journeymap::model::{Card, Lane, Map, Persona, Stage};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example map that ships with journeymap.
pub(crate) fn example() -> Map {
    let path = root().join("assets/examples/trial-signup.ron");
    let text = std::fs::read_to_string(&path).expect("the example map is readable");
    format::from_str(&text).expect("the example map is valid")
}

/// A map whose text tries everything: escape sequences, BEL, a bidi override, markup,
/// quotes, ampersands, pipes, commas, newlines, formula triggers, Mermaid syntax.
fn hostile() -> Map {
    let mut map = Map::new("<script>alert(\"x\")</script> & \u{1b}[31mRed\u{7} \u{202e}evil");
    map.persona = Some(Persona {
        name_conflict: None,
        summary_conflict: None,
        conflict: None,
        name: "Eve | \"quoted\", with comma: and colon".into(),
        summary: "Line one\nline two\r\n\u{1b}]0;title\u{7}".into(),
        goals: vec!["1. Break *everything*".into(), "- be _bold_".into()],
        frustrations: vec!["`code` & [links](http://x)".into()],
    });
    let mut s1 = Stage::new("Stage: one; #1 %% 50% <b>").with_description("a | b\nc");
    s1.lane_mut(Lane::Touchpoints).push(
        Card::new("Clear\u{1b}[2J screen, \"quote\", comma")
            .with_channel("web|app")
            .with_votes(3)
            .with_notes("note with\nnewline & <tag>"),
    );
    s1.lane_mut(Lane::Touchpoints)
        .push(Card::new("=SUM(A1:A9)").with_channel("-cmd"));
    s1.lane_mut(Lane::Emotions)
        .push(Card::new("Bell\u{7}\u{7} and NUL\u{0} and DEL\u{7f}").with_score(-2));
    s1.lane_mut(Lane::PainPoints)
        .push(Card::new("Pipes | in | a | table").with_votes(9999));
    s1.lane_mut(Lane::Opportunities)
        .push(Card::new("'quoted' and \"double\" and ''=x"));
    let mut s2 = Stage::new("section 2 review");
    s2.lane_mut(Lane::Touchpoints)
        .push(Card::new("Journey: title accTitle: x; y #58; z"));
    s2.lane_mut(Lane::Emotions)
        .push(Card::new("Journey: title accTitle: x; y #58; z").with_score(1));
    let s3 = Stage::new("Empty stage, with comma");
    map.stages = vec![s1, s2, s3];
    map
}

/// A map of wide and combining text: CJK, emoji (with ZWJ sequences), combining marks, and
/// one very long word.
fn wide() -> Map {
    let mut map = Map::new("顧客の旅 🚀 Café Ångström");
    map.persona = Some(Persona {
        name: "山田 花子 👩‍💻".into(),
        summary: "e\u{301}le\u{300}ve a\u{308} l'e\u{301}cole — 日本語の説明".into(),
        ..Persona::default()
    });
    let mut s1 = Stage::new("認知と発見 🔍");
    s1.lane_mut(Lane::Touchpoints).push(
        Card::new("検索広告を見て興味を持つ。とても長い文章がセルの中で折り返される。")
            .with_channel("ウェブ"),
    );
    s1.lane_mut(Lane::Touchpoints)
        .push(Card::new("👨‍👩‍👧‍👦 family plan 🇯🇵🇫🇷 flags").with_votes(2));
    s1.lane_mut(Lane::Emotions)
        .push(Card::new("わくわく 😀").with_score(2));
    s1.lane_mut(Lane::PainPoints).push(Card::new(
        "Z\u{335}\u{321}a\u{336}l\u{337}g\u{338}o\u{335} text",
    ));
    let mut s2 = Stage::new("Überlegung");
    s2.lane_mut(Lane::Touchpoints).push(Card::new(
        "Supercalifragilisticexpialidocious_and_an_even_longer_identifier_without_spaces",
    ));
    s2.lane_mut(Lane::Emotions)
        .push(Card::new("困った 😟").with_score(-1));
    s2.lane_mut(Lane::Opportunities)
        .push(Card::new("한국어 텍스트도 넓은 문자입니다"));
    map.stages = vec![s1, s2];
    map
}

/// The stages and cards, without what CSV does not carry (title, persona, descriptions, and
/// a card's evidence, source, owner and status).
fn stages_only(map: &Map) -> Vec<Stage> {
    map.stages
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.description.clear();
            for lane in Lane::ALL {
                for card in s.lane_mut(lane) {
                    card.evidence = None;
                    card.source.clear();
                    card.owner.clear();
                    card.status = None;
                }
            }
            s
        })
        .collect()
}
