//! The outcome as one JSON object, for scripts and dashboards. Like the map's JSON, every
//! key is always present and what does not exist is `null`; stages are also named by their
//! position in the map (`stage_index`, from 0), since two stages may share a name.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::{EvidenceCount, Gap, Mood, Outcome, Placed, StatusCount};
use crate::model::{Card, CardField, Lane, Value, is_blank};

/// The fields of a card the summary names it by, read through the field table.
const CARD_FIELDS: &[CardField] = &[CardField::Text, CardField::Votes];
/// What a top opportunity adds: who takes it on and where it stands.
const FOLLOW_UP_FIELDS: &[CardField] = &[CardField::Owner, CardField::Status];

/// Writes `fields` of `card` as the field table reads them: numbers as numbers, words as
/// their key, text as a string; a blank field as `null`, but the card's text always as a
/// string.
fn card_fields<S: SerializeStruct>(
    out: &mut S,
    card: &Card,
    fields: &[CardField],
) -> Result<(), S::Error> {
    for &field in fields {
        match field.get(card) {
            Value::Text(text) if field.is_required() || !is_blank(text) => {
                out.serialize_field(field.key(), text)?;
            }
            Value::Text(_) => out.serialize_field(field.key(), &None::<&str>)?,
            Value::Number(n) => out.serialize_field(field.key(), &n)?,
            Value::Word(word) => out.serialize_field(field.key(), &word)?,
        }
    }
    Ok(())
}

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
    top_opportunities: Vec<JsonPlaced<'a>>,
    low_point: Option<JsonMood<'a>>,
    high_point: Option<JsonMood<'a>>,
    gaps: Vec<JsonGap<'a>>,
    evidence: JsonEvidence,
    opportunities: JsonOpportunities<'a>,
    cards_per_stage: Vec<JsonStageCount<'a>>,
    /// The day the summary was made (`2026-12-07`), `null` when not said.
    made: Option<String>,
}

/// A ranked card and its stage; `more` fields after the stage (a top opportunity's owner
/// and status, `null` when not stated).
struct JsonPlaced<'a> {
    placed: Placed<'a>,
    more: &'static [CardField],
}

impl<'a> From<&Placed<'a>> for JsonPlaced<'a> {
    fn from(placed: &Placed<'a>) -> Self {
        JsonPlaced {
            placed: *placed,
            more: &[],
        }
    }
}

impl Serialize for JsonPlaced<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.placed;
        let len = CARD_FIELDS.len() + 2 + self.more.len();
        let mut out = s.serialize_struct("placed", len)?;
        card_fields(&mut out, p.card, CARD_FIELDS)?;
        out.serialize_field("stage", p.stage)?;
        out.serialize_field("stage_index", &p.stage_index)?;
        card_fields(&mut out, p.card, self.more)?;
        out.end()
    }
}

/// A top opportunity, with who takes it on and where it stands.
fn follow_up<'a>(placed: &Placed<'a>) -> JsonPlaced<'a> {
    JsonPlaced {
        placed: *placed,
        more: FOLLOW_UP_FIELDS,
    }
}

/// A card named by its fields alone.
struct JsonCardRef<'a>(&'a Card);

impl Serialize for JsonCardRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("card", CARD_FIELDS.len())?;
        card_fields(&mut out, self.0, CARD_FIELDS)?;
        out.end()
    }
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
            top_pain_point: m.top_pain_point.map(JsonCardRef),
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
            top_opportunities: o.top_opportunities.iter().map(follow_up).collect(),
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
