//! The shape of format 1 as serde sees it. Every field is checked where it is parsed, so an
//! error points at the offending value, not at the end of the enclosing struct.

use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, de};

use crate::model::{self, Card, Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Side, Status};

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

impl FileMap {
    /// Whether the file holds what an unresolved merge leaves: a stage named both ways or a
    /// card in two versions.
    pub fn has_conflicts(&self) -> bool {
        self.stages.0.iter().any(|s| {
            s.conflict.is_some()
                || s.touchpoints.conflicted
                || s.emotions.conflicted
                || s.pain_points.conflicted
                || s.opportunities.conflicted
        })
    }
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
    /// Left by a merge that renamed the stage both ways: theirs' name.
    #[serde(default)]
    pub conflict: Option<Name>,
    #[serde(default)]
    pub touchpoints: Cards<FileTouchpoint>,
    #[serde(default)]
    pub emotions: Cards<FileEmotion>,
    #[serde(default)]
    pub pain_points: Cards<FilePainPoint>,
    #[serde(default)]
    pub opportunities: Cards<FileOpportunity>,
}

/// A lane's cards, each made a model [`Card`] as soon as it is read (`F` is the card as the
/// file has it). No list of file-shaped cards is held beside the model's: on a map of
/// 200,000 cards that second list was a third of the memory a load touched, and the time
/// to fault it in made `check` much slower than a bare parse.
pub(crate) struct Cards<F> {
    pub cards: Vec<Card>,
    /// Whether a card is one side of an unresolved merge conflict: noted while the card is
    /// at hand, so a map without conflicts is not walked again to find out.
    pub conflicted: bool,
    file_shape: PhantomData<F>,
}

impl<F> Default for Cards<F> {
    fn default() -> Self {
        Cards {
            cards: Vec::new(),
            conflicted: false,
            file_shape: PhantomData,
        }
    }
}

impl<'de, F: Deserialize<'de> + Into<Card>> Deserialize<'de> for Cards<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Lane<F>(PhantomData<F>);

        impl<'de, F: Deserialize<'de> + Into<Card>> de::Visitor<'de> for Lane<F> {
            type Value = (Vec<Card>, bool);

            // Serde's own words for a list, so a lane that is not one reads as before.
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut cards = Vec::new();
                let mut conflicted = false;
                while let Some(card) = seq.next_element::<F>()? {
                    let card: Card = card.into();
                    conflicted |= card.conflict.is_some();
                    cards.push(card);
                }
                Ok((cards, conflicted))
            }
        }

        let (cards, conflicted) = deserializer.deserialize_seq(Lane::<F>(PhantomData))?;
        Ok(Cards {
            cards,
            conflicted,
            file_shape: PhantomData,
        })
    }
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
    #[serde(default)]
    pub evidence: Option<FileEvidence>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub conflict: Option<FileSide>,
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
    #[serde(default)]
    pub evidence: Option<FileEvidence>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub conflict: Option<FileSide>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "pain point")]
pub(crate) struct FilePainPoint {
    pub text: Text,
    #[serde(default)]
    pub votes: Option<Votes>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub evidence: Option<FileEvidence>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub conflict: Option<FileSide>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "opportunity")]
pub(crate) struct FileOpportunity {
    pub text: Text,
    #[serde(default)]
    pub votes: Option<Votes>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub evidence: Option<FileEvidence>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub status: Option<FileStatus>,
    #[serde(default)]
    pub conflict: Option<FileSide>,
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

/// A word from a fixed list, written bare in the file (`evidence: observed`). Anything else
/// is an error that names the words allowed, at the word itself.
fn bare_word<'de, D, T>(
    deserializer: D,
    field: &'static str,
    words: &'static [&'static str],
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct Word<T> {
        field: &'static str,
        words: &'static [&'static str],
        parse: fn(&str) -> Option<T>,
    }

    impl<T> de::Visitor<'_> for Word<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "one of {}", allowed(self.words))
        }

        fn visit_str<E: de::Error>(self, word: &str) -> Result<T, E> {
            (self.parse)(word).ok_or_else(|| {
                E::custom(format!(
                    "`{}` must be {}, not `{word}`",
                    self.field,
                    allowed(self.words)
                ))
            })
        }
    }

    let ours = format!("`{field}` must be");
    deserializer
        .deserialize_identifier(Word {
            field,
            words,
            parse,
        })
        .map_err(|e| {
            if e.to_string().starts_with(&ours) {
                return e;
            }
            // Quotes, a number or a list where a bare word belongs.
            let example = words.first().copied().unwrap_or_default();
            de::Error::custom(format!(
                "{ours} {}, {WRITTEN_BARE} (`{field}: {example}`)",
                allowed(words)
            ))
        })
}

/// How the error for a word field given quotes, a number or a list says what to write.
pub(crate) const WRITTEN_BARE: &str = "written bare, without quotes";

/// "`open`, `planned` or `done`".
fn allowed(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// `evidence: assumption | observed | validated`.
pub(crate) struct FileEvidence(pub Evidence);

const EVIDENCE_WORDS: [&str; 3] = ["assumption", "observed", "validated"];

impl<'de> Deserialize<'de> for FileEvidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bare_word(
            deserializer,
            "evidence",
            &EVIDENCE_WORDS,
            Evidence::from_key,
        )
        .map(FileEvidence)
    }
}

/// `status: open | planned | done`.
pub(crate) struct FileStatus(pub Status);

const STATUS_WORDS: [&str; 3] = ["open", "planned", "done"];

impl<'de> Deserialize<'de> for FileStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bare_word(deserializer, "status", &STATUS_WORDS, Status::from_key).map(FileStatus)
    }
}

/// `conflict: ours | theirs`, left by a merge on each version of a conflicted card.
pub(crate) struct FileSide(pub Side);

const SIDE_WORDS: [&str; 2] = ["ours", "theirs"];

impl<'de> Deserialize<'de> for FileSide {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bare_word(deserializer, "conflict", &SIDE_WORDS, Side::from_key).map(FileSide)
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
        stage.conflict = file.conflict.map(|n| n.0);
        *stage.lane_mut(Lane::Touchpoints) = file.touchpoints.cards;
        *stage.lane_mut(Lane::Emotions) = file.emotions.cards;
        *stage.lane_mut(Lane::PainPoints) = file.pain_points.cards;
        *stage.lane_mut(Lane::Opportunities) = file.opportunities.cards;
        stage
    }
}

impl From<FileTouchpoint> for Card {
    fn from(t: FileTouchpoint) -> Self {
        Card {
            text: t.text.0,
            channel: t.channel.unwrap_or_default(),
            votes: t.votes.unwrap_or_default().0,
            notes: t.notes.unwrap_or_default(),
            evidence: t.evidence.map(|e| e.0),
            source: t.source.unwrap_or_default(),
            conflict: t.conflict.map(|s| s.0),
            ..Card::default()
        }
    }
}

impl From<FileEmotion> for Card {
    fn from(e: FileEmotion) -> Self {
        Card {
            text: e.text.0,
            score: e.score.unwrap_or_default().0,
            votes: e.votes.unwrap_or_default().0,
            notes: e.notes.unwrap_or_default(),
            evidence: e.evidence.map(|e| e.0),
            source: e.source.unwrap_or_default(),
            conflict: e.conflict.map(|s| s.0),
            ..Card::default()
        }
    }
}

impl From<FilePainPoint> for Card {
    fn from(p: FilePainPoint) -> Self {
        Card {
            text: p.text.0,
            votes: p.votes.unwrap_or_default().0,
            notes: p.notes.unwrap_or_default(),
            evidence: p.evidence.map(|e| e.0),
            source: p.source.unwrap_or_default(),
            conflict: p.conflict.map(|s| s.0),
            ..Card::default()
        }
    }
}

impl From<FileOpportunity> for Card {
    fn from(o: FileOpportunity) -> Self {
        Card {
            text: o.text.0,
            votes: o.votes.unwrap_or_default().0,
            notes: o.notes.unwrap_or_default(),
            evidence: o.evidence.map(|e| e.0),
            source: o.source.unwrap_or_default(),
            owner: o.owner.unwrap_or_default(),
            status: o.status.map(|s| s.0),
            conflict: o.conflict.map(|s| s.0),
            ..Card::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_in_the_file_are_the_model_keys() {
        let keys: Vec<&str> = Evidence::ALL.iter().map(|e| e.key()).collect();
        assert_eq!(keys, EVIDENCE_WORDS);
        let keys: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, STATUS_WORDS);
        let keys: Vec<&str> = Side::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, SIDE_WORDS);
        assert_eq!(allowed(&STATUS_WORDS), "`open`, `planned` or `done`");
    }
}
