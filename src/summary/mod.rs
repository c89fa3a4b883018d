//! The workshop's outcome: what a map says once the room has voted. The top pain points and
//! opportunities, the emotional low and high points, the gaps still to research, how well
//! the cards are known, who takes the opportunities on, and how many cards each stage holds.
//!
//! [`Outcome::of`] computes it; [`text`], [`markdown`] and [`json`] render it. Pure: no
//! I/O, no terminal; the caller prints.

pub mod json;
pub mod markdown;
pub mod text;

use crate::date::Date;
use crate::model::{Card, Evidence, Lane, Map, Stage, Status};

/// How many pain points and how many opportunities the ranking shows.
pub const TOP: usize = 5;

/// How many opportunities without an owner the text and Markdown name; the rest are
/// counted. (JSON lists them all.)
pub const LISTED: usize = 10;

/// A card and where it sits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub card: &'a Card,
    /// The stage's position in the map, from 0.
    pub stage_index: usize,
    pub stage: &'a str,
}

/// A stage at one end of the emotion curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mood<'a> {
    pub stage_index: usize,
    pub stage: &'a str,
    /// The mean score of the stage's emotions (never NaN: stages without emotions have no
    /// mood).
    pub mean: f64,
    /// The stage's pain point with the most votes, when one has any.
    pub top_pain_point: Option<&'a Card>,
}

/// A stage with at least one empty lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap<'a> {
    pub stage_index: usize,
    pub stage: &'a str,
    pub empty: Vec<Lane>,
}

/// How many cards say they are an assumption, observed or validated, and how many do not
/// say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvidenceCount {
    pub assumption: usize,
    pub observed: usize,
    pub validated: usize,
    pub not_stated: usize,
}

impl EvidenceCount {
    fn add(&mut self, evidence: Option<Evidence>) {
        match evidence {
            Some(Evidence::Assumption) => self.assumption += 1,
            Some(Evidence::Observed) => self.observed += 1,
            Some(Evidence::Validated) => self.validated += 1,
            None => self.not_stated += 1,
        }
    }

    fn plus(self, other: EvidenceCount) -> EvidenceCount {
        EvidenceCount {
            assumption: self.assumption + other.assumption,
            observed: self.observed + other.observed,
            validated: self.validated + other.validated,
            not_stated: self.not_stated + other.not_stated,
        }
    }

    pub fn total(&self) -> usize {
        self.assumption + self.observed + self.validated + self.not_stated
    }

    /// The counts with their names, in the order every rendering shows them.
    pub fn named(&self) -> [(&'static str, usize); 4] {
        [
            (Evidence::Assumption.key(), self.assumption),
            (Evidence::Observed.key(), self.observed),
            (Evidence::Validated.key(), self.validated),
            (NOT_STATED, self.not_stated),
        ]
    }
}

/// How many opportunities are open, planned, done, or do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCount {
    pub open: usize,
    pub planned: usize,
    pub done: usize,
    pub not_stated: usize,
}

impl StatusCount {
    fn add(&mut self, status: Option<Status>) {
        match status {
            Some(Status::Open) => self.open += 1,
            Some(Status::Planned) => self.planned += 1,
            Some(Status::Done) => self.done += 1,
            None => self.not_stated += 1,
        }
    }

    /// The counts with their names, in the order every rendering shows them.
    pub fn named(&self) -> [(&'static str, usize); 4] {
        [
            (Status::Open.key(), self.open),
            (Status::Planned.key(), self.planned),
            (Status::Done.key(), self.done),
            (NOT_STATED, self.not_stated),
        ]
    }
}

/// The words for a field that a card leaves out.
pub const NOT_STATED: &str = "not stated";

/// How many cards a stage holds in each lane.
#[derive(Debug, Clone, PartialEq)]
pub struct StageCount<'a> {
    pub stage: &'a str,
    /// In lane order ([`Lane::ALL`]).
    pub lanes: [usize; 4],
    /// The mean emotion score, when the stage has emotions.
    pub mean: Option<f64>,
}

impl StageCount<'_> {
    pub fn total(&self) -> usize {
        self.lanes.iter().sum()
    }
}

/// Everything the summary says about a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<'a> {
    pub title: &'a str,
    pub cards: usize,
    /// Votes on all cards of all lanes.
    pub votes: u64,
    /// The pain points with votes, most votes first (ties in map order), at most [`TOP`].
    pub top_pain_points: Vec<Placed<'a>>,
    /// The opportunities with votes, ranked the same way.
    pub top_opportunities: Vec<Placed<'a>>,
    /// The stage with the lowest mean emotion score (the first of equals), if any stage has
    /// emotions.
    pub low: Option<Mood<'a>>,
    /// The stage with the highest mean emotion score (the first of equals).
    pub high: Option<Mood<'a>>,
    pub gaps: Vec<Gap<'a>>,
    /// Evidence of the cards of each lane, in lane order.
    pub evidence: [EvidenceCount; 4],
    pub statuses: StatusCount,
    /// Opportunities nobody has taken on, most votes first (equals in map order): the
    /// ones the room wanted most are the first to give an owner.
    pub without_owner: Vec<Placed<'a>>,
    pub stages: Vec<StageCount<'a>>,
    /// The day the summary is made, when the caller says ([`Outcome::made_on`]).
    pub made: Option<Date>,
}

impl<'a> Outcome<'a> {
    /// The outcome, saying it was made on `date`.
    pub fn made_on(self, date: Date) -> Self {
        Outcome {
            made: Some(date),
            ..self
        }
    }

    pub fn of(map: &'a Map) -> Outcome<'a> {
        let placed = |lane: Lane| {
            map.stages.iter().enumerate().flat_map(move |(i, stage)| {
                stage.lane(lane).iter().map(move |card| Placed {
                    card,
                    stage_index: i,
                    stage: &stage.name,
                })
            })
        };
        let mut evidence = [EvidenceCount::default(); 4];
        let mut votes = 0u64;
        for stage in &map.stages {
            for lane in Lane::ALL {
                for card in stage.lane(lane) {
                    evidence[lane.index()].add(card.evidence);
                    votes += u64::from(card.votes);
                }
            }
        }
        let mut statuses = StatusCount::default();
        for opportunity in placed(Lane::Opportunities) {
            statuses.add(opportunity.card.status);
        }
        let moods: Vec<Mood<'a>> = map
            .stages
            .iter()
            .enumerate()
            .filter_map(|(i, stage)| {
                stage.mean_score().map(|mean| Mood {
                    stage_index: i,
                    stage: &stage.name,
                    mean,
                    top_pain_point: most_voted(stage.lane(Lane::PainPoints)),
                })
            })
            .collect();
        // `min_by`/`max_by` keep the last of equals; folding keeps the first.
        let low = moods
            .iter()
            .copied()
            .reduce(|best, m| if m.mean < best.mean { m } else { best });
        let high = moods
            .iter()
            .copied()
            .reduce(|best, m| if m.mean > best.mean { m } else { best });
        Outcome {
            title: &map.title,
            cards: map.card_count(),
            votes,
            top_pain_points: top_voted(map, Lane::PainPoints),
            top_opportunities: top_voted(map, Lane::Opportunities),
            low,
            high,
            gaps: map
                .stages
                .iter()
                .enumerate()
                .filter_map(|(i, stage)| gap(i, stage))
                .collect(),
            evidence,
            statuses,
            without_owner: by_votes(
                placed(Lane::Opportunities)
                    .filter(|o| crate::model::is_blank(&o.card.owner))
                    .collect(),
            ),
            stages: map
                .stages
                .iter()
                .map(|stage| StageCount {
                    stage: &stage.name,
                    lanes: Lane::ALL.map(|lane| stage.lane(lane).len()),
                    mean: stage.mean_score(),
                })
                .collect(),
            made: None,
        }
    }

    /// Evidence of all cards together.
    pub fn all_evidence(&self) -> EvidenceCount {
        self.evidence
            .iter()
            .fold(EvidenceCount::default(), |sum, &c| sum.plus(c))
    }

    /// Whether any card has a vote.
    pub fn has_votes(&self) -> bool {
        self.votes > 0
    }

    /// Whether any stage has an emotion card.
    pub fn has_emotions(&self) -> bool {
        self.low.is_some()
    }

    pub fn opportunities(&self) -> usize {
        self.stages
            .iter()
            .map(|s| s.lanes[Lane::Opportunities.index()])
            .sum()
    }
}

/// The cards of `lane` with votes, most first (equals in map order), at most [`TOP`]: the
/// summary's top lists and the snapshots' "What to fix first".
pub fn top_voted(map: &Map, lane: Lane) -> Vec<Placed<'_>> {
    ranked(map.stages.iter().enumerate().flat_map(move |(i, stage)| {
        stage.lane(lane).iter().map(move |card| Placed {
            card,
            stage_index: i,
            stage: &stage.name,
        })
    }))
}

/// The cards with votes, most first (equals in map order), at most [`TOP`].
fn ranked<'a>(cards: impl Iterator<Item = Placed<'a>>) -> Vec<Placed<'a>> {
    let mut voted = by_votes(cards.filter(|p| p.card.votes > 0).collect());
    voted.truncate(TOP);
    voted
}

/// Most votes first; the sort is stable, so equals keep map order.
fn by_votes(mut cards: Vec<Placed<'_>>) -> Vec<Placed<'_>> {
    rank_by_votes(&mut cards, |p| p.card.votes);
    cards
}

/// The ranking rule, for every list ranked by votes (the summary, the snapshots' "What to
/// fix first", the editor's results): most votes first, equals kept in the order given
/// (map order). A stable sort.
pub fn rank_by_votes<T>(items: &mut [T], votes: impl Fn(&T) -> u16) {
    items.sort_by_key(|item| std::cmp::Reverse(votes(item)));
}

/// The card with the most votes (the first of equals), when any has votes.
fn most_voted(cards: &[Card]) -> Option<&Card> {
    cards
        .iter()
        .filter(|c| c.votes > 0)
        .reduce(|best, c| if c.votes > best.votes { c } else { best })
}

fn gap(stage_index: usize, stage: &Stage) -> Option<Gap<'_>> {
    let empty: Vec<Lane> = Lane::ALL
        .into_iter()
        .filter(|&lane| stage.lane(lane).is_empty())
        .collect();
    (!empty.is_empty()).then_some(Gap {
        stage_index,
        stage: &stage.name,
        empty,
    })
}

/// The lane's name in running text: "pain points".
pub(crate) fn lane_words(lane: Lane) -> String {
    lane.title().to_lowercase()
}

/// A number of cards of a lane: "1 touchpoint", "3 opportunities".
pub(crate) fn lane_count(n: usize, lane: Lane) -> String {
    let one = match lane {
        Lane::Touchpoints => "touchpoint",
        Lane::Emotions => "emotion",
        Lane::PainPoints => "pain point",
        Lane::Opportunities => "opportunity",
    };
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {}", lane_words(lane))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(name: &str, scores: &[i8], pains: &[(&str, u16)], opps: &[(&str, u16)]) -> Stage {
        let mut stage = Stage::new(name);
        for &score in scores {
            stage
                .lane_mut(Lane::Emotions)
                .push(Card::new("feeling").with_score(score));
        }
        for &(text, votes) in pains {
            stage
                .lane_mut(Lane::PainPoints)
                .push(Card::new(text).with_votes(votes));
        }
        for &(text, votes) in opps {
            stage
                .lane_mut(Lane::Opportunities)
                .push(Card::new(text).with_votes(votes));
        }
        stage
    }

    fn map(stages: Vec<Stage>) -> Map {
        Map {
            stages,
            ..Map::new("t")
        }
    }

    fn texts(placed: &[Placed]) -> Vec<String> {
        placed
            .iter()
            .map(|p| format!("{}@{}", p.card.text, p.stage))
            .collect()
    }

    #[test]
    fn lanes_are_counted_in_words() {
        assert_eq!(lane_count(1, Lane::Opportunities), "1 opportunity");
        assert_eq!(lane_count(2, Lane::Opportunities), "2 opportunities");
        assert_eq!(lane_count(0, Lane::PainPoints), "0 pain points");
        assert_eq!(lane_count(1, Lane::PainPoints), "1 pain point");
    }

    #[test]
    fn ranking_is_by_votes_with_ties_in_map_order_and_only_voted_cards() {
        let m = map(vec![
            stage("A", &[], &[("a1", 2), ("a2", 5), ("a3", 0)], &[]),
            stage("B", &[], &[("b1", 5), ("b2", 2)], &[("o", 1)]),
        ]);
        let outcome = Outcome::of(&m);
        assert_eq!(
            texts(&outcome.top_pain_points),
            ["a2@A", "b1@B", "a1@A", "b2@B"]
        );
        assert_eq!(texts(&outcome.top_opportunities), ["o@B"]);
        assert_eq!(outcome.votes, 15);
        assert_eq!(outcome.top_pain_points[1].stage_index, 1);
    }

    #[test]
    fn the_ranking_stops_at_the_top_few() {
        let pains: Vec<(String, u16)> = (0..9).map(|i| (format!("p{i}"), 1 + i)).collect();
        let pains: Vec<(&str, u16)> = pains.iter().map(|(t, v)| (t.as_str(), *v)).collect();
        let m = map(vec![stage("A", &[], &pains, &[])]);
        let outcome = Outcome::of(&m);
        assert_eq!(outcome.top_pain_points.len(), TOP);
        assert_eq!(outcome.top_pain_points[0].card.text, "p8");
    }

    #[test]
    fn low_and_high_points_are_the_first_of_equal_means_with_their_top_pain_point() {
        let m = map(vec![
            stage("A", &[1, -1], &[("a", 1)], &[]),
            stage("B", &[-2, 1], &[("b1", 1), ("b2", 3), ("b3", 3)], &[]),
            stage("C", &[], &[], &[]),
            stage("D", &[2, -1], &[], &[]),
            stage("E", &[-1, 0], &[], &[]),
        ]);
        let outcome = Outcome::of(&m);
        let low = outcome.low.expect("a low point");
        assert_eq!((low.stage, low.mean), ("B", -0.5));
        assert_eq!(low.top_pain_point.map(|c| c.text.as_str()), Some("b2"));
        let high = outcome.high.expect("a high point");
        assert_eq!((high.stage, high.mean, high.stage_index), ("D", 0.5, 3));
        assert_eq!(high.top_pain_point, None);
    }

    #[test]
    fn a_map_without_votes_or_emotions_has_no_ranking_and_no_curve() {
        let m = map(vec![stage("Only", &[], &[("p", 0)], &[("o", 0)])]);
        let outcome = Outcome::of(&m);
        assert!(!outcome.has_votes() && !outcome.has_emotions());
        assert!(outcome.top_pain_points.is_empty() && outcome.top_opportunities.is_empty());
        assert_eq!((outcome.low, outcome.high), (None, None));
        assert_eq!(
            outcome.gaps,
            [Gap {
                stage_index: 0,
                stage: "Only",
                empty: vec![Lane::Touchpoints, Lane::Emotions]
            }]
        );
        assert_eq!(outcome.stages[0].mean, None);
    }

    #[test]
    fn one_stage_is_both_the_low_and_the_high_point() {
        let m = map(vec![stage("Only", &[-1], &[], &[])]);
        let outcome = Outcome::of(&m);
        assert_eq!(outcome.low, outcome.high);
        assert_eq!(outcome.low.map(|l| l.mean), Some(-1.0));
    }

    #[test]
    fn evidence_and_statuses_are_counted_by_lane_and_owners_looked_for() {
        let mut s = Stage::new("S");
        s.lane_mut(Lane::Touchpoints)
            .push(Card::new("t").with_evidence(Evidence::Observed));
        s.lane_mut(Lane::Touchpoints).push(Card::new("t2"));
        s.lane_mut(Lane::Opportunities).push(
            Card::new("owned")
                .with_owner("Kim")
                .with_status(Status::Planned)
                .with_evidence(Evidence::Validated),
        );
        s.lane_mut(Lane::Opportunities).push(
            Card::new("nobody's")
                .with_owner("  ")
                .with_status(Status::Open),
        );
        s.lane_mut(Lane::Opportunities)
            .push(Card::new("unsaid").with_votes(2));
        let m = map(vec![s]);
        let outcome = Outcome::of(&m);
        let touch = outcome.evidence[Lane::Touchpoints.index()];
        assert_eq!((touch.observed, touch.not_stated, touch.total()), (1, 1, 2));
        let all = outcome.all_evidence();
        assert_eq!(
            all.named(),
            [
                ("assumption", 0),
                ("observed", 1),
                ("validated", 1),
                ("not stated", 3)
            ]
        );
        assert_eq!(
            outcome.statuses.named().map(|(_, n)| n),
            [1, 1, 0, 1],
            "open, planned, done, not stated"
        );
        assert_eq!(texts(&outcome.without_owner), ["unsaid@S", "nobody's@S"]);
        assert_eq!(outcome.stages[0].lanes, [2, 0, 0, 3]);
        assert_eq!(outcome.opportunities(), 3);
    }
}
