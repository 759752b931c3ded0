//! Forgetting what is no longer needed. A comment's salted address hash and
//! idempotency key only serve against abuse and retried posts, which happen
//! within minutes: after a number of days (30 by default) both are wiped.
//! The same goes for the hash kept with a reader's report or recommendation, and for that of a
//! ban by address once the ban is lifted or over. The comment itself stays
//! until its author (or an operator) deletes it. The log of recommendation
//! counts' changes ("most recommended" paging) is kept a week, as are the
//! outbox's sent messages (its failed ones 30 days, for /admin). Reply
//! notifications: an address nobody confirmed goes after 7 days with its
//! subscriptions, and an address no subscription needs at once.

use std::time::{Duration, SystemTime};

use crate::db::Db;
use crate::{Result, bans, comments, outbox, recommendations, reports, subscriptions};

/// How often the server looks for hashes to forget.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Wipes the address hash and idempotency key of comments older than
/// `days`, the hash of reports as old and that of bans no longer in force;
/// returns how many comments it changed.
pub async fn forget_addresses(db: &Db, days: u32) -> Result<u64> {
    let cutoff = crate::db::time_text(SystemTime::now() - Duration::from_secs(u64::from(days) * 24 * 60 * 60));
    let done = comments::forget_client_hashes(db, &cutoff).await?;
    reports::forget_client_hashes(db, &cutoff).await?;
    recommendations::forget_client_hashes(db, &cutoff).await?;
    recommendations::forget_changes(db).await?;
    bans::forget_ended(db).await?;
    outbox::forget_done(db).await?;
    subscriptions::forget_unused(db).await?;
    Ok(done)
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
