//! The encart widget: a reader view of one article (and, later, its comments),
//! mounted by `embed.js` into a `div` inside an open shadow root on a partner page.
//!
//! This file is the only entry point: it exports [`mount`], installs the panic
//! hook, reads the configuration and wires the API client to the views. The
//! views themselves (`app`, `article`) are pure functions of their props.

pub mod api;
pub mod app;
pub mod article;
pub mod i18n;
pub mod load;

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::api::ApiClient;
use crate::app::App;
use crate::i18n::Lang;
use crate::load::Load;

/// The options a partner gives on the script tag or the placeholder `div`
/// (`data-api`, `data-article`, `data-lang`), as passed by `embed.js`.
#[derive(Debug, Deserialize)]
pub struct Config {
    /// Base URL of the encart API, e.g. `https://api.example.org`.
    pub api: String,
    /// Slug of the article to show.
    pub article: String,
    /// Language of the widget's own words; defaults to the host page's, then English.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Mounts a widget into `element` (a `div` inside a shadow root).
///
/// `config` is a plain object with the fields of [`Config`]. A bad config is
/// answered with an error and mounts nothing.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> Result<(), JsError> {
    console_error_panic_hook::set_once();
    let config: Config =
        serde_wasm_bindgen::from_value(config).map_err(|e| JsError::new(&format!("encart: invalid config: {e}")))?;
    if config.api.trim().is_empty() || config.article.trim().is_empty() {
        return Err(JsError::new("encart: config needs `api` and `article`"));
    }
    let ui_lang = config
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .or_else(|| Lang::from_tag(&api::host_page_lang()))
        .unwrap_or_default();
    let client = ApiClient::new(&config.api);
    let slug = config.article;

    leptos::mount::mount_to(element, move || {
        let state = RwSignal::new(Load::Loading);
        let load = move || client.load_article(slug.clone(), state);
        load();
        view! { <App state=state.read_only() on_retry=Callback::new(move |()| load()) ui_lang /> }
    })
    .forget();
    Ok(())
}
