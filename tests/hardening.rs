//! The widget on hostile ground, end to end in headless Chromium: host pages
//! that reset every style, wrap `fetch`, pollute prototypes or enforce a
//! strict Content-Security-Policy; an API that is slow, failing, malformed,
//! mistyped or refused by CORS; a CDN missing the wasm. Each time the reader
//! gets the article or a clear message, and the host page keeps working with
//! nothing reaching its `window.onerror`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::extract::Path as UrlPath;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use support::*;

#[tokio::test]
async fn a_page_that_resets_all_styles_wraps_fetch_pollutes_prototypes_and_takes_our_element_name_still_gets_a_working_widget()
 {
    let world = world("hostile-scripts").await;
    world.open("hostile.html").await;
    let seen = world.wait_for(0, ".article").await;
    assert_eq!(seen["title"], TITLE);
    let host = world
        .js(
            r#"const host = document.querySelector("[data-encart]");
               return { display: getComputedStyle(host).display, width: host.getBoundingClientRect().width,
                        parent: host.parentElement.getBoundingClientRect().width, tag: host.localName,
                        fallback: host.hasAttribute("data-encart-host") };"#,
            Value::Null,
        )
        .await;
    assert_eq!(host["display"], "block", "`all: revert !important` does not unblock the host: {host}");
    assert!(host["width"].as_f64().unwrap() > 300.0, "{host}");
    // The page took the name <encart-widget> for a component of its own: the widget lives in a plain div.
    assert_eq!((&host["tag"], &host["fallback"]), (&json!("div"), &json!(true)), "{host}");

    post_and_see(&world, "Hôte hostile", "Ça marche quand même.").await;
    let fetches = world.js("return window.__hostFetches", Value::Null).await;
    assert!(fetches.as_u64().unwrap() >= 3, "the widget's requests went through the page's fetch wrapper: {fetches}");
    assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}));
    world.screenshot("hostile-scripts.png").await;
    world.close().await;
}

#[tokio::test]
async fn under_a_strict_content_security_policy_the_widget_is_styled_and_posts() {
    let world = world("csp").await;
    world.open("csp.html").await;
    let seen = world.wait_for(0, ".article").await;
    assert_eq!(seen["title"], TITLE);
    let styled = world
        .js(
            r#"const root = document.querySelector("encart-widget").shadowRoot;
               return { inlineStyles: root.querySelectorAll("style").length,
                        adopted: root.adoptedStyleSheets.length,
                        paragraph: getComputedStyle(root.querySelector(".article-body p")).fontSize };"#,
            Value::Null,
        )
        .await;
    assert_eq!(styled, json!({"inlineStyles": 0, "adopted": 1, "paragraph": "19px"}), "styles without 'unsafe-inline'");
    post_and_see(&world, "Sous CSP", "Aucune violation.").await;
    assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}), "no CSP violation either");
    world.screenshot("csp.png").await;
    world.close().await;
}

/// An API that misbehaves in the way its path says: `/{fault}/api/v1/...`.
async fn faulty_api() -> String {
    async fn answer(UrlPath((fault, _rest)): UrlPath<(String, String)>) -> Response {
        let cors = (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        let json = (header::CONTENT_TYPE, "application/json");
        let article = json!({
            "slug": "x", "title": "Titre", "byline": null, "published": null, "language": "fr",
            "lead": null, "body": [], "source_url": null
        })
        .to_string();
        match fault.as_str() {
            "slow" => {
                tokio::time::sleep(Duration::from_secs(6)).await;
                ([cors, json], article).into_response()
            }
            "error" => {
                (StatusCode::INTERNAL_SERVER_ERROR, [cors, json], r#"{"error":{"code":"internal"}}"#).into_response()
            }
            "malformed" => ([cors, json], r#"{"slug": "x", "title": "#).into_response(),
            "wrong-type" => {
                ([cors, (header::CONTENT_TYPE, "text/html")], "<html><body>Maintenance</body></html>").into_response()
            }
            "wrong-shape" => ([cors, json], r#"{"comments": 3}"#).into_response(),
            // A valid answer the browser must refuse: no Access-Control-Allow-Origin.
            "no-cors" => ([json], article).into_response(),
            _ => StatusCode::NOT_FOUND.into_response(),
        }
    }
    let app = Router::new().route("/{fault}/api/v1/articles/{*rest}", axum::routing::get(answer));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[tokio::test]
async fn every_api_fault_gets_a_readable_message_with_retry_and_the_page_goes_on() {
    let world = world("api-faults").await;
    let api = faulty_api().await;
    world.open("plain.html").await;
    world.wait_for(0, ".article").await;
    let faults = [
        ("slow", "Le serveur met trop de temps à répondre."),
        ("error", "Le serveur a rencontré une erreur."),
        ("malformed", "Le serveur a envoyé une réponse inattendue."),
        ("wrong-type", "Le serveur a envoyé une réponse inattendue."),
        ("wrong-shape", "Le serveur a envoyé une réponse inattendue."),
        ("no-cors", "Impossible de joindre le serveur. Vérifiez votre connexion."),
    ];
    // One placeholder per fault, all mounted at once by one more loader tag.
    let add = format!(
        r#"for (const fault of arguments[0]) {{
             const div = document.createElement("div");
             div.setAttribute("data-encart-article", "x");
             div.dataset.api = {api:?} + "/" + fault;
             document.body.appendChild(div);
           }}
           const script = document.createElement("script");
           script.src = {cdn:?} + "/embed.js";
           document.body.appendChild(script);"#,
        cdn = world.sites.cdn_url,
    );
    world.js(&add, json!(faults.iter().map(|(fault, _)| fault).collect::<Vec<_>>())).await;
    for (i, (fault, message)) in faults.iter().enumerate() {
        let seen = world.wait_for(i + 1, "[role=alert] button.retry").await;
        assert_eq!(seen["error"], *message, "fault {fault}");
    }
    // A retry fails the same way, still as a message.
    world.click(2, "button.retry").await;
    assert_eq!(world.wait_for(2, "[role=alert] button.retry").await["error"], "Le serveur a rencontré une erreur.");
    assert_eq!(world.wait_for(0, ".article").await["title"], TITLE, "the page's other widget is untouched");
    assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}));
    world.screenshot("api-faults.png").await;
    world.close().await;
}

#[tokio::test]
async fn without_its_wasm_a_widget_shows_its_first_view_or_the_partners_content_and_a_plain_link() {
    let world = world("no-wasm").await;
    // A CDN whose upload lost the wasm.
    let broken = Path::new(ROOT).join("target/e2e/no-wasm/cdn");
    std::fs::create_dir_all(&broken).unwrap();
    for entry in std::fs::read_dir(dist()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.contains(".wasm") {
            std::fs::copy(entry.path(), broken.join(&name)).unwrap();
        }
    }
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let cdn = format!("http://{}", listener.local_addr().unwrap());
    let router = encart_demo::cdn_router(&broken);
    tokio::spawn(async move { axum::serve(listener, router).await });

    // Published with its source: the fallback links there.
    let mut article = encart_server::articles::find(&world.sites.db, &world.sites.article).await.unwrap().unwrap();
    article.source_url = Some("https://journal.example/haftar".into());
    encart_server::articles::save(&world.sites.db, &article, encart_server::articles::Author::Operator).await.unwrap();
    world.sites.state.cache.invalidate(&article.slug);

    // Each case on a fresh page without any other loader (a loader mounts
    // every placeholder added to its page).
    world.open("list.html").await;
    let add = format!(
        r#"const bare = document.createElement("div");
           bare.setAttribute("data-encart-article", {slug:?});
           const given = document.createElement("div");
           given.setAttribute("data-encart-article", {slug:?});
           given.innerHTML = '<a class="partner-link" href="/haftar">Lire sur notre site</a>';
           document.body.append(bare, given);
           const script = document.createElement("script");
           script.src = {cdn:?} + "/embed.js";
           script.dataset.api = {api:?};
           script.dataset.render = "client";
           document.body.appendChild(script);"#,
        slug = article.slug,
        api = world.sites.api_url,
    );
    // Rendered by the module alone (data-render="client"): without it, the
    // partner's content and a link.
    world.js(&add, Value::Null).await;
    let fallback = r#"
        const host = document.querySelectorAll("[data-encart-article]")[arguments[0]];
        const p = host.shadowRoot && host.shadowRoot.querySelector("p");
        const link = p && p.querySelector("a");
        const partner = host.querySelector(".partner-link");
        return { text: p && p.textContent, href: link && link.getAttribute("href"),
                 partnerVisible: partner ? partner.getBoundingClientRect().height > 0 : null };"#;
    let mut seen = Value::Null;
    for _ in 0..100 {
        seen = world.js(fallback, json!(0)).await;
        if seen["href"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        seen,
        json!({
            "text": format!("Le lecteur d’articles n’a pas pu s’afficher ici. {TITLE}"),
            "href": "https://journal.example/haftar",
            "partnerVisible": null,
        })
    );
    let given = world.js(fallback, json!(1)).await;
    assert_eq!(given["partnerVisible"], true, "the partner's own content shows through: {given}");
    assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}));

    // With a first view (the default), a module that cannot be used leaves
    // the first view readable, and its form says it cannot send: a CDN
    // without CORS headers (the loader runs, the glue and the wasm are
    // refused), then the CDN without the wasm (a 404). No unhandled rejection.
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let bare_cdn = format!("http://{}", listener.local_addr().unwrap());
    let files = Router::new().fallback_service(tower_http::services::ServeDir::new(dist()));
    tokio::spawn(async move { axum::serve(listener, files).await });
    let one_widget = |cdn: &str, client: bool, partner: &str| json!({ "slug": article.slug, "cdn": cdn, "api": world.sites.api_url, "client": client, "partner": partner });
    for cdn in [&bare_cdn, &cdn] {
        world.open("list.html").await;
        world.js(ADD_ONE_WIDGET, one_widget(cdn, false, "")).await;
        let seen = world.wait_for(0, ".comments").await;
        assert_eq!(seen["state"], "static", "{cdn}: {seen}");
        assert_eq!(seen["title"], TITLE);
        assert_eq!(seen["formStatus"], "Les commentaires ne peuvent pas être envoyés depuis cette page.");
        assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}));
    }

    // Rendered by the module alone from that CDN without CORS headers: the
    // glue (which carries the fallback's link) is refused too, and the
    // partner's own content shows, nothing else.
    world.open("list.html").await;
    let partner = r#"<a class="partner-link" href="/haftar">Lire sur notre site</a>"#;
    world.js(ADD_ONE_WIDGET, one_widget(&bare_cdn, true, partner)).await;
    let state = r#"return document.querySelector("[data-encart-article]").getAttribute("data-encart");"#;
    for _ in 0..100 {
        if world.js(state, Value::Null).await == "fallback" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(world.js(state, Value::Null).await, "fallback");
    let given = world.js(fallback, json!(0)).await;
    assert_eq!(given, json!({"text": null, "href": null, "partnerVisible": true}), "only the partner's content");
    assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}));
    world.close().await;
}

/// Adds a placeholder for `slug` (rendered by the module alone if `client`,
/// holding the partner's own `partner` HTML) and a loader tag from `cdn`
/// for `api`: the script's argument.
const ADD_ONE_WIDGET: &str = r#"
const { slug, cdn, api, client, partner } = arguments[0];
const div = document.createElement("div");
div.setAttribute("data-encart-article", slug);
if (client) div.dataset.render = "client";
div.innerHTML = partner;
document.body.append(div);
const script = document.createElement("script");
script.src = cdn + "/embed.js";
script.dataset.api = api;
document.body.appendChild(script);
"#;

const CORPUS: &str = include_str!("../fixtures/attacks.txt");

/// What the shadow root of the first widget holds that must never be there.
const DANGER_JS: &str = r#"
const root = document.querySelector("encart-widget").shadowRoot;
const all = [...root.querySelectorAll("*")];
const handlers = all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + " " + a.name));
const urls = all.flatMap((e) => [...e.attributes].filter((a) => /^\s*(javascript|vbscript|data):/i.test(a.value)).map((a) => e.tagName + " " + a.name));
const foreign = all.filter((e) => /^(script|iframe|object|embed|img|svg|math|style|link|meta|base|form|input[type=image]|video|audio|template|slot)$/i.test(e.tagName)
  && !e.closest(".comment-form")).map((e) => e.tagName);
// Links in comments: each an http(s) address, exactly its text, opened apart.
const links = [...root.querySelectorAll(".comment-body a")];
const badLinks = links.filter((a) => !/^https?:\/\/[a-z0-9\[]/i.test(a.getAttribute("href")) || a.getAttribute("href") !== a.textContent
  || a.rel !== "nofollow ugc noopener noreferrer" || a.target !== "_blank" || a.children.length).map((a) => a.outerHTML);
const otherLinks = all.filter((e) => e.tagName === "A" && !e.closest(".comment-body") && !e.closest(".article-body") && !e.matches("a.sign-in")).map((e) => e.outerHTML);
return JSON.stringify({ handlers, urls, foreign, pwned: window.__pwned, errors: window.__hostErrors, links: links.length, badLinks, otherLinks });
"#;

#[tokio::test]
async fn the_attack_corpus_posted_through_the_api_renders_as_text_and_runs_nothing() {
    let world =
        world_with_rate("attack-corpus", encart_server::Moderation::Open, encart_server::PostRate::unlimited()).await;
    let corpus: Vec<String> = CORPUS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Each string as a body, and as the name when the rules allow it.
    let posts: Vec<(String, String)> = corpus
        .iter()
        .map(|attack| {
            let as_name = encart_api_types::check_author(attack).is_ok();
            (if as_name { attack.clone() } else { "Corpus".to_owned() }, attack.clone())
        })
        .collect();
    let expected: Vec<(String, String)> = posts
        .iter()
        .filter(|(author, body)| {
            let new = encart_api_types::NewComment { author: author.clone(), body: body.clone(), ..Default::default() };
            new.validate().is_ok()
        })
        // Stored as typed, trimmed, every line break a line feed.
        .map(|(a, b)| (a.trim().to_owned(), encart_api_types::normalize_line_breaks(b.trim()).into_owned()))
        .collect();
    assert!(expected.len() >= 150, "{} of the corpus are valid comments", expected.len());

    // Posted from the partner page, across origins, as the widget does.
    world.open("plain.html").await;
    world.wait_for(0, ".article").await;
    let statuses = world
        .browser
        .execute_async(
            r#"const [api, slug, posts, done] = arguments;
               const url = api + "/api/v1/articles/" + slug + "/comments";
               const results = [];
               for (const [author, body] of posts) {
                 const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
                                             body: JSON.stringify({ author, body }) });
                 results.push(r.status);
               }
               done(JSON.stringify(results));"#,
            vec![json!(world.sites.api_url), json!(world.sites.article), json!(posts)],
        )
        .await
        .unwrap();
    let statuses: Vec<u16> = serde_json::from_str(statuses.as_str().unwrap()).unwrap();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), expected.len(), "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 422 || *s == 413), "{statuses:?}");

    world.open("plain.html").await;
    let first = wait_until(&world, "the first page", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    let seen = show_all_pages(&world, first, expected.len().div_ceil(20)).await;
    let mut rendered: Vec<(String, String)> = seen["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["author"].as_str().unwrap().to_owned(), c["body"].as_str().unwrap().to_owned()))
        .collect();
    let mut expected = expected;
    rendered.sort();
    expected.sort();
    assert_eq!(rendered.len(), expected.len());
    for (shown, typed) in rendered.iter().zip(&expected) {
        assert_eq!(shown, typed, "the text reads as typed");
    }

    // Exactly the web addresses `links.rs` finds became links.
    let links: usize = expected
        .iter()
        .map(|(_, body)| {
            encart::links::pieces(body).iter().filter(|p| matches!(p, encart::links::Piece::Link(_))).count()
        })
        .sum();
    assert!(links >= 10, "the corpus has links to show: {links}");
    let danger = world.js(DANGER_JS, Value::Null).await;
    let danger: Value = serde_json::from_str(danger.as_str().unwrap()).unwrap();
    assert_eq!(
        danger,
        json!({"handlers": [], "urls": [], "foreign": [], "pwned": [], "errors": [], "links": links,
               "badLinks": [], "otherLinks": []}),
        "nothing from the corpus became markup or ran"
    );
    // A long address breaks rather than widen the widget or the page.
    world.browser.set_window_size(375, 900).await.unwrap();
    let widths = world
        .js(
            &format!(
                "{WIDGET_JS} const c = hosts()[0].shadowRoot.querySelector('.comments');
                 return [c.scrollWidth <= c.clientWidth, document.documentElement.scrollWidth <= innerWidth];"
            ),
            Value::Null,
        )
        .await;
    assert_eq!(widths, json!([true, true]), "no sideways scroll at 375 px, long names and addresses included");
    world.screenshot_at(".comment-body a", "links-375.png").await;
    world.browser.set_window_size(1280, 1600).await.unwrap();
    world.screenshot_at(".comments", "attack-corpus.png").await;
    world.close().await;
}

#[tokio::test]
async fn count_js_fills_every_count_link_of_a_list_page_with_one_request_per_language() {
    let world = world("counts").await;
    for i in 0..3 {
        world.seed_comment("Lecteur", &format!("Commentaire {i}"), None).await;
    }
    world.open("list.html").await;
    let mut counts = Value::Null;
    for _ in 0..100 {
        counts = world
            .js(r#"return [...document.querySelectorAll("a.count")].map((a) => a.textContent);"#, Value::Null)
            .await;
        if counts[0] != "Commentaires" && counts[2] != "Comments" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(counts, json!(["3 commentaires", "Commentaires", "3 comments"]), "unknown articles keep their text");
    let requests = world
        .js(
            r#"return performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/v1/counts")).length;"#,
            Value::Null,
        )
        .await;
    assert_eq!(requests, 2, "one request for each language of the page (French, English)");
    assert_eq!(host_health(&world).await, json!({"errors": [], "ticking": true}));
    world.close().await;
}
