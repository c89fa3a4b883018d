//! Which card of one map is which card of another, for the diff and the merge alike. Cards
//! carry no ids (the file stays clean for people), so they are matched in passes, each over
//! what the passes before left:
//!
//! 1. stages by name;
//! 2. in each pair of stages, a lane's cards with exactly the same text (among cards of one
//!    text, those equal in every field first, then in order);
//! 3. cards with exactly the same text in the same lane kind anywhere (moved between stages);
//! 4. stages renamed: an unmatched old stage and an unmatched new one that share at least
//!    half of the smaller one's cards (found by passes 2 and 3); then, by their place, an
//!    unmatched old stage alone between two matched neighbours and the one new stage
//!    between their images, when the old one is empty or at least half of the smaller
//!    one's cards have a similar card in the same lane of the other (all reworded);
//! 5. cards with exactly the same text in any lane (moved between lanes);
//! 6. cards whose texts are similar (a small edit, a typo fixed), in the same stage and lane,
//!    the most similar pairs first;
//! 7. similar cards in the same lane kind in other stages, while there are few left.
//!
//! Similarity never crosses lane kinds: a pain point reworded into an opportunity is a new
//! card. A pair is *uncertain* when only a shared note or source let it through, or when
//! another candidate came close: the merge then keeps both versions rather than guess.
//! Every pass is linear in the cards (hash tables, a fixed window), so a lane of 10,000
//! cards costs no more than 10,000 lanes of one.

use std::collections::{HashMap, VecDeque};

use similar::{Algorithm, TextDiff};

use crate::model::{Card, Lane, Map, Slot};

/// Two card texts are the same card, edited, when their similarity is at least this (see
/// [`similarity`]). 0.6 takes "Long form" → "Long signup form" (0.72) and typo fixes, and
/// refuses "Checkout" → "Support chat" (0.4) and most one-word cards against each other.
pub const SIMILARITY_THRESHOLD: f64 = 0.6;

/// The threshold for two cards of the same stage and lane that also share a note or a
/// source that is not empty: the other fields vouch for the card, so a longer rewording
/// ("Pricing page" → "Pricing page with a calculator", 0.57) still matches, as an
/// uncertain pair. Never used across stages.
pub const SIMILARITY_THRESHOLD_WITH_FIELDS: f64 = 0.45;

/// A pair is uncertain when another candidate of either card scores within this much.
const CLOSE_RUNNER_UP: f64 = 0.05;

/// How far apart (in unmatched cards of one lane) pass 6 looks for an edited card, when the
/// lane has too many unmatched cards to compare them all.
const WINDOW: usize = 8;

/// Pass 6 compares every pair of a lane only while the pairs are at most this many (a
/// window beyond), and pass 7 every pair of a lane kind only while they are at most
/// `MAX_PAIRS`.
const MAX_PAIRS_IN_LANE: usize = 256;
const MAX_PAIRS: usize = 4096;

/// Texts longer than this (in characters) are compared by their words, not their
/// characters: the cost stays linear in the length.
const LONG_TEXT: usize = 300;

/// Every card of a map in one numbering: stage by stage, lanes in board order.
#[derive(Debug)]
pub struct Cards<'a> {
    pub cards: Vec<&'a Card>,
    pub slots: Vec<Slot>,
    /// The number of the first card of each stage's lane.
    starts: Vec<[usize; 4]>,
}

impl<'a> Cards<'a> {
    pub fn of(map: &'a Map) -> Self {
        let n = map.card_count();
        let mut cards = Vec::with_capacity(n);
        let mut slots = Vec::with_capacity(n);
        let mut starts = Vec::with_capacity(map.stages.len());
        for (s, stage) in map.stages.iter().enumerate() {
            let mut start = [0; 4];
            for lane in Lane::ALL {
                start[lane.index()] = cards.len();
                for (index, card) in stage.lane(lane).iter().enumerate() {
                    cards.push(card);
                    slots.push(Slot {
                        stage: s,
                        lane,
                        index,
                    });
                }
            }
            starts.push(start);
        }
        Cards {
            cards,
            slots,
            starts,
        }
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The numbers of the cards of one stage's lane.
    pub fn lane(&self, stage: usize, lane: Lane) -> std::ops::Range<usize> {
        let start = self.starts[stage][lane.index()];
        let end = match lane.index() {
            3 => self
                .starts
                .get(stage + 1)
                .map_or(self.cards.len(), |next| next[0]),
            i => self.starts[stage][i + 1],
        };
        start..end
    }
}

/// Old to new and back, for stages and for cards (by their numbers in [`Cards`]).
#[derive(Debug)]
pub struct Matching {
    pub stages: Vec<Option<usize>>,
    pub stages_back: Vec<Option<usize>>,
    pub cards: Vec<Option<usize>>,
    pub cards_back: Vec<Option<usize>>,
    /// For each old card: whether its pair is uncertain (see the module's notes).
    pub uncertain: Vec<bool>,
}

impl Matching {
    /// Pairs old card `old` with new card `new`, as a caller that knows better than the
    /// passes (the merge, for a card reworded on both sides), marking the pair uncertain.
    pub fn pair_uncertain(&mut self, old: usize, new: usize) {
        self.pair(old, new);
        self.uncertain[old] = true;
    }

    fn pair_stages(&mut self, old: usize, new: usize) {
        self.stages[old] = Some(new);
        self.stages_back[new] = Some(old);
    }

    fn pair(&mut self, old: usize, new: usize) {
        self.cards[old] = Some(new);
        self.cards_back[new] = Some(old);
    }
}

/// Matches the stages and cards of `old` to those of `new`.
pub fn match_maps(old: &Map, new: &Map, a: &Cards, b: &Cards) -> Matching {
    let mut m = Matching {
        stages: vec![None; old.stages.len()],
        stages_back: vec![None; new.stages.len()],
        cards: vec![None; a.len()],
        cards_back: vec![None; b.len()],
        uncertain: vec![false; a.len()],
    };
    // 1. Stages by name, in order when names repeat.
    let mut by_name: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, stage) in new.stages.iter().enumerate() {
        by_name.entry(stage.name.as_str()).or_default().push_back(i);
    }
    for (i, stage) in old.stages.iter().enumerate() {
        if let Some(j) = by_name
            .get_mut(stage.name.as_str())
            .and_then(VecDeque::pop_front)
        {
            m.pair_stages(i, j);
        }
    }
    // 2. Same stage, same lane, same text.
    same_lane_exact(&mut m, a, b);
    // 3. Same lane kind anywhere, same text.
    exact(&mut m, a, b, |place| Some(place.lane));
    // 4. Stages renamed, recognised by their cards.
    renamed_stages(&mut m, old, new, a, b);
    renamed_in_place(&mut m, old, new, a, b);
    same_lane_exact(&mut m, a, b);
    // 5. Any lane, same text.
    exact(&mut m, a, b, |_| None);
    // 6. Similar text in the same stage and lane.
    for (i, j) in m.stages.clone().into_iter().enumerate() {
        let Some(j) = j else { continue };
        for lane in Lane::ALL {
            let olds: Vec<usize> = a.lane(i, lane).filter(|&c| m.cards[c].is_none()).collect();
            let news: Vec<usize> = b
                .lane(j, lane)
                .filter(|&c| m.cards_back[c].is_none())
                .collect();
            let all = olds.len().saturating_mul(news.len()) <= MAX_PAIRS_IN_LANE;
            let window = if all { usize::MAX } else { WINDOW };
            best_first(&mut m, a, b, &olds, &news, window, true);
        }
    }
    // 7. Similar text in the same lane kind elsewhere, while few are left.
    for lane in Lane::ALL {
        let olds: Vec<usize> = (0..a.len())
            .filter(|&c| m.cards[c].is_none() && a.slots[c].lane == lane)
            .collect();
        let news: Vec<usize> = (0..b.len())
            .filter(|&c| m.cards_back[c].is_none() && b.slots[c].lane == lane)
            .collect();
        if olds.len().saturating_mul(news.len()) <= MAX_PAIRS {
            best_first(&mut m, a, b, &olds, &news, usize::MAX, false);
        }
    }
    m
}

fn same_lane_exact(m: &mut Matching, a: &Cards, b: &Cards) {
    for i in 0..m.stages.len() {
        let Some(j) = m.stages[i] else { continue };
        for lane in Lane::ALL {
            pair_same_text(m, a, b, a.lane(i, lane), b.lane(j, lane), |_| ());
        }
    }
}

/// Pairs unmatched cards of the same text among cards with the same `kind`.
fn exact(m: &mut Matching, a: &Cards, b: &Cards, kind: impl Fn(&Slot) -> Option<Lane>) {
    pair_same_text(m, a, b, 0..a.len(), 0..b.len(), |slot| kind(slot));
}

/// Pairs the unmatched cards of `olds` and `news` that have the same text and the same
/// `kind`: among several cards of one text, those equal in every field first (a card's
/// votes and notes say which it is), then the others in order.
fn pair_same_text<K: std::hash::Hash + Eq>(
    m: &mut Matching,
    a: &Cards,
    b: &Cards,
    olds: std::ops::Range<usize>,
    news: std::ops::Range<usize>,
    kind: impl Fn(&Slot) -> K,
) {
    let mut table: HashMap<(K, &str), VecDeque<usize>> = HashMap::new();
    for n in news.filter(|&n| m.cards_back[n].is_none()) {
        table
            .entry((kind(&b.slots[n]), b.cards[n].text.as_str()))
            .or_default()
            .push_back(n);
    }
    if table.is_empty() {
        return;
    }
    let mut left = Vec::new();
    for o in olds {
        if m.cards[o].is_some() {
            continue;
        }
        let Some(list) = table.get_mut(&(kind(&a.slots[o]), a.cards[o].text.as_str())) else {
            continue;
        };
        match list.iter().take(64).position(|&n| b.cards[n] == a.cards[o]) {
            Some(at) => {
                if let Some(n) = list.remove(at) {
                    m.pair(o, n);
                }
            }
            None => left.push(o),
        }
    }
    for o in left {
        if let Some(n) = table
            .get_mut(&(kind(&a.slots[o]), a.cards[o].text.as_str()))
            .and_then(VecDeque::pop_front)
        {
            m.pair(o, n);
        }
    }
}

fn renamed_stages(m: &mut Matching, old: &Map, new: &Map, a: &Cards, b: &Cards) {
    for i in 0..old.stages.len() {
        if m.stages[i].is_some() {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for o in (0..4).flat_map(|l| a.lane(i, Lane::ALL[l])) {
            if let Some(n) = m.cards[o] {
                let j = b.slots[n].stage;
                if m.stages_back[j].is_none() {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        let best = shared
            .into_iter()
            .max_by_key(|&(j, count)| (count, std::cmp::Reverse(j)));
        if let Some((j, count)) = best {
            let smaller = old.stages[i].card_count().min(new.stages[j].card_count());
            if count * 2 >= smaller {
                m.pair_stages(i, j);
            }
        }
    }
}

/// Pass 4, by place: a stage renamed whose cards cannot tell (it is empty, or its cards
/// were reworded too) is the one unmatched old stage between two matched neighbours, facing
/// the one new stage between their images.
fn renamed_in_place(m: &mut Matching, old: &Map, new: &Map, a: &Cards, b: &Cards) {
    for i in 0..old.stages.len() {
        if m.stages[i].is_some() {
            continue;
        }
        // The neighbours must be matched (or be the map's ends), in the same order.
        let before = match i.checked_sub(1) {
            None => None,
            Some(p) => match m.stages[p] {
                Some(pj) => Some(pj),
                None => continue,
            },
        };
        let after = match old.stages.get(i + 1) {
            None => new.stages.len(),
            Some(_) => match m.stages[i + 1] {
                Some(qj) => qj,
                None => continue,
            },
        };
        let j = before.map_or(0, |pj| pj + 1);
        if j + 1 != after || m.stages_back[j].is_some() {
            continue;
        }
        if old.stages[i].card_count() == 0 || reworded(m, a, b, i, j, old, new) {
            m.pair_stages(i, j);
        }
    }
}

/// Whether at least half of the smaller stage's cards (old stage `i`, new stage `j`) have
/// a similar unmatched card in the same lane of the other. A long lane is not compared.
fn reworded(m: &Matching, a: &Cards, b: &Cards, i: usize, j: usize, old: &Map, new: &Map) -> bool {
    let mut similar = 0;
    for lane in Lane::ALL {
        let olds: Vec<usize> = a.lane(i, lane).filter(|&c| m.cards[c].is_none()).collect();
        let news: Vec<usize> = b
            .lane(j, lane)
            .filter(|&c| m.cards_back[c].is_none())
            .collect();
        if olds.len().saturating_mul(news.len()) > MAX_PAIRS_IN_LANE {
            continue;
        }
        similar += olds
            .iter()
            .filter(|&&o| {
                news.iter().any(|&n| {
                    similarity(&a.cards[o].text, &b.cards[n].text) >= SIMILARITY_THRESHOLD
                })
            })
            .count();
    }
    let smaller = old.stages[i].card_count().min(new.stages[j].card_count());
    similar > 0 && similar * 2 >= smaller
}

/// Passes 6 and 7: the candidate pairs (each old card against the new cards within
/// `window` places of it in the unmatched order), the most similar first. A pair whose
/// cards had another candidate almost as good, or that only a shared note or source let
/// through, is uncertain.
fn best_first(
    m: &mut Matching,
    a: &Cards,
    b: &Cards,
    olds: &[usize],
    news: &[usize],
    window: usize,
    same_stage: bool,
) {
    if olds.is_empty() || news.is_empty() {
        return;
    }
    let mut pairs = Vec::new();
    for (i, &o) in olds.iter().enumerate() {
        let from = i.saturating_sub(window);
        let to = i.saturating_add(window).saturating_add(1).min(news.len());
        for &n in &news[from.min(to)..to] {
            let vouched = same_stage && shares_a_field(a.cards[o], b.cards[n]);
            let needed = if vouched {
                SIMILARITY_THRESHOLD_WITH_FIELDS
            } else {
                SIMILARITY_THRESHOLD
            };
            let (x, y) = (&a.cards[o].text, &b.cards[n].text);
            let score = similarity(x, y);
            if score >= needed {
                pairs.push((score, o, n));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    // Each card's two best candidates, for telling a close call.
    let mut top_old: HashMap<usize, TopTwo> = HashMap::new();
    let mut top_new: HashMap<usize, TopTwo> = HashMap::new();
    for &(score, o, n) in &pairs {
        top_old.entry(o).or_default().offer(score, n);
        top_new.entry(n).or_default().offer(score, o);
    }
    for (score, o, n) in pairs {
        if m.cards[o].is_none() && m.cards_back[n].is_none() {
            m.pair(o, n);
            let runner_up = top_old[&o].other_than(n).max(top_new[&n].other_than(o));
            m.uncertain[o] = score < SIMILARITY_THRESHOLD || score - runner_up < CLOSE_RUNNER_UP;
        }
    }
}

/// The two best scores of one card's candidates (offered best first), with who they are.
#[derive(Default)]
struct TopTwo([Option<(f64, usize)>; 2]);

impl TopTwo {
    fn offer(&mut self, score: f64, who: usize) {
        match self.0 {
            [None, _] => self.0[0] = Some((score, who)),
            [Some(_), None] => self.0[1] = Some((score, who)),
            _ => {}
        }
    }

    /// The best score of a candidate other than `who` (0 when there is none).
    fn other_than(&self, who: usize) -> f64 {
        self.0
            .iter()
            .flatten()
            .find(|(_, w)| *w != who)
            .map_or(0.0, |(s, _)| *s)
    }
}

/// Whether two cards share a note or a source that is not empty.
fn shares_a_field(a: &Card, b: &Card) -> bool {
    let shared = |x: &str, y: &str| !x.is_empty() && x == y;
    shared(&a.notes, &b.notes) || shared(&a.source, &b.source)
}

/// How alike two texts are, case ignored: 1.0 for the same text, 0.0 for nothing in
/// common. Twice the characters a diff of the two keeps, over the characters of both (the
/// ratio difflib and nbdime report, over a Myers diff); for texts longer than
/// `LONG_TEXT` characters, the same over words taken as a bag, so that a card of 20,000
/// characters costs a pass over its words rather than a diff of its characters.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la + lb == 0 {
        return 1.0;
    }
    // The ratio cannot beat the share of the shorter text: skip the diff when that is
    // already too little.
    let bound = 2.0 * la.min(lb) as f64 / (la + lb) as f64;
    if bound < SIMILARITY_THRESHOLD_WITH_FIELDS {
        return bound;
    }
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if la.max(lb) > LONG_TEXT {
        return words_in_common(&a, &b);
    }
    f64::from(
        TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_chars(&a, &b)
            .ratio(),
    )
}

/// Twice the words two texts have in common (as a bag), over the words of both.
fn words_in_common(a: &str, b: &str) -> f64 {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for w in a.split_whitespace() {
        counts.entry(w).or_default().0 += 1;
    }
    for w in b.split_whitespace() {
        counts.entry(w).or_default().1 += 1;
    }
    let (mut common, mut total) = (0, 0);
    for (x, y) in counts.into_values() {
        common += x.min(y);
        total += x + y;
    }
    if total == 0 {
        1.0
    } else {
        2.0 * common as f64 / total as f64
    }
}

/// Which items of `seq` keep their relative order: a longest increasing subsequence,
/// found in O(n log n). The others are the ones that moved.
pub fn in_order(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the smallest tail per length
    let mut prev = vec![usize::MAX; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let at = tails.partition_point(|&t| seq[t] < x);
        if at > 0 {
            prev[i] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_takes_small_edits_and_refuses_other_cards() {
        for (a, b) in [
            ("Long form", "Long signup form"),
            ("Recieve the invoice", "Receive the invoice"),
            ("Checkout page slow", "checkout page is slow"),
        ] {
            assert!(similarity(a, b) >= SIMILARITY_THRESHOLD, "{a} / {b}");
        }
        for (a, b) in [
            ("Checkout", "Support chat"),
            ("Slow", "Fast"),
            ("Hidden fees", "No guest checkout"),
        ] {
            assert!(similarity(a, b) < SIMILARITY_THRESHOLD, "{a} / {b}");
        }
    }

    #[test]
    fn in_order_finds_the_cards_that_kept_their_order() {
        assert_eq!(in_order(&[0, 1, 2]), [true, true, true]);
        assert_eq!(in_order(&[2, 0, 1]), [false, true, true]);
        assert_eq!(in_order(&[]), Vec::<bool>::new());
    }
}
