//! Likely duplicate cards (`D`): after private writing the same note is often on the board
//! several times. The list pairs the cards of one stage and lane whose texts are similar,
//! by the similarity the diff uses to recognise an edited card, most similar first; `m`
//! merges a pair into one card as one undoable change, and the list follows.
//!
//! Comparing every pair of a lane costs its length squared: a lane of more than
//! [`ALL_PAIRS_UP_TO`] cards is compared, card by card, with its [`NEIGHBOURS`] in
//! alphabetical order only (where notes that say nearly the same thing end up side by
//! side), so a lane of 10,000 imported cards stays quick.

use super::geometry::ListScreen;
use super::list::ListCursor;
use super::{Action, Ctx, Edit, Effect, Mode, Slot};
use crate::matching::{LONG_TEXT, SIMILARITY_THRESHOLD, similarity};
use crate::model::{Card, CardField, CardId, Lane, MAX_VOTES, Map, Value};

/// A lane of at most this many cards has every pair compared (about 45,000 pairs).
pub const ALL_PAIRS_UP_TO: usize = 300;

/// In a longer lane, each card is compared with this many cards after it in alphabetical
/// order.
pub const NEIGHBOURS: usize = 8;

/// Two cards of one stage and lane that likely say the same thing.
#[derive(Debug, Clone)]
pub struct Pair {
    pub stage: usize,
    pub lane: Lane,
    /// The two cards' places in the lane, the first above the second.
    pub first: usize,
    pub second: usize,
    /// Which cards they are, so the list stays on them while others change the map.
    ids: (CardId, CardId),
    /// How alike the texts are, from the threshold to 1.0 (the same text, case ignored).
    pub similarity: f64,
}

impl Pair {
    pub fn slots(&self) -> (Slot, Slot) {
        let at = |index| Slot {
            stage: self.stage,
            lane: self.lane,
            index,
        };
        (at(self.first), at(self.second))
    }

    fn is(&self, ids: (CardId, CardId)) -> bool {
        self.ids.0.same(ids.0) && self.ids.1.same(ids.1)
    }
}

/// The likely duplicates of a whole map, most similar first (equals in board order).
pub fn find(map: &Map) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (stage, s) in map.stages.iter().enumerate() {
        for lane in Lane::ALL {
            lane_pairs(stage, lane, s.lane(lane), &mut pairs);
        }
    }
    sort(&mut pairs);
    pairs
}

fn sort(pairs: &mut [Pair]) {
    pairs.sort_by(|x, y| {
        y.similarity.total_cmp(&x.similarity).then_with(|| {
            (x.stage, x.lane.index(), x.first, x.second).cmp(&(
                y.stage,
                y.lane.index(),
                y.first,
                y.second,
            ))
        })
    });
}

/// The similar pairs of one lane's cards. Cards without text, and the two versions of a
/// merge conflict (settled with their own keys), are left out.
fn lane_pairs(stage: usize, lane: Lane, cards: &[Card], out: &mut Vec<Pair>) {
    let mut open: Vec<usize> = (0..cards.len())
        .filter(|&i| cards[i].conflict.is_none() && !cards[i].text.trim().is_empty())
        .collect();
    let window = if open.len() <= ALL_PAIRS_UP_TO {
        usize::MAX
    } else {
        open.sort_by_cached_key(|&i| cards[i].text.to_lowercase());
        NEIGHBOURS
    };
    let mut bound = Bound::new(cards, &open);
    for (k, &i) in open.iter().enumerate() {
        bound.start(i);
        for &j in open[k + 1..].iter().take(window) {
            if !bound.may_reach(j, SIMILARITY_THRESHOLD) {
                continue;
            }
            let (first, second) = (i.min(j), i.max(j));
            let score = similarity(&cards[first].text, &cards[second].text);
            if score >= SIMILARITY_THRESHOLD {
                out.push(Pair {
                    stage,
                    lane,
                    first,
                    second,
                    ids: (cards[first].id, cards[second].id),
                    similarity: score,
                });
            }
        }
    }
}

/// A quick upper bound of [`similarity`] at and above the threshold, so that the diff runs
/// only for pairs that may reach it. The similarity of two texts up to `LONG_TEXT` characters is twice
/// the characters a diff of them keeps over the characters of both, case ignored; what a
/// diff keeps is a common subsequence, so twice the longest one (found with bit vectors,
/// Hyyrö's algorithm, 64 characters a step) over the characters of both is never less.
/// A longer text is compared by its words, which this does not bound: it always may.
struct Bound {
    /// Each card's lower-case text as symbols of the lane's alphabet; `None` when it is
    /// longer than `LONG_TEXT` characters.
    texts: Vec<Option<Vec<u32>>>,
    /// For the card being compared: per symbol, where in its text the symbol is (a bit
    /// per character, in `words` words).
    masks: Vec<u64>,
    words: usize,
    current: Option<usize>,
    /// The column vector of the algorithm, reused.
    v: Vec<u64>,
}

impl Bound {
    fn new(cards: &[Card], open: &[usize]) -> Bound {
        let mut alphabet = std::collections::HashMap::new();
        let mut texts = vec![None; cards.len()];
        let mut longest = 0;
        for &i in open {
            let text = &cards[i].text;
            if text.chars().count() > LONG_TEXT {
                continue;
            }
            let symbols: Vec<u32> = text
                .to_lowercase()
                .chars()
                .map(|c| {
                    let next = alphabet.len() as u32;
                    *alphabet.entry(c).or_insert(next)
                })
                .collect();
            longest = longest.max(symbols.len());
            texts[i] = Some(symbols);
        }
        let words = longest.div_ceil(64).max(1);
        Bound {
            texts,
            masks: vec![0; alphabet.len() * words],
            words,
            current: None,
            v: vec![0; words],
        }
    }

    /// Makes card `i` the one the next pairs are bounded against.
    fn start(&mut self, i: usize) {
        if let Some(old) = self.current.and_then(|c| self.texts[c].as_ref()) {
            for &s in old {
                let at = s as usize * self.words;
                self.masks[at..at + self.words].fill(0);
            }
        }
        self.current = Some(i);
        if let Some(text) = &self.texts[i] {
            for (k, &s) in text.iter().enumerate() {
                self.masks[s as usize * self.words + k / 64] |= 1 << (k % 64);
            }
        }
    }

    /// Whether the similarity of the current card and card `j` may be `threshold` or more.
    fn may_reach(&mut self, j: usize, threshold: f64) -> bool {
        self.at_most(j) >= threshold - 1e-6
    }

    /// The most the similarity of the current card and card `j` can be.
    fn at_most(&mut self, j: usize) -> f64 {
        let (Some(i), Some(b)) = (self.current, self.texts[j].as_ref()) else {
            return 1.0;
        };
        let Some(a) = self.texts[i].as_ref() else {
            return 1.0;
        };
        let total = a.len() + b.len();
        if total == 0 {
            return 1.0;
        }
        let words = a.len().div_ceil(64).max(1);
        let v = &mut self.v[..words];
        v.fill(!0);
        for &s in b {
            let mask = &self.masks[s as usize * self.words..][..words];
            // V = (V + (V & M)) | (V & !M), the addition carried across the words.
            let mut carry = 0u64;
            for (v, &m) in v.iter_mut().zip(mask) {
                let u = *v & m;
                let (sum, c1) = v.overflowing_add(u);
                let (sum, c2) = sum.overflowing_add(carry);
                carry = u64::from(c1 || c2);
                *v = sum | (*v & !m);
            }
        }
        // The common subsequence is the zero bits among the first `a.len()`.
        let zeros: usize = v
            .iter()
            .enumerate()
            .map(|(w, &bits)| {
                let valid = (a.len() - w * 64).min(64);
                let keep = if valid == 64 { !0 } else { (1u64 << valid) - 1 };
                (!bits & keep).count_ones() as usize
            })
            .sum();
        2.0 * zeros as f64 / total as f64
    }
}

/// The card that `keep` and `other` (of `lane`) become: `keep`'s text; the votes added up
/// (to the most a card holds); the stronger evidence; what only `other` states; and in the
/// notes, what of `other` would otherwise be lost (its text, unless the same but for case
/// and spacing; its channel, source, owner or status where both state a different one, as
/// `source: Ticket 41`; its notes). Nothing is added twice.
pub fn merged(keep: &Card, other: &Card, lane: Lane) -> Card {
    let mut card = keep.clone();
    let mut notes = keep.notes.clone();
    let mut add = |line: &str| {
        let folded = fold(line);
        if folded.is_empty() || fold(&notes).contains(&folded) {
            return;
        }
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(line.trim());
    };
    if fold(&keep.text) != fold(&other.text) {
        add(&other.text);
    }
    for field in CardField::of(lane) {
        match field {
            CardField::Text | CardField::Notes => {}
            CardField::Votes => card.votes = keep.votes.saturating_add(other.votes).min(MAX_VOTES),
            CardField::Evidence => card.evidence = keep.evidence.max(other.evidence),
            _ if !field.is_stated(keep) => field.set(&mut card, field.get(other)),
            _ => {
                let theirs = match field.get(other) {
                    Value::Text(text) => Some(text),
                    Value::Word(word) => word,
                    Value::Number(_) => None,
                };
                if let Some(theirs) = theirs.filter(|t| !t.is_empty())
                    && field.get(keep) != field.get(other)
                {
                    add(&format!("{}: {theirs}", field.label()));
                }
            }
        }
    }
    add(&other.notes);
    card.notes = notes;
    card
}

/// Text compared as people read it: case and spacing ignored.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The list's state while it is open.
#[derive(Debug, Clone)]
pub struct DuplicatePairs {
    pairs: Vec<Pair>,
    /// The selected pair, and the first pair on screen.
    pub list: ListCursor,
}

impl DuplicatePairs {
    pub fn open(map: &Map) -> DuplicatePairs {
        DuplicatePairs {
            pairs: find(map),
            list: ListCursor::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub fn pair(&self, row: usize) -> Option<&Pair> {
        self.pairs.get(row)
    }

    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// Finds the pairs again on a map that changed, with the cursor on the pair it was
    /// on if that pair is still there, else on the pair now in its row.
    fn refresh(&mut self, map: &Map) {
        let on = self.pair(self.list.cursor).map(|p| p.ids);
        self.pairs = find(map);
        self.keep_cursor(on);
    }

    /// Finds the pairs of one lane again (after a merge there), the others kept.
    fn refresh_lane(&mut self, map: &Map, stage: usize, lane: Lane) {
        self.pairs.retain(|p| (p.stage, p.lane) != (stage, lane));
        if let Some(s) = map.stages.get(stage) {
            lane_pairs(stage, lane, s.lane(lane), &mut self.pairs);
        }
        sort(&mut self.pairs);
        self.keep_cursor(None);
    }

    fn keep_cursor(&mut self, on: Option<(CardId, CardId)>) {
        if let Some(row) = on.and_then(|ids| self.pairs.iter().position(|p| p.is(ids))) {
            self.list.set(row);
        }
        self.list.step(0, self.pairs.len());
        self.list.first = self.list.first.min(self.list.cursor);
    }
}

/// Rows a pair takes in the list.
pub const PAIR_ROWS: u16 = 2;

/// Pairs on one page of the list on a screen `width` x `height`.
pub fn page(width: u16, height: u16) -> usize {
    (ListScreen::rows(width, height) / usize::from(PAIR_ROWS)).max(1)
}

impl Ctx<'_> {
    /// `D` on the board.
    pub(super) fn open_duplicate_pairs(&mut self) {
        self.seat.duplicate_pairs = Some(DuplicatePairs::open(&self.room.map));
        self.seat.mode = Mode::DuplicatePairs;
    }

    /// Others changed the map while the list is open: it shows the map as it is now.
    pub(super) fn refresh_duplicate_pairs(&mut self) {
        if let Some(list) = self.seat.duplicate_pairs.as_mut() {
            list.refresh(&self.room.map);
        }
    }

    pub(super) fn duplicate_pairs_key(&mut self, action: Action) -> Option<Effect> {
        let Some(list) = self.seat.duplicate_pairs.as_ref() else {
            self.seat.mode = Mode::Normal;
            return None;
        };
        let page = page(self.seat.size.0, self.seat.size.1);
        let (cursor, last) = (list.list.cursor, list.len().saturating_sub(1));
        let to = match action {
            Action::Up => cursor.saturating_sub(1),
            Action::Down => (cursor + 1).min(last),
            Action::PageUp => cursor.saturating_sub(page),
            Action::PageDown => (cursor + page).min(last),
            Action::MergePair => {
                self.merge_pair();
                cursor
            }
            Action::Undo | Action::Redo => {
                self.normal(action);
                self.refresh_duplicate_pairs();
                cursor
            }
            Action::Submit => {
                if let Some((slot, _)) = list.pair(cursor).map(Pair::slots) {
                    self.leave_duplicate_pairs();
                    self.select_stage(slot.stage);
                    self.seat.selection = slot;
                }
                return None;
            }
            Action::Cancel => {
                self.leave_duplicate_pairs();
                return None;
            }
            _ => cursor,
        };
        if let Some(list) = self.seat.duplicate_pairs.as_mut() {
            list.list.set(to);
            list.list.step(0, list.len());
            list.list.follow(page);
        }
        None
    }

    fn leave_duplicate_pairs(&mut self) {
        self.seat.duplicate_pairs = None;
        self.seat.mode = Mode::Normal;
    }

    /// Merges the selected pair: the card with more votes (or the first) stays, the other
    /// goes, in one undoable change.
    fn merge_pair(&mut self) {
        if self.room.read_only {
            self.set_error("read-only: this map cannot be changed here");
            return;
        }
        if let Some(why) = super::roles::refusal(&self.view(), &Action::MergePair) {
            self.set_error(why);
            return;
        }
        let Some(pair) = self
            .seat
            .duplicate_pairs
            .as_ref()
            .and_then(|l| l.pair(l.list.cursor))
            .cloned()
        else {
            self.set_status("no likely duplicates to merge");
            return;
        };
        let (first, second) = pair.slots();
        let (Some(a), Some(b)) = (self.room.card(first), self.room.card(second)) else {
            return;
        };
        let (keep, gone) = if b.votes > a.votes {
            (second, first)
        } else {
            (first, second)
        };
        let (kept, other) = (self.room.card(keep), self.room.card(gone));
        let Some(card) = kept.zip(other).map(|(k, o)| merged(k, o, pair.lane)) else {
            return;
        };
        // The other card goes first: the kept one's place is then one up if it was below.
        let keep = Slot {
            index: keep.index - usize::from(gone.index < keep.index),
            ..keep
        };
        let edit = Edit::Batch(vec![Edit::RemoveCard(gone), Edit::ReplaceCard(keep, card)]);
        let label = edit.describe(&self.room.map);
        if self.change(edit, "") {
            self.set_status(format!("{label} (u undoes it)"));
            self.seat.selection = keep;
            if let Some(list) = self.seat.duplicate_pairs.as_mut() {
                list.refresh_lane(&self.room.map, pair.stage, pair.lane);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    #[test]
    fn the_bound_is_never_below_the_similarity_and_rules_out_unlike_texts() {
        let long = "The customer compares three offers side by side and keeps switching tabs";
        let texts = [
            "No guest checkout",
            "no guest check-out option",
            "Shipping cost shown only at the end",
            "Too many fields in the checkout form",
            "Ödeme sayfası çok yavaş 🐢",
            "ÖDEME SAYFASI YAVAŞ",
            "Καλημέρα ΣΟΦΙΑ",
            long,
            &long.replace("tabs", "windows"),
            &long.repeat(3),
            &format!("{} {}", long.repeat(2), "and more"),
            "a",
        ];
        let cards: Vec<Card> = texts.iter().map(|t| Card::new(*t)).collect();
        let open: Vec<usize> = (0..cards.len()).collect();
        let mut bound = Bound::new(&cards, &open);
        let mut ruled_out = 0;
        for i in 0..cards.len() {
            bound.start(i);
            for j in 0..cards.len() {
                let most = bound.at_most(j);
                let score = similarity(texts[i], texts[j]);
                for threshold in [0.45, SIMILARITY_THRESHOLD, 0.8, 1.0] {
                    assert!(
                        score < threshold || most >= threshold - 1e-6,
                        "{:?} {:?}: {score} but at most {most}",
                        texts[i],
                        texts[j]
                    );
                }
                ruled_out += usize::from(most < SIMILARITY_THRESHOLD);
            }
            assert!(
                (bound.at_most(i) - 1.0).abs() < 1e-9,
                "a text is all like itself"
            );
        }
        assert!(ruled_out > cards.len() * cards.len() / 2, "{ruled_out}");
    }

    #[test]
    fn a_merge_keeps_what_only_the_other_card_says() {
        let keep = Card::new("No guest checkout")
            .with_votes(3)
            .with_notes("Heard twice")
            .with_source("Interview 2");
        let other = Card::new("no guest  CHECKOUT")
            .with_votes(2)
            .with_owner("Ana")
            .with_evidence(Evidence::Validated)
            .with_source("Ticket 41")
            .with_notes("heard   TWICE");
        let card = merged(&keep, &other, Lane::Opportunities);
        assert_eq!(card.text, "No guest checkout");
        assert_eq!(card.votes, 5);
        assert_eq!(card.owner, "Ana");
        assert_eq!(card.evidence, Some(Evidence::Validated));
        assert_eq!(card.source, "Interview 2");
        // The same text and the same notes but for case and spacing add nothing.
        assert_eq!(card.notes, "Heard twice\nsource: Ticket 41");
        // A field the lane does not have is not carried over.
        let on_pain = merged(&keep, &other, Lane::PainPoints);
        assert_eq!(on_pain.owner, "");
        assert_eq!(
            merged(
                &keep.clone().with_votes(MAX_VOTES),
                &other,
                Lane::PainPoints
            )
            .votes,
            MAX_VOTES
        );
    }
}
