//! Per participant+medium coverage: how much of the session had media, and where
//! the holes (> 1 s without packets) are. Computed from arrival times of the tap,
//! so it describes what the SFU received, independent of what the files contain.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::config::Medium;
use crate::time::unix_ms;

/// A silence longer than this counts as a gap (the brief's regulator threshold).
pub const GAP_THRESHOLD: Duration = Duration::from_secs(1);

/// A stretch without packets, relative to the recording start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub start_ms: u64,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackHealth {
    pub participant: String,
    pub medium: Medium,
    pub packets: u64,
    /// Time covered by media (sum of inter-arrival intervals <= 1 s).
    pub media_ms: u64,
    /// media_ms / session_ms, 0.0..=1.0.
    pub share: f64,
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Health {
    /// From recording start to the later of now/finish and the last packet.
    pub session_ms: u64,
    pub tracks: Vec<TrackHealth>,
    /// Packets refused by validation (truncated, wrong version/PT, unknown role).
    pub dropped_malformed: u64,
    /// Duplicates and packets arriving later than the reorder latency.
    #[serde(default)]
    pub dropped_late: u64,
    /// Packets dropped because the recording thread was saturated (its queue full).
    pub dropped_overload: u64,
    /// Packets dropped because their file had failed (e.g. disk full).
    pub dropped_failed: u64,
}

#[derive(Debug, Default, Clone)]
struct TrackState {
    packets: u64,
    first: Option<SystemTime>,
    last: Option<SystemTime>,
    media: Duration,
    gaps: Vec<Gap>,
}

/// Mutable health bookkeeping, owned by the recording thread behind a mutex.
#[derive(Debug)]
pub(crate) struct HealthState {
    started: SystemTime,
    latest: SystemTime,
    expected: Vec<String>,
    tracks: BTreeMap<(String, Medium), TrackState>,
}

impl HealthState {
    pub fn new(started: SystemTime, expected: Vec<String>) -> Self {
        HealthState {
            started,
            latest: started,
            expected,
            tracks: BTreeMap::new(),
        }
    }

    pub fn record(&mut self, participant: &str, medium: Medium, arrival: SystemTime) {
        let start_ms = ms_between(self.started, arrival);
        let t = self
            .tracks
            .entry((participant.to_string(), medium))
            .or_default();
        t.packets += 1;
        if let Some(last) = t.last {
            if let Ok(delta) = arrival.duration_since(last) {
                if delta > GAP_THRESHOLD {
                    t.gaps.push(Gap {
                        start_ms: ms_between(self.started, last),
                        duration_ms: delta.as_millis() as u64,
                    });
                } else {
                    t.media += delta;
                }
            }
        } else if start_ms > GAP_THRESHOLD.as_millis() as u64 {
            // Leading silence: the participant joined (or its track started) late.
            t.gaps.push(Gap {
                start_ms: 0,
                duration_ms: start_ms,
            });
        }
        if t.first.is_none() {
            t.first = Some(arrival);
        }
        if t.last.is_none_or(|l| arrival > l) {
            t.last = Some(arrival);
        }
        if arrival > self.latest {
            self.latest = arrival;
        }
    }

    /// End of the session as far as we know: arrival times may run ahead of the
    /// wall clock when a test (or a replay) feeds faster than real time.
    pub fn end(&self, now: SystemTime) -> SystemTime {
        self.latest.max(now)
    }

    /// Expected tracks that have had no packet at all.
    pub fn missing(&self) -> Vec<(String, Medium)> {
        let mut out = Vec::new();
        for p in &self.expected {
            for m in [Medium::Audio, Medium::Video] {
                if !self.tracks.contains_key(&(p.clone(), m)) {
                    out.push((p.clone(), m));
                }
            }
        }
        out
    }

    /// Continues the bookkeeping of an earlier part of a resumed recording that
    /// ended at `prior_end`; the silence until the next packet becomes a gap.
    pub fn seed(&mut self, prior: &Health, prior_end: SystemTime) {
        for t in prior.tracks.iter().filter(|t| t.packets > 0) {
            let gaps = t
                .gaps
                .iter()
                .filter(|g| g.start_ms + g.duration_ms < prior.session_ms)
                .cloned()
                .collect();
            self.tracks.insert(
                (t.participant.clone(), t.medium),
                TrackState {
                    packets: t.packets,
                    first: Some(self.started),
                    last: Some(prior_end),
                    media: Duration::from_millis(t.media_ms),
                    gaps,
                },
            );
        }
        self.latest = self.latest.max(prior_end);
    }

    pub fn started(&self) -> SystemTime {
        self.started
    }

    pub fn snapshot(&self, now: SystemTime, counters: [u64; 4]) -> Health {
        let end = self.end(now);
        let session_ms = ms_between(self.started, end);
        let mut keys: Vec<(String, Medium)> = self.tracks.keys().cloned().collect();
        keys.extend(self.missing());
        keys.sort();
        let tracks = keys
            .into_iter()
            .map(|key| {
                let t = self.tracks.get(&key).cloned().unwrap_or_default();
                let mut gaps = t.gaps.clone();
                match t.last {
                    Some(last) => {
                        let trailing = end.duration_since(last).unwrap_or_default();
                        if trailing > GAP_THRESHOLD {
                            gaps.push(Gap {
                                start_ms: ms_between(self.started, last),
                                duration_ms: trailing.as_millis() as u64,
                            });
                        }
                    }
                    None if session_ms > 0 => gaps.push(Gap {
                        start_ms: 0,
                        duration_ms: session_ms,
                    }),
                    None => {}
                }
                let media_ms = t.media.as_millis() as u64;
                TrackHealth {
                    participant: key.0,
                    medium: key.1,
                    packets: t.packets,
                    media_ms,
                    // Rounded so the value survives a JSON round trip unchanged.
                    share: if session_ms == 0 {
                        0.0
                    } else {
                        ((media_ms as f64 / session_ms as f64).min(1.0) * 10_000.0).round() / 10_000.0
                    },
                    gaps,
                }
            })
            .collect();
        Health {
            session_ms,
            tracks,
            dropped_malformed: counters[0],
            dropped_late: counters[1],
            dropped_overload: counters[2],
            dropped_failed: counters[3],
        }
    }
}

fn ms_between(a: SystemTime, b: SystemTime) -> u64 {
    unix_ms(b).saturating_sub(unix_ms(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silence_over_one_second_is_a_gap_and_lowers_the_share() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let mut h = HealthState::new(t0, vec!["customer".into()]);
        for i in 0..100u64 {
            h.record("customer", Medium::Audio, t0 + Duration::from_millis(20 * i));
        }
        // 3 s hole, then 2 more seconds of audio.
        for i in 0..100u64 {
            h.record("customer", Medium::Audio, t0 + Duration::from_millis(5_000 + 20 * i));
        }
        let s = h.snapshot(t0 + Duration::from_millis(7_000), [0, 0, 0, 0]);
        let audio = s.tracks.iter().find(|t| t.medium == Medium::Audio).expect("audio");
        assert_eq!(audio.gaps.len(), 1);
        assert_eq!(audio.gaps[0].start_ms, 1_980);
        assert!(audio.share > 0.5 && audio.share < 0.6, "{}", audio.share);
        let video = s.tracks.iter().find(|t| t.medium == Medium::Video).expect("video");
        assert_eq!(video.packets, 0);
        assert_eq!(video.share, 0.0);
        assert_eq!(h.missing(), vec![("customer".to_string(), Medium::Video)]);
    }
}
