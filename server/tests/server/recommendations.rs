//! Readers recommending comments (`POST …/comments/{id}/recommendation`),
//! through `app()` on either backend: once per reader, whatever they do (a
//! second request, a new browser token from the same address, another
//! device of the same account), withdrawn, never one's own nor an
//! unpublished comment, counted in every listing at once, rate-limited,
//! forgotten with the reader, their address hash wiped with the others.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use encart_server::PostRate;
use encart_server::db::Db;
use encart_server::moderation::{self, Decision};
use serde_json::{Value, json};

use crate::common;
use crate::identity::{
    CLOSED_ARTICLE, CLOSED_SITE, PARTNER_ARTICLE, SECRET, articles, claims, comment_as, partner_token, request, sign,
    state_for,
};

/// The identity tests' sites and articles, behind a trusted proxy on
/// 127.0.0.1 whose `X-Forwarded-For` says who each reader is.
async fn world(db: &Db, rate: PostRate) -> Router {
    articles(db).await;
    let state = state_for(db, &["partner-ed25519.pub.pem"]).with_trusted_proxies(vec!["127.0.0.1/32".parse().unwrap()]);
    router_for(state, rate)
}

/// A comment on the partner's article by its reader `sub`, approved.
async fn approved_comment(app: &Router, db: &Db, sub: &str) -> String {
    let posted = comment_as(app, PARTNER_ARTICLE, Some(&partner_token(sub, sub)), "À recommander").await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.json);
    let id = posted.json["comment"]["id"].as_str().unwrap().to_owned();
    moderation::decide(db, &[], "modo", Decision::Approve, &[id.parse().unwrap()]).await.unwrap();
    id
}

/// Sets the recommendation of comment `id` from the address `from`, as
/// the reader of `token`, or anonymously with the browser token `browser`.
async fn recommend(
    app: &Router,
    id: &str,
    from: &str,
    token: Option<&str>,
    browser: Option<&str>,
    recommended: bool,
) -> Answer {
    let uri = format!("/api/v1/articles/{PARTNER_ARTICLE}/comments/{id}/recommendation");
    let mut body = json!({ "recommended": recommended });
    if let Some(browser) = browser {
        body["browser"] = json!(browser);
    }
    let mut request: Request<Body> = request("POST", &uri, token, Some(body));
    request.headers_mut().insert("x-forwarded-for", from.parse().unwrap());
    send(app, request).await
}

fn stands(answer: &Answer) -> Value {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    answer.json.clone()
}

/// The recommendations of comment `id` as the thread lists it.
async fn listed(app: &Router, id: &str) -> Value {
    let page = get(app, &format!("/api/v1/articles/{PARTNER_ARTICLE}/comments")).await;
    let comment = page.json["comments"].as_array().unwrap().iter().find(|c| c["id"] == id).cloned().unwrap();
    comment.get("recommends").cloned().unwrap_or(json!(0))
}

const T1: &str = "0123456789abcdef0123456789abcdef";
const T2: &str = "fedcba9876543210fedcba9876543210";
const T3: &str = "00000000000000000000000000000001";

#[tokio::test]
async fn a_reader_recommends_once_however_they_ask_and_may_withdraw() {
    let db = db().await;
    let app = world(&db, PostRate::unlimited()).await;
    let id = approved_comment(&app, &db, "autrice").await;
    assert_eq!(listed(&app, &id).await, 0, "warms the cache");

    let one = json!({"recommended": true, "recommends": 1});
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.1", None, Some(T1), true).await), one);
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.1", None, Some(T1), true).await), one, "twice counts once");
    // Storage cleared: a new browser token, the same address.
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.1", None, Some(T2), true).await), one);
    assert_eq!(listed(&app, &id).await, 1, "listed at once, the cache dropped");
    // Another reader, anonymous too.
    let two = json!({"recommended": true, "recommends": 2});
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.2", None, Some(T3), true).await), two);

    // An anonymous reader's comment takes them too, from anyone.
    let anonymous = comment_as(&app, PARTNER_ARTICLE, None, "Sans compte").await;
    let anonymous = anonymous.json["comment"]["id"].as_str().unwrap().to_owned();
    moderation::decide(&db, &[], "modo", Decision::Approve, &[anonymous.parse().unwrap()]).await.unwrap();
    assert_eq!(
        stands(&recommend(&app, &anonymous, "198.51.100.1", None, Some(T1), true).await),
        json!({"recommended": true, "recommends": 1})
    );
    assert_eq!(
        stands(&recommend(&app, &anonymous, "198.51.100.5", Some(&partner_token("x", "X")), None, true).await),
        json!({"recommended": true, "recommends": 2})
    );

    // A signed-in reader, from two devices: once, by their account.
    let lectrice = partner_token("lectrice", "Lectrice");
    let three = json!({"recommended": true, "recommends": 3});
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.3", Some(&lectrice), None, true).await), three);
    assert_eq!(stands(&recommend(&app, &id, "203.0.113.9", Some(&lectrice), None, true).await), three);
    let me =
        send(&app, request("GET", &format!("/api/v1/me/comments?article={PARTNER_ARTICLE}"), Some(&lectrice), None))
            .await;
    assert_eq!(me.json["recommended"], json!([id]), "{}", me.json);

    // The author cannot recommend their own comment.
    let own = partner_token("autrice", "autrice");
    assert_eq!(
        stands(&recommend(&app, &id, "198.51.100.4", Some(&own), None, true).await),
        json!({"recommended": false, "recommends": 3})
    );

    // Withdrawn by whoever gave it (from their address, whatever their
    // browser's token now); a second withdrawal changes nothing.
    let back = json!({"recommended": false, "recommends": 2});
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.1", None, Some(T2), false).await), back);
    assert_eq!(stands(&recommend(&app, &id, "198.51.100.1", None, Some(T1), false).await), back);
    assert_eq!(listed(&app, &id).await, 2);

    // A reader who erases what is stored about them takes their recommendations along.
    let erased = send(&app, request("DELETE", "/api/v1/me/comments", Some(&lectrice), None)).await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.json);
    assert_eq!(listed(&app, &id).await, 1);

    // Their address hash goes after the retention period, as others do.
    let hashed: i64 = sqlx::query_scalar("SELECT count(*) FROM recommendations WHERE client_hash IS NOT NULL")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(hashed, 2, "198.51.100.1's two");
    sqlx::query("UPDATE recommendations SET created_at = '2000-01-01T00:00:00.000Z'").execute(&db).await.unwrap();
    encart_server::retention::forget_addresses(&db, 30).await.unwrap();
    let hashed: i64 = sqlx::query_scalar("SELECT count(*) FROM recommendations WHERE client_hash IS NOT NULL")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(hashed, 0);
    assert_eq!(listed(&app, &id).await, 1, "the recommendation stays");

    // The log of count changes ("most recommended" paging) goes after a week.
    let changes = async || -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM recommendation_changes").fetch_one(&db).await.unwrap()
    };
    assert!(changes().await > 0);
    encart_server::retention::forget_addresses(&db, 30).await.unwrap();
    assert!(changes().await > 0, "this week's stay");
    sqlx::query("UPDATE recommendation_changes SET created_at = '2000-01-01T00:00:00.000Z'")
        .execute(&db)
        .await
        .unwrap();
    encart_server::retention::forget_addresses(&db, 30).await.unwrap();
    assert_eq!(changes().await, 0);
    assert_eq!(listed(&app, &id).await, 1, "counts stay");
}

#[tokio::test]
async fn only_published_comments_take_recommendations_and_bad_requests_change_nothing() {
    let db = db().await;
    let app = world(&db, PostRate::unlimited()).await;
    let id = approved_comment(&app, &db, "autrice").await;
    let held = comment_as(&app, PARTNER_ARTICLE, Some(&partner_token("autre", "Autre")), "En attente").await;
    let held = held.json["comment"]["id"].as_str().unwrap().to_owned();

    assert_error(
        &recommend(&app, &held, "198.51.100.1", None, Some(T1), true).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &recommend(&app, "999999", "198.51.100.1", None, Some(T1), true).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &recommend(&app, "abc", "198.51.100.1", None, Some(T1), true).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    for bad in [None, Some("short"), Some("0123456789ABCDEF0123456789ABCDEF"), Some("0123456789abcdef0123456789abcdeg")]
    {
        let answer = recommend(&app, &id, "198.51.100.1", None, bad, true).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(answer.json["error"]["fields"]["browser"], "invalid");
    }
    let uri = format!("/api/v1/articles/{PARTNER_ARTICLE}/comments/{id}/recommendation");
    assert_error(&post(&app, &uri, r#"{"recommended": "yes"}"#).await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(
        &post(&app, &uri, r#"{"recommended": true, "extra": 1}"#).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    // Another site's reader is no reader of this article's.
    let other = {
        let mut claims = json!({"aud": "https://es.example", "sub": "x", "name": "X", "iat": 0, "exp": 0});
        claims["iat"] = json!(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
        claims["exp"] = json!(claims["iat"].as_u64().unwrap() + 600);
        let key =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/keys/partner-p256.pem")).unwrap();
        let key = jsonwebtoken::EncodingKey::from_ec_pem(key.as_bytes()).unwrap();
        jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256), &claims, &key).unwrap()
    };
    assert_error(
        &recommend(&app, &id, "198.51.100.1", Some(&other), None, true).await,
        StatusCode::UNAUTHORIZED,
        "token_invalid",
    );
    // Where only signed-in readers comment, only they recommend.
    let member = |sub: &str| {
        crate::identity::sign(
            jsonwebtoken::Algorithm::HS256,
            crate::identity::SECRET,
            &crate::identity::claims(CLOSED_SITE, sub, sub),
        )
    };
    let posted = comment_as(&app, CLOSED_ARTICLE, Some(&member("auteur")), "Réservé aux abonnés").await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.json);
    let closed_id = posted.json["comment"]["id"].as_str().unwrap();
    let uri = format!("/api/v1/articles/{CLOSED_ARTICLE}/comments/{closed_id}/recommendation");
    let anonymous = send(&app, request("POST", &uri, None, Some(json!({"recommended": true, "browser": T1})))).await;
    assert_error(&anonymous, StatusCode::UNAUTHORIZED, "sign_in_required");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM recommendations").fetch_one(&db).await.unwrap();
    assert_eq!(stored, 0, "nothing stored");
    let subscriber =
        send(&app, request("POST", &uri, Some(&member("lectrice")), Some(json!({"recommended": true})))).await;
    assert_eq!(subscriber.json, json!({"recommended": true, "recommends": 1}));
    sqlx::query("DELETE FROM recommendations").execute(&db).await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM recommendations").fetch_one(&db).await.unwrap();
    assert_eq!(stored, 0, "nothing stored");
}

#[tokio::test]
async fn recommendations_are_rate_limited_like_posts() {
    let db = db().await;
    let rate = PostRate { burst: 2, refill: std::time::Duration::from_secs(60), ..PostRate::default() };
    let app = world(&db, PostRate::unlimited()).await;
    let id = approved_comment(&app, &db, "autrice").await;
    let limited = {
        let state =
            state_for(&db, &["partner-ed25519.pub.pem"]).with_trusted_proxies(vec!["127.0.0.1/32".parse().unwrap()]);
        router_for(state, rate)
    };
    for _ in 0..2 {
        assert_eq!(recommend(&limited, &id, "198.51.100.1", None, Some(T1), true).await.status, StatusCode::OK);
    }
    let flood = recommend(&limited, &id, "198.51.100.1", None, Some(T1), false).await;
    assert_error(&flood, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(flood.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(
        recommend(&limited, &id, "198.51.100.2", None, Some(T2), true).await.status,
        StatusCode::OK,
        "another reader"
    );
}

/// The ids of the top-level comments of a page or first view, in order.
fn order_of(page: &Value) -> Vec<String> {
    page["comments"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

/// A site's default order serves its articles' threads and first views
/// (each order's first page kept apart in the read cache); `?sort=` (the
/// page's `data-sort` or the reader's choice) wins over it; "most
/// recommended" follows recommendations at once.
#[tokio::test]
async fn a_site_orders_its_threads_by_default_and_a_page_or_reader_may_choose_another() {
    let db = db().await;
    let app = world(&db, PostRate::unlimited()).await;
    let token = sign(jsonwebtoken::Algorithm::HS256, SECRET, &claims(CLOSED_SITE, "lectrice", "Lectrice"));
    let mut ids = Vec::new();
    for n in 0..3 {
        let posted = comment_as(&app, CLOSED_ARTICLE, Some(&token), &format!("Commentaire {n}")).await;
        assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.json);
        ids.push(posted.json["comment"]["id"].as_str().unwrap().to_owned());
    }
    let thread = format!("/api/v1/articles/{CLOSED_ARTICLE}/comments");
    let first_view = format!("/api/v1/articles/{CLOSED_ARTICLE}/embed");
    let reversed: Vec<String> = ids.iter().rev().cloned().collect();

    // The site says oldest first (`sort = "oldest"`), in the thread and the first view.
    let page = get(&app, &thread).await;
    assert_eq!((page.json["sort"].as_str(), order_of(&page.json)), (Some("oldest"), ids.clone()));
    let embed = get_first_view(&app, &first_view).await;
    assert_eq!(order_of(&embed.json["state"]["comments"]), ids);
    let html = embed.json["html"].as_str().unwrap();
    let at = |body: &str| html.find(body).unwrap();
    assert!(at("Commentaire 0") < at("Commentaire 2"), "the first view is rendered in that order");

    // The page or the reader chooses: newest first.
    let newest = get(&app, &format!("{thread}?sort=newest")).await;
    assert_eq!(newest.json.get("sort"), None, "newest, the default, goes unsaid");
    assert_eq!(order_of(&newest.json), reversed);
    let embed = get_first_view(&app, &format!("{first_view}?sort=newest")).await;
    assert_eq!(embed.json["state"]["options"]["sort"], "newest");
    assert_eq!(order_of(&embed.json["state"]["comments"]), reversed);
    let html = embed.json["html"].as_str().unwrap();
    assert!(html.find("Commentaire 2").unwrap() < html.find("Commentaire 0").unwrap());

    // Most recommended: the middle one, once readers recommend it; the
    // cached first page of that order follows at once.
    let recommended = format!("{thread}?sort=recommended");
    assert_eq!(order_of(&get(&app, &recommended).await.json), reversed, "no recommendation: newest first");
    let other = sign(jsonwebtoken::Algorithm::HS256, SECRET, &claims(CLOSED_SITE, "autre", "Autre"));
    let uri = format!("/api/v1/articles/{CLOSED_ARTICLE}/comments/{}/recommendation", ids[1]);
    let answer = send(&app, request("POST", &uri, Some(&other), Some(json!({"recommended": true})))).await;
    assert_eq!(stands(&answer)["recommends"], 1);
    let page = get(&app, &recommended).await;
    assert_eq!(page.json["sort"], "recommended");
    assert_eq!(order_of(&page.json), [ids[1].clone(), ids[2].clone(), ids[0].clone()]);
    let embed = get_first_view(&app, &format!("{first_view}?sort=recommended")).await;
    assert_eq!(order_of(&embed.json["state"]["comments"]), [ids[1].clone(), ids[2].clone(), ids[0].clone()]);

    // An unknown order: a 400 from the thread; the first view, like the
    // browser, falls back to the site's.
    assert_error(&get(&app, &format!("{thread}?sort=best")).await, StatusCode::BAD_REQUEST, "bad_request");
    assert_eq!(
        order_of(&get_first_view(&app, &format!("{first_view}?sort=best")).await.json["state"]["comments"]),
        ids
    );
}
