-- Articles shown by the reader view. `body` is the JSON array of blocks of the
-- wire format (api-types `Block`), never HTML.
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    byline      TEXT,
    published   TEXT,                 -- ISO 8601 date, YYYY-MM-DD
    language    TEXT    NOT NULL,     -- BCP 47 tag
    body        TEXT    NOT NULL,     -- JSON
    source_url  TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
