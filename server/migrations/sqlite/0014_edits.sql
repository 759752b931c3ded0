-- Authors' edits within their window: when a comment was last edited, the
-- new text of a published comment awaiting a moderator where the site
-- pre-moderates (the published text stays shown until then), and every
-- earlier text, kept for moderators.
ALTER TABLE comments ADD COLUMN edited_at TEXT;
ALTER TABLE comments ADD COLUMN pending_body TEXT;
CREATE TABLE comment_edits (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    edited_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX comment_edits_by_comment ON comment_edits (comment_id);
