//! The request's parts as handlers take them, refused with our [`Error`]
//! (axum's `customize-extractor-error`): an article's slug and a comment's
//! id from the path, and JSON bodies with messages that say what was expected.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Error;

/// The `{slug}` of an article's path: valid UTF-8 without a control
/// character (no slug has one, and PostgreSQL refuses NUL in text), else a 400.
#[derive(Clone, Debug)]
pub struct Slug(pub String);

/// The `{slug}` and `{id}` of a comment's path (`…/articles/{slug}/comments/{id}…`),
/// refused as for [`Slug`]; the id is the handler's to parse.
#[derive(Clone, Debug)]
pub struct SlugAndId(pub String, pub String);

/// Whether `slug` may name an article: no control character.
pub fn valid_slug(slug: &str) -> bool {
    !slug.chars().any(char::is_control)
}

fn bad_slug() -> Error {
    Error::bad_request("the article slug in the path is not valid")
}

impl<S: Send + Sync> FromRequestParts<S> for Slug {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Ok(Path(slug)) = Path::<String>::from_request_parts(parts, state).await else { return Err(bad_slug()) };
        if valid_slug(&slug) { Ok(Slug(slug)) } else { Err(bad_slug()) }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SlugAndId {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Ok(Path((slug, id))) = Path::<(String, String)>::from_request_parts(parts, state).await else {
            return Err(Error::bad_request("the path is not valid"));
        };
        if valid_slug(&slug) { Ok(SlugAndId(slug, id)) } else { Err(bad_slug()) }
    }
}

/// A JSON body an endpoint reads: what it is called in messages, and the
/// largest body its route accepts (the route's `DefaultBodyLimit`).
pub trait Body: DeserializeOwned {
    /// E.g. "a comment".
    const WHAT: &'static str;
    const MAX_BYTES: usize;
}

/// A JSON body of type `T`: 413 past its size, 415 when not sent as JSON,
/// 400 when it is not a `T` (saying what is wrong with it).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: Body> FromRequest<S> for JsonBody<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(body)) => Ok(JsonBody(body)),
            Err(rejection) => Err(refusal::<T>(rejection)),
        }
    }
}

fn refusal<T: Body>(rejection: JsonRejection) -> Error {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Error::too_large(T::MAX_BYTES),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            Error::unsupported_media_type(format!("send {} as application/json", T::WHAT))
        }
        _ => Error::bad_request(format!("the body is not {}: {}", T::WHAT, rejection.body_text())),
    }
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body as HttpBody;
    use axum::routing::post;
    use tower::ServiceExt;

    use super::*;
    use crate::error::Refusal;

    #[derive(serde::Deserialize)]
    struct Note {
        #[allow(dead_code)]
        text: String,
    }

    impl Body for Note {
        const WHAT: &'static str = "a note";
        const MAX_BYTES: usize = 16;
    }

    async fn refusal_of(request: axum::http::Request<HttpBody>) -> Option<Refusal> {
        let app = Router::new().route(
            "/{slug}",
            post(|Slug(_): Slug, JsonBody(_): JsonBody<Note>| async { "ok" })
                .layer(axum::extract::DefaultBodyLimit::max(Note::MAX_BYTES)),
        );
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        [Refusal::BadRequest, Refusal::PayloadTooLarge, Refusal::UnsupportedMediaType]
            .into_iter()
            .find(|r| r.status() == status)
    }

    fn json(uri: &str, body: &str) -> axum::http::Request<HttpBody> {
        axum::http::Request::post(uri)
            .header("content-type", "application/json")
            .body(HttpBody::from(body.to_owned()))
            .unwrap()
    }

    #[tokio::test]
    async fn paths_and_bodies_are_refused_with_our_errors() {
        assert_eq!(refusal_of(json("/a", r#"{"text":"x"}"#)).await, None);
        assert_eq!(refusal_of(json("/a%00b", r#"{"text":"x"}"#)).await, Some(Refusal::BadRequest));
        assert_eq!(refusal_of(json("/a", r#"{"text":"#)).await, Some(Refusal::BadRequest));
        assert_eq!(refusal_of(json("/a", r#"{"text":"far too long a note"}"#)).await, Some(Refusal::PayloadTooLarge));
        let plain = axum::http::Request::post("/a").body(HttpBody::from("x")).unwrap();
        assert_eq!(refusal_of(plain).await, Some(Refusal::UnsupportedMediaType));
    }
}
