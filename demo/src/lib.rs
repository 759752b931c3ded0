//! Three origins on one machine, as a partner's reader would meet them:
//!
//! - the **API**: the real encart server ([`encart_server::app`]) on a real
//!   SQLite database, seeded with articles through the real importer;
//! - a **CDN** stand-in serving the built widget (`dist/`) with the headers a
//!   CDN must send: CORS, `application/wasm`, long cache on hashed names and a
//!   short one on the loader;
//! - a **partner** news site whose pages embed the widget, with `{{CDN}}`,
//!   `{{API}}` and `{{ARTICLE}}` in them replaced by the right URLs and slug,
//!   and `{{TOKEN}}` by a sign-in token for the reader named in the page's
//!   `?reader=` (as a partner's backend renders its signed-in reader's);
//!   its `/token` signs one for a page that signs its reader in later. The
//!   API knows the site (the sites file's settings, in code): its readers'
//!   tokens are checked with its public key (`fixtures/keys/`).
//!
//! `cargo xtask demo` runs them for people; the browser tests start them on
//! free ports with [`start`].

pub mod chromedriver;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use encart_api_types::NewComment;
use encart_server::{AllowedOrigins, AppState, Moderation, PostRate, articles, comments, import, publishers};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

/// Where each site listens; port 0 picks a free one.
#[derive(Clone, Copy, Debug)]
pub struct Ports {
    pub api: u16,
    pub cdn: u16,
    pub partner: u16,
}

impl Ports {
    /// Free ports chosen by the system: for tests.
    pub const ANY: Ports = Ports { api: 0, cdn: 0, partner: 0 };
}

#[derive(Clone, Debug)]
pub struct Options {
    /// The built widget (`cargo xtask dist`).
    pub dist: PathBuf,
    /// The partner site's pages (`demo/partner`).
    pub partner_pages: PathBuf,
    /// The API's database.
    pub database_url: String,
    /// Article files to import before serving; the first is the one the
    /// partner pages embed.
    pub articles: Vec<PathBuf>,
    /// A discussion to post under the first article when it has no comments
    /// yet (JSON: `[{"author", "body", "replies": [...]}]`).
    pub discussion: Option<PathBuf>,
    pub ports: Ports,
    pub moderation: Moderation,
    /// The API's limits on posting.
    pub post_rate: PostRate,
    /// Whether the partner site lets readers comment without signing in.
    pub anonymous: bool,
    /// An SMTP server for the e-mails telling readers of answers (none: the form does not offer it).
    pub smtp_url: Option<String>,
}

/// The three running sites. They stop when the runtime that started them ends;
/// the API alone stops with [`Sites::stop_api`].
pub struct Sites {
    pub api_url: String,
    pub cdn_url: String,
    pub partner_url: String,
    /// Slug of the article the partner pages embed.
    pub article: String,
    /// The API's database, for tests that change what it holds.
    pub db: encart_server::db::Db,
    /// The API's state (its read cache included), for tests that act as the API would.
    pub state: AppState,
    api_stop: Arc<Notify>,
    api_task: Option<JoinHandle<()>>,
}

impl Sites {
    /// Stops the API, as an outage would: it stops listening and closes its
    /// open connections. The CDN and the partner site go on.
    pub async fn stop_api(&mut self) {
        self.api_stop.notify_one();
        if let Some(task) = self.api_task.take() {
            let _ = task.await;
        }
    }
}

const HOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Starts the API, the CDN and the partner site.
pub async fn start(options: Options) -> anyhow::Result<Sites> {
    anyhow::ensure!(
        options.dist.join("embed.js").is_file(),
        "{} holds no built widget: run `cargo xtask dist` first",
        options.dist.display()
    );
    let bind = |port: u16| async move {
        TcpListener::bind(SocketAddr::new(HOST, port)).await.with_context(|| format!("cannot listen on port {port}"))
    };
    let api = bind(options.ports.api).await?;
    let cdn = bind(options.ports.cdn).await?;
    let partner = bind(options.ports.partner).await?;
    let url = |listener: &TcpListener| listener.local_addr().map(|a| format!("http://{a}"));
    let (api_url, cdn_url, partner_url) = (url(&api)?, url(&cdn)?, url(&partner)?);

    let db = encart_server::db::connect(&options.database_url)
        .await
        .with_context(|| format!("cannot open {}", options.database_url))?;
    let sites = partner_sites(&partner_url, options.anonymous)?;
    let (origins, policy) = encart_server::sites::configure(
        AllowedOrigins::List(vec![HeaderValue::from_str(&partner_url)?]),
        options.moderation.into(),
        &sites,
    )
    .map_err(anyhow::Error::msg)?;
    let state = AppState::new(db.clone(), policy)?
        .with_embed_urls(&api_url, &cdn_url)
        .with_sites(sites)
        .with_notifications(options.smtp_url.is_some());
    if let Some(smtp) = &options.smtp_url {
        // The outbox's worker, as the server runs it, with the e-mails' links on this API.
        let mailer = encart_server::mail::Mailer::new(smtp, "encart demo <reponses@encart.localhost>", &api_url, 5)
            .map_err(anyhow::Error::msg)?;
        let worker = encart_server::delivery::Worker::new(
            db.clone(),
            state.sites.clone(),
            state.secrets.clone(),
            encart_server::webhooks::Client::new(false),
            Some(mailer),
            encart_server::delivery::Delivery::default(),
        );
        tokio::spawn(worker.run());
    }
    let api_app = encart_server::app(state.clone(), origins, options.post_rate);
    let api_stop = Arc::new(Notify::new());
    let (stop, events) = (api_stop.clone(), state.events.clone());
    let api_task = tokio::spawn(serve(api, api_app, async move {
        stop.notified().await;
        events.close();
    }));

    // The articles go in as a publisher's CMS would send them: through the API.
    let (key_id, key) = demo_publisher_key(&db).await?;
    let mut article = None;
    for path in &options.articles {
        let slug = publish(&api_url, &key, path).await?;
        article.get_or_insert(slug);
    }
    // Its job done, the key goes: no live key lingers in the demo's database.
    publishers::revoke_key(&db, key_id).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let article = article.context("the demo needs at least one article to embed")?;
    if let Some(path) = &options.discussion {
        seed_discussion(&state, &article, path).await?;
    }
    let page_vars =
        PageVars { cdn: cdn_url.clone(), api: api_url.clone(), article: article.clone(), partner: partner_url.clone() };

    tokio::spawn(serve(cdn, cdn_router(&options.dist), std::future::pending()));
    let partner_app = partner_router(&options.partner_pages, page_vars);
    tokio::spawn(serve(partner, partner_app, std::future::pending()));
    Ok(Sites { api_url, cdn_url, partner_url, article, db, state, api_stop, api_task: Some(api_task) })
}

/// The partner's public key, which the API checks its readers' tokens with,
/// and its private half, which its backend (here `/token`) signs them with.
/// Public on purpose: `fixtures/keys/README.md`.
const PARTNER_PUBLIC_KEY: &str = include_str!("../../fixtures/keys/partner-ed25519.pub.pem");
const PARTNER_PRIVATE_KEY: &str = include_str!("../../fixtures/keys/partner-ed25519.pem");

/// The partner site as the API's sites file would list it: its readers
/// signed in with EdDSA tokens, anonymous readers welcome or not.
fn partner_sites(partner: &str, anonymous: bool) -> anyhow::Result<Vec<encart_server::sites::Site>> {
    let file = format!(
        "[[site]]\norigin = {partner:?}\nanonymous = {anonymous}\nlogin_url = \"{partner}/signed-in.html\"\n\
         [site.sign_in]\nalgorithm = \"EdDSA\"\nkeys = [{PARTNER_PUBLIC_KEY:?}]\n"
    );
    encart_server::sites::parse(&file).map_err(anyhow::Error::msg)
}

/// The demo's publisher ("Le Courrier du Littoral", registered on first use,
/// on the partner site's domain: its articles are that site's) and a fresh
/// API key for it (id and text), made as `encart-server publisher add` and
/// `key create` make them.
async fn demo_publisher_key(db: &encart_server::db::Db) -> anyhow::Result<(i64, String)> {
    const NAME: &str = "Le Courrier du Littoral";
    let domain = HOST.to_string();
    let publisher = match publishers::named(db, NAME).await {
        Ok(_) => publishers::add_domain(db, NAME, &domain).await,
        Err(_) => publishers::add(db, NAME, &[domain]).await,
    }
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    publishers::create_key(db, &publisher).await.map_err(|e| anyhow::anyhow!("{e}"))
}

/// A token the partner's backend signs for its reader named `name` (their
/// `sub` derived from it), for `role`, valid `ttl` seconds from now (less
/// than zero: expired that long ago).
pub fn sign_token(partner: &str, name: &str, role: Option<&str>, ttl: i64) -> anyhow::Result<String> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() as i64;
    let sub: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let mut claims = serde_json::json!({
        "aud": partner, "sub": format!("reader-{sub}"), "name": name,
        "iat": now.min(now + ttl - 60), "exp": now + ttl,
    });
    if let Some(role) = role {
        claims["role"] = role.into();
    }
    let key = jsonwebtoken::EncodingKey::from_ed_pem(PARTNER_PRIVATE_KEY.as_bytes())?;
    Ok(jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA), &claims, &key)?)
}

/// Reads the article file at `path` (scraped text or saved HTML page) and
/// `PUT`s it to the API with `key`; returns its slug.
async fn publish(api: &str, key: &str, path: &Path) -> anyhow::Result<String> {
    let bytes = tokio::fs::read(path).await.with_context(|| format!("cannot read {}", path.display()))?;
    let is_html = path.extension().is_some_and(|e| e == "html");
    let options = import::ImportOptions::default();
    let article = if is_html { import::parse_html(&bytes, &options) } else { import::parse(&bytes, &options) }
        .with_context(|| format!("{} is not an article", path.display()))?;
    let document = serde_json::json!({
        "title": article.title, "byline": article.byline, "published": article.published,
        "language": article.language, "lead": article.lead, "body": article.body,
        "source_url": article.source_url,
    });
    let response = reqwest::Client::new()
        .put(format!("{api}/api/v1/articles/{}", article.slug))
        .bearer_auth(key)
        .header("content-type", "application/json")
        .body(document.to_string())
        .send()
        .await
        .context("the API did not answer the demo's PUT")?;
    let status = response.status();
    let answer = response.text().await.unwrap_or_default();
    anyhow::ensure!(
        status.is_success(),
        "publishing {} failed: {status} {answer}{}",
        article.slug,
        if status.as_u16() == 403 { " (a database from before publishers: delete it and start again)" } else { "" }
    );
    Ok(article.slug)
}

/// One comment of a seeded discussion, with its answers.
#[derive(serde::Deserialize)]
struct SeedComment {
    author: String,
    body: String,
    #[serde(default)]
    replies: Vec<SeedComment>,
}

/// Posts the discussion in `path` under `slug`, through the same function as
/// the API's POST, unless the article already has comments.
async fn seed_discussion(state: &AppState, slug: &str, path: &Path) -> anyhow::Result<()> {
    let article = articles::id_of(&state.db, slug).await?;
    if comments::page(&state.db, article, 1, Default::default(), None).await?.total > 0 {
        return Ok(());
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let seed: Vec<SeedComment> =
        serde_json::from_str(&text).with_context(|| format!("{} is not a discussion", path.display()))?;
    // Depth-first, each reply after its parent; top-level ones last to first,
    // so the list shows them in file order (newest first).
    let mut todo: Vec<(Option<String>, SeedComment)> = seed.into_iter().map(|c| (None, c)).collect();
    while let Some((parent, comment)) = todo.pop() {
        let new = NewComment { author: comment.author, body: comment.body, parent, ..NewComment::default() };
        let sender = comments::Sender { ip: HOST, idempotency_key: None, reader: None };
        let posted = comments::post(state, slug, &new, &sender).await?;
        todo.extend(comment.replies.into_iter().rev().map(|r| (Some(posted.comment.id.clone()), r)));
    }
    Ok(())
}

async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()> + Send + 'static) {
    // Connection info gives the API each client's address (rate limits).
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    if let Err(err) = axum::serve(listener, service).with_graceful_shutdown(stop).await {
        tracing::error!(%err, "demo site stopped");
    }
}

/// A CDN stand-in for `dist`: what any CDN in front of encart must do,
/// serving the precompressed `.br`/`.gz` siblings `cargo xtask dist` writes.
pub fn cdn_router(dist: &Path) -> Router {
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(middleware::from_fn(cdn_headers))
}

async fn cdn_headers(request: Request, next: Next) -> Response {
    let cache = cache_policy(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// Long, immutable cache for content-hashed files (`name-<hex hash>.ext`);
/// a few minutes for the loader, whose URL partners embed and never change.
/// (The same policy `dist/manifest.json` states per file.)
pub fn cache_policy(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let hashed =
        stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else if name == "embed.js" || name == "count.js" {
        "public, max-age=300"
    } else {
        "no-cache"
    }
}

/// What the partner pages' `{{CDN}}`, `{{API}}` and `{{ARTICLE}}` stand for,
/// and the partner's own origin (its tokens' audience).
#[derive(Clone)]
pub struct PageVars {
    pub cdn: String,
    pub api: String,
    pub article: String,
    pub partner: String,
}

#[derive(Clone)]
struct PartnerSite {
    pages: PathBuf,
    vars: PageVars,
}

/// The partner news site: its HTML pages with the embed's URLs filled in, and
/// its other files (CSS) as they are.
pub fn partner_router(pages: &Path, vars: PageVars) -> Router {
    let site = PartnerSite { pages: pages.to_owned(), vars };
    Router::new()
        .route("/", get(partner_index))
        .route("/token", get(token))
        .route("/{page}", get(partner_page))
        .with_state(site)
}

/// Who a page is rendered for, or a token asked for: the partner's own
/// sign-in, stood in for by the query (any name is a reader of the demo).
#[derive(Default, serde::Deserialize)]
pub struct ReaderQuery {
    /// The reader's name; none: nobody is signed in.
    reader: Option<String>,
    /// `staff` for a journalist.
    role: Option<String>,
    /// Seconds the token is valid (10 minutes unless said).
    ttl: Option<i64>,
}

impl ReaderQuery {
    fn token(&self, partner: &str) -> Option<String> {
        let name = self.reader.as_deref().filter(|n| !n.trim().is_empty())?;
        sign_token(partner, name.trim(), self.role.as_deref(), self.ttl.unwrap_or(600).clamp(-3600, 3600)).ok()
    }
}

/// `GET /token?reader=NAME[&role=staff][&ttl=SECS]`: what a partner's backend
/// answers its signed-in reader's page (a single-page app signing in later,
/// or renewing an expired token). No cache: a token is the reader's own.
async fn token(
    State(site): State<PartnerSite>,
    query: Result<Query<ReaderQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    match query.ok().and_then(|Query(query)| query.token(&site.vars.partner)) {
        Some(token) => ([(header::CACHE_CONTROL, "no-store")], token).into_response(),
        None => (StatusCode::BAD_REQUEST, "say which reader: ?reader=NAME").into_response(),
    }
}

async fn partner_index(State(site): State<PartnerSite>) -> Response {
    render_page(&site, "index.html", &ReaderQuery::default()).await
}

async fn partner_page(
    State(site): State<PartnerSite>,
    axum::extract::Path(page): axum::extract::Path<String>,
    query: Result<Query<ReaderQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let safe = !page.starts_with('.') && page.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !safe {
        return StatusCode::NOT_FOUND.into_response();
    }
    if page.ends_with(".html") {
        return render_page(&site, &page, &query.map(|Query(q)| q).unwrap_or_default()).await;
    }
    let content_type = match page.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("png") => "image/png",
        Some("js") => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
    match tokio::fs::read(site.pages.join(&page)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, content_type)], Body::from(bytes)).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn render_page(site: &PartnerSite, page: &str, reader: &ReaderQuery) -> Response {
    let Ok(html) = tokio::fs::read_to_string(site.pages.join(page)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let html = html
        .replace("{{CDN}}", &site.vars.cdn)
        .replace("{{API}}", &site.vars.api)
        .replace("{{ARTICLE}}", &site.vars.article)
        .replace("{{TOKEN}}", &reader.token(&site.vars.partner).unwrap_or_default());
    let mut response = Html(html).into_response();
    // A page rendered for one reader is theirs alone.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if page.starts_with("csp") {
        // The strictest policy encart works under (README, "Building for a CDN").
        // `csp-nowasm*` pages withhold 'wasm-unsafe-eval': the module cannot run.
        let PageVars { cdn, api, .. } = &site.vars;
        let wasm = if page.starts_with("csp-nowasm") { "" } else { " 'wasm-unsafe-eval'" };
        let policy = format!(
            "default-src 'none'; script-src 'self' {cdn}{wasm}; connect-src {api} {cdn}; \
             style-src 'self'; img-src 'self'; base-uri 'none'"
        );
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    #[tokio::test]
    async fn the_cdn_serves_precompressed_wasm_with_its_type_and_cache_policy() {
        let dir = std::env::temp_dir().join(format!("encart-cdn-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("encart-0123456789abcdef.wasm"), b"\0asm-raw").unwrap();
        std::fs::write(dir.join("encart-0123456789abcdef.wasm.br"), b"brotli").unwrap();
        let get = |encoding: &'static str| {
            Request::get("/encart-0123456789abcdef.wasm").header(header::ACCEPT_ENCODING, encoding).body(Body::empty())
        };
        let response = cdn_router(&dir).oneshot(get("br, gzip").unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
        assert_eq!(&body[..], b"brotli");
        // No .gz sibling: a gzip-only client gets the file as it is.
        let response = cdn_router(&dir).oneshot(get("gzip").unwrap()).await.unwrap();
        assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashed_assets_are_cached_for_a_year_and_the_loader_briefly() {
        assert_eq!(cache_policy("/encart-4f1c2b9a0d3e5f67.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/encart-4f1c2b9a0d3e5f67.wasm.br"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/encart-4f1c2b9a0d3e5f67.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/embed.js"), "public, max-age=300");
        assert_eq!(cache_policy("/encart-latest.js"), "no-cache");
        assert_eq!(cache_policy("/"), "no-cache");
    }
}
