//! The screen's geometry: its regions (header, board, strips, detail line, footer), and
//! which stages and cards fit on the board and where. Computed once per size and shared by
//! the update (to keep the selection in view and to hit-test the mouse) and by the renderer,
//! which draws into these rectangles, so what is drawn and what is clicked always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::card_layout::{CardLayout, lines_per_card};
use super::{Ctx, Slot, View};
use crate::model::Lane;

/// Below this the board cannot be drawn usefully; the UI says how big it needs to be.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// Width of the lane titles on the left, border included.
pub const GUTTER: u16 = 15;
/// The gutter with short lane titles, used when it brings every stage on screen.
pub const NARROW_GUTTER: u16 = 9;
/// A stage column is never narrower than this...
pub const MIN_COLUMN: u16 = 26;
/// ...unless this much narrower brings every stage on screen (with short lane titles).
/// Never so narrow that a card of 20 characters on one line is cut: a column 22 wide
/// (border included) leaves it 20, so five stages fit side by side from 120 columns.
pub const TIGHTER: u16 = 4;
/// The narrowest column in big mode (`view --big`, for a projector).
pub const BIG_COLUMN: u16 = 44;
/// Rows each card would like (its text wrapped): what a lane asks for when rows are shared.
const ROWS_PER_CARD: usize = super::card_layout::MAX_CARD_LINES;
/// Rows at the top of the emotions band for the emotion curve: one per score level where
/// there is room (+2 … −2), a coarse +2 / 0 / −2 where there is less.
fn curve_rows(height: u16) -> u16 {
    match height {
        0..20 => 2,
        20..32 => 3,
        _ => 5,
    }
}
/// Rows of the board's frame around its bands, besides the stage names and the curve: the
/// top border, the rule under the stage names, the three rules between bands, the bottom
/// border.
const FRAME_ROWS: u16 = 6;

/// The regions of the editor's screen, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    /// The title line.
    pub header: Rect,
    /// The board with its frame (or the zoomed stage).
    pub board: Rect,
    /// The persona strip and the text input under the board, in that order.
    pub strips: Rect,
    /// The selected card's details.
    pub detail: Rect,
    /// The status bar.
    pub footer: Rect,
}

/// The regions of a full-screen card list (a voting turn, the counts, the results).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListScreen {
    pub header: Rect,
    /// What the list is, and the line of column headings under it.
    pub title: Rect,
    pub heading: Rect,
    /// One card a row.
    pub list: Rect,
    /// "↓ 12 more" when the list goes on.
    pub more: Rect,
    pub footer: Rect,
}

impl ListScreen {
    /// The list screen in `area`, or `None` when it has room for the status bar alone.
    pub fn new(area: Rect) -> Option<ListScreen> {
        if area.height < 3 {
            return None;
        }
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let line = |y: u16| Rect {
            y: y.min(body.bottom()),
            height: u16::from(y < body.bottom()),
            ..body
        };
        let title = line(body.y);
        let heading = line(body.y + 1);
        let list = Rect {
            y: heading.bottom(),
            height: body.height.saturating_sub(3),
            ..body
        };
        Some(ListScreen {
            header,
            title,
            heading,
            list,
            more: line(list.bottom()),
            footer,
        })
    }

    /// How many rows a list shows on a screen `width` x `height` (at least one, so a key
    /// moves the list on any screen).
    pub fn rows(width: u16, height: u16) -> usize {
        ListScreen::new(Rect::new(0, 0, width, height))
            .map_or(1, |s| usize::from(s.list.height).max(1))
    }
}

/// What the layout depends on besides the terminal's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Demand {
    pub stages: usize,
    /// The narrowest a stage column may be.
    pub min_column: u16,
    /// The most cards any stage holds in each lane.
    pub cards: [usize; 4],
    /// Display width of the longest stage name with its number (` 3 Purchase…`).
    pub longest_name: usize,
    /// Rows wanted under the board: the persona strip, then the text input.
    pub persona_rows: u16,
    pub input_rows: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    /// Where the header, the board, the strips, the detail line and the footer are.
    pub regions: Regions,
    /// How many stage columns are visible at once.
    pub columns: usize,
    /// Column of the border between the lane titles and the first stage.
    pub gutter: u16,
    /// Rows of the stage names: two when a name would be cut and there is room.
    pub stage_rows: u16,
    /// Top row and card-row count of each lane's band (the emotions band starts with the
    /// curve, so its cards begin `curve_rows` lower).
    pub bands: [(u16, u16); 4],
    pub curve_rows: u16,
    /// Rows between the board's bottom border and the detail line: the persona strip and
    /// the text input, in that order.
    pub persona_rows: u16,
    pub input_rows: u16,
}

impl Geometry {
    /// The layout for a terminal of this size, or `None` when it is too small.
    pub fn new(width: u16, height: u16, stages: usize) -> Option<Geometry> {
        Geometry::with_min_column(width, height, stages, MIN_COLUMN)
    }

    /// The layout with stage columns at least `min_column` wide, lanes sharing rows evenly.
    pub fn with_min_column(
        width: u16,
        height: u16,
        stages: usize,
        min_column: u16,
    ) -> Option<Geometry> {
        Geometry::for_demand(
            width,
            height,
            Demand {
                stages,
                min_column,
                ..Demand::default()
            },
        )
    }

    /// The layout rule. Columns: as many stages as fit at `min_column`; when that is not
    /// all of them but columns a little narrower with short lane titles would be, those.
    /// Stage names take two rows when one would cut a name and the screen has 30 rows or
    /// more. Rows: each lane
    /// gets what its fullest stage asks for (two rows a card, at least one) when there is
    /// room; when there is not, lanes asking for little get it all and the others share the
    /// rest evenly. Rows under the board (persona, text input) never squeeze the bands
    /// below a row each.
    pub fn for_demand(width: u16, height: u16, demand: Demand) -> Option<Geometry> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let stages = demand.stages.max(1);
        let min_column = demand.min_column.max(1);
        let fit = |gutter: u16, min: u16| usize::from((width - gutter - 1) / min).clamp(1, stages);
        let tight = min_column.saturating_sub(TIGHTER).max(1);
        let (gutter, columns) =
            if fit(GUTTER, min_column) < stages && fit(NARROW_GUTTER, tight) == stages {
                (NARROW_GUTTER, stages)
            } else {
                (GUTTER, fit(GUTTER, min_column))
            };
        let inner = usize::from((width - gutter - 1) / columns as u16).saturating_sub(1);
        let stage_rows = if height >= 30 && demand.longest_name > inner {
            2
        } else {
            1
        };
        let curve_rows = curve_rows(height);
        // The board's own rows besides the cards: it needs a row a lane on top of them.
        let frame = FRAME_ROWS + stage_rows + curve_rows;
        // Header, detail line and footer take a row each; the rest is the board's and the
        // strips'. Strips never squeeze the bands below a row each.
        let mut spare = (height - 3).saturating_sub(frame + 4);
        let persona_rows = demand.persona_rows.min(spare);
        spare -= persona_rows;
        let input_rows = demand.input_rows.min(spare);
        let [header, board, strips, detail, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(persona_rows + input_rows),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(Rect::new(0, 0, width, height));
        let regions = Regions {
            header,
            board,
            strips,
            detail,
            footer,
        };
        let card_rows = board.height - frame;
        let want = demand.cards.map(|n| {
            n.saturating_mul(ROWS_PER_CARD)
                .clamp(1, usize::from(card_rows)) as u16
        });
        let shares = share(card_rows, want);
        let mut bands = [(0, 0); 4];
        // Under the top border, the stage names and the rule under them.
        let mut top = board.y + 1 + stage_rows + 1;
        for lane in Lane::ALL {
            let i = lane.index();
            if lane == Lane::Emotions {
                top += curve_rows;
            }
            bands[i] = (top, shares[i]);
            top += shares[i] + 1;
        }
        Some(Geometry {
            width,
            height,
            regions,
            columns,
            gutter,
            stage_rows,
            bands,
            curve_rows,
            persona_rows,
            input_rows,
        })
    }

    /// Left edge (the border) of visible column `i`; `columns` gives the right border.
    pub fn column_x(&self, i: usize) -> u16 {
        let avail = usize::from(self.width - self.gutter - 1);
        self.gutter + (i * avail / self.columns) as u16
    }

    /// First column inside visible column `i`, and how many columns it has up to the next
    /// border.
    pub fn column(&self, i: usize) -> (u16, u16) {
        let left = self.column_x(i) + 1;
        (left, self.column_x(i + 1) - left)
    }

    /// Row of the board's top border.
    pub fn board_top(&self) -> u16 {
        self.regions.board.y
    }

    /// Rows of the stage names, under the top border.
    pub fn stage_names(&self) -> std::ops::Range<u16> {
        let first = self.board_top() + 1;
        first..first + self.stage_rows
    }

    /// Row of the bottom border of the board.
    pub fn board_bottom(&self) -> u16 {
        self.regions.board.bottom() - 1
    }

    /// First row of the persona strip (then the text input) under the board.
    pub fn below_top(&self) -> u16 {
        self.regions.strips.y
    }

    /// Row of the detail line.
    pub fn detail_row(&self) -> u16 {
        self.regions.detail.y
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

    /// Whether the lane titles are the short ones.
    pub fn narrow_gutter(&self) -> bool {
        self.gutter < GUTTER
    }
}

/// Shares `total` rows between lanes that want `want` (each at least 1, and `total` at
/// least 4): lanes wanting no more than a fair share get what they want, the others split
/// what is left evenly; rows nobody wants are spread over all lanes.
fn share(total: u16, want: [u16; 4]) -> [u16; 4] {
    let mut rows = [0u16; 4];
    let mut left = total;
    let mut open: Vec<usize> = (0..4).collect();
    while !open.is_empty() {
        let fair = left / open.len() as u16;
        let (small, big): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&i| want[i] <= fair);
        if small.is_empty() {
            let extra = left % open.len() as u16;
            for (k, &i) in open.iter().enumerate() {
                rows[i] = fair + u16::from((k as u16) < extra);
            }
            return rows;
        }
        for i in small {
            rows[i] = want[i];
            left -= want[i];
        }
        open = big;
    }
    for k in 0..left {
        rows[usize::from(k % 4)] += 1;
    }
    rows
}

impl Ctx<'_> {
    /// Scrolls columns and the selected lane so the selection is on screen.
    pub fn follow_selection(&mut self) {
        let Some(geo) = self.view().geometry() else {
            return;
        };
        let stages = self.room.map.stages.len();
        let sel = self.seat.selection;
        if sel.stage < self.seat.first_stage {
            self.seat.first_stage = sel.stage;
        } else if sel.stage >= self.seat.first_stage + geo.columns {
            self.seat.first_stage = sel.stage + 1 - geo.columns;
        }
        self.seat.first_stage = self
            .seat
            .first_stage
            .min(stages.saturating_sub(geo.columns));
        for lane in Lane::ALL {
            let rows = geo.card_rows(lane);
            let len = self.room.map.stages[sel.stage].lane(lane).len();
            let offset = &mut self.seat.lane_offset[lane.index()];
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
}
impl View<'_> {
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry_at(self.seat.size.0, self.seat.size.1)
    }

    /// The layout of this map on a screen of the given size.
    pub fn geometry_at(&self, width: u16, height: u16) -> Option<Geometry> {
        let min_column = if self.seat.big {
            BIG_COLUMN
        } else {
            MIN_COLUMN
        };
        let mut cards = [0; 4];
        for stage in &self.room.map.stages {
            for lane in Lane::ALL {
                cards[lane.index()] = cards[lane.index()].max(stage.lane(lane).len());
            }
        }
        let longest_name = self
            .room
            .map
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| crate::text::width(&s.name) + 2 + (i + 1).to_string().len())
            .max()
            .unwrap_or(0);
        let demand = Demand {
            stages: self.room.map.stages.len(),
            longest_name,
            min_column,
            cards,
            persona_rows: if self.seat.show_persona {
                super::board_view::persona_rows(self)
            } else {
                0
            },
            input_rows: super::board_view::input_rows(self, width),
        };
        Geometry::for_demand(width, height, demand)
    }

    /// The scroll offset a lane of `stage` is drawn with: only the selected stage scrolls.
    pub fn offset(&self, stage: usize, lane: Lane) -> usize {
        if stage == self.seat.selection.stage {
            self.seat.lane_offset[lane.index()]
        } else {
            0
        }
    }

    /// The stage whose column is under a screen column.
    pub fn stage_at(&self, column: u16) -> Option<usize> {
        let geo = self.geometry()?;
        if self.seat.zoom || column <= geo.gutter || column >= geo.column_x(geo.columns) {
            return None;
        }
        let visible = (0..geo.columns).rfind(|&i| geo.column_x(i) < column)?;
        Some(self.seat.first_stage + visible).filter(|&stage| stage < self.room.map.stages.len())
    }

    /// The stage column, lane and card under a screen position. The card index may be past
    /// the end of the lane (a click on empty space in a band).
    pub fn hit(&self, column: u16, row: u16) -> Option<Slot> {
        if self.seat.zoom {
            return self.zoom_hit(column, row);
        }
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
        let cards = self.room.map.stages[stage].lane(lane);
        let max_lines = lines_per_card(geo.card_rows(lane), cards.len());
        if max_lines == 1 {
            return down;
        }
        // Wrapped cards: all of them fit, so the lane is not scrolled; walk their heights.
        let (_, width) = geo.column(stage - self.seat.first_stage);
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

    #[test]
    fn short_lane_titles_only_when_they_bring_the_whole_journey_on_screen() {
        let at = |w, h| Geometry::new(w, h, 5).map(|g| (g.columns, g.gutter));
        assert_eq!(at(120, 40), Some((5, NARROW_GUTTER)));
        assert_eq!(at(100, 30), Some((3, GUTTER)));
        assert_eq!(at(80, 24), Some((2, GUTTER)));
        assert_eq!(at(160, 45), Some((5, GUTTER)));
    }

    #[test]
    fn the_regions_tile_the_screen_and_the_board_ends_where_its_bands_do() {
        for (width, height) in [(60, 16), (80, 24), (120, 40), (200, 60)] {
            for (persona_rows, input_rows) in [(0, 0), (2, 3), (9, 9)] {
                let demand = Demand {
                    stages: 5,
                    min_column: MIN_COLUMN,
                    cards: [2, 0, 9, 1],
                    persona_rows,
                    input_rows,
                    ..Demand::default()
                };
                let geo = Geometry::for_demand(width, height, demand).expect("fits");
                let r = geo.regions;
                let order = [r.header, r.board, r.strips, r.detail, r.footer];
                assert_eq!(order[0].y, 0);
                for pair in order.windows(2) {
                    assert_eq!(pair[0].bottom(), pair[1].y, "{width}x{height}");
                }
                assert_eq!(r.footer.bottom(), height);
                assert!(order.iter().all(|a| a.width == width));
                assert_eq!(
                    geo.board_bottom(),
                    geo.band_start(Lane::Opportunities) + geo.bands[3].1
                );
                assert_eq!(r.strips.height, geo.persona_rows + geo.input_rows);
                assert!(geo.bands.iter().all(|&(_, rows)| rows >= 1));
            }
        }
    }

    #[test]
    fn a_list_screen_has_a_title_a_heading_the_list_and_a_line_for_more() {
        let s = ListScreen::new(Rect::new(0, 0, 80, 24)).expect("room");
        assert_eq!((s.header.y, s.title.y, s.heading.y), (0, 1, 2));
        assert_eq!((s.list.y, s.list.height), (3, 19));
        assert_eq!((s.more.y, s.footer.y), (22, 23));
        assert_eq!(ListScreen::rows(80, 24), 19);
        // A screen too short for a list still moves it a row at a time.
        assert_eq!(ListScreen::rows(80, 4), 1);
        assert!(ListScreen::new(Rect::new(0, 0, 80, 2)).is_none());
    }

    #[test]
    fn lanes_share_rows_by_what_they_hold() {
        // Small lanes get what they ask for; the full ones share the rest.
        assert_eq!(share(20, [1, 20, 2, 20]), [1, 9, 2, 8]);
        // Everything fits: what is left over is spread.
        assert_eq!(share(12, [1, 2, 1, 4]), [2, 3, 2, 5]);
        assert_eq!(share(4, [1, 1, 1, 1]), [1, 1, 1, 1]);
        let geo = Geometry::for_demand(
            120,
            40,
            Demand {
                stages: 5,
                min_column: MIN_COLUMN,
                cards: [3, 0, 6, 1],
                ..Demand::default()
            },
        )
        .expect("fits");
        let rows = geo.bands.map(|(_, rows)| rows);
        // Everything but the header, the detail line, the footer, the board's frame, its
        // stage names and the curve.
        assert_eq!(rows.iter().sum::<u16>(), 40 - 3 - FRAME_ROWS - 1 - 5);
        assert!(rows[1] < rows[0] && rows[0] < rows[2], "{rows:?}");
    }
}
