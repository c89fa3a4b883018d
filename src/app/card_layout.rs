//! How a card sits in its cell: on one line, or, when its band has room for every card of
//! the lane, wrapped onto a few. Shared by the renderer and by the mouse hit test, so what
//! is drawn and what is clicked agree. Pure text measurement, no terminal.

use crate::model::{Card, Evidence, Lane, Status};
use crate::present::{Fact, card_facts};
use crate::text;

/// At most this many lines of a card show on the board; the detail line under the board
/// shows the rest.
pub const MAX_CARD_LINES: usize = 3;
/// Columns of an emotion's score (`+1 `) before its text.
pub const SCORE_WIDTH: usize = 3;

/// Lines each card of a lane with `count` cards may take in a band of `rows`: more than one
/// only when all of them then fit, so a band never scrolls because of wrapping.
pub fn lines_per_card(rows: usize, count: usize) -> usize {
    (rows / count.max(1)).clamp(1, MAX_CARD_LINES)
}

/// The marks at a card's right edge: ✎ when it has notes, `?` for an assumption and `✓`
/// for validated evidence (so a room sees what is still a guess), `▸` for a planned and
/// `☑` for a done opportunity, then its votes.
pub fn marks(card: &Card, lane: Lane) -> String {
    let mut marks = String::new();
    let mut votes = String::new();
    for fact in card_facts(card, lane) {
        match fact {
            Fact::Notes(_) => marks.insert_str(0, " ✎"),
            Fact::Evidence(Evidence::Assumption) => marks.push_str(" ?"),
            Fact::Evidence(Evidence::Validated) => marks.push_str(" ✓"),
            Fact::Status(Status::Planned) => marks.push_str(" ▸"),
            Fact::Status(Status::Done) => marks.push_str(" ☑"),
            Fact::Votes(n) => votes = format!(" ●{n}"),
            _ => {}
        }
    }
    if let Some(side) = card.conflict {
        marks.insert_str(0, super::conflicts::mark(side));
    }
    marks + &votes
}

/// The channel beside a card's text on a line of `room` columns, by one rule for every
/// card: it shows when the whole text fits beside it (or on a line of its own, when a
/// wrapped card has one to spare). A card whose text is cut gives all its room to the
/// text; the line under the board and the zoom name the channel.
pub fn channel_beside(channel: &str, room: usize, text_fits_whole: bool) -> Option<String> {
    (!channel.is_empty() && text_fits_whole && text::width(channel) <= room)
        .then(|| channel.to_string())
}

/// A touchpoint's channel as shown after its text (` @web`), sanitised; empty otherwise.
pub fn channel(card: &Card, lane: Lane) -> String {
    card_facts(card, lane)
        .find_map(|fact| match fact {
            Fact::Channel(_) => Some(format!(" {}", text::sanitize(&fact.to_string()))),
            _ => None,
        })
        .unwrap_or_default()
}

/// A card wrapped onto up to `max_lines` lines of a cell `width` columns wide (borders
/// excluded: the text starts one column in and ends one column early).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLayout {
    /// The text's lines, sanitised; the last ends in "…" when the text goes on.
    pub lines: Vec<String>,
    /// The channel and the line it goes on (after the text, or on a line of its own).
    pub channel: Option<(usize, String)>,
    /// The marks, right-aligned on the first line.
    pub marks: String,
    /// Where the second and later lines start, counted from the first text column.
    pub indent: usize,
    first: usize,
    rest: usize,
}

impl CardLayout {
    pub fn new(card: &Card, lane: Lane, width: u16, max_lines: usize) -> CardLayout {
        let inner = usize::from(width.saturating_sub(2));
        let marks = marks(card, lane);
        let prefix = if lane == Lane::Emotions {
            SCORE_WIDTH
        } else {
            0
        };
        // Emotions continue under their text; other cards a little in from their start.
        let indent = if lane == Lane::Emotions {
            SCORE_WIDTH
        } else {
            2
        };
        let first = inner.saturating_sub(prefix + text::width(&marks)).max(1);
        let rest = inner.saturating_sub(indent).max(1);
        // Only what can show is wrapped: a long text costs no more than a short one.
        let budget = 4 * (first + rest * max_lines) + 4;
        let (head, cut) = match card.text.char_indices().nth(budget) {
            Some((at, _)) => (&card.text[..at], true),
            None => (card.text.as_str(), false),
        };
        let mut lines = text::wrap_hanging(&text::sanitize(head), first, rest);
        let cut = cut || lines.len() > max_lines;
        lines.truncate(max_lines);
        let room_on = |line: usize| if line == 0 { first } else { rest };
        let last = lines.len() - 1;
        let last_room = room_on(last);
        let channel_text = channel(card, lane);
        let channel_width = text::width(&channel_text);
        let channel = if channel_text.is_empty() {
            None
        } else if !cut && text::width(&lines[last]) + channel_width <= last_room {
            Some((last, channel_text))
        } else if !cut && lines.len() < max_lines {
            let own = text::ellipsize(channel_text.trim_start(), rest).into_owned();
            Some((lines.len(), own))
        } else {
            // The text is cut: it keeps all its room (see `channel_beside`).
            None
        };
        if cut {
            lines[last] = with_ellipsis(&lines[last], last_room);
        }
        CardLayout {
            lines,
            channel,
            marks,
            indent,
            first,
            rest,
        }
    }

    /// Columns for the text (and channel) on `line`: the first line leaves room for the
    /// score and the marks, the others for the indent.
    pub fn room(&self, line: usize) -> usize {
        if line == 0 { self.first } else { self.rest }
    }

    /// Rows the card takes.
    pub fn height(&self) -> usize {
        match &self.channel {
            Some((line, _)) => self.lines.len().max(line + 1),
            None => self.lines.len(),
        }
    }
}

/// `line` with "…" at its end, within `room` columns.
fn with_ellipsis(line: &str, room: usize) -> String {
    let line = line.trim_end();
    let keep = if text::width(line) < room {
        line
    } else {
        text::truncate(line, room.saturating_sub(1))
    };
    format!("{keep}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str) -> Card {
        Card {
            text: text.to_string(),
            ..Card::default()
        }
    }

    #[test]
    fn a_band_with_room_for_every_card_wraps_them() {
        assert_eq!(lines_per_card(12, 3), 3);
        assert_eq!(lines_per_card(12, 5), 2);
        assert_eq!(lines_per_card(3, 3), 1);
        assert_eq!(lines_per_card(3, 0), 3);
        assert_eq!(lines_per_card(3, 40), 1);
    }

    #[test]
    fn long_text_wraps_and_ends_in_an_ellipsis_when_it_goes_on() {
        let text = "Ad promises zero admin, which the sign-up form then contradicts at once";
        let layout = CardLayout::new(&card(text), Lane::PainPoints, 24, 2);
        assert_eq!(layout.lines, ["Ad promises zero", "admin, which the…"]);
        assert_eq!(layout.height(), 2);
        for line in &layout.lines[1..] {
            assert!(text::width(line) <= 22 - layout.indent);
        }
        let all = CardLayout::new(&card(text), Lane::PainPoints, 24, 3);
        assert!(all.lines[2].ends_with('…'), "{all:?}");
    }

    #[test]
    fn the_channel_follows_the_text_or_takes_a_line_of_its_own() {
        let mut ad = card("Search ad");
        ad.channel = "web".into();
        let layout = CardLayout::new(&ad, Lane::Touchpoints, 30, 3);
        assert_eq!(layout.channel, Some((0, " @web".to_string())));
        assert_eq!(layout.height(), 1);
        ad.text = "Search ad for timesheet apps".into();
        let layout = CardLayout::new(&ad, Lane::Touchpoints, 30, 3);
        assert_eq!(layout.lines, ["Search ad for timesheet apps"]);
        assert_eq!(layout.channel, Some((1, "@web".to_string())));
        assert_eq!(layout.height(), 2);
        // No line to spare: whole text is kept whole...
        let layout = CardLayout::new(&ad, Lane::Touchpoints, 30, 1);
        assert_eq!(layout.lines, ["Search ad for timesheet apps"]);
        assert_eq!(layout.channel, None);
        // ...and so is a cut text: every cut card gives its room to the text.
        ad.text = "Search ad for timesheet apps and more".into();
        let layout = CardLayout::new(&ad, Lane::Touchpoints, 30, 1);
        assert_eq!(layout.lines, ["Search ad for timesheet app…"]);
        assert_eq!(layout.channel, None);
        assert_eq!(channel_beside(" @web", 10, true), Some(" @web".into()));
        assert_eq!(
            channel_beside(" @web", 4, true),
            None,
            "wider than the line"
        );
        assert_eq!(channel_beside("", 10, true), None);
    }

    #[test]
    fn marks_take_room_on_the_first_line_only() {
        let mut c = card("aaaa bbbb cccc");
        c.votes = 12;
        c.notes = "n".into();
        assert_eq!(marks(&c, Lane::PainPoints), " ✎ ●12");
        let layout = CardLayout::new(&c, Lane::Emotions, 18, 3);
        // 16 inner columns: the first line has 16 - 3 (score) - 6 (marks) = 7.
        assert_eq!(layout.lines, ["aaaa", "bbbb cccc"]);
    }
}
