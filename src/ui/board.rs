//! The board: stage columns, the four lane bands, the cards and the emotion curve. Draws only
//! what is on screen: the visible columns, and in each lane only the rows that fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};

use super::{Theme, fits, input_line, put};
use crate::app::card_layout::{CardLayout, SCORE_WIDTH, channel, lines_per_card, marks};
use crate::app::geometry::{GUTTER, Geometry, STAGE_ROW};
use crate::app::{App, Mode, Target};
use crate::model::{Card, Lane};
use crate::{present, text};

pub fn render(buf: &mut Buffer, app: &App, geo: &Geometry, theme: &Theme) -> Option<Position> {
    curve(buf, app, geo, theme);
    grid(buf, geo, theme);
    gutter(buf, app, geo, theme);
    let mut cursor = None;
    for visible in 0..geo.columns {
        let stage = app.first_stage + visible;
        if stage >= app.map.stages.len() {
            break;
        }
        let left = geo.column_x(visible) + 1;
        let width = geo.column_x(visible + 1) - left;
        stage_name(buf, app, stage, left, width, theme);
        for lane in Lane::ALL {
            if let Some(pos) = lane_cells(buf, app, geo, stage, lane, left, width, theme) {
                cursor = Some(pos);
            }
        }
    }
    cursor
}

/// Box-drawing lines: outer frame, the gutter and column borders, and band separators.
fn grid(buf: &mut Buffer, geo: &Geometry, theme: &Theme) {
    let right = geo.column_x(geo.columns);
    let mut xs: Vec<u16> = vec![0, GUTTER];
    xs.extend((1..=geo.columns).map(|i| geo.column_x(i)));
    xs.dedup();
    let mut separators = vec![STAGE_ROW - 1, STAGE_ROW + 1];
    separators.extend(Lane::ALL[1..].iter().map(|&l| geo.band_start(l) - 1));
    separators.push(geo.board_bottom());
    let top = STAGE_ROW - 1;
    let bottom = geo.board_bottom();
    for y in top..=bottom {
        let is_sep = separators.contains(&y);
        if is_sep {
            for x in 0..=right {
                set(buf, x, y, "─", theme);
            }
        }
        for &x in &xs {
            let symbol = match (is_sep, y == top, y == bottom) {
                (false, _, _) => "│",
                (true, true, _) => corner(x, right, "┌", "┬", "┐"),
                (true, _, true) => corner(x, right, "└", "┴", "┘"),
                _ => corner(x, right, "├", "┼", "┤"),
            };
            set(buf, x, y, symbol, theme);
        }
    }
}

fn corner(
    x: u16,
    right: u16,
    first: &'static str,
    middle: &'static str,
    last: &'static str,
) -> &'static str {
    if x == 0 {
        first
    } else if x == right {
        last
    } else {
        middle
    }
}

fn set(buf: &mut Buffer, x: u16, y: u16, symbol: &str, theme: &Theme) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(symbol).set_style(theme.border);
    }
}

/// Lane titles on the left, with how far the selected stage's lanes are scrolled.
fn gutter(buf: &mut Buffer, app: &App, geo: &Geometry, theme: &Theme) {
    let width = GUTTER - 2;
    let stages = app.map.stages.len();
    if geo.columns < stages {
        let last = (app.first_stage + geo.columns).min(stages);
        let left = if app.first_stage > 0 { "◀" } else { " " };
        let right = if last < stages { "▶" } else { " " };
        let label = format!("{left}{}-{last} of {stages}{right}", app.first_stage + 1);
        put(buf, 1, STAGE_ROW, &label, width, theme.dim);
    }
    for lane in Lane::ALL {
        let (_, rows) = geo.bands[lane.index()];
        let first = geo.band_start(lane);
        let style = if app.selection.lane == lane {
            theme.lane_selected
        } else {
            theme.lane
        };
        let stage = app.selection.stage;
        let len = app.map.stages.get(stage).map_or(0, |s| s.lane(lane).len());
        let offset = app.offset(stage, lane);
        let below = len.saturating_sub(offset + usize::from(rows));
        let mut more = String::new();
        if offset > 0 {
            more.push_str(&format!("↑{offset} "));
        }
        if below > 0 {
            more.push_str(&format!("↓{below}"));
        }
        // Under the lane's name where the band has a second row; at the smallest sizes,
        // where each band is one row, after a shortened name.
        let beside = if rows > 1 {
            0
        } else {
            text::width(&more) as u16
        };
        let title = format!(" {}", lane.title());
        let after = put(
            buf,
            1,
            first,
            &title,
            (width + 1).saturating_sub(beside),
            style,
        );
        if !more.is_empty() {
            let (x, y) = if rows > 1 {
                (2, first + 1)
            } else {
                (after.max(2), first)
            };
            put(
                buf,
                x,
                y,
                &more,
                (width + 1).saturating_sub(x - 1),
                theme.dim,
            );
        }
    }
}

fn stage_name(buf: &mut Buffer, app: &App, stage: usize, left: u16, width: u16, theme: &Theme) {
    let selected = stage == app.selection.stage;
    let style = if selected {
        theme.stage_selected
    } else {
        theme.stage
    };
    let label = format!(" {} {}", stage + 1, app.map.stages[stage].name);
    put(buf, left, STAGE_ROW, &label, width, style);
}

/// One lane of one stage: its visible cards, or the inline editor among them.
#[allow(clippy::too_many_arguments)]
fn lane_cells(
    buf: &mut Buffer,
    app: &App,
    geo: &Geometry,
    stage: usize,
    lane: Lane,
    left: u16,
    width: u16,
    theme: &Theme,
) -> Option<Position> {
    let cards = app.map.stages[stage].lane(lane);
    let (top, rows) = geo.bands[lane.index()];
    let rows = usize::from(rows);
    let mut offset = app.offset(stage, lane);
    // The inline editor: replacing a card's row, or a new row between two cards.
    let (editing, inserting) = match &app.mode {
        Mode::Editing {
            target: Target::CardText(s),
            input,
        } if s.stage == stage && s.lane == lane => (Some((s.index, input)), false),
        Mode::Editing {
            target: Target::NewCard(s),
            input,
        } if s.stage == stage && s.lane == lane => (Some((s.index, input)), true),
        _ => (None, false),
    };
    if let Some((at, _)) = editing {
        offset = offset.min(at).max((at + 1).saturating_sub(rows));
    }
    let is_selected_lane = stage == app.selection.stage && lane == app.selection.lane;
    let count = cards.len() + usize::from(inserting);
    if count == 0 && is_selected_lane && app.mode == Mode::Normal {
        put(buf, left, top, " (empty: a to add)", width, theme.selected);
    }
    let max_lines = lines_per_card(rows, count);
    let bottom = top + rows as u16;
    let mut y = top;
    let mut cursor = None;
    for item in offset..count {
        if y >= bottom {
            break;
        }
        match editing {
            Some((at, input)) if item == at => {
                let x = left + 1;
                cursor = Some(input_line(
                    buf,
                    x,
                    y,
                    width.saturating_sub(2),
                    input,
                    theme.selected,
                ));
                y += 1;
                continue;
            }
            _ => {}
        }
        let index = match editing {
            Some((at, _)) if inserting && item > at => item - 1,
            _ => item,
        };
        let Some(card) = cards.get(index) else { break };
        let pen = CardPen {
            left,
            width,
            selected: is_selected_lane && index == app.selection.index && editing.is_none(),
            found: app
                .search
                .as_ref()
                .is_some_and(|s| s.is_match(crate::model::Slot { stage, lane, index })),
            theme,
        };
        if max_lines == 1 {
            pen.one_line(buf, card, lane, y);
            y += 1;
        } else {
            let layout = CardLayout::new(card, lane, width, max_lines);
            pen.wrapped(buf, card, lane, &layout, y);
            y += layout.height() as u16;
        }
    }
    cursor
}

/// Draws cards into one stage column: where the column is, whether the card is the
/// selected one, and the theme.
struct CardPen<'a> {
    left: u16,
    width: u16,
    selected: bool,
    /// The card matches the search.
    found: bool,
    theme: &'a Theme,
}

impl CardPen<'_> {
    /// `style`, or the selection's when the card is selected.
    fn style(&self, style: Style) -> Style {
        if self.selected {
            self.theme.selected
        } else if self.found {
            style.patch(self.theme.found)
        } else {
            style
        }
    }

    /// The first column after the text area.
    fn end(&self) -> u16 {
        self.left + 1 + self.width.saturating_sub(2)
    }

    /// The selection bar on row `y`, when selected.
    fn bar(&self, buf: &mut Buffer, y: u16) {
        if self.selected {
            put(buf, self.left, y, "", self.width, self.theme.selected);
        }
    }

    /// The start of a card's first row: the bar, and an emotion's score. Returns where the
    /// text begins.
    fn start(&self, buf: &mut Buffer, card: &Card, lane: Lane, y: u16) -> u16 {
        self.bar(buf, y);
        let x = self.left + 1;
        if lane != Lane::Emotions {
            return x;
        }
        let score = format!("{:>2} ", present::score_label(card.score));
        let style = self.style(self.theme.score(card.score));
        put(buf, x, y, &score, SCORE_WIDTH as u16, style)
    }

    /// A card on one line: as much text as fits, the channel when it leaves the text
    /// readable, the marks at the right.
    fn one_line(&self, buf: &mut Buffer, card: &Card, lane: Lane, y: u16) {
        let mut x = self.start(buf, card, lane, y);
        let suffix = marks(card, lane);
        let channel = channel(card, lane);
        let room = usize::from(self.end().saturating_sub(x)).saturating_sub(text::width(&suffix));
        let channel_width = text::width(&channel);
        // Show the channel only when it leaves the text readable: plenty of room, or the
        // whole text fits beside it. Measured only when that decides anything, and only the
        // start of the text: a long text costs no more than a short one.
        let fits_whole = || {
            let head = match card.text.char_indices().nth(4 * room + 4) {
                Some((cut, _)) => &card.text[..cut],
                None => &card.text,
            };
            head.len() == card.text.len()
                && fits(&text::sanitize(head), room.saturating_sub(channel_width))
        };
        let channel = if !channel.is_empty() && (room >= 16 + channel_width || fits_whole()) {
            text::ellipsize(&channel, room / 2).into_owned()
        } else {
            String::new()
        };
        let channel_width = text::width(&channel) as u16;
        let text_room = (room as u16).saturating_sub(channel_width);
        x = put(
            buf,
            x,
            y,
            &card.text,
            text_room,
            self.style(self.theme.card),
        );
        x = put(
            buf,
            x,
            y,
            &channel,
            channel_width,
            self.style(self.theme.dim),
        );
        self.marks(buf, &suffix, y, x);
    }

    /// A card on the lines of its layout.
    fn wrapped(&self, buf: &mut Buffer, card: &Card, lane: Lane, layout: &CardLayout, top: u16) {
        for line in 0..layout.height() {
            let y = top + line as u16;
            let mut x = if line == 0 {
                self.start(buf, card, lane, y)
            } else {
                self.bar(buf, y);
                self.left + 1 + layout.indent as u16
            };
            // Each line within the room the layout measured it for, never into the marks.
            let line_end = (x + layout.room(line) as u16).min(self.end());
            let room = |x: u16| line_end.saturating_sub(x);
            if let Some(words) = layout.lines.get(line) {
                x = put(buf, x, y, words, room(x), self.style(self.theme.card));
            }
            if let Some((_, channel)) = layout.channel.as_ref().filter(|(at, _)| *at == line) {
                x = put(buf, x, y, channel, room(x), self.style(self.theme.dim));
            }
            if line == 0 {
                self.marks(buf, &layout.marks, y, x);
            }
        }
    }

    /// The marks at the right end of row `y`, never over the text (which ends at
    /// `text_end`).
    fn marks(&self, buf: &mut Buffer, marks: &str, y: u16, text_end: u16) {
        let end = self.end();
        let x = end.saturating_sub(text::width(marks) as u16).max(text_end);
        put(buf, x, y, marks, end - x, self.style(self.theme.votes));
    }
}

/// The emotion curve: each stage's mean score as a point at its column's centre, joined
/// across the columns (and on towards the stages scrolled out of view).
fn curve(buf: &mut Buffer, app: &App, geo: &Geometry, theme: &Theme) {
    let right = geo.column_x(geo.columns);
    // The first row holds each stage's average; the curve is drawn below it.
    let area = Rect::new(
        GUTTER + 1,
        geo.curve_top() + 1,
        right - GUTTER - 1,
        geo.curve_rows - 1,
    );
    let col = f64::from(right - GUTTER) / geo.columns as f64;
    let centre = |stage: usize| (stage as f64 - app.first_stage as f64 + 0.5) * col;
    let points: Vec<(f64, f64)> = app
        .curve()
        .iter()
        .enumerate()
        .filter_map(|(i, mean)| mean.map(|m| (centre(i), m)))
        .collect();
    let color = theme.curve;
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, f64::from(area.width)])
        .y_bounds([-2.2, 2.2])
        .paint(|ctx| {
            for pair in points.windows(2) {
                ctx.draw(&CanvasLine::new(
                    pair[0].0, pair[0].1, pair[1].0, pair[1].1, color,
                ));
            }
            if let [(x, y)] = points[..] {
                ctx.draw(&CanvasLine::new(x - 0.5, y, x + 0.5, y, color));
            }
        })
        .render(area, buf);
    for visible in 0..geo.columns {
        let stage = app.first_stage + visible;
        let Some(mean) = app.curve().get(stage) else {
            break;
        };
        let left = geo.column_x(visible) + 1;
        let width = geo.column_x(visible + 1) - left;
        let (label, style) = match mean {
            Some(m) => (
                format!("mean {} ", present::mean_label(*m)),
                theme.score(m.round() as i8),
            ),
            None => ("no emotions ".to_string(), theme.dim),
        };
        let w = text::width(&label) as u16;
        if w < width {
            put(buf, left + width - w, geo.curve_top(), &label, w, style);
        }
    }
}
