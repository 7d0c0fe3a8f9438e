//! Appointment life cycle after booking: dispatch at slot start, no-shows, and moving
//! appointments away from absent agents.

use super::bookings::{ms, row, COLS};
use super::{is_unique_violation, outbox, Store};
use crate::booking::{BookingPolicy, BookingStatus, Reassignment};
use crate::dispatcher::{Change, Dispatcher};
use crate::error::{Result, SchedError};
use crate::roster::Agent;
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    /// At slot start, checked-in appointments become priority queue entries pinned to the
    /// booked agent, which routing then offers to that agent. Idempotent: `dispatched_ms`
    /// is set in the same transaction as the entry is stored.
    ///
    /// Also refreshes the dispatcher's reservations (agents kept free for appointments
    /// starting within the guard time). Call it periodically, e.g. every few seconds,
    /// followed by [`Dispatcher::tick`].
    pub async fn dispatch_due(&self, d: &mut Dispatcher, now: DateTime<Utc>) -> Result<Vec<Change>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM sched_bookings WHERE status = 'booked' AND checked_in_ms IS NOT NULL \
             AND dispatched_ms IS NULL AND start_ms <= $1 ORDER BY start_ms, id"
        ))
        .bind(ms(now))
        .fetch_all(self.pool())
        .await?;
        let res = sqlx::query(
            "SELECT agent_id, start_ms, end_ms FROM sched_bookings WHERE status = 'booked' AND end_ms > $1 AND start_ms <= $2",
        )
        .bind(ms(now))
        .bind(ms(now) + d.config().appointment_guard_ms)
        .fetch_all(self.pool())
        .await?;
        d.set_reservations(
            res.iter()
                .map(|r| Ok((r.try_get("agent_id")?, r.try_get("start_ms")?, r.try_get("end_ms")?)))
                .collect::<Result<Vec<(String, i64, i64)>>>()?,
        );
        let mut all = vec![];
        for r in &rows {
            let b = row(r)?;
            let session = b.session_id.clone().unwrap_or_default();
            let (_, ch) = d.join_appointment(&session, &b.id, b.needs.clone(), &b.agent_id, ms(now));
            self.apply(&ch).await?;
            all.extend(ch);
        }
        Ok(all)
    }

    /// Booked customers not checked in by start + grace: seat released, rebooking offer queued.
    pub async fn mark_no_shows(&self, policy: &BookingPolicy, now: DateTime<Utc>) -> Result<Vec<String>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM sched_bookings WHERE status = 'booked' AND checked_in_ms IS NULL AND start_ms <= $1"
        ))
        .bind(ms(now - policy.no_show_grace))
        .fetch_all(self.pool())
        .await?;
        let mut out = vec![];
        for r in &rows {
            let b = row(r)?;
            let id = b.id.clone();
            match self.close_booking(policy, b, BookingStatus::NoShow, now, Some(outbox::kind::REBOOK_OFFER)).await {
                Ok(_) => out.push(id),
                Err(SchedError::BookingClosed(_)) => {} // checked in or cancelled meanwhile
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Moves future appointments of `agent_id` that fall into its absences to an agent
    /// with the needed skills who works and is free over the whole slot. `agents` must
    /// already contain the absence.
    pub async fn reassign_absent(
        &self,
        agents: &[Agent],
        policy: &BookingPolicy,
        agent_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Reassignment>> {
        let absent = agents.iter().find(|a| a.id == agent_id).ok_or(SchedError::NotFound("agent"))?;
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM sched_bookings WHERE status = 'booked' AND agent_id = $1 AND end_ms > $2 ORDER BY start_ms"
        ))
        .bind(agent_id.to_string())
        .bind(ms(now))
        .fetch_all(self.pool())
        .await?;
        let mut out = vec![];
        for r in &rows {
            let b = row(r)?;
            if !absent.is_absent(b.start, b.end) {
                continue;
            }
            let taken = self.taken_seats(b.start, b.end).await?;
            let mut to = None;
            for c in agents.iter().filter(|c| c.id != agent_id && c.qualifies(&b.needs)) {
                let works = c.working_intervals(b.start, b.end).iter().any(|(s, e)| *s <= b.start && *e >= b.end);
                let busy = taken.iter().any(|(a, _, _)| a == &c.id);
                if !works || busy {
                    continue;
                }
                let mut tx = self.pool().begin().await?;
                let up = sqlx::query(
                    "UPDATE sched_bookings SET agent_id = $1, updated_ms = $2 WHERE id = $3 AND agent_id = $4 AND status = 'booked'",
                )
                .bind(c.id.clone())
                .bind(ms(now))
                .bind(b.id.clone())
                .bind(agent_id.to_string())
                .execute(&mut *tx)
                .await;
                match up {
                    Err(e) if is_unique_violation(&e) => continue,
                    Err(e) => return Err(e.into()),
                    Ok(r) if r.rows_affected() != 1 => break,
                    Ok(_) => {}
                }
                outbox::insert(&mut tx, outbox::kind::REASSIGNED, &b.id, ms(now), "", ms(now)).await?;
                tx.commit().await?;
                to = Some(c.id.clone());
                break;
            }
            if to.is_none() {
                let id = b.id.clone();
                match self.close_booking(policy, b, BookingStatus::AgentUnavailable, now, Some(outbox::kind::REBOOK_OFFER)).await {
                    Ok(_) | Err(SchedError::BookingClosed(_)) => {}
                    Err(e) => return Err(e),
                }
                out.push(Reassignment { booking_id: id, from: agent_id.to_string(), to: None });
            } else {
                out.push(Reassignment { booking_id: b.id.clone(), from: agent_id.to_string(), to });
            }
        }
        Ok(out)
    }
}
