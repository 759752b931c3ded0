-- Articles shown by the reader view. `body` is the JSON array of blocks of the
-- wire format (api-types `Block`), never HTML. The same schema as the SQLite
-- migration of the same number; times are ISO 8601 text in UTC in both.
CREATE TABLE articles (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    byline      TEXT,
    published   TEXT,                 -- ISO 8601 date, YYYY-MM-DD
    language    TEXT    NOT NULL,     -- BCP 47 tag
    body        TEXT    NOT NULL,     -- JSON
    source_url  TEXT,
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    updated_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
