//! The likely duplicate cards (`D`): a pair on two rows, the first with how alike the two
//! texts are and where the cards sit, each with its votes and its text. Only the rows on
//! screen are drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::voting::{card_text, place};
use super::{Theme, list, put, status};
use crate::app::View;
use crate::app::duplicate_pairs::PAIR_ROWS;

/// The mark column: how alike, then the votes.
const MARK_WIDTH: u16 = 12;

pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let Some(screen) = super::full_screen(buf, area, app, theme) else {
        return;
    };
    if let Some(pairs) = &app.seat.duplicate_pairs {
        let bar = screen.title;
        let x = put(
            buf,
            bar.x + 1,
            bar.y,
            "Likely duplicate cards",
            bar.width,
            theme.title,
        );
        let count = crate::present::count(pairs.len(), "pair");
        let title = if pairs.is_empty() {
            " · none in one stage and lane".to_string()
        } else {
            format!(" · {count} in one stage and lane, most alike first")
        };
        put(
            buf,
            x,
            bar.y,
            &title,
            bar.right().saturating_sub(x),
            theme.dim,
        );
        let heading = screen.heading;
        put(
            buf,
            heading.x + 1,
            heading.y,
            " alike  votes",
            heading.width.saturating_sub(2),
            theme.dim,
        );
        if pairs.is_empty() {
            let at = screen.list;
            put(
                buf,
                at.x + 2,
                at.y,
                "None: no two cards of one stage and lane have similar text.",
                at.width.saturating_sub(4),
                theme.dim,
            );
        }
        let votes = |slot| app.room.card(slot).map_or(0, |c| c.votes);
        // A pair on two rows: the first card with how alike the two are and where they sit.
        list::render_tall(
            buf,
            &screen,
            &pairs.list,
            pairs.len(),
            PAIR_ROWS,
            theme,
            |i, line| {
                let pair = pairs.pair(i)?;
                let (a, b) = pair.slots();
                let alike = format!("{}%", (pair.similarity * 100.0).floor());
                let (slot, mark, right) = if line == 0 {
                    (
                        a,
                        format!("{alike:>5}  {:>5}", votes(a)),
                        place(app, a, false),
                    )
                } else {
                    (b, format!("{:>5}  {:>5}", "", votes(b)), String::new())
                };
                Some(list::Row {
                    mark,
                    mark_width: MARK_WIDTH,
                    card: card_text(app, slot),
                    right,
                })
            },
        );
    }
    status::footer(buf, screen.footer, app, theme);
}
