//! Hot reads in memory, and the HTTP caching of every GET.
//!
//! Each GET's JSON is kept per article (`quick_cache`, bounded by article
//! count) with its `ETag`. A write to an article drops that article's
//! entries before it is acknowledged, so a reader sees their own comment at
//! once; entries also expire after [`ReadCache::max_age`] (changes this
//! process does not see, such as an `import` run by another process).
//!
//! Invalidation cannot race a read that started before the write: a reader
//! notes the write generation before querying, and stores its result only if
//! no write happened meanwhile (checked under the same lock writes take).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{AppState, Result};

/// What browsers and shared caches are told: browsers revalidate every
/// time (a 304 when nothing changed, so a reader sees new comments on the
/// next load); a CDN or proxy may hold a response for 5 s.
pub const CACHE_CONTROL: &str = "public, max-age=0, s-maxage=5";
/// Variants kept per article (pages and limits); past it, the article's
/// entries start over.
const VARIANTS_PER_ARTICLE: usize = 64;

/// The read cache of one server process.
pub struct ReadCache {
    articles: quick_cache::sync::Cache<String, Arc<Variants>>,
    /// Bumped by each write: readers that queried across a write do not store.
    generation: Mutex<u64>,
    max_age: Duration,
}

type Variants = RwLock<HashMap<String, Arc<Cached>>>;

/// One GET's answer, ready to send again.
pub struct Cached {
    body: Bytes,
    etag: HeaderValue,
    stored: Instant,
}

impl ReadCache {
    /// A cache of the reads of up to `articles` articles, each kept at most `max_age`.
    pub fn new(articles: usize, max_age: Duration) -> Self {
        ReadCache { articles: quick_cache::sync::Cache::new(articles.max(1)), generation: Mutex::new(0), max_age }
    }

    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    fn get(&self, slug: &str, variant: &str) -> Option<Arc<Cached>> {
        let variants = self.articles.get(slug)?;
        let cached = variants.read().unwrap_or_else(|e| e.into_inner()).get(variant).cloned()?;
        (cached.stored.elapsed() < self.max_age).then_some(cached)
    }

    fn generation(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `cached` unless a write happened since `generation` was read.
    fn put(&self, slug: &str, variant: &str, cached: Arc<Cached>, generation: u64) {
        let current = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        if *current != generation {
            return;
        }
        let variants = match self.articles.get(slug) {
            Some(variants) => variants,
            None => {
                let fresh = Arc::new(Variants::default());
                self.articles.insert(slug.to_owned(), fresh.clone());
                fresh
            }
        };
        let mut variants = variants.write().unwrap_or_else(|e| e.into_inner());
        if variants.len() >= VARIANTS_PER_ARTICLE {
            variants.clear();
        }
        variants.insert(variant.to_owned(), cached);
    }

    /// Drops what is kept about `slug`: call after a write to it is committed
    /// and before it is acknowledged.
    pub fn invalidate(&self, slug: &str) {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.articles.remove(slug);
    }
}

impl Cached {
    fn new(body: Vec<u8>) -> Self {
        let digest = Sha256::digest(&body);
        let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        let etag = HeaderValue::from_str(&format!("\"{tag}\"")).expect("hex is a valid header value");
        Cached { body: Bytes::from(body), etag, stored: Instant::now() }
    }

    /// 304 when the request's `If-None-Match` names this version, else the JSON.
    fn respond(&self, request: &HeaderMap) -> Response {
        let cache_control = HeaderValue::from_static(CACHE_CONTROL);
        if matches(request, &self.etag) {
            return (
                StatusCode::NOT_MODIFIED,
                [(header::ETAG, self.etag.clone()), (header::CACHE_CONTROL, cache_control)],
            )
                .into_response();
        }
        (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
                (header::ETAG, self.etag.clone()),
                (header::CACHE_CONTROL, cache_control),
            ],
            Body::from(self.body.clone()),
        )
            .into_response()
    }
}

/// Whether `If-None-Match` lists `etag` (weakly compared, as RFC 9110 asks) or is `*`.
fn matches(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.to_str().unwrap_or_default();
    request.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == ours
        },
    )
}

/// Answers a GET with `value` as JSON, with an `ETag` (304 when the request
/// names it), without keeping it: for answers about several articles.
pub fn uncached_json<T: Serialize>(value: &T, request: &HeaderMap) -> Result<Response> {
    let body = serde_json::to_vec(value).map_err(anyhow::Error::from)?;
    Ok(Cached::new(body).respond(request))
}

/// Answers a GET about article `slug` from the cache, or from `load` (then
/// kept for the next readers). Errors are never cached.
pub async fn json<T: Serialize>(
    state: &AppState,
    slug: &str,
    variant: &str,
    request: &HeaderMap,
    load: impl Future<Output = Result<T>>,
) -> Result<Response> {
    let cache = &state.cache;
    if let Some(cached) = cache.get(slug, variant) {
        return Ok(cached.respond(request));
    }
    let generation = cache.generation();
    let value = load.await?;
    let body = serde_json::to_vec(&value).map_err(anyhow::Error::from)?;
    let cached = Arc::new(Cached::new(body));
    cache.put(slug, variant, cached.clone(), generation);
    Ok(cached.respond(request))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_drops_the_article_and_a_read_across_it_is_not_kept() {
        let cache = ReadCache::new(10, Duration::from_secs(60));
        let generation = cache.generation();
        cache.put("a", "article", Arc::new(Cached::new(b"1".to_vec())), generation);
        cache.put("b", "article", Arc::new(Cached::new(b"2".to_vec())), generation);
        assert!(cache.get("a", "article").is_some());

        // A read that started before this write finishes after it: not kept.
        let before_write = cache.generation();
        cache.invalidate("a");
        cache.put("a", "article", Arc::new(Cached::new(b"stale".to_vec())), before_write);
        assert!(cache.get("a", "article").is_none());
        assert!(cache.get("b", "article").is_some(), "other articles stay");

        cache.put("a", "article", Arc::new(Cached::new(b"fresh".to_vec())), cache.generation());
        assert_eq!(cache.get("a", "article").unwrap().body, Bytes::from_static(b"fresh"));
    }

    #[test]
    fn entries_expire() {
        let cache = ReadCache::new(10, Duration::ZERO);
        cache.put("a", "article", Arc::new(Cached::new(b"1".to_vec())), cache.generation());
        assert!(cache.get("a", "article").is_none());
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_in_lists() {
        let cached = Cached::new(b"{}".to_vec());
        let etag = cached.etag.to_str().unwrap().to_owned();
        for header_value in [etag.clone(), format!("W/{etag}"), format!("\"x\", {etag}"), "*".to_owned()] {
            let mut request = HeaderMap::new();
            request.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&header_value).unwrap());
            assert_eq!(cached.respond(&request).status(), StatusCode::NOT_MODIFIED, "{header_value}");
        }
        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert_eq!(cached.respond(&request).status(), StatusCode::OK);
    }
}
