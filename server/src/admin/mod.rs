//! The moderation pages at `/admin`: sign-in, the queue of comments awaiting
//! a decision across every site, decisions one by one or in bulk, bans of
//! a comment's author (and their lifting), the log.
//! Here the routes and handlers; `auth.rs` moderators and sessions,
//! `pages.rs` the HTML.
//!
//! Plain HTML forms, no script (the pages' CSP forbids any): they work with
//! the keyboard alone and in any browser.
//!
//! A session is a random token in an `HttpOnly`, `SameSite=Strict` cookie
//! scoped to `/admin` (`Secure` when a trusted proxy says the request came
//! over https, or with `--secure-cookies`). Every POST carries a CSRF token:
//! the session's, or for the sign-in form one paired with a cookie of its own
//! (so no other site can sign a browser in to an account of its choosing).
//!
//! The pages speak the moderator's language: the first of the browser's
//! `Accept-Language` the widget speaks, else English (`words.rs`).
//!
//! Password guessing meets three bounds: attempts per address and per name
//! (`throttle.rs`, answered with the sign-in page and `Retry-After`), and the
//! password checks that may run at once (`auth.rs`).

pub mod auth;
mod pages;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub use self::auth::{MIN_PASSWORD_CHARS, PASSWORD_CHECKS, PASSWORD_WAIT, add_moderator};
use self::auth::{SESSION_HOURS, Session};
use self::pages::{Notice, Queue, ban_page, html_response, queue_page, sign_in_page, stale_page};
use crate::client::{ClientIp, Https};
use crate::moderation::{self, Banned, Decision};
use crate::secrets::{hex_sha256, random_token};
use crate::words::{Lang, Text, text};
use crate::{AppState, Error, Result, bans, comments, outbox};

const COOKIE: &str = "encart_admin";
/// The sign-in form's own CSRF cookie.
const SIGN_IN_COOKIE: &str = "encart_sign_in";
const QUEUE_PAGE: i64 = 100;
/// Largest form accepted: a bulk decision on a full page of ids fits many times over.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(page))
        .route("/admin/style.css", get(pages::style))
        .route("/admin/sign-in", post(sign_in))
        .route("/admin/sign-out", post(sign_out))
        .route("/admin/moderate", post(moderate))
        .route("/admin/ban", get(ban_form).post(ban))
        .route("/admin/lift", post(lift))
        .route("/admin/feature", post(feature))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
}

/// The value of cookie `name`, if the request has it.
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value.to_owned())
}

/// Whether two secrets are equal, compared through their hashes: no early
/// exit on the first differing byte of the secret.
fn same_secret(a: &str, b: &str) -> bool {
    hex_sha256(&[a.as_bytes()]) == hex_sha256(&[b.as_bytes()])
}

/// The session of the request's cookie, if it is signed in.
async fn session(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>> {
    match cookie_value(headers, COOKIE) {
        Some(token) => auth::session(&state.db, &token).await,
        None => Ok(None),
    }
}

/// A `Set-Cookie` value for cookie `name`, private to /admin; `Secure` when
/// the request came over https (as a trusted proxy says) or the server is
/// told to always mark it.
fn cookie(state: &AppState, https: Https, name: &str, value: &str, max_age: u64) -> HeaderValue {
    let secure = state.secure_cookies || https.0;
    let text = format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&text).expect("a token is a valid header value")
}

/// The fields of a form body, repeated names kept (`id=1&id=2`).
fn form(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The moderator's language: the first of their browser's the server speaks, else English.
fn language(headers: &HeaderMap) -> Lang {
    Lang::get(crate::client::preferred(headers, header::ACCEPT_LANGUAGE).into_iter().map(Some))
}

/// The sign-in page with `error`, and a fresh CSRF token for its form (in
/// the form and in the cookie it must match).
fn sign_in_answer(
    state: &AppState,
    https: Https,
    lang: Lang,
    status: StatusCode,
    error: Option<&str>,
) -> Result<Response> {
    let token = random_token()?;
    let mut response = html_response(status, sign_in_page(lang, &token, error));
    response.headers_mut().insert(header::SET_COOKIE, cookie(state, https, SIGN_IN_COOKIE, &token, 3600));
    Ok(response)
}

/// The sign-in page again with `message`, and `Retry-After`.
fn retry_later(
    state: &AppState,
    https: Https,
    lang: Lang,
    status: StatusCode,
    message: &str,
    secs: u64,
) -> Result<Response> {
    let mut response = sign_in_answer(state, https, lang, status, Some(message))?;
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    Ok(response)
}

async fn sign_in(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    https: Https,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response> {
    let fields = form(&body);
    let lang = language(&headers);
    let sent = field(&fields, "csrf").unwrap_or_default();
    if !cookie_value(&headers, SIGN_IN_COOKIE).is_some_and(|paired| same_secret(&paired, sent)) {
        let stale = text(lang, Text::AdminStaleForm);
        return sign_in_answer(&state, https, lang, StatusCode::FORBIDDEN, Some(stale));
    }
    let name = field(&fields, "name").unwrap_or_default().trim().to_owned();
    let password = field(&fields, "password").unwrap_or_default();
    let plausible = auth::valid_name(&name);
    if plausible && let Err(wait) = state.throttle.sign_in(client, &name) {
        let message = lang.admin_too_many(wait);
        return retry_later(&state, https, lang, StatusCode::TOO_MANY_REQUESTS, &message, wait);
    }
    let found = if plausible {
        let Some(found) = auth::check_password(&state, &name, password).await? else {
            let busy = text(lang, Text::AdminBusy);
            let wait = PASSWORD_WAIT.as_secs();
            return retry_later(&state, https, lang, StatusCode::SERVICE_UNAVAILABLE, busy, wait);
        };
        found
    } else {
        None
    };
    let Some(id) = found else {
        if plausible {
            tracing::info!(moderator = %name, "failed sign-in");
        }
        let wrong = text(lang, Text::AdminWrong);
        return sign_in_answer(&state, https, lang, StatusCode::UNAUTHORIZED, Some(wrong));
    };
    let token = auth::sign_in(&state.db, id, &name).await?;
    let mut response = Redirect::to("/admin").into_response();
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, cookie(&state, https, COOKIE, &token, SESSION_HOURS * 3600));
    headers.append(header::SET_COOKIE, cookie(&state, https, SIGN_IN_COOKIE, "", 0));
    Ok(response)
}

/// The signed-in session whose CSRF token the form carries; else the page
/// a moderator gets (403) for a form posted after their session ended or
/// from elsewhere: it says so, in their language, with a way back.
async fn checked(
    state: &AppState,
    headers: &HeaderMap,
    fields: &[(String, String)],
) -> Result<std::result::Result<Session, Response>> {
    let sent = field(fields, "csrf").unwrap_or_default();
    Ok(match session(state, headers).await? {
        Some(session) if same_secret(sent, &session.csrf) => Ok(session),
        _ => Err(html_response(StatusCode::FORBIDDEN, stale_page(language(headers)))),
    })
}

async fn sign_out(State(state): State<AppState>, https: Https, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let session = match checked(&state, &headers, &form(&body)).await? {
        Ok(session) => session,
        Err(refused) => return Ok(refused),
    };
    auth::sign_out(&state.db, &session).await?;
    let mut response = Redirect::to("/admin").into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(&state, https, COOKIE, "", 0));
    Ok(response)
}

/// A decision: `one=approve:42` (a row's own button), or `action=approve`
/// with the ticked `id`s.
async fn moderate(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let fields = form(&body);
    let session = match checked(&state, &headers, &fields).await? {
        Ok(session) => session,
        Err(refused) => return Ok(refused),
    };
    let bad = || Error::bad_request("choose an action and at least one comment");
    let (decision, ids): (Decision, Vec<i64>) = match field(&fields, "one") {
        Some(one) => {
            let (action, id) = one.split_once(':').ok_or_else(bad)?;
            (Decision::parse(action).ok_or_else(bad)?, vec![id.parse().map_err(|_| bad())?])
        }
        None => {
            let decision = field(&fields, "action").and_then(Decision::parse).ok_or_else(bad)?;
            let ids = fields.iter().filter(|(n, _)| n == "id").map(|(_, v)| v.parse().map_err(|_| bad()));
            (decision, ids.collect::<Result<_>>()?)
        }
    };
    if ids.is_empty() {
        // The bulk buttons with nothing ticked.
        return Ok(Redirect::to("/admin?notice=none-ticked").into_response());
    }
    let decided = moderation::decide(&state.db, &state.sites, &session.moderator, decision, &ids).await?;
    for slug in &decided.slugs {
        state.written(slug).await;
    }
    tracing::info!(moderator = %session.moderator, action = decision.as_str(), comments = ?ids, "moderated");
    Ok(Redirect::to(&format!("/admin?done={}&count={}", decision.as_str(), decided.count)).into_response())
}

/// How long a ban lasts, as the form offers it: days, or `0` for good.
const BAN_LENGTHS: [u32; 4] = [1, 7, 30, 0];

#[derive(Debug, Default, Deserialize)]
struct BanParams {
    comment: Option<String>,
}

/// A comment's number as a moderator types it: `12` or `#12`.
fn comment_number(typed: &str) -> Option<i64> {
    typed.trim().trim_start_matches('#').parse().ok()
}

/// `GET /admin/ban?comment=ID`: the comment, and the form to ban its author.
async fn ban_form(
    State(state): State<AppState>,
    https: Https,
    headers: HeaderMap,
    params: std::result::Result<Query<BanParams>, QueryRejection>,
) -> Result<Response> {
    let lang = language(&headers);
    let Some(session) = session(&state, &headers).await? else {
        return sign_in_answer(&state, https, lang, StatusCode::OK, None);
    };
    let id = params.ok().and_then(|Query(p)| p.comment).as_deref().and_then(comment_number);
    let comment = match id {
        Some(id) => comments::to_judge(&state.db, id).await?,
        None => None,
    };
    let status = if comment.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    Ok(html_response(status, ban_page(lang, &session.csrf, comment.as_ref(), &BAN_LENGTHS)))
}

/// `POST /admin/ban`: `comment`, `reason`, `days` (`0`: for good).
async fn ban(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let fields = form(&body);
    let session = match checked(&state, &headers, &fields).await? {
        Ok(session) => session,
        Err(refused) => return Ok(refused),
    };
    let bad = || Error::bad_request("choose a comment and how long");
    let comment: i64 = field(&fields, "comment").and_then(|c| c.parse().ok()).ok_or_else(bad)?;
    let days: u32 =
        field(&fields, "days").and_then(|d| d.parse().ok()).filter(|d| BAN_LENGTHS.contains(d)).ok_or_else(bad)?;
    let length = (days > 0).then(|| std::time::Duration::from_secs(u64::from(days) * 24 * 60 * 60));
    let reason = field(&fields, "reason").unwrap_or_default();
    let notice = match moderation::ban(&state.db, &session.moderator, comment, reason, length).await? {
        Banned::Done(id, _) => {
            tracing::info!(moderator = %session.moderator, ban = id, comment, days, "banned");
            "banned"
        }
        Banned::NoAddress => "no-address",
    };
    Ok(Redirect::to(&format!("/admin?notice={notice}")).into_response())
}

/// `POST /admin/lift`: `ban`, the id of a ban in force.
async fn lift(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let fields = form(&body);
    let session = match checked(&state, &headers, &fields).await? {
        Ok(session) => session,
        Err(refused) => return Ok(refused),
    };
    let id: i64 =
        field(&fields, "ban").and_then(|b| b.parse().ok()).ok_or_else(|| Error::bad_request("choose a ban to lift"))?;
    let notice = if moderation::lift(&state.db, &session.moderator, id).await? {
        tracing::info!(moderator = %session.moderator, ban = id, "lifted a ban");
        "lifted"
    } else {
        "not-in-force"
    };
    Ok(Redirect::to(&format!("/admin?notice={notice}")).into_response())
}

/// `POST /admin/feature`: `comment`, and `on` (`1`: feature it as a
/// newsroom pick; `0`: no longer).
async fn feature(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let fields = form(&body);
    let session = match checked(&state, &headers, &fields).await? {
        Ok(session) => session,
        Err(refused) => return Ok(refused),
    };
    let bad = || Error::bad_request("choose a comment");
    let comment = field(&fields, "comment").and_then(comment_number).ok_or_else(bad)?;
    let on = field(&fields, "on") != Some("0");
    let notice = match moderation::feature(&state.db, &session.moderator, comment, on).await? {
        comments::Featured::Done(slug) => {
            state.written(&slug).await;
            tracing::info!(moderator = %session.moderator, comment, on, "featured");
            if on { "featured" } else { "unfeatured" }
        }
        comments::Featured::NotPublished => "not-published",
        comments::Featured::Full => "picks-full",
    };
    Ok(Redirect::to(&format!("/admin?notice={notice}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct PageParams {
    done: Option<String>,
    count: Option<u32>,
    notice: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    https: Https,
    headers: HeaderMap,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Response> {
    let lang = language(&headers);
    let Some(session) = session(&state, &headers).await? else {
        return sign_in_answer(&state, https, lang, StatusCode::OK, None);
    };
    // A hand-edited query string only loses the confirmation line.
    let params = params.map(|Query(p)| p).unwrap_or_default();
    let notice = match (params.done.as_deref().and_then(Decision::parse), params.count) {
        (Some(decision), Some(count)) => Some(Notice::Decided(decision, count)),
        _ => params.notice.as_deref().and_then(Notice::parse),
    };
    let queue = comments::queue(&state.db, QUEUE_PAGE).await?;
    let awaiting = comments::awaiting(&state.db).await?;
    let bans = bans::in_force(&state.db, QUEUE_PAGE).await?;
    let log = moderation::recent_log(&state.db, 20).await?;
    let picks = comments::all_picks(&state.db, QUEUE_PAGE).await?;
    let failed = outbox::failed(&state.db, QUEUE_PAGE).await?;
    let html = queue_page(Queue {
        lang,
        moderator: &session.moderator,
        csrf: &session.csrf,
        queue: &queue,
        awaiting,
        bans: &bans,
        picks: &picks,
        log: &log,
        failed: &failed,
        notice,
    });
    Ok(html_response(StatusCode::OK, html))
}
