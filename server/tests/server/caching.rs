//! HTTP caching and compression of the GETs, through `app()`: ETags and 304s,
//! the read cache dropped by writes (a reader sees a new comment at once),
//! and brotli/gzip for clients that accept them.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

fn comments_uri() -> String {
    format!("/api/v1/articles/{SLUG}/comments?limit=20")
}

async fn get_if_none_match(app: &axum::Router, uri: &str, etag: &str) -> Answer {
    send(app, Request::get(uri).header(header::IF_NONE_MATCH, etag).body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn gets_carry_an_etag_and_answer_304_when_unchanged() {
    let db = common::db().await;
    let app = seeded(db).await;
    for uri in [format!("/api/v1/articles/{SLUG}"), comments_uri()] {
        let first = get(&app, &uri).await;
        assert_eq!(first.status, StatusCode::OK);
        let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
        // Weak: identity, gzip and brotli answers are other bytes of the same content.
        assert!(etag.starts_with("W/\"") && etag.ends_with('"') && etag.len() == 36, "{etag}");
        assert_eq!(first.headers[header::CACHE_CONTROL], "public, max-age=0, s-maxage=5");

        let again = get_if_none_match(&app, &uri, &etag).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert_eq!(again.json, serde_json::Value::Null, "a 304 has no body");
        assert_eq!(again.headers[header::ETAG], etag.as_str());

        let stale = get_if_none_match(&app, &uri, "\"0000\"").await;
        assert_eq!(stale.status, StatusCode::OK);
        assert_eq!(stale.json, first.json);
    }
}

#[tokio::test]
async fn a_new_comment_shows_at_once_despite_the_cache() {
    let db = common::db().await;
    let app = seeded(db).await;
    let before = get(&app, &comments_uri()).await;
    let etag = before.headers[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(before.json["total"], 0);

    let posted = post(&app, &comments_uri(), json!({"author": "Ana", "body": "Vu."}).to_string()).await;
    assert_eq!(posted.status, StatusCode::CREATED);

    let after = get_if_none_match(&app, &comments_uri(), &etag).await;
    assert_eq!(after.status, StatusCode::OK, "the old ETag no longer matches");
    assert_eq!(after.json["total"], 1);
    assert_eq!(after.json["comments"][0]["body"], "Vu.");
    assert_ne!(after.headers[header::ETAG], etag.as_str());

    // Deleting it drops the cached page too.
    let id = posted.json["comment"]["id"].as_str().unwrap();
    let token = posted.json["edit_token"].as_str().unwrap();
    let request = Request::delete(format!("/api/v1/articles/{SLUG}/comments/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &comments_uri()).await.json["total"], 0);
}

/// What every reader asks first is answered from memory: with the database
/// gone, the article, its first page in each order asked for (and in the
/// site's) and its first view still come.
#[tokio::test]
async fn hot_reads_are_answered_without_the_database() {
    let db = common::db().await;
    let app = seeded(db.clone()).await;
    let uris = [
        format!("/api/v1/articles/{SLUG}"),
        comments_uri(),
        format!("{}&sort=oldest", comments_uri()),
        format!("{}&sort=recommended", comments_uri()),
        format!("/api/v1/articles/{SLUG}/embed"),
    ];
    for uri in &uris {
        assert_eq!(get(&app, uri).await.status, StatusCode::OK, "{uri}");
    }
    db.close().await;
    for uri in &uris {
        assert_eq!(get(&app, uri).await.status, StatusCode::OK, "{uri} from memory");
    }
    let uncached = get(&app, &format!("/api/v1/articles/{SLUG}/comments?limit=19")).await;
    assert_eq!(uncached.status, StatusCode::INTERNAL_SERVER_ERROR, "the database is gone indeed");
}

#[tokio::test]
async fn errors_are_not_cached() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let missing = get(&app, &format!("/api/v1/articles/{SLUG}")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(!missing.headers.contains_key(header::ETAG));
    let options = encart_server::import::ImportOptions::default();
    common::import(&db, std::path::Path::new(FIXTURE), &options).await.unwrap();
    assert_eq!(get(&app, &format!("/api/v1/articles/{SLUG}")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn responses_are_compressed_for_clients_that_accept_it() {
    let db = common::db().await;
    let app = seeded(db).await;
    let plain = get(&app, &format!("/api/v1/articles/{SLUG}")).await;
    assert!(!plain.headers.contains_key(header::CONTENT_ENCODING));
    for encoding in ["br", "gzip"] {
        let request = Request::get(format!("/api/v1/articles/{SLUG}"))
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
        assert!(response.headers().contains_key(header::ETAG));
        let compressed = response.into_body().collect().await.unwrap().to_bytes();
        let raw = serde_json::to_vec(&plain.json).unwrap();
        assert!(compressed.len() < raw.len() * 3 / 4, "{encoding}: {} of {} bytes", compressed.len(), raw.len());
        assert!(serde_json::from_slice::<serde_json::Value>(&compressed).is_err(), "{encoding}: not plain JSON");
    }
}

#[tokio::test]
async fn a_first_view_goes_out_brotlid_at_the_best_quality() {
    use std::io::Read;

    let db = common::db().await;
    let app = seeded(db).await;
    let uri = format!("/api/v1/articles/{SLUG}/embed?ui=fr");
    let fetch = |encoding: &'static str| {
        let (app, uri) = (app.clone(), uri.clone());
        async move {
            let request = Request::get(uri).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap();
            let response = app.oneshot(request).await.unwrap();
            let headers = response.headers().clone();
            (headers, response.into_body().collect().await.unwrap().to_bytes())
        }
    };
    let unbrotli = |bytes: &[u8]| {
        let mut out = Vec::new();
        brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap();
        out
    };
    let brotli = |raw: &[u8], quality: u32| {
        let mut out = Vec::new();
        std::io::Write::write_all(&mut brotli::CompressorWriter::new(&mut out, 4096, quality, 22), raw).unwrap();
        out
    };
    // Its first reader waits for the best quality (unless another
    // compression has the turn: then a later read gets it).
    let (headers, first) = fetch("gzip, deflate, br").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    let raw = unbrotli(&first);
    let plain: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    let best = brotli(&raw, encart_server::cache::QUALITY);
    let mut seen = first;
    for _ in 0..200 {
        if seen == best {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let (headers, body) = fetch("gzip, deflate, br").await;
        assert_eq!(headers[header::CONTENT_ENCODING], "br");
        assert!(headers[header::VARY].to_str().unwrap().contains("accept-encoding"), "{headers:?}");
        assert_eq!(unbrotli(&body), raw, "the same JSON");
        seen = body;
    }
    assert_eq!(seen, best, "the first view brotli'd at cache::QUALITY");
    // Smaller than the layer's quality 5 (by about 8%: the exact figure
    // moves with the seeded dates and ids).
    let layer = brotli(&raw, 5);
    assert!(best.len() * 100 < layer.len() * 97, "{} bytes against the layer's {}", best.len(), layer.len());
    assert!(raw.len() > 8_000, "a first view worth it: {} bytes", raw.len());
    // A client without brotli, or refusing it, still gets what it can read.
    let (headers, gzip) = fetch("gzip").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert!(!gzip.is_empty());
    let (headers, body) = fetch("br;q=0, identity").await;
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).unwrap(), plain);
}
