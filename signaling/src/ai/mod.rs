//! Face analysis during the call: the link to the media-ai sidecar (a separate process, so a
//! model crash or slowdown never drops a call), the ID reference photo, and the events the
//! agent sees. Sidecar events are stored with the session and relayed to the agent as `ai`
//! messages; `ai_status` tells the agent when the sidecar is unavailable.

pub mod document;
mod feed;
mod link;
pub mod wire;

pub use feed::AiTaps;

pub use link::{Input, Link, Output};

use crate::calls::{Calls, Notice};
use crate::clock::Clock;
use crate::config::Secret;
use crate::db::Db;
use tokio_util::task::TaskTracker;
use crate::ws::protocol::ServerMsg;
use domain::Party;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// Cheap-clone handle to the sidecar links of all live sessions.
#[derive(Clone)]
pub struct AiHub {
    addr: Option<SocketAddr>,
    secret: Secret,
    /// Decoded frames per second the sidecar analyses.
    video_fps: u32,
    clock: Clock,
    tasks: TaskTracker,
    links: Arc<Mutex<HashMap<String, Link>>>,
    /// Per session, what an agent joining now must be shown (see [`AiState`]).
    state: Arc<Mutex<HashMap<String, AiState>>>,
    db: Db,
    calls: Calls,
    /// Opens the stored (encrypted) reference photo.
    vault: crate::vault::Vault,
}

/// The current face-analysis picture of a session: the sidecar's availability, the latest event
/// of each kind, and the running challenge's events. An agent who (re)joins gets it replayed,
/// because analysis starts with the customer's video, often before the agent is there.
#[derive(Default)]
struct AiState {
    available: Option<bool>,
    latest: Vec<serde_json::Value>,
    challenge: Vec<serde_json::Value>,
}

impl AiState {
    fn record(&mut self, event: &serde_json::Value) {
        let kind = event["type"].as_str().unwrap_or_default();
        if kind == "challenge_started" {
            self.challenge.clear();
        }
        if kind.starts_with("challenge_") {
            self.challenge.push(event.clone());
        } else {
            // Hints of different kinds stand side by side; everything else replaces its predecessor.
            let same = |e: &serde_json::Value| e["type"] == kind && (kind != "injection_hint" || e["kind"] == event["kind"]);
            self.latest.retain(|e| !same(e));
            self.latest.push(event.clone());
        }
    }
}

impl AiHub {
    pub fn new(addr: Option<SocketAddr>, secret: Secret, video_fps: u32, db: Db, calls: Calls, clock: Clock, tasks: TaskTracker, vault: crate::vault::Vault) -> AiHub {
        AiHub { addr, secret, video_fps, clock, tasks, links: Arc::default(), state: Arc::default(), db, calls, vault }
    }

    /// Ends every session's analysis (shutdown).
    pub fn end_all(&self) {
        let ids: Vec<String> = self.links.lock().unwrap_or_else(|e| e.into_inner()).keys().cloned().collect();
        for id in ids {
            self.end(&id);
        }
    }

    /// What to send an agent who joins the call now, oldest first.
    pub fn replay(&self, session_id: &str) -> Vec<ServerMsg> {
        let states = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let Some(st) = states.get(session_id) else { return Vec::new() };
        let status = st.available.map(|available| ServerMsg::AiStatus { available });
        status
            .into_iter()
            .chain(st.latest.iter().chain(&st.challenge).map(|e| ServerMsg::Ai { event: e.clone() }))
            .collect()
    }

    pub fn enabled(&self) -> bool {
        self.addr.is_some()
    }

    /// The session's link, created (and fed the stored reference photo) on first use.
    pub fn link(&self, session_id: &str) -> Option<Link> {
        let addr = self.addr?;
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(l) = links.get(session_id) {
            return Some(l.clone());
        }
        let (out_tx, out_rx) = mpsc::unbounded_channel();
        let link = Link::spawn(addr, self.secret.clone(), session_id.to_owned(), self.video_fps, out_tx, &self.tasks);
        links.insert(session_id.to_owned(), link.clone());
        self.tasks.spawn(relay(self.clone(), session_id.to_owned(), out_rx));
        let (db, vault, sid, l) = (self.db.clone(), self.vault.clone(), session_id.to_owned(), link.clone());
        self.tasks.spawn(async move {
            if let Ok(Some(photo)) = reference_photo(&db, &vault, &sid).await {
                l.send(Input::Reference(photo));
            }
        });
        Some(link)
    }

    /// Ends the session's analysis (the call ended); the sidecar sends its summary.
    pub fn end(&self, session_id: &str) {
        if let Some(l) = self.links.lock().unwrap_or_else(|e| e.into_inner()).remove(session_id) {
            l.send(Input::End);
        }
        self.state.lock().unwrap_or_else(|e| e.into_inner()).remove(session_id);
    }

    fn remember(&self, session_id: &str, output: &Output) {
        let mut states = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let st = states.entry(session_id.to_owned()).or_default();
        match output {
            Output::Available(a) => st.available = Some(*a),
            Output::Event(e) => st.record(e),
        }
    }
}

/// Stores every sidecar event and relays it to the agent.
/// The customer's prompt for a head-movement challenge's progress: the next step to make, or
/// nothing once the challenge is over.
fn challenge_prompt(event: &serde_json::Value, steps: &[String], step_timeout_ms: Option<u32>) -> Option<ServerMsg> {
    let step = |i: usize| {
        steps.get(i).map(|s| ServerMsg::Prompt { kind: crate::profiles::PromptKind::TurnHead, direction: Some(s.clone()), digits: None, countdown_ms: step_timeout_ms })
    };
    match event["type"].as_str()? {
        "challenge_started" => step(0),
        "challenge_step" => Some(step(event["index"].as_u64()? as usize + 1).unwrap_or(ServerMsg::PromptClear {})),
        "challenge_done" => Some(ServerMsg::PromptClear {}),
        _ => None,
    }
}

async fn relay(hub: AiHub, session_id: String, mut out: mpsc::UnboundedReceiver<Output>) {
    let mut steps: Vec<String> = vec![];
    let mut step_timeout_ms = None;
    while let Some(o) = out.recv().await {
        hub.remember(&session_id, &o);
        let msg = match o {
            Output::Available(available) => ServerMsg::AiStatus { available },
            Output::Event(event) => {
                let kind = event["type"].as_str().unwrap_or("unknown").to_owned();
                if kind == "challenge_started" {
                    steps = event["steps"].as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default();
                    step_timeout_ms = event["step_timeout_ms"].as_u64().map(|t| t as u32);
                }
                // The customer sees each step of a head-movement challenge as it comes.
                if let (Some(prompt), Some(call)) = (challenge_prompt(&event, &steps, step_timeout_ms), hub.calls.get(&session_id)) {
                    call.notify(Party::Customer, Notice::Send(prompt));
                }
                // The live head pose is for the agent's eyes (several a second); every scored
                // event, with the models that produced it, is kept.
                if kind != "pose" {
                    if let Err(e) = store_event(&hub.db, &session_id, &kind, &event, hub.clock.now_ms()).await {
                        tracing::warn!(error = %e, "storing an AI event failed");
                    }
                }
                ServerMsg::Ai { event }
            }
        };
        if let Some(call) = hub.calls.get(&session_id) {
            call.notify(Party::Agent, Notice::Send(msg));
        }
    }
}

async fn store_event(db: &Db, session_id: &str, kind: &str, event: &serde_json::Value, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO ai_events (session_id, at, kind, body) VALUES ($1, $4, $2, $3)")
        .bind(session_id)
        .bind(kind)
        .bind(event.to_string())
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// The session's stored AI events, oldest first: (at, kind, body).
pub async fn events(db: &Db, session_id: &str) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT at, kind, body FROM ai_events WHERE session_id = $1 ORDER BY id")
        .bind(session_id)
        .fetch_all(db)
        .await
}

/// The label an ID photo is sealed with (binds the ciphertext to its session).
fn photo_label(session_id: &str) -> String {
    format!("reference_photo:{session_id}")
}

/// Stores the ID photo encrypted with the session's data key.
pub async fn store_reference_photo(db: &Db, key: &crate::vault::DataKey, session_id: &str, content_type: &str, image: &[u8], now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM reference_photos WHERE session_id = $1").bind(session_id).execute(db).await?;
    sqlx::query("INSERT INTO reference_photos (session_id, content_type, image, created_at) VALUES ($1, $2, $3, $4)")
        .bind(session_id)
        .bind(content_type)
        .bind(key.seal(&photo_label(session_id), image))
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// The ID photo in the clear (rows stored before encryption at rest are read as they are).
pub async fn reference_photo(db: &Db, vault: &crate::vault::Vault, session_id: &str) -> Result<Option<Vec<u8>>, crate::vault::VaultError> {
    let row: Option<(Vec<u8>,)> = sqlx::query_as("SELECT image FROM reference_photos WHERE session_id = $1")
        .bind(session_id)
        .fetch_optional(db)
        .await?;
    let Some((stored,)) = row else { return Ok(None) };
    if stored.starts_with(&[0xFF, 0xD8, 0xFF]) || stored.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Some(stored));
    }
    let id = domain::SessionId::from_stored(session_id);
    let key = vault.existing_key(&id).await?;
    Ok(Some(key.open(&photo_label(session_id), &stored)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_customer_is_prompted_for_each_step_in_turn_and_cleared_at_the_end() {
        let steps: Vec<String> = ["centre", "left", "centre"].map(String::from).to_vec();
        let started = challenge_prompt(&json!({"type": "challenge_started"}), &steps, Some(5000));
        assert!(matches!(started, Some(ServerMsg::Prompt { direction: Some(d), countdown_ms: Some(5000), .. }) if d == "centre"));
        let after_first = challenge_prompt(&json!({"type": "challenge_step", "index": 0}), &steps, None);
        assert!(matches!(after_first, Some(ServerMsg::Prompt { direction: Some(d), .. }) if d == "left"));
        assert_eq!(challenge_prompt(&json!({"type": "challenge_step", "index": 2}), &steps, None), Some(ServerMsg::PromptClear {}));
        assert_eq!(challenge_prompt(&json!({"type": "challenge_done"}), &steps, None), Some(ServerMsg::PromptClear {}));
        assert_eq!(challenge_prompt(&json!({"type": "face_match"}), &steps, None), None);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ChallengeError {
    #[error("face analysis is not configured on this server")]
    AiDisabled,
    #[error("give either steps or a number of moves (1-8)")]
    Invalid,
    #[error("face analysis is busy; try again")]
    Busy,
}

impl ChallengeError {
    pub fn code(&self) -> &'static str {
        match self {
            ChallengeError::AiDisabled => "ai_unavailable",
            ChallengeError::Invalid => "invalid_challenge",
            ChallengeError::Busy => "ai_busy",
        }
    }
}

const STEP_NAMES: [&str; 6] = ["centre", "center", "left", "right", "up", "down"];

/// Asks the sidecar for a challenge: explicit steps, or `moves` random ones from a fresh seed.
pub fn start_challenge(
    hub: &AiHub,
    session_id: &str,
    steps: Option<Vec<String>>,
    moves: Option<u8>,
    step_timeout_ms: Option<u32>,
) -> Result<(), ChallengeError> {
    let link = hub.link(session_id).ok_or(ChallengeError::AiDisabled)?;
    let mut cmd = serde_json::json!({"type": "challenge"});
    match (steps, moves) {
        (Some(steps), None) if !steps.is_empty() && steps.len() <= 17 && steps.iter().all(|s| STEP_NAMES.contains(&s.as_str())) => {
            cmd["steps"] = serde_json::json!(steps);
        }
        (None, Some(n)) if (1..=8).contains(&n) => {
            cmd["moves"] = serde_json::json!(n);
            cmd["seed"] = serde_json::json!(rand::random::<u32>());
        }
        _ => return Err(ChallengeError::Invalid),
    }
    if let Some(t) = step_timeout_ms {
        cmd["step_timeout_ms"] = serde_json::json!(t.clamp(1000, 30_000));
    }
    if link.send(Input::Command(cmd)) { Ok(()) } else { Err(ChallengeError::Busy) }
}
