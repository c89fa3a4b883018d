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

mod cell;

use self::cell::*;
use super::{Options, ascii};
use crate::model::{Lane, Map, Stage, is_blank};
use crate::present::{Fact, Tone, feeling, mean_label, score_label};
use crate::text::{self, breaks_anywhere, sanitize, truncate, width};

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
    fn ansi(self) -> anstyle::Style {
        use anstyle::AnsiColor;
        match self {
            Style::Plain => anstyle::Style::new(),
            Style::Bold => anstyle::Style::new().bold(),
            Style::Dim => anstyle::Style::new().dimmed(),
            Style::Good => AnsiColor::Green.on_default(),
            Style::Bad => AnsiColor::Red.on_default(),
            Style::Neutral => AnsiColor::Yellow.on_default(),
        }
    }

    fn for_score(score: f64) -> Style {
        match Tone::of(score) {
            Tone::Positive => Style::Good,
            Tone::Negative => Style::Bad,
            Tone::Neutral => Style::Neutral,
        }
    }
}

/// The board's text as it is written; colour codes are added here, through `text::paint`.
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
        if self.color {
            crate::text::paint(&mut self.text, style.ansi(), s);
        } else {
            self.text.push_str(s);
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
            "ab 日本語です x 漢字",
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
}
