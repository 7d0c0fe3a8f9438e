//! Injection hints: signs that the customer's "camera" is not a camera, that the stream is
//! generated or replayed (the CCC defeated six video-ident products by manipulating the stream).
//!
//! | kind | what it looks for | module |
//! |---|---|---|
//! | `looped_clip` | the recent seconds repeat an earlier stretch at one fixed delay | [`looped`] |
//! | `still_image` | the picture has not changed at all for several seconds | [`still`] |
//! | `regular_timing` | frame timestamps with no capture jitter at all | [`timing`] |
//! | `source_switch` | resolution/aspect change or a cut to another scene mid-call | [`switch`] |
//!
//! These are **hints with evidence** for the agent (which frames repeat, at what period, since
//! when), never a verdict: each can have an innocent cause, and each says what it saw. Every kind
//! is raised at most once per session unless its evidence changes (another loop period, a new
//! frozen stretch after the picture moved again, another switch), and then not more often than
//! [`MonitorConfig::repeat_after_ms`] of stream time.
//!
//! Pure: frame signatures and the call's media timestamps in, hints out; no clock, no models.

pub mod looped;
pub mod signature;
pub mod still;
pub mod switch;
pub mod timing;

use serde::Serialize;
use serde_json::Value;

pub use looped::{LoopConfig, LoopDetector, LoopEvidence};
pub use signature::Signature;
pub use still::{StillConfig, StillDetector, StillEvidence};
pub use switch::{SwitchConfig, SwitchDetector, SwitchEvidence};
pub use timing::{TimingConfig, TimingDetector, TimingEvidence};

/// The kinds of hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HintKind {
    LoopedClip,
    StillImage,
    RegularTiming,
    SourceSwitch,
}

/// One hint and its evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum Hint {
    LoopedClip(LoopEvidence),
    StillImage(StillEvidence),
    RegularTiming(TimingEvidence),
    SourceSwitch(SwitchEvidence),
}

impl Hint {
    pub fn kind(&self) -> HintKind {
        match self {
            Hint::LoopedClip(_) => HintKind::LoopedClip,
            Hint::StillImage(_) => HintKind::StillImage,
            Hint::RegularTiming(_) => HintKind::RegularTiming,
            Hint::SourceSwitch(_) => HintKind::SourceSwitch,
        }
    }

    /// The `evidence` object of the event.
    pub fn evidence(&self) -> Value {
        let v = match self {
            Hint::LoopedClip(e) => serde_json::to_value(e),
            Hint::StillImage(e) => serde_json::to_value(e),
            Hint::RegularTiming(e) => serde_json::to_value(e),
            Hint::SourceSwitch(e) => serde_json::to_value(e),
        };
        v.unwrap_or(Value::Null)
    }
}

/// Tuning of the whole monitor.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MonitorConfig {
    pub looped: LoopConfig,
    pub still: StillConfig,
    pub timing: TimingConfig,
    pub switch: SwitchConfig,
    /// A kind whose evidence changed is raised again only this long after its last hint.
    pub repeat_after_ms: u64,
}

impl MonitorConfig {
    pub fn standard() -> Self {
        MonitorConfig {
            repeat_after_ms: 30_000,
            ..MonitorConfig::default()
        }
    }
}

/// Per-session monitor: feed every frame's signature, size and timestamp.
#[derive(Debug, Clone)]
pub struct InjectionMonitor {
    pub config: MonitorConfig,
    looped: LoopDetector,
    still: StillDetector,
    timing: TimingDetector,
    switch: SwitchDetector,
    last_ts: Option<u64>,
    /// Per kind: stream time of the last hint and its evidence key.
    raised: Vec<(HintKind, u64, u64)>,
}

impl InjectionMonitor {
    pub fn new(config: MonitorConfig) -> Self {
        InjectionMonitor {
            looped: LoopDetector::new(config.looped),
            still: StillDetector::new(config.still),
            timing: TimingDetector::new(config.timing),
            switch: SwitchDetector::new(config.switch),
            config,
            last_ts: None,
            raised: Vec::new(),
        }
    }

    /// The loop detector's best repeat at its last evaluation, accepted or not: how close the
    /// stream came to being called a loop.
    pub fn loop_candidate(&self) -> Option<&LoopEvidence> {
        self.looped.last_candidate.as_ref()
    }

    /// Kinds raised so far in this session, in order of kind.
    pub fn raised_kinds(&self) -> Vec<HintKind> {
        let mut k: Vec<HintKind> = self.raised.iter().map(|r| r.0).collect();
        k.sort();
        k.dedup();
        k
    }

    /// Feeds one frame (`face`: the face analysis found a face on it); returns the hints to
    /// raise now.
    pub fn push(&mut self, ts: u64, width: u32, height: u32, sig: &Signature, face: bool) -> Vec<Hint> {
        // Timestamps restart when the customer rejoins (a new stream, a new decoder): histories
        // from the old stream must not be compared with the new one.
        if self.last_ts.is_some_and(|t| ts + 1000 < t) {
            self.looped.reset();
            self.still.reset();
            self.timing.reset();
            self.switch.reset();
        }
        self.last_ts = Some(ts);
        let mut found = Vec::new();
        found.extend(self.looped.push(ts, &sig.shape).map(Hint::LoopedClip));
        found.extend(self.still.push(ts, sig, face).map(Hint::StillImage));
        found.extend(self.timing.push(ts).map(Hint::RegularTiming));
        found.extend(self.switch.push(ts, width, height, sig).map(Hint::SourceSwitch));
        found.into_iter().filter(|h| self.should_raise(ts, h)).collect()
    }

    /// Once per kind unless the evidence changed, and then not too often.
    fn should_raise(&mut self, ts: u64, h: &Hint) -> bool {
        let key = match h {
            Hint::LoopedClip(e) => e.period_ms,
            Hint::StillImage(e) => e.since_ts,
            Hint::RegularTiming(e) => (e.source_period_ms * 2.0).round() as u64,
            Hint::SourceSwitch(e) => e.after_ts,
        };
        let kind = h.kind();
        let last = self.raised.iter().rev().find(|r| r.0 == kind);
        let raise = match last {
            None => true,
            Some(&(_, at, k)) => {
                let same = match h {
                    // The same loop is also seen at twice or three times its period.
                    Hint::LoopedClip(_) => same_loop(k, key),
                    _ => k == key,
                };
                !same && ts >= at + self.config.repeat_after_ms
            }
        };
        if raise {
            self.raised.push((kind, ts, key));
        }
        raise
    }
}

/// Whether two loop periods (ms) describe the same loop: equal, or one a small multiple of the
/// other, within 5 % or 300 ms.
fn same_loop(a: u64, b: u64) -> bool {
    let (short, long) = (a.min(b).max(1), a.max(b));
    (1..=4).any(|m| {
        let multiple = short * m;
        long.abs_diff(multiple) <= (multiple / 20).max(300)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_seen_again_at_twice_its_period_is_the_same_loop() {
        assert!(same_loop(10_108, 20_216));
        assert!(same_loop(9_975, 10_108));
        assert!(!same_loop(10_000, 15_000));
    }
}
