//! The `?` overlay: every key of every mode, from the same tables the keys are read from,
//! under a heading per mode. It scrolls when the terminal is too short for all of it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::dialogs::framed;
use super::{Theme, put};
use crate::keymap::{self, TABLES};
use crate::text;

/// What the mouse and a paste do, which no key table lists, by the section they belong to.
const NOT_KEYS: &[(usize, &str, &str)] = &[
    (0, "click", "select a card"),
    (0, "wheel", "scroll a lane"),
    (1, "paste", "text; on a new card, a card per line"),
];

/// The narrowest column of the overlay; wider terminals get more columns side by side, as
/// many as fit their widest row whole.
const COLUMN: u16 = 48;

enum Row {
    Heading(&'static str),
    /// The keys, what they do, and the widths of the keys' column and of the longest
    /// help in this row's section.
    Key(String, &'static str, usize, usize),
    Gap,
}

/// Every row of the help; on a read-only board only the keys that work there.
fn rows(read_only: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for (section, (heading, table)) in TABLES.iter().enumerate() {
        let mut keys: Vec<(String, &str)> = table
            .iter()
            .filter(|b| !(read_only && b.action.changes_map()))
            .map(|b| (keymap::keys_label(b), b.help))
            .collect();
        keys.extend(
            NOT_KEYS
                .iter()
                .filter(|(s, ..)| *s == section)
                .map(|(_, k, h)| (k.to_string(), *h)),
        );
        // A read-only board never types text nor opens the menus that change the map.
        if keys.is_empty() || (read_only && section > 0) {
            continue;
        }
        if !rows.is_empty() {
            rows.push(Row::Gap);
        }
        rows.push(Row::Heading(heading));
        let widest = keys.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
        let longest = keys.iter().map(|(_, h)| text::width(h)).max().unwrap_or(0);
        rows.extend(
            keys.into_iter()
                .map(|(k, h)| Row::Key(k, h, widest, longest)),
        );
    }
    rows
}

/// Draws the overlay, scrolled down by `scroll` rows (kept within what there is).
pub fn render(buf: &mut Buffer, area: Rect, read_only: bool, scroll: usize, theme: &Theme) {
    let rows = rows(read_only);
    let inner_width = area.width.saturating_sub(8);
    let height = usize::from(area.height.saturating_sub(4)).max(1);
    // As many columns side by side as fit whole rows (and as the rows need).
    let widest_row = rows
        .iter()
        .map(|r| match r {
            Row::Key(_, help, keys, _) => keys + 1 + text::width(help) + 2,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(usize::from(COLUMN)) as u16;
    let columns = usize::from((inner_width / widest_row).max(1)).min(rows.len().div_ceil(height));
    let per_column = rows.len().div_ceil(columns).min(height);
    let shown = per_column * columns;
    let scroll = scroll.min(rows.len().saturating_sub(shown));
    let title = if rows.len() > shown {
        "Keys (↑↓ scroll, Esc closes)"
    } else {
        "Keys (Esc closes)"
    };
    let inner = framed(
        buf,
        area,
        area.width.saturating_sub(6),
        per_column as u16,
        title,
        theme,
    );
    let column_width = inner.width / columns as u16;
    for (i, row) in rows.iter().skip(scroll).take(shown).enumerate() {
        let (column, line) = (i / per_column, i % per_column);
        let y = inner.y + line as u16;
        let x = inner.x + column as u16 * column_width;
        match row {
            Row::Heading(heading) => {
                put(
                    buf,
                    x,
                    y,
                    heading,
                    column_width.saturating_sub(1),
                    theme.header,
                );
            }
            Row::Key(keys, help, widest, longest) => {
                // The keys take up to half the column; when that leaves the section's
                // longest help too little room, the keys give way (down to a third).
                let column = usize::from(column_width);
                let mut key_width = (*widest).min(column / 2);
                if key_width + 2 + longest > column {
                    key_width = column
                        .saturating_sub(longest + 2)
                        .max(column / 3)
                        .min(*widest);
                }
                let key_width = key_width as u16;
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
            Row::Gap => {}
        }
    }
}
