//! The encart widget: a reader view of one article and its comments,
//! mounted by `embed.js` into a `div` inside an open shadow root on a partner page.
//!
//! Two builds of one set of views (`widget`, `app`, `article`, `comments`,
//! `form`, `reader`, `retry`: pure functions of their props):
//! - `hydrate` (the default; Trunk builds it): the browser entry ([`prepare`]
//!   then [`Prepared::mount`], or [`mount`] for both, in `entry.rs`), the API client (`api`) and local storage (`storage`),
//!   the only modules that call the browser. It renders the widget, or
//!   hydrates the first view the server rendered;
//! - `ssr`: the views alone, which the API server renders to HTML
//!   (`widget::render`) for a first paint before the wasm arrives.

#[cfg(feature = "hydrate")]
pub mod api;
pub mod app;
pub mod article;
pub mod comments;
pub mod discussion;
#[cfg(feature = "hydrate")]
mod entry;
pub mod form;
pub mod i18n;
#[cfg(feature = "hydrate")]
pub mod json;
pub mod later;
pub mod links;
pub mod load;
pub mod plural;
pub mod reader;
pub mod retry;
#[cfg(feature = "hydrate")]
pub mod storage;
pub mod widget;

#[cfg(feature = "hydrate")]
pub use entry::{Config, Prepared, mount, prepare};
pub use widget::BUILD_ID;
