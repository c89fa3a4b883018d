//! How the board is looked at, apart from what is on it: zoom on one stage, the persona
//! strip, the text input under the board, and (in `view --follow`) where the map shown comes
//! from. Pure: the sizes here feed the `Geometry`, so drawing and clicking agree.

use unicode_segmentation::UnicodeSegmentation;

use super::{Ctx, Mode, Target, View};
use crate::text;

/// The text input under the board grows to at most this many lines (then scrolls).
pub const MAX_INPUT_ROWS: u16 = 6;
/// Columns the input's prompt (` › `) takes before the text, and the margin after it.
pub const INPUT_PROMPT: u16 = 3;

/// What `view --follow` is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An editor has the map open with unsaved changes: its recovery copy.
    LiveFromEditor,
    /// The file as saved.
    SavedFile,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::LiveFromEditor => "live from the editor",
            Source::SavedFile => "saved file",
        }
    }
}

/// Rows of the persona strip: the name and summary, then goals and frustrations when there
/// are any (one row when there is no persona: how to add one).
pub fn persona_rows(app: &View<'_>) -> u16 {
    match &app.room.map.persona {
        None => 1,
        Some(p) => 1 + u16::from(!p.goals.is_empty()) + u16::from(!p.frustrations.is_empty()),
    }
}

/// The text being typed on a card, when the input under the board shows it.
pub fn card_input<'a>(app: &View<'a>) -> Option<&'a super::LineInput> {
    match &app.seat.mode {
        Mode::Editing {
            target: Target::NewCard(_) | Target::CardText(_),
            input,
        } => Some(input),
        _ => None,
    }
}

/// Rows the text input under the board asks for on a screen `width` wide.
pub fn input_rows(app: &View<'_>, width: u16) -> u16 {
    let Some(input) = card_input(app) else {
        return 0;
    };
    let room = usize::from(width.saturating_sub(INPUT_PROMPT + 1)).max(1);
    // Only the lines that can show are counted: a long paste costs no more.
    let budget = room * (usize::from(MAX_INPUT_ROWS) + 1) * 2;
    let head = match input.text().char_indices().nth(budget) {
        Some((at, _)) => &input.text()[..at],
        None => input.text(),
    };
    let (lines, _) = input_lines(head, head.len(), room);
    (lines.len() as u16).clamp(1, MAX_INPUT_ROWS)
}

/// The typed text broken into lines of at most `room` columns, at a space where a line has
/// one (else anywhere, at grapheme boundaries), so every character shows exactly once and
/// the cursor's place is exact; sanitised. Also the line and column of the cursor, which
/// sits before byte `cursor` of `s`.
pub fn input_lines(s: &str, cursor: usize, room: usize) -> (Vec<String>, (usize, usize)) {
    let room = room.max(2);
    // Each line as (byte index, shown grapheme, width); a safe grapheme is not copied.
    let mut lines: Vec<Vec<(usize, std::borrow::Cow<'_, str>, usize)>> = vec![Vec::new()];
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let shown = text::sanitize(g);
        let w = text::width(&shown);
        if used + w > room {
            let line = lines.last_mut().expect("there is always a line");
            // Words move whole to the next line when the line has a space to break at.
            let tail = match line.iter().rposition(|(_, g, _)| g.as_ref() == " ") {
                Some(space) if space + 1 < line.len() => line.split_off(space + 1),
                _ => Vec::new(),
            };
            used = tail.iter().map(|(_, _, w)| w).sum();
            lines.push(tail);
        }
        lines
            .last_mut()
            .expect("there is always a line")
            .push((i, shown, w));
        used += w;
    }
    let mut at = None;
    for (n, line) in lines.iter().enumerate() {
        let mut column = 0;
        for (i, _, w) in line {
            if *i == cursor {
                at = Some((n, column));
            }
            column += w;
        }
    }
    let at = at.unwrap_or_else(|| {
        if used >= room {
            lines.push(Vec::new());
            (lines.len() - 1, 0)
        } else {
            (lines.len() - 1, used)
        }
    });
    let lines = lines
        .into_iter()
        .map(|line| line.into_iter().map(|(_, g, _)| g).collect::<String>())
        .collect();
    (lines, at)
}

impl Ctx<'_> {
    /// `z`: the selected stage fills the screen, or the board comes back.
    pub(super) fn toggle_zoom(&mut self) {
        self.seat.zoom = !self.seat.zoom;
    }

    /// `P`: the persona strip under the board.
    pub(super) fn toggle_persona(&mut self) {
        self.seat.show_persona = !self.seat.show_persona;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_breaks_into_lines_and_finds_its_cursor() {
        let (lines, at) = input_lines("abcdefgh", 8, 3);
        assert_eq!(lines, ["abc", "def", "gh"]);
        assert_eq!(at, (2, 2));
        let (lines, at) = input_lines("abcdef", 6, 3);
        assert_eq!(lines, ["abc", "def", ""]);
        assert_eq!(at, (2, 0));
        let (_, at) = input_lines("abcdef", 3, 3);
        assert_eq!(at, (1, 0));
        let (lines, at) = input_lines("", 0, 3);
        assert_eq!(lines, [""]);
        assert_eq!(at, (0, 0));
        // Wide characters never straddle a line's end; control characters show as one.
        let (lines, _) = input_lines("a日本\u{1b}", 0, 3);
        assert_eq!(lines, ["a日", "本␛"]);
        // Words go whole to the next line; the cursor follows them.
        let (lines, at) = input_lines("the price is clear", 14, 10);
        assert_eq!(lines, ["the price ", "is clear"]);
        assert_eq!(at, (1, 4));
    }
}
