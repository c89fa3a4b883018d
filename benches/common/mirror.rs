//! Plain serde types with the shape of format 1, and nothing checked: the bare `ron`
//! baseline that loading and saving are judged against (`benches/io.rs`, and
//! `examples/bare_parse.rs` for the real binary). Every field the format has is here, with
//! the shape serde would give it by itself (an `Option` or a `Vec`, the bare words as plain
//! enums), so the baseline reads and holds what journeymap reads and holds.

use journeymap::model::{self, Lane};
use serde::{Deserialize, Serialize};

fn is_zero_u16(n: &u16) -> bool {
    *n == 0
}
fn is_zero_i8(n: &i8) -> bool {
    *n == 0
}

#[derive(Deserialize, Serialize)]
pub struct Map {
    pub format: u64,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<Persona>,
    pub stages: Vec<Stage>,
}

#[derive(Deserialize, Serialize)]
pub struct Persona {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frustrations: Vec<String>,
}

#[derive(Deserialize, Serialize)]
pub struct Stage {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emotions: Vec<Emotion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_points: Vec<Card>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Opportunity>,
}

#[derive(Deserialize, Serialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Assumption,
    Observed,
    Validated,
}

#[derive(Deserialize, Serialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Planned,
    Done,
}

#[derive(Deserialize, Serialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Ours,
    Theirs,
}

#[derive(Deserialize, Serialize)]
pub struct Touchpoint {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "is_zero_u16")]
    pub votes: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Side>,
}

#[derive(Deserialize, Serialize)]
pub struct Emotion {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_zero_i8")]
    pub score: i8,
    #[serde(default, skip_serializing_if = "is_zero_u16")]
    pub votes: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Side>,
}

#[derive(Deserialize, Serialize)]
pub struct Card {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_zero_u16")]
    pub votes: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Side>,
}

#[derive(Deserialize, Serialize)]
pub struct Opportunity {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_zero_u16")]
    pub votes: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Side>,
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The mirror of a model map, built outside the timed part of the save baseline.
pub fn from_model(map: &model::Map) -> Map {
    Map {
        format: 1,
        title: map.title.clone(),
        persona: map.persona.as_ref().map(|p| Persona {
            name: p.name.clone(),
            summary: some(&p.summary),
            goals: p.goals.clone(),
            frustrations: p.frustrations.clone(),
        }),
        stages: map
            .stages
            .iter()
            .map(|s| Stage {
                name: s.name.clone(),
                description: some(&s.description),
                conflict: s.conflict.clone(),
                touchpoints: s
                    .lane(Lane::Touchpoints)
                    .iter()
                    .map(|c| Touchpoint {
                        text: c.text.clone(),
                        channel: some(&c.channel),
                        votes: c.votes,
                        notes: some(&c.notes),
                        evidence: c.evidence.map(evidence),
                        source: some(&c.source),
                        conflict: c.conflict.map(side),
                    })
                    .collect(),
                emotions: s
                    .lane(Lane::Emotions)
                    .iter()
                    .map(|c| Emotion {
                        text: c.text.clone(),
                        score: c.score,
                        votes: c.votes,
                        notes: some(&c.notes),
                        evidence: c.evidence.map(evidence),
                        source: some(&c.source),
                        conflict: c.conflict.map(side),
                    })
                    .collect(),
                pain_points: plain(s.lane(Lane::PainPoints)),
                opportunities: s
                    .lane(Lane::Opportunities)
                    .iter()
                    .map(|c| Opportunity {
                        text: c.text.clone(),
                        votes: c.votes,
                        notes: some(&c.notes),
                        evidence: c.evidence.map(evidence),
                        source: some(&c.source),
                        owner: some(&c.owner),
                        status: c.status.map(status),
                        conflict: c.conflict.map(side),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn plain(cards: &[model::Card]) -> Vec<Card> {
    cards
        .iter()
        .map(|c| Card {
            text: c.text.clone(),
            votes: c.votes,
            notes: some(&c.notes),
            evidence: c.evidence.map(evidence),
            source: some(&c.source),
            conflict: c.conflict.map(side),
        })
        .collect()
}

fn evidence(e: model::Evidence) -> Evidence {
    match e {
        model::Evidence::Assumption => Evidence::Assumption,
        model::Evidence::Observed => Evidence::Observed,
        model::Evidence::Validated => Evidence::Validated,
    }
}

fn status(s: model::Status) -> Status {
    match s {
        model::Status::Open => Status::Open,
        model::Status::Planned => Status::Planned,
        model::Status::Done => Status::Done,
    }
}

fn side(s: model::Side) -> Side {
    match s {
        model::Side::Ours => Side::Ours,
        model::Side::Theirs => Side::Theirs,
    }
}

impl Map {
    pub fn card_count(&self) -> usize {
        self.stages
            .iter()
            .map(|s| {
                s.touchpoints.len() + s.emotions.len() + s.pain_points.len() + s.opportunities.len()
            })
            .sum()
    }
}
