//! The e-mail queue (`mail_outbox`): the scheduler's due items taken over, the journey's result
//! messages, each composed at send time in the customer's language and sent by SMTP.
//!
//! Recipients are looked up when sending (the booking's contact, the application's e-mail), so
//! nothing personal is copied into the queue except the invitation's calendar object, which is
//! sealed with the session's data key. Erasing the session makes its queued mail unsendable.

use super::queue::{self, Claimed, Failure, MAIL};
use super::smtp::{self, Outgoing};
use super::templates;
use crate::AppState;
use crate::audit::Actor;
use crate::db::Db;
use crate::vault::VaultError;
use domain::{BookingStatus, SessionId, SessionStatus};
use sqlx::Row;

/// How long an invitation waits for its manage link to be remembered (the booking route does
/// it right after the booking's own transaction).
const LINK_GRACE_MS: i64 = 60_000;

fn payload_label(id: &str) -> String {
    format!("mail:{id}")
}

fn link_label(booking_id: &str) -> String {
    format!("booking-link:{booking_id}")
}

/// Keeps the manage-link secret of a booking (sealed with the session's key) so its e-mails
/// can carry the link; the scheduler keeps only the hash.
pub async fn remember_manage_link(state: &AppState, session: &SessionId, booking_id: &str, token: &str) -> Result<(), VaultError> {
    let now = state.clock.now_ms();
    let key = state.vault.key(session, now).await?;
    sqlx::query("INSERT INTO booking_links (booking_id, session_id, token, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id) DO NOTHING")
        .bind(booking_id.to_owned())
        .bind(session.as_str().to_owned())
        .bind(key.seal(&link_label(booking_id), token.as_bytes()))
        .bind(now)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// Takes over the scheduler's due outbox items: each is copied into `mail_outbox` and marked
/// sent in `sched_outbox` in one transaction, so an item is taken exactly once.
pub async fn import_due(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now_ms();
    let items = state.scheduling.store().due_outbox(now, 50).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut n = 0;
    for item in items {
        let session: Option<String> = match item.kind.as_str() {
            "callback" => sqlx::query_scalar("SELECT session_id FROM sched_queue WHERE id = $1").bind(item.ref_id.clone()).fetch_optional(&state.db).await?,
            _ => sqlx::query_scalar::<_, Option<String>>("SELECT session_id FROM sched_bookings WHERE id = $1").bind(item.ref_id.clone()).fetch_optional(&state.db).await?.flatten(),
        };
        let id = format!("sched:{}", item.id);
        let session = session.map(SessionId::from_stored);
        let payload = match (&session, item.payload.is_empty()) {
            (Some(s), false) => state.vault.key(s, now).await.ok().map(|k| k.seal(&payload_label(&id), item.payload.as_bytes())),
            _ => None,
        };
        let mut tx = state.db.begin().await?;
        sqlx::query(
            "INSERT INTO mail_outbox (id, session_id, kind, ref_id, payload, due_ms, attempts, next_attempt_ms, created_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(session.map(SessionId::into_string))
        .bind(item.kind.clone())
        .bind(item.ref_id.clone())
        .bind(payload)
        .bind(item.due_ms)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let taken = sqlx::query("UPDATE sched_outbox SET sent_ms = $1 WHERE id = $2 AND sent_ms IS NULL").bind(now).bind(item.id.clone()).execute(&mut *tx).await?;
        tx.commit().await?;
        n += taken.rows_affected() as usize;
    }
    Ok(n)
}

/// Queues a journey message (`result` or `under_review`) for the session; a no-op if queued before.
pub async fn enqueue_journey(db: &Db, session: &SessionId, kind: &str, now: i64) -> Result<bool, sqlx::Error> {
    let r = sqlx::query(
        "INSERT INTO mail_outbox (id, session_id, kind, ref_id, payload, due_ms, attempts, next_attempt_ms, created_ms) \
         VALUES ($1, $2, $3, $2, NULL, $4, 0, $4, $4) ON CONFLICT (id) DO NOTHING",
    )
    .bind(journey_id(session, kind))
    .bind(session.as_str().to_owned())
    .bind(kind.to_owned())
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub fn journey_id(session: &SessionId, kind: &str) -> String {
    format!("journey:{session}:{kind}")
}

/// Sends every due e-mail once: `(sent, given up)`. Without an SMTP server nothing is claimed;
/// the queue waits.
pub async fn deliver_due(state: &AppState) -> (usize, usize) {
    if state.config.smtp.host.is_empty() {
        return (0, 0);
    }
    let claimed = match queue::claim(state, MAIL, 20).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "claiming e-mails failed");
            return (0, 0);
        }
    };
    let mut counts = (0, 0);
    for c in claimed {
        match attempt(state, &c).await {
            Ok(Some(true)) => counts.0 += 1,
            Ok(Some(false)) => counts.1 += 1,
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "an e-mail attempt failed internally");
                let _ = queue::failed(state, MAIL, &c, Failure::Transient, "internal", None).await;
            }
        }
    }
    counts
}

/// What to do with a claimed item.
enum Compose {
    Send(Box<Outgoing>),
    /// Nothing to send, for good (a code).
    Skip(&'static str),
    /// Not ready; try again at this time without counting the attempt.
    NotYet(i64),
}

/// One attempt: `Some(true)` sent, `Some(false)` given up, `None` retried or postponed.
async fn attempt(state: &AppState, c: &Claimed) -> anyhow::Result<Option<bool>> {
    match compose(state, &c.id).await? {
        Compose::NotYet(until) => {
            queue::postpone(state, MAIL, &c.id, until).await?;
            Ok(None)
        }
        Compose::Skip(code) => {
            queue::failed(state, MAIL, c, Failure::Permanent, code, None).await?;
            tracing::info!(code, "e-mail not sent");
            Ok(Some(false))
        }
        Compose::Send(out) => match smtp::send(&state.config.smtp, &out).await {
            Ok(()) => {
                queue::done(state, MAIL, &c.id, None).await?;
                tracing::info!(message_id = %out.message_id, attempt = c.attempt, "e-mail sent");
                Ok(Some(true))
            }
            Err(e) => {
                let failure = if matches!(e, smtp::SendError::Permanent(_) | smtp::SendError::BadAddress(_)) { Failure::Permanent } else { Failure::Transient };
                let gave_up = queue::failed(state, MAIL, c, failure, e.code(), None).await?;
                tracing::warn!(code = e.code(), attempt = c.attempt, gave_up, "e-mail not sent");
                Ok(gave_up.then_some(false))
            }
        },
    }
}

/// The domain of `Message-ID`s: the public host.
fn domain(state: &AppState) -> String {
    url::Url::parse(&state.config.public_url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_else(|| "localhost".into())
}

async fn compose(state: &AppState, id: &str) -> anyhow::Result<Compose> {
    let row = sqlx::query("SELECT session_id, kind, ref_id, payload, created_ms FROM mail_outbox WHERE id = $1").bind(id.to_owned()).fetch_one(&state.db).await?;
    let Some(session) = row.try_get::<Option<String>, _>("session_id")?.map(SessionId::from_stored) else { return Ok(Compose::Skip("no_session")) };
    let kind: String = row.try_get("kind")?;
    let ref_id: String = row.try_get("ref_id")?;
    let created: i64 = row.try_get("created_ms")?;
    let sealed: Option<Vec<u8>> = row.try_get("payload")?;
    let erased: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM session_keys WHERE session_id = $1 AND destroyed_at IS NOT NULL").bind(session.as_str().to_owned()).fetch_one(&state.db).await?;
    if erased > 0 {
        return Ok(Compose::Skip("data_erased"));
    }
    // A session without personal data yet has no key; reading it creates one.
    let key = state.vault.key(&session, state.clock.now_ms()).await?;
    let payload = match sealed {
        Some(sealed) => Some(String::from_utf8(key.open(&payload_label(id), &sealed)?)?),
        None => None,
    };
    let journey = crate::journey::get(&state.db, &session).await?;
    let message_id = format!("{}@{}", id.replace(':', "."), domain(state));
    let mut values: Vec<(&str, String)> = vec![];
    let (message, to, calendar) = match kind.as_str() {
        "invite" | "cancel" | "reminder" | "rebook_offer" | "reassigned" => {
            let booking = match state.scheduling.store().booking(&ref_id).await {
                Ok(b) => b,
                Err(_) => return Ok(Compose::Skip("booking_not_found")),
            };
            let Some(to) = booking.contact.email.clone() else { return Ok(Compose::Skip("no_recipient")) };
            let start = booking.start.with_timezone(&booking.customer_tz).format("%Y-%m-%d %H:%M (%Z)").to_string();
            values.push(("start", start));
            let link = manage_link(state, &key, &ref_id).await?;
            let manage_url = link.map(|t| format!("{}{t}", crate::scheduling::manage_url_base(&state.config.public_url))).unwrap_or_default();
            let needs_link = matches!(kind.as_str(), "invite" | "reminder");
            if needs_link && manage_url.is_empty() && state.clock.now_ms() - created < LINK_GRACE_MS {
                return Ok(Compose::NotYet(state.clock.now_ms() + 5_000));
            }
            values.push(("manage_url", manage_url));
            let message = match kind.as_str() {
                "invite" if ics_sequence(payload.as_deref()) > 0 => "rescheduled",
                "invite" => "invite",
                "cancel" => "cancel",
                "reminder" if booking.status != BookingStatus::Booked => return Ok(Compose::Skip("booking_closed")),
                "reminder" => "reminder",
                "rebook_offer" => {
                    values.push(("link", fresh_link(state, &session).await?.unwrap_or_default()));
                    "rebook_offer"
                }
                _ => return Ok(Compose::Skip("not_customer_facing")),
            };
            let calendar = match kind.as_str() {
                "invite" => payload.map(|ics| ("REQUEST".to_owned(), ics)),
                "cancel" => payload.map(|ics| ("CANCEL".to_owned(), ics)),
                _ => None,
            };
            let language = journey.as_ref().and_then(|j| j.language.clone()).or_else(|| needs_language(&booking.needs)).unwrap_or_else(|| "en".into());
            (format!("{message}|{language}"), to, calendar)
        }
        "callback" => {
            let contact: scheduler::Contact = payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
            let Some(to) = contact.email else { return Ok(Compose::Skip("no_recipient")) };
            values.push(("link", fresh_link(state, &session).await?.unwrap_or_default()));
            let language = journey.as_ref().map_or_else(|| "en".to_owned(), |j| j.lang().to_owned());
            (format!("callback|{language}"), to, None)
        }
        "result" | "under_review" => {
            let app = crate::journey::application::load(&state.db, &key, &session).await?;
            let Some(to) = app.and_then(|a| a.applicant.email).filter(|e| crate::contact::email(e).is_ok()) else { return Ok(Compose::Skip("no_recipient")) };
            let message = if kind == "under_review" {
                "under_review".to_owned()
            } else {
                match crate::evidence::decision::get(&state.db, &session).await? {
                    Some(d) => format!("result_{}", d.outcome.as_ref()),
                    None => return Ok(Compose::Skip("no_decision")),
                }
            };
            values.push(("return_url", journey.as_ref().and_then(|j| j.return_url.clone()).unwrap_or_default()));
            let language = journey.as_ref().map_or_else(|| "en".to_owned(), |j| j.lang().to_owned());
            (format!("{message}|{language}"), to, None)
        }
        _ => return Ok(Compose::Skip("unknown_kind")),
    };
    let (message, language) = message.split_once('|').unwrap_or((&message, "en"));
    for p in templates::PLACEHOLDERS {
        if !values.iter().any(|(k, _)| k == p) {
            values.push((p, String::new()));
        }
    }
    let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let Some(text) = templates::render(message, language, &refs) else { return Ok(Compose::Skip("no_template")) };
    Ok(Compose::Send(Box::new(Outgoing { to, subject: text.subject, body: text.body, calendar, message_id })))
}

/// The booking's remembered manage-link secret.
async fn manage_link(state: &AppState, key: &crate::vault::DataKey, booking_id: &str) -> anyhow::Result<Option<String>> {
    let sealed: Option<Vec<u8>> = sqlx::query_scalar("SELECT token FROM booking_links WHERE booking_id = $1").bind(booking_id.to_owned()).fetch_optional(&state.db).await?;
    Ok(match sealed {
        Some(s) => Some(String::from_utf8(key.open(&link_label(booking_id), &s)?)?),
        None => None,
    })
}

/// A new customer link for a session that is still open (the e-mail is its delivery).
async fn fresh_link(state: &AppState, session: &SessionId) -> anyhow::Result<Option<String>> {
    let open = state.sessions.get(session).await?.is_some_and(|s| s.status != SessionStatus::Ended);
    if !open {
        return Ok(None);
    }
    let ttl = state.config.link_ttl_secs.min(state.config.link_max_ttl_secs) as i64 * 1000;
    let link = state.sessions.issue_link(session, ttl, None, Actor::System).await?;
    // A journey's customer comes back to the journey's pages, a plain session's to the call page.
    Ok(Some(match crate::journey::get(&state.db, session).await? {
        Some(_) => crate::journey::customer_url(&state.config.public_url, &link.token),
        None => link.url,
    }))
}

/// The `lang:xx` skill of a booking's needs, if it names a journey language.
fn needs_language(needs: &scheduler::Needs) -> Option<String> {
    needs.0.iter().find_map(|s| s.strip_prefix("lang:")).and_then(crate::journey::language::parse).map(str::to_owned)
}

/// The SEQUENCE of a calendar object (0 for the first invitation).
fn ics_sequence(ics: Option<&str>) -> i64 {
    ics.and_then(|t| t.lines().find_map(|l| l.strip_prefix("SEQUENCE:"))).and_then(|s| s.trim().parse().ok()).unwrap_or(0)
}

/// A queued e-mail's state, for tests and support (no recipient, no content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub id: String,
    pub kind: String,
    pub attempts: i64,
    pub sent_ms: Option<i64>,
    pub failed_ms: Option<i64>,
    pub last_error: Option<String>,
}

pub async fn queued(db: &Db, ref_id: &str) -> Result<Vec<Queued>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, kind, attempts, sent_ms, failed_ms, last_error FROM mail_outbox WHERE ref_id = $1 ORDER BY created_ms, due_ms, id").bind(ref_id.to_owned()).fetch_all(db).await?;
    rows.iter()
        .map(|r| {
            Ok(Queued { id: r.try_get("id")?, kind: r.try_get("kind")?, attempts: r.try_get("attempts")?, sent_ms: r.try_get("sent_ms")?, failed_ms: r.try_get("failed_ms")?, last_error: r.try_get("last_error")? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rescheduled_invitation_is_told_by_its_sequence() {
        assert_eq!(ics_sequence(Some("BEGIN:VEVENT\r\nSEQUENCE:2\r\nEND:VEVENT")), 2);
        assert_eq!(ics_sequence(None), 0);
        assert_eq!(needs_language(&scheduler::Needs::of(["doc:passport", "lang:vi"])).as_deref(), Some("vi"));
    }
}
