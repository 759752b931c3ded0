-- Comments imported from another system (`encart-server migrate`): where
-- each came from, e.g. `disqus:1234` (importing it again finds it and adds
-- nothing), and, while its parent is later in the file, the parent's.
ALTER TABLE comments ADD COLUMN source TEXT;
ALTER TABLE comments ADD COLUMN source_parent TEXT;
CREATE UNIQUE INDEX comments_by_source ON comments (article_id, source) WHERE source IS NOT NULL;
CREATE INDEX comments_awaiting_parent ON comments (article_id) WHERE source_parent IS NOT NULL;

-- An article's source_url as threads of other systems name it: scheme,
-- `www.`, a trailing slash and tracking parameters ignored (articles.rs).
ALTER TABLE articles ADD COLUMN source_key TEXT;
CREATE INDEX articles_by_source_key ON articles (source_key);
