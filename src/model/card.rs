//! A card, and the table of its fields ([`CardField`]) that every format, the editor and
//! search go through: a new field is a new row here, and the compiler names each place
//! that still has to learn it.

use super::{CardId, Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Side, Status};

/// One sticky note. Every lane uses the same card; `channel` only means something on
/// touchpoints, `score` only on emotions, `owner` and `status` only on opportunities, and
/// the format keeps them there. Empty text and `None` mean "not stated".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    pub text: String,
    pub channel: String,
    pub score: i8,
    pub votes: u16,
    pub notes: String,
    /// How well what the card says is known.
    pub evidence: Option<Evidence>,
    /// Where the evidence comes from: an interview, a ticket, a metric.
    pub source: String,
    /// Who takes the opportunity on.
    pub owner: String,
    /// Where the opportunity stands.
    pub status: Option<Status>,
    /// After a merge that could not combine two versions of this card: the side this
    /// version comes from. `None` in every map that is not an unresolved merge.
    pub conflict: Option<Side>,
    /// Which card this is while the map is open (never written; not part of equality).
    pub id: CardId,
}

impl Card {
    pub fn new(text: impl Into<String>) -> Self {
        Card {
            text: text.into(),
            ..Card::default()
        }
    }

    pub fn with_votes(mut self, votes: u16) -> Self {
        self.votes = votes.min(MAX_VOTES);
        self
    }

    pub fn with_score(mut self, score: i8) -> Self {
        self.score = score.clamp(MIN_SCORE, MAX_SCORE);
        self
    }

    pub fn with_channel(mut self, channel: impl Into<String>) -> Self {
        self.channel = channel.into();
        self
    }

    pub fn with_notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = notes.into();
        self
    }

    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence = Some(evidence);
        self
    }

    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = source.into();
        self
    }

    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = owner.into();
        self
    }

    pub fn with_status(mut self, status: Status) -> Self {
        self.status = Some(status);
        self
    }
}

/// What kind of value a card field holds, which says how every format writes and reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text; empty means not stated. `multiline` when it may hold line breaks.
    Text { multiline: bool },
    /// A whole number from `min` to `max`, `0` when not stated.
    Number { min: i64, max: i64 },
    /// One of a fixed list of words (written bare in the file), or not stated.
    Word(&'static [&'static str]),
}

/// The value of one card field, as [`CardField::get`] reads it and [`CardField::set`]
/// writes it. Words are their keys (`observed`, `planned`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Text(&'a str),
    Number(i64),
    Word(Option<&'static str>),
}

impl Value<'_> {
    /// Whether the value says something: text that is not empty, a number other than 0, a
    /// word.
    pub fn is_stated(&self) -> bool {
        match self {
            Value::Text(s) => !s.is_empty(),
            Value::Number(n) => *n != 0,
            Value::Word(w) => w.is_some(),
        }
    }
}

/// One field of a card. `conflict` is not one: it is a merge's mark on the card, not
/// something said about it, and only the file format and the merge deal with it. Nor is
/// `id`, which only the open editor holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CardField {
    Text,
    Channel,
    Score,
    Votes,
    Notes,
    Evidence,
    Source,
    Owner,
    Status,
}

const EVERY_LANE: &[Lane] = &Lane::ALL;
const EVIDENCE_WORDS: &[&str] = &["assumption", "observed", "validated"];
const STATUS_WORDS: &[&str] = &["open", "planned", "done"];

impl CardField {
    /// Every field, in the order the file format, JSON and CSV write them.
    pub const ALL: [CardField; 9] = [
        CardField::Text,
        CardField::Channel,
        CardField::Score,
        CardField::Votes,
        CardField::Notes,
        CardField::Evidence,
        CardField::Source,
        CardField::Owner,
        CardField::Status,
    ];

    /// The field's name in the file format, JSON and the CSV header.
    pub fn key(self) -> &'static str {
        match self {
            CardField::Text => "text",
            CardField::Channel => "channel",
            CardField::Score => "score",
            CardField::Votes => "votes",
            CardField::Notes => "notes",
            CardField::Evidence => "evidence",
            CardField::Source => "source",
            CardField::Owner => "owner",
            CardField::Status => "status",
        }
    }

    pub fn from_key(key: &str) -> Option<CardField> {
        CardField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The lanes whose cards have the field; on any other lane it is not stated.
    pub fn lanes(self) -> &'static [Lane] {
        match self {
            CardField::Channel => &[Lane::Touchpoints],
            CardField::Score => &[Lane::Emotions],
            CardField::Owner | CardField::Status => &[Lane::Opportunities],
            CardField::Text
            | CardField::Votes
            | CardField::Notes
            | CardField::Evidence
            | CardField::Source => EVERY_LANE,
        }
    }

    /// Whether every card must state the field (the text): the file format writes it even
    /// when empty and refuses a card without it.
    pub fn is_required(self) -> bool {
        self == CardField::Text
    }

    pub fn is_on(self, lane: Lane) -> bool {
        self.lanes().contains(&lane)
    }

    /// The fields a card in `lane` has, in [`CardField::ALL`]'s order.
    pub fn of(lane: Lane) -> impl Iterator<Item = CardField> {
        CardField::ALL.into_iter().filter(move |f| f.is_on(lane))
    }

    pub fn kind(self) -> FieldKind {
        match self {
            CardField::Text | CardField::Notes => FieldKind::Text { multiline: true },
            CardField::Channel | CardField::Source | CardField::Owner => {
                FieldKind::Text { multiline: false }
            }
            CardField::Score => FieldKind::Number {
                min: MIN_SCORE.into(),
                max: MAX_SCORE.into(),
            },
            CardField::Votes => FieldKind::Number {
                min: 0,
                max: MAX_VOTES.into(),
            },
            CardField::Evidence => FieldKind::Word(EVIDENCE_WORDS),
            CardField::Status => FieldKind::Word(STATUS_WORDS),
        }
    }

    /// The words a word field takes (`open`, `planned`, `done`); none for other fields.
    pub fn words(self) -> &'static [&'static str] {
        match self.kind() {
            FieldKind::Word(words) => words,
            FieldKind::Text { .. } | FieldKind::Number { .. } => &[],
        }
    }

    /// What people call the field, in messages: "notes of card 'Search ad'", "only
    /// touchpoints have a channel".
    pub fn label(self) -> &'static str {
        match self {
            CardField::Text => "text",
            CardField::Channel => "channel",
            CardField::Score => "score",
            CardField::Votes => "votes",
            CardField::Notes => "notes",
            CardField::Evidence => "evidence",
            CardField::Source => "source",
            CardField::Owner => "owner",
            CardField::Status => "status",
        }
    }

    /// "an emotion score must be between -2 and +2": what a number field takes, for a
    /// number out of its range.
    pub fn must_be_between(self) -> String {
        let (min, max) = self.range();
        let plus = if min < 0 { "+" } else { "" };
        format!("{} must be between {min} and {plus}{max}", self.named())
    }

    /// "votes must be a whole number from 0 to 9999": what a number field takes, for
    /// something that is not a whole number.
    pub fn must_be_whole(self) -> String {
        let (min, max) = self.range();
        let plus = if min < 0 { "+" } else { "" };
        format!(
            "{} must be a whole number from {min} to {plus}{max}",
            self.named()
        )
    }

    fn range(self) -> (i64, i64) {
        match self.kind() {
            FieldKind::Number { min, max } => (min, max),
            FieldKind::Text { .. } | FieldKind::Word(_) => (0, 0),
        }
    }

    /// The field as a message names it: "votes", or with its lane when only one lane has
    /// it, "an emotion score".
    fn named(self) -> String {
        match self.lanes() {
            [lane] => {
                let title = lane.title().to_lowercase();
                let one = title.strip_suffix('s').unwrap_or(&title);
                let article = if one.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {one} {}", self.label())
            }
            _ => self.label().to_string(),
        }
    }

    pub fn get(self, card: &Card) -> Value<'_> {
        match self {
            CardField::Text => Value::Text(&card.text),
            CardField::Channel => Value::Text(&card.channel),
            CardField::Score => Value::Number(card.score.into()),
            CardField::Votes => Value::Number(card.votes.into()),
            CardField::Notes => Value::Text(&card.notes),
            CardField::Evidence => Value::Word(card.evidence.map(Evidence::key)),
            CardField::Source => Value::Text(&card.source),
            CardField::Owner => Value::Text(&card.owner),
            CardField::Status => Value::Word(card.status.map(Status::key)),
        }
    }

    /// Sets the field. A number is clamped to the field's range; a value of another kind
    /// than the field's, or a word that is not one of its words, leaves it not stated.
    pub fn set(self, card: &mut Card, value: Value<'_>) {
        if let Some(text) = self.text_mut(card) {
            *text = match value {
                Value::Text(s) => s.to_string(),
                Value::Number(_) | Value::Word(_) => String::new(),
            };
            return;
        }
        let number = |min: i8, max: u16| match value {
            Value::Number(n) => n.clamp(min.into(), max.into()),
            _ => 0,
        };
        let word = || match value {
            Value::Word(w) => w,
            _ => None,
        };
        match self {
            CardField::Score => card.score = number(MIN_SCORE, MAX_SCORE as u16) as i8,
            CardField::Votes => card.votes = number(0, MAX_VOTES) as u16,
            CardField::Evidence => card.evidence = word().and_then(Evidence::from_key),
            CardField::Status => card.status = word().and_then(Status::from_key),
            CardField::Text
            | CardField::Channel
            | CardField::Notes
            | CardField::Source
            | CardField::Owner => {}
        }
    }

    /// A text field's text, to write in place (a reader moves what it read there); `None`
    /// for a field of another kind.
    pub fn text_mut(self, card: &mut Card) -> Option<&mut String> {
        match self {
            CardField::Text => Some(&mut card.text),
            CardField::Channel => Some(&mut card.channel),
            CardField::Notes => Some(&mut card.notes),
            CardField::Source => Some(&mut card.source),
            CardField::Owner => Some(&mut card.owner),
            CardField::Score | CardField::Votes | CardField::Evidence | CardField::Status => None,
        }
    }

    /// Whether the card says something in this field: text that is not empty, a number
    /// other than 0, a word.
    pub fn is_stated(self, card: &Card) -> bool {
        self.get(card).is_stated()
    }

    /// Reads the field's value from text as a person or a spreadsheet writes it: text as
    /// it is, a number with an optional `+`, a word in any case. Empty is not stated. The
    /// error says what the field takes.
    pub fn parse(self, s: &str) -> Result<Value<'_>, String> {
        let trimmed = s.trim();
        match self.kind() {
            FieldKind::Text { .. } => Ok(Value::Text(s)),
            FieldKind::Number { .. } if trimmed.is_empty() => Ok(Value::Number(0)),
            FieldKind::Number { min, max } => trimmed
                .strip_prefix('+')
                .unwrap_or(trimmed)
                .parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .map(Value::Number)
                .ok_or_else(|| format!("{}, not `{trimmed}`", self.must_be_whole())),
            FieldKind::Word(_) if trimmed.is_empty() => Ok(Value::Word(None)),
            FieldKind::Word(words) => {
                let lower = trimmed.to_lowercase();
                words
                    .iter()
                    .find(|w| **w == lower)
                    .map(|w| Value::Word(Some(*w)))
                    .ok_or_else(|| {
                        format!(
                            "`{}` must be one of {}, not `{trimmed}`",
                            self.key(),
                            words.join(", ")
                        )
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value of the field's kind that is not its default.
    fn sample(field: CardField) -> Value<'static> {
        match field.kind() {
            FieldKind::Text { .. } => Value::Text("said"),
            FieldKind::Number { max, .. } => Value::Number(max),
            FieldKind::Word(words) => Value::Word(words.last().copied()),
        }
    }

    #[test]
    fn the_table_reaches_every_field_of_a_card() {
        let mut card = Card::default();
        for field in CardField::ALL {
            assert!(!field.is_stated(&card), "{field:?}");
            field.set(&mut card, sample(field));
            assert_eq!(field.get(&card), sample(field), "{field:?}");
            assert!(field.is_stated(&card), "{field:?}");
            assert_eq!(CardField::from_key(field.key()), Some(field));
        }
        // A new field of `Card` fails to compile here until it is in the table (or, like
        // `conflict` and `id`, said not to be a field).
        let Card {
            text,
            channel,
            score,
            votes,
            notes,
            evidence,
            source,
            owner,
            status,
            conflict,
            id: _,
        } = card;
        assert!(!text.is_empty() && !channel.is_empty() && !notes.is_empty());
        assert!(!source.is_empty() && !owner.is_empty());
        assert!(score != 0 && votes != 0 && evidence.is_some() && status.is_some());
        assert_eq!(conflict, None::<Side>);
    }

    #[test]
    fn the_words_are_the_model_keys() {
        let keys: Vec<&str> = Evidence::ALL.iter().map(|e| e.key()).collect();
        assert_eq!(keys, EVIDENCE_WORDS);
        let keys: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, STATUS_WORDS);
    }

    #[test]
    fn values_are_read_as_people_write_them_and_checked() {
        assert_eq!(CardField::Score.parse("+2"), Ok(Value::Number(2)));
        assert_eq!(CardField::Score.parse(" "), Ok(Value::Number(0)));
        assert_eq!(
            CardField::Score.parse("3"),
            Err("an emotion score must be a whole number from -2 to +2, not `3`".to_string())
        );
        assert_eq!(
            CardField::Status.parse("Planned"),
            Ok(Value::Word(Some("planned")))
        );
        assert_eq!(
            CardField::Evidence.parse("maybe"),
            Err("`evidence` must be one of assumption, observed, validated, not `maybe`".into())
        );
        let mut card = Card::default();
        CardField::Votes.set(&mut card, Value::Number(1_000_000));
        assert_eq!(card.votes, MAX_VOTES);
        assert!(CardField::Owner.is_on(Lane::Opportunities));
        assert!(!CardField::Owner.is_on(Lane::PainPoints));
        let emotion: Vec<&str> = CardField::of(Lane::Emotions).map(CardField::key).collect();
        assert_eq!(
            emotion,
            ["text", "score", "votes", "notes", "evidence", "source"]
        );
    }
}
