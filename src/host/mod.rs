//! `journeymap host`'s transport: an SSH server that participants join with the plain `ssh`
//! client. It knows nothing of maps or seats: it turns connections into [`HostEvent`]s
//! (joined, keys, resized, left) and sends each connection the bytes of its screen, which the
//! room loop draws with a [`SeatScreen`].
//!
//! Only an interactive session with a terminal is served: commands, subsystems, forwarding
//! and second channels are refused. Identity comes from a verified key signature or from the
//! name typed at the keyboard-interactive prompt, never from a key merely offered. Output to
//! each connection goes through a small bounded queue: a slow connection loses frames (and
//! is repainted whole once it drains), and nobody waits for it.

mod addresses;
mod code;
mod doorbell;
mod hostkey;
mod limits;
mod screen;
mod server;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub use crate::terminal_input::{ESC_WAIT, InputParser};
pub use code::{CODE_LENGTH, check_code, random_code};
pub use hostkey::{DATA_DIR_ENV, HOST_KEY_FILE, data_dir};
pub use limits::Rate;
pub use screen::SeatScreen;

/// The most a participant's paste may carry, in bytes; the rest of a longer paste is
/// dropped (the text is cut at a character boundary).
pub const PASTE_CAP: usize = 16 * 1024;

/// What `start` needs; [`HostOptions::default`] has the defaults of `journeymap host`.
#[derive(Debug, Clone)]
pub struct HostOptions {
    /// The address to listen on (`0.0.0.0`: every IPv4 address of this machine).
    pub bind: IpAddr,
    /// The port (0 picks a free one, for tests).
    pub port: u16,
    /// The session code; `None` makes a random one.
    pub code: Option<String>,
    /// At most this many connections at once; more are turned away.
    pub max: usize,
    /// A participant who sends no key for this long is disconnected (their seat stays).
    pub idle_timeout: Duration,
    /// Where the host key is kept; `None` is [`data_dir`].
    pub data_dir: Option<PathBuf>,
    /// New connections per address.
    pub connect_rate: Rate,
    /// Wrong session codes per address; past it, the address is turned away until the rate
    /// lets it in again.
    pub failure_rate: Rate,
    /// How long a refused login takes (so codes cannot be guessed quickly).
    pub failure_delay: Duration,
    /// Frames waiting for one connection before new frames are dropped.
    pub queue_frames: usize,
    /// Mouse reporting on participants' terminals.
    pub mouse: bool,
    /// A connection not in the session (signed in, with a terminal) this long after it
    /// opened is closed.
    pub login_grace: Duration,
}

impl Default for HostOptions {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: 2222,
            code: None,
            max: 50,
            idle_timeout: Duration::from_secs(60 * 60),
            data_dir: None,
            connect_rate: Rate::new(50, Duration::from_secs(1)),
            failure_rate: Rate::new(10, Duration::from_secs(30)),
            failure_delay: Duration::from_secs(1),
            queue_frames: 8,
            mouse: true,
            login_grace: Duration::from_secs(60),
        }
    }
}

/// One SSH connection, for as long as it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId(pub u64);

impl std::fmt::Display for ConnId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Who a participant is, as far as the transport can tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    /// The SHA-256 fingerprint (`SHA256:…`) of the key whose signature was verified.
    Key(String),
    /// The name typed at the prompt (no key).
    Name(String),
}

impl Identity {
    /// Whether `self` and `other` are the same participant: the same key, or the same name
    /// however it is capitalised or spaced ("alice" coming back is Alice's seat).
    pub fn same_person(&self, other: &Identity) -> bool {
        match (self, other) {
            (Identity::Key(a), Identity::Key(b)) => a == b,
            (Identity::Name(a), Identity::Name(b)) => {
                let words = |s: &str| {
                    s.split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                };
                words(a) == words(b)
            }
            _ => false,
        }
    }
}

/// What happens on the connections, for the room loop. For each connection: `Joined` first,
/// then any number of the others, and `Left` exactly once at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostEvent {
    /// A participant has a terminal (`(columns, rows)`) and is ready to be drawn.
    Joined {
        conn: ConnId,
        who: Identity,
        /// The name typed at the prompt; `None` for a key, whose owner the room asks.
        name: Option<String>,
        size: (u16, u16),
    },
    /// A key, paste or mouse event from the participant's terminal.
    Input {
        conn: ConnId,
        event: ratatui::crossterm::event::Event,
    },
    /// The participant's terminal changed size.
    Resized { conn: ConnId, size: (u16, u16) },
    /// Frames were dropped for this connection: send a whole screen
    /// ([`SeatScreen::invalidate`], then draw).
    NeedsRepaint { conn: ConnId },
    /// The connection ended (the participant left, timed out or was disconnected).
    Left { conn: ConnId },
}

#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error("port {port} is taken on {bind}: choose another with --port")]
    PortTaken { bind: IpAddr, port: u16 },
    #[error("cannot listen on {bind} port {port}: {source}")]
    Bind {
        bind: IpAddr,
        port: u16,
        source: io::Error,
    },
    #[error("{}: {reason}", path.display())]
    HostKey { path: PathBuf, reason: String },
    #[error("no data folder for the host key: set {DATA_DIR_ENV}")]
    NoDataDir,
    #[error("--code {code}: {reason}")]
    BadCode { code: String, reason: &'static str },
    #[error("cannot start the server: {0}")]
    Runtime(io::Error),
}

/// A running server. Dropping it (or [`Host::shutdown`]) ends every connection.
pub struct Host {
    code: String,
    fingerprint: String,
    local: SocketAddr,
    events: Mutex<mpsc::Receiver<HostEvent>>,
    doorbell: Arc<doorbell::Doorbell>,
    outputs: Arc<server::Outputs>,
    server: Option<server::Running>,
}

/// Starts the server on its own threads and returns once it listens.
pub fn start(options: HostOptions) -> Result<Host, HostError> {
    let code = match options.code.clone() {
        Some(code) => {
            check_code(&code).map_err(|reason| HostError::BadCode {
                code: code.clone(),
                reason,
            })?;
            code
        }
        None => random_code(),
    };
    let dir = match &options.data_dir {
        Some(dir) => dir.clone(),
        None => data_dir().ok_or(HostError::NoDataDir)?,
    };
    let key = hostkey::load_or_create(&dir)?;
    let fingerprint = hostkey::fingerprint(&key);
    let (events_tx, events_rx) = mpsc::channel();
    let doorbell = Arc::new(doorbell::Doorbell::new().map_err(HostError::Runtime)?);
    let outputs = Arc::new(server::Outputs::default());
    let (server, local) = server::Running::start(
        options,
        code.clone(),
        key,
        (events_tx, Arc::clone(&doorbell)),
        Arc::clone(&outputs),
    )?;
    Ok(Host {
        code,
        fingerprint,
        local,
        events: Mutex::new(events_rx),
        doorbell,
        outputs,
        server: Some(server),
    })
}

impl Host {
    /// The session code (the SSH user name participants type).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The host key's fingerprint, `SHA256:…`, as `ssh` shows it on first connect.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// The address and port the server listens on (the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The commands participants type, one per address of this machine (or the bound one):
    /// `ssh -p 2222 K7QF9M@192.168.1.20`.
    pub fn join_lines(&self) -> Vec<String> {
        addresses::reachable(self.local.ip())
            .into_iter()
            .map(|address| addresses::join_line(&self.code, address, self.local.port()))
            .collect()
    }

    /// A descriptor that becomes readable when events are queued (to poll beside a
    /// terminal), until [`Host::answer`]; none where there is no such thing.
    pub fn doorbell(&self) -> Option<std::os::raw::c_int> {
        self.doorbell.fd()
    }

    /// Clears the doorbell before the queued events are taken: any event queued after
    /// this rings it again.
    pub fn answer(&self) {
        self.doorbell.answer();
    }

    /// The next event, waiting at most `wait`.
    pub fn recv_timeout(&self, wait: Duration) -> Option<HostEvent> {
        self.receiver().recv_timeout(wait).ok()
    }

    /// The next event if there is one.
    pub fn try_recv(&self) -> Option<HostEvent> {
        self.receiver().try_recv().ok()
    }

    /// Queues bytes for a connection without waiting. When its queue is full the frame is
    /// dropped, and once the connection has caught up a [`HostEvent::NeedsRepaint`] asks
    /// for a whole screen. Bytes for a connection that has left are ignored.
    pub fn send_frame(&self, conn: ConnId, bytes: Vec<u8>) {
        self.outputs.send(conn, bytes);
    }

    /// Ends a connection: its terminal is restored, `message` shown on it, and the channel
    /// closed. A [`HostEvent::Left`] follows.
    pub fn disconnect(&self, conn: ConnId, message: &str) {
        self.outputs.disconnect(conn, message);
    }

    /// Ends every connection (each participant sees that the session has ended) and stops
    /// the server.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            self.outputs
                .disconnect_all("journeymap: the host has ended the session.");
            server.stop();
        }
    }

    fn receiver(&self) -> std::sync::MutexGuard<'_, mpsc::Receiver<HostEvent>> {
        self.events.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_the_same_person_however_it_is_capitalised_or_spaced() {
        let alice = Identity::Name("Alice Smith".into());
        assert!(alice.same_person(&Identity::Name(" alice  SMITH ".into())));
        assert!(!alice.same_person(&Identity::Name("Alice".into())));
        assert!(!alice.same_person(&Identity::Key("Alice Smith".into())));
        let key = Identity::Key("SHA256:abc".into());
        assert!(!key.same_person(&Identity::Key("SHA256:ABC".into())));
    }
}
