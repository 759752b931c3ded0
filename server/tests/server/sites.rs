//! Partner sites from a sites file: their origins pass CORS, their modes
//! moderate the comments on their publishers' articles, their languages are
//! their widgets'.

use crate::common;

use std::net::SocketAddr;

use axum::Extension;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::*;
use encart_server::{AllowedOrigins, AppState, Moderation, ModerationPolicy, PostRate, app, sites};
use serde_json::json;

const ENGLISH: &str = "https://english.example";

#[tokio::test]
async fn a_sites_file_sets_cors_moderation_and_the_widgets_language_per_site() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let file = format!(
        "[[site]]\norigin = \"{ENGLISH}\"\nlanguage = \"en\"\nmoderation = \"pre\"\n\n\
         [[site]]\norigin = \"{PARTNER}\"\nlanguage = \"fr\"\n"
    );
    let sites = sites::parse(&file).unwrap();
    let (origins, policy) =
        sites::configure(AllowedOrigins::List(vec![]), ModerationPolicy::from(Moderation::Open), &sites).unwrap();
    publishers_article(&db, "English", "english.example", "english-article").await;
    publishers_article(&db, "French", "partner.example", "french-article").await;
    let state = AppState::new(db, policy).unwrap().with_sites(sites);
    let app = app(state, origins, PostRate::unlimited())
        .layer(Extension(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000)))));

    let embed = |origin: &str| {
        Request::get(format!("/api/v1/articles/{SLUG}/embed"))
            .header(header::ORIGIN, origin)
            .body(Body::empty())
            .unwrap()
    };
    // Each site's widget speaks its language (the article is French either way).
    let english = first_view(&app, embed(ENGLISH)).await;
    assert_eq!(english.status, StatusCode::OK);
    assert_eq!(english.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ENGLISH);
    assert_eq!(english.json["state"]["options"]["lang"], "en");
    assert!(english.json["html"].as_str().unwrap().contains("Leave a comment"));
    let french = first_view(&app, embed(PARTNER)).await;
    assert_eq!(french.json["state"]["options"]["lang"], "fr");
    assert!(french.json["html"].as_str().unwrap().contains("Laisser un commentaire"));
    // data-lang on the page still wins.
    let chosen = Request::get(format!("/api/v1/articles/{SLUG}/embed?lang=fr"))
        .header(header::ORIGIN, ENGLISH)
        .body(Body::empty())
        .unwrap();
    assert_eq!(first_view(&app, chosen).await.json["state"]["options"]["lang"], "fr");
    // A site not in the file gets no CORS answer.
    let stranger = send(&app, embed("https://stranger.example")).await;
    assert!(!stranger.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

    // The English site pre-moderates its publisher's articles; the French one
    // publishes at once (the server's default), whichever page the post says it comes from.
    let post_on = |slug: &str, origin: &str| {
        Request::post(format!("/api/v1/articles/{slug}/comments"))
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({"author": "A", "body": "B"}).to_string()))
            .unwrap()
    };
    let held = send(&app, post_on("english-article", PARTNER)).await;
    assert_eq!(held.json["visibility"], "awaiting_moderation", "{}", held.json);
    let published = send(&app, post_on("french-article", ENGLISH)).await;
    assert_eq!(published.json["visibility"], "published", "{}", published.json);
}
