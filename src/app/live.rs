//! What every seat of a live session is shown about the session itself: how to join, the
//! host key to check, and who is at the map.

use super::Role;

/// A live session's facts, kept by the loop that serves it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Live {
    /// What participants type to join (`ssh -p 2222 K7QF9M@192.168.1.20`), one per address.
    pub join: Vec<String>,
    /// The host key's fingerprint (`SHA256:…`), to check against what `ssh` shows.
    pub fingerprint: String,
    /// Everybody who has a seat, here now or away.
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub role: Role,
    /// Connected now (else away: the seat waits for them to come back).
    pub here: bool,
}

impl Live {
    /// How many people are at the map now.
    pub fn here(&self) -> usize {
        self.members.iter().filter(|m| m.here).count()
    }

    /// The roster's lines: how to join, then one line per person.
    pub fn roster(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.join.iter().map(|j| format!("join: {j}")).collect();
        lines.push(format!("host key: {}", self.fingerprint));
        lines.push(String::new());
        for m in &self.members {
            let role = match m.role {
                Role::Facilitator => " (facilitator)",
                Role::Participant => "",
            };
            let state = if m.here { "here" } else { "away" };
            lines.push(format!("{state:5} {}{role}", m.name));
        }
        lines
    }
}
