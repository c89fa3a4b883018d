//! The real `ssh` client joining the real `journeymap host FILE`, each in a pseudo-terminal
//! of its own: the name prompt, the board, a participant's card on the facilitator's screen
//! and, once the facilitator saves, in the file. Skipped with a message where `ssh` is not
//! installed.

use std::path::Path;

use crate::pty::harness::{Session, TIMEOUT, keys};

const CODE: &str = "WKSHP7";

fn ssh_installed() -> bool {
    let found = std::process::Command::new("ssh")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: no `ssh` binary on this machine");
    }
    found
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `ssh` with no configuration, no known hosts, no agent and no keys: the name prompt.
fn ssh(port: u16, user: &str, home: &Path) -> Session {
    let port = port.to_string();
    let args = [
        "-F",
        "/dev/null",
        "-p",
        &port,
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "IdentityAgent=none",
        "-o",
        "PubkeyAuthentication=no",
        "-o",
        "NumberOfPasswordPrompts=1",
        "-o",
        "LogLevel=ERROR",
    ];
    args.iter()
        .fold(
            Session::builder().program("ssh").home(home).size(100, 30),
            |b, a| b.arg(*a),
        )
        .arg(format!("{user}@127.0.0.1"))
        .spawn()
}

#[test]
fn ssh_joins_journeymap_host_and_the_facilitator_saves_the_participants_card() {
    if !ssh_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("signup.ron");
    std::fs::write(
        &file,
        journeymap::format::to_string(&super::map_with(&["seed card"])),
    )
    .unwrap();
    let data = dir.path().join("data");
    let state = dir.path().join("state");
    let port = free_port();
    let port_arg = port.to_string();
    let args = ["--port", &port_arg, "--bind", "127.0.0.1", "--code", CODE];
    let mut host = args
        .iter()
        .fold(Session::builder().arg("host").arg(&file), |b, a| b.arg(*a))
        .env("JOURNEYMAP_DATA_DIR", &data.display().to_string())
        .env("XDG_STATE_HOME", &state.display().to_string())
        .size(120, 40)
        .spawn();
    host.wait_for(&format!("ssh -p {port} {CODE}@127.0.0.1"));

    let home = tempfile::tempdir().unwrap();
    let mut p = ssh(port, CODE, home.path());
    p.wait_for("Your name:");
    p.send("Ada\r");
    p.wait_for("welcome");
    p.wait_for("seed card");
    host.wait_for("2 here");

    p.send("a");
    for c in "from ssh é".chars() {
        p.send(&c.to_string());
    }
    p.send(keys::ENTER);
    p.wait_for("card 'from ssh é' added");
    p.send(keys::ESC);
    host.wait_for("from ssh é");

    host.send(keys::CTRL_S);
    // ("saved" alone would match the header's "unsaved".)
    host.wait_until("the save", TIMEOUT, |screen| {
        screen.contains("saved ") && screen.contains(" in /") && !screen.contains("unsaved")
    });
    let saved = std::fs::read_to_string(&file).unwrap();
    let map = journeymap::format::from_str(&saved).expect("the saved map loads");
    let cards = super::texts(&map);
    assert_eq!(cards, ["seed card", "from ssh é"], "{saved}");

    let mut wrong = ssh(port, "WRONG1", home.path());
    wrong.wait_for("Permission denied");
    assert!(!wrong.wait_exit(TIMEOUT).success());
    assert!(!wrong.screen_text().contains("Your name:"));

    // The facilitator quits: the participant's terminal is given back, with a line saying why.
    host.send("q");
    assert!(host.wait_exit(TIMEOUT).success());
    p.wait_for("ended the session");
    p.wait_exit(TIMEOUT);
    assert!(!p.with_screen(|s| s.alternate_screen()));
}
