//! The outcome as one JSON object, for scripts and dashboards. Like the map's JSON, every
//! key is always present and what does not exist is `null`; stages are also named by their
//! position in the map (`stage_index`, from 0), since two stages may share a name.

use serde::Serialize;

use super::{EvidenceCount, Gap, Mood, Outcome, Placed, StatusCount};
use crate::model::Lane;

pub fn render(outcome: &Outcome) -> String {
    crate::interchange::json::to_string(&JsonOutcome::from(outcome))
}

#[derive(Serialize)]
struct JsonOutcome<'a> {
    title: &'a str,
    stages: usize,
    cards: usize,
    votes: u64,
    top_pain_points: Vec<JsonPlaced<'a>>,
    top_opportunities: Vec<JsonFollowUp<'a>>,
    low_point: Option<JsonMood<'a>>,
    high_point: Option<JsonMood<'a>>,
    gaps: Vec<JsonGap<'a>>,
    evidence: JsonEvidence,
    opportunities: JsonOpportunities<'a>,
    cards_per_stage: Vec<JsonStageCount<'a>>,
    /// The day the summary was made (`2026-12-07`), `null` when not said.
    made: Option<String>,
}

#[derive(Serialize)]
struct JsonPlaced<'a> {
    text: &'a str,
    votes: u16,
    stage: &'a str,
    stage_index: usize,
}

impl<'a> From<&Placed<'a>> for JsonPlaced<'a> {
    fn from(p: &Placed<'a>) -> Self {
        JsonPlaced {
            text: &p.card.text,
            votes: p.card.votes,
            stage: p.stage,
            stage_index: p.stage_index,
        }
    }
}

/// A top opportunity, with who takes it on and where it stands (`null` when not stated).
#[derive(Serialize)]
struct JsonFollowUp<'a> {
    #[serde(flatten)]
    placed: JsonPlaced<'a>,
    owner: Option<&'a str>,
    status: Option<&'static str>,
}

impl<'a> From<&Placed<'a>> for JsonFollowUp<'a> {
    fn from(p: &Placed<'a>) -> Self {
        JsonFollowUp {
            placed: p.into(),
            owner: (!crate::model::is_blank(&p.card.owner)).then_some(p.card.owner.as_str()),
            status: p.card.status.map(|s| s.key()),
        }
    }
}

#[derive(Serialize)]
struct JsonCardRef<'a> {
    text: &'a str,
    votes: u16,
}

#[derive(Serialize)]
struct JsonMood<'a> {
    stage: &'a str,
    stage_index: usize,
    mean_score: f64,
    top_pain_point: Option<JsonCardRef<'a>>,
}

impl<'a> From<Mood<'a>> for JsonMood<'a> {
    fn from(m: Mood<'a>) -> Self {
        JsonMood {
            stage: m.stage,
            stage_index: m.stage_index,
            mean_score: m.mean,
            top_pain_point: m.top_pain_point.map(|c| JsonCardRef {
                text: &c.text,
                votes: c.votes,
            }),
        }
    }
}

#[derive(Serialize)]
struct JsonGap<'a> {
    stage: &'a str,
    stage_index: usize,
    empty_lanes: Vec<&'static str>,
}

impl<'a> From<&Gap<'a>> for JsonGap<'a> {
    fn from(g: &Gap<'a>) -> Self {
        JsonGap {
            stage: g.stage,
            stage_index: g.stage_index,
            empty_lanes: g.empty.iter().map(|l| l.key()).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonCount {
    assumption: usize,
    observed: usize,
    validated: usize,
    not_stated: usize,
}

impl From<EvidenceCount> for JsonCount {
    fn from(c: EvidenceCount) -> Self {
        JsonCount {
            assumption: c.assumption,
            observed: c.observed,
            validated: c.validated,
            not_stated: c.not_stated,
        }
    }
}

#[derive(Serialize)]
struct JsonEvidence {
    touchpoints: JsonCount,
    emotions: JsonCount,
    pain_points: JsonCount,
    opportunities: JsonCount,
    all: JsonCount,
}

#[derive(Serialize)]
struct JsonStatus {
    open: usize,
    planned: usize,
    done: usize,
    not_stated: usize,
}

impl From<StatusCount> for JsonStatus {
    fn from(s: StatusCount) -> Self {
        JsonStatus {
            open: s.open,
            planned: s.planned,
            done: s.done,
            not_stated: s.not_stated,
        }
    }
}

#[derive(Serialize)]
struct JsonOpportunities<'a> {
    count: usize,
    by_status: JsonStatus,
    without_owner: Vec<JsonPlaced<'a>>,
}

#[derive(Serialize)]
struct JsonStageCount<'a> {
    stage: &'a str,
    touchpoints: usize,
    emotions: usize,
    pain_points: usize,
    opportunities: usize,
    cards: usize,
    mean_score: Option<f64>,
}

impl<'a> From<&Outcome<'a>> for JsonOutcome<'a> {
    fn from(o: &Outcome<'a>) -> Self {
        let lane = |l: Lane| JsonCount::from(o.evidence[l.index()]);
        JsonOutcome {
            title: o.title,
            stages: o.stages.len(),
            cards: o.cards,
            votes: o.votes,
            top_pain_points: o.top_pain_points.iter().map(JsonPlaced::from).collect(),
            top_opportunities: o.top_opportunities.iter().map(JsonFollowUp::from).collect(),
            low_point: o.low.map(JsonMood::from),
            high_point: o.high.map(JsonMood::from),
            gaps: o.gaps.iter().map(JsonGap::from).collect(),
            evidence: JsonEvidence {
                touchpoints: lane(Lane::Touchpoints),
                emotions: lane(Lane::Emotions),
                pain_points: lane(Lane::PainPoints),
                opportunities: lane(Lane::Opportunities),
                all: o.all_evidence().into(),
            },
            opportunities: JsonOpportunities {
                count: o.opportunities(),
                by_status: o.statuses.into(),
                without_owner: o.without_owner.iter().map(JsonPlaced::from).collect(),
            },
            cards_per_stage: o
                .stages
                .iter()
                .map(|s| JsonStageCount {
                    stage: s.stage,
                    touchpoints: s.lanes[Lane::Touchpoints.index()],
                    emotions: s.lanes[Lane::Emotions.index()],
                    pain_points: s.lanes[Lane::PainPoints.index()],
                    opportunities: s.lanes[Lane::Opportunities.index()],
                    cards: s.total(),
                    mean_score: s.mean,
                })
                .collect(),
            made: o.made.map(|d| d.to_string()),
        }
    }
}
