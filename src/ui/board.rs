//! The board: stage columns, the four lane bands and the cards, with the emotion curve
//! (`ui::curve`) in its band. Draws only what is on screen: the visible columns, and in each
//! lane only the rows that fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Style;

use super::{Theme, fits, input_line, put};
use crate::app::card_layout::{
    CardLayout, SCORE_WIDTH, channel, channel_beside, lines_per_card, marks,
};
use crate::app::geometry::Geometry;
use crate::app::{Mode, Target, View};
use crate::model::{Card, Lane};
use crate::{present, text};

pub fn render(buf: &mut Buffer, app: &View<'_>, geo: &Geometry, theme: &Theme) -> Option<Position> {
    super::curve::render(buf, app, geo, theme);
    grid(buf, geo, theme);
    scroll_note(buf, app, geo, theme);
    gutter(buf, app, geo, theme);
    let mut cursor = None;
    for visible in 0..geo.columns {
        let stage = app.seat.first_stage + visible;
        if stage >= app.room.map.stages.len() {
            break;
        }
        let left = geo.column_x(visible) + 1;
        let width = geo.column_x(visible + 1) - left;
        stage_name(buf, app, geo, stage, left, width, theme);
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
    let mut xs: Vec<u16> = vec![0, geo.gutter];
    xs.extend((1..=geo.columns).map(|i| geo.column_x(i)));
    xs.dedup();
    let top = geo.board_top();
    let mut separators = vec![top, geo.stage_names().end];
    separators.extend(Lane::ALL[1..].iter().map(|&l| geo.band_start(l) - 1));
    separators.push(geo.board_bottom());
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

/// On the top border, over the first and last visible columns: how many stages are out of
/// view on each side, and the key that brings them.
fn scroll_note(buf: &mut Buffer, app: &View<'_>, geo: &Geometry, theme: &Theme) {
    let stages = app.room.map.stages.len();
    let before = app.seat.first_stage;
    let after = stages.saturating_sub(app.seat.first_stage + geo.columns);
    let plural = |n: usize| if n == 1 { "stage" } else { "stages" };
    let y = geo.board_top();
    if before > 0 {
        let (left, width) = geo.column(0);
        let note = format!(" ◀ h: {before} more {} ", plural(before));
        if text::width(&note) + 2 <= usize::from(width) {
            put(buf, left + 1, y, &note, width - 2, theme.note);
        }
    }
    if after > 0 {
        let (left, width) = geo.column(geo.columns - 1);
        let note = format!(" {after} more {}: l ▶ ", plural(after));
        let w = text::width(&note) as u16;
        if w + 2 <= width {
            put(buf, left + width - w - 1, y, &note, w, theme.note);
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
fn gutter(buf: &mut Buffer, app: &View<'_>, geo: &Geometry, theme: &Theme) {
    let width = geo.gutter - 2;
    let stages = app.room.map.stages.len();
    if geo.columns < stages {
        let last = (app.seat.first_stage + geo.columns).min(stages);
        let left = if app.seat.first_stage > 0 { "◀" } else { " " };
        let right = if last < stages { "▶" } else { " " };
        let label = format!(
            "{left}{}-{last} of {stages}{right}",
            app.seat.first_stage + 1
        );
        put(buf, 1, geo.stage_names().start, &label, width, theme.dim);
    }
    for lane in Lane::ALL {
        let (_, rows) = geo.bands[lane.index()];
        let first = geo.band_start(lane);
        let style = if app.seat.selection.lane == lane {
            theme.lane_selected
        } else {
            theme.lane
        };
        let stage = app.seat.selection.stage;
        let len = app
            .room
            .map
            .stages
            .get(stage)
            .map_or(0, |s| s.lane(lane).len());
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
        // Emotions: the curve's scale on the right, the scroll counts on the cards' first row.
        let (top, _) = geo.bands[lane.index()];
        let emotions = lane == Lane::Emotions;
        let beside = if rows > 1 || emotions {
            0
        } else {
            text::width(&more) as u16
        };
        let scale = if emotions { 3 } else { 0 };
        let name = if geo.narrow_gutter() {
            short_title(lane)
        } else {
            lane.title()
        };
        // The short titles start at the border, so the curve's scale keeps a space from
        // "Feel".
        let title = if geo.narrow_gutter() {
            name.to_string()
        } else {
            format!(" {name}")
        };
        let after = put(
            buf,
            1,
            first,
            &title,
            (width + 1).saturating_sub(beside + scale),
            style,
        );
        if emotions {
            super::curve::scale_labels(buf, geo, theme);
        }
        if !more.is_empty() {
            let (x, y) = if emotions {
                (2, top)
            } else if rows > 1 {
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

/// Lane titles in the narrow gutter.
fn short_title(lane: Lane) -> &'static str {
    match lane {
        Lane::Touchpoints => "Touch",
        Lane::Emotions => "Feel",
        Lane::PainPoints => "Pain",
        Lane::Opportunities => "Opport",
    }
}

/// A stage's number and name, wrapped over the stage rows (the last one cut with "…").
fn stage_name(
    buf: &mut Buffer,
    app: &View<'_>,
    geo: &Geometry,
    stage: usize,
    left: u16,
    width: u16,
    theme: &Theme,
) {
    let selected = stage == app.seat.selection.stage;
    let style = if selected {
        theme.stage_selected
    } else {
        theme.stage
    };
    let shown = &app.room.map.stages[stage];
    // A name or description a merge changed both ways: marked where the name starts.
    let mark = if shown.has_conflict() { "⚡ " } else { "" };
    let label = format!("{} {mark}{}", stage + 1, shown.name);
    let room = usize::from(width.saturating_sub(1));
    if geo.stage_rows < 2 || crate::text::width(&label) <= room {
        put(
            buf,
            left,
            geo.stage_names().start,
            &format!(" {label}"),
            width,
            style,
        );
        return;
    }
    // Only the start of a long name can show.
    let head = match label.char_indices().nth(room * 8 + 8) {
        Some((at, _)) => &label[..at],
        None => &label,
    };
    let lines = text::wrap_hanging(&text::sanitize(head), room, room.saturating_sub(2));
    let rows = usize::from(geo.stage_rows);
    for (i, line) in lines.iter().take(rows).enumerate() {
        let last = i + 1 == rows && lines.len() > rows;
        let shown = if last {
            format!("{line}…")
        } else {
            line.clone()
        };
        let x = if i == 0 { left + 1 } else { left + 3 };
        let max = (left + width).saturating_sub(x);
        put(
            buf,
            x,
            geo.stage_names().start + i as u16,
            &shown,
            max,
            style,
        );
    }
}

/// One lane of one stage: its visible cards, or the inline editor among them.
#[allow(clippy::too_many_arguments)]
fn lane_cells(
    buf: &mut Buffer,
    app: &View<'_>,
    geo: &Geometry,
    stage: usize,
    lane: Lane,
    left: u16,
    width: u16,
    theme: &Theme,
) -> Option<Position> {
    let cards = app.room.map.stages[stage].lane(lane);
    let (top, rows) = geo.bands[lane.index()];
    let rows = usize::from(rows);
    let mut offset = app.offset(stage, lane);
    // The inline editor: replacing a card's row, or a new row between two cards.
    let (editing, inserting) = match &app.seat.mode {
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
    let is_selected_lane = stage == app.seat.selection.stage && lane == app.seat.selection.lane;
    let count = cards.len() + usize::from(inserting);
    if count == 0 && is_selected_lane && app.seat.mode == Mode::Normal {
        put(buf, left, top, " (empty: a to add)", width, theme.selected);
    }
    let max_lines = lines_per_card(rows, count);
    let bottom = top + rows as u16;
    let mut y = top;
    let mut cursor = None;
    // The first item not drawn.
    let mut next = offset;
    for item in offset..count {
        if y >= bottom {
            break;
        }
        next = item + 1;
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
            selected: is_selected_lane && index == app.seat.selection.index && editing.is_none(),
            found: app
                .seat
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
    hidden_below(buf, count.saturating_sub(next), bottom, left, width, theme);
    cursor
}

/// On the rule under a lane's band, at the right of the stage's column: how many of its
/// cards are below the ones shown (`↓3`), in every stage, not only the selected one.
fn hidden_below(buf: &mut Buffer, hidden: usize, y: u16, left: u16, width: u16, theme: &Theme) {
    if hidden == 0 {
        return;
    }
    let note = format!(" ↓{hidden} ");
    let w = text::width(&note) as u16;
    if w + 2 <= width {
        put(buf, left + width - w - 1, y, &note, w, theme.note);
    }
}

/// Whether all of `s` fits in `room` columns. Only the start of a text can show, so only
/// that is measured: a long text costs no more than a short one.
fn whole_in(s: &str, room: usize) -> bool {
    // Printable ASCII is a column a byte: more of it than `room` cannot fit, and most cut
    // texts are decided here without measuring.
    if s.len() > room
        && s.as_bytes()[..=room]
            .iter()
            .all(|b| (0x20..0x7f).contains(b))
    {
        return false;
    }
    let head = match s.char_indices().nth(4 * room + 4) {
        Some((cut, _)) => &s[..cut],
        None => s,
    };
    head.len() == s.len() && fits(&text::sanitize(head), room)
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
        let suffix_width = text::width(&suffix);
        let room_to = |end: u16| usize::from(end.saturating_sub(x)).saturating_sub(suffix_width);
        // The blank cell before the column's border goes to a text that it makes whole:
        // a card of 20 characters in the narrowest column (five stages at 120 columns).
        let end = if channel.is_empty()
            && card.text.len() > room_to(self.end())
            && whole_in(&card.text, room_to(self.end() + 1))
        {
            self.end() + 1
        } else {
            self.end()
        };
        let room = room_to(end);
        let channel_width = text::width(&channel);
        // Show the channel only when it leaves the text readable: plenty of room, or the
        // whole text fits beside it. Measured only when that decides anything.
        let channel = if channel.is_empty() {
            String::new()
        } else {
            let fits_whole = whole_in(&card.text, room.saturating_sub(channel_width));
            channel_beside(&channel, room, fits_whole).unwrap_or_default()
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
        self.marks_to(buf, &suffix, y, x, end);
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
        self.marks_to(buf, marks, y, text_end, self.end());
    }

    /// The marks ending at column `end`.
    fn marks_to(&self, buf: &mut Buffer, marks: &str, y: u16, text_end: u16, end: u16) {
        let x = end.saturating_sub(text::width(marks) as u16).max(text_end);
        put(
            buf,
            x,
            y,
            marks,
            end.saturating_sub(x),
            self.style(self.theme.votes),
        );
    }
}
