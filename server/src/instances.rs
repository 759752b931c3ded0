//! What several server instances on one PostgreSQL database share.
//!
//! Everything that must be shared lives in the database. The exceptions are
//! each process's read cache, kept true across instances here, and the
//! rate limits of comment posts, which are counted per instance (documented
//! in the README: N instances allow N times the rate).
//!
//! After each write, the instance that made it drops its own cache entries
//! (`AppState::written`) and, on PostgreSQL, sends `NOTIFY encart_writes, '<slug>'`; every
//! instance `LISTEN`s and drops that article's entries when told (and wakes
//! the article's live event streams, `events.rs`). Should the
//! listening connection break, notifications may have been missed: the whole
//! cache is dropped and listening resumes. On SQLite (one process) the local
//! invalidation is all there is.

use std::time::Duration;

use sqlx::postgres::PgListener;

use crate::AppState;
use crate::db::{Backend, Db};

/// The channel of write notifications.
pub const CHANNEL: &str = "encart_writes";

/// On PostgreSQL, tells the running instances that the article `slug`
/// changed (the `import` command calls it too); nothing on SQLite.
pub async fn announce(db: &Db, slug: &str) {
    if Backend::of(db) == Backend::Postgres {
        let sent = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(slug).execute(db).await;
        if let Err(err) = sent {
            // Other instances serve what they hold until it expires (`ReadCache::max_age`).
            tracing::warn!(%err, %slug, "could not notify the other instances of a write");
        }
    }
}

/// On PostgreSQL, listens for the other instances' writes for as long as the
/// process runs, dropping what they changed from `state`'s cache. Returns
/// once listening has started (so a write made after it is seen), or `None`
/// on SQLite.
pub async fn listen(state: &AppState) -> Result<Option<tokio::task::JoinHandle<()>>, sqlx::Error> {
    if Backend::of(&state.db) != Backend::Postgres {
        return Ok(None);
    }
    let url = state.db.connect_options().database_url.to_string();
    let mut listener = PgListener::connect(&url).await?;
    listener.listen(CHANNEL).await?;
    let (cache, events, db) = (state.cache.clone(), state.events.clone(), state.db.clone());
    Ok(Some(tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    cache.invalidate(notification.payload());
                    events.wake(&db, notification.payload());
                }
                // The connection broke; it reconnects on the next call.
                Ok(None) => {
                    tracing::warn!("lost the connection that listens for writes: dropping the whole read cache");
                    cache.invalidate_all();
                    events.wake_all(&db);
                }
                Err(err) => {
                    tracing::warn!(%err, "cannot listen for writes; retrying in 1 s");
                    cache.invalidate_all();
                    events.wake_all(&db);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    })))
}
