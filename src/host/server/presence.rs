//! Whether a connection is in the room, shared by its channel's side and its writer.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Shared;
use crate::host::{ConnId, HostEvent};

/// Whether a connection is in the room; `Left` is sent once, by whichever side ends it.
pub(super) struct Presence {
    pub(super) shared: Arc<Shared>,
    pub(super) conn: ConnId,
    pub(super) joined: AtomicBool,
}

impl Presence {
    pub(super) fn join(&self) {
        self.joined.store(true, Ordering::Release);
    }

    pub(super) fn leave(&self) {
        self.shared.outputs.remove(self.conn);
        if self.joined.swap(false, Ordering::AcqRel) {
            self.shared.send(HostEvent::Left { conn: self.conn });
        }
    }
}
