//! Reading encrypted recordings back, the way an operator would: the database (for the
//! session's wrapped key), the master key and the storage are enough.

use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

fn entry(file: &Value) -> anyhow::Result<recorder::FileEntry> {
    Ok(serde_json::from_value(file.clone())?)
}

/// Decrypts one file of a manifest (as JSON) with the running server's vault and storage.
pub async fn decrypt(state: &signaling::AppState, session: &str, file: &Value, dst: &Path) -> anyhow::Result<()> {
    let r = state.recordings.as_ref().ok_or_else(|| anyhow::anyhow!("recording disabled"))?;
    let id = domain::SessionId::parse(session).ok_or_else(|| anyhow::anyhow!("session id"))?;
    signaling::recording::decrypt_file(&state.vault, r.storage(), &id, &entry(file)?, dst).await?;
    Ok(())
}

/// Decrypts one file with a database URL, a master key file and the recordings directory.
pub async fn decrypt_offline(database_url: &str, master_key: &Path, recordings: &Path, session: &str, file: &Value, dst: &Path) -> anyhow::Result<()> {
    let db = signaling::db::connect(database_url).await?;
    let key = signaling::crypto::MasterKey::load(master_key)?;
    let vault = signaling::vault::Vault::new(db, key);
    let storage: Arc<dyn recorder::Storage> = Arc::new(recorder::LocalStorage::new(recordings)?);
    let id = domain::SessionId::parse(session).ok_or_else(|| anyhow::anyhow!("session id"))?;
    signaling::recording::decrypt_file(&vault, storage, &id, &entry(file)?, dst).await?;
    Ok(())
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
