-- Readers' recommendations of comments (see the SQLite migration of the
-- same number): one per reader and comment, and per address for anonymous ones.
CREATE TABLE recommendations (
    comment_id  BIGINT  NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    voter       TEXT    NOT NULL,
    client_hash TEXT,
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    PRIMARY KEY (comment_id, voter)
);
CREATE UNIQUE INDEX recommendations_once_per_address ON recommendations (comment_id, client_hash);
CREATE INDEX recommendations_by_voter ON recommendations (voter);
