-- What must be sent (see the SQLite migration of the same number).
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    channel     TEXT    NOT NULL,
    site        TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending',  -- pending | sent | skipped | failed
    attempts    BIGINT  NOT NULL DEFAULT 0,
    due_at      TEXT    NOT NULL,
    lease_until TEXT,
    last_error  TEXT,
    created_at  TEXT    NOT NULL,
    done_at     TEXT
);
CREATE INDEX outbox_due ON outbox (state, due_at);
CREATE INDEX outbox_by_target ON outbox (channel, target, id);
