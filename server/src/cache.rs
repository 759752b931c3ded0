//! Hot reads in memory, and the HTTP caching of every GET.
//!
//! What every reader of an article asks first, the article, its first page
//! of comments and its rendered first view (one per set of options), is kept
//! in memory with its `ETag` (`quick_cache`, bounded by bytes). Other GETs (later pages, other limits) go to the
//! database, with an `ETag` too. A write to an article drops its entries
//! before it is acknowledged, so a reader sees their own comment at once;
//! entries also expire after [`ReadCache::max_age`] (changes this process
//! does not see, such as an `import` run by another process).
//!
//! Invalidation cannot race a read that started before the write: a reader
//! notes the write generation before querying, and stores its result only if
//! no write happened meanwhile (checked under the same lock writes take).
//!
//! A hot read is also brotli'd once at a high quality ([`QUALITY`]), off
//! the async threads, when it is read again (its first answers go out as
//! the compression layer makes them, at its quicker quality 5); a first
//! view, which every page view fetches, at its first read, whose reader
//! waits for it (about 3 ms): it is then about 8% smaller. One such
//! compression runs at a time on the whole process ([`MAX_COMPRESSING`]);
//! an entry whose turn does not come is tried again by a later read. The
//! cache's byte bound counts that copy too (kept only if at most a third of
//! the answer).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
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
/// The reads kept for each article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hot {
    Article,
    /// The first page of comments at the widget's page size, in the order
    /// asked for (`None`: the site's).
    FirstPage(Option<encart_api_types::Sort>),
    /// The first view rendered with one set of options (their hash).
    Embed(u64),
    /// The data a first view with one set of options is rendered from (their hash).
    EmbedState(u64),
    /// The widget's words for one set of options (their hash), for client rendering.
    Words(u64),
}

/// The read cache of one server process.
pub struct ReadCache {
    entries: quick_cache::sync::Cache<(String, Hot), Arc<Cached>, ByteWeight>,
    writes: Mutex<Writes>,
    max_age: Duration,
}

/// What writes and the readers that store answers agree on, under one lock.
#[derive(Default)]
struct Writes {
    /// Bumped by each write: readers that queried across a write do not store.
    generation: u64,
    /// The first views (and their data) kept for each article, to drop with it.
    embeds: HashMap<String, HashSet<Hot>>,
}

/// Above this many articles with first views noted, the notes (and those
/// views) are dropped at once rather than grow without bound.
const MAX_EMBED_NOTES: usize = 100_000;

/// Weighs an entry by the bytes it holds.
#[derive(Clone)]
struct ByteWeight;

impl quick_cache::Weighter<(String, Hot), Arc<Cached>> for ByteWeight {
    fn weight(&self, key: &(String, Hot), value: &Arc<Cached>) -> u64 {
        // The answer, and room for its brotli'd copy (see `compress_later`).
        let copy = if value.body.len() >= MIN_COMPRESSED { value.body.len() / 3 } else { 0 };
        (key.0.len() + value.body.len() + copy + 128) as u64
    }
}

/// One GET's answer, ready to send again.
pub struct Cached {
    body: Bytes,
    etag: HeaderValue,
    stored: Instant,
    /// `body` brotli'd at [`QUALITY`], once it has been.
    brotli: OnceLock<Bytes>,
    /// Whether a compression of `body` is under way.
    compressing: AtomicBool,
}

/// Brotli's quality for hot reads. Measured on the fixture's first view
/// (23,944 B of JSON): the layer's quality 4 gives 6,272 B in 0.4 ms; 9,
/// 5,826 B in 12 ms; 10, 5,497 B in 15 ms; 11, 5,434 B in 32 ms.
pub const QUALITY: u32 = 10;
/// Such compressions that may run at once (about 15 ms of a core for a
/// 24 KB first view, on a blocking thread).
pub const MAX_COMPRESSING: usize = 1;
/// The longest a first view's first reader waits for its compression
/// (it takes about 3 ms; a busy machine's blocking threads may take longer).
const MAX_COMPRESSION_WAIT: Duration = Duration::from_millis(50);
/// Bodies smaller than this are left to the compression layer.
const MIN_COMPRESSED: usize = 1024;
static COMPRESSING: AtomicUsize = AtomicUsize::new(0);

impl ReadCache {
    /// A cache of at most `bytes` of answers, each kept at most `max_age`.
    pub fn new(bytes: u64, max_age: Duration) -> Self {
        let entries = quick_cache::sync::Cache::with_weighter(1024, bytes.max(1), ByteWeight);
        ReadCache { entries, writes: Mutex::default(), max_age }
    }

    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    fn get(&self, slug: &str, hot: Hot) -> Option<Arc<Cached>> {
        let cached = self.entries.get(&(slug.to_owned(), hot))?;
        (cached.stored.elapsed() < self.max_age).then_some(cached)
    }

    fn writes(&self) -> MutexGuard<'_, Writes> {
        self.writes.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn generation(&self) -> u64 {
        self.writes().generation
    }

    /// Keeps `cached` unless a write happened since `generation` was read.
    fn put(&self, slug: &str, hot: Hot, cached: Arc<Cached>, generation: u64) {
        let mut writes = self.writes();
        if writes.generation != generation {
            return;
        }
        if let Hot::Embed(_) | Hot::EmbedState(_) = hot {
            if writes.embeds.len() >= MAX_EMBED_NOTES && !writes.embeds.contains_key(slug) {
                self.entries.retain(|(_, hot), _| !matches!(hot, Hot::Embed(_) | Hot::EmbedState(_)));
                writes.embeds.clear();
            }
            writes.embeds.entry(slug.to_owned()).or_default().insert(hot);
        }
        self.entries.insert((slug.to_owned(), hot), cached);
    }

    /// Drops what is kept about `slug`: call after a write to it is committed
    /// and before it is acknowledged.
    pub fn invalidate(&self, slug: &str) {
        let mut writes = self.writes();
        writes.generation += 1;
        let embeds = writes.embeds.remove(slug).unwrap_or_default();
        let first_pages = encart_api_types::Sort::ALL.map(|sort| Hot::FirstPage(Some(sort)));
        let hot = [Hot::Article, Hot::FirstPage(None)].into_iter().chain(first_pages);
        for hot in hot.chain(embeds) {
            self.entries.remove(&(slug.to_owned(), hot));
        }
    }

    /// Drops everything: when writes elsewhere may have gone unnoticed.
    pub fn invalidate_all(&self) {
        let mut writes = self.writes();
        writes.generation += 1;
        writes.embeds.clear();
        self.entries.clear();
    }
}

impl Cached {
    fn new(body: Vec<u8>) -> Self {
        let digest = Sha256::digest(&body);
        let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        // Weak: the answer goes out as it is, gzipped or brotli'd (the
        // compression layer), which are other bytes of the same content.
        let etag = HeaderValue::from_str(&format!("W/\"{tag}\"")).expect("hex is a valid header value");
        Cached {
            body: Bytes::from(body),
            etag,
            stored: Instant::now(),
            brotli: OnceLock::new(),
            compressing: AtomicBool::new(false),
        }
    }

    /// Brotli's the body at [`QUALITY`] on a blocking thread, for the next
    /// reads, unless it is small, done, under way, or [`MAX_COMPRESSING`]
    /// already run. The copy is kept only if at most a third of the body
    /// (what the cache's weight counts for it).
    /// Returns the compression when it started, for a reader who waits for it.
    fn compress_later(self: &Arc<Self>) -> Option<tokio::task::JoinHandle<()>> {
        if self.body.len() < MIN_COMPRESSED
            || self.brotli.get().is_some()
            || self.compressing.swap(true, Ordering::AcqRel)
        {
            return None;
        }
        if COMPRESSING.fetch_add(1, Ordering::AcqRel) >= MAX_COMPRESSING {
            COMPRESSING.fetch_sub(1, Ordering::AcqRel);
            self.compressing.store(false, Ordering::Release);
            return None;
        }
        /// Gives the turn back however the compression ends.
        struct Turn;
        impl Drop for Turn {
            fn drop(&mut self) {
                COMPRESSING.fetch_sub(1, Ordering::AcqRel);
            }
        }
        let (turn, cached) = (Turn, Arc::clone(self));
        Some(tokio::task::spawn_blocking(move || {
            let _turn = turn;
            let mut out = Vec::with_capacity(cached.body.len() / 3);
            {
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, QUALITY, 22);
                // Writing into a Vec cannot fail.
                let _ = writer.write_all(&cached.body);
            }
            if out.len() <= cached.body.len() / 3 {
                let _ = cached.brotli.set(Bytes::from(out));
            }
        }))
    }

    /// 304 when the request's `If-None-Match` names this version, else the
    /// JSON: brotli'd already when it has been and the request accepts it.
    fn respond(&self, request: &HeaderMap) -> Response {
        let cache_control = HeaderValue::from_static(CACHE_CONTROL);
        if matches(request, &self.etag) {
            return (
                StatusCode::NOT_MODIFIED,
                [(header::ETAG, self.etag.clone()), (header::CACHE_CONTROL, cache_control)],
            )
                .into_response();
        }
        let headers = [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::ETAG, self.etag.clone()),
            (header::CACHE_CONTROL, cache_control),
        ];
        match self.brotli.get().filter(|_| accepts_brotli(request)) {
            // The compression layer leaves an encoded answer alone.
            Some(brotli) => (
                headers,
                [
                    (header::CONTENT_ENCODING, HeaderValue::from_static("br")),
                    (header::VARY, HeaderValue::from_static("accept-encoding")),
                ],
                Body::from(brotli.clone()),
            )
                .into_response(),
            None => (headers, Body::from(self.body.clone())).into_response(),
        }
    }
}

fn accepts_brotli(request: &HeaderMap) -> bool {
    crate::client::preferred(request, header::ACCEPT_ENCODING).iter().any(|c| c.eq_ignore_ascii_case("br"))
}

/// Whether `If-None-Match` lists `etag` (weakly compared, as RFC 9110 asks) or is `*`.
fn matches(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let opaque = |tag: &str| tag.strip_prefix("W/").unwrap_or(tag).to_owned();
    let ours = opaque(etag.to_str().unwrap_or_default());
    request.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |candidate| {
            let candidate = candidate.trim();
            candidate == "*" || opaque(candidate) == ours
        },
    )
}

/// Answers a GET with `value` as JSON, with an `ETag` (304 when the request
/// names it), without keeping it: for answers about several articles.
pub fn uncached_json<T: Serialize>(value: &T, request: &HeaderMap) -> Result<Response> {
    let body = serde_json::to_vec(value).map_err(anyhow::Error::from)?;
    Ok(Cached::new(body).respond(request))
}

/// Answers a GET about article `slug`: a hot read from the cache, or from
/// `load` (then kept for the next readers); any other read from `load`.
/// Errors are never cached.
pub async fn json<T: Serialize>(
    state: &AppState,
    slug: &str,
    hot: Option<Hot>,
    request: &HeaderMap,
    load: impl Future<Output = Result<T>>,
) -> Result<Response> {
    let cache = &state.cache;
    let Some(hot) = hot else { return uncached_json(&load.await?, request) };
    if let Some(cached) = cache.get(slug, hot) {
        cached.compress_later();
        return Ok(cached.respond(request));
    }
    let generation = cache.generation();
    let value = load.await?;
    let body = serde_json::to_vec(&value).map_err(anyhow::Error::from)?;
    let cached = Arc::new(Cached::new(body));
    cache.put(slug, hot, cached.clone(), generation);
    // A first view is on every page view's critical path: its first reader
    // waits the few ms of its best compression (when the turn is free, and
    // at most MAX_COMPRESSION_WAIT: else the layer's), rather than read the
    // layer's, larger by about 8%.
    if let Hot::Embed(_) = hot
        && let Some(compressing) = cached.compress_later().filter(|_| accepts_brotli(request))
    {
        let _ = tokio::time::timeout(MAX_COMPRESSION_WAIT, compressing).await;
    }
    Ok(cached.respond(request))
}

#[cfg(test)]
mod tests {
    use encart_api_types::Sort;

    use super::*;

    #[test]
    fn a_write_drops_the_article_and_a_read_across_it_is_not_kept() {
        let cache = ReadCache::new(1 << 20, Duration::from_secs(60));
        let generation = cache.generation();
        cache.put("a", Hot::Article, Arc::new(Cached::new(b"1".to_vec())), generation);
        cache.put("a", Hot::FirstPage(None), Arc::new(Cached::new(b"[]".to_vec())), generation);
        cache.put("a", Hot::FirstPage(Some(Sort::Recommended)), Arc::new(Cached::new(b"[]".to_vec())), generation);
        cache.put("b", Hot::Article, Arc::new(Cached::new(b"2".to_vec())), generation);
        assert!(cache.get("a", Hot::Article).is_some());

        // A read that started before this write finishes after it: not kept.
        let before_write = cache.generation();
        cache.invalidate("a");
        cache.put("a", Hot::Article, Arc::new(Cached::new(b"stale".to_vec())), before_write);
        assert!(cache.get("a", Hot::Article).is_none());
        assert!(cache.get("a", Hot::FirstPage(None)).is_none());
        assert!(cache.get("a", Hot::FirstPage(Some(Sort::Recommended))).is_none(), "every order's first page goes");
        assert!(cache.get("b", Hot::Article).is_some(), "other articles stay");

        cache.put("a", Hot::Article, Arc::new(Cached::new(b"fresh".to_vec())), cache.generation());
        assert_eq!(&cache.get("a", Hot::Article).unwrap().body[..], b"fresh");
    }

    #[tokio::test]
    async fn one_compression_runs_at_a_time_and_the_others_wait_for_a_later_read() {
        let body = |i: usize| (0..3000).map(|n| format!("{{\"n\":{},\"i\":{i}}}", n * 7919 % 1000)).collect::<String>();
        let entries: Vec<_> = (0..8).map(|i| Arc::new(Cached::new(body(i).into_bytes()))).collect();
        for entry in &entries {
            entry.compress_later();
            assert!(COMPRESSING.load(Ordering::Acquire) <= MAX_COMPRESSING);
        }
        let started = entries.iter().filter(|e| e.compressing.load(Ordering::Acquire)).count();
        assert_eq!(started, MAX_COMPRESSING, "the others left for later");
        // Read again, each gets its turn in the end.
        for _ in 0..2000 {
            if entries.iter().all(|e| e.brotli.get().is_some()) {
                break;
            }
            entries.iter().for_each(|e| drop(e.compress_later()));
            assert!(COMPRESSING.load(Ordering::Acquire) <= MAX_COMPRESSING);
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert!(entries.iter().all(|e| e.brotli.get().is_some_and(|b| b.len() < e.body.len() / 4)));
        // Done once: not again.
        entries[0].compress_later();
        assert_eq!(COMPRESSING.load(Ordering::Acquire), 0);
    }

    #[test]
    fn entries_expire() {
        let cache = ReadCache::new(1 << 20, Duration::ZERO);
        cache.put("a", Hot::Article, Arc::new(Cached::new(b"1".to_vec())), cache.generation());
        assert!(cache.get("a", Hot::Article).is_none());
    }

    #[test]
    fn the_cache_holds_at_most_its_bytes() {
        let cache = ReadCache::new(100_000, Duration::from_secs(60));
        for i in 0..100 {
            cache.put(&format!("article-{i}"), Hot::FirstPage(None), Arc::new(Cached::new(vec![b'x'; 7_000])), 0);
        }
        assert!(cache.entries.weight() <= 100_000, "{} bytes", cache.entries.weight());
        assert!(cache.get("article-99", Hot::FirstPage(None)).is_some(), "the newest is kept");
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_in_lists() {
        let cached = Cached::new(b"{}".to_vec());
        let etag = cached.etag.to_str().unwrap().to_owned();
        assert!(etag.starts_with("W/\""), "weak: {etag}");
        let strong = etag.trim_start_matches("W/").to_owned();
        for header_value in [etag.clone(), strong, format!("\"x\", {etag}"), "*".to_owned()] {
            let mut request = HeaderMap::new();
            request.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&header_value).unwrap());
            assert_eq!(cached.respond(&request).status(), StatusCode::NOT_MODIFIED, "{header_value}");
        }
        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert_eq!(cached.respond(&request).status(), StatusCode::OK);
    }
}
