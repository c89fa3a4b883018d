//! `journeymap host`'s SSH transport: real SSH clients (russh's own, in process, and the
//! `ssh` binary where installed) against a server on 127.0.0.1, with a small room loop of
//! the tests' own drawing each connection's screen.

mod client;
mod input;
mod room;
mod security;
mod ssh_binary;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use client::{Participant, auth_key, auth_name, connect, fingerprint, new_key, runtime};
use journeymap::host::{self, HostEvent, HostOptions, Identity};
use room::Room;
use tempfile::TempDir;

pub const CODE: &str = "K7QF9M";

/// Options for a test server: loopback, a free port, the code above, a quick failure delay.
pub fn options(data: &TempDir) -> HostOptions {
    HostOptions {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        code: Some(CODE.into()),
        data_dir: Some(data.path().to_path_buf()),
        failure_delay: Duration::from_millis(50),
        ..HostOptions::default()
    }
}

/// A server and the tests' room loop on it.
pub fn serve(options: HostOptions) -> Room {
    Room::start(host::start(options).expect("the host starts"))
}

pub fn port(room: &Room) -> u16 {
    room.host.local_addr().port()
}

/// A participant with a key, in the session with a terminal.
pub fn join_with_key(room: &Room, key: &russh::keys::PrivateKey) -> Participant {
    let mut handle = connect(port(room));
    assert!(auth_key(&mut handle, CODE, key), "the key is let in");
    Participant::open(handle, 80, 24)
}

pub fn join_with_name(room: &Room, name: &str) -> Participant {
    let mut handle = connect(port(room));
    let (_, ok) = auth_name(&mut handle, CODE, name);
    assert!(ok, "{name} is let in");
    Participant::open(handle, 80, 24)
}

#[test]
fn a_participant_with_a_key_joins_known_by_its_fingerprint() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let key = new_key();
    let p = join_with_key(&room, &key);
    let expected = fingerprint(key.public_key());
    p.wait_for(&format!("key {expected}"));
    p.send(b"hello");
    p.wait_for("typed:hello");
    let joined = room.events().into_iter().find_map(|e| match e {
        HostEvent::Joined {
            who, name, size, ..
        } => Some((who, name, size)),
        _ => None,
    });
    assert_eq!(joined, Some((Identity::Key(expected), None, (80, 24))));
}

#[test]
fn a_participant_without_a_key_is_asked_a_name() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let mut handle = connect(port(&room));
    let (prompts, ok) = auth_name(&mut handle, CODE, "  Ada Lovelace\u{7}  ");
    assert!(ok, "the name prompt lets the participant in");
    assert_eq!(prompts, ["Your name: "]);
    let p = Participant::open(handle, 80, 24);
    p.wait_for("name Ada Lovelace");
    let joined = room.events().into_iter().find_map(|e| match e {
        HostEvent::Joined { who, name, .. } => Some((who, name)),
        _ => None,
    });
    assert_eq!(
        joined,
        Some((
            Identity::Name("Ada Lovelace".into()),
            Some("Ada Lovelace".into())
        ))
    );
}

#[test]
fn the_code_is_not_case_sensitive() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let mut handle = connect(port(&room));
    assert!(auth_key(&mut handle, &CODE.to_lowercase(), &new_key()));
}

#[test]
fn resizing_the_terminal_redraws_at_the_new_size() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let p = join_with_name(&room, "Grace");
    p.wait_for("typed:");
    p.resize(100, 30);
    room.wait_log("the resize", |log| {
        log.events.iter().any(|e| {
            matches!(
                e,
                HostEvent::Resized {
                    size: (100, 30),
                    ..
                }
            )
        })
    });
    p.send(b"x");
    p.wait_for("typed:x");
    assert!(p.contents().contains("name Grace"));
}

#[test]
fn thirty_participants_each_see_what_they_typed() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let participants: Vec<Participant> = (0..30)
        .map(|i| join_with_name(&room, &format!("person {i}")))
        .collect();
    for p in &participants {
        p.wait_for("typed:");
    }
    // Everyone types at once, a key at a time, interleaved.
    let texts: Vec<String> = (0..30).map(|i| format!("note from {i} é")).collect();
    let longest = texts.iter().map(|t| t.chars().count()).max().unwrap();
    for step in 0..longest {
        for (p, text) in participants.iter().zip(&texts) {
            if let Some(c) = text.chars().nth(step) {
                p.send(c.to_string().as_bytes());
            }
        }
    }
    for (i, (p, text)) in participants.iter().zip(&texts).enumerate() {
        p.wait_for(&format!("typed:{text}"));
        assert!(p.contents().contains(&format!("name person {i}")));
        // Nobody sees anyone else's text.
        for (j, other) in texts.iter().enumerate() {
            if i != j {
                assert!(!p.contents().contains(&format!("typed:{other}")));
            }
        }
    }
}

#[test]
fn a_stalled_participant_slows_nobody_and_gets_a_whole_screen_back() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(HostOptions {
        queue_frames: 2,
        ..options(&data)
    });
    let (mut handle, valve) = client::connect_valved(port(&room));
    let (_, ok) = auth_name(&mut handle, CODE, "Stalled");
    assert!(ok);
    let stalled = Participant::open(handle, 80, 24);
    stalled.wait_for("typed:");
    let others: Vec<Participant> = (0..3)
        .map(|i| join_with_name(&room, &format!("other {i}")))
        .collect();

    // The stalled participant stops reading while the room keeps sending it whole screens.
    valve.pause();
    let conn = room
        .find(&Identity::Name("Stalled".into()))
        .expect("the stalled seat");
    room.seat(conn, |seat| seat.flood = true);
    stalled.send(b"typed while stalled");
    // Hundreds of whole screens (2 kB each) against a queue of 2 frames and a client that
    // takes none: frames are dropped.
    let deadline = std::time::Instant::now() + client::TIMEOUT;
    while room.seat(conn, |seat| seat.tick).unwrap_or(0) < 400 {
        assert!(
            std::time::Instant::now() < deadline,
            "the room stopped drawing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }

    // Meanwhile everyone else types and sees it.
    for (i, p) in others.iter().enumerate() {
        let text = format!("while {i} waits");
        p.send(text.as_bytes());
        p.wait_for(&format!("typed:{text}"));
    }

    // The stalled one resumes: it gets a repaint, and its screen ends up whole and right.
    room.seat(conn, |seat| seat.flood = false);
    valve.resume();
    room.wait_log("a repaint asked for", |log| log.repaints > 0);
    stalled.wait_for("typed:typed while stalled");
    stalled.wait_until("no flood rows left", client::TIMEOUT, |s| {
        let contents = s.parser.screen().contents();
        contents.lines().count() <= 2
    });
    let screen = stalled.contents();
    assert!(screen.starts_with("seat "), "{screen}");
    assert!(screen.contains("name Stalled"), "{screen}");
}

#[test]
fn the_host_key_is_kept_across_restarts() {
    let data = tempfile::tempdir().unwrap();
    let first = host::start(options(&data)).expect("first start");
    let expected = first.fingerprint();
    assert!(expected.starts_with("SHA256:"), "{expected}");
    first.shutdown();
    let key_file = data.path().join(host::HOST_KEY_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the host key is private");
    }
    let second = host::start(options(&data)).expect("second start");
    assert_eq!(second.fingerprint(), expected);
    // What a participant's client sees is that same key.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(None));
    struct Recording(std::sync::Arc<std::sync::Mutex<Option<String>>>);
    impl russh::client::Handler for Recording {
        type Error = russh::Error;
        async fn check_server_key(
            &mut self,
            key: &russh::keys::PublicKeyOrCertificate,
        ) -> Result<bool, Self::Error> {
            if let russh::keys::PublicKeyOrCertificate::PublicKey { key, .. } = key {
                *self.0.lock().unwrap() = Some(fingerprint(key));
            }
            Ok(true)
        }
    }
    let port = second.local_addr().port();
    runtime()
        .block_on(russh::client::connect(
            std::sync::Arc::new(client::config()),
            ("127.0.0.1", port),
            Recording(std::sync::Arc::clone(&seen)),
        ))
        .expect("connect");
    assert_eq!(seen.lock().unwrap().clone(), Some(expected));
}

#[test]
fn a_random_code_is_six_unambiguous_characters_and_join_lines_name_it() {
    let data = tempfile::tempdir().unwrap();
    let host = host::start(HostOptions {
        code: None,
        ..options(&data)
    })
    .expect("start");
    let code = host.code().to_string();
    assert_eq!(code.len(), host::CODE_LENGTH);
    assert!(
        code.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()),
        "{code}"
    );
    assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
    let port = host.local_addr().port();
    assert_eq!(
        host.join_lines(),
        [format!("ssh -p {port} {code}@127.0.0.1")]
    );
}

#[test]
fn a_bad_code_or_a_taken_port_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    let err = host::start(HostOptions {
        code: Some("no spaces".into()),
        ..options(&data)
    })
    .err()
    .expect("refused");
    assert!(err.to_string().contains("letters and digits"), "{err}");

    let first = host::start(options(&data)).expect("start");
    let err = host::start(HostOptions {
        port: first.local_addr().port(),
        ..options(&data)
    })
    .err()
    .expect("port taken");
    assert!(err.to_string().contains("--port"), "{err}");
}

#[test]
fn disconnect_restores_the_terminal_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let room = serve(options(&data));
    let p = join_with_name(&room, "Leaving");
    p.wait_for("typed:");
    assert!(p.shared.lock().parser.screen().alternate_screen());
    let conn = room.find(&Identity::Name("Leaving".into())).unwrap();
    room.host.disconnect(conn, "the workshop is over");
    p.wait_closed();
    let screen = p.shared.lock();
    assert!(!screen.parser.screen().alternate_screen());
    assert!(!screen.parser.screen().bracketed_paste());
    assert!(
        screen
            .parser
            .screen()
            .contents()
            .contains("the workshop is over")
    );
    drop(screen);
    room.wait_log("left", |log| {
        log.events.iter().any(|e| *e == HostEvent::Left { conn })
    });
}
