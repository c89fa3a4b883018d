//! The editor, driven as a user drives it: key scripts through the real key map and
//! `App::update` (see `script`), and whole frames drawn into a buffer for snapshots.

mod board;
mod cards;
mod export;
mod fields;
mod navigation;
mod phases;
mod random_keys;
mod render;
mod safety;
mod script;
mod scrolling;
mod search;
mod seats;
mod session;
mod stages;
mod timer;
mod undo;
mod voting;
mod wrapping;

use std::path::PathBuf;

use journeymap::app::{App, Slot};
use journeymap::model::{Card, Lane, Map, Persona, Stage};
use journeymap::ui::{self, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

pub(crate) use script::run;

/// An editor on `map` (no file yet) in an 80x24 terminal.
pub(crate) fn editor(map: Map) -> App {
    sized(App::new(map, None), 80, 24)
}

pub(crate) fn sized(mut app: App, width: u16, height: u16) -> App {
    app.event(journeymap::app::Event::Resize { width, height });
    app
}

pub(crate) fn slot(stage: usize, lane: Lane, index: usize) -> Slot {
    Slot { stage, lane, index }
}

/// The card texts of one lane.
pub(crate) fn texts(app: &App, stage: usize, lane: Lane) -> Vec<String> {
    app.room.map.stages[stage]
        .lane(lane)
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

/// Three stages with a few cards, small enough to state every expectation exactly:
/// stage 1 has cards in every lane, stage 2 in two lanes, stage 3 none.
pub(crate) fn sample_map() -> Map {
    let mut map = Map::new("Sample journey");
    let mut aware = Stage::new("Aware").with_description("How do they hear of us?");
    aware.lane_mut(Lane::Touchpoints).extend([
        Card::new("Search ad").with_channel("web").with_votes(2),
        Card::new("Blog post"),
    ]);
    aware
        .lane_mut(Lane::Emotions)
        .push(Card::new("Curious").with_score(1));
    aware
        .lane_mut(Lane::PainPoints)
        .push(Card::new("Slow page").with_votes(1));
    aware
        .lane_mut(Lane::Opportunities)
        .push(Card::new("Faster page"));
    let mut consider = Stage::new("Consider");
    consider
        .lane_mut(Lane::Touchpoints)
        .push(Card::new("Pricing page").with_channel("web"));
    consider
        .lane_mut(Lane::Emotions)
        .push(Card::new("Confused").with_score(-2));
    map.stages = vec![aware, consider, Stage::new("Buy")];
    map
}

/// The sample map with a persona, for the persona and title tests.
pub(crate) fn sample_with_persona() -> Map {
    let mut map = sample_map();
    map.persona = Some(Persona {
        name_conflict: None,
        summary_conflict: None,
        conflict: None,
        name: "Olivia".into(),
        summary: "Runs a team of twelve".into(),
        goals: vec!["Save time".into()],
        frustrations: vec![],
    });
    map
}

/// The example map shipped in `assets/examples/`.
pub(crate) fn example_map() -> Map {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/examples/trial-signup.ron");
    journeymap::store::load(&path).unwrap_or_else(|e| panic!("example map: {e:?}"))
}

/// Draws the app at its own size with the colourless theme; returns the buffer and where
/// the cursor is placed.
pub(crate) fn draw(app: &App) -> (Buffer, Option<Position>) {
    let (width, height) = app.seat.size;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let cursor = ui::render(&mut buf, area, &app.view(), &Theme::plain());
    (buf, cursor)
}

/// The screen as text: one line per row, wide characters taking their two columns (the
/// cell a wide character covers is skipped, as a terminal shows it), trailing spaces cut.
pub(crate) fn buffer_text(buf: &Buffer) -> String {
    let mut lines = Vec::new();
    for y in buf.area.top()..buf.area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in buf.area.left()..buf.area.right() {
            let symbol = buf[(x, y)].symbol();
            if skip == 0 {
                line.push_str(symbol);
            }
            skip = skip.max(symbol.width()).saturating_sub(1);
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// What the user sees right now.
pub(crate) fn screen(app: &App) -> String {
    buffer_text(&draw(app).0)
}

/// Long and wide text: CJK, emoji (with a ZWJ sequence and a flag), combining marks, and
/// words longer than any column.
pub(crate) fn wide_map() -> Map {
    let mut map = Map::new(
        "顧客ジャーニー: 🚀 launch of the new café ordering app, from first sight to loyalty",
    );
    map.persona = Some(Persona {
        name: "Zoë 👩‍💻 山田花子".into(),
        ..Persona::default()
    });
    let mut first = Stage::new("認知と発見 Awareness").with_description("どこで知りましたか?");
    first.lane_mut(Lane::Touchpoints).extend([
        Card::new("検索広告で見つけた「タイムシート」アプリの宣伝")
            .with_channel("ウェブ")
            .with_votes(12),
        Card::new("🚀🎉 Launch party with 👩‍💻 devs and 🇯🇵 guests").with_votes(3),
        Card::new("Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e, Zoe\u{308}, n\u{303}andu\u{301}")
            .with_notes("combining"),
        Card::new("Supercalifragilisticexpialidocious-onboarding-checklist-without-spaces"),
    ]);
    first.lane_mut(Lane::Emotions).extend([
        Card::new("😀 嬉しい、とても嬉しい気持ちになった").with_score(2),
        Card::new("😡 怒り").with_score(-2).with_votes(9999),
    ]);
    first.lane_mut(Lane::PainPoints).push(
        Card::new("フォームが長すぎて、途中でやめてしまった。入力項目が二十個もある").with_votes(7),
    );
    first.lane_mut(Lane::Opportunities).push(
        Card::new("Ｆｕｌｌｗｉｄｔｈ ｌａｔｉｎ ｔｅｘｔ ａｎｄ ｈａｌｆ").with_notes("note"),
    );
    let mut second = Stage::new("比較検討と調査のための非常に長いステージ名がここに入ります");
    second.lane_mut(Lane::Touchpoints).push(
        Card::new("A very long touchpoint text that keeps going well past the width of any column on the board")
            .with_channel("a channel name that is long as well")
            .with_votes(42),
    );
    second
        .lane_mut(Lane::Emotions)
        .push(Card::new("混乱 😕").with_score(-1));
    let mut third = Stage::new("Ünïcödé ✓");
    third
        .lane_mut(Lane::Emotions)
        .push(Card::new("Relieved").with_score(1));
    map.stages = vec![
        first,
        second,
        third,
        Stage::new("Loyalty"),
        Stage::new("Advocacy"),
    ];
    map
}

/// Text that tries to drive the terminal: escape sequences (colour, clear screen, window
/// title, hyperlink), a bell, a C1 control, DEL, a BiDi override and an isolate, in every
/// field the editor shows.
pub(crate) fn hostile_map() -> Map {
    let mut map = Map::new("\u{1b}]0;pwned\u{7}Hostile \u{1b}[31mred\u{1b}[0m title");
    map.persona = Some(Persona {
        name_conflict: None,
        summary_conflict: None,
        conflict: None,
        name: "\u{202e}evil persona".into(),
        summary: "clear \u{1b}[2J screen".into(),
        goals: vec!["bell \u{7} goal".into()],
        frustrations: vec!["C1 \u{9b}31m frustration".into()],
    });
    let mut stage = Stage::new("\u{1b}[31mRed stage\u{1b}[0m")
        .with_description("desc \u{9b}2J with C1 and \u{1b}[1mbold");
    stage.lane_mut(Lane::Touchpoints).extend([
        Card::new("\u{1b}[2J\u{1b}[Hcleared?")
            .with_channel("\u{1b}[5mblink")
            .with_notes("\u{1b}]8;;http://evil.example\u{7}link\u{1b}]8;;\u{7}"),
        Card::new("bell\u{7}\u{7} and DEL\u{7f}"),
        Card::new("bidi \u{202e}txet desrever\u{202c} and \u{2066}isolate\u{2069}"),
        Card::new("tab\there, line\nbreak, CR\rback"),
    ]);
    stage
        .lane_mut(Lane::Emotions)
        .push(Card::new("C1 CSI \u{9b}31m red").with_score(-2));
    stage
        .lane_mut(Lane::PainPoints)
        .push(Card::new("NUL \u{0} and BS \u{8} and ZWJ a\u{200d}b"));
    map.stages = vec![stage, Stage::new("\u{202e}Second")];
    map
}

/// Fails when a row of the screen is wider than the terminal, or when a border of the board
/// is missing or hidden under the second half of a wide character (a terminal would not
/// show it, and the columns would no longer line up).
pub(crate) fn assert_board_intact(app: &App, buf: &Buffer) {
    use journeymap::app::geometry::STAGE_ROW;
    let geo = app
        .view()
        .geometry()
        .expect("the board is drawn at this size");
    let mut borders = vec![0, geo.gutter];
    borders.extend((1..=geo.columns).map(|i| geo.column_x(i)));
    for y in buf.area.top()..buf.area.bottom() {
        let mut hidden = vec![false; usize::from(buf.area.width)];
        let mut shown_width = 0;
        let mut skip = 0;
        for x in buf.area.left()..buf.area.right() {
            let symbol = buf[(x, y)].symbol();
            if skip == 0 {
                shown_width += symbol.width();
            } else {
                hidden[usize::from(x)] = true;
            }
            skip = skip.max(symbol.width()).saturating_sub(1);
        }
        assert_eq!(
            shown_width,
            usize::from(buf.area.width),
            "row {y} is {shown_width} columns wide on a {}-column screen:\n{}",
            buf.area.width,
            buffer_text(buf)
        );
        if (STAGE_ROW - 1..=geo.board_bottom()).contains(&y) {
            for &x in &borders {
                let symbol = buf[(x, y)].symbol();
                assert!(
                    !hidden[usize::from(x)] && "│─┌┬┐├┼┤└┴┘".contains(symbol),
                    "border at ({x}, {y}) is {symbol:?}{}:\n{}",
                    if hidden[usize::from(x)] {
                        " (hidden by a wide character)"
                    } else {
                        ""
                    },
                    buffer_text(buf)
                );
            }
        }
    }
}
