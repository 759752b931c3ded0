//! The one error type of the API. Each variant maps to a status and a stable
//! `code`; internal failures are logged with their context and answered with a
//! generic message, so nothing about the server's insides reaches a client.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use encart_api_types::{ErrorBody, ErrorDetail, FieldErrors, error_code};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The named thing does not exist (404).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request itself is malformed (400); the message is shown to the client.
    #[error("{0}")]
    BadRequest(String),
    /// Fields break the shared rules (422), with a code per field.
    #[error("some fields are invalid")]
    Invalid(FieldErrors),
    /// Fields of a document break its rules (422): each named field with its
    /// code, e.g. `("title", "required")`, and a message for people.
    #[error("{1}")]
    InvalidFields(Vec<(&'static str, &'static str)>, String),
    /// The body is larger than the limit, in bytes (413).
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    /// Past a rate limit (429): retry after this many seconds (at least 1).
    #[error("{message}")]
    TooManyRequests { retry_after: u64, message: String },
    /// Any other client error: status, stable code, message shown to the client.
    #[error("{2}")]
    Status(StatusCode, &'static str, String),
    /// The database failed: logged, answered as a generic 500.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Anything else that is our fault: logged, answered as a generic 500.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code, message) = match &self {
            Error::NotFound(_) => (StatusCode::NOT_FOUND, error_code::NOT_FOUND, self.to_string()),
            Error::BadRequest(msg) => (StatusCode::BAD_REQUEST, error_code::BAD_REQUEST, msg.clone()),
            Error::Invalid(fields) => {
                let detail = ErrorDetail {
                    code: error_code::INVALID.to_owned(),
                    message: self.to_string(),
                    fields: Some(fields.clone()),
                };
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(ErrorBody { error: detail })).into_response();
            }
            Error::InvalidFields(fields, message) => {
                let fields: serde_json::Map<String, serde_json::Value> =
                    fields.iter().map(|(name, code)| ((*name).to_owned(), (*code).into())).collect();
                let body = serde_json::json!({
                    "error": { "code": error_code::INVALID, "message": message, "fields": fields }
                });
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
            }
            Error::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, error_code::PAYLOAD_TOO_LARGE, self.to_string()),
            Error::TooManyRequests { retry_after, message } => {
                let mut response =
                    error_response(StatusCode::TOO_MANY_REQUESTS, error_code::TOO_MANY_REQUESTS, message.clone());
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
                return response;
            }
            Error::Status(status, code, msg) => (*status, *code, msg.clone()),
            Error::Database(_) | Error::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, error_code::INTERNAL, "internal server error".to_owned())
            }
        };
        error_response(status, code, message)
    }
}

impl Error {
    /// A 429: too many requests `whose` (e.g. "from this address"), to be
    /// tried again in `retry_after` seconds.
    pub fn too_many_requests(whose: &str, retry_after: u64) -> Error {
        let retry_after = retry_after.max(1);
        Error::TooManyRequests {
            retry_after,
            message: format!("too many requests {whose}; try again in {retry_after} s"),
        }
    }
}

pub fn error_response(status: StatusCode, code: &str, message: String) -> Response {
    let body = ErrorBody { error: ErrorDetail { code: code.to_owned(), message, fields: None } };
    (status, Json(body)).into_response()
}

/// Answer for a path no route matches.
pub async fn not_found() -> Error {
    Error::NotFound("endpoint")
}

/// Answer for a known path asked with the wrong method.
pub async fn method_not_allowed() -> Response {
    error_response(StatusCode::METHOD_NOT_ALLOWED, error_code::METHOD_NOT_ALLOWED, "method not allowed".to_owned())
}
