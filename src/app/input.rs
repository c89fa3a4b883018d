//! A one-line text input: the buffer and the cursor, moved and edited by grapheme so that
//! the cursor always lands between whole characters as the terminal draws them.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOp {
    Insert(char),
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Backspace,
    Delete,
    DeleteWordBack,
    DeleteToStart,
    DeleteToEnd,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    /// The text was put there (a field's current value, a proposed file name) and nobody
    /// has touched it yet: typing (or pasting) first replaces all of it; any other key
    /// first (an arrow, Home, End, a delete) keeps it to edit. One rule for every prefilled
    /// field, shown as a selection.
    proposed: bool,
}

impl LineInput {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let cursor = text.len();
        LineInput {
            text,
            cursor,
            proposed: false,
        }
    }

    /// An input holding `text` as a proposal: see [`LineInput::is_proposed`].
    pub fn proposed(text: impl Into<String>) -> Self {
        let mut input = LineInput::new(text);
        input.proposed = !input.text.is_empty();
        input
    }

    /// Whether the text is still the untouched proposal that the first typed key replaces.
    pub fn is_proposed(&self) -> bool {
        self.proposed
    }

    /// The first edit of a proposal starts from nothing.
    fn take_proposal(&mut self) {
        if std::mem::take(&mut self.proposed) {
            self.text.clear();
            self.cursor = 0;
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts pasted text. Tabs become spaces; other control characters are dropped, but
    /// line breaks are kept as `\n` so a pasted list can become several cards.
    pub fn paste(&mut self, pasted: &str) {
        self.take_proposal();
        let clean: String = pasted
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                '\n' | '\r' => Some('\n'),
                c if crate::text::is_unsafe(c) => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    pub fn apply(&mut self, op: InputOp) {
        // Typing on a proposal replaces it, as on a selection; any other key keeps it, to
        // be edited (Ctrl-w still takes the last word, Backspace the last character).
        if matches!(op, InputOp::Insert(_)) {
            self.take_proposal();
        } else {
            self.proposed = false;
        }
        match op {
            InputOp::Insert(c) => {
                if !crate::text::is_unsafe(c) {
                    self.text.insert(self.cursor, c);
                    self.cursor += c.len_utf8();
                    // A combining mark joins the previous grapheme; keep the cursor after it.
                    self.cursor = self.snap(self.cursor);
                }
            }
            InputOp::Left => self.cursor = self.prev_boundary(self.cursor),
            InputOp::Right => self.cursor = self.next_boundary(self.cursor),
            InputOp::WordLeft => self.cursor = self.word_start_before(self.cursor),
            InputOp::WordRight => self.cursor = self.word_end_after(self.cursor),
            InputOp::Home => self.cursor = 0,
            InputOp::End => self.cursor = self.text.len(),
            InputOp::Backspace => {
                let start = self.prev_boundary(self.cursor);
                self.remove(start, self.cursor);
            }
            InputOp::Delete => {
                let end = self.next_boundary(self.cursor);
                self.remove(self.cursor, end);
            }
            InputOp::DeleteWordBack => {
                let start = self.word_start_before(self.cursor);
                self.remove(start, self.cursor);
            }
            InputOp::DeleteToStart => self.remove(0, self.cursor),
            InputOp::DeleteToEnd => self.remove(self.cursor, self.text.len()),
        }
    }

    fn remove(&mut self, start: usize, end: usize) {
        self.text.replace_range(start..end, "");
        self.cursor = start;
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    fn snap(&self, at: usize) -> usize {
        let mut end = 0;
        for (i, g) in self.text.grapheme_indices(true) {
            end = i + g.len();
            if end >= at {
                return end;
            }
        }
        end
    }

    fn word_start_before(&self, at: usize) -> usize {
        let before = &self.text[..at];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    fn word_end_after(&self, at: usize) -> usize {
        let after = &self.text[at..];
        let skip = after.len() - after.trim_start().len();
        let rest = &after[skip..];
        at + skip + rest.find(char::is_whitespace).unwrap_or(rest.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineInput {
        let mut input = LineInput::default();
        s.chars().for_each(|c| input.apply(InputOp::Insert(c)));
        input
    }

    #[test]
    fn cursor_moves_by_grapheme_and_word() {
        let mut input = typed("Café 日本 e\u{301}!");
        input.apply(InputOp::Left);
        input.apply(InputOp::Left);
        assert_eq!(&input.text()[input.cursor()..], "e\u{301}!");
        input.apply(InputOp::Backspace);
        assert_eq!(input.text(), "Café 日本e\u{301}!");
        input.apply(InputOp::WordLeft);
        assert_eq!(&input.text()[input.cursor()..], "日本e\u{301}!");
        input.apply(InputOp::DeleteWordBack);
        assert_eq!(input.text(), "日本e\u{301}!");
        input.apply(InputOp::End);
        input.apply(InputOp::DeleteWordBack);
        assert_eq!(input.text(), "");
    }

    #[test]
    fn home_end_and_kill_to_either_side() {
        let mut input = typed("search ad");
        input.apply(InputOp::Home);
        input.apply(InputOp::WordRight);
        input.apply(InputOp::DeleteToEnd);
        assert_eq!(input.text(), "search");
        input.apply(InputOp::Home);
        input.apply(InputOp::Delete);
        assert_eq!(input.text(), "earch");
        input.apply(InputOp::End);
        input.apply(InputOp::DeleteToStart);
        assert_eq!(input.text(), "");
    }

    #[test]
    fn a_proposal_is_replaced_by_typing_and_kept_by_moving() {
        let mut typed_over = LineInput::proposed("Maya, onboarding squad");
        assert!(typed_over.is_proposed());
        "Tom"
            .chars()
            .for_each(|c| typed_over.apply(InputOp::Insert(c)));
        assert_eq!(typed_over.text(), "Tom");
        assert!(!typed_over.is_proposed());

        let mut kept = LineInput::proposed("Maya");
        kept.apply(InputOp::End);
        " and Tom"
            .chars()
            .for_each(|c| kept.apply(InputOp::Insert(c)));
        assert_eq!(kept.text(), "Maya and Tom");

        let mut edited = LineInput::proposed("old text");
        edited.apply(InputOp::DeleteWordBack);
        "new".chars().for_each(|c| edited.apply(InputOp::Insert(c)));
        assert_eq!(edited.text(), "old new");
        let mut backspaced = LineInput::proposed("text!");
        backspaced.apply(InputOp::Backspace);
        assert_eq!(backspaced.text(), "text");
        let mut pasted = LineInput::proposed("old");
        pasted.paste("new");
        assert_eq!(pasted.text(), "new");
        assert!(!LineInput::proposed("").is_proposed());
        assert!(!LineInput::new("typed").is_proposed());
    }

    #[test]
    fn paste_keeps_lines_and_drops_control_characters() {
        let mut input = typed("a");
        input.paste("b\tc\r\nd\u{1b}[31m");
        assert_eq!(input.text(), "ab c\nd[31m");
        input.apply(InputOp::Insert('\u{7}'));
        assert_eq!(input.cursor(), input.text().len());
        assert_eq!(input.text(), "ab c\nd[31m");
    }
}
