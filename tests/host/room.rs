//! A small room loop of the tests' own: it takes the host's events and draws, for each
//! connection, who it is and what it typed, on its own [`SeatScreen`]. Keys that are not
//! characters show as tokens (`<esc>`, `<up>`, `<paste:…>`), so a test reads the parser's
//! work off the participant's screen.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use journeymap::host::{ConnId, Host, HostEvent, Identity, SeatScreen};
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Paragraph, Widget};

/// One connection as the room sees it.
pub struct Seat {
    pub who: Identity,
    pub typed: String,
    pub screen: SeatScreen,
    pub dirty: bool,
    /// When set, every frame for this seat is a whole screen of changing text (the test of
    /// a stalled connection needs frames big enough to fill its queue).
    pub flood: bool,
    pub tick: u64,
}

#[derive(Default)]
pub struct Log {
    pub events: Vec<HostEvent>,
    pub repaints: usize,
}

pub struct Room {
    pub host: Arc<Host>,
    pub seats: Arc<Mutex<HashMap<ConnId, Seat>>>,
    pub log: Arc<Mutex<Log>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Room {
    pub fn start(host: Host) -> Room {
        let host = Arc::new(host);
        let seats: Arc<Mutex<HashMap<ConnId, Seat>>> = Arc::default();
        let log: Arc<Mutex<Log>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (host, seats, log, stop) = (
                Arc::clone(&host),
                Arc::clone(&seats),
                Arc::clone(&log),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || run(&host, &seats, &log, &stop))
        };
        Room {
            host,
            seats,
            log,
            stop,
            thread: Some(thread),
        }
    }

    pub fn seat<T>(&self, conn: ConnId, f: impl FnOnce(&mut Seat) -> T) -> Option<T> {
        self.seats.lock().unwrap().get_mut(&conn).map(f)
    }

    /// The connection whose seat shows `name`, or whose key has this fingerprint.
    pub fn find(&self, who: &Identity) -> Option<ConnId> {
        self.seats
            .lock()
            .unwrap()
            .iter()
            .find(|(_, seat)| &seat.who == who)
            .map(|(conn, _)| *conn)
    }

    pub fn events(&self) -> Vec<HostEvent> {
        self.log.lock().unwrap().events.clone()
    }

    /// Polls until `ok` holds for the log (bounded).
    pub fn wait_log(&self, what: &str, mut ok: impl FnMut(&Log) -> bool) {
        let deadline = std::time::Instant::now() + super::client::TIMEOUT;
        while std::time::Instant::now() < deadline {
            if ok(&self.log.lock().unwrap()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("timed out waiting for {what}; events: {:?}", self.events());
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(host: &Host, seats: &Mutex<HashMap<ConnId, Seat>>, log: &Mutex<Log>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        if let Some(event) = host.recv_timeout(Duration::from_millis(5)) {
            handle(event, seats, log);
            // Take whatever else is waiting before drawing, as a real room loop would.
            while let Some(event) = host.try_recv() {
                handle(event, seats, log);
            }
        }
        let mut seats = seats.lock().unwrap();
        for (conn, seat) in seats.iter_mut() {
            if !(seat.dirty || seat.flood) {
                continue;
            }
            seat.dirty = false;
            seat.tick += 1;
            if seat.flood {
                seat.screen.invalidate();
            }
            let bytes = draw(*conn, seat);
            host.send_frame(*conn, bytes);
        }
    }
}

fn handle(event: HostEvent, seats: &Mutex<HashMap<ConnId, Seat>>, log: &Mutex<Log>) {
    log.lock().unwrap().events.push(event.clone());
    let mut seats = seats.lock().unwrap();
    match event {
        HostEvent::Joined {
            conn, who, size, ..
        } => {
            seats.insert(
                conn,
                Seat {
                    who,
                    typed: String::new(),
                    screen: SeatScreen::new(size),
                    dirty: true,
                    flood: false,
                    tick: 0,
                },
            );
        }
        HostEvent::Input { conn, event } => {
            if let Some(seat) = seats.get_mut(&conn) {
                seat.typed.push_str(&token(&event));
                seat.dirty = true;
            }
        }
        HostEvent::Resized { conn, size } => {
            if let Some(seat) = seats.get_mut(&conn) {
                seat.screen.resize(size);
                seat.dirty = true;
            }
        }
        HostEvent::NeedsRepaint { conn } => {
            log.lock().unwrap().repaints += 1;
            if let Some(seat) = seats.get_mut(&conn) {
                seat.screen.invalidate();
                seat.dirty = true;
            }
        }
        HostEvent::Left { conn } => {
            seats.remove(&conn);
        }
    }
}

/// How the room writes an input event on the seat's screen.
pub fn token(event: &Event) -> String {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => match key.code {
            KeyCode::Char(c) if key.modifiers.is_empty() || c.is_uppercase() => c.to_string(),
            KeyCode::Char(c) => format!("<{:?}-{c}>", key.modifiers),
            KeyCode::Esc => "<esc>".into(),
            KeyCode::Up => "<up>".into(),
            KeyCode::Down => "<down>".into(),
            KeyCode::Left => "<left>".into(),
            KeyCode::Right => "<right>".into(),
            KeyCode::Enter => "<enter>".into(),
            KeyCode::Backspace => "<bs>".into(),
            other => format!("<{other:?}>"),
        },
        Event::Paste(text) => format!("<paste:{}>", text.replace('\n', "|")),
        Event::Mouse(_) => "<mouse>".into(),
        _ => String::new(),
    }
}

fn draw(conn: ConnId, seat: &mut Seat) -> Vec<u8> {
    let who = match &seat.who {
        Identity::Key(fingerprint) => format!("key {fingerprint}"),
        Identity::Name(name) => format!("name {name}"),
    };
    let mut lines = vec![
        format!("seat {} {who}", conn.0),
        format!("typed:{}", seat.typed),
    ];
    if seat.flood {
        let (cols, rows) = seat.screen.size();
        for row in 2..rows {
            let c = char::from(b'a' + ((seat.tick + u64::from(row)) % 26) as u8);
            lines.push(c.to_string().repeat(usize::from(cols)));
        }
    }
    let text = lines.join("\n");
    seat.screen.draw(|buf| {
        Paragraph::new(text).render(buf.area, buf);
        None
    })
}
