//! Properties of the merge over generated maps: a side that changed nothing takes the other
//! side's map whole, the same change on both sides is made once, every result saves and
//! loads back, and what a side added is never lost.

use journeymap::format;
use journeymap::matching::{Cards, match_maps};
use journeymap::merge::merge;
use journeymap::model::{Card, Lane, Map, Stage};
use proptest::prelude::*;

const WORDS: [&str; 8] = [
    "slow", "form", "fees", "chat", "price", "login", "email", "trial",
];

fn text(i: usize, j: usize) -> String {
    format!("{} {}", WORDS[i % WORDS.len()], WORDS[j % WORDS.len()])
}

fn base() -> impl Strategy<Value = Map> {
    prop::collection::vec(
        prop::collection::vec((0..4usize, 0..8usize, 0..8usize, 0..4u16), 0..8),
        1..4,
    )
    .prop_map(|stages| {
        let mut map = Map::new("Trial");
        for (s, cards) in stages.into_iter().enumerate() {
            let mut stage = Stage::new(format!("Stage {s}"));
            for (lane, i, j, votes) in cards {
                stage
                    .lane_mut(Lane::ALL[lane])
                    .push(Card::new(text(i, j)).with_votes(votes));
            }
            map.stages.push(stage);
        }
        map
    })
}

/// One change a facilitator makes: `(kind, a, b, c)`, the numbers picking what it touches.
type Edit = (u8, usize, usize, usize);

fn edited(map: &Map, edits: &[Edit], tag: &str) -> Map {
    let mut map = map.clone();
    for (n, &(kind, a, b, c)) in edits.iter().enumerate() {
        let s = a % map.stages.len();
        let lane = Lane::ALL[b % 4];
        let len = map.stages[s].lane(lane).len();
        match kind % 7 {
            0 => {
                let at = c % (len + 1);
                let card = Card::new(format!("{tag} card {n}"));
                map.stages[s].lane_mut(lane).insert(at, card);
            }
            1 if len > 0 => {
                map.stages[s].lane_mut(lane).remove(c % len);
            }
            2 if len > 0 => {
                let card = &mut map.stages[s].lane_mut(lane)[c % len];
                card.text.push('!');
            }
            3 if len > 0 => {
                let card = map.stages[s].lane_mut(lane).remove(c % len);
                let to = c % map.stages.len();
                let to_len = map.stages[to].lane(lane).len();
                map.stages[to].lane_mut(lane).insert(b % (to_len + 1), card);
            }
            4 if len > 0 => {
                let card = &mut map.stages[s].lane_mut(lane)[c % len];
                card.votes = card.votes.saturating_add(1 + (c % 3) as u16);
            }
            5 => map.stages[s].name = format!("{} {tag}", map.stages[s].name),
            6 => {
                let mut stage = Stage::new(format!("{tag} stage {n}"));
                stage
                    .lane_mut(lane)
                    .push(Card::new(format!("{tag} in stage {n}")));
                map.stages.insert(c % (map.stages.len() + 1), stage);
            }
            _ => {}
        }
    }
    map
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((0..7u8, 0..16usize, 0..16usize, 0..16usize), 0..6)
}

fn all_texts(map: &Map) -> Vec<String> {
    let mut texts = Vec::new();
    for stage in &map.stages {
        for lane in Lane::ALL {
            texts.extend(stage.lane(lane).iter().map(|c| c.text.clone()));
        }
    }
    texts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn one_sided_and_identical_changes_merge_to_that_side(b in base(), ex in edits()) {
        let x = edited(&b, &ex, "ours");
        prop_assert_eq!(&merge(&b, &x, &b).map, &x);
        prop_assert_eq!(&merge(&b, &b, &x).map, &x);
        prop_assert_eq!(&merge(&b, &x, &x).map, &x);
    }

    #[test]
    fn every_result_loads_and_keeps_what_each_side_added(
        b in base(), ex in edits(), ey in edits()
    ) {
        let (x, y) = (edited(&b, &ex, "ours"), edited(&b, &ey, "theirs"));
        let merged = merge(&b, &x, &y);
        let text = format::to_string(&merged.map);
        prop_assert_eq!(format::from_str(&text).expect("the result loads"), merged.map.clone());
        let result = all_texts(&merged.map);
        for added in all_texts(&x).into_iter().chain(all_texts(&y)) {
            if added.starts_with("ours") || added.starts_with("theirs") {
                prop_assert!(result.contains(&added), "{added} lost");
            }
        }
        // A card a side changed survives (merged, or as a conflict's version) unless the
        // other side changed it too; only a card left as it was can be deleted.
        for (side, other) in [(&x, &y), (&y, &x)] {
            let (bc, sc, oc) = (Cards::of(&b), Cards::of(side), Cards::of(other));
            let to_side = match_maps(&b, side, &bc, &sc);
            let to_other = match_maps(&b, other, &bc, &oc);
            for (n, card) in sc.cards.iter().enumerate() {
                let Some(o) = to_side.cards_back[n] else { continue };
                let changed_here = *card != bc.cards[o];
                let untouched_there = to_other.cards[o].is_some_and(|m| oc.cards[m] == bc.cards[o]);
                if changed_here && (to_other.cards[o].is_none() || untouched_there) {
                    prop_assert!(result.contains(&card.text), "{} lost", card.text);
                }
            }
        }
    }
}
