//! The encart API server: articles and their comments as JSON for the widget.
//!
//! [`app`] builds the whole HTTP service; `main.rs` only parses the
//! configuration, opens the database and serves it (or runs an import).

pub mod admin;
pub mod articles;
pub mod blocking;
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
pub mod secrets;
pub mod serve;
pub mod sites;
pub mod throttle;

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

pub use crate::error::{Error, Result};

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    /// The keys behind client hashes and keyed edit tokens (kept out of the database).
    pub secrets: Arc<secrets::Secrets>,
    pub moderation: ModerationPolicy,
    /// Hot reads, dropped per article on writes.
    pub cache: Arc<cache::ReadCache>,
    /// Fetches pages for URL imports (no private addresses unless allowed).
    pub fetcher: Arc<fetch::Fetcher>,
    /// The public URLs the oEmbed snippet names, when configured.
    pub embed: Option<Arc<oembed::EmbedUrls>>,
    /// How clients are told apart (trusted proxies, IPv6 networks).
    pub clients: Arc<client::Clients>,
    /// The partner sites of the sites file (their languages; their origins
    /// and modes are in the CORS layer and `moderation`).
    pub sites: Arc<Vec<sites::Site>>,
    /// Rate limits (set by [`app`] from its `PostRate`).
    pub throttle: Arc<throttle::Throttle>,
    /// CPU-heavy work (HTML parsing, Readability) off the async workers.
    pub blocking: Arc<blocking::Pool>,
    /// Password checks (argon2id), a few at a time.
    pub passwords: Arc<blocking::Pool>,
    /// Whether the /admin cookie is `Secure` whatever the request says.
    pub secure_cookies: bool,
}

/// Memory for hot reads (articles and first pages), and how long each is kept at most.
const CACHE_BYTES: u64 = 32 * 1024 * 1024;
const CACHE_MAX_AGE: Duration = Duration::from_secs(60);

impl AppState {
    /// The state for `db`, with secrets made at random for this process
    /// (the server reads its own from its key file: [`AppState::with_secrets`]).
    pub fn new(db: db::Db, moderation: impl Into<ModerationPolicy>) -> Result<AppState> {
        Ok(AppState {
            db,
            secrets: Arc::new(secrets::Secrets::random()?),
            moderation: moderation.into(),
            cache: Arc::new(cache::ReadCache::new(CACHE_BYTES, CACHE_MAX_AGE)),
            fetcher: Arc::new(fetch::Fetcher::new(false)),
            embed: None,
            clients: Arc::default(),
            sites: Arc::default(),
            throttle: Arc::new(throttle::Throttle::new(PostRate::default())),
            blocking: Arc::new(blocking::Pool::new("parse", blocking::DEFAULT_THREADS)),
            passwords: Arc::new(blocking::Pool::new("password", admin::PASSWORD_CHECKS)),
            secure_cookies: false,
        })
    }

    /// The server's own secrets (from its key file).
    pub fn with_secrets(mut self, secrets: secrets::Secrets) -> Self {
        self.secrets = Arc::new(secrets);
        self
    }

    /// How clients are told apart: the proxies whose `X-Forwarded-For` is
    /// believed (addresses or networks), and the IPv6 prefix of one client.
    pub fn with_clients(mut self, clients: client::Clients) -> Self {
        self.clients = Arc::new(clients);
        self
    }

    /// Believes `X-Forwarded-For` from these proxies (addresses or networks).
    pub fn with_trusted_proxies(self, proxies: Vec<ipnet::IpNet>) -> Self {
        let clients = client::Clients { trusted_proxies: proxies, ..(*self.clients).clone() };
        self.with_clients(clients)
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

    /// Marks the /admin cookie `Secure` on every answer (else only when a
    /// trusted proxy says the request came over https).
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }
}

/// Moderation per partner site. A comment is moderated as the site its
/// article belongs to: the listed sites whose host is one of the domains of
/// the article's publisher (the strictest, if several). An article of no
/// listed site's publisher (or imported by the operator) gets the strictest
/// mode in use. Nothing the poster sends (its `Origin`, say) has a say.
#[derive(Clone, Debug, Default)]
pub struct ModerationPolicy {
    /// For sites not listed.
    pub default: Moderation,
    pub by_origin: Vec<(HeaderValue, Moderation)>,
}

impl ModerationPolicy {
    /// The mode for comments on an article of the publisher with these
    /// `domains` (`None`: no publisher).
    pub fn for_publisher(&self, domains: Option<&[String]>) -> Moderation {
        let owns = |origin: &HeaderValue| {
            let host = origin.to_str().ok().and_then(origin_host);
            match (domains, host) {
                (Some(domains), Some(host)) => publishers::owns_host(domains, host),
                _ => false,
            }
        };
        let strictest = |modes: &mut dyn Iterator<Item = Moderation>| modes.max();
        let own = strictest(&mut self.by_origin.iter().filter(|(origin, _)| owns(origin)).map(|(_, mode)| *mode));
        own.unwrap_or_else(|| self.strictest_in_use())
    }

    /// The strictest mode any site (or the default) has.
    pub fn strictest_in_use(&self) -> Moderation {
        self.by_origin.iter().map(|(_, mode)| *mode).chain([self.default]).max().unwrap_or_default()
    }

    /// Whether modes differ per site (else every article gets the default).
    pub fn per_site(&self) -> bool {
        !self.by_origin.is_empty()
    }
}

/// `host` of `scheme://host[:port]`.
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin.split_once("://")?.1;
    Some(match rest.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => rest,
    })
}

impl From<Moderation> for ModerationPolicy {
    fn from(default: Moderation) -> Self {
        ModerationPolicy { default, by_origin: Vec::new() }
    }
}

/// Whether new comments are shown at once or after a moderator's approval
/// (ordered from the least to the most strict).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
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
    fn an_article_gets_its_publishers_site_mode_and_otherwise_the_strictest() {
        let pre = HeaderValue::from_static("https://pre.example");
        let open = HeaderValue::from_static("http://open.example:8080");
        let policy = ModerationPolicy {
            default: Moderation::Open,
            by_origin: vec![(pre.clone(), Moderation::Pre), (open.clone(), Moderation::Open)],
        };
        let domains = |list: &[&str]| list.iter().map(|d| (*d).to_owned()).collect::<Vec<_>>();
        assert_eq!(policy.for_publisher(Some(&domains(&["pre.example"]))), Moderation::Pre);
        assert_eq!(policy.for_publisher(Some(&domains(&["open.example"]))), Moderation::Open);
        assert_eq!(policy.for_publisher(Some(&domains(&["example"]))), Moderation::Pre, "both sites: the strictest");
        assert_eq!(policy.for_publisher(Some(&domains(&["other.example"]))), Moderation::Pre, "no site: strictest");
        assert_eq!(policy.for_publisher(None), Moderation::Pre, "the operator's articles: strictest");
        let open_only = ModerationPolicy { default: Moderation::Open, by_origin: vec![(open, Moderation::Open)] };
        assert_eq!(open_only.for_publisher(None), Moderation::Open);
        assert_eq!(
            ModerationPolicy::from(Moderation::Pre).for_publisher(Some(&domains(&["pre.example"]))),
            Moderation::Pre
        );
    }
}

/// Which partner pages may call the API from the browser.
#[derive(Clone, Debug)]
pub enum AllowedOrigins {
    Any,
    List(Vec<HeaderValue>),
}

/// How often readers may write: one client (see `client.rs`) `burst` comments
/// at once, then one more every `refill` (and as many reports and deletions,
/// counted apart); all readers together at most `ceiling` writes of any kind
/// per second (a flood from many addresses meets it). In this process.
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

/// The whole HTTP service, with `post_rate` as the readers' rate limits.
pub fn app(mut state: AppState, origins: AllowedOrigins, post_rate: PostRate) -> Router {
    state.throttle = Arc::new(throttle::Throttle::new(post_rate));
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
        .merge(comments::router())
        .merge(comments::pending_router())
        .merge(moderation::report_router())
        .merge(admin::router())
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
