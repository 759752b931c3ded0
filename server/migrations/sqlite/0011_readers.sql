-- Readers their site signed in (single sign-on): one row per site and `sub`,
-- with the name, e-mail and role of their latest token. Their comments point
-- to them, so a new name shows on every comment at once.
CREATE TABLE readers (
    id          INTEGER PRIMARY KEY,
    site        TEXT    NOT NULL,     -- the site's origin (the tokens' aud)
    sub         TEXT    NOT NULL,     -- the reader's id on that site
    name        TEXT    NOT NULL,
    email       TEXT,
    staff       INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    seen_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (site, sub)
);

ALTER TABLE comments ADD COLUMN reader_id INTEGER REFERENCES readers (id);
CREATE INDEX comments_by_reader ON comments (reader_id, id);

-- Readers a moderator barred from commenting: a signed-in one by identity,
-- an anonymous one by the salted hash of the address a comment came from
-- (kept only while the ban lasts). Lifted bans stay, for the record.
CREATE TABLE bans (
    id          INTEGER PRIMARY KEY,
    reader_id   INTEGER REFERENCES readers (id) ON DELETE CASCADE,
    client_hash TEXT,
    reason      TEXT    NOT NULL,
    comment_id  INTEGER,              -- the comment it was decided on; no key: it may go
    created_by  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ends_at     TEXT,                 -- NULL: for good
    lifted_at   TEXT,
    lifted_by   TEXT,
    CHECK ((reader_id IS NULL) <> (client_hash IS NULL))
);
CREATE INDEX bans_by_reader ON bans (reader_id);
CREATE INDEX bans_by_client ON bans (client_hash);
