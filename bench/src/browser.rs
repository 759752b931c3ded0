//! Cold page loads in headless Chromium: a fresh browser profile per load
//! (a new chromedriver session), timed by the probe in the page.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use fantoccini::ClientBuilder;
use serde_json::{Value, json};

use crate::report::{median, min_max};
use crate::server::free_port;

const PROBE: &str = include_str!("../pages/probe.js");
const WIDGET_PAGE: &str = include_str!("../pages/widget.html");

type Pages = Arc<Mutex<HashMap<String, String>>>;

/// The CDN stand-in (the demo's) and the partner pages, on two origins.
pub struct Sites {
    cdn: String,
    partner: String,
    pages: Pages,
}

impl Sites {
    /// `widget-{i}.html` embeds the article `slugs[i]`.
    pub async fn start(dist: &Path, api: &str, slugs: &[String]) -> anyhow::Result<Sites> {
        let cdn = serve(encart_demo::cdn_router(dist)).await?;
        let pages: Pages = Arc::default();
        let partner = serve(Router::new().route("/{page}", axum::routing::get(page)).with_state(pages.clone())).await?;
        let sites = Sites { cdn, partner, pages };
        for (i, slug) in slugs.iter().enumerate() {
            let html = WIDGET_PAGE
                .replace("{{PROBE}}", PROBE)
                .replace("{{CDN}}", &sites.cdn)
                .replace("{{API}}", api)
                .replace("{{ARTICLE}}", slug);
            sites.pages.lock().unwrap().insert(format!("widget-{i}.html"), html);
        }
        Ok(sites)
    }

    pub fn url(&self, page: &str) -> String {
        format!("{}/{page}", self.partner)
    }

    /// The floor page: the widget's DOM (`shadow_html`, captured from a
    /// load) written into the page as a declarative shadow root, no script
    /// but the probe. Returns its name.
    pub fn add_floor(&self, shadow_html: &str) -> String {
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>encart bench: the floor</title><script>{PROBE}</script></head>\
             <body><main><h1>Actualités</h1><encart-widget><template shadowrootmode=\"open\">{shadow_html}</template>\
             </encart-widget></main></body></html>\n"
        );
        self.pages.lock().unwrap().insert("floor.html".into(), html);
        "floor.html".into()
    }
}

async fn page(State(pages): State<Pages>, UrlPath(name): UrlPath<String>) -> Response {
    match pages.lock().unwrap().get(&name) {
        Some(html) => ([(header::CACHE_CONTROL, "no-store")], Html(html.clone())).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn serve(router: Router) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0)).await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(url)
}

/// A chromedriver process, stopped when dropped.
pub struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    pub fn start(binary: &Path) -> anyhow::Result<Chromedriver> {
        let port = free_port()?;
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so the browsers it starts go with it.
            .process_group(0)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let driver = Chromedriver { child, url: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            ensure!(Instant::now() < deadline, "chromedriver did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Chromedriver {
    /// Kills chromedriver and every browser it started (its process group),
    /// even when a test fails before closing its session.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// One load: ms from navigation start to the title, to 20 comments; requests made.
pub struct Run {
    pub title_ms: Option<f64>,
    pub comments_ms: Option<f64>,
    pub requests: u64,
    /// The paths fetched after the page itself, each with when it started and ended.
    pub resources: Vec<String>,
    /// The widget's shadow root HTML once complete (for the floor page).
    pub dom: Option<String>,
}

/// `n` loads of `url`, each in a new browser with a fresh profile.
pub async fn cold_loads(driver: &Chromedriver, url: &str, n: usize) -> anyhow::Result<Vec<Run>> {
    let mut runs = Vec::new();
    for _ in 0..n {
        runs.push(cold_load(driver, url).await?);
    }
    Ok(runs)
}

async fn cold_load(driver: &Chromedriver, url: &str) -> anyhow::Result<Run> {
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
            ]
        }
    });
    let browser = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().expect("an object").clone())
        .connect(&driver.url)
        .await
        .context("chromium does not start under chromedriver")?;
    let result = measure(&browser, url).await;
    let _ = browser.close().await;
    result
}

async fn measure(browser: &fantoccini::Client, url: &str) -> anyhow::Result<Run> {
    browser.goto(url).await?;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let probe = browser.execute("return window.__probe", vec![]).await?;
        let done = probe["comments"].is_number();
        if done || Instant::now() > deadline {
            let timings = browser
                .execute(
                    "return performance.getEntriesByType('resource')\
                     .map((e) => [new URL(e.name).pathname, e.startTime, e.responseEnd])",
                    vec![],
                )
                .await?;
            let timings: Vec<(String, f64, f64)> = serde_json::from_value(timings).unwrap_or_default();
            let resources: Vec<String> =
                timings.iter().map(|(path, start, end)| format!("{path}: {start:.0}–{end:.0} ms")).collect();
            let requests = resources.len() as u64 + 1;
            let dom = if done {
                let html = browser
                    .execute("return document.querySelector('encart-widget').shadowRoot.innerHTML", vec![])
                    .await?;
                html.as_str().map(str::to_owned)
            } else {
                None
            };
            let (title_ms, comments_ms) = (probe["title"].as_f64(), probe["comments"].as_f64());
            return Ok(Run { title_ms, comments_ms, requests, resources, dom });
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Median and range of each measure over `runs`.
pub fn summary(name: &str, runs: &[Run]) -> Value {
    let stats = |values: Vec<f64>| {
        let (min, max) = min_max(&values);
        json!({ "median": median(&values), "min": min, "max": max, "loads": values.len() })
    };
    let requests: Vec<f64> = runs.iter().map(|r| r.requests as f64).collect();
    json!({
        "page": name,
        "title_ms": stats(runs.iter().filter_map(|r| r.title_ms).collect()),
        "comments_ms": stats(runs.iter().filter_map(|r| r.comments_ms).collect()),
        "requests": median(&requests),
        "first_load_resources": runs.first().map(|r| r.resources.clone()).unwrap_or_default(),
        "incomplete_loads": runs.iter().filter(|r| r.comments_ms.is_none()).count(),
    })
}

pub fn line(entry: &Value) -> String {
    let cell = |key: &str| {
        let s = &entry[key];
        format!(
            "{:.0} ms ({:.0}–{:.0})",
            s["median"].as_f64().unwrap_or(f64::NAN),
            s["min"].as_f64().unwrap_or(f64::NAN),
            s["max"].as_f64().unwrap_or(f64::NAN)
        )
    };
    format!(
        "{:<40} title {:<22} 20 comments {:<22} {} requests",
        entry["page"].as_str().unwrap_or_default(),
        cell("title_ms"),
        cell("comments_ms"),
        entry["requests"]
    )
}
