//! Signing in: the user name is the session code, and the identity comes from a verified key
//! signature or from the name typed at the keyboard-interactive prompt, never from a key
//! merely offered. Passwords and the "none" method are refused.

use std::borrow::Cow;
use std::time::Instant;

use russh::keys::{Algorithm, HashAlg};
use russh::server::{Auth, PublicKeyOffer, Response, VerifiedPublicKey};

use super::connection::Connection;
use super::lock;
use crate::host::{Identity, code};

/// The longest name kept from the prompt, in characters.
const NAME_CAP: usize = 40;

impl Connection {
    /// A key offered, not yet proven: only says whether a signature with it would be
    /// looked at. Nothing is granted here.
    pub(super) fn key_offered(&mut self, user: &str, offer: &PublicKeyOffer<'_>) -> Auth {
        let verifiable = matches!(
            offer.algorithm,
            Algorithm::Ed25519
                | Algorithm::Ecdsa { .. }
                | Algorithm::SkEd25519
                | Algorithm::SkEcdsaSha2NistP256
        );
        if verifiable && self.code_ok(user) {
            Auth::Accept
        } else {
            refuse()
        }
    }

    /// Called by russh only after it has verified the signature: the key that signed is
    /// the participant's identity.
    pub(super) fn key_verified(&mut self, user: &str, key: &VerifiedPublicKey<'_>) -> Auth {
        if !self.code_ok(user) {
            return refuse();
        }
        let fingerprint = key.public_key.fingerprint(HashAlg::Sha256).to_string();
        self.who = Some((Identity::Key(fingerprint), None));
        Auth::Accept
    }

    /// Without a key: the name prompt, asked up to three times.
    pub(super) fn name_prompt(&mut self, user: &str, response: Option<Response<'_>>) -> Auth {
        if !self.code_ok(user) {
            return refuse();
        }
        let Some(mut response) = response else {
            return self.ask_name();
        };
        let name = response.next().map(|r| clean_name(&r)).unwrap_or_default();
        if name.is_empty() {
            return if self.name_asked < 3 {
                self.ask_name()
            } else {
                refuse()
            };
        }
        self.who = Some((Identity::Name(name.clone()), Some(name)));
        Auth::Accept
    }

    /// The user name is the session code; a wrong one counts against the address, once per
    /// connection.
    fn code_ok(&mut self, user: &str) -> bool {
        if code::matches(&self.shared.code, user) {
            return true;
        }
        if !std::mem::replace(&mut self.wrong_code_counted, true) {
            lock(&self.shared.failure_limit).take(self.peer, Instant::now());
        }
        false
    }

    fn ask_name(&mut self) -> Auth {
        self.name_asked += 1;
        Auth::Partial {
            name: Cow::Borrowed("journeymap"),
            instructions: Cow::Borrowed(""),
            prompts: Cow::Owned(vec![(Cow::Borrowed("Your name: "), true)]),
        }
    }
}

pub(super) fn refuse() -> Auth {
    Auth::Reject {
        proceed_with_methods: None,
        partial_success: false,
    }
}

/// A name from the prompt: its printable characters, trimmed, at most [`NAME_CAP`].
fn clean_name(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let printable: String = text.chars().filter(|c| !c.is_control()).collect();
    printable
        .trim()
        .chars()
        .take(NAME_CAP)
        .collect::<String>()
        .trim()
        .to_string()
}
