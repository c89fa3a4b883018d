//! Only an interactive session with a terminal, for a participant who knows the code, known
//! only by a key that signed.

use std::sync::Arc;

use russh::ChannelMsg;
use russh::client::{self, AuthResult};
use russh::keys::PrivateKeyWithHashAlg;

use super::client::{Participant, auth_key, auth_name, connect, fingerprint, new_key, runtime};
use super::room::Room;
use super::{CODE, join_with_key, options, port, serve};
use journeymap::host::{HostEvent, HostOptions, Identity};

#[test]
fn a_wrong_code_is_refused_for_keys_and_names() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let mut handle = connect(port(&room));
    assert!(!auth_key(&mut handle, "WRONG1", &new_key()));
    let (prompts, ok) = auth_name(&mut handle, "WRONG1", "Mallory");
    assert!(!ok);
    assert!(
        prompts.is_empty(),
        "no name prompt for a wrong code: {prompts:?}"
    );
    assert!(room.events().is_empty(), "{:?}", room.events());
}

#[test]
fn repeated_wrong_codes_shut_the_address_out() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(HostOptions {
        failure_rate: journeymap::host::Rate::new(2, std::time::Duration::from_secs(600)),
        ..options(&data)
    });
    for _ in 0..2 {
        let mut handle = connect(port(&room));
        assert!(!auth_key(&mut handle, "WRONG1", &new_key()));
    }
    // The third connection is turned away before the SSH greeting, even with the code.
    let refused = runtime().block_on(client::connect(
        Arc::new(super::client::config()),
        ("127.0.0.1", port(&room)),
        super::client::Trusting,
    ));
    assert!(refused.is_err(), "the address is still let in");
}

/// The shape of a known bypass: key A is offered (never signed with), then key B signs.
/// The participant is B; the offer of A grants nothing.
#[test]
fn an_offered_key_is_not_an_identity_only_the_signing_key_is() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let (a, b) = (new_key(), new_key());
    let mut handle = connect(port(&room));

    // Offer A and decline to sign.
    struct Decline;
    #[derive(Debug)]
    struct Declined;
    impl From<russh::SendError> for Declined {
        fn from(_: russh::SendError) -> Self {
            Declined
        }
    }
    impl russh::Signer for Decline {
        type Error = Declined;
        async fn auth_sign(
            &mut self,
            _key: &russh::keys::agent::AgentIdentity,
            _hash: Option<russh::keys::HashAlg>,
            _data: Vec<u8>,
        ) -> Result<Vec<u8>, Self::Error> {
            Err(Declined)
        }
    }
    let offered = runtime().block_on(handle.authenticate_publickey_with(
        CODE,
        a.public_key().clone(),
        None,
        &mut Decline,
    ));
    assert!(offered.is_err(), "nothing was signed, nothing is granted");

    // B signs.
    let signed = runtime().block_on(
        handle.authenticate_publickey(CODE, PrivateKeyWithHashAlg::new(Arc::new(b.clone()), None)),
    );
    assert!(matches!(signed, Ok(AuthResult::Success)));
    let p = Participant::open(handle, 80, 24);
    p.wait_for("typed:");
    let who = room.events().into_iter().find_map(|e| match e {
        HostEvent::Joined { who, .. } => Some(who),
        _ => None,
    });
    assert_eq!(who, Some(Identity::Key(fingerprint(b.public_key()))));
    assert_ne!(fingerprint(a.public_key()), fingerprint(b.public_key()));
}

/// Opens a session channel on an authenticated connection.
fn authenticated(room: &Room) -> client::Handle<super::client::Trusting> {
    let mut handle = connect(port(room));
    assert!(auth_key(&mut handle, CODE, &new_key()));
    handle
}

/// Waits for the channel's answers until it closes; returns (request accepted, stderr text).
fn outcome(channel: &mut russh::Channel<client::Msg>) -> (bool, String) {
    runtime().block_on(async {
        let mut accepted = None;
        let mut stderr = Vec::new();
        let wait = tokio::time::timeout(super::client::TIMEOUT, async {
            while let Some(msg) = channel.wait().await {
                match msg {
                    ChannelMsg::Success => accepted = accepted.or(Some(true)),
                    ChannelMsg::Failure => accepted = accepted.or(Some(false)),
                    ChannelMsg::ExtendedData { data, .. } => stderr.extend_from_slice(&data),
                    ChannelMsg::Data { data } => panic!("output from a refused request: {data:?}"),
                    ChannelMsg::Close => break,
                    _ => {}
                }
            }
        });
        wait.await.expect("the channel closes");
        (
            accepted.unwrap_or(false),
            String::from_utf8_lossy(&stderr).into_owned(),
        )
    })
}

#[test]
fn a_command_is_refused_and_runs_nothing() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let handle = authenticated(&room);
    let mut channel = runtime().block_on(handle.channel_open_session()).unwrap();
    runtime()
        .block_on(channel.exec(true, "touch /tmp/pwned"))
        .unwrap();
    let (accepted, stderr) = outcome(&mut channel);
    assert!(!accepted);
    assert!(stderr.contains("runs no commands"), "{stderr}");
    assert!(room.events().is_empty(), "{:?}", room.events());
}

#[test]
fn a_subsystem_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let handle = authenticated(&room);
    let mut channel = runtime().block_on(handle.channel_open_session()).unwrap();
    runtime()
        .block_on(channel.request_subsystem(true, "sftp"))
        .unwrap();
    let (accepted, _) = outcome(&mut channel);
    assert!(!accepted);
    assert!(room.events().is_empty());
}

#[test]
fn a_shell_without_a_terminal_is_refused_with_a_message() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let handle = authenticated(&room);
    let mut channel = runtime().block_on(handle.channel_open_session()).unwrap();
    runtime().block_on(channel.request_shell(true)).unwrap();
    let (accepted, stderr) = outcome(&mut channel);
    assert!(!accepted);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(room.events().is_empty());
}

#[test]
fn forwarding_and_a_second_channel_are_refused() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let key = new_key();
    let p = join_with_key(&room, &key);
    p.wait_for("typed:");
    let handle = &p.handle;
    runtime().block_on(async {
        assert!(
            handle.channel_open_session().await.is_err(),
            "a second session channel"
        );
        assert!(
            handle
                .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
                .await
                .is_err(),
            "local port forwarding"
        );
        assert!(
            handle.tcpip_forward("127.0.0.1", 0).await.is_err(),
            "remote port forwarding"
        );
    });
    // Agent and X11 forwarding on a fresh connection's channel.
    let handle = authenticated(&room);
    let channel = runtime().block_on(handle.channel_open_session()).unwrap();
    runtime().block_on(async {
        channel.agent_forward(true).await.unwrap();
        channel
            .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
            .await
            .unwrap();
    });
    let (mut read, _write) = channel.split();
    let answers = runtime().block_on(async {
        let mut answers = Vec::new();
        while answers.len() < 2 {
            match tokio::time::timeout(super::client::TIMEOUT, read.wait()).await {
                Ok(Some(ChannelMsg::Success)) => answers.push(true),
                Ok(Some(ChannelMsg::Failure)) => answers.push(false),
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        answers
    });
    assert_eq!(answers, [false, false], "agent and X11 forwarding refused");
    // The first participant is still there, alone.
    p.send(b"still here");
    p.wait_for("typed:still here");
    let joined = room
        .events()
        .iter()
        .filter(|e| matches!(e, HostEvent::Joined { .. }))
        .count();
    assert_eq!(joined, 1);
}

/// The server's first key-exchange message (sent in the clear) offers no compression but
/// `none`, in both directions.
#[test]
fn only_no_compression_is_offered() {
    use std::io::{BufRead, BufReader, Read, Write};
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let mut socket = std::net::TcpStream::connect(("127.0.0.1", port(&room))).unwrap();
    socket
        .set_read_timeout(Some(super::client::TIMEOUT))
        .unwrap();
    socket.write_all(b"SSH-2.0-compression_probe\r\n").unwrap();
    let mut reader = BufReader::new(socket);
    let mut line = String::new();
    while !line.starts_with("SSH-") {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }
    let mut length = [0u8; 4];
    reader.read_exact(&mut length).unwrap();
    let mut packet = vec![0u8; u32::from_be_bytes(length) as usize];
    reader.read_exact(&mut packet).unwrap();
    let payload = &packet[1..];
    assert_eq!(payload[0], 20, "the first packet is KEXINIT");
    let mut at = 1 + 16;
    let mut lists = Vec::new();
    for _ in 0..10 {
        let len = u32::from_be_bytes(payload[at..at + 4].try_into().unwrap()) as usize;
        lists.push(String::from_utf8_lossy(&payload[at + 4..at + 4 + len]).into_owned());
        at += 4 + len;
    }
    assert_eq!(lists[6], "none", "compression client to server");
    assert_eq!(lists[7], "none", "compression server to client");
    // And the ciphers are modern ones (no CBC, no arcfour).
    assert!(
        !lists[2].contains("cbc") && !lists[2].contains("arcfour"),
        "{}",
        lists[2]
    );
}

#[test]
fn connections_past_the_maximum_are_turned_away() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(HostOptions {
        max: 2,
        ..options(&data)
    });
    let _first = join_with_key(&room, &new_key());
    let _second = join_with_key(&room, &new_key());
    let third = runtime().block_on(client::connect(
        Arc::new(super::client::config()),
        ("127.0.0.1", port(&room)),
        super::client::Trusting,
    ));
    assert!(third.is_err(), "a third connection past --max 2");
}
