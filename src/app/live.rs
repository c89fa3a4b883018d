//! What every seat of a live session is shown about the session itself: how to join, the
//! host key to check, and who is at the map.

use super::phase::Phase;
use super::{Role, SeatId, View};

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
    pub seat: SeatId,
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
}

impl View<'_> {
    /// The roster's lines: how to join, the phase, then one line per person with where they
    /// are in it (how many private cards, done voting), never what they wrote or voted.
    pub fn roster(&self) -> Vec<String> {
        let Some(live) = &self.room.live else {
            return Vec::new();
        };
        let mut lines: Vec<String> = live.join.iter().map(|j| format!("join: {j}")).collect();
        lines.push(format!("host key: {}", live.fingerprint));
        lines.push(format!("phase: {}", self.room.phase().label()));
        lines.push(String::new());
        let drafts = self.room.drafts_by_author();
        for (i, m) in live.members.iter().enumerate() {
            // The facilitator known by no name of their own is named once.
            let role = match m.role {
                Role::Facilitator if !m.name.eq_ignore_ascii_case("facilitator") => {
                    " (facilitator)"
                }
                _ => "",
            };
            let state = if m.here { "here" } else { "away" };
            let doing = match (self.room.phase(), &self.room.round) {
                (Phase::Writing, _) if m.role == Role::Participant => {
                    let n = drafts
                        .iter()
                        .find(|(s, _)| *s == m.seat)
                        .map_or(0, |(_, n)| *n);
                    format!(" · {}", crate::present::count(n, "private card"))
                }
                (Phase::Voting, Some(round)) if m.role == Role::Participant => {
                    match round.ballot_of(m.seat) {
                        Some(b) if b.done => " · done voting".to_string(),
                        _ => format!(
                            " · {} left",
                            crate::present::count(round.dots_left_of(m.seat) as usize, "dot")
                        ),
                    }
                }
                _ => String::new(),
            };
            let mark = if i == self.seat.roster_cursor && self.seat.role == Role::Facilitator {
                "›"
            } else {
                " "
            };
            lines.push(format!(
                "{mark} {state:5} {}{role}{doing}",
                crate::text::sanitize(&m.name)
            ));
        }
        lines
    }
}
