//! Publishers' webhooks through the outbox: the server binary as a process on
//! either backend, posting to a receiver in this test that checks every
//! signature (the `standardwebhooks` crate's own verification) and counts
//! deliveries by `webhook-id`. A receiver that fails for a while gets every
//! event once it recovers; a SIGKILL with messages in the outbox loses none
//! and doubles none; private addresses are refused; a delivery that fails
//! for too long is given up on and listed for /admin. (Three instances on
//! one PostgreSQL: `instances.rs`.)

use crate::common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use common::process::{UNLIMITED, exchange, serve_with};
use common::{empty_database, publishers_article};
use encart_server::db;
use encart_server::moderation::{self, Decision};
use serde_json::{Value, json};
use tokio::process::Child;

pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// One delivery the receiver accepted.
#[derive(Clone, Debug)]
pub struct Delivered {
    pub id: String,
    pub body: Value,
}

#[derive(Default)]
struct Seen {
    delivered: Vec<Delivered>,
    refused: usize,
    forged: usize,
}

/// A webhook receiver on 127.0.0.1: answers 503 while `failing`, else
/// checks the signature and keeps the delivery.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    seen: Arc<Mutex<Seen>>,
    failing: Arc<AtomicBool>,
}

impl Receiver {
    pub async fn start(failing: bool) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let receiver = Receiver {
            url: format!("http://{}/hook", listener.local_addr().unwrap()),
            seen: Arc::default(),
            failing: Arc::new(AtomicBool::new(failing)),
        };
        let app = Router::new().route("/hook", axum::routing::post(receive)).with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        receiver
    }

    pub fn fail(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }

    pub fn delivered(&self) -> Vec<Delivered> {
        self.seen.lock().unwrap().delivered.clone()
    }

    pub fn refused(&self) -> usize {
        self.seen.lock().unwrap().refused
    }

    pub fn forged(&self) -> usize {
        self.seen.lock().unwrap().forged
    }

    /// Waits (at most `wait`) until `count` distinct messages arrived, then
    /// a little longer for any repeat; their deliveries by `webhook-id`.
    pub async fn until(&self, count: usize, wait: Duration) -> HashMap<String, Vec<Value>> {
        let start = Instant::now();
        while self.by_id().len() < count {
            assert!(start.elapsed() < wait, "{} of {count} messages after {wait:?}", self.by_id().len());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(600)).await;
        self.by_id()
    }

    fn by_id(&self) -> HashMap<String, Vec<Value>> {
        let mut by_id: HashMap<String, Vec<Value>> = HashMap::new();
        for d in self.delivered() {
            by_id.entry(d.id).or_default().push(d.body);
        }
        by_id
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    if receiver.failing.load(Ordering::SeqCst) {
        receiver.seen.lock().unwrap().refused += 1;
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let signer = standardwebhooks::Webhook::new(SECRET).unwrap();
    if signer.verify(&body, &headers).is_err() {
        receiver.seen.lock().unwrap().forged += 1;
        return StatusCode::BAD_REQUEST;
    }
    let id = headers["webhook-id"].to_str().unwrap().to_owned();
    let body: Value = serde_json::from_slice(&body).unwrap();
    receiver.seen.lock().unwrap().delivered.push(Delivered { id, body });
    StatusCode::NO_CONTENT
}

/// A sites file with one site per `(origin, moderation)`, each with a webhook to `url`.
pub fn sites_file(sites: &[(&str, &str)], url: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "webhook-sites-{}-{}.toml",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let mut text = String::new();
    for (origin, moderation) in sites {
        text += &format!(
            "[[site]]\norigin = \"{origin}\"\nmoderation = \"{moderation}\"\n\
             [[site.webhook]]\nurl = \"{url}\"\nsecret = \"{SECRET}\"\n\n"
        );
    }
    std::fs::write(&path, text).unwrap();
    path
}

pub fn post_to(slug: &str, author: &str, body: &str) -> String {
    let json = json!({ "author": author, "body": body }).to_string();
    format!(
        "POST /api/v1/articles/{slug}/comments HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{json}",
        json.len()
    )
}

/// Posts `count` comments on `slug` through `address`; their ids and edit tokens.
pub async fn post_many(address: &str, slug: &str, count: usize) -> Vec<(String, String)> {
    let mut posted = Vec::new();
    for n in 0..count {
        let (status, json) = exchange(address, &post_to(slug, "Lectrice", &format!("Avis {n}"))).await.unwrap();
        assert_eq!(status, 201, "{json}");
        posted.push((
            json["comment"]["id"].as_str().unwrap().to_owned(),
            json["edit_token"].as_str().unwrap().to_owned(),
        ));
    }
    posted
}

/// The server on `url` with the sites file `sites` and these flags.
async fn serve(url: &str, sites: &std::path::Path, more: &[&str]) -> (Child, String) {
    let sites = sites.to_str().unwrap();
    serve_with(url, &[&UNLIMITED[..], &["--sites", sites, "--delivery-first-retry-ms", "100"], more].concat()).await
}

fn types(by_id: &HashMap<String, Vec<Value>>) -> Vec<String> {
    let mut types: Vec<String> = by_id.values().map(|b| b[0]["type"].as_str().unwrap().to_owned()).collect();
    types.sort();
    types
}

/// Long enough for a killed worker's lease (25 s) to end.
const WAIT: Duration = Duration::from_secs(40);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_reaches_the_webhook_signed_once_even_after_the_receiver_failed_for_a_while() {
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    publishers_article(&database, "Le Courrier", "courrier.example", "ouvert").await;
    publishers_article(&database, "La Vigie", "vigie.example", "modere").await;
    let receiver = Receiver::start(true).await;
    let sites = sites_file(&[("https://courrier.example", "open"), ("https://vigie.example", "pre")], &receiver.url);
    let (_server, address) = serve(&url, &sites, &["--allow-private-webhooks"]).await;

    // Published at once on one site, held on the other; a report, an author's deletion.
    let open = post_many(&address, "ouvert", 2).await;
    let held = post_many(&address, "modere", 3).await;
    let report = format!(
        "POST /api/v1/articles/ouvert/comments/{}/report HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: 17\r\n\r\n{{\"reason\":\"spam\"}}",
        open[0].0
    );
    assert_eq!(exchange(&address, &report).await.unwrap().0, 202);
    let delete = format!(
        "DELETE /api/v1/articles/ouvert/comments/{} HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer {}\r\n\r\n",
        open[1].0, open[1].1
    );
    assert_eq!(exchange(&address, &delete).await.unwrap().0, 204);
    // A moderator's decisions, made by another process on the same database (as /admin would).
    let sites_loaded = encart_server::sites::load(&sites).unwrap();
    let id = |n: usize| held[n].0.parse::<i64>().unwrap();
    moderation::decide(&database, &sites_loaded, "modo", Decision::Approve, &[id(0)]).await.unwrap();
    moderation::decide(&database, &sites_loaded, "modo", Decision::Spam, &[id(1)]).await.unwrap();
    moderation::decide(&database, &sites_loaded, "modo", Decision::Delete, &[id(2)]).await.unwrap();

    // The receiver refuses for a while: the worker retries with backoff.
    let start = Instant::now();
    while receiver.refused() < 3 {
        assert!(start.elapsed() < WAIT, "the worker tries the failing receiver");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(receiver.delivered().is_empty());
    receiver.fail(false);
    let by_id = receiver.until(10, WAIT).await;
    assert_eq!(
        types(&by_id),
        [
            "comment.approved",
            "comment.created",
            "comment.created",
            "comment.deleted",
            "comment.deleted",
            "comment.held",
            "comment.held",
            "comment.held",
            "comment.rejected",
            "comment.reported",
        ]
    );
    assert!(by_id.values().all(|deliveries| deliveries.len() == 1), "each message once: {by_id:?}");
    assert_eq!(receiver.forged(), 0, "every signature checks out");
    let reported = by_id.values().map(|b| &b[0]).find(|b| b["type"] == "comment.reported").unwrap();
    assert_eq!(reported["data"]["article"], "ouvert");
    assert_eq!(reported["data"]["comment"]["id"], open[0].0.as_str());
    assert_eq!(reported["data"]["comment"]["body"], "Avis 0");
    assert_eq!(reported["data"]["reason"], "spam");
    let approved = by_id.values().map(|b| &b[0]).find(|b| b["type"] == "comment.approved").unwrap();
    assert_eq!(
        (approved["data"]["article"].as_str(), approved["data"]["comment"]["id"].as_str()),
        (Some("modere"), Some(held[0].0.as_str()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_with_messages_in_the_outbox_loses_none_and_sends_none_twice() {
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    publishers_article(&database, "Le Courrier", "courrier.example", "ouvert").await;
    let receiver = Receiver::start(true).await;
    let sites = sites_file(&[("https://courrier.example", "open")], &receiver.url);
    let (mut server, address) = serve(&url, &sites, &["--allow-private-webhooks"]).await;

    // Twenty acknowledged while the receiver fails, ten more at the kill itself.
    let mut posted = post_many(&address, "ouvert", 20).await;
    let start = Instant::now();
    while receiver.refused() == 0 {
        assert!(start.elapsed() < WAIT, "the worker tries the failing receiver");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    posted.extend(post_many(&address, "ouvert", 10).await);
    server.start_kill().unwrap();
    server.wait().await.unwrap();
    receiver.fail(false);

    let (_server, _) = serve(&url, &sites, &["--allow-private-webhooks"]).await;
    let by_id = receiver.until(30, WAIT).await;
    assert_eq!(by_id.len(), 30, "every acknowledged comment's event");
    assert!(by_id.values().all(|deliveries| deliveries.len() == 1), "none twice: {by_id:?}");
    let mut comments: Vec<String> =
        by_id.values().map(|b| b[0]["data"]["comment"]["id"].as_str().unwrap().to_owned()).collect();
    comments.sort();
    comments.dedup();
    let mut acknowledged: Vec<String> = posted.into_iter().map(|(id, _)| id).collect();
    acknowledged.sort();
    assert_eq!(comments, acknowledged, "one message per acknowledged comment");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_to_private_addresses_are_refused_and_failures_are_given_up_on_for_admin() {
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    publishers_article(&database, "Le Courrier", "courrier.example", "ouvert").await;
    let receiver = Receiver::start(false).await;
    let port = receiver.url.split(':').nth(2).unwrap().split('/').next().unwrap().to_owned();
    // A loopback address, and a name that resolves to one: neither is reached.
    let by_name = format!("http://localhost:{port}/hook");
    let text = format!(
        "[[site]]\norigin = \"https://courrier.example\"\n\
         [[site.webhook]]\nurl = \"{}\"\nsecret = \"{SECRET}\"\n\
         [[site.webhook]]\nurl = \"{by_name}\"\nsecret = \"{SECRET}\"\n",
        receiver.url
    );
    let sites = sites_file(&[], "");
    std::fs::write(&sites, text).unwrap();
    let (mut server, address) = serve(&url, &sites, &[]).await;
    post_many(&address, "ouvert", 1).await;

    let start = Instant::now();
    let failed = loop {
        let failed = encart_server::outbox::failed(&database, 10).await.unwrap();
        if failed.len() == 2 {
            break failed;
        }
        assert!(start.elapsed() < WAIT, "both deliveries refused");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    for f in &failed {
        assert_eq!(f.attempts, 1, "never retried: {:?}", f.last_error);
        assert!(f.last_error.as_deref().unwrap().contains("private"), "{:?}", f.last_error);
        assert_eq!(f.event(), "comment.created");
    }
    // Listed for the moderators in /admin.
    encart_server::admin::add_moderator(&database, "Camille", "un mot de passe assez long").await.unwrap();
    let admin = common::router_for(
        encart_server::AppState::new(database.clone(), encart_server::Moderation::Open).unwrap(),
        encart_server::PostRate::unlimited(),
    );
    let cookie = crate::moderation::sign_in(&admin, "Camille", "un mot de passe assez long").await;
    let page = crate::moderation::admin_page(&admin, &cookie).await.html;
    assert!(page.contains("Webhook deliveries given up on"), "{page}");
    assert!(page.contains(&by_name) && page.contains(&receiver.url) && page.contains("comment.created"), "{page}");
    assert!(page.contains("private, loopback or link-local"), "{page}");
    assert!(receiver.delivered().is_empty() && receiver.refused() == 0, "nothing reached the receiver");
    server.start_kill().unwrap();
    server.wait().await.unwrap();

    // A receiver that keeps failing: retried, then given up on.
    let failing = Receiver::start(true).await;
    let sites = sites_file(&[("https://courrier.example", "open")], &failing.url);
    let (_other, address) = serve(&url, &sites, &["--allow-private-webhooks", "--delivery-give-up-secs", "1"]).await;
    post_many(&address, "ouvert", 1).await;
    let start = Instant::now();
    let given_up = loop {
        let failed = encart_server::outbox::failed(&database, 10).await.unwrap();
        if let Some(f) = failed.into_iter().find(|f| f.target == failing.url) {
            break f;
        }
        assert!(start.elapsed() < WAIT, "given up on within the test's wait");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(given_up.attempts >= 2, "retried before giving up: {}", given_up.attempts);
    assert_eq!(given_up.last_error.as_deref(), Some("answered 503"));
    assert_eq!(failing.refused(), usize::try_from(given_up.attempts).unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_racing_for_the_outbox_never_take_one_message_twice() {
    use encart_server::delivery::{Delivery, Worker};
    use encart_server::outbox::{Event, comment_event};
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    let receiver = Receiver::start(false).await;
    let sites =
        encart_server::sites::load(&sites_file(&[("https://courrier.example", "open")], &receiver.url)).unwrap();
    let comment = encart_api_types::Comment {
        id: "1".into(),
        parent: None,
        author: "Lectrice".into(),
        body: "Avis".into(),
        created: "2026-12-01T10:00:00Z".into(),
        replies: Vec::new(),
        deleted: false,
        verified: false,
        staff: false,
        recommends: 0,
        edited: false,
    };
    let mut tx = database.begin().await.unwrap();
    for _ in 0..300 {
        comment_event(&mut tx, &[&sites[0]], Event::Created, "ouvert", &comment, None).await.unwrap();
    }
    tx.commit().await.unwrap();
    // Eight workers on the one database, each taking batches of 4 as fast as it can.
    let sites = Arc::new(sites);
    let delivery = Delivery { batch: 4, ..Delivery::default() };
    let workers = (0..8).map(|_| {
        let worker = Worker::new(
            database.clone(),
            sites.clone(),
            Arc::new(encart_server::secrets::Secrets::random().unwrap()),
            encart_server::webhooks::Client::new(true),
            None,
            delivery.clone(),
        );
        tokio::spawn(async move {
            let mut taken = 0;
            loop {
                match worker.send_due().await.unwrap() {
                    0 => return taken,
                    n => taken += n,
                }
            }
        })
    });
    let taken: Vec<usize> = futures_util::future::join_all(workers).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(taken.iter().sum::<usize>(), 300, "taken once each in all: {taken:?}");
    let by_id = receiver.until(300, WAIT).await;
    assert!(by_id.values().all(|d| d.len() == 1));
}
