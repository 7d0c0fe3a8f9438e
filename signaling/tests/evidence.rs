//! Evidence anyone can verify: the compliance report (signed JSON, HTML, a PDF that an
//! independent tool reads), the evidence package (verifies offline, with OpenSSL alone too;
//! one flipped byte in any file fails and names that file; another deployment's key fails),
//! who may export it, and master-key rotation (data keys re-wrapped, nothing re-encrypted,
//! a wrong key failing cleanly).
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use domain::StaffRole;
use serde_json::json;
use signaling::evidence_package::verify::{Failure, verify};
use std::io::Read;
use std::path::{Path, PathBuf};
use support::{As, Dialect, Env};

/// An RBI session with consent and a rejection, waiting for review; a supervisor signed in.
async fn world(env: &Env) -> (String, support::StaffLogin) {
    let key = env.full_key().await;
    env.roster(&key, "anna", &[]).await;
    let anna = env.staff("anna", &[StaffRole::Agent]).await;
    let r = env.call("POST", "/api/v1/sessions", &As::Bearer(key.clone()), Some(json!({"profile": "rbi-vcip"}))).await;
    let s = r.body["id"].as_str().unwrap().to_owned();
    let token = env.customer_token(&key, &s).await;
    env.consent(&s, &token).await;
    env.assign(&key, &s, &anna).await;
    let d = env.call("POST", &format!("/api/v1/sessions/{s}/decision"), &anna.as_(), Some(json!({"outcome": "rejected", "reasons": ["document_invalid"]}))).await;
    assert_eq!(d.status, StatusCode::CREATED, "{}", d.text);
    let sv = env.staff("sv", &[StaffRole::Supervisor]).await;
    (s, sv)
}

async fn export(env: &Env, who: &As, session: &str) -> (StatusCode, Vec<u8>) {
    let addr = env.serve().await;
    let mut req = reqwest::Client::new().post(format!("http://{addr}/api/v1/sessions/{session}/evidence-package")).header("origin", support::PUBLIC_URL);
    if let As::Staff(c) = who {
        req = req.header("cookie", format!("vkyc_staff={c}"));
    }
    let r = req.send().await.unwrap();
    let status = StatusCode::from_u16(r.status().as_u16()).unwrap();
    (status, r.bytes().await.unwrap().to_vec())
}

/// The entries of a tar: (path, bytes).
fn entries(tar_bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = tar::Archive::new(tar_bytes);
    a.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let path = e.path().unwrap().to_string_lossy().into_owned();
            let mut b = vec![];
            e.read_to_end(&mut b).unwrap();
            (path, b)
        })
        .collect()
}

fn write_tar(dir: &Path, name: &str, files: &[(String, Vec<u8>)]) -> PathBuf {
    let path = dir.join(name);
    let mut b = tar::Builder::new(std::fs::File::create(&path).unwrap());
    for (p, bytes) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, p, bytes.as_slice()).unwrap();
    }
    b.into_inner().unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_is_signed_maps_requirements_to_evidence_and_renders_as_html_and_a_pdf_a_reader_can_read() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let (s, sv) = world(&env).await;
    let r = env.call("GET", &format!("/api/v1/sessions/{s}/report"), &sv.as_(), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let sig = hex::decode(r.headers["x-signature-ed25519"].to_str().unwrap()).unwrap();
    assert!(signaling::signing::verify(&env.state.signer.verifying_key(), r.text.as_bytes(), &sig), "the body is exactly what was signed");
    let req = |id: &str| r.body["requirements"].as_array().unwrap().iter().find(|x| x["id"] == id).cloned().unwrap_or_else(|| panic!("{id} in the report"));
    assert_eq!(req("S2")["status"], "met");
    assert_eq!(req("S2")["evidence"].as_array().unwrap().len(), 3, "three consent records");
    assert_eq!(req("S7")["status"], "not_met", "no stills were taken");
    assert_eq!(req("S17")["status"], "not_met");
    assert_eq!(req("S17")["missing"], "waiting for review");
    assert_eq!(req("S1")["evidence"][0]["staff_id"], "anna");
    let html = env.call("GET", &format!("/api/v1/sessions/{s}/report?format=html"), &sv.as_(), None).await;
    assert!(html.content_type.starts_with("text/html") && html.text.contains("<td><strong>S17</strong>"), "{}", html.text);
    let addr = env.serve().await;
    let pdf = reqwest::Client::new().get(format!("http://{addr}/api/v1/sessions/{s}/report?format=pdf")).header("cookie", format!("vkyc_staff={}", sv.cookie)).send().await.unwrap();
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, pdf.bytes().await.unwrap()).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext runs (make setup installs poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Compliance report") && text.contains("S17 Second-line review") && text.contains(&s), "{text}");
    let auditor = env.staff("au", &[StaffRole::Auditor]).await;
    assert_eq!(env.call("GET", &format!("/api/v1/sessions/{s}/report"), &auditor.as_(), None).await.status, StatusCode::OK, "auditors read reports");
    env.done().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_package_verifies_offline_and_any_flipped_byte_or_a_foreign_key_fails_naming_the_file() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let (s, sv) = world(&env).await;
    let auditor = env.staff("au", &[StaffRole::Auditor]).await;
    let (denied, _) = export(&env, &auditor.as_(), &s).await;
    assert_eq!(denied, StatusCode::FORBIDDEN, "auditors cannot export");
    let sv = env.login(&sv.id).await;
    let t = std::time::Instant::now();
    let (status, bytes) = export(&env, &sv.as_(), &s).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    println!("export: {} bytes in {} ms", bytes.len(), t.elapsed().as_millis());
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("p.tar");
    std::fs::write(&package, &bytes).unwrap();
    let ours = env.state.signer.verifying_key();
    let t = std::time::Instant::now();
    let ok = verify(&package, Some(&ours)).expect("the package verifies");
    println!("verify: {} files in {} ms", ok.files, t.elapsed().as_millis());
    assert_eq!(ok.session, s);
    let files = entries(&bytes);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.split_once('/').unwrap().1).collect();
    for expected in ["README.md", "public_key.pem", "SIGNATURES", "SIGNATURES.sig", "report.pdf", "report.pdf.sig", "report.json", "decision.json", "events/audit.jsonl"] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    // One flipped byte in any file fails and names that file.
    for (i, (path, content)) in files.iter().enumerate() {
        if content.is_empty() {
            continue;
        }
        let mut changed = files.clone();
        let at = content.len() / 2;
        changed[i].1[at] ^= 0x01;
        let p = write_tar(dir.path(), &format!("flip{i}.tar"), &changed);
        let name = path.split_once('/').unwrap().1;
        match verify(&p, Some(&ours)) {
            Err(Failure { file, .. }) => assert_eq!(file, name, "a byte flipped in {name}"),
            Ok(_) => panic!("a byte flipped in {name} went unnoticed"),
        }
    }
    // The same package with another deployment's key: re-signed consistently, still refused.
    let other = signaling::signing::Signer::random();
    let foreign = resign(&files, &other);
    let p = write_tar(dir.path(), "foreign.tar", &foreign);
    assert!(verify(&p, None).is_ok(), "self-consistent on its own word");
    let err = verify(&p, Some(&ours)).unwrap_err();
    assert_eq!(err.file, "public_key.pem", "{err}");
    // OpenSSL alone, as the README says.
    let out = dir.path().join("x");
    std::fs::create_dir_all(&out).unwrap();
    assert!(std::process::Command::new("tar").arg("xf").arg(&package).arg("-C").arg(&out).status().unwrap().success());
    let root = out.join(format!("evidence-{s}"));
    let openssl_verify = |file: &str| {
        std::process::Command::new("openssl")
            .args(["pkeyutl", "-verify", "-pubin", "-inkey", "public_key.pem", "-rawin", "-in", file, "-sigfile", &format!("{file}.sig")])
            .current_dir(&root)
            .output()
            .unwrap()
            .status
            .success()
    };
    assert!(openssl_verify("SIGNATURES") && openssl_verify("report.pdf") && openssl_verify("decision.json"));
    let sums = std::process::Command::new("sha256sum").args(["-c", "--quiet", "SIGNATURES"]).current_dir(&root).output().unwrap();
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
    let mut pdf = std::fs::read(root.join("report.pdf")).unwrap();
    pdf[100] ^= 1;
    std::fs::write(root.join("report.pdf"), pdf).unwrap();
    assert!(!openssl_verify("report.pdf"), "openssl notices the flipped byte too");
    let fp = std::process::Command::new("sh").arg("-c").arg("openssl pkey -pubin -in public_key.pem -outform DER | tail -c 32 | openssl dgst -sha256").current_dir(&root).output().unwrap();
    assert!(String::from_utf8_lossy(&fp.stdout).contains(&env.state.signer.fingerprint()), "the README's fingerprint recipe");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE session_id = $1 AND action = 'evidence_exported'").bind(s.clone()).fetch_one(&env.state.db).await.unwrap();
    assert_eq!(n, 1, "the export is audit-logged (the refused one is not an export)");
    env.done().await;
}

/// A package's files signed anew with `key` (every .sig, SIGNATURES, the public key).
fn resign(files: &[(String, Vec<u8>)], key: &signaling::signing::Signer) -> Vec<(String, Vec<u8>)> {
    let root = files[0].0.split_once('/').unwrap().0.to_owned();
    let mut out: Vec<(String, Vec<u8>)> = vec![];
    for (p, b) in files {
        let name = p.split_once('/').unwrap().1;
        if name == "SIGNATURES" || name == "SIGNATURES.sig" || name.ends_with(".sig") {
            continue;
        }
        let bytes = if name == "public_key.pem" { key.public_pem().into_bytes() } else { b.clone() };
        out.push((name.to_owned(), bytes.clone()));
        out.push((format!("{name}.sig"), key.sign(&bytes).to_bytes().to_vec()));
    }
    use sha2::Digest;
    let list: String = out.iter().map(|(p, b)| format!("{}  {p}\n", hex::encode(sha2::Sha256::digest(b)))).collect();
    let mut all = vec![(format!("{root}/SIGNATURES"), list.clone().into_bytes()), (format!("{root}/SIGNATURES.sig"), key.sign(list.as_bytes()).to_bytes().to_vec())];
    all.extend(out.into_iter().map(|(p, b)| (format!("{root}/{p}"), b)));
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotating_the_master_key_rewraps_data_keys_and_staff_secrets_and_a_wrong_key_fails_cleanly() {
    let mut env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    env.create_staff("anna", &[StaffRole::Agent]).await;
    let s = domain::SessionId::parse(&env.session(&key).await).unwrap();
    let data_key = env.state.vault.key(&s, env.clock.now_ms()).await.unwrap();
    let sealed = data_key.seal("still:x", b"JFIF photo bytes");
    let new_key = env.dir.path().join("master-2.key");
    let code = signaling::cli::run(&env.config, &["keys".into(), "rotate".into(), "--new-key-file".into(), new_key.display().to_string()]).await.unwrap();
    assert_eq!(code, 0);
    // The old key no longer opens the session's key: decryption fails with a clear error.
    let stale = signaling::vault::Vault::new(env.state.db.clone(), signaling::crypto::MasterKey::load(&env.config.keys.master_key_file).unwrap());
    assert!(matches!(stale.existing_key(&s).await, Err(signaling::vault::VaultError::WrongMasterKey)));
    let random = signaling::vault::Vault::new(env.state.db.clone(), signaling::crypto::MasterKey::random());
    assert!(matches!(random.existing_key(&s).await, Err(signaling::vault::VaultError::WrongMasterKey)));
    // Pointed at the new key, the server opens everything; the data itself was not rewritten.
    env.config.keys.master_key_file = new_key;
    env.restart().await;
    let reopened = env.state.vault.existing_key(&s).await.unwrap();
    assert_eq!(reopened.open("still:x", &sealed).unwrap(), b"JFIF photo bytes");
    let login = env.login("anna").await;
    assert!(!login.cookie.is_empty(), "staff sign in with their re-sealed authenticator secrets");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'master_key_rotated'").fetch_one(&env.state.db).await.unwrap();
    assert_eq!(n, 1);
    env.done().await;
}
