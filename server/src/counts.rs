//! Comment counts for article lists: `GET /api/v1/counts?slugs=a,b,c`,
//! one request for every `<a data-encart-count>` of a page in one language
//! (`count.js`), with each count written out in the widget's words: in
//! `lang` (the elements' language), else the partner site's, else the
//! reader's browser's (`browser`), else English.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde::{Deserialize, Serialize};

use encart::i18n::{self, Lang};

use crate::extract::valid_slug;
use crate::{AppState, Error, Result, cache, comments};

/// Most slugs one request may ask about.
pub const MAX_SLUGS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/counts", get(counts))
}

#[derive(Debug, Deserialize)]
struct CountParams {
    slugs: String,
    lang: Option<String>,
    /// The reader's browser languages, comma-separated.
    browser: Option<String>,
}

/// Published comments per article, and each as words ("12 commentaires");
/// articles that do not exist are left out.
#[derive(Debug, Serialize)]
pub struct Counts {
    pub counts: BTreeMap<String, i64>,
    pub labels: BTreeMap<String, String>,
}

async fn counts(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<CountParams>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::bad_request("give the articles as ?slugs=a,b,c"))?;
    let mut slugs: Vec<&str> = params.slugs.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    if !slugs.iter().all(|s| valid_slug(s)) {
        return Err(Error::bad_request("a slug holds a control character"));
    }
    if slugs.is_empty() || slugs.len() > MAX_SLUGS {
        return Err(Error::bad_request(format!("give 1 to {MAX_SLUGS} article slugs as ?slugs=a,b,c")));
    }
    let counts = comments::counts(&state.db, &slugs).await?;
    let site = crate::sites::language_for(&state.sites, headers.get(axum::http::header::ORIGIN));
    let browser = crate::embed::browser_language(params.browser.as_deref());
    let lang = Lang::get(i18n::negotiate([params.lang.as_deref(), site, browser]));
    let labels = counts.iter().map(|(slug, n)| (slug.clone(), lang.comments_heading((*n).max(0) as u64))).collect();
    cache::uncached_json(&Counts { counts, labels }, &headers)
}
