-- The standfirst shown under an article's title, when its source has one.
ALTER TABLE articles ADD COLUMN lead TEXT;
