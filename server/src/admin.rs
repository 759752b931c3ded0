//! The moderation pages at `/admin`: sign-in, the queue of comments awaiting
//! a decision across every site, decisions one by one or in bulk, the log.
//!
//! Plain HTML forms, no script (the pages' CSP forbids any): they work with
//! the keyboard alone and in any browser. Rendered with Leptos's `view!`,
//! which escapes every text and attribute, so comment text stays text.
//!
//! Moderators are added from the command line (`moderator add`); only an
//! argon2id hash of their password is stored. A session is a random token in
//! an `HttpOnly`, `SameSite=Strict` cookie scoped to `/admin` (`Secure` when
//! a trusted proxy says the request came over https, or with
//! `--secure-cookies`), stored as its SHA-256 with an expiry, in the
//! database (so any instance knows it). Every POST carries a CSRF token: the
//! session's, or for the sign-in form one paired with a cookie of its own
//! (so no other site can sign a browser in to an account of its choosing).
//!
//! Password guessing meets three bounds: attempts per address and per name
//! (`throttle.rs`, answered with this page and `Retry-After`), and at most
//! [`PASSWORD_CHECKS`] argon2id checks at once on the whole server (each
//! holds 19 MiB), a sign-in waiting at most [`PASSWORD_WAIT`] for its turn.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::*;
use serde::Deserialize;

use crate::client::{ClientIp, Https};
use crate::comments::{hex_sha256, random_token};
use crate::db::{self, Db};
use crate::moderation::{self, Decision, Logged, Queued};
use crate::{AppState, Error, Result};

const COOKIE: &str = "encart_admin";
/// The sign-in form's own CSRF cookie.
const SIGN_IN_COOKIE: &str = "encart_sign_in";
const SESSION_HOURS: u64 = 12;
/// Password checks that may run at once, server-wide.
pub const PASSWORD_CHECKS: usize = 2;
/// How long a sign-in waits for a password check to be free before it is told to retry.
pub const PASSWORD_WAIT: Duration = Duration::from_secs(5);
/// Shortest password `moderator add` accepts.
pub const MIN_PASSWORD_CHARS: usize = 12;
const QUEUE_PAGE: i64 = 100;

/// The pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(page))
        .route("/admin/style.css", get(style))
        .route("/admin/sign-in", post(sign_in))
        .route("/admin/sign-out", post(sign_out))
        .route("/admin/moderate", post(moderate))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
}

/// Largest form accepted: a bulk decision on a full page of ids fits many times over.
const MAX_FORM_BYTES: usize = 64 * 1024;
/// Longest moderator name (a longer one is refused, and not logged).
const MAX_NAME_CHARS: usize = 100;

// ---- moderators and sessions ----

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?
        .to_string())
}

/// Whether `name` (trimmed) may be a moderator's: 1 to [`MAX_NAME_CHARS`], no control character.
fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS && !name.chars().any(char::is_control)
}

/// Adds a moderator (the `moderator add` command).
pub async fn add_moderator(db: &Db, name: &str, password: &str) -> Result<()> {
    let name = name.trim();
    if !valid_name(name) {
        return Err(Error::BadRequest(format!(
            "a moderator needs a name of 1 to {MAX_NAME_CHARS} characters, without control characters"
        )));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::BadRequest(format!("the password needs at least {MIN_PASSWORD_CHARS} characters")));
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
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                Error::BadRequest(format!("a moderator named {name:?} already exists"))
            }
            other => other.into(),
        })?;
    Ok(())
}

/// Whether `password` is `name`'s; as slow for an unknown name as for a
/// known one. `None` when no password check came free within [`PASSWORD_WAIT`].
async fn check_password(state: &AppState, name: &str, password: &str) -> Result<Option<Option<i64>>> {
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
struct Session {
    token_hash: String,
    moderator: String,
    csrf: String,
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

async fn session(db: &Db, headers: &HeaderMap) -> Result<Option<Session>> {
    let Some(token) = cookie_value(headers, COOKIE) else { return Ok(None) };
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

// ---- handlers ----

/// The fields of a form body, repeated names kept (`id=1&id=2`).
fn form(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The sign-in page with `error`, and a fresh CSRF token for its form (in
/// the form and in the cookie it must match).
fn sign_in_answer(state: &AppState, https: Https, status: StatusCode, error: Option<&str>) -> Result<Response> {
    let token = random_token()?;
    let mut response = html_response(status, sign_in_page(&token, error));
    response.headers_mut().insert(header::SET_COOKIE, cookie(state, https, SIGN_IN_COOKIE, &token, 3600));
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
    let sent = field(&fields, "csrf").unwrap_or_default();
    if !cookie_value(&headers, SIGN_IN_COOKIE).is_some_and(|paired| same_secret(&paired, sent)) {
        let stale = "This form had expired or did not come from this site: sign in again.";
        return sign_in_answer(&state, https, StatusCode::FORBIDDEN, Some(stale));
    }
    let name = field(&fields, "name").unwrap_or_default().trim().to_owned();
    let password = field(&fields, "password").unwrap_or_default();
    let plausible = valid_name(&name);
    if plausible && let Err(wait) = state.throttle.sign_in(client, &name) {
        let message = format!("Too many attempts. Try again in {wait} seconds.");
        let mut response = sign_in_answer(&state, https, StatusCode::TOO_MANY_REQUESTS, Some(&message))?;
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return Ok(response);
    }
    let found = if plausible {
        let Some(found) = check_password(&state, &name, password).await? else {
            let busy = "The server is busy. Try again in a few seconds.";
            let mut response = sign_in_answer(&state, https, StatusCode::SERVICE_UNAVAILABLE, Some(busy))?;
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(PASSWORD_WAIT.as_secs()));
            return Ok(response);
        };
        found
    } else {
        None
    };
    let Some(id) = found else {
        if plausible {
            tracing::info!(moderator = %name, "failed sign-in");
        }
        return sign_in_answer(&state, https, StatusCode::UNAUTHORIZED, Some("Wrong name or password."));
    };
    let token = random_token()?;
    let expires = db::time_text(SystemTime::now() + Duration::from_secs(SESSION_HOURS * 3600));
    let mut tx = state.db.begin().await?;
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
    moderation::log(&mut tx, &name, "sign_in", None, None).await?;
    tx.commit().await?;
    let mut response = Redirect::to("/admin").into_response();
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, cookie(&state, https, COOKIE, &token, SESSION_HOURS * 3600));
    headers.append(header::SET_COOKIE, cookie(&state, https, SIGN_IN_COOKIE, "", 0));
    Ok(response)
}

/// The signed-in session whose CSRF token the form carries, else a 403.
async fn checked(state: &AppState, headers: &HeaderMap, fields: &[(String, String)]) -> Result<Session> {
    let forbidden =
        |why: &str| Error::Status(StatusCode::FORBIDDEN, encart_api_types::error_code::FORBIDDEN, why.into());
    let session = session(&state.db, headers).await?.ok_or_else(|| forbidden("sign in first"))?;
    let sent = field(fields, "csrf").unwrap_or_default();
    if !same_secret(sent, &session.csrf) {
        return Err(forbidden("this form is stale or not from this site: reload the page"));
    }
    Ok(session)
}

async fn sign_out(State(state): State<AppState>, https: Https, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let session = checked(&state, &headers, &form(&body)).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM moderator_sessions WHERE token_hash = $1")
        .bind(&session.token_hash)
        .execute(&mut *tx)
        .await?;
    moderation::log(&mut tx, &session.moderator, "sign_out", None, None).await?;
    tx.commit().await?;
    let mut response = Redirect::to("/admin").into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie(&state, https, COOKIE, "", 0));
    Ok(response)
}

/// A decision: `one=approve:42` (a row's own button), or `action=approve`
/// with the ticked `id`s.
async fn moderate(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response> {
    let fields = form(&body);
    let session = checked(&state, &headers, &fields).await?;
    let bad = || Error::BadRequest("choose an action and at least one comment".into());
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
        return Err(bad());
    }
    let decided = moderation::decide(&state.db, &session.moderator, decision, &ids).await?;
    for slug in &decided.slugs {
        state.written(slug).await;
    }
    tracing::info!(moderator = %session.moderator, action = decision.as_str(), comments = ?ids, "moderated");
    Ok(Redirect::to(&format!("/admin?done={}&count={}", decision.as_str(), decided.count)).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct PageParams {
    done: Option<String>,
    count: Option<u32>,
}

async fn page(
    State(state): State<AppState>,
    https: Https,
    headers: HeaderMap,
    params: std::result::Result<Query<PageParams>, QueryRejection>,
) -> Result<Response> {
    let Some(session) = session(&state.db, &headers).await? else {
        return sign_in_answer(&state, https, StatusCode::OK, None);
    };
    // A hand-edited query string only loses the confirmation line.
    let params = params.map(|Query(p)| p).unwrap_or_default();
    let done = match (params.done.as_deref().and_then(Decision::parse), params.count) {
        (Some(decision), Some(count)) => Some(done_message(decision, count)),
        _ => None,
    };
    let queue = moderation::queue(&state.db, QUEUE_PAGE).await?;
    let awaiting = moderation::awaiting(&state.db).await?;
    let log = moderation::recent_log(&state.db, 20).await?;
    Ok(html_response(StatusCode::OK, queue_page(&session, &queue, awaiting, &log, done)))
}

fn done_message(decision: Decision, count: u32) -> String {
    let verb = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
        Decision::Spam => "marked as spam",
        Decision::Delete => "deleted",
    };
    format!("{count} comment{} {verb}.", if count == 1 { "" } else { "s" })
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css"), (header::CACHE_CONTROL, "public, max-age=300")], STYLE).into_response()
}

/// An admin page, with headers that keep it private and unframed and forbid any script.
fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "same-origin"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        html,
    )
        .into_response()
}

// ---- pages ----

fn document(title: &str, body: impl IntoView + 'static) -> String {
    let html = view! {
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{format!("{title} · encart")}</title>
                <link rel="stylesheet" href="/admin/style.css" />
            </head>
            <body>{body}</body>
        </html>
    };
    format!("<!DOCTYPE html>{}", html.to_html())
}

fn sign_in_page(csrf: &str, error: Option<&str>) -> String {
    let error = error.map(|e| view! { <p class="error" role="alert">{e.to_owned()}</p> });
    document(
        "Sign in",
        view! {
            <main class="sign-in">
                <h1>"encart moderation"</h1>
                {error}
                <form method="post" action="/admin/sign-in">
                    <input type="hidden" name="csrf" value=csrf.to_owned() />
                    <label>"Name" <input name="name" autocomplete="username" required autofocus /></label>
                    <label>
                        "Password" <input name="password" type="password" autocomplete="current-password" required />
                    </label>
                    <button type="submit">"Sign in"</button>
                </form>
            </main>
        },
    )
}

fn queue_page(session: &Session, queue: &[Queued], awaiting: i64, log: &[Logged], done: Option<String>) -> String {
    let csrf = session.csrf.clone();
    let items = queue.iter().cloned().map(item).collect_view();
    let empty = queue.is_empty().then(|| view! { <p class="empty">"Nothing awaits a decision."</p> });
    let log_rows = log
        .iter()
        .cloned()
        .map(|entry| {
            view! {
                <tr>
                    <td>{entry.created_at}</td>
                    <td>{entry.moderator}</td>
                    <td>{entry.action}</td>
                    <td>{entry.comment_id.map(|id| format!("#{id}"))}</td>
                    <td>{entry.article_slug}</td>
                </tr>
            }
        })
        .collect_view();
    // The oldest first, a page at a time: deciding on them brings the next.
    let count = if awaiting > queue.len() as i64 {
        format!("{awaiting} awaiting a decision (the oldest {} below)", queue.len())
    } else {
        format!("{awaiting} awaiting a decision")
    };
    document(
        "Moderation",
        view! {
            <header>
                <h1>"Moderation"</h1>
                <p>{format!("Signed in as {}", session.moderator)}</p>
                <form method="post" action="/admin/sign-out">
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <button type="submit">"Sign out"</button>
                </form>
            </header>
            <main>
                <p role="status" class="done">{done}</p>
                <form method="post" action="/admin/moderate" class="queue">
                    <input type="hidden" name="csrf" value=csrf />
                    <h2>{count}</h2>
                    <fieldset class="bulk">
                        <legend>"With the ticked comments"</legend>
                        <button type="submit" name="action" value="approve" accesskey="a">"Approve"</button>
                        <button type="submit" name="action" value="reject" accesskey="r">"Reject"</button>
                        <button type="submit" name="action" value="spam" accesskey="s">"Spam"</button>
                        <button type="submit" name="action" value="delete" accesskey="d">"Delete"</button>
                    </fieldset>
                    {empty}
                    <ol class="items">{items}</ol>
                </form>
                <section>
                    <h2>"Recent actions"</h2>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">"When (UTC)"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"Did"</th>
                                <th scope="col">"Comment"</th>
                                <th scope="col">"Article"</th>
                            </tr>
                        </thead>
                        <tbody>{log_rows}</tbody>
                    </table>
                </section>
            </main>
        },
    )
}

fn item(q: Queued) -> impl IntoView {
    let why = if q.status == "pending" {
        "Held for pre-moderation".to_owned()
    } else {
        format!(
            "Published, reported {} time{} ({})",
            q.reports,
            if q.reports == 1 { "" } else { "s" },
            q.reasons.unwrap_or_default().replace('_', " ")
        )
    };
    let parent = q.parent_body.map(|body| {
        view! {
            <blockquote class="parent">
                <p class="who">{format!("In reply to {}", q.parent_author.unwrap_or_default())}</p>
                <p class="text">{body}</p>
            </blockquote>
        }
    });
    let id = q.id;
    let label = format!("Select comment #{id} by {}", q.author);
    let button = move |action: &'static str, text: &'static str| {
        view! {
            <button type="submit" name="one" value=format!("{action}:{id}") aria-label=format!("{text} #{id}")>
                {text}
            </button>
        }
    };
    view! {
        <li class="item" id=format!("c{id}")>
            <input type="checkbox" name="id" value=id.to_string() aria-label=label />
            <div class="content">
                <p class="where" title=q.slug>
                    {format!("#{id} on “{}” · ", q.title)} <strong>{why}</strong>
                </p>
                {parent}
                <p class="who">{format!("{} · {}", q.author, q.created_at)}</p>
                <p class="text">{q.body}</p>
                <div class="actions">
                    {button("approve", "Approve")} {button("reject", "Reject")} {button("spam", "Spam")}
                    {button("delete", "Delete")}
                </div>
            </div>
        </li>
    }
}

const STYLE: &str = "
:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid #8886; }
header h1 { margin: 0; font-size: 1.4rem; }
.sign-in { max-width: 22rem; margin: 4rem auto; }
.sign-in label { display: block; margin: .8rem 0; }
input:not([type=checkbox]) { display: block; width: 100%; box-sizing: border-box; padding: .4rem; font: inherit; }
button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
:focus-visible { outline: 3px solid #2a6ae8; outline-offset: 2px; }
.error { color: #b00020; }
.done:empty { display: none; }
.done { background: #1a7f3722; padding: .5rem; }
.bulk { display: flex; gap: .5rem; flex-wrap: wrap; position: sticky; top: 0; background: Canvas; }
.items { list-style: none; padding: 0; }
.item { display: flex; gap: .8rem; align-items: flex-start; border-bottom: 1px solid #8884; padding: .8rem 0; }
.item input { margin-top: .4rem; width: 1.2rem; height: 1.2rem; }
.where { margin: 0; font-size: .9rem; }
.who { margin: .2rem 0 0; font-weight: 600; }
.text { margin: .2rem 0; white-space: pre-line; overflow-wrap: anywhere; }
.parent { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #8886; opacity: .85; }
.actions { display: flex; gap: .4rem; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #8884; }
";
