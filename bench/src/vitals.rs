//! Web Vitals as a publisher's tools see them: a partner's article page on a
//! phone (412 × 823, as Lighthouse's), throttled (150 ms, 1.6 Mbit/s, CPU
//! 4x), a fresh browser each load, observers installed before any script of
//! the page (DevTools' `Page.addScriptToEvaluateOnNewDocument`), bytes and
//! requests from the browser's own network log.
//!
//! Each load is one reader: they read the top of the page for 10 s (total
//! blocking time, longest task, CLS, LCP, bytes and requests so far: a
//! reader who never reaches the discussion), then scroll down to the form at
//! 2,000 px/s and type (the time from the form entering the screen to its
//! being usable, bytes and requests in all), then come back to the page
//! (a repeat visit: the module in the HTTP cache) and go to the form again.

use anyhow::Context;
use fantoccini::Locator;
use serde_json::{Value, json};

use crate::browser::{Cdp, Chromedriver, new_browser, throttle};
use crate::report::stats;

const OBSERVER: &str = include_str!("../pages/vitals.js");
const READER: &str = include_str!("../pages/vitals-reader.js");
pub const PAGE: &str = include_str!("../pages/vitals.html");
/// How long the first reader stays at the top.
const AT_THE_TOP_MS: f64 = 10_000.0;

/// What embeds the discussion on a page.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Encart,
    Isso,
    /// No script: the widget's DOM in the page's HTML.
    Floor,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Encart => "encart",
            Kind::Isso => "isso",
            Kind::Floor => "floor",
        }
    }
}

/// One measured page: its name in the report, its URL, what embeds it.
pub struct Page {
    pub name: String,
    pub url: String,
    pub kind: Kind,
}

/// One load of a page (see the module's documentation).
#[derive(Default)]
struct Load {
    top: Vitals,
    top_traffic: Traffic,
    /// Ms from the form entering the screen to its being usable (0 when it
    /// was usable before); `None` if it never was, or for the floor.
    form_wait_ms: Option<f64>,
    reader: Vitals,
    reader_traffic: Traffic,
    repeat_form_wait_ms: Option<f64>,
    repeat_traffic: Traffic,
}

/// What the observers saw, up to a point.
#[derive(Default, Clone)]
struct Vitals {
    tbt_ms: f64,
    longest_task_ms: f64,
    cls: f64,
    lcp_ms: Option<f64>,
    /// What the largest contentful paint was.
    lcp_element: Option<String>,
    /// Each layout shift: when, how much, what moved.
    moved: Vec<String>,
}

/// Bytes on the wire (headers and bodies, as a data plan counts them) and
/// requests: all, and those to origins other than the page's own.
#[derive(Default, Clone, Copy)]
struct Traffic {
    bytes: f64,
    requests: f64,
    embed_bytes: f64,
    embed_requests: f64,
    /// The embed's bytes without the HTTP headers: its compressed bodies.
    embed_body_bytes: f64,
}

pub async fn measure(driver: &Chromedriver, pages: &[Page], loads: usize) -> anyhow::Result<Value> {
    let mut runs: Vec<Vec<Load>> = pages.iter().map(|_| Vec::new()).collect();
    // Rounds, as the cold loads: a slow spell of the machine weighs on every page alike.
    for _ in 0..loads {
        for (page, runs) in pages.iter().zip(&mut runs) {
            runs.push(load(driver, page).await?);
        }
    }
    let mut out = Vec::new();
    for (page, runs) in pages.iter().zip(&runs) {
        let entry = summary(page, runs);
        println!("    {}", line(&entry));
        println!("        first load: {}", entry["first_load"]);
        out.push(entry);
    }
    Ok(json!({
        "conditions": "phone 412x823, 150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x; fresh profile each load",
        "loads": loads,
        "pages": out,
    }))
}

async fn load(driver: &Chromedriver, page: &Page) -> anyhow::Result<Load> {
    let browser = new_browser(driver, (412, 823), true).await?;
    let result = reader(&browser, page).await;
    let _ = browser.close().await;
    result
}

async fn reader(browser: &fantoccini::Client, page: &Page) -> anyhow::Result<Load> {
    throttle(browser).await?;
    browser
        .issue_cmd(Cdp { cmd: "Page.addScriptToEvaluateOnNewDocument", params: json!({ "source": OBSERVER }) })
        .await?;
    let mut log = NetworkLog::new(&page.url);
    browser.goto(&page.url).await?;
    let now = browser.execute("return performance.now()", vec![]).await?.as_f64().unwrap_or_default();
    tokio::time::sleep(std::time::Duration::from_secs_f64((AT_THE_TOP_MS - now).max(0.0) / 1000.0)).await;
    let mut load = Load { top: vitals(browser).await?, top_traffic: log.read(browser).await?, ..Load::default() };
    if page.kind == Kind::Floor {
        return Ok(load);
    }
    load.form_wait_ms = go_to_form(browser, page.kind).await?;
    let textarea = match page.kind {
        Kind::Isso => browser.find(Locator::Css(".isso-postbox textarea")).await?,
        _ => {
            browser
                .find(Locator::Css("encart-widget, [data-encart-article]"))
                .await?
                .shadow_root()
                .await?
                .find(Locator::Css("#encart-new-body"))
                .await?
        }
    };
    textarea.send_keys("Merci pour cet article, très clair.").await?;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    load.reader = vitals(browser).await?;
    load.reader_traffic = log.read(browser).await?;

    // The repeat visit: the same browser, its HTTP cache kept.
    let mut log = NetworkLog::new(&page.url);
    log.read(browser).await?;
    browser.goto(&page.url).await?;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    load.repeat_form_wait_ms = go_to_form(browser, page.kind).await?;
    load.repeat_traffic = log.read(browser).await?;
    Ok(load)
}

/// Scrolls down to the form (`vitals-reader.js`); ms from its entering the
/// screen to its being usable.
async fn go_to_form(browser: &fantoccini::Client, kind: Kind) -> anyhow::Result<Option<f64>> {
    let seen = browser.execute_async(READER, vec![json!(kind.name())]).await?;
    Ok(match (seen["entered"].as_f64(), seen["usable"].as_f64()) {
        (Some(entered), Some(usable)) => Some((usable - entered).max(0.0)),
        _ => None,
    })
}

/// Total blocking time (each long task's time past 50 ms, after the first
/// contentful paint), the longest task, CLS (the largest session window of
/// shifts without recent input: gaps under 1 s, at most 5 s) and LCP.
async fn vitals(browser: &fantoccini::Client) -> anyhow::Result<Vitals> {
    let v = browser.execute("return window.__vitals", vec![]).await?;
    let fcp = v["fcp"].as_f64().unwrap_or_default();
    let tasks: Vec<(f64, f64)> = serde_json::from_value(v["longTasks"].clone()).unwrap_or_default();
    // Plus 0.0: a sum of nothing is -0.0.
    let tbt_ms = tasks.iter().filter(|(start, _)| *start >= fcp).map(|(_, d)| (d - 50.0).max(0.0)).sum::<f64>() + 0.0;
    let longest_task_ms = tasks.iter().map(|(_, d)| *d).fold(0.0, f64::max);
    let shifts: Vec<(f64, f64, bool, String)> = serde_json::from_value(v["shifts"].clone()).unwrap_or_default();
    let (mut cls, mut window, mut first, mut last) = (0.0f64, 0.0, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (at, value, _, _) in shifts.iter().filter(|s| !s.2) {
        if at - last > 1000.0 || at - first > 5000.0 {
            window = 0.0;
            first = *at;
        }
        window += value;
        last = *at;
        cls = cls.max(window);
    }
    let moved = shifts.iter().map(|(at, value, _, what)| format!("{at:.0} ms: {value:.4} ({what})")).collect();
    Ok(Vitals {
        tbt_ms,
        longest_task_ms,
        cls,
        lcp_ms: v["lcp"].as_f64(),
        lcp_element: v["lcpElement"].as_str().map(Into::into),
        moved,
    })
}

/// The browser's network log (`goog:loggingPrefs`), read as it grows.
struct NetworkLog {
    origin: String,
    traffic: Traffic,
    urls: std::collections::HashMap<String, String>,
}

impl NetworkLog {
    fn new(page: &str) -> NetworkLog {
        let origin = url::Url::parse(page).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
        NetworkLog { origin, traffic: Traffic::default(), urls: Default::default() }
    }

    /// The traffic since this log was made (the entries read are gone from the browser's).
    async fn read(&mut self, browser: &fantoccini::Client) -> anyhow::Result<Traffic> {
        let entries = browser.issue_cmd(ReadLog).await?;
        for entry in entries.as_array().into_iter().flatten() {
            let Ok(message) = serde_json::from_str::<Value>(entry["message"].as_str().unwrap_or_default()) else {
                continue;
            };
            let (method, params) = (&message["message"]["method"], &message["message"]["params"]);
            let id = params["requestId"].as_str().unwrap_or_default().to_owned();
            match method.as_str() {
                Some("Network.requestWillBeSent") => {
                    let url = params["request"]["url"].as_str().unwrap_or_default();
                    if url.starts_with("data:") {
                        continue;
                    }
                    // A redirect reuses its request's id: still one more request.
                    self.traffic.requests += 1.0;
                    if !url.starts_with(&self.origin) {
                        self.traffic.embed_requests += 1.0;
                    }
                    self.urls.insert(id, url.to_owned());
                }
                Some("Network.dataReceived")
                    if self.urls.get(&id).is_some_and(|url| !url.starts_with(&self.origin)) =>
                {
                    self.traffic.embed_body_bytes += params["encodedDataLength"].as_f64().unwrap_or_default();
                }
                Some("Network.loadingFinished") => {
                    let bytes = params["encodedDataLength"].as_f64().unwrap_or_default();
                    self.traffic.bytes += bytes;
                    if self.urls.get(&id).is_some_and(|url| !url.starts_with(&self.origin)) {
                        self.traffic.embed_bytes += bytes;
                    }
                }
                _ => {}
            }
        }
        Ok(self.traffic)
    }
}

/// chromedriver's log of `type` "performance" (DevTools events), emptied as read.
#[derive(Debug)]
struct ReadLog;

impl fantoccini::wd::WebDriverCompatibleCommand for ReadLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "performance" }).to_string()))
    }
}

fn summary(page: &Page, runs: &[Load]) -> Value {
    let of = |f: &dyn Fn(&Load) -> Option<f64>| stats(runs.iter().filter_map(f).collect());
    let reads = page.kind != Kind::Floor;
    json!({
        "page": page.name,
        "embed": page.kind.name(),
        "top": {
            "tbt_ms": of(&|l| Some(l.top.tbt_ms)),
            "longest_task_ms": of(&|l| Some(l.top.longest_task_ms)),
            "cls": of(&|l| Some(l.top.cls)),
            "lcp_ms": of(&|l| l.top.lcp_ms),
            "bytes": of(&|l| Some(l.top_traffic.bytes)),
            "requests": of(&|l| Some(l.top_traffic.requests)),
            "embed_bytes": of(&|l| Some(l.top_traffic.embed_bytes)),
            "embed_body_bytes": of(&|l| Some(l.top_traffic.embed_body_bytes)),
            "embed_requests": of(&|l| Some(l.top_traffic.embed_requests)),
        },
        "reader": {
            "form_wait_ms": of(&|l| l.form_wait_ms.filter(|_| reads)),
            "tbt_ms": of(&|l| Some(l.reader.tbt_ms).filter(|_| reads)),
            "longest_task_ms": of(&|l| Some(l.reader.longest_task_ms).filter(|_| reads)),
            "cls": of(&|l| Some(l.reader.cls).filter(|_| reads)),
            "bytes": of(&|l| Some(l.reader_traffic.bytes).filter(|_| reads)),
            "requests": of(&|l| Some(l.reader_traffic.requests).filter(|_| reads)),
            "embed_bytes": of(&|l| Some(l.reader_traffic.embed_bytes).filter(|_| reads)),
            "embed_body_bytes": of(&|l| Some(l.reader_traffic.embed_body_bytes).filter(|_| reads)),
            "embed_requests": of(&|l| Some(l.reader_traffic.embed_requests).filter(|_| reads)),
        },
        "repeat": {
            "form_wait_ms": of(&|l| l.repeat_form_wait_ms.filter(|_| reads)),
            "bytes": of(&|l| Some(l.repeat_traffic.bytes).filter(|_| reads)),
            "embed_bytes": of(&|l| Some(l.repeat_traffic.embed_bytes).filter(|_| reads)),
        },
        "unusable_forms": runs.iter().filter(|l| reads && l.form_wait_ms.is_none()).count(),
        "first_load": runs.first().map(|l| json!({
            "lcp_element": l.top.lcp_element, "shifts_at_the_top": l.top.moved, "shifts_to_the_form": l.reader.moved,
        })),
    })
}

fn line(entry: &Value) -> String {
    let m = |v: &Value| v["median"].as_f64().map_or("-".to_owned(), |x| format!("{x:.0}"));
    let cls = |v: &Value| v["median"].as_f64().map_or("-".to_owned(), |x| format!("{x:.3}"));
    let (top, reader, repeat) = (&entry["top"], &entry["reader"], &entry["repeat"]);
    format!(
        "{:<48} top 10 s: TBT {} ms, longest {} ms, CLS {}, LCP {} ms, {} B ({} B embed, {} B its bodies) in {} requests; \
         to the form: usable +{} ms, TBT {} ms, CLS {}, {} B ({} B embed); again: +{} ms, {} B",
        entry["page"].as_str().unwrap_or_default(),
        m(&top["tbt_ms"]),
        m(&top["longest_task_ms"]),
        cls(&top["cls"]),
        m(&top["lcp_ms"]),
        m(&top["bytes"]),
        m(&top["embed_bytes"]),
        m(&top["embed_body_bytes"]),
        m(&top["requests"]),
        m(&reader["form_wait_ms"]),
        m(&reader["tbt_ms"]),
        cls(&reader["cls"]),
        m(&reader["bytes"]),
        m(&reader["embed_bytes"]),
        m(&repeat["form_wait_ms"]),
        m(&repeat["bytes"]),
    )
}

/// The article measured: the fixture's text four times over, its sentences
/// in another order each time (the importer keeps a repeated paragraph
/// once), about 900 words as a news article commonly has. Returns the file
/// written in `scratch`, and the title and paragraphs (for Isso's page,
/// where the partner shows the article itself).
pub fn article(fixture: &str, scratch: &std::path::Path) -> anyhow::Result<(std::path::PathBuf, String, Vec<String>)> {
    let mut lines = fixture.lines();
    let title = format!("{} (Web Vitals)", lines.next().context("the article has no title line")?);
    let byline = lines.next().context("the article has no byline")?;
    let originals: Vec<&str> = lines.take_while(|l| !l.is_empty() && l.len() > 80).take(4).collect();
    let mut paragraphs = Vec::new();
    for turn in 0..4 {
        for paragraph in &originals {
            let mut sentences: Vec<&str> = paragraph.split_inclusive(". ").collect();
            let len = sentences.len();
            sentences.rotate_left(turn % len);
            paragraphs.push(sentences.iter().map(|s| s.trim()).collect::<Vec<_>>().join(" "));
        }
    }
    let file = scratch.join("article-vitals.txt");
    std::fs::write(&file, format!("{title}\n{byline}\n{}\n", paragraphs.join("\n")))?;
    Ok((file, title, paragraphs))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The measured pages on `sites`: encart (module on demand, eager, client
/// rendering), Isso under the article as the partner shows it, and the
/// floor (the widget's DOM, captured from a load, in the page's HTML).
pub async fn pages(
    sites: &crate::browser::Sites,
    driver: &Chromedriver,
    api: &str,
    slug: &str,
    isso: &str,
    css: &str,
    (title, paragraphs): (&str, &[String]),
) -> anyhow::Result<Vec<Page>> {
    let mut pages = Vec::new();
    let mut add = |name: &str, file: &str, kind: Kind, embed: &str| {
        sites.add_page(file, PAGE.replace("{{EMBED}}", embed));
        pages.push(Page { name: name.to_owned(), url: sites.url(file), kind });
    };
    let script = |attributes: &str| {
        format!(
            r#"<script async src="{}/embed.js" data-api="{api}" data-article="{slug}"{attributes}></script>"#,
            sites.cdn()
        )
    };
    add("encart, module on demand (default)", "vitals-encart.html", Kind::Encart, &script(""));
    add("encart, module eager", "vitals-eager.html", Kind::Encart, &script(r#" data-load="eager""#));
    add("encart, client rendering", "vitals-client.html", Kind::Encart, &script(r#" data-render="client""#));
    // The placeholder in the page's HTML with its room reserved (README,
    // "Embedding"): nothing below it moves when the first view comes.
    add(
        "encart, on demand, placeholder with room reserved",
        "vitals-reserved.html",
        Kind::Encart,
        &format!(
            r#"<div data-encart-article="{slug}" style="min-height: 100vh"></div>
               <script async src="{}/embed.js" data-api="{api}"></script>"#,
            sites.cdn()
        ),
    );
    let article: String = paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
    add(
        "Isso 0.14 under the same article",
        "vitals-isso.html",
        Kind::Isso,
        &format!(
            r#"<article><h1>{}</h1>{article}</article>
               <script async src="{isso}/js/embed.min.js" data-isso="{isso}/"></script>
               <section id="isso-thread" data-isso-id="{}"></section>"#,
            escape(title),
            crate::isso::THREAD
        ),
    );
    let dom = capture_dom(driver, &sites.url("vitals-eager.html")).await?;
    add(
        "floor: the widget's DOM in the page's HTML",
        "vitals-floor.html",
        Kind::Floor,
        &format!(
            r#"<encart-widget><template shadowrootmode="open"><style>{css}</style>{dom}</template></encart-widget>"#
        ),
    );
    Ok(pages)
}

/// The widget's shadow root HTML on `url` once it runs with its comments.
async fn capture_dom(driver: &Chromedriver, url: &str) -> anyhow::Result<String> {
    let browser = new_browser(driver, (412, 823), false).await?;
    let result = async {
        browser.goto(url).await?;
        let wait = r#"const done = arguments[arguments.length - 1];
            const check = () => {
              const host = document.querySelector("encart-widget");
              const state = host && host.getAttribute("data-encart");
              if ((state === "hydrated" || state === "rendered") && host.shadowRoot.querySelectorAll(".comment").length >= 20)
                done(host.shadowRoot.innerHTML);
              else setTimeout(check, 50);
            };
            check();"#;
        let html = browser.execute_async(wait, vec![]).await?;
        html.as_str().map(str::to_owned).context("no widget DOM")
    }
    .await;
    let _ = browser.close().await;
    result
}
