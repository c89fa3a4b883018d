//! The full-screen card list drawn by a voting turn, the facilitator's counts and the
//! results: one card a row under a title and a heading, scrolled with the list's cursor,
//! "↓ 12 more" under a list that goes on. Only the rows on screen are drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Theme, put};
use crate::app::geometry::ListScreen;
use crate::app::list::ListCursor;
use crate::text;

/// What one row shows: a mark at the left (dots, a place and votes) in a column at least
/// `mark_width` wide, the card's text, where the card sits at the right.
pub(super) struct Row<'a> {
    pub mark: String,
    pub mark_width: u16,
    pub card: &'a str,
    pub right: String,
}

/// Draws a list of `len` items into the screen's list area, scrolled so the cursor shows,
/// each item a row as `row` describes it; returns the first item drawn and the one after
/// the last.
pub(super) fn render<'a>(
    buf: &mut Buffer,
    screen: &ListScreen,
    list: &ListCursor,
    len: usize,
    theme: &Theme,
    mut row: impl FnMut(usize) -> Option<Row<'a>>,
) -> (usize, usize) {
    render_tall(buf, screen, list, len, 1, theme, |i, _| row(i))
}

/// [`render`] for items of `lines` rows each: `row(item, line)` describes each row.
pub(super) fn render_tall<'a>(
    buf: &mut Buffer,
    screen: &ListScreen,
    list: &ListCursor,
    len: usize,
    lines: u16,
    theme: &Theme,
    mut row: impl FnMut(usize, u16) -> Option<Row<'a>>,
) -> (usize, usize) {
    let area = screen.list;
    let rows = (usize::from(area.height) / usize::from(lines.max(1))).max(1);
    let first = list.first_shown(rows);
    let mut end = first;
    'items: for i in first..len.min(first + rows) {
        for line in 0..lines {
            let y = area.y + (i - first) as u16 * lines + line;
            if y >= area.bottom() {
                break 'items;
            }
            let Some(shown) = row(i, line) else {
                break 'items;
            };
            let selected = (i == list.cursor).then_some(line == 0);
            draw_row(
                buf,
                Rect::new(area.x, y, area.width, 1),
                &shown,
                selected,
                theme,
            );
        }
        end = i + 1;
    }
    if first + rows < len {
        let more = format!("↓ {} more", len - (first + rows));
        put(
            buf,
            screen.more.x + 1,
            screen.more.y,
            &more,
            screen.more.width.saturating_sub(2),
            theme.dim,
        );
    }
    (first, end)
}

/// One row of a card list: the mark, the card's text, where it sits at the right;
/// reversed when selected (`Some`), with the ▸ on an item's first row only (`Some(true)`).
fn draw_row(buf: &mut Buffer, row: Rect, shown: &Row<'_>, selected: Option<bool>, theme: &Theme) {
    let style = |s| {
        if selected.is_some() {
            theme.selected
        } else {
            s
        }
    };
    match selected {
        Some(true) => {
            put(buf, row.x, row.y, "▸", row.width, theme.selected);
        }
        Some(false) => {
            put(buf, row.x, row.y, " ", row.width, theme.selected);
        }
        None => {}
    }
    let mark_width = (text::width(&shown.mark) as u16).max(shown.mark_width);
    put(
        buf,
        row.x + 1,
        row.y,
        &shown.mark,
        mark_width,
        style(theme.votes),
    );
    let text_x = row.x + 2 + mark_width;
    let right_width = (text::width(&shown.right) as u16).min(row.width / 3);
    let right_x = row.right().saturating_sub(right_width + 1);
    let right = fit_place(&shown.right, usize::from(right_width));
    // Only the start of a long text can show; line breaks become spaces.
    let card = shown.card;
    let head = match card.char_indices().nth(4 * usize::from(row.width) + 4) {
        Some((cut, _)) => &card[..cut],
        None => card,
    };
    let line = head.split_whitespace().collect::<Vec<_>>().join(" ");
    put(
        buf,
        text_x,
        row.y,
        &line,
        right_x.saturating_sub(text_x + 1),
        style(theme.card),
    );
    put(buf, right_x, row.y, &right, right_width, style(theme.dim));
}

/// Where a card sits ("1 vote before · Awareness & Discovery · Pain point") cut to
/// `width`: the stage's name (the part before the lane) gives way, and the lane and what
/// comes before the stage stay whole, so a narrow screen still tells a pain point from an
/// opportunity.
fn fit_place(place: &str, width: usize) -> String {
    if text::width(place) <= width {
        return place.to_string();
    }
    let mut parts: Vec<&str> = place.split(" · ").collect();
    if parts.len() >= 2 {
        let stage = parts.len() - 2;
        let others: usize = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != stage)
            .map(|(_, p)| text::width(p) + 3)
            .sum();
        if others + 2 <= width {
            let cut = text::ellipsize(parts[stage], width - others).into_owned();
            parts[stage] = &cut;
            return parts.join(" · ");
        }
    }
    text::ellipsize(place, width).into_owned()
}
