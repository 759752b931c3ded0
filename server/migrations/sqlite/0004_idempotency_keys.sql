-- A client's Idempotency-Key for the POST that created the comment: replaying
-- the request returns this comment instead of storing a second one.
ALTER TABLE comments ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX comments_by_idempotency_key ON comments (article_id, client_hash, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
