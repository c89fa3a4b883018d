//! Each connection's output queue: the room side puts frames in without ever waiting, and a
//! writer task per connection sends them. A full queue drops frames, and the connection is
//! repainted whole once it has caught up.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::ChannelWriteHalf;
use russh::server::Msg;
use tokio::sync::mpsc as tmpsc;

use super::presence::Presence;
use crate::host::{ConnId, HostEvent};

/// Terminal modes a participant's terminal is put in while they are here, and taken out of
/// when they leave.
const ENTER: &str = "\x1b[?1049h\x1b[?25l\x1b[?2004h";
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1006h";
const LEAVE: &str = "\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// The connections' output queues, shared by the room side (`send_frame`) and the writers.
#[derive(Debug, Default)]
pub(in crate::host) struct Outputs {
    map: Mutex<OutputMap>,
}

impl Outputs {
    fn lock(&self) -> std::sync::MutexGuard<'_, OutputMap> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(in crate::host) fn send(&self, conn: ConnId, bytes: Vec<u8>) {
        // `try_send` never waits, so the lock is held only for the lookup.
        if let Some(slot) = self.lock().get(&conn) {
            slot.send(bytes);
        }
    }

    pub(in crate::host) fn disconnect(&self, conn: ConnId, message: &str) {
        if let Some(slot) = self.lock().get(&conn) {
            let _ = slot.control.send(message.to_string());
        }
    }

    pub(in crate::host) fn disconnect_all(&self, message: &str) {
        for slot in self.lock().values() {
            let _ = slot.control.send(message.to_string());
        }
    }

    pub(super) fn insert(&self, conn: ConnId, slot: OutputSlot) {
        self.lock().insert(conn, slot);
    }

    pub(super) fn remove(&self, conn: ConnId) {
        self.lock().remove(&conn);
    }
}

/// A connection's output queue, as the room side sees it.
#[derive(Debug)]
pub(super) struct OutputSlot {
    pub(super) frames: tokio::sync::mpsc::Sender<Vec<u8>>,
    pub(super) control: tokio::sync::mpsc::UnboundedSender<String>,
    pub(super) dropped: Arc<AtomicBool>,
}

impl OutputSlot {
    fn send(&self, bytes: Vec<u8>) {
        if self.frames.try_send(bytes).is_err() {
            self.dropped.store(true, Ordering::Release);
        }
    }
}

type OutputMap = HashMap<ConnId, OutputSlot>;

/// Writes a connection's frames in order. When the room had to drop frames (the queue was
/// full), what is still queued is stale: it is discarded and a repaint asked for, once the
/// connection has taken what was already on its way.
pub(super) async fn write_frames(
    presence: Arc<Presence>,
    session: russh::server::Handle,
    writer: ChannelWriteHalf<Msg>,
    mut frames: tmpsc::Receiver<Vec<u8>>,
    mut control: tmpsc::UnboundedReceiver<String>,
    dropped: Arc<AtomicBool>,
) {
    let (shared, conn) = (&presence.shared, presence.conn);
    let mut enter = ENTER.to_string();
    if shared.options.mouse {
        enter.push_str(MOUSE_ON);
    }
    if writer.data_bytes(enter.into_bytes()).await.is_err() {
        return;
    }
    let goodbye = loop {
        tokio::select! {
            biased;
            message = control.recv() => break message,
            frame = frames.recv() => {
                let Some(frame) = frame else { break None };
                if writer.data_bytes(frame).await.is_err() {
                    return;
                }
                if dropped.swap(false, Ordering::AcqRel) {
                    while frames.try_recv().is_ok() {}
                    shared.send(HostEvent::NeedsRepaint { conn });
                }
            }
        }
    };
    let mut last = LEAVE.to_string();
    if let Some(message) = goodbye.filter(|m| !m.is_empty()) {
        last.push_str(&message);
        last.push_str("\r\n");
    }
    let _ = writer.data_bytes(last.into_bytes()).await;
    let _ = writer.exit_status(0).await;
    let _ = writer.eof().await;
    let _ = writer.close().await;
    presence.leave();
    // `ssh` ends when its channel closes; a client that stays is let go after a moment.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = session
        .disconnect(
            russh::Disconnect::ByApplication,
            String::new(),
            String::new(),
        )
        .await;
}
