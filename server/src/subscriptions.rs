//! Reply notifications: the `mail_addresses` readers give (once per
//! address: an anonymous reader's confirmed through a link before anything
//! else is sent to it, a signed-in reader's vouched for by their site's
//! token), the `subscriptions` of comments whose authors want to be told of
//! answers, and `mail_unsubscribed`, the keyed hashes of addresses that
//! asked for no more e-mail. The links in e-mails (confirm, unsubscribe from
//! a discussion or from everything) are signed by the server's key
//! (`secrets.rs`) and work without a session: `GET` shows or does, `POST`
//! does (RFC 8058's one-click unsubscribe). What the e-mails say is
//! `delivery.rs`'; the answers they list are `comments.rs`' to find.

use std::time::{Duration, SystemTime};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::db::{self, Db};
use crate::secrets::Secrets;
use crate::{AppState, Result, outbox};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/mail/confirm", get(confirm_page).post(confirm_now))
        .route("/api/v1/mail/unsubscribe", get(unsubscribe).post(unsubscribe))
}

/// How long an address nobody confirmed is kept.
pub const UNCONFIRMED_DAYS: u64 = 7;

/// What a post asks: tell `email` of answers to the comment; `confirmed`
/// when the reader's site vouches for the address (their token's).
pub struct Subscribe<'a> {
    pub email: &'a str,
    pub confirmed: bool,
    /// The partner page the comment was posted from (http(s), no fragment).
    pub page: Option<&'a str>,
}

/// Subscribes the author of comment `comment` of `article`, in the post's
/// transaction; the address's id when it still needs confirming (the
/// caller queues the link). An address that asked for no more e-mail gets
/// none again from an anonymous form (anyone may type it): only its owner
/// signed in (their site vouches for it) subscribes it again.
pub async fn subscribe(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    secrets: &Secrets,
    comment: i64,
    article: i64,
    new: &Subscribe<'_>,
) -> Result<Option<i64>> {
    let email = new.email.trim().to_lowercase();
    let now = db::now();
    let hash = secrets.address_hash(&email);
    if new.confirmed {
        sqlx::query("DELETE FROM mail_unsubscribed WHERE address_hash = $1").bind(&hash).execute(&mut **tx).await?;
    } else {
        let stopped: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_unsubscribed WHERE address_hash = $1")
            .bind(&hash)
            .fetch_one(&mut **tx)
            .await?;
        if stopped > 0 {
            return Ok(None);
        }
    }
    let (address, confirmed): (i64, Option<String>) = sqlx::query_as(
        "INSERT INTO mail_addresses (email, confirmed_at, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET confirmed_at = COALESCE(mail_addresses.confirmed_at, EXCLUDED.confirmed_at)
         RETURNING id, confirmed_at",
    )
    .bind(&email)
    .bind(new.confirmed.then_some(now.as_str()))
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO subscriptions (comment_id, address_id, article_id, page_url, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(comment)
    .bind(address)
    .bind(article)
    .bind(new.page)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    Ok(confirmed.is_none().then_some(address))
}

/// The confirmed addresses subscribed to a comment above comment `id`
/// (its parent, theirs…), with their articles: whom its publication concerns.
pub async fn subscribed_above(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "WITH RECURSIVE up (id, parent_id) AS (
             SELECT id, parent_id FROM comments WHERE id = $1
             UNION ALL
             SELECT c.id, c.parent_id FROM comments c JOIN up ON c.id = up.parent_id
         )
         SELECT DISTINCT s.address_id, s.article_id FROM up
         JOIN subscriptions s ON s.comment_id = up.id
         JOIN mail_addresses m ON m.id = s.address_id
         WHERE up.id != $1 AND m.confirmed_at IS NOT NULL",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Forgets the subscription of comment `id` (its author deleted it).
pub async fn forget_comment(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM subscriptions WHERE comment_id = $1").bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// An address, as the e-mails need it.
#[derive(sqlx::FromRow)]
pub struct Address {
    pub email: String,
    pub confirmed_at: Option<String>,
}

/// Address `id`, unless forgotten.
pub async fn address(db: &Db, id: i64) -> Result<Option<Address>> {
    Ok(sqlx::query_as("SELECT email, confirmed_at FROM mail_addresses WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The partner page of the latest subscription of `address` on `article`, if one was given.
pub async fn page_of(db: &Db, address: i64, article: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT page_url FROM subscriptions WHERE address_id = $1 AND article_id = $2 AND page_url IS NOT NULL
         ORDER BY comment_id DESC LIMIT 1",
    )
    .bind(address)
    .bind(article)
    .fetch_optional(db)
    .await?)
}

/// Forgets addresses never confirmed within [`UNCONFIRMED_DAYS`], with
/// their subscriptions, and addresses no subscription needs any more.
pub async fn forget_unused(db: &Db) -> Result<()> {
    let cutoff = db::time_text(SystemTime::now() - Duration::from_secs(UNCONFIRMED_DAYS * 24 * 60 * 60));
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM subscriptions WHERE address_id IN
             (SELECT id FROM mail_addresses WHERE confirmed_at IS NULL AND created_at < $1)",
    )
    .bind(&cutoff)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM mail_addresses
         WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.address_id = mail_addresses.id)",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The signed text of a link: confirm `address`.
pub fn confirm_link(address: i64) -> String {
    format!("confirm {address}")
}

/// The signed text of a link: no more answers on `article` (`None`: no more e-mail at all).
pub fn stop_link(address: i64, article: Option<i64>) -> String {
    match article {
        Some(article) => format!("stop {address} {article}"),
        None => format!("stop {address} all"),
    }
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    t: String,
    #[serde(default)]
    lang: String,
}

/// The words of the link pages, in the link's language (`crate::words`).
struct Words {
    lang: &'static str,
    invalid: &'static str,
    confirm_title: &'static str,
    confirm_button: &'static str,
    confirmed: &'static str,
    stopped_thread: &'static str,
    stopped_all: &'static str,
    stop_all_button: &'static str,
}

fn words(lang: &str) -> Words {
    use crate::words::{Lang, Text, text};
    let lang = Lang::get([Some(lang)]);
    Words {
        lang: lang.tag(),
        invalid: text(lang, Text::LinkInvalid),
        confirm_title: text(lang, Text::ConfirmTitle),
        confirm_button: text(lang, Text::Confirm),
        confirmed: text(lang, Text::Confirmed),
        stopped_thread: text(lang, Text::StoppedThread),
        stopped_all: text(lang, Text::StoppedAll),
        stop_all_button: text(lang, Text::StopAll),
    }
}

/// A small page in `lang`: `text`, then a form that POSTs to `action` with `button`.
fn page(status: StatusCode, lang: &str, text: &str, form: Option<(String, &str)>) -> Response {
    use html_escape::{encode_double_quoted_attribute as attribute, encode_text as escape};
    let form = form.map_or_else(String::new, |(action, button)| {
        format!(
            r#"<form method="post" action="{}"><button type="submit">{}</button></form>"#,
            attribute(&action),
            escape(button)
        )
    });
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>encart</title></head>\
         <body><main><p>{}</p>{form}</main></body></html>",
        escape(text)
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    response
}

fn link_url(path: &str, state: &AppState, text: &str, lang: &str) -> String {
    format!("{path}?t={}&lang={lang}", state.secrets.sign_link(text))
}

/// `GET /api/v1/mail/confirm?t=…`: a button that confirms (a link
/// scanner's GET confirms nothing).
async fn confirm_page(State(state): State<AppState>, Query(link): Query<Link>) -> Response {
    let words = words(&link.lang);
    match state.secrets.verify_link(&link.t).filter(|text| text.starts_with("confirm ")) {
        Some(text) => {
            let action = link_url("/api/v1/mail/confirm", &state, &text, words.lang);
            page(StatusCode::OK, words.lang, words.confirm_title, Some((action, words.confirm_button)))
        }
        None => page(StatusCode::BAD_REQUEST, words.lang, words.invalid, None),
    }
}

/// `POST /api/v1/mail/confirm?t=…`: confirms the address; the answers
/// that came meanwhile are queued.
async fn confirm_now(State(state): State<AppState>, Query(link): Query<Link>) -> Result<Response> {
    let words = words(&link.lang);
    let Some(address) =
        state.secrets.verify_link(&link.t).and_then(|t| t.strip_prefix("confirm ")?.parse::<i64>().ok())
    else {
        return Ok(page(StatusCode::BAD_REQUEST, words.lang, words.invalid, None));
    };
    let mut tx = state.db.begin().await?;
    let confirmed = sqlx::query("UPDATE mail_addresses SET confirmed_at = $1 WHERE id = $2 AND confirmed_at IS NULL")
        .bind(db::now())
        .bind(address)
        .execute(&mut *tx)
        .await?;
    if confirmed.rows_affected() > 0 {
        let articles: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT article_id FROM subscriptions WHERE address_id = $1")
                .bind(address)
                .fetch_all(&mut *tx)
                .await?;
        for article in articles {
            outbox::reply(&mut tx, address, article).await?;
        }
    }
    tx.commit().await?;
    Ok(page(StatusCode::OK, words.lang, words.confirmed, None))
}

/// `GET` or `POST /api/v1/mail/unsubscribe?t=…` (RFC 8058: the mail
/// client's one-click POST): no more answers in one discussion, or no
/// more e-mail at all (the address is forgotten, its keyed hash kept).
async fn unsubscribe(State(state): State<AppState>, Query(link): Query<Link>) -> Result<Response> {
    let words = words(&link.lang);
    let text = state.secrets.verify_link(&link.t).unwrap_or_default();
    let mut parts = text.strip_prefix("stop ").unwrap_or_default().split(' ');
    let (Some(Ok(address)), Some(scope)) = (parts.next().map(str::parse::<i64>), parts.next()) else {
        return Ok(page(StatusCode::BAD_REQUEST, words.lang, words.invalid, None));
    };
    if scope == "all" {
        let mut tx = db::begin_writing(&state.db).await?;
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM mail_addresses WHERE id = $1")
            .bind(address)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(email) = email {
            sqlx::query("INSERT INTO mail_unsubscribed (address_hash, created_at) VALUES ($1, $2) ON CONFLICT (address_hash) DO NOTHING")
                .bind(state.secrets.address_hash(&email))
                .bind(db::now())
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM subscriptions WHERE address_id = $1").bind(address).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM mail_addresses WHERE id = $1").bind(address).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        return Ok(page(StatusCode::OK, words.lang, words.stopped_all, None));
    }
    let Ok(article) = scope.parse::<i64>() else {
        return Ok(page(StatusCode::BAD_REQUEST, words.lang, words.invalid, None));
    };
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM subscriptions WHERE address_id = $1 AND article_id = $2")
        .bind(address)
        .bind(article)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let all = link_url("/api/v1/mail/unsubscribe", &state, &stop_link(address, None), words.lang);
    Ok(page(StatusCode::OK, words.lang, words.stopped_thread, Some((all, words.stop_all_button))))
}
