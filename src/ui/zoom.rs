//! Zoom (`z`): draws the zoomed stage as `app::zoom` lays it out, the stage's name on the
//! top row and the lists under it, the selected card in reverse video.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{Theme, put};
use crate::app::View;
use crate::app::zoom::{RowKind, TOP_ROWS, ZoomLayout, ZoomRow};

pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) -> Option<Position> {
    let layout = ZoomLayout::new(app, area.width, area.height)?;
    let sel = app.seat.selection;
    // A row in the columns from `x` to `right`.
    let draw = |buf: &mut Buffer, x: u16, right: u16, y: u16, row: &ZoomRow| {
        let selected = row.card == Some((sel.lane, sel.index));
        let style = if selected {
            theme.selected
        } else {
            match row.kind {
                RowKind::Title => theme.stage_selected,
                RowKind::Description | RowKind::Note | RowKind::Notes => theme.dim,
                RowKind::Heading { selected: true } => theme.lane_selected,
                RowKind::Heading { selected: false } => theme.lane,
                RowKind::Facts => theme.votes,
                RowKind::Blank | RowKind::Text => theme.card,
            }
        };
        if selected {
            put(buf, x + 1, y, "", (right - x).saturating_sub(2), style);
        }
        let x = x + row.indent;
        put(buf, x, y, &row.text, right.saturating_sub(x + 1), style);
    };
    draw(buf, area.x, area.right(), area.y, &layout.title);
    for x in area.x + 1..area.right().saturating_sub(1) {
        put(buf, x, area.y + 1, "─", 1, theme.border);
    }
    for column in &layout.columns {
        let x = area.x + column.x;
        let right = x + column.width;
        for (i, row) in column.rows.iter().enumerate() {
            draw(buf, x, right, area.y + (TOP_ROWS + i) as u16, row);
        }
        // Columns after the first are set off by a line.
        if column.x > 0 {
            put(buf, x - 1, area.y + 1, "┬", 1, theme.border);
            for y in area.y + TOP_ROWS as u16..area.bottom() {
                put(buf, x - 1, y, "│", 1, theme.border);
            }
        }
    }
    None
}
