//! An SSH participant in the test process: russh's own client, its channel's output fed to a
//! `vt100` screen. Waits poll the screen (woken by new output) until a deadline.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use russh::client::{self, AuthResult, KeyboardInteractiveAuthResponse};
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKey};
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// One runtime for every client of every test.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the test clients")
    })
}

pub fn new_key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("a key")
}

pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(russh::keys::HashAlg::Sha256).to_string()
}

/// Trusts any host key (the tests check the fingerprint themselves where it matters).
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub fn config() -> client::Config {
    client::Config {
        nodelay: true,
        ..Default::default()
    }
}

/// A connected, not yet authenticated client.
pub fn connect(port: u16) -> client::Handle<Trusting> {
    connect_with(port, config())
}

pub fn connect_with(port: u16, config: client::Config) -> client::Handle<Trusting> {
    runtime()
        .block_on(client::connect(
            Arc::new(config),
            ("127.0.0.1", port),
            Trusting,
        ))
        .expect("connect to the host")
}

pub fn auth_key(handle: &mut client::Handle<Trusting>, user: &str, key: &PrivateKey) -> bool {
    let key = PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
    matches!(
        runtime().block_on(handle.authenticate_publickey(user, key)),
        Ok(AuthResult::Success)
    )
}

/// Keyboard-interactive: answers the prompts with `name`; returns the prompts seen and
/// whether it got in.
pub fn auth_name(
    handle: &mut client::Handle<Trusting>,
    user: &str,
    name: &str,
) -> (Vec<String>, bool) {
    runtime().block_on(async {
        let mut prompts = Vec::new();
        let mut reply = handle
            .authenticate_keyboard_interactive_start(user, None)
            .await
            .expect("keyboard-interactive starts");
        for _ in 0..4 {
            match reply {
                KeyboardInteractiveAuthResponse::Success => return (prompts, true),
                KeyboardInteractiveAuthResponse::Failure { .. } => return (prompts, false),
                KeyboardInteractiveAuthResponse::InfoRequest { prompts: asked, .. } => {
                    prompts.extend(asked.iter().map(|p| p.prompt.clone()));
                    let answers = asked.iter().map(|_| name.to_string()).collect();
                    reply = handle
                        .authenticate_keyboard_interactive_respond(answers)
                        .await
                        .expect("keyboard-interactive answer");
                }
            }
        }
        (prompts, false)
    })
}

/// What a participant's terminal has shown.
pub struct Screen {
    pub parser: vt100::Parser,
    pub bytes: usize,
    /// Every byte the host sent, as it came: what must never hold another seat's secret.
    pub raw: Vec<u8>,
    pub closed: bool,
    pub stderr: Vec<u8>,
    pub exit_status: Option<u32>,
}

pub struct Shared {
    screen: Mutex<Screen>,
    changed: Condvar,
}

impl Shared {
    pub fn lock(&self) -> MutexGuard<'_, Screen> {
        self.screen.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A participant with a terminal in the session.
pub struct Participant {
    pub handle: client::Handle<Trusting>,
    writer: ChannelWriteHalf<client::Msg>,
    pub shared: Arc<Shared>,
}

impl Participant {
    /// Opens the session channel with a terminal of `cols` x `rows` and a shell.
    pub fn open(handle: client::Handle<Trusting>, cols: u16, rows: u16) -> Participant {
        let channel = runtime()
            .block_on(handle.channel_open_session())
            .expect("a session channel");
        runtime()
            .block_on(channel.request_pty(
                true,
                "xterm-256color",
                cols.into(),
                rows.into(),
                0,
                0,
                &[],
            ))
            .expect("pty-req");
        runtime()
            .block_on(channel.request_shell(true))
            .expect("shell");
        let (mut read, writer) = channel.split();
        let shared = Arc::new(Shared {
            screen: Mutex::new(Screen {
                parser: vt100::Parser::new(rows, cols, 0),
                bytes: 0,
                raw: Vec::new(),
                closed: false,
                stderr: Vec::new(),
                exit_status: None,
            }),
            changed: Condvar::new(),
        });
        let reader_shared = Arc::clone(&shared);
        runtime().spawn(async move {
            while let Some(msg) = read.wait().await {
                let mut screen = reader_shared.lock();
                match msg {
                    ChannelMsg::Data { data } => {
                        screen.parser.process(&data);
                        screen.bytes += data.len();
                        screen.raw.extend_from_slice(&data);
                    }
                    ChannelMsg::ExtendedData { data, .. } => screen.stderr.extend_from_slice(&data),
                    ChannelMsg::ExitStatus { exit_status } => {
                        screen.exit_status = Some(exit_status)
                    }
                    ChannelMsg::Close => break,
                    _ => {}
                }
                drop(screen);
                reader_shared.changed.notify_all();
            }
            reader_shared.lock().closed = true;
            reader_shared.changed.notify_all();
        });
        Participant {
            handle,
            writer,
            shared,
        }
    }

    pub fn send(&self, bytes: &[u8]) {
        runtime()
            .block_on(self.writer.data_bytes(bytes.to_vec()))
            .expect("send keys");
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        runtime()
            .block_on(self.writer.window_change(cols.into(), rows.into(), 0, 0))
            .expect("window-change");
        self.shared.lock().parser.screen_mut().set_size(rows, cols);
    }

    pub fn contents(&self) -> String {
        self.shared.lock().parser.screen().contents()
    }

    /// Waits until `ok` holds for the screen; fails with the screen after `timeout`.
    pub fn wait_until(&self, what: &str, timeout: Duration, mut ok: impl FnMut(&Screen) -> bool) {
        let deadline = Instant::now() + timeout;
        let mut screen = self.shared.lock();
        loop {
            if ok(&screen) {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    screen.parser.screen().contents()
                );
            }
            screen = self
                .shared
                .changed
                .wait_timeout(screen, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen"), TIMEOUT, |s| {
            s.parser.screen().contents().contains(text)
        });
    }

    pub fn wait_closed(&self) {
        self.wait_until("the channel to close", TIMEOUT, |s| s.closed);
    }
}

/// A client stream whose reading can be paused: a participant whose terminal stops taking
/// output (its socket buffers fill, then the host's writes to it block).
pub struct Valve {
    stream: tokio::net::TcpStream,
    state: Arc<ValveState>,
}

#[derive(Default)]
pub struct ValveState {
    paused: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl ValveState {
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        if let Some(waker) = self.waker.lock().unwrap_or_else(|e| e.into_inner()).take() {
            waker.wake();
        }
    }
}

impl AsyncRead for Valve {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.state.paused.load(Ordering::SeqCst) {
            *self.state.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
            // Resumed between the check and storing the waker: poll again.
            if !self.state.paused.load(Ordering::SeqCst) {
                cx.waker().wake_by_ref();
            }
            return Poll::Pending;
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Valve {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// A client whose reading can be paused, with a small receive buffer so a pause is felt
/// soon.
pub fn connect_valved(port: u16) -> (client::Handle<Trusting>, Arc<ValveState>) {
    runtime().block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .set_recv_buffer_size(8 * 1024)
            .expect("small receive buffer");
        let stream = socket
            .connect(([127, 0, 0, 1], port).into())
            .await
            .expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let state = Arc::new(ValveState::default());
        let valve = Valve {
            stream,
            state: Arc::clone(&state),
        };
        let config = client::Config {
            window_size: 16 * 1024,
            ..config()
        };
        let handle = client::connect_stream(Arc::new(config), valve, Trusting)
            .await
            .expect("handshake");
        (handle, state)
    })
}
