//! The outbox: what must be sent (webhook deliveries, moderators'
//! digests by e-mail), written in the same transaction as the change that
//! causes it, then sent by a worker in every instance ([`Worker::run`]). Nothing acknowledged is lost: a crash before
//! the send leaves the message in the table, and the next worker sends it.
//!
//! A worker takes due messages by *leasing* them: one `UPDATE` that sets
//! `lease_until` on rows whose lease is free and re-checks that condition on
//! each row it changes, so two instances racing for a row (PostgreSQL
//! re-reads a row another transaction just changed) never both take it:
//! the same effect as `FOR UPDATE SKIP LOCKED`, in SQL both backends speak.
//! A sent message is marked `sent` at once; a failed one is tried again
//! after a backoff (doubling from [`Delivery::first_retry`], an hour at
//! most) until [`Delivery::give_up_after`], then marked `failed` with its
//! last error (shown in /admin). Only a crash between a receiver's answer
//! and the mark can send a message twice, so each carries its own id,
//! the same on every attempt (`webhook-id`, `Message-ID`), for the
//! receiver to drop a repeat.
//!
//! A site's moderators get at most one digest per [`Delivery::digest_every`]
//! (15 minutes): a held or reported comment queues one unless one is
//! already waiting; the worker sends it no sooner than that long after the
//! site's previous one (else puts it off until then), and what it says (the
//! queue's size) is read when it is sent, so it gathers everything that
//! came meanwhile. Its key numbers the site's digests, so two instances
//! queuing at once make one. Sent messages are kept a week, failed ones 30 days (`retention.rs`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use encart_api_types::Comment;
use serde::Serialize;

use crate::db::{self, Db};
use crate::mail::{Mailer, Outgoing};
use crate::secrets::{hex_sha256, random_token};
use crate::sites::Site;
use crate::webhooks::{self, Failure};
use crate::{Result, comments, sites};

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
        let last: Option<(String, String)> = sqlx::query_as(
            "SELECT key, state FROM outbox WHERE channel = 'digest' AND site = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(origin)
        .fetch_optional(&mut **tx)
        .await?;
        let number = match last {
            Some((_, state)) if state == "pending" => continue,
            Some((key, _)) => key.rsplit(' ').next().and_then(|n| n.parse::<u64>().ok()).unwrap_or_default() + 1,
            None => 1,
        };
        let now = db::now();
        // Its Message-ID: random, so that no other server's digest shares it.
        let payload = serde_json::json!({ "site": origin, "id": random_token()? }).to_string();
        sqlx::query(
            "INSERT INTO outbox (key, channel, site, target, payload, due_at, created_at)
             VALUES ($1, 'digest', $2, '', $3, $4, $5)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(format!("digest {origin} {number}"))
        .bind(origin)
        .bind(payload)
        .bind(&now)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
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

/// How the worker sends and retries.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The wait before the first retry; each next one waits twice as long (an hour at most).
    pub first_retry: Duration,
    /// After this long since it was queued, a message that still fails is marked failed.
    pub give_up_after: Duration,
    /// Messages one worker sends at once.
    pub batch: i64,
    /// How long a taken message is this worker's: a send is cut off at half
    /// of it; a crashed worker's messages are taken again once it is over.
    pub lease: Duration,
    /// The least time between two digests to one site's moderators.
    pub digest_every: Duration,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            first_retry: Duration::from_secs(5),
            give_up_after: Duration::from_secs(24 * 60 * 60),
            batch: 16,
            lease: Duration::from_secs(25),
            digest_every: Duration::from_secs(15 * 60),
        }
    }
}

/// How long the worker sleeps when nothing is due.
const IDLE: Duration = Duration::from_millis(500);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);

/// A worker's means: the database, the sites (their webhooks' secrets, never
/// stored), the clients.
pub struct Worker {
    pub db: Db,
    pub sites: Arc<Vec<Site>>,
    pub webhooks: webhooks::Client,
    /// Where e-mail goes out (`None`: no SMTP server configured).
    pub mailer: Option<Mailer>,
    pub delivery: Delivery,
    stopping: AtomicBool,
    wake: tokio::sync::Notify,
}

#[derive(sqlx::FromRow)]
struct Taken {
    id: i64,
    key: String,
    channel: String,
    site: String,
    target: String,
    payload: String,
    attempts: i64,
    created_at: String,
}

impl Worker {
    pub fn new(
        db: Db,
        sites: Arc<Vec<Site>>,
        webhooks: webhooks::Client,
        mailer: Option<Mailer>,
        delivery: Delivery,
    ) -> Arc<Worker> {
        Arc::new(Worker {
            db,
            sites,
            webhooks,
            mailer,
            delivery,
            stopping: AtomicBool::new(false),
            wake: tokio::sync::Notify::new(),
        })
    }

    /// Takes the messages due now (a batch at most) and sends them; how many it took.
    pub async fn send_due(&self) -> Result<usize> {
        let now = SystemTime::now();
        let taken: Vec<Taken> = sqlx::query_as(
            "UPDATE outbox SET lease_until = $1, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                          WHERE state = 'pending' AND due_at <= $2 AND (lease_until IS NULL OR lease_until < $2)
                          ORDER BY due_at, id LIMIT $3)
               AND state = 'pending' AND (lease_until IS NULL OR lease_until < $2)
             RETURNING id, key, channel, site, target, payload, attempts, created_at",
        )
        .bind(db::time_text(now + self.delivery.lease))
        .bind(db::time_text(now))
        .bind(self.delivery.batch)
        .fetch_all(&self.db)
        .await?;
        let count = taken.len();
        let sends = taken.into_iter().map(|message| async move {
            let limit = self.delivery.lease / 2;
            let outcome = tokio::time::timeout(limit, self.send(&message))
                .await
                .unwrap_or_else(|_| Err(Failure::Retry(format!("not sent within {} s", limit.as_secs()))));
            self.record(&message, outcome).await
        });
        for done in futures_util::future::join_all(sends).await {
            done?;
        }
        Ok(count)
    }

    /// Sends `message`: `Ok(None)` when sent, `Ok(Some(time))` when it
    /// must wait until then (a digest too soon after the last).
    async fn send(&self, message: &Taken) -> std::result::Result<Option<SystemTime>, Failure> {
        match message.channel.as_str() {
            "webhook" => {
                let hook = sites::by_origin(&self.sites, &message.site)
                    .and_then(|site| site.webhooks.iter().find(|hook| hook.url.as_str() == message.target))
                    .ok_or_else(|| Failure::Never("the webhook is no longer in the sites file".to_owned()))?;
                self.webhooks.deliver(hook, &message.key, &message.payload).await.map(|()| None)
            }
            "digest" => {
                let mailer =
                    self.mailer.as_ref().ok_or_else(|| Failure::Retry("no SMTP server configured".to_owned()))?;
                let site = sites::by_origin(&self.sites, &message.site)
                    .filter(|site| !site.moderators.is_empty())
                    .ok_or_else(|| Failure::Never("the site has no moderators in the sites file".to_owned()))?;
                let retry = |e: crate::Error| Failure::Retry(e.to_string());
                if let Some(last) = last_digest(&self.db, &message.site).await.map_err(retry)? {
                    let next = last + self.delivery.digest_every;
                    if next > SystemTime::now() {
                        return Ok(Some(next));
                    }
                }
                let awaiting = comments::awaiting(&self.db).await.map_err(retry)?;
                if awaiting == 0 {
                    // Decided on before the digest was due: nothing to say.
                    return Ok(None);
                }
                let id = serde_json::from_str::<serde_json::Value>(&message.payload)
                    .ok()
                    .and_then(|payload| payload["id"].as_str().map(str::to_owned))
                    .unwrap_or_else(|| hex_sha256(&[message.key.as_bytes()]));
                mailer.send(digest_message(mailer, site, awaiting, &id)).await.map(|()| None)
            }
            other => Err(Failure::Never(format!("unknown channel {other:?}"))),
        }
    }

    /// Marks `message` sent, put off, due again after its backoff, or failed.
    async fn record(&self, message: &Taken, outcome: std::result::Result<Option<SystemTime>, Failure>) -> Result<()> {
        let now = SystemTime::now();
        let (state, due, error) = match outcome {
            Ok(None) => ("sent", None, None),
            Ok(Some(later)) => {
                // Not an attempt: taken back as it was.
                sqlx::query("UPDATE outbox SET due_at = $1, lease_until = NULL, attempts = attempts - 1 WHERE id = $2")
                    .bind(db::time_text(later))
                    .bind(message.id)
                    .execute(&self.db)
                    .await?;
                return Ok(());
            }
            Err(Failure::Never(error)) => ("failed", None, Some(error)),
            Err(Failure::Retry(error)) => {
                let doublings = u32::try_from(message.attempts.saturating_sub(1)).unwrap_or(u32::MAX).min(20);
                let wait = self.delivery.first_retry.saturating_mul(1 << doublings).min(MAX_BACKOFF);
                let give_up = db::time_text(now - self.delivery.give_up_after);
                if message.created_at < give_up {
                    ("failed", None, Some(error))
                } else {
                    ("pending", Some(db::time_text(now + wait)), Some(error))
                }
            }
        };
        if let Some(error) = &error {
            tracing::warn!(id = message.id, channel = %message.channel, site = %message.site, attempts = message.attempts, state, %error, "delivery failed");
        }
        sqlx::query(
            "UPDATE outbox SET state = $1, due_at = COALESCE($2, due_at), lease_until = NULL, last_error = $3,
                               done_at = CASE WHEN $1 = 'pending' THEN NULL ELSE $4 END
             WHERE id = $5",
        )
        .bind(state)
        .bind(due)
        .bind(error)
        .bind(db::time_text(now))
        .bind(message.id)
        .execute(&self.db)
        .await?;
        Ok(())
    }

    /// Sends what is due until [`Worker::stop`]: at once after a batch, else
    /// after a short sleep (or when woken).
    pub async fn run(self: Arc<Self>) {
        while !self.stopping.load(Ordering::Acquire) {
            let idle = match self.send_due().await {
                Ok(n) => n == 0,
                Err(err) => {
                    tracing::warn!(%err, "could not read the outbox");
                    true
                }
            };
            if idle {
                let _ = tokio::time::timeout(IDLE, self.wake.notified()).await;
            }
        }
    }

    /// Ends [`Worker::run`] after the batch in flight.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::Release);
        self.wake.notify_one();
    }
}

/// When the last digest to the moderators of the site `origin` was sent, if one was.
async fn last_digest(db: &Db, origin: &str) -> Result<Option<SystemTime>> {
    let last: Option<String> = sqlx::query_scalar(
        "SELECT done_at FROM outbox WHERE channel = 'digest' AND site = $1 AND state = 'sent'
         ORDER BY done_at DESC LIMIT 1",
    )
    .bind(origin)
    .fetch_optional(db)
    .await?;
    Ok(last.as_deref().and_then(db::parse_time))
}

/// The digest telling `site`'s moderators that `awaiting` comments await a decision.
fn digest_message(mailer: &Mailer, site: &Site, awaiting: i64, id: &str) -> Outgoing {
    let english = site.language.as_deref() == Some("en");
    use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
    let origin = site.origin.to_str().unwrap_or_default().to_owned();
    let queue = format!("{}/admin", mailer.public_url);
    let (subject, line, link, colon) = if english {
        let s = if awaiting == 1 { "" } else { "s" };
        (
            format!("Moderation: {awaiting} comment{s} awaiting a decision"),
            format!("{awaiting} comment{s} on {origin} and the other sites await a decision (held or reported)."),
            "Open the moderation queue",
            ":",
        )
    } else {
        let s = if awaiting == 1 { "" } else { "s" };
        (
            format!("Modération : {awaiting} commentaire{s} en attente"),
            format!(
                "{awaiting} commentaire{s} de {origin} et des autres sites attendent une décision (retenus ou signalés)."
            ),
            "Ouvrir la file de modération",
            " :",
        )
    };
    let html = format!(
        "<!DOCTYPE html><html><body><p>{}</p><p><a href=\"{}\">{}</a></p></body></html>",
        text(&line),
        attribute(&queue),
        text(link)
    );
    let text = format!("{line}\n\n{link}{colon} {queue}\n");
    Outgoing { to: site.moderators.clone(), subject, text, html, message_id: format!("{id}@encart") }
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
    sqlx::query("DELETE FROM outbox WHERE (state = 'sent' AND done_at < $1) OR (state = 'failed' AND done_at < $2)")
        .bind(days(7))
        .bind(days(30))
        .execute(db)
        .await?;
    Ok(())
}
