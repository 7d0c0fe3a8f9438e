-- Each session's data key, wrapped by the master key; erasure empties `wrapped` and sets
-- `destroyed_at`, which makes every copy of the session's encrypted data unreadable.
CREATE TABLE session_keys (
    session_id    TEXT PRIMARY KEY REFERENCES sessions(id),
    wrapped       BYTEA NOT NULL,
    created_at    BIGINT NOT NULL,
    destroyed_at  BIGINT
);
