//! The writer of the session's files (the recovery copy, the round, room and view files): a
//! thread of its own, so formatting and writing a large map never delays a key press.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::model::Map;
use crate::store::{self, recovery, round, view};

pub(super) enum Job {
    Write(PathBuf, Map),
    Remove(PathBuf),
    /// The voting round's file.
    Round(PathBuf, round::RoundFile),
    /// A live session's room file.
    Room(PathBuf, store::room::RoomFile),
    /// The view file, for the projector.
    View(PathBuf, view::ViewFile),
    /// An old snapshot to drop: the lanes only it still holds are freed on the writer
    /// thread, not between two key presses.
    Release(Map),
}

/// The recovery-copy writer: a thread of its own, so formatting and writing a large map
/// never delays a key press.
pub(super) struct Writer {
    jobs: Option<Sender<Job>>,
    pub(super) failures: Receiver<String>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    pub(super) fn start() -> Writer {
        let (jobs, queue) = mpsc::channel();
        let (report, failures) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("recovery-writer".into())
            .spawn(move || run_writer(queue, report))
            .ok();
        Writer {
            jobs: Some(jobs),
            failures,
            thread,
        }
    }

    pub(super) fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    pub(super) fn release(&self, snapshot: Option<(PathBuf, Map)>) {
        if let Some((_, map)) = snapshot {
            self.send(Job::Release(map));
        }
    }

    pub(super) fn finish(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Job {
    fn path(&self) -> Option<&Path> {
        match self {
            Job::Write(path, _)
            | Job::Remove(path)
            | Job::Round(path, _)
            | Job::Room(path, _)
            | Job::View(path, _) => Some(path),
            Job::Release(_) => None,
        }
    }
}

fn run_writer(queue: Receiver<Job>, failures: Sender<String>) {
    while let Ok(job) = queue.recv() {
        let mut batch = vec![job];
        batch.extend(queue.try_iter());
        // A job is superseded by a later one for the same file.
        let superseded: Vec<bool> = (0..batch.len())
            .map(|i| {
                let path = batch[i].path();
                path.is_some() && batch[i + 1..].iter().any(|later| later.path() == path)
            })
            .collect();
        for (job, superseded) in batch.into_iter().zip(superseded) {
            let result = match job {
                _ if superseded => Ok(()),
                Job::Write(path, map) => recovery::write(&path, &map).map_err(|e| e.to_string()),
                Job::Remove(path) => recovery::remove(&path).map_err(|e| store::io_message(&e)),
                Job::Round(path, file) => {
                    round::write(&path, &file).map_err(|e| store::io_message(&e))
                }
                Job::Room(path, file) => {
                    store::room::write(&path, &file).map_err(|e| store::io_message(&e))
                }
                // Not the work: a projector without it just follows the map, so a failure
                // is not worth a warning on the facilitator's screen.
                Job::View(path, file) => {
                    let _ = view::write(&path, &file);
                    Ok(())
                }
                Job::Release(snapshot) => {
                    drop(snapshot);
                    Ok(())
                }
            };
            if let Err(message) = result {
                let _ = failures.send(message);
            }
        }
    }
}
