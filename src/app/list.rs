//! A cursor over a full-screen card list shown a screenful at a time: a voting turn's cards,
//! the facilitator's counts and the results all move with it, so their keys and scrolling
//! cannot drift apart.

/// The selected row of a list, and the first row on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub cursor: usize,
    pub first: usize,
}

impl ListCursor {
    /// Back to the top of the list.
    pub fn reset(&mut self) {
        *self = ListCursor::default();
    }

    /// Moves the cursor by `delta` rows (up when negative), staying on the `len` rows.
    pub fn step(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// Puts the cursor on row `row`.
    pub fn set(&mut self, row: usize) {
        self.cursor = row;
    }

    /// Scrolls so that the cursor is among the `rows` rows shown.
    pub fn follow(&mut self, rows: usize) {
        self.first = self.first_shown(rows);
    }

    /// The first row to draw so that the cursor shows in `rows` rows (the list keeps its
    /// scroll at every key; a resize since may have left the cursor below).
    pub fn first_shown(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        if self.cursor >= self.first + rows {
            self.cursor + 1 - rows
        } else {
            self.first.min(self.cursor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_on_the_list_and_on_screen() {
        let mut list = ListCursor::default();
        list.step(-1, 10);
        assert_eq!(list.cursor, 0);
        list.step(25, 10);
        list.follow(4);
        assert_eq!((list.cursor, list.first), (9, 6));
        list.step(-4, 10);
        list.follow(4);
        assert_eq!((list.cursor, list.first), (5, 5));
        // A taller screen keeps the scroll; a shorter one scrolls to the cursor.
        assert_eq!(list.first_shown(20), 5);
        list.set(9);
        assert_eq!(list.first_shown(2), 8);
        list.step(1, 0);
        assert_eq!(list.cursor, 0);
    }
}
