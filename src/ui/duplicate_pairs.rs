//! The likely duplicate cards (`D`): a pair on two rows, the first with how alike the two
//! texts are and where the cards sit, each with its votes and its text. Only the rows on
//! screen are drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::voting::{card_text, list_row, more_below, place, visible_first};
use super::{Theme, put, status};
use crate::app::View;
use crate::app::duplicate_pairs::page;

/// The mark column: how alike, then the votes.
const MARK_WIDTH: u16 = 12;

pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let Some((body, footer)) = super::full_screen(buf, area, app, theme) else {
        return;
    };
    if let Some(list) = &app.seat.duplicate_pairs {
        let x = put(
            buf,
            body.x + 1,
            body.y,
            "Likely duplicate cards",
            body.width,
            theme.title,
        );
        let pairs = crate::present::count(list.len(), "pair");
        put(
            buf,
            x,
            body.y,
            &format!(" · {pairs} in one stage and lane, most alike first"),
            body.right().saturating_sub(x),
            theme.dim,
        );
        put(
            buf,
            body.x + 1,
            body.y + 1,
            " alike  votes",
            body.width.saturating_sub(2),
            theme.dim,
        );
        let top = body.y + 2;
        if list.is_empty() {
            put(
                buf,
                body.x + 2,
                top,
                "None: no two cards of one stage and lane have similar text.",
                body.width.saturating_sub(4),
                theme.dim,
            );
        }
        let room = usize::from(body.height.saturating_sub(3)) / 2;
        let shown = page(app.seat.size.1).min(room).max(1);
        let first = visible_first(list.first, list.cursor, shown);
        for row in 0..shown {
            let i = first + row;
            let Some(pair) = list.pair(i) else { break };
            let (a, b) = pair.slots();
            let votes = |slot| app.room.card(slot).map_or(0, |c| c.votes);
            let alike = format!("{}%", (pair.similarity * 100.0).floor());
            let y = top + 2 * row as u16;
            for (line, slot, mark, right) in [
                (
                    0,
                    a,
                    format!("{alike:>5}  {:>5}", votes(a)),
                    place(app, a, false),
                ),
                (1, b, format!("{:>5}  {:>5}", "", votes(b)), String::new()),
            ] {
                list_row(
                    buf,
                    Rect::new(body.x, y + line, body.width, 1),
                    (&mark, MARK_WIDTH),
                    card_text(app, slot),
                    &right,
                    i == list.cursor,
                    theme,
                );
            }
        }
        more_below(buf, body, list.len(), first + shown, theme);
    }
    status::footer(buf, footer, app, theme);
}
