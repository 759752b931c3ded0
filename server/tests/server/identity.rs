//! Readers their site signs in (single sign-on), through `app()` on either
//! backend: the tokens refused (each with its code, nothing stored), those
//! accepted (EdDSA, ES256, HS256, a key rollover), what identity brings
//! (verified names that follow renames, staff badges, trust, anonymity
//! switched off, bans), the reader's own comments (`/api/v1/me/comments`),
//! and shared answers that never depend on who asks.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use encart_server::db::Db;
use encart_server::moderation::{self, Banned, Decision};
use encart_server::{AppState, Moderation, ModerationPolicy, PostRate, sites};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

use crate::common;

/// The sites of these tests: a partner signing with EdDSA, pre-moderated
/// with trust after two approved comments; a site signing with HS256 whose
/// readers must sign in; one signing with ES256, pre-moderating anonymous
/// readers only.
pub(crate) const PARTNER_SITE: &str = "https://partner.example";
pub(crate) const CLOSED_SITE: &str = "https://closed.example";
const ES_SITE: &str = "https://es.example";
pub(crate) const SECRET: &str = "a shared secret of more than thirty-two bytes";

fn key(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/keys").join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The sites file, with the partner's public `keys` (file names in fixtures/keys).
fn sites_file(partner_keys: &[&str]) -> String {
    let keys: Vec<String> = partner_keys.iter().map(|k| format!("{:?}", key(k))).collect();
    format!(
        r#"
        [[site]]
        origin = "{PARTNER_SITE}"
        moderation = "pre"
        trust_after = 2
        login_url = "https://partner.example/sign-in"
        [site.sign_in]
        algorithm = "EdDSA"
        keys = [{}]

        [[site]]
        origin = "{CLOSED_SITE}"
        anonymous = false
        sort = "oldest"
        login_url = "https://closed.example/login"
        [site.sign_in]
        algorithm = "HS256"
        keys = ["{SECRET}"]

        [[site]]
        origin = "{ES_SITE}"
        moderation = "pre-anonymous"
        [site.sign_in]
        algorithm = "ES256"
        keys = [{:?}]
        "#,
        keys.join(", "),
        key("partner-p256.pub.pem"),
    )
}

pub(crate) const PARTNER_ARTICLE: &str = "partner-article";
const SECOND_ARTICLE: &str = "partner-second";
pub(crate) const CLOSED_ARTICLE: &str = "closed-article";
const ES_ARTICLE: &str = "es-article";

/// The app with the sites of [`sites_file`], and an article on each site
/// (two on the partner's).
pub(crate) async fn world(db: &Db, partner_keys: &[&str]) -> Router {
    articles(db).await;
    app_for(db, partner_keys)
}

/// An article on each site of [`sites_file`] (two on the partner's).
pub(crate) async fn articles(db: &Db) {
    publishers_article(db, "Partner", "partner.example", PARTNER_ARTICLE).await;
    let partner = encart_server::publishers::named(db, "Partner").await.unwrap();
    let bytes = std::fs::read(FIXTURE).unwrap();
    let mut second = encart_server::import::parse(&bytes, &Default::default()).unwrap();
    second.slug = SECOND_ARTICLE.into();
    encart_server::articles::save(db, &second, encart_server::articles::Author::Publisher(partner.id)).await.unwrap();
    publishers_article(db, "Closed", "closed.example", CLOSED_ARTICLE).await;
    publishers_article(db, "Es", "es.example", ES_ARTICLE).await;
}

fn app_for(db: &Db, partner_keys: &[&str]) -> Router {
    router_for(state_for(db, partner_keys), PostRate::unlimited())
}

/// The server's state with the sites of [`sites_file`].
pub(crate) fn state_for(db: &Db, partner_keys: &[&str]) -> AppState {
    let sites = sites::parse(&sites_file(partner_keys)).unwrap();
    let (_, policy) =
        sites::configure(encart_server::AllowedOrigins::Any, ModerationPolicy::from(Moderation::Open), &sites).unwrap();
    AppState::new(db.clone(), policy).unwrap().with_sites(sites)
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// Claims of reader `sub` of `site`, valid for ten minutes.
pub(crate) fn claims(site: &str, sub: &str, name: &str) -> Value {
    json!({ "aud": site, "sub": sub, "name": name, "email": format!("{sub}@readers.example"),
            "iat": now(), "exp": now() + 600 })
}

/// `claims` signed as the site would, with the private key `file` (PEM) or the shared secret.
pub(crate) fn sign(algorithm: Algorithm, key_file: &str, claims: &Value) -> String {
    let key = match algorithm {
        Algorithm::EdDSA => EncodingKey::from_ed_pem(key(key_file).as_bytes()).unwrap(),
        Algorithm::ES256 => EncodingKey::from_ec_pem(key(key_file).as_bytes()).unwrap(),
        _ => EncodingKey::from_secret(key_file.as_bytes()).unwrap(),
    };
    encode(&Header::new(algorithm), claims, &key).unwrap()
}

/// A token of the partner for reader `sub` named `name`.
pub(crate) fn partner_token(sub: &str, name: &str) -> String {
    sign(Algorithm::EdDSA, "partner-ed25519.pem", &claims(PARTNER_SITE, sub, name))
}

pub(crate) fn request(method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match body {
        Some(body) => {
            builder.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
        }
        None => builder.body(Body::empty()).unwrap(),
    }
}

/// POSTs a comment on `slug` as the reader of `token` (anonymous without).
pub(crate) async fn comment_as(app: &Router, slug: &str, token: Option<&str>, body: &str) -> Answer {
    let comment = json!({ "author": "Typed Name", "body": body });
    send(app, request("POST", &format!("/api/v1/articles/{slug}/comments"), token, Some(comment))).await
}

async fn count(db: &Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(db).await.unwrap()
}

/// Base64url without padding, for hand-made tokens.
fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test]
async fn bad_tokens_are_refused_with_their_code_and_nothing_is_stored() {
    let db = db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    let valid = partner_token("lea", "Léa");
    let forged = {
        let (rest, signature) = valid.rsplit_once('.').unwrap();
        let mut bytes: Vec<u8> = signature.bytes().collect();
        bytes[10] = if bytes[10] == b'A' { b'B' } else { b'A' };
        format!("{rest}.{}", String::from_utf8(bytes).unwrap())
    };
    let unsigned = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","typ":"JWT"}"#),
        b64(claims(PARTNER_SITE, "lea", "Léa").to_string().as_bytes())
    );
    // HS256 with the site's public key as the secret: the confusion attack.
    let confused = sign(Algorithm::HS256, &key("partner-ed25519.pub.pem"), &claims(PARTNER_SITE, "lea", "Léa"));
    let expired = {
        let mut old = claims(PARTNER_SITE, "lea", "Léa");
        old["iat"] = json!(now() - 4000);
        old["exp"] = json!(now() - 120);
        sign(Algorithm::EdDSA, "partner-ed25519.pem", &old)
    };
    let other_audience = sign(Algorithm::HS256, SECRET, &claims(CLOSED_SITE, "lea", "Léa"));
    let other_key = sign(Algorithm::EdDSA, "rotated-ed25519.pem", &claims(PARTNER_SITE, "lea", "Léa"));
    let oversized = partner_token("lea", &"L".repeat(5000));
    let with = |change: &dyn Fn(&mut Value)| {
        let mut c = claims(PARTNER_SITE, "lea", "Léa");
        change(&mut c);
        sign(Algorithm::EdDSA, "partner-ed25519.pem", &c)
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("a forged signature", forged, "token_invalid"),
        ("alg: none", unsigned, "token_invalid"),
        ("HS256 signed with the site's public key", confused, "token_invalid"),
        ("an expired token", expired, "token_expired"),
        ("another site's audience", other_audience, "token_invalid"),
        ("another site's key", other_key, "token_invalid"),
        ("an oversized token", oversized, "token_invalid"),
        ("a name with a control character", partner_token("lea", "Léa\u{7}"), "token_invalid"),
        ("a name with a direction override", partner_token("lea", "\u{202E}aéL"), "token_invalid"),
        ("no name", with(&|c| drop(c.as_object_mut().unwrap().remove("name"))), "token_invalid"),
        ("no exp", with(&|c| drop(c.as_object_mut().unwrap().remove("exp"))), "token_invalid"),
        ("issued in the future", with(&|c| c["iat"] = json!(now() + 3600)), "token_invalid"),
        ("valid for a week", with(&|c| c["exp"] = json!(now() + 7 * 86400)), "token_invalid"),
        ("an unknown role", with(&|c| c["role"] = json!("admin")), "token_invalid"),
        ("an audience of no site", with(&|c| c["aud"] = json!("https://evil.example")), "token_invalid"),
        ("an edit token instead", "dGhpcyBpcyBub3QgYSB0b2tlbg".to_owned(), "token_invalid"),
        ("garbage", "a.b.c".to_owned(), "token_invalid"),
    ];
    for (what, token, code) in cases {
        let answer = comment_as(&app, PARTNER_ARTICLE, Some(&token), "Bonjour").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{what}: {}", answer.json);
        assert_eq!(answer.json["error"]["code"], code, "{what}: {}", answer.json);
        // (The closed site's token is good for its own reader's comments.)
        if what != "another site's audience" {
            let me = send(&app, request("GET", "/api/v1/me/comments", Some(&token), None)).await;
            assert_eq!(me.json["error"]["code"], code, "{what}, asking for the reader's comments: {}", me.json);
        }
    }
    assert_eq!((count(&db, "comments").await, count(&db, "readers").await), (0, 0), "nothing stored");
    // The same token, untouched, goes through.
    let answer = comment_as(&app, PARTNER_ARTICLE, Some(&valid), "Bonjour").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
}

#[tokio::test]
async fn a_signed_in_reader_comments_under_their_accounts_name_which_follows_renames() {
    let db = db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    let lea = partner_token("reader-17", "Léa Martin");
    // The ES256 site publishes signed-in readers at once (pre-moderates anonymous ones only).
    let es = sign(Algorithm::ES256, "partner-p256.pem", &claims(ES_SITE, "reader-17", "Léa M."));
    let posted = comment_as(&app, ES_ARTICLE, Some(&es), "Signée").await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.json);
    assert_eq!(posted.json["visibility"], "published");
    assert_eq!(posted.json["comment"]["author"], "Léa M.", "the account's name, not the typed one");
    assert_eq!(posted.json["comment"]["verified"], true);
    assert!(posted.json["comment"].get("staff").is_none(), "no badge for a reader");
    let anonymous = comment_as(&app, ES_ARTICLE, None, "Anonyme").await;
    assert_eq!(anonymous.json["visibility"], "awaiting_moderation", "pre-anonymous: {}", anonymous.json);

    let page = get(&app, &format!("/api/v1/articles/{ES_ARTICLE}/comments")).await;
    assert_eq!(page.json["comments"][0]["author"], "Léa M.");
    assert_eq!(page.json["comments"][0]["verified"], true);
    assert!(!page.json.to_string().contains("readers.example"), "no e-mail in a shared answer");

    // The same `sub` on another site is another reader.
    let first = comment_as(&app, PARTNER_ARTICLE, Some(&lea), "Première").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    assert_eq!(count(&db, "readers").await, 2);
    let approve = |id: &Value| {
        let id: i64 = id.as_str().unwrap().parse().unwrap();
        let db = db.clone();
        async move { moderation::decide(&db, &[], "mod", Decision::Approve, &[id]).await.unwrap() }
    };
    approve(&first.json["comment"]["id"]).await;
    let cached = get(&app, &format!("/api/v1/articles/{PARTNER_ARTICLE}/comments")).await;
    assert_eq!(cached.json["comments"][0]["author"], "Léa Martin");
    // A later token with a new name renames every comment at once, cached ones too.
    let renamed = partner_token("reader-17", "Léa Martin-Dubois");
    let me = send(&app, request("GET", "/api/v1/me/comments", Some(&renamed), None)).await;
    assert_eq!(me.json["reader"]["name"], "Léa Martin-Dubois");
    let page = get(&app, &format!("/api/v1/articles/{PARTNER_ARTICLE}/comments")).await;
    assert_eq!(page.json["comments"][0]["author"], "Léa Martin-Dubois", "{}", page.json);
    assert_eq!(count(&db, "readers").await, 2, "still one reader per site and sub");
}

#[tokio::test]
async fn staff_and_trusted_readers_skip_pre_moderation_and_anonymity_can_be_switched_off() {
    let db = db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    // The partner pre-moderates everyone, but trusts readers after two approved comments.
    let regular = partner_token("regular", "Régulier");
    for n in 0..2 {
        let held = comment_as(&app, PARTNER_ARTICLE, Some(&regular), &format!("Message {n}")).await;
        assert_eq!(held.json["visibility"], "awaiting_moderation", "comment {n}: {}", held.json);
        let id: i64 = held.json["comment"]["id"].as_str().unwrap().parse().unwrap();
        moderation::decide(&db, &[], "mod", Decision::Approve, &[id]).await.unwrap();
    }
    let trusted = comment_as(&app, PARTNER_ARTICLE, Some(&regular), "Digne de confiance").await;
    assert_eq!(trusted.json["visibility"], "published", "past trust_after: {}", trusted.json);
    let newcomer = comment_as(&app, PARTNER_ARTICLE, Some(&partner_token("new", "Nouveau")), "Salut").await;
    assert_eq!(newcomer.json["visibility"], "awaiting_moderation");
    let anonymous = comment_as(&app, PARTNER_ARTICLE, None, "Anonyme").await;
    assert_eq!(anonymous.json["visibility"], "awaiting_moderation");
    let mut staff_claims = claims(PARTNER_SITE, "journalist", "Marie Rédaction");
    staff_claims["role"] = json!("staff");
    let staff = sign(Algorithm::EdDSA, "partner-ed25519.pem", &staff_claims);
    let answer = comment_as(&app, PARTNER_ARTICLE, Some(&staff), "Précision de la rédaction").await;
    assert_eq!(answer.json["visibility"], "published", "{}", answer.json);
    assert_eq!(
        (answer.json["comment"]["staff"].clone(), answer.json["comment"]["verified"].clone()),
        (json!(true), json!(true))
    );
    let page = get(&app, &format!("/api/v1/articles/{PARTNER_ARTICLE}/comments")).await;
    let shown = page.json["comments"].as_array().unwrap().iter().find(|c| c["author"] == "Marie Rédaction").unwrap();
    assert_eq!(shown["staff"], true);
    assert_eq!(page.json["commenting"], json!({"sign_in_url": "https://partner.example/sign-in"}));

    // The closed site: anonymous readers are refused, and told where to sign in.
    let before = count(&db, "comments").await;
    let refused = comment_as(&app, CLOSED_ARTICLE, None, "Anonyme").await;
    assert_error(&refused, StatusCode::UNAUTHORIZED, "sign_in_required");
    assert_eq!(count(&db, "comments").await, before, "nothing stored");
    let page = get(&app, &format!("/api/v1/articles/{CLOSED_ARTICLE}/comments")).await;
    assert_eq!(
        page.json["commenting"],
        json!({"sign_in_required": true, "sign_in_url": "https://closed.example/login"})
    );
    let embed = get_first_view(&app, &format!("/api/v1/articles/{CLOSED_ARTICLE}/embed")).await;
    assert_eq!(embed.json["state"]["comments"]["commenting"]["sign_in_required"], true);
    let closed = sign(Algorithm::HS256, SECRET, &claims(CLOSED_SITE, "member", "Membre"));
    let member = comment_as(&app, CLOSED_ARTICLE, Some(&closed), "Abonné").await;
    assert_eq!((member.status, member.json["visibility"].clone()), (StatusCode::CREATED, json!("published")));
    // A reader of one site cannot sign comments on another's article.
    let elsewhere = comment_as(&app, PARTNER_ARTICLE, Some(&closed), "Ailleurs").await;
    assert_error(&elsewhere, StatusCode::UNAUTHORIZED, "token_invalid");
}

#[tokio::test]
async fn a_key_rollover_accepts_both_keys_then_refuses_the_retired_one() {
    let db = db().await;
    let old = partner_token("lea", "Léa");
    let new = sign(Algorithm::EdDSA, "rotated-ed25519.pem", &claims(PARTNER_SITE, "lea", "Léa"));
    let rolling = world(&db, &["partner-ed25519.pub.pem", "rotated-ed25519.pub.pem"]).await;
    for token in [&old, &new] {
        let answer = comment_as(&rolling, PARTNER_ARTICLE, Some(token), "Pendant la rotation").await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    }
    let rotated = app_for(&db, &["rotated-ed25519.pub.pem"]);
    let before = count(&db, "comments").await;
    assert_error(
        &comment_as(&rotated, PARTNER_ARTICLE, Some(&old), "Retirée").await,
        StatusCode::UNAUTHORIZED,
        "token_invalid",
    );
    assert_eq!(count(&db, "comments").await, before);
    let answer = comment_as(&rotated, PARTNER_ARTICLE, Some(&new), "Nouvelle clé").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
}

#[tokio::test]
async fn bans_bar_a_reader_by_identity_or_an_anonymous_address_until_lifted() {
    let db = db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    let troll = partner_token("troll", "Troll");
    let first = comment_as(&app, PARTNER_ARTICLE, Some(&troll), "Provocation").await;
    let id: i64 = first.json["comment"]["id"].as_str().unwrap().parse().unwrap();
    let banned =
        moderation::ban(&db, "modo", id, "insultes répétées", Some(Duration::from_secs(7 * 86400))).await.unwrap();
    assert!(matches!(banned, Banned::Done(_, ref slug) if slug == PARTNER_ARTICLE), "{banned:?}");
    let before = count(&db, "comments").await;
    for slug in [PARTNER_ARTICLE, SECOND_ARTICLE] {
        assert_error(&comment_as(&app, slug, Some(&troll), "Encore").await, StatusCode::FORBIDDEN, "banned");
    }
    assert_eq!(count(&db, "comments").await, before, "nothing stored");
    // A new name changes nothing: the ban is on the account.
    assert_error(
        &comment_as(&app, PARTNER_ARTICLE, Some(&partner_token("troll", "Gentil")), "Moi ?").await,
        StatusCode::FORBIDDEN,
        "banned",
    );
    // Others post as before, from the same address too.
    let other = comment_as(&app, PARTNER_ARTICLE, Some(&partner_token("lea", "Léa")), "Bonjour").await;
    assert_eq!(other.status, StatusCode::CREATED);
    let anonymous = comment_as(&app, PARTNER_ARTICLE, None, "Anonyme").await;
    assert_eq!(anonymous.status, StatusCode::CREATED);

    // An anonymous reader is banned by the address of their comment: their
    // anonymous posts are refused; a reader signed in from there is not.
    let anon_id: i64 = anonymous.json["comment"]["id"].as_str().unwrap().parse().unwrap();
    let by_address = moderation::ban(&db, "modo", anon_id, "spam", None).await.unwrap();
    assert_error(&comment_as(&app, SECOND_ARTICLE, None, "Spam").await, StatusCode::FORBIDDEN, "banned");
    assert_eq!(
        comment_as(&app, SECOND_ARTICLE, Some(&partner_token("lea", "Léa")), "Moi").await.status,
        StatusCode::CREATED
    );

    // Both in the log; lifting ends a ban (and is logged too).
    let log = moderation::recent_log(&db, 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(&actions[..2], ["ban (for good)", "ban (7 days)"], "{actions:?}");
    let Banned::Done(address_ban, _) = by_address else { panic!("{by_address:?}") };
    assert!(moderation::lift(&db, "modo", address_ban).await.unwrap());
    assert!(!moderation::lift(&db, "modo", address_ban).await.unwrap(), "once");
    assert_eq!(comment_as(&app, SECOND_ARTICLE, None, "Pardon").await.status, StatusCode::CREATED);
    assert_eq!(moderation::recent_log(&db, 1).await.unwrap()[0].action, "lift ban");
    // A ban whose time is up bars no more.
    let Banned::Done(_, _) = moderation::ban(&db, "modo", anon_id, "court", Some(Duration::ZERO)).await.unwrap() else {
        panic!()
    };
    assert_eq!(comment_as(&app, SECOND_ARTICLE, None, "Revenu").await.status, StatusCode::CREATED);
    // Once lifted or over, a ban's address hash is forgotten.
    encart_server::bans::forget_ended(&db).await.unwrap();
    let kept: i64 =
        sqlx::query_scalar("SELECT count(*) FROM bans WHERE client_hash != ''").fetch_one(&db).await.unwrap();
    assert_eq!(kept, 0);
}

#[tokio::test]
async fn a_reader_gets_and_erases_all_their_comments_with_their_token() {
    let db = db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    let lea = partner_token("lea", "Léa");
    let tom = partner_token("tom", "Tom");
    let mut ids = Vec::new();
    for (slug, text) in [(PARTNER_ARTICLE, "Un"), (SECOND_ARTICLE, "Deux"), (PARTNER_ARTICLE, "Trois")] {
        let answer = comment_as(&app, slug, Some(&lea), text).await;
        ids.push(answer.json["comment"]["id"].as_str().unwrap().to_owned());
    }
    let first: i64 = ids[0].parse().unwrap();
    moderation::decide(&db, &[], "mod", Decision::Approve, &[first]).await.unwrap();
    let reply = json!({ "body": "Réponse", "parent": ids[0] });
    let uri = format!("/api/v1/articles/{PARTNER_ARTICLE}/comments");
    let tom_reply = send(&app, request("POST", &uri, Some(&tom), Some(reply))).await;
    assert_eq!(tom_reply.status, StatusCode::CREATED, "{}", tom_reply.json);
    let reply_id: i64 = tom_reply.json["comment"]["id"].as_str().unwrap().parse().unwrap();
    moderation::decide(&db, &[], "mod", Decision::Approve, &[reply_id]).await.unwrap();

    let mine = send(&app, request("GET", "/api/v1/me/comments", Some(&lea), None)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.headers[header::CACHE_CONTROL], "private, no-store");
    assert_eq!(mine.json["reader"], json!({"name": "Léa", "email": "lea@readers.example"}));
    let listed: Vec<(&str, &str, &str)> = mine.json["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["article"].as_str().unwrap(), c["comment"]["body"].as_str().unwrap(), c["visibility"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        listed,
        [
            (PARTNER_ARTICLE, "Trois", "awaiting_moderation"),
            (SECOND_ARTICLE, "Deux", "awaiting_moderation"),
            (PARTNER_ARTICLE, "Un", "published"),
        ]
    );
    let one =
        send(&app, request("GET", &format!("/api/v1/me/comments?article={SECOND_ARTICLE}"), Some(&lea), None)).await;
    assert_eq!(one.json["comments"].as_array().unwrap().len(), 1);

    // Deleting one comment by identity: one's own only (another's is a 404).
    let theirs = format!("{uri}/{}", ids[2]);
    assert_error(&send(&app, request("DELETE", &theirs, Some(&tom), None)).await, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(send(&app, request("DELETE", &theirs, Some(&lea), None)).await.status, StatusCode::NO_CONTENT);

    // Erasing everything: her comments go (the answered one stays as a
    // placeholder), and so does what was stored about her.
    let warm = get(&app, &uri).await;
    assert_eq!(warm.json["comments"][0]["author"], "Léa");
    let erased = send(&app, request("DELETE", "/api/v1/me/comments", Some(&lea), None)).await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.json);
    assert_eq!(erased.json, json!({"comments": 2}));
    let page = get(&app, &uri).await;
    assert_eq!(page.json["comments"][0]["deleted"], true, "{}", page.json);
    assert_eq!(page.json["comments"][0]["author"], "");
    assert_eq!(page.json["comments"][0]["replies"][0]["author"], "Tom");
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM readers WHERE sub = 'lea'").fetch_one(&db).await.unwrap();
    assert_eq!(left, 0);
    let again = send(&app, request("GET", "/api/v1/me/comments", Some(&lea), None)).await;
    assert_eq!(again.json["comments"], json!([]));
}

#[tokio::test]
async fn shared_answers_are_the_same_whoever_asks_before_and_after_the_cache_warms() {
    let db = db().await;
    let app = world(&db, &["partner-ed25519.pub.pem"]).await;
    let lea = partner_token("lea", "Léa");
    let tom = partner_token("tom", "Tom");
    let staff = {
        let mut c = claims(PARTNER_SITE, "desk", "Rédaction");
        c["role"] = json!("staff");
        sign(Algorithm::EdDSA, "partner-ed25519.pem", &c)
    };
    comment_as(&app, PARTNER_ARTICLE, Some(&staff), "Publié").await;
    let held = comment_as(&app, PARTNER_ARTICLE, Some(&lea), "En attente, à Léa seule").await;
    assert_eq!(held.json["visibility"], "awaiting_moderation");
    for path in ["comments", "embed?lang=fr", ""] {
        let uri = format!("/api/v1/articles/{PARTNER_ARTICLE}/{path}").trim_end_matches('/').to_owned();
        let mut bodies = Vec::new();
        // Cold for the first asker, warm for the others.
        for token in [Some(&lea), Some(&tom), None, Some(&lea)] {
            let response = send_raw(&app, request("GET", &uri, token.map(String::as_str), None)).await;
            assert!(!response.1.contains("En attente"), "{uri}: one reader's pending comment in a shared answer");
            assert!(!response.1.contains("readers.example"), "{uri}: an e-mail in a shared answer");
            bodies.push(response);
        }
        assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{uri}: the answer depends on who asks");
    }
    // What is per reader is theirs alone.
    let mine = |token: String| {
        let app = app.clone();
        async move { send(&app, request("GET", "/api/v1/me/comments", Some(&token), None)).await.json }
    };
    assert_eq!(mine(lea).await["comments"][0]["comment"]["body"], "En attente, à Léa seule");
    assert_eq!(mine(tom).await["comments"], json!([]));
}

/// The status and body of a response, as text.
async fn send_raw(app: &Router, request: Request<Body>) -> (StatusCode, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[test]
fn sites_files_refuse_sign_in_settings_that_cannot_work() {
    for (bad, says) in [
        ("[[site]]\norigin = \"https://a.example\"\nanonymous = false", "needs [site.sign_in]"),
        ("[[site]]\norigin = \"https://a.example\"\ntrust_after = 3", "needs [site.sign_in]"),
        ("[[site]]\norigin = \"https://a.example\"\nmoderation = \"pre-anonymous\"", "needs [site.sign_in]"),
        ("[[site]]\norigin = \"https://a.example\"\nlogin_url = \"javascript:alert(1)\"", "http(s) address"),
        (
            "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"none\"\nkeys = [\"x\"]",
            "EdDSA, ES256 or HS256",
        ),
        (
            "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"RS256\"\nkeys = [\"x\"]",
            "EdDSA, ES256 or HS256",
        ),
        (
            "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"HS256\"\nkeys = [\"short\"]",
            "at least 32 bytes",
        ),
        (
            "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"EdDSA\"\nkeys = [\"not a key\"]",
            "not a EdDSA public key",
        ),
        ("[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"EdDSA\"", "no key"),
        (
            "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"EdDSA\"\nkey_files = [\"/nonexistent.pem\"]",
            "cannot read the key file",
        ),
    ] {
        let err = sites::parse(bad).unwrap_err();
        assert!(err.contains(says), "{bad}: {err}");
    }
    // An ES256 key given to an EdDSA site is refused at start, not at the first token.
    let wrong = format!(
        "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"EdDSA\"\nkeys = [{:?}]",
        key("partner-p256.pub.pem")
    );
    assert!(sites::parse(&wrong).unwrap_err().contains("not a EdDSA public key"));
    // The HS256 secret never shows in logs.
    let hs = format!(
        "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"HS256\"\nkeys = [\"{SECRET}\"]"
    );
    let debug = format!("{:?}", sites::parse(&hs).unwrap());
    assert!(!debug.contains(SECRET) && debug.contains("HS256"), "{debug}");
}
