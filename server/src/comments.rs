//! Comments: `GET`, `POST` and `DELETE /api/v1/articles/{slug}/comments…`,
//! and the storage of the `comments` table (what moderation, retention and
//! the counts read and change of it, too).
//!
//! Listing pages through top-level comments in one of three orders (keyset,
//! no OFFSET: [`Cursor`]), with each page's replies fetched in one more query. Posting checks
//! the shared rules of `encart_api_types`, then stores the comment as
//! approved, pending (pre-moderation) or spam (honeypot filled). A reader
//! their site signed in (`identity.rs`) posts under their account's name, and
//! deletes and reads their own comments with their token
//! (`/api/v1/me/comments`); anonymous readers with each comment's edit token.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::time::SystemTime;

use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use encart_api_types::{
    Comment, CommentEdit, CommentPage, Commenting, EditedComment, Erased, FIRST_PAGE_SIZE, FieldErrors, MAX_OWN_TOKENS,
    MAX_PICKS, NewComment, NewRecommendation, PendingComments, PendingQuery, PostedComment, ReaderComment,
    ReaderComments, Recommendation, Sort, Visibility, check_body, edit_window_end, is_browser_token,
    normalize_line_breaks, parse_utc_millis,
};
use serde::Deserialize;

use crate::client::ClientIp;
use crate::db::{self, Db};
use crate::extract::{Body, JsonBody, Slug, SlugAndId};
use crate::identity::{self, Claims, SignedIn};
use crate::moderation::{Moderation, Standing};
use crate::outbox::{self, Event};
use crate::recommendations::{self, Voter};
use crate::secrets::{hex_sha256, random_token};
use crate::sites::{self, Site};
use crate::subscriptions::{self, Subscribe};
use crate::throttle::{Allowed, Deleting, Posting, Recommending};
use crate::{AppState, Error, Result, articles, bans, cache, publishers, readers};

/// Deepest reply level: 0 is a top-level comment, so threads show three
/// levels (the wire's rule, which the widget's decoder holds answers to).
pub const MAX_DEPTH: i64 = encart_api_types::MAX_REPLY_DEPTH as i64;
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
        .route("/api/v1/articles/{slug}/comments/{id}", axum::routing::delete(remove).patch(change))
        .route("/api/v1/articles/{slug}/comments/{id}/recommendation", axum::routing::post(recommend))
        .route("/api/v1/me/comments", get(mine).delete(erase_mine))
        .layer(DefaultBodyLimit::max(MAX_POST_BYTES))
}

/// `DELETE …/comments/{id}` with `Authorization: Bearer` and the comment's
/// edit token, or the token of the reader their site signed in: the author
/// erases their comment.
async fn remove(
    State(state): State<AppState>,
    _: Allowed<Deleting>,
    SlugAndId(slug, id): SlugAndId,
    headers: HeaderMap,
) -> Result<StatusCode> {
    let credential = bearer_credential(&headers)?;
    let article = articles::id_of(&state.db, &slug).await?;
    let author = if identity::is_token(credential) {
        let claims = identity::verify(&state.sites, credential)?;
        Author::Reader(signed_in(&state, &claims).await?.id)
    } else {
        Author::EditToken(credential)
    };
    erase(&state.db, &state.sites, article, &id, author).await?;
    state.written(&slug).await;
    Ok(StatusCode::NO_CONTENT)
}

impl Body for NewRecommendation {
    const WHAT: &'static str = r#"{"recommended": true | false, "browser"?: "32 hex digits"}"#;
    const MAX_BYTES: usize = MAX_POST_BYTES;
}

/// `POST …/comments/{id}/recommendation` `{"recommended", "browser"?}`: the
/// reader recommends a published comment, or no longer does; answers
/// whether they do and how many readers do. A signed-in reader is counted
/// by their token (of the article's site), an anonymous one by their
/// browser's token and their address ([`recommendations`]). Idempotent: the
/// same request twice counts once.
async fn recommend(
    State(state): State<AppState>,
    _: Allowed<Recommending>,
    ClientIp(ip): ClientIp,
    SignedIn(claims): SignedIn,
    SlugAndId(slug, id): SlugAndId,
    JsonBody(new): JsonBody<NewRecommendation>,
) -> Result<Json<Recommendation>> {
    let not_found = || Error::not_found("comment");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let article = articles::id_of(&state.db, &slug).await?;
    if !is_published(&state.db, article, id).await? {
        return Err(not_found());
    }
    let client_hash = state.secrets.client_hash(ip);
    let domains = publishers::domains_of_article(&state.db, article).await?;
    let sites = sites::of_publisher(&state.sites, domains.as_deref());
    let reader = match &claims {
        Some(claims) => {
            site_of(&sites, claims)?;
            Some(signed_in(&state, claims).await?.id)
        }
        // Where only signed-in readers comment, only they recommend.
        None if sites.iter().any(|site| !site.anonymous) => return Err(Error::sign_in_required()),
        None => None,
    };
    let voter = match (reader, new.browser.as_deref()) {
        (Some(reader), _) => Voter::Reader(reader),
        (None, Some(token)) if is_browser_token(token) => Voter::Browser { token, client_hash: &client_hash },
        (None, _) => {
            return Err(Error::invalid(
                vec![("browser", "invalid")],
                "an anonymous reader sends their browser's token: 32 lowercase hexadecimal digits",
            ));
        }
    };
    let (recommended, recommends) = recommendations::set(&state.db, article, id, &voter, new.recommended).await?;
    state.written(&slug).await;
    Ok(Json(Recommendation { recommended, recommends }))
}

/// The site of `sites` (an article's) whose reader `claims` is: a token of
/// another site is no reader of this article's.
fn site_of<'a>(sites: &[&'a Site], claims: &Claims) -> Result<&'a Site> {
    sites
        .iter()
        .copied()
        .find(|site| site.origin == claims.site.as_str())
        .ok_or_else(|| Error::token_invalid("its aud is not the site of this article"))
}

/// Whether a comment by `reader` (`None`: anonymous) on an article of the
/// publisher of `domains`, whose reader is of `site`, waits for a moderator.
async fn holds(
    state: &AppState,
    domains: Option<&[String]>,
    site: Option<&Site>,
    reader: Option<&readers::Stored>,
) -> Result<bool> {
    let mode =
        if state.moderation.per_site() { state.moderation.for_publisher(domains) } else { state.moderation.default };
    let standing = match reader {
        Some(reader) if mode == Moderation::Pre => Some(Standing {
            staff: reader.reader.staff,
            trusted: match site.and_then(|site| site.trust_after) {
                Some(after) => approved_of(&state.db, reader.id).await? >= i64::from(after),
                None => false,
            },
        }),
        Some(reader) => Some(Standing { staff: reader.reader.staff, trusted: false }),
        None => None,
    };
    Ok(mode.holds(standing))
}

impl Body for CommentEdit {
    const WHAT: &'static str = r#"{"body": "the new text"}"#;
    const MAX_BYTES: usize = MAX_POST_BYTES;
}

/// `PATCH …/comments/{id}` `{"body"}` with `Authorization: Bearer` and the
/// comment's edit token, or the token of the reader their site signed in:
/// the author changes their comment's text, within [`encart_api_types::EDIT_WINDOW_SECS`] of
/// posting it, under the rules of a new comment (rate-limited as posts, and
/// refused to a banned author).
async fn change(
    State(state): State<AppState>,
    _: Allowed<Posting>,
    ClientIp(ip): ClientIp,
    SlugAndId(slug, id): SlugAndId,
    headers: HeaderMap,
    JsonBody(new): JsonBody<CommentEdit>,
) -> Result<Json<EditedComment>> {
    let credential = bearer_credential(&headers)?;
    let article = articles::id_of(&state.db, &slug).await?;
    let domains = publishers::domains_of_article(&state.db, article).await?;
    let (author, reader, site) = if identity::is_token(credential) {
        let claims = identity::verify(&state.sites, credential)?;
        let sites = sites::of_publisher(&state.sites, domains.as_deref());
        let site = site_of(&sites, &claims)?.clone();
        let reader = signed_in(&state, &claims).await?;
        (Author::Reader(reader.id), Some(reader), Some(site))
    } else {
        (Author::EditToken(credential), None, None)
    };
    // A banned author edits no more than they post.
    if bans::bars(&state.db, reader.as_ref().map(|r| r.id), &state.secrets.client_hash(ip)).await? {
        return Err(Error::banned());
    }
    let holds = holds(&state, domains.as_deref(), site.as_ref(), reader.as_ref()).await?;
    let edited = edit(&state.db, article, &id, author, &new.body, holds, SystemTime::now()).await?;
    state.written(&slug).await;
    Ok(Json(edited))
}

/// The credential of `Authorization: Bearer`: an edit token or a reader's sign-in token.
fn bearer_credential(headers: &HeaderMap) -> Result<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::unauthorized("send the edit token, or the reader's token, as a Bearer"))
}

/// Changes the text of comment `id` of `article` to `body` if `author`
/// posted it and it is `now` within [`encart_api_types::EDIT_WINDOW_SECS`] of its posting.
/// The earlier text is kept for moderators. Where the comment is published
/// and `holds` (a pre-moderated site), the new text waits for a moderator
/// and the published one stays shown. The same 404 whether the comment does
/// not exist or is someone else's.
pub async fn edit(
    db: &Db,
    article: i64,
    id: &str,
    author: Author<'_>,
    body: &str,
    holds: bool,
    now: SystemTime,
) -> Result<EditedComment> {
    check_body(body).map_err(|body| FieldErrors { author: None, body: Some(body), email: None })?;
    let body = normalize_line_breaks(body.trim());
    let not_found = || Error::not_found("comment");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let mut tx = db.begin().await?;
    let found: Option<(String, String, String)> =
        author.posted(&mut tx, "body, created_at, status", "status IN ('approved', 'pending')", article, id).await?;
    let (old, created_at, status) = found.ok_or_else(not_found)?;
    let posted = parse_utc_millis(&created_at).map_err(|_| anyhow::anyhow!("comment {id} has no valid time"))?;
    if db::millis(now) > edit_window_end(posted) {
        return Err(Error::edit_window_closed());
    }
    let published = status == Status::Approved.as_str();
    let visibility = if published && holds {
        sqlx::query("UPDATE comments SET pending_body = $1 WHERE id = $2")
            .bind(body.as_ref())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Visibility::AwaitingModeration
    } else {
        if body != old {
            replace_text(&mut tx, id, &old, &body, &db::time_text(now)).await?;
        }
        if published { Visibility::Published } else { Visibility::AwaitingModeration }
    };
    let row: CommentRow =
        sqlx::query_as(&format!("{SELECT_COMMENT} WHERE c.id = $1")).bind(id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(EditedComment { comment: row.into_comment(), visibility })
}

/// Comment `id` reads `new` from `at` (a stored time) on, marked edited; its
/// text `old` is kept for moderators, and an edit awaiting one is settled.
async fn replace_text(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    old: &str,
    new: &str,
    at: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO comment_edits (comment_id, body) VALUES ($1, $2)")
        .bind(id)
        .bind(old)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE comments SET body = $1, edited_at = $2, pending_body = NULL WHERE id = $3")
        .bind(new)
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Who asks to edit or erase a comment.
pub enum Author<'a> {
    /// Whoever holds the comment's edit token.
    EditToken(&'a str),
    /// The signed-in reader (`readers.id`) who posted it.
    Reader(i64),
}

impl Author<'_> {
    /// The `columns` of comment `id` of `article`, in a state `status` (a
    /// condition) allows, if this author posted it.
    async fn posted<T>(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        columns: &str,
        status: &str,
        article: i64,
        id: i64,
    ) -> Result<Option<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let whose = match self {
            Author::EditToken(_) => "edit_token_hash = $3",
            Author::Reader(_) => "reader_id = $3",
        };
        let sql = format!("SELECT {columns} FROM comments WHERE id = $1 AND article_id = $2 AND {status} AND {whose}");
        let query = sqlx::query_as(&sql).bind(id).bind(article);
        let query = match self {
            Author::EditToken(token) => query.bind(hex_sha256(&[token.as_bytes()])),
            Author::Reader(reader) => query.bind(*reader),
        };
        Ok(query.fetch_optional(&mut **tx).await?)
    }
}

/// Erases comment `id` of `article` if `author` posted it: the row goes,
/// or, when answers hang from it, everything it held is wiped and a
/// `deleted` placeholder stays for the thread. The same 404 whether the
/// comment does not exist or is someone else's.
pub async fn erase(db: &Db, sites: &[Site], article: i64, id: &str, author: Author<'_>) -> Result<()> {
    let not_found = || Error::not_found("comment");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let mut tx = db::begin_writing(db).await?;
    let found: Option<(i64,)> = author.posted(&mut tx, "id", "status != 'deleted'", article, id).await?;
    found.ok_or_else(not_found)?;
    announce(&mut tx, sites, id, Event::Deleted, None).await?;
    remove_or_wipe(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes comment `id`, or, when answers hang from it, wipes everything it
/// held and leaves a `deleted` placeholder for the thread.
pub async fn remove_or_wipe(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<()> {
    subscriptions::forget_comment(tx, id).await?;
    let answers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM comments WHERE parent_id = $1").bind(id).fetch_one(&mut **tx).await?;
    if answers > 0 {
        sqlx::query(
            "UPDATE comments SET status = 'deleted', author = '', body = '', edit_token_hash = '', client_hash = '',
                                 idempotency_key = NULL, reader_id = NULL, pending_body = NULL, featured_at = NULL
             WHERE id = $1",
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
        // Its earlier texts go with it.
        sqlx::query("DELETE FROM comment_edits WHERE comment_id = $1").bind(id).execute(&mut **tx).await?;
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
        "{SELECT_COMMENT} WHERE c.status = 'pending' AND c.article_id = $1 AND c.edit_token_hash IN ({}) ORDER BY c.id",
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
    sort: Option<String>,
}

/// The order `sort` names (`None`: the site's default); a 400 for another word.
pub fn parse_sort(sort: Option<&str>) -> Result<Option<Sort>> {
    sort.map(|name| Sort::parse(name).ok_or_else(|| Error::bad_request("sort is newest, oldest or recommended")))
        .transpose()
}

async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Slug(slug): Slug,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::bad_request("limit must be a whole number"))?;
    let limit = params.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let after = params.after.as_deref().map(Cursor::decode).transpose()?;
    let sort = parse_sort(params.sort.as_deref())?;
    if let (Some(after), Some(sort)) = (after, sort)
        && after.sort() != sort
    {
        return Err(Error::bad_request("the cursor is of another order than sort"));
    }
    // The first page is kept under the order asked for (`None`: the
    // site's), so that a hit reads nothing from the database.
    let asked = after.map(Cursor::sort).or(sort);
    let hot = (after.is_none() && limit == DEFAULT_PAGE).then_some(cache::Hot::FirstPage(asked));
    let load = async {
        let article = articles::id_of(&state.db, &slug).await?;
        let site = site_settings(&state, article).await?;
        let mut page = page(&state.db, article, limit, asked.unwrap_or(site.sort), after).await?;
        page.commenting = site.commenting;
        Ok(page)
    };
    cache::json(&state, &slug, hot, &headers, load).await
}

/// What the site of an article sets for all its readers.
pub struct SiteSettings {
    pub commenting: Commenting,
    /// The order of comments unless the reader or the page chose one.
    pub sort: Sort,
}

/// How readers may comment on `article` and in which order its comments
/// come, as its site says: the same for every reader (it goes into shared
/// caches with the comments).
pub async fn site_settings(state: &AppState, article: i64) -> Result<SiteSettings> {
    let notifications = state.notifications;
    if state.sites.is_empty() {
        let commenting = Commenting { notifications, ..Commenting::default() };
        return Ok(SiteSettings { commenting, sort: Sort::default() });
    }
    let domains = publishers::domains_of_article(&state.db, article).await?;
    let sites = sites::of_publisher(&state.sites, domains.as_deref());
    let commenting = Commenting { notifications, ..sites::commenting(&sites) };
    Ok(SiteSettings { commenting, sort: sites::sort(&sites) })
}

async fn create(
    State(state): State<AppState>,
    _: Allowed<Posting>,
    ClientIp(ip): ClientIp,
    SignedIn(reader): SignedIn,
    headers: HeaderMap,
    Slug(slug): Slug,
    JsonBody(new): JsonBody<NewComment>,
) -> Result<(StatusCode, Json<PostedComment>)> {
    let sender = Sender { ip, idempotency_key: idempotency_key(&headers)?, reader };
    Ok((StatusCode::CREATED, Json(post(&state, &slug, &new, &sender).await?)))
}

/// The reader of `claims`, stored or brought up to date; when their name or
/// role changed, every article they commented on is dropped from caches.
async fn signed_in(state: &AppState, claims: &Claims) -> Result<readers::Stored> {
    let stored = readers::store(&state.db, claims).await?;
    if stored.changed {
        let slugs: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT a.slug FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.reader_id = $1",
        )
        .bind(stored.id)
        .fetch_all(&state.db)
        .await?;
        for slug in &slugs {
            state.written(slug).await;
        }
    }
    Ok(stored)
}

/// Most comments `GET /api/v1/me/comments` lists: a reader past it gets
/// the newest, and `truncated`.
pub const MAX_OWN_LISTED: i64 = 10_000;

#[derive(Debug, Default, Deserialize)]
struct MineParams {
    /// Only this article's (the widget's question).
    article: Option<String>,
}

/// `GET /api/v1/me/comments[?article=slug]` with the reader's token: what is
/// stored about them and their comments, whatever their state. Private:
/// never stored by a shared cache.
async fn mine(
    State(state): State<AppState>,
    identity::Reader(claims): identity::Reader,
    params: Result<Query<MineParams>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::bad_request("the query string is not valid"))?;
    let stored = signed_in(&state, &claims).await?;
    let article = match params.article.as_deref() {
        Some(slug) => Some(articles::id_of(&state.db, slug).await?),
        None => None,
    };
    let rows: Vec<OwnRow> = sqlx::query_as(
        "SELECT c.id, c.parent_id, c.body, c.created_at, c.status, a.slug, c.edited_at,
                c.recommends
         FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.reader_id = $1 AND ($2 = 0 OR c.article_id = $2) AND c.status != 'deleted'
         ORDER BY c.id DESC LIMIT $3",
    )
    .bind(stored.id)
    .bind(article.unwrap_or(0))
    .bind(MAX_OWN_LISTED)
    .fetch_all(&state.db)
    .await?;
    let recommended = recommendations::of_reader(&state.db, stored.id, article).await?;
    let reader = stored.reader;
    let comments = rows
        .into_iter()
        .map(|row| ReaderComment {
            article: row.slug,
            visibility: match row.status.as_str() {
                "approved" => Visibility::Published,
                "pending" => Visibility::AwaitingModeration,
                _ => Visibility::Withheld,
            },
            comment: Comment {
                id: row.id.to_string(),
                parent: row.parent_id.map(|p| p.to_string()),
                author: reader.name.clone(),
                body: row.body,
                created: row.created_at,
                replies: Vec::new(),
                deleted: false,
                verified: true,
                staff: reader.staff,
                recommends: u32::try_from(row.recommends).unwrap_or(0),
                edited: row.edited_at.is_some(),
            },
        })
        .collect();
    let mut response = Json(ReaderComments { reader, comments, recommended }).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(header::VARY, HeaderValue::from_static("Authorization"));
    Ok(response)
}

#[derive(sqlx::FromRow)]
struct OwnRow {
    id: i64,
    parent_id: Option<i64>,
    body: String,
    created_at: String,
    status: String,
    slug: String,
    recommends: i64,
    edited_at: Option<String>,
}

/// `DELETE /api/v1/me/comments` with the reader's token: erases all their
/// comments on their site (those answered stay as placeholders) and what is
/// stored about them (while a ban holds them, only its `sub` stays), in one
/// transaction.
async fn erase_mine(
    State(state): State<AppState>,
    _: Allowed<Deleting>,
    identity::Reader(claims): identity::Reader,
) -> Result<Response> {
    let Some(reader) = readers::find(&state.db, &claims).await? else {
        return Ok(no_store(Json(Erased { comments: 0 })));
    };
    let mut tx = state.db.begin().await?;
    // First, as a recommendation does: the articles' rows, then the comments'.
    let recommended = recommendations::forget_reader(&mut tx, reader).await?;
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT c.id, a.slug FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.reader_id = $1 ORDER BY c.id DESC",
    )
    .bind(reader)
    .fetch_all(&mut *tx)
    .await?;
    // Newest first: answers go before what they answer, which then has none left.
    for (id, _) in &rows {
        announce(&mut tx, &state.sites, *id, Event::Deleted, None).await?;
        remove_or_wipe(&mut tx, *id).await?;
    }
    let banned = bans::bars_reader(&mut tx, reader).await?;
    readers::forget(&mut tx, reader, banned).await?;
    tx.commit().await?;
    let mut slugs: Vec<&str> =
        rows.iter().map(|(_, slug)| slug.as_str()).chain(recommended.iter().map(String::as_str)).collect();
    slugs.sort_unstable();
    slugs.dedup();
    for slug in slugs {
        state.written(slug).await;
    }
    tracing::info!(reader, comments = rows.len(), "a reader erased their comments");
    Ok(no_store(Json(Erased { comments: rows.len() as u64 })))
}

fn no_store(body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
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
    /// The reader their site signed in (a verified token), if any.
    pub reader: Option<Claims>,
}

/// Checks and stores a reader's comment on the article `slug`, sent by
/// `sender`: what `POST …/comments` does once the request is parsed. A post
/// with an idempotency key already used by this client on this article
/// answers the comment stored the first time, with the same edit token. The
/// comment is held for moderation as the article's site says
/// ([`crate::moderation::ModerationPolicy`], [`Moderation::holds`]). A
/// signed-in reader posts under their account's name, if their token is of
/// the article's site; an anonymous one only where the site allows it. A
/// banned reader is refused, and nothing is stored.
pub async fn post(state: &AppState, slug: &str, new: &NewComment, sender: &Sender) -> Result<PostedComment> {
    match &sender.reader {
        // The name is the account's: only the text is the reader's.
        Some(_) => check_body(&new.body).map_err(|body| FieldErrors { author: None, body: Some(body), email: None })?,
        None => new.validate()?,
    }
    let article = articles::id_of(&state.db, slug).await?;
    let domains = publishers::domains_of_article(&state.db, article).await?;
    let sites = sites::of_publisher(&state.sites, domains.as_deref());
    let site: Option<&Site> = match &sender.reader {
        Some(claims) => Some(site_of(&sites, claims)?),
        None if sites.iter().any(|site| !site.anonymous) => return Err(Error::sign_in_required()),
        None => None,
    };
    let reader = match &sender.reader {
        Some(claims) => Some(signed_in(state, claims).await?),
        None => None,
    };
    let client_hash = state.secrets.client_hash(sender.ip);
    if bans::bars(&state.db, reader.as_ref().map(|r| r.id), &client_hash).await? {
        return Err(Error::banned());
    }
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
        if holds(state, domains.as_deref(), site, reader.as_ref()).await? { Status::Pending } else { Status::Approved }
    };
    let token = match key {
        Some(key) => state.secrets.keyed_edit_token(article, &client_hash, key),
        None => random_token()?,
    };
    let body = normalize_line_breaks(new.body.trim());
    let email = match (&sender.reader, new.notify) {
        (_, false) => None,
        _ if !state.notifications => {
            return Err(Error::invalid(vec![("notify", "unavailable")], "this server sends no e-mail"));
        }
        (Some(claims), true) => Some((
            claims.email.clone().ok_or_else(|| {
                Error::invalid(vec![("email", "required")], "your site gave no e-mail address to tell you at")
            })?,
            true,
        )),
        (None, true) => Some((new.email.trim().to_owned(), false)),
    };
    if let Some((address, _)) = &email
        && !crate::mail::is_address(address)
    {
        return Err(Error::invalid(vec![("email", "invalid")], "not an e-mail address"));
    }
    let page = page_url(&new.page)?;
    let subscribe = email.as_ref().filter(|_| status != Status::Spam).map(|(address, confirmed)| Subscribe {
        email: address,
        confirmed: *confirmed,
        page: page.as_deref(),
    });
    let inserted = insert(
        state,
        Insert {
            article,
            parent: parent.as_ref(),
            author: reader.as_ref().map_or_else(|| new.author.trim(), |r| r.reader.name.as_str()),
            body: &body,
            status,
            edit_token_hash: &hex_sha256(&[token.as_bytes()]),
            client_hash: &client_hash,
            idempotency_key: key,
            reader: reader.as_ref().map(|r| r.id),
            subscribe,
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
    // The badge is the reader's role, which the inserted row does not carry.
    let stored = Comment { staff: reader.is_some_and(|r| r.reader.staff), ..stored };
    if status == Status::Approved {
        state.written(slug).await;
    }
    Ok(PostedComment { comment: stored, visibility: status.visibility(), edit_token: token })
}

/// The published answers, at any depth, to the comments of `article` that
/// `address` subscribed, after comment `after`, oldest first (`limit` at
/// most): never their own comments, nor a signed-in author's own answers.
pub async fn answers_for<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    address: i64,
    article: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Comment>> {
    let rows: Vec<CommentRow> = sqlx::query_as(&format!(
        "WITH RECURSIVE below (id) AS (
             SELECT comment_id FROM subscriptions WHERE address_id = $1 AND article_id = $2
             UNION
             SELECT c.id FROM comments c JOIN below b ON c.parent_id = b.id
         )
         {SELECT_COMMENT}
         WHERE c.id IN (SELECT id FROM below) AND c.status = 'approved' AND c.id > $3
           AND c.id NOT IN (SELECT comment_id FROM subscriptions WHERE address_id = $1)
           AND NOT EXISTS (SELECT 1 FROM subscriptions s JOIN comments o ON o.id = s.comment_id
                           WHERE s.address_id = $1 AND o.reader_id = c.reader_id)
         ORDER BY c.id LIMIT $4"
    ))
    .bind(address)
    .bind(article)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(CommentRow::into_comment).collect())
}

/// How many of reader `id`'s comments are published.
async fn approved_of(db: &Db, id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM comments WHERE reader_id = $1 AND status = 'approved'")
        .bind(id)
        .fetch_one(db)
        .await?)
}

/// The comment this client already posted on `article` with `key`, if any.
async fn replay(state: &AppState, article: i64, client_hash: &str, key: &str) -> Result<Option<PostedComment>> {
    let row: Option<CommentRow> = sqlx::query_as(&format!(
        "{SELECT_COMMENT} WHERE c.article_id = $1 AND c.client_hash = $2 AND c.idempotency_key = $3"
    ))
    .bind(article)
    .bind(client_hash)
    .bind(key)
    .fetch_optional(&state.db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let visibility = if row.status.as_deref() == Some(Status::Pending.as_str()) {
        Visibility::AwaitingModeration
    } else {
        Visibility::Published
    };
    let edit_token = state.secrets.keyed_edit_token(article, client_hash, key);
    Ok(Some(PostedComment { comment: row.into_comment(), visibility, edit_token }))
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
    Ok(Parent::answering(row.ok_or(not_found)?))
}

impl Parent {
    /// Where an answer to the comment `(id, parent_id, thread_id, depth)` goes.
    fn answering((id, parent_id, thread_id, depth): (i64, Option<i64>, Option<i64>, i64)) -> Parent {
        let thread = thread_id.unwrap_or(id);
        match parent_id {
            // Answering at the deepest level: the reply joins that level.
            Some(grandparent) if depth >= MAX_DEPTH => Parent { id: grandparent, thread, depth: depth - 1 },
            _ => Parent { id, thread, depth },
        }
    }
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// A comment another system had (`migrate/`).
pub struct Imported<'a> {
    pub article: i64,
    /// Where it came from: `disqus:123`, …
    pub source: &'a str,
    /// Its parent's `source`.
    pub parent: Option<&'a str>,
    pub author: &'a str,
    pub body: &'a str,
    /// `approved`, `pending`, `spam`, `rejected` or `deleted`.
    pub status: &'a str,
    pub created: &'a str,
    pub edited: Option<&'a str>,
    pub recommends: i64,
    pub featured: Option<&'a str>,
}

/// The comment of `article` imported from `source`, if it was.
pub async fn imported(db: &mut sqlx::AnyConnection, article: i64, source: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM comments WHERE article_id = $1 AND source = $2")
        .bind(article)
        .bind(source)
        .fetch_optional(db)
        .await?)
}

/// The comment of `article` imported from `source`, as a parent.
async fn imported_parent(tx: &mut Tx<'_>, article: i64, source: &str) -> Result<Option<Parent>> {
    let row: Option<(i64, Option<i64>, Option<i64>, i64)> =
        sqlx::query_as("SELECT id, parent_id, thread_id, depth FROM comments WHERE article_id = $1 AND source = $2")
            .bind(article)
            .bind(source)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(Parent::answering))
}

/// Stores an imported comment, under its parent if that is stored already,
/// else at the top level until [`adopt_orphans`] finds it. Nothing is
/// announced (no webhook, no e-mail), and no address hash or edit token is
/// kept: nobody can edit it.
pub async fn import(tx: &mut Tx<'_>, new: &Imported<'_>) -> Result<Option<i64>> {
    let parent = match new.parent {
        Some(source) => imported_parent(tx, new.article, source).await?,
        None => None,
    };
    let published = match new.status {
        "approved" => Some(articles::next_publication(tx, new.article).await?),
        _ => None,
    };
    let id = sqlx::query_scalar(
        "INSERT INTO comments (article_id, parent_id, thread_id, depth, author, body, status, edit_token_hash,
                               client_hash, published_seq, created_at, edited_at, recommends, featured_at,
                               source, source_parent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', '', $8, $9, $10, $11, $12, $13, $14)
         -- The same source twice in one file: the first stays.
         ON CONFLICT (article_id, source) WHERE source IS NOT NULL DO NOTHING
         RETURNING id",
    )
    .bind(new.article)
    .bind(parent.as_ref().map(|p| p.id))
    .bind(parent.as_ref().map(|p| p.thread))
    .bind(parent.as_ref().map_or(0, |p| p.depth + 1))
    .bind(new.author)
    .bind(new.body)
    .bind(new.status)
    .bind(published)
    .bind(new.created)
    .bind(new.edited)
    .bind(new.recommends)
    .bind(new.featured)
    .bind(new.source)
    .bind(if parent.is_none() { new.parent } else { None })
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id)
}

/// Attaches imported answers to their parents imported after them, with
/// their own answers (the thread limit applied again); returns how many
/// still wait for a parent. An answer whose parent lies within its own
/// thread (a cycle in the source) stays at the top level.
pub async fn adopt_orphans(db: &Db) -> Result<u64> {
    loop {
        let found: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT c.id, p.id FROM comments c
             JOIN comments p ON p.article_id = c.article_id AND p.source = c.source_parent
             WHERE c.source_parent IS NOT NULL ORDER BY c.id LIMIT 500",
        )
        .fetch_all(db)
        .await?;
        if found.is_empty() {
            break;
        }
        let mut tx = db::begin_writing(db).await?;
        for (orphan, parent) in found {
            // The comment under its parent, then each answer below it again.
            let mut todo = vec![(orphan, parent)];
            while let Some((id, parent)) = todo.pop() {
                let row: (i64, Option<i64>, Option<i64>, i64) =
                    sqlx::query_as("SELECT id, parent_id, thread_id, depth FROM comments WHERE id = $1")
                        .bind(parent)
                        .fetch_one(&mut *tx)
                        .await?;
                // A parent within the orphan's own thread (as it is now, after
                // the adoptions before it): a cycle in the source.
                if id == orphan && (row.0 == orphan || row.2 == Some(orphan)) {
                    sqlx::query("UPDATE comments SET source_parent = NULL WHERE id = $1")
                        .bind(orphan)
                        .execute(&mut *tx)
                        .await?;
                    break;
                }
                let to = Parent::answering(row);
                sqlx::query(
                    "UPDATE comments SET parent_id = $1, thread_id = $2, depth = $3, source_parent = NULL WHERE id = $4",
                )
                .bind(to.id)
                .bind(to.thread)
                .bind(to.depth + 1)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                let answers: Vec<i64> = sqlx::query_scalar("SELECT id FROM comments WHERE parent_id = $1")
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
                todo.extend(answers.into_iter().map(|answer| (answer, id)));
            }
        }
        tx.commit().await?;
    }
    let waiting: i64 =
        sqlx::query_scalar("SELECT count(*) FROM comments WHERE source_parent IS NOT NULL").fetch_one(db).await?;
    Ok(waiting.try_into().unwrap_or(0))
}

/// `publisher`'s comments on its shown articles after id `after`, `limit` at
/// most, by id, as `export` writes them: no address hash, token or e-mail.
pub async fn exported(
    db: &Db,
    publisher: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, crate::migrate::encart::Exported)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        slug: String,
        source: Option<String>,
        parent_id: Option<i64>,
        parent_source: Option<String>,
        author: String,
        body: String,
        status: String,
        created_at: String,
        edited_at: Option<String>,
        recommends: i64,
        featured_at: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, a.slug, c.source, p.id AS parent_id, p.source AS parent_source, c.author, c.body, c.status,
                c.created_at, c.edited_at, c.recommends, c.featured_at
         FROM comments c JOIN articles a ON a.id = c.article_id LEFT JOIN comments p ON p.id = c.parent_id
         WHERE a.publisher_id = $1 AND a.hidden = 0 AND c.id > $2 ORDER BY c.id LIMIT $3",
    )
    .bind(publisher)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    let key = |id: i64, source: Option<String>| source.unwrap_or_else(|| format!("encart:{id}"));
    Ok(rows
        .into_iter()
        .map(|row| {
            let exported = crate::migrate::encart::Exported {
                id: key(row.id, row.source),
                article: row.slug,
                parent: row.parent_id.map(|p| key(p, row.parent_source)),
                author: row.author,
                body: row.body,
                status: row.status,
                created: row.created_at,
                edited: row.edited_at,
                recommends: row.recommends,
                featured: row.featured_at,
            };
            (row.id, exported)
        })
        .collect())
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
    /// The signed-in reader (`readers.id`).
    reader: Option<i64>,
    /// Tell the author of answers.
    subscribe: Option<Subscribe<'a>>,
}

/// The partner page a comment is posted from, without its fragment: an
/// http(s) address of at most 2,048 bytes, or none.
fn page_url(page: &str) -> Result<Option<String>> {
    let page = page.trim();
    if page.is_empty() {
        return Ok(None);
    }
    let invalid = || Error::invalid(vec![("page", "invalid")], "page is the http(s) address of the partner page");
    let mut url = url::Url::parse(page).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || page.len() > 2048 {
        return Err(invalid());
    }
    url.set_fragment(None);
    Ok(Some(url.into()))
}

/// Stores a comment; a published one takes its article's next publication
/// number ([`articles::next_publication`]). In the same transaction: its
/// author's subscription to answers (and the link that confirms their
/// address), and what its publication tells (`announce`).
async fn insert(state: &AppState, new: Insert<'_>) -> Result<Comment> {
    let (db, sites) = (&state.db, &state.sites[..]);
    let mut tx = db.begin().await?;
    let published = match new.status {
        Status::Approved => Some(articles::next_publication(&mut tx, new.article).await?),
        _ => None,
    };
    let row: CommentRow = sqlx::query_as(
        "INSERT INTO comments (article_id, parent_id, thread_id, depth, author, body, status, edit_token_hash, client_hash,
                               idempotency_key, reader_id, published_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id, parent_id, author, body, created_at, reader_id",
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
    .bind(new.reader)
    .bind(published)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(subscribe) = &new.subscribe
        && let Some(address) = subscriptions::subscribe(&mut tx, &state.secrets, row.id, new.article, subscribe).await?
    {
        outbox::confirmation(&mut tx, address, new.article).await?;
    }
    match new.status {
        Status::Approved => announce(&mut tx, sites, row.id, Event::Created, None).await?,
        Status::Pending => announce(&mut tx, sites, row.id, Event::Held, None).await?,
        Status::Spam => {}
    }
    tx.commit().await?;
    Ok(row.into_comment())
}

/// Queues what `event` about comment `id` tells (`outbox.rs`), in `tx`:
/// answers to the readers subscribed above it when it is published, the
/// event to the webhooks of its article's sites among `sites`, and a digest
/// to their moderators when it awaits a decision.
pub async fn announce(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    sites: &[Site],
    id: i64,
    event: Event,
    reason: Option<&str>,
) -> Result<()> {
    if matches!(event, Event::Created | Event::Approved) {
        // The readers who asked to be told of answers below it.
        for (address, article) in subscriptions::subscribed_above(tx, id).await? {
            outbox::reply(tx, address, article).await?;
        }
    }
    if !outbox::wanted(sites) {
        return Ok(());
    }
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT a.id, a.slug FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((article, slug)) = found else { return Ok(()) };
    let row: CommentRow =
        sqlx::query_as(&format!("{SELECT_COMMENT} WHERE c.id = $1")).bind(id).fetch_one(&mut **tx).await?;
    let domains = publishers::domains_of_article(&mut **tx, article).await?;
    let of = sites::of_publisher(sites, domains.as_deref());
    let comment = Comment { staff: row.staff.is_some_and(|s| s != 0), ..row.into_comment() };
    outbox::comment_event(tx, &of, event, &slug, &comment, reason).await?;
    if matches!(event, Event::Held | Event::Reported) {
        outbox::digest(tx, &of).await?;
    }
    Ok(())
}

/// The columns of a comment as readers see it: the name of its reader's
/// latest token, and how many readers recommend it (kept by `recommendations.rs`).
macro_rules! comment_columns {
    () => {
        "SELECT c.id, c.parent_id, COALESCE(r.name, c.author) AS author, c.body, c.created_at,
            c.status, c.reader_id, r.staff, c.edited_at, c.recommends"
    };
}
macro_rules! comment_from {
    () => {
        " FROM comments c LEFT JOIN readers r ON r.id = c.reader_id"
    };
}
const COMMENT_FROM: &str = comment_from!();
const SELECT_COMMENT: &str = concat!(comment_columns!(), comment_from!());

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    author: String,
    body: String,
    created_at: String,
    #[sqlx(default)]
    status: Option<String>,
    #[sqlx(default)]
    reader_id: Option<i64>,
    #[sqlx(default)]
    staff: Option<i64>,
    #[sqlx(default)]
    recommends: Option<i64>,
    #[sqlx(default)]
    edited_at: Option<String>,
    /// In "most recommended" pages: the count the page is ordered by (as of
    /// the first page's snapshot), and that snapshot. (In a stream of
    /// publications, `score` is the publication's number.)
    #[sqlx(default)]
    score: Option<i64>,
    #[sqlx(default)]
    snapshot: Option<i64>,
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
            verified: self.reader_id.is_some(),
            staff: self.staff.is_some_and(|s| s != 0),
            recommends: match self.status.as_deref() {
                Some("deleted") => 0,
                _ => self.recommends.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
            },
            edited: self.edited_at.is_some(),
        }
    }
}

/// One page of the approved comments of `article`: up to `limit` top-level
/// comments in order `sort`, after the cursor `after` (of that order), with
/// their replies.
pub async fn page(db: &Db, article: i64, limit: u32, sort: Sort, after: Option<Cursor>) -> Result<CommentPage> {
    const TOP: &str = "c.article_id = $1 AND c.status IN ('approved', 'deleted') AND c.parent_id IS NULL";
    // Read before the page: a publication in between is sent by the stream
    // too (the widget knows it has it), never missed.
    let live = match after {
        None => Some(u64::try_from(articles::last_publication(db, article).await?).unwrap_or_default()),
        Some(_) => None,
    };
    let fetch = i64::from(limit) + 1;
    let mut top: Vec<CommentRow> = match (sort, after) {
        (Sort::Newest, _) | (Sort::Oldest, _) => {
            let (keyset, order, from) = match (sort, after) {
                (Sort::Oldest, Some(Cursor::Oldest(id))) => ("c.id > $2", "ASC", id),
                (Sort::Oldest, _) => ("c.id > $2", "ASC", 0),
                (_, Some(Cursor::Newest(id))) => ("c.id < $2", "DESC", id),
                _ => ("c.id < $2", "DESC", i64::MAX),
            };
            sqlx::query_as(&format!("{SELECT_COMMENT} WHERE {TOP} AND {keyset} ORDER BY c.id {order} LIMIT $3"))
                .bind(article)
                .bind(from)
                .bind(fetch)
                .fetch_all(db)
                .await?
        }
        // The first page: by the counts as they are, read in one statement
        // with the last change to them (the snapshot its cursor keeps).
        (Sort::Recommended, None | Some(Cursor::Newest(_) | Cursor::Oldest(_))) => {
            sqlx::query_as(&format!(
                "{}, c.recommends AS score,
                (SELECT COALESCE(MAX(id), 0) FROM recommendation_changes WHERE article_id = $1) AS snapshot
             {COMMENT_FROM} WHERE {TOP} ORDER BY c.recommends DESC, c.id DESC LIMIT $2",
                comment_columns!()
            ))
            .bind(article)
            .bind(fetch)
            .fetch_all(db)
            .await?
        }
        // Later pages: by the counts as of the snapshot (today's, less the
        // changes since), so that no comment moves across pages meanwhile.
        // The comments whose counts did not change are read from the index
        // by count; the few that changed are added with their counts then.
        (Sort::Recommended, Some(Cursor::Recommended { snapshot, recommends, id })) => {
            sqlx::query_as(&format!(
                "SELECT * FROM (
                SELECT * FROM (
                    {columns}, c.recommends AS score, $2 AS snapshot {COMMENT_FROM}
                    WHERE {TOP} AND (c.recommends < $3 OR (c.recommends = $3 AND c.id < $4))
                      AND c.id NOT IN (SELECT comment_id FROM recommendation_changes WHERE article_id = $1 AND id > $2)
                    ORDER BY c.recommends DESC, c.id DESC LIMIT $5
                ) AS unchanged
                UNION ALL
                SELECT * FROM (
                    {columns}, c.recommends - ch.delta AS score, $2 AS snapshot {COMMENT_FROM}
                    JOIN (SELECT comment_id, CAST(SUM(delta) AS BIGINT) AS delta FROM recommendation_changes
                          WHERE article_id = $1 AND id > $2 GROUP BY comment_id) ch ON ch.comment_id = c.id
                    WHERE {TOP} AND (c.recommends - ch.delta < $3 OR (c.recommends - ch.delta = $3 AND c.id < $4))
                ) AS changed
             ) AS page ORDER BY page.score DESC, page.id DESC LIMIT $5",
                columns = comment_columns!()
            ))
            .bind(article)
            .bind(snapshot)
            .bind(recommends)
            .bind(id)
            .bind(fetch)
            .fetch_all(db)
            .await?
        }
    };
    let next = if top.len() > limit as usize {
        top.truncate(limit as usize);
        top.last().map(|last| Cursor::after(sort, last).encode())
    } else {
        None
    };
    let threads: Vec<i64> = top.iter().map(|c| c.id).collect();
    let replies = replies_of(db, &threads).await?;
    let total = total(db, article).await?;
    let picks = if after.is_none() { picks(db, article).await? } else { Vec::new() };
    Ok(CommentPage {
        comments: attach_replies(top, replies),
        sort,
        next,
        total,
        commenting: Commenting::default(),
        picks,
        live,
    })
}

/// How many comments of `article` are published, replies included.
pub async fn total(db: &Db, article: i64) -> Result<u64> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM comments WHERE article_id = $1 AND status = 'approved'")
        .bind(article)
        .fetch_one(db)
        .await?;
    Ok(u64::try_from(total).unwrap_or_default())
}

/// The comments published on `article` after publication number `after`, in
/// the order published, at most `limit`, each with its number: those still
/// published (an answer to a comment since removed is left out).
pub async fn published_since(db: &Db, article: i64, after: i64, limit: i64) -> Result<Vec<(i64, Comment)>> {
    let rows: Vec<CommentRow> = sqlx::query_as(&format!(
        "{}, c.published_seq AS score {COMMENT_FROM}
         WHERE c.article_id = $1 AND c.status = 'approved' AND c.published_seq > $2
           AND (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status IN ('approved', 'deleted')))
         ORDER BY c.published_seq LIMIT $3",
        comment_columns!()
    ))
    .bind(article)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|row| (row.score.unwrap_or_default(), row.into_comment())).collect())
}

/// The newsroom's picks of `article`: its published comments a moderator
/// featured, in the order featured (replies left out).
pub async fn picks(db: &Db, article: i64) -> Result<Vec<Comment>> {
    let rows: Vec<CommentRow> = sqlx::query_as(&format!(
        "{SELECT_COMMENT} WHERE c.article_id = $1 AND c.status = 'approved' AND c.featured_at IS NOT NULL
         ORDER BY c.featured_at, c.id LIMIT $2"
    ))
    .bind(article)
    .bind(MAX_PICKS as i64)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(CommentRow::into_comment).collect())
}

/// What became of a moderator's pick.
#[derive(Debug, PartialEq, Eq)]
pub enum Featured {
    /// Done, on the article of this slug.
    Done(String),
    /// No published comment has this id.
    NotPublished,
    /// The article has its [`MAX_PICKS`] picks already.
    Full,
}

/// Features comment `id` above its article's thread (`on`), or no longer.
pub async fn feature(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, on: bool) -> Result<Featured> {
    let found: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT c.article_id, a.slug, c.featured_at FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.id = $1 AND c.status = 'approved'",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((article, slug, featured)) = found else { return Ok(Featured::NotPublished) };
    if on && featured.is_none() {
        let picked: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM comments WHERE article_id = $1 AND status = 'approved' AND featured_at IS NOT NULL",
        )
        .bind(article)
        .fetch_one(&mut **tx)
        .await?;
        if picked >= MAX_PICKS as i64 {
            return Ok(Featured::Full);
        }
        sqlx::query("UPDATE comments SET featured_at = $1 WHERE id = $2")
            .bind(db::now())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    } else if !on {
        sqlx::query("UPDATE comments SET featured_at = NULL WHERE id = $1").bind(id).execute(&mut **tx).await?;
    }
    Ok(Featured::Done(slug))
}

/// A pick, as `/admin` lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Pick {
    pub id: i64,
    pub author: String,
    pub body: String,
    pub title: String,
}

/// The picks of every article, the latest first, at most `limit`.
pub async fn all_picks(db: &Db, limit: i64) -> Result<Vec<Pick>> {
    Ok(sqlx::query_as(
        "SELECT c.id, COALESCE(r.name, c.author) AS author, c.body, a.title FROM comments c
         JOIN articles a ON a.id = c.article_id LEFT JOIN readers r ON r.id = c.reader_id
         WHERE c.status = 'approved' AND c.featured_at IS NOT NULL ORDER BY c.featured_at DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?)
}

async fn replies_of(db: &Db, threads: &[i64]) -> Result<Vec<CommentRow>> {
    if threads.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT_COMMENT} WHERE c.status IN ('approved', 'deleted') AND c.thread_id IN ({}) ORDER BY c.id",
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

/// Where the next page of an order starts: after the last comment shown,
/// by the key of its order. A "most recommended" cursor also keeps the
/// snapshot its first page was read at (the last change of the article's
/// counts then), so that later pages order by the counts of that moment.
/// Changes are kept a week ([`recommendations::forget_changes`]): a cursor
/// older than that pages by counts nearer today's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    Newest(i64),
    Oldest(i64),
    Recommended { snapshot: i64, recommends: i64, id: i64 },
}

impl Cursor {
    pub fn sort(self) -> Sort {
        match self {
            Cursor::Newest(_) => Sort::Newest,
            Cursor::Oldest(_) => Sort::Oldest,
            Cursor::Recommended { .. } => Sort::Recommended,
        }
    }

    fn after(sort: Sort, last: &CommentRow) -> Cursor {
        match sort {
            Sort::Newest => Cursor::Newest(last.id),
            Sort::Oldest => Cursor::Oldest(last.id),
            Sort::Recommended => Cursor::Recommended {
                snapshot: last.snapshot.unwrap_or_default(),
                recommends: last.score.unwrap_or_default(),
                id: last.id,
            },
        }
    }

    /// Opaque to clients: base64 of `c1.ID`, `o1.ID` or `r1.SNAPSHOT.COUNT.ID`.
    pub fn encode(self) -> String {
        let text = match self {
            Cursor::Newest(id) => format!("c1.{id}"),
            Cursor::Oldest(id) => format!("o1.{id}"),
            Cursor::Recommended { snapshot, recommends, id } => format!("r1.{snapshot}.{recommends}.{id}"),
        };
        URL_SAFE_NO_PAD.encode(text)
    }

    /// The cursor behind `cursor`; a 400 for anything this server did not make.
    pub fn decode(cursor: &str) -> Result<Cursor> {
        let invalid = || Error::bad_request("invalid cursor");
        let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
        let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
        let (kind, numbers) = text.split_once('.').ok_or_else(invalid)?;
        let numbers: Vec<i64> = numbers
            .split('.')
            .map(|digits| match digits.parse::<i64>() {
                // One spelling per number: no sign, no leading zero.
                Ok(n)
                    if n >= 0
                        && digits.bytes().all(|b| b.is_ascii_digit())
                        && (digits == "0" || !digits.starts_with('0')) =>
                {
                    Ok(n)
                }
                _ => Err(invalid()),
            })
            .collect::<Result<_>>()?;
        match (kind, &numbers[..]) {
            ("c1", &[id]) if id > 0 => Ok(Cursor::Newest(id)),
            ("o1", &[id]) if id > 0 => Ok(Cursor::Oldest(id)),
            ("r1", &[snapshot, recommends, id]) if id > 0 => Ok(Cursor::Recommended { snapshot, recommends, id }),
            _ => Err(invalid()),
        }
    }
}

/// Adds `delta` to the count of readers recommending comment `id` (kept by
/// `recommendations.rs` with its rows); the count then.
pub async fn add_recommends(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, delta: i64) -> Result<u32> {
    if delta != 0 {
        sqlx::query("UPDATE comments SET recommends = recommends + $1 WHERE id = $2")
            .bind(delta)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    let count: Option<i64> =
        sqlx::query_scalar("SELECT recommends FROM comments WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
    Ok(count.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
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
    /// The author's edit of a published comment, awaiting a decision.
    pub pending_body: Option<String>,
    pub created_at: String,
    pub slug: String,
    pub title: String,
    /// The signed-in reader who wrote it, if any.
    pub reader_id: Option<i64>,
    /// The comment it answers, if any.
    pub parent_author: Option<String>,
    pub parent_body: Option<String>,
    /// Open reports, and their reasons (comma-separated, distinct).
    pub reports: i64,
    pub reasons: Option<String>,
}

/// Which comments await a decision: held for pre-moderation, or published with open reports.
const AWAITING: &str = "c.status = 'pending'
    OR (c.status = 'approved' AND c.pending_body IS NOT NULL)
    OR (c.status = 'approved' AND c.id IN (SELECT comment_id FROM reports WHERE resolved_at IS NULL))";

/// How many comments await a decision, across all articles.
pub async fn awaiting<'e>(db: impl sqlx::Executor<'e, Database = sqlx::Any>) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT count(*) FROM comments c WHERE {AWAITING}")).fetch_one(db).await?)
}

/// The comments awaiting a decision, across all articles, oldest first:
/// held for pre-moderation, and published with open reports.
pub async fn queue(db: &Db, limit: i64) -> Result<Vec<Queued>> {
    Ok(sqlx::query_as(&format!(
        "SELECT c.id, c.status, COALESCE(r.name, c.author) AS author, c.body, c.pending_body, c.created_at, a.slug, a.title,
                c.reader_id, p.author AS parent_author, p.body AS parent_body,
                (SELECT count(*) FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL) AS reports,
                (SELECT min(r.reason) FROM reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL) AS reasons
         FROM comments c
         JOIN articles a ON a.id = c.article_id
         LEFT JOIN readers r ON r.id = c.reader_id
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

/// Who wrote a comment, as a ban needs it.
pub struct Authored {
    /// The signed-in reader's, if any.
    pub reader_id: Option<i64>,
    /// The address hash ('' once forgotten).
    pub client_hash: String,
    /// The article's slug.
    pub slug: String,
}

/// Who wrote comment `id` (unless it is deleted, or there is no such comment).
pub async fn author_of(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<Option<Authored>> {
    let row: Option<(Option<i64>, String, String)> = sqlx::query_as(
        "SELECT c.reader_id, c.client_hash, a.slug FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.id = $1 AND c.status != 'deleted'",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(reader_id, client_hash, slug)| Authored { reader_id, client_hash, slug }))
}

/// One comment as a moderator about to ban its author sees it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ToJudge {
    pub id: i64,
    pub author: String,
    pub body: String,
    pub created_at: String,
    pub title: String,
    pub reader_id: Option<i64>,
    /// The reader's site, when signed in.
    pub site: Option<String>,
    /// Whether the address hash is still kept.
    pub has_address: i64,
}

/// Comment `id`, unless deleted, with what a ban of its author needs.
pub async fn to_judge(db: &Db, id: i64) -> Result<Option<ToJudge>> {
    Ok(sqlx::query_as(
        "SELECT c.id, COALESCE(r.name, c.author) AS author, c.body, c.created_at, a.title, c.reader_id,
                r.site, CASE WHEN c.client_hash = '' THEN 0 ELSE 1 END AS has_address
         FROM comments c JOIN articles a ON a.id = c.article_id LEFT JOIN readers r ON r.id = c.reader_id
         WHERE c.id = $1 AND c.status != 'deleted'",
    )
    .bind(id)
    .fetch_optional(db)
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
    // A published comment whose author's edit awaits: the verdict is on the edit.
    let edit: Option<(String, String)> = sqlx::query_as(
        "SELECT body, pending_body FROM comments WHERE id = $1 AND status = 'approved' AND pending_body IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((old, new)) = edit {
        match verdict {
            Verdict::Approved => replace_text(tx, id, &old, &new, &db::now()).await?,
            // The edit is turned down; the published text stays.
            Verdict::Rejected => {
                sqlx::query("UPDATE comments SET pending_body = NULL WHERE id = $1")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
            }
            Verdict::Spam => {}
        }
        if verdict != Verdict::Spam {
            return Ok(());
        }
    }
    let status = match verdict {
        Verdict::Approved => "approved",
        Verdict::Rejected => "rejected",
        Verdict::Spam => "spam",
    };
    // Published now: the article's next publication number.
    let unpublished: Option<i64> = match verdict {
        Verdict::Approved => {
            sqlx::query_scalar("SELECT article_id FROM comments WHERE id = $1 AND status != 'approved'")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?
        }
        _ => None,
    };
    if let Some(article) = unpublished {
        let number = articles::next_publication(tx, article).await?;
        sqlx::query("UPDATE comments SET published_seq = $1 WHERE id = $2")
            .bind(number)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("UPDATE comments SET status = $1 WHERE id = $2").bind(status).bind(id).execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        for cursor in [
            Cursor::Newest(42),
            Cursor::Oldest(7),
            Cursor::Recommended { snapshot: 0, recommends: 0, id: 3 },
            Cursor::Recommended { snapshot: 90, recommends: 12, id: 3 },
        ] {
            assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
        }
        for bad in [
            "",
            "42",
            "!!!",
            &URL_SAFE_NO_PAD.encode("c1.-5"),
            &URL_SAFE_NO_PAD.encode("c1.+5"),
            &URL_SAFE_NO_PAD.encode("c1.0"),
            &URL_SAFE_NO_PAD.encode("o1.01"),
            &URL_SAFE_NO_PAD.encode("r1.00.1.2"),
            &URL_SAFE_NO_PAD.encode("c1."),
            &URL_SAFE_NO_PAD.encode("c1.5.6"),
            &URL_SAFE_NO_PAD.encode("o1.5.6"),
            &URL_SAFE_NO_PAD.encode("r1.5.6"),
            &URL_SAFE_NO_PAD.encode("r1.5.6.7.8"),
            &URL_SAFE_NO_PAD.encode("r1.-5.6.7"),
            &URL_SAFE_NO_PAD.encode("x.5"),
        ] {
            let refused = Cursor::decode(bad).map_err(|e| e.refusal());
            assert_eq!(refused, Err(Some(crate::error::Refusal::BadRequest)), "{bad:?}");
        }
    }
}
