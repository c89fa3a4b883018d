//! Whether the process that left a file behind (a recovery copy, a temporary file) has
//! ended, read from `/proc`.

use std::fs;
use std::io;
use std::path::Path;

/// What `/proc` says about a process id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Process {
    /// Running, with the program name the kernel keeps for it (`comm`).
    Running { program: Vec<u8> },
    /// No such process, or one that has ended and waits to be reaped (a zombie): it will
    /// never write again.
    Ended,
    /// `/proc` cannot tell (not Linux, or not mounted).
    Unknown,
}

/// The state of process `pid`.
pub(crate) fn process(pid: u32) -> Process {
    let dir = Path::new("/proc").join(pid.to_string());
    match fs::read(dir.join("stat")) {
        Ok(stat) if has_ended(&stat) => Process::Ended,
        Ok(_) => match fs::read(dir.join("comm")) {
            Ok(program) => Process::Running { program },
            // Gone between the two reads.
            Err(e) if e.kind() == io::ErrorKind::NotFound => Process::Ended,
            Err(_) => Process::Unknown,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound && proc_mounted() => Process::Ended,
        Err(_) => Process::Unknown,
    }
}

/// The program name of this process, as `/proc` gives it for others.
pub(crate) fn own_program() -> Option<Vec<u8>> {
    fs::read("/proc/self/comm").ok()
}

fn proc_mounted() -> bool {
    Path::new("/proc/self/stat").exists()
}

/// `/proc/PID/stat` is `PID (NAME) STATE ...`. The name may hold spaces and parentheses, so
/// the state is the field after the last `)`. `Z` is a zombie, `X` (or `x`) a process
/// being torn down: both have ended.
fn has_ended(stat: &[u8]) -> bool {
    let state = stat
        .iter()
        .rposition(|&b| b == b')')
        .and_then(|close| stat.get(close + 2));
    matches!(state, Some(b'Z' | b'X' | b'x'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_follows_the_last_parenthesis() {
        assert!(has_ended(b"42 (journeymap) Z 1 42 42 0 -1"));
        assert!(has_ended(b"42 (a) b) X 1"));
        assert!(!has_ended(b"42 (a) Z) S 1"));
        assert!(!has_ended(b"42 (journeymap) S 1 42"));
        assert!(!has_ended(b"garbage"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_runs_and_an_impossible_one_has_ended() {
        let ours = process(std::process::id());
        assert_eq!(
            ours,
            Process::Running {
                program: own_program().expect("comm")
            }
        );
        // Far above any pid_max.
        assert_eq!(process(999_999_991), Process::Ended);
    }
}
