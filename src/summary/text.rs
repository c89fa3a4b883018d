//! The outcome as plain text for a terminal or an email: headings and indented lines, every
//! line at most the width asked for, the map's text made safe to show.

use super::{LISTED, Mood, Outcome, Placed, lane_count, lane_words};
use crate::model::Lane;
use crate::present::{count, feeling, follow_up, mean_label, votes_label};
use crate::text;

/// The narrowest text drawn; narrower widths are drawn at this width.
pub const MIN_WIDTH: usize = 20;

/// How the text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The widest line allowed, in terminal columns (at least [`MIN_WIDTH`] is used).
    pub width: usize,
    /// Headings in bold (the caller has decided the output is a terminal that wants it).
    pub color: bool,
}

pub fn render(outcome: &Outcome, opts: &Options) -> String {
    let mut w = Writer {
        out: String::new(),
        width: opts.width.max(MIN_WIDTH),
        color: opts.color,
    };
    w.heading(&clean(outcome.title));
    let made = outcome.made.map(|d| format!(" on {d}")).unwrap_or_default();
    w.line(
        "",
        &format!(
            "Workshop outcome{made}: {}, {}, {}",
            count(outcome.stages.len(), "stage"),
            count(outcome.cards, "card"),
            votes_label_wide(outcome.votes)
        ),
    );
    w.ranking("Top pain points", &outcome.top_pain_points, outcome, false);
    w.ranking(
        "Top opportunities",
        &outcome.top_opportunities,
        outcome,
        true,
    );

    match (outcome.low, outcome.high) {
        (Some(low), Some(high)) if low.stage_index == high.stage_index => {
            w.mood("Emotional low and high point (one stage has emotions)", low);
        }
        (Some(low), Some(high)) => {
            w.mood("Emotional low point", low);
            w.mood("Emotional high point", high);
        }
        _ => {
            w.blank_heading("Emotional low and high points");
            w.line(
                "  ",
                "No emotions yet: add emotion cards with a score to draw the curve.",
            );
        }
    }

    w.blank_heading("Gaps (lanes with no cards yet)");
    if outcome.gaps.is_empty() {
        w.line("  ", "None: every stage has cards in every lane.");
    }
    for gap in &outcome.gaps {
        let lanes: Vec<String> = gap.empty.iter().map(|&l| lane_words(l)).collect();
        w.line("  ", &format!("{}: {}", clean(gap.stage), lanes.join(", ")));
    }

    w.blank_heading("Evidence");
    w.line(
        "  ",
        &format!("All cards: {}", counts(&outcome.all_evidence().named())),
    );
    for lane in Lane::ALL {
        let c = outcome.evidence[lane.index()];
        if c.total() > 0 {
            w.line("  ", &format!("{}: {}", lane.title(), counts(&c.named())));
        }
    }

    w.blank_heading(&format!("Opportunities ({})", outcome.opportunities()));
    if outcome.opportunities() == 0 {
        w.line("  ", "None yet.");
    } else {
        w.line(
            "  ",
            &format!("Status: {}", counts(&outcome.statuses.named())),
        );
        if outcome.without_owner.is_empty() {
            w.line("  ", "Every opportunity has an owner.");
        } else {
            w.line(
                "  ",
                &format!("Without an owner ({}):", outcome.without_owner.len()),
            );
            for o in outcome.without_owner.iter().take(LISTED) {
                w.line(
                    "    - ",
                    &format!(
                        "{} ({}, {})",
                        clean(&o.card.text),
                        votes_label(o.card.votes),
                        clean(o.stage)
                    ),
                );
            }
            if outcome.without_owner.len() > LISTED {
                let more = outcome.without_owner.len() - LISTED;
                w.line("    ", &format!("and {more} more"));
            }
        }
    }

    w.blank_heading("Cards per stage");
    for stage in &outcome.stages {
        let lanes: Vec<String> = Lane::ALL
            .iter()
            .map(|&lane| lane_count(stage.lanes[lane.index()], lane))
            .collect();
        w.line(
            "  ",
            &format!(
                "{}: {} ({})",
                clean(stage.stage),
                stage.total(),
                lanes.join(", ")
            ),
        );
    }
    w.out
}

/// "7 assumption, 25 observed, 10 validated, 4 not stated".
fn counts(named: &[(&str, usize)]) -> String {
    named
        .iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Votes in all, which can pass what one card holds.
fn votes_label_wide(votes: u64) -> String {
    match u16::try_from(votes) {
        Ok(v) => votes_label(v),
        Err(_) => format!("{votes} votes"),
    }
}

/// The map's text on one line, safe to show.
fn clean(s: &str) -> String {
    s.split_whitespace()
        .map(text::sanitize)
        .collect::<Vec<_>>()
        .join(" ")
}

struct Writer {
    out: String,
    width: usize,
    color: bool,
}

impl Writer {
    fn heading(&mut self, title: &str) {
        for line in text::wrap(title, self.width) {
            if self.color {
                text::paint(&mut self.out, anstyle::Style::new().bold(), &line);
            } else {
                self.out.push_str(&line);
            }
            self.out.push('\n');
        }
    }

    /// A heading after an empty line.
    fn blank_heading(&mut self, title: &str) {
        self.out.push('\n');
        self.heading(title);
    }

    /// `words` wrapped to the width, the first line after `prefix`. The others line up
    /// with the text after a list mark (`1. `, `- `), or are indented two more after plain
    /// indentation, so a wrapped line never looks like a new one.
    fn line(&mut self, prefix: &str, words: &str) {
        let first = text::width(prefix);
        let hang = if prefix.trim().is_empty() {
            first + 2
        } else {
            first
        };
        let room = |indent: usize| self.width.saturating_sub(indent).max(1);
        let lines = text::wrap_hanging(words, room(first), room(hang));
        for (i, line) in lines.into_iter().enumerate() {
            if i == 0 {
                self.out.push_str(prefix);
            } else {
                self.out.extend(std::iter::repeat_n(' ', hang));
            }
            self.out.push_str(&line);
            self.out.push('\n');
        }
    }

    fn ranking(&mut self, title: &str, ranked: &[Placed], outcome: &Outcome, with_follow_up: bool) {
        self.blank_heading(title);
        if ranked.is_empty() {
            let why = if outcome.has_votes() {
                "No votes on these yet."
            } else {
                "No votes yet: run a voting round to rank them."
            };
            self.line("  ", why);
        }
        for (i, p) in ranked.iter().enumerate() {
            // An opportunity says who takes it on: the next step after the ranking.
            let follow_up = if with_follow_up {
                format!("; {}", clean(&follow_up(p.card)))
            } else {
                String::new()
            };
            self.line(
                &format!("  {}. ", i + 1),
                &format!(
                    "{} ({}, {}{follow_up})",
                    clean(&p.card.text),
                    votes_label(p.card.votes),
                    clean(p.stage)
                ),
            );
        }
    }

    fn mood(&mut self, title: &str, mood: Mood) {
        self.blank_heading(title);
        self.line(
            "  ",
            &format!(
                "{}: mean {} ({})",
                clean(mood.stage),
                mean_label(mood.mean),
                feeling(mood.mean)
            ),
        );
        match mood.top_pain_point {
            Some(pain) => self.line(
                "  ",
                &format!(
                    "Most-voted pain point: {} ({})",
                    clean(&pain.text),
                    votes_label(pain.votes)
                ),
            ),
            None => self.line("  ", "No pain point here has votes."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Map, Stage};

    #[test]
    fn a_top_opportunity_without_an_owner_says_so() {
        let mut stage = Stage::new("Buy");
        stage.lane_mut(Lane::Opportunities).push(
            Card::new("Guest checkout")
                .with_votes(3)
                .with_status(crate::model::Status::Open),
        );
        stage
            .lane_mut(Lane::PainPoints)
            .push(Card::new("Forced account").with_votes(2));
        let mut map = Map::new("t");
        map.stages.push(stage);
        let out = render(
            &Outcome::of(&map),
            &Options {
                width: 100,
                color: false,
            },
        );
        assert!(
            out.contains("  1. Guest checkout (3 votes, Buy; no owner yet, open)\n"),
            "{out}"
        );
        assert!(
            out.contains("  1. Forced account (2 votes, Buy)\n"),
            "{out}"
        );
    }

    #[test]
    fn every_line_fits_even_a_narrow_width() {
        let mut stage = Stage::new("A stage with a rather long name to wrap");
        stage.lane_mut(Lane::PainPoints).push(
            Card::new("Supercalifragilisticexpialidocious pain point, in words").with_votes(3),
        );
        let mut map = Map::new("日本語のタイトル 🙂 with a long tail of words");
        map.stages.push(stage);
        let outcome = Outcome::of(&map);
        for width in [1, 20, 33, 80] {
            let out = render(
                &outcome,
                &Options {
                    width,
                    color: false,
                },
            );
            for line in out.lines() {
                assert!(
                    text::width(line) <= width.max(MIN_WIDTH),
                    "{width}: {line:?}"
                );
            }
            // Nothing is cut: a word too long for a line goes on over the next.
            let joined: String = out.split_whitespace().collect();
            assert!(joined.contains("Supercalifragilisticexpialidociouspainpoint,inwords"));
        }
    }
}
