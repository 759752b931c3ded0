//! Comments through `app()`: posting, threading, paging, and every refusal.

use crate::common;

use std::collections::HashSet;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use encart_server::db::Db;
use encart_server::{Moderation, PostRate};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn comments_uri() -> String {
    format!("/api/v1/articles/{SLUG}/comments")
}

async fn post_comment(app: &Router, comment: Value) -> Answer {
    post(app, &comments_uri(), comment.to_string()).await
}

async fn count(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM comments").fetch_one(db).await.unwrap()
}

/// An app that lets one client post as much as a test needs.
async fn unlimited(db: Db, moderation: Moderation) -> Router {
    let _ = seeded(db.clone()).await;
    test_app_with(db, moderation, PostRate::unlimited()).await
}

#[tokio::test]
async fn a_posted_comment_is_answered_with_its_token_and_then_listed() {
    let db = common::db().await;
    let app = seeded(db).await;
    let answer = post_comment(&app, json!({"author": "  Léa  ", "body": "Très juste.\nMerci.", "website": ""})).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let comment = &answer.json["comment"];
    assert_eq!(comment["author"], "Léa");
    assert_eq!(comment["body"], "Très juste.\nMerci.");
    assert_eq!(comment["parent"], Value::Null);
    assert!(comment["created"].as_str().unwrap().ends_with('Z'));
    assert_eq!(answer.json["visibility"], "published");
    assert!(answer.json["edit_token"].as_str().unwrap().len() >= 40);

    let page = get(&app, &comments_uri()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.json["total"], 1);
    assert_eq!(page.json["next"], Value::Null);
    assert_eq!(page.json["comments"][0], *comment);
}

#[tokio::test]
async fn only_hashes_of_the_token_and_the_ip_are_stored() {
    let db = common::db().await;
    let app = seeded(db.clone()).await;
    let answer = post_comment(&app, json!({"author": "A", "body": "B"})).await;
    let token = answer.json["edit_token"].as_str().unwrap().to_owned();
    let (token_hash, client_hash): (String, String) =
        sqlx::query_as("SELECT edit_token_hash, client_hash FROM comments").fetch_one(&db).await.unwrap();
    let expected: String = Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(token_hash, expected);
    assert_eq!(client_hash.len(), 64);
    let unsalted: String = Sha256::digest(b"127.0.0.1").iter().map(|b| format!("{b:02x}")).collect();
    assert_ne!(client_hash, unsalted, "the IP hash is salted");
    let dump: String = sqlx::query_scalar(
        "SELECT author || body || status || edit_token_hash || client_hash || created_at FROM comments",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(!dump.contains("127.0.0.1") && !dump.contains(&token));
}

#[tokio::test]
async fn replies_nest_under_their_parent_down_to_the_depth_limit() {
    let db = common::db().await;
    let app = seeded(db).await;
    let id = |a: &Answer| a.json["comment"]["id"].as_str().unwrap().to_owned();
    let top = id(&post_comment(&app, json!({"author": "A", "body": "top"})).await);
    let one = id(&post_comment(&app, json!({"author": "B", "body": "one", "parent": top})).await);
    let two = id(&post_comment(&app, json!({"author": "C", "body": "two", "parent": one})).await);
    let deeper = post_comment(&app, json!({"author": "D", "body": "three", "parent": two})).await;
    assert_eq!(deeper.status, StatusCode::CREATED);
    assert_eq!(deeper.json["comment"]["parent"], one, "attached to the deepest allowed level");

    let page = get(&app, &comments_uri()).await.json;
    assert_eq!(page["total"], 4);
    let thread = &page["comments"][0];
    assert_eq!(thread["body"], "top");
    assert_eq!(thread["replies"][0]["body"], "one");
    let level_two: Vec<&Value> = thread["replies"][0]["replies"].as_array().unwrap().iter().collect();
    assert_eq!(level_two.iter().map(|c| c["body"].as_str().unwrap()).collect::<Vec<_>>(), ["two", "three"]);
    assert!(level_two.iter().all(|c| c["replies"] == json!([])));
}

#[tokio::test]
async fn a_reply_to_a_missing_or_hidden_parent_is_a_404_and_stores_nothing() {
    let db = common::db().await;
    let app = unlimited(db.clone(), Moderation::Open).await;
    let other =
        "Un autre article\nUn paragraphe assez long pour que la langue française soit reconnue sans hésitation.";
    let other = encart_server::import::parse(other.as_bytes(), &Default::default()).unwrap();
    encart_server::articles::save(&db, &other, encart_server::articles::Author::Operator).await.unwrap();
    let elsewhere = post(
        &app,
        &format!("/api/v1/articles/{}/comments", other.slug),
        json!({"author": "A", "body": "ailleurs"}).to_string(),
    )
    .await;
    let elsewhere = elsewhere.json["comment"]["id"].as_str().unwrap().to_owned();
    let spam = post_comment(&app, json!({"author": "Bot", "body": "buy", "website": "http://spam"})).await;
    let spam = spam.json["comment"]["id"].as_str().unwrap().to_owned();
    let before = count(&db).await;

    for parent in ["999999", "abc", "", &elsewhere, &spam] {
        let answer = post_comment(&app, json!({"author": "A", "body": "B", "parent": parent})).await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
    assert_eq!(count(&db).await, before);
}

#[tokio::test]
async fn rule_violations_are_422_with_a_code_per_field_and_store_nothing() {
    let db = common::db().await;
    let app = seeded(db.clone()).await;
    let cases = [
        (json!({"author": "", "body": "ok"}), json!({"author": "required"})),
        (json!({"body": "ok"}), json!({"author": "required"})),
        (json!({"author": "A", "body": "x".repeat(5001)}), json!({"body": "too_long"})),
        (json!({"author": "é".repeat(81), "body": " \n "}), json!({"author": "too_long", "body": "required"})),
        (
            json!({"author": "A\u{0}", "body": "bip\u{7}"}),
            json!({"author": "control_characters", "body": "control_characters"}),
        ),
    ];
    for (comment, fields) in cases {
        let answer = post_comment(&app, comment.clone()).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(answer.json["error"]["fields"], fields, "{comment}");
    }
    assert_eq!(count(&db).await, 0);
}

#[tokio::test]
async fn malformed_oversized_or_mistyped_bodies_are_refused_before_any_work() {
    let db = common::db().await;
    let app = unlimited(db.clone(), Moderation::Open).await;
    for malformed in ["{", "", "[1,2]", r#"{"author": 5, "body": "x"}"#, "null"] {
        assert_error(&post(&app, &comments_uri(), malformed).await, StatusCode::BAD_REQUEST, "bad_request");
    }
    let huge = json!({"author": "A", "body": "x".repeat(1024 * 1024)}).to_string();
    assert_error(&post(&app, &comments_uri(), huge).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    let form = Request::post(comments_uri())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("author=A&body=B"))
        .unwrap();
    assert_error(&send(&app, form).await, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    let unknown = post(&app, "/api/v1/articles/nope/comments", json!({"author": "A", "body": "B"}).to_string()).await;
    assert_error(&unknown, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(count(&db).await, 0);
}

#[tokio::test]
async fn too_many_posts_from_one_client_get_429_with_retry_after() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let app = test_app_with(
        db.clone(),
        Moderation::Open,
        PostRate { burst: 2, refill: Duration::from_secs(60), ..PostRate::default() },
    )
    .await;
    for _ in 0..2 {
        assert_eq!(post_comment(&app, json!({"author": "A", "body": "B"})).await.status, StatusCode::CREATED);
    }
    let limited = post_comment(&app, json!({"author": "A", "body": "B"})).await;
    assert_error(&limited, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    let retry_after: u64 = limited.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(count(&db).await, 2);
    assert_eq!(get(&app, &comments_uri()).await.status, StatusCode::OK, "reading is not limited");
}

#[tokio::test]
async fn posts_from_many_addresses_meet_the_server_wide_ceiling() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = encart_server::AppState::new(db.clone(), Moderation::Open).unwrap();
    let rate = PostRate { ceiling: 3, ..PostRate::unlimited() };
    let app = encart_server::app(state, encart_server::AllowedOrigins::Any, rate);
    let post_from = |last_octet: u8| {
        let mut request = axum::http::Request::post(comments_uri())
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(json!({"author": "A", "body": "B"}).to_string()))
            .unwrap();
        let peer = std::net::SocketAddr::from(([198, 51, 100, last_octet], 40000));
        request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
        request
    };
    for client in 1..=3 {
        assert_eq!(send(&app, post_from(client)).await.status, StatusCode::CREATED, "client {client}");
    }
    let refused = send(&app, post_from(4)).await;
    assert_error(&refused, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(refused.json["error"]["message"].as_str().unwrap().contains("on this server"));
    assert!(refused.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(count(&db).await, 3, "the refused post stored nothing");
}

#[tokio::test]
async fn a_filled_honeypot_is_answered_as_accepted_but_stored_as_spam() {
    let db = common::db().await;
    let app = seeded(db.clone()).await;
    let answer =
        post_comment(&app, json!({"author": "Bot", "body": "Cheap pills", "website": "http://spam.example"})).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.json["visibility"], "published");
    let status: String = sqlx::query_scalar("SELECT status FROM comments").fetch_one(&db).await.unwrap();
    assert_eq!(status, "spam");
    let page = get(&app, &comments_uri()).await.json;
    assert_eq!(page, json!({"comments": [], "next": null, "total": 0, "live": 0}), "never published");
}

#[tokio::test]
async fn pre_moderation_holds_new_comments_out_of_the_list() {
    let db = common::db().await;
    let app = unlimited(db.clone(), Moderation::Pre).await;
    let answer = post_comment(&app, json!({"author": "A", "body": "En attente"})).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.json["visibility"], "awaiting_moderation");
    let status: String = sqlx::query_scalar("SELECT status FROM comments").fetch_one(&db).await.unwrap();
    assert_eq!(status, "pending");
    assert_eq!(get(&app, &comments_uri()).await.json["total"], 0);
}

#[tokio::test]
async fn bad_cursors_and_limits_are_400s() {
    let db = common::db().await;
    let app = seeded(db).await;
    // YzEuMA is "c1.0"; bzEuMw "o1.3", of another order than ?sort=newest.
    for query in [
        "after=nope",
        "after=",
        "limit=-1",
        "limit=abc",
        "after=YzEuMA",
        "sort=best",
        "sort=",
        "sort=newest&after=bzEuMw",
    ] {
        let answer = get(&app, &format!("{}?{query}", comments_uri())).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "bad_request");
    }
}

/// A small deterministic generator, so a failing case can be replayed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What the paging property test does between pages: posts comments and
/// recommends or withdraws, from a handful of addresses, as readers would.
struct Thread<'a> {
    app: &'a Router,
    rng: XorShift,
    top_level: Vec<i64>,
    all: Vec<String>,
    /// Which address recommends which comment, as the server should count.
    recommended: HashSet<(u64, i64)>,
}

impl Thread<'_> {
    async fn post(&mut self) {
        let parent = (!self.all.is_empty() && self.rng.below(3) == 0)
            .then(|| self.all[self.rng.below(self.all.len() as u64) as usize].clone());
        let answer = post_comment(self.app, json!({"author": "A", "body": "B", "parent": parent})).await;
        assert_eq!(answer.status, StatusCode::CREATED);
        let id = answer.json["comment"]["id"].as_str().unwrap().to_owned();
        if parent.is_none() {
            self.top_level.push(id.parse().unwrap());
        }
        self.all.push(id);
    }

    async fn recommend(&mut self) {
        let comment = self.top_level[self.rng.below(self.top_level.len() as u64) as usize];
        let address = self.rng.below(6);
        let on = self.rng.below(3) != 0;
        let uri = format!("{}/{comment}/recommendation", comments_uri());
        let body = json!({"recommended": on, "browser": format!("{address:032x}")}).to_string();
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", format!("192.0.2.{}", address + 1))
            .body(Body::from(body))
            .unwrap();
        let answer = send(self.app, request).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        if on {
            self.recommended.insert((address, comment));
        } else {
            self.recommended.remove(&(address, comment));
        }
        assert_eq!(answer.json["recommends"], self.count(comment), "the count answered");
    }

    fn count(&self, comment: i64) -> usize {
        self.recommended.iter().filter(|(_, c)| *c == comment).count()
    }

    /// Comments and recommendations, in random proportions.
    async fn stir(&mut self, times: u64) {
        for _ in 0..times {
            if self.rng.below(2) == 0 { self.post().await } else { self.recommend().await }
        }
    }
}

/// In every order, paging through a thread while comments and
/// recommendations arrive lists each comment at most once, every comment
/// that existed when paging began, and in that order's sequence: "most
/// recommended" by the counts when the first page was read.
#[tokio::test]
async fn paging_sees_every_comment_once_in_every_order_even_while_comments_and_recommendations_arrive() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = encart_server::AppState::new(db.clone(), Moderation::Open)
        .unwrap()
        .with_trusted_proxies(vec!["127.0.0.1/32".parse().unwrap()]);
    let app = router_for(state, PostRate::unlimited());
    for seed in [1_u64, 7, 42, 2025] {
        for sort in ["newest", "oldest", "recommended"] {
            sqlx::query("DELETE FROM comments").execute(&db).await.unwrap();
            let mut thread = Thread {
                app: &app,
                rng: XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
                top_level: Vec::new(),
                all: Vec::new(),
                recommended: HashSet::new(),
            };
            let first = 20 + thread.rng.below(40);
            for _ in 0..first {
                thread.post().await;
            }
            let more = 10 + thread.rng.below(60);
            thread.stir(more).await;
            let existing: HashSet<i64> = thread.top_level.iter().copied().collect();
            let counts_then: Vec<(i64, usize)> = existing.iter().map(|&id| (id, thread.count(id))).collect();

            let mut seen: Vec<i64> = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let limit = 1 + thread.rng.below(7);
                let cursor = after.as_ref().map(|c| format!("&after={c}")).unwrap_or_default();
                let page = get(&app, &format!("{}?sort={sort}&limit={limit}{cursor}", comments_uri())).await;
                assert_eq!(page.status, StatusCode::OK, "{}", page.json);
                assert_eq!(page.json.get("sort").and_then(Value::as_str).unwrap_or("newest"), sort);
                let ids: Vec<i64> = page.json["comments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["id"].as_str().unwrap().parse().unwrap())
                    .collect();
                assert!(ids.len() as u64 <= limit);
                seen.extend(ids);
                let stir = thread.rng.below(5);
                thread.stir(stir).await;
                match page.json["next"].as_str() {
                    Some(next) => after = Some(next.to_owned()),
                    None => break,
                }
            }
            let at = format!("seed {seed}, {sort}");
            let unique: HashSet<i64> = seen.iter().copied().collect();
            assert_eq!(unique.len(), seen.len(), "{at}: a comment was listed twice");
            assert!(existing.is_subset(&unique), "{at}: a comment that existed before paging was skipped");
            // The order: by id, or by the counts of the first page's moment
            // (comments that came later had none then), the newest first among equals.
            let then = |id: i64| counts_then.iter().find(|(c, _)| *c == id).map_or(0, |(_, n)| *n);
            let key = |id: i64| match sort {
                "newest" => (0, -id),
                "oldest" => (0, id),
                _ => (-(then(id) as i64), -id),
            };
            assert!(seen.windows(2).all(|w| key(w[0]) < key(w[1])), "{at}: out of order: {seen:?}");
        }
    }
}

#[tokio::test]
async fn an_author_gets_back_their_comments_awaiting_moderation_with_their_token() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = encart_server::AppState::new(db.clone(), Moderation::Pre).unwrap();
    let app = router_for(state.clone(), PostRate::unlimited());
    let token = |a: &Answer| a.json["edit_token"].as_str().unwrap().to_owned();
    let first = token(&post_comment(&app, json!({"author": "A", "body": "premier"})).await);
    let _second = token(&post_comment(&app, json!({"author": "B", "body": "second"})).await);
    let pending_uri = format!("{}/pending", comments_uri());

    let mine = post(&app, &pending_uri, json!({"tokens": [first, "not-a-token"]}).to_string()).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.json);
    let bodies: Vec<&str> =
        mine.json["comments"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["premier"], "only the comment of the token given");
    assert_eq!(get(&app, &comments_uri()).await.json["total"], 0, "still hidden from everyone else");

    // What a moderator's approval does: the status changes, the article's reads are dropped.
    sqlx::query("UPDATE comments SET status = 'approved' WHERE body = 'premier'").execute(&db).await.unwrap();
    state.cache.invalidate(SLUG);
    let mine = post(&app, &pending_uri, json!({"tokens": [first]}).to_string()).await;
    assert_eq!(mine.json, json!({"comments": []}), "approved: no longer pending");
    assert_eq!(get(&app, &comments_uri()).await.json["total"], 1);

    let too_many: Vec<String> = (0..51).map(|i| i.to_string()).collect();
    let answer = post(&app, &pending_uri, json!({ "tokens": too_many }).to_string()).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "bad_request");
    let answer = post(&app, "/api/v1/articles/nope/comments/pending", json!({"tokens": [first]}).to_string()).await;
    assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn moderation_follows_the_articles_site_whatever_origin_the_poster_sends() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    // The partner pre-moderates; another site publishes at once.
    let policy = encart_server::ModerationPolicy {
        default: Moderation::Open,
        by_origin: vec![
            (PARTNER.parse().unwrap(), Moderation::Pre),
            ("https://open.example".parse().unwrap(), Moderation::Open),
        ],
    };
    publishers_article(&db, "Partner", "partner.example", "partners-article").await;
    publishers_article(&db, "Open", "open.example", "open-article").await;
    let app = test_app_with(db, policy, PostRate::unlimited()).await;
    let post_on = |slug: &str, origin: Option<&str>| {
        let mut request =
            Request::post(format!("/api/v1/articles/{slug}/comments")).header(header::CONTENT_TYPE, "application/json");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        request.body(Body::from(json!({"author": "A", "body": "B"}).to_string())).unwrap()
    };
    let visibility = |answer: Answer| answer.json["visibility"].as_str().unwrap().to_owned();
    // The attack: posting on the pre-moderated site's article as if from the open site's page.
    for origin in [Some("https://open.example"), Some(PARTNER), None, Some("https://other.example")] {
        let answer = send(&app, post_on("partners-article", origin)).await;
        assert_eq!(visibility(answer), "awaiting_moderation", "from {origin:?}");
    }
    for origin in [Some(PARTNER), None] {
        assert_eq!(visibility(send(&app, post_on("open-article", origin)).await), "published", "from {origin:?}");
    }
    // The operator's article belongs to no site: the strictest mode in use.
    assert_eq!(visibility(send(&app, post_on(SLUG, Some("https://open.example"))).await), "awaiting_moderation");
}

#[tokio::test]
async fn a_post_replayed_with_its_idempotency_key_stores_one_comment() {
    let db = common::db().await;
    let app = unlimited(db.clone(), Moderation::Pre).await;
    let keyed = |key: &str| {
        Request::post(comments_uri())
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key)
            .body(Body::from(json!({"author": "A", "body": "Une seule fois"}).to_string()))
            .unwrap()
    };
    let first = send(&app, keyed("3f1c-retry-key")).await;
    let again = send(&app, keyed("3f1c-retry-key")).await;
    assert_eq!((first.status, again.status), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(first.json, again.json, "the same comment, visibility and edit token");
    assert_eq!(count(&db).await, 1);

    // Two retries racing each other still make one comment.
    let (a, b) = tokio::join!(send(&app, keyed("race")), send(&app, keyed("race")));
    assert_eq!(a.json["comment"]["id"], b.json["comment"]["id"]);
    assert_eq!(count(&db).await, 2);

    // The edit token of a replayed post is as good as the first one's.
    let pending =
        post(&app, &format!("{}/pending", comments_uri()), json!({"tokens": [again.json["edit_token"]]}).to_string())
            .await;
    assert_eq!(pending.json["comments"][0]["id"], first.json["comment"]["id"]);

    let bad = send(&app, keyed("no spaces allowed")).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "bad_request");
    assert_eq!(count(&db).await, 2);
}

#[tokio::test]
async fn an_author_erases_their_comment_with_its_edit_token() {
    let db = common::db().await;
    let app = unlimited(db.clone(), Moderation::Open).await;
    let posted = |a: Answer| {
        (a.json["comment"]["id"].as_str().unwrap().to_owned(), a.json["edit_token"].as_str().unwrap().to_owned())
    };
    let (a, token_a) = posted(post_comment(&app, json!({"author": "Alice", "body": "Premier"})).await);
    let (b, token_b) = posted(post_comment(&app, json!({"author": "Bob", "body": "Réponse", "parent": a})).await);
    let (c, token_c) = posted(post_comment(&app, json!({"author": "Carole", "body": "Autre"})).await);
    let delete = |id: &str, token: Option<&str>| {
        let mut request = Request::delete(format!("{}/{id}", comments_uri()));
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        request.body(Body::empty()).unwrap()
    };

    assert_error(&send(&app, delete(&c, None)).await, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_error(&send(&app, delete(&c, Some("not-the-token"))).await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&send(&app, delete(&c, Some(&token_b))).await, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(send(&app, delete(&c, Some(&token_c))).await.status, StatusCode::NO_CONTENT);
    assert_eq!(count(&db).await, 2, "a comment nobody answered is gone for good");

    // Answered: everything it held is wiped, a placeholder keeps the thread.
    assert_eq!(send(&app, delete(&a, Some(&token_a))).await.status, StatusCode::NO_CONTENT);
    let (author, body, status, client): (String, String, String, String) =
        sqlx::query_as("SELECT author, body, status, client_hash FROM comments WHERE id = $1")
            .bind(a.parse::<i64>().unwrap())
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((author.as_str(), body.as_str(), status.as_str(), client.as_str()), ("", "", "deleted", ""));
    let page = get(&app, &comments_uri()).await.json;
    assert_eq!(page["total"], 1);
    assert_eq!(page["comments"][0]["deleted"], true);
    assert_eq!(page["comments"][0]["body"], "");
    assert_eq!(page["comments"][0]["replies"][0]["body"], "Réponse");
    assert_error(&send(&app, delete(&a, Some(&token_a))).await, StatusCode::NOT_FOUND, "not_found");
    let reply = post_comment(&app, json!({"author": "D", "body": "x", "parent": a})).await;
    assert_error(&reply, StatusCode::NOT_FOUND, "not_found");

    // Its last answer gone, the placeholder goes from the list too.
    assert_eq!(send(&app, delete(&b, Some(&token_b))).await.status, StatusCode::NO_CONTENT);
    let mut page = get(&app, &comments_uri()).await.json;
    assert_eq!(page.as_object_mut().unwrap().remove("live"), Some(json!(3)), "three were published, erased since");
    assert_eq!(page, json!({"comments": [], "next": null, "total": 0}));
}

#[tokio::test]
async fn deeply_nested_json_is_a_400_not_a_crash() {
    let db = common::db().await;
    let app = seeded(db.clone()).await;
    let deep = format!("{{\"author\": {}1{}, \"body\": \"x\"}}", "[".repeat(10_000), "]".repeat(10_000));
    assert_error(&post(&app, &comments_uri(), deep).await, StatusCode::BAD_REQUEST, "bad_request");
    assert_eq!(count(&db).await, 0);
}

#[tokio::test]
async fn address_hashes_and_keys_of_old_comments_are_forgotten_and_the_comments_stay() {
    let db = common::db().await;
    let app = unlimited(db.clone(), Moderation::Open).await;
    for body in ["ancien", "récent"] {
        let request = axum::http::Request::post(comments_uri())
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", format!("key-{body}").replace('é', "e"))
            .body(axum::body::Body::from(json!({"author": "A", "body": body}).to_string()))
            .unwrap();
        assert_eq!(send(&app, request).await.status, StatusCode::CREATED);
    }
    sqlx::query("UPDATE comments SET created_at = '2020-01-01T00:00:00.000Z' WHERE body = 'ancien'")
        .execute(&db)
        .await
        .unwrap();
    // A reader's reports, one of them old: its hash goes too.
    for id in sqlx::query_scalar::<_, i64>("SELECT id FROM comments").fetch_all(&db).await.unwrap() {
        let answer = post(&app, &format!("{}/{id}/report", comments_uri()), r#"{"reason":"spam"}"#).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED);
    }
    sqlx::query("UPDATE reports SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = (SELECT min(id) FROM reports)")
        .execute(&db)
        .await
        .unwrap();

    assert_eq!(encart_server::retention::forget_addresses(&db, 30).await.unwrap(), 1);
    let hashes: Vec<Option<String>> =
        sqlx::query_scalar("SELECT client_hash FROM reports ORDER BY id").fetch_all(&db).await.unwrap();
    assert_eq!(hashes[0], None, "an old report's hash is forgotten");
    assert!(hashes[1].as_ref().is_some_and(|h| h.len() == 64), "a recent report keeps it");
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT body, client_hash, idempotency_key FROM comments ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(rows[0].0, "ancien");
    assert_eq!((rows[0].1.as_str(), rows[0].2.as_deref()), ("", None), "forgotten");
    assert_eq!(rows[1].0, "récent");
    assert_eq!(rows[1].1.len(), 64, "a recent comment keeps its hash");
    assert_eq!(rows[1].2.as_deref(), Some("key-recent"));
    assert_eq!(encart_server::retention::forget_addresses(&db, 30).await.unwrap(), 0, "nothing left to forget");
    assert_eq!(get(&app, &comments_uri()).await.json["total"], 2, "both comments stay");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit_and_spoofing_gets_nowhere() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = encart_server::AppState::new(db.clone(), Moderation::Open)
        .unwrap()
        .with_trusted_proxies(vec!["10.0.0.0/8".parse().unwrap()]);
    let rate = PostRate { burst: 1, refill: Duration::from_secs(60), ..PostRate::default() };
    let app = encart_server::app(state, encart_server::AllowedOrigins::Any, rate);
    let post_via = |peer: [u8; 4], forwarded: &str| {
        let mut request = axum::http::Request::post(comments_uri())
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", forwarded)
            .body(axum::body::Body::from(json!({"author": "A", "body": "B"}).to_string()))
            .unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((peer, 40000))));
        request
    };
    let proxy = [10, 0, 0, 2];
    assert_eq!(send(&app, post_via(proxy, "198.51.100.1")).await.status, StatusCode::CREATED);
    assert_eq!(send(&app, post_via(proxy, "198.51.100.2")).await.status, StatusCode::CREATED, "another reader");
    let again = send(&app, post_via(proxy, "198.51.100.1")).await;
    assert_error(&again, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");

    // A client talking to the API directly cannot pose as others.
    let direct = [203, 0, 113, 9];
    assert_eq!(send(&app, post_via(direct, "198.51.100.3")).await.status, StatusCode::CREATED);
    let spoofed = send(&app, post_via(direct, "198.51.100.4")).await;
    assert_error(&spoofed, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");

    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT client_hash FROM comments").fetch_all(&db).await.unwrap();
    assert_eq!(hashes.len(), 3, "one salted hash per real client");
}
