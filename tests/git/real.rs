//! Real git in temporary repositories, with an environment of its own (only `PATH`, and a
//! `HOME` that is a temporary folder): after `git-setup`, `git diff` and `git log -p` show
//! maps card by card, and `git merge`, `cherry-pick` and `rebase` merge them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::cli::{assert_exit, repo_file};

struct Repo {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("repo dir"),
            home: tempfile::tempdir().expect("home dir"),
        };
        repo.ok(&["init", "-q", "-b", "main"]);
        repo.ok(&["config", "user.name", "Facilitator"]);
        repo.ok(&["config", "user.email", "facilitator@example.com"]);
        repo.ok(&["config", "commit.gpgsign", "false"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn env(&self, cmd: &mut Command, dir: &Path) {
        cmd.current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1");
    }

    fn git_in(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        self.env(&mut cmd, dir);
        cmd.args(args).output().expect("run git")
    }

    fn git(&self, args: &[&str]) -> Output {
        self.git_in(self.path(), args)
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert_exit(&out, 0);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn journeymap_in(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("journeymap"));
        self.env(&mut cmd, dir);
        cmd.args(args).output().expect("run journeymap")
    }

    fn journeymap(&self, args: &[&str]) -> Output {
        self.journeymap_in(self.path(), args)
    }

    /// Writes `map.ron` from a merge case's file and commits it.
    fn commit_map(&self, case: &str, file: &str, message: &str) {
        fs::copy(case_file(case, file), self.path().join("map.ron")).expect("copy map");
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", message]);
    }

    /// Writes `map.ron` with `text` and commits it.
    fn commit_text(&self, text: &str, message: &str) {
        fs::write(self.path().join("map.ron"), text).expect("write map");
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", message]);
    }

    fn map(&self) -> String {
        fs::read_to_string(self.path().join("map.ron")).expect("map.ron")
    }

    /// A repository set up for maps, with the base of `case` on main, its `ours` on branch
    /// `workshop` and its `theirs` on main.
    fn two_workshops(case: &str) -> Repo {
        let repo = Repo::new();
        assert_exit(&repo.journeymap(&["git-setup"]), 0);
        repo.commit_map(case, "base.ron", "The map as it was");
        repo.ok(&["checkout", "-q", "-b", "workshop"]);
        repo.commit_map(case, "ours.ron", "Workshop one");
        repo.ok(&["checkout", "-q", "main"]);
        repo.commit_map(case, "theirs.ron", "Workshop two");
        repo
    }
}

fn case_file(case: &str, file: &str) -> PathBuf {
    repo_file(&format!("tests/fixtures/merge/{case}/{file}"))
}

const CARDS: [&str; 4] = [
    "No guest checkout",
    "Card declined twice",
    "Invoice arrives a week late",
    "Hidden fees",
];

#[track_caller]
fn assert_merged_cleanly(repo: &Repo) {
    let map = repo.map();
    assert!(
        !map.contains("<<<<<<<") && !map.contains("conflict:"),
        "{map}"
    );
    for card in CARDS {
        assert!(map.contains(card), "{card} missing:\n{map}");
    }
    assert_exit(&repo.journeymap(&["check", "map.ron"]), 0);
}

#[test]
fn git_diff_and_log_show_maps_card_by_card() {
    let repo = Repo::new();
    assert_exit(&repo.journeymap(&["git-setup"]), 0);
    repo.commit_map("add-add-one-lane", "base.ron", "First map");
    fs::copy(
        case_file("add-add-one-lane", "ours.ron"),
        repo.path().join("map.ron"),
    )
    .expect("copy");
    let diff = repo.ok(&["diff"]);
    assert_eq!(
        diff,
        "journeymap diff a/map.ron b/map.ron\n\nBuy\n  Pain points\n    + \"No guest checkout\"\n"
    );
    repo.ok(&["commit", "-q", "-am", "A card from the workshop"]);
    let log = repo.ok(&["log", "-p", "-1"]);
    assert!(
        log.contains("+Buy / Pain points: \"No guest checkout\"\n"),
        "{log}"
    );
}

#[test]
fn two_branches_adding_cards_to_one_lane_merge_cleanly() {
    let repo = Repo::two_workshops("add-add-one-lane");
    repo.ok(&["merge", "-q", "--no-edit", "workshop"]);
    assert_merged_cleanly(&repo);
}

#[test]
fn cherry_pick_and_rebase_merge_maps_too() {
    let repo = Repo::two_workshops("add-add-one-lane");
    repo.ok(&["cherry-pick", "workshop"]);
    assert_merged_cleanly(&repo);

    let repo = Repo::two_workshops("add-add-one-lane");
    repo.ok(&["checkout", "-q", "workshop"]);
    repo.ok(&["rebase", "-q", "main"]);
    assert_merged_cleanly(&repo);
}

#[test]
fn a_real_conflict_leaves_a_map_that_loads_and_fails_check_until_resolved() {
    let repo = Repo::two_workshops("edit-vs-edit");
    let out = repo.git(&["merge", "-q", "--no-edit", "workshop"]);
    assert_exit(&out, 1);
    let map = repo.map();
    assert!(!map.contains("<<<<<<<"), "{map}");
    let check = repo.journeymap(&["check", "map.ron"]);
    assert_exit(&check, 1);
    assert!(
        String::from_utf8_lossy(&check.stderr)
            .contains("map.ron:18:68: error: merge conflict: ours"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert_exit(&repo.journeymap(&["print", "map.ron"]), 0);
    // Settled in the editor: the second stage, its pain points, `]` for theirs' version.
    let file = repo.path().join("map.ron");
    let mut app = crate::editor::editor(journeymap::store::load(&file).expect("loads"));
    crate::editor::run(&mut app, "l <tab><tab> ]");
    journeymap::store::save(&file, &app.room.map).expect("save");
    assert_exit(&repo.journeymap(&["check", "map.ron"]), 0);
    assert!(
        repo.map()
            .contains("(text: \"Long signup form\", votes: 2),")
    );
    assert!(!repo.map().contains("12 fields"));
    repo.ok(&["add", "map.ron"]);
    repo.ok(&["commit", "-q", "--no-edit"]);
}

#[test]
fn check_finds_a_clone_that_is_not_set_up() {
    let repo = Repo::new();
    assert_exit(&repo.journeymap(&["git-setup"]), 0);
    assert_exit(&repo.journeymap(&["git-setup", "--check"]), 0);
    repo.commit_map("add-add-one-lane", "base.ron", "First map");
    let clone = repo.home.path().join("clone");
    let clone_arg = clone.to_string_lossy().into_owned();
    assert_exit(&repo.git(&["clone", "-q", ".", &clone_arg]), 0);
    // The attributes came with the clone; the config did not.
    let out = repo.journeymap_in(&clone, &["git-setup", "--check"]);
    assert_exit(&out, 1);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("merge.journeymap.driver is not set"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_exit(&repo.journeymap_in(&clone, &["git-setup"]), 0);
    assert_exit(&repo.journeymap_in(&clone, &["git-setup", "--check"]), 0);
    // A journeymap that moved after the setup is found too.
    let moved = "'/nowhere/journeymap' merge --git %O %A %B";
    assert_exit(
        &repo.git_in(&clone, &["config", "merge.journeymap.driver", moved]),
        0,
    );
    let out = repo.journeymap_in(&clone, &["git-setup", "--check"]);
    assert_exit(&out, 1);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("/nowhere/journeymap, which is not there")
    );
    assert_exit(&repo.journeymap_in(&clone, &["git-setup"]), 0);
    // Setting up twice writes the line once; removing takes it away.
    let attributes = fs::read_to_string(clone.join(".gitattributes")).expect("attributes");
    assert_eq!(attributes, "*.ron merge=journeymap diff=journeymap\n");
    assert_exit(&repo.journeymap_in(&clone, &["git-setup", "--remove"]), 0);
    assert_exit(&repo.journeymap_in(&clone, &["git-setup", "--check"]), 1);
    // Nothing else was in the file: none is left.
    assert!(!clone.join(".gitattributes").exists());
}

#[test]
fn setup_and_remove_change_only_their_own_line_and_say_what_is_not_a_map() {
    let repo = Repo::new();
    let user: &[u8] = b"*.png binary\r\nmaps/*.ron merge=journeymap\r\ncaf\xe9.txt -diff";
    fs::write(repo.path().join(".gitattributes"), user).expect("attributes");
    repo.commit_map("add-add-one-lane", "base.ron", "A map");
    fs::write(repo.path().join("settings.ron"), "(theme: \"dark\")\n").expect("settings");
    repo.ok(&["add", "settings.ron"]);
    let out = repo.journeymap(&["git-setup"]);
    assert_exit(&out, 0);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 file under '*.ron' is not a map: 'settings.ron'"),
        "{err}"
    );
    assert!(err.contains("a narrower pattern"), "{err}");
    // The map sits beside the settings, in no folder of its own: the pattern offered is one
    // that catches it, not a folder the clone does not have.
    assert!(
        err.contains("journeymap git-setup 'map.ron'") && !err.contains("journeys/"),
        "{err}"
    );
    let written = fs::read(repo.path().join(".gitattributes")).expect("attributes");
    assert_eq!(
        written,
        [user, b"\r\n*.ron merge=journeymap diff=journeymap\r\n"].concat()
    );
    assert_exit(&repo.journeymap(&["git-setup", "--remove"]), 0);
    let back = fs::read(repo.path().join(".gitattributes")).expect("attributes");
    assert_eq!(back, [user, b"\r\n"].concat());
    // A pattern git would read as more than one is refused, and nothing is written.
    let out = repo.journeymap(&["git-setup", "*.ron\n* merge=binary -diff"]);
    assert_exit(&out, 2);
    assert_eq!(
        fs::read(repo.path().join(".gitattributes")).expect("attributes"),
        back
    );
    assert!(!repo.ok(&["config", "--list"]).contains("journeymap"));
}

#[cfg(unix)]
#[test]
fn remove_on_a_read_only_clone_says_it_failed() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    assert_exit(&repo.journeymap(&["git-setup"]), 0);
    let git_dir = repo.path().join(".git");
    let config = git_dir.join("config");
    let read_only = fs::Permissions::from_mode(0o555);
    fs::set_permissions(&git_dir, read_only.clone()).expect("read-only .git");
    let mut config_mode = fs::metadata(&config).expect("config").permissions();
    config_mode.set_readonly(true);
    fs::set_permissions(&config, config_mode).expect("read-only config");
    let out = repo.journeymap(&["git-setup", "--remove"]);
    fs::set_permissions(&git_dir, fs::Permissions::from_mode(0o755)).expect("writable again");
    // As root, permissions do not stop the write: then the removal worked.
    let still_set = repo
        .git(&["config", "--get", "merge.journeymap.driver"])
        .status
        .success();
    assert_exit(&out, i32::from(still_set));
}

#[test]
fn a_global_setup_serves_every_repository() {
    let repo = Repo::new();
    assert_exit(&repo.journeymap(&["git-setup", "--check"]), 1);
    assert_exit(
        &repo.journeymap(&["git-setup", "--global", "maps/*.ron"]),
        0,
    );
    let attributes = repo.home.path().join(".config/git/attributes");
    assert_eq!(
        fs::read_to_string(attributes).expect("global attributes"),
        "maps/*.ron merge=journeymap diff=journeymap\n"
    );
    assert_exit(&repo.journeymap(&["git-setup", "--check", "maps/*.ron"]), 0);
    assert!(!repo.path().join(".gitattributes").exists());
}

#[test]
fn outside_a_repository_setup_says_so_and_writes_nothing() {
    let repo = Repo::new();
    let outside = repo.home.path().join("not-a-repo");
    fs::create_dir(&outside).expect("folder");
    let out = repo.journeymap_in(&outside, &["git-setup"]);
    assert_exit(&out, 1);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not in a git repository"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::read_dir(&outside).expect("folder").next().is_none());
    assert!(!repo.home.path().join(".gitconfig").exists());
}

#[test]
fn history_with_a_broken_map_and_markers_stays_readable() {
    let repo = Repo::new();
    assert_exit(&repo.journeymap(&["git-setup"]), 0);
    repo.commit_map("add-add-one-lane", "base.ron", "First map");
    let good = repo.map();
    // A typo, then conflict markers left by a text merge, then the map again.
    fs::write(
        repo.path().join("map.ron"),
        good.replace("stages:", "stagez:"),
    )
    .expect("typo");
    repo.ok(&["commit", "-q", "-am", "A typo"]);
    let marked = good.replace(
        "(text: \"Long form\", votes: 2),",
        "<<<<<<< ours\n(text: \"Long form\", votes: 3),\n=======\n(text: \"Long form\", votes: 4),\n>>>>>>> theirs",
    );
    fs::write(repo.path().join("map.ron"), &marked).expect("markers");
    repo.ok(&["commit", "-q", "-am", "Markers"]);
    fs::write(repo.path().join("map.ron"), &good).expect("fixed");
    repo.ok(&["commit", "-q", "-am", "Fixed"]);
    // Another *.ron file that is not a map.
    fs::write(repo.path().join("settings.ron"), "(theme: \"dark\")\n").expect("other");
    repo.ok(&["add", "settings.ron"]);
    repo.ok(&["commit", "-q", "-m", "Settings"]);
    fs::write(repo.path().join("settings.ron"), "(theme: \"light\")\n").expect("other");

    let log = repo.ok(&["log", "-p"]);
    assert!(log.contains("+                <<<<<<< ours"), "{log}");
    assert!(log.contains("stagez"), "{log}");
    let log = repo.ok(&["log", "-p", "--ext-diff"]);
    assert!(
        log.contains("does not load as a map, so it is compared as text"),
        "{log}"
    );
    assert!(log.contains("-    stagez: ["), "{log}");
    let show = repo.ok(&["show", "HEAD~1"]);
    assert!(show.contains("-                <<<<<<< ours"), "{show}");
    repo.ok(&["show", "--ext-diff", "HEAD~2"]);
    let blame = repo.ok(&["blame", "map.ron"]);
    assert!(blame.contains("Long form"), "{blame}");
    let diff = repo.ok(&["diff"]);
    assert!(diff.contains("+(theme: \"light\")"), "{diff}");
    repo.ok(&["diff", "HEAD~4", "HEAD~2"]);
}

#[test]
fn every_card_field_changed_both_ways_merges_through_git_as_through_the_command() {
    use super::card_fields::{Change, case};
    use journeymap::format;
    use journeymap::model::CardField;
    for field in CardField::ALL {
        for change in [Change::BothSame, Change::BothDifferent] {
            let [base, ours, theirs, expected] = case(field, change);
            let repo = Repo::new();
            assert_exit(&repo.journeymap(&["git-setup"]), 0);
            repo.commit_text(&format::to_string(&base), "The map as it was");
            repo.ok(&["checkout", "-q", "-b", "workshop"]);
            repo.commit_text(&format::to_string(&theirs), "Workshop two");
            repo.ok(&["checkout", "-q", "main"]);
            repo.commit_text(&format::to_string(&ours), "Workshop one");
            let out = repo.git(&["merge", "-q", "--no-edit", "workshop"]);
            let conflicts = expected.conflict_count();
            assert_exit(&out, i32::from(conflicts > 0));
            assert_eq!(
                repo.map(),
                format::to_string(&expected),
                "{field:?} {change:?}"
            );
        }
    }
}
