-- The manifest of each session's closed recording (files, hashes, segments, health).
CREATE TABLE recordings (
    session_id  TEXT PRIMARY KEY REFERENCES sessions(id),
    status      TEXT NOT NULL,          -- complete | interrupted | failed
    manifest    TEXT NOT NULL,          -- JSON, recorder::Manifest
    updated_at  BIGINT NOT NULL
);
