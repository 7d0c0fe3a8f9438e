//! Who takes part: the two parties of a call, and the roles of staff accounts.

use serde::{Deserialize, Serialize};

/// The two parties of a 1:1 verification call. On the wire this is the `role` of a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter, strum::IntoStaticStr, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Party {
    Customer,
    Agent,
}

impl Party {
    pub fn other(self) -> Party {
        match self {
            Party::Customer => Party::Agent,
            Party::Agent => Party::Customer,
        }
    }
}

/// What a staff account may do is decided by its roles (one person may hold several) and the
/// policy table in the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter, strum::IntoStaticStr, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum StaffRole {
    /// Takes calls and decides identifications assigned to them.
    Agent,
    /// Sees all sessions, plays recordings, reviews decisions (four eyes).
    Supervisor,
    /// Manages staff, integrator keys, rosters and profiles; no recordings by default.
    Admin,
    /// Reads everything including the audit log; changes nothing.
    Auditor,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_and_wire_names_agree() {
        crate::wire_check::same_names::<Party>();
        crate::wire_check::same_names::<StaffRole>();
    }

    #[test]
    fn the_other_party_of_the_customer_is_the_agent() {
        assert_eq!(Party::Customer.other(), Party::Agent);
        assert_eq!(Party::Agent.other(), Party::Customer);
    }
}
