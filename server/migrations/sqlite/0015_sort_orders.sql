-- Sort orders. Each comment carries its count of recommendations (kept with
-- the `recommendations` rows in one transaction), so that "most recommended"
-- reads an index as "newest" does. Every change of a count is logged in
-- `recommendation_changes`: a cursor of that order names the last change its
-- first page saw, and later pages order comments by their counts as of then,
-- so that recommendations arriving meanwhile neither skip nor repeat a
-- comment. Changes older than a week are forgotten.
ALTER TABLE comments ADD COLUMN recommends INTEGER NOT NULL DEFAULT 0;
UPDATE comments SET recommends = (SELECT count(*) FROM recommendations r WHERE r.comment_id = comments.id);
CREATE INDEX comments_by_recommends ON comments (article_id, status, parent_id, recommends, id);
CREATE TABLE recommendation_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    comment_id  INTEGER NOT NULL,
    delta       INTEGER NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX recommendation_changes_by_article ON recommendation_changes (article_id, id);
CREATE INDEX recommendation_changes_by_time ON recommendation_changes (created_at);
