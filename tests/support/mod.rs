//! What the browser tests share: the three sites (real API and database,
//! CDN stand-in serving `dist/`, partner site) and headless Chromium driven
//! through chromedriver, with page-side helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use encart_api_types::NewComment;
use encart_demo::chromedriver::Chromedriver;
use encart_demo::{Options, Ports, Sites};
use encart_server::{Moderation, PostRate, comments};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
pub const TITLE: &str = "Haftar et Poutine : Une alliance stratégique sous le regard inquiet de l’Occident";

/// The three sites and a browser looking at them.
pub struct World {
    pub sites: Sites,
    pub browser: Client,
    driver: Chromedriver,
}

pub fn dist() -> PathBuf {
    let dist = std::env::var_os("ENCART_DIST").map(PathBuf::from).unwrap_or_else(|| Path::new(ROOT).join("dist"));
    assert!(dist.join("embed.js").is_file(), "{} has no embed.js: run `cargo xtask dist` first", dist.display());
    dist
}

pub async fn world(name: &str) -> World {
    world_with(name, Moderation::Open).await
}

pub async fn world_with(name: &str, moderation: Moderation) -> World {
    world_with_rate(name, moderation, PostRate::default()).await
}

pub async fn world_with_rate(name: &str, moderation: Moderation, post_rate: PostRate) -> World {
    world_of(name, moderation, post_rate, true, None).await
}

/// A world whose partner site lets only its signed-in readers comment.
pub async fn world_signed_in_only(name: &str) -> World {
    world_of(name, Moderation::Open, PostRate::default(), false, None).await
}

/// A world whose API sends e-mail through the SMTP server of `smtp_url`.
pub async fn world_with_mail(name: &str, smtp_url: &str) -> World {
    world_of(name, Moderation::Open, PostRate::default(), true, Some(smtp_url.to_owned())).await
}

async fn world_of(
    name: &str,
    moderation: Moderation,
    post_rate: PostRate,
    anonymous: bool,
    smtp_url: Option<String>,
) -> World {
    let scratch = Path::new(ROOT).join("target").join("e2e").join(name);
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let sites = encart_demo::start(Options {
        dist: dist(),
        partner_pages: Path::new(ROOT).join("demo/partner"),
        database_url: format!("sqlite://{}", scratch.join("encart.db").display()),
        articles: vec![Path::new(ROOT).join("fixtures/haftar-poutine.txt")],
        discussion: None,
        ports: Ports::ANY,
        moderation,
        post_rate,
        anonymous,
        smtp_url,
    })
    .await
    .unwrap();

    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let driver = Chromedriver::start(Path::new(&binary)).unwrap_or_else(|e| panic!("{e:#}: run `cargo xtask setup`"));
    let browser = browser_on(&driver, None).await;
    World { sites, browser, driver }
}

/// A new headless Chromium under `driver`, with a profile of its own; its
/// `Accept-Language` is `languages` when given (else Chromium's, English).
async fn browser_on(driver: &Chromedriver, languages: Option<&str>) -> Client {
    let prefs = languages.map_or_else(|| json!({}), |languages| json!({ "intl.accept_languages": languages }));
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "prefs": prefs,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                "--hide-scrollbars", "--force-device-scale-factor=1",
            ]
        }
    });
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(&driver.url)
        .await
        .expect("chromium starts under chromedriver")
}

impl World {
    /// Another reader's browser (its own storage), on the same partner site.
    pub async fn another_browser(&self) -> Client {
        browser_on(&self.driver, None).await
    }

    /// The same world, its browser replaced by one whose reader asks for
    /// `languages` (`Accept-Language`, e.g. `ar-EG,ar;q=0.9`).
    pub async fn speaking(mut self, languages: &str) -> World {
        let browser = browser_on(&self.driver, Some(languages)).await;
        std::mem::replace(&mut self.browser, browser).close().await.unwrap();
        self
    }

    pub async fn open(&self, page: &str) {
        self.browser.goto(&format!("{}/{page}", self.sites.partner_url)).await.unwrap();
    }

    /// Runs `script` (a function body; `arguments[0]` is `arg`) in the page.
    pub async fn js(&self, script: &str, arg: Value) -> Value {
        self.browser.execute(script, vec![arg]).await.unwrap_or_else(|e| panic!("{e}\nin the script:\n{script}"))
    }

    /// Waits until the `nth` widget host on the page is running (hydrated,
    /// rendered, or given up on: `data-encart` is past "loading") and `selector` matches
    /// in its shadow root; returns what the reader sees in that widget.
    pub async fn wait_for(&self, nth: usize, selector: &str) -> Value {
        self.wait_for_view(nth, selector, true).await
    }

    /// As [`World::wait_for`]; with `running` false, the server-rendered
    /// first view counts too, before the module takes it over.
    ///
    /// The module comes when the reader nears the widget's discussion: to
    /// have it running, this scrolls there as a reader would (once the
    /// first view is in), and back to where the page was once it runs.
    pub async fn wait_for_view(&self, nth: usize, selector: &str, running: bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut scrolled_from = Value::Null;
        loop {
            let seen = self.js(&format!("{WIDGET_JS} return seen(arguments[0], {selector:?});"), json!(nth)).await;
            let started = !seen["state"].is_null() && seen["state"] != "loading";
            if seen["found"] == true && (!running || started) {
                if !scrolled_from.is_null() {
                    self.js("window.scrollTo(0, arguments[0]);", scrolled_from).await;
                }
                return seen;
            }
            if running && scrolled_from.is_null() && seen["state"] == "loading" {
                scrolled_from = self.js(&format!("{WIDGET_JS} {SCROLL_TO_DISCUSSION_JS}"), json!(nth)).await;
            }
            assert!(Instant::now() < deadline, "{selector} never appeared in widget {nth}: {seen}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The element at `selector` in the shadow root of the `nth` widget, as
    /// WebDriver sees it: clicks and keys go through the real input pipeline.
    pub async fn element(&self, nth: usize, selector: &str) -> Element {
        let hosts = self
            .browser
            .find_all(Locator::Css("encart-widget, [data-encart-host], [data-encart-article]"))
            .await
            .unwrap();
        let root = hosts[nth].shadow_root().await.unwrap();
        root.find(Locator::Css(selector)).await.unwrap_or_else(|e| panic!("no {selector} in widget {nth}: {e}"))
    }

    pub async fn type_into(&self, nth: usize, selector: &str, text: &str) {
        self.element(nth, selector).await.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, nth: usize, selector: &str) {
        self.element(nth, selector).await.click().await.unwrap();
    }

    /// The API's own handling of a reader's post, for seeding comments.
    pub async fn seed_comment(&self, author: &str, body: &str, parent: Option<&str>) -> String {
        let state = &self.sites.state;
        let new = NewComment {
            author: author.into(),
            body: body.into(),
            parent: parent.map(Into::into),
            ..NewComment::default()
        };
        let sender = comments::Sender { ip: [127, 0, 0, 1].into(), idempotency_key: None, reader: None };
        let posted = comments::post(state, &self.sites.article, &new, &sender).await.unwrap();
        posted.comment.id
    }

    pub async fn stored_comments(&self) -> i64 {
        sqlx_count(&self.sites.db).await
    }

    /// A screenshot with `selector` (in the first widget) scrolled to the top.
    pub async fn screenshot_at(&self, selector: &str, name: &str) {
        let scroll = format!("{WIDGET_JS} hosts()[0].shadowRoot.querySelector({selector:?}).scrollIntoView();");
        self.js(&scroll, Value::Null).await;
        self.screenshot(name).await;
    }

    /// The first widget's computed `max-width`: "none" until its stylesheet applies.
    pub async fn widget_max_width(&self) -> Value {
        self.js(
            &format!("{WIDGET_JS} return getComputedStyle(hosts()[0].shadowRoot.querySelector('.encart')).maxWidth;"),
            Value::Null,
        )
        .await
    }

    pub async fn screenshot(&self, name: &str) {
        let png = self.browser.screenshot().await.unwrap();
        let dir = Path::new(ROOT).join("target").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }

    pub async fn close(self) {
        self.browser.close().await.unwrap();
    }
}

/// Brings widget `arguments[0]`'s discussion on screen; returns where the
/// page was scrolled before, or null while its first view is not in.
const SCROLL_TO_DISCUSSION_JS: &str = r#"
const root = hosts()[arguments[0]].shadowRoot;
const discussion = root && root.querySelector(".picks, .comments");
if (!discussion) return null;
const from = window.scrollY;
discussion.scrollIntoView({ block: "nearest" });
return from;
"#;

/// Page-side helpers: widget hosts in page order, and what a reader sees in one.
pub const WIDGET_JS: &str = r##"
const hosts = () => [...document.querySelectorAll("encart-widget, [data-encart-host], [data-encart-article]")];
const seen = (nth, selector) => {
  const root = hosts()[nth] && hosts()[nth].shadowRoot;
  if (!root || !root.querySelector(selector)) return { found: false, html: root ? root.innerHTML : null };
  const text = (s) => { const e = root.querySelector(s); return e ? e.textContent : null; };
  // What the reader sees of the first element at `s` they can see.
  const shown = (s) => { const e = [...root.querySelectorAll(s)].find((e) => e.checkVisibility()); return e ? e.innerText : null; };
  return {
    found: true,
    state: hosts()[nth].getAttribute("data-encart"),
    title: text(".title"),
    author: text(".author"),
    byline: text(".byline"),
    date: text("time"),
    datetime: root.querySelector("time") && root.querySelector("time").getAttribute("datetime"),
    paragraphs: [...root.querySelectorAll(".article-body p")].map((p) => p.textContent),
    lang: root.querySelector(".encart") && root.querySelector(".encart").getAttribute("lang"),
    error: text(".error[role=alert] p"),
    heading: text(".comments-heading"),
    comments: [...root.querySelectorAll(".comment")].map((c) => ({
      id: c.dataset.id,
      author: c.querySelector(".comment-author").textContent,
      body: ((b) => b && b.textContent)(c.querySelector(".comment-body")),
      depth: (() => { let d = 0; for (let e = c.parentElement; e; e = e.parentElement) if (e.classList.contains("replies")) d++; return d; })(),
      mark: c.querySelector(":scope > article .mark") && c.querySelector(":scope > article .mark").textContent,
      verified: !!c.querySelector(":scope > article .comment-meta .verified"),
      recommend: ((b) => b && { text: b.textContent, pressed: b.getAttribute("aria-pressed") })(c.querySelector(":scope > article button.recommend")),
      recommendError: ((e) => e && e.textContent)(c.querySelector(":scope > article .comment-actions .field-error")),
      badge: c.querySelector(":scope > article .comment-meta .badge") && c.querySelector(":scope > article .comment-meta .badge").textContent,
    })),
    formError: text(".new-comment .form-error"),
    formStatus: text(".new-comment .form-status"),
    authorValue: root.querySelector("#encart-new-author") && root.querySelector("#encart-new-author").value,
    bodyValue: root.querySelector("#encart-new-body") && root.querySelector("#encart-new-body").value,
    bodyError: text("#encart-new-body-error"),
    signedIn: shown(".new-comment .signed-in"),
    signInNeeded: shown(".new-comment .sign-in-needed"),
    signInLink: (([...root.querySelectorAll(".new-comment a.sign-in")].find((a) => a.checkVisibility())) || {}).href || null,
    nameShown: shown(".new-comment .field:has(#encart-new-author)") !== null,
    formHidden: !!root.querySelector(".new-comment .comment-form[hidden]"),
    sort: ((s) => s && [s.value, s.selectedOptions[0].textContent])(root.querySelector(".sort select")),
    arrivals: text(".arrivals button.new-comments"),
    moreButton: !!root.querySelector("button.load-more"),
    moreBusy: !!root.querySelector("button.load-more[disabled]"),
    retry: text("button.retry"),
    text: root.querySelector(".encart") && root.querySelector(".encart").textContent,
  };
};
"##;

pub async fn sqlx_count(db: &encart_server::db::Db) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM comments").fetch_one(db).await.unwrap()
}

/// Waits until `check` holds of what the reader sees in widget 0.
pub async fn wait_until(world: &World, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let seen = world.wait_for(0, ".comments").await;
        if check(&seen) {
            return seen;
        }
        assert!(Instant::now() < deadline, "never saw {what}: {seen:#}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks widget 0's "show more" until every page is shown, at most
/// `max_pages` pages in all; returns what the reader then sees.
pub async fn show_all_pages(world: &World, mut seen: Value, max_pages: usize) -> Value {
    let mut pages = 1;
    while seen["moreButton"] == true {
        let shown = seen["comments"].as_array().unwrap().len();
        world.click(0, "button.load-more").await;
        seen = wait_until(world, "the next page", |s| {
            s["comments"].as_array().unwrap().len() > shown && s["moreBusy"] == false
        })
        .await;
        pages += 1;
        assert!(pages <= max_pages, "more than {max_pages} pages");
    }
    seen
}

/// What the host page's own scripts (`host-probe.js`) recorded: errors that
/// reached it, and whether it kept ticking. (Through JSON: a page may have
/// polluted `Object.prototype`.)
pub async fn host_health(world: &World) -> Value {
    let before = world.js("return window.__hostTicks", Value::Null).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let health = world
        .js(
            "return JSON.stringify({ errors: window.__hostErrors, ticking: window.__hostTicks > arguments[0] });",
            before,
        )
        .await;
    serde_json::from_str(health.as_str().unwrap()).unwrap()
}

/// Posts a comment through the first widget's form and waits to see it listed.
pub async fn post_and_see(world: &World, author: &str, body: &str) {
    world.wait_for(0, ".comment-form").await;
    world.type_into(0, "#encart-new-author", author).await;
    world.type_into(0, "#encart-new-body", body).await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(world, "the posted comment", |s| {
        s["comments"].as_array().is_some_and(|c| c.iter().any(|c| c["body"] == body && c["mark"].is_null()))
    })
    .await;
    assert_eq!(seen["formError"], Value::Null);
}

/// A real SMTP server (aiosmtpd, installed by `cargo xtask setup`) on
/// 127.0.0.1:`port`, keeping what it receives in `maildir`; stops when dropped.
pub async fn smtpd(port: u16, maildir: &Path) -> tokio::process::Child {
    let command = std::env::var_os("ENCART_SMTPD").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        home.join(".cache/encart/aiosmtpd-1.4.6/bin/aiosmtpd")
    });
    assert!(command.is_file(), "no aiosmtpd at {}: run `cargo xtask setup`", command.display());
    let child = tokio::process::Command::new(command)
        .args(["-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(Instant::now() < deadline, "aiosmtpd listens within 20 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child
}

/// The subjects and text parts of the messages in `maildir`, oldest first,
/// once there are `count` (waits up to 20 s).
pub async fn mails(maildir: &Path, count: usize) -> Vec<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(maildir.join("new")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort_by_key(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok());
        if files.len() >= count {
            return files
                .iter()
                .map(|file| {
                    let bytes = std::fs::read(file).unwrap();
                    let mail = mailparse::parse_mail(&bytes).unwrap();
                    let subject = mail.headers.iter().find(|h| h.get_key() == "Subject").unwrap().get_value();
                    let text = mail.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").unwrap();
                    (subject, text.get_body().unwrap().replace("\r\n", "\n"))
                })
                .collect();
        }
        assert!(Instant::now() < deadline, "{} of {count} e-mails after 20 s", files.len());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// axe-core's browser script (installed by `cargo xtask setup`).
/// axe-core's WCAG 2.1 AA audit of the first widget (`axe_script` loaded).
pub async fn audit(world: &World) -> Value {
    world
        .browser
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document.querySelector("encart-widget"), { runOnly: ["wcag2a", "wcag2aa", "wcag21aa"] })
                  .then((r) => done({ checked: r.passes.length,
                                      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact,
                                        nodes: v.nodes.map((n) => n.html).slice(0, 3) })) }))
                  .catch((e) => done({ error: String(e) }));"#,
            vec![],
        )
        .await
        .unwrap()
}

pub fn axe_script() -> String {
    let path = std::env::var_os("ENCART_AXE").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        home.join(".cache/encart/axe-core-4.14.1/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no axe-core at {} ({e}): run `cargo xtask setup`", path.display()))
}
