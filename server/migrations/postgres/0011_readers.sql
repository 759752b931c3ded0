-- Readers their site signed in (single sign-on), their comments, and bans.
-- The same schema as the SQLite migration of the same number.
CREATE TABLE readers (
    id          BIGSERIAL PRIMARY KEY,
    site        TEXT    NOT NULL,
    sub         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    email       TEXT,
    staff       BIGINT  NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    seen_at     TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    UNIQUE (site, sub)
);

ALTER TABLE comments ADD COLUMN reader_id BIGINT REFERENCES readers (id);
CREATE INDEX comments_by_reader ON comments (reader_id, id);

CREATE TABLE bans (
    id          BIGSERIAL PRIMARY KEY,
    reader_id   BIGINT  REFERENCES readers (id) ON DELETE CASCADE,
    client_hash TEXT,
    reason      TEXT    NOT NULL,
    comment_id  BIGINT,
    created_by  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ends_at     TEXT,
    lifted_at   TEXT,
    lifted_by   TEXT,
    CHECK ((reader_id IS NULL) <> (client_hash IS NULL))
);
CREATE INDEX bans_by_reader ON bans (reader_id);
CREATE INDEX bans_by_client ON bans (client_hash);
