-- Comments. AUTOINCREMENT ids are never reused, so they grow with time and
-- serve as the keyset of pagination (newest first).
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- The comment answered; replies deeper than the thread limit are attached
    -- to the deepest allowed level.
    parent_id       INTEGER REFERENCES comments (id),
    -- The top-level comment of the thread; NULL for top-level comments.
    thread_id       INTEGER REFERENCES comments (id),
    depth           INTEGER NOT NULL CHECK (depth >= 0),
    author          TEXT    NOT NULL,
    body            TEXT    NOT NULL,     -- plain text, as typed
    status          TEXT    NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'deleted')),
    edit_token_hash TEXT    NOT NULL,     -- SHA-256 of the author's edit token
    client_hash     TEXT    NOT NULL,     -- salted SHA-256 of the client IP, never the IP
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX comments_by_article ON comments (article_id, status, parent_id, id);
CREATE INDEX comments_by_thread ON comments (thread_id, id);

-- Server-side secrets made at first start (e.g. the salt of client hashes).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
