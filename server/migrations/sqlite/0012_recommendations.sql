-- Readers' recommendations of comments, one per reader and comment: a
-- signed-in reader by identity ('reader:ID'), an anonymous one by the
-- SHA-256 of a token their browser keeps ('browser:HASH') and by the keyed
-- hash of their address too, so that clearing their storage does not count
-- them twice (that hash is wiped after the retention period, like others).
CREATE TABLE recommendations (
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    voter       TEXT    NOT NULL,
    client_hash TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (comment_id, voter)
);
CREATE UNIQUE INDEX recommendations_once_per_address ON recommendations (comment_id, client_hash);
CREATE INDEX recommendations_by_voter ON recommendations (voter);
