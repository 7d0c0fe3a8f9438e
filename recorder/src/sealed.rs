//! Encryption at rest of finished recording files: a chunked AES-256-GCM format that can be
//! decrypted at any offset, so an encrypted recording still plays with seeking (a player's
//! Range request needs only the chunks it covers).
//!
//! ```text
//! header  (20 bytes)  "VKYCENC1" ‖ chunk size (u32 BE, plaintext bytes) ‖ nonce prefix (7 random bytes) ‖ 0x00
//! chunk i             AES-256-GCM(key, nonce = prefix ‖ i (u32 BE) ‖ last (0x00 | 0x01),
//!                                 aad = header ‖ label) = ciphertext ‖ 16-byte tag
//! ```
//!
//! Every chunk holds `chunk size` plaintext bytes except the last, which holds the rest (1 to
//! `chunk size` bytes; 0 only for an empty file). The chunk index and the last-chunk flag are
//! part of the nonce, so chunks cannot be reordered, dropped or the file truncated at a chunk
//! boundary without the authentication failing; the header (with its random prefix) and the
//! label (the file's storage key) are authenticated with every chunk, so a chunk cannot be
//! moved into another file. The key is a per-session file key the server derives from the
//! session's data key; the recorder only ever sees it through [`KeySource`].

use std::fmt;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::RecorderError;
use crate::storage::Storage;

pub const MAGIC: &[u8; 8] = b"VKYCENC1";
/// Name of the format in manifests.
pub const SCHEME: &str = "aes-256-gcm-chunked-v1";
pub const HEADER_LEN: u64 = 20;
pub const TAG_LEN: u64 = 16;
/// Plaintext bytes per chunk: big enough that the tags cost 0.02 %, small enough that a
/// Range request decrypts little it does not send.
pub const CHUNK: u32 = 64 * 1024;

/// A 256-bit file key. Never printed.
#[derive(Clone)]
pub struct FileKey([u8; 32]);

impl FileKey {
    pub fn from_bytes(bytes: [u8; 32]) -> FileKey {
        FileKey(bytes)
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(&self.0.into())
    }
}

impl fmt::Debug for FileKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FileKey(<redacted>)")
    }
}

/// Where the recorder gets a session's file key (the server's vault). Called on the
/// recorder's own threads (segment close, finish, recovery), never on the packet path.
pub trait KeySource: Send + Sync + 'static {
    fn file_key(&self, session: &str) -> Result<FileKey, String>;
}

/// Why a sealed file does not open.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("not an encrypted recording file (no VKYCENC1 header)")]
    NotSealed,
    #[error("the file's length does not fit the format (truncated?)")]
    BadLength,
    /// Wrong key, a changed byte, a moved, reordered or dropped chunk: GCM cannot tell which.
    #[error("chunk {0} does not open with this key (wrong key or altered file)")]
    DoesNotOpen(u64),
    #[error("storage: {0}")]
    Storage(String),
}

/// The plaintext of a sealed file as stored: its length and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub plain_bytes: u64,
    pub plain_sha256: String,
}

fn nonce(prefix: &[u8], index: u64, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[..7].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&(index as u32).to_be_bytes());
    n[11] = u8::from(last);
    n
}

fn aad(header: &[u8], label: &str) -> Vec<u8> {
    let mut a = header.to_vec();
    a.extend_from_slice(label.as_bytes());
    a
}

/// Reads until `buf` is full or the input ends; returns how many bytes were read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Encrypts the local file `src` into `dst` (created, fsynced), streaming chunk by chunk.
pub fn seal_file(src: &Path, dst: &Path, key: &FileKey, label: &str) -> Result<Sealed, RecorderError> {
    let mut input = File::open(src)?;
    let mut out = std::io::BufWriter::new(File::create(dst)?);
    let mut header = Vec::with_capacity(HEADER_LEN as usize);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&CHUNK.to_be_bytes());
    let mut prefix = [0u8; 7];
    rand::rngs::OsRng.fill_bytes(&mut prefix);
    header.extend_from_slice(&prefix);
    header.push(0);
    out.write_all(&header)?;
    let aad = aad(&header, label);
    let cipher = key.cipher();
    let mut hasher = Sha256::new();
    let mut total = 0u64;
    // One chunk of look-ahead tells whether the current chunk is the last.
    let mut cur = vec![0u8; CHUNK as usize];
    let mut next = vec![0u8; CHUNK as usize];
    let mut cur_len = fill(&mut input, &mut cur)?;
    let mut index = 0u64;
    loop {
        let next_len = if cur_len == CHUNK as usize { fill(&mut input, &mut next)? } else { 0 };
        let last = next_len == 0;
        let plain = &cur[..cur_len];
        hasher.update(plain);
        total += cur_len as u64;
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce(&prefix, index, last)), Payload { msg: plain, aad: &aad })
            .map_err(|_| RecorderError::Pipeline("encryption failed".into()))?;
        out.write_all(&sealed)?;
        if last {
            break;
        }
        std::mem::swap(&mut cur, &mut next);
        cur_len = next_len;
        index += 1;
        if index > u64::from(u32::MAX) {
            return Err(RecorderError::Pipeline("file too large to encrypt".into()));
        }
    }
    let f = out.into_inner().map_err(|e| RecorderError::Io(e.into_error()))?;
    f.sync_all()?;
    Ok(Sealed { plain_bytes: total, plain_sha256: hex::encode(hasher.finalize()) })
}

/// Whether `key` in `storage` starts with the sealed-file header.
pub fn is_sealed(storage: &dyn Storage, key: &str) -> bool {
    storage.read_range(key, 0, MAGIC.len() as u64).is_ok_and(|b| b == MAGIC)
}

/// Plaintext length of a sealed file of `stored` bytes with chunks of `chunk` bytes.
pub fn plain_len(stored: u64, chunk: u32) -> Option<u64> {
    let body = stored.checked_sub(HEADER_LEN)?;
    let full = u64::from(chunk) + TAG_LEN;
    if body < TAG_LEN || chunk == 0 {
        return None;
    }
    let chunks = body.div_ceil(full);
    let last = body - (chunks - 1) * full;
    let last_plain = last.checked_sub(TAG_LEN)?;
    if last_plain > u64::from(chunk) || (last_plain == 0 && chunks > 1) {
        return None;
    }
    Some((chunks - 1) * u64::from(chunk) + last_plain)
}

/// Random access to a sealed file in a [`Storage`]: decrypts only the chunks asked for.
pub struct SealedReader<'a> {
    storage: &'a dyn Storage,
    key_name: String,
    file_key: FileKey,
    aad: Vec<u8>,
    prefix: [u8; 7],
    chunk: u32,
    stored: u64,
    plain: u64,
}

impl<'a> SealedReader<'a> {
    /// Opens `key` (its header and length); `label` is the label it was sealed with.
    pub fn open(storage: &'a dyn Storage, key: &str, file_key: &FileKey, label: &str) -> Result<SealedReader<'a>, SealError> {
        let storage_err = |e: RecorderError| SealError::Storage(e.to_string());
        let header = storage.read_range(key, 0, HEADER_LEN).map_err(storage_err)?;
        if header.len() as u64 != HEADER_LEN || &header[..8] != MAGIC {
            return Err(SealError::NotSealed);
        }
        let chunk = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
        let mut prefix = [0u8; 7];
        prefix.copy_from_slice(&header[12..19]);
        let stored = storage.size(key).map_err(storage_err)?;
        let plain = plain_len(stored, chunk).ok_or(SealError::BadLength)?;
        Ok(SealedReader { storage, key_name: key.to_owned(), file_key: file_key.clone(), aad: aad(&header, label), prefix, chunk, stored, plain })
    }

    pub fn plain_len(&self) -> u64 {
        self.plain
    }

    pub fn chunk_size(&self) -> u32 {
        self.chunk
    }

    fn chunks(&self) -> u64 {
        (self.stored - HEADER_LEN).div_ceil(u64::from(self.chunk) + TAG_LEN)
    }

    /// The plaintext of chunk `index`.
    pub fn chunk(&self, index: u64) -> Result<Vec<u8>, SealError> {
        let chunks = self.chunks();
        if index >= chunks {
            return Err(SealError::BadLength);
        }
        let full = u64::from(self.chunk) + TAG_LEN;
        let start = HEADER_LEN + index * full;
        let len = full.min(self.stored - start);
        let sealed = self.storage.read_range(&self.key_name, start, len).map_err(|e| SealError::Storage(e.to_string()))?;
        if sealed.len() as u64 != len {
            return Err(SealError::BadLength);
        }
        let last = index + 1 == chunks;
        self.file_key
            .cipher()
            .decrypt(Nonce::from_slice(&nonce(&self.prefix, index, last)), Payload { msg: &sealed, aad: &self.aad })
            .map_err(|_| SealError::DoesNotOpen(index))
    }

    /// `len` plaintext bytes from `offset` (fewer at the end of the file).
    pub fn read(&self, offset: u64, len: u64) -> Result<Vec<u8>, SealError> {
        let end = offset.saturating_add(len).min(self.plain);
        let mut out = Vec::with_capacity(end.saturating_sub(offset) as usize);
        let mut pos = offset;
        while pos < end {
            let index = pos / u64::from(self.chunk);
            let plain = self.chunk(index)?;
            let from = (pos - index * u64::from(self.chunk)) as usize;
            let to = ((end - index * u64::from(self.chunk)) as usize).min(plain.len());
            out.extend_from_slice(&plain[from..to]);
            pos = index * u64::from(self.chunk) + to as u64;
        }
        Ok(out)
    }

    /// Streams the whole plaintext through `sink`, chunk by chunk (every chunk authenticated).
    pub fn for_each_chunk(&self, mut sink: impl FnMut(&[u8]) -> Result<(), SealError>) -> Result<(), SealError> {
        for i in 0..self.chunks() {
            sink(&self.chunk(i)?)?;
        }
        Ok(())
    }

    /// Length and SHA-256 of the plaintext (reads and authenticates every chunk).
    pub fn digest(&self) -> Result<Sealed, SealError> {
        let mut h = Sha256::new();
        self.for_each_chunk(|c| {
            h.update(c);
            Ok(())
        })?;
        Ok(Sealed { plain_bytes: self.plain, plain_sha256: hex::encode(h.finalize()) })
    }

    /// Decrypts the whole file into the local file `dst`.
    pub fn decrypt_to(&self, dst: &Path) -> Result<(), SealError> {
        let io = |e: std::io::Error| SealError::Storage(e.to_string());
        let mut out = std::io::BufWriter::new(File::create(dst).map_err(io)?);
        self.for_each_chunk(|c| out.write_all(c).map_err(io))?;
        out.flush().map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::LocalStorage;

    fn sealed_copy(dir: &Path, plain: &[u8], key: &FileKey) -> (LocalStorage, Sealed) {
        let s = LocalStorage::new(dir).expect("storage");
        std::fs::write(dir.join("plain"), plain).expect("write");
        let info = seal_file(&dir.join("plain"), &dir.join("sealed"), key, "s/seg-0000/a.webm").expect("seal");
        (s, info)
    }

    #[test]
    fn any_range_decrypts_to_the_same_bytes_as_the_plaintext() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = FileKey::from_bytes([3; 32]);
        let plain: Vec<u8> = (0..(CHUNK as usize * 3 + 1234)).map(|i| (i * 7 % 251) as u8).collect();
        let (s, info) = sealed_copy(dir.path(), &plain, &key);
        assert_eq!(info.plain_bytes, plain.len() as u64);
        let r = SealedReader::open(&s, "sealed", &key, "s/seg-0000/a.webm").expect("open");
        assert_eq!(r.plain_len(), plain.len() as u64);
        for (off, len) in [(0u64, 10u64), (65_530, 20), (CHUNK as u64 * 3, 5000), (100, 300_000), (plain.len() as u64 - 1, 10)] {
            let end = (off + len).min(plain.len() as u64) as usize;
            assert_eq!(r.read(off, len).expect("range"), &plain[off as usize..end], "range {off}+{len}");
        }
        assert_eq!(r.digest().expect("digest").plain_sha256, hex::encode(Sha256::digest(&plain)));
    }

    #[test]
    fn exact_multiples_small_and_empty_files_round_trip() {
        for n in [0usize, 1, CHUNK as usize, CHUNK as usize * 2] {
            let dir = tempfile::tempdir().expect("tempdir");
            let key = FileKey::from_bytes([9; 32]);
            let plain = vec![0xAB; n];
            let (s, _) = sealed_copy(dir.path(), &plain, &key);
            let r = SealedReader::open(&s, "sealed", &key, "s/seg-0000/a.webm").expect("open");
            assert_eq!(r.plain_len(), n as u64);
            assert_eq!(r.read(0, u64::MAX).expect("all"), plain);
        }
    }

    #[test]
    fn a_wrong_key_a_flipped_byte_a_truncation_or_another_label_fail_to_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = FileKey::from_bytes([5; 32]);
        let plain = vec![0x1A; CHUNK as usize * 2 + 10];
        let (s, _) = sealed_copy(dir.path(), &plain, &key);
        let wrong = FileKey::from_bytes([6; 32]);
        assert_eq!(SealedReader::open(&s, "sealed", &wrong, "s/seg-0000/a.webm").expect("open").chunk(0), Err(SealError::DoesNotOpen(0)));
        assert_eq!(SealedReader::open(&s, "sealed", &key, "s/seg-0000/b.webm").expect("open").chunk(1), Err(SealError::DoesNotOpen(1)));
        let mut bytes = std::fs::read(dir.path().join("sealed")).expect("read");
        bytes[HEADER_LEN as usize + CHUNK as usize + 40] ^= 1;
        std::fs::write(dir.path().join("flipped"), &bytes).expect("write");
        let r = SealedReader::open(&s, "flipped", &key, "s/seg-0000/a.webm").expect("open");
        assert_eq!(r.digest(), Err(SealError::DoesNotOpen(1)));
        // Cut after the second chunk: that chunk was not sealed as the last one.
        let good = std::fs::read(dir.path().join("sealed")).expect("read");
        let cut = HEADER_LEN as usize + 2 * (CHUNK as usize + TAG_LEN as usize);
        std::fs::write(dir.path().join("cut"), &good[..cut]).expect("write");
        let r = SealedReader::open(&s, "cut", &key, "s/seg-0000/a.webm").expect("open");
        assert_eq!(r.chunk(1), Err(SealError::DoesNotOpen(1)));
    }

    #[test]
    fn the_sealed_file_carries_no_plaintext() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = FileKey::from_bytes([1; 32]);
        let mut plain = vec![0x1A, 0x45, 0xDF, 0xA3];
        plain.extend(b"webm frame bytes that must not survive".repeat(100));
        let (_, _) = sealed_copy(dir.path(), &plain, &key);
        let sealed = std::fs::read(dir.path().join("sealed")).expect("read");
        assert!(!sealed.windows(4).any(|w| w == [0x1A, 0x45, 0xDF, 0xA3]));
        assert!(!sealed.windows(16).any(|w| w == b"webm frame bytes"));
    }

    #[test]
    fn lengths_that_do_not_fit_the_format_are_refused() {
        assert_eq!(plain_len(HEADER_LEN + TAG_LEN, CHUNK), Some(0));
        assert_eq!(plain_len(HEADER_LEN + 5, CHUNK), None);
        assert_eq!(plain_len(HEADER_LEN + u64::from(CHUNK) + TAG_LEN + TAG_LEN, CHUNK), None, "an empty chunk after a full one");
        assert_eq!(plain_len(HEADER_LEN + u64::from(CHUNK) + TAG_LEN + TAG_LEN + 1, CHUNK), Some(u64::from(CHUNK) + 1));
    }
}
