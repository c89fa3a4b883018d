//! The dot-voting results (`v`): the ranking, one card a row with its place, its votes (and
//! after a reveal, the round's dots), its text and its stage. Only the rows on screen are
//! drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::voting::{list_row, more_below, place, visible_first};
use super::{Theme, put, status};
use crate::app::View;
use crate::app::geometry::list_rows;
use crate::app::results::Filter;

pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let Some((body, footer)) = super::full_screen(buf, area, app, theme) else {
        return;
    };
    if let Some(results) = &app.seat.results {
        // The title, with the lane filter: the one shown is marked.
        let mut x = put(buf, body.x + 1, body.y, "Results", body.width, theme.title);
        for filter in [Filter::All, Filter::PainPoints, Filter::Opportunities] {
            let room = body.right().saturating_sub(x + 1);
            x = if filter == results.filter {
                put(
                    buf,
                    x + 1,
                    body.y,
                    &format!("[{}]", filter.label()),
                    room,
                    theme.selected,
                )
            } else {
                put(buf, x + 1, body.y, filter.label(), room, theme.dim)
            };
        }
        let cards = crate::present::count(results.len(), "card");
        put(
            buf,
            x,
            body.y,
            &format!(" · {cards}, most votes first"),
            body.right().saturating_sub(x),
            theme.dim,
        );
        let heading = match results.round() {
            Some(round) => {
                let mut line = format!(
                    "   #  votes (this round: {} from {}",
                    crate::present::count(round.placed as usize, "dot"),
                    crate::present::count(round.participants, "participant")
                );
                if round.counted > 0 {
                    line.push_str(&format!(", ✋ {} from raised hands", round.counted));
                }
                line + ")"
            }
            None => "   #  votes".to_string(),
        };
        put(
            buf,
            body.x + 1,
            body.y + 1,
            &heading,
            body.width.saturating_sub(2),
            theme.dim,
        );
        let rows = list_rows(app.seat.size.1).min(usize::from(body.height.saturating_sub(3)));
        let first = visible_first(results.first, results.cursor, rows);
        let top = body.y + 2;
        for row in 0..rows {
            let i = first + row;
            let Some(slot) = results.row(i) else { break };
            let votes = app
                .room
                .map
                .stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))
                .map_or(0, |c| c.votes);
            let mut mark = format!("{:>3}. {votes:>4}", results.place(i));
            match results.round_dots(slot) {
                Some((dots, 0)) if dots > 0 => mark.push_str(&format!(" (+{dots})")),
                Some((dots, hands)) if dots > 0 => {
                    mark.push_str(&format!(" (+{dots} ✋{hands})"));
                }
                Some(_) => mark.push_str("     "),
                None => {}
            }
            list_row(
                buf,
                Rect::new(body.x, top + row as u16, body.width, 1),
                (&mark, if results.round().is_some() { 18 } else { 9 }),
                super::voting::card_text(app, slot),
                &place(app, slot, false),
                i == results.cursor,
                theme,
            );
        }
        if results.is_empty() {
            put(
                buf,
                body.x + 2,
                top,
                "No cards in these lanes yet.",
                body.width.saturating_sub(4),
                theme.dim,
            );
        }
        more_below(buf, body, results.len(), first + rows, theme);
    }
    status::footer(buf, footer, app, theme);
}
