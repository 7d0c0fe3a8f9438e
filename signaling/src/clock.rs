//! Where "now" comes from. One [`Clock`] lives in the app state and every time-based decision
//! (link expiry, lockouts, staff-session timeouts, offer timeouts, appointments, call length)
//! reads it, so tests set the time instead of sleeping.

use chrono::{DateTime, TimeDelta, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone, Debug)]
pub enum Clock {
    Wall,
    /// Unix milliseconds set by the test.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(start.timestamp_millis())))
    }

    /// Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        match self {
            Clock::Wall => wall_ms(),
            Clock::Manual(t) => t.load(Ordering::SeqCst),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_default()
    }

    /// Moves a manual clock (no effect on the wall clock).
    pub fn set(&self, t: DateTime<Utc>) {
        if let Clock::Manual(a) = self {
            a.store(t.timestamp_millis(), Ordering::SeqCst);
        }
    }

    pub fn advance(&self, d: TimeDelta) {
        if let Clock::Manual(a) = self {
            a.fetch_add(d.num_milliseconds(), Ordering::SeqCst);
        }
    }
}

fn wall_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
