//! The words for domain values, written once for every screen and page: counts with their
//! plurals, scores, means and the feelings they stand for, votes, and what a card carries
//! besides its text ([`card_facts`]). The board, the status bar and every snapshot format
//! read from here, so a label reads the same on screen and on paper.

use std::fmt;

use crate::model::{Card, CardField, Evidence, Lane, Status, is_blank};

/// "1 stage", "5 stages".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "1 person", "5 people".
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

/// A score for people: `+2`, `0`, `-1`.
pub fn score_label(score: i8) -> String {
    Score(score).to_string()
}

/// "1 vote", "4 votes".
pub fn votes_label(votes: u16) -> String {
    Votes(votes).to_string()
}

/// A stage's mean emotion score for people, to one decimal: `+0.5`, `-1.0`, `0.0`.
pub fn mean_label(mean: f64) -> String {
    let rounded = (mean * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0.0".to_string()
    } else {
        format!("{rounded:+.1}")
    }
}

/// Which way a score or a mean leans. Half a point either side of zero still counts as
/// neutral, so a stage whose cards mostly cancel out is not called good or bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Positive,
    Neutral,
    Negative,
}

impl Tone {
    pub fn of(score: f64) -> Tone {
        if score >= 0.5 {
            Tone::Positive
        } else if score <= -0.5 {
            Tone::Negative
        } else {
            Tone::Neutral
        }
    }
}

/// The row an emotion curve of `rows` rows (+2 on the first, −2 on the last) draws a mean
/// on: the one rule for the editor's board and for `print`. The nearest row, a mean halfway
/// between two going to the one further from zero; and a mean that leans one way ([`Tone`])
/// is never drawn on the zero line or across it, so a curve of a few rows still tells good
/// from bad.
pub fn curve_row(mean: f64, rows: u16) -> u16 {
    let span = f64::from(rows.max(2) - 1);
    let middle = span / 2.0;
    let mean = mean.clamp(-2.0, 2.0);
    let exact = middle - mean * span / 4.0;
    let (up, down) = (exact.floor(), exact.ceil());
    let nearest = match (exact - up).total_cmp(&(down - exact)) {
        std::cmp::Ordering::Less => up,
        std::cmp::Ordering::Greater => down,
        // Halfway: away from the middle; on the middle itself (an even number of rows),
        // zero counts with the good half.
        std::cmp::Ordering::Equal if exact < middle || (exact == middle && mean >= 0.0) => up,
        std::cmp::Ordering::Equal => down,
    };
    let row = match Tone::of(mean) {
        Tone::Positive => nearest.min(middle.ceil() - 1.0),
        Tone::Negative => nearest.max(middle.floor() + 1.0),
        Tone::Neutral => nearest,
    };
    row.clamp(0.0, span) as u16
}

/// The mood a mean score stands for, in words.
pub fn feeling(mean: f64) -> &'static str {
    match mean {
        m if m >= 1.5 => "very positive",
        m if m >= 0.5 => "positive",
        m if m > -0.5 => "neutral",
        m if m > -1.5 => "negative",
        _ => "very negative",
    }
}

/// Who takes an opportunity on and where it stands, for the lists ranked by votes: `owner:
/// Growth, planned`, `no owner yet, open`, `no owner yet`. The lists are where the room
/// decides what to do next, so a missing owner is said, not left out.
pub fn follow_up(card: &Card) -> String {
    let owner = if crate::model::is_blank(&card.owner) {
        "no owner yet".to_string()
    } else {
        format!("owner: {}", card.owner)
    };
    match card.status {
        Some(status) => format!("{owner}, {}", status.key()),
        None => owner,
    }
}

/// One thing a card carries besides its text. `Display` gives the short form used on
/// cards (`@web`, `+1`, `2 votes`: a channel is marked as it is typed in quick capture, so
/// it never reads as card text); [`Fact::labelled`] the form that says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact<'a> {
    Channel(&'a str),
    Score(i8),
    Votes(u16),
    Evidence(Evidence),
    Owner(&'a str),
    Status(Status),
    Source(&'a str),
    Notes(&'a str),
}

impl<'a> Fact<'a> {
    /// What the card states in `field`, when its lane has the field and the card says
    /// something there. An emotion always has a score: 0 is neutral, not unknown.
    pub fn of(field: CardField, card: &'a Card, lane: Lane) -> Option<Fact<'a>> {
        if !field.is_on(lane) {
            return None;
        }
        let text = |s: &'a str| (!is_blank(s)).then_some(s);
        match field {
            CardField::Text => None,
            CardField::Channel => text(&card.channel).map(Fact::Channel),
            CardField::Score => Some(Fact::Score(card.score)),
            CardField::Votes => (card.votes > 0).then_some(Fact::Votes(card.votes)),
            CardField::Notes => text(&card.notes).map(Fact::Notes),
            CardField::Evidence => card.evidence.map(Fact::Evidence),
            CardField::Source => text(&card.source).map(Fact::Source),
            CardField::Owner => text(&card.owner).map(Fact::Owner),
            CardField::Status => card.status.map(Fact::Status),
        }
    }

    /// The field the fact is about.
    pub fn field(&self) -> CardField {
        match self {
            Fact::Channel(_) => CardField::Channel,
            Fact::Score(_) => CardField::Score,
            Fact::Votes(_) => CardField::Votes,
            Fact::Evidence(_) => CardField::Evidence,
            Fact::Owner(_) => CardField::Owner,
            Fact::Status(_) => CardField::Status,
            Fact::Source(_) => CardField::Source,
            Fact::Notes(_) => CardField::Notes,
        }
    }

    /// The name of the field, for CSS classes and labels.
    pub fn name(&self) -> &'static str {
        self.field().key()
    }

    /// Whether the fact is long text that goes on a line of its own (notes), rather than
    /// a short value beside the others.
    pub fn is_long(&self) -> bool {
        matches!(self, Fact::Notes(_) | Fact::Source(_))
    }

    /// The fact with what it is: `channel: web`, `score +1`, `2 votes`, `notes: …`.
    pub fn labelled(&self) -> String {
        match self {
            Fact::Channel(channel) => format!("channel: {channel}"),
            Fact::Score(score) => format!("score {}", Score(*score)),
            Fact::Votes(votes) => Votes(*votes).to_string(),
            Fact::Evidence(e) => format!("evidence: {}", e.key()),
            Fact::Owner(owner) => format!("owner: {owner}"),
            Fact::Status(s) => format!("status: {}", s.key()),
            Fact::Source(source) => format!("source: {source}"),
            Fact::Notes(notes) => format!("notes: {notes}"),
        }
    }
}

impl fmt::Display for Fact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Channel(channel) => write!(f, "@{channel}"),
            Fact::Score(score) => Score(*score).fmt(f),
            Fact::Votes(votes) => Votes(*votes).fmt(f),
            Fact::Evidence(e) => f.write_str(e.key()),
            Fact::Owner(owner) => write!(f, "owner: {owner}"),
            Fact::Status(s) => f.write_str(s.key()),
            Fact::Source(source) => write!(f, "source: {source}"),
            Fact::Notes(notes) => f.write_str(notes),
        }
    }
}

/// The order every renderer shows a card's facts in: the channel (touchpoints), the score
/// (emotions), the votes, the evidence, an opportunity's owner and status, then the longer
/// source and notes. Every field but the text, once (a test holds it to the table).
const SHOWN: [CardField; 8] = [
    CardField::Channel,
    CardField::Score,
    CardField::Votes,
    CardField::Evidence,
    CardField::Owner,
    CardField::Status,
    CardField::Source,
    CardField::Notes,
];

/// What a card carries besides its text, in [`SHOWN`] order. Values not stated are left
/// out. No allocation: the board calls this for every card it draws.
pub fn card_facts(card: &Card, lane: Lane) -> impl Iterator<Item = Fact<'_>> {
    SHOWN
        .into_iter()
        .filter_map(move |field| Fact::of(field, card, lane))
}

/// "only touchpoints have a channel", said when a field is given on a lane without it.
pub fn only_on(field: CardField) -> String {
    let lanes: Vec<String> = field
        .lanes()
        .iter()
        .map(|lane| lane.title().to_lowercase())
        .collect();
    let label = field.label();
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("only {} have {article} {label}", lanes.join(" and "))
}

/// The short facts of a card joined for one line: `@web, 2 votes`, `+1`.
pub fn short_facts(card: &Card, lane: Lane, out: &mut String) {
    use fmt::Write as _;
    out.clear();
    for fact in card_facts(card, lane).filter(|f| !f.is_long()) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        let _ = write!(out, "{fact}");
    }
}

struct Score(i8);

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0 {
            write!(f, "+{}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

struct Votes(u16);

impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 {
            f.write_str("1 vote")
        } else {
            write!(f, "{} votes", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_naturally() {
        assert_eq!(mean_label(0.0), "0.0");
        // Five rows: one a level, halves away from zero.
        let five: Vec<u16> = [2.0, 1.4, 0.5, 0.4, 0.0, -0.4, -0.5, -1.5, -2.0]
            .iter()
            .map(|&m| curve_row(m, 5))
            .collect();
        assert_eq!(five, [0, 1, 1, 2, 2, 2, 3, 4, 4]);
        // Three rows (+2, 0, −2): a leaning mean leaves the zero line.
        let three: Vec<u16> = [1.0, 0.5, 0.4, -0.4, -0.5, -2.0]
            .iter()
            .map(|&m| curve_row(m, 3))
            .collect();
        assert_eq!(three, [0, 0, 1, 1, 2, 2]);
        // Two rows: good or bad.
        assert_eq!((curve_row(0.0, 2), curve_row(-0.1, 2)), (0, 1));
        // Four rows: the halves split between the two middle rows.
        assert_eq!((curve_row(0.5, 4), curve_row(-0.5, 4)), (1, 2));
        assert_eq!(mean_label(-0.04), "0.0");
        assert_eq!(mean_label(0.5), "+0.5");
        assert_eq!(mean_label(-1.0), "-1.0");
        assert_eq!(score_label(2), "+2");
        assert_eq!(score_label(0), "0");
        assert_eq!(score_label(-2), "-2");
        assert_eq!(votes_label(1), "1 vote");
        assert_eq!(votes_label(0), "0 votes");
        assert_eq!(count(3, "card"), "3 cards");
        assert_eq!(feeling(-0.5), "negative");
        assert_eq!(feeling(0.0), "neutral");
        assert_eq!(Tone::of(0.49), Tone::Neutral);
        assert_eq!(Tone::of(-0.5), Tone::Negative);
        let card = Card::new("Trial without a card");
        assert_eq!(follow_up(&card), "no owner yet");
        assert_eq!(
            follow_up(&card.clone().with_status(Status::Open)),
            "no owner yet, open"
        );
        assert_eq!(
            follow_up(&card.with_owner("Growth").with_status(Status::Planned)),
            "owner: Growth, planned"
        );
    }

    #[test]
    fn every_field_but_the_text_is_shown_once() {
        for field in CardField::ALL {
            let times = SHOWN.iter().filter(|f| **f == field).count();
            assert_eq!(times, usize::from(field != CardField::Text), "{field:?}");
        }
        assert_eq!(
            only_on(CardField::Channel),
            "only touchpoints have a channel"
        );
        assert_eq!(
            only_on(CardField::Owner),
            "only opportunities have an owner"
        );
    }

    #[test]
    fn facts_come_in_one_order_and_only_where_the_lane_has_them() {
        let card = Card::new("Search ad")
            .with_channel("web")
            .with_votes(2)
            .with_notes("most trials")
            .with_score(1);
        let touch: Vec<String> = card_facts(&card, Lane::Touchpoints)
            .map(|f| f.labelled())
            .collect();
        assert_eq!(touch, ["channel: web", "2 votes", "notes: most trials"]);
        let emotion: Vec<String> = card_facts(&card, Lane::Emotions)
            .map(|f| f.to_string())
            .collect();
        assert_eq!(emotion, ["+1", "2 votes", "most trials"]);
        let mut line = String::new();
        short_facts(&card, Lane::Touchpoints, &mut line);
        assert_eq!(line, "@web, 2 votes");
        short_facts(&Card::new("x"), Lane::PainPoints, &mut line);
        assert_eq!(line, "");
    }
}
