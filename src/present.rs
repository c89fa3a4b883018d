//! The words for domain values, written once for every screen and page: counts with their
//! plurals, scores, means and the feelings they stand for, votes, and what a card carries
//! besides its text ([`card_facts`]). The board, the status bar and every snapshot format
//! read from here, so a label reads the same on screen and on paper.

use std::fmt;

use crate::model::{Card, Evidence, Lane, Status};

/// "1 stage", "5 stages".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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

impl Fact<'_> {
    /// The name of the field, for CSS classes and labels.
    pub fn name(&self) -> &'static str {
        match self {
            Fact::Channel(_) => "channel",
            Fact::Score(_) => "score",
            Fact::Votes(_) => "votes",
            Fact::Evidence(_) => "evidence",
            Fact::Owner(_) => "owner",
            Fact::Status(_) => "status",
            Fact::Source(_) => "source",
            Fact::Notes(_) => "notes",
        }
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

/// What a card carries besides its text, in the order every renderer shows it: the
/// channel (touchpoints), the score (emotions), the votes, the evidence, an opportunity's
/// owner and status, then the longer source and notes. Values not stated are left out.
/// No allocation: the board calls this for every card it draws.
pub fn card_facts(card: &Card, lane: Lane) -> impl Iterator<Item = Fact<'_>> {
    let text = |s: &str| !crate::model::is_blank(s);
    let opportunity = lane == Lane::Opportunities;
    let channel =
        (lane == Lane::Touchpoints && text(&card.channel)).then_some(Fact::Channel(&card.channel));
    let score = (lane == Lane::Emotions).then_some(Fact::Score(card.score));
    let votes = (card.votes > 0).then_some(Fact::Votes(card.votes));
    let evidence = card.evidence.map(Fact::Evidence);
    let owner = (opportunity && text(&card.owner)).then_some(Fact::Owner(&card.owner));
    let status = card.status.filter(|_| opportunity).map(Fact::Status);
    let source = text(&card.source).then_some(Fact::Source(&card.source));
    let notes = text(&card.notes).then_some(Fact::Notes(&card.notes));
    [
        channel, score, votes, evidence, owner, status, source, notes,
    ]
    .into_iter()
    .flatten()
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
