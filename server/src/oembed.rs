//! oEmbed (<https://oembed.com>): `GET /oembed?url=…&format=json` answers a
//! `rich` embed whose HTML is the encart snippet for the article at `url`
//! (its publisher's page, i.e. its `source_url`, or its API URL), so a CMS
//! that speaks oEmbed inserts the widget from a link.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{AppState, Error, Result, articles, comments};

/// Where browsers reach this API and the CDN serving `embed.js`: the
/// snippet names both.
#[derive(Clone, Debug)]
pub struct EmbedUrls {
    pub api: String,
    pub cdn: String,
}

/// The widget's width in the snippet's answer; it follows its container.
const WIDTH: u32 = 720;
/// A hint only: the widget takes the height its content needs (no iframe).
const HEIGHT: u32 = 1200;

pub fn router() -> Router<AppState> {
    Router::new().route("/oembed", get(oembed))
}

#[derive(Debug, Deserialize)]
struct Params {
    url: Option<String>,
    format: Option<String>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
}

/// `text` safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&#39;")
}

async fn oembed(State(state): State<AppState>, params: Result<Query<Params>, QueryRejection>) -> Result<Json<Value>> {
    let Query(params) = params.map_err(|_| Error::bad_request("maxwidth and maxheight are whole numbers"))?;
    let Some(urls) = state.embed.as_deref() else {
        return Err(Error::not_implemented(
            "this server does not know its public and CDN URLs (--public-url, --cdn-url)",
        ));
    };
    if params.format.as_deref().is_some_and(|f| f != "json") {
        return Err(Error::not_implemented("only format=json"));
    }
    let url = params.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let url = url.ok_or_else(|| Error::bad_request("give the article's URL as ?url="))?;
    if url.chars().any(char::is_control) {
        return Err(Error::bad_request("the URL holds a control character"));
    }
    let api_prefix = format!("{}/api/v1/articles/", urls.api.trim_end_matches('/'));
    let slug = match url.strip_prefix(&api_prefix) {
        Some(rest) => Some(rest.split(['/', '?', '#']).next().unwrap_or_default().to_owned()),
        None => articles::by_source_url(&state.db, url).await?,
    };
    let article = match slug {
        Some(slug) => articles::find(&state.db, &slug).await?,
        None => None,
    };
    let article = article.ok_or_else(|| Error::not_found("article for this URL"))?;
    let (cdn, api) = (attribute(urls.cdn.trim_end_matches('/')), attribute(urls.api.trim_end_matches('/')));
    let picks = comments::picks(&state.db, articles::id_of(&state.db, &article.slug).await?).await?;
    // The newsroom's picks go in the placeholder, as quotes: what a page
    // shows before (or without) the widget, which then takes their place.
    let html = if picks.is_empty() {
        format!(
            r#"<script async src="{cdn}/embed.js" data-api="{api}" data-article="{}"></script>"#,
            attribute(&article.slug)
        )
    } else {
        let quotes: String = picks
            .iter()
            .map(|pick| {
                format!(
                    r#"<blockquote class="encart-pick"><p>{}</p><footer>{}</footer></blockquote>"#,
                    attribute(&pick.body),
                    attribute(&pick.author)
                )
            })
            .collect();
        format!(
            r#"<div data-encart-article="{}" data-api="{api}">{quotes}</div><script async src="{cdn}/embed.js" data-api="{api}"></script>"#,
            attribute(&article.slug)
        )
    };
    Ok(Json(json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "encart",
        "provider_url": urls.api,
        "title": article.title,
        "author_name": article.byline,
        "html": html,
        "width": params.maxwidth.map_or(WIDTH, |max| max.min(WIDTH)),
        "height": params.maxheight.map_or(HEIGHT, |max| max.min(HEIGHT)),
        "cache_age": 3600,
    })))
}

#[cfg(test)]
mod tests {
    #[test]
    fn attribute_values_are_escaped() {
        assert_eq!(super::attribute(r#"a"b<c>&'d"#), "a&quot;b&lt;c&gt;&amp;&#39;d");
    }
}
