//! Key-to-own-screen latency of `journeymap host`'s SSH transport, with many participants.
//!
//! ```sh
//! cargo run --release --features bench-tools --example host_latency -- \
//!     [--clients 30] [--stalled 0] [--seconds 10] [--rate 10]
//! ```
//!
//! Starts a host in a child process (this example with `serve`: the SSH server and a small
//! echo room that draws, on each seat, the tail of what that seat typed and everyone's key
//! count, so every key redraws every seat, as a shared board does). Then `--clients`
//! in-process SSH clients type at `--rate` keys a second each, and each key is timed from
//! sending to its appearance on that client's own screen; `--stalled` more clients join
//! and stop reading. Prints `key=value` lines (as `scripts/bench` records them): latency
//! p50/p99/max in ms, the host process's CPU (% of one core) and memory growth (MB), and
//! the bytes a typing client received per key.
//!
//! `--connect PORT --code CODE --pid PID` measures a host started elsewhere (the real room:
//! `--prelude KEYS` is typed first, e.g. `a` to open a card's input) instead of the child.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use journeymap::host::{self, ConnId, HostEvent, HostOptions, SeatScreen};
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::widgets::Paragraph;
use russh::client::{self, KeyboardInteractiveAuthResponse};
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// The typed characters a client looks for on its screen to know a key arrived.
const WINDOW: usize = 8;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "serve") {
        serve();
        return;
    }
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number =
        |name: &str, default: u64| get(name).map_or(default, |v| v.parse().unwrap_or(default));
    let clients = number("--clients", 30) as usize;
    let stalled = number("--stalled", 0) as usize;
    let seconds = number("--seconds", 10);
    let rate = number("--rate", 10).max(1);
    let prelude = get("--prelude").unwrap_or_default();

    let mut child: Option<Child> = None;
    let (port, code, pid) = match (get("--connect"), get("--code"), get("--pid")) {
        (Some(port), Some(code), pid) => (
            port.parse().expect("--connect PORT"),
            code,
            pid.and_then(|p| p.parse().ok()),
        ),
        _ => {
            let mut server = Command::new(std::env::current_exe().expect("this example"))
                .arg("serve")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("start the host");
            let mut line = String::new();
            BufReader::new(server.stdout.take().expect("stdout"))
                .read_line(&mut line)
                .expect("the host's port and code");
            let mut words = line.split_whitespace();
            let port: u16 = words.next().and_then(|p| p.parse().ok()).expect("port");
            let code = words.next().expect("code").to_string();
            let pid = server.id();
            child = Some(server);
            (port, code, Some(pid))
        }
    };

    // The child goes when this process ends, however it ends.
    let _child = ChildGuard(child);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let before = pid.map(usage);
    let result = runtime.block_on(measure(
        port, code, clients, stalled, seconds, rate, prelude,
    ));
    let after = pid.map(usage);

    let mut latencies = result.latencies;
    latencies.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        if latencies.is_empty() {
            f64::NAN
        } else {
            latencies[((latencies.len() - 1) as f64 * q).round() as usize]
        }
    };
    println!("clients={clients}");
    println!("stalled={stalled}");
    println!("keys={}", latencies.len());
    println!("lost_keys={}", result.sent - latencies.len() as u64);
    println!("p50_ms={:.2}", pick(0.50));
    println!("p99_ms={:.2}", pick(0.99));
    println!("max_ms={:.2}", pick(1.0));
    if let (Some(before), Some(after)) = (before, after) {
        let cpu = (after.cpu_ticks - before.cpu_ticks) as f64
            / ticks_per_second()
            / result.elapsed.as_secs_f64();
        println!("host_cpu_pct={:.1}", cpu * 100.0);
        println!("host_rss_mb={:.1}", after.rss_kb as f64 / 1024.0);
        println!(
            "host_rss_growth_mb={:.1}",
            (after.rss_kb as f64 - before.rss_kb as f64) / 1024.0
        );
    }
    if let Some(per_key) = result.received.checked_div(result.sent) {
        println!("bytes_per_key={per_key}");
    }
}

struct ChildGuard(Option<Child>);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

struct Measured {
    latencies: Vec<f64>,
    sent: u64,
    received: u64,
    elapsed: Duration,
}

async fn measure(
    port: u16,
    code: String,
    clients: usize,
    stalled: usize,
    seconds: u64,
    rate: u64,
    prelude: String,
) -> Measured {
    let mut joined = Vec::new();
    for i in 0..clients {
        joined.push(join(port, &code, &format!("typist {i}"), false).await);
    }
    let mut valves = Vec::new();
    for i in 0..stalled {
        let (participant, valve) = join(port, &code, &format!("stalled {i}"), true).await;
        valves.push(valve);
        drop(participant);
    }
    for (participant, _) in &joined {
        if !prelude.is_empty() {
            let _ = participant
                .writer
                .data_bytes(prelude.clone().into_bytes())
                .await;
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    for valve in &valves {
        valve.as_ref().expect("a valve").pause();
    }

    let start = Instant::now();
    let mut tasks = Vec::new();
    for (index, (participant, _)) in joined.into_iter().enumerate() {
        tasks.push(tokio::spawn(type_keys(participant, index, seconds, rate)));
    }
    let mut measured = Measured {
        latencies: Vec::new(),
        sent: 0,
        received: 0,
        elapsed: Duration::ZERO,
    };
    for task in tasks {
        if let Ok((latencies, sent, received)) = task.await {
            measured.latencies.extend(latencies);
            measured.sent += sent;
            measured.received += received;
        }
    }
    measured.elapsed = start.elapsed();
    measured
}

/// Types `seconds * rate` keys at `rate` a second; returns each key's latency in ms, the
/// keys sent and the bytes received meanwhile.
async fn type_keys(
    participant: Participant,
    index: usize,
    seconds: u64,
    rate: u64,
) -> (Vec<f64>, u64, u64) {
    let text = typing_text(index, (seconds * rate) as usize);
    let interval = Duration::from_micros(1_000_000 / rate);
    let received_before = participant.watch.received.load(Ordering::Relaxed);
    let mut next = tokio::time::Instant::now();
    for (k, c) in text.char_indices() {
        tokio::time::sleep_until(next).await;
        next += interval;
        participant.watch.expect(&text[..=k]);
        if participant
            .writer
            .data_bytes(c.to_string().into_bytes())
            .await
            .is_err()
        {
            break;
        }
    }
    // Wait for the last keys (at most two seconds).
    let deadline = Instant::now() + Duration::from_secs(2);
    while participant.watch.pending() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let latencies = std::mem::take(&mut *participant.watch.latencies.lock().unwrap());
    let received = participant.watch.received.load(Ordering::Relaxed) - received_before;
    (latencies, text.len() as u64, received)
}

/// Letters in an order unique enough that the last few typed identify the key.
fn typing_text(seed: usize, len: usize) -> String {
    let mut state = (seed as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(b'a' + (state % 26) as u8)
        })
        .collect()
}

/// What a client has seen: its screen, and the keys it waits to see.
struct Watch {
    parser: Mutex<vt100::Parser>,
    waiting: Mutex<VecDeque<(String, Instant)>>,
    latencies: Mutex<Vec<f64>>,
    received: AtomicU64,
}

impl Watch {
    fn expect(&self, typed: &str) {
        let start = typed.len().saturating_sub(WINDOW);
        self.waiting
            .lock()
            .unwrap()
            .push_back((typed[start..].to_string(), Instant::now()));
    }

    fn pending(&self) -> usize {
        self.waiting.lock().unwrap().len()
    }

    fn process(&self, data: &[u8]) {
        self.received
            .fetch_add(data.len() as u64, Ordering::Relaxed);
        let contents = {
            let mut parser = self.parser.lock().unwrap();
            parser.process(data);
            parser.screen().contents()
        };
        let now = Instant::now();
        let mut waiting = self.waiting.lock().unwrap();
        // The newest key shown means every older one arrived too.
        if let Some(last) = waiting
            .iter()
            .rposition(|(tail, _)| contents.contains(tail.as_str()))
        {
            let mut latencies = self.latencies.lock().unwrap();
            for (_, sent) in waiting.drain(..=last) {
                latencies.push((now - sent).as_secs_f64() * 1000.0);
            }
        }
    }
}

struct Participant {
    _handle: client::Handle<Trusting>,
    writer: ChannelWriteHalf<client::Msg>,
    watch: Arc<Watch>,
}

struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

async fn join(
    port: u16,
    code: &str,
    name: &str,
    valved: bool,
) -> (Participant, Option<Arc<ValveState>>) {
    let config = Arc::new(client::Config {
        nodelay: true,
        window_size: if valved { 16 * 1024 } else { 2 * 1024 * 1024 },
        ..Default::default()
    });
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    if valved {
        socket
            .set_recv_buffer_size(8 * 1024)
            .expect("receive buffer");
    }
    let stream = socket
        .connect((IpAddr::V4(Ipv4Addr::LOCALHOST), port).into())
        .await
        .expect("connect to the host");
    stream.set_nodelay(true).expect("nodelay");
    let state = Arc::new(ValveState::default());
    let valve = Valve {
        stream,
        state: Arc::clone(&state),
    };
    let mut handle = client::connect_stream(config, valve, Trusting)
        .await
        .expect("handshake");
    let mut reply = handle
        .authenticate_keyboard_interactive_start(code, None)
        .await
        .expect("login");
    while let KeyboardInteractiveAuthResponse::InfoRequest { prompts, .. } = reply {
        let answers = prompts.iter().map(|_| name.to_string()).collect();
        reply = handle
            .authenticate_keyboard_interactive_respond(answers)
            .await
            .expect("login answer");
    }
    assert!(
        matches!(reply, KeyboardInteractiveAuthResponse::Success),
        "the host refused {name}"
    );
    let channel = handle.channel_open_session().await.expect("channel");
    channel
        .request_pty(true, "xterm-256color", COLS.into(), ROWS.into(), 0, 0, &[])
        .await
        .expect("pty");
    channel.request_shell(true).await.expect("shell");
    let (mut read, writer) = channel.split();
    let watch = Arc::new(Watch {
        parser: Mutex::new(vt100::Parser::new(ROWS, COLS, 0)),
        waiting: Mutex::new(VecDeque::new()),
        latencies: Mutex::new(Vec::new()),
        received: AtomicU64::new(0),
    });
    let reader_watch = Arc::clone(&watch);
    tokio::spawn(async move {
        while let Some(msg) = read.wait().await {
            if let ChannelMsg::Data { data } = msg {
                reader_watch.process(&data);
            }
        }
    });
    let participant = Participant {
        _handle: handle,
        writer,
        watch,
    };
    (participant, valved.then_some(state))
}

/// A socket whose reading can be paused: a participant whose terminal stops taking output.
struct Valve {
    stream: tokio::net::TcpStream,
    state: Arc<ValveState>,
}

#[derive(Default)]
struct ValveState {
    paused: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl ValveState {
    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }
}

impl AsyncRead for Valve {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.state.paused.load(Ordering::SeqCst) {
            *self.state.waker.lock().unwrap() = Some(cx.waker().clone());
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

/// The child: a host on 127.0.0.1 and an echo room. Prints `PORT CODE`, then serves until
/// killed.
fn serve() {
    // The measuring process holds our stdin: when it ends, however it ends, so do we.
    std::thread::spawn(|| {
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
        std::process::exit(0);
    });
    let data = tempfile::tempdir().expect("a folder for the host key");
    let host = host::start(HostOptions {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        data_dir: Some(data.path().to_path_buf()),
        // The stalled clients come on top of the typists.
        max: 1000,
        // Every client comes from 127.0.0.1.
        connect_rate: host::Rate::new(1000, Duration::from_millis(1)),
        ..HostOptions::default()
    })
    .expect("the host starts");
    println!("{} {}", host.local_addr().port(), host.code());
    struct Seat {
        typed: String,
        screen: SeatScreen,
    }
    let mut seats: HashMap<ConnId, Seat> = HashMap::new();
    let mut total: u64 = 0;
    loop {
        let Some(first) = host.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        let mut changed = false;
        let mut next = Some(first);
        while let Some(event) = next {
            match event {
                HostEvent::Joined { conn, size, .. } => {
                    seats.insert(
                        conn,
                        Seat {
                            typed: String::new(),
                            screen: SeatScreen::new(size),
                        },
                    );
                }
                HostEvent::Input {
                    conn,
                    event: Event::Key(key),
                } => {
                    if let (Some(seat), KeyCode::Char(c)) = (seats.get_mut(&conn), key.code) {
                        seat.typed.push(c);
                        total += 1;
                    }
                }
                HostEvent::Resized { conn, size } => {
                    if let Some(seat) = seats.get_mut(&conn) {
                        seat.screen.resize(size);
                    }
                }
                HostEvent::NeedsRepaint { conn } => {
                    if let Some(seat) = seats.get_mut(&conn) {
                        seat.screen.invalidate();
                    }
                }
                HostEvent::Left { conn } => {
                    seats.remove(&conn);
                }
                HostEvent::Input { .. } => {}
            }
            changed = true;
            next = host.try_recv();
        }
        if !changed {
            continue;
        }
        for (conn, seat) in &mut seats {
            let tail: String = {
                let skip = seat.typed.chars().count().saturating_sub(60);
                seat.typed.chars().skip(skip).collect()
            };
            let text = format!("keys from everyone: {total}\ntyped: {tail}");
            let bytes = seat
                .screen
                .draw(|frame| frame.render_widget(Paragraph::new(text), frame.area()));
            if !bytes.is_empty() {
                host.send_frame(*conn, bytes);
            }
        }
    }
}

struct Usage {
    cpu_ticks: u64,
    rss_kb: u64,
}

/// A process's CPU time (user + system, in clock ticks) and resident memory, from /proc.
fn usage(pid: u32) -> Usage {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // After the command name: state is field 0, utime 11, stime 12.
    let cpu_ticks = field(11) + field(12);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Usage { cpu_ticks, rss_kb }
}

fn ticks_per_second() -> f64 {
    // SAFETY: sysconf only reads a system constant.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 { ticks as f64 } else { 100.0 }
}
