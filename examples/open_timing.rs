//! Real-binary timings for `scripts/bench`, printed as `key=value` lines:
//!
//!     open_timing open RUNS BIN FILE [MARKER]
//!
//! starts `BIN FILE` in a 200x60 pseudo-terminal RUNS times and measures from the start of
//! the process to the first frame drawn: MARKER (default: the first stage's name) is on the
//! screen and so is the status bar on the last row, which is drawn last. It then reads the
//! editor's peak memory (VmHWM, which covers loading the map) and quits it with `q`.
//! Prints `median_us`, `min_us`, `max_us` and `peak_kb` (the largest of the runs).
//!
//!     open_timing typing RUNS BIN FILE [CHARS]
//!
//! types into the editor while recovery copies are written (the budget: "typing while
//! the recovery copy is written, no key press waits more than 16 ms"). Each run starts `BIN FILE`
//! in a 200x60 pseudo-terminal with a state folder of its own, presses `+` (the map now has
//! unsaved changes), then adds cards of 20 random letters: `a` once, then the letters one at
//! a time and Enter (which opens the next card), until CHARS letters (default 200) are
//! typed, and quits without saving. The keys
//! come 30-60 ms apart, as from a quick typist. Each card added changes the map, so the
//! editor writes a recovery copy (15 MB of text at N = 10,000) about every second while
//! the typing goes on. A key's latency runs from writing it to the terminal until its effect
//! is on the parsed screen: the letter in the inline editor (the field holds exactly the
//! letters typed so far), "card '…' added" in the status bar and the next card's input
//! open after Enter, the editor's hint after `a`, "unsaved" in the header after `+`.
//!
//! A watcher thread samples the editor's main and `recovery-writer` threads
//! (`/proc/PID/task/TID/{stat,schedstat}`) and the state folder every millisecond
//! (`TYPING_SAMPLE_MS`), to confirm that copies were written during the typing and that keys
//! were typed while the writer worked; a run without that is an error. Prints
//! `max_us` (the slowest key of all runs: the figure judged), `max_median_us` (the median
//! over the runs of each run's slowest key), `p99_us` and `median_us` over all keys, the
//! slowest key of each kind, `keys`, `runs`, `recovery_copies_min` (the fewest copies of a run),
//! `keys_while_writing` and `max_while_writing_us`. On stderr, a line per run, and for
//! each key slower than `TYPING_SHOW_MS` (default 16) where the time went: how long the main
//! thread ran and waited for a CPU, when it first and last ran, and how busy the writer and
//! the machine were. `TYPING_WRITER_SCHED=idle` (or `nice:N`) lowers the writer thread's
//! priority from outside, as an experiment.
//!
//!     open_timing pair RUNS CMD_A [ARGS...] -- CMD_B [ARGS...]
//!
//! runs two commands in turns (such as `journeymap check FILE` and `bare_parse FILE`),
//! RUNS times each, and prints each one's median wall time and the median of A's time over
//! B's in the same round: a ratio that a busy machine disturbs less than two separate runs.
//!
//!     open_timing run RUNS CMD [ARGS...]
//!
//! runs a command (such as `journeymap check FILE`) RUNS times with its output discarded and
//! prints the same figures: wall time from start to exit, and peak memory sampled from
//! /proc while it runs (`scripts/bench` prefers `/usr/bin/time -v` for that when present).

use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const COLS: u16 = 200;
const ROWS: u16 = 60;
const TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["open", runs, bin, file] => runs_arg(runs).and_then(|r| open(r, bin, file, None)),
        ["open", runs, bin, file, marker] => {
            runs_arg(runs).and_then(|r| open(r, bin, file, Some(marker)))
        }
        ["typing", runs, bin, file] => runs_arg(runs).and_then(|r| typing(r, bin, file, 200)),
        ["typing", runs, bin, file, chars] => runs_arg(runs).and_then(|r| {
            let chars = runs_arg(chars)
                .map_err(|_| format!("CHARS must be a positive number, not {chars:?}"))?;
            typing(r, bin, file, chars)
        }),
        ["run", runs, ref cmd @ ..] if !cmd.is_empty() => runs_arg(runs).and_then(|r| run(r, cmd)),
        ["pair", runs, ref cmds @ ..] => match cmds.iter().position(|&a| a == "--") {
            Some(split) if split > 0 && split + 1 < cmds.len() => {
                runs_arg(runs).and_then(|r| pair(r, &cmds[..split], &cmds[split + 1..]))
            }
            _ => Err("usage: open_timing pair RUNS CMD_A [ARGS...] -- CMD_B [ARGS...]".into()),
        },
        _ => Err(
            "usage: open_timing open RUNS BIN FILE [MARKER] | typing RUNS BIN FILE [CHARS] \
                  | run RUNS CMD [ARGS...] | pair RUNS CMD_A [ARGS...] -- CMD_B [ARGS...]"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("open_timing: {e}");
            ExitCode::FAILURE
        }
    }
}

fn runs_arg(s: &str) -> Result<usize, String> {
    s.parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or(format!("RUNS must be a positive number, not {s:?}"))
}

fn report(mut times: Vec<Duration>, peak_kb: u64) {
    times.sort();
    let us = |d: Duration| d.as_micros();
    let median = if times.len() % 2 == 1 {
        us(times[times.len() / 2])
    } else {
        (us(times[times.len() / 2 - 1]) + us(times[times.len() / 2])) / 2
    };
    println!("median_us={median}");
    println!("min_us={}", us(times[0]));
    println!("max_us={}", us(times[times.len() - 1]));
    println!("peak_kb={peak_kb}");
}

/// The first stage's name, read from the map the cheap way: the first `name:` inside
/// `stages`.
fn first_stage_name(file: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let map = journeymap::format::from_str(&text).map_err(|e| format!("{file}: {e:?}"))?;
    map.stages
        .first()
        .map(|s| s.name.clone())
        .ok_or(format!("{file}: no stages"))
}

fn open(runs: usize, bin: &str, file: &str, marker: Option<&str>) -> Result<(), String> {
    let marker = match marker {
        Some(m) => m.to_string(),
        None => first_stage_name(file)?,
    };
    // Recovery copies and locks go to a folder of our own, never the user's.
    let state = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let (elapsed, kb) = open_once(bin, file, &marker, state.path())?;
        times.push(elapsed);
        peak = peak.max(kb);
    }
    report(times, peak);
    Ok(())
}

fn open_once(bin: &str, file: &str, marker: &str, state: &Path) -> Result<(Duration, u64), String> {
    let (mut pty, start) = Pty::spawn(bin, file, state)?;
    let first_frame = pty.wait_for(&format!("a frame with {marker:?}"), TIMEOUT, |screen| {
        first_frame_drawn(screen, marker)
    })?;
    let peak = pty.child.process_id().and_then(vm_hwm_kb).unwrap_or(0);
    pty.press(b"q")?;
    pty.wait_exit("q")?;
    Ok((first_frame.saturating_duration_since(start), peak))
}

/// Whether the first frame is on the screen: the marker, and the status bar on the last row,
/// which is drawn last.
fn first_frame_drawn(screen: &vt100::Screen, marker: &str) -> bool {
    let last_row = screen
        .rows(0, COLS)
        .nth(usize::from(ROWS - 1))
        .unwrap_or_default();
    !last_row.trim().is_empty() && screen.contents().contains(marker)
}

/// A program in a 200x60 pseudo-terminal, and its screen as a terminal shows it.
struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// What the program wrote, with the time it was read from the terminal.
    chunks: mpsc::Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Starts `BIN FILE` with its state folder (recovery copies, locks) in `state`, never the
    /// user's. Returns the time it was started.
    fn spawn(bin: &str, file: &str, state: &Path) -> Result<(Pty, Instant), String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("no pseudo-terminal: {e}"))?;
        // portable-pty looks a relative program up in PATH; a path with a slash means this one.
        let bin = match std::fs::canonicalize(bin) {
            Ok(path) if bin.contains('/') => path.display().to_string(),
            _ => bin.to_string(),
        };
        let mut cmd = CommandBuilder::new(&bin);
        cmd.arg(std::fs::canonicalize(file).map_err(|e| format!("{file}: {e}"))?);
        if let Ok(dir) = std::env::current_dir() {
            cmd.cwd(dir);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("JOURNEYMAP_STATE_DIR", state);
        cmd.env("XDG_STATE_HOME", state);
        let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
        let writer = pair.master.take_writer().map_err(|e| e.to_string())?;

        let start = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start {bin}: {e}"))?;
        drop(pair.slave);

        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let pty = Pty {
            child,
            writer,
            chunks,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            _master: pair.master,
        };
        Ok((pty, start))
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Sends keys, as typed.
    fn press(&mut self, bytes: &[u8]) -> Result<Instant, String> {
        let sent = Instant::now();
        self.writer.write_all(bytes).map_err(|e| e.to_string())?;
        self.writer.flush().map_err(|e| e.to_string())?;
        Ok(sent)
    }

    /// Reads what the program wrote until `done` holds for the screen, and returns when the
    /// output that made it hold was read from the terminal. Only output read from now on
    /// counts: call [`Pty::drain`] first to take in what came before.
    fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<Instant, String> {
        let until = Instant::now() + timeout;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let Ok((read, chunk)) = self.chunks.recv_timeout(left) else {
                let _ = self.child.kill();
                return Err(format!(
                    "no {what} within {timeout:?}; the screen:\n{}",
                    self.screen().contents()
                ));
            };
            self.parser.process(&chunk);
            if done(self.screen()) {
                return Ok(read);
            }
        }
    }

    /// Takes in whatever the program has written so far.
    fn drain(&mut self) {
        while let Ok((_, chunk)) = self.chunks.try_recv() {
            self.parser.process(&chunk);
        }
    }

    /// Takes in output until the program has written nothing for `quiet` (at most 1 s).
    fn settle(&mut self, quiet: Duration) {
        let until = Instant::now() + Duration::from_secs(1);
        while Instant::now() < until {
            match self.chunks.recv_timeout(quiet) {
                Ok((_, chunk)) => self.parser.process(&chunk),
                Err(_) => return,
            }
        }
    }

    /// Waits for the program to exit after the keys that quit it, or says why not (a dialog
    /// that was not expected, say).
    fn wait_exit(&mut self, keys: &str) -> Result<(), String> {
        let quit_by = Instant::now() + Duration::from_secs(10);
        loop {
            self.drain();
            match self.child.try_wait() {
                Ok(Some(_)) => return Ok(()),
                Ok(None) if Instant::now() < quit_by => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => {
                    let _ = self.child.kill();
                    return Err(format!(
                        "the editor did not quit on {keys}; the screen:\n{}",
                        self.screen().contents()
                    ));
                }
            }
        }
    }
}

/// Peak resident memory of a running process, in KiB.
fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(runs: usize, cmd: &[&str]) -> Result<(), String> {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let mut child = Command::new(cmd[0])
            .args(&cmd[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", cmd[0]))?;
        // Memory is sampled on a thread of its own so the timing is not quantised by it.
        let pid = child.id();
        let done = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(AtomicU64::new(0));
        let sampler = {
            let (done, seen) = (done.clone(), seen.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    if let Some(kb) = vm_hwm_kb(pid) {
                        seen.fetch_max(kb, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_micros(500));
                }
            })
        };
        let status = child.wait().map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        done.store(true, Ordering::Relaxed);
        let _ = sampler.join();
        if !status.success() {
            return Err(format!("{} failed: {status}", cmd.join(" ")));
        }
        times.push(elapsed);
        peak = peak.max(seen.load(Ordering::Relaxed));
    }
    report(times, peak);
    Ok(())
}

/// One run of `cmd` with its output discarded: the wall time from start to exit.
fn time_once(cmd: &[&str]) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new(cmd[0])
        .args(&cmd[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {}: {e}", cmd[0]))?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("{} failed: {status}", cmd.join(" ")));
    }
    Ok(elapsed)
}

/// Two commands run in turns, RUNS times each, A first in even rounds and B first in odd
/// ones, so a machine that gets busier or quieter during the measurement weighs on both
/// alike. Nothing else runs meanwhile (no memory sampler). Prints `a_median_us`,
/// `b_median_us` and `ratio` (the median over the rounds of A's time over B's).
fn pair(runs: usize, a: &[&str], b: &[&str]) -> Result<(), String> {
    // One round unmeasured, to bring the files and the binaries into the page cache.
    time_once(a)?;
    time_once(b)?;
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..runs {
        let (x, y) = if round % 2 == 0 {
            let x = time_once(a)?;
            (x, time_once(b)?)
        } else {
            let y = time_once(b)?;
            (time_once(a)?, y)
        };
        ratios.push(x.as_secs_f64() / y.as_secs_f64().max(1e-9));
        ta.push(x);
        tb.push(y);
    }
    let median_us = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_micros()
    };
    ratios.sort_by(f64::total_cmp);
    println!("a_median_us={}", median_us(ta));
    println!("b_median_us={}", median_us(tb));
    println!("ratio={:.4}", ratios[ratios.len() / 2]);
    Ok(())
}

/// Cards typed in each run of `typing`, and the characters of each card.
const CARD_CHARS: usize = 20;
/// The gap between two key presses, as a quick typist's: from this many milliseconds...
const GAP_MIN_MS: u64 = 30;
/// ...to this many.
const GAP_MAX_MS: u64 = 60;
/// How long one key may take to show before the run gives up.
const KEY_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the watcher looks at the editor's threads and the state folder, unless
/// `TYPING_SAMPLE_MS` says otherwise.
const SAMPLE: Duration = Duration::from_millis(1);

fn sample_every() -> Duration {
    std::env::var("TYPING_SAMPLE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(SAMPLE, |ms: f64| Duration::from_secs_f64(ms / 1e3))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    /// `+` on the first card: the map has unsaved changes from then on.
    Vote,
    /// `a`: the inline editor for a new card opens.
    Open,
    /// A character typed into the inline editor.
    Char,
    /// Enter: the new card is added to its lane of 10,000.
    Enter,
}

impl KeyKind {
    fn name(self) -> &'static str {
        match self {
            KeyKind::Vote => "vote (+)",
            KeyKind::Open => "open the editor (a)",
            KeyKind::Char => "typed character",
            KeyKind::Enter => "add the card (Enter)",
        }
    }
}

/// One key press: when it was written to the terminal and when its effect was on screen.
struct Key {
    kind: KeyKind,
    sent: Instant,
    shown: Instant,
}

impl Key {
    fn latency(&self) -> Duration {
        self.shown.saturating_duration_since(self.sent)
    }
}

/// A small deterministic generator: the same letters and gaps in every run of the benchmark.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// One sample of a thread of the editor, from `/proc/PID/task/TID/{stat,schedstat}`.
#[derive(Clone, Copy)]
struct ThreadSample {
    at: Instant,
    /// `R` running or waiting for a CPU, `S` sleeping, `D` waiting for the disk...
    state: char,
    /// Time on a CPU so far, in nanoseconds.
    ran_ns: u64,
    /// Time spent runnable but waiting for a CPU so far, in nanoseconds.
    waited_ns: u64,
    /// Minor page faults so far (memory touched for the first time, say).
    faults: u64,
}

fn thread_sample(pid: u32, tid: u32) -> Option<ThreadSample> {
    let at = Instant::now();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    // state ppid pgrp session tty_nr tpgid flags minflt ...
    let faults = fields.get(7)?.parse().ok()?;
    let sched = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/schedstat")).ok()?;
    let mut fields = sched.split_whitespace().map(|f| f.parse::<u64>().ok());
    Some(ThreadSample {
        at,
        state,
        ran_ns: fields.next()??,
        waited_ns: fields.next()??,
        faults,
    })
}

/// CPU time of the whole machine so far, busy, in all and stolen, in clock ticks
/// (`/proc/stat`).
fn machine_ticks() -> Option<(u64, u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|t| t.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal ...
    let idle = ticks.get(3)? + ticks.get(4)?;
    let all: u64 = ticks.iter().take(8).sum();
    Some((all - idle, all, *ticks.get(7)?))
}

/// The thread of `pid` with this name, if it has one.
fn find_thread(pid: u32, name: &str) -> Option<u32> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .filter_map(Result::ok)
        .find_map(|task| {
            let comm = std::fs::read_to_string(task.path().join("comm")).ok()?;
            (comm.trim_end() == name)
                .then(|| task.file_name().to_str()?.parse().ok())
                .flatten()
        })
}

/// What the watcher saw while the keys were typed.
#[derive(Default)]
struct Watched {
    /// The event loop's thread.
    main: Vec<ThreadSample>,
    /// The recovery-copy writer's thread.
    writer: Vec<ThreadSample>,
    /// Each version of the recovery copy seen in the state folder: when, and its size.
    copies: Vec<(Instant, u64)>,
    /// The whole machine, from /proc/stat: busy, all, and stolen CPU time so far (taken by
    /// the hypervisor from this virtual machine), in clock ticks.
    machine: Vec<(Instant, u64, u64, u64)>,
}

impl Watched {
    /// The times the writer thread was working (running, waiting for a CPU or for the disk).
    fn writer_busy(&self) -> Vec<(Instant, Instant)> {
        let mut spans: Vec<(Instant, Instant)> = Vec::new();
        let mut open: Option<Instant> = None;
        let mut last_ran = None;
        let mut last_at = None;
        for s in &self.writer {
            // A thread that ran since the last sample was busy, even if it sleeps now.
            let ran = last_ran.is_some_and(|r| s.ran_ns > r);
            last_ran = Some(s.ran_ns);
            let since = last_at.replace(s.at).unwrap_or(s.at);
            let busy = ran || matches!(s.state, 'R' | 'D');
            match (busy, open) {
                (true, None) => open = Some(since),
                (false, Some(from)) => {
                    spans.push((from, s.at));
                    open = None;
                }
                _ => {}
            }
        }
        if let (Some(from), Some(last)) = (open, self.writer.last()) {
            spans.push((from, last.at));
        }
        spans
    }

    /// How busy the machine's CPUs were between two instants, as a share of all of them,
    /// and the share stolen by the hypervisor (clock ticks of 10 ms: rough figures over short
    /// spans).
    fn machine_busy(&self, from: Instant, to: Instant) -> Option<(f64, f64)> {
        let before = self.machine.iter().rev().find(|s| s.0 <= from)?;
        let after = self.machine.iter().find(|s| s.0 >= to)?;
        let all = after.2.checked_sub(before.2).filter(|&a| a > 0)? as f64;
        Some((
            (after.1 - before.1) as f64 / all,
            (after.3 - before.3) as f64 / all,
        ))
    }

    /// The states of a thread sampled between two instants, such as `R3 S1`.
    fn states(samples: &[ThreadSample], from: Instant, to: Instant) -> String {
        let mut counts: Vec<(char, usize)> = Vec::new();
        for s in samples.iter().filter(|s| s.at >= from && s.at <= to) {
            match counts.iter_mut().find(|c| c.0 == s.state) {
                Some(c) => c.1 += 1,
                None => counts.push((s.state, 1)),
            }
        }
        let parts: Vec<String> = counts.iter().map(|(c, n)| format!("{c}{n}")).collect();
        parts.join(" ")
    }

    /// When the main thread started and stopped working on a key (to the sampling
    /// interval): the first sample after `from` by which it had run, and the last sample
    /// before `to` at which it had run since the sample before.
    fn main_worked(&self, from: Instant, to: Instant) -> Option<(Instant, Instant)> {
        let start = self.main.iter().rposition(|s| s.at <= from)?;
        let base = self.main[start].ran_ns;
        let window = &self.main[start..];
        let first = window.iter().find(|s| s.ran_ns > base && s.at <= to)?;
        let last = window
            .windows(2)
            .rev()
            .find(|w| w[1].at <= to && w[1].ran_ns > w[0].ran_ns)?;
        Some((first.at, last[1].at))
    }

    /// How long a thread ran, and waited for a CPU, between two instants, and how many page
    /// faults it took (from the samples just outside them).
    fn between(samples: &[ThreadSample], from: Instant, to: Instant) -> (Duration, Duration, u64) {
        let before = samples.iter().rev().find(|s| s.at <= from);
        let after = samples.iter().find(|s| s.at >= to);
        let (Some(before), Some(after)) = (before, after) else {
            return (Duration::ZERO, Duration::ZERO, 0);
        };
        (
            Duration::from_nanos(after.ran_ns.saturating_sub(before.ran_ns)),
            Duration::from_nanos(after.waited_ns.saturating_sub(before.waited_ns)),
            after.faults.saturating_sub(before.faults),
        )
    }
}

/// Samples the editor's main and writer threads and its recovery copy every millisecond
/// until `stop` is set.
fn watch(pid: u32, state: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<Watched> {
    let every = sample_every();
    let writer_policy = std::env::var("TYPING_WRITER_SCHED").ok();
    std::thread::spawn(move || {
        let mut seen = Watched::default();
        let mut writer = None;
        let mut last_copy = None;
        while !stop.load(Ordering::Relaxed) {
            if let Some(s) = thread_sample(pid, pid) {
                seen.main.push(s);
            }
            if let Some((busy, all, steal)) = machine_ticks() {
                seen.machine.push((Instant::now(), busy, all, steal));
            }
            if writer.is_none() {
                writer = find_thread(pid, "recovery-writer");
                if let (Some(tid), Some(policy)) = (writer, &writer_policy) {
                    lower_priority(tid, policy);
                }
            }
            if let Some(s) = writer.and_then(|tid| thread_sample(pid, tid)) {
                seen.writer.push(s);
            }
            // The editor's own copy is `<key>.<pid>.ron`; it is replaced by a rename, so a
            // new version has a new inode (or at least a new modification time).
            let suffix = format!(".{pid}.ron");
            let copy = std::fs::read_dir(&state).ok().and_then(|entries| {
                entries.filter_map(Result::ok).find_map(|e| {
                    if !e.file_name().to_string_lossy().ends_with(&suffix) {
                        return None;
                    }
                    let meta = e.metadata().ok()?;
                    Some((meta.ino(), meta.modified().ok()?, meta.len()))
                })
            });
            if copy.is_some() && copy != last_copy {
                seen.copies.push((Instant::now(), copy.map_or(0, |c| c.2)));
            }
            if copy.is_some() {
                last_copy = copy;
            }
            std::thread::sleep(every);
        }
        seen
    })
}

/// An experiment, not part of the benchmark: `TYPING_WRITER_SCHED=idle` puts the writer
/// thread under SCHED_IDLE (`chrt --idle`), `nice:N` renices it, to see what a lower
/// priority for the writer would change.
fn lower_priority(tid: u32, policy: &str) {
    let tid = tid.to_string();
    let status = match policy.strip_prefix("nice:") {
        Some(n) => Command::new("renice").args(["-n", n, "-p", &tid]).output(),
        None if policy == "idle" => Command::new("chrt")
            .args(["--idle", "-p", "0", &tid])
            .output(),
        None => {
            eprintln!("open_timing: TYPING_WRITER_SCHED is idle or nice:N, not {policy:?}");
            return;
        }
    };
    if !status.is_ok_and(|o| o.status.success()) {
        eprintln!("open_timing: could not lower the writer's priority ({policy})");
    }
}

/// `typing RUNS BIN FILE [CHARS]`: the keys of a quick typist while recovery copies are
/// written. See the top of this file.
fn typing(runs: usize, bin: &str, file: &str, chars: usize) -> Result<(), String> {
    let marker = first_stage_name(file)?;
    let mut all: Vec<Key> = Vec::new();
    let mut run_max = Vec::new();
    let mut copies = Vec::new();
    let mut busy_keys = 0;
    let mut busy_max = Duration::ZERO;
    // Keys slower than this are listed with where the main thread's time went (default: the
    // budget).
    let show_over = std::env::var("TYPING_SHOW_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(BUDGET, |ms: f64| Duration::from_secs_f64(ms / 1e3));
    for run in 0..runs {
        // A folder of our own for every run: no copy left by an earlier run is offered.
        let state = tempfile::tempdir().map_err(|e| e.to_string())?;
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let (keys, watched) = typing_once(bin, file, &marker, state.path(), chars, run as u64)?;
        let busy = watched.writer_busy();
        let during = |k: &Key| busy.iter().any(|&(a, b)| k.sent < b && k.shown > a);
        let typed_during: Vec<&Key> = keys.iter().filter(|k| during(k)).collect();
        let worst = keys
            .iter()
            .max_by_key(|k| k.latency())
            .expect("keys were typed");
        let worst_during = typed_during.iter().map(|k| k.latency()).max();
        let written: Vec<u64> = watched.copies.iter().map(|c| c.1).collect();
        let writer_ms: Duration = busy.iter().map(|&(a, b)| b - a).sum();
        let mut sorted: Vec<Duration> = keys.iter().map(Key::latency).collect();
        sorted.sort();
        eprintln!(
            "  run {}: {} keys in {:.1} s, max {} ({}), p99 {}, median {}; {} recovery copies \
             written ({}), writer busy {:.1} s; {} keys overlapped its work (max {}); load {}",
            run + 1,
            keys.len(),
            (keys[keys.len() - 1].shown - keys[0].sent).as_secs_f64(),
            ms(worst.latency()),
            worst.kind.name(),
            ms(percentile(&sorted, 0.99)),
            ms(percentile(&sorted, 0.5)),
            written.len(),
            written
                .last()
                .map_or("none".into(), |b| format!("{:.1} MB each", *b as f64 / 1e6)),
            writer_ms.as_secs_f64(),
            typed_during.len(),
            worst_during.map_or("-".into(), ms),
            load.split_whitespace().next().unwrap_or("?"),
        );
        let median_of = |during_work: bool| {
            let mut l: Vec<Duration> = keys
                .iter()
                .filter(|k| during(k) == during_work)
                .map(Key::latency)
                .collect();
            l.sort();
            (!l.is_empty()).then(|| (percentile(&l, 0.5), l[l.len() - 1]))
        };
        if let (Some((dm, dx)), Some((om, ox))) = (median_of(true), median_of(false)) {
            eprintln!(
                "    while the writer worked: median {}, max {}; otherwise: median {}, max {}",
                ms(dm),
                ms(dx),
                ms(om),
                ms(ox)
            );
        }
        // The slowest keys, and where the main thread's time went meanwhile.
        let mut slow: Vec<&Key> = keys.iter().filter(|k| k.latency() > show_over).collect();
        slow.sort_by_key(|k| std::cmp::Reverse(k.latency()));
        for k in slow.iter().take(8) {
            let (ran, waited, faults) = Watched::between(&watched.main, k.sent, k.shown);
            let (writer_ran, _, _) = Watched::between(&watched.writer, k.sent, k.shown);
            let busy = watched
                .machine_busy(k.sent, k.shown)
                .map_or("?".into(), |(b, st)| {
                    format!("{:.0}% busy, {:.0}% stolen", b * 100.0, st * 100.0)
                });
            let phases =
                watched
                    .main_worked(k.sent, k.shown)
                    .map_or(String::new(), |(first, last)| {
                        format!(
                            " (it ran first {} after the key, last {} before the key showed)",
                            ms(first - k.sent),
                            ms(k.shown.saturating_duration_since(last))
                        )
                    });
            eprintln!(
                "    slow key: {} {}: the main thread ran {} and waited {} for a CPU{phases}, \
                 {faults} page faults; sampled states {}; the writer ran {}; the machine's CPUs \
                 {busy}",
                k.kind.name(),
                ms(k.latency()),
                ms(ran),
                ms(waited),
                Watched::states(&watched.main, k.sent, k.shown),
                ms(writer_ran),
            );
        }
        if written.is_empty() || typed_during.is_empty() {
            return Err(format!(
                "run {}: no recovery copy was written while typing ({} copies, {} keys during \
                 the writer's work): the figure would not measure what it should",
                run + 1,
                written.len(),
                typed_during.len()
            ));
        }
        run_max.push(worst.latency());
        copies.push(written.len());
        busy_keys += typed_during.len();
        busy_max = busy_max.max(worst_during.unwrap_or_default());
        all.extend(keys);
    }
    let mut sorted: Vec<Duration> = all.iter().map(Key::latency).collect();
    sorted.sort();
    run_max.sort();
    let us = |d: Duration| d.as_micros();
    // The median over the runs of each run's slowest key (the slowest of all is judged).
    println!("max_median_us={}", us(percentile(&run_max, 0.5)));
    println!("max_us={}", us(sorted[sorted.len() - 1]));
    println!("p99_us={}", us(percentile(&sorted, 0.99)));
    println!("median_us={}", us(percentile(&sorted, 0.5)));
    for kind in [KeyKind::Vote, KeyKind::Open, KeyKind::Char, KeyKind::Enter] {
        let max = all
            .iter()
            .filter(|k| k.kind == kind)
            .map(Key::latency)
            .max();
        let key = format!("{kind:?}").to_lowercase();
        println!("{key}_max_us={}", max.map_or(0, us));
    }
    println!("keys={}", all.len());
    println!("runs={runs}");
    println!("recovery_copies_min={}", copies.iter().min().unwrap_or(&0));
    println!("keys_while_writing={busy_keys}");
    println!("max_while_writing_us={}", us(busy_max));
    Ok(())
}

/// The budget: no key press waits longer than this.
const BUDGET: Duration = Duration::from_millis(16);

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// The `q` quantile of sorted durations (nearest rank).
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// One run of `typing`: opens the map, makes it unsaved with `+`, then adds cards of
/// `CARD_CHARS` letters typed one at a time until `chars` are typed, and quits without
/// saving. Each card added changes the map, so a recovery copy is written about every
/// second while the typing goes on.
fn typing_once(
    bin: &str,
    file: &str,
    marker: &str,
    state: &Path,
    chars: usize,
    seed: u64,
) -> Result<(Vec<Key>, Watched), String> {
    let (mut pty, _) = Pty::spawn(bin, file, state)?;
    pty.wait_for(&format!("a frame with {marker:?}"), TIMEOUT, |screen| {
        first_frame_drawn(screen, marker)
    })?;
    let pid = pty
        .child
        .process_id()
        .ok_or("the editor has no process id")?;
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch(pid, state.to_path_buf(), stop.clone());
    let result = type_cards(&mut pty, chars, seed);
    // Leave without saving: the reference map stays as it is.
    let quit = result.as_ref().map_or(Ok(()), |_| {
        // Enter left the next card's input open: Esc ends the run first.
        pty.press(b"\x1b")?;
        pty.wait_for("the board after Esc", KEY_TIMEOUT, |s| {
            !s.contents_between(ROWS - 1, 0, ROWS - 1, COLS)
                .contains("cancel")
        })?;
        pty.press(b"q")?;
        pty.wait_for("\"Save changes?\"", KEY_TIMEOUT, |s| {
            s.contents().contains("Save changes?")
        })?;
        pty.press(b"n")?;
        pty.wait_exit("q n")
    });
    stop.store(true, Ordering::Relaxed);
    let watched = watcher.join().map_err(|_| "the watcher failed")?;
    let keys = result?;
    quit?;
    Ok((keys, watched))
}

fn type_cards(pty: &mut Pty, chars: usize, seed: u64) -> Result<Vec<Key>, String> {
    let mut rng = Lcg(0x5eed ^ seed.wrapping_mul(0x9e3779b97f4a7c15));
    let mut keys = Vec::new();
    let row_of = |s: &vt100::Screen, row: u16| s.contents_between(row, 0, row, COLS);
    let header_dirty = |s: &vt100::Screen| row_of(s, 0).contains("unsaved");
    let footer = |s: &vt100::Screen| row_of(s, ROWS - 1);

    // `+`: the map has unsaved changes from here on.
    pty.drain();
    if header_dirty(pty.screen()) {
        return Err("the map has unsaved changes before any key".into());
    }
    let sent = pty.press(b"+")?;
    let shown = pty.wait_for(
        "\"unsaved\" in the header after +",
        KEY_TIMEOUT,
        header_dirty,
    )?;
    keys.push(Key {
        kind: KeyKind::Vote,
        sent,
        shown,
    });
    let mut next = Instant::now() + Duration::from_millis(GAP_MAX_MS);

    let mut typed_total = 0;
    while typed_total < chars {
        let pause =
            |next: Instant| std::thread::sleep(next.saturating_duration_since(Instant::now()));
        let gap = |rng: &mut Lcg| {
            Duration::from_millis(GAP_MIN_MS + rng.next(GAP_MAX_MS - GAP_MIN_MS + 1))
        };

        // `a`: the inline editor opens; the line under the board says what it is for. After
        // the first card, Enter has opened the next one already (quick capture).
        if typed_total == 0 {
            pause(next);
            pty.drain();
            let sent = pty.press(b"a")?;
            let shown = pty.wait_for("the inline editor after a", KEY_TIMEOUT, |s| {
                s.contents().contains("Enter adds") && footer(s).contains("cancel")
            })?;
            keys.push(Key {
                kind: KeyKind::Open,
                sent,
                shown,
            });
            next = sent + gap(&mut rng);
        }
        // The cursor, placed after the frame's cells, is where the text goes.
        pty.settle(Duration::from_millis(15));
        let (row, col) = pty.screen().cursor_position();
        if pty.screen().hide_cursor() || row == 0 || row >= ROWS - 2 {
            return Err(format!(
                "no cursor in the inline editor (at row {row}); the screen:\n{}",
                pty.screen().contents()
            ));
        }

        let mut typed = String::new();
        for _ in 0..CARD_CHARS.min(chars - typed_total) {
            let c = char::from(b'a' + rng.next(26) as u8);
            typed.push(c);
            pause(next);
            pty.drain();
            let sent = pty.press(&[c as u8])?;
            // Shown when the field holds exactly the text typed so far.
            let expect: Vec<char> = typed.chars().collect();
            let shown = pty.wait_for(&format!("{typed:?} in the editor"), KEY_TIMEOUT, |s| {
                let cell = |i: usize| {
                    s.cell(row, col + i as u16)
                        .map_or(String::new(), |c| c.contents().to_string())
                };
                expect
                    .iter()
                    .enumerate()
                    .all(|(i, c)| cell(i) == c.to_string())
                    && cell(expect.len()).trim().is_empty()
            })?;
            keys.push(Key {
                kind: KeyKind::Char,
                sent,
                shown,
            });
            next = sent + gap(&mut rng);
            typed_total += 1;
        }

        // Enter: the card joins the lane, the status bar says so, and the next card's input
        // is open.
        pause(next);
        pty.drain();
        let sent = pty.press(b"\r")?;
        let added = format!("card '{typed}' added");
        let shown = pty.wait_for(&format!("the new card {typed:?}"), KEY_TIMEOUT, |s| {
            s.contents().contains(&added) && footer(s).contains("cancel")
        })?;
        keys.push(Key {
            kind: KeyKind::Enter,
            sent,
            shown,
        });
        next = sent + gap(&mut rng);
    }
    Ok(keys)
}
