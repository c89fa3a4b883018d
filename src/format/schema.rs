//! The shape of format 1 as serde sees it. Every field is checked where it is parsed, so an
//! error points at the offending value, not at the end of the enclosing struct.

use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, de};

use crate::model::{self, Card, CardField, FieldKind, Lane, Side, Value};

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
    /// Left by a merge that changed the title both ways: theirs' title.
    #[serde(default)]
    pub title_conflict: Option<String>,
    #[serde(default)]
    pub persona: Option<FilePersona>,
    pub stages: Stages,
}

impl FileMap {
    /// Whether the file holds what an unresolved merge leaves: a title, persona name or
    /// summary, stage name or description changed both ways, or a card in two versions.
    pub fn has_conflicts(&self) -> bool {
        let persona = self.persona.as_ref().is_some_and(|p| {
            p.name_conflict.is_some() || p.summary_conflict.is_some() || p.conflict.is_some()
        });
        self.title_conflict.is_some()
            || persona
            || self.stages.0.iter().any(|s| {
                s.conflict.is_some()
                    || s.description_conflict.is_some()
                    || s.touchpoints.iter().any(|c| c.0.conflict.is_some())
                    || s.emotions.iter().any(|c| c.0.conflict.is_some())
                    || s.pain_points.iter().any(|c| c.0.conflict.is_some())
                    || s.opportunities.iter().any(|c| c.0.conflict.is_some())
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
    pub name_conflict: Option<Name>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub summary_conflict: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub frustrations: Vec<String>,
    /// Left by a merge in which one side removed the persona and the other changed it.
    #[serde(default)]
    pub conflict: Option<FileSide>,
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
    /// Left by a merge that changed the description both ways: theirs' description.
    #[serde(default)]
    pub description_conflict: Option<String>,
    #[serde(default)]
    pub touchpoints: Vec<FileCard<0>>,
    #[serde(default)]
    pub emotions: Vec<FileCard<1>>,
    #[serde(default)]
    pub pain_points: Vec<FileCard<2>>,
    #[serde(default)]
    pub opportunities: Vec<FileCard<3>>,
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

/// A word from a fixed list, written bare in the file (`evidence: observed`): the word as
/// the list has it. Anything else is an error that names the words allowed, at the word
/// itself.
fn bare_word<'de, D>(
    deserializer: D,
    field: &'static str,
    words: &'static [&'static str],
) -> Result<&'static str, D::Error>
where
    D: Deserializer<'de>,
{
    struct Word {
        field: &'static str,
        words: &'static [&'static str],
    }

    impl de::Visitor<'_> for Word {
        type Value = &'static str;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "one of {}", allowed(self.words))
        }

        fn visit_str<E: de::Error>(self, word: &str) -> Result<&'static str, E> {
            self.words
                .iter()
                .find(|w| **w == word)
                .copied()
                .ok_or_else(|| {
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
        .deserialize_identifier(Word { field, words })
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

/// `conflict: ours | theirs`, left by a merge on each version of a conflicted card.
pub(crate) struct FileSide(pub Side);

static SIDE_WORDS: [&str; 2] = ["ours", "theirs"];

impl<'de> Deserialize<'de> for FileSide {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = bare_word(deserializer, CONFLICT, &SIDE_WORDS)?;
        Side::from_key(word)
            .map(FileSide)
            .ok_or_else(|| de::Error::custom(format!("`{CONFLICT}` must be ours or theirs")))
    }
}

impl From<FileMap> for model::Map {
    fn from(file: FileMap) -> Self {
        model::Map {
            title: file.title,
            title_conflict: file.title_conflict,
            persona: file.persona.map(|p| model::Persona {
                name: p.name.0,
                name_conflict: p.name_conflict.map(|n| n.0),
                summary: p.summary.unwrap_or_default(),
                summary_conflict: p.summary_conflict,
                goals: p.goals,
                frustrations: p.frustrations,
                conflict: p.conflict.map(|s| s.0),
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
        stage.description_conflict = file.description_conflict;
        *stage.lane_mut(Lane::Touchpoints) = cards(file.touchpoints);
        *stage.lane_mut(Lane::Emotions) = cards(file.emotions);
        *stage.lane_mut(Lane::PainPoints) = cards(file.pain_points);
        *stage.lane_mut(Lane::Opportunities) = cards(file.opportunities);
        stage
    }
}

fn cards<const L: usize>(read: Vec<FileCard<L>>) -> Vec<Card> {
    read.into_iter().map(|card| card.0).collect()
}

/// A card of the lane `Lane::ALL[L]`, read through the table of card fields: each field its
/// lane has is checked where it is parsed, and any other is an unknown field at its name.
pub(crate) struct FileCard<const L: usize>(pub Card);

/// What a card of each lane is called in messages ("missing field `text` in this
/// opportunity").
const CARD_NAMES: [&str; 4] = ["touchpoint", "emotion", "pain point", "opportunity"];

/// The merge's mark on a card: not a card field, but a key every card may have.
const CONFLICT: &str = "conflict";

/// The keys a card of `lane` may have: its fields, then `conflict`.
fn keys_of(lane: Lane) -> &'static [&'static str] {
    static KEYS: OnceLock<[Vec<&'static str>; 4]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        Lane::ALL.map(|lane| {
            CardField::of(lane)
                .map(CardField::key)
                .chain([CONFLICT])
                .collect()
        })
    });
    &keys[lane.index()]
}

impl<'de, const L: usize> Deserialize<'de> for FileCard<L> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let lane = Lane::ALL[L];
        deserializer
            .deserialize_struct(CARD_NAMES[L], keys_of(lane), CardVisitor { lane })
            .map(FileCard)
    }
}

struct CardVisitor {
    lane: Lane,
}

impl<'de> de::Visitor<'de> for CardVisitor {
    type Value = Card;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a {}", CARD_NAMES[self.lane.index()])
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Card, A::Error> {
        let mut card = Card::default();
        // One bit per card field (by its place in the table), and the last for `conflict`.
        let bit = |key: Option<CardField>| 1u32 << key.map_or(31, |field| field as u32);
        let mut seen = 0u32;
        while let Some(key) = map.next_key_seed(KeySeed { lane: self.lane })? {
            if seen & bit(key) != 0 {
                return Err(de::Error::duplicate_field(
                    key.map_or(CONFLICT, CardField::key),
                ));
            }
            seen |= bit(key);
            match key {
                Some(field) => map.next_value_seed(FieldSeed {
                    field,
                    card: &mut card,
                })?,
                None => card.conflict = map.next_value::<Option<FileSide>>()?.map(|s| s.0),
            }
        }
        if let Some(missing) = CardField::of(self.lane)
            .find(|field| field.is_required() && seen & bit(Some(*field)) == 0)
        {
            return Err(de::Error::missing_field(missing.key()));
        }
        Ok(card)
    }
}

/// Reads a card's key: `Some` field of its lane, or `None` for `conflict`.
struct KeySeed {
    lane: Lane,
}

impl<'de> de::DeserializeSeed<'de> for KeySeed {
    type Value = Option<CardField>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl de::Visitor<'_> for KeySeed {
    type Value = Option<CardField>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field of a card")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match CardField::from_key(key).filter(|field| field.is_on(self.lane)) {
            Some(field) => Ok(Some(field)),
            None if key == CONFLICT => Ok(None),
            None => Err(E::unknown_field(key, keys_of(self.lane))),
        }
    }
}

/// Reads the value of one card field into the card, checked by the field's kind.
struct FieldSeed<'c> {
    field: CardField,
    card: &'c mut Card,
}

impl<'de> de::DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let FieldSeed { field, card } = self;
        let required = field.is_required();
        match field.text_mut(card) {
            Some(text) if required => *text = Text::deserialize(deserializer)?.0,
            Some(text) => *text = Option::<String>::deserialize(deserializer)?.unwrap_or_default(),
            None => {
                let value = deserializer.deserialize_option(Optional { field })?;
                field.set(card, value);
            }
        }
        Ok(())
    }
}

/// A number or a word that may be left out (`None`), as `Option` reads it, checked inside
/// so that an error points at the value.
struct Optional {
    field: CardField,
}

impl Optional {
    fn not_stated(&self) -> Value<'static> {
        match self.field.kind() {
            FieldKind::Word(_) => Value::Word(None),
            FieldKind::Text { .. } | FieldKind::Number { .. } => Value::Number(0),
        }
    }
}

impl<'de> de::Visitor<'de> for Optional {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.field.kind() {
            FieldKind::Word(words) => write!(f, "one of {}", allowed(words)),
            FieldKind::Text { .. } | FieldKind::Number { .. } => f.write_str("a whole number"),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.not_stated())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.not_stated())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let field = self.field;
        match field.kind() {
            FieldKind::Word(words) => {
                bare_word(deserializer, field.key(), words).map(|w| Value::Word(Some(w)))
            }
            FieldKind::Number { min, max } => {
                let n = i64::deserialize(deserializer)?;
                if (min..=max).contains(&n) {
                    Ok(Value::Number(n))
                } else {
                    Err(de::Error::custom(format!(
                        "{}, not {n}",
                        field.must_be_between()
                    )))
                }
            }
            FieldKind::Text { .. } => Err(de::Error::custom("a text field read as a number")),
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
