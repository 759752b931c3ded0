//! The encart widget: a reader view of one article (and, later, its comments),
//! mounted by `embed.js` into a `div` inside an open shadow root on a partner page.
//!
//! This file is the only entry point: it exports [`mount`], installs the panic
//! hook, reads the configuration and wires the API client to the views. The
//! views themselves (`app`, `article`) are pure functions of their props.

pub mod api;
pub mod app;
pub mod article;
pub mod comments;
pub mod discussion;
pub mod form;
pub mod i18n;
pub mod load;
pub mod reader;
pub mod storage;

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use std::cell::Cell;
use std::time::Duration;

use crate::api::{ApiClient, Prefetched};
use crate::app::{App, CommentsWiring, Presentation};
use crate::comments::Actions;
use crate::discussion::Discussion;
use crate::i18n::Lang;
use crate::load::Load;
use crate::reader::{Prefs, Theme};

/// The options a partner gives on the script tag or the placeholder `div`
/// (`data-api`, `data-article`, `data-lang`), as passed by `embed.js`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Base URL of the encart API, e.g. `https://api.example.org`.
    pub api: String,
    /// Slug of the article to show.
    pub article: String,
    /// Language of the widget's own words; defaults to the article's.
    #[serde(default)]
    pub lang: Option<String>,
    /// Level of the article's title, "1" to "6" (`data-heading-level`); 2 by default.
    #[serde(default)]
    pub heading_level: Option<String>,
    /// Theme until the reader picks one (`data-theme`): auto, light, dark or sepia.
    #[serde(default)]
    pub theme: Option<String>,
    /// The article request `embed.js` already started (a `fetch` promise), if any.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub article_response: JsValue,
    /// The first comment page request `embed.js` already started, if any.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub comments_response: JsValue,
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
    let chosen_lang = config.lang.as_deref().and_then(Lang::from_tag);
    let ui_lang = Lang::from_tag(&api::host_page_lang()).unwrap_or_default();
    let first = Prefetched {
        article: Cell::new(config.article_response.dyn_into().ok()),
        comments: Cell::new(config.comments_response.dyn_into().ok()),
    };
    let client = ApiClient::new(&config.api, &config.article, first);
    let heading_level =
        config.heading_level.and_then(|l| l.trim().parse().ok()).filter(|l| (1..=6).contains(l)).unwrap_or(2);
    let (saved_size, saved_theme) = storage::saved_prefs();
    let initial_prefs = Prefs {
        size: saved_size.unwrap_or_default(),
        theme: saved_theme.or_else(|| config.theme.as_deref().and_then(Theme::parse)).unwrap_or_default(),
    };

    let adopted_styles = adopt_styles(&element);
    leptos::mount::mount_to(element, move || {
        let state = RwSignal::new(Load::Loading);
        let discussion = Discussion::new();
        let now_ms = RwSignal::new(api::now_millis());
        let prefs = RwSignal::new(initial_prefs);
        let presentation = Presentation {
            prefs: prefs.into(),
            on_change: Callback::new(move |new: Prefs| {
                prefs.set(new);
                storage::save_prefs(new);
            }),
            heading_level,
        };
        let _ = set_interval_with_handle(move || now_ms.set(api::now_millis()), Duration::from_secs(30));

        // A StoredValue and Callbacks are Copy: each action can go to several buttons.
        let client = StoredValue::new(client);
        let load_article = Callback::new(move |()| client.with_value(|c| c.load_article(state)));
        let load_comments = Callback::new(move |()| client.with_value(|c| c.load_comments(discussion)));
        let load_more = Callback::new(move |()| client.with_value(|c| c.load_more(discussion)));
        let submit = Callback::new(move |(comment, draft)| client.with_value(|c| c.post(comment, discussion, draft)));
        let delete = Callback::new(move |id: String| client.with_value(|c| c.delete(id, discussion)));
        // Retrying the article retries its comments too: they failed with it.
        let retry_all = Callback::new(move |()| {
            load_article.run(());
            load_comments.run(());
        });
        retry_all.run(());

        let comments = CommentsWiring {
            discussion,
            actions: Actions { retry: load_comments, load_more, submit, delete },
            now_ms: now_ms.into(),
            author: storage::remembered_author(),
        };
        view! {
            <App
                state=state.read_only()
                on_retry=retry_all
                ui_lang
                chosen_lang
                comments
                presentation
                adopted_styles
            />
        }
    })
    .forget();
    Ok(())
}

thread_local! {
    /// The stylesheet every widget's shadow root adopts: parsed once per page.
    static SHEET: Option<web_sys::CssStyleSheet> = {
        let sheet = web_sys::CssStyleSheet::new().ok();
        sheet.filter(|s| s.replace_sync(app::STYLE).is_ok())
    };
}

/// Gives the shadow root holding `element` the widget's stylesheet as a
/// constructed sheet, which a page's Content-Security-Policy does not block
/// (an inline `<style>` needs `'unsafe-inline'`). `false` where constructed
/// sheets are not supported: the view then renders a `<style>`.
fn adopt_styles(element: &web_sys::HtmlElement) -> bool {
    let Ok(root) = element.get_root_node().dyn_into::<web_sys::ShadowRoot>() else { return false };
    let Some(sheet) = SHEET.with(Clone::clone) else { return false };
    let key = JsValue::from_str("adoptedStyleSheets");
    let Some(current) = js_sys::Reflect::get(&root, &key).ok().filter(js_sys::Array::is_array) else { return false };
    let sheets = js_sys::Array::from(&current).concat(&js_sys::Array::of1(&sheet));
    js_sys::Reflect::set(&root, &key, &sheets).unwrap_or(false)
}
