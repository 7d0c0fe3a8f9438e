//! A session's lifecycle as a pure state machine: the current state, an event and `now` in,
//! the outcome out. No I/O; `sessions` stores the outcome and tells the rest of the server.
//!
//! ```text
//! Created ──both parties in the call──▶ Active ──hang-up / ended by integrator or staff──▶ Ended
//!    │                                    └──────── call longer than the maximum ─────────▶ Ended
//!    └── ended by integrator or staff, or nobody came within the session's lifetime ─────▶ Ended
//! ```

use domain::{EndReason, Party, SessionStatus};

/// What the lifecycle needs to know of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub status: SessionStatus,
    pub created_at: i64,
    pub started_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Both parties are connected to the call.
    BothPresent,
    Hangup(Party),
    EndedByIntegrator,
    EndedByStaff,
    /// The agent decided (approve, reject, inconclusive).
    Decided,
    /// Time passed: checks the call length and the session's lifetime.
    Tick,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_call_ms: i64,
    /// A session nobody joined ends this long after its creation.
    pub ttl_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Started { at: i64 },
    Ended { reason: EndReason, at: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the session has ended")]
    AlreadyEnded,
}

pub fn next(s: State, event: Event, now: i64, limits: Limits) -> Result<Outcome, Refused> {
    use Event::*;
    use SessionStatus::*;
    let ended = |reason| Ok(Outcome::Ended { reason, at: now });
    match (s.status, event) {
        (Ended, Tick) => Ok(Outcome::Unchanged),
        (Ended, _) => Err(Refused::AlreadyEnded),
        (Created, BothPresent) => Ok(Outcome::Started { at: now }),
        (Active, BothPresent) => Ok(Outcome::Unchanged),
        (_, Hangup(Party::Customer)) => ended(EndReason::HangupByCustomer),
        (_, Hangup(Party::Agent)) => ended(EndReason::HangupByAgent),
        (_, EndedByIntegrator) => ended(EndReason::EndedByIntegrator),
        (_, EndedByStaff) => ended(EndReason::EndedByStaff),
        (_, Decided) => ended(EndReason::Decided),
        (Active, Tick) => match s.started_at {
            Some(start) if now - start >= limits.max_call_ms => ended(EndReason::MaxDurationReached),
            _ => Ok(Outcome::Unchanged),
        },
        (Created, Tick) if now - s.created_at >= limits.ttl_ms => ended(EndReason::Expired),
        (Created, Tick) => Ok(Outcome::Unchanged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits { max_call_ms: 60_000, ttl_ms: 1_000_000 };

    fn created() -> State {
        State { status: SessionStatus::Created, created_at: 0, started_at: None }
    }

    fn active(at: i64) -> State {
        State { status: SessionStatus::Active, created_at: 0, started_at: Some(at) }
    }

    #[test]
    fn a_session_starts_when_both_parties_are_in_the_call() {
        assert_eq!(next(created(), Event::BothPresent, 5, L), Ok(Outcome::Started { at: 5 }));
        assert_eq!(next(active(5), Event::BothPresent, 9, L), Ok(Outcome::Unchanged));
    }

    #[test]
    fn a_call_ends_when_it_reaches_the_maximum_length_and_not_before() {
        assert_eq!(next(active(1000), Event::Tick, 60_999, L), Ok(Outcome::Unchanged));
        assert_eq!(next(active(1000), Event::Tick, 61_000, L), Ok(Outcome::Ended { reason: EndReason::MaxDurationReached, at: 61_000 }));
    }

    #[test]
    fn a_session_nobody_joined_expires_at_the_end_of_its_lifetime() {
        assert_eq!(next(created(), Event::Tick, 999_999, L), Ok(Outcome::Unchanged));
        assert_eq!(next(created(), Event::Tick, 1_000_000, L), Ok(Outcome::Ended { reason: EndReason::Expired, at: 1_000_000 }));
    }

    #[test]
    fn hang_ups_name_who_hung_up() {
        assert_eq!(next(active(0), Event::Hangup(Party::Agent), 3, L), Ok(Outcome::Ended { reason: EndReason::HangupByAgent, at: 3 }));
        assert_eq!(next(created(), Event::Hangup(Party::Customer), 3, L), Ok(Outcome::Ended { reason: EndReason::HangupByCustomer, at: 3 }));
    }

    #[test]
    fn an_ended_session_refuses_everything_but_the_clock() {
        let s = State { status: SessionStatus::Ended, created_at: 0, started_at: Some(0) };
        assert_eq!(next(s, Event::Tick, 1, L), Ok(Outcome::Unchanged));
        for e in [Event::BothPresent, Event::Hangup(Party::Agent), Event::EndedByIntegrator, Event::EndedByStaff, Event::Decided] {
            assert_eq!(next(s, e, 1, L), Err(Refused::AlreadyEnded));
        }
    }
}
