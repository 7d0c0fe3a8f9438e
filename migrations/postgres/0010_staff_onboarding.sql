-- Staff onboarding by invitation and self-service. An admin creates an account (or resets a
-- person's sign-in) and hands over a one-time activation link; the person chooses the password
-- and enrolls the authenticator themselves, so no admin ever knows both factors.

-- NULL while the account is invited (no usable password or authenticator yet).
ALTER TABLE staff ADD COLUMN activated_at BIGINT;
ALTER TABLE staff ADD COLUMN last_login_at BIGINT;
UPDATE staff SET activated_at = created_at;

CREATE TABLE staff_invitations (
    token_hash   TEXT PRIMARY KEY,              -- SHA-256 of the link's token; the token is never stored
    staff_id     TEXT NOT NULL REFERENCES staff(id),
    totp_secret  BYTEA NOT NULL,                 -- the secret the person enrolls, sealed with the master key
    created_by   TEXT NOT NULL,                 -- audit actor text of the admin (or `cli`)
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT,
    revoked_at   BIGINT                        -- set when a newer invitation replaces this one
);
CREATE INDEX staff_invitations_staff ON staff_invitations(staff_id);

-- Shown in "active sign-ins" so a person recognises their devices.
ALTER TABLE staff_sessions ADD COLUMN user_agent TEXT;
