//! Persistence of the live queue: entries, presence and offers.

use super::{outbox, Store};
use crate::dispatcher::{Change, LiveSnapshot, Offer, OfferStatus};
use crate::error::Result;
use crate::presence::{AgentPresence, PresenceState};
use crate::queue::{EntryStatus, QueueEntry};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

impl Store {
    /// Persists changes from the [`crate::Dispatcher`] in order, in one transaction.
    pub async fn apply(&self, changes: &[Change]) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool().begin().await?;
        for c in changes {
            apply_one(&mut tx, c).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Loads what [`crate::Dispatcher::rebuild`] needs.
    pub async fn load_live(&self) -> Result<LiveSnapshot> {
        let p = sqlx::query("SELECT agent_id, state, since_ms, idle_since_ms, wrap_up_until_ms, entry_id FROM sched_presence")
            .fetch_all(self.pool())
            .await?;
        let presence = p.iter().map(presence_row).collect::<Result<Vec<_>>>()?;
        let e = sqlx::query(&format!(
            "SELECT {ENTRY_COLS} FROM sched_queue WHERE status IN ('waiting', 'offered', 'connected') \
             ORDER BY priority, joined_ms, seq"
        ))
        .fetch_all(self.pool())
        .await?;
        let entries = e.iter().map(entry_row).collect::<Result<Vec<_>>>()?;
        let o = sqlx::query(
            "SELECT id, entry_id, agent_id, created_ms, expires_ms, status, decided_ms, audit \
             FROM sched_offers WHERE status = 'pending' ORDER BY created_ms, id",
        )
        .fetch_all(self.pool())
        .await?;
        let pending_offers = o.iter().map(offer_row).collect::<Result<Vec<_>>>()?;
        let h = sqlx::query(
            "SELECT ended_ms - connected_ms AS d FROM sched_queue WHERE status = 'done' \
             AND connected_ms IS NOT NULL AND ended_ms IS NOT NULL ORDER BY ended_ms DESC LIMIT 50",
        )
        .fetch_all(self.pool())
        .await?;
        let mut recent_handling_ms = h.iter().map(|r| Ok(r.try_get::<i64, _>("d")?)).collect::<Result<Vec<_>>>()?;
        recent_handling_ms.reverse();
        Ok(LiveSnapshot { presence, entries, pending_offers, recent_handling_ms })
    }

    /// Restart path in one call: loads agents and live state, rebuilds the dispatcher and
    /// persists the repairs it made. Call [`crate::Dispatcher::tick`] afterwards.
    pub async fn rebuild_dispatcher(&self, cfg: crate::DispatchConfig, now: i64) -> Result<crate::Dispatcher> {
        let agents = self.load_agents().await?;
        let (d, repairs) = crate::Dispatcher::rebuild(cfg, &agents, self.load_live().await?, now);
        self.apply(&repairs).await?;
        Ok(d)
    }

    /// Every offer ever made for an entry (audit trail), oldest first.
    pub async fn offers_for_entry(&self, entry_id: &str) -> Result<Vec<Offer>> {
        let o = sqlx::query(
            "SELECT id, entry_id, agent_id, created_ms, expires_ms, status, decided_ms, audit \
             FROM sched_offers WHERE entry_id = $1 ORDER BY created_ms, id",
        )
        .bind(entry_id.to_string())
        .fetch_all(self.pool())
        .await?;
        o.iter().map(offer_row).collect()
    }
}

const ENTRY_COLS: &str = "id, session_id, needs, joined_ms, seq, priority, pinned_agent, booking_id, status, \
                          skipped, agent_id, connected_ms, ended_ms";

async fn apply_one(conn: &mut AnyConnection, c: &Change) -> Result<()> {
    match c {
        Change::Entry(e) => {
            sqlx::query(&format!(
                "INSERT INTO sched_queue ({ENTRY_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) \
                 ON CONFLICT (id) DO UPDATE SET status = excluded.status, skipped = excluded.skipped, \
                 agent_id = excluded.agent_id, connected_ms = excluded.connected_ms, ended_ms = excluded.ended_ms"
            ))
            .bind(e.id.clone())
            .bind(e.session_id.clone())
            .bind(serde_json::to_string(&e.needs)?)
            .bind(e.joined_ms)
            .bind(e.seq)
            .bind(e.priority)
            .bind(e.pinned_agent.clone())
            .bind(e.booking_id.clone())
            .bind(e.status.as_ref().to_string())
            .bind(serde_json::to_string(&e.skipped)?)
            .bind(e.agent_id.clone())
            .bind(e.connected_ms)
            .bind(e.ended_ms)
            .execute(conn)
            .await?;
        }
        Change::Presence(p) => {
            sqlx::query(
                "INSERT INTO sched_presence (agent_id, state, since_ms, idle_since_ms, wrap_up_until_ms, entry_id) \
                 VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (agent_id) DO UPDATE SET state = excluded.state, \
                 since_ms = excluded.since_ms, idle_since_ms = excluded.idle_since_ms, \
                 wrap_up_until_ms = excluded.wrap_up_until_ms, entry_id = excluded.entry_id",
            )
            .bind(p.agent_id.clone())
            .bind(p.state.as_ref().to_string())
            .bind(p.since_ms)
            .bind(p.idle_since_ms)
            .bind(p.wrap_up_until_ms)
            .bind(p.entry_id.clone())
            .execute(conn)
            .await?;
        }
        Change::Offer(o) => {
            sqlx::query(
                "INSERT INTO sched_offers (id, entry_id, agent_id, created_ms, expires_ms, status, decided_ms, policy, audit) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (id) DO UPDATE SET status = excluded.status, \
                 decided_ms = excluded.decided_ms",
            )
            .bind(o.id.clone())
            .bind(o.entry_id.clone())
            .bind(o.agent_id.clone())
            .bind(o.created_ms)
            .bind(o.expires_ms)
            .bind(o.status.as_ref().to_string())
            .bind(o.decided_ms)
            .bind(format!("{:?}", o.audit.policy))
            .bind(serde_json::to_string(&o.audit)?)
            .execute(conn)
            .await?;
        }
        Change::BookingDispatched { booking_id, at_ms } => {
            sqlx::query("UPDATE sched_bookings SET dispatched_ms = $1, updated_ms = $1 WHERE id = $2")
                .bind(*at_ms)
                .bind(booking_id.clone())
                .execute(conn)
                .await?;
        }
        Change::CallbackRequested { entry_id, contact, at_ms } => {
            outbox::insert(conn, outbox::kind::CALLBACK, entry_id, *at_ms, &serde_json::to_string(contact)?, *at_ms)
                .await?;
        }
    }
    Ok(())
}

fn presence_row(r: &AnyRow) -> Result<AgentPresence> {
    Ok(AgentPresence {
        agent_id: r.try_get("agent_id")?,
        state: crate::error::stored::<PresenceState>(&r.try_get::<String, _>("state")?)?,
        since_ms: r.try_get("since_ms")?,
        idle_since_ms: r.try_get("idle_since_ms")?,
        wrap_up_until_ms: r.try_get("wrap_up_until_ms")?,
        entry_id: r.try_get("entry_id")?,
    })
}

fn entry_row(r: &AnyRow) -> Result<QueueEntry> {
    Ok(QueueEntry {
        id: r.try_get("id")?,
        session_id: r.try_get("session_id")?,
        needs: serde_json::from_str(&r.try_get::<String, _>("needs")?)?,
        joined_ms: r.try_get("joined_ms")?,
        seq: r.try_get("seq")?,
        priority: r.try_get("priority")?,
        pinned_agent: r.try_get("pinned_agent")?,
        booking_id: r.try_get("booking_id")?,
        status: crate::error::stored::<EntryStatus>(&r.try_get::<String, _>("status")?)?,
        skipped: serde_json::from_str(&r.try_get::<String, _>("skipped")?)?,
        agent_id: r.try_get("agent_id")?,
        connected_ms: r.try_get("connected_ms")?,
        ended_ms: r.try_get("ended_ms")?,
    })
}

fn offer_row(r: &AnyRow) -> Result<Offer> {
    Ok(Offer {
        id: r.try_get("id")?,
        entry_id: r.try_get("entry_id")?,
        agent_id: r.try_get("agent_id")?,
        created_ms: r.try_get("created_ms")?,
        expires_ms: r.try_get("expires_ms")?,
        status: crate::error::stored::<OfferStatus>(&r.try_get::<String, _>("status")?)?,
        decided_ms: r.try_get("decided_ms")?,
        audit: serde_json::from_str(&r.try_get::<String, _>("audit")?)?,
    })
}
