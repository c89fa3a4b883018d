//! The real `ssh` client against the host, in a real pseudo-terminal (skipped with a message
//! where `ssh` is not installed).

use std::path::Path;

use journeymap::host::{HostEvent, Identity};

use super::{CODE, options, port, serve};
use crate::pty::harness::{Session, TIMEOUT};

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

/// `ssh -p PORT USER@127.0.0.1` with no configuration, no known hosts and no agent.
fn ssh(port: u16, user: &str, home: &Path, extra: &[&str]) -> Session {
    let mut builder = Session::builder().program("ssh").home(home).size(80, 24);
    for arg in [
        "-F",
        "/dev/null",
        "-p",
        &port.to_string(),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "IdentityAgent=none",
        "-o",
        "LogLevel=ERROR",
    ] {
        builder = builder.arg(arg);
    }
    for arg in extra {
        builder = builder.arg(*arg);
    }
    builder.arg(format!("{user}@127.0.0.1")).spawn()
}

#[test]
fn ssh_joins_with_a_name_types_and_is_refused_with_a_wrong_code() {
    if !ssh_installed() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let room = serve(options(&data));

    let mut s = ssh(
        port(&room),
        CODE,
        home.path(),
        &["-o", "PubkeyAuthentication=no"],
    );
    s.wait_for("Your name:");
    s.send("Ada\r");
    s.wait_for("name Ada");
    s.send("hello é");
    s.wait_for("typed:hello é");
    s.send("\x1b[A");
    s.wait_for("typed:hello é<up>");
    let conn = room
        .find(&Identity::Name("Ada".into()))
        .expect("Ada's seat");
    s.resize(100, 30);
    room.wait_log("the resize", |log| {
        log.events
            .iter()
            .any(|e| matches!(e, HostEvent::Resized { conn: c, size: (100, 30) } if *c == conn))
    });
    room.host.disconnect(conn, "the workshop is over");
    s.wait_for("the workshop is over");
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "ssh ended with {status:?}");
    assert!(
        !s.with_screen(|screen| screen.alternate_screen()),
        "the participant's terminal is back from the alternate screen"
    );

    let mut wrong = ssh(
        port(&room),
        "WRONG1",
        home.path(),
        &[
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "NumberOfPasswordPrompts=1",
        ],
    );
    wrong.wait_for("Permission denied");
    let status = wrong.wait_exit(TIMEOUT);
    assert!(!status.success());
    assert!(!wrong.screen_text().contains("Your name:"));
}

#[test]
fn ssh_with_a_key_joins_known_by_that_key() {
    if !ssh_installed() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let key = home.path().join("id_ed25519");
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no working `ssh-keygen`");
        return;
    }
    let listed = std::process::Command::new("ssh-keygen")
        .args(["-l", "-f"])
        .arg(key.with_extension("pub"))
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    let fingerprint = listed.split_whitespace().nth(1).unwrap().to_string();

    let room = serve(options(&data));
    let key_arg = key.display().to_string();
    let mut s = ssh(
        port(&room),
        CODE,
        home.path(),
        &[
            "-i",
            &key_arg,
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "KbdInteractiveAuthentication=no",
        ],
    );
    s.wait_for(&format!("key {fingerprint}"));
    let conn = room
        .find(&Identity::Key(fingerprint))
        .expect("the key's seat");
    room.host.disconnect(conn, "bye");
    s.wait_exit(TIMEOUT);
}
