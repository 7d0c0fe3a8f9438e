//! Domain errors. Each variant has a stable snake_case [`SchedError::code`] so the HTTP
//! layer can map it to a problem+json `type` without matching on display text.

/// Everything the scheduler can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum SchedError {
    #[error("the requested slot starts in the past or inside the minimum lead time")]
    SlotInPast,
    #[error("the requested time is further ahead than bookings are taken")]
    BeyondHorizon,
    #[error("the requested slot has no free capacity left")]
    SlotTaken,
    #[error("the requested time is not a slot inside any qualified agent's shift")]
    OutsideShifts,
    #[error("unknown skill `{0}`")]
    UnknownSkill(String),
    #[error("unknown time zone `{0}`")]
    UnknownTimeZone(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("invalid transition from {from} on {event}")]
    InvalidTransition { from: String, event: String },
    #[error("the offer has expired")]
    OfferExpired,
    #[error("the booking can no longer be changed ({0})")]
    BookingClosed(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl SchedError {
    /// Stable machine-readable code; never change an existing one.
    pub fn code(&self) -> &'static str {
        match self {
            SchedError::SlotInPast => "slot_in_past",
            SchedError::SlotTaken => "slot_taken",
            SchedError::BeyondHorizon => "booking_beyond_horizon",
            SchedError::OutsideShifts => "outside_shifts",
            SchedError::UnknownSkill(_) => "unknown_skill",
            SchedError::UnknownTimeZone(_) => "unknown_time_zone",
            SchedError::NotFound(_) => "not_found",
            SchedError::InvalidTransition { .. } => "invalid_transition",
            SchedError::OfferExpired => "offer_expired",
            SchedError::BookingClosed(_) => "booking_closed",
            SchedError::Invalid(_) => "invalid_input",
            SchedError::Db(_) => "database_error",
            SchedError::Migrate(_) => "migration_error",
            SchedError::Corrupt(_) => "corrupt_data",
        }
    }

    /// Suggested HTTP status for problem+json responses.
    pub fn http_status(&self) -> u16 {
        match self {
            SchedError::SlotTaken | SchedError::InvalidTransition { .. } | SchedError::BookingClosed(_) => 409,
            SchedError::OfferExpired => 410,
            SchedError::NotFound(_) => 404,
            SchedError::SlotInPast
            | SchedError::BeyondHorizon
            | SchedError::OutsideShifts
            | SchedError::UnknownSkill(_)
            | SchedError::UnknownTimeZone(_)
            | SchedError::Invalid(_) => 422,
            SchedError::Db(_) | SchedError::Migrate(_) | SchedError::Corrupt(_) => 500,
        }
    }

    pub(crate) fn transition(from: impl std::fmt::Debug, event: &str) -> Self {
        SchedError::InvalidTransition { from: format!("{from:?}"), event: event.to_string() }
    }
}

impl From<serde_json::Error> for SchedError {
    fn from(e: serde_json::Error) -> Self {
        SchedError::Corrupt(e.to_string())
    }
}

pub type Result<T, E = SchedError> = std::result::Result<T, E>;

/// Reads a state stored by its snake_case name.
pub(crate) fn stored<T: std::str::FromStr>(text: &str) -> Result<T> {
    domain::parse_stored(std::any::type_name::<T>(), text).map_err(|e| SchedError::Corrupt(e.to_string()))
}
