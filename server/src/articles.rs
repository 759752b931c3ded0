//! Articles: `GET /api/v1/articles/{slug}`, and their storage.

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use encart_api_types::{Article, Block, Date};
use sqlx::SqliteExecutor;
use sqlx::types::Json as SqlJson;

use crate::db::Db;
use crate::{AppState, Error, Result, cache};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}", get(show))
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    slug: Result<Path<String>, PathRejection>,
) -> Result<Response> {
    let slug = slug_param(slug)?;
    let load = async { find(&state.db, &slug).await?.ok_or(Error::NotFound("article")) };
    cache::json(&state, &slug, "article", &headers, load).await
}

/// The `{slug}` of a path, or a 400 when it is not valid UTF-8.
pub fn slug_param(path: Result<Path<String>, PathRejection>) -> Result<String> {
    path.map(|Path(slug)| slug).map_err(|_| Error::BadRequest("the article slug in the path is not valid".into()))
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
        })
    }
}

/// The article with this slug, or `None` when there is none.
pub async fn find(db: &Db, slug: &str) -> Result<Option<Article>> {
    let row: Option<ArticleRow> = sqlx::query_as(
        "SELECT slug, title, byline, published, language, lead, body, source_url FROM articles WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(db)
    .await?;
    row.map(Article::try_from).transpose()
}

/// Whether an article with this slug exists.
pub async fn exists(db: impl SqliteExecutor<'_>, slug: &str) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM articles WHERE slug = ?").bind(slug).fetch_optional(db).await?;
    Ok(found.is_some())
}

/// Whether [`upsert`] created the article or replaced an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
}

/// Stores `article` under its slug, replacing any article with the same slug.
pub async fn upsert(db: &Db, article: &Article) -> Result<Upserted> {
    let mut tx = db.begin().await?;
    let existed = exists(&mut *tx, &article.slug).await?;
    sqlx::query(
        "INSERT INTO articles (slug, title, byline, published, language, lead, body, source_url)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET
             title = excluded.title, byline = excluded.byline, published = excluded.published,
             language = excluded.language, lead = excluded.lead, body = excluded.body,
             source_url = excluded.source_url,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    )
    .bind(&article.slug)
    .bind(&article.title)
    .bind(&article.byline)
    .bind(article.published.map(|d| d.to_string()))
    .bind(&article.language)
    .bind(&article.lead)
    .bind(SqlJson(&article.body))
    .bind(&article.source_url)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(if existed { Upserted::Updated } else { Upserted::Created })
}
