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
    /// Removes the first file when the last write of the second one worked.
    RemoveOnceWritten(PathBuf, PathBuf),
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
            | Job::RemoveOnceWritten(path, _)
            | Job::Round(path, _)
            | Job::Room(path, _)
            | Job::View(path, _) => Some(path),
            Job::Release(_) => None,
        }
    }

    /// Whether the job needs the file at `path` written first.
    fn waits_for(&self, path: Option<&Path>) -> bool {
        matches!(self, Job::RemoveOnceWritten(_, written) if Some(written.as_path()) == path)
    }
}

fn run_writer(queue: Receiver<Job>, failures: Sender<String>) {
    // The files whose last write failed.
    let mut unwritten: Vec<PathBuf> = Vec::new();
    while let Ok(job) = queue.recv() {
        let mut batch = vec![job];
        batch.extend(queue.try_iter());
        // A job is superseded by a later one for the same file, unless a job between them
        // needs this one done first.
        let superseded: Vec<bool> = (0..batch.len())
            .map(|i| {
                let path = batch[i].path();
                path.is_some()
                    && batch[i + 1..]
                        .iter()
                        .take_while(|later| !later.waits_for(path))
                        .any(|later| later.path() == path)
            })
            .collect();
        for (job, superseded) in batch.into_iter().zip(superseded) {
            let result = match job {
                _ if superseded => Ok(()),
                Job::Write(path, map) => {
                    let result = recovery::write(&path, &map).map_err(|e| e.to_string());
                    unwritten.retain(|p| *p != path);
                    if result.is_err() {
                        unwritten.push(path);
                    }
                    result
                }
                Job::Remove(path) => recovery::remove(&path).map_err(|e| store::io_message(&e)),
                // Kept while what it waits for is not written: the failed write is reported
                // already, and the next one asks again.
                Job::RemoveOnceWritten(_, written) if unwritten.contains(&written) => Ok(()),
                Job::RemoveOnceWritten(path, _) => {
                    recovery::remove(&path).map_err(|e| store::io_message(&e))
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Runs the writer over `jobs`, queued at once, and returns the failures it reported.
    fn write_all(jobs: Vec<Job>) -> Vec<String> {
        let (send, queue) = mpsc::channel();
        let (report, failures) = mpsc::channel();
        for job in jobs {
            send.send(job).expect("queued");
        }
        drop(send);
        run_writer(queue, report);
        failures.try_iter().collect()
    }

    #[test]
    fn an_ended_rounds_file_goes_only_once_a_copy_with_its_votes_is_written() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let round = dir.path().join("map.7.round");
        let copy = dir.path().join("map.7.ron");
        fs::write(&round, "the round's dots").expect("round file");
        let mut map = crate::templates::default_map();
        let mut revealed = crate::model::Card::new("Forms ask twice");
        revealed.votes = 4;
        map.stages[0]
            .lane_mut(crate::model::Lane::PainPoints)
            .push(revealed);
        let jobs = || {
            vec![
                Job::Write(copy.clone(), map.clone()),
                Job::RemoveOnceWritten(round.clone(), copy.clone()),
            ]
        };
        // A folder where the copy goes: the copy cannot be written, so the round stays.
        fs::create_dir_all(copy.join("in the way")).expect("folder");
        assert_eq!(write_all(jobs()).len(), 1, "the failed copy is reported");
        assert!(
            round.exists(),
            "the round went while no copy held its votes"
        );
        // Room again: the copy is written, then the round's file goes.
        fs::remove_dir_all(&copy).expect("clear the way");
        assert_eq!(write_all(jobs()), Vec::<String>::new());
        assert!(
            !round.exists(),
            "the round's file stayed after the copy was written"
        );
        assert_eq!(store::load(&copy).expect("the copy"), map);
    }
}
