//! A session's evidence, the stores behind the checklist and the decision:
//! - [`consent`]: the customer's consents (append-only records of versioned texts);
//! - [`stills`]: high-resolution photos the customer's browser took at the agent's request;
//! - [`steps`]: prompts shown to the customer, read-aloud challenges, the agent's confirmations;
//! - [`checklist`]: the profile's checks evaluated against all of it (pure);
//! - [`decision`]: the agent's decision, refused while evidence is missing, with references to
//!   everything it relied on (hashes, AI events with their models).

pub mod checklist;
pub mod consent;
pub mod decision;
pub mod steps;
pub mod stills;
