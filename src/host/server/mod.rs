//! The SSH side: the server's runtime and accept loop, and what every connection shares.
//! Each connection is a [`connection::Connection`] (its requests in `auth` and `channel`),
//! with a task writing its frames (`outputs`) and one reading its keys (`keys`).

mod auth;
mod channel;
mod connection;
mod keys;
mod outputs;
mod presence;

pub(super) use outputs::Outputs;

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use russh::{MethodKind, MethodSet, compression};
use tokio::io::AsyncWriteExt;

use super::limits::AddressLimit;
use super::{HostError, HostEvent, HostOptions};
use connection::Connection;

/// What every connection shares.
struct Shared {
    options: HostOptions,
    code: String,
    events: mpsc::Sender<HostEvent>,
    doorbell: Arc<super::doorbell::Doorbell>,
    outputs: Arc<Outputs>,
    connections: AtomicUsize,
    next_id: AtomicU64,
    connect_limit: Mutex<AddressLimit>,
    failure_limit: Mutex<AddressLimit>,
}

impl Shared {
    fn send(&self, event: HostEvent) {
        // The room may have stopped listening while the server winds down.
        if self.events.send(event).is_ok() {
            self.doorbell.ring();
        }
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
        (events, doorbell): (mpsc::Sender<HostEvent>, Arc<super::doorbell::Doorbell>),
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
        // One worker: a connection's work is a few small messages a second, and a second
        // worker only adds wake-ups and work stealing between the two (at 50 people typing,
        // half the context switches and about a tenth less CPU).
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
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
            doorbell,
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
