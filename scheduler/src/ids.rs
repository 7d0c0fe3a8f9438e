//! Random identifiers, unguessable booking tokens and the redacting contact wrapper.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh 128-bit random id as 32 lowercase hex chars. Random rather than sequential so
/// ids leak neither volume nor order to customers.
pub fn new_id() -> String {
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A 256-bit secret for a manage-my-booking link. Only [`token_hash`] of it is stored, so a
/// leaked database does not let anyone cancel or move appointments.
pub fn new_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// SHA-256 of the token, hex encoded; this is what the database keeps.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Customer contact data. Debug output is redacted so it can never end up in logs by way of
/// `{:?}` on a containing struct.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl std::fmt::Debug for Contact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Contact(<redacted>)")
    }
}
