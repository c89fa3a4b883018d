//! Finding and reading `config.ron`: in the user's config folder
//! (`directories::ProjectDirs::config_dir`, on Linux `~/.config/journeymap/`), or in
//! `$JOURNEYMAP_CONFIG_DIR`. A missing file is an empty config; a bad one is an error that
//! names the file, the line and the column, like a bad map.

use std::path::PathBuf;

use super::StoreError;
use crate::format::{self, Config};

/// Overrides the config folder (tests, and users who keep settings elsewhere).
pub const CONFIG_DIR_ENV: &str = "JOURNEYMAP_CONFIG_DIR";
/// The file's name in the config folder.
pub const FILE_NAME: &str = "config.ron";

/// Where `config.ron` is looked for, if this platform has a config folder at all.
pub fn path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(FILE_NAME));
    }
    let dirs = directories::ProjectDirs::from("", "", "journeymap")?;
    Some(dirs.config_dir().join(FILE_NAME))
}

/// The user's config: the default when there is no file. Anything else under its name (a
/// link that points nowhere or in a loop, a FIFO) is an error, never silently ignored.
pub fn load() -> Result<Config, StoreError> {
    match path() {
        Some(path) if std::fs::symlink_metadata(&path).is_ok() => load_from(&path),
        _ => Ok(Config::default()),
    }
}

/// Reads and parses the config at `path`; errors name the file and the position.
pub fn load_from(path: &std::path::Path) -> Result<Config, StoreError> {
    let bytes = super::read(path).map_err(|e| match e {
        StoreError::NotAFile { path, kind, .. } => StoreError::ConfigNotAFile { path, kind },
        e => e,
    })?;
    let parsed = format::decode(&bytes).and_then(format::config_from_str);
    parsed.map_err(|error| {
        let report = error.report(
            &path.display().to_string(),
            std::str::from_utf8(&bytes).ok(),
        );
        StoreError::Invalid { error, report }
    })
}
