//! Process-wide counters for metrics export (`Recorder::stats()`).

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub recordings_started: AtomicU64,
    pub recordings_finished: AtomicU64,
    pub recordings_failed: AtomicU64,
    pub recordings_recovered: AtomicU64,
    pub packets_recorded: AtomicU64,
    pub dropped_malformed: AtomicU64,
    pub dropped_overload: AtomicU64,
    pub dropped_failed: AtomicU64,
    pub disk_full_errors: AtomicU64,
    pub pipeline_errors: AtomicU64,
}

/// A snapshot of the recorder's counters since process start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecorderStats {
    pub recordings_active: u64,
    pub recordings_started: u64,
    pub recordings_finished: u64,
    pub recordings_failed: u64,
    pub recordings_recovered: u64,
    pub packets_recorded: u64,
    pub dropped_malformed: u64,
    pub dropped_overload: u64,
    pub dropped_failed: u64,
    pub disk_full_errors: u64,
    pub pipeline_errors: u64,
}

impl Stats {
    pub fn snapshot(&self, active: u64) -> RecorderStats {
        let g = |a: &AtomicU64| a.load(Ordering::Relaxed);
        RecorderStats {
            recordings_active: active,
            recordings_started: g(&self.recordings_started),
            recordings_finished: g(&self.recordings_finished),
            recordings_failed: g(&self.recordings_failed),
            recordings_recovered: g(&self.recordings_recovered),
            packets_recorded: g(&self.packets_recorded),
            dropped_malformed: g(&self.dropped_malformed),
            dropped_overload: g(&self.dropped_overload),
            dropped_failed: g(&self.dropped_failed),
            disk_full_errors: g(&self.disk_full_errors),
            pipeline_errors: g(&self.pipeline_errors),
        }
    }
}
