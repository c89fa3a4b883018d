//! `kill -9` of the real `journeymap host` in the middle of a workshop, then `journeymap host`
//! again on the same map: the private cards, the seats and the live round's dots come back,
//! and the participants who rejoin find their own.

use std::path::Path;

use crate::pty::harness::{Session, TIMEOUT, keys};

use super::client::{Participant, auth_name, connect};
use super::phases_map;

const CODE: &str = "RSTRT9";

pub(super) fn host(file: &Path, home: &Path, port: u16) -> Session {
    let port_arg = port.to_string();
    let args = ["--port", &port_arg, "--bind", "127.0.0.1", "--code", CODE];
    let host = args
        .iter()
        .fold(
            Session::builder().arg("host").arg(file).home(home),
            |b, a| b.arg(*a),
        )
        .env(
            "JOURNEYMAP_DATA_DIR",
            &home.join("data").display().to_string(),
        )
        .size(120, 40)
        .spawn();
    host.wait_for(&format!("ssh -p {port} {CODE}@127.0.0.1"));
    host
}

pub(super) fn join(port: u16, name: &str) -> Participant {
    let mut handle = connect(port);
    let (_, ok) = auth_name(&mut handle, CODE, name);
    assert!(ok, "{name} is let in");
    let p = Participant::open(handle, 120, 40);
    // The board is drawn: its header starts with who they are.
    p.wait_for(&format!("{name} · "));
    p
}

pub(super) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

#[test]
fn after_kill_9_the_room_comes_back_with_its_private_cards_seats_and_dots() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("workshop.ron");
    std::fs::write(&file, journeymap::format::to_string(&phases_map())).unwrap();
    let port = free_port();

    // Private writing: Ada writes a card only she sees.
    let first = host(&file, &home, port);
    let ada = join(port, "Ada");
    first.wait_for("2 here");
    first.send("W");
    first.send("p");
    ada.wait_for("private writing");
    ada.send(b"a");
    for c in "ada private".chars() {
        ada.send(c.to_string().as_bytes());
    }
    ada.send(super::keys::ENTER);
    first.wait_for("1 card from 1 person");
    // Quick capture opened the next card: she is half way through it when the host dies.
    for c in "half typed".chars() {
        ada.send(c.to_string().as_bytes());
    }
    ada.wait_for("half typed");
    // The room file is written within half a second of a change.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    first.signal("KILL");
    ada.wait_closed();

    let second = host(&file, &home, port);
    second.wait_for("the room of the last session is back");
    second.wait_for("1 card from 1 person");
    let ada = join(port, "Ada");
    ada.wait_for("your text is as you left it");
    ada.wait_for("half typed");
    ada.send(super::keys::ENTER);
    second.wait_for("2 cards from 1 person");
    ada.send(super::keys::ESC);
    ada.wait_for("ada private");
    second.send("W");
    second.send("r");
    second.wait_for("ada private");

    // Everyone votes; Ada has placed two dots when the host is killed again.
    second.send("W");
    second.send("v");
    second.wait_for("Voting round");
    second.send(keys::ENTER);
    ada.wait_for("Your dots");
    ada.send(b"++");
    ada.wait_for("left: 3 of 5");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    second.signal("KILL");
    ada.wait_closed();

    let mut third = host(&file, &home, port);
    // The unsaved map first (its recovery copy), then the interrupted round.
    third.wait_for("recovery copy");
    third.send("r");
    third.wait_for("Interrupted voting round");
    third.send("r");
    let ada = join(port, "Ada");
    ada.wait_for("left: 3 of 5");
    ada.wait_for("●●");
    ada.send(b"+");
    ada.wait_for("left: 2 of 5");
    ada.send(super::keys::ENTER);
    third.wait_for("1 of 1 done");
    third.send("R");
    ada.wait_for("the round is revealed");
    third.send(keys::CTRL_S);
    third.wait_until("the save", TIMEOUT, |screen| {
        screen.contains("saved ") && !screen.contains("unsaved")
    });
    let map = journeymap::format::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let first_pain = &map.stages[0].lane(journeymap::model::Lane::PainPoints)[0];
    assert_eq!(first_pain.votes, 3, "every dot kept across the restart");
    assert!(super::texts(&map).contains(&"ada private".to_string()));
    assert!(super::texts(&map).contains(&"half typed".to_string()));
    third.send("q");
    third.wait_exit(TIMEOUT);
}

/// The session code in the join line `ssh -p PORT CODE@127.0.0.1` on the host's screen.
fn code_on(host: &Session, port: u16) -> String {
    let join = format!("ssh -p {port} ");
    host.wait_for(&join);
    let screen = host.screen_text();
    let at = screen.find(&join).unwrap() + join.len();
    screen[at..].split('@').next().unwrap().to_string()
}

fn host_without_code(file: &Path, home: &Path, port: u16) -> Session {
    let port_arg = port.to_string();
    let data = home.join("data").display().to_string();
    Session::builder()
        .arg("host")
        .arg(file)
        .home(home)
        .arg("--port")
        .arg(&port_arg)
        .arg("--bind")
        .arg("127.0.0.1")
        .env("JOURNEYMAP_DATA_DIR", &data)
        .size(120, 40)
        .spawn()
}

#[test]
fn after_kill_9_the_host_keeps_its_code_the_cards_authors_and_the_tally() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("workshop.ron");
    std::fs::write(&file, journeymap::format::to_string(&phases_map())).unwrap();
    let port = free_port();

    let first = host_without_code(&file, &home, port);
    let code = code_on(&first, port);
    let mut handle = connect(port);
    assert!(auth_name(&mut handle, &code, "Ada").1);
    let ada = Participant::open(handle, 120, 40);
    ada.wait_for("Ada");
    ada.send(b"a");
    for c in "ada open card".chars() {
        ada.send(c.to_string().as_bytes());
    }
    ada.send(super::keys::ENTER);
    ada.send(super::keys::ESC);
    first.wait_for("ada open card");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    first.signal("KILL");
    ada.wait_closed();

    let second = host_without_code(&file, &home, port);
    assert_eq!(code_on(&second, port), code, "the same ssh line works");
    second.wait_for("recovery copy");
    second.send("r");
    second.wait_for("ada open card");
    let mut handle = connect(port);
    assert!(auth_name(&mut handle, &code, "Ada").1);
    let ada = Participant::open(handle, 120, 40);
    ada.wait_for("welcome back, Ada");
    // Her card is still hers: she edits it.
    ada.send(b"e");
    ada.send(b"\x15");
    for c in "ada edited".chars() {
        ada.send(c.to_string().as_bytes());
    }
    ada.send(super::keys::ENTER);
    second.wait_for("ada edited");
    assert!(!ada.contents().contains("only the cards you added"));
    // The outcome still counts the card written before the crash.
    second.send("R");
    second.wait_for("1 card written in the open");
    second.signal("KILL");
}
