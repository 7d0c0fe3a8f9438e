//! Appointment flows against a real database (SQLite and PostgreSQL).
#![allow(clippy::unwrap_used)]
mod common;

use chrono::TimeDelta;
use common::{berlin_agent, catalog, monday_morning, policy, t, TestDb};
use scheduler::store::outbox::kind;
use scheduler::{BookingRequest, BookingStatus, Contact, Needs, RosterException, SchedError};

fn req(start: &str) -> BookingRequest {
    BookingRequest {
        needs: Needs::of(["lang:de", "doc:passport"]),
        start: t(start),
        customer_tz: chrono_tz::Europe::Vienna,
        contact: Contact { email: Some("kunde@example.org".into()), phone: None },
        session_id: None,
    }
}

fn agents() -> Vec<scheduler::Agent> {
    vec![berlin_agent("a1", &["lang:de", "doc:passport"]), berlin_agent("a2", &["lang:de", "doc:passport", "lang:en"])]
}

async fn taken_slot_rejected(db: TestDb) {
    let (s, now) = (&db.store, monday_morning());
    let one = vec![berlin_agent("a1", &["lang:de", "doc:passport"])];
    s.book(&one, &catalog(), &policy(), &req("2026-03-23T09:00:00Z"), now).await.unwrap();
    let e = s.book(&one, &catalog(), &policy(), &req("2026-03-23T09:00:00Z"), now).await.unwrap_err();
    assert!(matches!(e, SchedError::SlotTaken), "{e:?}");
    assert_eq!(e.code(), "slot_taken");
}
on_both!(booking_a_taken_slot_is_rejected, 4, super::taken_slot_rejected);

async fn bad_requests_rejected(db: TestDb) {
    let (s, now) = (&db.store, monday_morning());
    let e = s.book(&agents(), &catalog(), &policy(), &req("2026-03-20T09:00:00Z"), now).await.unwrap_err();
    assert_eq!(e.code(), "slot_in_past");
    let e = s.book(&agents(), &catalog(), &policy(), &req("2026-03-23T09:10:00Z"), now).await.unwrap_err();
    assert_eq!(e.code(), "outside_shifts"); // not on the slot grid
    let e = s.book(&agents(), &catalog(), &policy(), &req("2026-03-22T09:00:00Z"), t("2026-03-21T00:00:00Z")).await.unwrap_err();
    assert_eq!(e.code(), "outside_shifts"); // Sunday
    let mut r = req("2026-03-23T09:00:00Z");
    r.needs = Needs::of(["lang:klingon"]);
    let e = s.book(&agents(), &catalog(), &policy(), &r, now).await.unwrap_err();
    assert_eq!(e.code(), "unknown_skill");
    let e = s.cancel(&policy(), "not-a-token", now).await.unwrap_err();
    assert_eq!(e.code(), "not_found");
}
on_both!(booking_outside_shifts_in_the_past_or_with_unknown_skills_is_rejected, 2, super::bad_requests_rejected);

async fn token_hash_only(db: TestDb) {
    let (s, now) = (&db.store, monday_morning());
    let b = s.book(&agents(), &catalog(), &policy(), &req("2026-03-23T09:00:00Z"), now).await.unwrap();
    assert_eq!(b.token.len(), 64); // 256 bits hex
    let dump: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sched_bookings").fetch_all(s.pool()).await.unwrap();
    assert_eq!(dump, vec![scheduler::ids::token_hash(&b.token)]);
    let payloads: Vec<String> = sqlx::query_scalar("SELECT payload FROM sched_outbox").fetch_all(s.pool()).await.unwrap();
    assert!(payloads.iter().all(|p| !p.contains(&b.token)));
    assert_eq!(s.booking_by_token(&b.token).await.unwrap().id, b.booking.id);
    assert!(!format!("{:?}", b.booking).contains("kunde@"), "contact must be redacted in Debug");
}
on_both!(booking_stores_only_the_token_hash_and_redacts_contact_in_debug, 2, super::token_hash_only);

async fn free_slots_shrink(db: TestDb) {
    let (s, now) = (&db.store, monday_morning());
    let needs = Needs::of(["lang:de", "doc:passport"]);
    let (from, to) = (t("2026-03-23T00:00:00Z"), t("2026-03-24T00:00:00Z"));
    let before = s.free_slots(&agents(), &catalog(), &policy(), &needs, chrono_tz::Asia::Kolkata, from, to, now).await.unwrap();
    assert_eq!(before.len(), 16);
    assert_eq!(before[0].free, 2);
    assert_eq!(before[0].local_start.format("%H:%M").to_string(), "13:30"); // 09:00 CET in IST
    s.book(&agents(), &catalog(), &policy(), &req("2026-03-23T08:00:00Z"), now).await.unwrap();
    s.book(&agents(), &catalog(), &policy(), &req("2026-03-23T08:00:00Z"), now).await.unwrap();
    let after = s.free_slots(&agents(), &catalog(), &policy(), &needs, chrono_tz::Asia::Kolkata, from, to, now).await.unwrap();
    assert_eq!(after.len(), 15);
    assert_ne!(after[0].start, t("2026-03-23T08:00:00Z"));
}
on_both!(free_slots_disappear_when_fully_booked, 2, super::free_slots_shrink);

async fn reschedule_and_cancel(db: TestDb) {
    let (s, now, p) = (&db.store, monday_morning(), policy());
    let one = vec![berlin_agent("a1", &["lang:de", "doc:passport"])];
    let b = s.book(&one, &catalog(), &p, &req("2026-03-24T09:00:00Z"), now).await.unwrap();
    let out = s.outbox_for(&b.booking.id).await.unwrap();
    let kinds: Vec<&str> = out.iter().map(|o| o.kind.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == kind::REMINDER).count(), 2);
    assert!(out.iter().any(|o| o.kind == kind::INVITE && o.payload.contains("SEQUENCE:0")));
    let r = s.reschedule(&one, &p, &b.token, t("2026-03-24T10:00:00Z"), now).await.unwrap();
    assert_eq!(r.booking.id, b.booking.id);
    assert_eq!(r.booking.sequence, 1);
    assert!(r.ics.contains("SEQUENCE:1") && r.ics.contains("DTSTART:20260324T100000Z"));
    // The old seat is free again, the new one taken.
    s.book(&one, &catalog(), &p, &req("2026-03-24T09:00:00Z"), now).await.unwrap();
    let e = s.book(&one, &catalog(), &p, &req("2026-03-24T10:00:00Z"), now).await.unwrap_err();
    assert_eq!(e.code(), "slot_taken");
    let reminders: Vec<i64> = s.outbox_for(&b.booking.id).await.unwrap().iter().filter(|o| o.kind == kind::REMINDER).map(|o| o.due_ms).collect();
    assert_eq!(reminders.len(), 2);
    assert!(reminders.contains(&(t("2026-03-24T10:00:00Z") - TimeDelta::hours(1)).timestamp_millis()));
    let c = s.cancel(&p, &b.token, now).await.unwrap();
    assert_eq!((c.status, c.sequence), (BookingStatus::Cancelled, 2));
    let out = s.outbox_for(&b.booking.id).await.unwrap();
    assert!(out.iter().any(|o| o.kind == kind::CANCEL && o.payload.contains("METHOD:CANCEL") && o.payload.contains("SEQUENCE:2")));
    assert!(out.iter().all(|o| o.kind != kind::REMINDER), "unsent reminders dropped on cancel");
    assert_eq!(s.cancel(&p, &b.token, now).await.unwrap_err().code(), "booking_closed");
    s.book(&one, &catalog(), &p, &req("2026-03-24T10:00:00Z"), now).await.unwrap();
}
on_both!(rescheduling_and_cancelling_bump_the_sequence_and_move_the_seat, 2, super::reschedule_and_cancel);

async fn no_show(db: TestDb) {
    let (s, p) = (&db.store, policy());
    let one = vec![berlin_agent("a1", &["lang:de", "doc:passport"])];
    let b = s.book(&one, &catalog(), &p, &req("2026-03-23T09:00:00Z"), monday_morning()).await.unwrap();
    assert!(s.mark_no_shows(&p, t("2026-03-23T09:05:00Z")).await.unwrap().is_empty(), "still in grace period");
    assert_eq!(s.mark_no_shows(&p, t("2026-03-23T09:10:00Z")).await.unwrap(), vec![b.booking.id.clone()]);
    let bk = s.booking(&b.booking.id).await.unwrap();
    assert_eq!(bk.status, BookingStatus::NoShow);
    let out = s.outbox_for(&b.booking.id).await.unwrap();
    assert!(out.iter().any(|o| o.kind == kind::REBOOK_OFFER));
    assert!(s.taken_seats(t("2026-03-23T00:00:00Z"), t("2026-03-24T00:00:00Z")).await.unwrap().is_empty(), "slot released");
}
on_both!(a_no_show_after_the_grace_period_releases_the_slot_and_offers_rebooking, 2, super::no_show);

async fn reassign(db: TestDb) {
    let (s, p, now) = (&db.store, policy(), monday_morning());
    let mut ag = vec![
        berlin_agent("a1", &["lang:de", "doc:passport"]),
        berlin_agent("a2", &["lang:en", "doc:passport"]), // lacks German
        berlin_agent("a3", &["lang:de", "doc:passport", "reg:bafin"]),
    ];
    let b1 = s.book(&ag[..1], &catalog(), &p, &req("2026-03-24T09:00:00Z"), now).await.unwrap();
    let b2 = s.book(&ag[..1], &catalog(), &p, &req("2026-03-24T09:30:00Z"), now).await.unwrap();
    // a3 is already busy at 09:30.
    s.book(&ag[2..], &catalog(), &p, &req("2026-03-24T09:30:00Z"), now).await.unwrap();
    ag[0].exceptions.push(RosterException::Absence { from: t("2026-03-24T00:00:00Z"), to: t("2026-03-25T00:00:00Z") });
    let r = s.reassign_absent(&ag, &p, "a1", now).await.unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].to.as_deref(), Some("a3"));
    assert_eq!(r[1].to, None);
    assert_eq!(s.booking(&b1.booking.id).await.unwrap().agent_id, "a3");
    assert_eq!(s.booking(&b2.booking.id).await.unwrap().status, BookingStatus::AgentUnavailable);
    assert!(s.outbox_for(&b2.booking.id).await.unwrap().iter().any(|o| o.kind == kind::REBOOK_OFFER));
}
on_both!(an_absent_agents_appointments_go_to_an_equivalent_free_agent, 2, super::reassign);

async fn dispatch(db: TestDb) {
    use scheduler::{DispatchConfig, Dispatcher, PresenceState};
    let (s, p) = (&db.store, policy());
    let ag = agents(); // a1: de; a2: de + en
    // Two appointments at 09:00, one per agent.
    let b1 = s.book(&ag[..1], &catalog(), &p, &req("2026-03-23T09:00:00Z"), monday_morning()).await.unwrap();
    let b2 = s.book(&ag[1..], &catalog(), &p, &req("2026-03-23T09:00:00Z"), monday_morning()).await.unwrap();
    let mut d = Dispatcher::new(DispatchConfig::default());
    let t0 = t("2026-03-23T08:55:00Z").timestamp_millis();
    for a in &ag {
        d.upsert_agent(a, t0);
        s.apply(&d.set_presence(&a.id, PresenceState::Available, t0).unwrap()).await.unwrap();
    }
    // A live English customer arrives first and is offered to a2, who is still on it at 09:00.
    let (_, ch) = d.join("live-en", Needs::of(["lang:en"]), t0);
    s.apply(&ch).await.unwrap();
    let live_offer = ch.iter().find_map(|c| c.new_offer()).unwrap().clone();
    assert_eq!(live_offer.agent_id, "a2");
    // A live German customer arriving later waits behind the appointments.
    let (live_de, ch) = d.join("live-de", Needs::of(["lang:de"]), t0 + 1);
    s.apply(&ch).await.unwrap();
    let first_de = ch.iter().find_map(|c| c.new_offer()).unwrap().clone();
    assert_eq!(first_de.agent_id, "a1");
    s.apply(&d.decline(&first_de.id, t0 + 2).unwrap()).await.unwrap(); // a1 keeps free for now
    s.check_in(&b1.token, "booked-1", t("2026-03-23T08:58:00Z")).await.unwrap();
    s.check_in(&b2.token, "booked-2", t("2026-03-23T08:58:00Z")).await.unwrap();
    assert!(s.dispatch_due(&mut d, t("2026-03-23T08:59:00Z")).await.unwrap().is_empty(), "not before slot start");
    let ch = s.dispatch_due(&mut d, t("2026-03-23T09:00:00Z")).await.unwrap();
    let offers: Vec<_> = ch.iter().filter_map(|c| c.new_offer()).collect();
    assert_eq!(offers.len(), 1, "only the free booked agent is offered now");
    assert_eq!(offers[0].agent_id, "a1");
    assert!(d.entry(&offers[0].entry_id).unwrap().booking_id.as_deref() == Some(b1.booking.id.as_str()));
    assert!(s.dispatch_due(&mut d, t("2026-03-23T09:01:00Z")).await.unwrap().is_empty(), "dispatched once");
    // a2 declines the live offer: the appointment goes first, not the waiting German customer.
    let now = t("2026-03-23T09:02:00Z").timestamp_millis();
    let ch = d.decline(&live_offer.id, now).unwrap();
    s.apply(&ch).await.unwrap();
    let next = ch.iter().find_map(|c| c.new_offer()).unwrap();
    assert_eq!(d.entry(&next.entry_id).unwrap().booking_id.as_deref(), Some(b2.booking.id.as_str()));
    assert_ne!(next.entry_id, live_de);
    assert!(s.mark_no_shows(&p, t("2026-03-23T09:30:00Z")).await.unwrap().is_empty(), "checked in is no no-show");
}
on_both!(at_slot_start_the_booked_agent_is_offered_the_session, 2, super::dispatch);

async fn guard(db: TestDb) {
    use scheduler::{DispatchConfig, Dispatcher, PresenceState};
    let (s, p) = (&db.store, policy());
    let ag = agents();
    s.book(&ag[..1], &catalog(), &p, &req("2026-03-23T09:00:00Z"), monday_morning()).await.unwrap();
    let cfg = DispatchConfig { appointment_guard_ms: 10 * 60_000, ..Default::default() };
    for (at, expected) in [("2026-03-23T08:45:00Z", "a1"), ("2026-03-23T08:52:00Z", "a2")] {
        let now = t(at);
        let mut d = Dispatcher::new(cfg.clone());
        for (i, a) in ag.iter().enumerate() {
            d.upsert_agent(a, 0);
            d.set_presence(&a.id, PresenceState::Available, i as i64).unwrap(); // a1 idle longest
        }
        s.dispatch_due(&mut d, now).await.unwrap();
        let (_, ch) = d.join("live", Needs::of(["lang:de"]), now.timestamp_millis());
        assert_eq!(ch.iter().find_map(|c| c.new_offer()).unwrap().agent_id, expected, "at {at}");
    }
}
on_both!(an_agent_with_an_appointment_about_to_start_gets_no_live_customers, 2, super::guard);
