//! Backoff and lockout after failed sign-ins, as a pure function of the stored counters and
//! `now`: after `threshold` failures in a row the account is locked for `base`, and every
//! further lock doubles (capped at a day). A success resets the failure count, not the
//! number of earlier locks, so an attacker who waits out a lock gets fewer tries next time.

/// The counters stored with the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counters {
    pub failed: i64,
    pub lockouts: i64,
    pub locked_until: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub threshold: i64,
    pub base_ms: i64,
}

const MAX_LOCK_MS: i64 = 24 * 3600 * 1000;

/// Milliseconds until the account may try again, if it is locked at `now`.
pub fn locked_for(c: &Counters, now: i64) -> Option<i64> {
    c.locked_until.filter(|until| *until > now).map(|until| until - now)
}

/// The counters after a failed attempt at `now`.
pub fn after_failure(c: Counters, now: i64, r: Rules) -> Counters {
    let failed = c.failed + 1;
    if failed < r.threshold.max(1) {
        return Counters { failed, ..c };
    }
    let factor = 1i64 << c.lockouts.clamp(0, 16);
    let lock = r.base_ms.saturating_mul(factor).min(MAX_LOCK_MS);
    Counters { failed: 0, lockouts: c.lockouts + 1, locked_until: Some(now + lock) }
}

/// The counters after a successful sign-in.
pub fn after_success(c: Counters) -> Counters {
    Counters { failed: 0, lockouts: c.lockouts, locked_until: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Rules = Rules { threshold: 3, base_ms: 60_000 };

    #[test]
    fn the_account_locks_after_the_threshold_and_unlocks_when_the_time_is_up() {
        let mut c = Counters::default();
        for _ in 0..2 {
            c = after_failure(c, 1000, R);
            assert_eq!(locked_for(&c, 1000), None);
        }
        c = after_failure(c, 1000, R);
        assert_eq!(locked_for(&c, 1000), Some(60_000));
        assert_eq!(locked_for(&c, 61_000), None);
    }

    #[test]
    fn each_further_lock_doubles() {
        let mut c = Counters::default();
        for _ in 0..3 {
            c = after_failure(c, 0, R);
        }
        c = after_success(c);
        for _ in 0..3 {
            c = after_failure(c, 100_000, R);
        }
        assert_eq!(locked_for(&c, 100_000), Some(120_000));
    }

    #[test]
    fn locks_never_exceed_a_day() {
        let c = Counters { failed: 2, lockouts: 40, locked_until: None };
        assert_eq!(locked_for(&after_failure(c, 0, R), 0), Some(MAX_LOCK_MS));
    }
}
