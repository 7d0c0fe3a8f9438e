//! The server speaks HTTPS (rustls) when given a certificate and key: browsers only allow the
//! camera in a secure context off localhost.

use signaling::config::{Config, TlsSection};
use std::process::Command;
use tests::app::TestApp;

#[tokio::test]
async fn with_a_certificate_configured_the_server_answers_over_https() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let config = Config {
        database_url: format!("sqlite://{}/tls.db?mode=rwc", dir.path().display()),
        tls: Some(TlsSection { cert: cert.clone(), key }),
        ..Config::default()
    };
    let app = TestApp::spawn_with(config, dir).await;
    let url = format!("https://{}/healthz", app.server.addr);
    let out = tokio::process::Command::new("curl").args(["-sS", "--cacert"]).arg(&cert).arg(&url).output().await.expect("curl runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok", "{}", String::from_utf8_lossy(&out.stderr));
    let plain = tokio::process::Command::new("curl").args(["-sS", &format!("http://{}/healthz", app.server.addr)]).output().await.expect("curl");
    assert_ne!(String::from_utf8_lossy(&plain.stdout), "ok", "plain HTTP is not served on the TLS port");
}
