//! Zoom (`z`): the selected stage as full-width lists, one row per line of text. Laid out
//! here, not in the renderer, so what is drawn and what a click selects agree (as the
//! board's `Geometry` does for the board). Only the cards near the selection are laid out,
//! so a lane of thousands costs what a screenful does.

use super::View;
use crate::model::Lane;
use crate::present::{self, Fact};
use crate::text;

/// What a row of the zoomed stage shows, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Title,
    Description,
    Blank,
    /// A lane's name and card count; whether it is the selected lane.
    Heading {
        selected: bool,
    },
    /// "none yet", "↑ 3 more".
    Note,
    Text,
    Notes,
    Facts,
}

/// Rows at the top of the zoom that do not scroll: the title and a rule.
pub const TOP_ROWS: usize = 2;

/// One screen row of the zoomed stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoomRow {
    pub text: String,
    pub indent: u16,
    pub kind: RowKind,
    /// The card it belongs to, by lane and index.
    pub card: Option<(Lane, usize)>,
}

/// The narrowest a column of the zoom may be: a wide terminal shows the lanes side by
/// side, two columns from 120 columns, one column per lane from 240.
pub const ZOOM_COLUMN: u16 = 60;

/// The zoomed stage on a board area `width` x `height` (the rows between the header and
/// the strips under the board): the title row and a rule under it, which stay on top (the
/// rule also keeps the lists off the board's stage-name row, where a click picks a stage),
/// and under them the lanes in one column or, on a wide screen, side by side in two or
/// four. The column with the selected card is scrolled so that card shows whole; the
/// others show their first rows.
pub struct ZoomLayout {
    pub title: ZoomRow,
    pub columns: Vec<ZoomColumn>,
}

/// One column of the zoom: where it starts in the board area (after the line that sets it
/// off from the one before), how wide it is, its rows from the first one shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoomColumn {
    pub x: u16,
    pub width: u16,
    pub rows: Vec<ZoomRow>,
}

/// How many columns the zoom has on a board area `width` wide: 1, 2 or 4, so that the
/// lanes share them evenly.
pub fn zoom_columns(width: u16) -> usize {
    match width / ZOOM_COLUMN {
        0 | 1 => 1,
        2 | 3 => 2,
        _ => 4,
    }
}

impl ZoomLayout {
    pub fn new(app: &View<'_>, width: u16, height: u16) -> Option<ZoomLayout> {
        let stage = app.selected_stage()?;
        let sel = app.seat.selection;
        let screen = usize::from(height).saturating_sub(TOP_ROWS);
        let title = ZoomRow {
            text: format!(
                "Stage {} of {}: {}   (z or Esc: board · h / l: other stages)",
                sel.stage + 1,
                app.room.map.stages.len(),
                stage.name
            ),
            indent: 1,
            kind: RowKind::Title,
            card: None,
        };
        let n = zoom_columns(width);
        let per_column = Lane::ALL.len() / n;
        let columns = (0..n)
            .map(|i| {
                // Columns after the first start after the line that sets them off.
                let x = (usize::from(width) * i / n) as u16 + u16::from(i > 0);
                let right = (usize::from(width) * (i + 1) / n) as u16;
                let lanes = &Lane::ALL[i * per_column..(i + 1) * per_column];
                // The description heads the first column.
                let rows = column_rows(app, lanes, i == 0, right - x, screen);
                ZoomColumn {
                    x,
                    width: right - x,
                    rows,
                }
            })
            .collect();
        Some(ZoomLayout { title, columns })
    }

    /// The column under a column of the board area.
    pub fn column_at(&self, x: u16) -> Option<&ZoomColumn> {
        self.columns.iter().rfind(|c| c.x <= x)
    }
}

/// The rows of one column of the zoom, `width` wide: the lanes given (after the stage's
/// description when `description`), scrolled so the selected card shows whole when it is
/// in one of them, at most `screen` rows.
fn column_rows(
    app: &View<'_>,
    lanes: &[Lane],
    description: bool,
    width: u16,
    screen: usize,
) -> Vec<ZoomRow> {
    let Some(stage) = app.selected_stage() else {
        return Vec::new();
    };
    let sel = app.seat.selection;
    let wrap = usize::from(width.saturating_sub(6)).max(8);
    let mut rows: Vec<ZoomRow> = Vec::new();
    let mut push = |text: String, indent, kind, card| {
        rows.push(ZoomRow {
            text,
            indent,
            kind,
            card,
        })
    };
    if description && !stage.description.is_empty() {
        let description = budgeted(&stage.description, wrap * 4);
        for line in text::wrap(&text::sanitize(description), wrap + 4) {
            push(line, 1, RowKind::Description, None);
        }
    }
    for &lane in lanes {
        let cards = stage.lane(lane);
        let mut heading = format!("{} ({})", lane.title(), cards.len());
        // The stage's mean as the curve keeps it: not summed again for each frame.
        if lane == Lane::Emotions
            && let Some(Some(mean)) = app.room.curve().get(sel.stage)
        {
            heading.push_str(&format!(" · mean {}", present::mean_label(*mean)));
        }
        push(String::new(), 0, RowKind::Blank, None);
        let selected = lane == sel.lane;
        push(heading, 1, RowKind::Heading { selected }, None);
        if cards.is_empty() {
            push("(none yet: a adds one)".into(), 3, RowKind::Note, None);
            continue;
        }
        // A window of cards: around the selection in its lane, the first ones elsewhere.
        let (from, to) = if selected {
            (
                sel.index.saturating_sub(screen),
                (sel.index + screen).min(cards.len()),
            )
        } else {
            (0, screen.min(cards.len()))
        };
        if from > 0 {
            push(format!("↑ {from} more"), 3, RowKind::Note, None);
        }
        for (index, card) in cards.iter().enumerate().take(to).skip(from) {
            let card_ref = Some((lane, index));
            let prefix = if lane == Lane::Emotions {
                format!("{:>2} ", present::score_label(card.score))
            } else {
                "• ".into()
            };
            let body = budgeted(&card.text, wrap * screen);
            let lines = text::wrap_hanging(&text::sanitize(body), wrap - 3, wrap - 3);
            for (i, line) in lines.into_iter().enumerate() {
                let shown = if i == 0 {
                    format!("{prefix}{line}")
                } else {
                    format!("   {line}")
                };
                push(shown, 3, RowKind::Text, card_ref);
            }
            let mut short = Vec::new();
            for fact in present::card_facts(card, lane) {
                match fact {
                    Fact::Notes(notes) => {
                        let notes = budgeted(notes, wrap * screen);
                        for (i, line) in text::wrap(&text::sanitize(notes), wrap - 5)
                            .into_iter()
                            .enumerate()
                        {
                            let mark = if i == 0 { "✎ " } else { "  " };
                            push(format!("{mark}{line}"), 6, RowKind::Notes, card_ref);
                        }
                    }
                    Fact::Score(_) => {}
                    other => short.push(other.labelled()),
                }
            }
            // The facts wrap at their separators' words, as the notes do, never cut.
            if !short.is_empty() {
                for line in text::wrap(&text::sanitize(&short.join(" · ")), wrap - 1) {
                    push(line, 6, RowKind::Facts, card_ref);
                }
            }
        }
        if to < cards.len() {
            push(
                format!("↓ {} more", cards.len() - to),
                3,
                RowKind::Note,
                None,
            );
        }
    }
    // Scrolled so the selected card shows whole (its start first when it is taller
    // than the screen).
    let selected = |row: &ZoomRow| row.card == Some((sel.lane, sel.index));
    let first = rows.iter().position(selected);
    let last = rows.iter().rposition(selected);
    let offset = match (first, last) {
        (Some(first), Some(last)) => (last + 2).saturating_sub(screen).min(first),
        _ => 0,
    };
    rows.drain(..offset);
    rows.truncate(screen);
    rows
}

impl View<'_> {
    /// The card under a position of the zoomed screen.
    pub fn zoom_hit(&self, column: u16, row: u16) -> Option<super::Slot> {
        let board = self.geometry()?.regions.board;
        let layout = ZoomLayout::new(self, board.width, board.height)?;
        // The board's first row holds the stage's title, the next a rule; the lists start
        // under them.
        let index = usize::from(row.checked_sub(board.y)?).checked_sub(TOP_ROWS)?;
        let rows = &layout.column_at(column.checked_sub(board.x)?)?.rows;
        let (lane, index) = rows.get(index)?.card?;
        Some(super::Slot {
            stage: self.seat.selection.stage,
            lane,
            index,
        })
    }
}

/// The start of `s` that can show in `chars` characters or so.
fn budgeted(s: &str, chars: usize) -> &str {
    match s.char_indices().nth(chars * 2 + 4) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}
