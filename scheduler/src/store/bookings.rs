//! Appointments in the database.
//!
//! Double booking is impossible by construction: a booking occupies one agent ("seat") at
//! one slot start, and the partial unique index `sched_bookings_seat` on
//! `(agent_id, start_ms) WHERE status = 'booked'` lets only one such row exist. A booking
//! attempt tries the free qualified agents one by one and treats a unique violation as
//! "someone else got that seat first". This serialises correctly on SQLite (single writer)
//! and PostgreSQL (index-level locking) without SELECT ... FOR UPDATE or retries of whole
//! transactions.

use super::{is_unique_violation, outbox, Store};
use crate::booking::{check_not_past, Booked, Booking, BookingPolicy, BookingRequest, BookingStatus};
use crate::error::{Result, SchedError};
use crate::ics::{render, IcsEvent, IcsMethod};
use crate::ids::{new_id, new_token, token_hash};
use crate::roster::{parse_tz, Agent, AgentId};
use crate::skills::{Needs, SkillCatalog};
use crate::slots::{free_agents_at, free_slots, FreeSlot};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use rand::seq::SliceRandom;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub(super) const COLS: &str = "id, agent_id, start_ms, end_ms, needs, customer_tz, contact, status, sequence, \
                    checked_in_ms, session_id, dispatched_ms";

pub(super) fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn at(ms: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| SchedError::Corrupt(format!("timestamp {ms}")))
}

pub(super) fn row(r: &AnyRow) -> Result<Booking> {
    Ok(Booking {
        id: r.try_get("id")?,
        agent_id: r.try_get("agent_id")?,
        start: at(r.try_get("start_ms")?)?,
        end: at(r.try_get("end_ms")?)?,
        needs: serde_json::from_str(&r.try_get::<String, _>("needs")?)?,
        customer_tz: parse_tz(&r.try_get::<String, _>("customer_tz")?)?,
        contact: serde_json::from_str(&r.try_get::<String, _>("contact")?)?,
        status: crate::error::stored::<BookingStatus>(&r.try_get::<String, _>("status")?)?,
        sequence: r.try_get("sequence")?,
        checked_in_ms: r.try_get("checked_in_ms")?,
        session_id: r.try_get("session_id")?,
        dispatched_ms: r.try_get("dispatched_ms")?,
    })
}

impl Store {
    /// Agents held by bookings overlapping `[from, to)`: `(agent, start_ms, end_ms)`.
    pub async fn taken_seats(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<(AgentId, i64, i64)>> {
        let rows = sqlx::query(
            "SELECT agent_id, start_ms, end_ms FROM sched_bookings WHERE status = 'booked' AND start_ms < $1 AND end_ms > $2",
        )
        .bind(ms(to))
        .bind(ms(from))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok((r.try_get("agent_id")?, r.try_get("start_ms")?, r.try_get("end_ms")?))).collect()
    }

    /// Bookable slot times for `needs` in `[from, to)`, shown in the customer's zone.
    #[allow(clippy::too_many_arguments)]
    pub async fn free_slots(
        &self,
        agents: &[Agent],
        catalog: &SkillCatalog,
        policy: &BookingPolicy,
        needs: &Needs,
        customer_tz: Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<FreeSlot>> {
        catalog.validate(needs)?;
        let from = from.max(now + policy.min_lead);
        let taken = self.taken_seats(from - TimeDelta::days(1), to + TimeDelta::days(1)).await?;
        Ok(free_slots(agents, &policy.slots, needs, customer_tz, from, to, &taken))
    }

    pub async fn booking(&self, id: &str) -> Result<Booking> {
        let r = sqlx::query(&format!("SELECT {COLS} FROM sched_bookings WHERE id = $1"))
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row(&r.ok_or(SchedError::NotFound("booking"))?)
    }

    /// An agent's booked appointments starting in `[from, to)`, earliest first.
    pub async fn appointments_of(&self, agent: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Booking>> {
        let rows = sqlx::query(&format!("SELECT {COLS} FROM sched_bookings WHERE agent_id = $1 AND status = $2 AND start_ms >= $3 AND start_ms < $4 ORDER BY start_ms"))
            .bind(agent.to_string())
            .bind(BookingStatus::Booked.as_ref().to_string())
            .bind(ms(from))
            .bind(ms(to))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(row).collect()
    }

    /// Looks a booking up by the secret from the customer's link.
    pub async fn booking_by_token(&self, token: &str) -> Result<Booking> {
        let r = sqlx::query(&format!("SELECT {COLS} FROM sched_bookings WHERE token_hash = $1"))
            .bind(token_hash(token))
            .fetch_optional(self.pool())
            .await?;
        row(&r.ok_or(SchedError::NotFound("booking"))?)
    }

    /// Books `req.start` with one free qualified agent, chosen at random among them.
    pub async fn book(
        &self,
        agents: &[Agent],
        catalog: &SkillCatalog,
        policy: &BookingPolicy,
        req: &BookingRequest,
        now: DateTime<Utc>,
    ) -> Result<Booked> {
        catalog.validate(&req.needs)?;
        check_not_past(policy, req.start, now)?;
        let cands = self.candidates(agents, policy, &req.needs, req.start, None).await?;
        let token = new_token();
        let end = req.start + policy.slots.length;
        for agent in cands {
            let id = new_id();
            let mut tx = self.pool().begin().await?;
            let ins = sqlx::query(&format!(
                "INSERT INTO sched_bookings ({COLS}, token_hash, created_ms, updated_ms) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,'booked',0,NULL,$10,NULL,$8,$9,$9)"
            ))
            .bind(id.clone())
            .bind(agent.clone())
            .bind(ms(req.start))
            .bind(ms(end))
            .bind(serde_json::to_string(&req.needs)?)
            .bind(req.customer_tz.name().to_string())
            .bind(serde_json::to_string(&req.contact)?)
            .bind(token_hash(&token))
            .bind(ms(now))
            .bind(req.session_id.clone())
            .execute(&mut *tx)
            .await;
            match ins {
                Err(e) if is_unique_violation(&e) => continue, // seat taken meanwhile: next agent
                Err(e) => return Err(e.into()),
                Ok(_) => {}
            }
            let booking = Booking {
                id,
                agent_id: agent,
                start: req.start,
                end,
                needs: req.needs.clone(),
                customer_tz: req.customer_tz,
                contact: req.contact.clone(),
                status: BookingStatus::Booked,
                sequence: 0,
                checked_in_ms: None,
                session_id: req.session_id.clone(),
                dispatched_ms: None,
            };
            queue_invite(&mut tx, policy, &booking, now).await?;
            tx.commit().await?;
            let ics = ics_for(policy, &booking, IcsMethod::Request, now, Some(&token));
            return Ok(Booked { booking, token, ics });
        }
        Err(SchedError::SlotTaken)
    }

    /// Free qualified agents at `start` in random order (spreads load and keeps the
    /// agent a customer gets unpredictable), or why there are none.
    async fn candidates(
        &self,
        agents: &[Agent],
        policy: &BookingPolicy,
        needs: &Needs,
        start: DateTime<Utc>,
        exclude_booking: Option<&str>,
    ) -> Result<Vec<AgentId>> {
        let mut taken = self.taken_seats(start - TimeDelta::days(1), start + TimeDelta::days(1)).await?;
        if let Some(b) = exclude_booking {
            let old = self.booking(b).await?;
            taken.retain(|(a, s, _)| !(a == &old.agent_id && *s == ms(old.start)));
        }
        let mut free: Vec<AgentId> =
            free_agents_at(agents, &policy.slots, needs, start, &taken).into_iter().map(|a| a.id.clone()).collect();
        if free.is_empty() {
            let any_slot = free_agents_at(agents, &policy.slots, needs, start, &[]);
            return Err(if any_slot.is_empty() { SchedError::OutsideShifts } else { SchedError::SlotTaken });
        }
        free.shuffle(&mut rand::thread_rng());
        Ok(free)
    }

    /// Moves a booking to `new_start`; same UID, SEQUENCE + 1, reminders re-queued.
    pub async fn reschedule(
        &self,
        agents: &[Agent],
        policy: &BookingPolicy,
        token: &str,
        new_start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Booked> {
        let old = self.booking_by_token(token).await?;
        if old.status != BookingStatus::Booked {
            return Err(SchedError::BookingClosed(old.status.as_ref().into()));
        }
        check_not_past(policy, new_start, now)?;
        check_not_past(policy, old.start, now).map_err(|_| SchedError::BookingClosed("already started".into()))?;
        let cands = self.candidates(agents, policy, &old.needs, new_start, Some(&old.id)).await?;
        let end = new_start + policy.slots.length;
        for agent in cands {
            let mut tx = self.pool().begin().await?;
            let up = sqlx::query(
                "UPDATE sched_bookings SET agent_id = $1, start_ms = $2, end_ms = $3, sequence = sequence + 1, \
                 updated_ms = $4 WHERE id = $5 AND status = 'booked' AND sequence = $6",
            )
            .bind(agent.clone())
            .bind(ms(new_start))
            .bind(ms(end))
            .bind(ms(now))
            .bind(old.id.clone())
            .bind(old.sequence)
            .execute(&mut *tx)
            .await;
            match up {
                Err(e) if is_unique_violation(&e) => continue,
                Err(e) => return Err(e.into()),
                // A concurrent change of the same booking won; let the customer retry.
                Ok(r) if r.rows_affected() != 1 => return Err(SchedError::BookingClosed("changed concurrently".into())),
                Ok(_) => {}
            }
            let b = Booking { agent_id: agent, start: new_start, end, sequence: old.sequence + 1, ..old.clone() };
            outbox::drop_unsent_reminders(&mut tx, &b.id).await?;
            queue_invite(&mut tx, policy, &b, now).await?;
            tx.commit().await?;
            let ics = ics_for(policy, &b, IcsMethod::Request, now, Some(token));
            return Ok(Booked { booking: b, token: token.to_string(), ics });
        }
        Err(SchedError::SlotTaken)
    }

    /// Cancels through the customer's link: seat released, CANCEL invitation queued.
    pub async fn cancel(&self, policy: &BookingPolicy, token: &str, now: DateTime<Utc>) -> Result<Booking> {
        let b = self.booking_by_token(token).await?;
        self.close_booking(policy, b, BookingStatus::Cancelled, now, None).await
    }

    /// Ends a booked appointment with `status`, queues a CANCEL and optionally another message.
    pub(super) async fn close_booking(
        &self,
        policy: &BookingPolicy,
        b: Booking,
        status: BookingStatus,
        now: DateTime<Utc>,
        extra: Option<&str>,
    ) -> Result<Booking> {
        let mut tx = self.pool().begin().await?;
        let r = sqlx::query(
            "UPDATE sched_bookings SET status = $1, sequence = sequence + 1, updated_ms = $2 \
             WHERE id = $3 AND status = 'booked' AND sequence = $4",
        )
        .bind(status.as_ref().to_string())
        .bind(ms(now))
        .bind(b.id.clone())
        .bind(b.sequence)
        .execute(&mut *tx)
        .await?;
        if r.rows_affected() != 1 {
            return Err(SchedError::BookingClosed(b.status.as_ref().into()));
        }
        let b = Booking { status, sequence: b.sequence + 1, ..b };
        outbox::drop_unsent_reminders(&mut tx, &b.id).await?;
        let ics = ics_for(policy, &b, IcsMethod::Cancel, now, None);
        outbox::insert(&mut tx, outbox::kind::CANCEL, &b.id, ms(now), &ics, ms(now)).await?;
        if let Some(kind) = extra {
            outbox::insert(&mut tx, kind, &b.id, ms(now), "", ms(now)).await?;
        }
        tx.commit().await?;
        Ok(b)
    }

    /// The customer arrived (opened the link at appointment time) with a video session.
    pub async fn check_in(&self, token: &str, session_id: &str, now: DateTime<Utc>) -> Result<Booking> {
        let b = self.booking_by_token(token).await?;
        self.check_in_booking(b, session_id, now).await
    }

    /// A session's current appointment: the latest one still booked, else the latest of any
    /// status (so a customer sees a cancellation or a missed appointment too).
    pub async fn booking_of_session(&self, session_id: &str) -> Result<Option<Booking>> {
        let rows = sqlx::query(&format!("SELECT {COLS} FROM sched_bookings WHERE session_id = $1 ORDER BY start_ms DESC, id"))
            .bind(session_id.to_string())
            .fetch_all(self.pool())
            .await?;
        let all: Vec<Booking> = rows.iter().map(row).collect::<Result<_>>()?;
        Ok(all.iter().find(|b| b.status == BookingStatus::Booked).or(all.first()).cloned())
    }

    /// [`Self::check_in`] for a booking already looked up (by its token or its session).
    pub async fn check_in_booking(&self, b: Booking, session_id: &str, now: DateTime<Utc>) -> Result<Booking> {
        if b.status != BookingStatus::Booked {
            return Err(SchedError::BookingClosed(b.status.as_ref().into()));
        }
        sqlx::query("UPDATE sched_bookings SET checked_in_ms = $1, session_id = $2, updated_ms = $1 WHERE id = $3")
            .bind(ms(now))
            .bind(session_id.to_string())
            .bind(b.id.clone())
            .execute(self.pool())
            .await?;
        self.booking(&b.id).await
    }
}

/// Invitation and reminders for a (re)booked appointment, inside the caller's transaction.
/// The stored invitation carries no manage link: the token must never be stored in clear.
async fn queue_invite(conn: &mut AnyConnection, policy: &BookingPolicy, b: &Booking, now: DateTime<Utc>) -> Result<()> {
    let ics = ics_for(policy, b, IcsMethod::Request, now, None);
    outbox::insert(conn, outbox::kind::INVITE, &b.id, ms(now), &ics, ms(now)).await?;
    for r in &policy.reminders {
        let due = b.start - *r;
        if due > now {
            outbox::insert(conn, outbox::kind::REMINDER, &b.id, ms(due), "", ms(now)).await?;
        }
    }
    Ok(())
}

fn ics_for(policy: &BookingPolicy, b: &Booking, method: IcsMethod, now: DateTime<Utc>, token: Option<&str>) -> String {
    render(
        &policy.ics,
        &IcsEvent {
            booking_id: &b.id,
            sequence: b.sequence,
            start: b.start,
            end: b.end,
            stamp: now,
            method,
            attendee_email: b.contact.email.as_deref(),
            token,
        },
    )
}

