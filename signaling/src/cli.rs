//! Administration from the command line, for the first admin and for operators:
//!
//! ```text
//! signaling admin create-user --id ID --name NAME --roles admin,agent [--password-stdin]
//! signaling admin create-api-key --name NAME --scopes sessions:write,... [--days N]
//! signaling admin totp-code --id ID        (the current code; for the demo and recovery drills)
//! signaling audit verify                  (walks the audit chain; exit 1 names the first bad row)
//! signaling openapi                       (prints the OpenAPI document)
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
        _ => bail!("unknown command; see `signaling --help`"),
    }
}

pub const HELP: &str = "usage: signaling [--config FILE] [COMMAND]
  (no command)                       run the server
  admin create-user --id ID --name NAME --roles ROLE[,ROLE] [--password-stdin]
  admin create-api-key --name NAME --scopes SCOPE[,SCOPE] [--days N]
  admin totp-code --id ID            print the account's current authenticator code
  audit verify                       check the audit log's hash chain
  openapi                            print the OpenAPI document";

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
