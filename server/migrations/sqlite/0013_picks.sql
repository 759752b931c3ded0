-- Newsroom picks: published comments a moderator features above an
-- article's thread (three at most, a rule of the server), in the order featured.
ALTER TABLE comments ADD COLUMN featured_at TEXT;
CREATE INDEX comments_featured ON comments (article_id, featured_at);
