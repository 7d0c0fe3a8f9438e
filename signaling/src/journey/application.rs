//! The stored application: one sealed draft per session (what the customer typed, so a reload
//! loses nothing, invalid values included), its state, the MRZ review, and an append-only
//! history of what was prefilled, submitted, read from the document and confirmed.

use super::applicant::Applicant;
use crate::db::Db;
use crate::vault::{DataKey, VaultError};
use domain::SessionId;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::BTreeSet;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum State {
    /// Being filled in; may hold invalid values.
    Draft,
    /// Every field valid, as the customer sent it.
    Submitted,
}

/// Whether a document's MRZ disagrees with (or filled in) the form and waits for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MrzReview {
    /// No MRZ read, or it agreed with the form in every field.
    None,
    /// Mismatches or fields filled from the MRZ: the customer must confirm or correct.
    Pending,
    /// The customer confirmed (or corrected) after the latest reading.
    Confirmed,
}

/// The sealed part of an application.
#[derive(Clone, Default, Serialize, Deserialize)]
struct Sealed {
    applicant: Applicant,
    prefilled: BTreeSet<String>,
    from_mrz: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct Application {
    pub applicant: Applicant,
    /// Fields the integrator prefilled.
    pub prefilled: BTreeSet<String>,
    /// Fields filled in from the document's MRZ.
    pub from_mrz: BTreeSet<String>,
    pub state: State,
    pub mrz_review: MrzReview,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

impl Application {
    pub fn new(now: i64) -> Application {
        Application { applicant: Applicant::default(), prefilled: BTreeSet::new(), from_mrz: BTreeSet::new(), state: State::Draft, mrz_review: MrzReview::None, updated_at: now, submitted_at: None }
    }
}

fn parse<T: std::str::FromStr>(col: &str, v: String) -> Result<T, VaultError> {
    v.parse().map_err(|_| VaultError::Db(sqlx::Error::Decode(format!("application {col}").into())))
}

fn label(session: &SessionId) -> String {
    format!("application:{session}")
}

pub async fn load(db: &Db, key: &DataKey, session: &SessionId) -> Result<Option<Application>, VaultError> {
    let row = sqlx::query("SELECT data, state, mrz_review, updated_at, submitted_at FROM applications WHERE session_id = $1")
        .bind(session.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let sealed: Vec<u8> = r.try_get("data")?;
    let s: Sealed = serde_json::from_slice(&key.open(&label(session), &sealed)?).map_err(|_| VaultError::Corrupt)?;
    Ok(Some(Application {
        applicant: s.applicant,
        prefilled: s.prefilled,
        from_mrz: s.from_mrz,
        state: parse("state", r.try_get("state")?)?,
        mrz_review: parse("mrz_review", r.try_get("mrz_review")?)?,
        updated_at: r.try_get("updated_at")?,
        submitted_at: r.try_get("submitted_at")?,
    }))
}

/// Writes the application (insert or replace).
pub async fn save(db: &Db, key: &DataKey, session: &SessionId, a: &Application) -> Result<(), sqlx::Error> {
    let sealed = Sealed { applicant: a.applicant.clone(), prefilled: a.prefilled.clone(), from_mrz: a.from_mrz.clone() };
    let data = key.seal(&label(session), &serde_json::to_vec(&sealed).unwrap_or_default());
    sqlx::query(
        "INSERT INTO applications (session_id, data, state, mrz_review, updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (session_id) DO UPDATE SET data = excluded.data, state = excluded.state, mrz_review = excluded.mrz_review, \
         updated_at = excluded.updated_at, submitted_at = excluded.submitted_at",
    )
    .bind(session.as_str().to_owned())
    .bind(data)
    .bind(a.state.as_ref())
    .bind(a.mrz_review.as_ref())
    .bind(a.updated_at)
    .bind(a.submitted_at)
    .execute(db)
    .await?;
    Ok(())
}

/// What happened to an application (its history's kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    /// The integrator's prefill: `{applicant}`.
    Prefilled,
    /// `{applicant}` as submitted.
    Submitted,
    /// A document's MRZ was compared: `{document_id, mrz, comparison}`.
    MrzRead,
    /// The customer confirmed or corrected: `{document_id, mrz, confirmed, mismatches}`.
    MrzConfirmed,
}

/// One history entry (decrypted).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryEvent {
    pub kind: EventKind,
    pub at: i64,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

fn event_label(session: &SessionId, kind: EventKind, at: i64) -> String {
    format!("application-event:{session}:{}:{at}", kind.as_ref())
}

pub async fn append_event(db: &Db, key: &DataKey, session: &SessionId, kind: EventKind, data: &serde_json::Value, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO application_events (session_id, kind, at, data) VALUES ($1, $2, $3, $4)")
        .bind(session.as_str().to_owned())
        .bind(kind.as_ref())
        .bind(now)
        .bind(key.seal(&event_label(session, kind, now), data.to_string().as_bytes()))
        .execute(db)
        .await?;
    Ok(())
}

pub async fn history(db: &Db, key: &DataKey, session: &SessionId) -> Result<Vec<HistoryEvent>, VaultError> {
    let rows = sqlx::query("SELECT kind, at, data FROM application_events WHERE session_id = $1 ORDER BY id").bind(session.as_str().to_owned()).fetch_all(db).await?;
    rows.iter()
        .map(|r| {
            let kind: EventKind = r.try_get::<String, _>("kind")?.parse().map_err(|_| VaultError::Corrupt)?;
            let at: i64 = r.try_get("at")?;
            let sealed: Vec<u8> = r.try_get("data")?;
            let data = serde_json::from_slice(&key.open(&event_label(session, kind, at), &sealed)?).map_err(|_| VaultError::Corrupt)?;
            Ok(HistoryEvent { kind, at, data })
        })
        .collect()
}
