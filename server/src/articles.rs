//! Articles: `GET /api/v1/articles/{slug}`, and their storage.

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use encart_api_types::{Article, Block, Date};
use sqlx::{Any, Executor};

use crate::db::{Db, Json as SqlJson};
use crate::{AppState, Error, Result, cache};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/articles/{slug}",
        get(show)
            .put(crate::publishing::put_article)
            .delete(crate::publishing::delete_article)
            .layer(axum::extract::DefaultBodyLimit::max(crate::publishing::MAX_DOCUMENT_BYTES)),
    )
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    slug: Result<Path<String>, PathRejection>,
) -> Result<Response> {
    let slug = slug_param(slug)?;
    let load = async { find(&state.db, &slug).await?.ok_or(Error::NotFound("article")) };
    cache::json(&state, &slug, Some(cache::Hot::Article), &headers, load).await
}

/// The `{slug}` of a path, or a 400 when it is not valid UTF-8 or holds a
/// control character (no slug does, and PostgreSQL refuses NUL in text).
pub fn slug_param(path: Result<Path<String>, PathRejection>) -> Result<String> {
    let Ok(Path(slug)) = path else { return Err(bad_slug()) };
    checked_slug(slug)
}

/// The `{slug}` and `{id}` of a comment's path (`…/articles/{slug}/comments/{id}…`),
/// or a 400 as for [`slug_param`]; the id is the handler's to parse.
pub fn slug_and_id_params(path: Result<Path<(String, String)>, PathRejection>) -> Result<(String, String)> {
    let Ok(Path((slug, id))) = path else { return Err(Error::BadRequest("the path is not valid".into())) };
    Ok((checked_slug(slug)?, id))
}

/// `slug` if it may name an article (see [`valid_slug`]).
fn checked_slug(slug: String) -> Result<String> {
    if valid_slug(&slug) { Ok(slug) } else { Err(bad_slug()) }
}

/// Whether `slug` may name an article: no control character (no slug has
/// one, and PostgreSQL refuses NUL in text).
pub fn valid_slug(slug: &str) -> bool {
    !slug.chars().any(char::is_control)
}

fn bad_slug() -> Error {
    Error::BadRequest("the article slug in the path is not valid".into())
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    slug: String,
    title: String,
    byline: Option<String>,
    published: Option<String>,
    language: String,
    lead: Option<String>,
    body: SqlJson<Vec<Block>>,
    source_url: Option<String>,
    updated_at: String,
}

impl TryFrom<ArticleRow> for Article {
    type Error = Error;

    fn try_from(row: ArticleRow) -> Result<Self> {
        let published = row
            .published
            .map(|text| text.parse::<Date>())
            .transpose()
            .map_err(|e| anyhow::anyhow!("article {:?} has a bad published date: {e}", row.slug))?;
        Ok(Article {
            slug: row.slug,
            title: row.title,
            byline: row.byline,
            published,
            language: row.language,
            lead: row.lead,
            body: row.body.0,
            source_url: row.source_url,
            updated: Some(row.updated_at),
        })
    }
}

const COLUMNS: &str = "slug, title, byline, published, language, lead, body, source_url, updated_at";

/// The article with this slug, or `None` when there is none (or its
/// publisher withdrew it).
pub async fn find(db: &Db, slug: &str) -> Result<Option<Article>> {
    Ok(find_with_id(db, slug).await?.map(|(_, article)| article))
}

/// The shown article with this slug and its id (for its comments): one query.
pub async fn find_with_id(db: &Db, slug: &str) -> Result<Option<(i64, Article)>> {
    let row: Option<WithId> =
        sqlx::query_as(&format!("SELECT id, {COLUMNS} FROM articles WHERE slug = $1 AND hidden = 0"))
            .bind(slug)
            .fetch_optional(db)
            .await?;
    row.map(|r| Ok((r.id, Article::try_from(r.article)?))).transpose()
}

#[derive(sqlx::FromRow)]
struct WithId {
    id: i64,
    #[sqlx(flatten)]
    article: ArticleRow,
}

/// Whether an article with this slug is shown.
pub async fn exists<'c>(db: impl Executor<'c, Database = Any>, slug: &str) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM articles WHERE slug = $1 AND hidden = 0")
        .bind(slug)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

/// Whether an article (shown or withdrawn) has this slug, and if so its
/// publisher (`None` inside: the operator's).
pub async fn owner(db: &Db, slug: &str) -> Result<Option<Option<i64>>> {
    Ok(sqlx::query_scalar("SELECT publisher_id FROM articles WHERE slug = $1").bind(slug).fetch_optional(db).await?)
}

/// An article row with its owner.
#[derive(sqlx::FromRow)]
struct OwnedRow {
    publisher_id: Option<i64>,
    #[sqlx(flatten)]
    article: ArticleRow,
}

/// The answer to a publisher writing, reading or deleting an article that is not theirs.
pub fn forbidden() -> Error {
    Error::Status(
        axum::http::StatusCode::FORBIDDEN,
        encart_api_types::error_code::FORBIDDEN,
        "this article belongs to another publisher".into(),
    )
}

/// Whether [`upsert`] created the article or replaced an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
}

/// Stores `article` under its slug, replacing any article with the same
/// slug, as the operator (the `import` command).
pub async fn upsert(db: &Db, article: &Article) -> Result<Upserted> {
    save(db, article, Author::Operator).await.map(|(outcome, _)| outcome)
}

/// Who writes an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Author {
    /// The server's operator: may replace any article.
    Operator,
    /// A publisher (by id): may create articles and replace its own only.
    Publisher(i64),
}

/// Stores `article` in one transaction: the article (shown again if it was
/// withdrawn) and a revision naming who changed which fields. A publisher
/// replacing another's (or the operator's) article gets a 403 and nothing
/// changes. Returns the article as stored.
pub async fn save(db: &Db, article: &Article, author: Author) -> Result<(Upserted, Article)> {
    let mut tx = db.begin().await?;
    // The version it replaces, with its owner: one read.
    let before: Option<(Option<i64>, ArticleRow)> = {
        let row: Option<OwnedRow> =
            sqlx::query_as(&format!("SELECT publisher_id, {COLUMNS} FROM articles WHERE slug = $1"))
                .bind(&article.slug)
                .fetch_optional(&mut *tx)
                .await?;
        row.map(|r| (r.publisher_id, r.article))
    };
    let publisher = match author {
        Author::Operator => None,
        Author::Publisher(id) => Some(id),
    };
    if let (Some((owner, _)), Author::Publisher(id)) = (&before, author)
        && *owner != Some(id)
    {
        return Err(forbidden());
    }
    let existed = before.is_some();
    let before = before.map(|(_, row)| Article::try_from(row)).transpose()?;
    let stored: Option<ArticleRow> = sqlx::query_as(&format!(
        "INSERT INTO articles (slug, title, byline, published, language, lead, body, source_url, publisher_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (slug) DO UPDATE SET
             title = excluded.title, byline = excluded.byline, published = excluded.published,
             language = excluded.language, lead = excluded.lead, body = excluded.body,
             source_url = excluded.source_url, hidden = 0,
             publisher_id = coalesce(excluded.publisher_id, articles.publisher_id),
             updated_at = excluded.updated_at -- the column's default: now
         -- The owner check again, in the write itself: a race cannot steal an article.
         WHERE excluded.publisher_id IS NULL OR articles.publisher_id IS NOT DISTINCT FROM excluded.publisher_id
         RETURNING {COLUMNS}"
    ))
    .bind(&article.slug)
    .bind(&article.title)
    .bind(&article.byline)
    .bind(article.published.map(|d| d.to_string()))
    .bind(&article.language)
    .bind(&article.lead)
    .bind(SqlJson(&article.body))
    .bind(&article.source_url)
    .bind(publisher)
    .fetch_optional(&mut *tx)
    .await?;
    let stored = Article::try_from(stored.ok_or_else(forbidden)?)?;
    let changed = changed_fields(before.as_ref(), &stored);
    sqlx::query(
        "INSERT INTO article_revisions (article_id, publisher_id, changed, document)
         SELECT id, $1, $2, $3 FROM articles WHERE slug = $4",
    )
    .bind(publisher)
    .bind(SqlJson(&changed))
    .bind(SqlJson(&stored))
    .bind(&stored.slug)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((if existed { Upserted::Updated } else { Upserted::Created }, stored))
}

/// The fields that differ between two versions (all of them for a new article).
pub fn changed_fields(before: Option<&Article>, after: &Article) -> Vec<&'static str> {
    let Some(b) = before else { return vec!["created"] };
    let mut changed = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    check("title", b.title != after.title);
    check("byline", b.byline != after.byline);
    check("published", b.published != after.published);
    check("language", b.language != after.language);
    check("lead", b.lead != after.lead);
    check("body", b.body != after.body);
    check("source_url", b.source_url != after.source_url);
    changed
}
