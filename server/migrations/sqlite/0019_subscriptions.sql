-- Reply notifications. A reader's e-mail address, once per address: an
-- anonymous reader's is confirmed through a link (double opt-in) before
-- anything but that link is sent to it, and forgotten after 7 days if it
-- never is; a signed-in reader's comes from their site's token (confirmed).
CREATE TABLE mail_addresses (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    email        TEXT    NOT NULL UNIQUE,
    confirmed_at TEXT,
    created_at   TEXT    NOT NULL
);
-- A comment whose author wants to be told of answers to it (at any depth),
-- and the partner page it was posted from (the e-mails link there).
CREATE TABLE subscriptions (
    comment_id  INTEGER NOT NULL PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    address_id  INTEGER NOT NULL REFERENCES mail_addresses (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    page_url    TEXT,
    created_at  TEXT    NOT NULL
);
CREATE INDEX subscriptions_by_address ON subscriptions (address_id, article_id);
-- Addresses that unsubscribed from everything, as keyed hashes (never the
-- address): a new subscription needs the reader to ask again.
CREATE TABLE mail_unsubscribed (
    address_hash TEXT NOT NULL PRIMARY KEY,
    created_at   TEXT NOT NULL
);
