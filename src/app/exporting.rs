//! `x`: a snapshot of the map written from the editor, in any format of `print`. The file
//! name is proposed from the map's name and the format's extension; the loop writes it
//! with the same rules as `print -o` (atomically, never over a map) and asks before
//! replacing another file.

use std::path::{Path, PathBuf};

use super::{Action, Ctx, Effect, Mode, Target};
use crate::export;

impl Ctx<'_> {
    /// The export menu's keys: a format by its number.
    pub(super) fn export_keys(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::JumpStage(i) => match export::ALL.get(i) {
                Some(format) => {
                    self.seat.export_format = format.name;
                    let proposed =
                        proposed_name(self.room.path.as_deref(), &self.room.map.title, format);
                    self.start_input(Target::ExportPath, proposed);
                }
                None => self.set_status("no format with that number"),
            },
            Action::Cancel => self.seat.mode = Mode::Normal,
            _ => {}
        }
        None
    }

    /// Enter on the file name: the loop writes the snapshot.
    pub(super) fn export_to(&mut self, text: &str) -> Option<Effect> {
        let name = text.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            self.set_error("a snapshot needs a file name on one line");
            return None;
        }
        Some(Effect::Export {
            path: PathBuf::from(name),
            format: self.seat.export_format,
            overwrite: false,
        })
    }

    /// What the loop found when writing a snapshot.
    pub(super) fn exported(&mut self, outcome: Exported) -> Option<Effect> {
        match outcome {
            Exported::Written(path) => self.set_status(format!(
                "wrote {} ({} snapshot)",
                path.display(),
                self.seat.export_format
            )),
            Exported::Exists(path) => self.seat.mode = Mode::ExportExists(path),
            Exported::Failed(why) => self.set_error(format!("snapshot not written: {why}")),
        }
        None
    }

    /// "Replace that file?" after an export found one.
    pub(super) fn export_exists_keys(&mut self, path: PathBuf, action: Action) -> Option<Effect> {
        self.seat.mode = Mode::Normal;
        match action {
            Action::Overwrite => Some(Effect::Export {
                path,
                format: self.seat.export_format,
                overwrite: true,
            }),
            Action::SaveAs => {
                self.start_input(Target::ExportPath, path.display().to_string());
                None
            }
            _ => {
                self.set_status("snapshot not written");
                None
            }
        }
    }
}

/// The outcome of writing a snapshot, from the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    Written(PathBuf),
    /// A file of that name is there (not a map): the user decides.
    Exists(PathBuf),
    Failed(String),
}

/// The map's file name with the format's extension, beside the map; or the title made
/// into a file name for a map without a file.
fn proposed_name(map: Option<&Path>, title: &str, format: &export::Exporter) -> String {
    let ext = format.extensions[0];
    match map {
        Some(path) => path.with_extension(ext).display().to_string(),
        None => {
            let stem: String = title
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
                .split('-')
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let stem = if stem.is_empty() {
                "journey".into()
            } else {
                stem
            };
            format!("{stem}.{ext}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_follows_the_map_or_its_title() {
        let html = export::find("html").expect("html");
        assert_eq!(
            proposed_name(Some(Path::new("maps/trial.ron")), "x", html),
            "maps/trial.html"
        );
        assert_eq!(
            proposed_name(None, "Trial sign-up: v2!", html),
            "trial-sign-up-v2.html"
        );
        assert_eq!(proposed_name(None, "???", html), "journey.html");
    }
}
