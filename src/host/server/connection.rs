//! One connection: who it is, its channel, and its place in the room from joining to
//! leaving.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use russh::server::Msg;
use russh::{ChannelId, ChannelWriteHalf};
use tokio::sync::mpsc as tmpsc;

use super::Shared;
use super::keys::{INPUT_QUEUE, read_keys};
use super::outputs::{OutputSlot, write_frames};
use super::presence::Presence;
use crate::host::{ConnId, HostEvent, Identity};

/// One connection: its authentication, its channel and its seat's lifecycle.
pub(super) struct Connection {
    pub(super) shared: Arc<Shared>,
    pub(super) id: ConnId,
    pub(super) peer: IpAddr,
    /// Who signed in, and the name they typed (none for a key).
    pub(super) who: Option<(Identity, Option<String>)>,
    pub(super) wrong_code_counted: bool,
    pub(super) name_asked: u8,
    /// The one session channel, its writing half until the seat's writer takes it, and the
    /// terminal's size until then.
    pub(super) channel: Option<ChannelId>,
    pub(super) writer: Option<ChannelWriteHalf<Msg>>,
    pub(super) pty: Option<(u16, u16)>,
    /// Where the channel's data goes once the participant has joined.
    pub(super) input: Option<tmpsc::Sender<Vec<u8>>>,
    pub(super) presence: Arc<Presence>,
}

impl Connection {
    pub(super) fn new(shared: Arc<Shared>, peer: IpAddr) -> Self {
        shared.connections.fetch_add(1, Ordering::AcqRel);
        let id = ConnId(shared.next_id.fetch_add(1, Ordering::Relaxed));
        Self {
            id,
            peer,
            who: None,
            wrong_code_counted: false,
            name_asked: 0,
            channel: None,
            writer: None,
            pty: None,
            input: None,
            presence: Arc::new(Presence {
                shared: Arc::clone(&shared),
                conn: id,
                joined: AtomicBool::new(false),
            }),
            shared,
        }
    }

    /// The participant has a terminal and asked for a shell: they join.
    pub(super) fn join(&mut self, size: (u16, u16), session: russh::server::Handle) {
        let (Some(writer), Some((who, name))) = (self.writer.take(), self.who.clone()) else {
            return;
        };
        let shared = &self.shared;
        let (frames_tx, frames_rx) = tmpsc::channel(shared.options.queue_frames.max(1));
        let (control_tx, control_rx) = tmpsc::unbounded_channel();
        let dropped = Arc::new(AtomicBool::new(false));
        shared.outputs.insert(
            self.id,
            OutputSlot {
                frames: frames_tx,
                control: control_tx.clone(),
                dropped: Arc::clone(&dropped),
            },
        );
        self.presence.join();
        shared.send(HostEvent::Joined {
            conn: self.id,
            who,
            name,
            size,
        });
        let (input_tx, input_rx) = tmpsc::channel(INPUT_QUEUE);
        self.input = Some(input_tx);
        tokio::spawn(write_frames(
            Arc::clone(&self.presence),
            session,
            writer,
            frames_rx,
            control_rx,
            dropped,
        ));
        tokio::spawn(read_keys(Arc::clone(shared), self.id, input_rx, control_tx));
    }

    pub(super) fn leave(&mut self) {
        self.input = None;
        self.presence.leave();
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.leave();
        self.shared.connections.fetch_sub(1, Ordering::AcqRel);
    }
}
