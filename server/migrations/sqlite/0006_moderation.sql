-- Moderation: a 'rejected' status (hidden, kept), readers' reports,
-- moderators (argon2 password hashes), their sessions, and the log of what
-- they did.
--
-- SQLite cannot alter a CHECK constraint: the comments table is rebuilt with
-- the same rows and ids, and its AUTOINCREMENT counter carried over, so ids
-- keep growing (pagination's keyset).
CREATE TABLE comments_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES comments_new (id),
    thread_id       INTEGER REFERENCES comments_new (id),
    depth           INTEGER NOT NULL CHECK (depth >= 0),
    author          TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'deleted', 'rejected')),
    edit_token_hash TEXT    NOT NULL,
    client_hash     TEXT    NOT NULL,
    created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    idempotency_key TEXT
);
INSERT INTO comments_new (id, article_id, parent_id, thread_id, depth, author, body, status, edit_token_hash,
                          client_hash, created_at, idempotency_key)
SELECT id, article_id, parent_id, thread_id, depth, author, body, status, edit_token_hash,
       client_hash, created_at, idempotency_key
FROM comments ORDER BY id;
INSERT INTO sqlite_sequence (name, seq)
SELECT 'comments_new', seq FROM sqlite_sequence WHERE name = 'comments'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'comments_new');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0))
WHERE name = 'comments_new';
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
CREATE INDEX comments_by_article ON comments (article_id, status, parent_id, id);
CREATE INDEX comments_by_thread ON comments (thread_id, id);
CREATE INDEX comments_by_parent ON comments (parent_id);
CREATE INDEX comments_by_status ON comments (status, id);
CREATE UNIQUE INDEX comments_by_idempotency_key ON comments (article_id, client_hash, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- A reader's report of a published comment; one per reader (salted address
-- hash, wiped with the comments' after the retention period) and comment.
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'other')),
    client_hash TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    resolved_at TEXT
);
CREATE UNIQUE INDEX reports_once ON reports (comment_id, client_hash);
CREATE INDEX reports_open ON reports (resolved_at, comment_id);

CREATE TABLE moderators (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,   -- argon2id, PHC string
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A signed-in moderator: the cookie holds a random token, stored here only
-- as its SHA-256, with the session's CSRF token.
CREATE TABLE moderator_sessions (
    token_hash    TEXT    PRIMARY KEY,
    moderator_id  INTEGER NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
    csrf_token    TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL
);

-- Who did what, when. No foreign key to comments: a deleted comment's entry stays.
CREATE TABLE moderation_log (
    id            INTEGER PRIMARY KEY,
    moderator     TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    comment_id    INTEGER,
    article_slug  TEXT,
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX moderation_log_by_time ON moderation_log (id);
