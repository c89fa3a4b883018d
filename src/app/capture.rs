//! Quick capture: a line typed (or pasted) as a new card, with a prefix that sets a field.
//! In emotions a leading number sets the score (`+2 Delighted`, `-1 Annoyed`, `0 Calm`); in
//! touchpoints a leading `@` sets the channel (`@email Welcome mail`, or
//! `@"live chat" Asked about pricing` for a channel with spaces). Anything else is text.

use crate::model::{Card, Lane, MAX_SCORE, MIN_SCORE};

/// A captured card, and a note for the status bar when the line was not taken as typed (a
/// score out of range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    pub card: Card,
    pub note: Option<String>,
}

/// The card a line makes in `lane`. A prefix with nothing after it stays text, so a card
/// reading just "+1" or "@home" is still possible.
pub fn capture(lane: Lane, line: &str) -> Captured {
    let line = line.trim();
    let plain = || Captured {
        card: Card::new(line),
        note: None,
    };
    match lane {
        Lane::Emotions => {
            let Some((number, rest)) = split_word(line) else {
                return plain();
            };
            let Some(score) = parse_score(number) else {
                return plain();
            };
            let clamped = score.clamp(i64::from(MIN_SCORE), i64::from(MAX_SCORE)) as i8;
            let note = (i64::from(clamped) != score).then(|| {
                format!(
                    "a score runs from -2 to +2: {number} became {}",
                    crate::present::score_label(clamped)
                )
            });
            Captured {
                card: Card::new(rest).with_score(clamped),
                note,
            }
        }
        Lane::Touchpoints => {
            let Some(after_at) = line.strip_prefix('@') else {
                return plain();
            };
            let (channel, rest) = match after_at.strip_prefix('"') {
                Some(quoted) => match quoted.split_once('"') {
                    Some((channel, rest)) => (channel.trim(), rest.trim()),
                    None => return plain(),
                },
                None => match split_word(after_at) {
                    Some(parts) => parts,
                    None => return plain(),
                },
            };
            if channel.is_empty() || rest.is_empty() {
                return plain();
            }
            Captured {
                card: Card::new(rest).with_channel(channel),
                note: None,
            }
        }
        Lane::PainPoints | Lane::Opportunities => plain(),
    }
}

/// The first word and the rest, when there is a rest.
fn split_word(line: &str) -> Option<(&str, &str)> {
    let (word, rest) = line.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    (!word.is_empty() && !rest.is_empty()).then_some((word, rest))
}

/// `+2`, `-1`, `0`, `7`: a whole number with an optional sign (a few digits at most).
fn parse_score(word: &str) -> Option<i64> {
    let digits = word.strip_prefix(['+', '-']).unwrap_or(word);
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(lane: Lane, line: &str) -> Card {
        capture(lane, line).card
    }

    #[test]
    fn a_number_before_an_emotion_sets_its_score() {
        assert_eq!(
            card(Lane::Emotions, "+2 Delighted"),
            Card::new("Delighted").with_score(2)
        );
        assert_eq!(
            card(Lane::Emotions, "-1  Annoyed"),
            Card::new("Annoyed").with_score(-1)
        );
        assert_eq!(card(Lane::Emotions, "0 Calm"), Card::new("Calm"));
        let out = capture(Lane::Emotions, "5 Thrilled");
        assert_eq!(out.card, Card::new("Thrilled").with_score(2));
        assert!(out.note.is_some_and(|n| n.contains("5 became +2")));
        // Not a prefix: no text after it, not a number, or not the emotions lane.
        assert_eq!(card(Lane::Emotions, "+1"), Card::new("+1"));
        assert_eq!(card(Lane::Emotions, "+x Odd"), Card::new("+x Odd"));
        assert_eq!(card(Lane::Emotions, "1.5 Meh"), Card::new("1.5 Meh"));
        assert_eq!(card(Lane::PainPoints, "+2 Slow"), Card::new("+2 Slow"));
    }

    #[test]
    fn an_at_before_a_touchpoint_sets_its_channel() {
        assert_eq!(
            card(Lane::Touchpoints, "@email Welcome mail"),
            Card::new("Welcome mail").with_channel("email")
        );
        assert_eq!(
            card(Lane::Touchpoints, r#"@"live chat" Asked about pricing"#),
            Card::new("Asked about pricing").with_channel("live chat")
        );
        assert_eq!(card(Lane::Touchpoints, "@home"), Card::new("@home"));
        assert_eq!(
            card(Lane::Touchpoints, r#"@"open x"#),
            Card::new(r#"@"open x"#)
        );
        assert_eq!(card(Lane::Opportunities, "@ops Fix"), Card::new("@ops Fix"));
    }
}
