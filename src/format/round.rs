//! The file of a voting round in progress (`KEY.PID.round` in the state folder): what it
//! holds, its text, and the check a round must pass before it is resumed. A round file is
//! checked like a map: it comes from disk and may be damaged or written by hand, and a
//! resumed round adds its dots to the votes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::ParseError;
use super::config::MOST_DOTS;
use crate::model::{Lane, MAX_VOTES, Map};

/// The round as it is written: settings, the finished ballots, the ballot of the participant
/// whose turn it is, and the facilitator's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RoundFile {
    pub dots: u8,
    pub cap: u8,
    /// The lanes that take votes, by their file-format keys (`pain_points`).
    pub lanes: Vec<String>,
    pub hide_votes: bool,
    pub ballots: Vec<Vec<DotFile>>,
    pub current: Vec<DotFile>,
    /// Whether a participant's turn was under way (else the hand-over screen showed).
    pub in_turn: bool,
    pub counts: Vec<DotFile>,
    /// Run in a live session: every participant voted on their own screen.
    #[serde(default)]
    pub live: bool,
    /// A live round's ballots, by seat (the room file says whose seat is whose).
    #[serde(default)]
    pub seats: Vec<SeatDots>,
}

/// One live participant's dots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatDots {
    pub seat: u32,
    pub name: String,
    pub done: bool,
    pub dots: Vec<DotFile>,
}

/// Some dots on one card. Every dot names its card by position and by text: a round is
/// resumed only onto the cards it was cast on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotFile {
    pub stage: usize,
    pub lane: String,
    pub index: usize,
    /// The card's text when the dot was placed, to check the card is still the same one.
    pub text: String,
    pub dots: u16,
}

/// The text of a round file.
pub fn round_to_string(round: &RoundFile) -> String {
    ron::ser::to_string_pretty(round, ron::ser::PrettyConfig::default()).unwrap_or_default()
}

/// Parses the text of a round file.
pub fn round_from_str(text: &str) -> Result<RoundFile, ParseError> {
    super::parse::<RoundFile>(text).map_err(|e| e.in_lines_of(text))
}

/// The dots a check took out of a round, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// On a card that is not there (a stage, lane or position the map does not have), that
    /// no longer has the text the dot was placed on, or in a lane that takes no votes.
    pub no_card: u64,
    /// A participant's dots beyond the dots per person.
    pub over_budget: u64,
    /// A participant's dots on one card beyond the most one person may put there.
    pub over_cap: u64,
    /// Counts of raised hands beyond the most votes a card holds.
    pub over_count: u64,
}

impl Dropped {
    pub fn total(&self) -> u64 {
        self.no_card + self.over_budget + self.over_cap + self.over_count
    }
}

impl RoundFile {
    /// The round as it may be resumed on `map`: its settings in range, each ballot within
    /// the dots per person and the most per card, the counts within the most votes a card
    /// holds, and every dot on a card of a voting lane that still has the text it was placed
    /// on; a card's dots are gathered into one. Also what was dropped.
    pub fn checked(&self, map: &Map) -> (RoundFile, Dropped) {
        let dots = self.dots.clamp(1, MOST_DOTS as u8);
        let cap = self.cap.clamp(1, MOST_DOTS as u8);
        let mut lanes: Vec<String> = Vec::new();
        for key in &self.lanes {
            if Lane::from_key(key).is_some() && !lanes.contains(key) {
                lanes.push(key.clone());
            }
        }
        let mut dropped = Dropped::default();
        let mut ballot = |cast: &[DotFile]| {
            let mut left = u64::from(dots);
            on_cards(cast, map, &lanes, &mut dropped)
                .into_iter()
                .filter_map(|(mut dot, n)| {
                    let allowed = n.min(u64::from(cap));
                    let taken = allowed.min(left);
                    dropped.over_cap += n - allowed;
                    dropped.over_budget += allowed - taken;
                    left -= taken;
                    dot.dots = u16::try_from(taken).ok()?;
                    (taken > 0).then_some(dot)
                })
                .collect::<Vec<_>>()
        };
        let ballots = self.ballots.iter().map(|b| ballot(b)).collect();
        let current = ballot(&self.current);
        let seats = self
            .seats
            .iter()
            .map(|s| SeatDots {
                dots: ballot(&s.dots),
                ..s.clone()
            })
            .collect();
        let counts = on_cards(&self.counts, map, &lanes, &mut dropped)
            .into_iter()
            .map(|(mut dot, n)| {
                let kept = n.min(u64::from(MAX_VOTES));
                dropped.over_count += n - kept;
                dot.dots = kept as u16;
                dot
            })
            .filter(|dot| dot.dots > 0)
            .collect();
        let checked = RoundFile {
            dots,
            cap,
            lanes,
            hide_votes: self.hide_votes,
            ballots,
            current,
            in_turn: self.in_turn,
            counts,
            live: self.live,
            seats,
        };
        (checked, dropped)
    }
}

/// The dots of `cast` that are on a card of a voting lane with the text they were placed
/// on, gathered card by card (in the order first met) with their sums; the rest counted
/// in `dropped`.
fn on_cards(
    cast: &[DotFile],
    map: &Map,
    lanes: &[String],
    dropped: &mut Dropped,
) -> Vec<(DotFile, u64)> {
    let mut gathered: Vec<(DotFile, u64)> = Vec::new();
    let mut at: HashMap<(usize, Lane, usize), usize> = HashMap::new();
    for dot in cast {
        let card = Lane::from_key(&dot.lane)
            .filter(|_| lanes.contains(&dot.lane))
            .and_then(|lane| {
                let card = map.stages.get(dot.stage)?.lane(lane).get(dot.index)?;
                (card.text == dot.text).then_some(lane)
            });
        let Some(lane) = card else {
            dropped.no_card += u64::from(dot.dots);
            continue;
        };
        match at.get(&(dot.stage, lane, dot.index)) {
            Some(&i) => gathered[i].1 += u64::from(dot.dots),
            None => {
                at.insert((dot.stage, lane, dot.index), gathered.len());
                gathered.push((dot.clone(), u64::from(dot.dots)));
            }
        }
    }
    gathered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Stage};

    fn map() -> Map {
        let mut stage = Stage::new("One");
        stage.lane_mut(Lane::PainPoints).push(Card::new("Slow"));
        stage.lane_mut(Lane::PainPoints).push(Card::new("Dear"));
        stage.lane_mut(Lane::Touchpoints).push(Card::new("Ad"));
        let mut map = Map::new("Test");
        map.stages.push(stage);
        map
    }

    fn dot(stage: usize, lane: &str, index: usize, text: &str, dots: u16) -> DotFile {
        DotFile {
            stage,
            lane: lane.into(),
            index,
            text: text.into(),
            dots,
        }
    }

    #[test]
    fn a_round_keeps_only_what_a_participant_could_have_placed() {
        let file = RoundFile {
            dots: 5,
            cap: 3,
            lanes: vec!["pain_points".into()],
            ballots: vec![vec![
                dot(0, "pain_points", 0, "Slow", 60_000),
                dot(0, "pain_points", 1, "Dear", 2),
                dot(0, "pain_points", 1, "Dear", 2),
                dot(7, "pain_points", 0, "", 1),
                dot(0, "touchpoints", 0, "Ad", 1),
                dot(0, "pain_points", 0, "Changed", 1),
            ]],
            counts: vec![dot(0, "pain_points", 0, "Slow", 10_000)],
            ..RoundFile::default()
        };
        let (checked, dropped) = file.checked(&map());
        assert_eq!(
            checked.ballots,
            [vec![
                dot(0, "pain_points", 0, "Slow", 3),
                dot(0, "pain_points", 1, "Dear", 2)
            ]]
        );
        assert_eq!(
            checked.counts,
            [dot(0, "pain_points", 0, "Slow", MAX_VOTES)]
        );
        assert_eq!(
            dropped,
            Dropped {
                no_card: 3,
                over_budget: 1,
                over_cap: 59_997 + 1,
                over_count: u64::from(10_000 - MAX_VOTES),
            }
        );
    }

    #[test]
    fn a_round_file_reads_back_as_written() {
        let file = RoundFile {
            dots: 5,
            cap: 3,
            lanes: vec!["pain_points".into()],
            hide_votes: true,
            ballots: vec![vec![dot(1, "pain_points", 0, "Slow \"page\"\n", 2)]],
            ..RoundFile::default()
        };
        assert_eq!(round_from_str(&round_to_string(&file)), Ok(file));
        assert!(round_from_str("(dots: \"five\")").is_err());
    }
}
