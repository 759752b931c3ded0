-- Sort orders (see the SQLite migration of the same number): each comment's
-- count of recommendations, indexed for "most recommended", and the log of
-- count changes that later pages of that order read to keep their snapshot.
ALTER TABLE comments ADD COLUMN recommends BIGINT NOT NULL DEFAULT 0;
UPDATE comments SET recommends = (SELECT count(*) FROM recommendations r WHERE r.comment_id = comments.id);
CREATE INDEX comments_by_recommends ON comments (article_id, status, parent_id, recommends, id);
CREATE TABLE recommendation_changes (
    id          BIGSERIAL PRIMARY KEY,
    article_id  BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    comment_id  BIGINT  NOT NULL,
    delta       BIGINT  NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
CREATE INDEX recommendation_changes_by_article ON recommendation_changes (article_id, id);
CREATE INDEX recommendation_changes_by_time ON recommendation_changes (created_at);
