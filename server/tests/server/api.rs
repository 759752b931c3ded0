//! The HTTP API through `app()`, as a browser on a partner page calls it:
//! articles, errors, CORS, health.

use crate::common;

use std::path::Path;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::*;
use encart_server::articles::{self, Author, Upserted};
use encart_server::import::{self, ImportOptions};
use serde_json::{Value, json};

#[tokio::test]
async fn an_imported_article_is_served_as_structured_json() {
    let db = common::db().await;
    let app = seeded(db).await;
    let answer = get(&app, &format!("/api/v1/articles/{SLUG}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    let article = answer.json;
    assert_eq!(article["slug"], SLUG);
    assert_eq!(article["title"], "Haftar et Poutine : Une alliance stratégique sous le regard inquiet de l’Occident");
    assert_eq!(article["byline"], "La Rédaction Charilogone");
    assert_eq!(article["published"], "2025-05-10");
    assert_eq!(article["language"], "fr");
    assert_eq!(article["source_url"], Value::Null);
    let body = article["body"].as_array().unwrap();
    assert_eq!(body.len(), 4);
    assert!(body[0]["paragraph"][0]["text"].as_str().unwrap().starts_with("Le maréchal Khalifa Haftar"));
}

#[tokio::test]
async fn an_unknown_article_is_a_json_404() {
    let db = common::db().await;
    let app = seeded(db).await;
    assert_error(&get(&app, "/api/v1/articles/nope").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(&app, "/api/v1/articles/nope/comments").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn comments_come_as_a_page_in_the_final_shape() {
    let db = common::db().await;
    let app = seeded(db).await;
    let answer = get(&app, &format!("/api/v1/articles/{SLUG}/comments")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json, json!({"comments": [], "next": null, "total": 0, "live": 0}));
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let db = common::db().await;
    let app = seeded(db).await;
    assert_error(&get(&app, "/api/v2/whatever").await, StatusCode::NOT_FOUND, "not_found");
    let patch = Request::patch(format!("/api/v1/articles/{SLUG}")).body(Body::empty()).unwrap();
    assert_error(&send(&app, patch).await, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    // Deleting an article is for its publisher's key.
    let delete = Request::delete(format!("/api/v1/articles/{SLUG}")).body(Body::empty()).unwrap();
    assert_error(&send(&app, delete).await, StatusCode::UNAUTHORIZED, "unauthorized");
    // %FF is not UTF-8: a bad request, not a crash.
    assert_error(&get(&app, "/api/v1/articles/%FF").await, StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    let db = common::db().await;
    let app = test_app(db).await;
    let answer = get(&app, "/healthz").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json, json!({"status": "ok"}));
}

#[tokio::test]
async fn database_failures_are_generic_500s_that_leak_nothing() {
    let db = common::db().await;
    let app = seeded(db.clone()).await;
    db.close().await;
    for uri in [format!("/api/v1/articles/{SLUG}"), "/healthz".to_owned()] {
        let answer = get(&app, &uri).await;
        assert_error(&answer, StatusCode::INTERNAL_SERVER_ERROR, "internal");
        assert_eq!(answer.json["error"]["message"], "internal server error");
    }
}

#[tokio::test]
async fn a_corrupt_row_is_a_generic_500_not_a_panic() {
    let db = common::db().await;
    common::fixture(&db, "corrupt_article").await;
    let answer = get(&test_app(db).await, "/api/v1/articles/corrupt").await;
    assert_error(&answer, StatusCode::INTERNAL_SERVER_ERROR, "internal");
    assert!(!answer.json.to_string().contains("yesterday"));
}

#[tokio::test]
async fn cors_answers_configured_partner_origins_only() {
    let db = common::db().await;
    let app = seeded(db).await;
    let uri = format!("/api/v1/articles/{SLUG}");
    let from = |origin: &str| Request::get(&uri).header(header::ORIGIN, origin).body(Body::empty()).unwrap();

    let allowed = send(&app, from(PARTNER)).await;
    assert_eq!(allowed.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PARTNER);
    let other = send(&app, from("https://evil.example")).await;
    assert!(!other.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri(&uri)
        .header(header::ORIGIN, PARTNER)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type,idempotency-key")
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, preflight).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], PARTNER);
    assert_eq!(answer.headers[header::ACCESS_CONTROL_MAX_AGE], "86400");
    let allowed_headers = answer.headers[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap();
    assert!(allowed_headers.contains("idempotency-key"), "{allowed_headers}");
    assert!(!answer.headers.contains_key(header::ACCESS_CONTROL_ALLOW_CREDENTIALS));
}

#[tokio::test]
async fn importing_the_same_article_twice_updates_it() {
    let db = common::db().await;
    let options = ImportOptions::default();
    let (_, first) = common::import(&db, Path::new(FIXTURE), &options).await.unwrap();
    let (_, second) = common::import(&db, Path::new(FIXTURE), &options).await.unwrap();
    assert_eq!((first, second), (Upserted::Created, Upserted::Updated));

    let text =
        std::fs::read_to_string(FIXTURE).unwrap().replace("Par : La Rédaction Charilogone", "Par : Une autre plume");
    let mut edited = import::parse(text.as_bytes(), &options).unwrap();
    edited.source_url = Some("https://example.org/haftar".into());
    assert_eq!(articles::save(&db, &edited, Author::Operator).await.unwrap().0, Upserted::Updated);

    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM articles").fetch_one(&db).await.unwrap();
    assert_eq!(count, 1);
    let stored = articles::find(&db, SLUG).await.unwrap().unwrap();
    assert_eq!(stored.byline.as_deref(), Some("Une autre plume"));
    assert_eq!(stored.source_url.as_deref(), Some("https://example.org/haftar"));
}

#[tokio::test]
async fn a_malformed_file_stores_nothing() {
    let db = common::db().await;
    let dir = std::env::temp_dir().join(format!("encart-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.txt");
    std::fs::write(&path, "Un titre\nPar : \nDu texte.\n").unwrap();
    let err = common::import(&db, &path, &ImportOptions::default()).await.unwrap_err();
    assert!(format!("{err:#}").contains("line 2: the byline is empty"), "{err:#}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM articles").fetch_one(&db).await.unwrap();
    assert_eq!(count, 0);
}
