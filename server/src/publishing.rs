//! Publishing, for publishers' API keys: `PUT` and `DELETE
//! /api/v1/articles/{slug}`, `GET …/{slug}/revisions`, and `POST
//! /api/v1/imports` (an article page fetched from its URL).
//!
//! A document is checked whole before anything is written; a write is one
//! transaction (the article and its revision), so a failed update leaves the
//! previous version served.

use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use encart_api_types::{
    Article, Block, Date, Inline, MAX_INLINE_DEPTH, error_code, is_safe_href, is_safe_src, is_safe_srcset,
};
use serde::Deserialize;

use crate::articles::{self, Author, Upserted};
use crate::error::Fields;
use crate::extract::{Body, JsonBody, Slug};
use crate::import::{self, ImportError, ImportOptions};
use crate::publishers::{self, Publisher};
use crate::{AppState, Error, Result};

/// Largest publishing request body.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
const MAX_BYLINE_CHARS: usize = 200;
const MAX_LEAD_CHARS: usize = 1_000;

/// `PUT` and `DELETE` on an article's path (its `GET` is `articles.rs`'),
/// its history and URL imports.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles/{slug}", put(put_article).delete(delete_article))
        .route("/api/v1/articles/{slug}/revisions", get(revisions))
        .route("/api/v1/imports", post(import_url))
        .layer(DefaultBodyLimit::max(MAX_DOCUMENT_BYTES))
}

/// An article as a publisher sends it: the body as structured blocks, or as
/// HTML that goes through the importer's sanitizing (exactly one of them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleDocument {
    pub title: String,
    #[serde(default)]
    pub byline: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// BCP 47 tag, e.g. `fr`.
    pub language: String,
    /// `rtl` or `ltr`, when the text's direction is not its language's.
    #[serde(default)]
    pub dir: Option<String>,
    #[serde(default)]
    pub lead: Option<String>,
    #[serde(default)]
    pub body: Option<Vec<Block>>,
    #[serde(default)]
    pub html: Option<String>,
    #[serde(default)]
    pub source_url: Option<String>,
}

impl Body for ArticleDocument {
    const WHAT: &'static str = "a valid document";
    const MAX_BYTES: usize = MAX_DOCUMENT_BYTES;
}

fn check_text(refusals: &mut Fields, field: &'static str, text: &str, max: usize, required: bool) {
    let text = text.trim();
    if text.is_empty() {
        if required {
            refusals.push((field, "required"));
        }
    } else if text.chars().count() > max {
        refusals.push((field, "too_long"));
    } else if text.chars().any(char::is_control) {
        refusals.push((field, "control_characters"));
    }
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl ArticleDocument {
    /// The article this document makes under `slug`, or every field it gets wrong.
    pub fn into_article(self, slug: String) -> Result<Article> {
        let mut refusals = Fields::new();
        if slug.is_empty() || import::slug_of(&slug) != slug {
            refusals.push(("slug", "invalid"));
        }
        check_text(&mut refusals, "title", &self.title, import::MAX_TITLE_CHARS, true);
        if let Some(byline) = &self.byline {
            check_text(&mut refusals, "byline", byline, MAX_BYLINE_CHARS, false);
        }
        if let Some(lead) = &self.lead {
            check_text(&mut refusals, "lead", lead, MAX_LEAD_CHARS, false);
        }
        let published = match optional(self.published) {
            Some(text) => text.parse::<Date>().map_err(|_| refusals.push(("published", "invalid"))).ok(),
            None => None,
        };
        if !import::is_language_tag(self.language.trim()) {
            refusals.push(("language", "invalid"));
        }
        let dir = optional(self.dir).map(|d| d.to_ascii_lowercase());
        if dir.as_deref().is_some_and(|d| d != "rtl" && d != "ltr") {
            refusals.push(("dir", "invalid"));
        }
        let source_url = optional(self.source_url);
        if source_url.as_deref().is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
            refusals.push(("source_url", "invalid"));
        }
        let body = match (self.body, self.html) {
            (Some(_), Some(_)) => {
                refusals.push(("body", "body_or_html"));
                Vec::new()
            }
            (None, None) => {
                refusals.push(("body", "required"));
                Vec::new()
            }
            (None, Some(html)) => import::blocks_from_html(&html).unwrap_or_else(|refused| {
                refusals.push(("html", refused.refusal().code()));
                Vec::new()
            }),
            (Some(blocks), None) => {
                if let Some(code) = blocks.iter().find_map(block_problem) {
                    refusals.push(("body", code));
                }
                blocks.into_iter().map(normalized).collect()
            }
        };
        if body.is_empty() && !refusals.iter().any(|(field, _)| matches!(*field, "body" | "html")) {
            refusals.push(("body", "empty"));
        }
        if !refusals.is_empty() {
            let fields: Vec<&str> = refusals.iter().map(|(field, _)| *field).collect();
            let message = format!("invalid fields: {}", fields.join(", "));
            return Err(Error::invalid(refusals, message));
        }
        Ok(Article {
            slug,
            title: self.title.split_whitespace().collect::<Vec<_>>().join(" "),
            byline: optional(self.byline),
            published,
            language: self.language.trim().to_owned(),
            dir,
            lead: optional(self.lead),
            body,
            source_url,
            updated: None,
        })
    }
}

/// Longest alt text and credit of a figure, and widest table.
const MAX_ALT_CHARS: usize = 1_000;
const MAX_CREDIT_CHARS: usize = 300;
const MAX_TABLE_COLUMNS: usize = 32;

/// What is wrong with a block a publisher sent (or an import made), if anything.
pub fn block_problem(block: &Block) -> Option<&'static str> {
    let text_problem = |text: &str, max: usize, allowed: &[char]| {
        if text.chars().count() > max {
            Some("too_long")
        } else if text.chars().any(|c| c.is_control() && !allowed.contains(&c)) {
            Some("control_characters")
        } else {
            None
        }
    };
    let own = match block {
        Block::Heading { level, .. } if !(1..=6).contains(level) => Some("heading_level"),
        Block::Figure(figure) => {
            let srcset_unsafe = figure.srcset.as_deref().is_some_and(|s| !is_safe_srcset(s));
            if !is_safe_src(&figure.src) || srcset_unsafe {
                Some("unsafe_src")
            } else {
                text_problem(&figure.alt, MAX_ALT_CHARS, &[])
                    .or_else(|| figure.credit.as_deref().and_then(|c| text_problem(c, MAX_CREDIT_CHARS, &[])))
            }
        }
        Block::Preformatted(text) => text_problem(text, MAX_DOCUMENT_BYTES, &['\n', '\t']),
        Block::Table { head, rows } if std::iter::once(head).chain(rows).any(|r| r.len() > MAX_TABLE_COLUMNS) => {
            Some("too_wide")
        }
        _ => None,
    };
    own.or_else(|| block.texts().into_iter().find_map(inline_problem))
}

/// A block as it is stored: section headings at levels 1 to 3 (deeper ones
/// are shown, and kept, as level 3).
fn normalized(block: Block) -> Block {
    match block {
        Block::Heading { level, text } => Block::Heading { level: level.clamp(1, 3), text },
        other => other,
    }
}

fn inline_problem(inlines: &[Inline]) -> Option<&'static str> {
    inlines.iter().find_map(|inline| match inline {
        Inline::Text(text) if text.chars().any(|c| c.is_control() && c != '\n') => Some("control_characters"),
        Inline::Text(_) => None,
        _ if inline.depth() > MAX_INLINE_DEPTH => Some(error_code::TOO_DEEP),
        Inline::Emphasis(inner) | Inline::Strong(inner) => inline_problem(inner),
        Inline::Link { href, .. } if !is_safe_href(href) => Some("unsafe_link"),
        Inline::Link { text, .. } => inline_problem(text),
    })
}

fn created_or_updated(outcome: Upserted) -> StatusCode {
    match outcome {
        Upserted::Created => StatusCode::CREATED,
        Upserted::Updated => StatusCode::OK,
    }
}

/// A 422 when `slug` is free but not `publisher`'s to create: outside its
/// slug prefix, or inside another publisher's. (Whose an existing article
/// is, `articles::save` checks in its write.)
async fn reserved_slug_check(state: &AppState, publisher: &Publisher, slug: &str) -> Result<()> {
    if articles::owner(&state.db, slug).await?.is_none() && !publishers::may_create(&state.db, publisher, slug).await? {
        let message = match &publisher.slug_prefix {
            Some(prefix) => format!("this publisher's slugs start with {prefix:?}"),
            None => "this slug is reserved for another publisher".to_owned(),
        };
        return Err(Error::invalid(vec![("slug", "reserved")], message));
    }
    Ok(())
}

/// `PUT /api/v1/articles/{slug}`: creates or replaces the publisher's article.
async fn put_article(
    State(state): State<AppState>,
    publisher: Publisher,
    Slug(slug): Slug,
    JsonBody(document): JsonBody<ArticleDocument>,
) -> Result<(StatusCode, Json<Article>)> {
    reserved_slug_check(&state, &publisher, &slug).await?;
    // Parsing a document's HTML is CPU work: off the async workers.
    let article = state.blocking.run(move || document.into_article(slug)).await??;
    let (outcome, stored) = articles::save(&state.db, &article, Author::Publisher(publisher.id)).await?;
    state.written(&stored.slug).await;
    tracing::info!(publisher = %publisher.name, slug = %stored.slug, ?outcome, "article published");
    Ok((created_or_updated(outcome), Json(stored)))
}

#[derive(Debug, Deserialize)]
pub struct DeleteParams {
    /// `keep`: withdraw the article but keep its comments, hidden; `delete` (default): remove them too.
    #[serde(default)]
    comments: Option<String>,
}

/// `DELETE /api/v1/articles/{slug}[?comments=keep]`.
async fn delete_article(
    State(state): State<AppState>,
    publisher: Publisher,
    Slug(slug): Slug,
    params: Result<Query<DeleteParams>, QueryRejection>,
) -> Result<StatusCode> {
    let bad = || Error::bad_request("comments must be `keep` or `delete`");
    let Query(params) = params.map_err(|_| bad())?;
    let keep = match params.comments.as_deref() {
        None | Some("delete") => false,
        Some("keep") => true,
        Some(_) => return Err(bad()),
    };
    if keep {
        articles::withdraw(&state.db, &slug, publisher.id).await?;
    } else {
        articles::delete(&state.db, &slug, publisher.id).await?;
    }
    state.written(&slug).await;
    tracing::info!(publisher = %publisher.name, %slug, keep_comments = keep, "article deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/articles/{slug}/revisions`: the publisher's article's history, newest first.
async fn revisions(
    State(state): State<AppState>,
    publisher: Publisher,
    Slug(slug): Slug,
) -> Result<Json<serde_json::Value>> {
    // Another publisher's article is answered as one that does not exist:
    // the answer tells nothing of what others publish.
    if articles::owner(&state.db, &slug).await? != Some(Some(publisher.id)) {
        return Err(Error::not_found("article"));
    }
    let list = articles::revisions(&state.db, &slug).await?;
    Ok(Json(serde_json::json!({ "revisions": list })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    pub url: String,
    /// The page's language (BCP 47), when it does not say or says wrong.
    #[serde(default)]
    pub language: Option<String>,
}

impl Body for ImportRequest {
    const WHAT: &'static str = r#"{"url": "…"}"#;
    const MAX_BYTES: usize = MAX_DOCUMENT_BYTES;
}

/// `POST /api/v1/imports {"url"}`: fetches the publisher's page and imports it.
async fn import_url(
    State(state): State<AppState>,
    publisher: Publisher,
    JsonBody(request): JsonBody<ImportRequest>,
) -> Result<(StatusCode, Json<Article>)> {
    // A URL refused before any connection costs nothing; the others count.
    state.fetcher.precheck(&request.url, &publisher)?;
    if let Some(key) = publisher.key {
        state.throttle.import(key)?;
    }
    let page = state.fetcher.fetch(&request.url, &publisher).await?;
    let url = page.url.to_string();
    let language = request.language.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
    if language.as_deref().is_some_and(|l| !import::is_language_tag(l)) {
        return Err(Error::invalid(vec![("language", "invalid")], "language is a BCP 47 tag, e.g. fr or pt-BR"));
    }
    let options = ImportOptions { language, source_url: Some(url.clone()) };
    // Readability is CPU work: off the async workers, a few at a time.
    let parsed = state.blocking.run(move || import::parse_html(&page.bytes, &options)).await?;
    let mut article = parsed.map_err(|e| match e {
        ImportError::UnknownPageLanguage => Error::invalid(vec![("language", "required")], e.to_string()),
        e => Error::refused(e.refusal(), format!("{url}: {e}")),
    })?;
    article.slug = publishers::slug_for(&publisher, &article.slug);
    reserved_slug_check(&state, &publisher, &article.slug).await?;
    let (outcome, stored) = articles::save(&state.db, &article, Author::Publisher(publisher.id)).await?;
    state.written(&stored.slug).await;
    tracing::info!(publisher = %publisher.name, %url, slug = %stored.slug, "article imported");
    Ok((created_or_updated(outcome), Json(stored)))
}
