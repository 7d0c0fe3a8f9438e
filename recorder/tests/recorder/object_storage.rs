//! Finished recordings in S3-compatible object storage, tested against a real S3 server:
//! moto's `moto_server` (Python, from PyPI: `pip install 'moto[server]'`), started on a free
//! loopback port by the test. Live files stay on local disk; once closed, the sealed files
//! and the manifest are in the bucket, read back by ranges and decrypted.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use recorder::sealed::SealedReader;
use recorder::{FileKey, ObjectStorage, Recorder, RecorderConfig, S3Settings, Status, Storage};

use crate::common::{decodes, feed_fast, probe, sha256_file, twenty_seconds, with_ssrc};
use crate::encryption::FixedKey;

/// A moto S3 server on 127.0.0.1, stopped on drop.
struct Moto {
    child: Child,
    port: u16,
}

impl Moto {
    fn start() -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
        let child = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server runs (make setup: pip install 'moto[server]')");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto { child, port }
    }

    /// Creates a bucket (moto accepts unsigned requests).
    fn bucket(&self, name: &str) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(s, "PUT /{name} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", self.port).expect("send");
        let mut reply = String::new();
        s.read_to_string(&mut reply).expect("reply");
        assert!(reply.starts_with("HTTP/1.1 200"), "bucket not created: {reply}");
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_recording_goes_to_an_s3_bucket_encrypted_and_plays_back_from_it() {
    let moto = Moto::start();
    moto.bucket("recordings");
    let settings = S3Settings {
        bucket: "recordings".into(),
        region: "us-east-1".into(),
        endpoint: Some(format!("http://127.0.0.1:{}", moto.port)),
        access_key_id: "test".into(),
        secret_access_key: "test".into(),
        allow_http: true,
        prefix: "deployment-a".into(),
    };
    let staging = tempfile::tempdir().expect("tempdir");
    let storage: Arc<ObjectStorage> = Arc::new(ObjectStorage::s3(staging.path(), &settings).expect("s3 storage"));
    let rec = Recorder::with_storage(RecorderConfig::new(staging.path()), storage.clone()).expect("recorder").encrypt_with(Arc::new(FixedKey([9; 32])));
    let recording = rec.start("sess-s3").expect("start");
    let customer = twenty_seconds();
    let agent = with_ssrc(customer, 0x44);
    feed_fast(&recording, &[("customer", customer, Duration::ZERO), ("agent", &agent, Duration::ZERO)], SystemTime::now());
    let t = Instant::now();
    let m = recording.finish().await.expect("finish");
    println!("finish with upload to S3: {} ms", t.elapsed().as_millis());
    assert_eq!(m.status, Status::Complete);
    assert_eq!(m.segments[0].files.len(), 4);
    // Nothing of the recording is left on local disk: files and manifest are in the bucket.
    let left: Vec<_> = walk(staging.path()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "webm" || e == "json")).collect();
    assert!(left.is_empty(), "left on local disk: {left:?}");
    assert_eq!(rec.manifest("sess-s3").expect("manifest from the bucket"), m);
    let s3: &dyn Storage = storage.as_ref();
    assert_eq!(s3.list("sess-s3").expect("list"), vec!["manifest.json".to_string(), "seg-0000".to_string()]);
    let plain_dir = tempfile::tempdir().expect("tempdir");
    for f in &m.segments[0].files {
        let key = format!("sess-s3/{}", f.path);
        assert_eq!(s3.sha256(&key).expect("hash from the bucket"), f.sha256);
        let reader = SealedReader::open(s3, &key, &FileKey::from_bytes([9; 32]), &recorder::seal_label("sess-s3", &f.path)).expect("open");
        let plain = plain_dir.path().join(f.path.replace('/', "_"));
        reader.decrypt_to(&plain).expect("decrypt from the bucket");
        assert_eq!(Some(sha256_file(&plain)), f.encryption.as_ref().map(|e| e.plaintext_sha256.clone()));
        let (_, secs) = probe(&plain);
        assert!((secs - 20.0).abs() < 0.6, "{} plays {secs} s", f.path);
        assert!(decodes(&plain));
    }
    // Retention deletes the session's objects.
    assert_eq!(s3.remove_all("sess-s3").expect("delete"), 5);
    assert!(s3.list("sess-s3").expect("list").is_empty());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
