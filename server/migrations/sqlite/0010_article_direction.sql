-- The direction of an article's text (`rtl`, `ltr`) when its source said;
-- NULL: its language's.
ALTER TABLE articles ADD COLUMN dir TEXT;
