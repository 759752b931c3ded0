-- A publisher's slug prefix: the slugs `prefix` and `prefix-…` are its
-- alone to create, so no other publisher can take (or squat) the slug its
-- partner pages will embed. Publishers made before have none, and every
-- existing article keeps its slug.
ALTER TABLE publishers ADD COLUMN slug_prefix TEXT;
CREATE UNIQUE INDEX publishers_by_slug_prefix ON publishers (slug_prefix) WHERE slug_prefix IS NOT NULL;
