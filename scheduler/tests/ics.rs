//! Invitations parse back with an independent parser (the `icalendar` crate).
#![allow(clippy::unwrap_used)]
mod common;

use chrono::{DateTime, Utc};
use common::{berlin_agent, catalog, monday_morning, policy, t};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
use scheduler::ics::{render, IcsConfig, IcsEvent, IcsMethod};
use scheduler::{BookingRequest, Contact, Needs};

fn parse(ics: &str) -> (String, String, u32, DateTime<Utc>, DateTime<Utc>, String) {
    let cal: Calendar = ics.parse().unwrap();
    let method = cal.property_value("METHOD").unwrap().to_string();
    let ev = cal.events().next().unwrap();
    let utc = |d: DatePerhapsTime| match d {
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(u)) => u,
        other => panic!("not UTC: {other:?}"),
    };
    (
        method,
        ev.get_uid().unwrap().to_string(),
        ev.get_sequence().unwrap(),
        utc(ev.get_start().unwrap()),
        utc(ev.get_end().unwrap()),
        ev.property_value("STATUS").unwrap().to_string(),
    )
}

#[tokio::test]
async fn invitations_parse_back_with_uid_sequence_and_utc_start_through_reschedule_and_cancel() {
    let db = common::sqlite(2).await;
    let (s, p, now) = (&db.store, policy(), monday_morning());
    let agents = vec![berlin_agent("a1", &["lang:de"])];
    let req = BookingRequest {
        needs: Needs::of(["lang:de"]),
        start: t("2026-03-30T07:00:00Z"), // 09:00 CEST, just after the DST change
        customer_tz: chrono_tz::America::New_York,
        contact: Contact { email: Some("c@example.org".into()), phone: None },
        session_id: None,
    };
    let b = s.book(&agents, &catalog(), &p, &req, now).await.unwrap();
    let uid = format!("{}@{}", b.booking.id, p.ics.uid_domain);
    let (m, u, seq, start, end, status) = parse(&b.ics);
    assert_eq!((m.as_str(), u.as_str(), seq, status.as_str()), ("REQUEST", uid.as_str(), 0, "CONFIRMED"));
    assert_eq!((start, end), (t("2026-03-30T07:00:00Z"), t("2026-03-30T07:20:00Z")));

    let r = s.reschedule(&agents, &p, &b.token, t("2026-03-31T08:30:00Z"), now).await.unwrap();
    let (m, u, seq, start, _, _) = parse(&r.ics);
    assert_eq!((m.as_str(), u.as_str(), seq, start), ("REQUEST", uid.as_str(), 1, t("2026-03-31T08:30:00Z")));

    s.cancel(&p, &b.token, now).await.unwrap();
    let out = s.outbox_for(&b.booking.id).await.unwrap();
    let cancel = out.iter().find(|o| o.kind == "cancel").unwrap();
    let (m, u, seq, start, _, status) = parse(&cancel.payload);
    assert_eq!((m.as_str(), u.as_str(), seq, status.as_str()), ("CANCEL", uid.as_str(), 2, "CANCELLED"));
    assert_eq!(start, t("2026-03-31T08:30:00Z"));
    let seqs: Vec<u32> = out.iter().filter(|o| o.kind == "invite").map(|o| parse(&o.payload).2).collect();
    assert_eq!(seqs, vec![0, 1]);
}

#[test]
fn long_lines_are_folded_and_text_is_escaped() {
    let cfg = IcsConfig { summary: "Video-Identifikation; Termin, Übersicht ".repeat(4), ..Default::default() };
    let ev = IcsEvent {
        booking_id: "b1",
        sequence: 3,
        start: t("2026-10-25T01:30:00Z"),
        end: t("2026-10-25T01:50:00Z"),
        stamp: t("2026-10-01T00:00:00Z"),
        method: IcsMethod::Request,
        attendee_email: None,
        token: None,
    };
    let ics = render(&cfg, &ev);
    assert!(ics.lines().all(|l| l.len() <= 76), "every physical line within 75 octets + CR");
    let cal: Calendar = ics.parse().unwrap();
    let e = cal.events().next().unwrap();
    assert_eq!(e.get_summary().unwrap().trim_end(), cfg.summary.trim_end());
    assert_eq!(e.get_sequence(), Some(3));
}

#[test]
fn an_email_with_line_breaks_cannot_inject_calendar_properties() {
    let cfg = IcsConfig::default();
    let ev = IcsEvent {
        booking_id: "b1",
        sequence: 0,
        start: t("2026-03-30T07:00:00Z"),
        end: t("2026-03-30T07:20:00Z"),
        stamp: t("2026-03-01T07:00:00Z"),
        method: IcsMethod::Request,
        attendee_email: Some("a@example.org\r\nATTENDEE:mailto:evil@example.org"),
        token: None,
    };
    let ics = render(&cfg, &ev);
    assert!(!ics.contains("evil@example.org"), "{ics}");
    assert!(ics.lines().all(|l| !l.starts_with("ATTENDEE")), "an address that needs escaping is left out");
}
