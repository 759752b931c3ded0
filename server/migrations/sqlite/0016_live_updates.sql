-- Live updates. Each publication of a comment (posted published, or approved
-- by a moderator) takes the next number of its article, in commit order:
-- an event stream sends the publications after the last number its reader
-- saw (`Last-Event-ID`), so a reconnection misses none and repeats none.
-- Comments published before this migration are numbered by their ids.
ALTER TABLE comments ADD COLUMN published_seq INTEGER;
UPDATE comments SET published_seq = id WHERE status = 'approved';
CREATE UNIQUE INDEX comments_by_publication ON comments (article_id, published_seq);
-- The article's last number: numbers are never given twice, even once
-- their comments are erased (taking it locks the article's row until commit).
ALTER TABLE articles ADD COLUMN last_publication INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET last_publication = COALESCE((SELECT MAX(c.published_seq) FROM comments c WHERE c.article_id = articles.id), 0);
