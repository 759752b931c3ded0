//! The server binary under crashes and shutdowns: a SIGKILL in the middle of
//! 1,000 concurrent posts loses no acknowledged comment and leaves a sound
//! database; a SIGTERM lets the requests in flight finish before exiting.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::process::{self, exchange, post_request};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::common;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("encart-durability-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn database_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("encart.db").display())
}

/// The server on `dir`'s database, without practical rate limits.
async fn serve(dir: &Path) -> (Child, String) {
    process::serve(&database_url(dir)).await
}

fn import(dir: &Path) {
    process::import(&database_url(dir));
}

async fn kill(child: &Child, signal: &str) {
    let pid = child.id().expect("the server runs").to_string();
    let status = Command::new("kill").args([signal, &pid]).status().await.unwrap();
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_during_1000_concurrent_posts_loses_no_acknowledged_comment() {
    let dir = scratch("sigkill");
    import(&dir);
    let (mut server, address) = serve(&dir).await;

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let mut posts = Vec::new();
    for n in 0..1000 {
        let (address, acknowledged) = (address.clone(), acknowledged.clone());
        posts.push(tokio::spawn(async move {
            let answer = exchange(&address, &post_request(&format!("Lecteur {n}"), &format!("Commentaire {n}"))).await;
            match answer {
                Some((201, json)) => {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                    Some(json["comment"]["id"].as_str().unwrap().to_owned())
                }
                _ => None,
            }
        }));
    }
    // Midway: some comments acknowledged, many still in flight.
    tokio::time::timeout(Duration::from_secs(60), async {
        while acknowledged.load(Ordering::SeqCst) < 100 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    })
    .await
    .expect("100 comments acknowledged within 60 s");
    kill(&server, "-KILL").await;
    server.wait().await.unwrap();

    let mut ids = Vec::new();
    for post in posts {
        ids.extend(post.await.unwrap());
    }
    assert!(ids.len() >= 100 && ids.len() < 1000, "killed midway: {} acknowledged", ids.len());

    // Restarted on the same file: it opens, and every acknowledged comment is there.
    let (mut restarted, address) = serve(&dir).await;
    let (status, _) = exchange(&address, "GET /healthz HTTP/1.0\r\nHost: x\r\n\r\n").await.unwrap();
    assert_eq!(status, 200);
    let db = encart_server::db::connect(&database_url(&dir)).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&db).await.unwrap();
    assert_eq!(integrity, "ok");
    let stored: Vec<i64> = sqlx::query_scalar("SELECT id FROM comments").fetch_all(&db).await.unwrap();
    let missing: Vec<&String> = ids.iter().filter(|id| !stored.contains(&id.parse().unwrap())).collect();
    assert!(missing.is_empty(), "{} acknowledged comments lost: {missing:?}", missing.len());
    restarted.kill().await.unwrap();
}

#[tokio::test]
async fn a_sigterm_lets_the_request_in_flight_finish_then_exits() {
    let dir = scratch("sigterm");
    import(&dir);
    let (mut server, address) = serve(&dir).await;

    // A client halfway through sending its comment when the server is told to stop.
    let request = post_request("Lente", "Envoyé en deux fois.");
    let (first, rest) = request.split_at(request.len() - 10);
    let mut stream = TcpStream::connect(&address).await.unwrap();
    stream.write_all(first.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    kill(&server, "-TERM").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(TcpStream::connect(&address).await.is_err(), "no new connections once stopping");
    stream.write_all(rest.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.0 201"), "the request in flight completes: {response}");

    let status = tokio::time::timeout(Duration::from_secs(10), server.wait()).await.expect("exits").unwrap();
    assert!(status.success(), "a clean exit: {status}");
    let db = encart_server::db::connect(&database_url(&dir)).await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM comments").fetch_one(&db).await.unwrap();
    assert_eq!(body, "Envoyé en deux fois.");
}
