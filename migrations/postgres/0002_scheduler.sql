-- Scheduler tables (PostgreSQL). Times: BIGINT unix ms. Ids: TEXT.
-- Independent of 0001: session ids are plain TEXT, no foreign keys into other crates' tables.

CREATE TABLE IF NOT EXISTS sched_agents (
    id          TEXT PRIMARY KEY,
    data        TEXT NOT NULL,            -- JSON: zone, skills, shifts, exceptions, weight
    updated_ms  BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS sched_bookings (
    id             TEXT PRIMARY KEY,
    agent_id       TEXT NOT NULL,
    start_ms       BIGINT NOT NULL,
    end_ms         BIGINT NOT NULL,
    needs          TEXT NOT NULL,
    customer_tz    TEXT NOT NULL,
    contact        TEXT NOT NULL,         -- JSON, personal data
    status         TEXT NOT NULL,         -- booked | cancelled | no_show | agent_unavailable
    sequence       BIGINT NOT NULL,      -- iCalendar SEQUENCE
    checked_in_ms  BIGINT,
    session_id     TEXT,
    dispatched_ms  BIGINT,
    token_hash     TEXT NOT NULL UNIQUE,  -- SHA-256 of the manage link secret
    created_ms     BIGINT NOT NULL,
    updated_ms     BIGINT NOT NULL
);
-- The double-booking guard: one live booking per agent and slot start.
CREATE UNIQUE INDEX IF NOT EXISTS sched_bookings_seat ON sched_bookings (agent_id, start_ms) WHERE status = 'booked';
CREATE INDEX IF NOT EXISTS sched_bookings_status_start ON sched_bookings (status, start_ms);

CREATE TABLE IF NOT EXISTS sched_outbox (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,            -- invite | cancel | reminder | rebook_offer | reassigned | callback
    ref_id      TEXT NOT NULL,            -- booking or queue entry id
    due_ms      BIGINT NOT NULL,
    payload     TEXT NOT NULL,
    created_ms  BIGINT NOT NULL,
    sent_ms     BIGINT
);
CREATE INDEX IF NOT EXISTS sched_outbox_due ON sched_outbox (sent_ms, due_ms);
CREATE INDEX IF NOT EXISTS sched_outbox_ref ON sched_outbox (ref_id);

CREATE TABLE IF NOT EXISTS sched_queue (
    id            TEXT PRIMARY KEY,
    session_id    TEXT NOT NULL,
    needs         TEXT NOT NULL,
    joined_ms     BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    priority      BIGINT NOT NULL,       -- 0 appointment, 1 live
    pinned_agent  TEXT,
    booking_id    TEXT,
    status        TEXT NOT NULL,          -- waiting | offered | connected | done | left | callback
    skipped       TEXT NOT NULL,          -- JSON array of agent ids
    agent_id      TEXT,
    connected_ms  BIGINT,
    ended_ms      BIGINT
);
CREATE INDEX IF NOT EXISTS sched_queue_status ON sched_queue (status, priority, joined_ms, seq);

CREATE TABLE IF NOT EXISTS sched_presence (
    agent_id          TEXT PRIMARY KEY,
    state             TEXT NOT NULL,
    since_ms          BIGINT NOT NULL,
    idle_since_ms     BIGINT NOT NULL,
    wrap_up_until_ms  BIGINT,
    entry_id          TEXT
);

CREATE TABLE IF NOT EXISTS sched_offers (
    id          TEXT PRIMARY KEY,
    entry_id    TEXT NOT NULL,
    agent_id    TEXT NOT NULL,
    created_ms  BIGINT NOT NULL,
    expires_ms  BIGINT NOT NULL,
    status      TEXT NOT NULL,            -- pending | accepted | declined | timed_out | cancelled
    decided_ms  BIGINT,
    policy      TEXT NOT NULL,
    audit       TEXT NOT NULL             -- JSON RoutingAudit: eligible set, weights, seed, draw
);
-- No entry and no agent can ever hold two pending offers.
CREATE UNIQUE INDEX IF NOT EXISTS sched_offers_pending_entry ON sched_offers (entry_id) WHERE status = 'pending';
CREATE UNIQUE INDEX IF NOT EXISTS sched_offers_pending_agent ON sched_offers (agent_id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS sched_offers_entry ON sched_offers (entry_id, created_ms);
