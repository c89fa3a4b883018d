//! A small terminal for end-to-end tests: the real `journeymap` binary in a real
//! pseudo-terminal, its output fed to a `vt100` screen, keys written as a terminal would.
//!
//! Nothing here sleeps for a fixed time: every wait polls the parsed screen (woken by new
//! output) until a condition holds or a deadline passes, and then fails with the screen and
//! the tail of the raw output. Dropping a [`Session`] kills the child, so a failing test
//! never hangs and never leaves a process behind.

// A small toolkit: not every test uses every key and option.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any single wait may take before the test fails. CI is a slow two-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal (xterm) sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    /// After Esc, wait for its effect before sending more: Esc followed at once by a key
    /// reads as Alt + that key.
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKSPACE: &str = "\x7f";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_R: &str = "\x12";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_U: &str = "\x15";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";

    /// Text pasted with bracketed paste on.
    pub fn paste(text: &str) -> String {
        format!("\x1b[200~{text}\x1b[201~")
    }
}

/// Escape sequences the editor must turn on while it runs and off when it ends.
pub mod seq {
    pub const ALT_SCREEN_ON: &str = "\x1b[?1049h";
    pub const ALT_SCREEN_OFF: &str = "\x1b[?1049l";
    pub const MOUSE_ON: &str = "\x1b[?1000h";
    pub const MOUSE_OFF: &str = "\x1b[?1000l";
    pub const MOUSE_SGR_ON: &str = "\x1b[?1006h";
    pub const MOUSE_SGR_OFF: &str = "\x1b[?1006l";
    pub const PASTE_ON: &str = "\x1b[?2004h";
    pub const PASTE_OFF: &str = "\x1b[?2004l";
    pub const CURSOR_HIDE: &str = "\x1b[?25l";
    pub const CURSOR_SHOW: &str = "\x1b[?25h";
}

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
    /// Where the search for cursor-position requests goes on from.
    dsr_from: usize,
}

struct Shared {
    output: Mutex<Output>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Output> {
        // A panic elsewhere must not hide the output this test is about to print.
        self.output.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How to start the editor.
pub struct Builder {
    program: Option<OsString>,
    via: Vec<OsString>,
    args: Vec<OsString>,
    cwd: Option<PathBuf>,
    home: Option<PathBuf>,
    env: Vec<(String, Option<String>)>,
    cols: u16,
    rows: u16,
}

impl Builder {
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Starts the editor through another program: `program ARGS... journeymap ARGS...`
    /// (a wrapper such as `unshare` that must `exec` it, so the process id stays the
    /// editor's).
    pub fn via<I, S>(mut self, program_and_args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.via = program_and_args.into_iter().map(Into::into).collect();
        self
    }

    /// Runs another program instead of the editor (the `ssh` client joining a hosted
    /// session), with the same terminal, home and waits.
    pub fn program(mut self, program: impl Into<OsString>) -> Self {
        self.program = Some(program.into());
        self
    }

    /// The working directory (default: the session's own empty folder).
    pub fn cwd(mut self, dir: &Path) -> Self {
        self.cwd = Some(dir.to_path_buf());
        self
    }

    /// HOME, the XDG folders and `JOURNEYMAP_STATE_DIR` point into this folder (default: a
    /// fresh temporary one), so no test reads or writes the real user's state (recovery
    /// copies, lock files). Sessions given the same home share that state.
    pub fn home(mut self, dir: &Path) -> Self {
        self.home = Some(dir.to_path_buf());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), Some(value.into())));
        self
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn spawn(self) -> Session {
        let scratch = tempfile::tempdir().expect("temporary folder for the session");
        let home = self.home.unwrap_or_else(|| scratch.path().join("home"));
        for sub in ["", "config", "data", "state", "cache", "run"] {
            std::fs::create_dir_all(home.join(sub)).expect("home folder");
        }
        let cwd = self.cwd.unwrap_or_else(|| scratch.path().to_path_buf());

        let mut cmd = match (self.program, self.via.split_first()) {
            (Some(program), _) => CommandBuilder::new(program),
            (None, Some((program, rest))) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(rest);
                cmd.arg(env!("CARGO_BIN_EXE_journeymap"));
                cmd
            }
            (None, None) => CommandBuilder::new(env!("CARGO_BIN_EXE_journeymap")),
        };
        cmd.args(&self.args);
        cmd.cwd(&cwd);
        cmd.env("TERM", "xterm-256color");
        for key in ["NO_COLOR", "COLORTERM", "TMUX", "STY"] {
            cmd.env_remove(key);
        }
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("XDG_RUNTIME_DIR", home.join("run"));
        cmd.env("JOURNEYMAP_STATE_DIR", state_dir(&home));
        for (key, value) in &self.env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            }
        }

        let pair = native_pty_system()
            .openpty(pty_size(self.cols, self.rows))
            .expect("open a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("start journeymap");
        // Only the child keeps the terminal side open, so its exit ends our reads.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));

        let shared = Arc::new(Shared {
            output: Mutex::new(Output {
                parser: vt100::Parser::new(self.rows, self.cols, 0),
                raw: Vec::new(),
                eof: false,
                dsr_from: 0,
            }),
            changed: Condvar::new(),
        });
        let thread_shared = Arc::clone(&shared);
        let thread_writer = Arc::clone(&writer);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let mut out = thread_shared.lock();
                if n == 0 {
                    out.eof = true;
                    thread_shared.changed.notify_all();
                    return;
                }
                out.parser.process(&buf[..n]);
                out.raw.extend_from_slice(&buf[..n]);
                // Answer cursor-position requests as a real terminal would.
                let replies = out.cursor_requests();
                if replies > 0 {
                    let (row, col) = out.parser.screen().cursor_position();
                    let answer = format!("\x1b[{};{}R", row + 1, col + 1).repeat(replies);
                    let mut w = thread_writer.lock().unwrap_or_else(|e| e.into_inner());
                    let _ = w.write_all(answer.as_bytes());
                    let _ = w.flush();
                }
                thread_shared.changed.notify_all();
            }
        });

        Session {
            child,
            master: pair.master,
            writer,
            shared,
            exit: None,
            _scratch: scratch,
        }
    }
}

impl Output {
    /// Counts `ESC [ 6 n` requests that arrived since the last call.
    fn cursor_requests(&mut self) -> usize {
        const DSR: &[u8] = b"\x1b[6n";
        let mut count = 0;
        let mut from = self.dsr_from;
        while let Some(at) = find(&self.raw[from..], DSR) {
            count += 1;
            from += at + DSR.len();
        }
        // Keep a possible partial request at the end for the next chunk.
        self.dsr_from = from.max(self.raw.len().saturating_sub(DSR.len() - 1));
        count
    }
}

/// Where a session with this home keeps recovery copies and locks.
pub fn state_dir(home: &Path) -> PathBuf {
    home.join("state").join("journeymap")
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The position of `needle` in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The last position of `needle` in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Whitespace runs folded to one space, so text wrapped over lines still matches.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The editor running in a pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    shared: Arc<Shared>,
    exit: Option<ExitStatus>,
    _scratch: tempfile::TempDir,
}

impl Session {
    pub fn builder() -> Builder {
        Builder {
            program: None,
            via: Vec::new(),
            args: Vec::new(),
            cwd: None,
            home: None,
            env: Vec::new(),
            cols: 100,
            rows: 30,
        }
    }

    /// `journeymap FILE` in a 100x30 terminal.
    pub fn open(file: &Path) -> Session {
        Session::builder().arg(file).spawn()
    }

    /// Types `text` (keys, escape sequences or a paste).
    pub fn send(&self, text: &str) {
        let mut w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        w.write_all(text.as_bytes()).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// Types several keys, one write each.
    pub fn send_keys(&self, keys: &[&str]) {
        for key in keys {
            self.send(key);
        }
    }

    /// The screen as text, one line per row.
    pub fn screen_text(&self) -> String {
        self.shared.lock().parser.screen().contents()
    }

    /// Every byte the editor wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    /// The raw output as text with the terminal's `\r\n` turned into `\n`.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_output()).replace("\r\n", "\n")
    }

    /// Reads the parsed screen state (cursor, modes).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.lock().parser.screen())
    }

    /// Waits until the screen shows `text` (also when it is wrapped over lines).
    pub fn wait_for(&self, text: &str) {
        self.wait_for_within(text, TIMEOUT);
    }

    pub fn wait_for_within(&self, text: &str, timeout: Duration) {
        let want = folded(text);
        self.wait_until(&format!("the screen shows {text:?}"), timeout, |screen| {
            screen.contains(text) || folded(screen).contains(&want)
        });
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} is gone"), TIMEOUT, |screen| {
            !screen.contains(text)
        });
    }

    /// Waits until `ok(screen text)` holds; fails with `what`, the screen and the raw tail.
    pub fn wait_until(&self, what: &str, timeout: Duration, mut ok: impl FnMut(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            let screen = out.parser.screen().contents();
            if ok(&screen) {
                return;
            }
            let now = Instant::now();
            if now >= deadline || out.eof {
                let eof = out.eof;
                drop(out);
                self.fail(&format!(
                    "timed out after {timeout:?} waiting until {what}{}",
                    if eof { " (the editor has ended)" } else { "" }
                ));
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Polls `ok` (a check outside the screen: files, folders) every few milliseconds until
    /// it holds; fails with `what` and the screen after `timeout`. Returns how long it took.
    pub fn poll_until(
        &self,
        what: &str,
        timeout: Duration,
        mut ok: impl FnMut() -> bool,
    ) -> Duration {
        let start = Instant::now();
        loop {
            if ok() {
                return start.elapsed();
            }
            if start.elapsed() >= timeout {
                self.fail(&format!("timed out after {timeout:?} waiting until {what}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the editor to exit and for its last output to arrive; the exit status.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for journeymap") {
                self.exit = Some(status.clone());
                break;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("journeymap still running after {timeout:?}"));
            }
            // Woken early by output (such as the terminal being restored before the exit).
            let out = self.shared.lock();
            let _ = self
                .shared
                .changed
                .wait_timeout(out, Duration::from_millis(20));
        }
        // Output written before the exit may still be on its way through the reader.
        let mut out = self.shared.lock();
        while !out.eof && Instant::now() < deadline + TIMEOUT {
            out = self
                .shared
                .changed
                .wait_timeout(out, Duration::from_millis(50))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        self.exit.clone().expect("exit status")
    }

    /// The process id of the editor.
    pub fn pid(&self) -> u32 {
        self.child
            .process_id()
            .expect("journeymap has a process id")
    }

    /// Sends a signal (`"TERM"`, `"HUP"`, ...) with the `kill` command.
    #[cfg(unix)]
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed: {status:?}");
    }

    /// Resizes the terminal: the screen model first, then the pty (which signals the child).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.shared.lock().parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(pty_size(cols, rows))
            .expect("resize the pty");
    }

    /// The terminal's local-mode flags as `termios` names them (`ICANON | ECHO | ...`),
    /// read from the master side; `None` where the platform cannot say.
    #[cfg(unix)]
    pub fn local_flags(&self) -> Option<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
    }

    /// Panics with `message`, the screen and the tail of the raw output.
    pub fn fail(&self, message: &str) -> ! {
        let out = self.shared.lock();
        let tail = out.raw[out.raw.len().saturating_sub(800)..].to_vec();
        let screen = out.parser.screen().contents();
        drop(out);
        panic!(
            "{message}\n--- screen ---\n{screen}\n--- last raw output ---\n{}\n",
            String::from_utf8_lossy(&tail).escape_debug()
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            // SIGHUP, a short grace period, then SIGKILL; then reap it.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
