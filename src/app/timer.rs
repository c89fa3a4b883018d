//! The workshop timer: a countdown the facilitator sets, starts, pauses, extends and resets.
//! Pure: it reads the time it is given (the app's clock, from `Action::Tick`) and never
//! touches the map.

use std::time::{Duration, Instant};

use super::{Action, Ctx, Effect, Mode, Target};

/// The countdown a timer starts from when nothing else was set.
pub const DEFAULT_MINUTES: u64 = 5;
/// What "add time" adds.
pub const STEP: Duration = Duration::from_secs(60);
/// The last seconds of a countdown stand out.
pub const FINAL_SECONDS: u64 = 10;
/// The longest countdown (99:59 fits the header's mm:ss).
const LONGEST: Duration = Duration::from_secs(99 * 60 + 59);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Set but not started (or reset).
    Ready,
    Running {
        ends: Instant,
    },
    Paused {
        left: Duration,
    },
    /// It reached zero ("Time's up").
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    set: Duration,
    state: State,
    /// Whether the facilitator has used the timer at all (it shows in the header then).
    used: bool,
}

impl Default for Timer {
    fn default() -> Self {
        Timer {
            set: Duration::from_secs(DEFAULT_MINUTES * 60),
            state: State::Ready,
            used: false,
        }
    }
}

/// What the header shows of the timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// Time left, in whole seconds rounded up (so "00:01" shows until the very end).
    Left {
        seconds: u64,
        running: bool,
    },
    TimesUp,
}

impl Timer {
    /// A timer set to `length` that the facilitator has not used yet (from `config.ron`).
    pub fn with_length(length: Duration) -> Timer {
        Timer {
            set: length.clamp(Duration::from_secs(1), LONGEST),
            ..Timer::default()
        }
    }

    /// A timer showing what another editor's shows: `left` to go as of `now`, counting down
    /// when `running`; nothing left and not running is "Time's up".
    pub fn mirror(left: Duration, running: bool, now: Instant) -> Timer {
        let left = left.min(LONGEST);
        let state = match (running, left.is_zero()) {
            (true, _) => State::Running { ends: now + left },
            (false, true) => State::Done,
            (false, false) => State::Paused { left },
        };
        Timer {
            set: left.max(Duration::from_secs(1)),
            state,
            used: true,
        }
    }

    /// What is left at `now` and whether it runs, as [`Timer::mirror`] takes it; `None`
    /// while the timer was never used.
    pub fn left(&self, now: Instant) -> Option<(Duration, bool)> {
        if !self.used {
            return None;
        }
        Some(match self.state {
            State::Ready => (self.set, false),
            State::Running { ends } => (ends.saturating_duration_since(now), true),
            State::Paused { left } => (left, false),
            State::Done => (Duration::ZERO, false),
        })
    }

    /// Sets the countdown (not started; a running timer stops).
    pub fn set(&mut self, length: Duration) {
        self.set = length.clamp(Duration::from_secs(1), LONGEST);
        self.state = State::Ready;
        self.used = true;
    }

    /// The countdown it is set to.
    pub fn length(&self) -> Duration {
        self.set
    }

    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running { .. })
    }

    /// Set (or reset) and not started since.
    pub fn is_ready(&self) -> bool {
        self.state == State::Ready
    }

    /// Starts or resumes; pauses when running. A finished timer starts again from its set
    /// length.
    pub fn toggle(&mut self, now: Instant) {
        self.used = true;
        self.state = match self.state {
            State::Running { ends } => State::Paused {
                left: ends.saturating_duration_since(now),
            },
            State::Paused { left } => State::Running { ends: now + left },
            State::Ready | State::Done => State::Running {
                ends: now + self.set,
            },
        };
    }

    /// Adds a minute to what is left (a finished timer counts down that minute).
    pub fn add(&mut self, now: Instant) {
        self.used = true;
        self.state = match self.state {
            State::Running { ends } => State::Running {
                ends: (ends + STEP).min(now + LONGEST),
            },
            State::Paused { left } => State::Paused {
                left: (left + STEP).min(LONGEST),
            },
            State::Ready => {
                self.set = (self.set + STEP).min(LONGEST);
                State::Ready
            }
            State::Done => State::Running { ends: now + STEP },
        };
    }

    /// Back to the set length, stopped.
    pub fn reset(&mut self) {
        self.state = State::Ready;
    }

    /// Moves the countdown to `now`; true exactly when it reaches zero at this call (the
    /// moment to ring the bell, once).
    pub fn tick(&mut self, now: Instant) -> bool {
        match self.state {
            State::Running { ends } if now >= ends => {
                self.state = State::Done;
                true
            }
            _ => false,
        }
    }

    /// When the shown time next changes (a whole second passes, or zero is reached), while
    /// the timer runs; `None` otherwise, so an idle editor sleeps.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        let State::Running { ends } = self.state else {
            return None;
        };
        let left = ends.saturating_duration_since(now);
        let into_second = Duration::from_nanos((left.as_nanos() % 1_000_000_000) as u64);
        Some(if into_second.is_zero() {
            now + Duration::from_secs(1).min(left.max(Duration::from_millis(1)))
        } else {
            now + into_second
        })
    }

    /// What the header shows, or `None` while the timer was never used.
    pub fn display(&self, now: Instant) -> Option<Display> {
        if !self.used {
            return None;
        }
        let round_up = |d: Duration| d.as_secs() + u64::from(d.subsec_nanos() > 0);
        Some(match self.state {
            State::Ready => Display::Left {
                seconds: round_up(self.set),
                running: false,
            },
            State::Running { ends } => Display::Left {
                seconds: round_up(ends.saturating_duration_since(now)),
                running: true,
            },
            State::Paused { left } => Display::Left {
                seconds: round_up(left),
                running: false,
            },
            State::Done => Display::TimesUp,
        })
    }
}

impl Ctx<'_> {
    /// The timer's keys. The timer never changes the map, so it works on a read-only board
    /// too, and editing goes on while it runs.
    pub(super) fn timer_keys(&mut self, action: Action) -> Option<Effect> {
        let Some(now) = self.room.now else {
            self.seat.mode = Mode::Normal;
            return None;
        };
        match action {
            // The dialog stays open: Enter again pauses, Esc goes back to the board.
            Action::TimerToggle => {
                self.room.timer.toggle(now);
                self.set_status(if self.room.timer.is_running() {
                    "timer running: Esc goes back to the board, Enter pauses"
                } else {
                    "timer paused"
                });
            }
            Action::TimerAdd => {
                self.room.timer.add(now);
                self.set_status("a minute added");
            }
            Action::TimerReset => {
                self.room.timer.reset();
                self.set_status("timer reset");
            }
            // The field starts empty: the dialog's title says the length it has now.
            Action::TimerSet => {
                self.start_input(Target::TimerLength, String::new());
                return None;
            }
            Action::Cancel => {
                self.seat.mode = Mode::Normal;
                return None;
            }
            _ => return None,
        }
        // Every seat's header shows the timer, running or not.
        self.room.shown += 1;
        None
    }
}

/// `mm:ss`.
pub fn clock(seconds: u64) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// Reads a length typed by the facilitator: minutes (`5`, `2.5`) or `mm:ss` (`1:30`).
pub fn parse_length(text: &str) -> Option<Duration> {
    any_length(text).filter(|length| !length.is_zero() && *length <= LONGEST)
}

/// Why `text` is no timer length, for the status bar: over the limit, or not a length.
pub fn length_problem(text: &str) -> String {
    match any_length(text) {
        Some(length) if length > LONGEST => format!(
            "a timer runs at most {} minutes ({}); {} is longer",
            LONGEST.as_secs() / 60,
            clock(LONGEST.as_secs()),
            text.trim()
        ),
        _ => "a timer length is minutes (5, 2.5) or mm:ss (1:30)".to_string(),
    }
}

/// Minutes (`5`, `2.5`) or `mm:ss`, however long.
fn any_length(text: &str) -> Option<Duration> {
    let text = text.trim();
    match text.split_once(':') {
        Some((m, s)) => {
            let m: u64 = if m.trim().is_empty() {
                0
            } else {
                m.trim().parse().ok()?
            };
            let s: u64 = s.trim().parse().ok()?;
            if s >= 60 {
                return None;
            }
            Some(Duration::from_secs(m.checked_mul(60)?.checked_add(s)?))
        }
        None => {
            let minutes: f64 = text.parse().ok()?;
            if !minutes.is_finite() || minutes <= 0.0 {
                return None;
            }
            // A finite number too large for a duration is simply too long.
            Some(Duration::try_from_secs_f64(minutes * 60.0).unwrap_or(Duration::MAX))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_minutes_or_mm_ss() {
        assert_eq!(parse_length("5"), Some(Duration::from_secs(300)));
        assert_eq!(parse_length(" 1:30 "), Some(Duration::from_secs(90)));
        assert_eq!(parse_length("0.5"), Some(Duration::from_secs(30)));
        assert_eq!(parse_length(":45"), Some(Duration::from_secs(45)));
        for bad in ["", "0", "-1", "1:60", "abc", "200", "NaN", "0:00"] {
            assert_eq!(parse_length(bad), None, "{bad:?}");
        }
        assert_eq!(clock(61), "01:01");
        assert_eq!(parse_length("99:59"), Some(LONGEST));
        for long in ["100", "120", "100:00", "9999:00", "1e300"] {
            assert_eq!(parse_length(long), None, "{long:?}");
            assert!(
                length_problem(long).starts_with("a timer runs at most 99 minutes (99:59)"),
                "{long:?}: {}",
                length_problem(long)
            );
        }
        assert!(length_problem("abc").contains("minutes (5, 2.5) or mm:ss"));
    }

    #[test]
    fn the_next_deadline_is_when_the_shown_second_changes() {
        let t0 = Instant::now();
        let mut timer = Timer::default();
        assert_eq!(timer.next_deadline(t0), None, "a stopped timer never wakes");
        timer.set(Duration::from_secs(3));
        timer.toggle(t0);
        let now = t0 + Duration::from_millis(300);
        assert_eq!(timer.next_deadline(now), Some(t0 + Duration::from_secs(1)));
        assert_eq!(
            timer.display(now),
            Some(Display::Left {
                seconds: 3,
                running: true
            })
        );
    }

    #[test]
    fn a_mirrored_timer_shows_what_the_other_one_shows() {
        let t0 = Instant::now();
        let mut timer = Timer::default();
        assert_eq!(timer.left(t0), None, "unused: nothing to mirror");
        timer.toggle(t0);
        let later = t0 + Duration::from_millis(1500);
        let (left, running) = timer.left(later).expect("used");
        assert!(running);
        let mirrored = Timer::mirror(left, running, later);
        let at = later + Duration::from_secs(10);
        assert_eq!(mirrored.display(at), timer.display(at));
        timer.toggle(at);
        let (left, running) = timer.left(at).expect("used");
        let paused = Timer::mirror(left, running, at);
        let much_later = at + Duration::from_secs(600);
        assert_eq!(paused.display(much_later), timer.display(much_later));
        assert_eq!(
            Timer::mirror(Duration::ZERO, false, t0).display(t0),
            Some(Display::TimesUp)
        );
    }
}
