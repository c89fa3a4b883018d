//! The emotion curve in its lane band: a row per score level, each stage's mean as a mark
//! with its number, a line between the marks, and the scale at the gutter's edge.

use ratatui::buffer::Buffer;

use super::{Theme, put};
use crate::app::View;
use crate::app::geometry::Geometry;
use crate::{present, text};

/// The emotion curve: a row per score level (or +2 / 0 / −2 where rows are few), each
/// stage's mean as a mark at its column's centre with the mean as a number beside it, and a
/// line between the marks, on towards the stages scrolled out of view.
pub(super) fn render(buf: &mut Buffer, app: &View<'_>, geo: &Geometry, theme: &Theme) {
    let rows = geo.curve_rows;
    let top = geo.curve_top();
    let left = geo.gutter + 1;
    let right = geo.column_x(geo.columns);
    let col = f64::from(right - geo.gutter) / geo.columns as f64;
    let centre = |stage: usize| {
        f64::from(geo.gutter) + (stage as f64 - app.seat.first_stage as f64 + 0.5) * col
    };
    // The zero line, faint, so the curve reads against it.
    if let Some(zero) = (0..rows).find(|&r| rows > 2 && level_of_row(r, rows) == Some(0)) {
        for x in left..right {
            put(buf, x, top + zero, "┈", 1, theme.border);
        }
    }
    let means = app.room.curve();
    // Only the stages on screen and their neighbours matter: a long map costs no more.
    let first = app.seat.first_stage.saturating_sub(1);
    let last = (app.seat.first_stage + geo.columns + 1).min(means.len());
    let points: Vec<(f64, u16)> = (first..last)
        .filter_map(|i| means[i].map(|m| (centre(i), present::curve_row(m, rows))))
        .collect();
    let row_at = |a: (f64, u16), b: (f64, u16), x: f64| {
        let t = ((x - a.0) / (b.0 - a.0)).clamp(0.0, 1.0);
        (f64::from(a.1) + (f64::from(b.1) - f64::from(a.1)) * t).round() as u16
    };
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let from = (a.0.round().max(f64::from(left))) as u16;
        let to = (b.0.round().min(f64::from(right))) as u16;
        for x in from..to {
            let here = row_at(a, b, f64::from(x) + 0.5);
            let next = row_at(a, b, f64::from(x) + 1.5);
            let symbol = match next.cmp(&here) {
                std::cmp::Ordering::Less => "╱",
                std::cmp::Ordering::Greater => "╲",
                std::cmp::Ordering::Equal => "─",
            };
            put(buf, x, top + here, symbol, 1, theme.curve);
        }
    }
    for visible in 0..geo.columns {
        let stage = app.seat.first_stage + visible;
        let Some(mean) = means.get(stage) else {
            break;
        };
        let (x0, width) = geo.column(visible);
        let x = centre(stage).round() as u16;
        match mean {
            Some(m) => {
                let y = top + present::curve_row(*m, rows);
                let style = theme.score(m.round() as i8);
                put(buf, x, y, "●", 1, style.patch(theme.curve_mark));
                let label = format!(" {} ", present::mean_label(*m));
                let w = text::width(&label) as u16;
                // Beside the mark, on whichever side has room in the column.
                let lx = if x + 1 + w <= x0 + width {
                    x + 1
                } else {
                    x.saturating_sub(w)
                };
                put(buf, lx, y, &label, w, style);
            }
            None => {
                let label = "no emotions yet";
                let w = (text::width(label) as u16).min(width.saturating_sub(2));
                let y = top + rows / 2;
                put(buf, x0 + (width - w) / 2, y, label, w, theme.dim);
            }
        }
    }
}

/// The curve's scale at the gutter's right edge: a score level on each row that has one.
pub(super) fn scale_labels(buf: &mut Buffer, geo: &Geometry, theme: &Theme) {
    let rows = geo.curve_rows;
    for row in 0..rows {
        // Two rows (the smallest screens) only tell good from bad.
        let label = match (rows, level_of_row(row, rows)) {
            (2, _) => if row == 0 { "≥0" } else { "<0" }.to_string(),
            (_, Some(level)) => present::score_label(level),
            (_, None) => continue,
        };
        let w = text::width(&label) as u16;
        put(
            buf,
            geo.gutter - 1 - w,
            geo.curve_top() + row,
            &label,
            w,
            theme.scale,
        );
    }
}

/// The score a row of the curve stands for, when it stands for a whole one (+2 at the top,
/// −2 at the bottom).
fn level_of_row(row: u16, rows: u16) -> Option<i8> {
    let span = i32::from(rows.max(2) - 1);
    let scaled = 2 * span - 4 * i32::from(row);
    (scaled % span == 0).then(|| (scaled / span) as i8)
}
