-- Publishers push their articles through the API with keys. A key is stored
-- only as the SHA-256 of its text (keys are 256 random bits: a fast hash is
-- enough); it is shown once, when created.
CREATE TABLE publishers (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    domains     TEXT    NOT NULL DEFAULT '[]',   -- JSON array: where its URL imports may fetch
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY,
    publisher_id  INTEGER NOT NULL REFERENCES publishers (id) ON DELETE CASCADE,
    key_hash      TEXT    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    revoked_at    TEXT
);

-- The publisher an article belongs to (NULL: imported by the operator), and
-- whether its publisher withdrew it while keeping its comments (hidden).
ALTER TABLE articles ADD COLUMN publisher_id INTEGER REFERENCES publishers (id);
ALTER TABLE articles ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

-- Every version an article had: who, when, which fields changed, and the
-- whole document as it became.
CREATE TABLE article_revisions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    publisher_id  INTEGER REFERENCES publishers (id),
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    changed       TEXT    NOT NULL,   -- JSON array of field names
    document      TEXT    NOT NULL    -- JSON article
);
CREATE INDEX article_revisions_by_article ON article_revisions (article_id, id);
