//! Importing the JSON that `print --format json` writes: the same object read back, so a map
//! taken through `jq` or another tool comes home. Every key of that shape is read; `null`
//! and a missing key both mean "not stated", and a key the shape does not have is an error
//! (a typo would otherwise drop what it holds without a word). Problems are reported at the
//! line and column where the JSON reader found them.

use serde::Deserialize;

use super::{Imported, Options, column};
use crate::format::{FORMAT, ParseError};
use crate::model::{
    Card, Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Map, Persona, Stage, Status, is_blank,
};

pub fn parse(src: &str, _opts: &Options) -> Result<Imported, ParseError> {
    let file: JsonMap = serde_json::from_str(src).map_err(|e| at_json_error(src, &e))?;
    if let Some(format) = file.format
        && format != FORMAT
    {
        return Err(ParseError::at(
            1,
            1,
            format!("this JSON is of map format {format}; this version reads format {FORMAT}"),
        ));
    }
    let stages = file.stages.into_iter().map(Stage::from).collect::<Vec<_>>();
    if stages.is_empty() {
        return Err(ParseError::at(
            1,
            1,
            "the map has no stages: `stages` needs at least one",
        ));
    }
    let map = Map {
        title: file.title.unwrap_or_default(),
        persona: file.persona.map(|p| Persona {
            name: p.name.0,
            summary: p.summary.unwrap_or_default(),
            goals: p.goals.unwrap_or_default(),
            frustrations: p.frustrations.unwrap_or_default(),
            ..Persona::default()
        }),
        stages,
        ..Map::default()
    };
    Ok(Imported {
        map,
        warnings: Vec::new(),
    })
}

/// serde_json counts columns in bytes; the report counts characters.
fn at_json_error(src: &str, e: &serde_json::Error) -> ParseError {
    let line = e.line().max(1);
    let text = src.split('\n').nth(line - 1).unwrap_or("");
    let column = column(text, e.column().saturating_sub(1));
    // The position is given as `FILE:LINE:COLUMN`; serde_json's own copy of it goes.
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    ParseError::at(line, column, message)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonMap {
    #[serde(default)]
    format: Option<u64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    persona: Option<JsonPersona>,
    stages: Vec<JsonStage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonPersona {
    name: Text,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    goals: Option<Vec<String>>,
    #[serde(default)]
    frustrations: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonStage {
    name: Text,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    touchpoints: Option<Vec<JsonTouchpoint>>,
    #[serde(default)]
    emotions: Option<Vec<JsonEmotion>>,
    #[serde(default)]
    pain_points: Option<Vec<JsonCard>>,
    #[serde(default)]
    opportunities: Option<Vec<JsonOpportunity>>,
}

/// The keys every card has.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonCard {
    text: Text,
    #[serde(default)]
    votes: Option<Votes>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    evidence: Option<EvidenceWord>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTouchpoint {
    text: Text,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    votes: Option<Votes>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    evidence: Option<EvidenceWord>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEmotion {
    text: Text,
    #[serde(default)]
    score: Option<Score>,
    #[serde(default)]
    votes: Option<Votes>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    evidence: Option<EvidenceWord>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonOpportunity {
    text: Text,
    #[serde(default)]
    votes: Option<Votes>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    evidence: Option<EvidenceWord>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    status: Option<StatusWord>,
}

/// Text that must not be blank: a card's, a stage's or the persona's name.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct Text(String);

impl TryFrom<String> for Text {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        if is_blank(&s) {
            Err("the text is blank: every card, stage and persona needs a name or text")
        } else {
            Ok(Text(s))
        }
    }
}

#[derive(Deserialize)]
#[serde(try_from = "i64")]
struct Votes(u16);

impl TryFrom<i64> for Votes {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        match u16::try_from(n) {
            Ok(v) if v <= MAX_VOTES => Ok(Votes(v)),
            _ => Err(format!("votes must be between 0 and {MAX_VOTES}, not {n}")),
        }
    }
}

#[derive(Deserialize)]
#[serde(try_from = "i64")]
struct Score(i8);

impl TryFrom<i64> for Score {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        match i8::try_from(n) {
            Ok(s) if (MIN_SCORE..=MAX_SCORE).contains(&s) => Ok(Score(s)),
            _ => Err(format!(
                "an emotion score must be between {MIN_SCORE} and +{MAX_SCORE}, not {n}"
            )),
        }
    }
}

/// `evidence`: one of the words the model names it by.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct EvidenceWord(Evidence);

impl TryFrom<String> for EvidenceWord {
    type Error = String;
    fn try_from(word: String) -> Result<Self, String> {
        let words = Evidence::ALL.map(|e| e.key());
        Evidence::from_key(&word)
            .map(EvidenceWord)
            .ok_or_else(|| not_one_of("evidence", &words, &word))
    }
}

/// `status`: one of the words the model names it by.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct StatusWord(Status);

impl TryFrom<String> for StatusWord {
    type Error = String;
    fn try_from(word: String) -> Result<Self, String> {
        let words = Status::ALL.map(|s| s.key());
        Status::from_key(&word)
            .map(StatusWord)
            .ok_or_else(|| not_one_of("status", &words, &word))
    }
}

fn not_one_of(field: &str, words: &[&str], word: &str) -> String {
    format!(
        "`{field}` must be one of {}, not \"{word}\"",
        words.join(", ")
    )
}

/// A lane's cards; a missing or `null` lane has none.
fn cards<T>(lane: Option<Vec<T>>) -> impl Iterator<Item = T> {
    lane.unwrap_or_default().into_iter()
}

impl From<JsonStage> for Stage {
    fn from(s: JsonStage) -> Self {
        let mut stage = Stage::new(s.name.0).with_description(s.description.unwrap_or_default());
        *stage.lane_mut(Lane::Touchpoints) = cards(s.touchpoints)
            .map(|t: JsonTouchpoint| Card {
                channel: t.channel.unwrap_or_default(),
                ..card(t.text, t.votes, t.notes, t.evidence, t.source)
            })
            .collect();
        *stage.lane_mut(Lane::Emotions) = cards(s.emotions)
            .map(|e: JsonEmotion| Card {
                score: e.score.map_or(0, |s| s.0),
                ..card(e.text, e.votes, e.notes, e.evidence, e.source)
            })
            .collect();
        *stage.lane_mut(Lane::PainPoints) = cards(s.pain_points)
            .map(|p: JsonCard| card(p.text, p.votes, p.notes, p.evidence, p.source))
            .collect();
        *stage.lane_mut(Lane::Opportunities) = cards(s.opportunities)
            .map(|o: JsonOpportunity| Card {
                owner: o.owner.unwrap_or_default(),
                status: o.status.map(|s| s.0),
                ..card(o.text, o.votes, o.notes, o.evidence, o.source)
            })
            .collect();
        stage
    }
}

fn card(
    text: Text,
    votes: Option<Votes>,
    notes: Option<String>,
    evidence: Option<EvidenceWord>,
    source: Option<String>,
) -> Card {
    Card {
        text: text.0,
        votes: votes.map_or(0, |v| v.0),
        notes: notes.unwrap_or_default(),
        evidence: evidence.map(|e| e.0),
        source: source.unwrap_or_default(),
        ..Card::default()
    }
}
