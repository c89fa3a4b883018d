//! The projector's side of the session: the facilitator's editor keeps a view file beside
//! its recovery copy (where it is on the board, the timer, the phase), and `view --follow`
//! reads both.

use super::*;

impl Session {
    /// The editor's view file: written again soon after what the facilitator's screen
    /// shows changes (the place on the board, the timer, the phase, a round's progress).
    pub(super) fn keep_view_file(&mut self, app: &App) {
        let Some(path) = &self.own_view else {
            return;
        };
        let shown = app.view().shown_to_projector();
        if self.view_shown == Some(shown) || self.view_written.elapsed() < VIEW_DELAY {
            return;
        }
        let file = app.view().view_file(Instant::now(), SystemTime::now());
        self.writer.send(Job::View(path.clone(), file));
        self.view_shown = Some(shown);
        self.view_written = Instant::now();
    }

    /// `view --follow`: the newest recovery copy of a running editor on this map when there
    /// is one (its unsaved work, about a second behind), else the file. Reads only what
    /// changed: an idle map costs a look at a folder and a file's metadata.
    pub(super) fn follow_editor(&mut self) -> Option<Event> {
        let path = self.path.clone()?;
        let live = self.state_dir.as_ref().and_then(|dir| {
            recovery::live_copies(dir, &recovery::key(Some(&path)))
                .into_iter()
                .next()
        });
        if let Some(copy) = live {
            let stamp = std::fs::metadata(&copy.path).ok().map(|m| Stamp::of(&m));
            if stamp.is_some() && stamp == self.live_stamp {
                return None;
            }
            // A copy that does not read (being replaced right now) is tried again later.
            let map = store::load(&copy.path).ok()?;
            self.live_stamp = stamp;
            self.showing = Some(Source::LiveFromEditor);
            return Some(Event::Follow {
                map: Box::new(map),
                source: Source::LiveFromEditor,
            });
        }
        self.live_stamp = None;
        // The file's stamp (identity, length, times) says whether anything happened to it:
        // an unchanged file is not read again, nor a broken one retried until it changes.
        let stamp = std::fs::metadata(&path).ok().map(|m| Stamp::of(&m));
        if stamp.is_some() && stamp == self.file_stamp && self.showing == Some(Source::SavedFile) {
            return None;
        }
        self.file_stamp = stamp;
        self.showing = Some(Source::SavedFile);
        if stamp.is_none() && !path.exists() && self.disk.is_none() {
            // Never saved, and its editor is gone (or not yet there): nothing went wrong.
            return Some(Event::Warn(
                "no editor has this map open, and it has no file yet: the last map seen stays"
                    .into(),
            ));
        }
        match store::load_tracked(&path) {
            Ok((map, disk)) => {
                self.disk = Some(disk);
                Some(Event::Follow {
                    map: Box::new(map),
                    source: Source::SavedFile,
                })
            }
            Err(e) => Some(Event::Warn(format!("could not reload: {}", e.reason()))),
        }
    }

    /// `view --follow`: the view file of the editor on this map, when it changed, or word
    /// that no editor describes its screen any more. A damaged file is passed over until it
    /// changes.
    pub(super) fn follow_view(&mut self) -> Option<Event> {
        let path = self.path.as_deref()?;
        let dir = self.state_dir.as_deref()?;
        let file = view::live_files(dir, &recovery::key(Some(path)))
            .into_iter()
            .next();
        let stamp = file
            .as_ref()
            .and_then(|f| std::fs::metadata(f).ok())
            .map(|m| Stamp::of(&m));
        if stamp == self.view_stamp {
            return None;
        }
        self.view_stamp = stamp;
        let read = file.as_deref().and_then(view::read);
        if read.is_none() && (file.is_some() || !self.projected) {
            return None;
        }
        self.projected = read.is_some();
        Some(Event::Projected {
            view: read.map(Box::new),
            now: Instant::now(),
            wall: SystemTime::now(),
        })
    }
}
