//! The SSH side: the accept loop, one russh handler per connection, and the tasks that
//! write each connection's frames and read its keys.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use russh::keys::{Algorithm, HashAlg, PrivateKey};
use russh::server::{
    Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Response, Session, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, ChannelWriteHalf, MethodKind, MethodSet, Pty, compression};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc as tmpsc;

use super::limits::AddressLimit;
use super::{
    ConnId, HostError, HostEvent, HostOptions, Identity, OutputMap, OutputSlot, PASTE_CAP, code,
};
use crate::terminal_input::InputParser;

/// Terminal modes a participant's terminal is put in while they are here, and taken out of
/// when they leave.
const ENTER: &str = "\x1b[?1049h\x1b[?25l\x1b[?2004h";
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1006h";
const LEAVE: &str = "\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// The longest name kept from the prompt, in characters.
const NAME_CAP: usize = 40;

/// Chunks of input waiting for a connection's key parser (then the SSH connection waits).
const INPUT_QUEUE: usize = 64;

/// The connections' output queues, shared by the room side (`send_frame`) and the writers.
#[derive(Debug, Default)]
pub(super) struct Outputs {
    map: Mutex<OutputMap>,
}

impl Outputs {
    fn lock(&self) -> std::sync::MutexGuard<'_, OutputMap> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn send(&self, conn: ConnId, bytes: Vec<u8>) {
        // `try_send` never waits, so the lock is held only for the lookup.
        if let Some(slot) = self.lock().get(&conn) {
            slot.send(bytes);
        }
    }

    pub(super) fn disconnect(&self, conn: ConnId, message: &str) {
        if let Some(slot) = self.lock().get(&conn) {
            let _ = slot.control.send(message.to_string());
        }
    }

    pub(super) fn disconnect_all(&self, message: &str) {
        for slot in self.lock().values() {
            let _ = slot.control.send(message.to_string());
        }
    }

    fn insert(&self, conn: ConnId, slot: OutputSlot) {
        self.lock().insert(conn, slot);
    }

    fn remove(&self, conn: ConnId) {
        self.lock().remove(&conn);
    }
}

/// What every connection shares.
struct Shared {
    options: HostOptions,
    code: String,
    events: mpsc::Sender<HostEvent>,
    outputs: Arc<Outputs>,
    connections: AtomicUsize,
    next_id: AtomicU64,
    connect_limit: Mutex<AddressLimit>,
    failure_limit: Mutex<AddressLimit>,
}

impl Shared {
    fn send(&self, event: HostEvent) {
        // The room may have stopped listening while the server winds down.
        let _ = self.events.send(event);
    }

    /// Whether a new connection from `address` is let in; takes a connection token.
    fn admit(&self, address: IpAddr) -> Result<(), &'static str> {
        let now = Instant::now();
        if !lock(&self.failure_limit).allows(address, now) {
            return Err(
                "journeymap: too many wrong session codes from your address; try again later.",
            );
        }
        if !lock(&self.connect_limit).take(address, now) {
            return Err(
                "journeymap: too many connections from your address; try again in a moment.",
            );
        }
        if self.connections.load(Ordering::Acquire) >= self.options.max {
            return Err("journeymap: the session is full.");
        }
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The server's runtime and its accept loop.
pub(super) struct Running {
    runtime: tokio::runtime::Runtime,
    stop: Arc<tokio::sync::Notify>,
}

impl Running {
    pub(super) fn start(
        options: HostOptions,
        code: String,
        key: PrivateKey,
        events: mpsc::Sender<HostEvent>,
        outputs: Arc<Outputs>,
    ) -> Result<(Self, SocketAddr), HostError> {
        let (bind, port) = (options.bind, options.port);
        let listener = std::net::TcpListener::bind((bind, port)).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                HostError::PortTaken { bind, port }
            } else {
                HostError::Bind { bind, port, source }
            }
        })?;
        let local = listener.local_addr().map_err(HostError::Runtime)?;
        listener.set_nonblocking(true).map_err(HostError::Runtime)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("journeymap-host")
            .enable_all()
            .build()
            .map_err(HostError::Runtime)?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(HostError::Runtime)?
        };
        let config = Arc::new(config(&options, key));
        let shared = Arc::new(Shared {
            connect_limit: Mutex::new(AddressLimit::new(options.connect_rate)),
            failure_limit: Mutex::new(AddressLimit::new(options.failure_rate)),
            options,
            code,
            events,
            outputs,
            connections: AtomicUsize::new(0),
            next_id: AtomicU64::new(1),
        });
        let stop = Arc::new(tokio::sync::Notify::new());
        runtime.spawn(accept_loop(listener, config, shared, Arc::clone(&stop)));
        Ok((Self { runtime, stop }, local))
    }

    pub(super) fn stop(self) {
        self.stop.notify_one();
        // Give the writers a moment to show the goodbye and close the channels.
        self.runtime.shutdown_timeout(Duration::from_millis(300));
    }
}

fn config(options: &HostOptions, key: PrivateKey) -> russh::server::Config {
    // Compression off: it only costs CPU for screen diffs and has a history of attacks.
    let preferred = russh::Preferred {
        compression: Cow::Borrowed(&[compression::NONE]),
        ..Default::default()
    };
    russh::server::Config {
        methods: MethodSet::from(&[MethodKind::PublicKey, MethodKind::KeyboardInteractive][..]),
        auth_rejection_time: options.failure_delay,
        // `ssh` first asks with the "none" method to learn the methods: no delay for that.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        keys: vec![key],
        preferred,
        // The seat's own idle timeout (keys only) says goodbye first; this one is the
        // backstop for a connection that sends nothing at all.
        inactivity_timeout: Some(options.idle_timeout + Duration::from_secs(30)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<Shared>,
    stop: Arc<tokio::sync::Notify>,
) {
    loop {
        let (mut socket, peer) = tokio::select! {
            _ = stop.notified() => return,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        if let Err(message) = shared.admit(peer.ip()) {
            // Before the SSH greeting a server may send lines of text; then close.
            tokio::spawn(async move {
                let _ = socket.write_all(format!("{message}\r\n").as_bytes()).await;
                let _ = socket.shutdown().await;
            });
            continue;
        }
        let _ = socket.set_nodelay(true);
        let handler = Connection::new(Arc::clone(&shared), peer.ip());
        let presence = Arc::clone(&handler.presence);
        let grace = shared.options.login_grace;
        let config = Arc::clone(&config);
        tokio::spawn(async move {
            // A connection must be in the room within the grace time, or it goes: nobody
            // holds a place by connecting and waiting.
            let deadline = tokio::time::Instant::now() + grace;
            let started = russh::server::run_stream(config, socket, handler);
            let Ok(Ok(session)) = tokio::time::timeout_at(deadline, started).await else {
                return;
            };
            let handle = session.handle();
            tokio::pin!(session);
            tokio::select! {
                _ = &mut session => return,
                _ = tokio::time::sleep_until(deadline) => {}
            }
            if !presence.joined.load(Ordering::Acquire) {
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        "journeymap: no session started in time.".into(),
                        String::new(),
                    )
                    .await;
            }
            let _ = session.await;
        });
    }
}

/// Whether a connection is in the room; `Left` is sent once, by whichever side ends it.
struct Presence {
    shared: Arc<Shared>,
    conn: ConnId,
    joined: AtomicBool,
}

impl Presence {
    fn join(&self) {
        self.joined.store(true, Ordering::Release);
    }

    fn leave(&self) {
        self.shared.outputs.remove(self.conn);
        if self.joined.swap(false, Ordering::AcqRel) {
            self.shared.send(HostEvent::Left { conn: self.conn });
        }
    }
}

/// One connection: its authentication, its channel and its seat's lifecycle.
struct Connection {
    shared: Arc<Shared>,
    id: ConnId,
    peer: IpAddr,
    who: Option<(Identity, Option<String>)>,
    wrong_code_counted: bool,
    name_asked: u8,
    channel: Option<ChannelId>,
    writer: Option<ChannelWriteHalf<Msg>>,
    pty: Option<(u16, u16)>,
    input: Option<tmpsc::Sender<Vec<u8>>>,
    presence: Arc<Presence>,
}

impl Connection {
    fn new(shared: Arc<Shared>, peer: IpAddr) -> Self {
        shared.connections.fetch_add(1, Ordering::AcqRel);
        let id = ConnId(shared.next_id.fetch_add(1, Ordering::Relaxed));
        Self {
            id,
            peer,
            who: None,
            wrong_code_counted: false,
            name_asked: 0,
            channel: None,
            writer: None,
            pty: None,
            input: None,
            presence: Arc::new(Presence {
                shared: Arc::clone(&shared),
                conn: id,
                joined: AtomicBool::new(false),
            }),
            shared,
        }
    }

    /// The user name is the session code; a wrong one counts against the address, once per
    /// connection.
    fn code_ok(&mut self, user: &str) -> bool {
        if code::matches(&self.shared.code, user) {
            return true;
        }
        if !std::mem::replace(&mut self.wrong_code_counted, true) {
            lock(&self.shared.failure_limit).take(self.peer, Instant::now());
        }
        false
    }

    fn refuse() -> Auth {
        Auth::Reject {
            proceed_with_methods: None,
            partial_success: false,
        }
    }

    fn ask_name(&mut self) -> Auth {
        self.name_asked += 1;
        Auth::Partial {
            name: Cow::Borrowed("journeymap"),
            instructions: Cow::Borrowed(""),
            prompts: Cow::Owned(vec![(Cow::Borrowed("Your name: "), true)]),
        }
    }

    /// The participant has a terminal and asked for a shell: they join.
    fn join(&mut self, size: (u16, u16), session: russh::server::Handle) {
        let (Some(writer), Some((who, name))) = (self.writer.take(), self.who.clone()) else {
            return;
        };
        let shared = &self.shared;
        let (frames_tx, frames_rx) = tmpsc::channel(shared.options.queue_frames.max(1));
        let (control_tx, control_rx) = tmpsc::unbounded_channel();
        let dropped = Arc::new(AtomicBool::new(false));
        shared.outputs.insert(
            self.id,
            OutputSlot {
                frames: frames_tx,
                control: control_tx.clone(),
                dropped: Arc::clone(&dropped),
            },
        );
        self.presence.join();
        shared.send(HostEvent::Joined {
            conn: self.id,
            who,
            name,
            size,
        });
        let (input_tx, input_rx) = tmpsc::channel(INPUT_QUEUE);
        self.input = Some(input_tx);
        tokio::spawn(write_frames(
            Arc::clone(&self.presence),
            session,
            writer,
            frames_rx,
            control_rx,
            dropped,
        ));
        tokio::spawn(read_keys(Arc::clone(shared), self.id, input_rx, control_tx));
    }

    /// Refuses a request on the channel, with a line on the participant's stderr, and closes
    /// the channel.
    fn refuse_channel(&mut self, channel: ChannelId, message: &str, session: &mut Session) {
        let _ = session.channel_failure(channel);
        if !message.is_empty() {
            let _ = session.extended_data(channel, 1, format!("{message}\r\n").into_bytes());
        }
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
        self.writer = None;
    }

    fn leave(&mut self) {
        self.input = None;
        self.presence.leave();
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.leave();
        self.shared.connections.fetch_sub(1, Ordering::AcqRel);
    }
}

fn size_of(columns: u32, rows: u32) -> (u16, u16) {
    let clamp = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    (clamp(columns), clamp(rows))
}

/// A name from the prompt: its printable characters, trimmed, at most [`NAME_CAP`].
fn clean_name(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let printable: String = text.chars().filter(|c| !c.is_control()).collect();
    printable
        .trim()
        .chars()
        .take(NAME_CAP)
        .collect::<String>()
        .trim()
        .to_string()
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Self::refuse())
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(Self::refuse())
    }

    /// A key offered, not yet proven: only says whether a signature with it would be
    /// looked at. Nothing is granted here.
    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        let verifiable = matches!(
            offer.algorithm,
            Algorithm::Ed25519
                | Algorithm::Ecdsa { .. }
                | Algorithm::SkEd25519
                | Algorithm::SkEcdsaSha2NistP256
        );
        if verifiable && self.code_ok(user) {
            Ok(Auth::Accept)
        } else {
            Ok(Self::refuse())
        }
    }

    /// Called by russh only after it has verified the signature: the key that signed is
    /// the participant's identity.
    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.code_ok(user) {
            return Ok(Self::refuse());
        }
        let fingerprint = key.public_key.fingerprint(HashAlg::Sha256).to_string();
        self.who = Some((Identity::Key(fingerprint), None));
        Ok(Auth::Accept)
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if !self.code_ok(user) {
            return Ok(Self::refuse());
        }
        let Some(mut response) = response else {
            return Ok(self.ask_name());
        };
        let name = response.next().map(|r| clean_name(&r)).unwrap_or_default();
        if name.is_empty() {
            return Ok(if self.name_asked < 3 {
                self.ask_name()
            } else {
                Self::refuse()
            });
        }
        self.who = Some((Identity::Name(name.clone()), Some(name)));
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() || self.who.is_none() {
            // One session channel per connection; dropping the reply refuses it.
            drop(reply);
            return Ok(());
        }
        self.channel = Some(channel.id());
        let (mut read, write) = channel.split();
        self.writer = Some(write);
        // The handler's callbacks carry the requests and data; the channel's own copy of
        // them is drained so it never holds up the connection.
        tokio::spawn(async move { while read.wait().await.is_some() {} });
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel && self.input.is_none() {
            self.pty = Some(size_of(columns, rows));
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.input.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let Some(size) = self.pty else {
            self.refuse_channel(
                channel,
                "journeymap: a live session needs a terminal (connect without a command, or with ssh -t).",
                session,
            );
            return Ok(());
        };
        session.channel_success(channel)?;
        self.join(size, session.handle());
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(
            channel,
            "journeymap: this host runs no commands; connect with ssh and no command to join the session.",
            session,
        );
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(
            channel,
            "journeymap: no subsystems (sftp, ...) here.",
            session,
        );
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel {
            return Ok(());
        }
        let size = size_of(columns, rows);
        if self.input.is_some() {
            self.shared.send(HostEvent::Resized {
                conn: self.id,
                size,
            });
        } else {
            self.pty = Some(size);
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel {
            return Ok(());
        }
        if let Some(input) = &self.input {
            // Waits when the parser is behind: the participant's connection slows, nobody
            // else's.
            let _ = input.send(data.to_vec()).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.leave();
            let _ = session.close(channel);
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.leave();
        }
        Ok(())
    }
}

/// Writes a connection's frames in order. When the room had to drop frames (the queue was
/// full), what is still queued is stale: it is discarded and a repaint asked for, once the
/// connection has taken what was already on its way.
async fn write_frames(
    presence: Arc<Presence>,
    session: russh::server::Handle,
    writer: ChannelWriteHalf<Msg>,
    mut frames: tmpsc::Receiver<Vec<u8>>,
    mut control: tmpsc::UnboundedReceiver<String>,
    dropped: Arc<AtomicBool>,
) {
    let (shared, conn) = (&presence.shared, presence.conn);
    let mut enter = ENTER.to_string();
    if shared.options.mouse {
        enter.push_str(MOUSE_ON);
    }
    if writer.data_bytes(enter.into_bytes()).await.is_err() {
        return;
    }
    let goodbye = loop {
        tokio::select! {
            biased;
            message = control.recv() => break message,
            frame = frames.recv() => {
                let Some(frame) = frame else { break None };
                if writer.data_bytes(frame).await.is_err() {
                    return;
                }
                if dropped.swap(false, Ordering::AcqRel) {
                    while frames.try_recv().is_ok() {}
                    shared.send(HostEvent::NeedsRepaint { conn });
                }
            }
        }
    };
    let mut last = LEAVE.to_string();
    if let Some(message) = goodbye.filter(|m| !m.is_empty()) {
        last.push_str(&message);
        last.push_str("\r\n");
    }
    let _ = writer.data_bytes(last.into_bytes()).await;
    let _ = writer.exit_status(0).await;
    let _ = writer.eof().await;
    let _ = writer.close().await;
    presence.leave();
    // `ssh` ends when its channel closes; a client that stays is let go after a moment.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = session
        .disconnect(
            russh::Disconnect::ByApplication,
            String::new(),
            String::new(),
        )
        .await;
}

/// Parses a connection's keys; a lone Esc, and a paste whose end never came, are let out
/// after a short silence, and a participant silent for the idle timeout is disconnected.
async fn read_keys(
    shared: Arc<Shared>,
    conn: ConnId,
    mut input: tmpsc::Receiver<Vec<u8>>,
    control: tmpsc::UnboundedSender<String>,
) {
    let idle = shared.options.idle_timeout;
    let mut parser = InputParser::with_paste_cap(PASTE_CAP);
    let mut last_key = Instant::now();
    loop {
        let wait = parser
            .quiet_limit()
            .unwrap_or_else(|| idle.saturating_sub(last_key.elapsed()));
        match tokio::time::timeout(wait, input.recv()).await {
            Ok(Some(bytes)) => {
                last_key = Instant::now();
                for event in parser.feed(&bytes) {
                    shared.send(HostEvent::Input { conn, event });
                }
            }
            Ok(None) => return,
            Err(_) if parser.is_waiting() => {
                for event in parser.flush() {
                    shared.send(HostEvent::Input { conn, event });
                }
            }
            Err(_) => {
                let _ = control.send(format!(
                    "journeymap: disconnected after {} without a key; your seat is kept, connect again to come back.",
                    spoken(idle)
                ));
                return;
            }
        }
    }
}

/// "60 minutes", "1 minute", "30 seconds".
fn spoken(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let (n, unit) = if seconds >= 60 {
        (seconds.div_ceil(60), "minute")
    } else {
        (seconds.max(1), "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}
