//! Three server processes on one PostgreSQL database, as a scaled-out
//! deployment runs: a comment posted through one is listed by the others
//! (their read caches dropped by `NOTIFY`, not after the cache's 60 s), and
//! concurrent posts through all three lose nothing; live event streams on
//! each hear what is published through any, once each, numbered in order.
//!
//! Needs PostgreSQL: `cargo xtask test` runs it against its throwaway
//! cluster (`ENCART_TEST_POSTGRES`, `--include-ignored`).

use crate::common;

use std::time::{Duration, Instant};

use common::process::{EventStream, exchange, import, post_request, serve};
use common::{SLUG, postgres_db};

fn list_request() -> String {
    format!("GET /api/v1/articles/{SLUG}/comments HTTP/1.0\r\nHost: x\r\n\r\n")
}

/// The first page's `total` and bodies, as instance `address` serves it.
async fn listed(address: &str) -> (u64, Vec<String>) {
    let (status, json) = exchange(address, &list_request()).await.expect("the instance answers");
    assert_eq!(status, 200, "{json}");
    let bodies = json["comments"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap().to_owned());
    (json["total"].as_u64().unwrap(), bodies.collect())
}

/// How long `address` took to list `total` comments (polled every 5 ms, at most 5 s).
async fn time_to_list(address: &str, total: u64) -> Duration {
    let start = Instant::now();
    loop {
        if listed(address).await.0 == total {
            return start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{address} still lists a stale page after 5 s");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Our article imported into the database at `url`, and three instances of
/// the server on it, with their addresses.
async fn three_instances(url: &str) -> (Vec<tokio::process::Child>, Vec<String>) {
    import(url);
    let mut instances = Vec::new();
    let mut addresses = Vec::new();
    for _ in 0..3 {
        let (child, address) = serve(url).await;
        instances.push(child);
        addresses.push(address);
    }
    (instances, addresses)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test runs it with ENCART_TEST_POSTGRES"]
async fn three_instances_on_one_postgresql_agree_and_lose_nothing() {
    let (db, url) = postgres_db().await.expect("ENCART_TEST_POSTGRES names a PostgreSQL server");
    let (instances, addresses) = three_instances(&url).await;

    // Each instance holds the empty first page in its cache.
    for address in &addresses {
        assert_eq!(listed(address).await, (0, vec![]));
    }
    let (status, posted) = exchange(&addresses[0], &post_request("Alice", "Publié par la première")).await.unwrap();
    assert_eq!(status, 201, "{posted}");
    for address in &addresses[1..] {
        let lag = time_to_list(address, 1).await;
        println!("{address} listed the new comment after {lag:?}");
        assert!(lag < Duration::from_secs(1), "not a cache expiry (60 s): {lag:?}");
        assert_eq!(listed(address).await.1, vec!["Publié par la première".to_owned()]);
    }

    // 100 concurrent posts through each instance.
    let mut posts = Vec::new();
    for (i, address) in addresses.iter().enumerate() {
        for n in 0..100 {
            let address = address.clone();
            posts.push(tokio::spawn(async move {
                exchange(&address, &post_request(&format!("Lecteur {i}-{n}"), &format!("Commentaire {i}-{n}"))).await
            }));
        }
    }
    let mut acknowledged = vec![posted["comment"]["id"].as_str().unwrap().parse::<i64>().unwrap()];
    for post in posts {
        let (status, json) = post.await.unwrap().expect("the instance answers");
        assert_eq!(status, 201, "{json}");
        acknowledged.push(json["comment"]["id"].as_str().unwrap().parse().unwrap());
    }
    let stored: Vec<i64> = sqlx::query_scalar("SELECT id FROM comments").fetch_all(&db).await.unwrap();
    let missing: Vec<&i64> = acknowledged.iter().filter(|id| !stored.contains(id)).collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert_eq!(stored.len(), 301);
    for address in &addresses {
        time_to_list(address, 301).await;
    }
    for mut child in instances {
        child.kill().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test runs it with ENCART_TEST_POSTGRES"]
async fn event_streams_on_every_instance_hear_what_any_publishes_once_and_in_order() {
    let (_db, url) = postgres_db().await.expect("ENCART_TEST_POSTGRES names a PostgreSQL server");
    let (instances, addresses) = three_instances(&url).await;
    let path = format!("/api/v1/articles/{SLUG}/events");
    let mut streams = Vec::new();
    for address in &addresses {
        // Two readers on each instance.
        for _ in 0..2 {
            let stream = EventStream::open(address, &path, "").await;
            assert_eq!(stream.status, 200);
            streams.push(stream);
        }
    }
    // 30 posts at once, ten through each instance.
    let mut posts = Vec::new();
    for (i, address) in addresses.iter().enumerate() {
        for n in 0..10 {
            let address = address.clone();
            posts.push(tokio::spawn(async move {
                exchange(&address, &post_request("Lecteur", &format!("Commentaire {i}-{n}"))).await
            }));
        }
    }
    for post in posts {
        assert_eq!(post.await.unwrap().expect("the instance answers").0, 201);
    }
    // Every stream: publications 1 to 30, each once, in order.
    for stream in &mut streams {
        let start = Instant::now();
        let mut ids = Vec::new();
        while ids.len() < 30 {
            let event = stream.next(Duration::from_secs(5)).await.expect("an event within 5 s");
            ids.push(event.id.parse::<u64>().unwrap());
        }
        assert_eq!(ids, (1..=30).collect::<Vec<_>>());
        assert_eq!(stream.next(Duration::from_millis(300)).await, None, "nothing twice");
        println!("a stream heard all 30 within {:?} of the last post", start.elapsed());
    }
    for mut child in instances {
        child.kill().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test runs it with ENCART_TEST_POSTGRES"]
async fn three_instances_deliver_each_webhook_message_once() {
    use crate::webhooks::{Receiver, post_many, sites_file};
    let (db, url) = postgres_db().await.expect("ENCART_TEST_POSTGRES names a PostgreSQL server");
    common::publishers_article(&db, "Le Courrier", "courrier.example", "ouvert").await;
    // The receiver fails at first, so that all three workers find messages due at once.
    let receiver = Receiver::start(true).await;
    let sites = sites_file(&[("https://courrier.example", "open")], &receiver.url);
    let flags = [
        &common::process::UNLIMITED[..],
        &["--sites", sites.to_str().unwrap(), "--allow-private-webhooks", "--delivery-first-retry-ms", "300"],
    ]
    .concat();
    let mut instances = Vec::new();
    for _ in 0..3 {
        instances.push(common::process::serve_with(&url, &flags).await);
    }
    let posts = instances.iter().map(|(_, address)| post_many(address, "ouvert", 10));
    let posted: Vec<String> =
        futures_util::future::join_all(posts).await.into_iter().flatten().map(|(id, _)| id).collect();
    while receiver.refused() < 30 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    receiver.fail(false);
    let by_id = receiver.until(30, Duration::from_secs(30)).await;
    assert_eq!(by_id.len(), 30);
    assert!(by_id.values().all(|d| d.len() == 1), "no message twice across instances: {by_id:?}");
    let mut comments: Vec<&str> = by_id.values().map(|d| d[0]["data"]["comment"]["id"].as_str().unwrap()).collect();
    comments.sort_unstable();
    let mut posted: Vec<&str> = posted.iter().map(String::as_str).collect();
    posted.sort_unstable();
    assert_eq!(comments, posted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test runs it with ENCART_TEST_POSTGRES"]
async fn three_instances_tell_a_reader_of_every_answer_once() {
    use crate::mail::{Inbox, Smtpd, free_port, scratch};
    let (db, url) = postgres_db().await.expect("ENCART_TEST_POSTGRES names a PostgreSQL server");
    common::publishers_article(&db, "Le Courrier", "courrier.example", "ouvert").await;
    let dir = scratch("instances");
    let port = free_port();
    let _smtpd = Smtpd::start(port, &dir.join("maildir")).await;
    let smtp = format!("smtp://127.0.0.1:{port}");
    let flags = [
        &common::process::UNLIMITED[..],
        &[
            "--smtp-url",
            &smtp,
            "--mail-from",
            "encart <reponses@encart.example>",
            "--public-url",
            "https://api.example",
        ],
        &["--replies-every-secs", "2", "--delivery-first-retry-ms", "100"],
    ]
    .concat();
    let mut instances = Vec::new();
    for _ in 0..3 {
        instances.push(common::process::serve_with(&url, &flags).await);
    }
    let post = |address: String, body: serde_json::Value| async move {
        let json = body.to_string();
        let request = format!(
            "POST /api/v1/articles/ouvert/comments HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{json}",
            json.len()
        );
        let (status, answer) = exchange(&address, &request).await.unwrap();
        assert_eq!(status, 201, "{answer}");
        answer["comment"]["id"].as_str().unwrap().to_owned()
    };
    let asked = serde_json::json!({"author": "Léa", "body": "Qui sait ?", "notify": true, "email": "lea@lecteurs.example",
                                   "page": "https://courrier.example/ouvert"});
    let lea = post(instances[0].1.clone(), asked).await;
    sqlx::query("UPDATE mail_addresses SET confirmed_at = created_at").execute(&db).await.unwrap();
    // Thirty answers at once, ten through each instance.
    let answers = (0..30).map(|n| {
        let body =
            serde_json::json!({"author": format!("Lecteur {n}"), "body": format!("Réponse {n}."), "parent": lea});
        post(instances[n % 3].1.clone(), body)
    });
    let mut posted: Vec<String> = futures_util::future::join_all(answers).await;
    posted.sort();
    // Every answer in exactly one e-mail (the confirmation was skipped by hand).
    let mut inbox = Inbox::new(&dir.join("maildir"));
    let mut told: Vec<String> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while told.len() < 30 {
        assert!(Instant::now() < deadline, "{} of 30 answers told: {told:?}", told.len());
        inbox.until(inbox.seen.len() + 1, Duration::from_secs(30)).await;
        let mail = inbox.seen.last().unwrap();
        told.extend(
            mail.text.split("#encart-comment-").skip(1).map(|rest| rest.split_whitespace().next().unwrap().to_owned()),
        );
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    inbox.until(inbox.seen.len(), Duration::from_secs(1)).await;
    let told_after: Vec<String> = inbox
        .seen
        .iter()
        .flat_map(|m| m.text.split("#encart-comment-").skip(1).map(|r| r.split_whitespace().next().unwrap().to_owned()))
        .collect();
    let mut sorted = told_after.clone();
    sorted.sort();
    assert_eq!(sorted, posted, "each answer told once, across {} e-mails", inbox.seen.len());
    assert!(inbox.seen.len() <= 30);
}
