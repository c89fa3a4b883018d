//! Zoom (`z`): the selected stage fills the screen, its lanes as full-width lists with the
//! whole text of every card and its details and notes. Only the cards near the selection
//! are laid out, so a lane of thousands costs what a screenful does.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::{Theme, put};
use crate::app::App;
use crate::model::Lane;
use crate::present::{self, Fact};
use crate::text;

/// One screen row of the zoomed stage.
struct Row {
    text: String,
    indent: u16,
    style: Style,
    /// The card it belongs to, by lane and index (for the selection).
    card: Option<(Lane, usize)>,
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let stage = app.selected_stage()?;
    let sel = app.selection;
    let width = usize::from(area.width.saturating_sub(6)).max(8);
    let screen = usize::from(area.height);
    let mut rows: Vec<Row> = Vec::new();
    let push = |rows: &mut Vec<Row>, text: String, indent, style, card| {
        rows.push(Row {
            text,
            indent,
            style,
            card,
        });
    };
    let stages = app.map.stages.len();
    push(
        &mut rows,
        format!(
            "Stage {} of {stages}: {}   (z or Esc: the whole board · h / l: other stages)",
            sel.stage + 1,
            stage.name
        ),
        1,
        theme.stage_selected,
        None,
    );
    if !stage.description.is_empty() {
        for line in text::wrap(&text::sanitize(&stage.description), width + 4) {
            push(&mut rows, line, 1, theme.dim, None);
        }
    }
    for lane in Lane::ALL {
        let cards = stage.lane(lane);
        let mut heading = format!("{} ({})", lane.title(), cards.len());
        // The stage's mean as the curve keeps it: not summed again for each frame.
        if lane == Lane::Emotions
            && let Some(Some(mean)) = app.curve().get(sel.stage)
        {
            heading.push_str(&format!(" · mean {}", present::mean_label(*mean)));
        }
        push(&mut rows, String::new(), 0, theme.card, None);
        let style = if lane == sel.lane {
            theme.lane_selected
        } else {
            theme.lane
        };
        push(&mut rows, heading, 1, style, None);
        if cards.is_empty() {
            push(
                &mut rows,
                "(none yet: a adds one)".into(),
                3,
                theme.dim,
                None,
            );
            continue;
        }
        // A window of cards: around the selection in its lane, the first ones elsewhere.
        let (from, to) = if lane == sel.lane {
            (
                sel.index.saturating_sub(screen),
                (sel.index + screen).min(cards.len()),
            )
        } else {
            (0, screen.min(cards.len()))
        };
        if from > 0 {
            push(&mut rows, format!("↑ {from} more"), 3, theme.dim, None);
        }
        for (index, card) in cards.iter().enumerate().take(to).skip(from) {
            let card_ref = Some((lane, index));
            let prefix = if lane == Lane::Emotions {
                format!("{:>2} ", present::score_label(card.score))
            } else {
                "• ".into()
            };
            let body = budgeted(&card.text, width * screen);
            let lines = text::wrap_hanging(&text::sanitize(body), width - 3, width - 3);
            for (i, line) in lines.into_iter().enumerate() {
                let text = if i == 0 {
                    format!("{prefix}{line}")
                } else {
                    format!("   {line}")
                };
                push(&mut rows, text, 3, theme.card, card_ref);
            }
            let mut short = Vec::new();
            for fact in present::card_facts(card, lane) {
                match fact {
                    Fact::Notes(notes) => {
                        let notes = budgeted(notes, width * screen);
                        for (i, line) in text::wrap(&text::sanitize(notes), width - 5)
                            .into_iter()
                            .enumerate()
                        {
                            let mark = if i == 0 { "✎ " } else { "  " };
                            push(&mut rows, format!("{mark}{line}"), 6, theme.dim, card_ref);
                        }
                    }
                    Fact::Score(_) => {}
                    other => short.push(other.labelled()),
                }
            }
            if !short.is_empty() {
                push(&mut rows, short.join(" · "), 6, theme.votes, card_ref);
            }
        }
        if to < cards.len() {
            push(
                &mut rows,
                format!("↓ {} more", cards.len() - to),
                3,
                theme.dim,
                None,
            );
        }
    }
    // The stage's name stays on the top row; the rest scrolls so the selected card shows
    // whole (its start first when it is taller than the screen).
    let title = rows.remove(0);
    put(
        buf,
        area.x + title.indent,
        area.y,
        &title.text,
        area.width.saturating_sub(title.indent + 1),
        title.style,
    );
    let screen = screen.saturating_sub(1);
    let selected = |row: &Row| row.card == Some((sel.lane, sel.index));
    let first = rows.iter().position(selected);
    let last = rows.iter().rposition(selected);
    let offset = match (first, last) {
        (Some(first), Some(last)) => (last + 2).saturating_sub(screen).min(first),
        _ => 0,
    };
    for (i, row) in rows.iter().skip(offset).take(screen).enumerate() {
        let y = area.y + 1 + i as u16;
        let is_selected = selected(row);
        let style = if is_selected {
            theme.selected
        } else {
            row.style
        };
        if is_selected {
            put(buf, area.x + 1, y, "", area.width.saturating_sub(2), style);
        }
        let x = area.x + row.indent;
        put(
            buf,
            x,
            y,
            &row.text,
            area.right().saturating_sub(x + 1),
            style,
        );
    }
    None
}

/// The start of `s` that can show in `chars` characters or so.
fn budgeted(s: &str, chars: usize) -> &str {
    match s.char_indices().nth(chars * 2 + 4) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}
