//! The projector follows the facilitator. A running editor describes its screen in a view
//! file (its seat's place on the board, the timer, the phase, how far a voting round is);
//! `view --follow` reads it beside the map and shows the same stage, zoom and card, the
//! timer counting down and the phase, and while the votes are hidden (a round with hidden
//! votes, private writing) no vote total on any card.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::phase::Phase;
use super::timer::Timer;
use super::{Ctx, Slot, View};
use crate::format::{TimerFile, ViewFile};
use crate::model::{Lane, Map};
use crate::present;

/// What the projector shows of the facilitator's workshop besides the map and the place on
/// the board.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    /// The workshop's phase as the editor names it.
    pub phase: String,
    /// A voting round under way: how far it is, without a total ("3 of 5 done").
    pub round: Option<String>,
    /// Private writing: how many cards wait for the reveal.
    pub drafts: Option<String>,
    /// The followed map with its votes, kept aside while the board shows it without them.
    hidden: Option<Map>,
    /// Whether the vote totals are hidden.
    hide_votes: bool,
}

impl Projection {
    /// Whether the board shows the map without its vote totals.
    pub fn hides_votes(&self) -> bool {
        self.hide_votes
    }

    /// What the header says of the workshop: "voting in progress: 3 of 5 done", "private
    /// writing · 14 cards from 5 people", the phase, or nothing in an open workshop.
    pub fn line(&self) -> Option<String> {
        if let Some(round) = &self.round {
            return Some(format!("voting in progress: {round}"));
        }
        let open = self.phase.is_empty() || self.phase == Phase::Open.label();
        match &self.drafts {
            Some(drafts) => Some(format!("{} · {drafts}", self.phase)),
            None => (!open).then(|| self.phase.clone()),
        }
    }
}

/// What changes the view file, apart from time passing: when it differs from the one last
/// written, the file is written again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    selection: Slot,
    zoom: bool,
    first_stage: usize,
    timer: Timer,
    room: (u64, u64, Option<u64>),
    round: Option<u64>,
}

impl View<'_> {
    /// What the view file holds changes exactly when this does (or time passes).
    pub fn shown_to_projector(&self) -> Shown {
        Shown {
            selection: self.seat.selection,
            zoom: self.seat.zoom,
            first_stage: self.seat.first_stage,
            timer: self.room.timer,
            room: self.room.shown(),
            round: self.round_revision(),
        }
    }

    /// The view file of this seat's screen: `now` on the room's clock, `written` on the
    /// wall clock, both the moment it is written.
    pub fn view_file(&self, now: Instant, written: SystemTime) -> ViewFile {
        let room = self.room;
        let selection = self.seat.selection;
        let round = room
            .round
            .as_ref()
            .filter(|_| self.round_revision().is_some());
        let progress = round.map(|round| {
            if round.live {
                // Participants only: the facilitator is not one of the voters.
                let here = room.live.as_ref().map_or(0, |live| live.here());
                round.progress(here.saturating_sub(1))
            } else {
                format!("{} taken", present::count(round.done.len(), "turn"))
            }
        });
        let writing = room.phase() == Phase::Writing;
        ViewFile {
            stage: selection.stage,
            lane: selection.lane.key().to_string(),
            index: selection.index,
            zoom: self.seat.zoom,
            first_stage: self.seat.first_stage,
            written_ms: millis(written.duration_since(UNIX_EPOCH).unwrap_or_default()),
            timer: room.timer.left(now).map(|(left, running)| TimerFile {
                left_ms: millis(left),
                running,
            }),
            phase: room.phase().label().to_string(),
            hide_votes: writing || round.is_some_and(|r| r.settings.hide_votes),
            round: progress,
            drafts: writing.then(|| room.drafts_count()),
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `map` without any vote total.
fn without_votes(mut map: Map) -> Map {
    for stage in &mut map.stages {
        for lane in Lane::ALL {
            if stage.lane(lane).iter().any(|card| card.votes > 0) {
                for card in stage.lane_mut(lane) {
                    card.votes = 0;
                }
            }
        }
    }
    map
}

impl Ctx<'_> {
    /// `view --follow`: what the facilitator's editor shows (read at `now` on the room's
    /// clock, `wall` on the wall clock), or `None` once no editor is there.
    pub(super) fn project(&mut self, file: Option<ViewFile>, now: Instant, wall: SystemTime) {
        self.room.now = Some(self.room.now.map_or(now, |t| t.max(now)));
        let Some(file) = file else {
            if let Some(gone) = self.room.projection.take() {
                // The editor's timer and phase go with it; the map it left stays.
                self.room.timer = Timer::default();
                if let Some(map) = gone.hidden {
                    self.room.replace_map(map, true);
                }
                self.clamp_selection();
                self.follow_selection();
            }
            return;
        };
        self.seat.selection = Slot {
            stage: file.stage,
            lane: Lane::from_key(&file.lane).unwrap_or(self.seat.selection.lane),
            index: file.index,
        };
        self.seat.zoom = file.zoom;
        self.seat.first_stage = file.first_stage;
        self.clamp_selection();
        self.follow_selection();
        if let Some(timer) = file.timer {
            let mut left = Duration::from_millis(timer.left_ms);
            if timer.running {
                // Counted down from when the file was written (a clock set back counts
                // nothing).
                let written = UNIX_EPOCH + Duration::from_millis(file.written_ms);
                left = left.saturating_sub(wall.duration_since(written).unwrap_or_default());
            }
            self.room.timer = Timer::mirror(left, timer.running, now);
        }
        let projection = self.room.projection.get_or_insert_with(Projection::default);
        projection.phase = file.phase;
        projection.round = file.round;
        projection.drafts = file.drafts;
        let was_hidden = std::mem::replace(&mut projection.hide_votes, file.hide_votes);
        if file.hide_votes && !was_hidden {
            let map = self.room.map.clone();
            self.show_followed(map);
        } else if !file.hide_votes && was_hidden {
            let hidden = self.room.projection.as_mut().and_then(|p| p.hidden.take());
            if let Some(map) = hidden {
                self.room.replace_map(map, true);
            }
        }
    }

    /// `view --follow` shows `map`, without its vote totals while the facilitator's editor
    /// hides them (kept aside for when they show again).
    pub(super) fn show_followed(&mut self, map: Map) {
        match self.room.projection.as_mut().filter(|p| p.hide_votes) {
            Some(projection) => {
                projection.hidden = Some(map.clone());
                self.room.replace_map(without_votes(map), true);
            }
            None => self.room.replace_map(map, true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App, Event};
    use crate::model::{Card, Stage};

    fn map() -> Map {
        let mut map = Map::new("Workshop");
        for name in ["One", "Two", "Three", "Four", "Five"] {
            let mut stage = Stage::new(name);
            let mut pain = Card::new(format!("{name} hurts"));
            pain.votes = 4;
            stage
                .lane_mut(Lane::PainPoints)
                .push(Card::new(format!("{name} first")));
            stage.lane_mut(Lane::PainPoints).push(pain);
            map.stages.push(stage);
        }
        map
    }

    fn votes(map: &Map) -> u32 {
        map.stages
            .iter()
            .flat_map(|s| Lane::ALL.map(|l| s.lane(l).clone()))
            .flatten()
            .map(|c| u32::from(c.votes))
            .sum()
    }

    #[test]
    fn the_projector_takes_the_facilitators_place_timer_and_hidden_votes() {
        let t0 = Instant::now();
        let wall = SystemTime::now();
        let mut editor = App::new(map(), None);
        editor.event(Event::Resize {
            width: 120,
            height: 40,
        });
        editor.event(Event::Tick(t0));
        editor.update(Action::JumpStage(3));
        editor.update(Action::NextLane);
        editor.update(Action::NextLane);
        editor.update(Action::Down);
        editor.update(Action::Timer);
        editor.update(Action::TimerToggle);
        editor.update(Action::Cancel);
        let file = editor.view().view_file(t0 + Duration::from_secs(2), wall);
        assert_eq!(
            (file.stage, file.lane.as_str(), file.index),
            (3, "pain_points", 1)
        );
        assert!(file.timer.is_some_and(|t| t.running));
        assert!(!file.hide_votes && file.round.is_none());

        let mut viewer = App::new(map(), None);
        viewer.room.read_only = true;
        viewer.event(Event::Resize {
            width: 80,
            height: 24,
        });
        // Read three seconds after it was written: the countdown went on meanwhile.
        let read = t0 + Duration::from_secs(50);
        viewer.event(Event::Projected {
            view: Some(Box::new(file.clone())),
            now: read,
            wall: wall + Duration::from_secs(3),
        });
        assert_eq!(viewer.seat.selection, editor.seat.selection);
        assert_eq!(
            viewer.view().selected_card().map(|c| c.text.as_str()),
            Some("Four hurts")
        );
        let shown = editor
            .room
            .timer
            .display(t0 + Duration::from_secs(5))
            .expect("used");
        assert_eq!(viewer.room.timer.display(read), Some(shown));

        // A round with hidden votes: no totals on the projector, until it ends.
        let hidden = ViewFile {
            hide_votes: true,
            round: Some("2 turns taken".into()),
            phase: "open".into(),
            ..file.clone()
        };
        viewer.event(Event::Projected {
            view: Some(Box::new(hidden.clone())),
            now: read,
            wall,
        });
        assert_eq!(votes(&viewer.room.map), 0);
        let projection = viewer.room.projection.as_ref().expect("following");
        assert_eq!(
            projection.line().as_deref(),
            Some("voting in progress: 2 turns taken")
        );
        // A new copy of the map while they are hidden comes without them too.
        viewer.event(Event::Follow {
            map: Box::new(map()),
            source: crate::app::board_view::Source::LiveFromEditor,
        });
        assert_eq!(votes(&viewer.room.map), 0);
        viewer.event(Event::Projected {
            view: Some(Box::new(file)),
            now: read,
            wall,
        });
        assert_eq!(votes(&viewer.room.map), 20);
        assert_eq!(
            viewer.room.projection.as_ref().and_then(Projection::line),
            None
        );

        // The editor is gone: its timer and phase go, the map stays.
        viewer.event(Event::Projected {
            view: Some(Box::new(hidden)),
            now: read,
            wall,
        });
        viewer.event(Event::Projected {
            view: None,
            now: read,
            wall,
        });
        assert!(viewer.room.projection.is_none());
        assert_eq!(viewer.room.timer.display(read), None);
        assert_eq!(votes(&viewer.room.map), 20);
    }

    #[test]
    fn the_view_file_says_private_writing_and_zoom_but_holds_no_card_text() {
        let mut editor = App::new(map(), None);
        editor.event(Event::Tick(Instant::now()));
        editor.update(Action::Zoom);
        editor.update(Action::Phase(Phase::Writing));
        assert_eq!(editor.room.phase(), Phase::Writing);
        let file = editor.view().view_file(Instant::now(), SystemTime::now());
        assert!(file.zoom && file.hide_votes);
        assert_eq!(file.phase, "private writing");
        assert_eq!(file.drafts.as_deref(), Some("0 cards from 0 people"));
        assert_eq!(file.timer, None, "the timer was never used");
        let text = crate::format::view_to_string(&file);
        assert!(!text.contains("hurts") && !text.contains("One"), "{text}");
    }

    #[test]
    fn private_writing_hides_the_totals_and_says_how_many_cards_wait() {
        let projection = Projection {
            phase: Phase::Writing.label().into(),
            drafts: Some("14 cards from 5 people".into()),
            ..Projection::default()
        };
        assert_eq!(
            projection.line().as_deref(),
            Some("private writing · 14 cards from 5 people")
        );
        let open = Projection {
            phase: "open".into(),
            ..Projection::default()
        };
        assert_eq!(open.line(), None);
    }
}
