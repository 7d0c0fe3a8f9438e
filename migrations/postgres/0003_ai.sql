-- Face-analysis events from the media-ai sidecar, and the ID reference photo they compare to.
CREATE TABLE ai_events (
    id          BIGSERIAL PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id),
    at          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX ai_events_session ON ai_events(session_id, id);

-- Biometric data: kept only as long as the session's retention allows (deletion comes with retention).
CREATE TABLE reference_photos (
    session_id    TEXT PRIMARY KEY REFERENCES sessions(id),
    content_type  TEXT NOT NULL,
    image         BYTEA NOT NULL,
    created_at    BIGINT NOT NULL
);
