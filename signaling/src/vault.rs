//! Envelope encryption of a session's personal data at rest. Each session gets its own random
//! 256-bit data key, stored only wrapped (sealed) by the master key; stills, ID images,
//! application data and recordings are encrypted with AES-256-GCM under it. Rotating the master
//! key re-wraps the data keys without touching the data; erasing a session destroys its key,
//! which makes every copy of its data unreadable (backups included).

use crate::crypto::MasterKey;
use crate::db::Db;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use domain::SessionId;
use rand::RngCore;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A session's data key (never stored unwrapped, never logged).
#[derive(Clone)]
pub struct DataKey(Arc<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

impl DataKey {
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Encrypts `plain`; `aad` names what it is (e.g. `still:<id>`), so ciphertexts cannot be
    /// swapped between records. Output: nonce ‖ ciphertext ‖ tag.
    pub fn seal(&self, aad: &str, plain: &[u8]) -> Vec<u8> {
        let cipher = Aes256Gcm::new_from_slice(&self.0[..]).expect("32-byte key");
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut out = nonce.to_vec();
        out.extend(cipher.encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad: aad.as_bytes() }).unwrap_or_default());
        out
    }

    pub fn open(&self, aad: &str, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        if sealed.len() < 28 {
            return Err(VaultError::Corrupt);
        }
        let cipher = Aes256Gcm::new_from_slice(&self.0[..]).map_err(|_| VaultError::Corrupt)?;
        let (nonce, body) = sealed.split_at(12);
        cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: aad.as_bytes() }).map_err(|_| VaultError::Corrupt)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The data does not open with this session's key (tampered, or another session's).
    #[error("the encrypted data does not open")]
    Corrupt,
    /// The session's key was destroyed (erased) or never existed.
    #[error("the session's data key is gone")]
    NoKey,
    /// The stored key does not open with the configured master key.
    #[error("the master key does not open the session's data key")]
    WrongMasterKey,
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// Cheap-clone handle: wraps, unwraps and caches data keys.
#[derive(Clone)]
pub struct Vault {
    db: Db,
    master: MasterKey,
    cache: Arc<Mutex<HashMap<String, DataKey>>>,
}

fn wrap_context(session: &SessionId) -> String {
    format!("session-data-key:{session}")
}

impl Vault {
    pub fn new(db: Db, master: MasterKey) -> Vault {
        Vault { db, master, cache: Arc::default() }
    }

    /// The session's data key, created on first use.
    pub async fn key(&self, session: &SessionId, now: i64) -> Result<DataKey, VaultError> {
        if let Some(k) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(session.as_str()) {
            return Ok(k.clone());
        }
        let key = match self.load(session).await? {
            Some(k) => k,
            None => {
                let mut raw = [0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut raw);
                let wrapped = self.master.seal(&wrap_context(session), &raw);
                // Two first uses racing: the first insert wins, the other reads it back.
                let _ = sqlx::query("INSERT INTO session_keys (session_id, wrapped, created_at) VALUES ($1, $2, $3)")
                    .bind(session.as_str().to_owned())
                    .bind(wrapped)
                    .bind(now)
                    .execute(&self.db)
                    .await;
                self.load(session).await?.ok_or(VaultError::NoKey)?
            }
        };
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(session.as_str().to_owned(), key.clone());
        Ok(key)
    }

    /// The session's data key if it exists (reading never creates one).
    pub async fn existing_key(&self, session: &SessionId) -> Result<DataKey, VaultError> {
        if let Some(k) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(session.as_str()) {
            return Ok(k.clone());
        }
        let key = self.load(session).await?.ok_or(VaultError::NoKey)?;
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(session.as_str().to_owned(), key.clone());
        Ok(key)
    }

    async fn load(&self, session: &SessionId) -> Result<Option<DataKey>, VaultError> {
        let row = sqlx::query("SELECT wrapped FROM session_keys WHERE session_id = $1 AND destroyed_at IS NULL")
            .bind(session.as_str().to_owned())
            .fetch_optional(&self.db)
            .await?;
        let Some(r) = row else { return Ok(None) };
        let wrapped: Vec<u8> = r.try_get("wrapped")?;
        let raw = self.master.open(&wrap_context(session), &wrapped).map_err(|_| VaultError::WrongMasterKey)?;
        let raw: [u8; 32] = raw.try_into().map_err(|_| VaultError::WrongMasterKey)?;
        Ok(Some(DataKey(Arc::new(raw))))
    }

    /// Destroys the session's data key (erasure): its data can never be read again.
    pub async fn destroy(&self, session: &SessionId, now: i64) -> Result<(), VaultError> {
        sqlx::query("UPDATE session_keys SET wrapped = $2, destroyed_at = $3 WHERE session_id = $1")
            .bind(session.as_str().to_owned())
            .bind(Vec::<u8>::new())
            .bind(now)
            .execute(&self.db)
            .await?;
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).remove(session.as_str());
        Ok(())
    }

    /// Re-wraps every data key from `old` to `new` (master-key rotation); the data is untouched.
    /// Returns how many keys were re-wrapped.
    pub async fn rotate(db: &Db, old: &MasterKey, new: &MasterKey) -> Result<u64, VaultError> {
        let rows = sqlx::query("SELECT session_id, wrapped FROM session_keys WHERE destroyed_at IS NULL").fetch_all(db).await?;
        let mut n = 0;
        for r in rows {
            let session = SessionId::from_stored(r.try_get::<String, _>("session_id")?);
            let wrapped: Vec<u8> = r.try_get("wrapped")?;
            let raw = match old.open(&wrap_context(&session), &wrapped) {
                Ok(raw) => raw,
                // Already wrapped by the new key (a rotation that was interrupted and re-run).
                Err(_) if new.open(&wrap_context(&session), &wrapped).is_ok() => continue,
                Err(_) => return Err(VaultError::WrongMasterKey),
            };
            sqlx::query("UPDATE session_keys SET wrapped = $2 WHERE session_id = $1")
                .bind(session.as_str().to_owned())
                .bind(new.seal(&wrap_context(&session), &raw))
                .execute(db)
                .await?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_data_opens_only_with_its_key_and_label() {
        let k = DataKey(Arc::new([7; 32]));
        let sealed = k.seal("still:1", b"JFIF image bytes");
        assert!(!sealed.windows(4).any(|w| w == b"JFIF"));
        assert_eq!(k.open("still:1", &sealed).ok().as_deref(), Some(&b"JFIF image bytes"[..]));
        assert!(k.open("still:2", &sealed).is_err());
        assert!(DataKey(Arc::new([8; 32])).open("still:1", &sealed).is_err());
    }
}
