//! Search over every card: its text, notes, channel and source, case-insensitive (Unicode
//! lower case). The matches are kept in board order (stage, lane, card), so `n` and `N`
//! walk across stages and wrap around, and the board asks "is this card a match?" with a
//! binary search.

use super::{Action, Ctx, Effect, LineInput, Mode};
use crate::model::{Card, Lane, Map, Slot};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// The query in lower case, as the cards are compared.
    folded: String,
    /// Every matching card, in board order.
    matches: Vec<Slot>,
}

impl Search {
    /// Finds `query` in `map`. When `before` was a search for a prefix of the query (the
    /// user typed one more letter), only its matches are looked at again: a narrower query
    /// can only match fewer cards, so typing stays quick on a large map.
    pub fn run(map: &Map, query: &str, before: Option<&Search>) -> Search {
        let folded = query.to_lowercase();
        if folded.trim().is_empty() {
            return Search {
                query: query.to_string(),
                ..Search::default()
            };
        }
        let card_at = |slot: &Slot| {
            map.stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))
        };
        let matches = match before {
            Some(before) if !before.folded.is_empty() && folded.starts_with(&before.folded) => {
                before
                    .matches
                    .iter()
                    .filter(|slot| card_at(slot).is_some_and(|c| card_matches(c, &folded)))
                    .copied()
                    .collect()
            }
            _ => {
                let mut found = Vec::new();
                for (stage, s) in map.stages.iter().enumerate() {
                    for lane in Lane::ALL {
                        for (index, card) in s.lane(lane).iter().enumerate() {
                            if card_matches(card, &folded) {
                                found.push(Slot { stage, lane, index });
                            }
                        }
                    }
                }
                found
            }
        };
        Search {
            query: query.to_string(),
            folded,
            matches,
        }
    }

    pub fn count(&self) -> usize {
        self.matches.len()
    }

    pub fn is_match(&self, slot: Slot) -> bool {
        self.matches
            .binary_search_by(|m| order(*m).cmp(&order(slot)))
            .is_ok()
    }

    /// The match's number (from 1) when `slot` is one.
    pub fn position(&self, slot: Slot) -> Option<usize> {
        self.matches
            .binary_search_by(|m| order(*m).cmp(&order(slot)))
            .ok()
            .map(|i| i + 1)
    }

    /// The first match at or after `from` (wrapping around), or before it when `back`.
    pub fn next(&self, from: Slot, back: bool, include_from: bool) -> Option<Slot> {
        if self.matches.is_empty() {
            return None;
        }
        let at = self.matches.partition_point(|m| order(*m) < order(from));
        let here = self.matches.get(at).is_some_and(|m| *m == from);
        let i = if back {
            if here && include_from {
                at
            } else {
                (at + self.matches.len() - 1) % self.matches.len()
            }
        } else if here && !include_from {
            (at + 1) % self.matches.len()
        } else {
            at % self.matches.len()
        };
        self.matches.get(i).copied()
    }
}

impl Ctx<'_> {
    /// Typing a search: the matches follow every change, and the selection goes to the
    /// first match from where it was. Enter keeps the selection there (and the matches
    /// marked, for `n` and `N`); Esc clears the search.
    pub(super) fn search_keys(&mut self, mut input: LineInput, action: Action) -> Option<Effect> {
        match action {
            Action::Input(op) => input.apply(op),
            Action::Paste(text) => input.paste(&text.replace('\n', " ")),
            Action::Submit => {
                self.seat.mode = Mode::Normal;
                if self.seat.search.as_ref().is_none_or(|s| s.count() == 0) {
                    self.seat.search = None;
                }
                return None;
            }
            Action::Cancel => {
                self.seat.mode = Mode::Normal;
                self.seat.search = None;
                return None;
            }
            _ => {}
        }
        let before = self.seat.search.take();
        let search = Search::run(&self.room.map, input.text(), before.as_ref());
        self.seat.search_revision = self.room.history.revision();
        self.seat.search = Some(search);
        self.seat.mode = Mode::Search { input };
        self.jump_to_match(false, true);
        None
    }

    /// Selects the next (or previous) match, wrapping around; `here` counts the selected
    /// card itself as the next match.
    pub(super) fn jump_to_match(&mut self, back: bool, here: bool) {
        let Some(search) = &self.seat.search else {
            self.set_status("no search: / searches every card");
            return;
        };
        match search.next(self.seat.selection, back, here) {
            Some(slot) => {
                if slot.stage != self.seat.selection.stage {
                    self.select_stage(slot.stage);
                }
                self.seat.selection = slot;
            }
            None if !search.query.trim().is_empty() => self.set_status("no card matches"),
            None => {}
        }
    }

    /// Finds the matches again when the map changed under an open search.
    pub(super) fn refresh_search(&mut self) {
        if let Some(before) = &self.seat.search
            && self.seat.search_revision != self.room.history.revision()
        {
            let query = before.query.clone();
            self.seat.search = Some(Search::run(&self.room.map, &query, None));
            self.seat.search_revision = self.room.history.revision();
        }
    }
}

/// Board order: stage, then lane, then card.
fn order(slot: Slot) -> (usize, usize, usize) {
    (slot.stage, slot.lane.index(), slot.index)
}

/// Whether `folded` (lower case) is in the card's text, notes, channel or source.
fn card_matches(card: &Card, folded: &str) -> bool {
    [
        card.text.as_str(),
        card.notes.as_str(),
        card.channel.as_str(),
        card.source.as_str(),
    ]
    .into_iter()
    .any(|field| contains_folded(field, folded))
}

fn contains_folded(haystack: &str, folded: &str) -> bool {
    if haystack.len() < folded.len() && haystack.is_ascii() {
        return false;
    }
    if haystack.is_ascii() && folded.is_ascii() {
        let needle = folded.as_bytes();
        return haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle));
    }
    haystack.to_lowercase().contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    fn map() -> Map {
        let mut map = Map::new("m");
        for name in ["One", "Two"] {
            let mut stage = Stage::new(name);
            stage
                .lane_mut(Lane::Touchpoints)
                .push(Card::new("Search ad").with_channel("Web"));
            stage
                .lane_mut(Lane::PainPoints)
                .push(Card::new("Slow").with_notes("Café closes early"));
            stage
                .lane_mut(Lane::Emotions)
                .push(Card::new("日本語のテキスト"));
            map.stages.push(stage);
        }
        map
    }

    #[test]
    fn every_field_is_searched_case_insensitively() {
        let map = map();
        assert_eq!(Search::run(&map, "web", None).count(), 2, "the channel");
        assert_eq!(Search::run(&map, "CAFÉ", None).count(), 2, "the notes");
        assert_eq!(Search::run(&map, "テキスト", None).count(), 2);
        assert_eq!(Search::run(&map, "nothing", None).count(), 0);
        assert_eq!(Search::run(&map, "  ", None).count(), 0);
    }

    #[test]
    fn a_longer_query_refines_the_earlier_matches_with_the_same_result() {
        let map = map();
        let s = Search::run(&map, "s", None);
        let refined = Search::run(&map, "sl", Some(&s));
        assert_eq!(refined, Search::run(&map, "sl", None));
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let map = map();
        let s = Search::run(&map, "search", None);
        let first = Slot {
            stage: 0,
            lane: Lane::Touchpoints,
            index: 0,
        };
        let second = Slot { stage: 1, ..first };
        assert_eq!(s.next(first, false, false), Some(second));
        assert_eq!(s.next(second, false, false), Some(first));
        assert_eq!(s.next(first, true, false), Some(second));
        assert_eq!(s.next(first, false, true), Some(first));
        assert_eq!(s.position(second), Some(2));
    }
}
