//! Administration from the command line, for the first admin and for operators:
//!
//! ```text
//! signaling admin create-user --id ID --name NAME --roles admin,agent [--password-stdin]
//!                                         (bootstrap: prints the password and enrollment)
//! signaling admin create-api-key --name NAME --scopes sessions:write,... [--days N]
//! signaling admin totp-code --id ID        (the current code; for the demo and recovery drills)
//! signaling audit verify                  (walks the audit chain; exit 1 names the first bad row)
//! signaling openapi                       (prints the OpenAPI document)
//! signaling keys rotate --new-key-file F  (re-wraps every data key and staff secret with F)
//! signaling retention run [--at RFC3339]  (deletes what is due; --at only for drills)
//! signaling evidence verify PACKAGE [--public-key PEM]   (offline; exit 1 names the bad file)
//! signaling recording decrypt SESSION FILE --out OUT      (one recording file in the clear; audit-logged)
//! ```
//!
//! All read the same configuration as the server (`--config FILE`, `VKYC_*`, `DATABASE_URL`).

use crate::apikeys::{self, ApiScope};
use crate::audit::{self, Actor, AuditAction, Entry, Verdict};
use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::MasterKey;
use crate::staff::{self, NewStaff};
use anyhow::{Context, bail};
use domain::{StaffId, StaffRole};
use std::collections::BTreeSet;
use std::io::Read;

/// Runs one command; returns the process exit code.
pub async fn run(config: &Config, args: &[String]) -> anyhow::Result<i32> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["openapi"] => {
            // Keys sorted, so the printed document is the same byte for byte on every run.
            println!("{}", serde_json::to_string_pretty(&sorted(serde_json::to_value(crate::http::openapi_doc())?))?);
            Ok(0)
        }
        ["audit", "verify"] => audit_verify(config).await,
        ["admin", "create-user", rest @ ..] => create_user(config, rest).await,
        ["admin", "create-api-key", rest @ ..] => create_key(config, rest).await,
        ["admin", "totp-code", rest @ ..] => totp_code(config, rest).await,
        // --- Supervisors and auditors (issue 11) ---
        ["keys", "rotate", rest @ ..] => keys_rotate(config, rest).await,
        ["retention", "run", rest @ ..] => retention_run(config, rest).await,
        ["evidence", "verify", package, rest @ ..] => evidence_verify(config, package, rest),
        ["recording", "decrypt", session, file, rest @ ..] => recording_decrypt(config, session, file, rest).await,
        _ => bail!("unknown command; see `signaling --help`"),
    }
}

pub const HELP: &str = "usage: signaling [--config FILE] [COMMAND]
  (no command)                       run the server
  admin create-user --id ID --name NAME --roles ROLE[,ROLE] [--password-stdin]
                                     bootstrap an account (the first admin, the demo): prints its
                                     authenticator enrollment and recovery codes here, so use it
                                     only for yourself; everyone else is invited by an admin in
                                     /staff/admin and activates their own account
  admin create-api-key --name NAME --scopes SCOPE[,SCOPE] [--days N]
  admin totp-code --id ID            print the account's current authenticator code
  audit verify                       check the audit log's hash chain
  openapi                            print the OpenAPI document
  keys rotate --new-key-file FILE    re-wrap every session key and staff secret with a new
                                     master key (created if missing); then point
                                     keys.master_key_file at FILE
  retention run [--at RFC3339]       delete the sessions whose retention ended
  evidence verify PACKAGE [--public-key PEM]
                                     check an evidence package offline; exit 1 names the
                                     first file that does not verify
  recording decrypt SESSION FILE --out OUT
                                     write one recording file (its manifest path, e.g.
                                     seg-0000/customer-video.webm) in the clear";

fn sorted(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

fn flag<'a>(args: &[&'a str], name: &str) -> Option<&'a str> {
    args.iter().position(|a| *a == name).and_then(|i| args.get(i + 1)).copied()
}

async fn open(config: &Config) -> anyhow::Result<(crate::db::Db, MasterKey)> {
    let db = crate::db::connect(&config.database_url).await?;
    let key = MasterKey::load_or_create(&config.keys.master_key_file)?;
    Ok((db, key))
}

async fn audit_verify(config: &Config) -> anyhow::Result<i32> {
    let db = crate::db::connect(&config.database_url).await?;
    match audit::verify(&db).await? {
        Verdict::Intact { rows } => {
            println!("audit log intact: {rows} rows");
            Ok(0)
        }
        Verdict::Altered { seq } => {
            println!("audit log broken: row {seq} was changed (its hash or its link to the previous row does not match)");
            Ok(1)
        }
        Verdict::Missing { after } => {
            println!("audit log broken: rows are missing after row {after}");
            Ok(1)
        }
    }
}

async fn create_user(config: &Config, args: &[&str]) -> anyhow::Result<i32> {
    let id = flag(args, "--id").context("--id is required")?;
    let name = flag(args, "--name").unwrap_or(id);
    let roles: BTreeSet<StaffRole> = flag(args, "--roles")
        .context("--roles is required (agent, supervisor, admin, auditor)")?
        .split(',')
        .map(|r| r.trim().parse::<StaffRole>().map_err(|_| anyhow::anyhow!("unknown role `{r}`")))
        .collect::<Result<_, _>>()?;
    let password = if args.contains(&"--password-stdin") {
        let mut p = String::new();
        std::io::stdin().read_to_string(&mut p)?;
        p.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        staff::password::generate()
    };
    let (db, key) = open(config).await?;
    let now = Clock::Wall.now_ms();
    let (s, e) = staff::create(&db, &key, NewStaff { id: id.to_owned(), display_name: name.to_owned(), roles, password: password.clone() }, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e} ({})", e.code()))?;
    audit::append(&db, Entry::new(Actor::Cli, AuditAction::StaffCreated).target(s.id.as_str()), now).await?;
    println!("created {} with roles {}", s.id, s.roles.iter().map(|r| r.as_ref()).collect::<Vec<_>>().join(","));
    if !args.contains(&"--password-stdin") {
        println!("password: {password}");
    }
    println!("authenticator enrollment URI: {}", e.totp_uri);
    println!("recovery codes: {}", e.recovery_codes.join(" "));
    Ok(0)
}

async fn create_key(config: &Config, args: &[&str]) -> anyhow::Result<i32> {
    let name = flag(args, "--name").context("--name is required")?;
    let scopes: BTreeSet<ApiScope> = match flag(args, "--scopes").context("--scopes is required (or `all`)")? {
        "all" => ApiScope::all(),
        list => list
            .split(',')
            .map(|s| serde_json::from_value::<ApiScope>(serde_json::Value::String(s.trim().to_owned())).map_err(|_| anyhow::anyhow!("unknown scope `{s}`")))
            .collect::<Result<_, _>>()?,
    };
    let days = flag(args, "--days").map(str::parse::<i64>).transpose()?.unwrap_or(365);
    let (db, _) = open(config).await?;
    let now = Clock::Wall.now_ms();
    let (key, secret) = apikeys::create(&db, name, scopes, days, "cli", now).await.map_err(|e| anyhow::anyhow!("{e} ({})", e.code()))?;
    audit::append(&db, Entry::new(Actor::Cli, AuditAction::ApiKeyCreated).target(key.id.as_str()), now).await?;
    println!("{secret}");
    Ok(0)
}

async fn totp_code(config: &Config, args: &[&str]) -> anyhow::Result<i32> {
    let id = StaffId::parse(flag(args, "--id").context("--id is required")?).context("not a staff id")?;
    let (db, key) = open(config).await?;
    let code = staff::current_code(&db, &key, &id, Clock::Wall.now_ms()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{code}");
    Ok(0)
}

// --- Supervisors and auditors (issue 11) ---

/// The configured master key, with the previous one during a rotation.
fn master_key(config: &Config) -> anyhow::Result<MasterKey> {
    let key = MasterKey::load_or_create(&config.keys.master_key_file)?;
    Ok(match &config.keys.previous_master_key_file {
        Some(p) => key.with_previous(&MasterKey::load(p)?),
        None => key,
    })
}

async fn keys_rotate(config: &Config, args: &[&str]) -> anyhow::Result<i32> {
    let new_path = std::path::PathBuf::from(flag(args, "--new-key-file").context("--new-key-file is required")?);
    if new_path == config.keys.master_key_file {
        bail!("the new key file is the current one");
    }
    let db = crate::db::connect(&config.database_url).await?;
    let old = master_key(config)?;
    let new = MasterKey::load_or_create(&new_path)?;
    let keys = crate::vault::Vault::rotate(&db, &old, &new).await?;
    // Staff TOTP seeds are sealed with the master key too.
    let mut secrets = 0u64;
    for r in sqlx::query("SELECT id, totp_secret FROM staff").fetch_all(&db).await? {
        use sqlx::Row;
        let id: String = r.try_get("id")?;
        let sealed: Vec<u8> = r.try_get("totp_secret")?;
        let context = format!("staff-totp:{id}");
        let plain = match old.open(&context, &sealed) {
            Ok(p) => p,
            Err(_) if new.open(&context, &sealed).is_ok() => continue,
            Err(_) => bail!("staff {id}'s secret does not open with the configured master key"),
        };
        sqlx::query("UPDATE staff SET totp_secret = $2 WHERE id = $1").bind(id).bind(new.seal(&context, &plain)).execute(&db).await?;
        secrets += 1;
    }
    let now = Clock::Wall.now_ms();
    audit::append(&db, Entry::new(Actor::Cli, AuditAction::MasterKeyRotated).detail(format!("data_keys={keys} staff_secrets={secrets}")), now).await?;
    println!("re-wrapped {keys} session keys and {secrets} staff secrets with {}", new_path.display());
    println!("now set keys.master_key_file = \"{}\" (VKYC_KEYS__MASTER_KEY_FILE) and restart;", new_path.display());
    println!(
        "while a server started with the old key may still run, also set keys.previous_master_key_file = \"{}\" and run this command again after the restart",
        config.keys.master_key_file.display()
    );
    Ok(0)
}

async fn retention_run(config: &Config, args: &[&str]) -> anyhow::Result<i32> {
    let now = match flag(args, "--at") {
        Some(t) => chrono::DateTime::parse_from_rfc3339(t).context("--at takes an RFC 3339 time")?.timestamp_millis(),
        None => Clock::Wall.now_ms(),
    };
    let db = crate::db::connect(&config.database_url).await?;
    let key = master_key(config)?;
    let storage = if config.recording.enabled { Some(crate::storage_choice(config).open(&config.recording.dir).map_err(|e| anyhow::anyhow!("recordings: {e}"))?) } else { None };
    let stores = crate::retention::Stores { db: db.clone(), vault: crate::vault::Vault::new(db, key), storage, profiles: crate::profiles::Profiles::built_in()?, config: config.retention.clone() };
    // A running server skips sessions in a call; the command line cannot see calls, but a
    // session in a call has no deadline yet (it has not ended), so nothing live is due.
    let report = crate::retention::run(&stores, now, |_| false).await?;
    println!("scheduled {} deadlines; deleted {} sessions; {} failed", report.scheduled, report.deleted.len(), report.failed.len());
    for s in &report.deleted {
        println!("deleted {s}");
    }
    Ok(if report.failed.is_empty() { 0 } else { 1 })
}

fn evidence_verify(config: &Config, package: &str, args: &[&str]) -> anyhow::Result<i32> {
    let (pinned, source) = match flag(args, "--public-key") {
        Some(path) => {
            let pem = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
            (Some(crate::signing::parse_public_pem(&pem).context("--public-key is not an Ed25519 public key in PEM")?), path.to_owned())
        }
        // On a deployment's own machine its key is the one to expect.
        None => match std::fs::read_to_string(config.keys.signing_key_path()) {
            Ok(_) => (Some(crate::signing::Signer::load_or_create(&config.keys.signing_key_path())?.verifying_key()), "this deployment's signing key".to_owned()),
            Err(_) => (None, String::new()),
        },
    };
    match crate::evidence_package::verify::verify(std::path::Path::new(package), pinned.as_ref()) {
        Ok(v) => {
            println!("package of session {} verified: {} files signed by key {}", v.session, v.files, v.key_fingerprint);
            if v.pinned {
                println!("the key is {source}");
            } else {
                println!("no key to compare with: check the fingerprint above against the deployment's (GET /api/v1/signing-key)");
            }
            Ok(0)
        }
        Err(f) => {
            println!("package does not verify: {}: {}", f.file, f.why);
            Ok(1)
        }
    }
}

async fn recording_decrypt(config: &Config, session: &str, file: &str, args: &[&str]) -> anyhow::Result<i32> {
    use sqlx::Row;
    let out = std::path::PathBuf::from(flag(args, "--out").context("--out is required")?);
    let id = domain::SessionId::parse(session).context("not a session id")?;
    let db = crate::db::connect(&config.database_url).await?;
    let row = sqlx::query("SELECT manifest FROM recordings WHERE session_id = $1").bind(id.as_str().to_owned()).fetch_optional(&db).await?.context("the session has no closed recording")?;
    let manifest: recorder::Manifest = serde_json::from_str(&row.try_get::<String, _>("manifest")?)?;
    let entry = manifest.segments.iter().flat_map(|s| &s.files).find(|f| f.path == file).context("no such file in the manifest")?.clone();
    let storage = crate::storage_choice(config).open(&config.recording.dir).map_err(|e| anyhow::anyhow!("recordings: {e}"))?;
    let vault = crate::vault::Vault::new(db.clone(), master_key(config)?);
    crate::recording::decrypt_file(&vault, storage, &id, &entry, &out).await?;
    audit::append(&db, Entry::new(Actor::Cli, AuditAction::RecordingFileServed).session(&id).target(file.to_owned()), Clock::Wall.now_ms()).await?;
    println!("{}", out.display());
    Ok(0)
}
