//! A subscriber that starts (or restarts) receiving video cannot decode until a keyframe
//! arrives. The publisher is asked at once, and asked again every [`RETRY`] until a keyframe has
//! been forwarded, so a lost request or a lost keyframe does not cost a whole GOP.

use std::time::{Duration, Instant};

pub(super) const RETRY: Duration = Duration::from_millis(300);
const MAX_TRIES: u8 = 6;

#[derive(Debug, Clone, Copy)]
pub(super) struct KeyframeWait {
    asked_at: Instant,
    tries: u8,
}

impl KeyframeWait {
    /// The first request goes out now.
    pub(super) fn asked(now: Instant) -> KeyframeWait {
        KeyframeWait { asked_at: now, tries: 1 }
    }

    /// Whether another request is due at `now` (and counts it as sent).
    pub(super) fn due(&mut self, now: Instant) -> bool {
        if self.tries >= MAX_TRIES || now.saturating_duration_since(self.asked_at) < RETRY {
            return false;
        }
        self.tries += 1;
        self.asked_at = now;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_repeated_every_retry_interval_and_then_given_up() {
        let t = Instant::now();
        let mut w = KeyframeWait::asked(t);
        assert!(!w.due(t + Duration::from_millis(100)));
        assert!(w.due(t + RETRY));
        assert!(!w.due(t + RETRY + Duration::from_millis(10)));
        let mut at = t + RETRY;
        let mut more = 0;
        for _ in 0..20 {
            at += RETRY;
            if w.due(at) {
                more += 1;
            }
        }
        assert_eq!(more, MAX_TRIES as usize - 2);
    }
}
