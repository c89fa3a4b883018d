//! Saving from a seat: Ctrl-s, save as, and what the loop says came of it.

use std::path::{Path, PathBuf};

use super::{Ctx, Effect, Target};

impl Ctx<'_> {
    pub(super) fn save(&mut self, then_quit: bool) -> Option<Effect> {
        if self.room.read_only {
            self.set_error("read-only: open the map without --read-only to save it");
            return None;
        }
        self.room.quit_after_save = then_quit;
        match &self.room.path {
            Some(_) if let Some(why) = self.room.cannot_write.clone() => {
                self.ask_save_as();
                // The notice on opening is long gone: the question says why it is asked.
                self.set_error(format!("{why}: change the folder or the name to save"));
                None
            }
            Some(path) => {
                self.room.saving = Some(path.clone());
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
    pub(super) fn ask_save_as(&mut self) {
        let proposed = self
            .room
            .path
            .as_ref()
            .filter(|_| self.room.cannot_write.is_some())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.start_input(Target::SaveAs, proposed);
    }

    pub(super) fn saved(&mut self, result: Result<PathBuf, String>) -> Option<Effect> {
        let quit = std::mem::take(&mut self.room.quit_after_save);
        self.room.saving = None;
        match result {
            Ok(path) => {
                if self.room.path.as_ref() != Some(&path) {
                    self.room.cannot_write = None;
                }
                self.room.path = Some(path.clone());
                self.room.history.mark_saved();
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
