//! The outbox: messages to send (invitations, reminders, rebooking offers, call-back
//! requests) written in the same transaction as the change that causes them, so none is
//! lost or sent for a change that rolled back. A sender (out of scope here) polls
//! [`Store::due_outbox`] and calls [`Store::mark_sent`].

use super::Store;
use crate::error::Result;
use crate::ids::new_id;
use sqlx::{AnyConnection, Row};

/// Kinds of outbox messages.
pub mod kind {
    pub const INVITE: &str = "invite";
    pub const CANCEL: &str = "cancel";
    pub const REMINDER: &str = "reminder";
    pub const REBOOK_OFFER: &str = "rebook_offer";
    pub const REASSIGNED: &str = "reassigned";
    pub const CALLBACK: &str = "callback";
}

/// One message. `payload` may hold contact data, hence the redacting Debug.
#[derive(Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: String,
    pub kind: String,
    /// Booking id or queue entry id.
    pub ref_id: String,
    pub due_ms: i64,
    pub payload: String,
    pub created_ms: i64,
    pub sent_ms: Option<i64>,
}

impl std::fmt::Debug for OutboxItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxItem")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("ref_id", &self.ref_id)
            .field("due_ms", &self.due_ms)
            .field("payload", &"<redacted>")
            .field("sent_ms", &self.sent_ms)
            .finish()
    }
}

pub(crate) async fn insert(
    conn: &mut AnyConnection,
    kind: &str,
    ref_id: &str,
    due_ms: i64,
    payload: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sched_outbox (id, kind, ref_id, due_ms, payload, created_ms, sent_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL)",
    )
    .bind(new_id())
    .bind(kind.to_string())
    .bind(ref_id.to_string())
    .bind(due_ms)
    .bind(payload.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Unsent reminders are dropped when the appointment moves or ends.
pub(crate) async fn drop_unsent_reminders(conn: &mut AnyConnection, booking_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM sched_outbox WHERE ref_id = $1 AND kind = $2 AND sent_ms IS NULL")
        .bind(booking_id.to_string())
        .bind(kind::REMINDER.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

fn item(r: &sqlx::any::AnyRow) -> Result<OutboxItem> {
    Ok(OutboxItem {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        ref_id: r.try_get("ref_id")?,
        due_ms: r.try_get("due_ms")?,
        payload: r.try_get("payload")?,
        created_ms: r.try_get("created_ms")?,
        sent_ms: r.try_get("sent_ms")?,
    })
}

const COLS: &str = "id, kind, ref_id, due_ms, payload, created_ms, sent_ms";

impl Store {
    /// All messages about one booking or entry, oldest first.
    pub async fn outbox_for(&self, ref_id: &str) -> Result<Vec<OutboxItem>> {
        let rows = sqlx::query(&format!("SELECT {COLS} FROM sched_outbox WHERE ref_id = $1 ORDER BY created_ms, due_ms, kind"))
            .bind(ref_id.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(item).collect()
    }

    /// Unsent messages due by `now`.
    pub async fn due_outbox(&self, now: i64, limit: i64) -> Result<Vec<OutboxItem>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM sched_outbox WHERE sent_ms IS NULL AND due_ms <= $1 ORDER BY due_ms LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(item).collect()
    }

    pub async fn mark_sent(&self, id: &str, now: i64) -> Result<()> {
        sqlx::query("UPDATE sched_outbox SET sent_ms = $1 WHERE id = $2")
            .bind(now)
            .bind(id.to_string())
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
