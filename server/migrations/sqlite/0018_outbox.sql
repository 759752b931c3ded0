-- What must be sent (webhook deliveries, e-mails), written in the same
-- transaction as the change that causes it, then sent by workers with
-- retries (outbox.rs). A worker takes a message by leasing it (an UPDATE
-- that re-checks the lease, so two instances never take the same one);
-- `key` is the message's own id, the same on every attempt (a receiver's
-- idempotency key: `webhook-id`, an e-mail's `Message-ID`).
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT    NOT NULL UNIQUE,
    channel     TEXT    NOT NULL,             -- webhook | digest | confirm | reply
    site        TEXT    NOT NULL,             -- the partner site's origin
    target      TEXT    NOT NULL,             -- whom: the webhook's URL, the site (digest), 'address N[ article M]'
    payload     TEXT    NOT NULL,             -- JSON
    state       TEXT    NOT NULL DEFAULT 'pending',  -- pending | sent | skipped (nothing left to send) | failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      TEXT    NOT NULL,
    lease_until TEXT,
    last_error  TEXT,
    created_at  TEXT    NOT NULL,
    done_at     TEXT
);
CREATE INDEX outbox_due ON outbox (state, due_at);
CREATE INDEX outbox_by_target ON outbox (channel, target, id);
