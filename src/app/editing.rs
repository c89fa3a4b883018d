//! The text inputs: what each one starts with, and what Enter on it changes.

use std::path::PathBuf;

use super::{App, Edit, Effect, LineInput, Mode, PersonaField, Slot, Target};
use crate::app::Action;
use crate::model::{self, Card, Stage};

impl App {
    pub(super) fn editing(
        &mut self,
        target: Target,
        mut input: LineInput,
        action: Action,
    ) -> Option<Effect> {
        match action {
            Action::Input(op) => input.apply(op),
            Action::Paste(text) => input.paste(&text),
            Action::Cancel => {
                self.mode = match target {
                    Target::Persona(_) => Mode::PersonaMenu,
                    _ => Mode::Normal,
                };
                if target == Target::SaveAs {
                    self.quit_after_save = false;
                }
                return None;
            }
            Action::Submit => {
                self.mode = Mode::Normal;
                // Enter on text nobody changed changes nothing, even where typing would be
                // tidied (spaces collapsed, a list split at semicolons).
                if self.current_text(target).as_deref() == Some(input.text()) {
                    if let Target::Persona(_) = target {
                        self.mode = Mode::PersonaMenu;
                    }
                    return None;
                }
                return self.submit(target, input.into_text());
            }
            _ => {}
        }
        self.mode = Mode::Editing { target, input };
        None
    }

    /// The text an input on `target` starts with.
    fn current_text(&self, target: Target) -> Option<String> {
        let card = |slot: Slot| {
            self.map
                .stages
                .get(slot.stage)
                .and_then(|s| s.lane(slot.lane).get(slot.index))
        };
        let persona = self.map.persona.clone().unwrap_or_default();
        Some(match target {
            Target::NewCard(_) | Target::NewStage(_) | Target::SaveAs => String::new(),
            Target::CardText(slot) => card(slot)?.text.clone(),
            Target::Notes(slot) => card(slot)?.notes.clone(),
            Target::Channel(slot) => card(slot)?.channel.clone(),
            Target::StageName(i) => self.map.stages.get(i)?.name.clone(),
            Target::StageDescription(i) => self.map.stages.get(i)?.description.clone(),
            Target::Title => self.map.title.clone(),
            Target::Persona(PersonaField::Name) => persona.name,
            Target::Persona(PersonaField::Summary) => persona.summary,
            Target::Persona(PersonaField::Goals) => persona.goals.join("; "),
            Target::Persona(PersonaField::Frustrations) => persona.frustrations.join("; "),
        })
    }

    /// Opens the text input on `target`, filled with its current text.
    pub(super) fn edit_text_of(&mut self, target: Target) {
        let text = self.current_text(target).unwrap_or_default();
        self.start_input(target, text);
    }

    fn submit(&mut self, target: Target, text: String) -> Option<Effect> {
        let single_line = || text.split_whitespace().collect::<Vec<_>>().join(" ");
        match target {
            Target::NewCard(slot) => {
                // A pasted list becomes one card per line, in one undoable step.
                let cards: Vec<Card> = text
                    .lines()
                    .filter(|line| !model::is_blank(line))
                    .map(|line| Card::new(line.trim()))
                    .collect();
                let count = cards.len();
                let edits: Vec<Edit> = cards
                    .into_iter()
                    .enumerate()
                    .map(|(i, card)| {
                        Edit::InsertCard(
                            Slot {
                                index: slot.index + i,
                                ..slot
                            },
                            card,
                        )
                    })
                    .collect();
                let message = if count > 1 {
                    format!("{count} cards added")
                } else {
                    String::new()
                };
                if count > 0 && self.change(Edit::Batch(edits), &message) {
                    self.selection = Slot {
                        index: slot.index + count - 1,
                        ..slot
                    };
                }
            }
            Target::CardText(slot) => {
                let text = single_line();
                if model::is_blank(&text) {
                    self.set_status("a card needs text: press d to delete it instead");
                } else {
                    self.change_card(slot, |card| card.text = text);
                }
            }
            Target::Notes(slot) => {
                self.change_card(slot, |card| card.notes = text.trim().to_string())
            }
            Target::Channel(slot) => self.change_card(slot, |card| card.channel = single_line()),
            Target::StageName(index) => {
                let name = single_line();
                if model::is_blank(&name) {
                    self.set_status("a stage needs a name");
                } else if self.map.stages.get(index).is_some_and(|s| s.name != name) {
                    self.change(Edit::RenameStage(index, name), "");
                }
            }
            Target::StageDescription(index) => {
                let description = single_line();
                self.change(Edit::DescribeStage(index, description), "");
            }
            Target::NewStage(index) => {
                let name = single_line();
                if model::is_blank(&name) {
                    self.set_status("a stage needs a name: no stage added");
                } else if self.change(Edit::InsertStage(index, Stage::new(name)), "stage added") {
                    self.select_stage(index);
                }
            }
            Target::Title => {
                let title = single_line();
                if title != self.map.title {
                    self.change(Edit::SetTitle(title), "");
                }
            }
            Target::Persona(field) => {
                let mut persona = self.map.persona.clone().unwrap_or_default();
                let list = || split_list(&text);
                match field {
                    PersonaField::Name => persona.name = single_line(),
                    PersonaField::Summary => persona.summary = single_line(),
                    PersonaField::Goals => persona.goals = list(),
                    PersonaField::Frustrations => persona.frustrations = list(),
                }
                if model::is_blank(&persona.name) {
                    self.set_status("a persona needs a name first: press n");
                } else if self.map.persona.as_ref() != Some(&persona) {
                    self.change(Edit::SetPersona(Some(persona)), "");
                }
                self.mode = Mode::PersonaMenu;
            }
            Target::SaveAs => {
                let name = text.trim();
                if name.is_empty() {
                    self.set_status("not saved: no file name given");
                    self.quit_after_save = false;
                    return None;
                }
                let mut path = PathBuf::from(name);
                if path.extension().is_none_or(|e| e != "ron") {
                    path.as_mut_os_string().push(".ron");
                }
                self.saving = Some(path.clone());
                return Some(Effect::Save(path));
            }
        }
        None
    }

    pub(super) fn start_input(&mut self, target: Target, text: String) {
        self.mode = Mode::Editing {
            target,
            input: LineInput::new(text),
        };
    }
}

/// Persona goals and frustrations are typed as one line, separated by semicolons.
fn split_list(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}
