//! `journeymap git-setup`: teaches git to read maps. Writes the `.gitattributes` line that
//! names the drivers for map files, and the git config that defines them (per clone, or
//! `--global`): `merge.journeymap.driver` (`journeymap merge --git`),
//! `diff.journeymap.command` (`journeymap diff`, for `git diff`) and
//! `diff.journeymap.textconv` (`journeymap diff --textconv`, for `git log -p` and `git show`,
//! which run no external diff unless given `--ext-diff`).
//!
//! The attributes are committed and shared; the config never is. A clone whose
//! attributes name a driver its config lacks silently gets git's text merge, which is what
//! `--check` is for.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::report::{Exit, complain, say, shown};
use crate::store;

#[derive(clap::Args, Debug)]
pub struct GitSetupArgs {
    /// The files that are maps, as a .gitattributes pattern
    #[arg(value_name = "PATTERN", default_value = "*.ron")]
    pub pattern: String,
    /// Set up every repository of this user (git's global config and attributes file)
    #[arg(long)]
    pub global: bool,
    /// Only say whether this clone is set up: exit 0 when it is, 1 when not
    #[arg(long, conflicts_with = "remove")]
    pub check: bool,
    /// Undo the setup
    #[arg(long)]
    pub remove: bool,
}

const DRIVER: &str = "journeymap";
const NAME: &str = "journeymap: maps merged card by card";

/// Why the setup could not be done.
#[derive(Debug, thiserror::Error)]
enum SetupError {
    #[error("cannot run git: {0}")]
    NoGit(String),
    #[error("git {args}: {message}")]
    Git { args: String, message: String },
    #[error("not in a git repository (use --global to set up every repository)")]
    NotARepository,
    #[error("{0}")]
    Store(#[from] store::StoreError),
}

pub fn git_setup(args: GitSetupArgs) -> Exit {
    if let Err(why) = readable_pattern(&args.pattern) {
        complain(&format!(
            "journeymap: error: the pattern {} {why}: git would not read it as one pattern",
            quoted(&args.pattern)
        ));
        return Exit::Usage;
    }
    let result = if args.check {
        check(&args)
    } else if args.remove {
        remove(&args).map(|()| Exit::Success)
    } else {
        setup(&args).map(|()| Exit::Success)
    };
    result.unwrap_or_else(|e| {
        match e {
            // A store error names its file and says `error:` itself.
            SetupError::Store(e) => complain(&e.to_string()),
            e => complain(&format!("journeymap: error: {e}")),
        }
        Exit::Failure
    })
}

fn setup(args: &GitSetupArgs) -> Result<(), SetupError> {
    let exe = std::env::current_exe()
        .map_err(|e| SetupError::NoGit(format!("cannot find journeymap itself: {e}")))?;
    let exe = shell_quoted(&exe.to_string_lossy());
    // Outside a repository, say so before writing any config.
    let file = attributes_file(args.global)?;
    let scope = scope(args.global);
    for (key, value) in [
        ("merge.journeymap.name", NAME.to_string()),
        (
            "merge.journeymap.driver",
            format!("{exe} merge --git %O %A %B %P %L %S %X %Y"),
        ),
        ("diff.journeymap.command", format!("{exe} diff")),
        ("diff.journeymap.textconv", format!("{exe} diff --textconv")),
    ] {
        git(&["config", scope, key, &value])?;
    }
    let line = attributes_line(&args.pattern);
    let text = read_bytes(&file)?;
    if let Some(new) = with_line(text.as_deref().unwrap_or_default(), &line) {
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(|source| store::StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        store::write_atomic(&file, &new)?;
    }
    say(&format!(
        "git now merges and diffs {} with journeymap ({}; config in {})",
        quoted(&args.pattern),
        shown(&file),
        if args.global {
            "your global git config"
        } else {
            "this clone's .git/config"
        }
    ));
    if !args.global {
        not_maps_under(&args.pattern);
    }
    Ok(())
}

fn remove(args: &GitSetupArgs) -> Result<(), SetupError> {
    let scope = scope(args.global);
    for section in ["merge.journeymap", "diff.journeymap"] {
        // A section that is not there is already removed; one still there after the
        // removal (a read-only .git) is an error.
        if let Err(e) = git(&["config", scope, "--remove-section", section])
            && git(&["config", scope, "--get-regexp", &format!("^{section}\\.")]).is_ok()
        {
            return Err(e);
        }
    }
    let file = attributes_file(args.global)?;
    if let Some(text) = read_bytes(&file)?
        && let Some(new) = without_line(&text, &attributes_line(&args.pattern))
    {
        if new.is_empty() {
            // Nothing else was there: no file is left behind.
            fs::remove_file(&file).map_err(|source| store::StoreError::Io {
                path: file.clone(),
                source,
            })?;
        } else {
            store::write_atomic(&file, &new)?;
        }
    }
    say("git no longer uses journeymap for maps");
    Ok(())
}

/// `text` with `line` added (in the file's own line ending), or `None` when it is there.
/// Every other byte stays as it was.
fn with_line(text: &[u8], line: &str) -> Option<Vec<u8>> {
    if text
        .split(|&b| b == b'\n')
        .any(|l| l.strip_suffix(b"\r").unwrap_or(l) == line.as_bytes())
    {
        return None;
    }
    let eol: &[u8] = if text.windows(2).any(|w| w == b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    let mut out = text.to_vec();
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.extend_from_slice(eol);
    }
    out.extend_from_slice(line.as_bytes());
    out.extend_from_slice(eol);
    Some(out)
}

/// `text` without the lines that are exactly `line` (what setup wrote), or `None` when
/// there is none. The user's own lines stay, byte for byte.
fn without_line(text: &[u8], line: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut found = false;
    for l in text.split_inclusive(|&b| b == b'\n') {
        let bare = l.strip_suffix(b"\n").unwrap_or(l);
        let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
        if bare == line.as_bytes() {
            found = true;
        } else {
            out.extend_from_slice(l);
        }
    }
    found.then_some(out)
}

/// Why git would not read `pattern` as one .gitattributes pattern, if it would not.
fn readable_pattern(pattern: &str) -> Result<(), &'static str> {
    if pattern.is_empty() {
        Err("is empty")
    } else if pattern.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err("holds a space, a line break or a control character")
    } else if pattern.starts_with(['#', '!', '"']) {
        Err("starts with #, ! or a quote")
    } else if crate::text::sanitize(pattern) != pattern {
        Err("holds characters that cannot be shown")
    } else {
        Ok(())
    }
}

fn quoted(pattern: &str) -> String {
    format!("'{}'", crate::text::sanitize(pattern))
}

/// Says which files the pattern hands to journeymap that do not load as maps, and offers
/// a narrower pattern. Best effort: when git cannot list them, nothing is said.
fn not_maps_under(pattern: &str) {
    const LOOKED_AT: usize = 1000;
    let (Ok(top), Ok(files)) = (
        git(&["rev-parse", "--show-toplevel"]),
        git(&[
            "ls-files",
            "-z",
            "--",
            &format!(":(glob)**/{pattern}"),
            &format!(":(glob){pattern}"),
        ]),
    ) else {
        return;
    };
    let top = Path::new(top.trim());
    let (mut maps, mut others) = (Vec::new(), Vec::new());
    for file in files.split('\0').filter(|f| !f.is_empty()).take(LOOKED_AT) {
        match store::load(&top.join(file)) {
            Ok(_) => maps.push(file.to_string()),
            Err(_) => others.push(file.to_string()),
        }
    }
    if others.is_empty() {
        return;
    }
    let shown: Vec<String> = others.iter().take(5).map(|f| quoted(f)).collect();
    complain(&format!(
        "journeymap: note: {} file{} under {} {} not a map: {}{}",
        others.len(),
        if others.len() == 1 { "" } else { "s" },
        quoted(pattern),
        if others.len() == 1 { "is" } else { "are" },
        shown.join(", "),
        if others.len() > 5 { ", ..." } else { "" }
    ));
    let folder = maps
        .first()
        .and_then(|m| Path::new(m).parent())
        .filter(|dir| {
            !dir.as_os_str().is_empty() && maps.iter().all(|m| Path::new(m).starts_with(dir))
        })
        .map(|dir| format!("{}/*.ron", dir.display()));
    // The maps' own folder; else a single map by its name; else (maps beside other .ron
    // files in several places) a folder to gather them in, said as such.
    let (narrower, gather) = match (folder, maps.as_slice()) {
        (Some(folder), _) => (folder, ""),
        (None, [map]) => (map.clone(), ""),
        (None, _) => (
            "journeys/*.ron".to_string(),
            ", with the maps moved into journeys/",
        ),
    };
    complain(&format!(
        "journeymap: note: a narrower pattern leaves them to git, e.g. `journeymap git-setup --remove {} && journeymap git-setup {}`{gather}",
        quoted(pattern),
        quoted(&narrower)
    ));
}

/// Whether this clone would use the drivers for a map file: the attributes name them, and
/// the config (this clone's or the global one) defines them.
fn check(args: &GitSetupArgs) -> Result<Exit, SetupError> {
    let probe = args.pattern.replace(['*', '?'], "x");
    let attrs = git(&["check-attr", "merge", "diff", "--", &probe])?;
    let named = |attr: &str| attrs.contains(&format!(": {attr}: {DRIVER}"));
    let configured = |key: &str| git(&["config", "--get", key]).is_ok_and(|v| !v.trim().is_empty());
    let mut missing = Vec::new();
    if !named("merge") || !named("diff") {
        missing.push(format!(
            "no .gitattributes line names journeymap for {probe} (`{}`)",
            attributes_line(&args.pattern)
        ));
    }
    for key in ["merge.journeymap.driver", "diff.journeymap.command"] {
        if !configured(key) {
            missing.push(format!("{key} is not set in this clone's git config"));
            continue;
        }
        // A journeymap that has moved since the setup leaves git a command that fails.
        let value = git(&["config", "--get", key]).unwrap_or_default();
        if let Some(program) = program_of(value.trim())
            && Path::new(&program).is_absolute()
            && !Path::new(&program).exists()
        {
            missing.push(format!("{key} runs {program}, which is not there any more"));
        }
    }
    if missing.is_empty() {
        say(&format!(
            "git merges and diffs {} with journeymap",
            args.pattern
        ));
        return Ok(Exit::Success);
    }
    for m in &missing {
        complain(&format!("journeymap: {m}"));
    }
    complain("journeymap: git will merge maps as text here; run `journeymap git-setup`");
    Ok(Exit::Failure)
}

fn attributes_line(pattern: &str) -> String {
    format!("{pattern} merge={DRIVER} diff={DRIVER}")
}

fn scope(global: bool) -> &'static str {
    if global { "--global" } else { "--local" }
}

/// The attributes file: `.gitattributes` at the top of this repository, or the user's
/// `core.attributesFile` (git's default: `$XDG_CONFIG_HOME/git/attributes`).
fn attributes_file(global: bool) -> Result<PathBuf, SetupError> {
    if !global {
        let top = git(&["rev-parse", "--show-toplevel"]).map_err(|_| SetupError::NotARepository)?;
        return Ok(Path::new(top.trim()).join(".gitattributes"));
    }
    if let Ok(file) = git(&["config", "--global", "--get", "core.attributesFile"]) {
        let file = file.trim();
        if let Some(rest) = file.strip_prefix("~/") {
            return Ok(home()?.join(rest));
        }
        return Ok(PathBuf::from(file));
    }
    let config = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => home()?.join(".config"),
    };
    Ok(config.join("git").join("attributes"))
}

fn home() -> Result<PathBuf, SetupError> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .ok_or_else(|| SetupError::NoGit("HOME is not set".into()))
}

/// The file's bytes, or `None` when there is no file.
fn read_bytes(file: &Path) -> Result<Option<Vec<u8>>, SetupError> {
    match fs::read(file) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(store::StoreError::Io {
            path: file.to_path_buf(),
            source,
        }
        .into()),
    }
}

/// Runs git; its standard output, or what it said when it failed.
fn git(args: &[&str]) -> Result<String, SetupError> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| SetupError::NoGit(store::io_message(&e)))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(SetupError::Git {
            args: args.join(" "),
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

/// The program a shell command line starts with: a single-quoted word (as
/// [`shell_quoted`] writes it) or the first plain word.
fn program_of(command: &str) -> Option<String> {
    let Some(mut rest) = command.strip_prefix('\'') else {
        return command.split_whitespace().next().map(str::to_string);
    };
    let mut program = String::new();
    loop {
        let end = rest.find('\'')?;
        program.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        // `'\''` is a quote inside the word.
        match rest.strip_prefix("\\''") {
            Some(more) => {
                program.push('\'');
                rest = more;
            }
            None => return Some(program),
        }
    }
}

/// A word the shell reads back as exactly `s`.
fn shell_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_program_of_a_quoted_command_is_read_back() {
        for path in ["/usr/bin/journeymap", "/home/o'brien/my tools/journeymap"] {
            let command = format!("{} merge --git %O %A %B", shell_quoted(path));
            assert_eq!(program_of(&command).as_deref(), Some(path));
        }
        assert_eq!(program_of("journeymap diff").as_deref(), Some("journeymap"));
    }

    #[test]
    fn only_the_line_setup_wrote_comes_and_goes_byte_for_byte() {
        let line = attributes_line("*.ron");
        let user = b"*.png binary\r\nmaps/*.ron merge=journeymap\r\ncaf\xe9 -diff\r\n";
        let added = with_line(user, &line).expect("added");
        assert!(added.ends_with(b"*.ron merge=journeymap diff=journeymap\r\n"));
        assert_eq!(with_line(&added, &line), None);
        assert_eq!(without_line(&added, &line).as_deref(), Some(&user[..]));
        // No final newline: one is added before the line, and only that line goes.
        let bare = b"*.png binary";
        let added = with_line(bare, &line).expect("added");
        assert_eq!(
            without_line(&added, &line).expect("removed"),
            b"*.png binary\n"
        );
        assert_eq!(without_line(bare, &line), None);
    }

    #[test]
    fn a_pattern_git_would_read_otherwise_is_refused() {
        for bad in [
            "*.ron\n* merge=binary",
            "my maps/*.ron",
            "",
            "#x",
            "a\u{1b}[2J",
        ] {
            assert!(readable_pattern(bad).is_err(), "{bad:?}");
        }
        for good in ["*.ron", "journeys/*.ron", "maps/**/*.ron"] {
            assert!(readable_pattern(good).is_ok(), "{good}");
        }
    }
}
