//! The server's integration tests, as one binary (one link instead of one per
//! file): HTTP through `app()`, the binary as a process, several instances on
//! one PostgreSQL. Each module is a file of tests; `common` what they share.

mod common;

mod abuse;
mod api;
mod attacks;
mod caching;
mod cli;
mod comments;
mod counts_oembed;
mod durability;
mod edits;
pub mod embed;
mod events;
mod identity;
mod import_html;
mod instances;
mod mail;
mod migrate;
mod migrations;
mod moderation;
mod properties;
mod publishing;
mod recommendations;
mod sites;
mod webhooks;
