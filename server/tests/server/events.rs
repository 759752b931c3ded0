//! Live updates, `GET /api/v1/articles/{slug}/events`: the server binary as
//! a process on either backend, read as a browser's `EventSource` reads it;
//! the pre-moderated case through `app()`. (Three instances on one
//! PostgreSQL: `instances.rs`.)

use crate::common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::process::{EventStream, UNLIMITED, exchange, import, post_request, serve_with};
use common::{SLUG, empty_database};
use encart_server::moderation::{self, Decision};
use encart_server::{AppState, Moderation, PostRate};
use futures_util::StreamExt;
use serde_json::json;
use tower::ServiceExt;

fn events(query: &str) -> String {
    format!("/api/v1/articles/{SLUG}/events{query}")
}

fn list_request() -> String {
    format!("GET /api/v1/articles/{SLUG}/comments HTTP/1.0\r\nHost: x\r\n\r\n")
}

const WAIT: Duration = Duration::from_secs(5);
/// How long a test listens to be sure nothing more comes.
const QUIET: Duration = Duration::from_millis(400);

/// The flags of a server without practical post limits, behind a trusted
/// proxy on 127.0.0.1 (each `X-Forwarded-For` a reader), with these too.
fn flags<'a>(more: &[&'a str]) -> Vec<&'a str> {
    [&UNLIMITED[..], &["--trusted-proxies", "127.0.0.1/32"], more].concat()
}

async fn post(address: &str, body: &str) -> serde_json::Value {
    let (status, json) = exchange(address, &post_request("Lectrice", body)).await.unwrap();
    assert_eq!(status, 201, "{json}");
    json
}

/// The body and publication number of the next event of `stream`.
async fn next(stream: &mut EventStream) -> (String, String, u64) {
    let event = stream.next(WAIT).await.expect("an event within 5 s");
    assert_eq!(event.event, "comment");
    (event.id, event.data["comment"]["body"].as_str().unwrap().to_owned(), event.data["total"].as_u64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_sends_each_published_comment_once_and_resumes_after_the_last_it_sent() {
    let url = empty_database().await;
    import(&url);
    // A short idle timeout: streams outlive it by their heartbeats.
    let (mut server, address) = serve_with(&url, &flags(&["--idle-timeout-secs", "2"])).await;
    let (_, page) = exchange(&address, &list_request()).await.unwrap();
    assert_eq!(page["live"], 0, "where a stream starts: no publication yet");

    let mut reader = EventStream::open(&address, &events(""), "").await;
    assert_eq!(reader.status, 200);
    post(&address, "Premier").await;
    assert_eq!(next(&mut reader).await, ("1".into(), "Premier".into(), 1));
    post(&address, "Deuxième").await;
    assert_eq!(next(&mut reader).await, ("2".into(), "Deuxième".into(), 2));

    // A reader whose page was read after the first (its `live` was 1): the
    // second at once; a browser reconnecting after the first
    // (`Last-Event-ID` wins over `?after=`): the same.
    let mut late = EventStream::open(&address, &events("?after=1"), "").await;
    assert_eq!(next(&mut late).await.1, "Deuxième");
    let mut resumed = EventStream::open(&address, &events("?after=0"), "Last-Event-ID: 1\r\n").await;
    assert_eq!(next(&mut resumed).await.1, "Deuxième");

    // Past the idle timeout, each stream gets the next one, and only it.
    tokio::time::sleep(Duration::from_secs(3)).await;
    post(&address, "Troisième").await;
    for stream in [&mut reader, &mut late, &mut resumed] {
        assert_eq!(next(stream).await, ("3".into(), "Troisième".into(), 3));
        assert_eq!(stream.next(QUIET).await, None, "nothing twice");
    }

    // What the stream must refuse, it refuses, changing nothing.
    for (query, header) in [("?after=x", ""), ("?after=-1", ""), ("", "Last-Event-ID: 1e3\r\n")] {
        let refused = EventStream::open(&address, &events(query), header).await;
        assert_eq!(refused.status, 400, "{query} {header}");
    }
    let unknown = EventStream::open(&address, "/api/v1/articles/nope/events", "").await;
    assert_eq!(unknown.status, 404);

    // Stopping (SIGTERM) ends the open streams rather than waiting on them.
    let pid = server.id().unwrap().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let exited = tokio::time::timeout(Duration::from_secs(10), server.wait()).await;
    assert!(exited.is_ok_and(|status| status.unwrap().success()), "the server waited on its event streams");
    assert_eq!(reader.next(WAIT).await, None, "the stream ended with it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_streams_is_bounded_per_client_and_in_all_and_the_api_still_answers() {
    let url = empty_database().await;
    import(&url);
    let limits = ["--max-event-streams-per-client", "2", "--max-event-streams", "5", "--idle-timeout-secs", "3"];
    let (_server, address) = serve_with(&url, &flags(&limits)).await;
    let from = |n: usize| format!("X-Forwarded-For: 192.0.2.{n}\r\n");

    let mut open = vec![
        EventStream::open(&address, &events(""), &from(1)).await,
        EventStream::open(&address, &events(""), &from(1)).await,
    ];
    assert!(open.iter().all(|s| s.status == 200));
    assert_eq!(EventStream::open(&address, &events(""), &from(1)).await.status, 429, "a third from one reader");
    for n in 2..5 {
        open.push(EventStream::open(&address, &events(""), &from(n)).await);
    }
    assert!(open.iter().all(|s| s.status == 200));

    // The flood: 300 more at once, from 300 addresses. All refused.
    let flood: Vec<_> = (10..310)
        .map(|n| {
            let (address, header) = (address.clone(), from(n));
            tokio::spawn(async move { EventStream::open(&address, &events(""), &header).await.status })
        })
        .collect();
    for attempt in flood {
        assert_eq!(attempt.await.unwrap(), 429);
    }
    // Meanwhile the API answers, and the open streams hear what is posted.
    let (status, _) = exchange(&address, &list_request()).await.unwrap();
    assert_eq!(status, 200);
    post(&address, "Pendant le flot").await;
    for stream in &mut open {
        assert_eq!(next(stream).await.1, "Pendant le flot");
    }

    // Closed streams give their places back (the server notices at the next heartbeat).
    open.truncate(3);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let again = EventStream::open(&address, &events(""), &from(400)).await;
        if again.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "no place came back");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Through `app()`, on either backend: a held comment is sent once a
/// moderator approves it, never before.
#[tokio::test]
async fn a_held_comment_is_sent_when_approved_and_not_before() {
    let db = common::db().await;
    let _ = common::seeded(db.clone()).await;
    let state = AppState::new(db.clone(), Moderation::Pre).unwrap();
    let app = common::router_for(state.clone(), PostRate::unlimited());
    let request = Request::get(events("")).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_eq!(response.headers()["cache-control"], "no-store, no-transform");
    let mut body = response.into_body().into_data_stream();
    let mut text = String::new();
    let mut read_until = async |wanted: &str, within: Duration| -> bool {
        let deadline = tokio::time::Instant::now() + within;
        while !text.contains(wanted) {
            match tokio::time::timeout_at(deadline, body.next()).await {
                Ok(Some(Ok(bytes))) => text.push_str(std::str::from_utf8(&bytes).unwrap()),
                _ => return false,
            }
        }
        true
    };

    let held = common::post(
        &app,
        &format!("/api/v1/articles/{SLUG}/comments"),
        json!({"author": "A", "body": "En attente"}).to_string(),
    )
    .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.json);
    assert_eq!(held.json["visibility"], "awaiting_moderation");
    assert!(!read_until("En attente", QUIET).await, "held: not sent");
    let id: i64 = held.json["comment"]["id"].as_str().unwrap().parse().unwrap();
    moderation::decide(&db, &[], "modo", Decision::Approve, &[id]).await.unwrap();
    state.written(SLUG).await;
    assert!(read_until("En attente", WAIT).await, "sent once approved: {text}");
    assert!(text.contains("event: comment\nid: 1\n"), "{text}");
}
