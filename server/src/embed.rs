//! `GET /api/v1/articles/{slug}/embed`: the widget's first view (reader
//! view, first page of comments, empty form), rendered here by the widget's
//! own components (`encart::widget::render`), with the build of those
//! components and the version of the data it was rendered from. `embed.js`
//! shows the HTML at once; the wasm hydrates it with that data, asked for
//! with the module only (`…/embed/state`, the same query), so that a reader
//! who never reaches the discussion downloads the view alone (0.4 KB
//! brotli less on the fixture). Should the data have changed in between
//! (another version), the widget renders it afresh instead. Both are
//! cached and revalidated like the other hot reads. A loader of an earlier
//! release, which does not say `data=apart`, gets the data in the view, as
//! it expects (a rollout's first minutes, while the CDN's `embed.js` is the
//! old one).
//!
//! The rendering options (`lang`, `ui`, `browser`, `heading`, `theme`, `size`,
//! `sort`) are those the loader reads from the `data-*` attributes, the page,
//! the browser and the reader's saved preferences; unknown values are left to
//! the defaults, as the browser does, and the answer says which were used.
//! The widget's language is chosen here (`encart::widget::language`) and its
//! words go with the view. The stylesheet goes with it too, unless the
//! loader names the one it has from the CDN (`css=encart-<hash>.css`) and it
//! is this build's: then the view leaves it out (2.7 KB brotli less on every
//! page view after a reader's first). `GET /api/v1/articles/{slug}/words`
//! answers the words alone, chosen the same way, for a widget the module
//! renders itself.

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use encart::i18n::{self, Lang, Text, text};
use encart::reader::{TextSize, Theme};
use encart_api_types::{ClientWords, Embed, EmbedState, Sort, ViewOptions};
use serde::Deserialize;

use crate::extract::Slug;
use crate::{AppState, Error, Result, cache, comments};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles/{slug}/embed", get(show))
        .route("/api/v1/articles/{slug}/embed/state", get(show_state))
        .route("/api/v1/articles/{slug}/words", get(words))
}

/// The query as sent: every option a string, checked in [`options`].
#[derive(Deserialize)]
struct Params {
    lang: Option<String>,
    ui: Option<String>,
    /// The reader's browser languages (`navigator.languages`), comma-separated.
    browser: Option<String>,
    heading: Option<String>,
    theme: Option<String>,
    size: Option<String>,
    sort: Option<String>,
    /// The stylesheet the loader has (its name on the CDN).
    css: Option<String>,
    /// `apart`: the loader asks for the view's data apart (`…/embed/state`);
    /// a loader of an earlier release does not, and gets it inside.
    data: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Slug(slug): Slug,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response> {
    let has_style = matches!(&params, Ok(Query(p)) if p.css.as_deref() == Some(encart::app::STYLE_NAME));
    let apart = matches!(&params, Ok(Query(p)) if p.data.as_deref() == Some("apart"));
    let (options, key) = requested(&state, &headers, params)?;
    let key = {
        let mut with_style = DefaultHasher::new();
        (key, has_style, apart).hash(&mut with_style);
        with_style.finish()
    };
    let load = async {
        let data = embed_state(&state, &slug, options).await?;
        Ok(Embed {
            build: encart::BUILD_ID.to_owned(),
            css: if has_style { String::new() } else { encart::app::STYLE.to_owned() },
            unavailable: text(Lang::get(&data.lang), Text::CommentingUnavailable).to_owned(),
            lang: data.lang.clone(),
            now: data.now,
            version: data.version.clone(),
            html: encart::widget::render(data.clone()),
            state: (!apart).then_some(data),
        })
    };
    cache::json(&state, &slug, Some(cache::Hot::Embed(key)), &headers, load).await
}

/// `GET /api/v1/articles/{slug}/embed/state`, with the query of a first
/// view: the data such a view is rendered from now, for the module to
/// hydrate it with (when its version is the view's). Apart from the view:
/// a reader who never reaches the discussion does not download it.
async fn show_state(
    State(state): State<AppState>,
    headers: HeaderMap,
    Slug(slug): Slug,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response> {
    let (options, key) = requested(&state, &headers, params)?;
    let load = embed_state(&state, &slug, options);
    cache::json(&state, &slug, Some(cache::Hot::EmbedState(key)), &headers, load).await
}

/// What a first view of article `slug` with `options` is rendered from, now.
async fn embed_state(state: &AppState, slug: &str, options: ViewOptions) -> Result<EmbedState> {
    let (id, article) =
        crate::articles::find_with_id(&state.db, slug).await?.ok_or_else(|| Error::not_found("article"))?;
    let site = comments::site_settings(state, id).await?;
    let sort = options.sort.unwrap_or(site.sort);
    let mut comments = comments::page(&state.db, id, comments::DEFAULT_PAGE, sort, None).await?;
    comments.commenting = site.commenting;
    let lang = Lang::get(encart::widget::language(&options, Some(&article.language))).tag().to_owned();
    let same = serde_json::to_vec(&(&article, &comments, &options, &lang)).map_err(anyhow::Error::from)?;
    let version = crate::secrets::hex_sha256(&[&same])[..16].to_owned();
    Ok(EmbedState { article, comments, now: crate::db::millis(std::time::SystemTime::now()), options, lang, version })
}

/// `GET /api/v1/articles/{slug}/words`: the words of the language a first
/// view of the article would be in, with the same query; for an article
/// that cannot be read, the same without the article's language.
async fn words(
    State(state): State<AppState>,
    headers: HeaderMap,
    Slug(slug): Slug,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response> {
    let (options, key) = requested(&state, &headers, params)?;
    let load = async {
        // Without the article (unknown, or the database failing), its
        // language is left out: the widget still needs words to say so.
        let language = match crate::articles::find(&state.db, &slug).await {
            Ok(article) => article.map(|a| a.language),
            Err(e) => {
                tracing::warn!("the words of {slug} without its language: {e:?}");
                None
            }
        };
        let lang = Lang::get(encart::widget::language(&options, language.as_deref()));
        Ok::<_, Error>(ClientWords {
            words: lang.words().clone(),
            fallback: text(lang, Text::ReaderUnavailable).to_owned(),
        })
    };
    cache::json(&state, &slug, Some(cache::Hot::Words(key)), &headers, load).await
}

/// The options a request asks for, with the partner site's language (by
/// its `Origin`) unless the page chose one (`data-lang`), and their cache key.
fn requested(
    state: &AppState,
    headers: &HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<(ViewOptions, u64)> {
    let Query(params) = params.map_err(|_| Error::bad_request("the query string is not valid"))?;
    let site_language = crate::sites::language_for(&state.sites, headers.get(axum::http::header::ORIGIN));
    let options = options(params, site_language);
    let mut key = DefaultHasher::new();
    options.hash(&mut key);
    Ok((options, key.finish()))
}

/// Most languages of a reader's browser list read.
const MAX_BROWSER_LANGUAGES: usize = 8;

/// The first language of the reader's browser list (`navigator.languages`,
/// comma-separated) that the widget speaks.
pub fn browser_language(list: Option<&str>) -> Option<&'static str> {
    list?.split(',').take(MAX_BROWSER_LANGUAGES).find_map(i18n::supported)
}

/// The options the widget will use, in one spelling each (so that equivalent
/// requests share a cache entry): what it would not understand is dropped,
/// and so are the languages that come after one it speaks.
fn options(params: Params, site_language: Option<&str>) -> ViewOptions {
    let lang = |tag: Option<&str>| tag.and_then(i18n::supported).map(str::to_owned);
    let chosen = lang(params.lang.as_deref()).or_else(|| lang(site_language));
    let ui = lang(params.ui.as_deref()).filter(|_| chosen.is_none());
    let browser = browser_language(params.browser.as_deref());
    ViewOptions {
        lang: chosen.clone(),
        ui: ui.clone(),
        browser: browser.filter(|_| chosen.is_none() && ui.is_none()).map(str::to_owned),
        heading: params.heading.and_then(|h| h.trim().parse().ok()).filter(|h| (1..=6).contains(h)),
        theme: params.theme.as_deref().and_then(Theme::parse).map(|t| t.as_str().to_owned()),
        size: params.size.as_deref().and_then(TextSize::parse).map(|s| s.as_str().to_owned()),
        sort: params.sort.as_deref().and_then(Sort::parse),
    }
}
