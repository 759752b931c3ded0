//! Reports from readers and the `/admin` moderation pages, through `app()`:
//! sign-in, the queue, decisions one by one and in bulk, CSRF, the log.

use crate::common;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use common::*;
use encart_server::db::Db;
use encart_server::{Moderation, PostRate, admin};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

pub(crate) struct Page {
    status: StatusCode,
    headers: HeaderMap,
    pub html: String,
}

async fn fetch(app: &Router, request: Request<Body>) -> Page {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    // Names and titles come isolated (U+2068…U+2069) in the pages' sentences;
    // the tests read them as a reader sees them.
    let html = String::from_utf8(bytes.to_vec()).unwrap().replace(['\u{2068}', '\u{2069}'], "");
    Page { status, headers, html }
}

pub(crate) async fn admin_page(app: &Router, cookie: &str) -> Page {
    fetch(app, Request::get("/admin").header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await
}

/// `uri` as a signed-in browser asking for `languages` (`Accept-Language`) gets it.
async fn in_language(app: &Router, uri: &str, cookie: &str, languages: &str) -> Page {
    let request = Request::get(uri)
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT_LANGUAGE, languages)
        .body(Body::empty())
        .unwrap();
    fetch(app, request).await
}

async fn form_post(app: &Router, uri: &str, cookie: &str, form: &[(&str, &str)]) -> Page {
    let body: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    fetch(app, request).await
}

/// The cookie named `name` that `page` sets (its whole `Set-Cookie` value).
fn set_cookie(page: &Page, name: &str) -> Option<String> {
    page.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with(&format!("{name}=")))
}

/// The sign-in form as a browser gets it: its cookie (`name=value`) and the
/// CSRF token of its form.
async fn sign_in_form(app: &Router) -> (String, String) {
    let page = admin_page(app, "").await;
    let cookie = set_cookie(&page, "encart_sign_in").expect("the form's cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    (cookie.split(';').next().unwrap().to_owned(), csrf(&page.html))
}

/// Posts the sign-in form as a browser that loaded it would.
async fn try_sign_in(app: &Router, name: &str, password: &str) -> Page {
    let (cookie, token) = sign_in_form(app).await;
    form_post(app, "/admin/sign-in", &cookie, &[("csrf", &token), ("name", name), ("password", password)]).await
}

/// Signs in; returns the session cookie (`name=value`).
pub(crate) async fn sign_in(app: &Router, name: &str, password: &str) -> String {
    let page = try_sign_in(app, name, password).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    let cookie = set_cookie(&page, "encart_admin").expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    cookie.split(';').next().unwrap().to_owned()
}

/// The CSRF token the page's forms carry.
fn csrf(html: &str) -> String {
    let (_, rest) = html.split_once(r#"name="csrf" value=""#).expect("a form with a CSRF token");
    rest.split('"').next().unwrap().to_owned()
}

/// A seeded database with moderator Camille, and two apps on it: one whose
/// site publishes at once, one that holds comments for pre-moderation.
async fn open_and_pre_moderated() -> (Db, Router, Router) {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let open = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let pre = test_app_with(db.clone(), Moderation::Pre, PostRate::unlimited()).await;
    admin::add_moderator(&db, "Camille", "correct horse battery").await.unwrap();
    (db, open, pre)
}

fn comments_uri() -> String {
    format!("/api/v1/articles/{SLUG}/comments")
}

async fn post_comment(app: &Router, author: &str, body: &str) -> String {
    let answer = post(app, &comments_uri(), json!({"author": author, "body": body}).to_string()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    answer.json["comment"]["id"].as_str().unwrap().to_owned()
}

async fn listed(app: &Router) -> Vec<String> {
    let page = get(app, &comments_uri()).await.json;
    page["comments"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn readers_report_a_published_comment_once_and_bad_reports_change_nothing() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let id = post_comment(&app, "Alice", "Un avis tranché").await;
    let uri = format!("{}/{id}/report", comments_uri());
    for _ in 0..2 {
        let answer = post(&app, &uri, json!({"reason": "abuse"}).to_string()).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.json);
    }
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM reports").fetch_one(&db).await.unwrap();
    assert_eq!(reports, 1, "one report per reader and comment");

    assert_error(
        &post(&app, &uri, json!({"reason": "boring"}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(&post(&app, &uri, "{").await, StatusCode::BAD_REQUEST, "bad_request");
    let unknown = format!("{}/999999/report", comments_uri());
    assert_error(
        &post(&app, &unknown, json!({"reason": "spam"}).to_string()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let other = format!("/api/v1/articles/unknown/comments/{id}/report");
    assert_error(&post(&app, &other, json!({"reason": "spam"}).to_string()).await, StatusCode::NOT_FOUND, "not_found");
    // A NUL in the slug (PostgreSQL refuses it in text) is a 400, for reports and deletes alike.
    let nul = post(&app, "/api/v1/articles/a%00b/comments/1/report", json!({"reason": "spam"}).to_string()).await;
    assert_error(&nul, StatusCode::BAD_REQUEST, "bad_request");
    let delete = Request::delete("/api/v1/articles/a%00b/comments/1")
        .header(header::AUTHORIZATION, "Bearer t")
        .body(Body::empty())
        .unwrap();
    assert_error(&send(&app, delete).await, StatusCode::BAD_REQUEST, "bad_request");
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM reports").fetch_one(&db).await.unwrap();
    assert_eq!(reports, 1);
}

#[tokio::test]
async fn moderators_sign_in_and_decide_on_the_queue_one_by_one_and_in_bulk() {
    let (db, open, pre) = open_and_pre_moderated().await;

    // A published comment that a reader reports, and three held for pre-moderation.
    let reported = post_comment(&open, "Troll", "Publié puis signalé").await;
    let answer =
        post(&open, &format!("{}/{reported}/report", comments_uri()), json!({"reason": "abuse"}).to_string()).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
    let first = post_comment(&pre, "Bea", "<script>alert('x')</script> en attente").await;
    let second = post_comment(&pre, "Chloé", "Deuxième en attente").await;
    let third = post_comment(&pre, "Spammeur", "Achetez !").await;
    assert_eq!(listed(&open).await, vec!["Publié puis signalé"]);

    // Signed out: the sign-in form, private and script-free.
    let page = admin_page(&open, "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains(r#"action="/admin/sign-in""#));
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    assert!(page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().starts_with("default-src 'none'"));
    let wrong = try_sign_in(&open, "Camille", "guess").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(set_cookie(&wrong, "encart_admin").is_none(), "no session");
    assert!(wrong.html.contains("Wrong name or password."));
    let nobody = try_sign_in(&open, "Nobody", "guess").await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let long = "x".repeat(500);
    let long_name = try_sign_in(&open, &long, "guess").await;
    assert_eq!(long_name.status, StatusCode::UNAUTHORIZED);
    let huge = "x".repeat(100_000);
    let huge_form = try_sign_in(&open, "Camille", &huge).await;
    assert_eq!(huge_form.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Login CSRF: a form posted from another site has neither the form's cookie nor its token.
    let (form_cookie, form_token) = sign_in_form(&open).await;
    let credentials = [("name", "Camille"), ("password", "correct horse battery")];
    for (cookie, token) in [("", form_token.as_str()), (form_cookie.as_str(), "forged"), (form_cookie.as_str(), "")] {
        let form: Vec<(&str, &str)> = [("csrf", token)].into_iter().chain(credentials).collect();
        let forged = form_post(&open, "/admin/sign-in", cookie, &form).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "cookie {cookie:?}, token {token:?}");
        assert!(set_cookie(&forged, "encart_admin").is_none(), "no session from a forged sign-in");
    }

    let cookie = sign_in(&open, "Camille", "correct horse battery").await;
    let page = admin_page(&open, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Signed in as Camille"));
    assert!(page.html.contains("4 awaiting a decision"), "{}", page.html);
    assert!(page.html.contains("reported once (Abusive)"), "the report form's words: {}", page.html);
    // Comment text is text: escaped, never markup.
    assert!(page.html.contains("&lt;script&gt;alert("), "{}", page.html);
    assert!(!page.html.contains("<script>"));
    let token = csrf(&page.html);

    // Without the CSRF token, with another, or without the session: 403, nothing changes.
    for (cookie, form) in [
        (cookie.as_str(), vec![("action", "approve"), ("id", first.as_str())]),
        (cookie.as_str(), vec![("csrf", "forged"), ("action", "approve"), ("id", first.as_str())]),
        ("", vec![("csrf", token.as_str()), ("action", "approve"), ("id", first.as_str())]),
    ] {
        let refused = form_post(&open, "/admin/moderate", cookie, &form).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        // A person's page, not an API's error: it says why and leads back.
        assert!(refused.html.contains("This form had expired") && refused.html.contains(r#"href="/admin""#));
    }
    assert_eq!(listed(&open).await, vec!["Publié puis signalé"]);
    // "Approve" with nothing ticked: nothing decided, and the page says so.
    let none = form_post(&open, "/admin/moderate", &cookie, &[("csrf", &token), ("action", "approve")]).await;
    assert_eq!(none.headers[header::LOCATION], "/admin?notice=none-ticked");
    let page = admin_page(&open, &cookie).await;
    assert!(page.html.contains("4 awaiting a decision"), "{}", page.html);
    let told = fetch(
        &open,
        Request::get("/admin?notice=none-ticked").header(header::COOKIE, &cookie).body(Body::empty()).unwrap(),
    )
    .await;
    assert!(told.html.contains("Nothing was decided: tick at least one comment first."), "{}", told.html);

    // In bulk: the two genuine comments approved.
    let done = form_post(
        &open,
        "/admin/moderate",
        &cookie,
        &[("csrf", &token), ("action", "approve"), ("id", &first), ("id", &second), ("id", "999999")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.headers[header::LOCATION], "/admin?done=approve&count=2", "an unknown id is skipped");
    assert_eq!(
        listed(&open).await,
        vec!["Deuxième en attente", "<script>alert('x')</script> en attente", "Publié puis signalé"],
        "approved comments show at once (the cache was dropped)"
    );
    // One by one: the spam, and the reported comment rejected (hidden, kept).
    for one in [format!("spam:{third}"), format!("reject:{reported}")] {
        let done = form_post(&open, "/admin/moderate", &cookie, &[("csrf", &token), ("one", &one)]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(listed(&open).await, vec!["Deuxième en attente", "<script>alert('x')</script> en attente"]);
    let statuses: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM comments ORDER BY id").fetch_all(&db).await.unwrap();
    let status_of = |id: &str| statuses.iter().find(|(i, _)| i.to_string() == id).unwrap().1.clone();
    assert_eq!(status_of(&reported), "rejected");
    assert_eq!(status_of(&third), "spam");
    let open_reports: i64 =
        sqlx::query_scalar("SELECT count(*) FROM reports WHERE resolved_at IS NULL").fetch_one(&db).await.unwrap();
    assert_eq!(open_reports, 0);

    // Delete removes the row.
    let done =
        form_post(&open, "/admin/moderate", &cookie, &[("csrf", &token), ("one", &format!("delete:{second}"))]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(listed(&open).await, vec!["<script>alert('x')</script> en attente"]);

    // The queue is empty, and the log says who did what.
    let location = done.headers[header::LOCATION].to_str().unwrap();
    let page = fetch(&open, Request::get(location).header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
    assert!(page.html.contains("1 comment deleted."), "{}", page.html);
    assert!(page.html.contains("Nothing awaits a decision."));
    let log: Vec<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT moderator, action, comment_id FROM moderation_log ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    let id = |s: &str| Some(s.parse::<i64>().unwrap());
    assert_eq!(
        log,
        vec![
            ("Camille".into(), "sign_in".into(), None),
            ("Camille".into(), "approve".into(), id(&first)),
            ("Camille".into(), "approve".into(), id(&second)),
            ("Camille".into(), "spam".into(), id(&third)),
            ("Camille".into(), "reject".into(), id(&reported)),
            ("Camille".into(), "delete".into(), id(&second)),
        ]
    );

    // Signing out ends the session: the cookie no longer works.
    let out = form_post(&open, "/admin/sign-out", &cookie, &[("csrf", &token)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(admin_page(&open, &cookie).await.html.contains(r#"action="/admin/sign-in""#));
}

#[tokio::test]
async fn moderators_need_a_long_password_and_a_unique_name() {
    let db = common::db().await;
    assert!(admin::add_moderator(&db, "Dom", "short").await.is_err());
    assert!(admin::add_moderator(&db, &"D".repeat(101), "a long enough password").await.is_err());
    admin::add_moderator(&db, "Dom", "a long enough password").await.unwrap();
    assert!(admin::add_moderator(&db, "Dom", "another long password").await.is_err());
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM moderators").fetch_one(&db).await.unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("a long enough password"));
}

#[tokio::test]
async fn moderators_ban_a_comments_author_from_admin_and_lift_the_ban() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    admin::add_moderator(&db, "Camille", "correct horse battery").await.unwrap();
    let troll = post_comment(&app, "Troll", "<b>Provocation</b>").await;
    let cookie = sign_in(&app, "Camille", "correct horse battery").await;
    let get_page = |uri: String| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move { fetch(&app, Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await }
    };

    // The ban form shows the comment (as text) and whom the ban bars.
    let form = get_page(format!("/admin/ban?comment={troll}")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    assert!(form.html.contains("&lt;b&gt;Provocation&lt;/b&gt;") && !form.html.contains("<b>Provocation"));
    assert!(form.html.contains("posts without sign-in from the address this comment came from"), "{}", form.html);
    assert_eq!(get_page("/admin/ban?comment=999999".into()).await.status, StatusCode::NOT_FOUND);
    let token = csrf(&form.html);

    // Without the CSRF token, or without a reason: nothing is banned.
    let refused = form_post(&app, "/admin/ban", &cookie, &[("comment", &troll), ("reason", "x"), ("days", "7")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let no_reason = form_post(
        &app,
        "/admin/ban",
        &cookie,
        &[("csrf", &token), ("comment", &troll), ("reason", " "), ("days", "7")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let odd_length = form_post(
        &app,
        "/admin/ban",
        &cookie,
        &[("csrf", &token), ("comment", &troll), ("reason", "x"), ("days", "9")],
    )
    .await;
    assert_eq!(odd_length.status, StatusCode::BAD_REQUEST);
    let bans: i64 = sqlx::query_scalar("SELECT count(*) FROM bans").fetch_one(&db).await.unwrap();
    assert_eq!(bans, 0);
    assert_eq!(
        post(&app, &comments_uri(), json!({"author": "Troll", "body": "Encore"}).to_string()).await.status,
        StatusCode::CREATED
    );

    let done = form_post(
        &app,
        "/admin/ban",
        &cookie,
        &[("csrf", &token), ("comment", &troll), ("reason", "insultes"), ("days", "7")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let banned = post(&app, &comments_uri(), json!({"author": "Troll", "body": "Toujours là"}).to_string()).await;
    assert_error(&banned, StatusCode::FORBIDDEN, "banned");
    let page = get_page("/admin?notice=banned".into()).await;
    assert!(page.html.contains("The author is banned"), "{}", page.html);
    assert!(page.html.contains(&format!("Anonymous posts from the address of comment #{troll}")), "{}", page.html);
    assert!(page.html.contains("insultes"));
    assert!(page.html.contains("banned for 7 days"), "logged: {}", page.html);

    let ban: i64 = sqlx::query_scalar("SELECT id FROM bans").fetch_one(&db).await.unwrap();
    let lifted = form_post(&app, "/admin/lift", &cookie, &[("csrf", &token), ("ban", &ban.to_string())]).await;
    assert_eq!(lifted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        post(&app, &comments_uri(), json!({"author": "Troll", "body": "Pardon"}).to_string()).await.status,
        StatusCode::CREATED
    );
    let page = get_page("/admin?notice=lifted".into()).await;
    assert!(page.html.contains("No ban is in force.") && page.html.contains("lifted a ban"), "{}", page.html);
}

#[tokio::test]
async fn moderators_feature_up_to_three_picks_shown_above_the_thread_in_the_first_view_and_oembed() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = encart_server::AppState::new(db.clone(), Moderation::Open)
        .unwrap()
        .with_embed_urls("https://api.example", "https://cdn.example");
    let app = router_for(state, PostRate::unlimited());
    admin::add_moderator(&db, "Camille", "correct horse battery").await.unwrap();
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(post_comment(&app, &format!("Lecteur {i}"), &format!("Avis n°{i} <script>__pwn({i})</script>")).await);
    }
    let rejected = post_comment(&app, "Refusé", "Hors sujet").await;
    encart_server::moderation::decide(
        &db,
        &[],
        "Camille",
        encart_server::moderation::Decision::Reject,
        &[rejected.parse().unwrap()],
    )
    .await
    .unwrap();
    let picks = |page: &serde_json::Value| -> Vec<String> {
        page["picks"]
            .as_array()
            .map_or(Vec::new(), |p| p.iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect())
    };
    assert_eq!(picks(&get(&app, &comments_uri()).await.json), Vec::<String>::new(), "warms the cache");

    let cookie = sign_in(&app, "Camille", "correct horse battery").await;
    let token = csrf(&admin_page(&app, &cookie).await.html);
    let feature = |id: String, on: &'static str| {
        let (app, cookie, token) = (app.clone(), cookie.clone(), token.clone());
        async move {
            let done =
                form_post(&app, "/admin/feature", &cookie, &[("csrf", &token), ("comment", &id), ("on", on)]).await;
            assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
            done.headers[header::LOCATION].to_str().unwrap().to_owned()
        }
    };
    for id in [&ids[3], &ids[1], &ids[4]] {
        assert_eq!(feature(id.clone(), "1").await, "/admin?notice=featured");
    }
    assert_eq!(feature(ids[0].clone(), "1").await, "/admin?notice=picks-full", "three at most");
    assert_eq!(feature(rejected.clone(), "1").await, "/admin?notice=not-published");
    assert_eq!(feature(ids[3].clone(), "1").await, "/admin?notice=featured", "featuring again changes nothing");
    // Without the CSRF token nothing is featured.
    let forged = form_post(&app, "/admin/feature", &cookie, &[("comment", &ids[0]), ("on", "1")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // In the order featured, on the first page only, at once (the cache dropped).
    let first = get(&app, &comments_uri()).await.json;
    assert_eq!(picks(&first), [ids[3].clone(), ids[1].clone(), ids[4].clone()]);
    assert_eq!(first["picks"][0]["replies"], json!([]));
    let page = get(&app, &format!("{}?limit=2", comments_uri())).await.json;
    let next = page["next"].as_str().unwrap();
    assert_eq!(picks(&get(&app, &format!("{}?limit=2&after={next}", comments_uri())).await.json), Vec::<String>::new());

    // The first view shows them above the thread, as text.
    let view = get(&app, &format!("/api/v1/articles/{SLUG}/embed")).await.json;
    let html = view["html"].as_str().unwrap();
    let (above, thread) = html.split_once(r#"<ol class="thread">"#).unwrap();
    assert!(above.contains("Sélection de la rédaction") && above.contains("Avis n°3 &lt;script&gt;"), "{above}");
    assert!(!html.contains("<script>"));
    assert!(thread.contains("Avis n°3"), "they stay in the thread too");

    // oEmbed gives them as quotes in the placeholder, escaped.
    let oembed = get(&app, &format!("/oembed?url=https://api.example/api/v1/articles/{SLUG}&format=json")).await;
    let snippet = oembed.json["html"].as_str().unwrap();
    assert!(
        snippet.starts_with(&format!(r#"<div data-encart-article="{SLUG}" data-api="https://api.example">"#)),
        "{snippet}"
    );
    assert_eq!(snippet.matches(r#"<blockquote class="encart-pick">"#).count(), 3);
    assert!(snippet.contains("Avis n°3 &lt;script&gt;__pwn(3)&lt;/script&gt;") && !snippet.contains("<script>__pwn"));
    assert!(
        snippet
            .ends_with(r#"<script async src="https://cdn.example/embed.js" data-api="https://api.example"></script>"#)
    );

    // Unfeatured; a deleted pick leaves the picks; the page lists them; all logged.
    assert_eq!(feature(ids[1].clone(), "0").await, "/admin?notice=unfeatured");
    encart_server::moderation::decide(
        &db,
        &[],
        "Camille",
        encart_server::moderation::Decision::Delete,
        &[ids[4].parse().unwrap()],
    )
    .await
    .unwrap();
    // (`decide` is what /admin calls, which then drops the article's
    // answers: an uncached page shows it here.)
    let uncached = get(&app, &format!("{}?limit=3", comments_uri())).await.json;
    assert_eq!(picks(&uncached), [ids[3].clone()]);
    let admin = admin_page(&app, &cookie).await.html;
    assert!(admin.contains("Newsroom picks") && admin.contains(&format!("#{} by Lecteur 3", ids[3])), "{admin}");
    assert!(admin.contains(&format!("aria-label=\"Unfeature #{}\"", ids[3])));
    let actions: Vec<String> =
        encart_server::moderation::recent_log(&db, 20).await.unwrap().into_iter().map(|l| l.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "feature").count(), 4, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "unfeature").count(), 1);
}

#[tokio::test]
async fn the_moderation_pages_speak_the_moderators_browsers_language() {
    let (_, open, pre) = open_and_pre_moderated().await;
    let reported = post_comment(&open, "Troll", "Publié puis signalé").await;
    let answer =
        post(&open, &format!("{}/{reported}/report", comments_uri()), json!({"reason": "off_topic"}).to_string()).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
    let held = [post_comment(&pre, "Bea", "Un").await, post_comment(&pre, "Chloé", "Deux").await];

    // Signed out, an Austrian browser: the sign-in form in German, and the page says it varies by language.
    let form = in_language(&open, "/admin", "", "de-AT, en;q=0.5").await;
    assert!(form.html.contains(r#"<html lang="de" dir="ltr">"#), "{}", form.html);
    assert!(form.html.contains("Anmelden") && form.html.contains("Passwort"), "{}", form.html);
    assert!(form.headers[header::VARY].to_str().unwrap().contains("Accept-Language"));
    // Preference by q, not by order; a language the server does not speak passes to the next, else English.
    let cookie = sign_in(&open, "Camille", "correct horse battery").await;
    let japanese = in_language(&open, "/admin", &cookie, "en;q=0.3, ru, ja;q=0.8").await;
    assert!(japanese.html.contains(r#"<html lang="ja" dir="ltr">"#) && japanese.html.contains("判断待ち 3 件"));
    let english = in_language(&open, "/admin", &cookie, "ru-RU, uk;q=0.9").await;
    assert!(english.html.contains(r#"<html lang="en" dir="ltr">"#) && english.html.contains("3 awaiting a decision"));

    // Czech: plural forms, the report's reason in the words of the widget's report form.
    let czech = in_language(&open, "/admin", &cookie, "cs-CZ").await;
    for shown in ["3 čekají na rozhodnutí", "Zadrženo k předběžné moderaci", "nahlášeno jednou (Mimo téma)", "Schválit"]
    {
        assert!(czech.html.contains(shown), "{shown:?} in {}", czech.html);
    }

    // Two approved in bulk, then the page in Polish and in Arabic: the notice's plural, the log's actions.
    let token = csrf(&czech.html);
    let form = [("csrf", token.as_str()), ("action", "approve"), ("id", held[0].as_str()), ("id", held[1].as_str())];
    let done = form_post(&open, "/admin/moderate", &cookie, &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let to = done.headers[header::LOCATION].to_str().unwrap().to_owned();
    let polish = in_language(&open, &to, &cookie, "pl").await;
    assert!(polish.html.contains("Zatwierdzono 2 komentarze.") && polish.html.contains("zatwierdził(a)"));
    let arabic = in_language(&open, &to, &cookie, "ar-EG,ar;q=0.9").await;
    assert!(arabic.html.contains(r#"<html lang="ar" dir="rtl">"#), "{}", arabic.html);
    assert!(arabic.html.contains("قُبل تعليقان.") && arabic.html.contains("قبِل"), "{}", arabic.html);

    // The ban form in Spanish: its lengths' plural, whom it bars.
    let ban = in_language(&open, &format!("/admin/ban?comment={reported}"), &cookie, "es-MX").await;
    for shown in ["Bloquear al autor del n.º", "1 día", "7 días", "Para siempre", "Troll, anónimo"] {
        assert!(ban.html.contains(shown), "{shown:?} in {}", ban.html);
    }

    // Every language the server's words translate: the whole page in its words, none left empty,
    // no English left over.
    for tag in encart_server::words::LANGUAGES {
        // Leptos's `<!>` markers aside.
        let html = in_language(&open, "/admin", &cookie, tag).await.html.replace("<!>", "");
        assert!(html.contains(&format!(r#"<html lang="{tag}""#)), "{tag}");
        for empty in ["<h2></h2>", "<h1></h1>", "<legend></legend>", r#"<th scope="col"></th>"#, "></button>"] {
            assert!(!html.contains(empty), "{tag}: {empty} in {html}");
        }
        if tag != "en" {
            for english in ["Sign out", "Bans in force", "Recent actions", "Approve", "Newsroom picks", "approved"] {
                assert!(!html.contains(english), "{tag}: {english:?} in {html}");
            }
        }
    }
}
