//! Helpers of the HTTP tests: the app as a browser reaches it, and its answers.
#![allow(dead_code)]

pub mod process;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::SystemTime;

use axum::Extension;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use encart_api_types::Article;
use encart_server::articles::{self, Author, Upserted};
use encart_server::db::{self, Db};
use encart_server::import::{self, ImportOptions};
use encart_server::{AllowedOrigins, AppState, Moderation, ModerationPolicy, PostRate, app};
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::{AnyConnection, Connection, Executor};
use tower::ServiceExt;

pub const PARTNER: &str = "https://partner.example";
pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/haftar-poutine.txt");
pub const SLUG: &str = "haftar-et-poutine-une-alliance-strategique-sous-le-regard-inquiet-de-l-occident";

/// A fresh, migrated database for one test. SQLite (a new file) by default;
/// with `ENCART_TEST_POSTGRES` set to the URL of a PostgreSQL server's
/// administrative database (the test command's throwaway cluster), a new
/// PostgreSQL database on it: the same tests then run against that backend.
pub async fn db() -> Db {
    db::connect(&empty_database().await).await.unwrap()
}

/// The URL of a new, empty database (not migrated): an SQLite file, or a
/// PostgreSQL database when `ENCART_TEST_POSTGRES` is set.
pub async fn empty_database() -> String {
    let name = unique_name();
    match std::env::var("ENCART_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            sqlx::any::install_default_drivers();
            let mut conn = AnyConnection::connect(&admin).await.expect("the test PostgreSQL server answers");
            conn.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
            conn.close().await.unwrap();
            let (base, _) = admin.rsplit_once('/').expect("a URL ending in /database");
            format!("{base}/{name}")
        }
        _ => {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("encart-test-dbs");
            static CLEANED: std::sync::Once = std::sync::Once::new();
            CLEANED.call_once(|| forget_old_files(&dir));
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}?mode=rwc", dir.join(format!("{name}.db")).display())
        }
    }
}

/// A new, migrated database on the PostgreSQL server of `ENCART_TEST_POSTGRES`,
/// and its URL; `None` when that variable is not set.
pub async fn postgres_db() -> Option<(Db, String)> {
    std::env::var("ENCART_TEST_POSTGRES").ok().filter(|url| !url.is_empty())?;
    let url = empty_database().await;
    Some((db::connect(&url).await.unwrap(), url))
}

/// A name no other test of any run uses.
fn unique_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("encart_test_{}_{n}_{nanos}", std::process::id())
}

/// The databases earlier test runs left (over an hour old).
fn forget_old_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let old =
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().unwrap_or_default().as_secs() > 3600);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Runs the SQL file `server/tests/fixtures/{name}.sql` (SQL both backends speak).
pub async fn fixture(db: &Db, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format!("{name}.sql"));
    let sql = std::fs::read_to_string(path).unwrap();
    sqlx::raw_sql(&sql).execute(db).await.unwrap();
}

/// The app for one client at 127.0.0.1, open moderation, default rate limit.
pub async fn test_app(db: Db) -> Router {
    test_app_with(db, Moderation::Open, PostRate::default()).await
}

pub async fn test_app_with(db: Db, moderation: impl Into<ModerationPolicy>, rate: PostRate) -> Router {
    router_for(AppState::new(db, moderation).unwrap(), rate)
}

/// The app serving `state`, for tests that also reach into the state.
pub fn router_for(state: AppState, rate: PostRate) -> Router {
    // Server errors are logged: show them with the failing test's output.
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    app(state, AllowedOrigins::List(vec![PARTNER.parse().unwrap()]), rate)
        // What `into_make_service_with_connect_info` gives each request.
        .layer(Extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000)))))
}

/// The article in the file at `path` stored as the operator's (what the
/// `import` command does): the article as stored, and whether it was new.
pub async fn import(db: &Db, path: &Path, options: &ImportOptions) -> anyhow::Result<(Article, Upserted)> {
    let article = import::read_file(path, options)?;
    let (outcome, stored) = articles::save(db, &article, Author::Operator).await?;
    Ok((stored, outcome))
}

/// Our article imported, then the app.
pub async fn seeded(db: Db) -> Router {
    import(&db, Path::new(FIXTURE), &ImportOptions::default()).await.unwrap();
    test_app(db).await
}

/// Our article again under `slug`, as published by a new publisher named
/// `name` whose sites are at `domain`.
pub async fn publishers_article(db: &Db, name: &str, domain: &str, slug: &str) {
    let publisher = encart_server::publishers::add(db, name, &[domain.to_owned()]).await.unwrap();
    let bytes = std::fs::read(FIXTURE).unwrap();
    let mut article = import::parse(&bytes, &ImportOptions::default()).unwrap();
    article.slug = slug.to_owned();
    let author = encart_server::articles::Author::Publisher(publisher.id);
    encart_server::articles::save(db, &article, author).await.unwrap();
}

/// A new publisher with these domains, and an API key of its.
pub async fn publisher(db: &Db, name: &str, domains: &[&str]) -> (encart_server::publishers::Publisher, String) {
    let domains: Vec<String> = domains.iter().map(|d| (*d).to_owned()).collect();
    let publisher = encart_server::publishers::add(db, name, &domains).await.unwrap();
    let (_, key) = encart_server::publishers::create_key(db, &publisher).await.unwrap();
    (publisher, key)
}

/// A request with a publisher's API key and a JSON body.
pub fn authed(method: &str, uri: &str, key: &str, body: Value) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
    Answer { status, headers, json }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A first view (`request`, a GET of `…/embed…`) with the data it was
/// rendered from under `"state"`, asked for as the loader does
/// (`…/embed/state`, the same query and headers) and checked to be of the
/// view's version, language and clock.
pub async fn first_view(app: &Router, request: Request<Body>) -> Answer {
    let (parts, _) = request.into_parts();
    let mut data = Request::get(parts.uri.to_string().replacen("/embed", "/embed/state", 1));
    for (name, value) in &parts.headers {
        data = data.header(name, value);
    }
    let mut view = send(app, Request::from_parts(parts, Body::empty())).await;
    let data = send(app, data.body(Body::empty()).unwrap()).await;
    if view.status == StatusCode::OK {
        assert_eq!(data.status, StatusCode::OK, "{}", data.json);
        assert_eq!(data.json["version"], view.json["version"], "the data of the view");
        assert_eq!(data.json["lang"], view.json["lang"]);
        assert!(data.json["now"].as_i64() >= view.json["now"].as_i64());
        view.json["state"] = data.json;
    }
    view
}

/// [`first_view`] of `uri`.
pub async fn get_first_view(app: &Router, uri: &str) -> Answer {
    first_view(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// POSTs `body` as JSON.
pub async fn post(app: &Router, uri: &str, body: impl Into<Body>) -> Answer {
    let request = Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap();
    send(app, request).await
}

pub fn assert_error(answer: &Answer, status: StatusCode, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.json);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(answer.json["error"]["code"], code, "{}", answer.json);
    assert!(answer.json["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
}
