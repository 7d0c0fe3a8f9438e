//! Closing files for good: remux to a staged file, atomically replace, seal (encrypt) to a
//! staged file, atomically replace, fsync (an object store uploads here), hash. Shared by
//! `finish`, `new_segment` and crash recovery, so a file is described the same way in the
//! manifest whichever path closed it. A crash at any step leaves either the plain WebM
//! (recovery remuxes and seals it again) or the sealed file (recovery only describes it).

use std::time::Duration;

use crate::config::Medium;
use crate::manifest::{FileEncryption, FileEntry, OpenFile};
use crate::pipeline::{remux, Span};
use crate::sealed::{self, FileKey, SealedReader};
use crate::storage::Storage;

/// Suffixes of the staged files a close writes next to the file (garbage after a crash).
pub(crate) const STAGED: [&str; 4] = [".remux.part", ".seal.part", ".probe.part", ".probe-remux.part"];

/// The key a close seals with: `None` when encryption is off, `Some(Err)` when the key could
/// not be had (the file then stays plain and says so in `error`).
pub(crate) type CloseKey<'a> = Option<&'a Result<FileKey, String>>;

/// `close_file` for several files at once, one thread per file (remux and hashing
/// are I/O + single-core work; a segment has at most a handful of files).
pub(crate) fn close_files(
    storage: &dyn Storage,
    session: &str,
    files: &[OpenFile],
    timeout: Duration,
    key: CloseKey<'_>,
) -> Vec<FileEntry> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| scope.spawn(move || close_file(storage, session, f, timeout, key)))
            .collect();
        handles
            .into_iter()
            .zip(files)
            .map(|(h, f)| {
                h.join().unwrap_or_else(|_| {
                    let mut e = close_file_failed(f);
                    e.error = Some("finalizer thread panicked".into());
                    e
                })
            })
            .collect()
    })
}

fn close_file_failed(open: &OpenFile) -> FileEntry {
    FileEntry {
        participant: open.participant.clone(),
        medium: open.medium,
        path: open.path.clone(),
        bytes: 0,
        sha256: String::new(),
        payload_type: open.payload_type,
        ssrc: open.ssrc,
        clock_rate: open.medium.clock_rate(),
        first_rtp_ts: open.first_rtp_ts,
        first_rtp_wallclock_ms: open.first_rtp_wallclock_ms,
        start_wallclock_ms: open.first_rtp_wallclock_ms,
        duration_ms: 0,
        seekable: false,
        error: None,
        encryption: None,
    }
}

/// The label a file is sealed with: its storage key, so a sealed file cannot be swapped.
pub fn seal_label(session: &str, path: &str) -> String {
    format!("{session}/{path}")
}

/// The media span of a file that is already sealed (a crash after sealing, before the
/// manifest): decrypted to a staged file, remuxed to another, both removed again.
fn sealed_span(storage: &dyn Storage, key: &str, label: &str, file_key: &FileKey, medium: Medium, timeout: Duration) -> Result<Span, crate::RecorderError> {
    let plain = format!("{key}.probe.part");
    let out = format!("{key}.probe-remux.part");
    let result = (|| {
        let reader = SealedReader::open(storage, key, file_key, label).map_err(|e| crate::RecorderError::Pipeline(e.to_string()))?;
        let plain_path = storage.writable_path(&plain)?;
        reader.decrypt_to(&plain_path).map_err(|e| crate::RecorderError::Pipeline(e.to_string()))?;
        remux(&plain_path, &storage.writable_path(&out)?, medium, timeout)
    })();
    let _ = storage.remove(&plain);
    let _ = storage.remove(&out);
    result
}

/// Remuxes, hashes and describes one file of `session`. Never fails: a file that
/// cannot be repaired is still listed, hashed as it is, with `error` set.
pub(crate) fn close_file(
    storage: &dyn Storage,
    session: &str,
    open: &OpenFile,
    timeout: Duration,
    file_key: CloseKey<'_>,
) -> FileEntry {
    let key = format!("{session}/{}", open.path);
    let staged = format!("{key}.remux.part");
    let label = seal_label(session, &open.path);
    let mut entry = close_file_failed(open);
    if !storage.exists(&key) {
        entry.error = Some("file was never created".into());
        return entry;
    }
    if sealed::is_sealed(storage, &key) {
        return describe_sealed(storage, &key, &label, open, file_key, timeout, entry);
    }
    let remuxed = (|| {
        let src = storage.writable_path(&key)?;
        let dst = storage.writable_path(&staged)?;
        // Long calls make big files: allow 10 MB/s on top of the base timeout.
        let size = storage.size(&key).unwrap_or(0);
        let timeout = timeout + Duration::from_millis(size / 10_000);
        let span = remux(&src, &dst, open.medium, timeout)?;
        storage.replace(&staged, &key)?;
        Ok::<_, crate::RecorderError>(span)
    })();
    match remuxed {
        Ok(span) => {
            entry.seekable = true;
            entry.duration_ms = span.duration().as_millis() as u64;
            entry.start_wallclock_ms += span.first.unwrap_or_default().as_millis() as u64;
        }
        Err(e) => {
            // The streamable original is still playable; keep it rather than nothing.
            let _ = storage.remove(&staged);
            entry.error = Some(format!("not remuxed: {e}"));
        }
    }
    match file_key {
        None => {}
        Some(Err(e)) => {
            tracing::error!(%session, error = %e, "no file key: the recording file stays unencrypted");
            entry.error.get_or_insert_with(|| format!("not encrypted: {e}"));
        }
        Some(Ok(k)) => {
            let sealed_key = format!("{key}.seal.part");
            let sealed = (|| {
                let info = sealed::seal_file(&storage.writable_path(&key)?, &storage.writable_path(&sealed_key)?, k, &label)?;
                storage.replace(&sealed_key, &key)?;
                Ok::<_, crate::RecorderError>(info)
            })();
            match sealed {
                Ok(info) => entry.encryption = Some(encryption(info)),
                Err(e) => {
                    let _ = storage.remove(&sealed_key);
                    tracing::error!(%session, error = %e, "sealing a recording file failed: it stays unencrypted");
                    entry.error.get_or_insert_with(|| format!("not encrypted: {e}"));
                }
            }
        }
    }
    finalize_and_hash(storage, &key, entry)
}

fn encryption(info: sealed::Sealed) -> FileEncryption {
    FileEncryption { scheme: sealed::SCHEME.into(), chunk_bytes: sealed::CHUNK, plaintext_bytes: info.plain_bytes, plaintext_sha256: info.plain_sha256 }
}

/// A file sealed before a crash: its span and plaintext hash are read back through the key.
fn describe_sealed(storage: &dyn Storage, key: &str, label: &str, open: &OpenFile, file_key: CloseKey<'_>, timeout: Duration, mut entry: FileEntry) -> FileEntry {
    match file_key {
        Some(Ok(k)) => {
            match sealed_span(storage, key, label, k, open.medium, timeout) {
                Ok(span) => {
                    entry.seekable = true;
                    entry.duration_ms = span.duration().as_millis() as u64;
                    entry.start_wallclock_ms += span.first.unwrap_or_default().as_millis() as u64;
                }
                Err(e) => entry.error = Some(format!("sealed file not probed: {e}")),
            }
            match SealedReader::open(storage, key, k, label).and_then(|r| r.digest()) {
                Ok(info) => entry.encryption = Some(encryption(info)),
                Err(e) => {
                    entry.error.get_or_insert_with(|| format!("sealed file does not open: {e}"));
                }
            }
        }
        _ => entry.error = Some("sealed file found but no key to read it".into()),
    }
    finalize_and_hash(storage, key, entry)
}

fn finalize_and_hash(storage: &dyn Storage, key: &str, mut entry: FileEntry) -> FileEntry {
    let key = key.to_owned();
    if let Err(e) = storage.finalize(&key) {
        entry.error.get_or_insert_with(|| format!("not finalized: {e}"));
    }
    match (storage.size(&key), storage.sha256(&key)) {
        (Ok(bytes), Ok(sha)) => {
            entry.bytes = bytes;
            entry.sha256 = sha;
        }
        (Err(e), _) | (_, Err(e)) => {
            entry.error.get_or_insert_with(|| format!("not hashed: {e}"));
        }
    }
    entry
}

/// `seg-0003/customer-video.webm`: ids only, so paths never carry personal data.
pub(crate) fn file_path(segment: u32, participant: &str, medium: Medium) -> String {
    format!("seg-{segment:04}/{participant}-{}.webm", medium.as_str())
}
