//! The live session's figures for `scripts/bench`, printed as `key=value` lines:
//!
//!     live_bench run CLIENTS STALLED SECONDS
//!
//! starts the host in a child process (`live_bench host`: `host::start` on 127.0.0.1, and
//! `tui::live::serve` on the real room with the default template's map, as `journeymap
//! host` serves it, without the facilitator's terminal) and joins it with CLIENTS SSH
//! clients (russh's own, keyboard-interactive, 100x30 terminals parsed with `vt100`), of
//! which STALLED stop reading their connection (their socket buffers fill and the host's
//! frames for them are dropped). The others type at 10 keys a second each, open loop (a
//! key is sent on time whatever the screen shows), with their phases spread over the
//! 100 ms: `a` once, then cards of 20 random letters and Enter (quick capture opens the
//! next), so each adds a card every 2.1 s and every card redraws every seat.
//!
//! A key's latency runs from sending it to the moment its effect is on that client's
//! parsed screen: for a letter, the text left of the cursor (the inline editor's) ends with
//! the card's letters typed so far; for Enter, the status bar says "card '…' added" (or a
//! later key's effect shows). Only keys sent in the last SECONDS are counted, after a
//! second of warm-up. Prints `p50_us`, `p99_us`, `max_us`, `keys`, the host process's CPU
//! over the window (`cpu_pct`, of one core, from `/proc/PID/stat`), its memory at the end
//! (`rss_kb`, `hwm_kb` from `/proc/PID/status`), and what the clients received:
//! `frame_bytes` (mean bytes per SSH data message, one per frame drawn) and `frames`.

// The SSH client of the transport's tests, shared as it is.
#[allow(dead_code)]
#[path = "../tests/host/client.rs"]
mod client;

use std::io::{BufRead, BufReader, Read};
use std::net::{IpAddr, Ipv4Addr};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use journeymap::app::Room;
use journeymap::host::{self, HostOptions, Rate};
use journeymap::tui::live::{Remotes, serve};
use journeymap::{templates, ui};
use russh::ChannelMsg;

const CODE: &str = "BENCH7";
const COLS: u16 = 100;
const ROWS: u16 = 30;
const LETTERS: usize = 20;
const KEY_EVERY: Duration = Duration::from_millis(100);
const WARM_UP: Duration = Duration::from_secs(1);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = |s: &String| s.parse::<usize>().ok();
    match args.as_slice() {
        [mode] if mode == "host" => host(),
        [mode, clients, stalled, seconds] if mode == "run" => {
            match (parsed(clients), parsed(stalled), parsed(seconds)) {
                (Some(c), Some(s), Some(secs)) if s < c && secs > 0 => {
                    run(c, s, Duration::from_secs(secs as u64))
                }
                _ => usage(),
            }
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: live_bench run CLIENTS STALLED SECONDS | live_bench host");
    ExitCode::from(2)
}

/// The child: the host and the room loop, until stdin closes (or two minutes pass).
fn host() -> ExitCode {
    let data = tempfile::tempdir().expect("a data folder");
    let started = host::start(HostOptions {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        code: Some(CODE.into()),
        data_dir: Some(data.path().to_path_buf()),
        max: 100,
        connect_rate: Rate::new(1000, Duration::from_secs(1)),
        ..HostOptions::default()
    });
    let host = match started {
        Ok(host) => host,
        Err(e) => {
            eprintln!("live_bench host: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("port={}", host.local_addr().port());
    let closed = Arc::new(AtomicBool::new(false));
    {
        let closed = Arc::clone(&closed);
        std::thread::spawn(move || {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
            closed.store(true, Ordering::SeqCst);
        });
    }
    let mut room = Room::new(templates::default_map(), None);
    let mut remotes = Remotes::new(host);
    let until = Instant::now() + Duration::from_secs(120);
    serve(&mut room, &mut remotes, &ui::Theme::plain(), |_, _| {
        closed.load(Ordering::SeqCst) || Instant::now() >= until
    });
    ExitCode::SUCCESS
}

/// What a key should do to its client's screen.
#[derive(Clone)]
enum Effect {
    /// The inline editor is open (the line under the board says how to end it).
    Opened,
    /// The inline editor holds these letters left of the cursor.
    Letters(String),
    /// The status bar says the card with this text was added.
    Added(String),
}

/// One typing client's keys and what it has seen of them.
#[derive(Default)]
struct Log {
    /// Every key sent: when, and what it does.
    sent: Vec<(Instant, Effect)>,
    /// How many of the sent keys have shown.
    shown: usize,
    latencies: Vec<(Instant, Duration)>,
    frames: usize,
    bytes: usize,
}

impl Log {
    /// The screen changed at `now`: the latest sent key whose effect shows, and every key
    /// before it, has shown.
    fn seen(&mut self, screen: &vt100::Screen, now: Instant) {
        let (row, col) = screen.cursor_position();
        let left = screen.contents_between(row, 0, row, col);
        let mut contents = None;
        let mut shows = |needle: &str| {
            contents
                .get_or_insert_with(|| screen.contents())
                .contains(needle)
        };
        let latest = (self.shown..self.sent.len())
            .rev()
            .find(|&i| match &self.sent[i].1 {
                Effect::Opened => shows("Enter adds"),
                // Exactly these letters: the field's start (not a letter) comes before them.
                Effect::Letters(typed) => left
                    .strip_suffix(typed.as_str())
                    .is_some_and(|before| !before.ends_with(|c: char| c.is_ascii_lowercase())),
                Effect::Added(text) => shows(&format!("card '{text}' added")),
            });
        if let Some(latest) = latest {
            for (at, _) in &self.sent[self.shown..=latest] {
                self.latencies.push((*at, now.duration_since(*at)));
            }
            self.shown = latest + 1;
        }
    }
}

/// A client that types, reading its screen on the clients' runtime.
struct Typist {
    writer: russh::ChannelWriteHalf<russh::client::Msg>,
    log: Arc<Mutex<Log>>,
    _handle: russh::client::Handle<client::Trusting>,
}

fn join(port: u16, name: &str) -> russh::client::Handle<client::Trusting> {
    let mut handle = client::connect(port);
    let (_, ok) = client::auth_name(&mut handle, CODE, name);
    assert!(ok, "{name} is let in");
    handle
}

fn typist(port: u16, name: &str) -> Typist {
    let handle = join(port, name);
    let rt = client::runtime();
    let channel = rt
        .block_on(handle.channel_open_session())
        .expect("a session channel");
    rt.block_on(channel.request_pty(true, "xterm-256color", COLS.into(), ROWS.into(), 0, 0, &[]))
        .expect("pty-req");
    rt.block_on(channel.request_shell(true)).expect("shell");
    let (mut read, writer) = channel.split();
    let log = Arc::new(Mutex::new(Log::default()));
    let reader_log = Arc::clone(&log);
    rt.spawn(async move {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        while let Some(msg) = read.wait().await {
            if let ChannelMsg::Data { data } = msg {
                let now = Instant::now();
                parser.process(&data);
                let mut log = reader_log.lock().unwrap();
                log.frames += 1;
                log.bytes += data.len();
                log.seen(parser.screen(), now);
            }
        }
    });
    Typist {
        writer,
        log,
        _handle: handle,
    }
}

/// A client that stops reading once it has joined.
fn stalled(port: u16, name: &str) -> (client::Participant, Arc<client::ValveState>) {
    let (mut handle, valve) = client::connect_valved(port);
    let (_, ok) = client::auth_name(&mut handle, CODE, name);
    assert!(ok, "{name} is let in");
    let p = client::Participant::open(handle, COLS, ROWS);
    p.wait_for("welcome");
    valve.pause();
    (p, valve)
}

/// Random lowercase letters (a small xorshift: the figures need no better).
struct Letters(u64);

impl Letters {
    fn card(&mut self) -> String {
        (0..LETTERS)
            .map(|_| {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                char::from(b'a' + (self.0 % 26) as u8)
            })
            .collect()
    }
}

fn run(clients: usize, stalled_count: usize, window: Duration) -> ExitCode {
    let exe = std::env::current_exe().expect("this program");
    let mut child = Command::new(exe)
        .arg("host")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the host process");
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().expect("its stdout")).lines();
    let port: u16 = lines
        .next()
        .and_then(|l| l.ok())
        .and_then(|l| l.strip_prefix("port=").and_then(|p| p.parse().ok()))
        .expect("the host's port");

    let _stalled: Vec<_> = (0..stalled_count)
        .map(|i| stalled(port, &format!("stalled {i}")))
        .collect();
    let typists: Vec<Typist> = (0..clients - stalled_count)
        .map(|i| typist(port, &format!("typist {i}")))
        .collect();
    let rt = client::runtime();
    let send = |t: &Typist, bytes: &[u8]| {
        rt.block_on(t.writer.data_bytes(bytes.to_vec()))
            .expect("send a key")
    };
    // `a` opens the first card; wait until every input is open.
    for t in &typists {
        t.log
            .lock()
            .unwrap()
            .sent
            .push((Instant::now(), Effect::Opened));
        send(t, b"a");
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while typists.iter().any(|t| t.log.lock().unwrap().shown == 0) {
        assert!(Instant::now() < deadline, "the cards' inputs did not open");
        std::thread::sleep(Duration::from_millis(10));
    }
    for t in &typists {
        let mut log = t.log.lock().unwrap();
        log.latencies.clear();
        log.frames = 0;
        log.bytes = 0;
    }

    // Every typist's keys, 100 ms apart, the typists spread evenly over those 100 ms.
    let n = typists.len();
    let mut letters = Letters(0x9E37_79B9_7F4A_7C15);
    let mut cards: Vec<(String, usize)> = (0..n).map(|_| (letters.card(), 0)).collect();
    let start = Instant::now();
    let measured_from = start + WARM_UP;
    let end = measured_from + window;
    let mut cpu_at_start = None;
    let mut step: u32 = 0;
    while Instant::now() < end {
        for (i, t) in typists.iter().enumerate() {
            let at = start + KEY_EVERY * step + KEY_EVERY.mul_f64(i as f64 / n as f64);
            if let Some(wait) = at.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            if cpu_at_start.is_none() && Instant::now() >= measured_from {
                cpu_at_start = Some((Instant::now(), cpu_ticks(pid)));
            }
            let (card, typed) = &mut cards[i];
            let (bytes, effect) = if *typed < LETTERS {
                *typed += 1;
                (
                    card.as_bytes()[*typed - 1..*typed].to_vec(),
                    Effect::Letters(card[..*typed].to_string()),
                )
            } else {
                let effect = Effect::Added(card.clone());
                *card = letters.card();
                *typed = 0;
                (b"\r".to_vec(), effect)
            };
            t.log.lock().unwrap().sent.push((Instant::now(), effect));
            send(t, &bytes);
        }
        step += 1;
    }
    let cpu_end = (Instant::now(), cpu_ticks(pid));
    let memory = memory_kb(pid);
    // The last keys' effects arrive.
    std::thread::sleep(Duration::from_millis(500));

    let mut latencies = Vec::new();
    let (mut frames, mut bytes, mut unseen) = (0, 0, 0);
    for t in &typists {
        let log = t.log.lock().unwrap();
        latencies.extend(
            log.latencies
                .iter()
                .filter(|(at, _)| *at >= measured_from && *at < end)
                .map(|(_, d)| *d),
        );
        // Keys sent after the window may have shown too: those are not owed.
        unseen += log
            .sent
            .iter()
            .filter(|(at, _)| *at < end)
            .count()
            .saturating_sub(log.shown);
        frames += log.frames;
        bytes += log.bytes;
    }
    drop(child.stdin.take());
    let _ = child.wait();
    latencies.sort();
    if latencies.is_empty() {
        eprintln!("live_bench: no key was measured");
        return ExitCode::FAILURE;
    }
    let us = |d: Duration| d.as_micros();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    println!("clients={clients}");
    println!("stalled={stalled_count}");
    println!("keys={}", latencies.len());
    println!("unseen={unseen}");
    println!("p50_us={}", us(at(0.5)));
    println!("p99_us={}", us(at(0.99)));
    println!("max_us={}", us(*latencies.last().unwrap()));
    if let (Some((t0, Some(c0))), (t1, Some(c1))) = (cpu_at_start, cpu_end) {
        let ticks = clock_ticks();
        let cpu = (c1 - c0) as f64 / ticks / t1.duration_since(t0).as_secs_f64();
        println!("cpu_pct={:.1}", cpu * 100.0);
    }
    if let Some((rss, hwm)) = memory {
        println!("rss_kb={rss}");
        println!("hwm_kb={hwm}");
    }
    if frames > 0 {
        println!("frames={frames}");
        println!("frame_bytes={}", bytes / frames);
    }
    ExitCode::SUCCESS
}

/// User and system time of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command's name (which may hold spaces), from the third on.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf only reads a configuration value.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 { ticks as f64 } else { 100.0 }
}

/// The resident and peak resident memory of a process, in kB.
fn memory_kb(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
