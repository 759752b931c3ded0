//! The one error type of the API. A client error is a [`Refusal`], which
//! gives both its status and its stable `code` (so the two cannot disagree),
//! built through the named constructors of [`Error`]; refused fields are one
//! map of field to code; internal failures are logged with their context and
//! answered with a generic message, so nothing about the server's insides
//! reaches a client.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use encart_api_types::{ErrorBody, ErrorDetail, FieldErrors, error_code};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a client is refused, each with its status and stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    PayloadTooLarge,
    UriTooLong,
    UnsupportedMediaType,
    HeadersTooLarge,
    /// What this server does not do (its configuration, a format).
    NotImplemented,
    /// An import: the page holds no article.
    NotAnArticle,
    /// A document or page nests deeper than the limits.
    TooDeep,
    /// A document or page has more elements than the limit.
    TooComplex,
    /// An import: the page could not be fetched (network, status).
    FetchFailed,
    FetchTooLarge,
    FetchTimeout,
    /// A reader's sign-in token has expired (the page may hand a fresh one).
    TokenExpired,
    /// A sign-in token that is not the site's, or not well-formed.
    TokenInvalid,
    /// The article's site lets only signed-in readers comment.
    SignInRequired,
    /// A moderator barred this reader.
    Banned,
    /// The author's edit window is over.
    EditWindowClosed,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::BadRequest => StatusCode::BAD_REQUEST,
            Refusal::Unauthorized => StatusCode::UNAUTHORIZED,
            Refusal::Forbidden => StatusCode::FORBIDDEN,
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Refusal::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::UriTooLong => StatusCode::URI_TOO_LONG,
            Refusal::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Refusal::NotImplemented => StatusCode::NOT_IMPLEMENTED,
            Refusal::NotAnArticle | Refusal::TooDeep | Refusal::TooComplex => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::FetchFailed | Refusal::FetchTooLarge => StatusCode::BAD_GATEWAY,
            Refusal::FetchTimeout => StatusCode::GATEWAY_TIMEOUT,
            Refusal::TokenExpired | Refusal::TokenInvalid | Refusal::SignInRequired => StatusCode::UNAUTHORIZED,
            Refusal::Banned | Refusal::EditWindowClosed => StatusCode::FORBIDDEN,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Refusal::BadRequest => error_code::BAD_REQUEST,
            Refusal::Unauthorized => error_code::UNAUTHORIZED,
            Refusal::Forbidden => error_code::FORBIDDEN,
            Refusal::NotFound => error_code::NOT_FOUND,
            Refusal::MethodNotAllowed => error_code::METHOD_NOT_ALLOWED,
            Refusal::RequestTimeout => error_code::REQUEST_TIMEOUT,
            Refusal::PayloadTooLarge => error_code::PAYLOAD_TOO_LARGE,
            Refusal::UriTooLong => error_code::URI_TOO_LONG,
            Refusal::UnsupportedMediaType => error_code::UNSUPPORTED_MEDIA_TYPE,
            Refusal::HeadersTooLarge => error_code::HEADERS_TOO_LARGE,
            Refusal::NotImplemented => error_code::NOT_IMPLEMENTED,
            Refusal::NotAnArticle => error_code::NOT_AN_ARTICLE,
            Refusal::TooDeep => error_code::TOO_DEEP,
            Refusal::TooComplex => error_code::TOO_COMPLEX,
            Refusal::FetchFailed => error_code::FETCH_FAILED,
            Refusal::FetchTooLarge => error_code::FETCH_TOO_LARGE,
            Refusal::FetchTimeout => error_code::FETCH_TIMEOUT,
            Refusal::TokenExpired => error_code::TOKEN_EXPIRED,
            Refusal::TokenInvalid => error_code::TOKEN_INVALID,
            Refusal::SignInRequired => error_code::SIGN_IN_REQUIRED,
            Refusal::Banned => error_code::BANNED,
            Refusal::EditWindowClosed => error_code::EDIT_WINDOW_CLOSED,
        }
    }
}

/// Refused fields, each with its stable code (`("title", "required")`):
/// answered as `{"fields": {"title": "required"}}`, for every 422 `invalid`.
pub type Fields = Vec<(&'static str, &'static str)>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is refused; the message is shown to the client.
    #[error("{1}")]
    Refused(Refusal, String),
    /// Fields break the rules (422 `invalid`), each with its code.
    #[error("{message}")]
    Invalid { fields: Fields, message: String },
    /// Past a rate limit (429): retry after this many seconds (at least 1).
    #[error("{message}")]
    TooManyRequests { retry_after: u64, message: String },
    /// The database failed: logged, answered as a generic 500.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Anything else that is our fault: logged, answered as a generic 500.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn refused(refusal: Refusal, message: impl Into<String>) -> Error {
        Error::Refused(refusal, message.into())
    }

    /// A 400: the request itself is malformed.
    pub fn bad_request(message: impl Into<String>) -> Error {
        Error::refused(Refusal::BadRequest, message)
    }

    /// A 401: no credentials, or unknown ones.
    pub fn unauthorized(message: impl Into<String>) -> Error {
        Error::refused(Refusal::Unauthorized, message)
    }

    /// A 403: known, and not allowed.
    pub fn forbidden(message: impl Into<String>) -> Error {
        Error::refused(Refusal::Forbidden, message)
    }

    /// A 401 `token_expired`: the reader's token is past its `exp`.
    pub fn token_expired() -> Error {
        Error::refused(Refusal::TokenExpired, "the sign-in token has expired: ask the site for a fresh one")
    }

    /// A 401 `token_invalid`: the token is refused, for the reason given.
    pub fn token_invalid(why: impl std::fmt::Display) -> Error {
        Error::refused(Refusal::TokenInvalid, format!("the sign-in token is refused: {why}"))
    }

    /// A 401 `sign_in_required`: the article's site lets only signed-in readers comment.
    pub fn sign_in_required() -> Error {
        Error::refused(Refusal::SignInRequired, "this site lets only its signed-in readers comment")
    }

    /// A 403 `banned`: a moderator barred this reader from commenting.
    pub fn banned() -> Error {
        Error::refused(Refusal::Banned, "a moderator barred this reader from commenting here")
    }

    /// A 403 `edit_window_closed`: a comment may be edited only so long after posting.
    pub fn edit_window_closed() -> Error {
        Error::refused(Refusal::EditWindowClosed, "a comment can be edited for 15 minutes after it is posted")
    }

    /// A 404: "`what` not found".
    pub fn not_found(what: &str) -> Error {
        Error::refused(Refusal::NotFound, format!("{what} not found"))
    }

    /// A 413: the body is larger than `max_bytes`.
    pub fn too_large(max_bytes: usize) -> Error {
        Error::refused(Refusal::PayloadTooLarge, format!("the request body is larger than {max_bytes} bytes"))
    }

    /// A 415: the body is not of the type the endpoint reads.
    pub fn unsupported_media_type(message: impl Into<String>) -> Error {
        Error::refused(Refusal::UnsupportedMediaType, message)
    }

    /// A 501: what this server does not do.
    pub fn not_implemented(message: impl Into<String>) -> Error {
        Error::refused(Refusal::NotImplemented, message)
    }

    /// A 422 `invalid`: these fields are refused, each with its code.
    pub fn invalid(fields: Fields, message: impl Into<String>) -> Error {
        Error::Invalid { fields, message: message.into() }
    }

    /// A 429: too many requests `whose` (e.g. "from this address"), to be
    /// tried again in `retry_after` seconds.
    pub fn too_many_requests(whose: &str, retry_after: u64) -> Error {
        let retry_after = retry_after.max(1);
        Error::TooManyRequests {
            retry_after,
            message: format!("too many requests {whose}; try again in {retry_after} s"),
        }
    }

    /// The refusal this error is, if a client's.
    pub fn refusal(&self) -> Option<Refusal> {
        match self {
            Error::Refused(refusal, _) => Some(*refusal),
            _ => None,
        }
    }
}

/// A comment's refused fields (the rules both the server and the form apply).
impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Error {
        let fields = [("author", errors.author), ("body", errors.body), ("email", errors.email)]
            .into_iter()
            .filter_map(|(field, error)| Some((field, error?.code())))
            .collect();
        Error::invalid(fields, "some fields are invalid")
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::Refused(refusal, message) => error_response(refusal.status(), refusal.code(), message),
            Error::Invalid { fields, message } => {
                let fields: serde_json::Map<String, serde_json::Value> =
                    fields.into_iter().map(|(name, code)| (name.to_owned(), code.into())).collect();
                let body = serde_json::json!({
                    "error": { "code": error_code::INVALID, "message": message, "fields": fields }
                });
                (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
            }
            Error::TooManyRequests { retry_after, message } => {
                let mut response =
                    error_response(StatusCode::TOO_MANY_REQUESTS, error_code::TOO_MANY_REQUESTS, message);
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                response
            }
            Error::Database(_) | Error::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                error_response(StatusCode::INTERNAL_SERVER_ERROR, error_code::INTERNAL, "internal server error".into())
            }
        }
    }
}

fn error_response(status: StatusCode, code: &str, message: String) -> Response {
    let body = ErrorBody { error: ErrorDetail { code: code.to_owned(), message, fields: None } };
    (status, Json(body)).into_response()
}

/// Answer for a path no route matches.
pub async fn not_found() -> Error {
    Error::not_found("endpoint")
}

/// Answer for a known path asked with the wrong method.
pub async fn method_not_allowed() -> Error {
    Error::refused(Refusal::MethodNotAllowed, "method not allowed")
}

#[cfg(test)]
mod tests {
    use encart_api_types::FieldError;

    use super::*;

    #[test]
    fn every_refusal_has_one_status_and_code_and_comment_fields_map_to_theirs() {
        assert_eq!(Error::not_found("article").to_string(), "article not found");
        assert_eq!(Refusal::NotImplemented.code(), "not_implemented");
        assert_eq!(Refusal::NotImplemented.status(), StatusCode::NOT_IMPLEMENTED);
        let Error::Invalid { fields, .. } =
            Error::from(FieldErrors { author: None, body: Some(FieldError::TooLong), email: None })
        else {
            panic!("a 422")
        };
        assert_eq!(fields, vec![("body", "too_long")]);
    }
}
