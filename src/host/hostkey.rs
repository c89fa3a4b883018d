//! The host key: made once (ed25519), kept in the user's data folder, so participants see the
//! same fingerprint every session and can pin it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

use super::HostError;

/// Overrides the data folder (tests, and users who keep the key elsewhere).
pub const DATA_DIR_ENV: &str = "JOURNEYMAP_DATA_DIR";

/// The host key's file name in the data folder.
pub const HOST_KEY_FILE: &str = "host_ed25519_key";

/// The folder for the host key: `$JOURNEYMAP_DATA_DIR`, else the platform's data folder
/// (Linux: `~/.local/share/journeymap`).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "journeymap")?;
    Some(dirs.data_dir().to_path_buf())
}

/// The key in `dir`, made and written (mode 0600) if there is none yet.
pub fn load_or_create(dir: &Path) -> Result<PrivateKey, HostError> {
    let path = dir.join(HOST_KEY_FILE);
    let key_error = |reason: String| HostError::HostKey {
        path: path.clone(),
        reason,
    };
    match fs::read_to_string(&path) {
        Ok(text) => {
            let key = PrivateKey::from_openssh(text.as_bytes())
                .map_err(|e| key_error(format!("not an OpenSSH private key ({e})")))?;
            restrict(&path).map_err(|e| key_error(e.to_string()))?;
            Ok(key)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
                .map_err(|e| key_error(format!("cannot make a key ({e})")))?;
            let text = key
                .to_openssh(LineEnding::LF)
                .map_err(|e| key_error(format!("cannot encode the key ({e})")))?;
            fs::create_dir_all(dir).map_err(|e| key_error(e.to_string()))?;
            write_private(&path, text.as_bytes()).map_err(|e| key_error(e.to_string()))?;
            Ok(key)
        }
        Err(e) => Err(key_error(e.to_string())),
    }
}

/// `SHA256:…`, as `ssh` shows it when it asks whether to trust a host.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Writes a file only its owner can read, whole or not at all: a temporary file made 0600
/// from the start, then renamed into place.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A key file others can read is tightened to 0600, as `ssh` would insist.
fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
