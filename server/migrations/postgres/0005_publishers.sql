-- Publishers push their articles through the API with keys. A key is stored
-- only as the SHA-256 of its text (keys are 256 random bits: a fast hash is
-- enough); it is shown once, when created.
CREATE TABLE publishers (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    domains     TEXT    NOT NULL DEFAULT '[]',   -- JSON array: where its URL imports may fetch
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

CREATE TABLE api_keys (
    id            BIGSERIAL PRIMARY KEY,
    publisher_id  BIGINT  NOT NULL REFERENCES publishers (id) ON DELETE CASCADE,
    key_hash      TEXT    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    revoked_at    TEXT
);

-- The publisher an article belongs to (NULL: imported by the operator), and
-- whether its publisher withdrew it while keeping its comments (hidden).
ALTER TABLE articles ADD COLUMN publisher_id BIGINT REFERENCES publishers (id);
ALTER TABLE articles ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;

-- Every version an article had: who, when, which fields changed, and the
-- whole document as it became.
CREATE TABLE article_revisions (
    id            BIGSERIAL PRIMARY KEY,
    article_id    BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    publisher_id  BIGINT  REFERENCES publishers (id),
    created_at    TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    changed       TEXT    NOT NULL,   -- JSON array of field names
    document      TEXT    NOT NULL    -- JSON article
);
CREATE INDEX article_revisions_by_article ON article_revisions (article_id, id);
