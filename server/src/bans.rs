//! Bans: the `bans` table. A moderator bars a signed-in reader by identity
//! (their row in `readers`), or an anonymous one by the salted hash of the
//! address one of their comments came from (kept only while the ban lasts:
//! see [`forget_ended`]), for a time or for good, with a reason. Lifted and
//! ended bans stay, for the record. Deciding and logging is `moderation.rs`'.

use crate::Result;
use crate::db::{self, Db};

/// Whom a ban bars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A signed-in reader (`readers.id`).
    Reader(i64),
    /// Anonymous posts from an address (its salted hash).
    Address(String),
}

/// One ban, as moderators see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Ban {
    pub id: i64,
    pub reader_id: Option<i64>,
    /// The banned reader's name and site, for a ban by identity.
    pub reader_name: Option<String>,
    pub reader_site: Option<String>,
    pub reason: String,
    pub comment_id: Option<i64>,
    pub created_by: String,
    pub created_at: String,
    /// `None`: for good.
    pub ends_at: Option<String>,
}

/// Bars `target` until `until` (`None`: for good) for `reason`, decided on
/// comment `comment` by `moderator`; the ban's id.
pub async fn add(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    target: &Target,
    reason: &str,
    comment: Option<i64>,
    moderator: &str,
    until: Option<&str>,
) -> Result<i64> {
    let (reader, address) = match target {
        Target::Reader(id) => (Some(*id), None),
        Target::Address(hash) => (None, Some(hash.as_str())),
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO bans (reader_id, client_hash, reason, comment_id, created_by, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(reader)
    .bind(address)
    .bind(reason)
    .bind(comment)
    .bind(moderator)
    .bind(until)
    .fetch_one(&mut **tx)
    .await?)
}

/// A ban in force: not lifted, and for good or not over.
const IN_FORCE: &str = "lifted_at IS NULL AND (ends_at IS NULL OR ends_at > $1)";

/// Whether a ban bars a post by reader `reader` (signed in) or, anonymous
/// (`None`), from the address of `client_hash`. A ban by address bars only
/// anonymous posts: a reader signed in answers for themselves.
pub async fn bars(db: &Db, reader: Option<i64>, client_hash: &str) -> Result<bool> {
    let found: Option<i64> = match reader {
        Some(id) => {
            sqlx::query_scalar(&format!("SELECT id FROM bans WHERE {IN_FORCE} AND reader_id = $2 LIMIT 1"))
                .bind(db::now())
                .bind(id)
                .fetch_optional(db)
                .await?
        }
        None if client_hash.is_empty() => None,
        None => {
            sqlx::query_scalar(&format!("SELECT id FROM bans WHERE {IN_FORCE} AND client_hash = $2 LIMIT 1"))
                .bind(db::now())
                .bind(client_hash)
                .fetch_optional(db)
                .await?
        }
    };
    Ok(found.is_some())
}

/// Whether a ban in force bars reader `id` (inside a transaction).
pub async fn bars_reader(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar(&format!("SELECT id FROM bans WHERE {IN_FORCE} AND reader_id = $2 LIMIT 1"))
            .bind(db::now())
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(found.is_some())
}

/// Lifts ban `id` for `moderator`; the comment it was decided on, if it was
/// in force (else nothing changes and `None`).
pub async fn lift(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, moderator: &str) -> Result<Option<Option<i64>>> {
    Ok(sqlx::query_scalar(&format!(
        "UPDATE bans SET lifted_at = $1, lifted_by = $3 WHERE id = $2 AND {IN_FORCE} RETURNING comment_id"
    ))
    .bind(db::now())
    .bind(id)
    .bind(moderator)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The bans in force, newest first.
pub async fn in_force(db: &Db, limit: i64) -> Result<Vec<Ban>> {
    Ok(sqlx::query_as(
        "SELECT b.id, b.reader_id, r.name AS reader_name, r.site AS reader_site, b.reason, b.comment_id,
                b.created_by, b.created_at, b.ends_at
         FROM bans b LEFT JOIN readers r ON r.id = b.reader_id
         WHERE b.lifted_at IS NULL AND (b.ends_at IS NULL OR b.ends_at > $1)
         ORDER BY b.id DESC LIMIT $2",
    )
    .bind(db::now())
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Wipes the address hash of bans no longer in force (lifted or over): it
/// served only to bar those posts. How many it changed.
pub async fn forget_ended(db: &Db) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE bans SET client_hash = '' WHERE client_hash != '' AND (lifted_at IS NOT NULL OR ends_at <= $1)",
    )
    .bind(db::now())
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
