-- Live updates (see the SQLite migration of the same number): each
-- publication of a comment numbered per article, in commit order.
ALTER TABLE comments ADD COLUMN published_seq BIGINT;
UPDATE comments SET published_seq = id WHERE status = 'approved';
CREATE UNIQUE INDEX comments_by_publication ON comments (article_id, published_seq);
-- The article's last number: numbers are never given twice, even once
-- their comments are erased (taking it locks the article's row until commit).
ALTER TABLE articles ADD COLUMN last_publication BIGINT NOT NULL DEFAULT 0;
UPDATE articles SET last_publication = COALESCE((SELECT MAX(c.published_seq) FROM comments c WHERE c.article_id = articles.id), 0);
