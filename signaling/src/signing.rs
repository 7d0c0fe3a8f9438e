//! The deployment's Ed25519 signing key: recording manifests, decisions, compliance reports
//! and evidence packages are signed with it, and anyone can check them with the public key
//! (`GET /api/v1/signing-key`, or `openssl pkeyutl -verify -pubin -inkey key.pem -rawin`).
//!
//! Signatures are plain Ed25519 (RFC 8032) over the exact bytes of what is signed, so OpenSSL
//! 3 verifies them without any tool of ours. Large files (recordings) are signed by streaming
//! them twice through the hash (Ed25519 needs two passes) instead of holding them in memory.
//!
//! The key file is PKCS#8 PEM, created with mode 0600 on first start like the master key.

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256, Sha512};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum SigningKeyError {
    #[error("signing key file {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("signing key file {0} is not a PKCS#8 PEM Ed25519 private key")]
    Malformed(String),
}

/// The signing key (cheap to clone; `Debug` prints only the public fingerprint).
#[derive(Clone)]
pub struct Signer(Arc<SigningKey>);

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({})", self.fingerprint())
    }
}

impl Signer {
    pub fn random() -> Signer {
        Signer(Arc::new(SigningKey::generate(&mut rand::rngs::OsRng)))
    }

    /// Reads the key file, creating it (mode 0600, new random key) if it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Signer, SigningKeyError> {
        let io = |source| SigningKeyError::Io { path: path.display().to_string(), source };
        match std::fs::read_to_string(path) {
            Ok(pem) => SigningKey::from_pkcs8_pem(&pem).map(|k| Signer(Arc::new(k))).map_err(|_| SigningKeyError::Malformed(path.display().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(io)?;
                }
                let s = Signer::random();
                let pem = s.0.to_pkcs8_pem(LineEnding::LF).map_err(|_| SigningKeyError::Malformed(path.display().to_string()))?;
                crate::crypto::write_private(path, pem.as_bytes()).map_err(io)?;
                Ok(s)
            }
            Err(e) => Err(io(e)),
        }
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.0.verifying_key()
    }

    /// The public key as SubjectPublicKeyInfo PEM (what `openssl pkeyutl -pubin` reads).
    pub fn public_pem(&self) -> String {
        public_pem(&self.verifying_key())
    }

    /// SHA-256 of the raw 32-byte public key, hex: the key's name in packages and reports.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.verifying_key())
    }

    pub fn sign(&self, message: &[u8]) -> Signature {
        self.0.sign(message)
    }

    /// Signs a message too large to hold in memory: `feed` must write the same bytes to the
    /// hasher each time it is called (it is called twice). `feed`'s own error comes back as is.
    pub fn sign_streamed<E>(&self, feed: impl Fn(&mut dyn FnMut(&[u8])) -> Result<(), E>) -> Result<Signature, E> {
        let failure = std::cell::RefCell::new(None);
        let esk = ed25519_dalek::hazmat::ExpandedSecretKey::from(&self.0.to_bytes());
        let signed = ed25519_dalek::hazmat::raw_sign_byupdate::<Sha512, _>(
            &esk,
            |h: &mut Sha512| {
                let mut update = |b: &[u8]| h.update(b);
                feed(&mut update).map_err(|e| {
                    *failure.borrow_mut() = Some(e);
                    ed25519_dalek::SignatureError::new()
                })
            },
            &self.verifying_key(),
        );
        match (signed, failure.into_inner()) {
            (_, Some(e)) => Err(e),
            (Ok(sig), None) => Ok(sig),
            // Signing with a well-formed key cannot fail otherwise.
            (Err(_), None) => unreachable!("ed25519 signing failed without a feed error"),
        }
    }
}

pub fn public_pem(key: &VerifyingKey) -> String {
    key.to_public_key_pem(LineEnding::LF).unwrap_or_default()
}

pub fn fingerprint(key: &VerifyingKey) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Reads a SubjectPublicKeyInfo PEM Ed25519 public key.
pub fn parse_public_pem(pem: &str) -> Option<VerifyingKey> {
    use ed25519_dalek::pkcs8::DecodePublicKey;
    VerifyingKey::from_public_key_pem(pem.trim()).ok()
}

/// Checks `signature` (64 raw bytes) over `message`.
pub fn verify(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    let Ok(sig) = Signature::from_slice(signature) else { return false };
    key.verify_strict(message, &sig).is_ok()
}

/// Checks a signature over a message fed in pieces (a large file).
pub fn verify_streamed(key: &VerifyingKey, signature: &[u8], feed: impl FnOnce(&mut dyn FnMut(&[u8])) -> std::io::Result<()>) -> std::io::Result<bool> {
    let Ok(sig) = Signature::from_slice(signature) else { return Ok(false) };
    let Ok(mut v) = key.verify_stream(&sig) else { return Ok(false) };
    let mut update = |b: &[u8]| v.update(b);
    feed(&mut update)?;
    Ok(v.finalize_and_verify().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_signature_equals_the_one_over_the_whole_message_and_verifies_both_ways() {
        let s = Signer::random();
        let msg: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
        let whole = s.sign(&msg);
        let streamed = s
            .sign_streamed(|h| {
                for c in msg.chunks(7000) {
                    h(c);
                }
                Ok::<_, ()>(())
            })
            .expect("signed");
        assert_eq!(whole, streamed, "Ed25519 is deterministic");
        assert!(verify(&s.verifying_key(), &msg, &whole.to_bytes()));
        let ok = verify_streamed(&s.verifying_key(), &whole.to_bytes(), |h| {
            for c in msg.chunks(999) {
                h(c);
            }
            Ok(())
        });
        assert!(ok.expect("read"));
        let mut changed = msg.clone();
        changed[100] ^= 1;
        assert!(!verify(&s.verifying_key(), &changed, &whole.to_bytes()));
        assert!(!verify(&Signer::random().verifying_key(), &msg, &whole.to_bytes()));
    }

    #[test]
    fn the_key_file_is_created_private_and_the_public_key_round_trips_through_pem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k/signing.pem");
        let a = Signer::load_or_create(&path).expect("created");
        let b = Signer::load_or_create(&path).expect("read");
        assert_eq!(a.fingerprint(), b.fingerprint());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
        assert_eq!(parse_public_pem(&a.public_pem()), Some(a.verifying_key()));
        assert!(a.public_pem().starts_with("-----BEGIN PUBLIC KEY-----"));
    }

    #[test]
    fn a_feed_error_is_returned_not_a_signature() {
        let s = Signer::random();
        assert_eq!(s.sign_streamed(|_| Err::<(), _>("disk gone")), Err("disk gone"));
    }
}
