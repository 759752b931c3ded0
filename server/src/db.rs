//! Opening the database: create the file if missing, apply the migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub type Db = sqlx::SqlitePool;

/// The numbered migrations of `server/migrations`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Opens (creating if needed) and migrates the database at `url`,
/// e.g. `sqlite://encart.db`.
///
/// WAL with `synchronous = FULL`: a write is acknowledged only once it is on
/// disk, so a crash loses nothing that was answered as stored.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(db).await.map(drop)
}

/// The salt of client hashes: made at random on first use, then kept in the
/// database so hashes stay comparable across restarts.
pub async fn ip_salt(db: &Db) -> Result<[u8; 32], crate::Error> {
    let mut fresh = [0u8; 32];
    getrandom::fill(&mut fresh).map_err(|e| anyhow::anyhow!("no randomness for the salt: {e}"))?;
    sqlx::query("INSERT OR IGNORE INTO secrets (name, value) VALUES ('ip_salt', ?)")
        .bind(&fresh[..])
        .execute(db)
        .await?;
    let stored: Vec<u8> = sqlx::query_scalar("SELECT value FROM secrets WHERE name = 'ip_salt'").fetch_one(db).await?;
    stored.try_into().map_err(|_| anyhow::anyhow!("the stored ip_salt is not 32 bytes").into())
}
