//! Moderation: readers' reports (`POST …/comments/{id}/report`), the queue
//! of comments awaiting a decision, the decisions, moderators and the log of
//! what they did. The `/admin` pages (`admin.rs`) are the way in.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Json, Router};
use encart_api_types::NewReport;
use serde_json::{Value, json};

use crate::articles::slug_and_id_params;
use crate::client::ClientIp;
use crate::comments::{self, article_id};
use crate::db::{self, Db};
use crate::throttle::{Allowed, Reporting};
use crate::{AppState, Error, Result};

/// Reporting (rate-limited: [`Allowed`]).
pub fn report_router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}/comments/{id}/report", axum::routing::post(report))
}

/// `POST …/comments/{id}/report` `{"reason": "spam" | "abuse" | "off_topic" | "other"}`:
/// 202, once per reader and comment (a second report changes nothing).
async fn report(
    State(state): State<AppState>,
    _: Allowed<Reporting>,
    ClientIp(ip): ClientIp,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Json<NewReport>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>)> {
    let (slug, id) = slug_and_id_params(path)?;
    let Json(report) = body.map_err(|_| {
        Error::BadRequest("send {\"reason\": \"spam\" | \"abuse\" | \"off_topic\" | \"other\"} as JSON".into())
    })?;
    let not_found = || Error::NotFound("comment");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let article = article_id(&state.db, &slug).await?;
    let client_hash = state.secrets.client_hash(ip);
    let stored = sqlx::query(
        "INSERT INTO reports (comment_id, reason, client_hash)
         SELECT id, $1, $2 FROM comments WHERE id = $3 AND article_id = $4 AND status = 'approved'
         ON CONFLICT (comment_id, client_hash) DO NOTHING",
    )
    .bind(report.reason.as_str())
    .bind(&client_hash)
    .bind(id)
    .bind(article)
    .execute(&state.db)
    .await?;
    if stored.rows_affected() == 0 {
        // Already reported by this reader, or not a published comment of this article.
        let published: Option<i64> =
            sqlx::query_scalar("SELECT id FROM comments WHERE id = $1 AND article_id = $2 AND status = 'approved'")
                .bind(id)
                .bind(article)
                .fetch_optional(&state.db)
                .await?;
        published.ok_or_else(not_found)?;
    }
    Ok((StatusCode::ACCEPTED, Json(json!({ "reported": true }))))
}

/// A moderator's decision on comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Published (reports on it dismissed).
    Approve,
    /// Hidden, kept.
    Reject,
    /// Hidden as spam, kept.
    Spam,
    /// Gone (a placeholder stays while answers hang from it).
    Delete,
}

impl Decision {
    pub fn parse(text: &str) -> Option<Decision> {
        Some(match text {
            "approve" => Decision::Approve,
            "reject" => Decision::Reject,
            "spam" => Decision::Spam,
            "delete" => Decision::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::Spam => "spam",
            Decision::Delete => "delete",
        }
    }
}

/// One comment awaiting a decision, with what a moderator needs to judge it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Queued {
    pub id: i64,
    pub status: String,
    pub author: String,
    pub body: String,
    pub created_at: String,
    pub slug: String,
    pub title: String,
    /// The comment it answers, if any.
    pub parent_author: Option<String>,
    pub parent_body: Option<String>,
    /// Open reports, and their reasons (comma-separated, distinct).
    pub reports: i64,
    pub reasons: Option<String>,
}

/// Which comments await a decision: held for pre-moderation, or published with open reports.
const AWAITING: &str = "c.status = 'pending'
    OR (c.status = 'approved' AND c.id IN (SELECT comment_id FROM reports WHERE resolved_at IS NULL))";

/// How many comments await a decision, across all articles.
pub async fn awaiting(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT count(*) FROM comments c WHERE {AWAITING}")).fetch_one(db).await?)
}

/// The queue, across all articles, oldest first: comments held for
/// pre-moderation, and published comments with open reports.
pub async fn queue(db: &Db, limit: i64) -> Result<Vec<Queued>> {
    Ok(sqlx::query_as(&format!(
        "SELECT c.id, c.status, c.author, c.body, c.created_at, a.slug, a.title,
                p.author AS parent_author, p.body AS parent_body,
                (SELECT count(*) FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL) AS reports,
                (SELECT min(r.reason) FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL) AS reasons
         FROM comments c
         JOIN articles a ON a.id = c.article_id
         LEFT JOIN comments p ON p.id = c.parent_id
         WHERE {AWAITING}
         ORDER BY c.id
         LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// What [`decide`] did.
pub struct Decided {
    /// Comments decided on (ids that named no comment, or a deleted one, are skipped).
    pub count: usize,
    /// The articles touched, to drop from caches.
    pub slugs: Vec<String>,
}

/// Applies `decision` to the comments `ids` for `moderator`, in one
/// transaction with a log entry each; their open reports are resolved.
pub async fn decide(db: &Db, moderator: &str, decision: Decision, ids: &[i64]) -> Result<Decided> {
    let mut tx = db.begin().await?;
    let mut slugs = Vec::new();
    let mut count = 0;
    for &id in ids {
        let slug: Option<String> = sqlx::query_scalar(
            "SELECT a.slug FROM comments c JOIN articles a ON a.id = c.article_id
             WHERE c.id = $1 AND c.status != 'deleted'",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(slug) = slug else { continue };
        sqlx::query("UPDATE reports SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL")
            .bind(db::now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let status = match decision {
            Decision::Approve => Some("approved"),
            Decision::Reject => Some("rejected"),
            Decision::Spam => Some("spam"),
            Decision::Delete => None,
        };
        match status {
            Some(status) => {
                sqlx::query("UPDATE comments SET status = $1 WHERE id = $2")
                    .bind(status)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            None => comments::remove_or_wipe(&mut tx, id).await?,
        }
        log(&mut tx, moderator, decision.as_str(), Some(id), Some(&slug)).await?;
        count += 1;
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    tx.commit().await?;
    Ok(Decided { count, slugs })
}

/// Notes in the moderation log that `moderator` did `action`.
pub async fn log(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    moderator: &str,
    action: &str,
    comment: Option<i64>,
    slug: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO moderation_log (moderator, action, comment_id, article_slug) VALUES ($1, $2, $3, $4)")
        .bind(moderator)
        .bind(action)
        .bind(comment)
        .bind(slug)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One entry of the moderation log.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Logged {
    pub moderator: String,
    pub action: String,
    pub comment_id: Option<i64>,
    pub article_slug: Option<String>,
    pub created_at: String,
}

/// The latest `limit` entries of the log, newest first.
pub async fn recent_log(db: &Db, limit: i64) -> Result<Vec<Logged>> {
    Ok(sqlx::query_as(
        "SELECT moderator, action, comment_id, article_slug, created_at FROM moderation_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?)
}
