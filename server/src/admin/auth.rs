//! Moderators and their sessions: the `moderators` and `moderator_sessions`
//! tables, argon2id password hashing, and the password checks of sign-in.
//!
//! Only an argon2id hash of a password is stored. A session is a random
//! token, stored as its SHA-256 with its CSRF token and an expiry, in the
//! database (so any instance knows it). At most [`PASSWORD_CHECKS`] argon2id
//! checks run at once on the whole server (each holds 19 MiB), a sign-in
//! waiting at most [`PASSWORD_WAIT`] for its turn.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};

use crate::db::{self, Db};
use crate::secrets::{hex_sha256, random_token};
use crate::{AppState, Result, moderation};

/// How long a session lasts.
pub const SESSION_HOURS: u64 = 12;
/// Password checks that may run at once, server-wide.
pub const PASSWORD_CHECKS: usize = 2;
/// How long a sign-in waits for a password check to be free before it is told to retry.
pub const PASSWORD_WAIT: Duration = Duration::from_secs(5);
/// Shortest password `moderator add` accepts.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest moderator name (a longer one is refused, and not logged).
const MAX_NAME_CHARS: usize = 100;

fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?
        .to_string())
}

/// Whether `name` (trimmed) may be a moderator's: 1 to [`MAX_NAME_CHARS`], no control character.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS && !name.chars().any(char::is_control)
}

/// Why `moderator add` refused.
#[derive(Debug, thiserror::Error)]
pub enum ModeratorError {
    #[error("a moderator needs a name of 1 to {MAX_NAME_CHARS} characters, without control characters")]
    Name,
    #[error("the password needs at least {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    #[error("a moderator named {0:?} already exists")]
    Exists(String),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// Adds a moderator (the `moderator add` command).
pub async fn add_moderator(db: &Db, name: &str, password: &str) -> Result<(), ModeratorError> {
    let name = name.trim();
    if !valid_name(name) {
        return Err(ModeratorError::Name);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ModeratorError::ShortPassword);
    }
    let hash = {
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(anyhow::Error::from)??
    };
    sqlx::query("INSERT INTO moderators (name, password_hash) VALUES ($1, $2)")
        .bind(name)
        .bind(hash)
        .execute(db)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => ModeratorError::Exists(name.to_owned()),
            other => ModeratorError::Failed(other.into()),
        })?;
    Ok(())
}

/// Whether `password` is `name`'s; as slow for an unknown name as for a
/// known one. `None` when no password check came free within [`PASSWORD_WAIT`].
pub async fn check_password(state: &AppState, name: &str, password: &str) -> Result<Option<Option<i64>>> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT id, password_hash FROM moderators WHERE name = $1")
        .bind(name)
        .fetch_optional(&state.db)
        .await?;
    let (id, hash) = match row {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    let password = password.to_owned();
    let check = state.passwords.run(move || {
        static DECOY: OnceLock<String> = OnceLock::new();
        let hash = hash.unwrap_or_else(|| {
            DECOY.get_or_init(|| hash_password("not anyone's password").unwrap_or_default()).clone()
        });
        verify_password(&hash, &password)
    });
    match tokio::time::timeout(PASSWORD_WAIT, check).await {
        Ok(matches) => Ok(Some(id.filter(|_| matches.unwrap_or(false)))),
        Err(_) => Ok(None),
    }
}

/// Whether `password` is the one `stored` (an argon2 PHC string) was made
/// from. The 19 MiB of working memory is the thread's own, kept between
/// checks: the password pool's few threads hold all the memory checks ever
/// use (allocated afresh each time, the allocator kept each check's).
fn verify_password(stored: &str, password: &str) -> bool {
    use std::cell::RefCell;

    use argon2::password_hash::Output;
    use argon2::{Algorithm, Block, Params, Version};

    thread_local! {
        static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
    }
    let Ok(hash) = PasswordHash::new(stored) else { return false };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) =
        (Algorithm::try_from(hash.algorithm), Params::try_from(&hash), hash.salt, hash.hash)
    else {
        return false;
    };
    let Ok(version) = hash.version.map(Version::try_from).transpose() else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let mut out = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version.unwrap_or_default(), params.clone());
    let hashed = MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        memory.resize(params.block_count(), Block::default());
        argon2.hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..])
    });
    // `Output`'s equality takes the same time whatever differs.
    hashed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
}

/// A signed-in moderator.
pub struct Session {
    pub token_hash: String,
    pub moderator: String,
    /// The CSRF token of the session's forms.
    pub csrf: String,
}

/// The session whose token is `token`, if it has not expired.
pub async fn session(db: &Db, token: &str) -> Result<Option<Session>> {
    let token_hash = hex_sha256(&[token.as_bytes()]);
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT m.name, s.csrf_token FROM moderator_sessions s JOIN moderators m ON m.id = s.moderator_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(&token_hash)
    .bind(db::now())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(moderator, csrf)| Session { token_hash, moderator, csrf }))
}

/// Signs moderator `id` (named `name`) in: a new session, logged, in one
/// transaction that also forgets expired sessions. Returns the session's token.
pub async fn sign_in(db: &Db, id: i64, name: &str) -> Result<String> {
    let token = random_token()?;
    let expires = db::time_text(SystemTime::now() + Duration::from_secs(SESSION_HOURS * 3600));
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM moderator_sessions WHERE expires_at <= $1").bind(db::now()).execute(&mut *tx).await?;
    sqlx::query(
        "INSERT INTO moderator_sessions (token_hash, moderator_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hex_sha256(&[token.as_bytes()]))
    .bind(id)
    .bind(random_token()?)
    .bind(expires)
    .execute(&mut *tx)
    .await?;
    moderation::log(&mut tx, name, "sign_in", None, None).await?;
    tx.commit().await?;
    Ok(token)
}

/// Ends `session` on the server (its cookie no longer works), logged.
pub async fn sign_out(db: &Db, session: &Session) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM moderator_sessions WHERE token_hash = $1")
        .bind(&session.token_hash)
        .execute(&mut *tx)
        .await?;
    moderation::log(&mut tx, &session.moderator, "sign_out", None, None).await?;
    tx.commit().await?;
    Ok(())
}
