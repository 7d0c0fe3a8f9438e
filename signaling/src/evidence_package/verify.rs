//! Offline verification of an evidence package: the key (pinned, if given), the signed list of
//! files, every file's hash and signature, nothing unlisted, the audit rows' hashes. The first
//! failure names the file at fault. Two passes over the tar: the first reads the small files
//! (key, list, signatures), the second streams every file through its hash and its signature.

use crate::signing;
use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// What a good package showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub session: String,
    /// Files checked (the signature files included).
    pub files: usize,
    pub key_fingerprint: String,
    /// Whether the key was compared with a pinned one (else it is the package's own word).
    pub pinned: bool,
}

/// The first file that does not verify, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {why}")]
pub struct Failure {
    pub file: String,
    pub why: String,
}

fn fail(file: &str, why: impl Into<String>) -> Failure {
    Failure { file: file.to_owned(), why: why.into() }
}

/// Files whose bytes pass 1 keeps (all small).
fn kept(path: &str) -> bool {
    matches!(path, "public_key.pem" | "SIGNATURES" | "SIGNATURES.sig" | "events/audit.jsonl") || path.ends_with(".sig")
}

/// Every entry as (path without the root folder, size), and the small files' bytes.
fn first_pass(package: &Path) -> Result<(String, Vec<(String, u64)>, BTreeMap<String, Vec<u8>>), Failure> {
    let file = std::fs::File::open(package).map_err(|e| fail(&package.display().to_string(), e.to_string()))?;
    let mut archive = tar::Archive::new(std::io::BufReader::new(file));
    let mut root: Option<String> = None;
    let mut entries = vec![];
    let mut small = BTreeMap::new();
    let not_tar = |e: std::io::Error| fail(&package.display().to_string(), format!("not a readable tar: {e}"));
    for entry in archive.entries().map_err(not_tar)? {
        let mut entry = entry.map_err(not_tar)?;
        // Folders (a package re-packed with `tar cf`) hold nothing to verify.
        if entry.header().entry_type().is_dir() {
            continue;
        }
        let full = entry.path().map_err(not_tar)?.to_string_lossy().into_owned();
        let (top, path) = full.split_once('/').unwrap_or((full.as_str(), ""));
        if path.is_empty() || path.split('/').any(|c| c == ".." || c.is_empty()) {
            return Err(fail(&full, "not a file of the package"));
        }
        match &root {
            None => root = Some(top.to_owned()),
            Some(r) if r != top => return Err(fail(&full, "outside the package's folder")),
            _ => {}
        }
        if entries.iter().any(|(p, _): &(String, u64)| p == path) {
            return Err(fail(path, "appears twice"));
        }
        let size = entry.size();
        if kept(path) && size <= 64 * 1024 * 1024 {
            let mut bytes = Vec::with_capacity(size as usize);
            entry.read_to_end(&mut bytes).map_err(not_tar)?;
            small.insert(path.to_owned(), bytes);
        }
        entries.push((path.to_owned(), size));
    }
    let root = root.ok_or_else(|| fail(&package.display().to_string(), "empty package"))?;
    Ok((root, entries, small))
}

/// Per file: its SHA-256 and (for files with a `.sig`) whether the signature holds.
fn second_pass(package: &Path, key: &VerifyingKey, sigs: &BTreeMap<String, Vec<u8>>) -> Result<BTreeMap<String, (String, Option<bool>)>, Failure> {
    let file = std::fs::File::open(package).map_err(|e| fail(&package.display().to_string(), e.to_string()))?;
    let mut archive = tar::Archive::new(std::io::BufReader::new(file));
    let mut out = BTreeMap::new();
    let bad = |e: std::io::Error| fail(&package.display().to_string(), format!("not a readable tar: {e}"));
    for entry in archive.entries().map_err(bad)? {
        let mut entry = entry.map_err(bad)?;
        if entry.header().entry_type().is_dir() {
            continue;
        }
        let full = entry.path().map_err(bad)?.to_string_lossy().into_owned();
        let path = full.split_once('/').map(|(_, p)| p.to_owned()).unwrap_or(full);
        let mut hasher = Sha256::new();
        let sig = sigs.get(&format!("{path}.sig"));
        let checked = match sig {
            Some(sig) => {
                let ok = signing::verify_streamed(key, sig, |feed| {
                    let mut buf = vec![0u8; 256 * 1024];
                    loop {
                        let n = entry.read(&mut buf)?;
                        if n == 0 {
                            return Ok(());
                        }
                        hasher.update(&buf[..n]);
                        feed(&buf[..n]);
                    }
                })
                .map_err(bad)?;
                Some(ok)
            }
            None => {
                std::io::copy(&mut entry, &mut HashWriter(&mut hasher)).map_err(bad)?;
                None
            }
        };
        out.insert(path, (hex::encode(hasher.finalize()), checked));
    }
    Ok(out)
}

struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.update(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `sha256sum` lines: (hash, path) in order, or the number of the first bad line.
fn parse_list(text: &[u8]) -> Result<Vec<(String, String)>, usize> {
    let text = std::str::from_utf8(text).map_err(|_| 0usize)?;
    let mut out = vec![];
    for (i, line) in text.lines().enumerate() {
        let (hash, path) = line.split_once("  ").ok_or(i + 1)?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) || path.is_empty() || path.split('/').any(|c| c == ".." || c.is_empty()) {
            return Err(i + 1);
        }
        out.push((hash.to_owned(), path.to_owned()));
    }
    if !text.ends_with('\n') {
        return Err(text.lines().count());
    }
    Ok(out)
}

/// Each audit row's hash recomputed from its content and the previous hash it names.
fn audit_rows_intact(jsonl: &[u8]) -> bool {
    std::str::from_utf8(jsonl).is_ok_and(|t| {
        t.lines().all(|l| {
            let Ok(r) = serde_json::from_str::<serde_json::Value>(l) else { return false };
            let s = |k: &str| r[k].as_str();
            let expect = crate::audit::row_hash(
                r["seq"].as_i64().unwrap_or(-1),
                r["at"].as_i64().unwrap_or(-1),
                s("actor").unwrap_or_default(),
                s("action").unwrap_or_default(),
                s("session_id"),
                s("target"),
                s("detail"),
                s("prev_hash").unwrap_or_default(),
            );
            s("hash") == Some(expect.as_str())
        })
    })
}

/// Verifies `package`; with `pinned`, the package's key must be that key.
pub fn verify(package: &Path, pinned: Option<&VerifyingKey>) -> Result<Verified, Failure> {
    let (root, entries, small) = first_pass(package)?;
    let pem = small.get("public_key.pem").ok_or_else(|| fail("public_key.pem", "missing"))?;
    let key = std::str::from_utf8(pem).ok().and_then(signing::parse_public_pem).ok_or_else(|| fail("public_key.pem", "not an Ed25519 public key in PEM"))?;
    let fingerprint = signing::fingerprint(&key);
    let list_bytes = small.get("SIGNATURES").ok_or_else(|| fail("SIGNATURES", "missing"))?;
    let list_sig = small.get("SIGNATURES.sig").ok_or_else(|| fail("SIGNATURES.sig", "missing"))?;
    let list_signed = signing::verify(&key, list_bytes, list_sig);
    let list = parse_list(list_bytes);
    let actual = second_pass(package, &key, &small)?;
    let listed_mismatch = |list: &[(String, String)]| list.iter().find(|(h, p)| actual.get(p).is_none_or(|(a, _)| a != h)).map(|(_, p)| p.clone());
    if let Some(pin) = pinned {
        if *pin != key {
            return Err(fail("public_key.pem", format!("signed by key {fingerprint}, not the expected {}", signing::fingerprint(pin))));
        }
    }
    if !list_signed {
        // One changed file explains a bad list signature: the key itself (then its listed hash
        // differs too), the list (a line no longer matches its file), or the signature file.
        if let Ok(l) = &list {
            if l.iter().any(|(h, p)| p == "public_key.pem" && actual.get(p).is_some_and(|(a, _)| a != h)) {
                return Err(fail("public_key.pem", "changed: it is not the key the package was signed with"));
            }
            if listed_mismatch(l).is_none() {
                return Err(fail("SIGNATURES.sig", "is not a signature of SIGNATURES by this key"));
            }
        }
        return Err(fail("SIGNATURES", "changed: its signature does not hold"));
    }
    let list = list.map_err(|line| fail("SIGNATURES", format!("line {line} is not `<sha256>  <path>`")))?;
    if let Some(p) = listed_mismatch(&list) {
        return Err(match actual.get(&p) {
            None => fail(&p, "missing"),
            Some(_) => fail(&p, "changed: its SHA-256 is not the one listed"),
        });
    }
    for (path, _) in &entries {
        if path != "SIGNATURES" && path != "SIGNATURES.sig" && !list.iter().any(|(_, p)| p == path) {
            return Err(fail(path, "not listed in SIGNATURES"));
        }
    }
    for (_, path) in list.iter().filter(|(_, p)| !p.ends_with(".sig")) {
        match actual.get(path).and_then(|(_, ok)| *ok) {
            Some(true) => {}
            Some(false) => return Err(fail(path, "its signature does not hold")),
            None => return Err(fail(path, "has no signature file")),
        }
    }
    if let Some(rows) = small.get("events/audit.jsonl") {
        if !audit_rows_intact(rows) {
            return Err(fail("events/audit.jsonl", "an audit row does not match its hash"));
        }
    }
    Ok(Verified { session: root.trim_start_matches("evidence-").to_owned(), files: entries.len(), key_fingerprint: fingerprint, pinned: pinned.is_some() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_must_be_sha256sum_lines_ending_in_a_newline() {
        let h = "a".repeat(64);
        assert_eq!(parse_list(format!("{h}  README.md\n").as_bytes()), Ok(vec![(h.clone(), "README.md".into())]));
        assert_eq!(parse_list(format!("{h}  README.md").as_bytes()), Err(1));
        assert_eq!(parse_list(format!("{h} README.md\n").as_bytes()), Err(1));
        assert_eq!(parse_list(format!("{h}  ../etc/passwd\n").as_bytes()), Err(1));
        assert_eq!(parse_list(format!("{}  x\n", "A".repeat(64)).as_bytes()), Err(1));
    }
}
