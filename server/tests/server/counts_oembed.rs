//! Comment counts for article lists and oEmbed, through `app()`.

use crate::common;

use axum::http::{StatusCode, header};
use common::*;
use encart_server::db::Db;
use encart_server::{AllowedOrigins, AppState, Moderation, PostRate, app};
use serde_json::json;

#[tokio::test]
async fn counts_answer_several_articles_at_once() {
    let db = common::db().await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let _ = seeded(db.clone()).await;
    for body in ["un", "deux"] {
        let answer =
            post(&app, &format!("/api/v1/articles/{SLUG}/comments"), json!({"author": "A", "body": body}).to_string())
                .await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    // A spam comment is not counted.
    let spam = json!({"author": "Bot", "body": "x", "website": "http://spam.example"}).to_string();
    assert_eq!(post(&app, &format!("/api/v1/articles/{SLUG}/comments"), spam).await.status, StatusCode::CREATED);

    let answer = get(&app, &format!("/api/v1/counts?slugs={SLUG},unknown-article,{SLUG}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.json,
        json!({"counts": {SLUG: 2}, "labels": {SLUG: "2 comments"}}),
        "unknown articles are left out"
    );
    assert!(answer.headers.contains_key(header::ETAG));
    // In the elements' language, else the browser's (a region falls back to its language).
    for (query, label) in
        [("&lang=pl", "2 komentarze"), ("&lang=tlh&browser=xx,ar-EG", "تعليقان"), ("&lang=fr", "2 commentaires")]
    {
        let answer = get(&app, &format!("/api/v1/counts?slugs={SLUG}{query}")).await;
        assert_eq!(answer.json["labels"][SLUG], label, "{query}");
    }

    for bad in ["/api/v1/counts", "/api/v1/counts?slugs=", "/api/v1/counts?slugs=,,", "/api/v1/counts?slugs=a%00b"] {
        assert_error(&get(&app, bad).await, StatusCode::BAD_REQUEST, "bad_request");
    }
    let too_many: Vec<String> = (0..101).map(|i| format!("a{i}")).collect();
    let answer = get(&app, &format!("/api/v1/counts?slugs={}", too_many.join(","))).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "bad_request");
}

async fn oembed_app(db: Db) -> axum::Router {
    let state = AppState::new(db, Moderation::Open)
        .unwrap()
        .with_embed_urls("https://api.encart.example", "https://cdn.encart.example/v1");
    app(state, AllowedOrigins::Any, PostRate::default())
}

#[tokio::test]
async fn oembed_answers_a_rich_embed_with_the_snippet() {
    let db = common::db().await;
    let options = encart_server::import::ImportOptions {
        language: None,
        source_url: Some("https://journal.example/2025/05/haftar?x=1&y=2".into()),
    };
    common::import(&db, std::path::Path::new(FIXTURE), &options).await.unwrap();
    let app = oembed_app(db).await;
    let snippet = format!(
        r#"<script async src="https://cdn.encart.example/v1/embed.js" data-api="https://api.encart.example" data-article="{SLUG}"></script>"#
    );
    for url in [
        "https://journal.example/2025/05/haftar?x=1%26y=2".to_owned(),
        format!("https://api.encart.example/api/v1/articles/{SLUG}"),
    ] {
        let answer = get(&app, &format!("/oembed?url={}&format=json&maxwidth=500", url.replace('?', "%3F"))).await;
        assert_eq!(answer.status, StatusCode::OK, "{url}: {}", answer.json);
        assert_eq!(answer.json["type"], "rich");
        assert_eq!(answer.json["version"], "1.0");
        assert_eq!(answer.json["html"], snippet.as_str());
        assert_eq!(answer.json["width"], 500);
        assert!(answer.json["title"].as_str().unwrap().starts_with("Haftar et Poutine"));
    }
    assert_error(&get(&app, "/oembed?url=https://journal.example/other").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(&app, "/oembed").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&app, "/oembed?url=https://journal.example/%00").await, StatusCode::BAD_REQUEST, "bad_request");
    let xml = get(&app, &format!("/oembed?url=https://api.encart.example/api/v1/articles/{SLUG}&format=xml")).await;
    assert_eq!(xml.status, StatusCode::NOT_IMPLEMENTED);
}

#[tokio::test]
async fn without_its_public_urls_the_server_says_oembed_is_off() {
    let db = common::db().await;
    let app = seeded(db).await;
    let answer = get(&app, "/oembed?url=https://journal.example/x").await;
    assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);
    assert!(answer.json["error"]["message"].as_str().unwrap().contains("--public-url"));
}
