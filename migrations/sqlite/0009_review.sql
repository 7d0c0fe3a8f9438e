-- Supervisors and auditors (issue 11): the archive's index, four-eyes reviews, signatures,
-- legal holds.

-- One row per session with what the archive filters on, kept current at every milestone
-- (created, started, ended, decided, reviewed, recording stored, hold set) so a filtered
-- page is an index range scan, never a join over the evidence tables.
CREATE TABLE session_index (
    session_id           TEXT PRIMARY KEY REFERENCES sessions(id),
    created_at           INTEGER NOT NULL,
    status               TEXT NOT NULL,               -- created | active | ended
    profile              TEXT NOT NULL,
    agent_id             TEXT,                        -- the deciding (else assigned) agent
    outcome              TEXT,                        -- approved | rejected | inconclusive
    decision_status      TEXT,                        -- final | pending_review
    decided_at           INTEGER,
    review               TEXT NOT NULL DEFAULT 'none',-- none | pending | confirmed | overturned
    face_no_match        INTEGER NOT NULL DEFAULT 0,
    liveness_fail        INTEGER NOT NULL DEFAULT 0,
    challenge_failed     INTEGER NOT NULL DEFAULT 0,
    recording_unhealthy  INTEGER NOT NULL DEFAULT 0,
    reconnects           INTEGER NOT NULL DEFAULT 0,
    ended_at             INTEGER,
    delete_after         INTEGER,                     -- retention: deletable from then on
    legal_hold           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_index_created ON session_index(created_at, session_id);
CREATE INDEX session_index_agent ON session_index(agent_id, created_at, session_id);
CREATE INDEX session_index_outcome ON session_index(outcome, created_at, session_id);
CREATE INDEX session_index_profile ON session_index(profile, created_at, session_id);
CREATE INDEX session_index_review ON session_index(review, created_at, session_id);
CREATE INDEX session_index_status ON session_index(status, created_at, session_id);
CREATE INDEX session_index_face_no_match ON session_index(created_at, session_id) WHERE face_no_match = 1;
CREATE INDEX session_index_liveness_fail ON session_index(created_at, session_id) WHERE liveness_fail = 1;
CREATE INDEX session_index_challenge_failed ON session_index(created_at, session_id) WHERE challenge_failed = 1;
CREATE INDEX session_index_recording_unhealthy ON session_index(created_at, session_id) WHERE recording_unhealthy = 1;
CREATE INDEX session_index_reconnects ON session_index(created_at, session_id) WHERE reconnects > 0;
CREATE INDEX session_index_retention ON session_index(delete_after) WHERE legal_hold = 0;

INSERT INTO session_index (session_id, created_at, status, profile, agent_id, outcome, decision_status, decided_at, review, ended_at)
SELECT s.id, s.created_at, s.status, s.profile, d.staff_id, d.outcome, d.status, d.decided_at,
       CASE WHEN d.status = 'pending_review' THEN 'pending' ELSE 'none' END, s.ended_at
FROM sessions s LEFT JOIN decisions d ON d.session_id = s.id;

-- Why a decision went to a second person: four_eyes | no_match | override | low_quality | random.
ALTER TABLE decisions ADD COLUMN review_reasons TEXT;

-- The second person's verdict on a decision (one per session).
CREATE TABLE reviews (
    session_id      TEXT PRIMARY KEY REFERENCES sessions(id),
    reviewer_id     TEXT NOT NULL,
    verdict         TEXT NOT NULL,              -- confirm | overturn
    outcome_before  TEXT NOT NULL,
    outcome_after   TEXT NOT NULL,
    reasons         TEXT NOT NULL,              -- JSON: the new outcome's reason codes
    reason          TEXT NOT NULL,              -- the reviewer's written reason
    reviewed_at     INTEGER NOT NULL
);

-- Ed25519 signatures over the exact bytes of a manifest, a decision or a report.
CREATE TABLE signatures (
    session_id       TEXT NOT NULL REFERENCES sessions(id),
    kind             TEXT NOT NULL,             -- manifest | decision | report
    body             TEXT NOT NULL,             -- the signed document (JSON), byte for byte
    sha256           TEXT NOT NULL,
    signature        TEXT NOT NULL,             -- 64 bytes, hex
    key_fingerprint  TEXT NOT NULL,             -- SHA-256 of the raw public key, hex
    signed_at        INTEGER NOT NULL,
    PRIMARY KEY (session_id, kind)
);

-- A hold keeps a session's data past its retention until released.
CREATE TABLE legal_holds (
    session_id  TEXT PRIMARY KEY REFERENCES sessions(id),
    reason      TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    set_at      INTEGER NOT NULL
);
