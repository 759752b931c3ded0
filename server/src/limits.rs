//! Limits checked before any work is done, each answered with a JSON 4xx:
//! the URL and header sizes of a request, and a deadline on the whole of it,
//! body included, so a slow client cannot hold the server's resources.
//! (Bodies are limited per route, e.g. 64 KiB on comment POSTs.)

use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Error;
use crate::error::Refusal;

pub const MAX_URI_BYTES: usize = 2048;
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

pub async fn limits(request: Request, next: Next) -> Response {
    if request.uri().to_string().len() > MAX_URI_BYTES {
        return Error::refused(Refusal::UriTooLong, format!("the URL is longer than {MAX_URI_BYTES} bytes"))
            .into_response();
    }
    let header_bytes: usize = request.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Error::refused(
            Refusal::HeadersTooLarge,
            format!("the headers are larger than {MAX_HEADER_BYTES} bytes"),
        )
        .into_response();
    }
    // A URL import waits on another site for up to its own limit, and must
    // be able to report that site's timeout (504) rather than a 408.
    let deadline = if request.uri().path() == "/api/v1/imports" {
        REQUEST_DEADLINE + crate::fetch::TIMEOUT
    } else {
        REQUEST_DEADLINE
    };
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            Error::refused(Refusal::RequestTimeout, format!("the request took more than {} s", deadline.as_secs()))
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    fn app() -> Router {
        Router::new()
            .route("/slow", get(std::future::pending::<&'static str>))
            .route("/fast", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn(limits))
    }

    async fn status(request: Request<Body>) -> StatusCode {
        app().oneshot(request).await.unwrap().status()
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_past_its_deadline_is_a_408() {
        assert_eq!(status(Request::get("/slow").body(Body::empty()).unwrap()).await, StatusCode::REQUEST_TIMEOUT);
        assert_eq!(status(Request::get("/fast").body(Body::empty()).unwrap()).await, StatusCode::OK);
    }

    #[tokio::test]
    async fn oversized_urls_and_headers_are_refused_before_any_work() {
        let long = format!("/fast?{}", "a".repeat(MAX_URI_BYTES));
        assert_eq!(status(Request::get(long).body(Body::empty()).unwrap()).await, StatusCode::URI_TOO_LONG);
        let big = "x".repeat(MAX_HEADER_BYTES);
        let request = Request::get("/fast").header("x-filler", big).body(Body::empty()).unwrap();
        assert_eq!(status(request).await, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
}
