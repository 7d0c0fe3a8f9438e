//! The final result of an identification, for the integrator: made when a decision is final
//! at once, or when its review makes it final. [`publish_final`] is the one place it leaves
//! the review module.
//!
//! Integration point: the customer-journey work owns the integrators' webhook outbox. Until
//! its enqueue function is wired in here, results go to the [`ResultSink`] in the app state
//! (by default [`Collected`], which keeps them in memory and logs ids only).

use serde::Serialize;
use std::sync::Mutex;

/// What the integrator learns (ids, codes and hashes; no personal data).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct FinalResult {
    pub session_id: String,
    /// The integrator's own reference.
    pub external_ref: Option<String>,
    pub profile: String,
    pub profile_version: String,
    /// `approved`, `rejected` or `inconclusive` — after a review, the reviewer's.
    pub outcome: String,
    pub reasons: Vec<String>,
    pub decided_by: String,
    #[ts(type = "number")]
    pub decided_at: i64,
    /// Set when a second person reviewed the decision.
    pub reviewed_by: Option<String>,
    /// `confirm` or `overturn`.
    pub review_verdict: Option<String>,
    #[ts(type = "number")]
    pub final_at: i64,
    /// SHA-256 of the signed decision document (`GET …/report` carries it and its signature).
    pub decision_sha256: String,
}

/// Where final results go.
pub trait ResultSink: Send + Sync {
    fn final_result(&self, result: &FinalResult);
}

/// Keeps results in memory (tests read them) until the webhook outbox takes over.
#[derive(Default)]
pub struct Collected(Mutex<Vec<FinalResult>>);

impl Collected {
    pub fn taken(&self) -> Vec<FinalResult> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl ResultSink for Collected {
    fn final_result(&self, result: &FinalResult) {
        tracing::info!(session = %result.session_id, outcome = %result.outcome, "identification result final");
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(result.clone());
    }
}

/// Hands a final result on (see the module comment for the webhook integration).
pub fn publish_final(sink: &dyn ResultSink, result: &FinalResult) {
    sink.final_result(result);
}
