//! `App::update`: the one place where actions change the editor.

use std::path::{Path, PathBuf};

use super::geometry;
use super::{Action, App, Edit, Effect, LineInput, Mode, Slot, Target};
use crate::model::{Evidence, Lane, MAX_SCORE, MAX_VOTES, MIN_SCORE, Status};

/// Rows the help scrolls on PageDown / PageUp.
const HELP_PAGE: usize = 10;

impl App {
    /// Applies one action and returns what the event loop must do next, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.apply(action).into_iter().collect()
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.follow_selection();
                return None;
            }
            Action::Tick(now) => {
                self.now = Some(now);
                if self.timer.tick(now) {
                    self.set_error("Time's up");
                    return Some(Effect::Bell);
                }
                return None;
            }
            Action::Saved(result) => return self.saved(result),
            Action::OfferRecovery { summary, age, of } => {
                self.mode = Mode::RecoveryOffer { summary, age, of };
                return None;
            }
            Action::Redraw => return Some(Effect::Redraw),
            Action::Exported(outcome) => return self.exported(outcome),
            Action::CannotWrite(why) => {
                self.set_error(format!("{why}: Ctrl-s will ask where to save"));
                self.cannot_write = Some(why);
                return None;
            }
            Action::AlreadyOpen { pid } => {
                self.mode = Mode::AlreadyOpen { pid };
                return None;
            }
            Action::SaveConflict { deleted } => {
                self.mode = Mode::ChangedOnDisk { deleted };
                return None;
            }
            Action::FileExists => {
                self.mode = Mode::FileExists;
                return None;
            }
            Action::ChangedOnDisk { deleted } => {
                // The board no longer matches the file: quitting must ask.
                if !self.read_only {
                    self.history.mark_unsaved();
                }
                self.set_error(if deleted {
                    "the file was deleted on disk: Ctrl-s writes it again"
                } else {
                    "the file changed on disk since it was opened: saving will ask what to do"
                });
                return None;
            }
            Action::Warn(message) => {
                self.set_error(message);
                return None;
            }
            Action::Replace { map, saved } => {
                // A reload that worked replaces any "could not reload" still showing.
                self.status = None;
                self.replace_map(*map, saved);
                self.clamp_selection();
                self.follow_selection();
                return None;
            }
            Action::OfferRound(file) => {
                self.offer_round(*file);
                return None;
            }
            Action::Follow { map, source } => {
                self.replace_map(*map, true);
                self.source = Some(source);
                self.clamp_selection();
                self.follow_selection();
                return None;
            }
            _ => {}
        }
        if !matches!(action, Action::Input(_) | Action::Paste(_)) {
            self.status = None;
        }
        let effect = match self.mode.clone() {
            Mode::Normal => self.normal(action),
            Mode::Editing { target, input } => self.editing(target, input, action),
            Mode::StageMenu => self.stage_menu(action),
            Mode::Timer => self.timer_keys(action),
            Mode::Summary { scroll } => {
                self.mode = match action {
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
                    Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    Action::PageDown => {
                        self.help_scroll = self.help_scroll.saturating_add(HELP_PAGE)
                    }
                    Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(HELP_PAGE),
                    _ => self.mode = Mode::Normal,
                }
                None
            }
            Mode::RecoveryOffer { .. } => {
                self.mode = Mode::Normal;
                match action {
                    Action::RestoreRecovery => Some(Effect::RestoreRecovery),
                    Action::DiscardRecovery => Some(Effect::DiscardRecovery),
                    _ => {
                        self.set_status(
                            "the recovery copy is kept: it will be offered again next time",
                        );
                        None
                    }
                }
            }
            Mode::AlreadyOpen { .. } => {
                self.mode = Mode::Normal;
                match action {
                    Action::OpenReadOnly => {
                        self.read_only = true;
                        self.set_status("opened read-only");
                        None
                    }
                    Action::OpenAnyway => None,
                    _ => Some(Effect::Quit),
                }
            }
            // The two differ only in that a file under a new name has nothing to reload.
            Mode::ChangedOnDisk { .. } | Mode::FileExists => {
                self.mode = Mode::Normal;
                match (action, self.saving.clone()) {
                    (Action::Reload, _) if self.path.is_some() => {
                        self.quit_after_save = false;
                        Some(Effect::Reload)
                    }
                    (Action::Overwrite, Some(path)) => Some(Effect::Overwrite(path)),
                    (Action::SaveAs, _) => {
                        self.ask_save_as();
                        None
                    }
                    _ => {
                        self.quit_after_save = false;
                        self.set_status("not saved");
                        None
                    }
                }
            }
            Mode::Voting(step) => self.voting(step, action),
            Mode::Results => self.results_key(action),
        };
        self.refresh_search();
        self.show_waiting_round_offer();
        self.clamp_selection();
        self.follow_selection();
        effect
    }

    pub(super) fn normal(&mut self, action: Action) -> Option<Effect> {
        if self.read_only && action.changes_map() {
            self.set_error("read-only: this map cannot be changed here");
            return None;
        }
        let sel = self.selection;
        match action {
            // Up and down run through a stage's cards and on across its lanes.
            Action::Up if sel.index == 0 && sel.lane != Lane::Touchpoints => {
                self.selection.lane = sel.lane.prev();
                self.selection.index = self.lane_len(self.selection).saturating_sub(1);
            }
            Action::Down
                if sel.index + 1 >= self.lane_len(sel) && sel.lane != Lane::Opportunities =>
            {
                self.selection.lane = sel.lane.next();
                self.selection.index = 0;
            }
            Action::Up => self.selection.index = sel.index.saturating_sub(1),
            Action::Down => self.selection.index = sel.index + 1,
            Action::Left => self.select_stage(sel.stage.saturating_sub(1)),
            Action::Right => self.select_stage(sel.stage + 1),
            Action::NextLane => self.select_lane(sel.lane.next()),
            Action::PrevLane => self.select_lane(sel.lane.prev()),
            Action::JumpStage(n) if n < self.map.stages.len() => self.select_stage(n),
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
                    Action::EditNotes => Target::Notes(sel),
                    Action::EditSource => Target::Source(sel),
                    Action::EditChannel if sel.lane == Lane::Touchpoints => Target::Channel(sel),
                    Action::EditChannel => {
                        self.set_status("only touchpoints have a channel");
                        return None;
                    }
                    _ if sel.lane == Lane::Opportunities => Target::Owner(sel),
                    _ => {
                        self.set_status("only opportunities have an owner");
                        return None;
                    }
                };
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
            Action::CycleStatus => self.change_selected_card(|card| {
                card.status = match card.status {
                    None => Some(Status::Open),
                    Some(Status::Open) => Some(Status::Planned),
                    Some(Status::Planned) => Some(Status::Done),
                    Some(Status::Done) => None,
                };
            }),
            Action::Summary => self.mode = Mode::Summary { scroll: 0 },
            Action::ScoreUp | Action::ScoreDown if sel.lane != Lane::Emotions => {
                self.set_status("only emotions have a score: > and < change it there");
            }
            Action::ScoreUp | Action::ScoreDown => self.score(action == Action::ScoreUp),
            Action::MoveCardLeft | Action::MoveCardRight => {
                let to_stage = if action == Action::MoveCardLeft {
                    sel.stage.checked_sub(1)
                } else {
                    Some(sel.stage + 1).filter(|&s| s < self.map.stages.len())
                };
                if let (Some(_), Some(stage)) = (self.selected_card(), to_stage) {
                    let to = Slot {
                        stage,
                        index: sel.index.min(self.lane_len(Slot { stage, ..sel })),
                        ..sel
                    };
                    if self.change(Edit::MoveCard { from: sel, to }, "") {
                        self.selection = to;
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
                        self.selection = to;
                    }
                }
            }
            Action::Undo => match self.history.undo(&mut self.map) {
                Some(step) => {
                    self.focus(step.focus);
                    self.after_change(step.stages);
                    self.set_status(format!("undone: {}", step.label));
                }
                None => self.set_status("nothing to undo"),
            },
            Action::Redo => match self.history.redo(&mut self.map) {
                Some(step) => {
                    self.focus(step.focus);
                    self.after_change(step.stages);
                    self.set_status(format!("redone: {}", step.label));
                }
                None => self.set_status("nothing to redo"),
            },
            Action::RenameStage => self.edit_text_of(Target::StageName(sel.stage)),
            Action::StageMenu => self.mode = Mode::StageMenu,
            Action::PersonaMenu => self.mode = Mode::PersonaMenu,
            Action::EditTitle => self.edit_text_of(Target::Title),
            Action::ShowResults => self.open_results(),
            Action::VotingRound => self.open_voting(),
            Action::Save => return self.save(false),
            Action::Quit => {
                if self.is_dirty() && !self.read_only {
                    self.mode = Mode::ConfirmQuit;
                } else {
                    return Some(Effect::Quit);
                }
            }
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Action::SaveAs => self.ask_save_as(),
            Action::Timer => self.mode = Mode::Timer,
            Action::Export => self.mode = Mode::Export,
            Action::MoveLane if self.selected_card().is_some() => self.mode = Mode::MoveLane,
            Action::Search => {
                let query = self
                    .search
                    .as_ref()
                    .map(|s| s.query.clone())
                    .unwrap_or_default();
                self.mode = Mode::Search {
                    input: LineInput::new(query),
                };
            }
            Action::NextMatch | Action::PrevMatch => {
                self.jump_to_match(action == Action::PrevMatch, false);
            }
            Action::Cancel if self.zoom => self.zoom = false,
            Action::Cancel if self.search.is_some() => {
                self.search = None;
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
                self.mode = Mode::Editing {
                    target: Target::NewCard(Slot { index, ..sel }),
                    input,
                };
            }
            Action::Zoom => self.toggle_zoom(),
            Action::TogglePersona => self.toggle_persona(),
            // A stage's name takes one or two rows; a click on any of them selects it.
            Action::Click { column, row }
                if (geometry::STAGE_ROW
                    ..geometry::STAGE_ROW + self.geometry().map_or(1, |g| g.stage_rows))
                    .contains(&row) =>
            {
                if let Some(stage) = self.stage_at(column) {
                    self.select_stage(stage);
                }
            }
            Action::Click { column, row } => {
                if let Some(slot) = self.hit(column, row) {
                    if slot.stage != sel.stage {
                        self.select_stage(slot.stage);
                    }
                    self.selection.lane = slot.lane;
                    self.selection.index = slot.index;
                }
            }
            Action::ScrollUp { column, row } | Action::ScrollDown { column, row } => {
                let up = matches!(action, Action::ScrollUp { .. });
                if let Some(slot) = self.hit(column, row) {
                    if slot.stage != sel.stage {
                        self.select_stage(slot.stage);
                    }
                    if slot.lane != self.selection.lane {
                        self.select_lane(slot.lane);
                    }
                }
                let index = &mut self.selection.index;
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

    pub(super) fn save(&mut self, then_quit: bool) -> Option<Effect> {
        if self.read_only {
            self.set_error("read-only: open the map without --read-only to save it");
            return None;
        }
        self.quit_after_save = then_quit;
        match &self.path {
            Some(_) if self.cannot_write.is_some() => {
                self.ask_save_as();
                None
            }
            Some(path) => {
                self.saving = Some(path.clone());
                Some(Effect::Save(path.clone()))
            }
            None => {
                self.start_input(Target::SaveAs, String::new());
                None
            }
        }
    }

    /// Opens the save-as input. When the map's own place cannot be written, its whole path
    /// is proposed, folder and all, so the facilitator sees where it was going and changes
    /// the part that is wrong (a file name alone would land in whatever folder the editor
    /// was started from, unnoticed).
    fn ask_save_as(&mut self) {
        let proposed = self
            .path
            .as_ref()
            .filter(|_| self.cannot_write.is_some())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.start_input(Target::SaveAs, proposed);
    }

    fn saved(&mut self, result: Result<PathBuf, String>) -> Option<Effect> {
        let quit = std::mem::take(&mut self.quit_after_save);
        self.saving = None;
        match result {
            Ok(path) => {
                if self.path.as_ref() != Some(&path) {
                    self.cannot_write = None;
                }
                self.path = Some(path.clone());
                self.history.mark_saved();
                self.set_status(saved_where(&path));
                quit.then_some(Effect::Quit)
            }
            Err(message) => {
                self.set_error(format!(
                    "not saved: {message}; your changes are kept (w saves under another name)"
                ));
                None
            }
        }
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
            self.change(Edit::ReplaceCard(self.selection, card), "");
        }
    }

    /// Applies an edit through the history; `message` (if any) goes to the status bar.
    pub(super) fn change(&mut self, edit: Edit, message: &str) -> bool {
        let stages = edit.card_stages();
        let done = self.history.apply(&mut self.map, edit);
        if done {
            self.after_change(stages);
            if !message.is_empty() {
                self.set_status(message);
            }
        }
        done
    }

    /// Keeps derived state current after the map changed: the averages of the stages whose
    /// cards changed (all of them when stages were added, removed or moved).
    fn after_change(&mut self, stages: Option<Vec<usize>>) {
        self.refresh_curve(stages);
        self.clamp_selection();
    }

    fn focus(&mut self, slot: Option<Slot>) {
        if let Some(slot) = slot {
            if slot.stage != self.selection.stage {
                self.lane_offset = [0; 4];
            }
            self.selection = slot;
        }
    }

    pub(super) fn select_stage(&mut self, stage: usize) {
        let stage = stage.min(self.map.stages.len().saturating_sub(1));
        if stage != self.selection.stage {
            self.selection.stage = stage;
            self.lane_offset = [0; 4];
        }
    }

    fn select_lane(&mut self, lane: Lane) {
        self.selection.lane = lane;
        self.selection.index = self.lane_offset[lane.index()];
    }

    fn lane_len(&self, slot: Slot) -> usize {
        self.map
            .stages
            .get(slot.stage)
            .map_or(0, |s| s.lane(slot.lane).len())
    }

    pub(super) fn clamp_selection(&mut self) {
        let last_stage = self.map.stages.len().saturating_sub(1);
        self.selection.stage = self.selection.stage.min(last_stage);
        let len = self.lane_len(self.selection);
        self.selection.index = self.selection.index.min(len.saturating_sub(1));
    }
}

/// "saved map.ron in /home/me/workshops": the folder said in full, so a map saved somewhere
/// unexpected (the folder the editor was started from) is noticed at once.
fn saved_where(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let folder = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    match folder {
        Some(folder) => format!("saved {name} in {}", folder.display()),
        None => format!("saved {}", path.display()),
    }
}
