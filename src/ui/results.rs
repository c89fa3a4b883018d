//! The dot-voting results (`v`): the ranking, one card a row with its place, its votes (and
//! after a reveal, the round's dots), its text and its stage. Only the rows on screen are
//! drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::voting::place;
use super::{Theme, list, put, status};
use crate::app::View;
use crate::app::results::Filter;

pub fn render(buf: &mut Buffer, area: Rect, app: &View<'_>, theme: &Theme) {
    let Some(screen) = super::full_screen(buf, area, app, theme) else {
        return;
    };
    let bar = screen.title;
    if let Some(results) = &app.seat.results {
        // The title, with the lane filter: the one shown is marked.
        let mut x = put(buf, bar.x + 1, bar.y, "Results", bar.width, theme.title);
        for filter in [Filter::All, Filter::PainPoints, Filter::Opportunities] {
            let room = bar.right().saturating_sub(x + 1);
            x = if filter == results.filter {
                put(
                    buf,
                    x + 1,
                    bar.y,
                    &format!("[{}]", filter.label()),
                    room,
                    theme.selected,
                )
            } else {
                put(buf, x + 1, bar.y, filter.label(), room, theme.dim)
            };
        }
        let cards = crate::present::count(results.len(), "card");
        let title = if results.is_empty() {
            " · no card has votes yet".to_string()
        } else {
            format!(" · {cards} with votes, most first")
        };
        put(
            buf,
            x,
            bar.y,
            &title,
            bar.right().saturating_sub(x),
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
        let bar = screen.heading;
        put(
            buf,
            bar.x + 1,
            bar.y,
            &heading,
            bar.width.saturating_sub(2),
            theme.dim,
        );
        let (first, _) = list::render(buf, &screen, &results.list, results.len(), theme, |i| {
            let slot = results.row(i)?;
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
            Some(list::Row {
                mark,
                mark_width: if results.round().is_some() { 18 } else { 9 },
                card: super::voting::card_text(app, slot),
                right: place(app, slot, false),
            })
        });
        // The cards without votes are folded into one line below the ranking.
        let unvoted = results.unvoted();
        let folded = match (results.is_empty(), unvoted) {
            (true, 0) => Some("No cards in these lanes yet.".to_string()),
            (true, n) => Some(format!(
                "No votes yet on these {}: a voting round (V) ranks them.",
                crate::present::count(n, "card")
            )),
            (false, 0) => None,
            (false, n) => Some(format!(
                "+ {} without votes, not ranked",
                crate::present::count(n, "card")
            )),
        };
        // On the first row under the last card, when the list ends on screen.
        let list = screen.list;
        let below = results.len().saturating_sub(first);
        if let Some(line) = folded
            && below < usize::from(list.height)
        {
            put(
                buf,
                list.x + 2,
                list.y + below as u16,
                &line,
                list.width.saturating_sub(4),
                theme.dim,
            );
        }
    }
    status::footer(buf, screen.footer, app, theme);
}
