//! `GET /api/v1/articles/{slug}/embed`: the widget's first view (reader
//! view, first page of comments, empty form), rendered here by the widget's
//! own components (`encart::widget::render`), with the data it was rendered
//! from and the build of those components. `embed.js` shows the HTML at once;
//! the wasm hydrates it. Cached and revalidated like the other hot reads.
//!
//! The rendering options (`lang`, `ui`, `heading`, `theme`, `size`, `sort`) are
//! those the loader reads from the `data-*` attributes and the reader's saved
//! preferences; unknown values are left to the defaults, as the browser does,
//! and the answer says which were used.

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use encart::i18n::Lang;
use encart::reader::{TextSize, Theme};
use encart_api_types::{Embed, EmbedState, Sort, ViewOptions};
use serde::Deserialize;

use crate::extract::Slug;
use crate::{AppState, Error, Result, cache, comments};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}/embed", get(show))
}

/// The query as sent: every option a string, checked in [`options`].
#[derive(Deserialize)]
struct Params {
    lang: Option<String>,
    ui: Option<String>,
    heading: Option<String>,
    theme: Option<String>,
    size: Option<String>,
    sort: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Slug(slug): Slug,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::bad_request("the query string is not valid"))?;
    // The partner site's language, unless the page chose one (`data-lang`).
    let site_language = crate::sites::language_for(&state.sites, headers.get(axum::http::header::ORIGIN));
    let options = options(params, site_language);
    let mut key = DefaultHasher::new();
    options.hash(&mut key);
    let load = async {
        let (id, article) =
            crate::articles::find_with_id(&state.db, &slug).await?.ok_or_else(|| Error::not_found("article"))?;
        let site = comments::site_settings(&state, id).await?;
        let sort = options.sort.unwrap_or(site.sort);
        let mut comments = comments::page(&state.db, id, comments::DEFAULT_PAGE, sort, None).await?;
        comments.commenting = site.commenting;
        let unavailable = encart::widget::unavailable(&options, &article).to_owned();
        let state = EmbedState {
            article,
            comments,
            now: crate::db::millis(std::time::SystemTime::now()),
            options: options.clone(),
        };
        Ok(Embed {
            build: encart::BUILD_ID.to_owned(),
            html: encart::widget::render(state.clone()),
            css: encart::app::STYLE.to_owned(),
            unavailable,
            state,
        })
    };
    cache::json(&state, &slug, Some(cache::Hot::Embed(key.finish())), &headers, load).await
}

/// The options the widget will use, in one spelling each (so that equivalent
/// requests share a cache entry): what it would not understand is dropped.
fn options(params: Params, site_language: Option<&str>) -> ViewOptions {
    let lang = |tag: Option<String>| tag.as_deref().and_then(Lang::from_tag).map(|l| l.tag().to_owned());
    ViewOptions {
        lang: lang(params.lang).or_else(|| site_language.map(str::to_owned)),
        ui: lang(params.ui),
        heading: params.heading.and_then(|h| h.trim().parse().ok()).filter(|h| (1..=6).contains(h)),
        theme: params.theme.as_deref().and_then(Theme::parse).map(|t| t.as_str().to_owned()),
        size: params.size.as_deref().and_then(TextSize::parse).map(|s| s.as_str().to_owned()),
        sort: params.sort.as_deref().and_then(Sort::parse),
    }
}
