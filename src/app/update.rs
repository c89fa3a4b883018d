//! A seat's keys and the loop's events: the one place where they change the room and the
//! seat (`step.rs` runs each of them).

use super::history::Outcome;
use super::{Action, Ctx, Edit, Effect, Event, LineInput, Mode, Role, Slot, Target};
use crate::model::{CardField, Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Status};
use crate::present;

/// Rows the help scrolls on PageDown / PageUp.
const HELP_PAGE: usize = 10;

impl Ctx<'_> {
    pub(super) fn event(&mut self, event: Event) -> Option<Effect> {
        // These never go through a mode's keys: each says what it changes.
        match event {
            Event::Resize { width, height } => {
                self.seat.size = (width, height);
                self.follow_selection();
                None
            }
            Event::Tick(now) => {
                self.room.now = Some(now);
                if self.room.timer.tick(now) {
                    self.room.rings += 1;
                    self.set_error("Time's up");
                    return Some(Effect::Bell);
                }
                None
            }
            Event::Saved(result) => self.saved(result),
            Event::OfferRecovery { summary, age, of } => {
                self.seat.mode = Mode::RecoveryOffer { summary, age, of };
                None
            }
            Event::Exported(outcome) => self.exported(outcome),
            Event::CannotWrite(why) => {
                self.set_error(format!("{why}: Ctrl-s will ask where to save"));
                self.room.cannot_write = Some(why);
                None
            }
            Event::AlreadyOpen { pid } => {
                self.seat.mode = Mode::AlreadyOpen { pid };
                None
            }
            Event::SaveConflict { deleted } => {
                self.seat.mode = Mode::ChangedOnDisk { deleted };
                None
            }
            Event::FileExists => {
                self.seat.mode = Mode::FileExists;
                None
            }
            Event::ChangedOnDisk { deleted } => {
                // The board no longer matches the file: quitting must ask.
                if !self.room.read_only {
                    self.room.history.mark_unsaved();
                }
                self.set_error(if deleted {
                    "the file was deleted on disk: Ctrl-s writes it again"
                } else {
                    "the file changed on disk: Ctrl-s asks what to do"
                });
                None
            }
            Event::PasteArriving(chars) => {
                self.set_status(format!(
                    "a paste is arriving: {chars} characters so far (Esc ends it)"
                ));
                None
            }
            Event::Warn(message) => {
                self.set_error(message);
                None
            }
            Event::Replace { map, saved } => {
                // Says which it was, replacing any "could not reload" still showing.
                self.seat.set_status(if saved {
                    "reloaded the file from disk"
                } else {
                    "recovery copy restored: not saved yet (Ctrl-s saves it)"
                });
                self.room.replace_map(*map, saved);
                self.clamp_selection();
                self.follow_selection();
                None
            }
            Event::OfferRound(file) => {
                self.offer_round(*file);
                None
            }
            Event::Follow { map, source } => {
                // A good reload ends any "could not reload" still showing.
                if matches!(self.seat.status, Some((_, super::StatusKind::Error))) {
                    self.seat.status = None;
                }
                self.show_followed(*map);
                self.room.source = Some(source);
                self.clamp_selection();
                self.follow_selection();
                None
            }
            Event::Projected { view, now, wall } => {
                self.project(view.map(|v| *v), now, wall);
                None
            }
        }
    }

    pub(super) fn apply(&mut self, action: Action) -> Option<Effect> {
        if action == Action::Redraw {
            return Some(Effect::Redraw);
        }
        // A paste clears the status too: it may say that the paste was arriving.
        if !matches!(action, Action::Input(_)) {
            self.seat.status = None;
        }
        if action != Action::Quit {
            self.seat.quit_armed = false;
        }
        // A text input is taken out of the seat rather than copied (a pasted list can be
        // long); its handler always puts back the mode that follows.
        let mode = match &self.seat.mode {
            Mode::Editing { .. } | Mode::Search { .. } => {
                std::mem::replace(&mut self.seat.mode, Mode::Normal)
            }
            other => other.clone(),
        };
        let effect = match mode {
            Mode::Normal => self.normal(action),
            Mode::Editing { target, input } => self.editing(target, input, action),
            Mode::StageMenu => self.stage_menu(action),
            Mode::Timer => self.timer_keys(action),
            Mode::Summary { scroll } => {
                self.seat.mode = match action {
                    Action::Down => Mode::Summary {
                        scroll: scroll.saturating_add(1),
                    },
                    Action::Up => Mode::Summary {
                        scroll: scroll.saturating_sub(1),
                    },
                    _ => Mode::Normal,
                };
                None
            }
            Mode::Export => self.export_keys(action),
            Mode::MoveLane => self.move_lane_keys(action),
            Mode::ExportExists(path) => self.export_exists_keys(path, action),
            Mode::Search { input } => self.search_keys(input, action),
            Mode::PersonaMenu => self.persona_menu(action),
            Mode::ConfirmQuit => self.confirm_quit(action),
            Mode::ConfirmRemoveStage { stage } => self.confirm_remove_stage(stage, action),
            Mode::Help => {
                match action {
                    Action::Down => self.seat.help_scroll = self.seat.help_scroll.saturating_add(1),
                    Action::Up => self.seat.help_scroll = self.seat.help_scroll.saturating_sub(1),
                    Action::PageDown => {
                        self.seat.help_scroll = self.seat.help_scroll.saturating_add(HELP_PAGE)
                    }
                    Action::PageUp => {
                        self.seat.help_scroll = self.seat.help_scroll.saturating_sub(HELP_PAGE)
                    }
                    _ => self.seat.mode = Mode::Normal,
                }
                None
            }
            Mode::RecoveryOffer { .. } => self.recovery_key(action),
            Mode::AlreadyOpen { .. } => {
                self.seat.mode = Mode::Normal;
                match action {
                    Action::OpenReadOnly => {
                        self.room.read_only = true;
                        self.set_status("opened read-only");
                        None
                    }
                    Action::OpenAnyway => None,
                    _ => Some(Effect::Quit),
                }
            }
            // The two differ only in that a file under a new name has nothing to reload.
            Mode::ChangedOnDisk { .. } | Mode::FileExists => {
                self.seat.mode = Mode::Normal;
                match (action, self.room.saving.clone()) {
                    (Action::Reload, _) if self.room.path.is_some() => {
                        self.room.quit_after_save = false;
                        Some(Effect::Reload)
                    }
                    (Action::Overwrite, Some(path)) => Some(Effect::Overwrite(path)),
                    (Action::SaveAs, _) => {
                        self.ask_save_as();
                        None
                    }
                    _ => {
                        self.room.quit_after_save = false;
                        self.set_status("not saved");
                        None
                    }
                }
            }
            Mode::Voting(step) => self.voting(step, action),
            Mode::Results => self.results_key(action),
            Mode::DuplicatePairs => self.duplicate_pairs_key(action),
            Mode::Roster => self.roster_key(action),
        };
        self.refresh_search();
        self.show_waiting_round_offer();
        self.clamp_selection();
        self.follow_selection();
        effect
    }

    pub(super) fn normal(&mut self, action: Action) -> Option<Effect> {
        if self.room.read_only && action.changes_map() {
            self.set_error("read-only: this map cannot be changed here");
            return None;
        }
        if let Some(why) = super::roles::refusal(&self.view(), &action) {
            self.set_error(why);
            return None;
        }
        let sel = self.seat.selection;
        match action {
            // Up and down run through a stage's cards and on across its lanes.
            Action::Up if sel.index == 0 && sel.lane != Lane::Touchpoints => {
                self.seat.selection.lane = sel.lane.prev();
                self.seat.selection.index = self.lane_len(self.seat.selection).saturating_sub(1);
            }
            Action::Down
                if sel.index + 1 >= self.lane_len(sel) && sel.lane != Lane::Opportunities =>
            {
                self.seat.selection.lane = sel.lane.next();
                self.seat.selection.index = 0;
            }
            Action::Up => self.seat.selection.index = sel.index.saturating_sub(1),
            Action::Down => self.seat.selection.index = sel.index + 1,
            Action::Left => self.select_stage(sel.stage.saturating_sub(1)),
            Action::Right => self.select_stage(sel.stage + 1),
            Action::NextLane => self.select_lane(sel.lane.next()),
            Action::PrevLane => self.select_lane(sel.lane.prev()),
            Action::JumpStage(n) if n < self.room.map.stages.len() => self.select_stage(n),
            Action::AddCard => {
                let index = self.lane_len(sel).min(sel.index + 1);
                let slot = Slot { index, ..sel };
                self.start_input(Target::NewCard(slot), String::new());
            }
            Action::EditText
            | Action::EditNotes
            | Action::EditChannel
            | Action::EditSource
            | Action::EditOwner => {
                if self.selected_card().is_none() {
                    self.set_status("this lane is empty: press a to add a card");
                    return None;
                }
                let target = match action {
                    Action::EditText => Target::CardText(sel),
                    Action::EditNotes => Target::CardField(CardField::Notes, sel),
                    Action::EditSource => Target::CardField(CardField::Source, sel),
                    Action::EditChannel => Target::CardField(CardField::Channel, sel),
                    _ => Target::CardField(CardField::Owner, sel),
                };
                if let Target::CardField(field, _) = target
                    && !field.is_on(sel.lane)
                {
                    self.set_status(present::only_on(field));
                    return None;
                }
                self.edit_text_of(target);
            }
            Action::DeleteCard if self.selected_card().is_some() => {
                self.change(Edit::RemoveCard(sel), "card deleted (u to undo)");
            }
            Action::VoteUp | Action::VoteDown => self.vote(action == Action::VoteUp),
            Action::CycleEvidence => self.change_selected_card(|card| {
                card.evidence = match card.evidence {
                    None => Some(Evidence::Assumption),
                    Some(Evidence::Assumption) => Some(Evidence::Observed),
                    Some(Evidence::Observed) => Some(Evidence::Validated),
                    Some(Evidence::Validated) => None,
                };
            }),
            Action::CycleStatus if sel.lane != Lane::Opportunities => {
                self.set_status("only opportunities have a status");
            }
            Action::Resolve(how) => self.resolve(how),
            Action::NextConflict => self.next_conflict(),
            Action::CycleStatus => self.change_selected_card(|card| {
                card.status = match card.status {
                    None => Some(Status::Open),
                    Some(Status::Open) => Some(Status::Planned),
                    Some(Status::Planned) => Some(Status::Done),
                    Some(Status::Done) => None,
                };
            }),
            Action::Summary => self.seat.mode = Mode::Summary { scroll: 0 },
            Action::Roster if self.room.live.is_some() => self.seat.mode = Mode::Roster,
            Action::FollowMe if self.room.live.is_some() => self.toggle_follow(),
            // The projector (`view --follow`) follows the facilitator without it.
            Action::FollowMe => {
                self.set_status(
                    "F (follow me) leads a live session's participants (journeymap host FILE)",
                );
            }
            Action::Phase(phase) => self.set_phase(phase),
            Action::RevealCards => self.reveal_cards(),
            Action::Roster => {
                self.set_status("W lists who is here in a live session (journeymap host FILE)");
            }
            Action::ScoreUp | Action::ScoreDown if sel.lane != Lane::Emotions => {
                self.set_status("only emotions have a score: > and < change it there");
            }
            Action::ScoreUp | Action::ScoreDown => self.score(action == Action::ScoreUp),
            Action::MoveCardLeft | Action::MoveCardRight => {
                let to_stage = if action == Action::MoveCardLeft {
                    sel.stage.checked_sub(1)
                } else {
                    Some(sel.stage + 1).filter(|&s| s < self.room.map.stages.len())
                };
                if let (Some(_), Some(stage)) = (self.selected_card(), to_stage) {
                    let to = Slot {
                        stage,
                        index: sel.index.min(self.lane_len(Slot { stage, ..sel })),
                        ..sel
                    };
                    if self.change(Edit::MoveCard { from: sel, to }, "") {
                        self.seat.selection = to;
                    }
                }
            }
            Action::MoveCardUp | Action::MoveCardDown => {
                let to = if action == Action::MoveCardUp {
                    sel.index.checked_sub(1)
                } else {
                    Some(sel.index + 1).filter(|&i| i < self.lane_len(sel))
                };
                if let (Some(_), Some(index)) = (self.selected_card(), to) {
                    let to = Slot { index, ..sel };
                    if self.change(Edit::MoveCard { from: sel, to }, "") {
                        self.seat.selection = to;
                    }
                }
            }
            Action::Undo | Action::Redo => self.undo_redo(action == Action::Undo),
            Action::RenameStage => self.edit_text_of(Target::StageName(sel.stage)),
            Action::StageMenu => self.seat.mode = Mode::StageMenu,
            Action::PersonaMenu => self.seat.mode = Mode::PersonaMenu,
            Action::EditTitle => self.edit_text_of(Target::Title),
            Action::ShowResults => self.open_results(),
            Action::DuplicatePairs => self.open_duplicate_pairs(),
            Action::VotingRound => self.open_voting(),
            Action::Save => return self.save(false),
            // Private cards live only in the room until the reveal: quitting would lose
            // them, so the first `q` says so and the second one quits.
            Action::Quit
                if self.seat.role == Role::Facilitator
                    && !self.room.drafts().is_empty()
                    && !std::mem::replace(&mut self.seat.quit_armed, true) =>
            {
                self.set_error(format!(
                    "private cards not revealed ({}) would be lost: W r reveals them; q again quits",
                    self.room.drafts_count()
                ));
            }
            Action::Quit => {
                // A participant leaves; the map stays with the room.
                if self.room.is_dirty()
                    && !self.room.read_only
                    && self.seat.role == Role::Facilitator
                {
                    self.seat.mode = Mode::ConfirmQuit;
                } else {
                    return Some(Effect::Quit);
                }
            }
            Action::Help => {
                self.seat.help_scroll = 0;
                self.seat.mode = Mode::Help;
            }
            Action::SaveAs => self.ask_save_as(),
            Action::Timer => self.seat.mode = Mode::Timer,
            Action::Export => self.seat.mode = Mode::Export,
            Action::MoveLane if self.selected_card().is_some() => self.seat.mode = Mode::MoveLane,
            Action::Search => {
                let query = self
                    .seat
                    .search
                    .as_ref()
                    .map(|s| s.query.clone())
                    .unwrap_or_default();
                self.seat.mode = Mode::Search {
                    input: LineInput::new(query),
                };
            }
            Action::NextMatch | Action::PrevMatch => {
                self.jump_to_match(action == Action::PrevMatch, false);
            }
            Action::Cancel if self.seat.zoom => self.seat.zoom = false,
            Action::Cancel if self.seat.search.is_some() => {
                self.seat.search = None;
                self.set_status("search cleared");
            }
            Action::Unbound(key) => {
                self.set_status(format!("{key} does nothing here; ? lists the keys"));
            }
            // Pasting on the board starts a new card with the pasted text (a list: a card
            // per line), for the facilitator to confirm with Enter.
            Action::Paste(text) => {
                let index = self.lane_len(sel).min(sel.index + 1);
                let mut input = LineInput::default();
                input.paste(&text);
                self.seat.mode = Mode::Editing {
                    target: Target::NewCard(Slot { index, ..sel }),
                    input,
                };
            }
            Action::Zoom => self.toggle_zoom(),
            Action::TogglePersona => self.toggle_persona(),
            // A stage's name takes one or two rows; a click on any of them selects it.
            Action::Click { column, row }
                if self
                    .view()
                    .geometry()
                    .is_some_and(|g| g.stage_names().contains(&row)) =>
            {
                if let Some(stage) = self.view().stage_at(column) {
                    self.select_stage(stage);
                }
            }
            Action::Click { column, row } => {
                if let Some(slot) = self.view().hit(column, row) {
                    if slot.stage != sel.stage {
                        self.select_stage(slot.stage);
                    }
                    self.seat.selection.lane = slot.lane;
                    self.seat.selection.index = slot.index;
                }
            }
            Action::ScrollUp { column, row } | Action::ScrollDown { column, row } => {
                let up = matches!(action, Action::ScrollUp { .. });
                if let Some(slot) = self.view().hit(column, row) {
                    if slot.stage != sel.stage {
                        self.select_stage(slot.stage);
                    }
                    if slot.lane != self.seat.selection.lane {
                        self.select_lane(slot.lane);
                    }
                }
                let index = &mut self.seat.selection.index;
                *index = if up {
                    index.saturating_sub(1)
                } else {
                    *index + 1
                };
            }
            _ => {}
        }
        None
    }

    fn vote(&mut self, up: bool) {
        self.change_selected_card(|card| {
            card.votes = if up {
                (card.votes + 1).min(MAX_VOTES)
            } else {
                card.votes.saturating_sub(1)
            };
        });
    }

    fn score(&mut self, up: bool) {
        self.change_selected_card(|card| {
            let score = if up { card.score + 1 } else { card.score - 1 };
            card.score = score.clamp(MIN_SCORE, MAX_SCORE);
        });
    }

    /// Changes the selected card with `set`, as one undoable step when anything changed.
    fn change_selected_card(&mut self, set: impl FnOnce(&mut crate::model::Card)) {
        let Some(card) = self.selected_card() else {
            return;
        };
        let mut card = card.clone();
        set(&mut card);
        if Some(&card) != self.selected_card() {
            self.change(Edit::ReplaceCard(self.seat.selection, card), "");
        }
    }

    /// Applies an edit through the history; `message` (if any) goes to the status bar.
    pub(super) fn change(&mut self, edit: Edit, message: &str) -> bool {
        let mut added = Vec::new();
        super::roles::added_cards(&edit, &mut added);
        let done = self.record(edit, message);
        if done && self.room.laid.is_none() {
            self.room.tally.open_cards += added.len();
        }
        done
    }

    /// Applies an edit through the history (a participant's private cards change outside
    /// it: they are not on the map); the cards it adds are remembered as this seat's,
    /// unless they were someone's already (a reveal).
    pub(super) fn record(&mut self, edit: Edit, message: &str) -> bool {
        let stages = edit.card_stages();
        let mut added = Vec::new();
        super::roles::added_cards(&edit, &mut added);
        let done = if self.room.laid.is_some() {
            edit.apply(&mut self.room.map).is_some()
        } else {
            self.room
                .history
                .apply(&mut self.room.map, edit, self.seat.id)
        };
        if done {
            for id in added {
                self.room.authors.insert(id, self.seat.id);
            }
            self.after_change(stages);
            if !message.is_empty() {
                self.set_status(message);
            }
        }
        done
    }

    /// Takes back (or puts back) this seat's own last change.
    fn undo_redo(&mut self, undo: bool) {
        let map = &mut self.room.map;
        let outcome = if undo {
            self.room.history.undo(map, self.seat.id)
        } else {
            self.room.history.redo(map, self.seat.id)
        };
        match outcome {
            Outcome::Done(step) => {
                self.focus(step.focus);
                self.after_change(step.stages);
                let done = if undo { "undone" } else { "redone" };
                self.set_status(format!("{done}: {}", step.label));
            }
            Outcome::Nothing if undo => self.set_status("nothing to undo"),
            Outcome::Nothing => self.set_status("nothing to redo"),
            Outcome::Blocked(why) => self.set_error(why),
        }
    }

    /// Keeps derived state current after the map changed: the averages of the stages whose
    /// cards changed (all of them when stages were added, removed or moved).
    fn after_change(&mut self, stages: Option<Vec<usize>>) {
        self.room.version += 1;
        self.room.refresh_curve(stages);
        self.clamp_selection();
    }

    fn focus(&mut self, slot: Option<Slot>) {
        if let Some(slot) = slot {
            if slot.stage != self.seat.selection.stage {
                self.seat.lane_offset = [0; 4];
            }
            self.seat.selection = slot;
        }
    }

    pub(super) fn select_stage(&mut self, stage: usize) {
        let stage = stage.min(self.room.map.stages.len().saturating_sub(1));
        if stage != self.seat.selection.stage {
            self.seat.selection.stage = stage;
            self.seat.lane_offset = [0; 4];
        }
    }

    fn select_lane(&mut self, lane: Lane) {
        self.seat.selection.lane = lane;
        self.seat.selection.index = self.seat.lane_offset[lane.index()];
    }

    fn lane_len(&self, slot: Slot) -> usize {
        self.room
            .map
            .stages
            .get(slot.stage)
            .map_or(0, |s| s.lane(slot.lane).len())
    }

    pub(super) fn clamp_selection(&mut self) {
        let last_stage = self.room.map.stages.len().saturating_sub(1);
        self.seat.selection.stage = self.seat.selection.stage.min(last_stage);
        let len = self.lane_len(self.seat.selection);
        self.seat.selection.index = self.seat.selection.index.min(len.saturating_sub(1));
    }
}
