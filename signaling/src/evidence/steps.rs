//! What the agent did in the call that the checklist counts: the prompts put on the customer's
//! screen, the read-aloud challenges (random digits drawn by the server, judged by the agent),
//! and the agent's explicit confirmations of checklist items.

use crate::db::Db;
use crate::profiles::PromptKind;
use domain::{SessionId, StaffId};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

pub async fn record_prompt(db: &Db, session: &SessionId, kind: PromptKind, detail: Option<&str>, staff: &StaffId, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO prompts (session_id, kind, detail, staff_id, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(session.as_str().to_owned())
        .bind(kind.as_ref())
        .bind(detail.map(str::to_owned))
        .bind(staff.as_str().to_owned())
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn prompts_shown(db: &Db, session: &SessionId) -> Result<BTreeSet<PromptKind>, sqlx::Error> {
    let rows = sqlx::query("SELECT DISTINCT kind FROM prompts WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_all(db).await?;
    Ok(rows.iter().filter_map(|r| r.try_get::<String, _>("kind").ok()?.parse().ok()).collect())
}

/// A read-aloud challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ReadAloud {
    pub id: String,
    /// Six random digits, shown to the customer, read aloud, judged by the agent.
    pub digits: String,
    #[ts(type = "number")]
    pub started_at: i64,
    pub passed: Option<bool>,
}

/// Draws six digits from the operating system's generator.
pub fn draw_digits() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..6).map(|_| char::from(b'0' + rng.gen_range(0..10u8))).collect()
}

pub async fn start_read_aloud(db: &Db, session: &SessionId, staff: &StaffId, now: i64) -> Result<ReadAloud, sqlx::Error> {
    let r = ReadAloud { id: SessionId::random().into_string(), digits: draw_digits(), started_at: now, passed: None };
    sqlx::query("INSERT INTO read_alouds (id, session_id, digits, staff_id, started_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&r.id)
        .bind(session.as_str().to_owned())
        .bind(&r.digits)
        .bind(staff.as_str().to_owned())
        .bind(now)
        .execute(db)
        .await?;
    Ok(r)
}

/// Records the agent's judgement; false if there is no such open challenge in the session.
pub async fn judge_read_aloud(db: &Db, session: &SessionId, id: &str, passed: bool, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE read_alouds SET passed = $3, decided_at = $4 WHERE session_id = $1 AND id = $2 AND passed IS NULL")
        .bind(session.as_str().to_owned())
        .bind(id.to_owned())
        .bind(i64::from(passed))
        .bind(now)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The latest judged read-aloud: passed or not.
pub async fn read_aloud_result(db: &Db, session: &SessionId) -> Result<Option<bool>, sqlx::Error> {
    let row = sqlx::query("SELECT passed FROM read_alouds WHERE session_id = $1 AND passed IS NOT NULL ORDER BY decided_at DESC LIMIT 1")
        .bind(session.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|r| r.try_get::<i64, _>("passed").ok()).map(|p| p == 1))
}

/// The agent's confirmation of one checklist item (replacing an earlier one).
pub async fn confirm(db: &Db, session: &SessionId, item: &str, staff: &StaffId, note: Option<&str>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM confirmations WHERE session_id = $1 AND item = $2").bind(session.as_str().to_owned()).bind(item.to_owned()).execute(db).await?;
    sqlx::query("INSERT INTO confirmations (session_id, item, staff_id, note, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(session.as_str().to_owned())
        .bind(item.to_owned())
        .bind(staff.as_str().to_owned())
        .bind(note.map(str::to_owned))
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn unconfirm(db: &Db, session: &SessionId, item: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM confirmations WHERE session_id = $1 AND item = $2").bind(session.as_str().to_owned()).bind(item.to_owned()).execute(db).await?;
    Ok(())
}

/// Confirmed items and when.
pub async fn confirmations(db: &Db, session: &SessionId) -> Result<BTreeMap<String, i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT item, at FROM confirmations WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_all(db).await?;
    rows.iter().map(|r| Ok((r.try_get("item")?, r.try_get("at")?))).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn read_aloud_digits_are_six_decimal_digits_and_vary() {
        let a = super::draw_digits();
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_digit()));
        assert!((0..20).any(|_| super::draw_digits() != a));
    }
}
