//! The state of a piece of data fetched from the API.

use crate::api::ApiError;

/// What a view shows while data is fetched: a plain state rather than
/// `Suspense`, which costs kilobytes and reads page globals when hydrated.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Failed(ApiError),
    Ready(T),
}
