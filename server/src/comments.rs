//! Comments: `GET /api/v1/articles/{slug}/comments`.
//!
//! Comments are not stored yet: every article answers the empty first page,
//! in the final shape, so the widget is written against the real contract.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use encart_api_types::CommentPage;

use crate::articles::{exists, slug_param};
use crate::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}/comments", get(list))
}

async fn list(
    State(state): State<AppState>,
    slug: Result<Path<String>, PathRejection>,
) -> Result<Json<CommentPage>> {
    let slug = slug_param(slug)?;
    if !exists(&state.db, &slug).await? {
        return Err(Error::NotFound("article"));
    }
    Ok(Json(CommentPage::default()))
}
