//! Plain HTTP/1.1 calls to the API (hyper), for seeding, checking and timing.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

async fn call(client: &HttpClient, request: Request<Full<Bytes>>) -> anyhow::Result<(u16, Bytes)> {
    let response = client.request(request).await.context("request failed")?;
    let status = response.status().as_u16();
    Ok((status, response.into_body().collect().await?.to_bytes()))
}

pub async fn get_bytes(url: &str) -> anyhow::Result<Bytes> {
    let (status, body) = call(&client(), Request::get(url).body(Full::default())?).await?;
    ensure!(status == 200, "GET {url}: {status}");
    Ok(body)
}

async fn get_json(client: &HttpClient, url: &str) -> anyhow::Result<Value> {
    let (status, body) = call(client, Request::get(url).body(Full::default())?).await?;
    ensure!(status == 200, "GET {url}: {status}");
    Ok(serde_json::from_slice(&body)?)
}

/// POSTs `body` as JSON; returns the status.
pub async fn post_json(url: &str, body: &Value) -> anyhow::Result<u16> {
    let request =
        Request::post(url).header("content-type", "application/json").body(Full::new(Bytes::from(body.to_string())))?;
    Ok(call(&client(), request).await?.0)
}

/// POSTs `body` as JSON; returns the status and the JSON answer.
pub async fn post_json_answer(url: &str, body: &Value) -> anyhow::Result<(u16, Value)> {
    let request =
        Request::post(url).header("content-type", "application/json").body(Full::new(Bytes::from(body.to_string())))?;
    let (status, answer) = call(&client(), request).await?;
    Ok((status, serde_json::from_slice(&answer).unwrap_or_default()))
}

/// One GET over a new connection, in ms (what a cold reader's request costs).
pub async fn time_get(url: &str) -> anyhow::Result<f64> {
    let client = client();
    let start = Instant::now();
    let (status, _) = call(&client, Request::get(url).body(Full::default())?).await?;
    ensure!(status == 200, "GET {url}: {status}");
    Ok(start.elapsed().as_secs_f64() * 1000.0)
}

pub struct Writes {
    /// Ids of the comments answered 201.
    pub acknowledged: Vec<String>,
    pub refused: usize,
    pub elapsed: Duration,
}

impl Writes {
    pub fn per_second(&self) -> f64 {
        self.acknowledged.len() as f64 / self.elapsed.as_secs_f64()
    }
}

/// `writers` concurrent clients POST comments on `slug` until `count` are acknowledged.
pub async fn post_comments(api: &str, slug: &str, count: usize, writers: usize) -> anyhow::Result<Writes> {
    let url = format!("{api}/api/v1/articles/{slug}/comments");
    let taken = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..writers {
        let (url, taken, client) = (url.clone(), taken.clone(), client());
        tasks.push(tokio::spawn(async move {
            let (mut acknowledged, mut refused) = (Vec::new(), 0);
            loop {
                let n = taken.fetch_add(1, Ordering::Relaxed);
                if n >= count {
                    break;
                }
                let body = json!({
                    "author": format!("Lecteur {n}"),
                    "body": format!("Commentaire numéro {n} : une lecture attentive de l’article, merci."),
                });
                let request = Request::post(&url)
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(body.to_string())))?;
                let (status, answer) = call(&client, request).await?;
                if status == 201 {
                    let posted: Value = serde_json::from_slice(&answer)?;
                    acknowledged.push(posted["comment"]["id"].as_str().context("no id")?.to_owned());
                } else {
                    refused += 1;
                    taken.fetch_sub(1, Ordering::Relaxed);
                    ensure!(refused <= 1000, "the API refused {refused} posts, the last with {status}");
                }
            }
            anyhow::Ok((acknowledged, refused))
        }));
    }
    let mut writes = Writes { acknowledged: Vec::new(), refused: 0, elapsed: Duration::ZERO };
    for task in tasks {
        let (acknowledged, refused) = task.await??;
        writes.acknowledged.extend(acknowledged);
        writes.refused += refused;
    }
    writes.elapsed = start.elapsed();
    Ok(writes)
}

/// Every comment id the API lists for `slug`, page after page.
pub async fn all_comment_ids(api: &str, slug: &str) -> anyhow::Result<HashSet<String>> {
    let client = client();
    let mut ids = HashSet::new();
    let mut after: Option<String> = None;
    loop {
        let mut url = format!("{api}/api/v1/articles/{slug}/comments?limit=100");
        if let Some(cursor) = &after {
            url.push_str("&after=");
            url.push_str(cursor);
        }
        let page = get_json(&client, &url).await?;
        for comment in page["comments"].as_array().context("no comments array")? {
            ids.insert(comment["id"].as_str().context("no id")?.to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_owned()),
            None => return Ok(ids),
        }
    }
}

/// Recommends comment `id` of `slug` as anonymous reader number `reader`,
/// at an address of its own (the server trusts the bench's
/// `X-Forwarded-For`); returns the status.
pub async fn recommend(api: &str, slug: &str, id: &str, reader: u32) -> anyhow::Result<u16> {
    let url = format!("{api}/api/v1/articles/{slug}/comments/{id}/recommendation");
    let address = format!("10.{}.{}.{}", (reader >> 16) & 255, (reader >> 8) & 255, reader & 255);
    let body = json!({ "recommended": true, "browser": format!("{reader:032x}") });
    let request = Request::post(url)
        .header("content-type", "application/json")
        .header("x-forwarded-for", address)
        .body(Full::new(Bytes::from(body.to_string())))?;
    Ok(call(&client(), request).await?.0)
}

/// An open event stream of an article, read in its own task: when it
/// received its first `comment` event, if it has.
pub struct Listener {
    pub heard: Arc<std::sync::Mutex<Option<Instant>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Opens `GET /api/v1/articles/{slug}/events` over raw HTTP/1.0 (as
/// `EventSource` does); returns once the server answered 200.
pub async fn listen(address: &str, slug: &str) -> anyhow::Result<Listener> {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let request =
        format!("GET /api/v1/articles/{slug}/events HTTP/1.0\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut lines = BufReader::new(stream).lines();
    let status = lines.next_line().await?.unwrap_or_default();
    ensure!(status.contains(" 200 "), "the event stream answered {status:?}");
    let heard = Arc::new(std::sync::Mutex::new(None));
    let mark = heard.clone();
    let task = tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            if line == "event: comment" {
                mark.lock().unwrap().get_or_insert_with(Instant::now);
            }
        }
    });
    Ok(Listener { heard, task })
}
