//! How the room loop learns, while it sleeps beside the facilitator's terminal, that the
//! connections queued something: a byte on a socket pair it polls together with the
//! terminal. Only the first event since the loop last looked writes one, so a busy room
//! writes a few bytes a second, not one per key, and an idle one wakes nobody.

//!
//! Elsewhere than on Unix there is no bell: the loop looks at the queue once a pace.

use std::io;
#[cfg(unix)]
use std::io::{Read, Write};
#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(unix)]
use std::os::unix::net::UnixStream;
#[cfg(unix)]
use std::sync::atomic::{AtomicBool, Ordering};

#[cfg(not(unix))]
#[derive(Debug)]
pub(super) struct Doorbell;

#[cfg(not(unix))]
impl Doorbell {
    pub(super) fn new() -> io::Result<Doorbell> {
        Ok(Doorbell)
    }

    pub(super) fn ring(&self) {}

    pub(super) fn answer(&self) {}

    pub(super) fn fd(&self) -> Option<std::os::raw::c_int> {
        None
    }
}

#[cfg(unix)]
#[derive(Debug)]
pub(super) struct Doorbell {
    rung: AtomicBool,
    button: UnixStream,
    chime: UnixStream,
}

#[cfg(unix)]
impl Doorbell {
    pub(super) fn new() -> io::Result<Doorbell> {
        let (button, chime) = UnixStream::pair()?;
        button.set_nonblocking(true)?;
        chime.set_nonblocking(true)?;
        Ok(Doorbell {
            rung: AtomicBool::new(false),
            button,
            chime,
        })
    }

    /// Something was queued: rings, unless it rang since the loop last answered.
    pub(super) fn ring(&self) {
        if !self.rung.swap(true, Ordering::SeqCst) {
            // A full socket buffer already holds a ring: nothing is lost by not writing.
            let _ = (&self.button).write(&[1]);
        }
    }

    /// The loop is about to take what is queued: whatever comes after rings again. The
    /// socket is emptied before the bell is re-armed: the other way round, a ring between
    /// the two would be emptied away while the bell stayed rung, and the next event would
    /// ring nobody.
    pub(super) fn answer(&self) {
        let mut drain = [0u8; 64];
        while matches!((&self.chime).read(&mut drain), Ok(n) if n > 0) {}
        self.rung.store(false, Ordering::SeqCst);
    }

    /// What the loop polls: readable once rung.
    pub(super) fn fd(&self) -> Option<std::os::raw::c_int> {
        Some(self.chime.as_raw_fd())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn readable(fd: Option<std::os::raw::c_int>) -> bool {
        let fd = fd.expect("a descriptor on Unix");
        let mut poll = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd for the whole call.
        unsafe { libc::poll(&raw mut poll, 1, 0) > 0 }
    }

    #[test]
    fn it_rings_once_until_answered_then_again() {
        let bell = Doorbell::new().unwrap();
        assert!(!readable(bell.fd()));
        bell.ring();
        bell.ring();
        assert!(readable(bell.fd()));
        bell.answer();
        assert!(!readable(bell.fd()), "answering takes every ring");
        bell.ring();
        assert!(readable(bell.fd()));
    }
}
