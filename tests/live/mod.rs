//! A live session end to end on the real room: SSH clients (russh's own, in process, each
//! with a `vt100` screen; and the `ssh` binary against `journeymap host`) join, type, paste
//! and leave, and what they did is on everyone's screen and in the map.

// The SSH client of the transport's tests, shared as it is (its module there is private):
// not every helper is used here.
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../host/client.rs"]
mod client;
mod ending;
mod facilitator;
mod phases;
mod projector;
mod restart;
mod rules;
mod selection;
mod ssh_binary;

mod workshop;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use client::{Participant, auth_name, connect};
use journeymap::app::{self, Action, Room, Seat};
use journeymap::host::{self, HostOptions};
use journeymap::model::{Lane, Map};
use journeymap::tui::live::{Remotes, serve};
use journeymap::{templates, ui};
use tempfile::TempDir;

pub const CODE: &str = "LIVE42";

/// However a test ends, the room loop stops by itself after this long.
const LOOP_LIMIT: Duration = Duration::from_secs(120);

/// What the room loop last saw, for tests to wait on while it runs.
#[derive(Default, Clone)]
pub struct Seen {
    pub connected: usize,
    /// Every card's text, stage by stage and lane by lane.
    pub cards: Vec<String>,
    /// The participants' private cards not yet revealed.
    pub drafts: usize,
    /// The facilitator's status line, after the last action asked of them.
    pub status: Option<String>,
}

/// The real room served by `tui::live::serve` on a thread, to clients on 127.0.0.1.
pub struct Session {
    pub port: u16,
    /// What the facilitator does, taken by the room loop between two looks.
    acts: Mutex<mpsc::Sender<Action>>,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Seen>>,
    looping: Option<JoinHandle<Room>>,
    _data: TempDir,
}

impl Session {
    /// A room on the default template's map.
    pub fn start() -> Session {
        Session::with_map(templates::default_map())
    }

    pub fn with_map(map: Map) -> Session {
        let data = tempfile::tempdir().unwrap();
        let host = host::start(HostOptions {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            code: Some(CODE.into()),
            data_dir: Some(data.path().to_path_buf()),
            failure_delay: Duration::from_millis(50),
            ..HostOptions::default()
        })
        .expect("the host starts");
        let port = host.local_addr().port();
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (acts, asked) = mpsc::channel::<Action>();
        let looping = {
            let (stop, seen) = (Arc::clone(&stop), Arc::clone(&seen));
            std::thread::spawn(move || {
                let mut room = Room::new(map, None);
                let mut remotes = Remotes::new(host);
                let mut facilitator = Seat::facilitator();
                facilitator.name = "Ana".into();
                let theme = ui::Theme::plain();
                let until = Instant::now() + LOOP_LIMIT;
                let mut version = None;
                serve(&mut room, &mut remotes, &theme, |room, remotes| {
                    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                    while let Ok(action) = asked.try_recv() {
                        // The room's clock, as the facilitator's terminal loop keeps it.
                        app::handle(room, &mut facilitator, app::Event::Tick(Instant::now()));
                        app::update(room, &mut facilitator, action);
                        seen.status = facilitator.status.as_ref().map(|(s, _)| s.clone());
                    }
                    seen.connected = remotes.connected();
                    seen.drafts = room.drafts().len();
                    if version != Some(room.version()) {
                        version = Some(room.version());
                        seen.cards = texts(&room.map);
                    }
                    stop.load(Ordering::SeqCst) || Instant::now() >= until
                });
                room
            })
        };
        Session {
            port,
            acts: Mutex::new(acts),
            stop,
            seen,
            looping: Some(looping),
            _data: data,
        }
    }

    /// Joins with `name` at the name prompt, with a terminal of `cols` x `rows`, and waits
    /// for the board.
    pub fn join(&self, name: &str, cols: u16, rows: u16) -> Participant {
        let mut handle = connect(self.port);
        let (_, ok) = auth_name(&mut handle, CODE, name);
        assert!(ok, "{name} is let in");
        let p = Participant::open(handle, cols, rows);
        p.wait_for("welcome");
        p
    }

    /// The facilitator does `action` (on the room loop's thread, between two looks).
    pub fn act(&self, action: Action) {
        self.acts
            .lock()
            .unwrap()
            .send(action)
            .expect("the room loop runs");
    }

    /// Waits until what the room loop saw satisfies `ok`.
    pub fn wait_seen(&self, what: &str, mut ok: impl FnMut(&Seen) -> bool) -> Seen {
        let deadline = Instant::now() + client::TIMEOUT;
        loop {
            let seen = self.seen.lock().unwrap().clone();
            if ok(&seen) {
                return seen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the room has {} connected and the cards {:?}",
                seen.connected,
                seen.cards
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Stops the room loop and gives back the room it served.
    pub fn finish(mut self) -> Room {
        self.stop.store(true, Ordering::SeqCst);
        self.looping
            .take()
            .expect("the loop runs")
            .join()
            .expect("the room loop did not panic")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Every card's text, stage by stage and lane by lane.
pub fn texts(map: &Map) -> Vec<String> {
    map.stages
        .iter()
        .flat_map(|s| Lane::ALL.into_iter().flat_map(move |l| s.lane(l).iter()))
        .map(|c| c.text.clone())
        .collect()
}

/// Keys as a terminal sends them.
#[allow(dead_code)]
pub mod keys {
    pub const ENTER: &[u8] = b"\r";
    /// Wait for its effect before the next key: Esc and a key at once read as Alt + key.
    pub const ESC: &[u8] = b"\x1b";
    pub const CTRL_S: &[u8] = b"\x13";
    pub const UP: &[u8] = b"\x1b[A";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const RIGHT: &[u8] = b"\x1b[C";

    /// `text` as a terminal with bracketed paste on sends it.
    pub fn paste(text: &str) -> Vec<u8> {
        format!("\x1b[200~{text}\x1b[201~").into_bytes()
    }
}

/// Types `text` a key at a time.
pub fn type_text(p: &Participant, text: &str) {
    for c in text.chars() {
        p.send(c.to_string().as_bytes());
    }
}

/// Whether the inline editor is open on this screen (the line under the board says how
/// to end it).
pub fn editing(contents: &str) -> bool {
    contents.contains("Esc ends")
}

/// The default template's map with these cards in the first stage's touchpoints.
pub fn map_with(cards: &[&str]) -> Map {
    let mut map = templates::default_map();
    let lane = map.stages[0].lane_mut(Lane::Touchpoints);
    lane.clear();
    lane.extend(cards.iter().map(|t| journeymap::model::Card::new(*t)));
    map
}

/// The default template's stages with no cards at all.
pub fn empty_map() -> Map {
    let mut map = templates::default_map();
    for stage in &mut map.stages {
        for lane in Lane::ALL {
            stage.lane_mut(lane).clear();
        }
    }
    map
}

/// Ten pain points, two per stage, and nothing else: what a voting round votes on.
pub fn phases_map() -> Map {
    let mut map = empty_map();
    for (s, stage) in map.stages.iter_mut().enumerate() {
        for k in 0..2 {
            stage
                .lane_mut(Lane::PainPoints)
                .push(journeymap::model::Card::new(format!("pain {s}{k}")));
        }
    }
    map
}
