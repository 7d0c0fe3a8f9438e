-- Verification sessions, their join links and their audit trail.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    status       TEXT NOT NULL,          -- created | active | ended
    external_ref TEXT,
    created_at   BIGINT NOT NULL,       -- unix ms
    started_at   BIGINT,
    ended_at     BIGINT,
    end_reason   TEXT
);

-- Only the SHA-256 of a token is stored; the token itself exists only in the link.
CREATE TABLE join_tokens (
    token_hash  TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    role        TEXT NOT NULL,           -- customer | agent
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX join_tokens_session ON join_tokens(session_id);

CREATE TABLE session_events (
    id          BIGSERIAL PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    at          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    role        TEXT,
    detail      TEXT
);
CREATE INDEX session_events_session ON session_events(session_id, id);
