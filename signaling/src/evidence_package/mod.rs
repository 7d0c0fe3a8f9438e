//! The evidence package: everything about one identification in one `.tar`, each file signed
//! with the deployment's Ed25519 key, verifiable offline by [`verify`] (`signaling evidence
//! verify PACKAGE`) or with OpenSSL and coreutils alone (the package's README says how).
//!
//! ```text
//! evidence-<session>/README.md            how to verify
//! evidence-<session>/public_key.pem       the signing key (compare its fingerprint with the deployment's)
//! evidence-<session>/SIGNATURES           `sha256sum` lines for every other file (incl. the .sig files)
//! evidence-<session>/SIGNATURES.sig       Ed25519 over SIGNATURES
//! evidence-<session>/report.pdf|.html|.json  the compliance report (report.json is the signed form)
//! evidence-<session>/decision.json        the signed decision document
//! evidence-<session>/recording/manifest.json, timeline.json, seg-*/<party>-<medium>.webm (decrypted)
//! evidence-<session>/stills/<kind>-<id>.jpg
//! evidence-<session>/events/audit.jsonl   the session's rows of the hash-chained audit log
//! evidence-<session>/events/ai_events.jsonl
//! ```
//! and next to every file `<file>.sig`: the raw 64-byte Ed25519 signature of its bytes.
//!
//! Export runs in two passes on a blocking thread: the first hashes and signs every file
//! (recordings decrypted chunk by chunk, never whole in memory), the second streams the tar.

pub mod verify;

use crate::AppState;
use crate::recording::PlainFile;
use crate::signed::Kind;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// Where a file's bytes come from.
enum Source {
    Bytes(Vec<u8>),
    /// A recording file, decrypted as it is read.
    Recording(PlainFile),
}

struct Planned {
    path: String,
    source: Source,
    len: u64,
    sha256: String,
    signature: [u8; 64],
}

/// A package ready to be written: every file hashed and signed.
pub struct Prepared {
    root: String,
    mtime: u64,
    readme: Vec<u8>,
    public_key: Vec<u8>,
    signatures: Vec<u8>,
    signatures_sig: [u8; 64],
    files: Vec<Planned>,
}

impl Prepared {
    /// SHA-256 of the SIGNATURES file: names the package in the audit log.
    pub fn signatures_sha256(&self) -> String {
        hex::encode(Sha256::digest(&self.signatures))
    }

    pub fn file_name(&self) -> String {
        format!("{}.tar", self.root)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("{0}")]
    Decrypt(#[from] crate::recording::DecryptError),
    #[error("{0}")]
    Vault(#[from] crate::vault::VaultError),
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

fn readme(session: &str, fingerprint: &str) -> String {
    format!(
        r#"# Evidence package of identification session {session}

Every file here is signed with the Ed25519 key in `public_key.pem`. Its fingerprint (SHA-256 of
the raw 32-byte public key) is

    {fingerprint}

Compare it with the key the deployment publishes (`GET /api/v1/signing-key`); a package signed by
any other key is not this deployment's.

## Verify with the server's tool

    signaling evidence verify evidence-{session}.tar --public-key deployment-key.pem

It checks everything below and names the first file that does not verify.

## Verify with OpenSSL 3 and coreutils alone

    tar xf evidence-{session}.tar && cd evidence-{session}
    # 1. The key is the deployment's: print its fingerprint and compare.
    openssl pkey -pubin -in public_key.pem -outform DER | tail -c 32 | openssl dgst -sha256
    # 2. The list of files is signed by it.
    openssl pkeyutl -verify -pubin -inkey public_key.pem -rawin -in SIGNATURES -sigfile SIGNATURES.sig
    # 3. Every file is the one listed.
    sha256sum -c SIGNATURES
    # 4. Every file is signed by the key (each `.sig` is a raw 64-byte signature of its file).
    for f in $(cut -c67- SIGNATURES | grep -v '\.sig$'); do
      openssl pkeyutl -verify -pubin -inkey public_key.pem -rawin -in "$f" -sigfile "$f.sig" >/dev/null || echo "BAD $f"
    done

A changed byte in any file makes step 2, 3 or 4 fail for that file.

## What is here

- `report.pdf`, `report.html`, `report.json`: the compliance report: each requirement of the
  session's profile mapped to its evidence (recording offsets, still hashes, AI scores with
  the model's name, version and file hash, the agent, the time) or marked not met.
- `decision.json`: the signed decision (and its review); free texts are covered by their hash.
- `recording/manifest.json`: the recording's signed manifest (segments, files, hashes of the
  stored encrypted files and of the WebM files here); `recording/timeline.json`: every event
  on the recording's time axis; `recording/seg-*/…webm`: the recording, one file per party
  and medium, decrypted (play them from their `offset_ms` in `timeline.json`).
- `stills/`: the photos taken in the call.
- `events/audit.jsonl`: this session's rows of the hash-chained audit log. Each row's `hash`
  is the SHA-256 of the compact JSON array
  `[seq, at, actor, action, session_id, target, detail, prev_hash]`.
- `events/ai_events.jsonl`: the face analysis' events with the models that produced them.
"#
    )
}

fn planned(signer: &crate::signing::Signer, path: String, bytes: Vec<u8>) -> Planned {
    Planned { len: bytes.len() as u64, sha256: hex::encode(Sha256::digest(&bytes)), signature: signer.sign(&bytes).to_bytes(), path, source: Source::Bytes(bytes) }
}

/// Hashes and signs a recording file without holding it in memory: Ed25519 reads it twice,
/// the hash is taken on the first pass.
fn planned_recording(signer: &crate::signing::Signer, path: String, file: PlainFile) -> Result<Planned, ExportError> {
    let passes = std::cell::Cell::new(0u32);
    let hasher = std::cell::RefCell::new(Sha256::new());
    let signature = {
        let reader = file.reader().map_err(crate::recording::DecryptError::from)?;
        signer
            .sign_streamed(|feed| {
                let first = passes.get() == 0;
                passes.set(passes.get() + 1);
                reader.for_each_chunk(|c| {
                    feed(c);
                    if first {
                        hasher.borrow_mut().update(c);
                    }
                    Ok(())
                })
            })
            .map_err(crate::recording::DecryptError::from)?
    };
    let sha256 = hex::encode(hasher.into_inner().finalize());
    Ok(Planned { path, len: file.len, sha256, signature: signature.to_bytes(), source: Source::Recording(file) })
}

fn jsonl<T: serde::Serialize>(rows: &[T]) -> Vec<u8> {
    let mut out = vec![];
    for r in rows {
        out.extend(serde_json::to_vec(r).unwrap_or_default());
        out.push(b'\n');
    }
    out
}

/// Gathers, hashes and signs everything (the first pass).
pub async fn prepare(state: &AppState, session: &crate::sessions::Session) -> Result<Prepared, ExportError> {
    let db = &state.db;
    let id = &session.id;
    let signer = state.signer.clone();
    let now = state.clock.now_ms();
    let root = format!("evidence-{id}");
    let mut small: Vec<(String, Vec<u8>)> = vec![];
    let (report, report_doc) = crate::report::signed_json(state, session).await?;
    small.push(("report.json".into(), report_doc.body.into_bytes()));
    small.push(("report.pdf".into(), crate::report::pdf::render(&report)));
    small.push(("report.html".into(), crate::report::html::render(&report).into_bytes()));
    if let Some(d) = crate::signed::get(db, id, Kind::Decision).await? {
        small.push(("decision.json".into(), d.body.into_bytes()));
    }
    let mut recordings = vec![];
    if let Some(r) = &state.recordings {
        if let Some(m) = r.manifest(id.as_str()).await? {
            let doc = match crate::signed::get(db, id, Kind::Manifest).await? {
                Some(d) => d,
                None => {
                    crate::signed::sign_manifest(db, &state.signer, &m, now).await?;
                    crate::signed::get(db, id, Kind::Manifest).await?.ok_or_else(|| anyhow::anyhow!("manifest not signed"))?
                }
            };
            small.push(("recording/manifest.json".into(), doc.body.into_bytes()));
            let timeline = crate::archive::timeline::build(state, session).await?;
            small.push(("recording/timeline.json".into(), serde_json::to_vec_pretty(&timeline).unwrap_or_default()));
            for f in m.segments.iter().flat_map(|s| &s.files).filter(|f| f.encryption.is_some()) {
                recordings.push((format!("recording/{}", f.path), r.plain_file(id, f).await?));
            }
        }
    }
    let still_list = crate::evidence::stills::list(db, id).await?;
    if !still_list.is_empty() {
        let key = state.vault.existing_key(id).await?;
        for s in still_list {
            if let Some((ctype, bytes)) = crate::evidence::stills::bytes(db, &key, id, &s.id).await? {
                let ext = if ctype == "image/png" { "png" } else { "jpg" };
                small.push((format!("stills/{}-{}.{ext}", s.kind.as_ref(), s.id), bytes));
            }
        }
    }
    let mut audit_rows = crate::audit::list(db, &crate::audit::Query { session: Some(id.clone()), limit: 1000, ..Default::default() }).await?;
    audit_rows.reverse();
    small.push(("events/audit.jsonl".into(), jsonl(&audit_rows)));
    let ai: Vec<serde_json::Value> = sqlx::query_as::<_, (i64, i64, String, String)>("SELECT id, at, kind, body FROM ai_events WHERE session_id = $1 ORDER BY id")
        .bind(id.as_str().to_owned())
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(eid, at, kind, body)| serde_json::json!({"id": eid, "at": at, "kind": kind, "event": serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default()}))
        .collect();
    small.push(("events/ai_events.jsonl".into(), jsonl(&ai)));
    let readme_text = readme(id.as_str(), &signer.fingerprint()).into_bytes();
    let public_key = signer.public_pem().into_bytes();
    let mtime = (now / 1000).max(0) as u64;
    tokio::task::spawn_blocking(move || {
        let mut files = vec![planned(&signer, "README.md".into(), readme_text.clone()), planned(&signer, "public_key.pem".into(), public_key.clone())];
        for (path, bytes) in small {
            files.push(planned(&signer, path, bytes));
        }
        for (path, file) in recordings {
            files.push(planned_recording(&signer, path, file)?);
        }
        // Each file's signature is a file of its own, listed like the rest.
        let mut with_sigs = vec![];
        for f in files {
            let sig = planned(&signer, format!("{}.sig", f.path), f.signature.to_vec());
            with_sigs.push(f);
            with_sigs.push(sig);
        }
        let mut signatures = String::new();
        for f in &with_sigs {
            signatures.push_str(&format!("{}  {}\n", f.sha256, f.path));
        }
        let signatures = signatures.into_bytes();
        let signatures_sig = signer.sign(&signatures).to_bytes();
        Ok(Prepared { root, mtime, readme: readme_text, public_key, signatures, signatures_sig, files: with_sigs })
    })
    .await
    .map_err(|e| anyhow::anyhow!("export task: {e}"))?
}

/// Reads a recording's plaintext chunk by chunk.
struct PlainReader<'a> {
    reader: recorder::sealed::SealedReader<'a>,
    next_chunk: u64,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for PlainReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            let chunks = self.reader.plain_len().div_ceil(u64::from(self.reader.chunk_size())).max(1);
            if self.next_chunk >= chunks {
                return Ok(0);
            }
            self.buf = self.reader.chunk(self.next_chunk).map_err(std::io::Error::other)?;
            self.next_chunk += 1;
            self.pos = 0;
            if self.buf.is_empty() {
                return Ok(0);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Writes the package as a tar (the second pass). Blocking.
pub fn write(p: &Prepared, out: impl Write) -> std::io::Result<()> {
    let mut tar = tar::Builder::new(out);
    let add = |tar: &mut tar::Builder<_>, path: &str, len: u64, data: &mut dyn Read| -> std::io::Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_size(len);
        h.set_mode(0o644);
        h.set_mtime(p.mtime);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, format!("{}/{path}", p.root), data)
    };
    add(&mut tar, "README.md", p.readme.len() as u64, &mut p.readme.as_slice())?;
    add(&mut tar, "public_key.pem", p.public_key.len() as u64, &mut p.public_key.as_slice())?;
    add(&mut tar, "SIGNATURES", p.signatures.len() as u64, &mut p.signatures.as_slice())?;
    add(&mut tar, "SIGNATURES.sig", 64, &mut &p.signatures_sig[..])?;
    for f in p.files.iter().filter(|f| f.path != "README.md" && f.path != "public_key.pem") {
        match &f.source {
            Source::Bytes(b) => add(&mut tar, &f.path, f.len, &mut b.as_slice())?,
            Source::Recording(file) => {
                let reader = file.reader().map_err(std::io::Error::other)?;
                let mut r = PlainReader { reader, next_chunk: 0, buf: vec![], pos: 0 };
                add(&mut tar, &f.path, f.len, &mut r)?;
            }
        }
    }
    tar.into_inner()?.flush()
}

/// A `Write` that hands full buffers to an async receiver (the HTTP response body).
pub struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<bytes::Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    pub fn new(tx: tokio::sync::mpsc::Sender<Result<bytes::Bytes, std::io::Error>>) -> ChannelWriter {
        ChannelWriter { tx, buf: Vec::with_capacity(CHANNEL_CHUNK) }
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = bytes::Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHANNEL_CHUNK)));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

const CHANNEL_CHUNK: usize = 256 * 1024;

impl Write for ChannelWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= CHANNEL_CHUNK {
            self.send()?;
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}
