//! The small menus of the board: the stage's actions, the persona, and "Save changes?".

use super::{Action, Ctx, Edit, Effect, Mode, PersonaField, Target};

impl Ctx<'_> {
    /// The stage menu (`S`): add, remove, move, rename, and the stage's question.
    pub(super) fn stage_menu(&mut self, action: Action) -> Option<Effect> {
        if self.room.read_only && action != Action::Cancel {
            self.set_error("read-only: this map cannot be changed here");
            self.seat.mode = Mode::Normal;
            return None;
        }
        self.seat.mode = Mode::Normal;
        let stage = self.seat.selection.stage;
        match action {
            Action::AddStage => self.start_input(Target::NewStage(stage + 1), String::new()),
            Action::RemoveStage => {
                if self.room.map.stages.len() == 1 {
                    self.set_status("a map keeps at least one stage");
                } else {
                    let removed = &self.room.map.stages[stage];
                    let cards = match removed.card_count() {
                        0 => String::new(),
                        1 => " and its card".to_string(),
                        n => format!(" and its {n} cards"),
                    };
                    let message = format!("stage '{}'{cards} removed (u to undo)", removed.name);
                    self.change(Edit::RemoveStage(stage), &message);
                }
            }
            Action::MoveStageLeft | Action::MoveStageRight => {
                let to = if action == Action::MoveStageLeft {
                    stage.checked_sub(1)
                } else {
                    Some(stage + 1).filter(|&s| s < self.room.map.stages.len())
                };
                if let Some(to) = to
                    && self.change(Edit::MoveStage { from: stage, to }, "")
                {
                    self.seat.selection.stage = to;
                }
            }
            Action::RenameStage => return self.normal(Action::RenameStage),
            Action::EditStageDescription => self.edit_text_of(Target::StageDescription(stage)),
            _ => {}
        }
        None
    }

    pub(super) fn persona_menu(&mut self, action: Action) -> Option<Effect> {
        match action {
            _ if self.room.read_only && action != Action::Cancel => {
                self.set_error("read-only: this map cannot be changed here");
                self.seat.mode = Mode::Normal;
            }
            Action::EditPersona(field) => {
                let persona = self.room.map.persona.clone().unwrap_or_default();
                if field != PersonaField::Name && persona.name.is_empty() {
                    self.set_status("a persona needs a name first: press n");
                    return None;
                }
                self.edit_text_of(Target::Persona(field));
            }
            Action::RemovePersona => {
                if self.room.map.persona.is_some() {
                    self.change(Edit::SetPersona(None), "persona removed (u to undo)");
                }
                self.seat.mode = Mode::Normal;
            }
            _ => self.seat.mode = Mode::Normal,
        }
        None
    }

    /// "Save changes?" when quitting with unsaved changes.
    pub(super) fn confirm_quit(&mut self, action: Action) -> Option<Effect> {
        self.seat.mode = Mode::Normal;
        match action {
            Action::SaveAndQuit => self.save(true),
            Action::QuitWithoutSaving => Some(Effect::Quit),
            _ => None,
        }
    }
}
