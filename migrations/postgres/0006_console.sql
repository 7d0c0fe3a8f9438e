-- The agent console's evidence: the session's compliance profile, consents (append-only),
-- high-resolution stills, prompts shown to the customer, read-aloud challenges, the agent's
-- explicit confirmations of checklist items, and the decision.

ALTER TABLE sessions ADD COLUMN profile TEXT NOT NULL DEFAULT 'basic';
ALTER TABLE sessions ADD COLUMN profile_version TEXT NOT NULL DEFAULT '';

-- Append-only: a withdrawal is a new row; nothing updates or deletes a consent row.
CREATE TABLE consents (
    id             BIGSERIAL PRIMARY KEY,
    session_id     TEXT NOT NULL REFERENCES sessions(id),
    kind           TEXT NOT NULL,          -- processing | recording | biometrics
    decision       TEXT NOT NULL,          -- given | withdrawn
    text_version   TEXT NOT NULL,          -- SHA-256 of the text the customer was shown
    language       TEXT NOT NULL,
    at             BIGINT NOT NULL
);
CREATE INDEX consents_session ON consents(session_id, id);

CREATE TABLE stills (
    id            TEXT PRIMARY KEY,
    session_id    TEXT NOT NULL REFERENCES sessions(id),
    kind          TEXT NOT NULL,           -- face | id_front | id_back
    content_type  TEXT NOT NULL,
    width         BIGINT NOT NULL,
    height        BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    bytes         BYTEA NOT NULL,
    request_id    TEXT,
    captured_at   BIGINT NOT NULL
);
CREATE INDEX stills_session ON stills(session_id, captured_at);

CREATE TABLE prompts (
    id          BIGSERIAL PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    kind        TEXT NOT NULL,             -- show_id_front | show_id_back | tilt_document | turn_head | read_digits | …
    detail      TEXT,
    staff_id    TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX prompts_session ON prompts(session_id, id);

CREATE TABLE read_alouds (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    digits      TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    passed      BIGINT,                   -- 1 / 0 once the agent judged it
    decided_at  BIGINT
);
CREATE INDEX read_alouds_session ON read_alouds(session_id, started_at);

CREATE TABLE confirmations (
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    item        TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    note        TEXT,
    at          BIGINT NOT NULL,
    PRIMARY KEY (session_id, item)
);

CREATE TABLE decisions (
    session_id       TEXT PRIMARY KEY REFERENCES sessions(id),
    outcome          TEXT NOT NULL,        -- approved | rejected | inconclusive
    reasons          TEXT NOT NULL,        -- JSON array of the profile's reason codes
    note             TEXT,
    override_reason  TEXT,
    staff_id         TEXT NOT NULL,
    decided_at       BIGINT NOT NULL,
    evidence         TEXT NOT NULL,        -- JSON: stills' hashes, AI events relied on with their models, recording
    status           TEXT NOT NULL         -- final | pending_review
);
