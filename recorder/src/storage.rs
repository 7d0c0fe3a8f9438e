//! Where recordings live. GStreamer's filesink needs a local file while a segment is
//! being written, so the trait hands out local paths for writing; everything else
//! (finalize, list, read ranges, size) goes through keys, so an object-storage
//! implementation can upload on `finalize` and serve reviews by range reads.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::RecorderError;

/// Storage of recordings, addressed by `/`-separated relative keys built from ids
/// (`<session>/seg-0000/customer-video.webm`).
pub trait Storage: Send + Sync + 'static {
    /// A local file path where a writer may create `key` (parents are created).
    fn writable_path(&self, key: &str) -> Result<PathBuf, RecorderError>;
    /// Replace `key` by `bytes` atomically (a reader sees the old or the new content).
    fn write_atomic(&self, key: &str, bytes: &[u8]) -> Result<(), RecorderError>;
    /// Replace `key` atomically by the already written file at `key_staged`.
    fn replace(&self, key_staged: &str, key: &str) -> Result<(), RecorderError>;
    /// Make `key` durable (fsync; an object store would upload here).
    fn finalize(&self, key: &str) -> Result<(), RecorderError>;
    /// Names of the direct children of `prefix` ("" for the root), sorted.
    fn list(&self, prefix: &str) -> Result<Vec<String>, RecorderError>;
    fn read_range(&self, key: &str, offset: u64, len: u64) -> Result<Vec<u8>, RecorderError>;
    fn size(&self, key: &str) -> Result<u64, RecorderError>;
    fn exists(&self, key: &str) -> bool;
    fn remove(&self, key: &str) -> Result<(), RecorderError>;
    /// Removes everything under `prefix` (a session's recording: retention, erasure);
    /// returns how many files were removed.
    fn remove_all(&self, prefix: &str) -> Result<u64, RecorderError>;

    /// Whole small object (manifest, journal).
    fn read_all(&self, key: &str) -> Result<Vec<u8>, RecorderError> {
        let size = self.size(key)?;
        self.read_range(key, 0, size)
    }

    /// Hex SHA-256 of `key`, read in 1 MiB ranges so large files never sit in memory.
    fn sha256(&self, key: &str) -> Result<String, RecorderError> {
        let size = self.size(key)?;
        let mut hasher = Sha256::new();
        let mut offset = 0;
        while offset < size {
            let chunk = self.read_range(key, offset, (size - offset).min(1 << 20))?;
            if chunk.is_empty() {
                break;
            }
            offset += chunk.len() as u64;
            hasher.update(&chunk);
        }
        Ok(hex::encode(hasher.finalize()))
    }
}

/// A directory on the local file system.
#[derive(Debug, Clone)]
pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    pub fn new(root: impl Into<PathBuf>) -> Result<Self, RecorderError> {
        let root = root.into();
        fs::create_dir_all(&root)?;
        Ok(LocalStorage { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Keys are produced by this crate from validated ids, but a key that could
    /// escape the root is refused anyway (defence in depth).
    fn path(&self, key: &str) -> Result<PathBuf, RecorderError> {
        let rel = Path::new(key);
        if rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(RecorderError::InvalidId(key.to_string()));
        }
        Ok(self.root.join(rel))
    }
}

fn sync_dir(dir: &Path) {
    // Makes a rename durable; failure only weakens durability, it is not an error
    // worth aborting a recording for.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Storage for LocalStorage {
    fn writable_path(&self, key: &str) -> Result<PathBuf, RecorderError> {
        let p = self.path(key)?;
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(p)
    }

    fn write_atomic(&self, key: &str, bytes: &[u8]) -> Result<(), RecorderError> {
        let p = self.writable_path(key)?;
        let tmp = p.with_extension("tmp");
        let res = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            fs::rename(&tmp, &p)
        })();
        if res.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        res?;
        if let Some(parent) = p.parent() {
            sync_dir(parent);
        }
        Ok(())
    }

    fn replace(&self, key_staged: &str, key: &str) -> Result<(), RecorderError> {
        let from = self.path(key_staged)?;
        let to = self.path(key)?;
        File::open(&from)?.sync_all()?;
        fs::rename(&from, &to)?;
        if let Some(parent) = to.parent() {
            sync_dir(parent);
        }
        Ok(())
    }

    fn finalize(&self, key: &str) -> Result<(), RecorderError> {
        OpenOptions::new().read(true).open(self.path(key)?)?.sync_all()?;
        Ok(())
    }

    fn list(&self, prefix: &str) -> Result<Vec<String>, RecorderError> {
        let dir = if prefix.is_empty() {
            self.root.clone()
        } else {
            self.path(prefix)?
        };
        let mut out = Vec::new();
        for entry in fs::read_dir(dir)? {
            out.push(entry?.file_name().to_string_lossy().into_owned());
        }
        out.sort();
        Ok(out)
    }

    fn read_range(&self, key: &str, offset: u64, len: u64) -> Result<Vec<u8>, RecorderError> {
        let mut f = File::open(self.path(key)?)?;
        f.seek(SeekFrom::Start(offset))?;
        let mut buf = Vec::with_capacity(len.min(1 << 24) as usize);
        f.take(len).read_to_end(&mut buf)?;
        Ok(buf)
    }

    fn size(&self, key: &str) -> Result<u64, RecorderError> {
        Ok(fs::metadata(self.path(key)?)?.len())
    }

    fn exists(&self, key: &str) -> bool {
        self.path(key).map(|p| p.exists()).unwrap_or(false)
    }

    fn remove(&self, key: &str) -> Result<(), RecorderError> {
        match fs::remove_file(self.path(key)?) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => Ok(other?),
        }
    }

    fn remove_all(&self, prefix: &str) -> Result<u64, RecorderError> {
        fn count(dir: &Path) -> std::io::Result<u64> {
            let mut n = 0;
            for e in fs::read_dir(dir)? {
                let e = e?;
                n += if e.file_type()?.is_dir() { count(&e.path())? } else { 1 };
            }
            Ok(n)
        }
        let dir = self.path(prefix)?;
        if prefix.is_empty() || !dir.exists() {
            return Ok(0);
        }
        let n = count(&dir)?;
        fs::remove_dir_all(&dir)?;
        if let Some(parent) = dir.parent() {
            sync_dir(parent);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_escaping_the_root_are_refused_and_ranges_and_hashes_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = LocalStorage::new(dir.path()).expect("storage");
        assert!(s.writable_path("../x").is_err());
        assert!(s.writable_path("/etc/passwd").is_err());
        s.write_atomic("sess/a.json", b"hello world").expect("write");
        assert_eq!(s.read_range("sess/a.json", 6, 5).expect("range"), b"world");
        assert_eq!(s.size("sess/a.json").expect("size"), 11);
        assert_eq!(s.list("sess").expect("list"), vec!["a.json".to_string()]);
        assert_eq!(
            s.sha256("sess/a.json").expect("hash"),
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
    }
}
