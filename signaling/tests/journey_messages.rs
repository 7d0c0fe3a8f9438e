//! Messages actually sent: booking e-mails delivered to a real SMTP server (Python `aiosmtpd`)
//! with calendar objects read by an independent parser (Python `icalendar`), reminders on the
//! (advanced) clock, retries with backoff, never twice; webhooks verified by an independent
//! Standard Webhooks implementation (the `standardwebhooks` PyPI package), delivered later to a
//! receiver that was down, exactly once per id — on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use chrono::TimeDelta;
use domain::StaffRole;
use serde_json::{Value, json};
use signaling::outbox::{self, mail, webhooks};
use support::journey::{free_port, read_mail, received, smtp_sink, webhook_receiver};
use support::{As, Dialect, Env};

fn smtp_to(port: u16) -> impl FnOnce(&mut signaling::config::Config) {
    move |c| {
        c.smtp.host = "127.0.0.1".into();
        c.smtp.port = port;
        c.smtp.starttls = false;
        c.smtp.from = "Video identification <noreply@kyc.example>".into();
        c.journey.allow_insecure_urls = true;
    }
}

/// An identification for a customer; returns `(session id, customer token, webhook secret)`.
async fn identification(env: &Env, key: &str, body: Value) -> (String, String, Option<String>) {
    let r = env.call("POST", "/api/v1/identifications", &As::Bearer(key.into()), Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (r.body["id"].as_str().unwrap().into(), r.body["link"]["token"].as_str().unwrap().into(), r.body["webhook_secret"].as_str().map(str::to_owned))
}

fn files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml")).count()
}

async fn booking_path(d: Dialect) {
    let mails = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(env) = Env::with(d, smtp_to(port)).await else { return };
    let _smtp = smtp_sink(mails.path(), port);
    let key = env.full_key().await;
    env.roster(&key, "anna", &[]).await;
    let (_, token, _) = identification(&env, &key, json!({"language": "fr"})).await;
    let me = As::Bearer(token);

    // Booked: the invitation goes out in French with a METHOD:REQUEST calendar object.
    let r = env.call("POST", "/api/v1/bookings", &me, Some(json!({"start": "2030-01-07T14:00:00Z", "tz": "Europe/Paris", "contact": {"email": "marie@example.org"}}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let manage = r.body["token"].as_str().unwrap().to_owned();
    let manage_url = r.body["manage_url"].as_str().unwrap().to_owned();
    let booking = r.body["booking"]["id"].as_str().unwrap().to_owned();
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 1);
    let m = read_mail(mails.path());
    assert_eq!(m.len(), 1);
    let invite = &m[0];
    assert!(invite["to"].as_str().unwrap().contains("marie@example.org"));
    assert!(invite["subject"].as_str().unwrap().starts_with("Votre rendez-vous d'identification vidéo"), "{}", invite["subject"]);
    assert!(invite["subject"].as_str().unwrap().contains("15:00"), "the time in the customer's zone: {}", invite["subject"]);
    assert!(invite["text"].as_str().unwrap().contains(&manage_url), "the manage link is in the e-mail");
    let cal = &invite["calendar"];
    assert_eq!((cal["method"].as_str(), cal["content_type_method"].as_str(), cal["sequence"].as_i64(), cal["events"].as_i64()), (Some("REQUEST"), Some("REQUEST"), Some(0), Some(1)));
    assert_eq!(cal["dtstart"], "2030-01-07T14:00:00+00:00");
    assert_eq!(cal["attendee"], "mailto:marie@example.org");
    let uid = cal["uid"].as_str().unwrap().to_owned();
    assert!(uid.starts_with(&booking));

    // Rescheduled through the manage link: the same event, a higher SEQUENCE.
    let r = env.call("POST", &format!("/api/v1/bookings/{manage}/reschedule"), &As::Anonymous, Some(json!({"start": "2030-01-07T15:00:00Z"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 1);
    let m = read_mail(mails.path());
    let moved = &m[1];
    assert!(moved["subject"].as_str().unwrap().starts_with("Votre rendez-vous a été déplacé"), "{}", moved["subject"]);
    assert_eq!((moved["calendar"]["uid"].as_str(), moved["calendar"]["sequence"].as_i64()), (Some(uid.as_str()), Some(1)));
    assert_eq!(moved["calendar"]["dtstart"], "2030-01-07T15:00:00+00:00");
    assert_ne!(moved["message_id"], invite["message_id"]);

    // The reminder goes out on the clock: nothing before its time, then one hour before.
    assert_eq!(outbox::run_once(&env.state).await, outbox::Round::default());
    env.clock.set(support::at("2030-01-07T13:59:00Z"));
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 0);
    env.clock.set(support::at("2030-01-07T14:00:30Z"));
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 1);
    let m = read_mail(mails.path());
    assert!(m[2]["subject"].as_str().unwrap().starts_with("Rappel"), "{}", m[2]["subject"]);
    assert!(m[2]["text"].as_str().unwrap().contains(&manage_url));

    // Cancelled through the link: a METHOD:CANCEL of the same event.
    let r = env.call("DELETE", &format!("/api/v1/bookings/{manage}"), &As::Anonymous, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 1);
    let m = read_mail(mails.path());
    let cancel = &m[3]["calendar"];
    assert_eq!((cancel["method"].as_str(), cancel["status"].as_str(), cancel["sequence"].as_i64()), (Some("CANCEL"), Some("CANCELLED"), Some(2)));
    assert_eq!(cancel["uid"].as_str(), Some(uid.as_str()));

    // Never twice: more rounds, later, send nothing more; each message took one attempt.
    env.clock.advance(TimeDelta::hours(2));
    for _ in 0..3 {
        assert_eq!(outbox::run_once(&env.state).await.mails_sent, 0);
    }
    assert_eq!(files(mails.path()), 4);
    let q = mail::queued(&env.state.db, &booking).await.unwrap();
    assert_eq!(q.iter().map(|x| x.kind.as_str()).collect::<Vec<_>>(), ["invite", "invite", "reminder", "cancel"]);
    assert!(q.iter().all(|x| x.sent_ms.is_some() && x.attempts == 1), "{q:?}");
    env.done().await;
}

on_both_dialects!(booking_emails_reach_a_real_smtp_server_with_calendar_objects_that_follow_reschedule_reminder_and_cancel, booking_path);

async fn smtp_down(d: Dialect) {
    let mails = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(env) = Env::with(d, smtp_to(port)).await else { return };
    let key = env.full_key().await;
    env.roster(&key, "anna", &[]).await;
    let (_, token, _) = identification(&env, &key, json!({"language": "vi"})).await;
    let r = env.call("POST", "/api/v1/bookings", &As::Bearer(token), Some(json!({"start": "2030-01-07T14:00:00Z", "tz": "Asia/Ho_Chi_Minh", "contact": {"email": "lan@example.org"}}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let booking = r.body["booking"]["id"].as_str().unwrap().to_owned();

    // No SMTP server: the attempt fails and is retried later, not now.
    let round = outbox::run_once(&env.state).await;
    assert_eq!((round.imported, round.mails_sent, round.mails_failed), (1, 0, 0));
    let q = mail::queued(&env.state.db, &booking).await.unwrap();
    assert_eq!((q[0].attempts, q[0].sent_ms, q[0].last_error.as_deref()), (1, None, Some("smtp_unreachable")));
    let _smtp = smtp_sink(mails.path(), port);
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 0, "the backoff holds");
    env.clock.advance(TimeDelta::seconds(31));
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 1);
    env.clock.advance(TimeDelta::minutes(5));
    assert_eq!(outbox::run_once(&env.state).await.mails_sent, 0);
    let m = read_mail(mails.path());
    assert_eq!(m.len(), 1, "delivered once");
    assert!(m[0]["subject"].as_str().unwrap().starts_with("Lịch hẹn định danh qua video"), "{}", m[0]["subject"]);
    assert!(m[0]["subject"].as_str().unwrap().contains("21:00"), "Ho Chi Minh City time: {}", m[0]["subject"]);
    let q = mail::queued(&env.state.db, &booking).await.unwrap();
    assert_eq!((q[0].attempts, q[0].last_error.as_deref()), (2, None));
    assert!(q[0].sent_ms.is_some());
    env.done().await;
}

on_both_dialects!(an_smtp_server_that_was_down_gets_the_mail_after_the_backoff_exactly_once, smtp_down);

/// Gives `session` a decision the real way: queued, accepted by the agent, rejected.
/// `login` takes the session from the queue and rejects it. After a first decision the agent
/// is available again and is offered the next session as soon as it queues.
async fn reject(env: &Env, key: &str, session: &str, login: &support::StaffLogin) {
    let r = env.call("POST", "/api/v1/queue", &As::Bearer(key.into()), Some(json!({"session_id": session}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let p = env.presence(login, "available").await;
    assert!(p.status == StatusCode::OK || p.code() == "invalid_transition", "{}", p.text);
    let offers = env.call("GET", "/api/v1/me/offers", &login.as_(), None).await;
    let offer = offers.body.as_array().and_then(|a| a.first()).map(|o| o["offer_id"].as_str().unwrap().to_owned()).expect("an offer");
    let a = env.call("POST", &format!("/api/v1/me/offers/{offer}/accept"), &login.as_(), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let r = env.call("POST", &format!("/api/v1/sessions/{session}/decision"), &login.as_(), Some(json!({"outcome": "rejected", "reasons": ["customer_refused"]}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

async fn webhooks_later(d: Dialect) {
    // The receiver checks timestamps against its own clock: start the manual clock at real time.
    let Some(env) = Env::at(d, chrono::Utc::now(), |c| c.journey.allow_insecure_urls = true).await else { return };
    let hooks = tempfile::tempdir().unwrap();
    let secrets = hooks.path().join("secrets.json");
    let log = hooks.path().join("log.jsonl");
    let port = free_port();
    let key = env.full_key().await;
    let hook = |p: &str| json!({"webhook_url": format!("http://127.0.0.1:{port}{p}"), "return_url": "https://bank.example/done", "external_ref": "A-1"});
    let (a, _, secret_a) = identification(&env, &key, hook("/hooks/a")).await;
    std::fs::write(&secrets, json!({"/hooks/a": secret_a.clone().unwrap()}).to_string()).unwrap();
    env.roster(&key, "anna", &[]).await;
    let anna = env.staff("anna", &[StaffRole::Agent]).await;
    reject(&env, &key, &a, &anna).await;

    // The receiver is down: both events are attempted and wait for their retry.
    let round = outbox::run_once(&env.state).await;
    assert_eq!((round.webhooks_delivered, round.webhooks_failed), (0, 0));
    let ids = |s: &str| signaling::outbox::webhooks::event_id(&domain::SessionId::parse(s).unwrap(), webhooks::FINAL);
    let sa = domain::SessionId::parse(&a).unwrap();
    let ds = webhooks::deliveries(&env.state.db, &sa).await.unwrap();
    // Two events of the same moment: receivers get no ordering promise (Standard Webhooks).
    let mut types: Vec<&str> = ds.iter().map(|x| x.event_type.as_str()).collect();
    types.sort_unstable();
    assert_eq!(types, [webhooks::DECIDED, webhooks::FINAL]);
    assert!(ds.iter().all(|x| x.attempts == 1 && x.delivered_ms.is_none() && x.last_error.as_deref() == Some("connect_failed")), "{ds:?}");

    // Up again: nothing before the backoff, then each event once, verified independently.
    let _rx = webhook_receiver(port, &secrets, &log, false);
    assert_eq!(outbox::run_once(&env.state).await.webhooks_delivered, 0);
    env.clock.advance(TimeDelta::seconds(31));
    assert_eq!(outbox::run_once(&env.state).await.webhooks_delivered, 2);
    for _ in 0..3 {
        env.clock.advance(TimeDelta::seconds(40));
        assert_eq!(outbox::run_once(&env.state).await.webhooks_delivered, 0);
    }
    let got = received(&log);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g["verified"] == true), "{got:?}");
    let fin = got.iter().find(|g| g["payload"]["type"] == webhooks::FINAL).unwrap();
    assert_eq!(fin["id"].as_str(), Some(ids(&a).as_str()));
    assert_eq!((fin["payload"]["data"]["id"].as_str(), fin["payload"]["data"]["outcome"].as_str()), (Some(a.as_str()), Some("rejected")));
    assert_eq!(fin["payload"]["data"]["external_ref"], "A-1");
    let dec = got.iter().find(|g| g["payload"]["type"] == webhooks::DECIDED).unwrap();
    assert_eq!(dec["payload"]["data"]["status"], "final");

    // A receiver that refuses the first attempt gets the same id again, freshly signed.
    let (b, _, secret_b) = identification(&env, &key, hook("/hooks/b")).await;
    std::fs::write(&secrets, json!({"/hooks/a": secret_a.unwrap(), "/hooks/b": secret_b.unwrap()}).to_string()).unwrap();
    drop(_rx);
    let log_b = hooks.path().join("log_b.jsonl");
    let _rx = webhook_receiver(port, &secrets, &log_b, true);
    reject(&env, &key, &b, &anna).await;
    assert_eq!(outbox::run_once(&env.state).await.webhooks_delivered, 0);
    env.clock.advance(TimeDelta::seconds(31));
    assert_eq!(outbox::run_once(&env.state).await.webhooks_delivered, 2);
    let got = received(&log_b);
    assert_eq!(got.len(), 4, "two attempts of each event: {got:?}");
    let fin_b: Vec<&Value> = got.iter().filter(|g| g["id"].as_str() == Some(ids(&b).as_str())).collect();
    assert_eq!(fin_b.len(), 2);
    assert!(fin_b.iter().all(|g| g["verified"] == true));
    assert_ne!(fin_b[0]["timestamp"], fin_b[1]["timestamp"], "each attempt is signed at its own time");

    // The integrator's view: final, with the result and its evidence by reference.
    let r = env.call("GET", &format!("/api/v1/identifications/{a}"), &As::Bearer(key.clone()), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!((r.body["status"].as_str(), r.body["result"]["outcome"].as_str()), (Some("final"), Some("rejected")));
    assert_eq!(r.body["result"]["reasons"], json!(["customer_refused"]));
    assert_eq!(r.body["result"]["evidence"]["decision_evidence_sha256"].as_str().map(str::len), Some(64));
    assert_eq!(r.body["return_url"], "https://bank.example/done");
    env.done().await;
}

on_both_dialects!(webhooks_verify_with_standard_webhooks_and_a_receiver_that_was_down_gets_each_event_later_exactly_once, webhooks_later);

async fn two_workers(d: Dialect) {
    let mails = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(env) = Env::with(d, smtp_to(port)).await else { return };
    let _smtp = smtp_sink(mails.path(), port);
    let key = env.full_key().await;
    for a in ["anna", "bert", "cleo"] {
        env.roster(&key, a, &[]).await;
    }
    for (i, start) in ["2030-01-07T10:00:00Z", "2030-01-07T10:30:00Z", "2030-01-07T11:00:00Z", "2030-01-07T11:30:00Z", "2030-01-07T12:00:00Z"].iter().enumerate() {
        let (_, token, _) = identification(&env, &key, json!({"language": "en"})).await;
        let r = env.call("POST", "/api/v1/bookings", &As::Bearer(token), Some(json!({"start": start, "tz": "UTC", "contact": {"email": format!("c{i}@example.org")}}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    // Two workers at once (two processes on one database would do the same): each e-mail once.
    let (a, b) = tokio::join!(outbox::run_once(&env.state), outbox::run_once(&env.state));
    let (c, _) = tokio::join!(outbox::run_once(&env.state), outbox::run_once(&env.state));
    assert_eq!(a.mails_sent + b.mails_sent + c.mails_sent, 5, "{a:?} {b:?} {c:?}");
    assert_eq!(files(mails.path()), 5);
    let mut to: Vec<String> = read_mail(mails.path()).iter().map(|m| m["to"].as_str().unwrap().to_owned()).collect();
    to.sort();
    assert_eq!(to, (0..5).map(|i| format!("c{i}@example.org")).collect::<Vec<_>>());
    env.done().await;
}

on_both_dialects!(two_workers_running_at_once_send_each_mail_exactly_once, two_workers);
