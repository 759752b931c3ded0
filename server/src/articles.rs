//! Articles: `GET /api/v1/articles/{slug}`, and the storage of the
//! `articles` table and of its history, `article_revisions` (the publishing
//! API writes through [`save`], [`withdraw`] and [`delete`]).

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use encart_api_types::{Article, Block, Date};
use serde::Serialize;

use crate::db::{self, Db, Json as SqlJson};
use crate::extract::Slug;
use crate::{AppState, Error, Result, cache};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}", get(show))
}

async fn show(State(state): State<AppState>, headers: HeaderMap, Slug(slug): Slug) -> Result<Response> {
    let load = async { find(&state.db, &slug).await?.ok_or_else(|| Error::not_found("article")) };
    cache::json(&state, &slug, Some(cache::Hot::Article), &headers, load).await
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    slug: String,
    title: String,
    byline: Option<String>,
    published: Option<String>,
    language: String,
    dir: Option<String>,
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
            dir: row.dir,
            lead: row.lead,
            body: row.body.0,
            source_url: row.source_url,
            updated: Some(row.updated_at),
        })
    }
}

const COLUMNS: &str = "slug, title, byline, published, language, dir, lead, body, source_url, updated_at";

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

/// What an e-mail about an article's discussion says of it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Summary {
    pub slug: String,
    pub title: String,
    /// A BCP 47 tag.
    pub language: String,
    pub source_url: Option<String>,
}

/// Article `id`'s summary, unless it is withdrawn or gone.
pub async fn summary(db: &Db, id: i64) -> Result<Option<Summary>> {
    Ok(sqlx::query_as("SELECT slug, title, language, source_url FROM articles WHERE id = $1 AND hidden = 0")
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The id of the shown article `slug`, or a 404.
pub async fn id_of(db: &Db, slug: &str) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM articles WHERE slug = $1 AND hidden = 0")
        .bind(slug)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| Error::not_found("article"))
}

/// The slug of the shown article first published at `url` (its `source_url`), if any.
pub async fn by_source_url(db: &Db, url: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT slug FROM articles WHERE source_url = $1 AND hidden = 0")
        .bind(url)
        .fetch_optional(db)
        .await?)
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

/// The answer to a publisher writing or deleting an article that is not theirs.
pub fn not_yours() -> Error {
    Error::forbidden("this article belongs to another publisher")
}

/// Whether [`save`] created the article or replaced an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
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
    let mut tx = db::begin_writing(db).await?;
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
        return Err(not_yours());
    }
    let existed = before.is_some();
    let before = before.map(|(_, row)| Article::try_from(row)).transpose()?;
    let stored: Option<WithId> = bind_article(
        sqlx::query_as(&format!(
            "{INSERT}
         ON CONFLICT (slug) DO UPDATE SET
             title = excluded.title, byline = excluded.byline, published = excluded.published,
             language = excluded.language, dir = excluded.dir, lead = excluded.lead, body = excluded.body,
             source_url = excluded.source_url, source_key = excluded.source_key, hidden = 0,
             publisher_id = coalesce(excluded.publisher_id, articles.publisher_id),
             updated_at = excluded.updated_at -- the column's default: now
         -- The owner check again, in the write itself: a race cannot steal an article.
         WHERE excluded.publisher_id IS NULL OR articles.publisher_id IS NOT DISTINCT FROM excluded.publisher_id
         RETURNING id, {COLUMNS}"
        )),
        article,
        publisher,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let WithId { id, article: stored } = stored.ok_or_else(not_yours)?;
    let stored = Article::try_from(stored)?;
    let changed = changed_fields(before.as_ref(), &stored);
    add_revision(&mut tx, id, publisher, &changed, Some(&stored)).await?;
    tx.commit().await?;
    Ok((if existed { Upserted::Updated } else { Upserted::Created }, stored))
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// An article's row, as [`bind_article`] fills it.
const INSERT: &str = "INSERT INTO articles (slug, title, byline, published, language, lead, body, source_url,
                                            publisher_id, dir, source_key)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

/// [`INSERT`]'s parameters: `article`, owned by `publisher`.
fn bind_article<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    article: &'q Article,
    publisher: Option<i64>,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    query
        .bind(&article.slug)
        .bind(&article.title)
        .bind(&article.byline)
        .bind(article.published.map(|d| d.to_string()))
        .bind(&article.language)
        .bind(&article.lead)
        .bind(SqlJson(&article.body))
        .bind(&article.source_url)
        .bind(publisher)
        .bind(&article.dir)
        .bind(article.source_url.as_deref().and_then(source_key))
}

/// Query parameters that say where a reader came from, not which page.
fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || name.starts_with("at_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gbraid"
                | "wbraid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "_ga"
                | "xtor"
                | "ref"
                | "ref_src"
                | "s_cid"
                | "cmpid"
                | "ocid"
                | "yclid"
                | "twclid"
                | "ns_source"
                | "ns_mchannel"
                | "ns_campaign"
        )
}

/// The page at `url` as other systems' threads name it: its host without
/// `www.` (and its port, if not the scheme's), path without a trailing slash,
/// and query without tracking parameters, sorted; the scheme and the
/// fragment ignored. `None` for what is not an http(s) address.
pub fn source_key(url: &str) -> Option<String> {
    let url = url::Url::parse(url.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut key = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    key.push_str(url.path().trim_end_matches('/'));
    let mut query: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !is_tracking(name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if !query.is_empty() {
        query.sort();
        key.push('?');
        key.push_str(&url::form_urlencoded::Serializer::new(String::new()).extend_pairs(query).finish());
    }
    Some(key)
}

/// Gives every article stored before `source_key` existed its key (an import
/// does this first, a page at a time).
pub async fn fill_source_keys(db: &Db) -> Result<()> {
    let mut after = 0i64;
    loop {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, source_url FROM articles
             WHERE source_key IS NULL AND source_url IS NOT NULL AND id > $1 ORDER BY id LIMIT 500",
        )
        .bind(after)
        .fetch_all(db)
        .await?;
        let Some((last, _)) = rows.last() else { return Ok(()) };
        after = *last;
        let mut tx = db.begin().await?;
        for (id, url) in rows {
            sqlx::query("UPDATE articles SET source_key = $1 WHERE id = $2")
                .bind(source_key(&url))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
}

/// `publisher`'s article at the page whose [`source_key`] is `key` (a shown one first).
pub async fn by_source_key(tx: &mut sqlx::AnyConnection, key: &str, publisher: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM articles WHERE source_key = $1 AND publisher_id = $2 ORDER BY hidden, id LIMIT 1",
    )
    .bind(key)
    .bind(publisher)
    .fetch_optional(tx)
    .await?)
}

/// The id and owner of the article `slug`, shown or not.
pub async fn id_and_owner(tx: &mut Tx<'_>, slug: &str) -> Result<Option<(i64, Option<i64>)>> {
    Ok(sqlx::query_as("SELECT id, publisher_id FROM articles WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Creates `article` for `publisher`, as a thread of another system brought
/// it (no body yet, often): under its slug, or the first of `slug-2`,
/// `slug-3`, … that is free. Its history says it was imported. Returns its id.
pub async fn create_for_import(tx: &mut Tx<'_>, article: &Article, publisher: i64) -> Result<i64> {
    let mut candidate = article.slug.clone();
    for n in 2.. {
        if id_and_owner(tx, &candidate).await?.is_none() {
            break;
        }
        candidate = format!("{}-{n}", article.slug);
    }
    let article = Article { slug: candidate, ..article.clone() };
    create_exact(tx, &article, publisher).await
}

/// Creates `article` for `publisher` under its slug, which must be free; its
/// history says it was imported. Returns its id.
pub async fn create_exact(tx: &mut Tx<'_>, article: &Article, publisher: i64) -> Result<i64> {
    let query = format!("{INSERT} RETURNING id");
    let (id,): (i64,) = bind_article(sqlx::query_as(&query), article, Some(publisher)).fetch_one(&mut **tx).await?;
    add_revision(tx, id, Some(publisher), &["imported"], Some(article)).await?;
    Ok(id)
}

/// `publisher`'s shown articles after id `after`, `limit` at most, by id.
pub async fn of_publisher(db: &Db, publisher: i64, after: i64, limit: i64) -> Result<Vec<(i64, Article)>> {
    let rows: Vec<WithId> = sqlx::query_as(&format!(
        "SELECT id, {COLUMNS} FROM articles WHERE publisher_id = $1 AND hidden = 0 AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(publisher)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(|row| Ok((row.id, Article::try_from(row.article)?))).collect()
}

/// Notes in article `id`'s history that `publisher` (`None`: the operator)
/// changed `changed`, making it `document` (`None`: withdrawn).
async fn add_revision(
    tx: &mut Tx<'_>,
    id: i64,
    publisher: Option<i64>,
    changed: &[&str],
    document: Option<&Article>,
) -> Result<()> {
    sqlx::query("INSERT INTO article_revisions (article_id, publisher_id, changed, document) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(publisher)
        .bind(SqlJson(changed))
        .bind(SqlJson(document))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The shown article `slug` of `publisher`, in `tx`: a 404 if there is none,
/// a 403 if it is another's.
async fn own_shown(tx: &mut Tx<'_>, slug: &str, publisher: i64) -> Result<i64> {
    let found: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, publisher_id FROM articles WHERE slug = $1 AND hidden = 0")
            .bind(slug)
            .fetch_optional(&mut **tx)
            .await?;
    let (id, owner) = found.ok_or_else(|| Error::not_found("article"))?;
    if owner != Some(publisher) {
        return Err(not_yours());
    }
    Ok(id)
}

/// Withdraws `publisher`'s article `slug`: hidden with its comments (a later
/// [`save`] shows both again), noted in its history; one transaction.
pub async fn withdraw(db: &Db, slug: &str, publisher: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let id = own_shown(&mut tx, slug, publisher).await?;
    sqlx::query("UPDATE articles SET hidden = 1 WHERE id = $1").bind(id).execute(&mut *tx).await?;
    add_revision(&mut tx, id, Some(publisher), &["withdrawn"], None).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes `publisher`'s article `slug`, its comments and its history with it
/// (`ON DELETE CASCADE`).
pub async fn delete(db: &Db, slug: &str, publisher: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let id = own_shown(&mut tx, slug, publisher).await?;
    sqlx::query("DELETE FROM articles WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// One entry of an article's history.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct Revision {
    pub id: i64,
    /// Who: the publisher's name, or `null` for the operator.
    pub publisher: Option<String>,
    pub created_at: String,
    /// The fields that changed (`["created"]` for the first version).
    pub changed: SqlJson<Vec<String>>,
}

/// The history of the article `slug`, newest first.
pub async fn revisions(db: &Db, slug: &str) -> Result<Vec<Revision>> {
    Ok(sqlx::query_as(
        "SELECT r.id, p.name AS publisher, r.created_at, r.changed FROM article_revisions r
         JOIN articles a ON a.id = r.article_id LEFT JOIN publishers p ON p.id = r.publisher_id
         WHERE a.slug = $1 ORDER BY r.id DESC",
    )
    .bind(slug)
    .fetch_all(db)
    .await?)
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
    check("dir", b.dir != after.dir);
    check("lead", b.lead != after.lead);
    check("body", b.body != after.body);
    check("source_url", b.source_url != after.source_url);
    changed
}

/// The next publication number of article `id` (live updates: `events.rs`),
/// taken in `tx`: the article's row stays locked until it ends, so that
/// numbers are committed in order, and none is given twice.
pub async fn next_publication(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "UPDATE articles SET last_publication = last_publication + 1 WHERE id = $1 RETURNING last_publication",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?)
}

/// The last publication number of article `id` (0: none yet).
pub async fn last_publication(db: &Db, id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT last_publication FROM articles WHERE id = $1").bind(id).fetch_one(db).await?)
}

/// Holds the rows of the articles `ids` until `tx` ends, so that writers that
/// number changes of one article (`recommendation_changes`) commit them in
/// the order numbered. PostgreSQL only (row locks,
/// taken in id order): SQLite lets one writer in at a time anyway.
pub async fn hold(tx: &mut sqlx::Transaction<'_, sqlx::Any>, ids: &[i64]) -> Result<()> {
    if tx.backend_name() != "PostgreSQL" || ids.is_empty() {
        return Ok(());
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    let sql = format!("SELECT id FROM articles WHERE id IN ({}) ORDER BY id FOR UPDATE", db::parameters(1, ids.len()));
    let mut query = sqlx::query_scalar::<_, i64>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    query.fetch_all(&mut **tx).await?;
    Ok(())
}
