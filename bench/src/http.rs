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
