-- "Most recommended" reads an article's top-level comments by count from an
-- index, as "newest" reads them by id, instead of sorting them all: the
-- index of 0015 began with the status, which a page asks two values of.
DROP INDEX comments_by_recommends;
CREATE INDEX comments_by_recommends ON comments (article_id, recommends, id) WHERE parent_id IS NULL;
