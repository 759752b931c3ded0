//! Forgetting what is no longer needed. A comment's salted address hash and
//! idempotency key only serve against abuse and retried posts, which happen
//! within minutes: after a number of days (30 by default) both are wiped.
//! The same goes for the hash kept with a reader's report. The comment
//! itself stays until its author (or an operator) deletes it.

use std::time::{Duration, SystemTime};

use crate::Result;
use crate::db::Db;

/// How often the server looks for hashes to forget.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Wipes the address hash and idempotency key of comments older than
/// `days`; returns how many comments it changed.
pub async fn forget_addresses(db: &Db, days: u32) -> Result<u64> {
    let cutoff = crate::db::time_text(SystemTime::now() - Duration::from_secs(u64::from(days) * 24 * 60 * 60));
    let done = sqlx::query(
        "UPDATE comments SET client_hash = '', idempotency_key = NULL
         WHERE client_hash != '' AND created_at < $1",
    )
    .bind(&cutoff)
    .execute(db)
    .await?;
    // Reports keep their reader's hash only to count each reader once.
    sqlx::query("UPDATE reports SET client_hash = NULL WHERE client_hash IS NOT NULL AND created_at < $1")
        .bind(&cutoff)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Runs [`forget_addresses`] now and then every hour, for as long as the server runs.
pub fn spawn(db: Db, days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        loop {
            ticks.tick().await;
            match forget_addresses(&db, days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(comments = n, days, "forgot the address hashes of old comments"),
                Err(err) => tracing::warn!(%err, "could not forget old address hashes"),
            }
        }
    })
}
