//! How the command line reports: exit statuses, messages on stderr, lines on stdout. Every
//! message a command prints goes through here, sanitised like every other text from outside.
//!
//! The output policy is decided here, once: whether there is colour (`--color`, then
//! `NO_COLOR`, then whether the output is a terminal), how wide text is, and how a message
//! starts (`error:`, `warning:`, `note:`).

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::OnceLock;

use crate::store::{self, StoreError};
use crate::text;

/// Exit statuses: 0 success, 1 invalid map or failed operation, 2 wrong usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
}

/// When to colour what a command writes (`--color`).
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Only on a terminal, and never when `NO_COLOR` is set
    #[default]
    Auto,
    Always,
    Never,
}

static COLOR: OnceLock<ColorChoice> = OnceLock::new();

/// Sets the `--color` of this run; the first call wins.
pub fn set_color(choice: ColorChoice) {
    let _ = COLOR.set(choice);
}

/// Where a command's output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    Stdout,
    Stderr,
    /// A file named on the command line (`print -o`).
    File,
}

impl Sink {
    pub fn is_terminal(self) -> bool {
        match self {
            Sink::Stdout => io::stdout().is_terminal(),
            Sink::Stderr => io::stderr().is_terminal(),
            Sink::File => false,
        }
    }
}

/// Whether what goes to `sink` is coloured: as `--color` says, else (auto) only on a
/// terminal and never when `NO_COLOR` is set. An explicit `--color always` wins over
/// `NO_COLOR`, as no-color.org asks.
pub fn color(sink: Sink) -> bool {
    match COLOR.get().copied().unwrap_or_default() {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => sink.is_terminal() && !text::no_color(),
    }
}

/// The width of the terminal standard output shows on, or `None` when it goes elsewhere
/// (a pipe, a file) or the size cannot be read.
pub fn terminal_width() -> Option<usize> {
    if !Sink::Stdout.is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(cols, _)| usize::from(cols))
}

/// How wide text for `sink` is: the width asked for (`--width`), else the terminal's up to
/// `most`, else `otherwise`; never under `least`.
pub fn width(asked: Option<u16>, sink: Sink, most: usize, otherwise: usize, least: usize) -> usize {
    let auto = match sink {
        Sink::Stdout => terminal_width().map(|w| w.min(most)),
        Sink::Stderr | Sink::File => None,
    };
    asked
        .map(usize::from)
        .or(auto)
        .unwrap_or(otherwise)
        .max(least)
}

/// How serious a message is: the word it starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error:",
            Severity::Warning => "warning:",
            Severity::Note => "note:",
        }
    }

    fn style(self) -> anstyle::Style {
        use anstyle::AnsiColor;
        match self {
            Severity::Error => AnsiColor::Red.on_default().bold(),
            Severity::Warning => AnsiColor::Yellow.on_default().bold(),
            Severity::Note => AnsiColor::Cyan.on_default().bold(),
        }
    }

    /// The first severity word in `line`, and where it is: at the start (`note: …`) or
    /// after a place (`journeymap: error: …`, `map.ron:3:7: error: …`).
    fn find(line: &str) -> Option<(usize, Severity)> {
        [Severity::Error, Severity::Warning, Severity::Note]
            .into_iter()
            .filter_map(|severity| {
                let word = severity.word();
                if line.starts_with(word) {
                    return Some((0, severity));
                }
                line.find(&format!(": {word} "))
                    .map(|at| (at + 2, severity))
            })
            .min_by_key(|(at, _)| *at)
    }
}

/// `journeymap: error: MESSAGE` on stderr, for a problem that belongs to no file.
pub fn error(message: &str) {
    complain(&format!("journeymap: {} {message}", Severity::Error.word()));
}

/// `PLACE: error: MESSAGE` on stderr, for a problem with a file (`PLACE` is its name).
pub fn error_at(place: &str, message: &str) {
    complain(&format!("{place}: {} {message}", Severity::Error.word()));
}

/// `note: MESSAGE` on stderr: what to do about the error before it.
pub fn note(message: &str) {
    complain(&format!("{} {message}", Severity::Note.word()));
}

/// Writes a line to stderr, its severity word (`error:`, `warning:`, `note:`) coloured when
/// stderr is. A closed stderr (a pipe to `head`, `2>&-`) is no reason to crash, and the
/// exit status still tells what happened.
pub fn complain(line: &str) {
    let mut shown = String::with_capacity(line.len() + 16);
    match Severity::find(line) {
        Some((at, severity)) if color(Sink::Stderr) => {
            let word = severity.word();
            shown.push_str(&line[..at]);
            text::paint(&mut shown, severity.style(), word);
            shown.push_str(&line[at + word.len()..]);
        }
        _ => shown.push_str(line),
    }
    let _ = writeln!(io::stderr().lock(), "{shown}");
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
            error(&format!(
                "cannot write to standard output: {}",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_severity_word_is_found_where_a_message_puts_it() {
        assert_eq!(
            Severity::find("journeymap: error: no template"),
            Some((12, Severity::Error))
        );
        assert_eq!(
            Severity::find("map.ron:3:7: warning: a note: here"),
            Some((13, Severity::Warning))
        );
        assert_eq!(
            Severity::find("note: leave out -o"),
            Some((0, Severity::Note))
        );
        assert_eq!(Severity::find("map.ron: ok (1 stage, 2 cards)"), None);
    }

    #[test]
    fn width_asked_wins_then_the_fallback_with_a_floor() {
        // Tests do not run with standard output on a terminal here: the fallback applies.
        assert_eq!(width(Some(50), Sink::File, 100, 80, 20), 50);
        assert_eq!(width(Some(10), Sink::File, 100, 80, 20), 20);
        assert_eq!(width(None, Sink::File, 100, 80, 20), 80);
    }
}
