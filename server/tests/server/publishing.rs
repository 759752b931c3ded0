//! The publishing API through `app()`: keys, `PUT`/`DELETE` of articles,
//! revisions, and imports from a URL, SSRF attempts included.

use crate::common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use common::*;
use encart_server::db::Db;
use encart_server::publishers;
use encart_server::{AllowedOrigins, AppState, Moderation, PostRate, app};
use serde_json::{Value, json};

fn document(title: &str) -> Value {
    json!({
        "title": title,
        "byline": "La Rédaction",
        "published": "2025-05-10",
        "language": "fr",
        "body": [{"paragraph": [{"text": "Premier paragraphe."}]}, {"paragraph": [{"text": "Second."}]}],
        "source_url": "https://journal.example/haftar"
    })
}

const URI: &str = "/api/v1/articles/haftar-et-poutine";

#[tokio::test]
async fn a_publisher_creates_replaces_and_reads_the_history_of_its_article() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "Le Courrier", &[]).await;

    let created = send(&app, authed("PUT", URI, &key, document("Haftar et Poutine"))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    assert_eq!(created.json["slug"], "haftar-et-poutine");
    assert!(created.json["updated"].as_str().is_some_and(|u| u.ends_with('Z')), "{}", created.json);
    let shown = get(&app, URI).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.json["title"], "Haftar et Poutine");
    assert!(shown.headers.contains_key(header::ETAG));

    let replaced = send(&app, authed("PUT", URI, &key, document("Haftar et Poutine, la suite"))).await;
    assert_eq!(replaced.status, StatusCode::OK);
    assert_eq!(get(&app, URI).await.json["title"], "Haftar et Poutine, la suite", "readers see the latest at once");

    let history = send(&app, authed("GET", &format!("{URI}/revisions"), &key, Value::Null)).await;
    assert_eq!(history.status, StatusCode::OK);
    let revisions = history.json["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0]["changed"], json!(["title"]));
    assert_eq!(revisions[0]["publisher"], "Le Courrier");
    assert_eq!(revisions[1]["changed"], json!(["created"]));
}

#[tokio::test]
async fn keys_are_checked_missing_unknown_and_revoked_get_401() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (publisher_a, key) = publisher(&db, "A", &[]).await;
    let no_key = Request::put(URI).header(header::CONTENT_TYPE, "application/json");
    let answer = send(&app, no_key.body(Body::from(document("T").to_string())).unwrap()).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "unauthorized");
    let wrong = send(&app, authed("PUT", URI, "ek_not-a-real-key", document("T"))).await;
    assert_error(&wrong, StatusCode::UNAUTHORIZED, "unauthorized");

    let keys = publishers::keys(&db).await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].1, publisher_a.name);
    let stored: String = sqlx::query_scalar("SELECT key_hash FROM api_keys").fetch_one(&db).await.unwrap();
    assert!(!stored.contains(&key[3..]), "only a hash of the key is stored");
    publishers::revoke_key(&db, keys[0].0).await.unwrap();
    let revoked = send(&app, authed("PUT", URI, &key, document("T"))).await;
    assert_error(&revoked, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(get(&app, URI).await.status, StatusCode::NOT_FOUND, "nothing was stored");
}

#[tokio::test]
async fn another_publishers_article_is_403_and_stays_as_it_was() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key_a) = publisher(&db, "A", &[]).await;
    let (_, key_b) = publisher(&db, "B", &[]).await;
    assert_eq!(send(&app, authed("PUT", URI, &key_a, document("À A"))).await.status, StatusCode::CREATED);

    let answer = send(&app, authed("PUT", URI, &key_b, document("Volé"))).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "forbidden");
    let answer = send(&app, authed("DELETE", URI, &key_b, Value::Null)).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(get(&app, URI).await.json["title"], "À A");

    // An article the operator imported is no publisher's to replace.
    common::import(&db, std::path::Path::new(FIXTURE), &Default::default()).await.unwrap();
    let answer = send(&app, authed("PUT", &format!("/api/v1/articles/{SLUG}"), &key_a, document("x"))).await;
    assert_error(&answer, StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn an_invalid_document_is_422_with_each_field_and_the_previous_version_stays() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "A", &[]).await;
    assert_eq!(send(&app, authed("PUT", URI, &key, document("Avant"))).await.status, StatusCode::CREATED);

    let bad = json!({
        "title": "  ", "published": "2025-13-45", "language": "français",
        "body": [{"paragraph": [{"link": {"href": "javascript:alert(1)", "text": [{"text": "x"}]}}]}],
        "source_url": "ftp://x"
    });
    let answer = send(&app, authed("PUT", URI, &key, bad)).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(
        answer.json["error"]["fields"],
        json!({"title": "required", "published": "invalid", "language": "invalid",
               "source_url": "invalid", "body": "unsafe_link"})
    );
    let both = json!({"title": "T", "language": "fr", "body": [], "html": "<p>x</p>"});
    assert_eq!(
        send(&app, authed("PUT", URI, &key, both)).await.json["error"]["fields"],
        json!({"body": "body_or_html"})
    );
    let bad_slug = send(&app, authed("PUT", "/api/v1/articles/Pas%20un%20slug", &key, document("T"))).await;
    assert_eq!(bad_slug.json["error"]["fields"], json!({"slug": "invalid"}));
    let unknown_field = send(&app, authed("PUT", URI, &key, json!({"title": "T", "language": "fr", "evil": 1}))).await;
    assert_error(&unknown_field, StatusCode::BAD_REQUEST, "bad_request");

    assert_eq!(get(&app, URI).await.json["title"], "Avant", "the previous version is still served");
    let revisions: i64 = sqlx::query_scalar("SELECT count(*) FROM article_revisions").fetch_one(&db).await.unwrap();
    assert_eq!(revisions, 1);
}

#[tokio::test]
async fn an_html_body_goes_through_the_importers_sanitizing() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "A", &[]).await;
    let html = r#"<h2>Intertitre</h2><p>Un <em>texte</em> avec <a href="https://ok.example/">un lien</a>
        et <a href="javascript:alert(1)">un piège</a>.</p><script>alert(2)</script>
        <p onclick="alert(3)">Fin<img src=x onerror=alert(4)></p>"#;
    let doc = json!({"title": "Avec HTML", "language": "fr", "html": html});
    let answer = send(&app, authed("PUT", URI, &key, doc)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let body = answer.json["body"].to_string();
    assert!(body.contains("Intertitre") && body.contains("https://ok.example/") && body.contains("Fin"), "{body}");
    for gone in ["javascript:", "alert", "onclick", "onerror", "img", "script"] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
}

#[tokio::test]
async fn deleting_removes_the_comments_or_keeps_them_hidden_on_request() {
    let db = common::db().await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let (_, key) = publisher(&db, "A", &[]).await;
    let comments = format!("{URI}/comments");
    assert_eq!(send(&app, authed("PUT", URI, &key, document("T"))).await.status, StatusCode::CREATED);
    assert_eq!(
        post(&app, &comments, json!({"author": "A", "body": "B"}).to_string()).await.status,
        StatusCode::CREATED
    );

    let kept = send(&app, authed("DELETE", &format!("{URI}?comments=keep"), &key, Value::Null)).await;
    assert_eq!(kept.status, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, URI).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &comments).await.status, StatusCode::NOT_FOUND, "hidden with the article");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM comments").fetch_one(&db).await.unwrap();
    assert_eq!(stored, 1, "kept");

    // Published again: its comments are back.
    assert_eq!(send(&app, authed("PUT", URI, &key, document("T"))).await.status, StatusCode::OK);
    assert_eq!(get(&app, &comments).await.json["total"], 1);

    let gone = send(&app, authed("DELETE", URI, &key, Value::Null)).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM comments").fetch_one(&db).await.unwrap();
    assert_eq!(stored, 0, "deleted with the article");
    let again = send(&app, authed("DELETE", URI, &key, Value::Null)).await;
    assert_error(&again, StatusCode::NOT_FOUND, "not_found");
}

/// A publisher's site on 127.0.0.1: an article page, redirect chains, an
/// oversized page, a slow one, a missing one.
async fn publisher_site() -> (String, u16) {
    let article =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/html/fr-port-sete.html")).unwrap();
    let page = article.clone();
    let app = Router::new()
        .route("/article.html", axum::routing::get(move || async move { axum::response::Html(page) }))
        .route("/r1", axum::routing::get(|| async { Redirect::temporary("/r2") }))
        .route("/r2", axum::routing::get(|| async { Redirect::permanent("/r3") }))
        .route("/r3", axum::routing::get(|| async { Redirect::to("/article.html") }))
        .route("/r0", axum::routing::get(|| async { Redirect::temporary("/r1") }))
        .route("/away", axum::routing::get(|| async { Redirect::temporary("http://elsewhere.example/x") }))
        .route("/big", axum::routing::get(|| async { "x".repeat(6 * 1024 * 1024).into_response() }))
        .route("/empty", axum::routing::get(|| async { axum::response::Html("<html><body></body></html>") }))
        .route(
            "/slow",
            axum::routing::get(|| async {
                tokio::time::sleep(Duration::from_secs(15)).await;
                "late"
            }),
        );
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://127.0.0.1:{port}"), port)
}

async fn import_app(db: Db, allow_private: bool) -> Router {
    let mut state = AppState::new(db, Moderation::Open).unwrap();
    if allow_private {
        state = state.allow_private_imports();
    }
    router_for_state(state)
}

fn router_for_state(state: AppState) -> Router {
    app(state, AllowedOrigins::Any, PostRate::default())
        .layer(axum::Extension(axum::extract::ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000)))))
}

fn import(key: &str, url: &str) -> Request<Body> {
    authed("POST", "/api/v1/imports", key, json!({ "url": url }))
}

#[tokio::test]
async fn an_import_follows_up_to_three_redirects_and_reports_each_failure() {
    let db = common::db().await;
    let app = import_app(db.clone(), true).await;
    let (_, key) = publisher(&db, "Midi Libre", &["127.0.0.1"]).await;
    let (site, _) = publisher_site().await;

    let imported = send(&app, import(&key, &format!("{site}/r1"))).await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.json);
    assert_eq!(imported.json["source_url"], format!("{site}/article.html"), "the URL after the redirects");
    let slug = imported.json["slug"].as_str().unwrap();
    assert_eq!(get(&app, &format!("/api/v1/articles/{slug}")).await.json["title"], imported.json["title"]);
    let again = send(&app, import(&key, &format!("{site}/article.html"))).await;
    assert_eq!(again.status, StatusCode::OK, "a second import updates");

    let field = |answer: &Answer| answer.json["error"]["fields"]["url"].clone();
    let four = send(&app, import(&key, &format!("{site}/r0"))).await;
    assert_error(&four, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(field(&four), "too_many_redirects");
    let away = send(&app, import(&key, &format!("{site}/away"))).await;
    assert_eq!(field(&away), "domain_not_allowed", "each redirect target is checked");
    assert_error(&send(&app, import(&key, &format!("{site}/big"))).await, StatusCode::BAD_GATEWAY, "fetch_too_large");
    assert_error(&send(&app, import(&key, &format!("{site}/missing"))).await, StatusCode::BAD_GATEWAY, "fetch_failed");
    let empty = send(&app, import(&key, &format!("{site}/empty"))).await;
    assert_error(&empty, StatusCode::UNPROCESSABLE_ENTITY, "not_an_article");
    let not_url = send(&app, import(&key, "pas une adresse")).await;
    assert_eq!(field(&not_url), "invalid");
    let slow = send(&app, import(&key, &format!("{site}/slow"))).await;
    assert_error(&slow, StatusCode::GATEWAY_TIMEOUT, "fetch_timeout");
    let articles: i64 = sqlx::query_scalar("SELECT count(*) FROM articles").fetch_one(&db).await.unwrap();
    assert_eq!(articles, 1, "failed imports store nothing");
}

/// Whether anything connected to `listener` (the kernel completes a TCP
/// handshake into the backlog without `accept`).
async fn connected(listener: &tokio::net::TcpListener) -> bool {
    tokio::time::timeout(Duration::from_millis(200), listener.accept()).await.is_ok()
}

#[tokio::test]
async fn ssrf_attempts_are_refused_before_any_connection() {
    let db = common::db().await;
    let app = import_app(db.clone(), false).await;
    // The publisher even lists the local names: the address check still holds.
    let (_, key) = publisher(&db, "Curieux", &["127.0.0.1", "localhost", "journal.example"]).await;
    let trap = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let port = trap.local_addr().unwrap().port();
    let field = |answer: &Answer| answer.json["error"]["fields"]["url"].clone();

    for (url, code) in [
        (format!("http://127.0.0.1:{port}/"), "private_address"),
        (format!("http://[::ffff:127.0.0.1]:{port}/"), "private_address"),
        // IPv6 forms that reach IPv4 addresses, and deprecated local ranges.
        (format!("http://[::127.0.0.1]:{port}/"), "private_address"),
        (format!("http://[2002:7f00:1::1]:{port}/"), "private_address"),
        (format!("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:{port}/"), "private_address"),
        (format!("http://[64:ff9b:1::7f00:1]:{port}/"), "private_address"),
        (format!("http://[fec0::1]:{port}/"), "private_address"),
        (format!("http://localhost:{port}/"), "private_address"),
        (format!("gopher://127.0.0.1:{port}/_GET"), "scheme"),
        ("file:///etc/passwd".to_owned(), "scheme"),
        (format!("http://169.254.169.254:{port}/latest/meta-data/"), "private_address"),
        (format!("http://evil.example:{port}/"), "domain_not_allowed"),
    ] {
        let answer = send(&app, import(&key, &url)).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(field(&answer), code, "{url}: {}", answer.json);
        assert!(!connected(&trap).await, "{url} reached the network");
    }
    let articles: i64 = sqlx::query_scalar("SELECT count(*) FROM articles").fetch_one(&db).await.unwrap();
    assert_eq!(articles, 0);
}

#[tokio::test]
async fn an_imported_article_is_a_valid_document_and_comes_back_the_same_through_put() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "Aller-retour", &[]).await;
    let pages = ["en-figures.html", "en-code-table.html", "ar-water.html", "zh-no-lang.html", "fr-port-sete.html"];
    for page in pages {
        let html = std::fs::read(format!("{}/../fixtures/html/{page}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let options = encart_server::import::ImportOptions {
            language: None,
            source_url: Some("https://www.alpine-courier.example/a".into()),
        };
        let imported = encart_server::import::parse_html(&html, &options).unwrap();
        let document = json!({
            "title": imported.title, "byline": imported.byline, "published": imported.published,
            "language": imported.language, "dir": imported.dir, "lead": imported.lead, "body": imported.body,
            "source_url": imported.source_url,
        });
        let stored = send(&app, authed("PUT", &format!("/api/v1/articles/{}", imported.slug), &key, document)).await;
        assert_eq!(stored.status, StatusCode::CREATED, "{page}: {}", stored.json);
        let stored: encart_api_types::Article = serde_json::from_value(stored.json).unwrap();
        assert_eq!(stored.body, imported.body, "{page}");
        assert_eq!((&stored.dir, &stored.lead, &stored.byline), (&imported.dir, &imported.lead, &imported.byline));
    }
}

#[tokio::test]
async fn figures_code_and_tables_are_stored_with_safe_addresses_only() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "Figures", &[]).await;
    let put = |body: Value| {
        let document = json!({"title": "Figures", "language": "fr", "body": body});
        authed("PUT", "/api/v1/articles/figures", &key, document)
    };
    let figure = |src: &str, srcset: Option<&str>| {
        json!([{"figure": {"src": src, "srcset": srcset, "width": 800, "height": 600, "alt": "Un port",
                           "caption": [{"text": "Le port de Sète."}], "credit": "Photo : C. Vidal"}}])
    };
    for (body, code) in [
        (figure("javascript:alert(1)", None), "unsafe_src"),
        (figure("data:image/png;base64,AAAA", None), "unsafe_src"),
        (figure("/relative.png", None), "unsafe_src"),
        (figure("https://img.example/a.jpg", Some("https://img.example/a.jpg 1x, javascript:x 2x")), "unsafe_src"),
        (json!([{"table": {"rows": [vec![json!([{"text": "x"}]); 33]]}}]), "too_wide"),
        (json!([{"heading": {"level": 0, "text": [{"text": "Zéro"}]}}]), "heading_level"),
        (json!([{"preformatted": "bip\u{7}"}]), "control_characters"),
    ] {
        let answer = send(&app, put(body.clone())).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(answer.json["error"]["fields"]["body"], code, "{body}");
    }
    let dir = authed(
        "PUT",
        "/api/v1/articles/figures",
        &key,
        json!({"title": "F", "language": "ar", "dir": "sideways",
                                                                      "body": [{"paragraph": [{"text": "x"}]}]}),
    );
    assert_eq!(send(&app, dir).await.json["error"]["fields"]["dir"], "invalid");
    assert_eq!(get(&app, "/api/v1/articles/figures").await.status, StatusCode::NOT_FOUND, "nothing stored");

    let body = json!([
        figure("https://img.example/port.jpg", Some("https://img.example/port-800.jpg 800w"))[0],
        {"preformatted": "fn main() {\n\tprintln!(\"salut\");\n}"},
        {"table": {"head": [[{"text": "Ville"}], [{"text": "Trafic"}]], "rows": [[[{"text": "Sète"}], [{"text": "+12 %"}]]]}},
        {"heading": {"level": 5, "text": [{"text": "Profond"}]}},
    ]);
    let stored = send(&app, put(body)).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.json);
    let shown = get(&app, "/api/v1/articles/figures").await.json;
    assert_eq!(shown["body"][0]["figure"]["credit"], "Photo : C. Vidal");
    assert_eq!(shown["body"][1]["preformatted"], "fn main() {\n\tprintln!(\"salut\");\n}");
    assert_eq!(shown["body"][2]["table"]["rows"][0][1][0]["text"], "+12 %");
    assert_eq!(shown["body"][3]["heading"]["level"], 3, "deeper levels are kept as the deepest shown");
}

#[tokio::test]
async fn an_import_takes_the_language_the_publisher_gives_and_asks_for_it_when_the_page_cannot_tell() {
    let db = common::db().await;
    let app = import_app(db.clone(), true).await;
    let (_, key) = publisher(&db, "Bref", &["127.0.0.1"]).await;
    // Too short for any detector, and no lang on the page.
    let page =
        "<html><head><title>Brève</title></head><body><article><h1>Brève</h1><p>OK 42.</p></article></body></html>";
    let site =
        axum::Router::new().route("/page.html", axum::routing::get(move || async move { axum::response::Html(page) }));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let url = format!("http://127.0.0.1:{}/page.html", listener.local_addr().unwrap().port());
    tokio::spawn(async move { axum::serve(listener, site).await });
    let import_with =
        |language: Value| authed("POST", "/api/v1/imports", &key, json!({"url": url, "language": language}));

    let unknown = send(&app, import_with(Value::Null)).await;
    assert_error(&unknown, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(unknown.json["error"]["fields"]["language"], "required");
    let message = unknown.json["error"]["message"].as_str().unwrap();
    assert!(message.contains("`language`") && !message.contains("line 1"), "{message}");
    let bad = send(&app, import_with(json!("<script>"))).await;
    assert_eq!(bad.json["error"]["fields"]["language"], "invalid");
    let given = send(&app, import_with(json!("fr"))).await;
    assert_eq!(given.status, StatusCode::CREATED, "{}", given.json);
    assert_eq!(given.json["language"], "fr");
}
