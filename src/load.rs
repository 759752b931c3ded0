//! The state of a piece of data fetched from the API.

use encart_api_types::FieldErrors;

/// What a view shows while data is fetched: a plain state rather than
/// `Suspense`, which costs kilobytes and reads page globals when hydrated.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Failed(ApiError),
    Ready(T),
}

/// Why a request failed, in the terms a reader's message needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS refusal, …).
    Network,
    /// No answer in time (`api::TIMEOUT_MS`): the request was aborted.
    Timeout,
    /// 404: no such article (or parent comment).
    NotFound,
    /// 422: the server refused some fields.
    Invalid(FieldErrors),
    /// 413: the request was too large.
    TooLarge,
    /// 429: too many posts; try again later.
    RateLimited,
    /// Any other non-2xx status.
    Status(u16),
    /// A 2xx answer whose body is not the JSON we expect.
    Malformed,
    /// 401 `token_expired`: the reader's sign-in ran out (the page is asked for a fresh one).
    SignInExpired,
    /// 401 `token_invalid`: the site's sign-in could not be verified.
    SignInInvalid,
    /// 401 `sign_in_required`: only signed-in readers comment here.
    SignInRequired,
    /// 403 `banned`: a moderator barred this reader.
    Banned,
}

impl ApiError {
    /// Whether trying again as it is can help: not for a ban, nor for a
    /// sign-in the reader (or their page) must do first; a post refused for
    /// an expired token goes by itself once the page hands a fresh one.
    pub fn can_retry(&self) -> bool {
        !matches!(self, ApiError::Banned | ApiError::SignInRequired | ApiError::SignInExpired | ApiError::SignInInvalid)
    }
}
