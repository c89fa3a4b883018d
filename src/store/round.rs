//! A voting round in progress, kept beside the recovery copy in the state folder so that a
//! crash, a `kill -9` or a closed terminal does not lose the room's dots. Each editor
//! process writes its own file (`KEY.PID.round`); the next editor on the same map finds the
//! files of processes that are gone and offers to resume the round.
//!
//! Every dot names its card by position and by text: a round is resumed only onto the cards
//! it was cast on.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::write_atomic_with;

/// The round as it is written: settings, the finished ballots, the ballot of the participant
/// whose turn it is, and the facilitator's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RoundFile {
    pub dots: u8,
    pub cap: u8,
    /// The lanes that take votes, by their file-format keys (`pain_points`).
    pub lanes: Vec<String>,
    pub hide_votes: bool,
    pub ballots: Vec<Vec<DotFile>>,
    pub current: Vec<DotFile>,
    /// Whether a participant's turn was under way (else the hand-over screen showed).
    pub in_turn: bool,
    pub counts: Vec<DotFile>,
}

/// Some dots on one card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotFile {
    pub stage: usize,
    pub lane: String,
    pub index: usize,
    /// The card's text when the dot was placed, to check the card is still the same one.
    pub text: String,
    pub dots: u16,
}

/// The round file this process writes for the map named `key`.
pub fn own_file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.{}.round", std::process::id()))
}

/// The text of a round file.
pub fn to_text(round: &RoundFile) -> String {
    ron::ser::to_string_pretty(round, ron::ser::PrettyConfig::default()).unwrap_or_default()
}

/// Reads a round file; `None` when it cannot be read or is not a round.
pub fn read(path: &Path) -> Option<RoundFile> {
    let text = fs::read_to_string(path).ok()?;
    ron::from_str(&text).ok()
}

/// Writes a round file atomically (temporary file, fsync, rename).
pub fn write(path: &Path, round: &RoundFile) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_atomic_with(path, to_text(round).as_bytes(), |file, bytes| {
        io::Write::write_all(file, bytes)
    })
}

/// Round files of the map named `key` left by editors that are no longer running, newest
/// first.
pub fn leftovers(dir: &Path, key: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{key}.");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid: u32 = name
                .strip_prefix(&prefix)?
                .strip_suffix(".round")?
                .parse()
                .ok()?;
            if pid == std::process::id() || super::recovery::editor_running(pid) {
                return None;
            }
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, entry.path()))
        })
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, path)| path).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_file_reads_back_as_written_and_others_are_not_leftovers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let round = RoundFile {
            dots: 5,
            cap: 3,
            lanes: vec!["pain_points".into()],
            hide_votes: true,
            ballots: vec![vec![DotFile {
                stage: 1,
                lane: "pain_points".into(),
                index: 0,
                text: "Slow \"page\"\n".into(),
                dots: 2,
            }]],
            ..RoundFile::default()
        };
        // Pids far above any pid_max are never alive.
        let gone = dir.path().join("k.999999991.round");
        write(&gone, &round).expect("written");
        write(&own_file(dir.path(), "k"), &round).expect("own file");
        write(&dir.path().join("other.999999992.round"), &round).expect("other map");
        assert_eq!(read(&gone), Some(round));
        assert_eq!(leftovers(dir.path(), "k"), [gone]);
    }
}
