//! Authors editing their comments (`PATCH …/comments/{id}`), through
//! `app()` on either backend: within the window only (time injectable:
//! `comments::edit` takes the time), by the edit token or the signed-in
//! author only, under the rules of a new comment, the earlier text kept for
//! moderators; on a pre-moderated site the new text of a published comment
//! waits for a moderator while the published one stays shown.

use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use encart_server::comments::{self, Author};
use encart_server::db::Db;
use encart_server::moderation::{self, Decision};
use encart_server::{Moderation, PostRate};
use serde_json::{Value, json};

use crate::common;

fn uri(id: &str) -> String {
    format!("/api/v1/articles/{SLUG}/comments/{id}")
}

async fn patch(app: &Router, id: &str, token: Option<&str>, body: Value) -> Answer {
    let mut request = Request::patch(uri(id)).header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    send(app, request.body(Body::from(body.to_string())).unwrap()).await
}

/// Posts a comment; its id and edit token.
async fn posted(app: &Router, body: &str) -> (String, String) {
    let answer =
        post(app, &format!("/api/v1/articles/{SLUG}/comments"), json!({"author": "Léa", "body": body}).to_string())
            .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    (answer.json["comment"]["id"].as_str().unwrap().to_owned(), answer.json["edit_token"].as_str().unwrap().to_owned())
}

/// The comment `id` as the thread lists it (its first page, as cached).
async fn listed(app: &Router, id: &str) -> Value {
    listed_at(app, id, "").await
}

/// The same, from a page the server does not cache (`decide` alone, unlike
/// `/admin`, leaves the cache to its caller).
async fn uncached(app: &Router, id: &str) -> Value {
    listed_at(app, id, "?limit=50").await
}

async fn listed_at(app: &Router, id: &str, query: &str) -> Value {
    let page = get(app, &format!("/api/v1/articles/{SLUG}/comments{query}")).await.json;
    page["comments"].as_array().unwrap().iter().find(|c| c["id"] == id).cloned().unwrap_or(Value::Null)
}

async fn earlier_texts(db: &Db, id: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM comment_edits WHERE comment_id = $1 ORDER BY id")
        .bind(id.parse::<i64>().unwrap())
        .fetch_all(db)
        .await
        .unwrap()
}

async fn app(db: &Db, moderation: Moderation) -> Router {
    let _ = seeded(db.clone()).await;
    test_app_with(db.clone(), moderation, PostRate::unlimited()).await
}

#[tokio::test]
async fn an_author_edits_their_comment_within_the_window_only_and_the_earlier_text_is_kept() {
    let db = common::db().await;
    let app = app(&db, Moderation::Open).await;
    let (id, token) = posted(&app, "Premier jet.").await;
    let (other, other_token) = posted(&app, "Un autre.").await;
    assert_eq!(listed(&app, &id).await["body"], "Premier jet.", "warms the cache");

    let done = patch(&app, &id, Some(&token), json!({"body": "  Version corrigée.\r\nMerci.  "})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.json);
    assert_eq!(done.json["visibility"], "published");
    assert_eq!(done.json["comment"]["body"], "Version corrigée.\nMerci.", "trimmed, line feeds");
    assert_eq!(done.json["comment"]["edited"], true);
    let shown = listed(&app, &id).await;
    assert_eq!((&shown["body"], &shown["edited"]), (&json!("Version corrigée.\nMerci."), &json!(true)), "at once");
    assert_eq!(earlier_texts(&db, &id).await, ["Premier jet."]);

    // Only its author; the rules of a new comment; nothing changed by a refusal.
    assert_error(
        &patch(&app, &id, Some(&other_token), json!({"body": "Piraté"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(&patch(&app, &id, None, json!({"body": "Piraté"})).await, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_error(
        &patch(&app, &id, Some(&token), json!({"body": "   "})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    );
    assert_error(
        &patch(&app, &id, Some(&token), json!({"body": "x".repeat(5001)})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    );
    assert_error(
        &patch(&app, &id, Some(&token), json!({"body": "x", "author": "Autre"})).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_eq!(listed(&app, &id).await["body"], "Version corrigée.\nMerci.");
    assert_eq!(listed(&app, &other).await["edited"], Value::Null, "not edited: left out");

    // The window: 15 minutes after posting (the time is the caller's).
    let article = encart_server::articles::id_of(&db, SLUG).await.unwrap();
    let later = SystemTime::now() + Duration::from_secs(16 * 60);
    let closed = comments::edit(&db, article, &id, Author::EditToken(&token), "Trop tard", false, later).await;
    assert_eq!(closed.unwrap_err().refusal(), Some(encart_server::error::Refusal::EditWindowClosed));
    let soon = SystemTime::now() + Duration::from_secs(14 * 60);
    assert!(comments::edit(&db, article, &id, Author::EditToken(&token), "Encore à temps", false, soon).await.is_ok());
    sqlx::query("UPDATE comments SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(id.parse::<i64>().unwrap())
        .execute(&db)
        .await
        .unwrap();
    assert_error(
        &patch(&app, &id, Some(&token), json!({"body": "Trop tard"})).await,
        StatusCode::FORBIDDEN,
        "edit_window_closed",
    );

    // A deleted comment is no longer anyone's to edit.
    let deleted = Request::delete(uri(&other)).header(header::AUTHORIZATION, format!("Bearer {other_token}"));
    assert_eq!(send(&app, deleted.body(Body::empty()).unwrap()).await.status, StatusCode::NO_CONTENT);
    assert_error(
        &patch(&app, &other, Some(&other_token), json!({"body": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // A banned author edits no more, within their window too.
    let (fresh, fresh_token) = posted(&app, "Avant le bannissement.").await;
    moderation::ban(&db, "modo", fresh.parse().unwrap(), "insultes", None).await.unwrap();
    let banned = patch(&app, &fresh, Some(&fresh_token), json!({"body": "Après"})).await;
    assert_error(&banned, StatusCode::FORBIDDEN, "banned");
    assert_eq!(listed(&app, &fresh).await["body"], "Avant le bannissement.");
}

#[tokio::test]
async fn on_a_pre_moderated_site_an_edit_of_a_published_comment_waits_and_the_published_text_stays() {
    let db = common::db().await;
    let app = app(&db, Moderation::Pre).await;
    let (id, token) = posted(&app, "Texte publié.").await;
    // Held comments are edited in place: they wait anyway.
    let held = patch(&app, &id, Some(&token), json!({"body": "Texte publié, relu."})).await;
    assert_eq!(held.json["visibility"], "awaiting_moderation", "{}", held.json);
    moderation::decide(&db, &[], "modo", Decision::Approve, &[id.parse().unwrap()]).await.unwrap();
    assert_eq!(uncached(&app, &id).await["body"], "Texte publié, relu.");

    let edit = patch(&app, &id, Some(&token), json!({"body": "Nouvelle version."})).await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.json);
    assert_eq!(edit.json["visibility"], "awaiting_moderation");
    assert_eq!(edit.json["comment"]["body"], "Texte publié, relu.", "the published text stays shown");
    assert_eq!(uncached(&app, &id).await["body"], "Texte publié, relu.");
    let queue = comments::queue(&db, 50).await.unwrap();
    let queued = queue.iter().find(|q| q.id.to_string() == id).expect("in the queue");
    assert_eq!(queued.pending_body.as_deref(), Some("Nouvelle version."));

    // Approved: the new text shows, edited, the earlier kept.
    moderation::decide(&db, &[], "modo", Decision::Approve, &[id.parse().unwrap()]).await.unwrap();
    let shown = uncached(&app, &id).await;
    assert_eq!((&shown["body"], &shown["edited"]), (&json!("Nouvelle version."), &json!(true)));
    assert!(earlier_texts(&db, &id).await.contains(&"Texte publié, relu.".to_owned()));

    // Rejected: the edit goes, the comment stays published as it was.
    patch(&app, &id, Some(&token), json!({"body": "Version refusée."})).await;
    moderation::decide(&db, &[], "modo", Decision::Reject, &[id.parse().unwrap()]).await.unwrap();
    assert_eq!(uncached(&app, &id).await["body"], "Nouvelle version.");
    assert!(comments::queue(&db, 50).await.unwrap().iter().all(|q| q.id.to_string() != id));
}

#[tokio::test]
async fn a_signed_in_author_edits_by_their_account_from_any_device_and_no_one_else() {
    use crate::identity::{PARTNER_ARTICLE, comment_as, partner_token, request, world};
    let db = common::db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    let posted = comment_as(&app, PARTNER_ARTICLE, Some(&partner_token("lea", "Léa")), "Premier jet").await;
    let id = posted.json["comment"]["id"].as_str().unwrap().to_owned();
    let uri = format!("/api/v1/articles/{PARTNER_ARTICLE}/comments/{id}");
    let other =
        send(&app, request("PATCH", &uri, Some(&partner_token("paul", "Paul")), Some(json!({"body": "Piraté"})))).await;
    assert_error(&other, StatusCode::NOT_FOUND, "not_found");
    // Another device: a fresh token of the same account, no edit token.
    let done =
        send(&app, request("PATCH", &uri, Some(&partner_token("lea", "Léa")), Some(json!({"body": "Relu"})))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.json);
    assert_eq!((&done.json["comment"]["body"], &done.json["comment"]["verified"]), (&json!("Relu"), &json!(true)));
    assert_eq!(done.json["visibility"], "awaiting_moderation", "held by the site's pre-moderation, as before");
}
