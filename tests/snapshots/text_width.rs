//! No line of the `text` board is wider than the width asked for, measured in display
//! columns, whatever the map holds.

use journeymap::export::{self, Options};
use journeymap::model::{Card, Lane, Map, Stage};
use journeymap::text::width;
use proptest::prelude::*;

use super::{example, hostile, wide};

fn widest(map: &Map, opts: &Options) -> usize {
    let out = export::render("text", map, opts).expect("text format");
    out.lines().map(width).max().unwrap_or(0)
}

#[test]
fn every_line_fits_every_width_from_40_to_200() {
    let maps = [example(), hostile(), wide(), many_stages(12)];
    for map in &maps {
        for w in 40..=200 {
            for ascii in [false, true] {
                let opts = Options {
                    width: w,
                    ascii,
                    color: false,
                    ..Options::default()
                };
                let got = widest(map, &opts);
                assert!(
                    got <= w,
                    "{:?} at width {w} (ascii {ascii}) has a line {got} wide",
                    map.title
                );
            }
        }
    }
}

#[test]
fn narrow_widths_stack_the_stages_and_still_fit() {
    for w in 20..40 {
        let opts = Options {
            width: w,
            ..Options::default()
        };
        assert!(widest(&wide(), &opts) <= w);
        assert!(widest(&example(), &opts) <= w);
    }
}

#[test]
fn wide_terminals_show_all_stages_side_by_side() {
    let opts = Options {
        width: 120,
        ..Options::default()
    };
    let out = export::render("text", &example(), &opts).expect("text");
    // One band: one top border, and all five stage numbers on the first header line.
    assert_eq!(out.matches('┌').count(), 1);
    let header = out
        .lines()
        .find(|l| l.contains("1. "))
        .expect("a header line");
    for n in 1..=5 {
        assert!(header.contains(&format!("{n}. ")), "{header}");
    }
}

#[test]
fn narrow_terminals_print_bands_of_columns_without_losing_text() {
    let opts = Options {
        width: 60,
        ..Options::default()
    };
    let out = export::render("text", &example(), &opts).expect("text");
    assert!(out.matches('┌').count() > 1, "several bands at 60 columns");
    // Every word of every card is there (wrapped, not truncated).
    let flat: String = out
        .chars()
        .map(|c| {
            if "│─┌┐└┘├┤┬┴┼".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = flat.split_whitespace().collect();
    for stage in &example().stages {
        for lane in Lane::ALL {
            for card in stage.lane(lane) {
                for word in card.text.split_whitespace() {
                    assert!(words.contains(&word), "{word:?} is missing");
                }
            }
        }
    }
}

#[test]
fn the_emotion_curve_row_shows_each_stage_mean() {
    let out = export::render("text", &example(), &Options::default()).expect("text");
    let row = out
        .lines()
        .find(|l| l.contains("Emotion curve"))
        .expect("curve row");
    for mean in ["mean 0.0", "mean -0.5", "mean +0.5"] {
        assert!(row.contains(mean), "{row}");
    }
    assert!(out.contains('●'));
}

fn many_stages(n: usize) -> Map {
    let mut map = Map::new("Twelve stages");
    for i in 0..n {
        let mut s = Stage::new(format!("Stage number {i} with a long name"));
        s.lane_mut(Lane::Touchpoints)
            .push(Card::new(format!("Card {i} with some words in it")).with_votes(1));
        s.lane_mut(Lane::Emotions)
            .push(Card::new("Meh").with_score((i % 5) as i8 - 2));
        map.stages.push(s);
    }
    map
}

fn arb_text() -> impl Strategy<Value = String> {
    // Any characters, weighted towards the troublesome: wide, combining, controls, spaces.
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("日本語".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        "[a-z]{1,40}",
    ];
    prop::collection::vec(pieces, 1..12).prop_map(|v| format!("x{}", v.concat()))
}

pub(super) fn arb_map() -> impl Strategy<Value = Map> {
    let card = (arb_text(), arb_text(), -2i8..=2, 0u16..=9999, arb_text());
    let stage = (arb_text(), prop::collection::vec((0usize..4, card), 0..6));
    (arb_text(), prop::collection::vec(stage, 1..8)).prop_map(|(title, stages)| {
        let mut map = Map::new(title);
        for (name, cards) in stages {
            let mut s = Stage::new(name);
            for (lane, (text, channel, score, votes, notes)) in cards {
                let lane = Lane::ALL[lane];
                let mut card = Card::new(text).with_votes(votes).with_notes(notes);
                if lane == Lane::Touchpoints {
                    card = card.with_channel(channel);
                }
                if lane == Lane::Emotions {
                    card = card.with_score(score);
                }
                s.lane_mut(lane).push(card);
            }
            map.stages.push(s);
        }
        map
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_map_fits_any_width(map in arb_map(), w in 20usize..=300, ascii: bool) {
        let opts = Options { width: w, ascii, color: false, ..Options::default() };
        prop_assert!(widest(&map, &opts) <= w);
    }
}
