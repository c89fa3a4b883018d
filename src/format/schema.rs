//! The shape of format 1 as serde sees it. Every field is checked where it is parsed, so an
//! error points at the offending value, not at the end of the enclosing struct.

use serde::Deserialize;

use crate::model::{self, Card, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE};

/// The format version this build reads and writes.
pub const FORMAT: u64 = 1;

/// Prefix of the error for a file from a newer version, so the loader can recognise it.
pub(crate) const NEWER_PREFIX: &str = "written by a newer journeymap";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "map")]
pub(crate) struct FileMap {
    #[allow(dead_code)] // checked while parsing; always FORMAT
    pub format: Version,
    pub title: String,
    #[serde(default)]
    pub persona: Option<FilePersona>,
    pub stages: Stages,
}

/// Used only when a full parse fails: finds a `format` from a newer version among
/// whatever else the file holds, so that is what the user hears about.
#[derive(Deserialize)]
pub(crate) struct VersionProbe {
    #[serde(default)]
    #[allow(dead_code)]
    pub format: Option<Version>,
}

#[derive(Deserialize)]
#[serde(try_from = "u64")]
pub(crate) struct Version;

impl TryFrom<u64> for Version {
    type Error = String;
    fn try_from(n: u64) -> Result<Self, String> {
        match n {
            FORMAT => Ok(Version),
            n if n > FORMAT => Err(format!(
                "{NEWER_PREFIX}: format {n}, this version reads format {FORMAT}"
            )),
            n => Err(format!(
                "unknown format {n}: this version reads format {FORMAT}"
            )),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "persona")]
pub(crate) struct FilePersona {
    pub name: Name,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub frustrations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(try_from = "Vec<FileStage>")]
pub(crate) struct Stages(pub Vec<FileStage>);

impl TryFrom<Vec<FileStage>> for Stages {
    type Error = &'static str;
    fn try_from(stages: Vec<FileStage>) -> Result<Self, Self::Error> {
        if stages.is_empty() {
            Err("a map needs at least one stage, but `stages` is empty")
        } else {
            Ok(Stages(stages))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "stage")]
pub(crate) struct FileStage {
    pub name: Name,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub touchpoints: Vec<FileTouchpoint>,
    #[serde(default)]
    pub emotions: Vec<FileEmotion>,
    #[serde(default)]
    pub pain_points: Vec<FilePlainCard>,
    #[serde(default)]
    pub opportunities: Vec<FilePlainCard>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "touchpoint")]
pub(crate) struct FileTouchpoint {
    pub text: Text,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub votes: Option<Votes>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "emotion")]
pub(crate) struct FileEmotion {
    pub text: Text,
    #[serde(default)]
    pub score: Option<Score>,
    #[serde(default)]
    pub votes: Option<Votes>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "card")]
pub(crate) struct FilePlainCard {
    pub text: Text,
    #[serde(default)]
    pub votes: Option<Votes>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A name that must not be blank (stage and persona names).
#[derive(Deserialize)]
#[serde(try_from = "String")]
pub(crate) struct Name(pub String);

impl TryFrom<String> for Name {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        if model::is_blank(&s) {
            Err("the name is blank: write a name between the quotes")
        } else {
            Ok(Name(s))
        }
    }
}

/// A card's text, which must not be blank.
#[derive(Deserialize)]
#[serde(try_from = "String")]
pub(crate) struct Text(pub String);

impl TryFrom<String> for Text {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        if model::is_blank(&s) {
            Err("the card's text is blank: every card needs some text")
        } else {
            Ok(Text(s))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(try_from = "i64")]
pub(crate) struct Votes(pub u16);

impl TryFrom<i64> for Votes {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        match u16::try_from(n) {
            Ok(v) if v <= MAX_VOTES => Ok(Votes(v)),
            _ => Err(format!("votes must be between 0 and {MAX_VOTES}, not {n}")),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(try_from = "i64")]
pub(crate) struct Score(pub i8);

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

impl From<FileMap> for model::Map {
    fn from(file: FileMap) -> Self {
        model::Map {
            title: file.title,
            persona: file.persona.map(|p| model::Persona {
                name: p.name.0,
                summary: p.summary.unwrap_or_default(),
                goals: p.goals,
                frustrations: p.frustrations,
            }),
            stages: file.stages.0.into_iter().map(model::Stage::from).collect(),
        }
    }
}

impl From<FileStage> for model::Stage {
    fn from(file: FileStage) -> Self {
        let mut stage =
            model::Stage::new(file.name.0).with_description(file.description.unwrap_or_default());
        *stage.lane_mut(Lane::Touchpoints) = file
            .touchpoints
            .into_iter()
            .map(|t| Card {
                text: t.text.0,
                channel: t.channel.unwrap_or_default(),
                score: 0,
                votes: t.votes.unwrap_or_default().0,
                notes: t.notes.unwrap_or_default(),
            })
            .collect();
        *stage.lane_mut(Lane::Emotions) = file
            .emotions
            .into_iter()
            .map(|e| Card {
                text: e.text.0,
                channel: String::new(),
                score: e.score.unwrap_or_default().0,
                votes: e.votes.unwrap_or_default().0,
                notes: e.notes.unwrap_or_default(),
            })
            .collect();
        for (lane, cards) in [
            (Lane::PainPoints, file.pain_points),
            (Lane::Opportunities, file.opportunities),
        ] {
            *stage.lane_mut(lane) = cards.into_iter().map(Card::from).collect();
        }
        stage
    }
}

impl From<FilePlainCard> for Card {
    fn from(c: FilePlainCard) -> Self {
        Card {
            text: c.text.0,
            votes: c.votes.unwrap_or_default().0,
            notes: c.notes.unwrap_or_default(),
            ..Card::default()
        }
    }
}
