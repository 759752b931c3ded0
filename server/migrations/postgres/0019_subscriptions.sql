-- Reply notifications (see the SQLite migration of the same number).
CREATE TABLE mail_addresses (
    id           BIGSERIAL PRIMARY KEY,
    email        TEXT    NOT NULL UNIQUE,
    confirmed_at TEXT,
    created_at   TEXT    NOT NULL
);
CREATE TABLE subscriptions (
    comment_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    address_id  BIGINT  NOT NULL REFERENCES mail_addresses (id) ON DELETE CASCADE,
    article_id  BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    page_url    TEXT,
    created_at  TEXT    NOT NULL
);
CREATE INDEX subscriptions_by_address ON subscriptions (address_id, article_id);
CREATE TABLE mail_unsubscribed (
    address_hash TEXT NOT NULL PRIMARY KEY,
    created_at   TEXT NOT NULL
);
