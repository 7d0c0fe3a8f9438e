//! The server's master key and what it protects: stored secrets are sealed with AES-256-GCM
//! (TOTP seeds must be readable to check codes, so they cannot be hashed), and short-lived
//! tokens (playback) are signed with HMAC-SHA-256 under a key derived from it, so they
//! survive a restart but not a key change.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("master key file {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("master key file {0} must hold 32 bytes (raw) or 64 hex digits")]
    Malformed(String),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the sealed value cannot be opened with this key")]
pub struct OpenError;

/// The master key (cheap to clone). `Debug` prints nothing of it.
#[derive(Clone)]
pub struct MasterKey(Arc<[u8; 32]>, Option<Arc<[u8; 32]>>);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

impl MasterKey {
    pub fn from_bytes(bytes: [u8; 32]) -> MasterKey {
        MasterKey(Arc::new(bytes), None)
    }

    /// During a master-key rotation (`signaling keys rotate`): values still sealed by the
    /// previous key open too, so the server works before every value has been re-wrapped.
    /// New values are always sealed with the current key.
    pub fn with_previous(mut self, previous: &MasterKey) -> MasterKey {
        self.1 = Some(Arc::clone(&previous.0));
        self
    }

    /// Reads an existing key file (never creates one: a mistyped path must not mint a key).
    pub fn load(path: &Path) -> Result<MasterKey, KeyError> {
        let bytes = std::fs::read(path).map_err(|source| KeyError::Io { path: path.display().to_string(), source })?;
        Self::parse(&bytes).ok_or_else(|| KeyError::Malformed(path.display().to_string()))
    }

    pub fn random() -> MasterKey {
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        MasterKey::from_bytes(k)
    }

    /// Reads the key file, creating it (mode 0600, random key) if it does not exist.
    pub fn load_or_create(path: &Path) -> Result<MasterKey, KeyError> {
        let io = |source| KeyError::Io { path: path.display().to_string(), source };
        match std::fs::read(path) {
            Ok(bytes) => Self::parse(&bytes).ok_or_else(|| KeyError::Malformed(path.display().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(io)?;
                }
                let key = MasterKey::random();
                write_private(path, hex::encode(&key.0[..]).as_bytes()).map_err(io)?;
                Ok(key)
            }
            Err(e) => Err(io(e)),
        }
    }

    fn parse(bytes: &[u8]) -> Option<MasterKey> {
        let text = std::str::from_utf8(bytes).ok().map(str::trim);
        let raw = match text.and_then(|t| hex::decode(t).ok()) {
            Some(v) => v,
            None => bytes.to_vec(),
        };
        <[u8; 32]>::try_from(raw.as_slice()).ok().map(MasterKey::from_bytes)
    }

    /// A key for one purpose, so a signature made for playback can never pass as anything else.
    fn derive(&self, purpose: &str) -> [u8; 32] {
        derive(&self.0, purpose)
    }

    /// Encrypts `plain`; the output is nonce ‖ ciphertext ‖ tag. `context` binds the value to
    /// what it is for (e.g. the staff id), so a sealed value cannot be moved to another row.
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let cipher = Aes256Gcm::new_from_slice(&self.derive("seal")).expect("32-byte key");
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let payload = aes_gcm::aead::Payload { msg: plain, aad: context.as_bytes() };
        let mut out = nonce.to_vec();
        // Encryption with a valid key and nonce cannot fail for inputs of this size.
        out.extend(cipher.encrypt(Nonce::from_slice(&nonce), payload).unwrap_or_default());
        out
    }

    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        open_with(&self.derive("seal"), context, sealed).or_else(|e| match &self.1 {
            Some(previous) => open_with(&derive(previous, "seal"), context, sealed),
            None => Err(e),
        })
    }

    /// HMAC-SHA-256 of `message` under the key derived for `purpose`, hex.
    pub fn sign(&self, purpose: &str, message: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.derive(purpose)).expect("HMAC takes any key length");
        mac.update(message);
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn verify(&self, purpose: &str, message: &[u8], signature: &str) -> bool {
        crate::tokens::constant_time_eq(self.sign(purpose, message).as_bytes(), signature.as_bytes())
    }
}

fn derive(key: &[u8; 32], purpose: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"videokyc-key-derivation\0");
    h.update(purpose.as_bytes());
    h.update(&key[..]);
    h.finalize().into()
}

fn open_with(key: &[u8; 32], context: &str, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
    if sealed.len() < 12 + 16 {
        return Err(OpenError);
    }
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| OpenError)?;
    let (nonce, body) = sealed.split_at(12);
    cipher.decrypt(Nonce::from_slice(nonce), aes_gcm::aead::Payload { msg: body, aad: context.as_bytes() }).map_err(|_| OpenError)
}

/// Creates `path` with mode 0600 (it must not exist) and writes `bytes` durably.
#[cfg(unix)]
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_the_same_key_and_context() {
        let k = MasterKey::random();
        let sealed = k.seal("staff:anna", b"JBSWY3DPEHPK3PXP");
        assert!(!sealed.windows(16).any(|w| w == b"JBSWY3DPEHPK3PXP"));
        assert_eq!(k.open("staff:anna", &sealed).as_deref(), Ok(&b"JBSWY3DPEHPK3PXP"[..]));
        assert_eq!(k.open("staff:bob", &sealed), Err(OpenError));
        assert_eq!(MasterKey::random().open("staff:anna", &sealed), Err(OpenError));
    }

    #[test]
    fn the_key_file_is_created_private_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k/master.key");
        let a = MasterKey::load_or_create(&path).expect("created");
        let b = MasterKey::load_or_create(&path).expect("read");
        assert_eq!(a.sign("p", b"m"), b.sign("p", b"m"));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn during_a_rotation_values_of_the_previous_key_still_open_and_new_ones_use_the_new_key() {
        let old = MasterKey::random();
        let sealed_old = old.seal("c", b"secret");
        let new = MasterKey::random().with_previous(&old);
        assert_eq!(new.open("c", &sealed_old).as_deref(), Ok(&b"secret"[..]));
        let sealed_new = new.seal("c", b"fresh");
        assert_eq!(old.open("c", &sealed_new), Err(OpenError), "new values are sealed with the new key only");
    }

    #[test]
    fn signatures_are_bound_to_their_purpose() {
        let k = MasterKey::random();
        let s = k.sign("playback", b"x");
        assert!(k.verify("playback", b"x", &s));
        assert!(!k.verify("other", b"x", &s));
    }
}
