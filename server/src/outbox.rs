//! The outbox: what must be sent (webhook deliveries, moderators'
//! digests, address confirmations and reply notifications by e-mail),
//! written in the same transaction as the change that causes it, then sent
//! by a worker in every instance (`delivery.rs`); this module holds the
//! table's SQL. Nothing acknowledged is lost: a crash before
//! the send leaves the message in the table, and the next worker sends it.
//!
//! A worker takes due messages by *leasing* them: one `UPDATE` that sets
//! `lease_until` on rows whose lease is free and re-checks that condition on
//! each row it changes, so two instances racing for a row (PostgreSQL
//! re-reads a row another transaction just changed) never both take it:
//! the same effect as `FOR UPDATE SKIP LOCKED`, in SQL both backends speak.
//! A sent message is marked `sent` at once; a failed one is tried again
//! after a backoff until it is given up on, then marked `failed` with its
//! last error (shown in /admin). Only a crash between a receiver's answer
//! and the mark can send a message twice, so each carries its own id,
//! the same on every attempt (`webhook-id`, `Message-ID`), for the
//! receiver to drop a repeat.
//!
//! Gathered messages (a site's digest, a reader's answers in one
//! discussion) are queued once: a new cause queues one unless one is
//! already waiting for the same target; the worker sends it no sooner than
//! the interval after the previous one, and what it says is read when it
//! is sent, so it gathers everything that came meanwhile. Their keys number
//! the target's messages, so two instances queuing at once make one. Sent messages are kept a week, failed ones 30 days (`retention.rs`).

use std::time::{Duration, SystemTime};

use encart_api_types::Comment;
use serde::Serialize;

use crate::Result;
use crate::db::{self, Db};
use crate::secrets::random_token;
use crate::sites::Site;

/// What happened to a comment, as webhooks name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Posted and published at once.
    Created,
    /// Posted and held for moderation.
    Held,
    Approved,
    /// Rejected, or marked as spam, by a moderator.
    Rejected,
    Reported,
    /// Deleted by its author or a moderator.
    Deleted,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Created => "comment.created",
            Event::Held => "comment.held",
            Event::Approved => "comment.approved",
            Event::Rejected => "comment.rejected",
            Event::Reported => "comment.reported",
            Event::Deleted => "comment.deleted",
        }
    }
}

/// A webhook's body (Standard Webhooks' `type`, `timestamp`, `data`).
#[derive(Serialize)]
struct Payload<'a> {
    r#type: &'static str,
    timestamp: String,
    data: Data<'a>,
}

#[derive(Serialize)]
struct Data<'a> {
    /// The article's slug.
    article: &'a str,
    comment: &'a Comment,
    /// A report's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

/// Whether any of `sites` has a webhook or moderators to tell (else nothing is ever queued).
pub fn wanted(sites: &[Site]) -> bool {
    sites.iter().any(|site| !site.webhooks.is_empty() || !site.moderators.is_empty())
}

/// Queues a digest for the moderators of each of `sites` that has some,
/// unless one is already waiting (see the module's documentation).
pub async fn digest(tx: &mut sqlx::Transaction<'_, sqlx::Any>, sites: &[&Site]) -> Result<()> {
    for site in sites.iter().filter(|site| !site.moderators.is_empty()) {
        let origin = site.origin.to_str().unwrap_or_default();
        gathered(tx, "digest", origin, origin).await?;
    }
    Ok(())
}

/// Queues the link that confirms address `address`, once per address.
pub async fn confirmation(tx: &mut sqlx::Transaction<'_, sqlx::Any>, address: i64, article: i64) -> Result<()> {
    let payload = serde_json::json!({ "address": address, "article": article, "id": random_token()? }).to_string();
    let now = db::now();
    sqlx::query(
        "INSERT INTO outbox (key, channel, site, target, payload, due_at, created_at)
         VALUES ($1, 'confirm', '', $2, $3, $4, $4)
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(format!("confirm {address}"))
    .bind(format!("address {address}"))
    .bind(payload)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Queues the answers in `article`'s discussion to the comments of
/// `address`, unless a message of them is already waiting.
pub async fn reply(tx: &mut sqlx::Transaction<'_, sqlx::Any>, address: i64, article: i64) -> Result<()> {
    gathered(tx, "reply", "", &reply_target(address, article)).await
}

/// Whom a reader's answers in one discussion go to.
pub fn reply_target(address: i64, article: i64) -> String {
    format!("address {address} article {article}")
}

/// Queues a gathered message of `channel` to `target` unless one waits
/// (taken or not). A waiting one is *held* until this transaction ends (a
/// write that changes nothing, which locks its row on PostgreSQL; SQLite
/// has one writer at a time), so a worker that is sending it settles it
/// only after this commit, and then sees what this transaction added
/// ([`more_to_send`] after [`settle`]).
async fn gathered(tx: &mut sqlx::Transaction<'_, sqlx::Any>, channel: &str, site: &str, target: &str) -> Result<()> {
    let last: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, key, state FROM outbox WHERE channel = $1 AND target = $2 ORDER BY id DESC LIMIT 1")
            .bind(channel)
            .bind(target)
            .fetch_optional(&mut **tx)
            .await?;
    let number = match last {
        Some((id, _, state)) if state == "pending" => {
            sqlx::query("UPDATE outbox SET state = state WHERE id = $1").bind(id).execute(&mut **tx).await?;
            return Ok(());
        }
        Some((_, key, _)) => key.rsplit(' ').next().and_then(|n| n.parse::<u64>().ok()).unwrap_or_default() + 1,
        None => 1,
    };
    let now = db::now();
    // Its Message-ID: random, so that no other server's message shares it.
    let payload = serde_json::json!({ "id": random_token()? }).to_string();
    sqlx::query(
        "INSERT INTO outbox (key, channel, site, target, payload, due_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(format!("{channel} {target} {number}"))
    .bind(channel)
    .bind(site)
    .bind(target)
    .bind(payload)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A message a worker took.
#[derive(sqlx::FromRow)]
pub struct Taken {
    pub id: i64,
    pub key: String,
    pub channel: String,
    pub site: String,
    pub target: String,
    pub payload: String,
    pub attempts: i64,
    pub created_at: String,
}

/// Leases up to `batch` messages due at `now` until `until` (see the module's documentation).
pub async fn take(db: &Db, now: SystemTime, until: SystemTime, batch: i64) -> Result<Vec<Taken>> {
    Ok(sqlx::query_as(
        "UPDATE outbox SET lease_until = $1, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox
                      WHERE state = 'pending' AND due_at <= $2 AND (lease_until IS NULL OR lease_until < $2)
                      ORDER BY due_at, id LIMIT $3)
           AND state = 'pending' AND (lease_until IS NULL OR lease_until < $2)
         RETURNING id, key, channel, site, target, payload, attempts, created_at",
    )
    .bind(db::time_text(until))
    .bind(db::time_text(now))
    .bind(batch)
    .fetch_all(db)
    .await?)
}

/// How a taken message ended.
pub enum Settled {
    /// Sent; a gathered message keeps what it covered in its new payload.
    Sent(Option<String>),
    /// Nothing left to send (answers deleted, an address forgotten or
    /// already confirmed): done, and not counted as the target's last message.
    Skipped,
    /// Not yet: due again then, and not counted as an attempt.
    Later(SystemTime),
    /// Failed: due again then.
    Retry(SystemTime, String),
    Failed(String),
}

/// Records how message `id` ended and frees its lease, in `tx`.
pub async fn settle(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, settled: Settled) -> Result<()> {
    let now = db::now();
    let query = match settled {
        Settled::Sent(payload) => sqlx::query(
            "UPDATE outbox SET state = 'sent', done_at = $1, lease_until = NULL, last_error = NULL,
                               payload = COALESCE($2, payload) WHERE id = $3",
        )
        .bind(now)
        .bind(payload),
        Settled::Skipped => {
            sqlx::query("UPDATE outbox SET state = 'skipped', done_at = $1, lease_until = NULL WHERE id = $2").bind(now)
        }
        Settled::Later(due) => {
            sqlx::query("UPDATE outbox SET due_at = $1, lease_until = NULL, attempts = attempts - 1 WHERE id = $2")
                .bind(db::time_text(due))
        }
        Settled::Retry(due, error) => {
            sqlx::query("UPDATE outbox SET due_at = $1, lease_until = NULL, last_error = $2 WHERE id = $3")
                .bind(db::time_text(due))
                .bind(error)
        }
        Settled::Failed(error) => sqlx::query(
            "UPDATE outbox SET state = 'failed', done_at = $1, lease_until = NULL, last_error = $2 WHERE id = $3",
        )
        .bind(now)
        .bind(error),
    };
    query.bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// After a gathered message `id` was sent: queues the next for its target
/// (due when the worker's interval allows), for what came in meanwhile.
pub async fn more_to_send(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<()> {
    let (channel, site, target): (String, String, String) =
        sqlx::query_as("SELECT channel, site, target FROM outbox WHERE id = $1").bind(id).fetch_one(&mut **tx).await?;
    gathered(tx, &channel, &site, &target).await
}

/// When the last message of `channel` to `target` was sent, and its payload.
pub async fn last_sent(db: &Db, channel: &str, target: &str) -> Result<Option<(SystemTime, String)>> {
    let last: Option<(String, String)> = sqlx::query_as(
        "SELECT done_at, payload FROM outbox WHERE channel = $1 AND target = $2 AND state = 'sent'
         ORDER BY id DESC LIMIT 1",
    )
    .bind(channel)
    .bind(target)
    .fetch_optional(db)
    .await?;
    Ok(last.and_then(|(done, payload)| Some((db::parse_time(&done)?, payload))))
}

/// Queues `event` about `comment` of the article `slug` for every webhook
/// of `sites` (the article's), in the caller's transaction.
pub async fn comment_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    sites: &[&Site],
    event: Event,
    slug: &str,
    comment: &Comment,
    reason: Option<&str>,
) -> Result<()> {
    if sites.iter().all(|site| site.webhooks.is_empty()) {
        return Ok(());
    }
    let now = db::now();
    let payload = serde_json::to_string(&Payload {
        r#type: event.as_str(),
        timestamp: now.clone(),
        data: Data { article: slug, comment, reason },
    })
    .map_err(anyhow::Error::from)?;
    for site in sites {
        let origin = site.origin.to_str().unwrap_or_default();
        for hook in &site.webhooks {
            sqlx::query(
                "INSERT INTO outbox (key, channel, site, target, payload, due_at, created_at)
                 VALUES ($1, 'webhook', $2, $3, $4, $5, $5)",
            )
            .bind(format!("msg_{}", random_token()?))
            .bind(origin)
            .bind(hook.url.as_str())
            .bind(&payload)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// A message that could not be sent, for /admin.
#[derive(sqlx::FromRow)]
pub struct Failed {
    pub id: i64,
    pub site: String,
    pub target: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub payload: String,
}

impl Failed {
    /// The event a webhook message carries (`comment.created`, …).
    pub fn event(&self) -> String {
        serde_json::from_str::<serde_json::Value>(&self.payload)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }
}

/// The latest messages given up on, newest first.
pub async fn failed(db: &Db, limit: i64) -> Result<Vec<Failed>> {
    Ok(sqlx::query_as(
        "SELECT id, site, target, attempts, last_error, created_at, payload FROM outbox
         WHERE state = 'failed' ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Forgets messages sent over a week ago and failed ones over 30 days ago.
pub async fn forget_done(db: &Db) -> Result<()> {
    let days = |n: u64| db::time_text(SystemTime::now() - Duration::from_secs(n * 24 * 60 * 60));
    sqlx::query("DELETE FROM outbox WHERE (state IN ('sent', 'skipped') AND done_at < $1) OR (state = 'failed' AND done_at < $2)")
        .bind(days(7))
        .bind(days(30))
        .execute(db)
        .await?;
    Ok(())
}
