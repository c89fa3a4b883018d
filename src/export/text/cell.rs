//! The cells of the text board: a card's lines wrapped by display width into one reused
//! buffer of styled pieces, each line's width measured once.

use unicode_segmentation::UnicodeSegmentation;

use super::*;

/// A run of a cell's text in one style: `text[start..end]`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) style: Style,
}

/// One line of a cell: `pieces[first..end]`, `width` columns wide.
#[derive(Debug, Clone, Copy)]
pub(super) struct CellLine {
    pub(super) first: usize,
    pub(super) end: usize,
    pub(super) width: usize,
}

/// The lines of one cell, all their text in one buffer. Cleared and filled again for every
/// row, so that a board of any size needs only a few of these.
#[derive(Debug, Default)]
pub(super) struct Cell {
    /// Columns of content; shorter lines are padded to it.
    pub(super) width: usize,
    pub(super) text: String,
    pub(super) pieces: Vec<Piece>,
    pub(super) lines: Vec<CellLine>,
}

impl Cell {
    pub(super) fn reset(&mut self, width: usize) {
        self.width = width;
        self.text.clear();
        self.pieces.clear();
        self.lines.clear();
    }

    /// Adds `s` to the line being built; returns its width.
    pub(super) fn push(&mut self, s: &str, style: Style) -> usize {
        let start = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece {
            start,
            end: self.text.len(),
            style,
        });
        width(s)
    }

    /// Adds `s` `n` times to the line being built; returns the width of the whole.
    pub(super) fn push_repeated(&mut self, s: &str, n: usize, style: Style) -> usize {
        let start = self.text.len();
        for _ in 0..n {
            self.text.push_str(s);
        }
        self.pieces.push(Piece {
            start,
            end: self.text.len(),
            style,
        });
        width(&self.text[start..])
    }

    /// Ends the line being built, `width` columns wide.
    pub(super) fn end_line(&mut self, width: usize) {
        let first = self.lines.last().map_or(0, |l| l.end);
        self.lines.push(CellLine {
            first,
            end: self.pieces.len(),
            width,
        });
    }

    /// A line of `prefix` (`prefix_width` wide) and `line`, cut to `max` columns.
    /// `text::wrap` already keeps to the width except for a single grapheme wider than the
    /// room; this makes the limit absolute.
    pub(super) fn fitted(
        &mut self,
        prefix: &str,
        prefix_width: usize,
        line: &str,
        max: usize,
        style: Style,
    ) {
        let start = self.text.len();
        self.text.push_str(prefix);
        self.text.push_str(line);
        let mut w = match printable_ascii_width(line) {
            // Printable ASCII never changes how what comes before it is measured.
            Some(n) => prefix_width + n,
            None => width(&self.text[start..]),
        };
        if w > max {
            let keep = truncate(&self.text[start..], max).len();
            self.text.truncate(start + keep);
            w = width(&self.text[start..]);
        }
        self.pieces.push(Piece {
            start,
            end: self.text.len(),
            style,
        });
        self.end_line(w);
    }

    /// Keeps the first `n` lines.
    pub(super) fn keep_lines(&mut self, n: usize) {
        if self.lines.len() > n {
            self.lines.truncate(n);
            self.pieces.truncate(self.lines.last().map_or(0, |l| l.end));
            self.text.truncate(self.pieces.last().map_or(0, |p| p.end));
        }
    }
}

/// The width of `s` when it is all printable ASCII, one column a byte.
pub(super) fn printable_ascii_width(s: &str) -> Option<usize> {
    s.bytes()
        .all(|b| matches!(b, b' '..=b'~'))
        .then_some(s.len())
}

/// Fills cells: the map's text made safe, wrapped and cut to the column.
pub(super) struct Filler {
    pub(super) g: &'static Glyphs,
    pub(super) ascii: bool,
    pub(super) bullet_width: usize,
    pub(super) note_width: usize,
    /// The text being wrapped, when it had to be cleaned first.
    pub(super) clean: String,
    /// Where the lines of the text being wrapped begin and end.
    pub(super) breaks: Vec<(usize, usize)>,
    /// A card's channel, score and votes.
    pub(super) meta: String,
}

impl Filler {
    pub(super) fn new(g: &'static Glyphs, ascii: bool) -> Filler {
        Filler {
            g,
            ascii,
            bullet_width: width(g.bullet),
            note_width: width(g.note),
            clean: String::new(),
            breaks: Vec::new(),
            meta: String::new(),
        }
    }

    /// `s` wrapped to `max` columns, the first line after `first`, the rest after `rest`.
    /// Every line fits `max` whatever the text holds.
    pub(super) fn wrapped(
        &mut self,
        cell: &mut Cell,
        s: &str,
        max: usize,
        first: &str,
        rest: &str,
        style: Style,
    ) {
        let first = (first, width(first));
        let rest = (rest, width(rest));
        self.wrap_into(cell, s, max, first, rest, style);
    }

    /// [`Filler::wrapped`] with the prefixes' widths given.
    pub(super) fn wrap_into(
        &mut self,
        cell: &mut Cell,
        s: &str,
        max: usize,
        first: (&str, usize),
        rest: (&str, usize),
        style: Style,
    ) {
        let room = max.saturating_sub(first.1.max(rest.1)).max(1);
        // The text made safe and on one line (ASCII-only with `--ascii`), its words one
        // space apart; most text already is.
        let clean: &str = if is_clean(s) {
            s
        } else {
            clean_into(s, self.ascii, &mut self.clean);
            &self.clean
        };
        let prefix = |i: usize| if i == 0 { first } else { rest };
        if wrap_ranges(clean, room, &mut self.breaks) {
            for (i, &(a, b)) in self.breaks.iter().enumerate() {
                let (p, pw) = prefix(i);
                cell.fitted(p, pw, &clean[a..b], max, style);
            }
        } else {
            for (i, l) in text::wrap(clean, room).iter().enumerate() {
                let (p, pw) = prefix(i);
                cell.fitted(p, pw, l, max, style);
            }
        }
    }

    pub(super) fn stage_title(&mut self, cell: &mut Cell, n: usize, stage: &Stage, w: usize) {
        let number = format!("{}. ", n + 1);
        let rest = " ".repeat(number.len());
        self.wrapped(cell, &stage.name, w, &number, &rest, Style::Bold);
        // The stage's workshop question, under its name, for the room reading the wall.
        if !is_blank(&stage.description) {
            self.wrapped(cell, &stage.description, w, &rest, &rest, Style::Dim);
        }
    }

    /// The cards of one lane of one stage: text with a bullet, then channel, score and
    /// votes, then the source of the evidence, then notes.
    pub(super) fn cards(&mut self, cell: &mut Cell, stage: &Stage, lane: Lane, w: usize) {
        let bullet = (self.g.bullet, self.bullet_width);
        let note = (self.g.note, self.note_width);
        let mut meta = std::mem::take(&mut self.meta);
        for card in stage.lane(lane) {
            self.wrap_into(cell, &card.text, w, bullet, ("  ", 2), Style::Plain);
            crate::present::short_facts(card, lane, &mut meta);
            if !meta.is_empty() {
                let style = if lane == Lane::Emotions {
                    Style::for_score(f64::from(card.score))
                } else {
                    Style::Dim
                };
                self.wrap_into(cell, &meta, w, ("  ", 2), ("  ", 2), style);
            }
            if !is_blank(&card.source) {
                let source = Fact::Source(&card.source).labelled();
                self.wrap_into(cell, &source, w, ("  ", 2), ("    ", 4), Style::Dim);
            }
            if !card.notes.trim().is_empty() {
                self.wrap_into(cell, &card.notes, w, note, ("    ", 4), Style::Dim);
            }
        }
        self.meta = meta;
    }

    /// A stage's cell of the emotion curve: the mean, then one line per level with a dot
    /// on the level nearest the mean and a dotted baseline at zero.
    pub(super) fn curve(&mut self, cell: &mut Cell, stage: &Stage, w: usize) {
        let Some(mean) = stage.mean_score() else {
            self.wrapped(cell, "no emotions", w, "", "", Style::Dim);
            cell.keep_lines(1);
            return;
        };
        let style = Style::for_score(mean);
        let label = format!("mean {}", mean_label(mean));
        self.wrapped(cell, &label, w, "", "", style);
        cell.keep_lines(1);
        let g = self.g;
        let level = 2 - crate::present::curve_row(mean, LEVELS.len() as u16) as i8;
        let left = (w.saturating_sub(1)) / 2;
        for l in LEVELS {
            let mut used = if l == 0 {
                cell.push_repeated(g.baseline, left, Style::Dim)
            } else {
                cell.push_repeated(" ", left, Style::Plain)
            };
            if l == level {
                used += cell.push(g.dot, style);
            } else if l == 0 {
                used += cell.push(g.baseline, Style::Dim);
            }
            if l == 0 {
                used += cell.push_repeated(g.baseline, w.saturating_sub(left + 1), Style::Dim);
            }
            cell.end_line(used);
        }
    }
}

/// Whether `s` needs no cleaning: printable ASCII, one space between words, none around.
pub(super) fn is_clean(s: &str) -> bool {
    let mut after_space = true;
    for b in s.bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'!'..=b'~' => after_space = false,
            _ => return false,
        }
    }
    !after_space || s.is_empty()
}

/// The words of `s`, made safe (and ASCII-only with `ascii`), one space apart in `out`.
/// Wrapping only sees the words, so this wraps exactly as the text made safe and put on
/// one line does.
pub(super) fn clean_into(s: &str, ascii: bool, out: &mut String) {
    out.clear();
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    for word in s.split_whitespace() {
        let safe = sanitize(word);
        if ascii && !safe.is_ascii() {
            // Folding may add spaces (`°` becomes " deg") or drop a word of accents.
            ascii::fold(&safe).split_whitespace().for_each(&mut push);
        } else {
            push(&safe);
        }
    }
}

/// `text::wrap` of `s`, whose words are one space apart, as the byte ranges of its lines in
/// `s`. Returns false, leaving the wrapping to `text::wrap`, in the one case where a line
/// is not a piece of `s`: text of no width followed by another word, which it joins
/// without the space.
pub(super) fn wrap_ranges(s: &str, max: usize, lines: &mut Vec<(usize, usize)>) -> bool {
    lines.clear();
    // The line being built, `s[line.0..line.1]`, and its width (the sum of its words').
    let mut line: Option<(usize, usize)> = None;
    let mut line_width = 0;
    let mut pos = 0;
    while pos < s.len() {
        let end = s[pos..].find(' ').map_or(s.len(), |i| pos + i);
        let mut start = pos;
        pos = end + 1;
        if start == end {
            continue;
        }
        let measure = |w: &str| printable_ascii_width(w).unwrap_or_else(|| width(w));
        let mut word_width = measure(&s[start..end]);
        if let Some(l) = &mut line
            && line_width > 0
            && line_width + 1 + word_width <= max
        {
            l.1 = end;
            line_width += 1 + word_width;
            continue;
        }
        if let Some(l) = &mut line
            && line_width > 0
            && word_width > max
            && breaks_anywhere(&s[start..end])
        {
            let head = truncate(&s[start..end], max.saturating_sub(line_width + 1));
            if !head.is_empty() {
                l.1 = start + head.len();
                start += head.len();
                word_width = word_width.saturating_sub(measure(head));
            }
        }
        if line_width > 0 {
            lines.extend(line.take());
        }
        if line.is_some() {
            return false;
        }
        while word_width > max {
            let word = &s[start..end];
            let mut head = truncate(word, max);
            if head.is_empty() {
                // A single grapheme wider than the line: give it a line of its own.
                head = word.graphemes(true).next().unwrap_or(word);
            }
            lines.push((start, start + head.len()));
            start += head.len();
            // Widths add up grapheme by grapheme and `head` ends between two: subtracting
            // keeps a long word linear in its length.
            word_width = word_width.saturating_sub(measure(head));
        }
        line = (start < end).then_some((start, end));
        line_width = word_width;
    }
    if line.is_some() || lines.is_empty() {
        lines.push(line.unwrap_or((0, 0)));
    }
    true
}
