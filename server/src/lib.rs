//! The encart API server: articles and their comments as JSON for the widget.
//!
//! [`app`] builds the whole HTTP service; `main.rs` only parses the
//! configuration, opens the database and serves it (or runs an import).

pub mod admin;
pub mod articles;
pub mod cache;
pub mod client;
pub mod comments;
pub mod config;
pub mod counts;
pub mod db;
pub mod embed;
pub mod error;
pub mod fetch;
pub mod import;
pub mod instances;
pub mod limits;
pub mod moderation;
pub mod oembed;
pub mod publishers;
pub mod publishing;
pub mod retention;
pub mod sites;

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use encart_api_types::error_code;
use serde_json::json;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

pub use crate::error::{Error, Result};

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    /// Salt of the client hashes stored with comments (from the database).
    pub ip_salt: Arc<[u8; 32]>,
    pub moderation: ModerationPolicy,
    /// Hot reads, dropped per article on writes.
    pub cache: Arc<cache::ReadCache>,
    /// Fetches pages for URL imports (no private addresses unless allowed).
    pub fetcher: Arc<fetch::Fetcher>,
    /// The public URLs the oEmbed snippet names, when configured.
    pub embed: Option<Arc<oembed::EmbedUrls>>,
    /// Reverse proxies whose `X-Forwarded-For` tells the client's address.
    pub trusted_proxies: Arc<client::TrustedProxies>,
    /// The partner sites of the sites file (their languages; their origins
    /// and modes are in the CORS layer and `moderation`).
    pub sites: Arc<Vec<sites::Site>>,
}

/// Memory for hot reads (articles and first pages), and how long each is kept at most.
const CACHE_BYTES: u64 = 32 * 1024 * 1024;
const CACHE_MAX_AGE: Duration = Duration::from_secs(60);

impl AppState {
    /// The state for `db`, with the salt the database keeps.
    pub async fn new(db: db::Db, moderation: impl Into<ModerationPolicy>) -> Result<AppState> {
        let ip_salt = Arc::new(db::ip_salt(&db).await?);
        let cache = Arc::new(cache::ReadCache::new(CACHE_BYTES, CACHE_MAX_AGE));
        let fetcher = Arc::new(fetch::Fetcher::new(false));
        Ok(AppState {
            db,
            ip_salt,
            moderation: moderation.into(),
            cache,
            fetcher,
            embed: None,
            trusted_proxies: Arc::default(),
            sites: Arc::default(),
        })
    }

    /// Believes `X-Forwarded-For` from these proxies (addresses or networks).
    pub fn with_trusted_proxies(mut self, proxies: Vec<ipnet::IpNet>) -> Self {
        self.trusted_proxies = Arc::new(client::TrustedProxies(proxies));
        self
    }

    /// The partner sites, for the languages their widgets speak by default.
    pub fn with_sites(mut self, sites: Vec<sites::Site>) -> Self {
        self.sites = Arc::new(sites);
        self
    }

    /// Where browsers reach this API and the CDN: enables oEmbed.
    pub fn with_embed_urls(mut self, api: &str, cdn: &str) -> Self {
        self.embed = Some(Arc::new(oembed::EmbedUrls { api: api.to_owned(), cdn: cdn.to_owned() }));
        self
    }

    /// Lets URL imports reach private and loopback addresses: for local testing only.
    pub fn allow_private_imports(mut self) -> Self {
        self.fetcher = Arc::new(fetch::Fetcher::new(true));
        self
    }
}

/// Moderation per partner site, told apart by the `Origin` of the page a
/// comment is posted from (browsers always send it on these POSTs).
#[derive(Clone, Debug, Default)]
pub struct ModerationPolicy {
    /// For sites not listed.
    pub default: Moderation,
    pub by_origin: Vec<(HeaderValue, Moderation)>,
}

impl ModerationPolicy {
    /// The mode for a post from `origin`. A post without a known origin (not
    /// from a listed site's page: a script, a bot) gets the strictest mode
    /// in use, so leaving out `Origin` never skips a site's pre-moderation.
    pub fn for_origin(&self, origin: Option<&HeaderValue>) -> Moderation {
        if let Some(&(_, mode)) = origin.and_then(|o| self.by_origin.iter().find(|(site, _)| site == o)) {
            return mode;
        }
        let any_pre = self.by_origin.iter().any(|(_, mode)| *mode == Moderation::Pre);
        if any_pre { Moderation::Pre } else { self.default }
    }
}

impl From<Moderation> for ModerationPolicy {
    fn from(default: Moderation) -> Self {
        ModerationPolicy { default, by_origin: Vec::new() }
    }
}

/// Whether new comments are shown at once or after a moderator's approval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Moderation {
    /// Published at once.
    #[default]
    Open,
    /// Held until approved; only their author sees them meanwhile.
    Pre,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_site_gets_its_moderation_and_unknown_origins_the_strictest() {
        let a = HeaderValue::from_static("https://a.example");
        let b = HeaderValue::from_static("https://b.example");
        let policy = ModerationPolicy { default: Moderation::Open, by_origin: vec![(a.clone(), Moderation::Pre)] };
        assert_eq!(policy.for_origin(Some(&a)), Moderation::Pre);
        assert_eq!(policy.for_origin(Some(&b)), Moderation::Pre, "unknown origin: strictest in use");
        assert_eq!(policy.for_origin(None), Moderation::Pre);
        let open = ModerationPolicy { default: Moderation::Open, by_origin: vec![(a.clone(), Moderation::Open)] };
        assert_eq!(open.for_origin(None), Moderation::Open);
        assert_eq!(ModerationPolicy::from(Moderation::Pre).for_origin(Some(&a)), Moderation::Pre);
    }
}

/// Which partner pages may call the API from the browser.
#[derive(Clone, Debug)]
pub enum AllowedOrigins {
    Any,
    List(Vec<HeaderValue>),
}

/// How many comments one client may post: `burst` at once, then one more
/// every `refill`. Counted per client address (see `client.rs`), in this process. And, for
/// all clients together, at most `ceiling` per second (a flood from many
/// addresses meets it).
#[derive(Clone, Copy, Debug)]
pub struct PostRate {
    pub burst: u32,
    pub refill: Duration,
    pub ceiling: u32,
}

impl Default for PostRate {
    fn default() -> Self {
        PostRate { burst: 5, refill: Duration::from_secs(10), ceiling: 100 }
    }
}

impl PostRate {
    /// Limits that never bite, for tests and benchmarks.
    pub fn unlimited() -> Self {
        PostRate { burst: 1_000_000, refill: Duration::from_millis(1), ceiling: 1_000_000 }
    }
}

/// The rate limit of comment POSTs per client IP: 429 with `Retry-After`
/// past it. A macro rather than a function because the layer's type names
/// governor's middleware, a crate tower_governor does not re-export.
macro_rules! rate_limit {
    ($rate:expr) => {{
        let rate: PostRate = $rate;
        // Zero would disable the limiter (governor refuses it): at least 1 and 1 ms.
        let config = GovernorConfigBuilder::default()
            .key_extractor(client::ClientKey)
            .period(rate.refill.max(Duration::from_millis(1)))
            .burst_size(rate.burst.max(1))
            .methods(vec![Method::POST])
            .finish()
            .expect("a period and a burst size above zero");
        GovernorLayer::new(config).error_handler(|err| rate_limited(err, "from this address"))
    }};
}

/// The ceiling on comment POSTs from all clients together, per second.
macro_rules! write_ceiling {
    ($rate:expr) => {{
        let rate: PostRate = $rate;
        let per_second = u64::from(rate.ceiling.max(1));
        let config = GovernorConfigBuilder::default()
            .key_extractor(tower_governor::key_extractor::GlobalKeyExtractor)
            .per_nanosecond((1_000_000_000 / per_second).max(1))
            .burst_size(u32::try_from(per_second).unwrap_or(u32::MAX))
            .methods(vec![Method::POST])
            .finish()
            .expect("a period and a burst size above zero");
        GovernorLayer::new(config).error_handler(|err| rate_limited(err, "on this server right now"))
    }};
}

fn rate_limited(err: tower_governor::GovernorError, whose: &str) -> axum::response::Response {
    match err {
        tower_governor::GovernorError::TooManyRequests { wait_time, headers } => {
            let mut response = error::error_response(
                StatusCode::TOO_MANY_REQUESTS,
                error_code::TOO_MANY_REQUESTS,
                format!("too many posts {whose}; try again in {wait_time} s"),
            );
            response.headers_mut().extend(headers.unwrap_or_default());
            response
        }
        other => Error::Internal(anyhow::anyhow!("rate limiter: {other}")).into_response(),
    }
}

/// The whole HTTP service.
pub fn app(state: AppState, origins: AllowedOrigins, post_rate: PostRate) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(match origins {
            AllowedOrigins::Any => AllowOrigin::any(),
            AllowedOrigins::List(list) => AllowOrigin::list(list),
        })
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::AUTHORIZATION,
            HeaderName::from_static("idempotency-key"),
        ])
        .max_age(Duration::from_secs(24 * 60 * 60));
    Router::new()
        .route("/healthz", get(healthz))
        .merge(articles::router())
        .merge(embed::router())
        // Per client first (outer), so one client's flood never spends the shared ceiling.
        .merge(comments::router().layer(write_ceiling!(post_rate)).layer(rate_limit!(post_rate)))
        .merge(comments::pending_router())
        .merge(moderation::report_router().layer(write_ceiling!(post_rate)).layer(rate_limit!(post_rate)))
        .merge(admin::router())
        // Password guessing: 5 tries at once per address, then one every 12 s.
        .merge(admin::sign_in_router().layer(rate_limit!(PostRate {
            burst: 5,
            refill: Duration::from_secs(12),
            ceiling: 100
        })))
        .merge(publishing::router())
        .merge(counts::router())
        .merge(oembed::router())
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), client::resolve))
        .with_state(state)
        .layer(axum::middleware::from_fn(limits::limits))
        .layer(CompressionLayer::new())
        .layer(cors)
        .layer(TraceLayer::new_for_http())
}

/// Liveness and readiness: answers 200 only when the database answers.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Result<Json<serde_json::Value>> {
    db::ping(&state.db).await?;
    Ok(Json(json!({ "status": "ok" })))
}
