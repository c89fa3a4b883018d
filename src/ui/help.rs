//! The `?` overlay: every key of the board, from the same table the keys are read from.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::dialogs::framed;
use super::{Theme, put};
use crate::keymap::{self, NORMAL};

/// What the mouse does, which the board's table does not list.
const MOUSE: &[(&str, &str)] = &[("click", "select a card"), ("wheel", "scroll a lane")];

/// What the text inputs do beyond typing.
const TEXT_INPUT: &[(&str, &str)] = &[
    ("paste", "cards, one per line"),
    ("Ctrl-←/→", "word left/right"),
    ("Ctrl-w", "delete word"),
    ("Ctrl-u / Ctrl-k", "delete to start/end"),
];

/// Every key of the board; on a read-only board only the keys that work there.
pub fn render(buf: &mut Buffer, area: Rect, read_only: bool, theme: &Theme) {
    let extra = if read_only {
        MOUSE.iter().chain(&[])
    } else {
        MOUSE.iter().chain(TEXT_INPUT)
    };
    let rows: Vec<(String, &str)> = NORMAL
        .iter()
        .filter(|b| !(read_only && b.action.changes_map()))
        .map(|b| (keymap::keys_label(b), b.help))
        .chain(extra.map(|(k, h)| (k.to_string(), *h)))
        .collect();
    let two_columns = area.width >= 80 && rows.len() > usize::from(area.height.saturating_sub(4));
    let per_column = if two_columns {
        rows.len().div_ceil(2)
    } else {
        rows.len()
    };
    let inner = framed(
        buf,
        area,
        area.width.saturating_sub(6),
        per_column as u16,
        "Keys (any key closes)",
        theme,
    );
    let widest = rows
        .iter()
        .map(|(k, _)| crate::text::width(k))
        .max()
        .unwrap_or(0) as u16;
    let column_width = if two_columns {
        inner.width / 2
    } else {
        inner.width
    };
    for (i, (keys, help)) in rows.iter().enumerate() {
        let (column, row) = (i / per_column, i % per_column);
        let y = inner.y + row as u16;
        if y >= inner.bottom() {
            continue;
        }
        let x = inner.x + column as u16 * column_width;
        let key_width = widest.min(column_width / 2);
        put(buf, x, y, keys, key_width, theme.key);
        put(
            buf,
            x + key_width + 1,
            y,
            help,
            column_width.saturating_sub(key_width + 2),
            theme.card,
        );
    }
}
