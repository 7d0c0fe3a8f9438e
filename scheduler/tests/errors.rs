//! Error codes are part of the HTTP contract (problem+json `type`): stable and snake_case.
#![allow(clippy::unwrap_used)]
use scheduler::SchedError;

#[test]
fn every_error_has_a_stable_snake_case_code() {
    let all = [
        (SchedError::SlotInPast, "slot_in_past"),
        (SchedError::SlotTaken, "slot_taken"),
        (SchedError::OutsideShifts, "outside_shifts"),
        (SchedError::UnknownSkill("x".into()), "unknown_skill"),
        (SchedError::UnknownTimeZone("x".into()), "unknown_time_zone"),
        (SchedError::NotFound("booking"), "not_found"),
        (SchedError::InvalidTransition { from: "a".into(), event: "b".into() }, "invalid_transition"),
        (SchedError::OfferExpired, "offer_expired"),
        (SchedError::BookingClosed("x".into()), "booking_closed"),
        (SchedError::Invalid("x".into()), "invalid_input"),
        (SchedError::Db(sqlx::Error::RowNotFound), "database_error"),
        (SchedError::Corrupt("x".into()), "corrupt_data"),
    ];
    for (e, code) in all {
        assert_eq!(e.code(), code);
        assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        assert!(!e.to_string().is_empty());
        assert!((400..600).contains(&e.http_status()));
    }
}

#[test]
fn an_unknown_time_zone_is_a_domain_error() {
    assert_eq!(scheduler::roster::parse_tz("Mars/Olympus").unwrap_err().code(), "unknown_time_zone");
}
