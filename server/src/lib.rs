//! The encart API server: articles and their comments as JSON for the widget.
//!
//! [`app`] builds the whole HTTP service from an [`AppState`]; `main.rs` only
//! parses the configuration, opens the database and serves it (or runs an
//! import). One module per table holds that table's SQL (ARCHITECTURE.md).

pub mod admin;
pub mod articles;
pub mod bans;
pub mod blocking;
pub mod cache;
pub mod client;
pub mod comments;
pub mod config;
pub mod counts;
pub mod db;
pub mod delivery;
pub mod embed;
pub mod error;
pub mod events;
pub mod extract;
pub mod fetch;
pub mod identity;
pub mod import;
pub mod instances;
pub mod limits;
pub mod mail;
pub mod migrate;
pub mod moderation;
pub mod oembed;
pub mod outbox;
pub mod publishers;
pub mod publishing;
pub mod readers;
pub mod recommendations;
pub mod reports;
pub mod retention;
pub mod secrets;
pub mod serve;
pub mod sites;
pub mod subscriptions;
pub mod throttle;
pub mod webhooks;
pub mod words;

use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, Method, header};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

pub use crate::config::AllowedOrigins;
pub use crate::error::{Error, Result};
pub use crate::moderation::{Moderation, ModerationPolicy};
pub use crate::throttle::PostRate;

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
    /// The live event streams and their feeds.
    pub events: Arc<events::Hub>,
    /// Readers may ask to be told of answers by e-mail (an SMTP server is configured).
    pub notifications: bool,
}

/// Memory for hot reads (articles and first pages), and how long each is kept at most.
const CACHE_BYTES: u64 = 32 * 1024 * 1024;
const CACHE_MAX_AGE: Duration = Duration::from_secs(60);
/// The compression layer's level (brotli's quality, gzip's level).
const COMPRESSION_QUALITY: i32 = 5;

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
            events: Arc::new(events::Hub::new(events::Limits::default())),
            notifications: false,
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

    /// Bounds the live event streams.
    pub fn with_event_limits(mut self, limits: events::Limits) -> Self {
        self.events = Arc::new(events::Hub::new(limits));
        self
    }

    /// Lets readers ask to be told of answers by e-mail (when the server sends e-mail).
    pub fn with_notifications(mut self, on: bool) -> Self {
        self.notifications = on;
        self
    }

    /// Marks the /admin cookie `Secure` on every answer (else only when a
    /// trusted proxy says the request came over https).
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }

    /// Tells every instance that the article `slug` changed: call after a
    /// write is committed and before it is acknowledged (see `instances.rs`).
    pub async fn written(&self, slug: &str) {
        self.cache.invalidate(slug);
        self.events.wake(&self.db, slug);
        instances::announce(&self.db, slug).await;
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
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
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
        .merge(events::router())
        .merge(reports::router())
        .merge(admin::router())
        .merge(publishing::router())
        .merge(counts::router())
        .merge(subscriptions::router())
        .merge(oembed::router())
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), client::resolve))
        .with_state(state)
        .layer(axum::middleware::from_fn(limits::limits))
        // Brotli 5 rather than tower-http's 4: the fixture's first view 6,272 ->
        // 5,850 B for 0.6 ms instead of 0.4 (hot reads read again go out
        // compressed harder, by `cache.rs`).
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(COMPRESSION_QUALITY)))
        .layer(cors)
        .layer(TraceLayer::new_for_http())
}

/// Liveness and readiness: answers 200 only when the database answers.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Result<Json<serde_json::Value>> {
    db::ping(&state.db).await?;
    Ok(Json(json!({ "status": "ok" })))
}
