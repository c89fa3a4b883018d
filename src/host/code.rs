//! The session code: the SSH user name that lets a participant in.

use rand::RngExt;

/// Letters and digits nobody confuses when reading them off a projector: no 0/O, 1/I/L.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// How many characters a made-up code has: 31^6, close to a billion codes.
pub const CODE_LENGTH: usize = 6;

/// A random code.
pub fn random_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LENGTH)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// A code given with `--code`: 4 to 32 ASCII letters and digits (it is typed as an SSH
/// user name). Returns why it is not one.
pub fn check_code(code: &str) -> Result<(), &'static str> {
    if !(4..=32).contains(&code.len()) {
        return Err("a session code has 4 to 32 characters");
    }
    if !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("a session code has only letters and digits");
    }
    Ok(())
}

/// Whether a user name is the code. Case does not matter: people type what they read.
pub fn matches(code: &str, user: &str) -> bool {
    code.eq_ignore_ascii_case(user)
}
