-- The customer journey (signaling/src/journey/) and the delivery of messages
-- (signaling/src/outbox/). Personal data is sealed with the session's data key (vault).

-- One row per session that has a customer journey: made by `POST /api/v1/identifications`
-- (the integrator's view of a session) or on the customer's first journey step.
CREATE TABLE journeys (
    session_id      TEXT PRIMARY KEY REFERENCES sessions(id),
    api_key_id      TEXT,                  -- the integrator key that created it (NULL: a plain session)
    language        TEXT,                  -- en | fr | vi; NULL: the customer's browser decides on the first visit
    return_url      TEXT,
    webhook_url     TEXT,
    webhook_secret  BYTEA,                  -- sealed with the master key: signing needs the secret itself
    created_at      BIGINT NOT NULL,
    started_at      BIGINT                  -- the customer's first saved form (an integrator's prefill is not a start)
);

-- The applicant's data as the customer (or the integrator's prefill) gave it.
CREATE TABLE applications (
    session_id    TEXT PRIMARY KEY REFERENCES sessions(id),
    data          BYTEA NOT NULL,           -- sealed JSON: the fields, as typed (a draft may hold invalid values)
    state         TEXT NOT NULL,           -- draft | submitted
    mrz_review    TEXT NOT NULL,           -- none | pending | confirmed
    updated_at    BIGINT NOT NULL,
    submitted_at  BIGINT
);

-- Append-only history of the application: prefill, submissions, MRZ confirmations (what the
-- MRZ said, what the customer confirmed, every mismatch). Nothing updates or deletes a row.
CREATE TABLE application_events (
    id          BIGSERIAL PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    kind        TEXT NOT NULL,             -- prefilled | submitted | mrz_read | mrz_confirmed
    at          BIGINT NOT NULL,
    data        BYTEA NOT NULL              -- sealed JSON
);
CREATE INDEX application_events_session ON application_events(session_id, id);

-- ID document captures, each read by media-ai (quality and MRZ) before it was kept.
CREATE TABLE id_documents (
    id               TEXT PRIMARY KEY,
    session_id       TEXT NOT NULL REFERENCES sessions(id),
    doc_type         TEXT NOT NULL,        -- passport | id_card | residence_permit | …
    side             TEXT NOT NULL,        -- front | back
    content_type     TEXT NOT NULL,
    width            BIGINT NOT NULL,
    height           BIGINT NOT NULL,
    sha256           TEXT NOT NULL,
    bytes            BYTEA NOT NULL,        -- sealed image
    reading          BYTEA NOT NULL,        -- sealed JSON: mrz, lines, comparison with the application
    check_digits_ok  BIGINT,              -- 1 / 0, NULL without an MRZ
    quality          TEXT NOT NULL,        -- JSON: document_found, blurred, glare, cut_off (no personal data)
    models           TEXT NOT NULL,        -- JSON: the OCR models that read it
    created_at       BIGINT NOT NULL
);
CREATE INDEX id_documents_session ON id_documents(session_id, created_at);

-- The manage-link secret of a booking made through the API, sealed, so the invitation e-mail
-- can carry the link (the scheduler stores only its hash).
CREATE TABLE booking_links (
    booking_id  TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    token       BYTEA NOT NULL,             -- sealed with the session's data key
    created_at  BIGINT NOT NULL
);

-- E-mails to send: the scheduler's outbox items once due (id `sched:<item id>`) and the
-- journey's own (results). Claimed before sending, marked sent after: never sent twice
-- (a crash between the SMTP reply and the mark can resend the same Message-ID once).
CREATE TABLE mail_outbox (
    id                TEXT PRIMARY KEY,
    session_id        TEXT REFERENCES sessions(id),
    kind              TEXT NOT NULL,       -- invite | cancel | reminder | rebook_offer | reassigned | callback | result | under_review
    ref_id            TEXT NOT NULL,       -- booking, queue entry or session id
    payload           BYTEA,                -- sealed (the ICS of an invitation, the contact of a callback)
    due_ms            BIGINT NOT NULL,
    attempts          BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms   BIGINT NOT NULL,
    claimed_until_ms  BIGINT,
    sent_ms           BIGINT,
    failed_ms         BIGINT,             -- given up (attempts exhausted, or nothing to send to)
    last_error        TEXT,                -- a code, never personal data
    created_ms        BIGINT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_ms, failed_ms, next_attempt_ms);

-- Webhook events to the integrator (Standard Webhooks), one row per event id.
CREATE TABLE webhook_deliveries (
    id                TEXT PRIMARY KEY,    -- the `webhook-id`: the same on every retry
    session_id        TEXT NOT NULL REFERENCES sessions(id),
    event_type        TEXT NOT NULL,       -- identification.decided | identification.final | …
    body              TEXT NOT NULL,       -- the JSON body, exactly as signed (no personal data)
    attempts          BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms   BIGINT NOT NULL,
    claimed_until_ms  BIGINT,
    delivered_ms      BIGINT,
    failed_ms         BIGINT,
    last_status       BIGINT,
    last_error        TEXT,
    created_ms        BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(delivered_ms, failed_ms, next_attempt_ms);

-- Passkeys enrolled after an approved identification, bound to the verified identity.
CREATE TABLE passkeys (
    credential_id  TEXT PRIMARY KEY,       -- base64url, as the authenticator names it
    session_id     TEXT NOT NULL REFERENCES sessions(id),
    credential     BYTEA NOT NULL,          -- sealed: the public key credential (webauthn-rs Passkey)
    identity       BYTEA NOT NULL,          -- sealed JSON: the verified identity and its SHA-256
    created_at     BIGINT NOT NULL,
    last_used_at   BIGINT
);
CREATE INDEX passkeys_session ON passkeys(session_id);

-- WebAuthn ceremonies in progress (registration by the customer, authentication for an
-- integrator): the server-side state between the options and the answer; used once.
CREATE TABLE passkey_ceremonies (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    kind        TEXT NOT NULL,             -- registration | authentication
    state       TEXT NOT NULL,             -- JSON (webauthn-rs state: the challenge, allowed credentials)
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
