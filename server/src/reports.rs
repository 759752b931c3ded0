//! Readers' reports: `POST …/comments/{id}/report`, and the storage of the
//! `reports` table. A reader reports a published comment once (counted by
//! the client's keyed hash, wiped after the retention period); moderators
//! resolve the reports of a comment when they decide on it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Json, Router};
use encart_api_types::{NewReport, ReportReason};
use serde_json::{Value, json};

use crate::client::ClientIp;
use crate::db::{self, Db};
use crate::extract::{Body, JsonBody, SlugAndId};
use crate::outbox::Event;
use crate::sites::Site;
use crate::throttle::{Allowed, Reporting};
use crate::{AppState, Error, Result, articles, comments};

/// Reporting (rate-limited: [`Allowed`]).
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}/comments/{id}/report", axum::routing::post(report))
}

impl Body for NewReport {
    const WHAT: &'static str = r#"{"reason": "spam" | "abuse" | "off_topic" | "other"}"#;
    const MAX_BYTES: usize = comments::MAX_POST_BYTES;
}

/// `POST …/comments/{id}/report` `{"reason": "spam" | "abuse" | "off_topic" | "other"}`:
/// 202, once per reader and comment (a second report changes nothing).
async fn report(
    State(state): State<AppState>,
    _: Allowed<Reporting>,
    ClientIp(ip): ClientIp,
    SlugAndId(slug, id): SlugAndId,
    JsonBody(report): JsonBody<NewReport>,
) -> Result<(StatusCode, Json<Value>)> {
    let not_found = || Error::not_found("comment");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let article = articles::id_of(&state.db, &slug).await?;
    let client_hash = state.secrets.client_hash(ip);
    // Not stored: already reported by this reader, or not a published comment of this article.
    if !add(&state.db, &state.sites, article, id, report.reason, &client_hash).await?
        && !comments::is_published(&state.db, article, id).await?
    {
        return Err(not_found());
    }
    Ok((StatusCode::ACCEPTED, Json(json!({ "reported": true }))))
}

/// Stores a report of comment `id` of `article` by the client `client_hash`,
/// if that comment is published and that client has not reported it yet;
/// whether it did. The webhooks of its article's sites among `sites` are told.
pub async fn add(
    db: &Db,
    sites: &[Site],
    article: i64,
    id: i64,
    reason: ReportReason,
    client_hash: &str,
) -> Result<bool> {
    let mut tx = db.begin().await?;
    let stored = sqlx::query(
        "INSERT INTO reports (comment_id, reason, client_hash)
         SELECT id, $1, $2 FROM comments WHERE id = $3 AND article_id = $4 AND status = 'approved'
         ON CONFLICT (comment_id, client_hash) DO NOTHING",
    )
    .bind(reason.as_str())
    .bind(client_hash)
    .bind(id)
    .bind(article)
    .execute(&mut *tx)
    .await?;
    let stored = stored.rows_affected() > 0;
    if stored {
        comments::announce(&mut tx, sites, id, Event::Reported, Some(reason.as_str())).await?;
    }
    tx.commit().await?;
    Ok(stored)
}

/// Resolves the open reports of comment `id` (a moderator decided on it).
pub async fn resolve(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<()> {
    sqlx::query("UPDATE reports SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL")
        .bind(db::now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Wipes the client hash of the reports made before `cutoff` (a stored
/// time): it only serves to count each reader once.
pub async fn forget_client_hashes(db: &Db, cutoff: &str) -> Result<()> {
    sqlx::query("UPDATE reports SET client_hash = NULL WHERE client_hash IS NOT NULL AND created_at < $1")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(())
}
