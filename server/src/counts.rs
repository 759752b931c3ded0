//! Comment counts for article lists: `GET /api/v1/counts?slugs=a,b,c`,
//! one request for every `<a data-encart-count>` of a page (`count.js`).

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde::{Deserialize, Serialize};

use crate::{AppState, Error, Result, cache};

/// Most slugs one request may ask about.
pub const MAX_SLUGS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/counts", get(counts))
}

#[derive(Debug, Deserialize)]
struct CountParams {
    slugs: String,
}

/// Published comments per article; articles that do not exist are left out.
#[derive(Debug, Serialize)]
pub struct Counts {
    pub counts: BTreeMap<String, i64>,
}

async fn counts(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<CountParams>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::BadRequest("give the articles as ?slugs=a,b,c".into()))?;
    let mut slugs: Vec<&str> = params.slugs.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    if !slugs.iter().all(|s| crate::articles::valid_slug(s)) {
        return Err(Error::BadRequest("a slug holds a control character".into()));
    }
    if slugs.is_empty() || slugs.len() > MAX_SLUGS {
        return Err(Error::BadRequest(format!("give 1 to {MAX_SLUGS} article slugs as ?slugs=a,b,c")));
    }
    let counts = count(&state.db, &slugs).await?;
    cache::uncached_json(&Counts { counts }, &headers)
}

/// The number of published comments of each of `slugs` that is shown.
pub async fn count(db: &crate::db::Db, slugs: &[&str]) -> Result<BTreeMap<String, i64>> {
    let sql = format!(
        "SELECT a.slug, count(c.id) FROM articles a
         LEFT JOIN comments c ON c.article_id = a.id AND c.status = 'approved'
         WHERE a.hidden = 0 AND a.slug IN ({}) GROUP BY a.slug",
        crate::db::parameters(1, slugs.len())
    );
    let mut query = sqlx::query_as(&sql);
    for slug in slugs {
        query = query.bind(*slug);
    }
    let rows: Vec<(String, i64)> = query.fetch_all(db).await?;
    Ok(rows.into_iter().collect())
}
