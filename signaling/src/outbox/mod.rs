//! Messages actually sent. One worker task (tracked, stopped on shutdown) delivers, each round:
//! - the scheduler's due outbox items (invitations with their ICS, reschedules, cancellations,
//!   reminders, rebooking offers, callbacks), handed over into [`mail`]'s own queue in the same
//!   transaction that marks them sent in `sched_outbox` (so each is taken exactly once);
//! - the journey's results (decisions found without their e-mail or webhook: [`sweep`]);
//! - e-mails by SMTP ([`smtp`], texts in en/fr/vi from [`templates`]);
//! - webhooks to integrators, signed per Standard Webhooks ([`webhooks`]).
//!
//! Delivery is claim → send → mark. A claim is a conditional `UPDATE` (a lease on the row that
//! only one worker can take; on PostgreSQL the candidates are also locked `FOR UPDATE SKIP
//! LOCKED`), so two workers never send the same item. Failures are retried with exponential
//! backoff ([`backoff_ms`]) until `max_attempts`. A crash between the receiver's acceptance and
//! the mark can deliver an item a second time, with the same `Message-ID` / `webhook-id`, which
//! receivers deduplicate on. All times come from the app's clock: a test advances it.

pub mod mail;
mod queue;
pub mod smtp;
pub mod sweep;
pub mod templates;
pub mod webhooks;

use crate::AppState;
use std::time::Duration;

/// What one round did (for tests and logs; counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    pub imported: usize,
    pub mails_sent: usize,
    pub mails_failed: usize,
    pub webhooks_delivered: usize,
    pub webhooks_failed: usize,
}

/// The retry delay after the `attempt`-th failed attempt (1-based): `base · 2^(attempt-1)`,
/// at most `max`.
pub fn backoff_ms(attempt: i64, base_ms: i64, max_ms: i64) -> i64 {
    let exp = (attempt - 1).clamp(0, 30) as u32;
    base_ms.saturating_mul(1i64 << exp).min(max_ms)
}

/// One delivery round at the clock's now.
pub async fn run_once(state: &AppState) -> Round {
    let mut round = Round::default();
    match mail::import_due(state).await {
        Ok(n) => round.imported = n,
        Err(e) => tracing::error!(error = %e, "taking over the scheduler's outbox failed"),
    }
    if let Err(e) = sweep::run(state).await {
        tracing::error!(error = %e, "finding results without their messages failed");
    }
    let (sent, failed) = mail::deliver_due(state).await;
    round.mails_sent = sent;
    round.mails_failed = failed;
    let (delivered, failed) = webhooks::deliver_due(state).await;
    round.webhooks_delivered = delivered;
    round.webhooks_failed = failed;
    round
}

/// Starts the worker: a round every `outbox.poll_ms` until shutdown.
pub fn spawn(state: &AppState) {
    let state2 = state.clone();
    state.tasks.spawn(async move {
        let state = state2;
        let mut every = tokio::time::interval(Duration::from_millis(state.config.outbox.poll_ms.max(10)));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut shutdown = state.shutdown.clone();
        loop {
            tokio::select! {
                _ = every.tick() => {}
                _ = crate::stopping(&mut shutdown) => return,
            }
            // A round in flight finishes (its claims are leases, so even an abandoned one is
            // picked up again later); the next one does not start after the shutdown signal.
            let round = run_once(&state).await;
            if round != Round::default() {
                tracing::debug!(?round, "outbox round");
            }
        }
    });
}

/// Whether the database is PostgreSQL (row locks with `SKIP LOCKED` for the candidates).
pub(crate) fn postgres(state: &AppState) -> bool {
    crate::db::is_postgres(&state.config.database_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_the_cap() {
        let d: Vec<i64> = (1..=6).map(|a| backoff_ms(a, 30_000, 600_000)).collect();
        assert_eq!(d, [30_000, 60_000, 120_000, 240_000, 480_000, 600_000]);
        assert_eq!(backoff_ms(200, 30_000, 600_000), 600_000, "no overflow");
    }
}
