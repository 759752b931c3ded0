//! The encart API server: articles and their comments as JSON for the widget.
//!
//! [`app`] builds the whole HTTP service; `main.rs` only parses the
//! configuration, opens the database and serves it (or runs an import).

pub mod articles;
pub mod comments;
pub mod config;
pub mod db;
pub mod error;
pub mod import;

use std::time::Duration;

use axum::http::{HeaderValue, Method, header};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

pub use crate::error::{Error, Result};

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
}

/// Which partner pages may call the API from the browser.
#[derive(Clone, Debug)]
pub enum AllowedOrigins {
    Any,
    List(Vec<HeaderValue>),
}

/// The whole HTTP service.
pub fn app(state: AppState, origins: AllowedOrigins) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(match origins {
            AllowedOrigins::Any => AllowOrigin::any(),
            AllowedOrigins::List(list) => AllowOrigin::list(list),
        })
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
        .max_age(Duration::from_secs(24 * 60 * 60));
    Router::new()
        .route("/healthz", get(healthz))
        .merge(articles::router())
        .merge(comments::router())
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .with_state(state)
        .layer(cors)
        .layer(TraceLayer::new_for_http())
}

/// Liveness and readiness: answers 200 only when the database answers.
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<Json<serde_json::Value>> {
    db::ping(&state.db).await?;
    Ok(Json(json!({ "status": "ok" })))
}
