//! The seats of a live session (`journeymap host`): every SSH connection is a seat in the
//! room, with its input turned into actions through the same key map as the facilitator's
//! and its screen drawn on this host, per seat, and sent as bytes. What a seat may not see
//! is never drawn for it, so it is never sent.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::app::live::{Live, Member};
use crate::app::{self, Effect, Event, LineInput, Mode, Role, Room, Seat, SeatId, Target};
use crate::host::{ConnId, Host, HostEvent, Identity, SeatScreen};
use crate::{keymap, ui};

mod room_file;

/// The shortest time between two redraws of every seat for others' changes.
const FRAME: Duration = Duration::from_millis(50);

/// How often the room takes in what the participants sent and draws their seats: keys that
/// come within this of each other are handled together and their seats drawn in one pass,
/// so a busy room wakes a few hundred times a second, not once per key (at 50 people typing,
/// a third fewer context switches and about a tenth less CPU, for at most this much latency).
pub(super) const PACE: Duration = Duration::from_millis(5);

/// One connected participant.
struct Remote {
    who: Identity,
    seat: Seat,
    screen: SeatScreen,
    /// Something this seat shows changed since its last frame.
    dirty: bool,
}

/// The participants' seats and the server they come through.
pub struct Remotes {
    host: Host,
    here: HashMap<ConnId, Remote>,
    /// Seats of people who left or lost their connection, kept for when they come back
    /// (by the same key, or the same name with the code).
    away: Vec<(Identity, Seat)>,
    next_seat: u32,
    /// What the room showed when the seats were last drawn (see `Room::shown`).
    drawn: Option<Shown>,
    /// The timer's rings every seat has heard.
    rang: u64,
    /// When every seat was last drawn for the timer's sake.
    ticked: Option<std::time::Instant>,
    /// When every seat was last drawn for a change of the map.
    all_drawn: Option<Instant>,
    join: Vec<String>,
    fingerprint: String,
    /// Counts the comings and goings, for the room file and the roster.
    roster: u64,
    /// The count when the roster was last asked for.
    roster_told: u64,
    /// What the room file last written held, and when it was written.
    kept: Option<(Shown, u64)>,
    kept_at: Option<Instant>,
}

/// What the room showed at some moment (see `Room::shown`).
type Shown = (u64, u64, Option<u64>);

/// The longest a change to the room waits before its file is written again: a busy room
/// writes it a few times a second, not once per key.
const ROOM_FILE_DELAY: Duration = Duration::from_millis(500);

impl Remotes {
    pub fn new(host: Host) -> Self {
        Remotes {
            join: host.join_lines(),
            fingerprint: host.fingerprint(),
            host,
            here: HashMap::new(),
            away: Vec::new(),
            next_seat: 1,
            drawn: None,
            rang: 0,
            ticked: None,
            all_drawn: None,
            roster: 0,
            roster_told: 0,
            kept: None,
            kept_at: None,
        }
    }

    /// What the seats' headers and the roster show of the session.
    pub fn live(&self, facilitator: &Seat) -> Live {
        let mut members = vec![Member {
            seat: facilitator.id,
            name: facilitator.name.clone(),
            role: Role::Facilitator,
            here: true,
        }];
        let mut present: Vec<&Remote> = self.here.values().collect();
        present.sort_by_key(|r| r.seat.id.0);
        members.extend(present.iter().map(|r| Member {
            seat: r.seat.id,
            name: r.seat.name.clone(),
            role: r.seat.role,
            here: true,
        }));
        members.extend(self.away.iter().map(|(_, seat)| Member {
            seat: seat.id,
            name: seat.name.clone(),
            role: seat.role,
            here: false,
        }));
        Live {
            join: self.join.clone(),
            fingerprint: self.fingerprint.clone(),
            members,
        }
    }

    /// Takes in everything the connections sent since the last look, waiting up to `wait`
    /// for the first; returns whether anything happened. What the participants' changes ask
    /// of the session's files (the recovery copy, the round file) is added to `persist`.
    pub fn pump(&mut self, room: &mut Room, wait: Duration, persist: &mut Vec<Effect>) -> bool {
        // The seats the facilitator removed since go first.
        self.remove(room);
        self.host.answer();
        let mut any = false;
        let mut next = self.host.recv_timeout(wait);
        while let Some(event) = next {
            any = true;
            self.take(room, event, persist);
            next = self.host.try_recv();
        }
        any
    }

    fn take(&mut self, room: &mut Room, event: HostEvent, persist: &mut Vec<Effect>) {
        match event {
            HostEvent::Joined {
                conn,
                who,
                name,
                size,
            } => {
                self.join(room, conn, who, name, size);
                // The roster shows on every seat's header: everyone is drawn again.
                self.drawn = None;
                self.roster += 1;
            }
            HostEvent::Input { conn, event } => self.input(room, conn, event, persist),
            HostEvent::Resized { conn, size } => {
                if let Some(remote) = self.here.get_mut(&conn) {
                    remote.screen.resize(size);
                    app::handle(room, &mut remote.seat, resize(size));
                    remote.dirty = true;
                }
            }
            HostEvent::NeedsRepaint { conn } => {
                if let Some(remote) = self.here.get_mut(&conn) {
                    remote.screen.invalidate();
                    remote.dirty = true;
                }
            }
            HostEvent::Left { conn } => {
                if let Some(remote) = self.here.remove(&conn) {
                    self.away.push((remote.who, remote.seat));
                    self.drawn = None;
                    self.roster += 1;
                }
            }
        }
    }

    fn join(
        &mut self,
        room: &mut Room,
        conn: ConnId,
        who: Identity,
        name: Option<String>,
        size: (u16, u16),
    ) {
        let back = self.away.iter().position(|(w, _)| w.same_person(&who));
        let mut seat = match back {
            Some(at) => {
                let (_, mut seat) = self.away.remove(at);
                // Text being typed when the connection went is where they left it; any
                // other dialog is closed.
                if matches!(seat.mode, Mode::Editing { .. }) {
                    seat.set_status(format!(
                        "welcome back, {}: your text is as you left it",
                        seat.name
                    ));
                } else {
                    seat.mode = Mode::Normal;
                    seat.set_status(format!("welcome back, {}", seat.name));
                }
                seat
            }
            None => {
                let id = SeatId(self.next_seat);
                self.next_seat += 1;
                let proposed = name
                    .clone()
                    .unwrap_or_else(|| format!("Participant {}", id.0));
                room.tally.people += 1;
                let mut seat = Seat::new(id, Role::Participant, proposed.clone());
                if name.is_none() {
                    // Joined with a key: the room asks the name it will know them by.
                    seat.mode = Mode::Editing {
                        target: Target::SeatName,
                        input: LineInput::proposed(proposed),
                    };
                } else {
                    seat.set_status("welcome: a adds a card, ? lists the keys, W who is here");
                }
                seat
            }
        };
        app::handle(room, &mut seat, resize(size));
        self.here.insert(
            conn,
            Remote {
                who,
                seat,
                screen: SeatScreen::new(size),
                dirty: true,
            },
        );
    }

    fn input(
        &mut self,
        room: &mut Room,
        conn: ConnId,
        event: ratatui::crossterm::event::Event,
        persist: &mut Vec<Effect>,
    ) {
        let Some(remote) = self.here.get_mut(&conn) else {
            return;
        };
        let Some(action) = keymap::action_for(&remote.seat.mode, event) else {
            return;
        };
        remote.dirty = true;
        let named = matches!(
            remote.seat.mode,
            Mode::Editing {
                target: Target::SeatName,
                ..
            }
        );
        for effect in app::update(room, &mut remote.seat, action) {
            match effect {
                Effect::Quit => self.host.disconnect(
                    conn,
                    "You left the workshop; your seat is kept: ssh again to come back.",
                ),
                Effect::Bell => self.host.send_frame(conn, b"\x07".to_vec()),
                Effect::Redraw => remote.screen.invalidate(),
                Effect::KeepRecovery | Effect::PersistRound => persist.push(effect),
                // Saving, exporting and the session's files are the facilitator's: a
                // participant's seat never asks for them (see `app::roles`).
                _ => {}
            }
        }
        if named && !matches!(remote.seat.mode, Mode::Editing { .. }) {
            self.drawn = None;
            self.roster += 1;
        }
    }

    /// Draws every seat that has something new to show and sends it its bytes: all of them
    /// when the map or the roster changed, or once a second while the timer runs.
    pub fn draw(&mut self, room: &mut Room, theme: &ui::Theme, now: Instant) {
        let second = Duration::from_secs(1);
        let timer =
            room.timer.is_running() && self.ticked.is_none_or(|t| now.duration_since(t) >= second);
        if timer {
            self.ticked = Some(now);
        }
        // Others' changes reach every seat at most once a frame: a busy room redraws each
        // screen a few dozen times a second, not once per card added. A seat's own keys
        // are drawn at once.
        let changed = self.drawn != Some(room.shown());
        // The timer reached zero: every participant's terminal rings too.
        let ring = room.rings() != self.rang;
        self.rang = room.rings();
        let due = self
            .all_drawn
            .is_none_or(|t| now.duration_since(t) >= FRAME);
        let everyone = timer || ring || (changed && due);
        for (conn, remote) in &mut self.here {
            if !(everyone || remote.dirty) {
                continue;
            }
            app::catch_up(room, &mut remote.seat);
            if ring {
                remote.seat.set_error("Time's up");
                self.host.send_frame(*conn, b"\x07".to_vec());
            }
            let seat = &remote.seat;
            let screen = &mut remote.screen;
            // Drawn as this seat sees the room: with its own private cards, no one else's.
            let bytes = app::phase::as_seen_by(room, seat, |room| {
                let view = app::View::new(room, seat);
                screen.draw(|buf| {
                    let area = buf.area;
                    ui::render(buf, area, &view, theme)
                })
            });
            remote.dirty = false;
            if !bytes.is_empty() {
                self.host.send_frame(*conn, bytes);
            }
        }
        if everyone {
            // The seats of those away follow their cards too, so the room file says where
            // their typed text goes, and they find it there when they come back.
            for (_, seat) in &mut self.away {
                app::catch_up(room, seat);
            }
            self.drawn = Some(room.shown());
            self.all_drawn = Some(now);
        }
    }

    /// Disconnects and forgets the seats the facilitator removed.
    fn remove(&mut self, room: &mut Room) {
        for id in room.take_removed() {
            self.away.retain(|(_, seat)| seat.id != id);
            let conns: Vec<ConnId> = self
                .here
                .iter()
                .filter(|(_, r)| r.seat.id == id)
                .map(|(conn, _)| *conn)
                .collect();
            for conn in conns {
                self.here.remove(&conn);
                self.host
                    .disconnect(conn, "The facilitator removed you from the session.");
            }
            self.drawn = None;
            self.roster += 1;
        }
    }

    /// When the seats must be drawn again for others' changes that wait for their frame
    /// (see [`FRAME`]), if any: a loop that sleeps wakes by then.
    pub fn next_draw(&self, room: &Room) -> Option<Instant> {
        (self.drawn != Some(room.shown()))
            .then(|| self.all_drawn.map_or_else(Instant::now, |t| t + FRAME))
    }

    /// What a loop that sleeps on other input polls too: readable once participants sent
    /// something (none where there is no such descriptor: look once a [`PACE`]).
    pub fn doorbell(&self) -> Option<std::os::raw::c_int> {
        self.host.doorbell()
    }

    /// How many participants are connected now.
    pub fn connected(&self) -> usize {
        self.here.len()
    }

    /// The seat of the connection `conn`, while it is connected.
    pub fn seat(&self, conn: ConnId) -> Option<&Seat> {
        self.here.get(&conn).map(|r| &r.seat)
    }

    /// Whether the roster changed since the last time this was asked (every seat's header
    /// and the facilitator's roster show it).
    pub fn roster_changed(&mut self) -> bool {
        self.roster != std::mem::replace(&mut self.roster_told, self.roster)
    }
}

/// What every participant's terminal says when the room ends.
const ENDED: &str = "journeymap: the host has ended the session.";

impl Drop for Remotes {
    /// The room is ending: each connection is given back its terminal with a line saying
    /// so, and the server is stopped only once they have gone (or after a second), since
    /// stopping it drops whatever is still waiting to be written.
    fn drop(&mut self) {
        if self.here.is_empty() {
            return;
        }
        for conn in self.here.keys() {
            self.host.disconnect(*conn, ENDED);
        }
        let deadline = Instant::now() + Duration::from_secs(1);
        while !self.here.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.host.recv_timeout(left) {
                Some(HostEvent::Left { conn }) => {
                    self.here.remove(&conn);
                }
                Some(_) => {}
                None => break,
            }
        }
        // `Left` comes once the goodbye is queued on the connection; give it a moment to
        // reach the socket before the server stops (which drops what is still queued).
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn resize((width, height): (u16, u16)) -> Event {
    Event::Resize { width, height }
}

/// Serves a room to its participants with no facilitator's terminal, until `done` says so:
/// the same pump and draw as `journeymap host`, for tests and the benchmarks. `done` may
/// act on the room as the facilitator would (with its own seat) between two looks.
pub fn serve(
    room: &mut Room,
    remotes: &mut Remotes,
    theme: &ui::Theme,
    mut done: impl FnMut(&mut Room, &Remotes) -> bool,
) {
    let facilitator = Seat::facilitator();
    room.live = Some(remotes.live(&facilitator));
    let mut last_pass = Instant::now();
    while !done(room, remotes) {
        let mut persist = Vec::new();
        // As `journeymap host` does between the facilitator's keys: what arrived within
        // a pace of the last pass waits for the next one.
        if remotes.pump(room, PACE, &mut persist)
            && let Some(left) = (last_pass + PACE).checked_duration_since(Instant::now())
        {
            std::thread::sleep(left);
            remotes.pump(room, Duration::ZERO, &mut persist);
        }
        last_pass = Instant::now();
        if remotes.roster_changed() {
            room.live = Some(remotes.live(&facilitator));
        }
        remotes.draw(room, theme, Instant::now());
    }
}
