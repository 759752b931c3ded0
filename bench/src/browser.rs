//! Cold page loads in headless Chromium: a fresh browser profile per load
//! (a new chromedriver session), timed by the probe in the page.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use fantoccini::ClientBuilder;
use serde_json::{Value, json};

use crate::report::{median, stats};
pub use encart_demo::chromedriver::Chromedriver;

const PROBE: &str = include_str!("../pages/probe.js");
const WIDGET_PAGE: &str = include_str!("../pages/widget.html");
const ISSO_PAGE: &str = include_str!("../pages/isso.html");
const ISSO_PROBE: &str = include_str!("../pages/isso-probe.js");

type Pages = Arc<Mutex<HashMap<String, String>>>;

/// The CDN stand-in (the demo's) and the partner pages, on two origins.
pub struct Sites {
    cdn: String,
    partner: String,
    pages: Pages,
}

impl Sites {
    /// `widget-{i}.html` embeds the article `slugs[i]` (the server's first
    /// view, then hydration); `client-{i}.html` the same with
    /// `data-render="client"` (the module renders everything).
    pub async fn start(dist: &Path, api: &str, slugs: &[String]) -> anyhow::Result<Sites> {
        let cdn = serve(encart_demo::cdn_router(dist)).await?;
        let pages: Pages = Arc::default();
        let partner = serve(Router::new().route("/{page}", axum::routing::get(page)).with_state(pages.clone())).await?;
        let sites = Sites { cdn, partner, pages };
        for (i, slug) in slugs.iter().enumerate() {
            for (name, render) in [("widget", ""), ("client", " data-render=\"client\"")] {
                let html = WIDGET_PAGE
                    .replace("{{PROBE}}", PROBE)
                    .replace("{{CDN}}", &sites.cdn)
                    .replace("{{API}}", api)
                    .replace("{{ARTICLE}}", slug)
                    .replace("{{RENDER}}", render);
                sites.pages.lock().unwrap().insert(format!("{name}-{i}.html"), html);
            }
        }
        Ok(sites)
    }

    pub fn url(&self, page: &str) -> String {
        format!("{}/{page}", self.partner)
    }

    /// `sorted-{sort}.html`: the article `slug` with `data-sort="{sort}"`
    /// (first view, then hydration). Returns its name.
    pub fn add_sorted(&self, api: &str, slug: &str, sort: &str) -> String {
        let html = WIDGET_PAGE
            .replace("{{PROBE}}", PROBE)
            .replace("{{CDN}}", &self.cdn)
            .replace("{{API}}", api)
            .replace("{{ARTICLE}}", slug)
            .replace("{{RENDER}}", &format!(" data-sort=\"{sort}\""));
        let name = format!("sorted-{sort}.html");
        self.pages.lock().unwrap().insert(name.clone(), html);
        name
    }

    /// Serves `html` at `name` on the partner's site.
    pub fn add_page(&self, name: &str, html: String) {
        self.pages.lock().unwrap().insert(name.to_owned(), html);
    }

    pub fn cdn(&self) -> &str {
        &self.cdn
    }

    /// The partner's origin, for the CORS of other servers.
    pub fn partner(&self) -> &str {
        &self.partner
    }

    /// A page that embeds Isso's thread from `isso`. Returns its name.
    pub fn add_isso(&self, isso: &str, thread: &str) -> String {
        let html = ISSO_PAGE.replace("{{PROBE}}", ISSO_PROBE).replace("{{ISSO}}", isso).replace("{{THREAD}}", thread);
        self.pages.lock().unwrap().insert("isso.html".into(), html);
        "isso.html".into()
    }

    /// The floor page: the widget's DOM (`shadow_html`, captured from a
    /// load) and stylesheet written into the page as a declarative shadow
    /// root, no script but the probe. Returns its name.
    pub fn add_floor(&self, css: &str, shadow_html: &str) -> String {
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>encart bench: the floor</title><script>{PROBE}</script></head>\
             <body><main><h1>Actualités</h1><encart-widget><template shadowrootmode=\"open\"><style>{css}</style>{shadow_html}</template>\
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

/// One load: ms from navigation start to the title, to 20 comments, to a
/// usable form; requests made.
pub struct Run {
    pub title_ms: Option<f64>,
    pub comments_ms: Option<f64>,
    pub usable_ms: Option<f64>,
    pub requests: u64,
    /// The paths fetched after the page itself, each with when it started and ended.
    pub resources: Vec<String>,
    /// The widget's shadow root HTML once complete (for the floor page).
    pub dom: Option<String>,
}

/// How the browser's network and CPU are held back, through the Chrome
/// DevTools Protocol: a slow phone on a slow connection.
#[derive(Clone, Copy, PartialEq)]
pub enum Conditions {
    Unthrottled,
    /// 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU 4 times slower.
    Throttled,
}

impl Conditions {
    pub fn name(self) -> &'static str {
        match self {
            Conditions::Unthrottled => "unthrottled",
            Conditions::Throttled => "throttled (150 ms, 1.6 Mbit/s, CPU 4x)",
        }
    }
}

/// One Chrome DevTools Protocol command, sent through chromedriver.
#[derive(Debug)]
pub struct Cdp {
    pub cmd: &'static str,
    pub params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

/// `n` rounds of one load of each of `urls`, each load in a new browser with
/// a fresh profile: `runs[i]` are the loads of `urls[i]`. Rounds, not `n`
/// loads of one page then `n` of the next, so that a slow spell of the
/// machine (this VM's host steals CPU at times) weighs on every page alike
/// and the ratios between them hold.
pub async fn cold_loads(
    driver: &Chromedriver,
    urls: &[String],
    n: usize,
    conditions: Conditions,
) -> anyhow::Result<Vec<Vec<Run>>> {
    let mut runs: Vec<Vec<Run>> = urls.iter().map(|_| Vec::new()).collect();
    for _ in 0..n {
        for (url, runs) in urls.iter().zip(&mut runs) {
            runs.push(cold_load(driver, url, conditions).await?);
        }
    }
    Ok(runs)
}

/// One load of `url` in a new browser, not counted: warms what the next
/// loads read from disk (Chromium's files), and returns what it measured
/// (the widget's DOM for the floor page).
pub async fn warm_up(driver: &Chromedriver, url: &str) -> anyhow::Result<Run> {
    cold_load(driver, url, Conditions::Unthrottled).await
}

async fn cold_load(driver: &Chromedriver, url: &str, conditions: Conditions) -> anyhow::Result<Run> {
    let browser = new_browser(driver, (1280, 1600), false).await?;
    if conditions == Conditions::Throttled {
        throttle(&browser).await?;
    }
    let result = measure(&browser, url).await;
    let _ = browser.close().await;
    result
}

/// A new Chromium under `driver`, with a fresh profile and a window of
/// `width` × `height`; with `network_log`, its DevTools events kept for
/// chromedriver's `se/log` (the Web Vitals' bytes).
pub async fn new_browser(
    driver: &Chromedriver,
    (width, height): (u32, u32),
    network_log: bool,
) -> anyhow::Result<fantoccini::Client> {
    let mut capabilities = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", format!("--window-size={width},{height}"),
            ]
        }
    });
    if network_log {
        capabilities["goog:loggingPrefs"] = json!({ "performance": "ALL" });
    }
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().expect("an object").clone())
        .connect(&driver.url)
        .await
        .context("chromium does not start under chromedriver")
}

/// [`Conditions::Throttled`] on `browser`.
pub async fn throttle(browser: &fantoccini::Client) -> anyhow::Result<()> {
    let network = json!({
        "offline": false, "latency": 150,
        "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8,
    });
    browser.issue_cmd(Cdp { cmd: "Network.enable", params: json!({}) }).await?;
    browser.issue_cmd(Cdp { cmd: "Network.emulateNetworkConditions", params: network }).await?;
    browser.issue_cmd(Cdp { cmd: "Emulation.setCPUThrottlingRate", params: json!({ "rate": 4 }) }).await?;
    Ok(())
}

/// Waits in the page (no WebDriver round-trips while it loads, which would
/// take the page's CPU) until 20 comments show and the form is usable, or
/// only the comments on the floor page, which has no module to wait for.
const WAIT_JS: &str = r#"
const done = arguments[arguments.length - 1];
const module = !!document.querySelector('script[src$="/embed.js"]');
const check = () => {
  const p = window.__probe || {};
  if (typeof p.comments == "number" && (typeof p.usable == "number" || !module)) done(true);
  else setTimeout(check, 25);
};
check();
"#;

async fn measure(browser: &fantoccini::Client, url: &str) -> anyhow::Result<Run> {
    browser.goto(url).await?;
    // An unfinished load (30 s, WebDriver's script timeout) is reported as
    // such in the summary (`incomplete_loads`), not as an error.
    let _ = browser.execute_async(WAIT_JS, vec![]).await;
    let probe = browser.execute("return window.__probe", vec![]).await?;
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
    let dom = if probe["comments"].is_number() {
        let script = "const w = document.querySelector('encart-widget'); return w && w.shadowRoot ? w.shadowRoot.innerHTML : null";
        let html = browser.execute(script, vec![]).await?;
        html.as_str().map(str::to_owned)
    } else {
        None
    };
    let (title_ms, comments_ms, usable_ms) =
        (probe["title"].as_f64(), probe["comments"].as_f64(), probe["usable"].as_f64());
    Ok(Run { title_ms, comments_ms, usable_ms, requests, resources, dom })
}

/// Median and range of each measure over `runs`.
pub fn summary(name: &str, runs: &[Run]) -> Value {
    let requests: Vec<f64> = runs.iter().map(|r| r.requests as f64).collect();
    json!({
        "page": name,
        "title_ms": stats(runs.iter().filter_map(|r| r.title_ms).collect()),
        "comments_ms": stats(runs.iter().filter_map(|r| r.comments_ms).collect()),
        "usable_ms": stats(runs.iter().filter_map(|r| r.usable_ms).collect()),
        "requests": median(&requests),
        "first_load_resources": runs.first().map(|r| r.resources.clone()).unwrap_or_default(),
        "incomplete_loads": runs.iter().filter(|r| r.comments_ms.is_none()).count(),
    })
}

pub fn line(entry: &Value) -> String {
    let cell = |key: &str| {
        let s = &entry[key];
        if s["loads"] == 0 {
            return "-".to_owned();
        }
        format!(
            "{:.0} ms ({:.0}–{:.0})",
            s["median"].as_f64().unwrap_or(f64::NAN),
            s["min"].as_f64().unwrap_or(f64::NAN),
            s["max"].as_f64().unwrap_or(f64::NAN)
        )
    };
    format!(
        "{:<44} title {:<20} 20 comments {:<20} form {:<20} {} requests",
        entry["page"].as_str().unwrap_or_default(),
        cell("title_ms"),
        cell("comments_ms"),
        cell("usable_ms"),
        entry["requests"]
    )
}

/// Watches, in the page, for the "N new comments" button of the first
/// widget and notes when it appears (ms since the epoch).
const NOTICE_JS: &str = r#"
const done = arguments[arguments.length - 1];
const wait = () => {
  const host = document.querySelector("encart-widget");
  const state = host && host.getAttribute("data-encart");
  if (state !== "hydrated" && state !== "rendered") return setTimeout(wait, 25);
  const root = host.shadowRoot;
  new MutationObserver(() => {
    if (!window.__noticeAt && root.querySelector(".new-comments")) window.__noticeAt = Date.now();
  }).observe(root, { childList: true, subtree: true });
  done(true);
};
wait();
"#;

/// Ms from a post (by `post`, outside the browser) to the "new comment"
/// notice in a reader's browser that has the widget at `url` open.
pub async fn notice_latency<F, Fut>(driver: &Chromedriver, url: &str, post: F) -> anyhow::Result<f64>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let browser = new_browser(driver, (1280, 1600), false).await?;
    let result = async {
        browser.goto(url).await?;
        browser.execute_async(NOTICE_JS, vec![]).await?;
        // The stream opens once the widget runs and is on screen.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let sent = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs_f64() * 1000.0;
        post().await?;
        for _ in 0..200 {
            if let Some(at) = browser.execute("return window.__noticeAt || null", vec![]).await?.as_f64() {
                return Ok(at - sent);
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        anyhow::bail!("no notice within 5 s")
    }
    .await;
    let _ = browser.close().await;
    result
}
