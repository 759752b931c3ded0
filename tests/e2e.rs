//! End to end, as a reader meets encart: the real API server on a real SQLite
//! database, a CDN stand-in serving the release build (`dist/`) and a partner
//! news site, on three origins; headless Chromium driven through chromedriver.
//!
//! Needs `dist/` (`cargo xtask dist`, or `ENCART_DIST`) and chromedriver
//! (`CHROMEDRIVER`, default `/usr/bin/chromedriver`): `cargo xtask test` provides both.
#![cfg(not(target_arch = "wasm32"))]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use encart_demo::{Options, Ports, Sites};
use encart_server::{Moderation, articles, import};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TITLE: &str = "Haftar et Poutine : Une alliance stratégique sous le regard inquiet de l’Occident";

/// A chromedriver process, stopped when dropped.
struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    fn start() -> Chromedriver {
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary} ({e}): run `cargo xtask setup`"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Chromedriver { child, url: format!("http://127.0.0.1:{port}") }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The three sites and a browser looking at them.
struct World {
    sites: Sites,
    browser: Client,
    _driver: Chromedriver,
}

fn dist() -> PathBuf {
    let dist = std::env::var_os("ENCART_DIST").map(PathBuf::from).unwrap_or_else(|| Path::new(ROOT).join("dist"));
    assert!(dist.join("embed.js").is_file(), "{} has no embed.js: run `cargo xtask dist` first", dist.display());
    dist
}

async fn world(name: &str) -> World {
    let scratch = Path::new(ROOT).join("target").join("e2e").join(name);
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let sites = encart_demo::start(Options {
        dist: dist(),
        partner_pages: Path::new(ROOT).join("demo/partner"),
        database_url: format!("sqlite://{}", scratch.join("encart.db").display()),
        articles: vec![Path::new(ROOT).join("fixtures/haftar-poutine.txt")],
        ports: Ports::ANY,
        moderation: Moderation::Open,
    })
    .await
    .unwrap();

    let driver = Chromedriver::start();
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                "--hide-scrollbars", "--force-device-scale-factor=1",
            ]
        }
    });
    let browser = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(&driver.url)
        .await
        .expect("chromium starts under chromedriver");
    World { sites, browser, _driver: driver }
}

impl World {
    async fn open(&self, page: &str) {
        self.browser.goto(&format!("{}/{page}", self.sites.partner_url)).await.unwrap();
    }

    /// Runs `script` (a function body; `arguments[0]` is `arg`) in the page.
    async fn js(&self, script: &str, arg: Value) -> Value {
        self.browser.execute(script, vec![arg]).await.unwrap()
    }

    /// Waits until `selector` matches in the shadow root of the `nth` widget
    /// host on the page; returns what the reader sees in that widget.
    async fn wait_for(&self, nth: usize, selector: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let seen = self.js(&format!("{WIDGET_JS} return seen(arguments[0], {selector:?});"), json!(nth)).await;
            if seen["found"] == true {
                return seen;
            }
            assert!(Instant::now() < deadline, "{selector} never appeared in widget {nth}: {seen}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let png = self.browser.screenshot().await.unwrap();
        let dir = Path::new(ROOT).join("target").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }

    async fn close(self) {
        self.browser.close().await.unwrap();
    }
}

/// Page-side helpers: widget hosts in page order, and what a reader sees in one.
const WIDGET_JS: &str = r#"
const hosts = () => [...document.querySelectorAll("encart-widget, [data-encart-article]")];
const seen = (nth, selector) => {
  const root = hosts()[nth] && hosts()[nth].shadowRoot;
  if (!root || !root.querySelector(selector)) return { found: false, html: root ? root.innerHTML : null };
  const text = (s) => { const e = root.querySelector(s); return e ? e.textContent : null; };
  return {
    found: true,
    title: text("h2"),
    author: text(".author"),
    byline: text(".byline"),
    date: text("time"),
    datetime: root.querySelector("time") && root.querySelector("time").getAttribute("datetime"),
    paragraphs: [...root.querySelectorAll(".article-body p")].map((p) => p.textContent),
    lang: root.querySelector(".encart") && root.querySelector(".encart").getAttribute("lang"),
    error: text("[role=alert] p"),
    retry: text("button.retry"),
    text: root.textContent,
  };
};
"#;

#[tokio::test]
async fn the_script_tag_shows_our_article_as_a_reader_view() {
    let world = world("reader-view").await;
    world.open("").await;
    let seen = world.wait_for(0, ".article").await;

    assert_eq!(seen["title"], TITLE);
    assert_eq!(seen["author"], "La Rédaction Charilogone");
    assert_eq!(seen["byline"], "Par La Rédaction Charilogone");
    assert_eq!(seen["date"], "10 mai 2025");
    assert_eq!(seen["datetime"], "2025-05-10");
    assert_eq!(seen["lang"], "fr");
    let paragraphs: Vec<&str> = seen["paragraphs"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("Le maréchal Khalifa Haftar, chef des forces de l’Est libyen"));
    assert!(paragraphs[3].starts_with("Cette visite marque une nouvelle étape"));
    assert!(!seen["text"].as_str().unwrap().contains("Leave A Comment"));

    // The widget stands where the tag is and touched nothing else of the page.
    let page = world
        .js(
            r#"const script = document.querySelector("script[data-article]");
               return {
                 before: script.previousElementSibling && script.previousElementSibling.tagName,
                 widgets: document.querySelectorAll("encart-widget").length,
                 styles: document.querySelectorAll("style").length,
                 links: [...document.querySelectorAll("link")].map((l) => l.getAttribute("href")),
                 title: document.title,
               };"#,
            Value::Null,
        )
        .await;
    assert_eq!(page["before"], "ENCART-WIDGET");
    assert_eq!(page["widgets"], 1);
    assert_eq!(page["styles"], 0, "no style element added to the host page");
    assert_eq!(page["links"], json!(["partner.css"]));
    assert!(page["title"].as_str().unwrap().ends_with("Le Courrier du Littoral"));
    world.screenshot("partner-page.png").await;
    world.close().await;
}

/// Computed styles of every element in the first widget's shadow root.
const STYLES_JS: &str = r#"
const root = document.querySelector("encart-widget").shadowRoot;
const props = ["color", "background-color", "font-family", "font-size", "font-style", "font-weight",
  "line-height", "letter-spacing", "word-spacing", "text-transform", "text-align", "text-indent",
  "white-space", "direction", "box-sizing", "display", "visibility", "margin-top", "margin-bottom",
  "margin-left", "padding-top", "padding-left", "border-top-width", "border-top-style", "max-width"];
return [...root.querySelectorAll("*")].filter((e) => e.tagName !== "STYLE").map((e) => {
  const s = getComputedStyle(e);
  return { element: e.tagName.toLowerCase() + "." + e.className, style: Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])) };
});
"#;

#[tokio::test]
async fn hostile_host_css_changes_nothing_in_the_widget() {
    let world = world("hostile-css").await;
    world.open("plain.html").await;
    world.wait_for(0, ".article").await;
    let baseline = world.js(STYLES_JS, Value::Null).await;

    world.open("hostile.html").await;
    world.wait_for(0, ".article").await;
    let hostile = world.js(STYLES_JS, Value::Null).await;
    world.screenshot("hostile-page.png").await;

    let baseline = baseline.as_array().unwrap();
    assert!(baseline.len() >= 10, "the widget has its elements: {baseline:?}");
    let paragraph = baseline.iter().find(|e| e["element"] == "p.").unwrap();
    assert_eq!(paragraph["style"]["font-size"], "19px");
    assert_ne!(paragraph["style"]["color"], "rgb(255, 0, 0)");
    for (ours, theirs) in baseline.iter().zip(hostile.as_array().unwrap()) {
        assert_eq!(ours, theirs, "the host page's CSS restyled {}", ours["element"]);
    }
    assert_eq!(baseline.len(), hostile.as_array().unwrap().len());
    world.close().await;
}

#[tokio::test]
async fn several_widgets_on_one_page_render_from_one_module() {
    let world = world("several").await;
    world.open("several.html").await;
    for nth in [0, 1] {
        let seen = world.wait_for(nth, ".article").await;
        assert_eq!(seen["title"], TITLE, "widget {nth}");
        assert_eq!(seen["paragraphs"].as_array().unwrap().len(), 4, "widget {nth}");
    }
    let loads = world
        .js(
            r#"const names = performance.getEntriesByType("resource").map((e) => e.name);
               return { wasm: names.filter((n) => n.endsWith(".wasm")).length,
                        glue: names.filter((n) => /encart-[0-9a-f]+\.js$/.test(n)).length };"#,
            Value::Null,
        )
        .await;
    assert_eq!(loads, json!({"wasm": 1, "glue": 1}), "two loader tags, two widgets, one module");
    world.screenshot("several-widgets.png").await;
    world.close().await;
}

#[tokio::test]
async fn an_unknown_article_shows_an_error_whose_retry_recovers() {
    let world = world("unknown").await;
    world.open("missing.html").await;
    let seen = world.wait_for(0, "[role=alert]").await;
    assert_eq!(seen["error"], "Cet article est introuvable.");
    assert_eq!(seen["retry"], "Réessayer");
    world.screenshot("unknown-article.png").await;

    // The article gets published; the reader's retry now finds it.
    let text = "Pas de tel article\nPar : Le Courrier\nIl existe désormais, avec un paragraphe de texte en français.";
    let options = import::ImportOptions { language: Some("fr".into()), source_url: None };
    let article = import::parse(text.as_bytes(), &options).unwrap();
    assert_eq!(article.slug, "pas-de-tel-article");
    articles::upsert(&world.sites.db, &article).await.unwrap();
    world.js(&format!("{WIDGET_JS} hosts()[0].shadowRoot.querySelector('button.retry').click();"), Value::Null).await;
    let seen = world.wait_for(0, ".article").await;
    assert_eq!(seen["title"], "Pas de tel article");
    assert_eq!(seen["error"], Value::Null);
    world.close().await;
}

#[tokio::test]
async fn api_failures_show_readable_errors_instead_of_the_article() {
    let mut world = world("api-failures").await;
    // The database fails: the API answers a generic 500.
    world.sites.db.close().await;
    world.open("").await;
    let seen = world.wait_for(0, "[role=alert]").await;
    assert_eq!(seen["error"], "Le serveur a rencontré une erreur.");

    // The API is down altogether.
    world.sites.stop_api().await;
    world.open("").await;
    let seen = world.wait_for(0, "[role=alert]").await;
    assert_eq!(seen["error"], "Impossible de joindre le serveur. Vérifiez votre connexion.");
    world.screenshot("api-down.png").await;
    world.close().await;
}
