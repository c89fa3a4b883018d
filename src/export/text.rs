//! The `text` snapshot: the board as a box-drawn grid for a terminal or a plain-text file.
//!
//! Stages are columns and the four lanes rows, with the emotion curve as a last row; the
//! title and persona go above. Text is wrapped inside its cell by display width, and no line
//! is ever wider than [`Options::width`]: when the stages cannot sit side by side at a
//! readable width they are printed in several bands of columns, and below a usable width
//! each stage is drawn on its own, one under the other.
//!
//! A board of a large map is megabytes of text, so it is written straight into one output
//! string. The cells of one row are filled first, each into one reused buffer of spans with
//! every line's width measured once; then the row's lines are written out side by side.

use unicode_segmentation::UnicodeSegmentation;

use super::{Options, ascii, feeling, mean_label, score_label};
use crate::model::{Card, Lane, Map, Stage, is_blank};
use crate::text::{self, sanitize, truncate, width};

/// Width of the lane-name column's content ("Opportunities", "Emotion curve").
const LABEL_WIDTH: usize = 13;
/// A stage column narrower than this is not worth reading; use fewer columns per band.
const MIN_COLUMN: usize = 16;
/// Wider columns only make short cards look lost.
const MAX_COLUMN: usize = 36;
/// Emotion levels drawn by the curve row, top to bottom.
const LEVELS: [i8; 5] = [2, 1, 0, -1, -2];

/// Renders the board. Lines end in `\n`, including the last.
pub(crate) fn render(map: &Map, opts: &Options) -> String {
    let g = if opts.ascii { &ASCII } else { &UNICODE };
    let mut board = Board {
        g,
        width: opts.width.max(super::MIN_WIDTH),
        fill: Filler::new(g, opts.ascii),
        cells: Vec::new(),
        out: Out {
            text: String::with_capacity(size_hint(map)),
            color: opts.color,
        },
    };
    if board.header(map) {
        board.out.end_line();
    }
    let numbered: Vec<(usize, &Stage)> = map.stages.iter().enumerate().collect();
    match Layout::choose(board.width, map.stages.len()) {
        Layout::Columns { per_band, column } => {
            for (i, band) in numbered.chunks(per_band).enumerate() {
                if i > 0 {
                    board.out.end_line();
                }
                board.band(band, column);
            }
        }
        Layout::Stacked { column } => {
            for (i, &(n, stage)) in numbered.iter().enumerate() {
                if i > 0 {
                    board.out.end_line();
                }
                board.stacked(n, stage, column);
            }
        }
    }
    board.out.text
}

/// A guess at the size of the board, so that the output is rarely copied as it grows: the
/// map's text and a little more for the drawing around it.
fn size_hint(map: &Map) -> usize {
    let cards: usize = map
        .stages
        .iter()
        .flat_map(|s| Lane::ALL.into_iter().map(|l| s.lane(l)))
        .flatten()
        .map(|c| c.text.len() + c.notes.len() + c.channel.len() + 16)
        .sum();
    4096 + cards + cards / 2
}

/// How the stages are placed at a given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Bands of `per_band` stage columns, each `column` wide, beside the lane names.
    Columns { per_band: usize, column: usize },
    /// One stage at a time, its lanes one under the other, `column` wide.
    Stacked { column: usize },
}

impl Layout {
    fn choose(width: usize, stages: usize) -> Layout {
        // "│ label │ c1 │ c2 │": 4 + LABEL_WIDTH, then 3 + column for every stage.
        let room = width.saturating_sub(4 + LABEL_WIDTH);
        let fit = room / (MIN_COLUMN + 3);
        if fit == 0 {
            return Layout::Stacked {
                column: width.saturating_sub(4).max(2),
            };
        }
        let stages = stages.max(1);
        let bands = stages.div_ceil(fit);
        let per_band = stages.div_ceil(bands);
        let column = (room / per_band - 3).min(MAX_COLUMN);
        Layout::Columns { per_band, column }
    }
}

/// The characters the board is drawn with.
struct Glyphs {
    h: &'static str,
    v: &'static str,
    top: [&'static str; 3],
    mid: [&'static str; 3],
    bottom: [&'static str; 3],
    /// Before the first line of a card.
    bullet: &'static str,
    /// Before the first line of a card's notes.
    note: &'static str,
    dot: &'static str,
    baseline: &'static str,
}

const UNICODE: Glyphs = Glyphs {
    h: "─",
    v: "│",
    top: ["┌", "┬", "┐"],
    mid: ["├", "┼", "┤"],
    bottom: ["└", "┴", "┘"],
    bullet: "• ",
    note: "  ↳ ",
    dot: "●",
    baseline: "·",
};

const ASCII: Glyphs = Glyphs {
    h: "-",
    v: "|",
    top: ["+", "+", "+"],
    mid: ["+", "+", "+"],
    bottom: ["+", "+", "+"],
    bullet: "* ",
    note: "  > ",
    dot: "o",
    baseline: ".",
};

/// What a piece of the board looks like when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Style {
    #[default]
    Plain,
    Bold,
    Dim,
    Good,
    Bad,
    Neutral,
}

impl Style {
    fn sgr(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Bold => Some("1"),
            Style::Dim => Some("2"),
            Style::Good => Some("32"),
            Style::Bad => Some("31"),
            Style::Neutral => Some("33"),
        }
    }

    fn for_score(score: f64) -> Style {
        if score >= 0.5 {
            Style::Good
        } else if score <= -0.5 {
            Style::Bad
        } else {
            Style::Neutral
        }
    }
}

/// The board's text as it is written; colour codes are added here, and only here.
struct Out {
    text: String,
    color: bool,
}

/// Enough spaces to pad any cell in a few pushes.
const SPACES: &str = "                                                                ";

impl Out {
    /// A run of plain text (sanitised, no escape codes) in one style. Text that shows
    /// nothing gets no colour codes.
    fn span(&mut self, s: &str, style: Style) {
        match style.sgr() {
            Some(code) if self.color && !s.trim().is_empty() => {
                self.text.push_str("\u{1b}[");
                self.text.push_str(code);
                self.text.push('m');
                self.text.push_str(s);
                self.text.push_str("\u{1b}[0m");
            }
            _ => self.text.push_str(s),
        }
    }

    fn spaces(&mut self, mut n: usize) {
        while n > 0 {
            let k = n.min(SPACES.len());
            self.text.push_str(&SPACES[..k]);
            n -= k;
        }
    }

    /// Ends the line. Padding at the end of a line is noise in a file and on a terminal.
    fn end_line(&mut self) {
        let kept = self.text.trim_end_matches(' ').len();
        if kept > 0 {
            self.text.truncate(kept);
        }
        self.text.push('\n');
    }

    /// Line `i` of `cell` as a line of its own.
    fn cell_line(&mut self, cell: &Cell, i: usize) -> usize {
        let line = &cell.lines[i];
        for piece in &cell.pieces[line.first..line.end] {
            self.span(&cell.text[piece.start..piece.end], piece.style);
        }
        line.width
    }
}

/// A run of a cell's text in one style: `text[start..end]`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    style: Style,
}

/// One line of a cell: `pieces[first..end]`, `width` columns wide.
#[derive(Debug, Clone, Copy)]
struct CellLine {
    first: usize,
    end: usize,
    width: usize,
}

/// The lines of one cell, all their text in one buffer. Cleared and filled again for every
/// row, so that a board of any size needs only a few of these.
#[derive(Debug, Default)]
struct Cell {
    /// Columns of content; shorter lines are padded to it.
    width: usize,
    text: String,
    pieces: Vec<Piece>,
    lines: Vec<CellLine>,
}

impl Cell {
    fn reset(&mut self, width: usize) {
        self.width = width;
        self.text.clear();
        self.pieces.clear();
        self.lines.clear();
    }

    /// Adds `s` to the line being built; returns its width.
    fn push(&mut self, s: &str, style: Style) -> usize {
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
    fn push_repeated(&mut self, s: &str, n: usize, style: Style) -> usize {
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
    fn end_line(&mut self, width: usize) {
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
    fn fitted(&mut self, prefix: &str, prefix_width: usize, line: &str, max: usize, style: Style) {
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
    fn keep_lines(&mut self, n: usize) {
        if self.lines.len() > n {
            self.lines.truncate(n);
            self.pieces.truncate(self.lines.last().map_or(0, |l| l.end));
            self.text.truncate(self.pieces.last().map_or(0, |p| p.end));
        }
    }
}

/// The width of `s` when it is all printable ASCII, one column a byte.
fn printable_ascii_width(s: &str) -> Option<usize> {
    s.bytes()
        .all(|b| matches!(b, b' '..=b'~'))
        .then_some(s.len())
}

/// Fills cells: the map's text made safe, wrapped and cut to the column.
struct Filler {
    g: &'static Glyphs,
    ascii: bool,
    bullet_width: usize,
    note_width: usize,
    /// The text being wrapped, when it had to be cleaned first.
    clean: String,
    /// Where the lines of the text being wrapped begin and end.
    breaks: Vec<(usize, usize)>,
    /// A card's channel, score and votes.
    meta: String,
}

impl Filler {
    fn new(g: &'static Glyphs, ascii: bool) -> Filler {
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
    fn wrapped(
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
    fn wrap_into(
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

    fn stage_title(&mut self, cell: &mut Cell, n: usize, stage: &Stage, w: usize) {
        let number = format!("{}. ", n + 1);
        let rest = " ".repeat(number.len());
        self.wrapped(cell, &stage.name, w, &number, &rest, Style::Bold);
    }

    /// The cards of one lane of one stage: text with a bullet, then channel, score and
    /// votes, then notes.
    fn cards(&mut self, cell: &mut Cell, stage: &Stage, lane: Lane, w: usize) {
        let bullet = (self.g.bullet, self.bullet_width);
        let note = (self.g.note, self.note_width);
        let mut meta = std::mem::take(&mut self.meta);
        for card in stage.lane(lane) {
            self.wrap_into(cell, &card.text, w, bullet, ("  ", 2), Style::Plain);
            meta_into(card, lane, &mut meta);
            if !meta.is_empty() {
                let style = if lane == Lane::Emotions {
                    Style::for_score(f64::from(card.score))
                } else {
                    Style::Dim
                };
                self.wrap_into(cell, &meta, w, ("  ", 2), ("  ", 2), style);
            }
            if !card.notes.trim().is_empty() {
                self.wrap_into(cell, &card.notes, w, note, ("    ", 4), Style::Dim);
            }
        }
        self.meta = meta;
    }

    /// A stage's cell of the emotion curve: the mean, then one line per level with a dot
    /// on the level nearest the mean and a dotted baseline at zero.
    fn curve(&mut self, cell: &mut Cell, stage: &Stage, w: usize) {
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
        let level = mean.round() as i8;
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
fn is_clean(s: &str) -> bool {
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
fn clean_into(s: &str, ascii: bool, out: &mut String) {
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
fn wrap_ranges(s: &str, max: usize, lines: &mut Vec<(usize, usize)>) -> bool {
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
            word_width = measure(&s[start..end]);
        }
        line = (start < end).then_some((start, end));
        line_width = word_width;
    }
    if line.is_some() || lines.is_empty() {
        lines.push(line.unwrap_or((0, 0)));
    }
    true
}

/// "web, 4 votes", "+1, 2 votes": what a card carries besides its text.
fn meta_into(card: &Card, lane: Lane, out: &mut String) {
    out.clear();
    if lane == Lane::Touchpoints && !card.channel.trim().is_empty() {
        out.push_str(&card.channel);
    }
    if lane == Lane::Emotions {
        if !out.is_empty() {
            out.push_str(", ");
        }
        if card.score > 0 {
            out.push('+');
        }
        push_number(out, i64::from(card.score));
    }
    if card.votes > 0 {
        if !out.is_empty() {
            out.push_str(", ");
        }
        if card.votes == 1 {
            out.push_str("1 vote");
        } else {
            push_number(out, i64::from(card.votes));
            out.push_str(" votes");
        }
    }
}

/// `n` in decimal, as `to_string` writes it.
fn push_number(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

struct Board {
    g: &'static Glyphs,
    width: usize,
    fill: Filler,
    /// The cells of the row being drawn.
    cells: Vec<Cell>,
    out: Out,
}

impl Board {
    /// Title and persona, wrapped to the full width. Returns whether there were any.
    fn header(&mut self, map: &Map) -> bool {
        let w = self.width;
        let fill = &mut self.fill;
        let mut cell = Cell::default();
        if !is_blank(&map.title) {
            fill.wrapped(&mut cell, &map.title, w, "", "", Style::Bold);
        }
        if let Some(p) = &map.persona {
            let name = format!("Persona: {}", p.name);
            fill.wrapped(&mut cell, &name, w, "", "  ", Style::Bold);
            if !p.summary.trim().is_empty() {
                fill.wrapped(&mut cell, &p.summary, w, "  ", "  ", Style::Plain);
            }
            for (label, list) in [("Goals", &p.goals), ("Frustrations", &p.frustrations)] {
                let items: Vec<&str> = list
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.trim().is_empty())
                    .collect();
                if !items.is_empty() {
                    let text = format!("{label}: {}", items.join("; "));
                    fill.wrapped(&mut cell, &text, w, "  ", "    ", Style::Plain);
                }
            }
        }
        for i in 0..cell.lines.len() {
            self.out.cell_line(&cell, i);
            self.out.end_line();
        }
        !cell.lines.is_empty()
    }

    /// A horizontal rule across columns of the given content widths.
    fn rule(&mut self, ends: [&str; 3], cells: &[usize]) {
        let mut s = String::from(ends[0]);
        for (i, w) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str(ends[1]);
            }
            for _ in 0..w + 2 {
                s.push_str(self.g.h);
            }
        }
        s.push_str(ends[2]);
        self.out.span(&s, Style::Dim);
        self.out.end_line();
    }

    /// The first `n` cells, emptied, for columns `width` wide (the first `first` wide), and
    /// what fills them.
    fn cells(&mut self, n: usize, first: usize, width: usize) -> (&mut Filler, &mut [Cell]) {
        if self.cells.len() < n {
            self.cells.resize_with(n, Cell::default);
        }
        for (i, cell) in self.cells[..n].iter_mut().enumerate() {
            cell.reset(if i == 0 { first } else { width });
        }
        (&mut self.fill, &mut self.cells[..n])
    }

    /// The first `n` cells side by side, as tall as the tallest.
    fn row(&mut self, n: usize) {
        let cells = &self.cells[..n];
        let out = &mut self.out;
        let v = self.g.v;
        let height = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        for i in 0..height {
            out.span(v, Style::Dim);
            for cell in cells {
                out.text.push(' ');
                let used = if i < cell.lines.len() {
                    out.cell_line(cell, i)
                } else {
                    0
                };
                out.spaces(cell.width.saturating_sub(used) + 1);
                out.span(v, Style::Dim);
            }
            out.end_line();
        }
    }

    /// A band of stage columns beside the lane names.
    fn band(&mut self, stages: &[(usize, &Stage)], column: usize) {
        let mut widths = vec![LABEL_WIDTH];
        widths.extend(std::iter::repeat_n(column, stages.len()));
        let n = 1 + stages.len();
        let g = self.g;

        self.rule(g.top, &widths);
        let (fill, cells) = self.cells(n, LABEL_WIDTH, column);
        for (cell, &(i, stage)) in cells[1..].iter_mut().zip(stages) {
            fill.stage_title(cell, i, stage, column);
        }
        self.row(n);
        for lane in Lane::ALL {
            self.rule(g.mid, &widths);
            let (fill, cells) = self.cells(n, LABEL_WIDTH, column);
            let (label, stage_cells) = cells.split_first_mut().expect("a label cell");
            fill.wrapped(label, lane.title(), LABEL_WIDTH, "", "", Style::Bold);
            for (cell, &(_, stage)) in stage_cells.iter_mut().zip(stages) {
                fill.cards(cell, stage, lane, column);
            }
            self.row(n);
        }
        self.rule(g.mid, &widths);
        let (fill, cells) = self.cells(n, LABEL_WIDTH, column);
        let (scale, stage_cells) = cells.split_first_mut().expect("a label cell");
        fill.wrapped(scale, "Emotion curve", LABEL_WIDTH, "", "", Style::Bold);
        for l in LEVELS {
            let used = if l == 0 {
                scale.push(" 0", Style::Dim)
            } else {
                scale.push(&score_label(l), Style::Dim)
            };
            scale.end_line(used);
        }
        for (cell, &(_, stage)) in stage_cells.iter_mut().zip(stages) {
            fill.curve(cell, stage, column);
        }
        self.row(n);
        self.rule(g.bottom, &widths);
    }

    /// One stage drawn alone, for widths too narrow for the lane-name column.
    fn stacked(&mut self, n: usize, stage: &Stage, column: usize) {
        let widths = [column];
        let g = self.g;
        self.rule(g.top, &widths);
        let (fill, cells) = self.cells(1, column, column);
        let cell = &mut cells[0];
        fill.stage_title(cell, n, stage, column);
        self.row(1);
        for lane in Lane::ALL {
            self.rule(g.mid, &widths);
            let (fill, cells) = self.cells(1, column, column);
            let cell = &mut cells[0];
            fill.wrapped(cell, lane.title(), column, "", "", Style::Bold);
            fill.cards(cell, stage, lane, column);
            self.row(1);
        }
        self.rule(g.mid, &widths);
        let (fill, cells) = self.cells(1, column, column);
        let cell = &mut cells[0];
        match stage.mean_score() {
            Some(m) => {
                let text = format!("Emotion: {} ({})", mean_label(m), feeling(m));
                fill.wrapped(cell, &text, column, "", "  ", Style::for_score(m));
            }
            None => fill.wrapped(cell, "Emotion: no emotions", column, "", "  ", Style::Dim),
        }
        self.row(1);
        self.rule(g.bottom, &widths);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_uses_bands_when_stages_do_not_fit() {
        assert_eq!(
            Layout::choose(120, 5),
            Layout::Columns {
                per_band: 5,
                column: 17
            }
        );
        // Seven stages where six fit: balanced bands of four and three.
        assert_eq!(
            Layout::choose(140, 7),
            Layout::Columns {
                per_band: 4,
                column: MAX_COLUMN.min(123 / 4 - 3)
            }
        );
        assert_eq!(
            Layout::choose(40, 5),
            Layout::Columns {
                per_band: 1,
                column: 20
            }
        );
        assert_eq!(Layout::choose(30, 5), Layout::Stacked { column: 26 });
    }

    #[test]
    fn fit_never_exceeds_the_width() {
        let mut cell = Cell::default();
        cell.fitted("", 0, "日本語", 3, Style::Plain);
        cell.fitted("• ", 2, "abc", 5, Style::Plain);
        cell.fitted("• ", 2, "abcd", 5, Style::Plain);
        let lines: Vec<(&str, usize)> = cell
            .lines
            .iter()
            .map(|l| {
                let p = cell.pieces[l.first];
                (&cell.text[p.start..p.end], l.width)
            })
            .collect();
        assert_eq!(lines, [("日", 2), ("• abc", 5), ("• abc", 5)]);
    }

    #[test]
    fn colour_codes_wrap_styled_text_only() {
        let mut out = Out {
            text: String::new(),
            color: true,
        };
        out.span("Title", Style::Bold);
        out.span("  ", Style::Dim);
        out.span("  ", Style::Plain);
        out.end_line();
        assert_eq!(out.text, "\u{1b}[1mTitle\u{1b}[0m\n");
        out.color = false;
        out.span("Title", Style::Bold);
        out.span("  ", Style::Plain);
        out.end_line();
        assert_eq!(out.text, "\u{1b}[1mTitle\u{1b}[0m\nTitle\n");
    }

    #[test]
    fn words_wrap_as_text_wrap_does() {
        let texts = [
            "",
            "one",
            "one two three",
            "Checkout page asks for a phone number",
            "supercalifragilistic expialidocious",
            "日本語のテキスト and 日本語 e\u{301}e\u{301}",
            "a \u{200b} b",
            "日\u{200b} x",
            "👨‍👩‍👧 👨‍👩‍👧 x",
        ];
        let mut ranges = Vec::new();
        for s in texts {
            for max in 1..20 {
                let expected = text::wrap(s, max);
                if wrap_ranges(s, max, &mut ranges) {
                    let got: Vec<&str> = ranges.iter().map(|&(a, b)| &s[a..b]).collect();
                    assert_eq!(got, expected, "{s:?} at {max}");
                } else {
                    assert!(expected.iter().any(|l| !s.contains(l.as_str())), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn text_is_cleaned_word_by_word() {
        let mut out = String::new();
        clean_into("  a\u{1b}[31m  b\n\tc ", false, &mut out);
        assert_eq!(out, "a␛[31m b c");
        clean_into("20° \u{301} Café", true, &mut out);
        assert_eq!(out, "20 deg Cafe");
        assert!(is_clean("one two"));
        assert!(is_clean(""));
        assert!(!is_clean(" one"));
        assert!(!is_clean("one "));
        assert!(!is_clean("one  two"));
        assert!(!is_clean("Café"));
    }

    #[test]
    fn numbers_are_written_as_to_string_does() {
        for n in [0, 1, 9, 10, 99, 100, -1, -128, 65535, i64::MIN, i64::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
