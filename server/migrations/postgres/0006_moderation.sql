-- Moderation: a 'rejected' status (hidden, kept), readers' reports,
-- moderators (argon2 password hashes), their sessions, and the log of what
-- they did. The same schema as the SQLite migration of the same number.
ALTER TABLE comments DROP CONSTRAINT comments_status_check;
ALTER TABLE comments ADD CONSTRAINT comments_status_check
    CHECK (status IN ('approved', 'pending', 'spam', 'deleted', 'rejected'));
CREATE INDEX comments_by_status ON comments (status, id);

CREATE TABLE reports (
    id          BIGSERIAL PRIMARY KEY,
    comment_id  BIGINT  NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'other')),
    client_hash TEXT,
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    resolved_at TEXT
);
CREATE UNIQUE INDEX reports_once ON reports (comment_id, client_hash);
CREATE INDEX reports_open ON reports (resolved_at, comment_id);

CREATE TABLE moderators (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

CREATE TABLE moderator_sessions (
    token_hash    TEXT    PRIMARY KEY,
    moderator_id  BIGINT  NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
    csrf_token    TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL
);

CREATE TABLE moderation_log (
    id            BIGSERIAL PRIMARY KEY,
    moderator     TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    comment_id    BIGINT,
    article_slug  TEXT,
    created_at    TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
