//! Opening the database, SQLite or PostgreSQL, and applying its migrations.
//!
//! Every query is written once, in the SQL both speak (`$1` parameters,
//! `ON CONFLICT`, `RETURNING`), and runs through sqlx's `Any` driver: one
//! storage code, two backends. What differs lives here: the connection
//! settings and each backend's numbered migrations (`server/migrations/sqlite`
//! and `server/migrations/postgres`, the same schema under the same numbers).
//! Times are stored as ISO 8601 text in UTC by both.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTypeInfo};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::migrate::Migrator;
use sqlx::{Any, Decode, Encode, Executor, Type};

pub type Db = sqlx::AnyPool;

pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Backend, sqlx::Error> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(sqlx::Error::Configuration("the database URL must start with sqlite: or postgres://".into()))
        }
    }

    /// The backend of an open pool.
    pub fn of(db: &Db) -> Backend {
        let url = &db.connect_options().database_url;
        if url.scheme() == "sqlite" { Backend::Sqlite } else { Backend::Postgres }
    }

    pub fn migrator(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// Opens (creating an SQLite file if needed) and migrates the database at
/// `url`, e.g. `sqlite://encart.db` or `postgres://user:pw@host/encart`.
///
/// SQLite runs in WAL mode with `synchronous = FULL`: a write is
/// acknowledged only once it is on disk, so a crash loses nothing that was
/// answered as stored. PostgreSQL's defaults already commit durably.
/// Several servers may open the same PostgreSQL database at once: sqlx
/// migrates under an advisory lock.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of_url(url)?;
    let pool = match backend {
        Backend::Sqlite => {
            let url = if url.contains("mode=") {
                url.to_owned()
            } else {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            };
            let options: AnyConnectOptions = url.parse()?;
            AnyPoolOptions::new()
                .max_connections(8)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute(
                            // The wait first: switching to WAL needs a moment of exclusive access.
                            "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                             PRAGMA foreign_keys = ON;",
                        )
                        .await
                        .map(drop)
                    })
                })
                .connect_with(options)
                .await?
        }
        Backend::Postgres => {
            let options: AnyConnectOptions = url.parse()?;
            AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?
        }
    };
    backend.migrator().run(&pool).await?;
    Ok(pool)
}

/// A transaction that will write: on SQLite it takes the database's write
/// lock at once (a write that changes nothing), waiting for it as any write
/// does; one that read first would fail at its first write if another
/// connection had written meanwhile (SQLITE_BUSY_SNAPSHOT).
pub async fn begin_writing(db: &Db) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    let mut tx = db.begin().await?;
    if Backend::of(db) == Backend::Sqlite {
        // `sqlite_sequence` is SQLite's own table (the AUTOINCREMENT counters).
        sqlx::query("UPDATE sqlite_sequence SET seq = seq WHERE 0").execute(&mut *tx).await?;
    }
    Ok(tx)
}

pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(db).await.map(drop)
}

/// Now, as the database stores times: `2026-11-26T07:05:09.123Z`.
pub fn now() -> String {
    time_text(SystemTime::now())
}

/// `time` as the database stores times (UTC, milliseconds): it sorts as text.
pub fn time_text(time: SystemTime) -> String {
    let time = time::OffsetDateTime::from(time);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time.millisecond()
    )
}

/// A stored time (see [`time_text`]) as a `SystemTime`, if it is one.
pub fn parse_time(text: &str) -> Option<SystemTime> {
    let time = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    Some(SystemTime::from(time))
}

/// `time` in milliseconds since the epoch (0 before it).
pub fn millis(time: SystemTime) -> i64 {
    time.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `$first, $first+1, …`: the parameters of an `IN (…)` list of `count` values.
pub fn parameters(first: usize, count: usize) -> String {
    let mut list = String::new();
    for n in first..first + count {
        let _ = write!(list, "{}${n}", if n == first { "" } else { ", " });
    }
    list
}

/// A value stored as JSON text (the `Any` driver has no JSON type; both
/// backends keep these columns as `TEXT`).
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: Serialize> Serialize for Json<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<T> Type<Any> for Json<T> {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Any>>::compatible(ty)
    }
}

impl<'q, T: Serialize> Encode<'q, Any> for Json<T> {
    fn encode_by_ref(&self, buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Any>>::encode(serde_json::to_string(&self.0)?, buf)
    }
}

impl<'r, T: DeserializeOwned> Decode<'r, Any> for Json<T> {
    fn decode(value: <Any as sqlx::Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<'r, Any>>::decode(value)?;
        Ok(Json(serde_json::from_str(text)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_lists_number_from_the_first() {
        assert_eq!(parameters(2, 3), "$2, $3, $4");
        assert_eq!(parameters(1, 1), "$1");
        assert_eq!(parameters(1, 0), "");
    }

    #[test]
    fn times_are_utc_text_with_milliseconds() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_millis(1_795_000_000_123);
        assert_eq!(time_text(time), "2026-11-18T11:06:40.123Z");
    }

    #[test]
    fn urls_name_their_backend() {
        assert_eq!(Backend::of_url("sqlite://encart.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of_url("sqlite::memory:").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of_url("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert_eq!(Backend::of_url("postgresql://u@h/db").unwrap(), Backend::Postgres);
        assert!(Backend::of_url("mysql://u@h/db").is_err());
    }
}
