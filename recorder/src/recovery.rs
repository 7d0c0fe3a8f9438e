//! Closing recordings a crash left open. A session directory with `journal.json`
//! and no running worker was interrupted: its open files are remuxed (the
//! streamable WebM written so far is intact up to the last flushed cluster), hashed
//! and described in a manifest with status `interrupted`.

use std::time::Duration;

use crate::error::RecorderError;
use crate::finalize::close_files;
use crate::manifest::{Journal, Manifest, Segment, Status, MANIFEST_VERSION};
use crate::storage::Storage;

/// Whether `session` has an open journal.
pub(crate) fn is_open(storage: &dyn Storage, session: &str) -> bool {
    storage.exists(&format!("{session}/journal.json"))
}

pub(crate) fn read_journal(storage: &dyn Storage, session: &str) -> Result<Journal, RecorderError> {
    Ok(serde_json::from_slice(&storage.read_all(&format!("{session}/journal.json"))?)?)
}

pub(crate) fn read_manifest(storage: &dyn Storage, session: &str) -> Result<Manifest, RecorderError> {
    Ok(serde_json::from_slice(&storage.read_all(&format!("{session}/manifest.json"))?)?)
}

/// Repairs one interrupted session and writes its manifest; removes the journal.
pub(crate) fn recover_session(
    storage: &dyn Storage,
    session: &str,
    timeout: Duration,
    keys: Option<&dyn crate::sealed::KeySource>,
) -> Result<Manifest, RecorderError> {
    let journal = read_journal(storage, session)?;
    // A crash between writing the manifest and removing the journal: the manifest
    // already covers the journal's last segment, so it is the truth.
    let last_index = journal
        .open
        .as_ref()
        .map(|o| o.index)
        .or_else(|| journal.closed.last().map(|s| s.index));
    if let (Ok(m), Some(last)) = (read_manifest(storage, session), last_index) {
        if m.segments.last().is_some_and(|s| s.index >= last) {
            storage.remove(&format!("{session}/journal.json"))?;
            return Ok(m);
        }
    }
    let mut segments = journal.closed.clone();
    if let Some(open) = &journal.open {
        let key = keys.map(|k| k.file_key(session));
        let files = close_files(storage, session, &open.open_files, timeout, key.as_ref());
        // The file contents are the best evidence of when recording stopped.
        let ended_at = files
            .iter()
            .map(|f| f.start_wallclock_ms + f.duration_ms)
            .max()
            .unwrap_or(open.started_at)
            .max(open.started_at);
        segments.push(Segment {
            index: open.index,
            started_at: open.started_at,
            ended_at,
            gap_before_ms: open.gap_before_ms,
            reason: open.reason.clone(),
            files,
        });
    }
    let ended_at = segments
        .iter()
        .map(|s| s.ended_at)
        .max()
        .unwrap_or(journal.started_at)
        .max(journal.started_at);
    let manifest = Manifest {
        version: MANIFEST_VERSION,
        session_id: journal.session_id.clone(),
        status: journal.prior_status.clone().worst(Status::Interrupted),
        started_at: journal.started_at,
        ended_at,
        keep_until: journal.keep_until,
        segments,
        health: journal.health.clone(),
    };
    let _ = storage.remove(&format!("{session}/.reserve"));
    storage.write_atomic(&format!("{session}/manifest.json"), &serde_json::to_vec_pretty(&manifest)?)?;
    storage.remove(&format!("{session}/journal.json"))?;
    // Staged outputs of a crash during finish (remux, sealing) are garbage now.
    for seg in &manifest.segments {
        for f in &seg.files {
            for staged in crate::finalize::STAGED {
                let _ = storage.remove(&format!("{session}/{}{staged}", f.path));
            }
        }
    }
    Ok(manifest)
}
