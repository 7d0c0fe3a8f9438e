//! Appointment booking rules (pure part). The database side lives in
//! [`crate::store::bookings`]; double booking is prevented there by a unique index.

use crate::error::{Result, SchedError};
use crate::ics::IcsConfig;
use crate::ids::Contact;
use crate::roster::AgentId;
use crate::skills::Needs;
use crate::slots::SlotConfig;
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

/// Booking rules of a deployment.
#[derive(Debug, Clone)]
pub struct BookingPolicy {
    pub slots: SlotConfig,
    /// Bookings must start at least this far in the future.
    pub min_lead: TimeDelta,
    /// … and at most this far.
    pub horizon: TimeDelta,
    /// A booked customer not checked in this long after the start is a no-show.
    pub no_show_grace: TimeDelta,
    /// Reminders are queued this long before the start (those already past are skipped).
    pub reminders: Vec<TimeDelta>,
    pub ics: IcsConfig,
}

impl Default for BookingPolicy {
    fn default() -> Self {
        Self {
            slots: SlotConfig::default(),
            min_lead: TimeDelta::minutes(15),
            horizon: TimeDelta::days(60),
            no_show_grace: TimeDelta::minutes(10),
            reminders: vec![TimeDelta::hours(24), TimeDelta::hours(1)],
            ics: IcsConfig::default(),
        }
    }
}

pub use domain::BookingStatus;


/// What the customer asks for.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    pub needs: Needs,
    pub start: DateTime<Utc>,
    pub customer_tz: Tz,
    pub contact: Contact,
    /// The verification session the appointment is for.
    pub session_id: Option<String>,
}

/// A stored appointment (contact data included but redacted in Debug).
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub id: String,
    pub agent_id: AgentId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub needs: Needs,
    pub customer_tz: Tz,
    pub contact: Contact,
    pub status: BookingStatus,
    /// iCalendar SEQUENCE of the last invitation sent.
    pub sequence: i64,
    pub checked_in_ms: Option<i64>,
    pub session_id: Option<String>,
    pub dispatched_ms: Option<i64>,
}

/// Result of booking or rescheduling: the plaintext token goes into the customer's link
/// and is not retrievable later.
#[derive(Debug, Clone)]
pub struct Booked {
    pub booking: Booking,
    pub token: String,
    pub ics: String,
}

/// What happened to one appointment of an absent agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassignment {
    pub booking_id: String,
    pub from: AgentId,
    /// `None`: nobody equivalent was free; the customer gets a rebooking offer.
    pub to: Option<AgentId>,
}

/// Refuses slots in the past, inside the lead time, or beyond the booking horizon.
pub fn check_not_past(policy: &BookingPolicy, start: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if start < now + policy.min_lead {
        return Err(SchedError::SlotInPast);
    }
    if start > now + policy.horizon {
        return Err(SchedError::BeyondHorizon);
    }
    Ok(())
}
