//! Reading a connection's keys: its data, parsed into events for the room, with the
//! silences that complete a lone Esc or a cut paste, and the idle timeout.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc as tmpsc;

use super::Shared;
use crate::host::{ConnId, HostEvent, PASTE_CAP};
use crate::terminal_input::InputParser;

/// Chunks of input waiting for a connection's key parser (then the SSH connection waits).
pub(super) const INPUT_QUEUE: usize = 64;

/// Parses a connection's keys; a lone Esc, and a paste whose end never came, are let out
/// after a short silence, and a participant silent for the idle timeout is disconnected.
pub(super) async fn read_keys(
    shared: Arc<Shared>,
    conn: ConnId,
    mut input: tmpsc::Receiver<Vec<u8>>,
    control: tmpsc::UnboundedSender<String>,
) {
    let idle = shared.options.idle_timeout;
    let mut parser = InputParser::with_paste_cap(PASTE_CAP);
    let mut last_key = Instant::now();
    loop {
        let wait = parser
            .quiet_limit()
            .unwrap_or_else(|| idle.saturating_sub(last_key.elapsed()));
        match tokio::time::timeout(wait, input.recv()).await {
            Ok(Some(bytes)) => {
                last_key = Instant::now();
                for event in parser.feed(&bytes) {
                    shared.send(HostEvent::Input { conn, event });
                }
            }
            Ok(None) => return,
            Err(_) if parser.is_waiting() => {
                for event in parser.flush() {
                    shared.send(HostEvent::Input { conn, event });
                }
            }
            Err(_) => {
                let _ = control.send(format!(
                    "journeymap: disconnected after {} without a key; your seat is kept, connect again to come back.",
                    spoken(idle)
                ));
                return;
            }
        }
    }
}

/// "60 minutes", "1 minute", "30 seconds".
fn spoken(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let (n, unit) = if seconds >= 60 {
        (seconds.div_ceil(60), "minute")
    } else {
        (seconds.max(1), "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}
