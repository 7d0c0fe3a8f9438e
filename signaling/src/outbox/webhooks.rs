//! Webhooks to the integrator, signed per the Standard Webhooks specification: the headers
//! `webhook-id` (the event's id, the same on every retry, for the receiver to deduplicate),
//! `webhook-timestamp` (unix seconds of this attempt, for the receiver's replay window) and
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` keyed with the
//! base64-decoded part of the identification's `whsec_…` secret. Bodies carry ids, statuses
//! and outcomes, never personal data.

use super::queue::{self, Claimed, Failure, WEBHOOKS};
use crate::AppState;
use crate::db::Db;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use domain::SessionId;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::time::Duration;

/// Event types sent to integrators.
pub const DECIDED: &str = "identification.decided";
pub const FINAL: &str = "identification.final";

/// A new signing secret: `whsec_` and 32 random bytes in base64.
pub fn new_secret() -> String {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    format!("whsec_{}", STANDARD.encode(raw))
}

/// The `webhook-signature` header value for one attempt.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD.decode(secret.strip_prefix("whsec_").unwrap_or(secret)).ok()?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

/// The event id of `event_type` for a session: deterministic, so enqueueing twice is a no-op.
pub fn event_id(session: &SessionId, event_type: &str) -> String {
    let h = Sha256::digest(format!("{session}|{event_type}").as_bytes());
    format!("msg_{}", &hex::encode(h)[..32])
}

/// Queues `event_type` for the session's webhook, if its identification has one. The body is
/// fixed now (`{"type", "timestamp", "data"}`), so every retry signs the same bytes. Returns
/// whether a new event was queued.
pub async fn enqueue(db: &Db, session: &SessionId, event_type: &str, data: serde_json::Value, now: i64) -> Result<bool, sqlx::Error> {
    let has_hook: Option<Option<String>> = sqlx::query_scalar("SELECT webhook_url FROM journeys WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(db).await?;
    if !has_hook.flatten().is_some_and(|u| !u.is_empty()) {
        return Ok(false);
    }
    let id = event_id(session, event_type);
    let timestamp = chrono::DateTime::from_timestamp_millis(now).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let body = serde_json::json!({"type": event_type, "timestamp": timestamp, "data": data}).to_string();
    let r = sqlx::query(
        "INSERT INTO webhook_deliveries (id, session_id, event_type, body, attempts, next_attempt_ms, created_ms) VALUES ($1, $2, $3, $4, 0, $5, $5) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(session.as_str().to_owned())
    .bind(event_type.to_owned())
    .bind(body)
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Delivers every due webhook once: `(delivered, given up)`.
pub async fn deliver_due(state: &AppState) -> (usize, usize) {
    let claimed = match queue::claim(state, WEBHOOKS, 20).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "claiming webhooks failed");
            return (0, 0);
        }
    };
    let mut counts = (0, 0);
    for c in claimed {
        match deliver(state, &c).await {
            Ok(Some(true)) => counts.0 += 1,
            Ok(Some(false)) => counts.1 += 1,
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "recording a webhook delivery failed"),
        }
    }
    counts
}

/// One attempt: `Some(true)` accepted (2xx), `Some(false)` given up, `None` to be retried.
async fn deliver(state: &AppState, c: &Claimed) -> Result<Option<bool>, sqlx::Error> {
    let row = sqlx::query("SELECT session_id, event_type, body FROM webhook_deliveries WHERE id = $1").bind(c.id.clone()).fetch_one(&state.db).await?;
    let session = SessionId::from_stored(row.try_get::<String, _>("session_id")?);
    let event_type: String = row.try_get("event_type")?;
    let body: String = row.try_get("body")?;
    let Some((url, secret)) = crate::journey::webhook_target(&state.db, &state.key, &session).await? else {
        queue::failed(state, WEBHOOKS, c, Failure::Permanent, "no_webhook_target", None).await?;
        return Ok(Some(false));
    };
    let timestamp = state.clock.now_ms().div_euclid(1000);
    let Some(signature) = sign(&secret, &c.id, timestamp, &body) else {
        queue::failed(state, WEBHOOKS, c, Failure::Permanent, "bad_secret", None).await?;
        return Ok(Some(false));
    };
    let sent = client(state)
        .post(&url)
        .header("content-type", "application/json")
        .header("webhook-id", &c.id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body)
        .send()
        .await;
    let (code, status) = match sent {
        Ok(r) if r.status().is_success() => {
            queue::done(state, WEBHOOKS, &c.id, Some(i64::from(r.status().as_u16()))).await?;
            tracing::info!(event = %event_type, attempt = c.attempt, "webhook delivered");
            return Ok(Some(true));
        }
        Ok(r) => (format!("http_{}", r.status().as_u16()), Some(i64::from(r.status().as_u16()))),
        Err(e) => ((if e.is_timeout() { "timeout" } else if e.is_connect() { "connect_failed" } else { "request_failed" }).to_owned(), None),
    };
    let gave_up = queue::failed(state, WEBHOOKS, c, Failure::Transient, &code, status).await?;
    tracing::warn!(event = %event_type, attempt = c.attempt, code, gave_up, "webhook not delivered");
    Ok(gave_up.then_some(false))
}

/// The HTTP client for webhooks: no redirects (a redirect could lead anywhere), a timeout.
fn client(state: &AppState) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(state.config.outbox.webhook_timeout_secs.max(1)))
        .user_agent("videokyc-webhooks/1")
        .build()
        .unwrap_or_default()
}

/// A delivery's state, for tests and the integrator's support staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: String,
    pub event_type: String,
    pub attempts: i64,
    pub delivered_ms: Option<i64>,
    pub failed_ms: Option<i64>,
    pub last_error: Option<String>,
}

pub async fn deliveries(db: &Db, session: &SessionId) -> Result<Vec<Delivery>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, event_type, attempts, delivered_ms, failed_ms, last_error FROM webhook_deliveries WHERE session_id = $1 ORDER BY created_ms, id")
        .bind(session.as_str().to_owned())
        .fetch_all(db)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Delivery {
                id: r.try_get("id")?,
                event_type: r.try_get("event_type")?,
                attempts: r.try_get("attempts")?,
                delivered_ms: r.try_get("delivered_ms")?,
                failed_ms: r.try_get("failed_ms")?,
                last_error: r.try_get("last_error")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_follows_the_standard_webhooks_scheme() {
        // Known answer computed independently with the `standardwebhooks` PyPI package:
        // Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("msg_p5jXN8AQM9LWM0D4loKWxJek", datetime.fromtimestamp(1614265330), '{"test": 2432232314}')
        let s = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, r#"{"test": 2432232314}"#);
        assert_eq!(s.as_deref(), Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    #[test]
    fn event_ids_are_stable_per_session_and_type() {
        let s = SessionId::random();
        assert_eq!(event_id(&s, DECIDED), event_id(&s, DECIDED));
        assert_ne!(event_id(&s, DECIDED), event_id(&s, FINAL));
        assert!(new_secret().starts_with("whsec_"));
        assert_ne!(new_secret(), new_secret());
    }
}
