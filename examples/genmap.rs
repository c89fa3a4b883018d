//! Writes a reference map of the performance budgets in canonical form:
//!
//!     cargo run --release --example genmap -- N VARIANT OUT.ron
//!
//! N cards in every lane of five stages; VARIANT is plain, unicode or long. A fourth
//! argument, `ours` or `theirs`, changes 1% of the cards (edits, votes, deletions,
//! insertions), each side different ones: the versions `diff` and `merge` are timed on.
//!
//!     cargo run --release --example genmap -- long-card OUT.ron base|ours|theirs
//!
//! writes a map of one card of 20,000 characters, rewritten on each side in other words:
//! the worst case for comparing card texts.

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

use common::Variant;
use journeymap::model::{Card, Lane, Map};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [kind, out, side] = &args[..]
        && kind == "long-card"
    {
        return write(out, &long_card(side));
    }
    let (n, variant, out, side) = match &args[..] {
        [n, variant, out] => (n, variant, out, None),
        [n, variant, out, side] if side == "ours" || side == "theirs" => {
            (n, variant, out, Some(side.as_str()))
        }
        _ => {
            eprintln!("usage: genmap N plain|unicode|long OUT.ron [ours|theirs]");
            return ExitCode::from(2);
        }
    };
    let (Ok(n), Some(variant)) = (n.parse::<usize>(), Variant::from_name(variant)) else {
        eprintln!("usage: genmap N plain|unicode|long OUT.ron");
        return ExitCode::from(2);
    };
    let mut map = common::reference_map(n, variant);
    if let Some(side) = side {
        change_one_in_a_hundred(&mut map, side);
    }
    write(out, &map)
}

fn write(out: &str, map: &Map) -> ExitCode {
    let text = journeymap::format::to_string(map);
    if let Err(e) = std::fs::write(out, &text) {
        eprintln!("genmap: {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!("{out}: {} cards, {} bytes", map.card_count(), text.len());
    ExitCode::SUCCESS
}

/// One pain point of 20,000 characters; `ours` and `theirs` each rewrite it in words of
/// their own (a pasted transcript, cleaned up two ways).
fn long_card(side: &str) -> Map {
    let words: &[&str] = match side {
        "ours" => &["checkout", "slow", "retry", "declined", "support", "waited"],
        "theirs" => &["invoice", "late", "refund", "email", "billing", "confused"],
        _ => &["payment", "form", "error", "card", "page", "lost"],
    };
    let mut text = String::with_capacity(20_100);
    let mut i = 0;
    while text.len() < 20_000 {
        text.push_str(words[i % words.len()]);
        text.push_str(if i % 13 == 12 { ". " } else { " " });
        i += 1;
    }
    let mut map = Map::new("Long card");
    let mut stage = journeymap::model::Stage::new("Buy");
    stage
        .lane_mut(Lane::PainPoints)
        .push(Card::new(text.trim_end()));
    map.stages.push(stage);
    map
}

/// Changes every hundredth card (from the first for ours, the fiftieth for theirs), in
/// turn: its text edited, its votes raised, the card deleted, a new card after it.
fn change_one_in_a_hundred(map: &mut Map, side: &str) {
    let offset = if side == "ours" { 0 } else { 50 };
    let mut k = 0;
    for stage in &mut map.stages {
        for lane in Lane::ALL {
            let cards = std::mem::take(stage.lane_mut(lane));
            let mut kept = Vec::with_capacity(cards.len() + cards.len() / 100);
            for (i, mut card) in cards.into_iter().enumerate() {
                if i % 100 != offset {
                    kept.push(card);
                    continue;
                }
                k += 1;
                match k % 4 {
                    0 => {
                        card.text.push_str(" (changed)");
                        kept.push(card);
                    }
                    1 => {
                        card.votes += 3;
                        kept.push(card);
                    }
                    2 => {}
                    _ => {
                        kept.push(card);
                        kept.push(Card::new(format!("Added by {side}, {k}")));
                    }
                }
            }
            *stage.lane_mut(lane) = kept;
        }
    }
}
