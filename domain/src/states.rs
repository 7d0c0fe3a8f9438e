//! The states of everything that has a lifecycle. The transitions live with their owners
//! (the server's session lifecycle, the scheduler's dispatcher and booking store); this module
//! only names the states, once, for the wire and the database alike.

use serde::{Deserialize, Serialize};

macro_rules! state_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter, strum::IntoStaticStr, strum::Display, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }
    };
}

state_enum!(
    /// A verification session's call lifecycle (see the server's `lifecycle` module).
    SessionStatus {
        /// Created; nobody has joined yet, or only one party has.
        Created,
        /// Both parties have been in the call.
        Active,
        /// Over: no more joins. Why is in [`EndReason`].
        Ended,
    }
);

state_enum!(
    /// Why a session ended.
    EndReason {
        HangupByCustomer,
        HangupByAgent,
        /// The integrator closed it through the API.
        EndedByIntegrator,
        /// A supervisor or admin closed it.
        EndedByStaff,
        /// The agent recorded the decision while the call was still open.
        Decided,
        /// The call reached the configured maximum length.
        MaxDurationReached,
        /// Nobody joined before the session's lifetime ran out.
        Expired,
    }
);

state_enum!(
    /// An appointment.
    BookingStatus {
        Booked,
        Cancelled,
        NoShow,
        /// The agent became absent and nobody equivalent was free.
        AgentUnavailable,
    }
);

state_enum!(
    /// A live-queue entry.
    EntryStatus {
        Waiting,
        Offered,
        Connected,
        Done,
        Left,
        Callback,
    }
);

impl EntryStatus {
    /// Still in the queue (not yet connected, not gone).
    pub fn is_queued(self) -> bool {
        matches!(self, EntryStatus::Waiting | EntryStatus::Offered)
    }
}

state_enum!(
    /// An offer of a queue entry to one agent.
    OfferStatus {
        Pending,
        Accepted,
        Declined,
        TimedOut,
        Cancelled,
    }
);

state_enum!(
    /// An agent's presence. Routing only looks at `Available` agents.
    PresenceState {
        Offline,
        Available,
        Offered,
        InCall,
        WrapUp,
        Away,
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire_check::same_names;

    #[test]
    fn stored_and_wire_names_agree_for_every_state() {
        same_names::<SessionStatus>();
        same_names::<EndReason>();
        same_names::<BookingStatus>();
        same_names::<EntryStatus>();
        same_names::<OfferStatus>();
        same_names::<PresenceState>();
    }

    #[test]
    fn names_are_snake_case() {
        assert_eq!(PresenceState::WrapUp.as_ref(), "wrap_up");
        assert_eq!(EndReason::HangupByCustomer.as_ref(), "hangup_by_customer");
        assert_eq!(OfferStatus::TimedOut.to_string(), "timed_out");
    }
}
