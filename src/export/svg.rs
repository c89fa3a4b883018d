//! The `svg` snapshot: a standalone poster of the board for a wall or a slide. The grid has
//! the lane names down the left and one column per stage, the cards as coloured notes, and
//! the emotion curve along the bottom. SVG cannot wrap text, so text is wrapped here by
//! display width with a conservative estimate of glyph widths; fonts are generic
//! (`sans-serif`) so the poster looks the same wherever it opens. All text is escaped.

use std::fmt::Write;

use super::html::dot_colour;
use super::xml::escape_line;
use super::{Options, safe_line};
use crate::model::{Card, Lane, Map, Stage, is_blank};
use crate::present::{Fact, feeling, mean_label, score_label, short_facts};
use crate::text;

const MARGIN: f64 = 32.0;
const LABEL_W: f64 = 150.0;
const COL_W: f64 = 250.0;
const CELL_PAD: f64 = 10.0;
const CARD_PAD: f64 = 8.0;
const CARD_GAP: f64 = 8.0;
const LINE_H: f64 = 17.0;
const SMALL_H: f64 = 15.0;
const CURVE_H: f64 = 170.0;
/// Display columns that fit a card line at 13px: the card leaves 214px for text, and
/// sans-serif text averages about 6.5px a column at 13px (checked in Chromium: lines now
/// fill the card instead of about two thirds of it; capitals take a little more).
const CARD_COLUMNS: usize = 31;
/// The same for the 11px lines under a card's text (its facts and notes).
const SMALL_COLUMNS: usize = 36;
/// Display columns that fit a stage name at 15px bold.
const HEAD_COLUMNS: usize = 24;

const INK: &str = "#1f2328";
const MUTED: &str = "#59636e";
const RULE: &str = "#d1d9e0";
const SHADE: &str = "#f6f8fa";

fn lane_colours(lane: Lane) -> (&'static str, &'static str) {
    match lane {
        Lane::Touchpoints => ("#ddf4ff", "#54aeff"),
        Lane::Emotions => ("#fff8c5", "#d4a72c"),
        Lane::PainPoints => ("#ffebe9", "#ff8182"),
        Lane::Opportunities => ("#dafbe1", "#4ac26b"),
    }
}

pub(crate) fn render(map: &Map, _opts: &Options) -> String {
    let n = map.stages.len().max(1);
    let width = MARGIN * 2.0 + LABEL_W + COL_W * n as f64;
    let mut body = String::with_capacity(8192 + map.card_count() * 400);
    let mut y = MARGIN;

    let title = if is_blank(&map.title) {
        "Journey map"
    } else {
        map.title.as_str()
    };
    let columns = ((width - 2.0 * MARGIN) / 15.0) as usize;
    for line in wrap(title, columns.max(10)) {
        y += 30.0;
        text(&mut body, MARGIN, y, 26.0, "bold", INK, &line);
    }
    if let Some(p) = &map.persona {
        let columns = ((width - 2.0 * MARGIN) / 7.5) as usize;
        y += 10.0;
        for line in wrap(&format!("Persona: {}", p.name), columns) {
            y += 20.0;
            text(&mut body, MARGIN, y, 15.0, "bold", INK, &line);
        }
        let mut rest = Vec::new();
        if !is_blank(&p.summary) {
            rest.push(p.summary.clone());
        }
        for (label, list) in [("Goals", &p.goals), ("Frustrations", &p.frustrations)] {
            let items: Vec<&str> = list
                .iter()
                .map(String::as_str)
                .filter(|s| !is_blank(s))
                .collect();
            if !items.is_empty() {
                rest.push(format!("{label}: {}", items.join("; ")));
            }
        }
        for para in rest {
            for line in wrap(&para, columns) {
                y += LINE_H;
                text(&mut body, MARGIN, y, 13.0, "normal", MUTED, &line);
            }
        }
    }
    y += 20.0;
    let y = grid(map, y, &mut body) + MARGIN;

    let mut out = String::with_capacity(body.len() + 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{y:.0}\" viewBox=\"0 0 {width:.0} {y:.0}\" font-family=\"sans-serif\">"
    );
    let _ = writeln!(out, "<title>{}</title>", escape_line(title));
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{y:.0}\" fill=\"#ffffff\" />"
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The board, from `top`; returns its bottom edge.
fn grid(map: &Map, top: f64, out: &mut String) -> f64 {
    let stages = &map.stages;
    let left = MARGIN;
    let col_x = |i: usize| MARGIN + LABEL_W + COL_W * i as f64;
    let right = col_x(stages.len().max(1));
    let mut y = top;
    let mut rows = vec![top];

    // Stage names.
    let heads: Vec<Vec<String>> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| wrap(&format!("{}. {}", i + 1, s.name), HEAD_COLUMNS))
        .collect();
    let head_h = heads.iter().map(Vec::len).max().unwrap_or(1) as f64 * 19.0 + 2.0 * CELL_PAD;
    rect(out, left, y, right - left, head_h, SHADE, "none");
    for (i, lines) in heads.iter().enumerate() {
        for (j, line) in lines.iter().enumerate() {
            let ty = y + CELL_PAD + 15.0 + j as f64 * 19.0;
            text(out, col_x(i) + CELL_PAD, ty, 15.0, "bold", INK, line);
        }
    }
    y += head_h;
    rows.push(y);

    // One row per lane.
    for lane in Lane::ALL {
        let laid: Vec<Vec<CardBox>> = stages
            .iter()
            .map(|s| s.lane(lane).iter().map(|c| CardBox::new(c, lane)).collect())
            .collect();
        let content = laid
            .iter()
            .map(|cards| cards.iter().map(|c| c.height + CARD_GAP).sum::<f64>())
            .fold(0.0, f64::max);
        let row_h = (content - CARD_GAP).max(24.0) + 2.0 * CELL_PAD;
        rect(out, left, y, LABEL_W, row_h, SHADE, "none");
        text(
            out,
            left + CELL_PAD,
            y + CELL_PAD + 14.0,
            14.0,
            "bold",
            INK,
            lane.title(),
        );
        let (fill, edge) = lane_colours(lane);
        for (i, cards) in laid.iter().enumerate() {
            let mut cy = y + CELL_PAD;
            for card in cards {
                card.draw(out, col_x(i) + CELL_PAD, cy, fill, edge);
                cy += card.height + CARD_GAP;
            }
        }
        y += row_h;
        rows.push(y);
    }

    // The emotion curve.
    rect(out, left, y, LABEL_W, CURVE_H, SHADE, "none");
    text(
        out,
        left + CELL_PAD,
        y + CELL_PAD + 14.0,
        14.0,
        "bold",
        INK,
        "Emotion curve",
    );
    curve(stages, y, out);
    y += CURVE_H;
    rows.push(y);

    // Grid lines over everything.
    for ry in &rows {
        line(out, left, *ry, right, *ry, RULE, 1.0);
    }
    line(out, left, top, left, y, RULE, 1.0);
    for i in 0..=stages.len().max(1) {
        line(out, col_x(i), top, col_x(i), y, RULE, 1.0);
    }
    y
}

fn curve(stages: &[Stage], top: f64, out: &mut String) {
    let y = |score: f64| top + 30.0 + (2.0 - score) / 4.0 * (CURVE_H - 50.0);
    let x = |i: usize| MARGIN + LABEL_W + COL_W * (i as f64 + 0.5);
    let x0 = MARGIN + LABEL_W;
    let x1 = x0 + COL_W * stages.len().max(1) as f64;
    for level in [2i8, 1, 0, -1, -2] {
        let ly = y(f64::from(level));
        if level == 0 {
            line(out, x0, ly, x1, ly, RULE, 1.0);
        } else {
            let _ = writeln!(
                out,
                "<line x1=\"{x0:.1}\" y1=\"{ly:.1}\" x2=\"{x1:.1}\" y2=\"{ly:.1}\" stroke=\"{RULE}\" stroke-dasharray=\"3 4\" />"
            );
        }
        let label = if level == 0 {
            "0".into()
        } else {
            score_label(level)
        };
        text(
            out,
            MARGIN + LABEL_W - 28.0,
            ly + 4.0,
            11.0,
            "normal",
            MUTED,
            &label,
        );
    }
    let means: Vec<Option<f64>> = stages.iter().map(Stage::mean_score).collect();
    for (i, pair) in means.windows(2).enumerate() {
        if let [Some(a), Some(b)] = pair {
            line(out, x(i), y(*a), x(i + 1), y(*b), "#0969da", 3.0);
        }
    }
    for (i, mean) in means.iter().enumerate() {
        match mean {
            Some(m) => {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"7\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\" />",
                    x(i),
                    y(*m),
                    dot_colour(*m)
                );
                let label = format!("{} {}", mean_label(*m), feeling(*m));
                text_middle(out, x(i), y(*m) - 13.0, 12.0, "bold", INK, &label);
            }
            None => text_middle(
                out,
                x(i),
                y(0.0) - 8.0,
                11.0,
                "normal",
                MUTED,
                "no emotions",
            ),
        }
    }
}

/// A card laid out for a column: its wrapped lines and its height.
struct CardBox {
    lines: Vec<String>,
    /// The card's facts (channel, score, votes, evidence, owner, status, source), wrapped.
    meta: Vec<String>,
    notes: Vec<String>,
    height: f64,
}

impl CardBox {
    fn new(card: &Card, lane: Lane) -> CardBox {
        let lines = wrap(&card.text, CARD_COLUMNS);
        let mut facts = String::new();
        short_facts(card, lane, &mut facts);
        let mut meta = wrap(&facts, SMALL_COLUMNS);
        if !is_blank(&card.source) {
            meta.extend(wrap(&Fact::Source(&card.source).labelled(), SMALL_COLUMNS));
        }
        let notes = if is_blank(&card.notes) {
            Vec::new()
        } else {
            wrap(&card.notes, SMALL_COLUMNS)
        };
        let height = 2.0 * CARD_PAD
            + lines.len() as f64 * LINE_H
            + meta.len() as f64 * SMALL_H
            + notes.len() as f64 * SMALL_H;
        CardBox {
            lines,
            meta,
            notes,
            height,
        }
    }

    fn draw(&self, out: &mut String, x: f64, y: f64, fill: &str, edge: &str) {
        let w = COL_W - 2.0 * CELL_PAD;
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" rx=\"5\" fill=\"{fill}\" stroke=\"{edge}\" />",
            self.height
        );
        let tx = x + CARD_PAD;
        let mut ty = y + CARD_PAD;
        for l in &self.lines {
            ty += LINE_H;
            text(out, tx, ty - 4.0, 13.0, "normal", INK, l);
        }
        for l in &self.meta {
            ty += SMALL_H;
            text(out, tx, ty - 4.0, 11.0, "normal", MUTED, l);
        }
        for l in &self.notes {
            ty += SMALL_H;
            let _ = writeln!(
                out,
                "<text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"11\" font-style=\"italic\" fill=\"{MUTED}\">{}</text>",
                ty - 4.0,
                escape_line(l)
            );
        }
    }
}

/// Text wrapped to `columns` display columns, made safe, one line per entry.
fn wrap(s: &str, columns: usize) -> Vec<String> {
    text::wrap(&safe_line(s), columns.max(2))
}

fn text(out: &mut String, x: f64, y: f64, size: f64, weight: &str, fill: &str, s: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>",
        escape_line(s)
    );
}

fn text_middle(out: &mut String, x: f64, y: f64, size: f64, weight: &str, fill: &str, s: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\" text-anchor=\"middle\">{}</text>",
        escape_line(s)
    );
}

fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: &str) {
    let _ = writeln!(
        out,
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\" stroke=\"{stroke}\" />"
    );
}

fn line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, w: f64) {
    let _ = writeln!(
        out,
        "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\" stroke-width=\"{w}\" />"
    );
}
