//! The API client: the only module (with `lib.rs`) that talks to the browser.
//! URLs, status checks and decoding live here; views never build URLs.

use encart_api_types::Article;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::load::Load;

/// Why a request failed, in the terms a reader's message needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS refusal, …).
    Network,
    /// 404: no such article.
    NotFound,
    /// Any other non-2xx status.
    Status(u16),
    /// A 2xx answer whose body is not the JSON we expect.
    Malformed,
}

#[derive(Clone, Debug)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn new(base: &str) -> Self {
        ApiClient { base: base.trim_end_matches('/').to_owned() }
    }

    fn article_url(&self, slug: &str) -> String {
        format!("{}/api/v1/articles/{}", self.base, js_sys::encode_uri_component(slug))
    }

    pub async fn article(&self, slug: &str) -> Result<Article, ApiError> {
        get_json(&self.article_url(slug)).await
    }

    /// Fetches the article into `state`, going through `Loading` first.
    pub fn load_article(&self, slug: String, state: RwSignal<Load<Article>>) {
        state.set(Load::Loading);
        let client = self.clone();
        leptos::task::spawn_local(async move {
            state.set(match client.article(&slug).await {
                Ok(article) => Load::Ready(article),
                Err(err) => Load::Failed(err),
            });
        });
    }
}

/// GET `url` and decode its JSON with the browser's parser and
/// serde-wasm-bindgen (much smaller in wasm than serde_json).
async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let response = gloo_net::http::Request::get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| warn(url, ApiError::Network, &e.to_string()))?;
    // gloo-net resolves on any status: 4xx/5xx must be checked here.
    if !response.ok() {
        let status = response.status();
        let err = if status == 404 { ApiError::NotFound } else { ApiError::Status(status) };
        return Err(warn(url, err, &response.status_text()));
    }
    let promise =
        web_sys::Response::from(response).json().map_err(|_| warn(url, ApiError::Malformed, "body already read"))?;
    let value = JsFuture::from(promise).await.map_err(|_| warn(url, ApiError::Malformed, "not JSON"))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| warn(url, ApiError::Malformed, &e.to_string()))
}

/// Logs the details a partner's developer needs, and passes the error on.
fn warn(url: &str, err: ApiError, detail: &str) -> ApiError {
    leptos::logging::warn!("encart: GET {url} failed: {err:?} ({detail})");
    err
}

/// The host page's `<html lang>`, or "" when it has none.
pub fn host_page_lang() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| e.lang())
        .unwrap_or_default()
}
