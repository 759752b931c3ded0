//! Helpers of the HTTP tests: the app as a browser reaches it, and its answers.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::Path;

use axum::Extension;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use encart_server::import::{self, ImportOptions};
use encart_server::{AllowedOrigins, AppState, Moderation, ModerationPolicy, PostRate, app};
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::SqlitePool;
use tower::ServiceExt;

pub const PARTNER: &str = "https://partner.example";
pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/haftar-poutine.txt");
pub const SLUG: &str = "haftar-et-poutine-une-alliance-strategique-sous-le-regard-inquiet-de-l-occident";

/// The app for one client at 127.0.0.1, open moderation, default rate limit.
pub async fn test_app(db: SqlitePool) -> Router {
    test_app_with(db, Moderation::Open, PostRate::default()).await
}

pub async fn test_app_with(db: SqlitePool, moderation: impl Into<ModerationPolicy>, rate: PostRate) -> Router {
    router_for(AppState::new(db, moderation).await.unwrap(), rate)
}

/// The app serving `state`, for tests that also reach into the state.
pub fn router_for(state: AppState, rate: PostRate) -> Router {
    // Server errors are logged: show them with the failing test's output.
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    app(state, AllowedOrigins::List(vec![PARTNER.parse().unwrap()]), rate)
        // What `into_make_service_with_connect_info` gives each request.
        .layer(Extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000)))))
}

/// Our article imported, then the app.
pub async fn seeded(db: SqlitePool) -> Router {
    import::import_file(&db, Path::new(FIXTURE), &ImportOptions::default()).await.unwrap();
    test_app(db).await
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
