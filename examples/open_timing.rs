//! Real-binary timings for `scripts/bench` (issue 7), printed as `key=value` lines:
//!
//!     open_timing open RUNS BIN FILE [MARKER]
//!
//! starts `BIN FILE` in a 200x60 pseudo-terminal RUNS times and measures from the start of
//! the process to the first frame drawn: MARKER (default: the first stage's name) is on the
//! screen and so is the status bar on the last row, which is drawn last. It then reads the
//! editor's peak memory (VmHWM, which covers loading the map) and quits it with `q`.
//! Prints `median_us`, `min_us`, `max_us` and `peak_kb` (the largest of the runs).
//!
//!     open_timing run RUNS CMD [ARGS...]
//!
//! runs a command (such as `journeymap check FILE`) RUNS times with its output discarded and
//! prints the same figures: wall time from start to exit, and peak memory sampled from
//! /proc while it runs (`scripts/bench` prefers `/usr/bin/time -v` for that when present).

use std::io::{Read, Write};
use std::path::Path;
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
        ["run", runs, ref cmd @ ..] if !cmd.is_empty() => runs_arg(runs).and_then(|r| run(r, cmd)),
        _ => Err("usage: open_timing open RUNS BIN FILE [MARKER] | run RUNS CMD [ARGS...]".into()),
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
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;

    let start = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("cannot start {bin}: {e}"))?;
    drop(pair.slave);

    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });

    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let elapsed = loop {
        let left = TIMEOUT.saturating_sub(start.elapsed());
        let chunk = rx.recv_timeout(left).map_err(|_| {
            let _ = child.kill();
            format!(
                "no frame with {marker:?} within {TIMEOUT:?}; the screen:\n{}",
                parser.screen().contents()
            )
        })?;
        parser.process(&chunk);
        let screen = parser.screen();
        let last_row = screen
            .rows(0, COLS)
            .nth(usize::from(ROWS - 1))
            .unwrap_or_default();
        if !last_row.trim().is_empty() && screen.contents().contains(marker) {
            break start.elapsed();
        }
    };
    let peak = child.process_id().and_then(vm_hwm_kb).unwrap_or(0);
    writer.write_all(b"q").map_err(|e| e.to_string())?;
    writer.flush().map_err(|e| e.to_string())?;
    // Quit, or say why not (a dialog the marker did not expect, say).
    let quit_by = Instant::now() + Duration::from_secs(10);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < quit_by => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                return Err(format!(
                    "the editor did not quit on q; the screen:\n{}",
                    parser.screen().contents()
                ));
            }
        }
    }
    Ok((elapsed, peak))
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
