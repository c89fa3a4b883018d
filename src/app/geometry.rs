//! The board's geometry: which stages and cards fit on the screen and where. Shared by the
//! update (to keep the selection in view and to hit-test the mouse) and by the renderer, so
//! what is drawn and what is clicked always agree. Pure arithmetic on the terminal size.

use super::card_layout::{CardLayout, lines_per_card};
use super::{App, Slot};
use crate::model::Lane;

/// Below this the board cannot be drawn usefully; the UI says how big it needs to be.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// Width of the lane titles on the left, border included.
pub const GUTTER: u16 = 15;
/// A stage column is never narrower than this.
pub const MIN_COLUMN: u16 = 26;
/// The narrowest column in big mode (`view --big`, for a projector).
pub const BIG_COLUMN: u16 = 44;
/// Rows at the top of the emotions band for the stage averages (one row) and the emotion
/// curve (the rest): more on taller terminals.
fn curve_rows(height: u16) -> u16 {
    match height {
        0..20 => 2,
        20..32 => 3,
        32..50 => 4,
        _ => 5,
    }
}
/// Header line, top border, stage names, their separator; then, below the bands, the bottom
/// border, the detail line and the status bar; and the three separators between bands.
const FIXED_ROWS: u16 = 4 + 3 + 3;
/// Row of the stage names.
pub const STAGE_ROW: u16 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    /// How many stage columns are visible at once.
    pub columns: usize,
    /// Top row and card-row count of each lane's band (the emotions band starts with the
    /// curve, so its cards begin `curve_rows` lower).
    pub bands: [(u16, u16); 4],
    pub curve_rows: u16,
}

impl Geometry {
    /// The layout for a terminal of this size, or `None` when it is too small.
    pub fn new(width: u16, height: u16, stages: usize) -> Option<Geometry> {
        Geometry::with_min_column(width, height, stages, MIN_COLUMN)
    }

    /// The layout with stage columns at least `min_column` wide.
    pub fn with_min_column(
        width: u16,
        height: u16,
        stages: usize,
        min_column: u16,
    ) -> Option<Geometry> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let columns = usize::from((width - GUTTER - 1) / min_column.max(1)).clamp(1, stages.max(1));
        let curve_rows = curve_rows(height);
        let card_rows = height - FIXED_ROWS - curve_rows;
        let mut bands = [(0, 0); 4];
        let mut top = STAGE_ROW + 2;
        for lane in Lane::ALL {
            let i = lane.index();
            let mut rows = card_rows / 4 + u16::from((i as u16) < card_rows % 4);
            if lane == Lane::Emotions {
                top += curve_rows;
            }
            rows = rows.max(1);
            bands[i] = (top, rows);
            top += rows + 1;
        }
        Some(Geometry {
            width,
            height,
            columns,
            bands,
            curve_rows,
        })
    }

    /// Left edge (the border) of visible column `i`; `columns` gives the right border.
    pub fn column_x(&self, i: usize) -> u16 {
        let avail = usize::from(self.width - GUTTER - 1);
        GUTTER + (i * avail / self.columns) as u16
    }

    /// First column inside visible column `i`, and how many columns it has up to the next
    /// border.
    pub fn column(&self, i: usize) -> (u16, u16) {
        let left = self.column_x(i) + 1;
        (left, self.column_x(i + 1) - left)
    }

    /// Row of the bottom border of the board.
    pub fn board_bottom(&self) -> u16 {
        let (top, rows) = self.bands[3];
        top + rows
    }

    pub fn card_rows(&self, lane: Lane) -> usize {
        usize::from(self.bands[lane.index()].1)
    }

    /// Top row of the emotion curve.
    pub fn curve_top(&self) -> u16 {
        self.bands[Lane::Emotions.index()].0 - self.curve_rows
    }

    /// First row of a lane's band: its title row (for emotions, the curve's first row).
    pub fn band_start(&self, lane: Lane) -> u16 {
        let (top, _) = self.bands[lane.index()];
        if lane == Lane::Emotions {
            top - self.curve_rows
        } else {
            top
        }
    }
}

impl App {
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry_at(self.size.0, self.size.1)
    }

    /// The layout of this map on a screen of the given size.
    pub fn geometry_at(&self, width: u16, height: u16) -> Option<Geometry> {
        let min_column = if self.big { BIG_COLUMN } else { MIN_COLUMN };
        Geometry::with_min_column(width, height, self.map.stages.len(), min_column)
    }

    /// The scroll offset a lane of `stage` is drawn with: only the selected stage scrolls.
    pub fn offset(&self, stage: usize, lane: Lane) -> usize {
        if stage == self.selection.stage {
            self.lane_offset[lane.index()]
        } else {
            0
        }
    }

    /// Scrolls columns and the selected lane so the selection is on screen.
    pub fn follow_selection(&mut self) {
        let Some(geo) = self.geometry() else { return };
        let stages = self.map.stages.len();
        let sel = self.selection;
        if sel.stage < self.first_stage {
            self.first_stage = sel.stage;
        } else if sel.stage >= self.first_stage + geo.columns {
            self.first_stage = sel.stage + 1 - geo.columns;
        }
        self.first_stage = self.first_stage.min(stages.saturating_sub(geo.columns));
        for lane in Lane::ALL {
            let rows = geo.card_rows(lane);
            let len = self.map.stages[sel.stage].lane(lane).len();
            let offset = &mut self.lane_offset[lane.index()];
            if lane == sel.lane {
                if sel.index < *offset {
                    *offset = sel.index;
                } else if sel.index >= *offset + rows {
                    *offset = sel.index + 1 - rows;
                }
            }
            *offset = (*offset).min(len.saturating_sub(rows));
        }
    }

    /// The stage whose column is under a screen column.
    pub fn stage_at(&self, column: u16) -> Option<usize> {
        let geo = self.geometry()?;
        if column <= GUTTER || column >= geo.column_x(geo.columns) {
            return None;
        }
        let visible = (0..geo.columns).rfind(|&i| geo.column_x(i) < column)?;
        Some(self.first_stage + visible).filter(|&stage| stage < self.map.stages.len())
    }

    /// The stage column, lane and card under a screen position. The card index may be past
    /// the end of the lane (a click on empty space in a band).
    pub fn hit(&self, column: u16, row: u16) -> Option<Slot> {
        let geo = self.geometry()?;
        let stage = self.stage_at(column)?;
        for lane in Lane::ALL {
            let (top, rows) = geo.bands[lane.index()];
            if (geo.band_start(lane)..top + rows).contains(&row) {
                let down = usize::from(row.saturating_sub(top));
                let index = self.offset(stage, lane) + self.cards_above(&geo, stage, lane, down);
                return Some(Slot { stage, lane, index });
            }
        }
        None
    }

    /// How many cards of a lane are drawn above `down` rows into its band (cards past the
    /// end count as one row each, like the empty rows they stand for).
    fn cards_above(&self, geo: &Geometry, stage: usize, lane: Lane, down: usize) -> usize {
        let cards = self.map.stages[stage].lane(lane);
        let max_lines = lines_per_card(geo.card_rows(lane), cards.len());
        if max_lines == 1 {
            return down;
        }
        // Wrapped cards: all of them fit, so the lane is not scrolled; walk their heights.
        let (_, width) = geo.column(stage - self.first_stage);
        let mut top = 0;
        for (index, card) in cards.iter().enumerate() {
            top += CardLayout::new(card, lane, width, max_lines).height();
            if down < top {
                return index;
            }
        }
        cards.len() + (down - top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eighty_by_twenty_four_shows_two_columns_and_a_few_cards_a_lane() {
        let geo = Geometry::new(80, 24, 5).expect("80x24 is big enough");
        assert_eq!(geo.columns, 2);
        assert_eq!(geo.bands.map(|(_, rows)| rows), [3, 3, 3, 2]);
        assert_eq!(geo.board_bottom(), 24 - 3);
        assert_eq!(geo.column_x(2), 79);
    }

    #[test]
    fn wide_terminals_show_every_stage_and_small_ones_none() {
        assert_eq!(Geometry::new(200, 60, 5).map(|g| g.columns), Some(5));
        assert_eq!(Geometry::new(200, 60, 1).map(|g| g.columns), Some(1));
        assert!(Geometry::new(59, 24, 5).is_none());
        assert!(Geometry::new(80, 15, 5).is_none());
    }
}
