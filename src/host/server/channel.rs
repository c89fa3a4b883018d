//! The connection's requests, as russh hands them over. Signing in is answered by `auth`;
//! on the channel, only one session with a terminal and a shell is served: commands,
//! subsystems (sftp), X11 and environment requests are refused, and a second channel is not
//! opened (port and agent forwarding are never accepted).

use russh::server::{
    Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Response, Session, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, Pty};

use super::auth;
use super::connection::Connection;
use crate::host::HostEvent;

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(auth::refuse())
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(auth::refuse())
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.key_offered(user, &offer))
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.key_verified(user, &key))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.name_prompt(user, response))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() || self.who.is_none() {
            // One session channel per connection; dropping the reply refuses it.
            drop(reply);
            return Ok(());
        }
        self.channel = Some(channel.id());
        let (mut read, write) = channel.split();
        self.writer = Some(write);
        // The handler's callbacks carry the requests and data; the channel's own copy of
        // them is drained so it never holds up the connection.
        tokio::spawn(async move { while read.wait().await.is_some() {} });
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel && self.input.is_none() {
            self.pty = Some(size_of(columns, rows));
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.input.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let Some(size) = self.pty else {
            self.refuse_channel(
                channel,
                "journeymap: a live session needs a terminal (connect without a command, or with ssh -t).",
                session,
            );
            return Ok(());
        };
        session.channel_success(channel)?;
        self.join(size, session.handle());
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(
            channel,
            "journeymap: this host runs no commands; connect with ssh and no command to join the session.",
            session,
        );
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(
            channel,
            "journeymap: no subsystems (sftp, ...) here.",
            session,
        );
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel {
            return Ok(());
        }
        let size = size_of(columns, rows);
        if self.input.is_some() {
            self.shared.send(HostEvent::Resized {
                conn: self.id,
                size,
            });
        } else {
            self.pty = Some(size);
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel {
            return Ok(());
        }
        if let Some(input) = &self.input {
            // Waits when the parser is behind: the participant's connection slows, nobody
            // else's.
            let _ = input.send(data.to_vec()).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.leave();
            let _ = session.close(channel);
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel {
            self.leave();
        }
        Ok(())
    }
}

impl Connection {
    /// Refuses a request on the channel, with a line on the participant's stderr, and closes
    /// the channel.
    fn refuse_channel(&mut self, channel: ChannelId, message: &str, session: &mut Session) {
        let _ = session.channel_failure(channel);
        if !message.is_empty() {
            let _ = session.extended_data(channel, 1, format!("{message}\r\n").into_bytes());
        }
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
        self.writer = None;
    }
}

fn size_of(columns: u32, rows: u32) -> (u16, u16) {
    let clamp = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    (clamp(columns), clamp(rows))
}
