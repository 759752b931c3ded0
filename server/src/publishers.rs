//! Publishers and their API keys: created and revoked by the operator with
//! `encart-server publisher …` / `key …`; checked on every publishing request.
//!
//! A key is `ek_` followed by 43 characters of base64url (256 random bits),
//! shown once when created and stored only as its SHA-256.

use anyhow::{Context, bail};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use serde::Serialize;

use crate::db::{Db, Json as SqlJson};
use crate::secrets::{hex_sha256, random_token};
use crate::{AppState, Error, Result};

const KEY_PREFIX: &str = "ek_";

/// A publisher, as its key authenticates it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Publisher {
    pub id: i64,
    pub name: String,
    /// Domains its URL imports may fetch from (subdomains included), and
    /// where its sites are (their moderation applies to its articles).
    pub domains: Vec<String>,
    /// The slugs it alone may create: this prefix, and it followed by `-`.
    pub slug_prefix: Option<String>,
    /// The id of the API key that authenticated it (`None` outside a request).
    #[serde(skip)]
    pub key: Option<i64>,
}

impl Publisher {
    /// Whether `host` is one of this publisher's domains or below one.
    pub fn owns_host(&self, host: &str) -> bool {
        owns_host(&self.domains, host)
    }
}

/// Whether `host` is one of `domains` or below one.
pub fn owns_host(domains: &[String], host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    domains.iter().any(|domain| host == *domain || host.ends_with(&format!(".{domain}")))
}

/// The domains of the publisher of article `article` (by id), or `None`
/// when no publisher owns it (the operator imported it).
pub async fn domains_of_article<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    article: i64,
) -> Result<Option<Vec<String>>> {
    let domains: Option<SqlJson<Vec<String>>> = sqlx::query_scalar(
        "SELECT p.domains FROM articles a JOIN publishers p ON p.id = a.publisher_id WHERE a.id = $1",
    )
    .bind(article)
    .fetch_optional(db)
    .await?;
    Ok(domains.map(|d| d.0))
}

/// Registers a publisher with the domains its imports may fetch from (the
/// `publisher add` command).
pub async fn add(db: &Db, name: &str, domains: &[String]) -> anyhow::Result<Publisher> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        bail!("a publisher needs a name without control characters");
    }
    let clean = domains.iter().map(|d| clean_domain(d)).collect::<anyhow::Result<Vec<_>>>()?;
    let id: i64 = sqlx::query_scalar("INSERT INTO publishers (name, domains) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(SqlJson(&clean))
        .fetch_one(db)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                anyhow::anyhow!("a publisher named {name:?} already exists")
            }
            other => other.into(),
        })?;
    Ok(Publisher { id, name: name.to_owned(), domains: clean, slug_prefix: None, key: None })
}

/// `domain` lowercased, without a final dot, if it is a domain name.
fn clean_domain(domain: &str) -> anyhow::Result<String> {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let valid = !domain.is_empty()
        && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !domain.starts_with('.');
    if !valid {
        bail!("{domain:?} is not a domain name (e.g. news.example.org)");
    }
    Ok(domain)
}

/// Adds `domain` to those of the publisher named `name` (the `publisher
/// domain` command): its imports may fetch from it, and its articles belong
/// to the sites there. Nothing changes if it has it already.
pub async fn add_domain(db: &Db, name: &str, domain: &str) -> anyhow::Result<Publisher> {
    let mut publisher = named(db, name).await?;
    let domain = clean_domain(domain)?;
    if !publisher.domains.contains(&domain) {
        publisher.domains.push(domain);
        sqlx::query("UPDATE publishers SET domains = $1 WHERE id = $2")
            .bind(SqlJson(&publisher.domains))
            .bind(publisher.id)
            .execute(db)
            .await?;
    }
    Ok(publisher)
}

/// Reserves the slugs `prefix` and `prefix-…` for the publisher named `name`:
/// no other publisher may create an article there. A prefix is a slug (`a-z`,
/// `0-9`, `-`) and may neither contain nor lie within another publisher's.
pub async fn reserve_prefix(db: &Db, name: &str, prefix: &str) -> anyhow::Result<()> {
    let prefix = prefix.trim();
    if prefix.is_empty() || crate::import::slug_of(prefix) != prefix {
        bail!("{prefix:?} is not a slug prefix (letters a-z, digits and -)");
    }
    let publisher = named(db, name).await?;
    let clash: Option<String> = sqlx::query_scalar(
        "SELECT name FROM publishers WHERE id != $1 AND slug_prefix IS NOT NULL
         AND ($2 = slug_prefix OR $2 LIKE slug_prefix || '-%' OR slug_prefix LIKE $2 || '-%')",
    )
    .bind(publisher.id)
    .bind(prefix)
    .fetch_optional(db)
    .await?;
    if let Some(other) = clash {
        bail!("{prefix:?} overlaps the slug prefix of {other:?}");
    }
    sqlx::query("UPDATE publishers SET slug_prefix = $1 WHERE id = $2")
        .bind(prefix)
        .bind(publisher.id)
        .execute(db)
        .await?;
    Ok(())
}

/// Whether `slug` lies within `prefix` (is it, or starts with it and `-`).
fn within(slug: &str, prefix: &str) -> bool {
    slug.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// Whether `publisher` may create an article at `slug`: within its own
/// prefix if it has one, and never within another publisher's.
pub async fn may_create(db: &Db, publisher: &Publisher, slug: &str) -> Result<bool> {
    if publisher.slug_prefix.as_deref().is_some_and(|own| !within(slug, own)) {
        return Ok(false);
    }
    let reserved: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM publishers WHERE id != $1 AND slug_prefix IS NOT NULL
         AND ($2 = slug_prefix OR $2 LIKE slug_prefix || '-%')",
    )
    .bind(publisher.id)
    .bind(slug)
    .fetch_optional(db)
    .await?;
    Ok(reserved.is_none())
}

/// The slug an import by `publisher` gives an article titled with `slug`:
/// within its prefix, if it has one.
pub fn slug_for(publisher: &Publisher, slug: &str) -> String {
    match &publisher.slug_prefix {
        Some(prefix) if !within(slug, prefix) => crate::import::slug_of(&format!("{prefix} {slug}")),
        _ => slug.to_owned(),
    }
}

/// A publisher as stored.
#[derive(sqlx::FromRow)]
struct PublisherRow {
    id: i64,
    name: String,
    domains: SqlJson<Vec<String>>,
    slug_prefix: Option<String>,
}

impl PublisherRow {
    fn with_key(self, key: Option<i64>) -> Publisher {
        Publisher { id: self.id, name: self.name, domains: self.domains.0, slug_prefix: self.slug_prefix, key }
    }
}

/// The publisher whose domains hold `host` (the most specific domain's, if several do).
pub async fn owning(db: &Db, host: &str) -> anyhow::Result<Option<Publisher>> {
    let rows: Vec<PublisherRow> =
        sqlx::query_as("SELECT id, name, domains, slug_prefix FROM publishers ORDER BY id").fetch_all(db).await?;
    let owns = |row: &PublisherRow| {
        row.domains.0.iter().filter(|d| owns_host(std::slice::from_ref(d), host)).map(String::len).max()
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| owns(&row).map(|len| (len, row)))
        .max_by_key(|(len, _)| *len)
        .map(|(_, row)| row.with_key(None)))
}

/// The publisher named `name`.
pub async fn named(db: &Db, name: &str) -> anyhow::Result<Publisher> {
    let row: Option<PublisherRow> =
        sqlx::query_as("SELECT id, name, domains, slug_prefix FROM publishers WHERE name = $1")
            .bind(name)
            .fetch_optional(db)
            .await?;
    Ok(row.with_context(|| format!("publisher not found: {name:?}"))?.with_key(None))
}

/// A new key for `publisher`: its id and its text, which is never stored.
pub async fn create_key(db: &Db, publisher: &Publisher) -> anyhow::Result<(i64, String)> {
    let key = format!("{KEY_PREFIX}{}", random_token()?);
    let id = sqlx::query_scalar("INSERT INTO api_keys (publisher_id, key_hash) VALUES ($1, $2) RETURNING id")
        .bind(publisher.id)
        .bind(hash(&key))
        .fetch_one(db)
        .await?;
    Ok((id, key))
}

/// Revokes key `id`: requests with it get 401 from now on.
pub async fn revoke_key(db: &Db, id: i64) -> anyhow::Result<()> {
    let done = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(crate::db::now())
        .bind(id)
        .execute(db)
        .await?;
    if done.rows_affected() == 0 {
        bail!("no active key has the id {id}");
    }
    Ok(())
}

/// Every key: id, publisher, created, revoked (never the key itself).
pub async fn keys(db: &Db) -> anyhow::Result<Vec<(i64, String, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT k.id, p.name, k.created_at, k.revoked_at FROM api_keys k JOIN publishers p ON p.id = k.publisher_id
         ORDER BY k.id",
    )
    .fetch_all(db)
    .await?)
}

fn hash(key: &str) -> String {
    hex_sha256(&[key.as_bytes()])
}

/// The publisher whose active key is `key`.
pub async fn authenticate(db: &Db, key: &str) -> Result<Publisher> {
    #[derive(sqlx::FromRow)]
    struct Keyed {
        key_id: i64,
        #[sqlx(flatten)]
        publisher: PublisherRow,
    }
    let row: Option<Keyed> = sqlx::query_as(
        "SELECT p.id, p.name, p.domains, p.slug_prefix, k.id AS key_id
         FROM api_keys k JOIN publishers p ON p.id = k.publisher_id
         WHERE k.key_hash = $1 AND k.revoked_at IS NULL",
    )
    .bind(hash(key))
    .fetch_optional(db)
    .await?;
    let row = row.ok_or_else(|| Error::unauthorized("this API key is unknown or revoked"))?;
    Ok(row.publisher.with_key(Some(row.key_id)))
}

/// Extracts the publisher from `Authorization: Bearer <key>`: 401 without
/// one, or with a key that is unknown or revoked; 429 past the key's rate
/// limit ([`crate::throttle`]).
impl FromRequestParts<AppState> for Publisher {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let key = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|k| k.starts_with(KEY_PREFIX))
            .ok_or_else(|| Error::unauthorized("send a publisher's API key as `Authorization: Bearer ek_…`"))?;
        let publisher = authenticate(&state.db, key).await?;
        if let Some(key) = publisher.key {
            state.throttle.publishing(key)?;
        }
        Ok(publisher)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publisher_owns_its_domains_and_their_subdomains_only() {
        let p = Publisher {
            id: 1,
            name: "L".into(),
            domains: vec!["journal.example".into()],
            slug_prefix: None,
            key: None,
        };
        assert!(p.owns_host("journal.example"));
        assert!(p.owns_host("www.journal.example"));
        assert!(p.owns_host("WWW.Journal.Example."));
        assert!(!p.owns_host("evil-journal.example"));
        assert!(!p.owns_host("journal.example.evil.org"));
        assert!(!p.owns_host("example"));
    }

    #[test]
    fn a_prefix_holds_itself_and_what_follows_it_with_a_dash() {
        assert!(within("courrier", "courrier") && within("courrier-haftar", "courrier"));
        assert!(!within("courriers-haftar", "courrier") && !within("le-courrier", "courrier"));
        let p = Publisher { id: 1, name: "C".into(), domains: vec![], slug_prefix: Some("courrier".into()), key: None };
        assert_eq!(slug_for(&p, "haftar-et-poutine"), "courrier-haftar-et-poutine");
        assert_eq!(slug_for(&p, "courrier-haftar"), "courrier-haftar");
    }
}
