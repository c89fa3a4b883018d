//! `journeymap completions SHELL` and `journeymap man`: generated from the same definitions
//! that parse the command line, so every subcommand is in them.

use std::io::Write;
use std::process::{Command as StdCommand, Stdio};

use clap::CommandFactory;
use journeymap::cli::Cli;

use super::*;

/// The names of the subcommands, as clap knows them (`help` is clap's own).
fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for expected in ["print", "check", "summary", "completions", "man"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    names
}

#[test]
fn the_bash_script_is_valid_bash_and_names_every_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["completions", "bash"]);
    assert_exit(&out, 0);
    let script = stdout(&out);
    let mut bash = StdCommand::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    bash.stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script written");
    let checked = bash.wait_with_output().expect("bash ends");
    assert!(
        checked.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(script.contains("complete "), "registers a completion");
    // The words offered after `journeymap `, and a case for what follows each of them.
    let offered = script
        .lines()
        .find(|l| l.trim_start().starts_with("opts=\"-h -V"))
        .expect("the top-level words");
    for name in subcommands() {
        assert!(
            offered.split(['"', ' ']).any(|w| w == name),
            "{name} is not offered: {offered}"
        );
        assert!(
            script.contains(&format!("journeymap,{name})")),
            "no completion for the arguments of {name}"
        );
    }
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    let dir = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(dir.path(), &["completions", shell]);
        assert_exit(&out, 0);
        let script = stdout(&out);
        for name in subcommands() {
            assert!(script.contains(&name), "{shell}: {name} missing");
        }
    }
    let out = run(dir.path(), &["completions", "tcsh"]);
    assert_exit(&out, 2);
}

#[test]
fn the_man_page_lists_every_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["man"]);
    assert_exit(&out, 0);
    let page = stdout(&out);
    assert!(page.contains(".TH journeymap 1"), "{page}");
    let subcommands_section = page
        .split(".SH SUBCOMMANDS")
        .nth(1)
        .expect("a SUBCOMMANDS section");
    for name in subcommands() {
        // roff escapes the hyphen in `journeymap-summary(1)`.
        assert!(
            subcommands_section.contains(&format!("journeymap\\-{}(1)", name.replace('-', "\\-"))),
            "{name} missing from the man page"
        );
    }
    assert!(page.contains("workshop"), "the descriptions are there");
}

#[test]
fn every_page_the_man_page_names_is_made() {
    let dir = tempfile::tempdir().expect("temp dir");
    let top = stdout(&run(dir.path(), &["man"]));
    // The pages the top page refers the reader to.
    let named: Vec<String> = top
        .split("journeymap\\-")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("(1)")
                .map(|(name, _)| name.replace("\\-", "-"))
        })
        .collect();
    assert!(!named.is_empty(), "{top}");
    assert!(
        !named.iter().any(|n| n == "help"),
        "a page for clap's help: {named:?}"
    );
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("folder");
    let out = run(dir.path(), &["man", "--dir", "pages"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("manual pages"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(pages.join("journeymap.1")).expect("the top page"),
        top
    );
    for name in &named {
        let page = std::fs::read_to_string(pages.join(format!("journeymap-{name}.1")))
            .unwrap_or_else(|e| panic!("journeymap-{name}.1: {e}"));
        assert!(
            page.contains(&format!(".TH journeymap-{name} 1")),
            "{name}: {page}"
        );
        // The same page on stdout, by the subcommand's name.
        let one = run(dir.path(), &["man", name]);
        assert_exit(&one, 0);
        assert_eq!(stdout(&one), page, "{name}");
    }
    assert!(
        std::fs::read_to_string(pages.join("journeymap-check.1"))
            .expect("check's page")
            .contains("Validate maps"),
        "the command's own description"
    );
    let unknown = run(dir.path(), &["man", "frobnicate"]);
    assert_exit(&unknown, 2);
    assert!(
        stderr(&unknown).contains("the subcommands are: edit, view"),
        "{}",
        stderr(&unknown)
    );
}

/// `man --dir` is given a folder such as `~/.local/share/man/man1`, which a fresh account
/// does not have yet: it is made, as `install -D` would.
#[test]
fn man_dir_makes_the_folder_it_is_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["man", "--dir", "share/man/man1"]);
    assert_exit(&out, 0);
    assert!(
        dir.path()
            .join("share/man/man1/journeymap-check.1")
            .is_file(),
        "{}",
        stderr(&out)
    );
}

/// Every page's header names the program and its version, as the top page's does, rather
/// than a bare command name where the version belongs.
#[test]
fn every_man_page_header_carries_the_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let version = format!("\"journeymap {}\"", env!("CARGO_PKG_VERSION"));
    for name in ["check", "print", "git-setup"] {
        let page = stdout(&run(dir.path(), &["man", name]));
        let header = page
            .lines()
            .find(|l| l.starts_with(".TH "))
            .unwrap_or_default()
            .to_string();
        assert!(header.contains(&version), "{name}: {header}");
    }
}

/// `journeymap help CMD` (and the manual pages made from the same definitions) says what
/// each positional argument is: none is listed with an empty description.
#[test]
fn every_argument_of_every_command_is_described() {
    let mut top = Cli::command();
    top.build();
    let mut bare = Vec::new();
    for command in top.get_subcommands() {
        for arg in command.get_arguments() {
            if arg.is_hide_set() || arg.get_id() == "help" || arg.get_id() == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                bare.push(format!("{} {}", command.get_name(), arg.get_id()));
            }
        }
    }
    assert!(bare.is_empty(), "described by nothing: {bare:?}");
}
