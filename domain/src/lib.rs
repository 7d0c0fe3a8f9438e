//! The vocabulary every crate of the server shares, and nothing else: no I/O, no policy.
//!
//! - [`ids`]: identifiers as newtypes ([`SessionId`], [`StaffId`], …), so a staff id can never be
//!   passed where a session id is expected.
//! - [`roles`]: the two [`Party`]s of a call and the four [`StaffRole`]s.
//! - [`media`]: [`MediaKind`].
//! - [`states`]: every state machine's states as closed enums — sessions ([`SessionStatus`],
//!   [`EndReason`]), bookings, queue entries, offers and agent presence.
//! - [`pii`]: [`Pii`], a wrapper that keeps personal data out of `Debug` output and logs.
//!
//! Enums are written on the wire (serde) and in the database (`strum`: `AsRefStr` to store,
//! `FromStr` to load) with the same snake_case names; a test per enum checks the two agree.

pub mod ids;
pub mod media;
pub mod pii;
pub mod roles;
pub mod states;

pub use ids::{ApiKeyId, BookingId, EntryId, OfferId, SessionId, StaffId};
pub use media::MediaKind;
pub use pii::Pii;
pub use roles::{Party, StaffRole};
pub use states::{BookingStatus, EndReason, EntryStatus, OfferStatus, PresenceState, SessionStatus};

/// A stored text did not name a variant of the enum it was read into.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {what}")]
pub struct UnknownVariant {
    pub what: &'static str,
    pub value: String,
}

/// Parses a stored snake_case name into one of this crate's enums.
pub fn parse_stored<T: std::str::FromStr>(what: &'static str, value: &str) -> Result<T, UnknownVariant> {
    value.parse().map_err(|_| UnknownVariant { what, value: value.to_owned() })
}

#[cfg(test)]
pub(crate) mod wire_check {
    /// Asserts that serde's name and strum's stored name of every variant are the same.
    pub fn same_names<T>()
    where
        T: serde::Serialize + AsRef<str> + strum::IntoEnumIterator + std::str::FromStr + PartialEq + std::fmt::Debug,
    {
        for v in T::iter() {
            let wire = serde_json::to_value(&v).expect("serialises");
            assert_eq!(wire.as_str(), Some(v.as_ref()), "{v:?}: serde and stored names differ");
            assert_eq!(v.as_ref().parse::<T>().ok().as_ref(), Some(&v), "{v:?} does not parse back");
        }
    }
}
