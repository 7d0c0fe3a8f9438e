//! Closing files for good: remux to a staged file, atomically replace, fsync, hash.
//! Shared by `finish`, `new_segment` and crash recovery, so a file is described the
//! same way in the manifest whichever path closed it.

use std::time::Duration;

use crate::config::Medium;
use crate::manifest::{FileEntry, OpenFile};
use crate::pipeline::remux;
use crate::storage::Storage;

/// `close_file` for several files at once, one thread per file (remux and hashing
/// are I/O + single-core work; a segment has at most a handful of files).
pub(crate) fn close_files(
    storage: &dyn Storage,
    session: &str,
    files: &[OpenFile],
    timeout: Duration,
) -> Vec<FileEntry> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| scope.spawn(move || close_file(storage, session, f, timeout)))
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
    }
}

/// Remuxes, hashes and describes one file of `session`. Never fails: a file that
/// cannot be repaired is still listed, hashed as it is, with `error` set.
pub(crate) fn close_file(
    storage: &dyn Storage,
    session: &str,
    open: &OpenFile,
    timeout: Duration,
) -> FileEntry {
    let key = format!("{session}/{}", open.path);
    let staged = format!("{key}.remux.part");
    let mut entry = close_file_failed(open);
    if !storage.exists(&key) {
        entry.error = Some("file was never created".into());
        return entry;
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
