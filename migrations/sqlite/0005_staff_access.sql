-- Staff accounts, their sessions, integrator API keys and the hash-chained audit log.

CREATE TABLE staff (
    id                  TEXT PRIMARY KEY,        -- a slug chosen by an admin; agents' roster id too
    display_name        TEXT NOT NULL,
    roles               TEXT NOT NULL,           -- JSON array of agent | supervisor | admin | auditor
    password_hash       TEXT NOT NULL,           -- argon2id PHC string
    totp_secret         BLOB NOT NULL,           -- sealed with the master key (AES-256-GCM)
    totp_last_step      INTEGER NOT NULL DEFAULT 0,  -- highest accepted time step: each code works once
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    lockouts            INTEGER NOT NULL DEFAULT 0,  -- locks so far; each doubles the next
    locked_until        INTEGER,
    disabled_at         INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE TABLE staff_recovery_codes (
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    code_hash   TEXT NOT NULL,                   -- SHA-256 of the normalised code
    used_at     INTEGER,
    PRIMARY KEY (staff_id, code_hash)
);

-- Server-side staff sessions; the cookie holds a 256-bit token, only its SHA-256 is stored.
CREATE TABLE staff_sessions (
    token_hash    TEXT PRIMARY KEY,
    staff_id      TEXT NOT NULL REFERENCES staff(id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,              -- absolute end
    reauth_at     INTEGER NOT NULL,              -- last password/TOTP entry
    revoked_at    INTEGER
);
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,              -- public part of the key
    name          TEXT NOT NULL,
    secret_hash   TEXT NOT NULL,                 -- SHA-256 of the secret part
    scopes        TEXT NOT NULL,                 -- JSON array
    created_by    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked_at    INTEGER,
    last_used_at  INTEGER
);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    session_id  TEXT,
    target      TEXT,
    detail      TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_session ON audit_log(session_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor, seq);

CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The call milestones kept in session_events now go to the audit log.
DROP TABLE session_events;

-- A link made by a booking admits its holder only in a window around the appointment.
ALTER TABLE join_tokens ADD COLUMN not_before INTEGER;
