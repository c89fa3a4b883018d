//! The shape of format 1 as serde sees it. Every field is checked where it is parsed, so an
//! error points at the offending value, not at the end of the enclosing struct.

use serde::{Deserialize, Deserializer, de};

use crate::model::{
    self, Card, CardField, Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Side, Status,
};

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
    /// Left by a merge that renamed the stage both ways: theirs' name.
    #[serde(default)]
    pub conflict: Option<Name>,
    #[serde(default)]
    pub touchpoints: Vec<FileTouchpoint>,
    #[serde(default)]
    pub emotions: Vec<FileEmotion>,
    #[serde(default)]
    pub pain_points: Vec<FilePainPoint>,
    #[serde(default)]
    pub opportunities: Vec<FileOpportunity>,
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

impl<'de> Deserialize<'de> for FileEvidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let field = CardField::Evidence;
        bare_word(deserializer, field.key(), field.words(), Evidence::from_key).map(FileEvidence)
    }
}

/// `status: open | planned | done`.
pub(crate) struct FileStatus(pub Status);

impl<'de> Deserialize<'de> for FileStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let field = CardField::Status;
        bare_word(deserializer, field.key(), field.words(), Status::from_key).map(FileStatus)
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
        *stage.lane_mut(Lane::Touchpoints) = file
            .touchpoints
            .into_iter()
            .map(|t| {
                let common =
                    Common::new(t.text, t.votes, t.notes, t.evidence, t.source, t.conflict);
                common.card(t.channel, None, None, None)
            })
            .collect();
        *stage.lane_mut(Lane::Emotions) = file
            .emotions
            .into_iter()
            .map(|e| {
                let common =
                    Common::new(e.text, e.votes, e.notes, e.evidence, e.source, e.conflict);
                common.card(None, e.score, None, None)
            })
            .collect();
        *stage.lane_mut(Lane::PainPoints) = file
            .pain_points
            .into_iter()
            .map(|p| {
                Common::new(p.text, p.votes, p.notes, p.evidence, p.source, p.conflict)
                    .card(None, None, None, None)
            })
            .collect();
        *stage.lane_mut(Lane::Opportunities) = file
            .opportunities
            .into_iter()
            .map(|o| {
                let common =
                    Common::new(o.text, o.votes, o.notes, o.evidence, o.source, o.conflict);
                common.card(None, None, o.owner, o.status)
            })
            .collect();
        stage
    }
}

/// The fields every lane's cards have, as read.
struct Common {
    text: String,
    votes: u16,
    notes: String,
    evidence: Option<Evidence>,
    source: String,
    conflict: Option<Side>,
}

impl Common {
    fn new(
        text: Text,
        votes: Option<Votes>,
        notes: Option<String>,
        evidence: Option<FileEvidence>,
        source: Option<String>,
        conflict: Option<FileSide>,
    ) -> Common {
        Common {
            text: text.0,
            votes: votes.unwrap_or_default().0,
            notes: notes.unwrap_or_default(),
            evidence: evidence.map(|e| e.0),
            source: source.unwrap_or_default(),
            conflict: conflict.map(|s| s.0),
        }
    }

    /// The card, with the fields only some lanes have. Every field is named (no
    /// `..Card::default()`), so a new card field fails to compile here until the format
    /// reads it.
    fn card(
        self,
        channel: Option<String>,
        score: Option<Score>,
        owner: Option<String>,
        status: Option<FileStatus>,
    ) -> Card {
        let Common {
            text,
            votes,
            notes,
            evidence,
            source,
            conflict,
        } = self;
        Card {
            text,
            channel: channel.unwrap_or_default(),
            score: score.unwrap_or_default().0,
            votes,
            notes,
            evidence,
            source,
            owner: owner.unwrap_or_default(),
            status: status.map(|s| s.0),
            conflict,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_in_the_file_are_the_model_keys() {
        let keys: Vec<&str> = Side::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, SIDE_WORDS);
        assert_eq!(
            allowed(CardField::Status.words()),
            "`open`, `planned` or `done`"
        );
    }
}
