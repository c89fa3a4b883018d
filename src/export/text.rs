//! The `text` snapshot: the board as a box-drawn grid for a terminal or a plain-text file.
//!
//! Stages are columns and the four lanes rows, with the emotion curve as a last row; the
//! title and persona go above. Text is wrapped inside its cell by display width, and no line
//! is ever wider than [`Options::width`]: when the stages cannot sit side by side at a
//! readable width they are printed in several bands of columns, and below a usable width
//! each stage is drawn on its own, one under the other.

use super::{Options, ascii, feeling, mean_label, safe_line, score_label, votes_label};
use crate::model::{Card, Lane, Map, Stage};
use crate::text::{self, truncate, width};

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
    let board = Board {
        g: if opts.ascii { &ASCII } else { &UNICODE },
        ascii: opts.ascii,
        width: opts.width.max(super::MIN_WIDTH),
    };
    let mut lines = board.header(map);
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    let numbered: Vec<(usize, &Stage)> = map.stages.iter().enumerate().collect();
    match Layout::choose(board.width, map.stages.len()) {
        Layout::Columns { per_band, column } => {
            for (i, band) in numbered.chunks(per_band).enumerate() {
                if i > 0 {
                    lines.push(Line::default());
                }
                board.band(band, column, &mut lines);
            }
        }
        Layout::Stacked { column } => {
            for (i, &(n, stage)) in numbered.iter().enumerate() {
                if i > 0 {
                    lines.push(Line::default());
                }
                board.stacked(n, stage, column, &mut lines);
            }
        }
    }
    let mut out = String::new();
    for line in &lines {
        line.write(&mut out, opts.color);
        out.push('\n');
    }
    out
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
    bullet: &'static str,
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
    bullet: "•",
    note: "↳",
    dot: "●",
    baseline: "·",
};

const ASCII: Glyphs = Glyphs {
    h: "-",
    v: "|",
    top: ["+", "+", "+"],
    mid: ["+", "+", "+"],
    bottom: ["+", "+", "+"],
    bullet: "*",
    note: ">",
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

/// A run of text in one style. `text` is plain: sanitised, no escape codes.
#[derive(Debug, Clone, Default)]
struct Span {
    text: String,
    style: Style,
}

/// One output line, built from spans; colour codes are added only when it is written.
#[derive(Debug, Clone, Default)]
struct Line(Vec<Span>);

impl Line {
    fn styled(text: impl Into<String>, style: Style) -> Line {
        Line(vec![Span {
            text: text.into(),
            style,
        }])
    }

    fn push(&mut self, text: impl Into<String>, style: Style) {
        self.0.push(Span {
            text: text.into(),
            style,
        });
    }

    fn width(&self) -> usize {
        self.0.iter().map(|s| width(&s.text)).sum()
    }

    fn write(&self, out: &mut String, color: bool) {
        for span in &self.0 {
            match span.style.sgr() {
                Some(code) if color && !span.text.trim().is_empty() => {
                    out.push_str("\u{1b}[");
                    out.push_str(code);
                    out.push('m');
                    out.push_str(&span.text);
                    out.push_str("\u{1b}[0m");
                }
                _ => out.push_str(&span.text),
            }
        }
        // Padding at the end of a line is noise in a file and on a terminal.
        if let Some(last) = out.rfind(|c| c != ' ') {
            let end = last + out[last..].chars().next().map_or(1, char::len_utf8);
            out.truncate(end);
        }
    }
}

struct Board {
    g: &'static Glyphs,
    ascii: bool,
    width: usize,
}

impl Board {
    /// The map's text, safe for a terminal and on one line (ASCII-only with `--ascii`).
    fn clean(&self, s: &str) -> String {
        let safe = safe_line(s);
        if self.ascii { ascii::fold(&safe) } else { safe }
    }

    /// `s` wrapped to `max` columns, the first line after `first`, the rest after `rest`.
    /// Every line fits `max` whatever the text holds.
    fn wrapped(&self, s: &str, max: usize, first: &str, rest: &str, style: Style) -> Vec<Line> {
        let indent = width(first).max(width(rest));
        let room = max.saturating_sub(indent).max(1);
        text::wrap(&self.clean(s), room)
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let prefix = if i == 0 { first } else { rest };
                Line::styled(fit(&format!("{prefix}{l}"), max), style)
            })
            .collect()
    }

    /// Title and persona, wrapped to the full width.
    fn header(&self, map: &Map) -> Vec<Line> {
        let w = self.width;
        let mut lines = Vec::new();
        if !crate::model::is_blank(&map.title) {
            lines.extend(self.wrapped(&map.title, w, "", "", Style::Bold));
        }
        if let Some(p) = &map.persona {
            let name = format!("Persona: {}", p.name);
            lines.extend(self.wrapped(&name, w, "", "  ", Style::Bold));
            if !p.summary.trim().is_empty() {
                lines.extend(self.wrapped(&p.summary, w, "  ", "  ", Style::Plain));
            }
            for (label, list) in [("Goals", &p.goals), ("Frustrations", &p.frustrations)] {
                let items: Vec<&str> = list
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.trim().is_empty())
                    .collect();
                if !items.is_empty() {
                    let text = format!("{label}: {}", items.join("; "));
                    lines.extend(self.wrapped(&text, w, "  ", "    ", Style::Plain));
                }
            }
        }
        lines
    }

    /// A horizontal rule across `cells` columns of the given content widths.
    fn rule(&self, ends: [&str; 3], cells: &[usize]) -> Line {
        let mut s = String::from(ends[0]);
        for (i, w) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str(ends[1]);
            }
            s.push_str(&self.g.h.repeat(w + 2));
        }
        s.push_str(ends[2]);
        Line::styled(s, Style::Dim)
    }

    /// A row of cells side by side, as tall as the tallest.
    fn row(&self, cells: Vec<(usize, Vec<Line>)>, out: &mut Vec<Line>) {
        let height = cells.iter().map(|(_, c)| c.len()).max().unwrap_or(0).max(1);
        let mut columns: Vec<(usize, std::vec::IntoIter<Line>)> =
            cells.into_iter().map(|(w, c)| (w, c.into_iter())).collect();
        for _ in 0..height {
            let mut line = Line::default();
            line.push(self.g.v, Style::Dim);
            for (w, cell) in &mut columns {
                line.push(" ", Style::Plain);
                let content = cell.next().unwrap_or_default();
                let pad = w.saturating_sub(content.width());
                line.0.extend(content.0);
                line.push(format!("{} ", " ".repeat(pad)), Style::Plain);
                line.push(self.g.v, Style::Dim);
            }
            out.push(line);
        }
    }

    /// A band of stage columns beside the lane names.
    fn band(&self, stages: &[(usize, &Stage)], column: usize, out: &mut Vec<Line>) {
        let mut widths = vec![LABEL_WIDTH];
        widths.extend(std::iter::repeat_n(column, stages.len()));
        let label = |s: &str| {
            (
                LABEL_WIDTH,
                self.wrapped(s, LABEL_WIDTH, "", "", Style::Bold),
            )
        };

        out.push(self.rule(self.g.top, &widths));
        let mut heads = vec![(LABEL_WIDTH, Vec::new())];
        heads.extend(
            stages
                .iter()
                .map(|&(n, s)| (column, self.stage_title(n, s, column))),
        );
        self.row(heads, out);
        for lane in Lane::ALL {
            out.push(self.rule(self.g.mid, &widths));
            let mut cells = vec![label(lane.title())];
            cells.extend(
                stages
                    .iter()
                    .map(|(_, s)| (column, self.cards(s, lane, column))),
            );
            self.row(cells, out);
        }
        out.push(self.rule(self.g.mid, &widths));
        let mut scale = label("Emotion curve").1;
        scale.extend(LEVELS.iter().map(|&l| {
            let text = if l == 0 { " 0".into() } else { score_label(l) };
            Line::styled(text, Style::Dim)
        }));
        let mut cells = vec![(LABEL_WIDTH, scale)];
        cells.extend(stages.iter().map(|(_, s)| (column, self.curve(s, column))));
        self.row(cells, out);
        out.push(self.rule(self.g.bottom, &widths));
    }

    /// One stage drawn alone, for widths too narrow for the lane-name column.
    fn stacked(&self, n: usize, stage: &Stage, column: usize, out: &mut Vec<Line>) {
        let widths = [column];
        out.push(self.rule(self.g.top, &widths));
        self.row(vec![(column, self.stage_title(n, stage, column))], out);
        for lane in Lane::ALL {
            out.push(self.rule(self.g.mid, &widths));
            let mut cell = self.wrapped(lane.title(), column, "", "", Style::Bold);
            cell.extend(self.cards(stage, lane, column));
            self.row(vec![(column, cell)], out);
        }
        out.push(self.rule(self.g.mid, &widths));
        let curve = match stage.mean_score() {
            Some(m) => {
                let text = format!("Emotion: {} ({})", mean_label(m), feeling(m));
                self.wrapped(&text, column, "", "  ", Style::for_score(m))
            }
            None => self.wrapped("Emotion: no emotions", column, "", "  ", Style::Dim),
        };
        self.row(vec![(column, curve)], out);
        out.push(self.rule(self.g.bottom, &widths));
    }

    fn stage_title(&self, n: usize, stage: &Stage, w: usize) -> Vec<Line> {
        let number = format!("{}. ", n + 1);
        let rest = " ".repeat(number.len());
        self.wrapped(&stage.name, w, &number, &rest, Style::Bold)
    }

    /// The cards of one lane of one stage: text with a bullet, then channel, score and
    /// votes, then notes.
    fn cards(&self, stage: &Stage, lane: Lane, w: usize) -> Vec<Line> {
        let mut lines = Vec::new();
        let bullet = format!("{} ", self.g.bullet);
        let note = format!("  {} ", self.g.note);
        for card in stage.lane(lane) {
            lines.extend(self.wrapped(&card.text, w, &bullet, "  ", Style::Plain));
            let meta = meta(card, lane);
            if !meta.is_empty() {
                let style = if lane == Lane::Emotions {
                    Style::for_score(f64::from(card.score))
                } else {
                    Style::Dim
                };
                lines.extend(self.wrapped(&meta, w, "  ", "  ", style));
            }
            if !card.notes.trim().is_empty() {
                lines.extend(self.wrapped(&card.notes, w, &note, "    ", Style::Dim));
            }
        }
        lines
    }

    /// A stage's cell of the emotion curve: the mean, then one line per level with a dot
    /// on the level nearest the mean and a dotted baseline at zero.
    fn curve(&self, stage: &Stage, w: usize) -> Vec<Line> {
        let Some(mean) = stage.mean_score() else {
            let mut lines = self.wrapped("no emotions", w, "", "", Style::Dim);
            lines.truncate(1);
            return lines;
        };
        let style = Style::for_score(mean);
        let mut lines = self.wrapped(&format!("mean {}", mean_label(mean)), w, "", "", style);
        lines.truncate(1);
        let level = mean.round() as i8;
        let left = (w.saturating_sub(1)) / 2;
        for l in LEVELS {
            let mut line = Line::default();
            if l == 0 {
                line.push(self.g.baseline.repeat(left), Style::Dim);
            } else {
                line.push(" ".repeat(left), Style::Plain);
            }
            if l == level {
                line.push(self.g.dot, style);
            } else if l == 0 {
                line.push(self.g.baseline, Style::Dim);
            }
            if l == 0 {
                line.push(
                    self.g.baseline.repeat(w.saturating_sub(left + 1)),
                    Style::Dim,
                );
            }
            lines.push(line);
        }
        lines
    }
}

/// "web, 4 votes", "+1, 2 votes": what a card carries besides its text.
fn meta(card: &Card, lane: Lane) -> String {
    let mut parts = Vec::new();
    if lane == Lane::Touchpoints && !card.channel.trim().is_empty() {
        parts.push(card.channel.clone());
    }
    if lane == Lane::Emotions {
        parts.push(score_label(card.score));
    }
    if card.votes > 0 {
        parts.push(votes_label(card.votes));
    }
    parts.join(", ")
}

/// `s` cut to `max` columns. `text::wrap` already keeps to the width except for a single
/// grapheme wider than the room; this makes the limit absolute.
fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        s.to_string()
    } else {
        truncate(s, max).to_string()
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
        assert_eq!(fit("日本語", 3), "日");
        assert_eq!(fit("abc", 3), "abc");
    }

    #[test]
    fn colour_codes_wrap_styled_text_only() {
        let mut line = Line::styled("Title", Style::Bold);
        line.push("  ", Style::Plain);
        let mut out = String::new();
        line.write(&mut out, true);
        assert_eq!(out, "\u{1b}[1mTitle\u{1b}[0m");
        out.clear();
        line.write(&mut out, false);
        assert_eq!(out, "Title");
    }
}
