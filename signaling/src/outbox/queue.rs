//! The delivery queue's row protocol, shared by the e-mail and webhook tables: claim due rows
//! (a lease only one worker can take), then mark each delivered, retried later, or given up.

use crate::AppState;

/// A delivery table and the column its success sets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    pub name: &'static str,
    pub done: &'static str,
}

pub(crate) const MAIL: Table = Table { name: "mail_outbox", done: "sent_ms" };
pub(crate) const WEBHOOKS: Table = Table { name: "webhook_deliveries", done: "delivered_ms" };

/// A claimed row: its id and how many attempts it has had, this one included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claimed {
    pub id: String,
    pub attempt: i64,
}

fn due(t: Table) -> String {
    format!("{} IS NULL AND failed_ms IS NULL AND next_attempt_ms <= $1 AND (claimed_until_ms IS NULL OR claimed_until_ms <= $1)", t.done)
}

/// Claims up to `limit` due rows: each for `outbox.claim_lease_secs`, its attempt counted.
/// The claim itself is the conditional `UPDATE` (whoever claimed a row meanwhile wins, this
/// worker skips it); on PostgreSQL the candidates are also row-locked `FOR UPDATE SKIP LOCKED`
/// in the same transaction, so concurrent workers pick different rows instead of colliding.
/// SQLite serialises writers anyway, and a deferred transaction there could fail to upgrade.
pub(crate) async fn claim(state: &AppState, t: Table, limit: i64) -> Result<Vec<Claimed>, sqlx::Error> {
    let now = state.clock.now_ms();
    let lease = now.saturating_add((state.config.outbox.claim_lease_secs as i64).saturating_mul(1000));
    let select = format!("SELECT id FROM {} WHERE {} ORDER BY next_attempt_ms, id LIMIT $2", t.name, due(t));
    let update = format!("UPDATE {} SET claimed_until_ms = $2, attempts = attempts + 1 WHERE id = $3 AND {}", t.name, due(t));
    let mut taken = vec![];
    if super::postgres(state) {
        let mut tx = state.db.begin().await?;
        let ids: Vec<String> = sqlx::query_scalar(&format!("{select} FOR UPDATE SKIP LOCKED")).bind(now).bind(limit).fetch_all(&mut *tx).await?;
        for id in ids {
            if sqlx::query(&update).bind(now).bind(lease).bind(id.clone()).execute(&mut *tx).await?.rows_affected() == 1 {
                taken.push(id);
            }
        }
        tx.commit().await?;
    } else {
        let ids: Vec<String> = sqlx::query_scalar(&select).bind(now).bind(limit).fetch_all(&state.db).await?;
        for id in ids {
            if sqlx::query(&update).bind(now).bind(lease).bind(id.clone()).execute(&state.db).await?.rows_affected() == 1 {
                taken.push(id);
            }
        }
    }
    let mut claimed = vec![];
    for id in taken {
        let attempt: i64 = sqlx::query_scalar(&format!("SELECT attempts FROM {} WHERE id = $1", t.name)).bind(id.clone()).fetch_one(&state.db).await?;
        claimed.push(Claimed { id, attempt });
    }
    Ok(claimed)
}

/// Delivered: never sent again. `status` is the receiver's HTTP status (webhooks only).
pub(crate) async fn done(state: &AppState, t: Table, id: &str, status: Option<i64>) -> Result<(), sqlx::Error> {
    let status_col = if t.name == WEBHOOKS.name { ", last_status = $3" } else { "" };
    let q = format!("UPDATE {} SET {} = $1, claimed_until_ms = NULL, last_error = NULL{status_col} WHERE id = $2", t.name, t.done);
    let mut q = sqlx::query(&q).bind(state.clock.now_ms()).bind(id.to_owned());
    if t.name == WEBHOOKS.name {
        q = q.bind(status);
    }
    q.execute(&state.db).await?;
    Ok(())
}

/// How a failed attempt ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Worth retrying (connection refused, 5xx, timeout).
    Transient,
    /// Retrying cannot help (no recipient, data erased, nothing to send to).
    Permanent,
}

/// Records a failed attempt: retried after the backoff, or given up when attempts are spent
/// or the failure is permanent. `error` is a code, never personal data. Returns whether the
/// row was given up.
pub(crate) async fn failed(state: &AppState, t: Table, c: &Claimed, failure: Failure, error: &str, status: Option<i64>) -> Result<bool, sqlx::Error> {
    let now = state.clock.now_ms();
    let o = &state.config.outbox;
    let give_up = failure == Failure::Permanent || c.attempt >= i64::from(o.max_attempts);
    let next = now.saturating_add(super::backoff_ms(c.attempt, (o.retry_base_secs as i64).saturating_mul(1000), (o.retry_max_secs as i64).saturating_mul(1000)));
    let status_col = if t.name == WEBHOOKS.name { ", last_status = $5" } else { "" };
    let q = format!("UPDATE {} SET claimed_until_ms = NULL, next_attempt_ms = $1, last_error = $2, failed_ms = $3{status_col} WHERE id = $4", t.name);
    let mut q = sqlx::query(&q).bind(next).bind(error.to_owned()).bind(give_up.then_some(now)).bind(c.id.clone());
    if t.name == WEBHOOKS.name {
        q = q.bind(status);
    }
    q.execute(&state.db).await?;
    Ok(give_up)
}

/// Gives a claim back without counting the attempt (the item is not ready yet).
pub(crate) async fn postpone(state: &AppState, t: Table, id: &str, until: i64) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("UPDATE {} SET claimed_until_ms = NULL, next_attempt_ms = $1, attempts = attempts - 1 WHERE id = $2", t.name))
        .bind(until)
        .bind(id.to_owned())
        .execute(&state.db)
        .await?;
    Ok(())
}
