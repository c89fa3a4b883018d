//! Cards wrapped onto several lines: each line fits the room it is drawn in, and what is
//! drawn and what a click selects always agree.

use journeymap::app::card_layout::{CardLayout, SCORE_WIDTH, marks};
use journeymap::app::{App, Event, Slot};
use journeymap::model::{Card, Lane, Map, Stage};
use journeymap::text;
use proptest::prelude::*;
use ratatui::style::Modifier;

use super::{assert_board_intact, buffer_text, draw};

/// Texts that wrap in all the ways that matter: short, long, without spaces, wide, emoji
/// sequences, combining marks, hostile, several lines, blank.
const TEXTS: &[&str] = &[
    "",
    "   ",
    "Short",
    "Comparison blog post that ranks us third behind two older tools",
    "Supercalifragilisticexpialidocious-onboarding-checklist-without-spaces-and-more",
    "フォームが長すぎて、途中でやめてしまった。入力項目が二十個もある",
    "ab 日本語です x 漢字 and more 日本語のテキストです",
    "🚀🎉 Launch party with 👩‍💻 devs and 👨‍👩‍👧 families, everyone gave it a 👍🏽",
    "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e, Zoe\u{308}, n\u{303}andu\u{301}",
    "\u{1b}[2J\u{1b}[Hcleared? \u{202e}evil bell\u{7}",
    "لا أستطيع العثور على زر الدفع في صفحة السلة ولا أعرف كيف أكمل",
    "a\nb\nc\nd",
    "Ｆｕｌｌｗｉｄｔｈ ｌａｔｉｎ ｔｅｘｔ ａｎｄ ｈａｌｆ",
];

const CHANNELS: &[&str] = &["", "web", "a channel name that is long as well", "ウェブ"];

fn card() -> impl Strategy<Value = Card> {
    (
        proptest::sample::select(TEXTS),
        proptest::sample::select(CHANNELS),
        prop_oneof![Just(0u16), Just(1), Just(12), Just(9999)],
        any::<bool>(),
        -2i8..=2,
    )
        .prop_map(|(text, channel, votes, notes, score)| {
            let card = Card::new(text)
                .with_channel(channel)
                .with_votes(votes)
                .with_score(score);
            if notes { card.with_notes("n") } else { card }
        })
}

fn map() -> impl Strategy<Value = Map> {
    let lanes = proptest::collection::vec(proptest::collection::vec(card(), 0..7), 4);
    proptest::collection::vec(lanes, 1..6).prop_map(|stages| {
        let mut map = Map::new("m");
        for (i, lanes) in stages.into_iter().enumerate() {
            let mut stage = Stage::new(format!("S{i}"));
            for (lane, cards) in Lane::ALL.into_iter().zip(lanes) {
                *stage.lane_mut(lane) = cards;
            }
            map.stages.push(stage);
        }
        map
    })
}

/// The rows of the selected card's band where the selection bar shows are exactly the rows
/// where a click selects that card.
fn assert_clicks_match_the_drawing(app: &App, what: &str) {
    let (buf, _) = draw(app);
    assert_board_intact(app, &buf);
    let geo = app.view().geometry().expect("big enough");
    let sel = app.seat.selection;
    let (left, _) = geo.column(sel.stage - app.seat.first_stage);
    let (top, rows) = geo.bands[sel.lane.index()];
    for y in top..top + rows {
        let highlighted = buf[(left, y)].modifier.contains(Modifier::REVERSED);
        let clicked = app.view().hit(left + 1, y) == Some(sel);
        assert_eq!(
            highlighted,
            clicked,
            "{what}: row {y} at {:?}\n{}",
            app.seat.size,
            buffer_text(&buf)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn what_is_drawn_is_what_is_clicked(
        map in map(),
        width in 60u16..=240,
        height in 16u16..=70,
        big in any::<bool>(),
        persona in any::<bool>(),
    ) {
        let mut app = App::new(map, None);
        app.seat.big = big;
        app.seat.show_persona = persona;
        for stage in 0..app.room.map.stages.len() {
            for lane in Lane::ALL {
                for index in 0..app.room.map.stages[stage].lane(lane).len() {
                    app.seat.selection = Slot { stage, lane, index };
                    // A resize scrolls the selection into view.
                    app.event(Event::Resize { width, height });
                    assert_clicks_match_the_drawing(&app, &format!("{stage} {lane:?} {index}"));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_line_fits_its_room(
        card in card(),
        width in 20u16..60,
        max_lines in 1usize..=3,
        lane in proptest::sample::select(&Lane::ALL[..]),
    ) {
        let layout = CardLayout::new(&card, lane, width, max_lines);
        let inner = usize::from(width - 2);
        let prefix = if lane == Lane::Emotions { SCORE_WIDTH } else { 0 };
        let room = |line: usize| {
            if line == 0 {
                inner - prefix - text::width(&marks(&card, lane))
            } else {
                inner - layout.indent
            }
        };
        prop_assert!(!layout.lines.is_empty() && layout.height() <= max_lines, "{:?}", layout);
        for (i, line) in layout.lines.iter().enumerate() {
            prop_assert!(text::width(line) <= room(i), "line {}: {:?}", i, layout);
            prop_assert!(!line.chars().any(text::is_unsafe), "{:?}", layout);
        }
        if let Some((at, channel)) = &layout.channel {
            let used = layout.lines.get(*at).map_or(0, |s| text::width(s));
            prop_assert!(used + text::width(channel) <= room(*at), "{:?}", layout);
            prop_assert!(!channel.chars().any(text::is_unsafe), "{:?}", layout);
        }
    }
}
