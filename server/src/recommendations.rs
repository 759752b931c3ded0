//! Readers' recommendations of comments: the `recommendations` table, one
//! row per reader and comment. A signed-in reader is counted by identity; an
//! anonymous one by their browser's token (stored as its SHA-256) and by
//! their address's keyed hash, so that clearing their storage does not count
//! them twice. Only published comments, never a signed-in reader's own. The endpoint is
//! `comments.rs`' (`POST …/comments/{id}/recommendation`); the counts come
//! with every comment it lists.
//!
//! Each comment's count is kept in `comments.recommends`, changed with the
//! rows in one transaction, and each change is logged in
//! `recommendation_changes` (numbered per article in commit order), which
//! "most recommended" pages read to keep the order of their first page
//! (`comments::Cursor`). The log is kept a week.

use std::time::{Duration, SystemTime};

use crate::db::{self, Db};
use crate::secrets::hex_sha256;
use crate::{Result, articles, comments};

/// Who recommends.
pub enum Voter<'a> {
    /// A reader their site signed in (`readers.id`).
    Reader(i64),
    /// An anonymous reader: their browser's token and their address's keyed hash.
    Browser { token: &'a str, client_hash: &'a str },
}

impl Voter<'_> {
    fn key(&self) -> String {
        match self {
            Voter::Reader(id) => format!("reader:{id}"),
            Voter::Browser { token, .. } => format!("browser:{}", hex_sha256(&[token.as_bytes()])),
        }
    }

    fn client_hash(&self) -> Option<&str> {
        match self {
            Voter::Reader(_) => None,
            Voter::Browser { client_hash, .. } => Some(client_hash),
        }
    }

    fn reader(&self) -> Option<i64> {
        match self {
            Voter::Reader(id) => Some(*id),
            Voter::Browser { .. } => None,
        }
    }
}

/// Makes `voter` recommend comment `id` of `article`, or no longer, as
/// `recommended` says; whether they then do, and how many readers do. A
/// comment that is not published, or is a signed-in voter's own, takes no
/// recommendation from them. (An anonymous author is not told from another
/// reader at their address: they may add one recommendation, as anyone
/// there.)
pub async fn set(db: &Db, article: i64, id: i64, voter: &Voter<'_>, recommended: bool) -> Result<(bool, u32)> {
    let key = voter.key();
    let mut tx = db.begin().await?;
    articles::hold(&mut tx, &[article]).await?;
    let changed = if recommended {
        // Once per voter, and per address (the unique index): a second is no conflict, only nothing.
        let done = sqlx::query(
            "INSERT INTO recommendations (comment_id, voter, client_hash)
             SELECT id, $1, $2 FROM comments
             WHERE id = $3 AND article_id = $4 AND status = 'approved'
               AND ($5 IS NULL OR reader_id IS DISTINCT FROM $5)
             ON CONFLICT DO NOTHING",
        )
        .bind(&key)
        .bind(voter.client_hash())
        .bind(id)
        .bind(article)
        .bind(voter.reader())
        .execute(&mut *tx)
        .await?;
        i64::try_from(done.rows_affected()).unwrap_or(i64::MAX)
    } else {
        // Theirs: by this voter, or (anonymous) from their address, which counted as theirs.
        let done =
            sqlx::query("DELETE FROM recommendations WHERE comment_id = $1 AND (voter = $2 OR client_hash = $3)")
                .bind(id)
                .bind(&key)
                .bind(voter.client_hash())
                .execute(&mut *tx)
                .await?;
        -i64::try_from(done.rows_affected()).unwrap_or(i64::MAX)
    };
    if changed != 0 {
        sqlx::query("INSERT INTO recommendation_changes (article_id, comment_id, delta) VALUES ($1, $2, $3)")
            .bind(article)
            .bind(id)
            .bind(changed)
            .execute(&mut *tx)
            .await?;
    }
    let all = comments::add_recommends(&mut tx, id, changed).await?;
    let mine: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM recommendations WHERE comment_id = $1 AND (voter = $2 OR client_hash = $3)",
    )
    .bind(id)
    .bind(&key)
    .bind(voter.client_hash())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((mine > 0, all))
}

/// Most recommendations [`of_reader`] lists: the newest.
pub const MAX_LISTED: i64 = 10_000;

/// The ids of the comments reader `reader` recommends (of `article` only,
/// if given), the newest [`MAX_LISTED`].
pub async fn of_reader(db: &Db, reader: i64, article: Option<i64>) -> Result<Vec<String>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT r.comment_id FROM recommendations r JOIN comments c ON c.id = r.comment_id
         WHERE r.voter = $1 AND ($2 = 0 OR c.article_id = $2) ORDER BY r.comment_id DESC LIMIT $3",
    )
    .bind(Voter::Reader(reader).key())
    .bind(article.unwrap_or(0))
    .bind(MAX_LISTED)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(|id| id.to_string()).collect())
}

/// Forgets the recommendations of reader `reader` (who erased what is
/// stored about them); the slugs of the articles whose counts changed.
pub async fn forget_reader(tx: &mut sqlx::Transaction<'_, sqlx::Any>, reader: i64) -> Result<Vec<String>> {
    let key = Voter::Reader(reader).key();
    let articles: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT a.id, a.slug FROM recommendations r
         JOIN comments c ON c.id = r.comment_id JOIN articles a ON a.id = c.article_id
         WHERE r.voter = $1",
    )
    .bind(&key)
    .fetch_all(&mut **tx)
    .await?;
    let ids: Vec<i64> = articles.iter().map(|(id, _)| *id).collect();
    articles::hold(tx, &ids).await?;
    sqlx::query(
        "INSERT INTO recommendation_changes (article_id, comment_id, delta)
         SELECT c.article_id, c.id, -1 FROM recommendations r JOIN comments c ON c.id = r.comment_id
         WHERE r.voter = $1 ORDER BY c.id",
    )
    .bind(&key)
    .execute(&mut **tx)
    .await?;
    let recommended: Vec<i64> = sqlx::query_scalar("DELETE FROM recommendations WHERE voter = $1 RETURNING comment_id")
        .bind(&key)
        .fetch_all(&mut **tx)
        .await?;
    for id in recommended {
        comments::add_recommends(tx, id, -1).await?;
    }
    Ok(articles.into_iter().map(|(_, slug)| slug).collect())
}

/// How long changes of counts are kept for "most recommended" cursors.
pub const CHANGES_KEPT: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// Forgets the changes of counts older than [`CHANGES_KEPT`].
pub async fn forget_changes(db: &Db) -> Result<()> {
    sqlx::query("DELETE FROM recommendation_changes WHERE created_at < $1")
        .bind(db::time_text(SystemTime::now() - CHANGES_KEPT))
        .execute(db)
        .await?;
    Ok(())
}

/// Wipes the address hash of the recommendations made before `cutoff` (a
/// stored time): it only serves to count each reader once.
pub async fn forget_client_hashes(db: &Db, cutoff: &str) -> Result<()> {
    sqlx::query("UPDATE recommendations SET client_hash = NULL WHERE client_hash IS NOT NULL AND created_at < $1")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(())
}
