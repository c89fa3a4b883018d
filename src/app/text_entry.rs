//! The text inputs: what each one starts with, and what Enter on it changes.

use std::path::PathBuf;

use super::capture::capture;
use super::{Ctx, Edit, Effect, LineInput, Mode, PersonaField, Slot, Target, View};
use crate::app::Action;
use crate::model::{self, Card, FieldKind, Lane, Stage, Value};

/// The longest name a seat goes by, in columns.
const MAX_NAME: usize = 24;

impl Ctx<'_> {
    pub(super) fn editing(
        &mut self,
        target: Target,
        mut input: LineInput,
        action: Action,
    ) -> Option<Effect> {
        if action != Action::Cancel {
            self.seat.discard_armed = false;
        }
        match action {
            Action::Input(op) => input.apply(op),
            Action::Paste(text) => input.paste(&text),
            Action::Cancel if target == Target::TimerLength => {
                self.seat.mode = Mode::Timer;
                return None;
            }
            // A name is needed to take part: Esc keeps the one proposed.
            Action::Cancel if target == Target::SeatName => {
                return self.submit(target, input.into_text());
            }
            Action::Cancel if target == Target::ExportPath => {
                self.seat.mode = Mode::Normal;
                self.set_status("snapshot not written");
                return None;
            }
            Action::Cancel => {
                // Typed text is never thrown away by one key: the first Esc (or Ctrl-c)
                // asks, the second discards.
                let typed = self.view().current_text(target).as_deref() != Some(input.text());
                if typed && !std::mem::replace(&mut self.seat.discard_armed, true) {
                    self.set_status(
                        "Esc or Ctrl-c again throws away what you typed; Enter keeps it",
                    );
                    self.seat.mode = Mode::Editing { target, input };
                    return None;
                }
                self.seat.mode = match target {
                    Target::Persona(_) => Mode::PersonaMenu,
                    _ => Mode::Normal,
                };
                if target == Target::SaveAs {
                    self.room.quit_after_save = false;
                }
                return None;
            }
            // An empty file name is not "nothing changed": `save_as` says nothing was saved
            // and drops a "quit after saving" that would otherwise wait for a later save.
            Action::Submit if target == Target::SaveAs => {
                self.seat.mode = Mode::Normal;
                return self.submit(target, input.into_text());
            }
            Action::Submit => {
                self.seat.mode = Mode::Normal;
                // Enter on text nobody changed changes nothing, even where typing would be
                // tidied (spaces collapsed, a list split at semicolons).
                if self.view().current_text(target).as_deref() == Some(input.text()) {
                    if let Target::Persona(_) = target {
                        self.seat.mode = Mode::PersonaMenu;
                    }
                    return None;
                }
                return self.submit(target, input.into_text());
            }
            _ => {}
        }
        self.seat.mode = Mode::Editing { target, input };
        None
    }

    /// Opens the text input on `target`, filled with its current text.
    pub(super) fn edit_text_of(&mut self, target: Target) {
        let text = self.view().current_text(target).unwrap_or_default();
        self.start_input(target, text);
    }

    fn submit(&mut self, target: Target, text: String) -> Option<Effect> {
        if target == Target::SaveAs {
            return self.save_as(&text);
        }
        if target == Target::ExportPath {
            return self.export_to(&text);
        }
        if target == Target::SeatName {
            self.seat.mode = Mode::Normal;
            let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !name.is_empty() {
                self.seat.name = crate::text::ellipsize(&name, MAX_NAME).into_owned();
            }
            self.set_status(format!(
                "you are {} here; W shows who else is",
                self.seat.name
            ));
            return None;
        }
        if target == Target::TimerLength {
            match super::timer::parse_length(&text) {
                Some(length) => {
                    self.room.timer.set(length);
                    // Every seat's header shows the timer.
                    self.room.shown += 1;
                    self.set_status(format!(
                        "timer set to {}: Enter starts it",
                        super::timer::clock(length.as_secs())
                    ));
                }
                None => self.set_error(super::timer::length_problem(&text)),
            }
            self.seat.mode = Mode::Timer;
            return None;
        }
        match self.view().edit_for(target, &text) {
            Err(why) => self.set_status(why),
            Ok(None) => {}
            Ok(Some(edit)) => {
                let count = match &edit {
                    Edit::Batch(edits) => edits.len(),
                    _ => 1,
                };
                let message = match target {
                    Target::NewCard(slot) => {
                        let notes = capture_notes(slot.lane, &text);
                        match count {
                            1 if notes.is_empty() => edit.describe(&self.room.map),
                            1 => notes,
                            _ if notes.is_empty() => format!("{count} cards added"),
                            _ => format!("{count} cards added; {notes}"),
                        }
                    }
                    Target::NewStage(_) => "stage added".to_string(),
                    _ => String::new(),
                };
                if self.change(edit, &message) {
                    match target {
                        Target::NewCard(slot) => {
                            self.seat.selection = Slot {
                                index: slot.index + count - 1,
                                ..slot
                            };
                            // Quick capture: the next card of the same lane opens at once;
                            // Enter or Esc on the empty input ends the run.
                            let next = Slot {
                                index: slot.index + count,
                                ..slot
                            };
                            self.start_input(Target::NewCard(next), String::new());
                        }
                        Target::NewStage(index) => self.select_stage(index),
                        _ => {}
                    }
                }
            }
        }
        if let Target::Persona(_) = target {
            self.seat.mode = Mode::PersonaMenu;
        }
        None
    }

    fn save_as(&mut self, text: &str) -> Option<Effect> {
        // A file name never holds a line break or a control character (a pasted list, say):
        // the lines are joined for the user to check, and nothing is saved yet.
        if text
            .chars()
            .any(|c| c.is_control() || crate::text::is_unsafe(c))
        {
            let joined = text
                .split(|c: char| c.is_control() || crate::text::is_unsafe(c))
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            self.start_input(Target::SaveAs, joined);
            self.set_error(
                "a file name cannot hold a line break or a control character: check the name and press Enter",
            );
            return None;
        }
        let name = text.trim();
        if name.is_empty() {
            self.set_status("not saved: no file name given");
            self.room.quit_after_save = false;
            return None;
        }
        let mut path = PathBuf::from(name);
        if path.extension().is_none_or(|e| e != "ron") {
            path.as_mut_os_string().push(".ron");
        }
        self.room.saving = Some(path.clone());
        Some(Effect::Save(path))
    }

    /// Opens the text input on `target`. Text put there for the user (the field's value, a
    /// proposed name) is a proposal: typing replaces it, any other key keeps it to edit.
    pub(super) fn start_input(&mut self, target: Target, text: String) {
        self.seat.discard_armed = false;
        self.seat.mode = Mode::Editing {
            target,
            input: LineInput::proposed(text),
        };
    }
}
impl View<'_> {
    /// The text an input on `target` starts with.
    fn current_text(&self, target: Target) -> Option<String> {
        let card = |slot: Slot| {
            self.room
                .map
                .stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))
        };
        let persona = self.room.map.persona.clone().unwrap_or_default();
        Some(match target {
            Target::NewCard(_) | Target::NewStage(_) | Target::SaveAs => String::new(),
            // Always taken as typed: Enter on the proposed length sets it.
            Target::TimerLength | Target::ExportPath | Target::SeatName => return None,
            Target::CardText(slot) => card(slot)?.text.clone(),
            Target::CardField(field, slot) => match field.get(card(slot)?) {
                Value::Text(text) => text.to_string(),
                Value::Number(_) | Value::Word(_) => return None,
            },
            Target::StageName(i) => self.room.map.stages.get(i)?.name.clone(),
            Target::StageDescription(i) => self.room.map.stages.get(i)?.description.clone(),
            Target::Title => self.room.map.title.clone(),
            Target::Persona(PersonaField::Name) => persona.name,
            Target::Persona(PersonaField::Summary) => persona.summary,
            Target::Persona(PersonaField::Goals) => persona.goals.join("; "),
            Target::Persona(PersonaField::Frustrations) => persona.frustrations.join("; "),
        })
    }

    /// The change that Enter on the open input would make, if any: for the recovery copy,
    /// so that text still being typed is not lost with a killed terminal.
    pub fn pending_edit(&self) -> Option<Edit> {
        let Mode::Editing { target, input } = &self.seat.mode else {
            return None;
        };
        if *target == Target::SaveAs || self.current_text(*target).as_deref() == Some(input.text())
        {
            return None;
        }
        self.edit_for(*target, input.text()).ok().flatten()
    }

    /// What Enter with `text` on `target` changes: an edit, nothing (the text is what was
    /// there), or why nothing can change.
    fn edit_for(&self, target: Target, text: &str) -> Result<Option<Edit>, &'static str> {
        let single_line = || text.split_whitespace().collect::<Vec<_>>().join(" ");
        let card_edit = |slot: Slot, set: &dyn Fn(&mut Card)| {
            let old = self
                .room
                .map
                .stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))?;
            let mut card = old.clone();
            set(&mut card);
            (&card != old).then_some(Edit::ReplaceCard(slot, card))
        };
        Ok(match target {
            Target::NewCard(slot) => {
                // A pasted list becomes one card per line, in one undoable step.
                let edits: Vec<Edit> = text
                    .lines()
                    .filter(|line| !model::is_blank(line))
                    .enumerate()
                    .map(|(i, line)| {
                        let at = Slot {
                            index: slot.index + i,
                            ..slot
                        };
                        Edit::InsertCard(at, capture(slot.lane, line).card)
                    })
                    .collect();
                (!edits.is_empty()).then_some(Edit::Batch(edits))
            }
            Target::CardText(slot) => {
                let text = single_line();
                if model::is_blank(&text) {
                    return Err("a card needs text: press d to delete it instead");
                }
                card_edit(slot, &|card| card.text.clone_from(&text))
            }
            Target::CardField(field, slot) => {
                let value = match field.kind() {
                    FieldKind::Text { multiline: true } => text.trim().to_string(),
                    _ => single_line(),
                };
                card_edit(slot, &|card| field.set(card, Value::Text(&value)))
            }
            Target::StageName(index) => {
                let name = single_line();
                if model::is_blank(&name) {
                    return Err("a stage needs a name");
                }
                let renamed = self
                    .room
                    .map
                    .stages
                    .get(index)
                    .is_some_and(|s| s.name != name);
                renamed.then_some(Edit::RenameStage(index, name))
            }
            Target::StageDescription(index) => Some(Edit::DescribeStage(index, single_line())),
            Target::NewStage(index) => {
                let name = single_line();
                if model::is_blank(&name) {
                    return Err("a stage needs a name: no stage added");
                }
                Some(Edit::InsertStage(index, Stage::new(name)))
            }
            Target::Title => {
                let title = single_line();
                (title != self.room.map.title).then_some(Edit::SetTitle(title))
            }
            Target::Persona(field) => {
                let mut persona = self.room.map.persona.clone().unwrap_or_default();
                match field {
                    PersonaField::Name => persona.name = single_line(),
                    PersonaField::Summary => persona.summary = single_line(),
                    PersonaField::Goals => persona.goals = split_list(text),
                    PersonaField::Frustrations => persona.frustrations = split_list(text),
                }
                if model::is_blank(&persona.name) {
                    return Err("a persona needs a name first: press n");
                }
                (self.room.map.persona.as_ref() != Some(&persona))
                    .then_some(Edit::SetPersona(Some(persona)))
            }
            Target::SaveAs | Target::TimerLength | Target::ExportPath | Target::SeatName => None,
        })
    }
}

/// What quick capture changed in the lines it took (a score clamped), for the status bar.
fn capture_notes(lane: Lane, text: &str) -> String {
    text.lines()
        .filter(|line| !model::is_blank(line))
        .filter_map(|line| capture(lane, line).note)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Persona goals and frustrations are typed as one line, separated by semicolons.
fn split_list(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}
