//! The supervisor's and auditor's view of past sessions:
//! - [`index`]: one denormalised row per session (`session_index`) with what the archive
//!   filters on — agent, outcome, profile, review state, risk flags, retention deadline —
//!   kept current at every milestone, so a filtered page is one index range scan;
//! - [`query`]: the archive's filters and keyset paging over it;
//! - [`timeline`]: a session's recording files and every event on one time base;
//! - [`stats`]: volumes, outcome rates, queue waits, handling and wrap-up times per agent and day.

pub mod index;
pub mod query;
pub mod stats;
pub mod timeline;
