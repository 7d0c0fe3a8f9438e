//! The customer journey's server side: identifications created by integrators, the language
//! picked from the browser, application drafts that survive a reload, every field refusing
//! garbage with a code, consent before any document and no way to change a consent record,
//! ID documents read by the real media-ai sidecar (MRZ compared and kept, blurred and bogus
//! captures refused, nothing stored), the result, and passkeys after approval — on SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use signaling::apikeys::ApiScope;
use support::journey::{fixture, sidecar};
use support::{As, Dialect, Env, Resp, at};

fn applicant() -> Value {
    json!({
        "surname": "Papadopoulou", "given_names": "Eleni", "date_of_birth": "1967-09-03", "nationality": "GRC",
        "address": {"line1": "Odos Ermou 12", "postal_code": "105 63", "city": "Athina", "country": "GRC"},
        "email": "eleni@example.org", "phone": "+30 21 0322 1234"
    })
}

async fn create(env: &Env, key: &str, body: Value) -> Resp {
    env.call("POST", "/api/v1/identifications", &As::Bearer(key.into()), Some(body)).await
}

async fn created(env: &Env, key: &str, body: Value) -> (String, String) {
    let r = create(env, key, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (r.body["id"].as_str().unwrap().into(), r.body["link"]["token"].as_str().unwrap().into())
}

fn codes(r: &Resp) -> Vec<String> {
    r.body["errors"].as_array().map(|a| a.iter().map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect()).unwrap_or_default()
}

async fn identifications(env: Env) {
    let key = env.full_key().await;
    let reader = env.key(&[ApiScope::SessionsRead]).await;
    let (id, token) = created(&env, &key, json!({"profile": "basic", "applicant": {"surname": "Nguyễn", "email": "minh@example.org"}, "external_ref": "APP-7"})).await;
    let me = As::Bearer(token.clone());
    let r = env.call("GET", &format!("/api/v1/identifications/{id}"), &As::Bearer(reader.clone()), None).await;
    assert_eq!((r.status, r.body["status"].as_str(), r.body["external_ref"].as_str()), (StatusCode::OK, Some("created"), Some("APP-7")));
    assert!(r.body["result"].is_null() && r.body["language"].is_null());

    // The first visit takes the browser's language; the customer can switch.
    let r = env.call_raw("GET", &format!("/api/v1/sessions/{id}/journey"), &me, vec![], "application/json", &[("accept-language", "de-DE,vi;q=0.8,en;q=0.5")]).await;
    assert_eq!((r.status, r.body["language"].as_str()), (StatusCode::OK, Some("vi")), "{}", r.text);
    assert_eq!(r.body["documents_allowed"], json!(["passport", "id_card", "residence_permit"]));
    assert_eq!(r.body["consent_given"], false);
    let r = env.call("PUT", &format!("/api/v1/sessions/{id}/journey"), &me, Some(json!({"language": "fr"}))).await;
    assert_eq!(r.body["language"], "fr");
    let r = env.call("PUT", &format!("/api/v1/sessions/{id}/journey"), &me, Some(json!({"language": "klingon"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "unsupported_language"));

    // The prefill is the customer's starting point, marked as such; the form is in progress now.
    let r = env.call("GET", &format!("/api/v1/sessions/{id}/application"), &me, None).await;
    assert_eq!(r.body["applicant"]["surname"], "Nguyễn");
    assert_eq!(r.body["prefilled"], json!(["email", "surname"]));
    assert_eq!(r.body["history"][0]["kind"], "prefilled");
    env.consent(&id, &token).await;
    let r = env.call("GET", &format!("/api/v1/identifications/{id}"), &As::Bearer(key.clone()), None).await;
    assert_eq!(r.body["status"], "in_progress");

    // Bad input: each field of the request refuses garbage with its code.
    for (body, status, code) in [
        (json!({"profile": "nope"}), 422, "unknown_profile"),
        (json!({"language": "de"}), 422, "unsupported_language"),
        (json!({"return_url": "javascript:alert(1)"}), 422, "invalid_return_url"),
        (json!({"webhook_url": "https://10.0.0.8/hook"}), 422, "invalid_webhook_url"),
        (json!({"webhook_url": "http://bank.example/hook"}), 422, "invalid_webhook_url"),
        (json!({"external_ref": "x".repeat(129)}), 422, "external_ref_too_long"),
        (json!({"link_ttl_seconds": 0}), 422, "invalid_ttl"),
        (json!({"surprise": 1}), 400, "invalid_body"),
    ] {
        let r = create(&env, &key, body.clone()).await;
        assert_eq!((r.status.as_u16(), r.code()), (status, code), "{body}: {}", r.text);
        assert_eq!(r.content_type, "application/problem+json");
    }
    let r = create(&env, &key, json!({"applicant": {"surname": "R2-D2", "date_of_birth": "31.12.1990", "nationality": "Greek", "email": "a@b", "phone": "12345"}})).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_applicant"));
    assert_eq!(codes(&r), ["surname:invalid_name", "date_of_birth:invalid_date_of_birth", "nationality:invalid_nationality", "email:invalid_email", "phone:invalid_phone"]);
    let r = env.call("POST", "/api/v1/identifications", &As::Bearer(reader), Some(json!({}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "reading is not creating");
    env.done().await;
}

on_both!(an_identification_gives_the_customer_a_link_in_their_language_and_the_integrator_its_status, identifications);

async fn drafts(env: Env) {
    let key = env.full_key().await;
    let (id, token) = created(&env, &key, json!({})).await;
    let me = As::Bearer(token);
    let url = format!("/api/v1/sessions/{id}/application");

    // Half a form with a phone number still being typed: saved as typed, the field named.
    let half = json!({"applicant": {"surname": "Martin", "given_names": "Élodie", "phone": "+33 6 12"}});
    let r = env.call("PUT", &url, &me, Some(half)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["errors"], json!([{"field": "phone", "code": "invalid_phone"}]));
    // A reload loses nothing.
    let r = env.call("GET", &url, &me, None).await;
    assert_eq!((r.body["applicant"]["given_names"].as_str(), r.body["applicant"]["phone"].as_str()), (Some("Élodie"), Some("+33 6 12")));
    assert_eq!(r.body["state"], "draft");

    // Submitting names every missing or refused field.
    let r = env.call("POST", &format!("{url}/submit"), &me, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "application_invalid"));
    assert_eq!(
        codes(&r),
        ["date_of_birth:date_of_birth_required", "nationality:nationality_required", "address.line1:address_required", "address.city:city_required", "address.country:country_required", "email:email_required", "phone:invalid_phone"]
    );

    // Every field refuses garbage with its own code.
    let garbage = json!({"applicant": {"surname": "M4rtin", "given_names": "<b>", "date_of_birth": "2031-02-01", "nationality": "FR",
        "address": {"line1": "a\u{7}b", "postal_code": "75001;DROP", "city": "1234", "country": "XYZ"}, "email": "martin@@example.org", "phone": "0612345678"}});
    let r = env.call("PUT", &url, &me, Some(garbage)).await;
    let got: Vec<String> = r.body["errors"].as_array().unwrap().iter().map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    assert_eq!(
        got,
        ["surname:invalid_name", "given_names:invalid_name", "date_of_birth:date_of_birth_in_future", "nationality:invalid_nationality", "address.line1:invalid_address", "address.postal_code:invalid_postal_code", "address.city:invalid_city", "address.country:invalid_country", "email:invalid_email", "phone:invalid_phone"]
    );
    // Values no form would hold are refused whole, and nothing is saved.
    let before = env.call("GET", &url, &me, None).await;
    let r = env.call("PUT", &url, &me, Some(json!({"applicant": {"surname": "x".repeat(500)}}))).await;
    assert_eq!((r.status, r.code(), codes(&r)), (StatusCode::UNPROCESSABLE_ENTITY, "field_too_long", vec!["surname:field_too_long".to_owned()]));
    let r = env.call("PUT", &url, &me, Some(json!({"applicant": {"surname": 7}}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "invalid_body"));
    assert_eq!(env.call("GET", &url, &me, None).await.body["applicant"], before.body["applicant"]);

    // A complete form submits, normalised; changing it afterwards makes it a draft again.
    let r = env.call("PUT", &url, &me, Some(json!({"applicant": applicant()}))).await;
    assert_eq!(r.body["errors"], json!([]));
    let r = env.call("POST", &format!("{url}/submit"), &me, None).await;
    assert_eq!((r.status, r.body["state"].as_str()), (StatusCode::OK, Some("submitted")), "{}", r.text);
    assert_eq!(r.body["applicant"]["phone"], "+302103221234");
    let mut changed = applicant();
    changed["address"]["city"] = json!("Thessaloniki");
    let r = env.call("PUT", &url, &me, Some(json!({"applicant": changed}))).await;
    assert_eq!(r.body["state"], "draft");

    // Nothing personal is stored in clear.
    let raw: Vec<u8> = sqlx::query_scalar("SELECT data FROM applications WHERE session_id = $1").bind(id.clone()).fetch_one(&env.state.db).await.unwrap();
    assert!(!raw.windows(8).any(|w| w == b"Papadopo") && !raw.windows(5).any(|w| w == b"Athin"));
    env.done().await;
}

on_both!(a_reload_mid_form_loses_nothing_and_every_field_refuses_garbage_with_a_translatable_code, drafts);

async fn consent_first(env: Env) {
    let key = env.full_key().await;
    let (id, token) = created(&env, &key, json!({})).await;
    let me = As::Bearer(token.clone());
    let jpeg = fixture("documents/doc_003.jpg");
    let upload = format!("/api/v1/sessions/{id}/documents?side=back&type=id_card");
    let r = env.call_raw("POST", &upload, &me, jpeg.clone(), "image/jpeg", &[]).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "consent_required"), "no document before consent");
    let r = env.call_raw("POST", &format!("/api/v1/sessions/{id}/stills?kind=face&request_id=x"), &me, jpeg, "image/jpeg", &[]).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "consent_required"), "no still before consent");
    env.consent(&id, &token).await;
    let history = env.call("GET", &format!("/api/v1/sessions/{id}/consents"), &me, None).await.body;
    assert_eq!(history.as_array().unwrap().len(), 3);

    // No API changes or deletes a consent record, whoever asks: a withdrawal is a new record.
    let staff = env.staff("sv", &[domain::StaffRole::Supervisor]).await;
    let admin = env.staff("ad", &[domain::StaffRole::Admin]).await;
    for who in [me.clone(), As::Bearer(key.clone()), staff.as_(), admin.as_()] {
        for method in ["PUT", "PATCH", "DELETE"] {
            let r = env.call(method, &format!("/api/v1/sessions/{id}/consents"), &who, Some(json!({"kind": "recording", "decision": "withdrawn"}))).await;
            assert_eq!((r.status, r.code()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"), "{method} {who:?}");
            let r = env.call(method, &format!("/api/v1/sessions/{id}/consents/1"), &who, Some(json!({}))).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} …/consents/1");
        }
    }
    let text = history[1]["text_version"].clone();
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/consents"), &me, Some(json!({"kind": "recording", "decision": "withdrawn", "text_version": text}))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let after = env.call("GET", &format!("/api/v1/sessions/{id}/consents"), &me, None).await.body;
    assert_eq!(after.as_array().unwrap()[..3], history.as_array().unwrap()[..], "the earlier records are untouched");
    assert_eq!(after[3]["decision"], "withdrawn");
    let r = env.call_raw("POST", &upload, &me, fixture("documents/doc_003.jpg"), "image/jpeg", &[]).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "consent_required"), "withdrawn consent stops uploads again");
    env.done().await;
}

on_both!(no_document_or_still_before_consent_and_no_api_can_change_or_delete_a_consent_record, consent_first);

/// A PNG header claiming `w`×`h` pixels followed by a bogus data chunk: a decompression bomb
/// as far as any header check can tell.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    // A valid header chunk (decoders check its CRC before they look at the dimensions).
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
    v.extend(&ihdr);
    v.extend(crc32(&ihdr).to_be_bytes());
    v.extend(b"\0\0\x10\0IDAT");
    v.extend(vec![0x78; 4096]);
    v
}

/// CRC-32 (ISO 3309, as PNG uses it), bitwise.
fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in data {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

async fn documents(d: Dialect) {
    let (_sidecar, addr, secret) = sidecar();
    let Some(env) = Env::with(d, |c| {
        c.ai.sidecar = Some(addr);
        c.ai.secret = signaling::config::Secret(secret);
    })
    .await
    else {
        return;
    };
    let key = env.full_key().await;
    // The integrator's date of birth is one day off the document's.
    let (id, token) = created(&env, &key, json!({"applicant": applicant()})).await;
    let me = As::Bearer(token.clone());
    env.consent(&id, &token).await;
    let upload = |side: &str, ty: &str| format!("/api/v1/sessions/{id}/documents?side={side}&type={ty}");
    let count = || async { sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM id_documents").fetch_one(&env.state.db).await.unwrap() };

    // Garbage never reaches storage: not an image, too large, a bomb, a wrong type.
    for (body, ty, status, code) in [
        (b"%PDF-1.7 not a photo".to_vec(), "id_card", 415, "unsupported_image"),
        (vec![0xFF; 13 * 1024 * 1024], "id_card", 413, "body_too_large"),
        (png_claiming(60_000, 60_000), "id_card", 422, "image_dimensions"),
        (png_claiming(8_000, 8_000), "id_card", 422, "image_dimensions"),
        (fixture("documents/doc_003.jpg"), "driving_licence", 422, "document_type_not_allowed"),
    ] {
        let r = env.call_raw("POST", &upload("back", ty), &me, body, "image/png", &[]).await;
        assert_eq!((r.status.as_u16(), r.code()), (status, code), "{}", r.text);
        assert_eq!(r.content_type, "application/problem+json");
    }
    // Unusable captures get media-ai's retake hint; an MRZ side without an MRZ is refused.
    let r = env.call_raw("POST", &upload("back", "id_card"), &me, fixture("doc_003_blurred.jpg"), "image/jpeg", &[]).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "blurred"), "{}", r.text);
    let r = env.call_raw("POST", &upload("back", "id_card"), &me, fixture("documents/doc_004.jpg"), "image/jpeg", &[]).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "mrz_not_found"), "{}", r.text);
    assert_eq!(count().await, 0, "nothing refused was stored");

    // The card's front (no MRZ) and back (MRZ): read, compared, kept.
    let r = env.call_raw("POST", &upload("front", "id_card"), &me, fixture("documents/doc_004.jpg"), "image/jpeg", &[]).await;
    assert_eq!((r.status, r.body["mrz"].is_null()), (StatusCode::CREATED, true), "{}", r.text);
    let back = fixture("documents/doc_003.jpg");
    let r = env.call_raw("POST", &upload("back", "id_card"), &me, back.clone(), "image/jpeg", &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!((r.body["mrz"]["surname"].as_str(), r.body["mrz"]["format"].as_str(), r.body["check_digits_ok"].as_bool()), (Some("PAPADOPOULOU"), Some("TD1"), Some(true)));
    assert_eq!(r.body["sha256"].as_str(), Some(hex::encode(Sha256::digest(&back)).as_str()));
    assert!(r.body["models"].as_array().is_some_and(|m| !m.is_empty()), "the OCR models are named");
    let status = |c: &Value, f: &str| c.as_array().unwrap().iter().find(|x| x["field"] == f).map(|x| x["status"].as_str().unwrap().to_owned());
    let cmp = r.body["comparison"].clone();
    assert_eq!(status(&cmp, "surname").as_deref(), Some("equal"));
    assert_eq!(status(&cmp, "nationality").as_deref(), Some("equal"));
    assert_eq!(status(&cmp, "date_of_birth").as_deref(), Some("mismatch"));
    let doc_id = r.body["id"].as_str().unwrap().to_owned();

    // The customer must confirm or correct before submitting; both versions are kept.
    let url = format!("/api/v1/sessions/{id}/application");
    let r = env.call("POST", &format!("{url}/submit"), &me, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "mrz_review_required"));
    let mut fixed = applicant();
    fixed["date_of_birth"] = json!("1967-09-02");
    let r = env.call("PUT", &url, &me, Some(json!({"applicant": fixed, "confirm_mrz": true}))).await;
    assert_eq!((r.status, r.body["mrz_review"].as_str()), (StatusCode::OK, Some("confirmed")), "{}", r.text);
    assert!(r.body["mrz_comparison"].as_array().unwrap().iter().all(|c| c["status"] == "equal"));
    let kinds: Vec<&str> = r.body["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["prefilled", "mrz_read", "mrz_confirmed"]);
    let read = &r.body["history"][1]["data"];
    assert_eq!(status(&read["comparison"], "date_of_birth").as_deref(), Some("mismatch"), "the mismatch is kept");
    assert_eq!(r.body["history"][2]["data"]["confirmed"]["date_of_birth"], "1967-09-02");
    let r = env.call("POST", &format!("{url}/submit"), &me, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // The agent of the session sees the documents with the kept mismatch, and the image.
    env.roster(&key, "anna", &[]).await;
    let anna = env.staff("anna", &[domain::StaffRole::Agent]).await;
    env.assign(&key, &id, &anna).await;
    let r = env.call("GET", &format!("/api/v1/sessions/{id}/documents"), &anna.as_(), None).await;
    assert_eq!((r.status, r.body.as_array().map(Vec::len)), (StatusCode::OK, Some(2)));
    let kept = r.body.as_array().unwrap().iter().find(|d| d["id"] == doc_id.as_str()).unwrap();
    assert_eq!(status(&kept["comparison"], "date_of_birth").as_deref(), Some("mismatch"));
    let img = env.call("GET", &format!("/api/v1/sessions/{id}/documents/{doc_id}"), &anna.as_(), None).await;
    assert_eq!((img.status, img.content_type.as_str()), (StatusCode::OK, "image/jpeg"));
    let stored: Vec<u8> = sqlx::query_scalar("SELECT bytes FROM id_documents WHERE id = $1").bind(doc_id.clone()).fetch_one(&env.state.db).await.unwrap();
    assert!(!stored.starts_with(&[0xFF, 0xD8]) && stored.len() > back.len(), "stored sealed");
    let reading: Vec<u8> = sqlx::query_scalar("SELECT reading FROM id_documents WHERE id = $1").bind(doc_id).fetch_one(&env.state.db).await.unwrap();
    assert!(!reading.windows(12).any(|w| w == b"PAPADOPOULOU"));
    env.done().await;
}

on_both_dialects!(the_mrz_is_read_by_media_ai_compared_with_the_form_and_kept_and_unusable_uploads_store_nothing, documents);

async fn own_journey(env: Env) {
    let key = env.full_key().await;
    // Anna speaks French and takes ID cards; nobody on the roster speaks Vietnamese.
    env.roster(&key, "anna", &["lang:fr", "doc:id_card"]).await;
    let r = create(&env, &key, json!({"language": "vi"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let (lan, lan_token) = (r.body["id"].as_str().unwrap().to_owned(), r.body["link"]["token"].as_str().unwrap().to_owned());
    assert_eq!(r.body["link"]["url"].as_str(), Some(format!("https://kyc.example/id/#t={lan_token}").as_str()), "the link opens the journey's pages");
    let (marie, marie_token) = created(&env, &key, json!({"language": "fr"})).await;

    // The link's token alone finds its journey; nothing else does.
    let r = env.call("GET", "/api/v1/journey", &As::Bearer(lan_token.clone()), None).await;
    assert_eq!((r.status, r.body["session_id"].as_str(), r.body["language"].as_str()), (StatusCode::OK, Some(lan.as_str()), Some("vi")), "{}", r.text);
    assert!(r.body["booking"].is_null());
    assert_eq!(env.call("GET", "/api/v1/journey", &As::Anonymous, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(env.call("GET", "/api/v1/journey", &As::Bearer(key.clone()), None).await.status, StatusCode::FORBIDDEN);

    // The needs come from the journey: only skills some agent has. Vietnamese is nobody's, so
    // the estimate and the booking do not ask for it (no `unknown_skill`, no wait for nobody).
    let r = env.call("GET", "/api/v1/queue/estimate?tz=Asia/Ho_Chi_Minh", &As::Bearer(lan_token.clone()), None).await;
    assert_eq!((r.status, r.body["position"].as_u64(), r.body["agents_available"].as_u64()), (StatusCode::OK, Some(1), Some(0)), "{}", r.text);
    assert!(!r.body["next_slots"].as_array().unwrap().is_empty(), "Anna's free slots are offered");
    let r = env.call("POST", "/api/v1/bookings", &As::Bearer(lan_token.clone()), Some(json!({"start": "2030-01-07T14:00:00Z", "tz": "Asia/Ho_Chi_Minh"}))).await;
    assert_eq!((r.status, r.body["booking"]["needs"].clone()), (StatusCode::CREATED, json!([])), "{}", r.text);
    assert!(r.body["join_link"]["url"].as_str().unwrap().starts_with("https://kyc.example/id/#t="));
    let r = env.call("POST", "/api/v1/bookings", &As::Bearer(marie_token.clone()), Some(json!({"start": "2030-01-07T15:00:00Z", "tz": "Europe/Paris"}))).await;
    assert_eq!((r.status, r.body["booking"]["needs"].clone()), (StatusCode::CREATED, json!(["lang:fr"])), "{}", r.text);

    // The appointment is in the journey, on any device that holds the link; check-in opens
    // 15 minutes ahead.
    let r = env.call("GET", "/api/v1/journey", &As::Bearer(marie_token.clone()), None).await;
    let b = &r.body["booking"];
    assert_eq!((b["start"].as_str(), b["status"].as_str(), b["checked_in"].as_bool()), (Some("2030-01-07T15:00:00.000Z"), Some("booked"), Some(false)), "{}", r.text);
    assert_eq!(b["local_start"], "2030-01-07T16:00:00+01:00");
    let r = env.call("POST", "/api/v1/journey/check-in", &As::Bearer(marie_token.clone()), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "check_in_too_early"));
    env.clock.set(at("2030-01-07T14:50:00Z"));
    let r = env.call("POST", "/api/v1/journey/check-in", &As::Bearer(marie_token.clone()), None).await;
    assert_eq!((r.status, r.body["checked_in"].as_bool()), (StatusCode::OK, Some(true)), "{}", r.text);
    let r = env.call("GET", "/api/v1/journey", &As::Bearer(marie_token.clone()), None).await;
    assert_eq!(r.body["booking"]["checked_in"], true);
    let r = env.call("POST", "/api/v1/journey/check-in", &As::Bearer(key.clone()), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "an integrator has no appointment of its own");

    // A session without an appointment has nothing to check in to.
    let (_, other) = created(&env, &key, json!({})).await;
    let r = env.call("POST", "/api/v1/journey/check-in", &As::Bearer(other), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "booking_not_found"));

    // Once the session has ended, the link still shows the journey (the result page survives
    // a reload) but prepares no call.
    let r = env.call("POST", &format!("/api/v1/sessions/{lan}/end"), &As::Bearer(key.clone()), Some(json!({}))).await;
    assert!(r.status.is_success(), "{}", r.text);
    let r = env.call("GET", "/api/v1/journey", &As::Bearer(lan_token.clone()), None).await;
    assert_eq!((r.status, r.body["status"].as_str()), (StatusCode::OK, Some("ended")), "{}", r.text);
    let r = env.call("GET", "/api/v1/queue/estimate", &As::Bearer(lan_token.clone()), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "session_ended"));
    let _ = marie;
    env.done().await;
}

on_both!(the_link_alone_finds_its_journey_with_its_appointment_and_the_needs_come_from_the_journey, own_journey);
