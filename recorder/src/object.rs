//! Recordings in S3-compatible object storage. GStreamer writes a live file to local disk
//! (and the journal stays local, as crash recovery needs it next to the files it describes);
//! `finalize` uploads the finished — by then sealed — file and removes the local copy, and the
//! manifest is written straight to the bucket. Reads look at local disk first (a file still
//! being written or recovered), then the bucket, so a closed recording is served by range
//! reads from the bucket.
//!
//! The [`Storage`] trait is synchronous (the recorder runs on its own threads); the object
//! store client is async, so this type owns a small runtime and blocks on it. Called from
//! inside another runtime's worker (rare: a recording's start), the call runs on a scoped
//! helper thread so it never blocks that runtime on itself.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjPath;
use object_store::{ObjectStore, PutPayload, WriteMultipart};

use crate::error::RecorderError;
use crate::storage::{LocalStorage, Storage};

/// Where the bucket is and how to reach it.
#[derive(Clone, Default)]
pub struct S3Settings {
    pub bucket: String,
    pub region: String,
    /// e.g. `http://127.0.0.1:9000` for a self-hosted S3; unset for AWS.
    pub endpoint: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Plain HTTP to the endpoint (a server on the same host or network only).
    pub allow_http: bool,
    /// Prepended to every object key (several deployments in one bucket).
    pub prefix: String,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("secret_access_key", &"<redacted>")
            .finish()
    }
}

/// Files above this are uploaded in parts.
const MULTIPART_ABOVE: u64 = 16 * 1024 * 1024;

pub struct ObjectStorage {
    local: LocalStorage,
    store: Arc<dyn ObjectStore>,
    prefix: String,
    rt: Option<tokio::runtime::Runtime>,
}

fn obj_err(e: impl std::fmt::Display) -> RecorderError {
    RecorderError::Io(std::io::Error::other(format!("object storage: {e}")))
}

/// Keys that only make sense next to the live files: the journal, the reserve, staged parts.
fn local_only(key: &str) -> bool {
    key.ends_with("/journal.json") || key.ends_with("/.reserve") || key.ends_with(".part") || key.ends_with(".tmp")
}

impl ObjectStorage {
    /// Live files go under `staging` (local disk); finished ones to the bucket.
    pub fn s3(staging: impl Into<PathBuf>, settings: &S3Settings) -> Result<ObjectStorage, RecorderError> {
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key)
            .with_allow_http(settings.allow_http);
        if let Some(e) = &settings.endpoint {
            b = b.with_endpoint(e).with_virtual_hosted_style_request(false);
        }
        let store = b.build().map_err(obj_err)?;
        Self::with_store(staging, Arc::new(store), &settings.prefix)
    }

    /// Any `object_store` implementation (tests use the in-memory one).
    pub fn with_store(staging: impl Into<PathBuf>, store: Arc<dyn ObjectStore>, prefix: &str) -> Result<ObjectStorage, RecorderError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("object-store")
            .enable_all()
            .build()
            .map_err(RecorderError::Io)?;
        Ok(ObjectStorage { local: LocalStorage::new(staging)?, store, prefix: prefix.trim_matches('/').to_owned(), rt: Some(rt) })
    }

    fn path(&self, key: &str) -> ObjPath {
        if self.prefix.is_empty() {
            ObjPath::from(key)
        } else {
            ObjPath::from(format!("{}/{key}", self.prefix))
        }
    }

    fn run<F>(&self, f: F) -> F::Output
    where
        F: Future + Send,
        F::Output: Send,
    {
        let Some(rt) = self.rt.as_ref() else { unreachable!("runtime lives until drop") };
        if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::scope(|s| s.spawn(|| rt.block_on(f)).join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
        } else {
            rt.block_on(f)
        }
    }

    fn upload(&self, key: &str) -> Result<(), RecorderError> {
        let local = self.local.writable_path(key)?;
        let size = std::fs::metadata(&local)?.len();
        let path = self.path(key);
        let store = Arc::clone(&self.store);
        self.run(async move {
            if size <= MULTIPART_ABOVE {
                let bytes = tokio::fs::read(&local).await.map_err(RecorderError::Io)?;
                store.put(&path, PutPayload::from(bytes)).await.map_err(obj_err)?;
            } else {
                use tokio::io::AsyncReadExt;
                let mut f = tokio::fs::File::open(&local).await.map_err(RecorderError::Io)?;
                let mut w = WriteMultipart::new(store.put_multipart(&path).await.map_err(obj_err)?);
                let mut buf = vec![0u8; 8 * 1024 * 1024];
                loop {
                    let n = f.read(&mut buf).await.map_err(RecorderError::Io)?;
                    if n == 0 {
                        break;
                    }
                    w.wait_for_capacity(4).await.map_err(obj_err)?;
                    w.write(&buf[..n]);
                }
                w.finish().await.map_err(obj_err)?;
            }
            let meta = store.head(&path).await.map_err(obj_err)?;
            if meta.size != size {
                return Err(obj_err(format!("uploaded {} of {size} bytes", meta.size)));
            }
            Ok(())
        })
    }

    fn head(&self, key: &str) -> Result<Option<u64>, RecorderError> {
        let path = self.path(key);
        let store = Arc::clone(&self.store);
        self.run(async move {
            match store.head(&path).await {
                Ok(m) => Ok(Some(m.size)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(obj_err(e)),
            }
        })
    }
}

impl Drop for ObjectStorage {
    fn drop(&mut self) {
        // Dropping a runtime blocks; inside another runtime that panics, so let it go.
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

impl Storage for ObjectStorage {
    fn remove_all(&self, prefix: &str) -> Result<u64, RecorderError> {
        use futures::TryStreamExt;
        if prefix.is_empty() {
            return Ok(0);
        }
        let mut n = self.local.remove_all(prefix)?;
        let dir = self.path(prefix);
        let store = Arc::clone(&self.store);
        n += self.run(async move {
            let objects: Vec<ObjPath> = store.list(Some(&dir)).map_ok(|m| m.location).try_collect().await.map_err(obj_err)?;
            for o in &objects {
                match store.delete(o).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                    Err(e) => return Err(obj_err(e)),
                }
            }
            Ok(objects.len() as u64)
        })?;
        Ok(n)
    }

    fn writable_path(&self, key: &str) -> Result<PathBuf, RecorderError> {
        self.local.writable_path(key)
    }

    fn write_atomic(&self, key: &str, bytes: &[u8]) -> Result<(), RecorderError> {
        if local_only(key) {
            return self.local.write_atomic(key, bytes);
        }
        // A single PUT is atomic: readers see the old object or the new one.
        let path = self.path(key);
        let store = Arc::clone(&self.store);
        let payload = PutPayload::from(bytes.to_vec());
        self.run(async move { store.put(&path, payload).await.map(|_| ()).map_err(obj_err) })?;
        self.local.remove(key)
    }

    fn replace(&self, key_staged: &str, key: &str) -> Result<(), RecorderError> {
        self.local.replace(key_staged, key)
    }

    fn finalize(&self, key: &str) -> Result<(), RecorderError> {
        if !self.local.exists(key) {
            // Already uploaded (a finalize repeated by recovery).
            return match self.head(key)? {
                Some(_) => Ok(()),
                None => Err(RecorderError::Io(std::io::Error::new(std::io::ErrorKind::NotFound, key.to_owned()))),
            };
        }
        self.local.finalize(key)?;
        self.upload(key)?;
        self.local.remove(key)
    }

    fn list(&self, prefix: &str) -> Result<Vec<String>, RecorderError> {
        let mut names: Vec<String> = match self.local.list(prefix) {
            Ok(n) => n,
            Err(RecorderError::Io(e)) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => Vec::new(),
            Err(e) => return Err(e),
        };
        let dir = if prefix.is_empty() { (!self.prefix.is_empty()).then(|| ObjPath::from(self.prefix.as_str())) } else { Some(self.path(prefix)) };
        let store = Arc::clone(&self.store);
        let listed = self.run(async move { store.list_with_delimiter(dir.as_ref()).await.map_err(obj_err) })?;
        let base = |p: &ObjPath| p.filename().map(str::to_owned);
        names.extend(listed.common_prefixes.iter().filter_map(base));
        names.extend(listed.objects.iter().filter_map(|o| base(&o.location)));
        names.sort();
        names.dedup();
        Ok(names)
    }

    fn read_range(&self, key: &str, offset: u64, len: u64) -> Result<Vec<u8>, RecorderError> {
        if self.local.exists(key) || local_only(key) {
            return self.local.read_range(key, offset, len);
        }
        let Some(size) = self.head(key)? else {
            return Err(RecorderError::Io(std::io::Error::new(std::io::ErrorKind::NotFound, key.to_owned())));
        };
        let end = offset.saturating_add(len).min(size);
        if offset >= end {
            return Ok(Vec::new());
        }
        let path = self.path(key);
        let store = Arc::clone(&self.store);
        self.run(async move { store.get_range(&path, offset..end).await.map(|b| b.to_vec()).map_err(obj_err) })
    }

    fn size(&self, key: &str) -> Result<u64, RecorderError> {
        if self.local.exists(key) || local_only(key) {
            return self.local.size(key);
        }
        self.head(key)?.ok_or_else(|| RecorderError::Io(std::io::Error::new(std::io::ErrorKind::NotFound, key.to_owned())))
    }

    fn exists(&self, key: &str) -> bool {
        self.local.exists(key) || (!local_only(key) && self.head(key).ok().flatten().is_some())
    }

    fn remove(&self, key: &str) -> Result<(), RecorderError> {
        self.local.remove(key)?;
        if local_only(key) {
            return Ok(());
        }
        let path = self.path(key);
        let store = Arc::clone(&self.store);
        self.run(async move {
            match store.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(obj_err(e)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_files_move_to_the_store_and_read_back_by_range() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mem: Arc<dyn ObjectStore> = Arc::new(object_store::memory::InMemory::new());
        let s = ObjectStorage::with_store(dir.path(), Arc::clone(&mem), "deploy-a").expect("storage");
        std::fs::write(s.writable_path("sess/seg-0000/a.webm").expect("path"), b"sealed bytes here").expect("write");
        s.write_atomic("sess/journal.json", b"{}").expect("journal");
        s.finalize("sess/seg-0000/a.webm").expect("upload");
        assert!(!dir.path().join("sess/seg-0000/a.webm").exists(), "the local copy is gone after upload");
        assert_eq!(s.read_range("sess/seg-0000/a.webm", 7, 5).expect("range"), b"bytes");
        assert_eq!(s.size("sess/seg-0000/a.webm").expect("size"), 17);
        s.write_atomic("sess/manifest.json", b"{\"v\":2}").expect("manifest");
        assert_eq!(s.list("sess").expect("list"), vec!["journal.json", "manifest.json", "seg-0000"]);
        assert_eq!(s.list("").expect("root"), vec!["sess"]);
        s.remove("sess/seg-0000/a.webm").expect("remove");
        assert!(!s.exists("sess/seg-0000/a.webm"));
        assert!(s.exists("sess/journal.json") && !s.exists("sess/other.json"));
    }
}
