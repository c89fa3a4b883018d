//! How the command line reports: exit statuses, messages on stderr, lines on stdout. Every
//! message a command prints goes through here, sanitised like every other text from outside.

use std::io::{self, Write};
use std::path::Path;

use crate::store::{self, StoreError};
use crate::text;

/// Exit statuses: 0 success, 1 invalid map or failed operation, 2 wrong usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
}

/// Writes a line to stderr. A closed stderr (a pipe to `head`, `2>&-`) is no reason to
/// crash, and the exit status still tells what happened.
pub fn complain(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Prints a line to stdout; a closed pipe (`journeymap check … | head`) is not an error.
pub fn say(line: &str) {
    let _ = writeln!(io::stdout().lock(), "{line}");
}

/// A path as it may be printed.
pub fn shown(path: &Path) -> String {
    text::sanitize(&path.display().to_string()).into_owned()
}

/// Reports a failed operation on stderr. Parse reports are sanitised where they are made.
pub fn fail(e: &StoreError) -> Exit {
    // Every error names its file (sanitised) and says what went wrong; a parse report
    // carries its own position and excerpt.
    complain(&e.to_string());
    Exit::Failure
}

/// Writes to stdout: `Some(exit)` when printing must stop. A reader that goes away
/// (`| head`) is not an error: the command stops quietly with success.
pub fn write_stdout(bytes: &[u8]) -> Option<Exit> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => None,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Some(Exit::Success),
        Err(e) => {
            complain(&format!(
                "journeymap: error: cannot write to standard output: {}",
                store::io_message(&e)
            ));
            Some(Exit::Failure)
        }
    }
}

/// Reports a command line that clap refused (or `--help` / `--version`). Its messages echo
/// the arguments, so they are sanitised like any other text from outside.
pub fn usage(error: &clap::Error) -> Exit {
    let rendered = error.render().to_string();
    let clean = for_terminal(&rendered);
    if error.use_stderr() {
        let _ = io::stderr().lock().write_all(clean.as_bytes());
        Exit::Usage
    } else {
        let _ = write_stdout(clean.as_bytes());
        Exit::Success
    }
}

/// `s` with every unsafe character replaced, line ends (LF or CRLF) kept.
pub fn for_terminal(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix("\r\n") {
                Some(body) => (body, "\r\n"),
                None => line
                    .strip_suffix('\n')
                    .map_or((line, ""), |body| (body, "\n")),
            };
            format!("{}{end}", text::sanitize(body))
        })
        .collect()
}
