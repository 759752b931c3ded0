//! Comments: `GET`, `POST` and `DELETE /api/v1/articles/{slug}/comments…`,
//! and the storage of the `comments` table (what moderation, retention and
//! the counts read and change of it, too).
//!
//! Listing pages through top-level comments newest first by id (keyset, no
//! OFFSET), with each page's replies fetched in one more query. Posting checks
//! the shared rules of `encart_api_types`, then stores the comment as
//! approved, pending (pre-moderation) or spam (honeypot filled).

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use encart_api_types::{
    Comment, CommentPage, FIRST_PAGE_SIZE, MAX_OWN_TOKENS, NewComment, PendingComments, PendingQuery, PostedComment,
    Visibility, normalize_line_breaks,
};
use serde::Deserialize;

use crate::client::ClientIp;
use crate::db::{self, Db};
use crate::extract::{Body, JsonBody, Slug, SlugAndId};
use crate::moderation::Moderation;
use crate::secrets::{hex_sha256, random_token};
use crate::throttle::{Allowed, Deleting, Posting};
use crate::{AppState, Error, Result, articles, cache};

/// Deepest reply level: 0 is a top-level comment, so threads show three levels.
pub const MAX_DEPTH: i64 = 2;
/// Largest request body accepted on POST, checked before parsing.
pub const MAX_POST_BYTES: usize = 64 * 1024;
/// Top-level comments per page unless asked otherwise: the widget's page (kept in memory).
pub const DEFAULT_PAGE: u32 = FIRST_PAGE_SIZE;
pub const MAX_PAGE: u32 = 100;

impl Body for NewComment {
    const WHAT: &'static str = "a JSON comment";
    const MAX_BYTES: usize = MAX_POST_BYTES;
}

impl Body for PendingQuery {
    const WHAT: &'static str = "a JSON list of tokens";
    const MAX_BYTES: usize = MAX_POST_BYTES;
}

/// Listing, posting and deleting (writes are rate-limited: [`Allowed`]).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles/{slug}/comments", get(list).post(create))
        .route("/api/v1/articles/{slug}/comments/{id}", axum::routing::delete(remove))
        .layer(DefaultBodyLimit::max(MAX_POST_BYTES))
}

/// `DELETE …/comments/{id}` with `Authorization: Bearer <edit token>`: the
/// author erases their comment.
async fn remove(
    State(state): State<AppState>,
    _: Allowed<Deleting>,
    SlugAndId(slug, id): SlugAndId,
    headers: HeaderMap,
) -> Result<StatusCode> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::unauthorized("send the edit token as a Bearer"))?;
    let article = articles::id_of(&state.db, &slug).await?;
    erase(&state.db, article, &id, token).await?;
    state.written(&slug).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Erases comment `id` of `article` if `token` is its edit token: the row
/// goes, or, when answers hang from it, everything it held is wiped and a
/// `deleted` placeholder stays for the thread. The same 404 whether the
/// comment does not exist or the token is wrong.
pub async fn erase(db: &Db, article: i64, id: &str, token: &str) -> Result<()> {
    let not_found = || Error::not_found("comment");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let mut tx = db.begin().await?;
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM comments WHERE id = $1 AND article_id = $2 AND edit_token_hash = $3 AND status != 'deleted'",
    )
    .bind(id)
    .bind(article)
    .bind(hex_sha256(&[token.as_bytes()]))
    .fetch_optional(&mut *tx)
    .await?;
    found.ok_or_else(not_found)?;
    remove_or_wipe(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes comment `id`, or, when answers hang from it, wipes everything it
/// held and leaves a `deleted` placeholder for the thread.
pub async fn remove_or_wipe(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<()> {
    let answers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM comments WHERE parent_id = $1").bind(id).fetch_one(&mut **tx).await?;
    if answers > 0 {
        sqlx::query(
            "UPDATE comments SET status = 'deleted', author = '', body = '', edit_token_hash = '', client_hash = '',
                                 idempotency_key = NULL
             WHERE id = $1",
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM comments WHERE id = $1").bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// A reader's own comments awaiting moderation: a POST only because tokens
/// do not belong in URLs. Not rate-limited: it writes nothing.
pub fn pending_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles/{slug}/comments/pending", axum::routing::post(own_pending))
        .layer(DefaultBodyLimit::max(MAX_POST_BYTES))
}

async fn own_pending(
    State(state): State<AppState>,
    Slug(slug): Slug,
    JsonBody(query): JsonBody<PendingQuery>,
) -> Result<Json<PendingComments>> {
    if query.tokens.len() > MAX_OWN_TOKENS {
        return Err(Error::bad_request(format!("at most {MAX_OWN_TOKENS} tokens at once")));
    }
    let article = articles::id_of(&state.db, &slug).await?;
    Ok(Json(PendingComments { comments: pending_of(&state.db, article, &query.tokens).await? }))
}

/// The comments of `article` still pending whose edit token is among `tokens`.
pub async fn pending_of(db: &Db, article: i64, tokens: &[String]) -> Result<Vec<Comment>> {
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, parent_id, author, body, created_at FROM comments
         WHERE status = 'pending' AND article_id = $1 AND edit_token_hash IN ({}) ORDER BY id",
        db::parameters(2, tokens.len())
    );
    let mut query = sqlx::query_as(&sql).bind(article);
    for token in tokens {
        query = query.bind(hex_sha256(&[token.as_bytes()]));
    }
    let rows: Vec<CommentRow> = query.fetch_all(db).await?;
    Ok(rows.into_iter().map(CommentRow::into_comment).collect())
}

#[derive(Debug, Deserialize)]
struct ListParams {
    limit: Option<u32>,
    after: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Slug(slug): Slug,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::bad_request("limit must be a whole number"))?;
    let limit = params.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let after = params.after.as_deref().map(decode_cursor).transpose()?;
    let hot = (after.is_none() && limit == DEFAULT_PAGE).then_some(cache::Hot::FirstPage);
    let load = async { page(&state.db, articles::id_of(&state.db, &slug).await?, limit, after).await };
    cache::json(&state, &slug, hot, &headers, load).await
}

async fn create(
    State(state): State<AppState>,
    _: Allowed<Posting>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Slug(slug): Slug,
    JsonBody(new): JsonBody<NewComment>,
) -> Result<(StatusCode, Json<PostedComment>)> {
    let sender = Sender { ip, idempotency_key: idempotency_key(&headers)? };
    Ok((StatusCode::CREATED, Json(post(&state, &slug, &new, &sender).await?)))
}

/// The `Idempotency-Key` header, when given: 1 to 128 characters of
/// `A-Z a-z 0-9 - _ . :`.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let key = value.to_str().unwrap_or_default();
    let valid =
        (1..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if !valid {
        return Err(Error::bad_request("Idempotency-Key must be 1 to 128 letters, digits or - _ . :"));
    }
    Ok(Some(key.to_owned()))
}

/// Who posts.
pub struct Sender {
    /// The client (see `client.rs`).
    pub ip: IpAddr,
    /// Makes the post safe to retry: the same key gets the same comment back.
    pub idempotency_key: Option<String>,
}

/// Checks and stores a reader's comment on the article `slug`, sent by
/// `sender`: what `POST …/comments` does once the request is parsed. A post
/// with an idempotency key already used by this client on this article
/// answers the comment stored the first time, with the same edit token. The
/// comment is held for moderation if the article's site pre-moderates
/// ([`crate::moderation::ModerationPolicy`]).
pub async fn post(state: &AppState, slug: &str, new: &NewComment, sender: &Sender) -> Result<PostedComment> {
    new.validate()?;
    let article = articles::id_of(&state.db, slug).await?;
    let client_hash = state.secrets.client_hash(sender.ip);
    let key = sender.idempotency_key.as_deref();
    if let Some(key) = key
        && let Some(done) = replay(state, article, &client_hash, key).await?
    {
        return Ok(done);
    }
    let parent = match &new.parent {
        Some(id) => Some(approved_parent(&state.db, article, id).await?),
        None => None,
    };
    let status = if !new.website.is_empty() {
        tracing::info!(article = %slug, "honeypot filled: stored as spam");
        Status::Spam
    } else {
        match moderation_of(state, article).await? {
            Moderation::Open => Status::Approved,
            Moderation::Pre => Status::Pending,
        }
    };
    let token = match key {
        Some(key) => state.secrets.keyed_edit_token(article, &client_hash, key),
        None => random_token()?,
    };
    let body = normalize_line_breaks(new.body.trim());
    let inserted = insert(
        &state.db,
        Insert {
            article,
            parent: parent.as_ref(),
            author: new.author.trim(),
            body: &body,
            status,
            edit_token_hash: &hex_sha256(&[token.as_bytes()]),
            client_hash: &client_hash,
            idempotency_key: key,
        },
    )
    .await;
    let stored = match (inserted, key) {
        // The same key raced in from a concurrent retry: answer its comment.
        (Err(Error::Database(sqlx::Error::Database(e))), Some(key)) if e.is_unique_violation() => {
            return replay(state, article, &client_hash, key)
                .await?
                .ok_or_else(|| anyhow::anyhow!("idempotency key conflict without a comment").into());
        }
        (result, _) => result?,
    };
    if status == Status::Approved {
        state.written(slug).await;
    }
    Ok(PostedComment { comment: stored, visibility: status.visibility(), edit_token: token })
}

/// The comment this client already posted on `article` with `key`, if any.
async fn replay(state: &AppState, article: i64, client_hash: &str, key: &str) -> Result<Option<PostedComment>> {
    let row: Option<(i64, Option<i64>, String, String, String, String)> = sqlx::query_as(
        "SELECT id, parent_id, author, body, created_at, status FROM comments
         WHERE article_id = $1 AND client_hash = $2 AND idempotency_key = $3",
    )
    .bind(article)
    .bind(client_hash)
    .bind(key)
    .fetch_optional(&state.db)
    .await?;
    let Some((id, parent_id, author, body, created_at, status)) = row else { return Ok(None) };
    let visibility =
        if status == Status::Pending.as_str() { Visibility::AwaitingModeration } else { Visibility::Published };
    let comment = CommentRow { id, parent_id, author, body, created_at, status: None }.into_comment();
    let edit_token = state.secrets.keyed_edit_token(article, client_hash, key);
    Ok(Some(PostedComment { comment, visibility, edit_token }))
}

/// How comments on `article` are moderated: as its publisher's site
/// (nothing the poster sends has a say).
async fn moderation_of(state: &AppState, article: i64) -> Result<Moderation> {
    if !state.moderation.per_site() {
        return Ok(state.moderation.default);
    }
    let domains = crate::publishers::domains_of_article(&state.db, article).await?;
    Ok(state.moderation.for_publisher(domains.as_deref()))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Approved,
    Pending,
    Spam,
}

impl Status {
    fn visibility(self) -> Visibility {
        match self {
            // A bot that filled the honeypot is answered as if all went well.
            Status::Approved | Status::Spam => Visibility::Published,
            Status::Pending => Visibility::AwaitingModeration,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Pending => "pending",
            Status::Spam => "spam",
        }
    }
}

/// Where a reply to comment `id` goes: its parent and thread at an allowed depth.
struct Parent {
    id: i64,
    thread: i64,
    depth: i64,
}

async fn approved_parent(db: &Db, article: i64, id: &str) -> Result<Parent> {
    let not_found = Error::not_found("parent comment");
    let Ok(id) = id.parse::<i64>() else { return Err(not_found) };
    let row: Option<(i64, Option<i64>, Option<i64>, i64)> = sqlx::query_as(
        "SELECT id, parent_id, thread_id, depth FROM comments
         WHERE id = $1 AND article_id = $2 AND status = 'approved'",
    )
    .bind(id)
    .bind(article)
    .fetch_optional(db)
    .await?;
    let (id, parent_id, thread_id, depth) = row.ok_or(not_found)?;
    let thread = thread_id.unwrap_or(id);
    Ok(match parent_id {
        // Answering at the deepest level: the reply joins that level.
        Some(grandparent) if depth >= MAX_DEPTH => Parent { id: grandparent, thread, depth: depth - 1 },
        _ => Parent { id, thread, depth },
    })
}

struct Insert<'a> {
    article: i64,
    parent: Option<&'a Parent>,
    author: &'a str,
    body: &'a str,
    status: Status,
    edit_token_hash: &'a str,
    client_hash: &'a str,
    idempotency_key: Option<&'a str>,
}

async fn insert(db: &Db, new: Insert<'_>) -> Result<Comment> {
    let row: CommentRow = sqlx::query_as(
        "INSERT INTO comments (article_id, parent_id, thread_id, depth, author, body, status, edit_token_hash, client_hash,
                               idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id, parent_id, author, body, created_at",
    )
    .bind(new.article)
    .bind(new.parent.map(|p| p.id))
    .bind(new.parent.map(|p| p.thread))
    .bind(new.parent.map_or(0, |p| p.depth + 1))
    .bind(new.author)
    .bind(new.body)
    .bind(new.status.as_str())
    .bind(new.edit_token_hash)
    .bind(new.client_hash)
    .bind(new.idempotency_key)
    .fetch_one(db)
    .await?;
    Ok(row.into_comment())
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    author: String,
    body: String,
    created_at: String,
    #[sqlx(default)]
    status: Option<String>,
}

impl CommentRow {
    fn into_comment(self) -> Comment {
        Comment {
            id: self.id.to_string(),
            parent: self.parent_id.map(|p| p.to_string()),
            author: self.author,
            body: self.body,
            created: self.created_at,
            replies: Vec::new(),
            deleted: self.status.as_deref() == Some("deleted"),
        }
    }
}

/// One page of the approved comments of `article`: up to `limit` top-level
/// comments older than the cursor `after` (newest first), with their replies.
pub async fn page(db: &Db, article: i64, limit: u32, after: Option<i64>) -> Result<CommentPage> {
    let mut top: Vec<CommentRow> = sqlx::query_as(
        "SELECT id, parent_id, author, body, created_at, status FROM comments
         WHERE article_id = $1 AND status IN ('approved', 'deleted') AND parent_id IS NULL AND id < $2
         ORDER BY id DESC LIMIT $3",
    )
    .bind(article)
    .bind(after.unwrap_or(i64::MAX))
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let next = if top.len() > limit as usize {
        top.truncate(limit as usize);
        top.last().map(|last| encode_cursor(last.id))
    } else {
        None
    };
    let threads: Vec<i64> = top.iter().map(|c| c.id).collect();
    let replies = replies_of(db, &threads).await?;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM comments WHERE article_id = $1 AND status = 'approved'")
        .bind(article)
        .fetch_one(db)
        .await?;
    Ok(CommentPage { comments: attach_replies(top, replies), next, total: u64::try_from(total).unwrap_or_default() })
}

async fn replies_of(db: &Db, threads: &[i64]) -> Result<Vec<CommentRow>> {
    if threads.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, parent_id, author, body, created_at, status FROM comments
         WHERE status IN ('approved', 'deleted') AND thread_id IN ({}) ORDER BY id",
        db::parameters(1, threads.len())
    );
    let mut query = sqlx::query_as(&sql);
    for &thread in threads {
        query = query.bind(thread);
    }
    Ok(query.fetch_all(db).await?)
}

/// Builds the trees: each reply under its parent, oldest first. Replies whose
/// parent is not shown (no longer approved) are left out with it; a deleted
/// comment shows, as a placeholder, only while answers hang from it.
fn attach_replies(top: Vec<CommentRow>, replies: Vec<CommentRow>) -> Vec<Comment> {
    let mut children: HashMap<i64, Vec<CommentRow>> = HashMap::new();
    for reply in replies {
        if let Some(parent) = reply.parent_id {
            children.entry(parent).or_default().push(reply);
        }
    }
    fn build(row: CommentRow, children: &mut HashMap<i64, Vec<CommentRow>>) -> Option<Comment> {
        let id = row.id;
        let mut comment = row.into_comment();
        comment.replies =
            children.remove(&id).unwrap_or_default().into_iter().filter_map(|r| build(r, children)).collect();
        (!comment.deleted || !comment.replies.is_empty()).then_some(comment)
    }
    top.into_iter().filter_map(|row| build(row, &mut children)).collect()
}

const CURSOR_PREFIX: &str = "c1.";

fn encode_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{id}"))
}

/// The id behind a cursor; a 400 for anything this server did not make.
pub fn decode_cursor(cursor: &str) -> Result<i64> {
    let invalid = || Error::bad_request("invalid cursor");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
    let digits = text.strip_prefix(CURSOR_PREFIX).ok_or_else(invalid)?;
    match digits.parse::<i64>() {
        Ok(id) if id > 0 && !digits.starts_with('+') => Ok(id),
        _ => Err(invalid()),
    }
}

/// Whether comment `id` is a published comment of `article`.
pub async fn is_published(db: &Db, article: i64, id: i64) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM comments WHERE id = $1 AND article_id = $2 AND status = 'approved'")
            .bind(id)
            .bind(article)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// The number of published comments of each of `slugs` that is shown
/// (articles that are not are left out).
pub async fn counts(db: &Db, slugs: &[&str]) -> Result<BTreeMap<String, i64>> {
    let sql = format!(
        "SELECT a.slug, count(c.id) FROM articles a
         LEFT JOIN comments c ON c.article_id = a.id AND c.status = 'approved'
         WHERE a.hidden = 0 AND a.slug IN ({}) GROUP BY a.slug",
        db::parameters(1, slugs.len())
    );
    let mut query = sqlx::query_as(&sql);
    for slug in slugs {
        query = query.bind(*slug);
    }
    let rows: Vec<(String, i64)> = query.fetch_all(db).await?;
    Ok(rows.into_iter().collect())
}

/// Wipes the client hash and idempotency key of the comments made before
/// `cutoff` (a stored time); how many it changed.
pub async fn forget_client_hashes(db: &Db, cutoff: &str) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE comments SET client_hash = '', idempotency_key = NULL WHERE client_hash != '' AND created_at < $1",
    )
    .bind(cutoff)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

// ---- for moderators (`moderation.rs`) ----

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

/// The comments awaiting a decision, across all articles, oldest first:
/// held for pre-moderation, and published with open reports.
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

/// The slug of the article of comment `id`, unless it is deleted (or there is no such comment).
pub async fn slug_of(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT a.slug FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = $1 AND c.status != 'deleted'",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// A moderator's verdict on a comment, as its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Approved,
    Rejected,
    Spam,
}

/// Sets comment `id`'s status to `verdict`.
pub async fn set_verdict(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, verdict: Verdict) -> Result<()> {
    let status = match verdict {
        Verdict::Approved => "approved",
        Verdict::Rejected => "rejected",
        Verdict::Spam => "spam",
    };
    sqlx::query("UPDATE comments SET status = $1 WHERE id = $2").bind(status).bind(id).execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        assert_eq!(decode_cursor(&encode_cursor(42)).unwrap(), 42);
        for bad in [
            "",
            "42",
            "!!!",
            &URL_SAFE_NO_PAD.encode("c1.-5"),
            &URL_SAFE_NO_PAD.encode("c1.+5"),
            &URL_SAFE_NO_PAD.encode("x.5"),
        ] {
            let refused = decode_cursor(bad).map_err(|e| e.refusal());
            assert_eq!(refused, Err(Some(crate::error::Refusal::BadRequest)), "{bad:?}");
        }
    }
}
