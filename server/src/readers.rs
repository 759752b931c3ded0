//! Readers their site signed in: the `readers` table, one row per site and
//! `sub` (`identity.rs` checks their tokens), with the name, e-mail and role
//! of their latest token. Comments point to their reader, so a new name shows
//! on all of them at once.

use encart_api_types::Reader;

use crate::Result;
use crate::db::{self, Db};
use crate::identity::Claims;

/// A stored reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub reader: Reader,
    /// This token changed how their comments show (their name or role).
    pub changed: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    email: Option<String>,
    staff: i64,
}

/// The reader of `claims`: stored at their first token, updated when a
/// token says something new of them.
pub async fn store(db: &Db, claims: &Claims) -> Result<Stored> {
    let reader = Reader { name: claims.name.clone(), email: claims.email.clone(), staff: claims.staff };
    let find = || {
        sqlx::query_as::<_, Row>("SELECT id, name, email, staff FROM readers WHERE site = $1 AND sub = $2")
            .bind(&claims.site)
            .bind(&claims.sub)
            .fetch_optional(db)
    };
    let found = match find().await? {
        Some(row) => row,
        None => {
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO readers (site, sub, name, email, staff) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (site, sub) DO NOTHING RETURNING id",
            )
            .bind(&claims.site)
            .bind(&claims.sub)
            .bind(&reader.name)
            .bind(&reader.email)
            .bind(i64::from(reader.staff))
            .fetch_optional(db)
            .await?;
            match inserted {
                Some(id) => return Ok(Stored { id, reader, changed: false }),
                // Their first two requests raced: the other stored them.
                None => find().await?.ok_or_else(|| anyhow::anyhow!("a reader neither inserted nor found"))?,
            }
        }
    };
    let stored = Reader { name: found.name, email: found.email, staff: found.staff != 0 };
    if stored == reader {
        return Ok(Stored { id: found.id, reader, changed: false });
    }
    sqlx::query("UPDATE readers SET name = $1, email = $2, staff = $3, seen_at = $4 WHERE id = $5")
        .bind(&reader.name)
        .bind(&reader.email)
        .bind(i64::from(reader.staff))
        .bind(db::now())
        .bind(found.id)
        .execute(db)
        .await?;
    let changed = stored.name != reader.name || stored.staff != reader.staff;
    Ok(Stored { id: found.id, reader, changed })
}

/// The id of the reader of `claims`, if stored.
pub async fn find(db: &Db, claims: &Claims) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM readers WHERE site = $1 AND sub = $2")
        .bind(&claims.site)
        .bind(&claims.sub)
        .fetch_optional(db)
        .await?)
}

/// Forgets reader `id`: the row goes, or, while a ban holds them (which
/// needs their `sub`), only their name and e-mail do.
pub async fn forget(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, banned: bool) -> Result<()> {
    if banned {
        sqlx::query("UPDATE readers SET name = '', email = NULL WHERE id = $1").bind(id).execute(&mut **tx).await?;
    } else {
        sqlx::query("DELETE FROM readers WHERE id = $1").bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}
