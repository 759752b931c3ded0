//! End to end, as a reader meets encart: the real API server on a real SQLite
//! database, a CDN stand-in serving the release build (`dist/`) and a partner
//! news site, on three origins; headless Chromium driven through chromedriver.
//!
//! Needs `dist/` (`cargo xtask dist`, or `ENCART_DIST`) and chromedriver
//! (`CHROMEDRIVER`, default `/usr/bin/chromedriver`): `cargo xtask test` provides both.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use encart_server::{Moderation, articles, import};
use serde_json::{Value, json};
use support::*;

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

/// The layout shifts of the page so far, not caused by input, from a
/// buffered `PerformanceObserver` (the timeline's `getEntriesByType` lists
/// none: layout shifts are only given to observers).
const SHIFTS_JS: &str = r#"
const done = arguments[arguments.length - 1];
const shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push(e.value);
}).observe({ type: "layout-shift", buffered: true });
requestAnimationFrame(() => setTimeout(() => done(shifts), 200));
"#;

async fn layout_shifts(world: &World) -> Vec<f64> {
    let shifts = world.browser.execute_async(SHIFTS_JS, vec![]).await.unwrap();
    shifts.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

#[tokio::test]
async fn the_recommended_placeholder_keeps_the_page_from_moving() {
    let world = world("reserved").await;
    world.seed_comment("Nadia", "Rien de surprenant.", None).await;
    world.browser.set_window_size(375, 800).await.unwrap();
    world.open("reserved.html").await;
    // Where the content below the widget was as the page was parsed, before the widget came.
    let at_first = world.js("return window.belowAtFirst;", Value::Null).await;
    let below_js = r#"const below = document.getElementById("below").getBoundingClientRect();
                      return { top: below.top + scrollY, viewport: innerHeight };"#;
    // The first view, then the module: the reader goes to the discussion
    // (the module comes), the widget hydrates, and the reader goes back up.
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "hydrated");
    let after = world.js(below_js, Value::Null).await;
    assert!(
        after["top"].as_f64().unwrap() > at_first["top"].as_f64().unwrap() + 800.0,
        "the widget outgrew the room reserved for it, so what is below it went further down: {at_first} -> {after}"
    );
    assert!(at_first["top"].as_f64().unwrap() >= at_first["viewport"].as_f64().unwrap(), "{at_first}");
    // ... off the first screen, where no reader saw it move: no layout shift.
    assert_eq!(layout_shifts(&world).await, Vec::<f64>::new());
    // The instrument sees a shift when there is one: the page's own banner
    // arriving above the widget moves everything on the screen.
    world
        .js(
            r#"const banner = document.createElement("p");
               banner.style.height = "120px";
               banner.textContent = "Publicité";
               document.querySelector(".main").prepend(banner);"#,
            Value::Null,
        )
        .await;
    let shifts = layout_shifts(&world).await;
    assert!(shifts.iter().sum::<f64>() > 0.05, "the banner moved the screen: {shifts:?}");
    world.close().await;
}

/// Computed styles of every element in the first widget's shadow root (its
/// host a `<div data-encart-host>` on the hostile page, which took our element's name).
const STYLES_JS: &str = r#"
const root = document.querySelector("[data-encart]").shadowRoot;
const props = ["color", "background-color", "font-family", "font-size", "font-style", "font-weight",
  "line-height", "letter-spacing", "word-spacing", "text-transform", "text-align", "text-indent",
  "white-space", "direction", "box-sizing", "display", "visibility", "margin-top", "margin-bottom",
  "margin-left", "padding-top", "padding-left", "border-top-width", "border-top-style", "max-width"];
// Through JSON: the hostile page pollutes Object.prototype.
return JSON.stringify([...root.querySelectorAll("*")].filter((e) => e.tagName !== "STYLE").map((e) => {
  const s = getComputedStyle(e);
  return { element: e.tagName.toLowerCase() + "." + e.className, style: Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])) };
}));
"#;

async fn computed_styles(world: &World) -> Value {
    serde_json::from_str(world.js(STYLES_JS, Value::Null).await.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn hostile_host_css_changes_nothing_in_the_widget() {
    let world = world("hostile-css").await;
    world.open("plain.html").await;
    world.wait_for(0, ".article").await;
    let baseline = computed_styles(&world).await;

    world.open("hostile.html").await;
    world.wait_for(0, ".article").await;
    let hostile = computed_styles(&world).await;
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
    // The widget's own words follow data-lang, else the article's language.
    assert_eq!(world.wait_for(0, ".comments-heading").await["heading"], "Aucun commentaire pour l’instant");
    assert_eq!(world.wait_for(1, ".comments-heading").await["heading"], "No comments yet");
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
async fn the_loader_fetches_the_first_view_or_the_data_while_the_module_loads() {
    let world = world("prefetch").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("").await;
    wait_until(&world, "the seeded comment", |s| s["comments"].as_array().is_some_and(|c| c.len() == 1)).await;
    let requests = |render: &str| {
        format!(
            r#"const all = performance.getEntriesByType("resource");
               const one = (test) => all.filter((e) => test(e.name));
               const view = one((n) => /\/api\/v1\/articles\/[^/?]+\/embed\?/.test(n));
               const data = one((n) => /\/api\/v1\/articles\/[^/?]+\/embed\/state\?/.test(n));
               const article = one((n) => /\/api\/v1\/articles\/[^/?]+$/.test(n));
               const comments = one((n) => /\/comments\?limit=20$/.test(n));
               const wasm = one((n) => n.endsWith(".wasm"));
               const css = one((n) => /encart-[0-9a-f]+\.css$/.test(n));
               const early = (list) => list.length == 1 && list[0].startTime < wasm[0].responseEnd;
               return {{ view: view.length, data: data.length, article: article.length, comments: comments.length, wasm: wasm.length,
                        css: css.length, overlap: {render:?} == "client" ? early(article) && early(comments) : early(view) && early(data) }};"#
        )
    };
    assert_eq!(
        world.js(&requests("server"), Value::Null).await,
        json!({"view": 1, "data": 1, "article": 0, "comments": 0, "wasm": 1, "css": 1, "overlap": true}),
        "the first view, its data and stylesheet, each asked once, before the module finished downloading"
    );
    // The loader named its stylesheet from the CDN, and the server (the same
    // build, the same name) left it out of the first view.
    let view = world
        .js(
            r#"const view = performance.getEntriesByType("resource").find((e) => /\/embed\?/.test(e.name));
               return fetch(view.name).then((r) => r.json())
                 .then((v) => ({ named: /[?&]css=encart-[0-9a-f]{16}\.css(&|$)/.test(view.name), css: v.css }));"#,
            Value::Null,
        )
        .await;
    assert_eq!(view, json!({"named": true, "css": ""}));
    assert_ne!(world.widget_max_width().await, "none", "styled by the CDN's stylesheet");

    // With data-render="client", the article and its first comments instead.
    world.open("client.html").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "rendered");
    assert_eq!(
        world.js(&requests("client"), Value::Null).await,
        json!({"view": 0, "data": 0, "article": 1, "comments": 1, "wasm": 1, "css": 1, "overlap": true}),
        "each asked once, before the module finished downloading, and the stylesheet"
    );
    let styled = world.widget_max_width().await;
    assert_ne!(styled, "none", "styled by the CDN's stylesheet");
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
    articles::save(&world.sites.db, &article, articles::Author::Operator).await.unwrap();
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

#[tokio::test]
async fn a_reader_posts_a_comment_sees_it_at_once_and_after_a_reload() {
    let world = world("post").await;
    world.open("").await;
    let seen = world.wait_for(0, ".comment-form").await;
    assert_eq!(seen["heading"], "Aucun commentaire pour l’instant");

    world.type_into(0, "#encart-new-author", "Léa Martin").await;
    world.type_into(0, "#encart-new-body", "Analyse très claire.\nMerci pour ce suivi !").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the comment published", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["formStatus"], "Merci, votre commentaire est publié.");
    assert_eq!(seen["comments"][0]["author"], "Léa Martin");
    assert_eq!(seen["comments"][0]["body"], "Analyse très claire.\nMerci pour ce suivi !");
    assert_eq!(seen["comments"][0]["mark"], Value::Null, "confirmed by the server");
    assert_eq!(seen["heading"], "1 commentaire");
    assert_eq!(seen["bodyValue"], "", "the form is ready for the next comment");
    world.screenshot_at(".comments", "comment-posted.png").await;

    world.open("").await;
    let seen =
        wait_until(&world, "the comment after a reload", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty()))
            .await;
    assert_eq!(seen["comments"][0]["body"], "Analyse très claire.\nMerci pour ce suivi !");
    assert_eq!(seen["authorValue"], "Léa Martin", "the name is remembered");
    assert_eq!(world.stored_comments().await, 1);
    // The widget sent an Idempotency-Key (through CORS), so a retry could not post twice.
    let key: Option<String> =
        sqlx::query_scalar("SELECT idempotency_key FROM comments").fetch_one(&world.sites.db).await.unwrap();
    assert!(key.is_some_and(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit())));
    world.close().await;
}

#[tokio::test]
async fn a_reply_appears_nested_under_its_parent() {
    let world = world("reply").await;
    let parent = world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("").await;
    wait_until(&world, "the seeded comment", |s| s["comments"].as_array().is_some_and(|c| c.len() == 1)).await;

    world.click(0, &format!(".comment[data-id='{parent}'] button.reply")).await;
    let form = format!("#encart-reply-{parent}");
    world.type_into(0, &format!("{form}-author"), "Sophie L.").await;
    world.type_into(0, &format!("{form}-body"), "Pas si sûr : c’est la mise en scène qui est nouvelle.").await;
    world.click(0, &format!(".comment[data-id='{parent}'] .comment-form button.submit")).await;

    let seen = wait_until(&world, "the reply", |s| {
        s["comments"].as_array().is_some_and(|c| {
            c.len() == 2 && c[1]["mark"].is_null() && !c[1]["id"].as_str().unwrap().starts_with("local")
        })
    })
    .await;
    assert_eq!(seen["comments"][0]["id"], parent);
    assert_eq!(seen["comments"][1]["author"], "Sophie L.");
    assert_eq!(seen["comments"][1]["depth"], 1, "nested under its parent");
    assert_eq!(seen["heading"], "2 commentaires");
    world.screenshot_at(".comments", "reply.png").await;
    world.close().await;
}

#[tokio::test]
async fn show_more_reaches_all_of_250_comments_none_twice() {
    let world = world("many").await;
    for i in 0..250 {
        world.seed_comment(&format!("Lecteur {i}"), &format!("Commentaire numéro {i}"), None).await;
    }
    world.open("").await;
    let seen = wait_until(&world, "the first page", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    assert_eq!(seen["heading"], "250 commentaires");
    assert_eq!(seen["comments"].as_array().unwrap().len(), 20);
    // 250 comments at 20 a page: 13 pages, no more.
    let seen = show_all_pages(&world, seen, 13).await;
    let ids: Vec<&str> = seen["comments"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), 250);
    assert_eq!(unique.len(), 250, "no comment twice");
    assert_eq!(seen["comments"][249]["body"], "Commentaire numéro 0", "oldest last");
    world.close().await;
}

#[tokio::test]
async fn a_one_megabyte_comment_gets_a_clear_message_and_nothing_is_stored() {
    let world = world("oversized").await;
    world.open("").await;
    world.wait_for(0, ".comment-form").await;
    world.type_into(0, "#encart-new-author", "Verbeux").await;
    // 1 MiB typed key by key would take minutes: paste it as the browser does.
    world
        .js(
            &format!(
                r##"{WIDGET_JS} const body = hosts()[0].shadowRoot.querySelector("#encart-new-body");
                   body.value = "a".repeat(1024 * 1024);
                   body.dispatchEvent(new InputEvent("input", {{ bubbles: true }}));"##
            ),
            Value::Null,
        )
        .await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the length message", |s| s["bodyError"].is_string()).await;
    assert_eq!(seen["bodyError"], "Votre commentaire ne doit pas dépasser 5 000 caractères.");
    assert_eq!(seen["bodyValue"].as_str().unwrap().len(), 1024 * 1024, "the text stays for editing");
    assert_eq!(seen["comments"], json!([]));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(world.stored_comments().await, 0);
    world.close().await;
}

#[tokio::test]
async fn markup_in_a_comment_shows_literally_and_runs_nothing() {
    let world = world("markup").await;
    world.open("").await;
    world.wait_for(0, ".comment-form").await;
    world.js("window.__pwned = 0; window.alert = () => { window.__pwned += 1; };", Value::Null).await;
    let body = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    world.type_into(0, "#encart-new-author", "<b>Mallory</b>").await;
    world.type_into(0, "#encart-new-body", body).await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the comment", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["comments"][0]["body"], body);
    assert_eq!(seen["comments"][0]["author"], "<b>Mallory</b>");

    for reload in [false, true] {
        if reload {
            world.open("").await;
            world.js("window.__pwned = 0; window.alert = () => { window.__pwned += 1; };", Value::Null).await;
            wait_until(&world, "the comment after reload", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty()))
                .await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let check = world
            .js(
                &format!(
                    r#"{WIDGET_JS} const root = hosts()[0].shadowRoot;
                       return {{ pwned: window.__pwned,
                                 elements: root.querySelectorAll(".comment img, .comment script, .comment b").length }};"#
                ),
                Value::Null,
            )
            .await;
        assert_eq!(check, json!({"pwned": 0, "elements": 0}), "after reload: {reload}");
    }
    world.close().await;
}

#[tokio::test]
async fn with_the_api_down_a_post_keeps_the_text_and_offers_a_retry() {
    let mut world = world("api-down-post").await;
    world.open("").await;
    world.wait_for(0, ".comment-form").await;
    world.sites.stop_api().await;
    world.type_into(0, "#encart-new-author", "Hors ligne").await;
    world.type_into(0, "#encart-new-body", "Ce texte ne doit pas se perdre.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the failure", |s| s["formError"].is_string()).await;
    let message = seen["formError"].as_str().unwrap();
    assert!(message.starts_with("Impossible de joindre le serveur."), "{message}");
    assert!(message.contains("votre texte est conservé"), "{message}");
    assert_eq!(seen["bodyValue"], "Ce texte ne doit pas se perdre.");
    assert_eq!(seen["authorValue"], "Hors ligne");
    assert_eq!(seen["comments"], json!([]), "the optimistic copy is withdrawn");
    world.element(0, ".new-comment .form-error button.retry").await;
    world.screenshot_at(".comments", "post-failed.png").await;
    world.close().await;
}

#[tokio::test]
async fn under_pre_moderation_only_the_author_sees_their_comment_until_approved() {
    let world = world_with("pre-moderation", Moderation::Pre).await;
    world.open("").await;
    world.wait_for(0, ".comment-form").await;
    world.type_into(0, "#encart-new-author", "Patiente").await;
    world.type_into(0, "#encart-new-body", "Je repasserai.").await;
    world.click(0, ".new-comment button.submit").await;
    let pending = "en attente de modération : visible par vous seul";
    let seen = wait_until(&world, "the pending comment", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["formStatus"], pending);
    assert_eq!(seen["comments"][0]["mark"], pending);
    assert_eq!(seen["heading"], "Aucun commentaire pour l’instant", "not counted until approved");

    // The author reloads: the widget asks for it with the token it kept.
    world.open("").await;
    let seen = wait_until(&world, "the pending comment after reload", |s| {
        s["comments"].as_array().is_some_and(|c| !c.is_empty())
    })
    .await;
    assert_eq!(seen["comments"][0]["body"], "Je repasserai.");
    assert_eq!(seen["comments"][0]["mark"], pending);
    world.screenshot_at(".comments", "pending.png").await;

    // Another reader (no token) sees nothing.
    world.js("localStorage.clear();", Value::Null).await;
    world.open("").await;
    let seen = world.wait_for(0, ".thread").await;
    assert_eq!(seen["comments"], json!([]));

    // Approved by a moderator: everyone sees it, unmarked.
    // (What a moderator's approval does: the status changes, the article's reads are dropped.)
    sqlx::query("UPDATE comments SET status = 'approved'").execute(&world.sites.db).await.unwrap();
    world.sites.state.cache.invalidate(&world.sites.article);
    world.open("").await;
    let seen =
        wait_until(&world, "the approved comment", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    assert_eq!(seen["comments"][0]["mark"], Value::Null);
    assert_eq!(seen["heading"], "1 commentaire");
    world.close().await;
}

/// The first widget's root: theme, size, and what they look like.
const LOOK_JS: &str = r##"
const root = document.querySelector("encart-widget").shadowRoot;
const encart = root.querySelector(".encart");
const style = getComputedStyle(encart);
return {
  theme: encart.dataset.theme,
  size: encart.dataset.size,
  background: style.backgroundColor,
  color: style.color,
  fontSize: style.fontSize,
  pressed: [...root.querySelectorAll(".choice[aria-pressed=true]")].map((b) => b.textContent),
};
"##;

#[tokio::test]
async fn reader_controls_set_theme_and_text_size_and_are_remembered() {
    let world = world("controls").await;
    world.open("").await;
    world.wait_for(0, ".reader-controls").await;
    let look = world.js(LOOK_JS, Value::Null).await;
    assert_eq!(look["theme"], "auto");
    assert_eq!(look["size"], "medium");
    assert_eq!(look["fontSize"], "19px");
    assert_eq!(look["pressed"], json!(["A", "Auto"]));

    for (width, height) in [(1280, 1500), (375, 1500)] {
        world.browser.set_window_size(width, height).await.unwrap();
        for theme in ["light", "dark", "sepia"] {
            world.click(0, &format!("button.theme-{theme}")).await;
            let look = world.js(LOOK_JS, Value::Null).await;
            assert_eq!(look["theme"], theme);
            let expected = match theme {
                "dark" => "rgb(23, 24, 27)",
                "sepia" => "rgb(244, 236, 216)",
                _ => "rgba(0, 0, 0, 0)",
            };
            assert_eq!(look["background"], expected, "{theme}");
            world.screenshot(&format!("theme-{theme}-{width}.png")).await;
        }
    }
    world.browser.set_window_size(1280, 1500).await.unwrap();
    world.click(0, "button.theme-dark").await;
    world.click(0, "button.size-large").await;
    let look = world.js(LOOK_JS, Value::Null).await;
    assert_eq!(look["fontSize"], "22px");
    assert_eq!(look["color"], "rgb(236, 236, 239)");

    world.open("").await;
    world.wait_for(0, ".reader-controls").await;
    let look = world.js(LOOK_JS, Value::Null).await;
    assert_eq!((look["theme"].as_str(), look["size"].as_str()), (Some("dark"), Some("large")), "remembered");
    assert_eq!(look["pressed"], json!(["A+", "Sombre"]));
    world.close().await;
}

#[tokio::test]
async fn heading_level_and_right_to_left_articles_follow_the_partner_and_the_language() {
    let world = world("heading-rtl").await;
    let text = "الاقتصاد المتوسطي في مواجهة الجفاف\nبقلم: هيئة التحرير\nيواجه المزارعون في جنوب البحر الأبيض المتوسط موسماً صعباً بعد شتاء قليل الأمطار، وتدعو النقابات إلى خطة دعم عاجلة.\nويقول الخبراء إن تحديث شبكات الري أصبح ضرورة لا تحتمل التأجيل.";
    let options = import::ImportOptions { language: Some("ar".into()), source_url: None };
    let arabic = import::parse(text.as_bytes(), &options).unwrap();
    articles::save(&world.sites.db, &arabic, articles::Author::Operator).await.unwrap();

    world.open("several.html").await;
    world.wait_for(1, ".article").await;
    let levels = world
        .js(
            &format!(
                r#"{WIDGET_JS} const root = hosts()[1].shadowRoot;
                   return [root.querySelector(".title").tagName, root.querySelector(".comments-heading").tagName];"#
            ),
            Value::Null,
        )
        .await;
    assert_eq!(levels, json!(["H3", "H4"]), "data-heading-level=3");

    // A third widget, for the Arabic article, added later with its own loader tag.
    let add = format!(
        r#"const div = document.createElement("div");
           div.setAttribute("data-encart-article", {slug:?});
           document.querySelector(".sidebar").appendChild(div);
           const script = document.createElement("script");
           script.src = {cdn:?} + "/embed.js";
           script.dataset.api = {api:?};
           document.body.appendChild(script);"#,
        slug = arabic.slug,
        cdn = world.sites.cdn_url,
        api = world.sites.api_url,
    );
    world.js(&add, Value::Null).await;
    let seen = world.wait_for(2, ".article").await;
    assert_eq!(seen["title"], "الاقتصاد المتوسطي في مواجهة الجفاف");
    let root = world
        .js(
            &format!(
                r#"{WIDGET_JS} const e = hosts()[2].shadowRoot.querySelector(".encart");
                   return [e.getAttribute("dir"), e.getAttribute("lang"), getComputedStyle(e).direction];"#
            ),
            Value::Null,
        )
        .await;
    assert_eq!(root, json!(["rtl", "ar", "rtl"]));
    world.close().await;
}

/// axe-core's WCAG 2.1 AA audit of the first widget (axe-core loaded in the page first).
#[tokio::test]
async fn the_widget_passes_an_accessibility_audit_in_every_theme() {
    let world = world("a11y").await;
    let parent = world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.seed_comment("Sophie L.", "Pas si sûr : https://example.org/source.", Some(&parent)).await;
    world.open("").await;
    wait_until(&world, "the comments", |s| s["comments"].as_array().is_some_and(|c| c.len() == 2)).await;
    world.js(&axe_script(), Value::Null).await;

    // The audit sees inside the shadow root: a faint line planted there is caught.
    let plant = r##"const p = document.createElement("p"); p.id = "planted"; p.style.color = "#eee"; p.textContent = "faint";
                   document.querySelector("encart-widget").shadowRoot.querySelector(".article-body").appendChild(p);"##;
    world.js(plant, Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"][0]["id"], "color-contrast", "{report}");
    world
        .js(r##"document.querySelector("encart-widget").shadowRoot.querySelector("#planted").remove();"##, Value::Null)
        .await;

    for theme in ["light", "dark", "sepia"] {
        world.click(0, &format!("button.theme-{theme}")).await;
        // An error message shown next to a field is part of what is audited.
        world.click(0, ".new-comment button.submit").await;
        world.wait_for(0, "#encart-new-body-error:not(:empty)").await;
        let report = audit(&world).await;
        assert_eq!(report["error"], Value::Null, "{report}");
        assert!(report["checked"].as_u64().unwrap() > 10, "axe checked the widget: {report}");
        assert_eq!(report["violations"], json!([]), "theme {theme}: {report:#}");
    }
    world.close().await;
}

#[tokio::test]
async fn an_author_deletes_their_comment_for_good() {
    let world = world("delete").await;
    world.seed_comment("Quelqu’un d’autre", "Pas le mien.", None).await;
    world.open("").await;
    world.wait_for(0, ".comment").await;
    assert!(
        world
            .js(&format!("{WIDGET_JS} return !hosts()[0].shadowRoot.querySelector('button.delete');"), Value::Null)
            .await
            == true,
        "no delete button on someone else's comment"
    );
    world.type_into(0, "#encart-new-author", "Regrets").await;
    world.type_into(0, "#encart-new-body", "Je n’aurais pas dû écrire ça.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the comment published", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["heading"], "2 commentaires");
    let mine = seen["comments"][0]["id"].as_str().unwrap().to_owned();

    world.open("").await;
    world.wait_for(0, ".comment button.delete").await;
    world.click(0, &format!(".comment[data-id='{mine}'] button.delete")).await;
    world.click(0, &format!(".comment[data-id='{mine}'] button.confirm-delete")).await;
    let seen = wait_until(&world, "the comment gone", |s| s["comments"].as_array().is_some_and(|c| c.len() == 1)).await;
    assert_eq!(seen["comments"][0]["body"], "Pas le mien.");
    assert_eq!(seen["heading"], "1 commentaire");
    assert_eq!(world.stored_comments().await, 1, "deleted from the database, not hidden");

    world.open("").await;
    let seen =
        wait_until(&world, "the list after reload", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    assert_eq!(seen["comments"].as_array().unwrap().len(), 1);
    world.close().await;
}

#[tokio::test]
async fn a_reader_reports_a_comment_and_it_reaches_the_moderators_queue() {
    let world = world("report").await;
    let other = world.seed_comment("Provocateur", "Un commentaire douteux.", None).await;
    world.open("").await;
    world.wait_for(0, ".comment button.report").await;
    let at = |what: &str| format!(".comment[data-id='{other}'] {what}");
    world.click(0, &at("button.report")).await;
    world.wait_for(0, &at(".report-reason")).await;
    world.screenshot_at(".comments", "report.png").await;
    // The reasons, in the reader's language; "Propos abusifs" is the second.
    let reasons = world
        .js(
            &format!(
                "{WIDGET_JS} return [...hosts()[0].shadowRoot.querySelectorAll({:?})].map((b) => b.textContent);",
                at(".report-reason")
            ),
            Value::Null,
        )
        .await;
    assert_eq!(reasons, json!(["Spam", "Propos abusifs", "Hors sujet", "Autre"]));
    world.click(0, &at(".report-reason:nth-of-type(2)")).await;
    let seen = world.wait_for(0, &at(".reported")).await;
    assert!(seen["text"].as_str().unwrap().contains("Signalé, merci : la modération va le relire."), "{seen}");

    let reports: Vec<(i64, String)> =
        sqlx::query_as("SELECT comment_id, reason FROM reports").fetch_all(&world.sites.db).await.unwrap();
    assert_eq!(reports, vec![(other.parse().unwrap(), "abuse".to_owned())]);
    let queue = encart_server::comments::queue(&world.sites.db, 10).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!((queue[0].body.as_str(), queue[0].reports), ("Un commentaire douteux.", 1));

    // The reader's own comment has no "Report".
    post_and_see(&world, "Moi", "Le mien.").await;
    let mine_reportable = world
        .js(
            &format!(
                "{WIDGET_JS} return [...hosts()[0].shadowRoot.querySelectorAll('.comment')]
                   .filter((c) => c.querySelector('.comment-body').textContent === 'Le mien.')
                   .map((c) => !!c.querySelector('button.report'));"
            ),
            Value::Null,
        )
        .await;
    assert_eq!(mine_reportable, json!([false]));
    world.close().await;
}

#[tokio::test]
async fn a_single_page_app_swaps_widgets_as_it_navigates() {
    let world = world("spa").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("plain.html").await;
    world.wait_for(0, ".comment").await;
    // Three "navigations": the app drops the page's widget element and
    // renders a new placeholder, without adding any script.
    for round in 0..3 {
        let navigate = format!(
            r#"const old = document.querySelector("encart-widget, [data-encart-article]");
               window.__old = old;
               old.remove();
               const div = document.createElement("div");
               div.setAttribute("data-encart-article", {slug:?});
               div.dataset.api = {api:?};
               div.id = "round-{round}";
               document.body.appendChild(div);"#,
            slug = world.sites.article,
            api = world.sites.api_url,
        );
        world.js(&navigate, Value::Null).await;
        let seen = world.wait_for(0, ".comment").await;
        assert_eq!(seen["state"], "hydrated", "round {round}");
        assert_eq!(seen["comments"][0]["body"], "Rien de surprenant.");
        let old = world.js("return window.__old.shadowRoot.childNodes[0].childNodes.length", Value::Null).await;
        assert_eq!(old, 0, "round {round}: the removed widget was unmounted");
    }
    let running = world.js("return window.__encart.mounted.length", Value::Null).await;
    assert_eq!(running, 1, "only the widget on the page is kept");
    // A kept-alive view: the same element taken out, then put back later.
    let out = world
        .js(
            r#"window.__kept = document.querySelector("[data-encart-article]");
               window.__kept.remove();
               return new Promise((done) => setTimeout(() => done(window.__kept.getAttribute("data-encart")), 200));"#,
            Value::Null,
        )
        .await;
    assert_eq!(out, "unmounted");
    world.js("document.body.appendChild(window.__kept)", Value::Null).await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "hydrated", "put back, it gets a widget again");
    assert_eq!(seen["comments"][0]["body"], "Rien de surprenant.");
    // The last one works.
    post_and_see(&world, "Nadia", "Après trois navigations.").await;
    world.close().await;
}

/// What a reader sees of an article's pictures, code and tables, and of the page around them.
const RICH_JS: &str = r##"
const root = document.querySelector("encart-widget").shadowRoot;
const images = [...root.querySelectorAll("figure img")].map((img) => ({
  loading: img.getAttribute("loading"), decoding: img.getAttribute("decoding"),
  width: img.getAttribute("width"), height: img.getAttribute("height"), alt: img.getAttribute("alt"),
  loaded: img.complete && img.naturalWidth > 0, hidden: img.hidden, shown: img.getBoundingClientRect().height,
}));
return {
  images,
  captions: [...root.querySelectorAll("figcaption")].map((c) => c.textContent),
  cells: [...root.querySelectorAll("td, th")].map((c) => c.textContent),
  code: root.querySelector("pre") && root.querySelector("pre").textContent,
  pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
};
"##;

#[tokio::test]
async fn pictures_code_and_tables_read_as_on_the_site_without_moving_or_widening_the_page() {
    let world = world("rich").await;
    let partner = &world.sites.partner_url;
    let long_url = format!("{partner}/{}", "archives/2025/05/".repeat(12));
    let figure = |src: &str, caption: &str, credit: &str| {
        json!({"figure": {"src": src, "width": 800, "height": 500, "alt": "Le port de Sète au lever du jour",
                          "caption": [{"text": caption}], "credit": credit}})
    };
    let mut article: encart_api_types::Article = serde_json::from_value(json!({
        "slug": world.sites.article, "title": "Le port de Sète en images", "language": "fr",
        "byline": "Jean-Baptiste de La Rochefoucauld-Montmorency, envoyé spécial permanent auprès des institutions européennes",
        "published": "2025-05-10", "source_url": null,
        "body": [
            {"paragraph": [{"text": "Le port de Sète a manipulé un volume record de conteneurs cette année, selon les chiffres publiés mardi."}]},
            figure(&format!("{partner}/photo.png"), "Les quais au petit matin.", "Photo : Claire Vidal"),
            {"paragraph": [{"text": "Le détail des chiffres est en ligne : "}, {"link": {"href": long_url, "text": [{"text": long_url}]}}]},
            {"preformatted": "conteneurs_2025 = 184 312   # EVP, +12 % sur un an, record depuis la création du terminal"},
            {"table": {"head": [[{"text": "Terminal"}], [{"text": "2024"}], [{"text": "2025"}], [{"text": "Variation sur un an"}]],
                       "rows": [[[{"text": "Conteneurs (équivalent vingt pieds)"}], [{"text": "164 560"}], [{"text": "184 312"}], [{"text": "+12 %"}]],
                                [[{"text": "Vracs agricoles et céréaliers"}], [{"text": "1 102 000 t"}], [{"text": "1 048 000 t"}], [{"text": "−5 %"}]]]}},
            {"paragraph": [{"text": "Une seconde photographie, introuvable, laisse sa légende."}]},
            figure(&format!("{partner}/missing.png"), "Le phare Saint-Louis.", "Photo : archives"),
        ]
    }))
    .unwrap();
    article.updated = None;
    articles::save(&world.sites.db, &article, articles::Author::Operator).await.unwrap();

    for width in [375, 1280] {
        world.browser.set_window_size(width, 900).await.unwrap();
        world.open("").await;
        world.wait_for(0, "figure").await;
        let before = world.js(RICH_JS, Value::Null).await;
        // Sized before they load, loaded lazily, described.
        for image in before["images"].as_array().unwrap() {
            assert_eq!((&image["loading"], &image["decoding"]), (&json!("lazy"), &json!("async")), "{image}");
            assert_eq!((&image["width"], &image["height"]), (&json!("800"), &json!("500")));
            assert_eq!(image["alt"], "Le port de Sète au lever du jour");
        }
        // Scrolled to, each picture loads (or collapses to its caption) and nothing on the page moves.
        let shifts_before = layout_shifts(&world).await.len();
        world
            .js(
                r#"document.querySelector("encart-widget").shadowRoot.querySelector("table").scrollIntoView();"#,
                Value::Null,
            )
            .await;
        let settled = {
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            loop {
                let now = world.js(RICH_JS, Value::Null).await;
                let images = now["images"].as_array().unwrap();
                if images[0]["loaded"] == true && images[1]["hidden"] == true {
                    break now;
                }
                assert!(std::time::Instant::now() < deadline, "the pictures never settled: {now}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        let new_shifts = layout_shifts(&world).await.split_off(shifts_before);
        assert!(new_shifts.iter().all(|s| *s < 0.001), "{width} px: the pictures moved the page: {new_shifts:?}");
        assert_eq!(settled["images"][1]["shown"], 0.0, "a broken picture collapses");
        assert_eq!(
            settled["captions"],
            json!(["Les quais au petit matin. Photo : Claire Vidal", "Le phare Saint-Louis. Photo : archives"])
        );
        assert!(settled["code"].as_str().unwrap().contains("184 312   # EVP"), "code keeps its spaces");
        assert!(settled["cells"].as_array().unwrap().contains(&json!("Variation sur un an")));
        // Long bylines, addresses, code and tables stay within the column: the page never scrolls sideways.
        assert!(
            settled["pageWidth"].as_u64() <= settled["viewport"].as_u64(),
            "{width} px: the page is {} px wide",
            settled["pageWidth"]
        );
        world.screenshot(&format!("rich-article-table-{width}.png")).await;
        world.screenshot_at("figure", &format!("rich-article-{width}.png")).await;
    }
    world.js(&axe_script(), Value::Null).await;
    for theme in ["light", "dark", "sepia"] {
        world.click(0, &format!("button.theme-{theme}")).await;
        let report = audit(&world).await;
        assert_eq!(report["error"], Value::Null, "{report}");
        assert_eq!(report["violations"], json!([]), "theme {theme}: {report:#}");
    }
    world.close().await;
}

/// The page-side reader "signs in" on the partner's account bar (its own
/// form, outside the widget), as a single-page site's reader would.
async fn sign_in_on_the_page(world: &World, name: &str) {
    use fantoccini::Locator;
    let field = world.browser.find(Locator::Id("account-name")).await.unwrap();
    field.send_keys(name).await.unwrap();
    world.browser.find(Locator::Id("account-sign-in")).await.unwrap().click().await.unwrap();
}

/// Who the partner's account bar says is signed in.
async fn account_bar(world: &World) -> Value {
    world.js("return document.getElementById('account-who').textContent", Value::Null).await
}

#[tokio::test]
async fn a_signed_in_reader_comments_under_their_verified_name_and_the_newsroom_under_its_badge() {
    let world = world("signed-in").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    // The partner's backend rendered the page for its reader, token in the tag.
    world.open("signed-in.html?reader=Amina%20K.").await;
    let seen = wait_until(&world, "the signed-in form", |s| s["signedIn"].is_string()).await;
    assert_eq!(seen["signedIn"], "Vous commentez en tant que Amina K. · Se déconnecter");
    assert_eq!(seen["nameShown"], false, "no name to type");
    assert_eq!(seen["comments"][0]["verified"], false, "an anonymous name is not vouched for");

    world.type_into(0, "#encart-new-body", "Abonnée depuis dix ans, merci pour ce dossier.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the comment published", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["comments"][0]["author"], "Amina K.");
    assert_eq!(seen["comments"][0]["verified"], true);
    assert_eq!(seen["comments"][0]["mark"], Value::Null, "confirmed by the server");
    let reader: Option<i64> = sqlx::query_scalar("SELECT reader_id FROM comments WHERE author = 'Amina K.'")
        .fetch_one(&world.sites.db)
        .await
        .unwrap();
    assert!(reader.is_some(), "stored as the reader's");
    let kept = world.js("return Object.keys(localStorage).join(' ')", Value::Null).await;
    assert!(!kept.as_str().unwrap().contains("own"), "a signed-in reader's comments need no edit token here: {kept}");
    world.browser.set_window_size(375, 1200).await.unwrap();
    world.screenshot_at(".new-comment", "signed-in-375.png").await;
    world.browser.set_window_size(1280, 1600).await.unwrap();
    world.screenshot_at(".new-comment", "signed-in-1280.png").await;

    // A journalist signed in with the staff role: the newsroom's badge, for
    // every reader, after a reload too.
    world.open("signed-in.html?reader=Le%20Desk%20International&role=staff").await;
    let seen = wait_until(&world, "the staff form", |s| s["signedIn"].is_string()).await;
    assert_eq!(seen["signedIn"], "Vous commentez en tant que Le Desk InternationalRédaction · Se déconnecter");
    world.type_into(0, "#encart-new-body", "Précision : l’entretien date de mardi.").await;
    world.click(0, ".new-comment button.submit").await;
    wait_until(&world, "the staff comment", |s| s["formStatus"].is_string()).await;
    world.open("").await;
    let seen = wait_until(&world, "three comments", |s| s["comments"].as_array().is_some_and(|c| c.len() == 3)).await;
    let staff = &seen["comments"][0];
    assert_eq!(
        (&staff["author"], &staff["verified"], &staff["badge"]),
        (&json!("Le Desk International"), &json!(true), &json!("Rédaction"))
    );
    assert_eq!((&seen["comments"][1]["verified"], &seen["comments"][1]["badge"]), (&json!(true), &Value::Null));
    assert!(seen["signedIn"].is_null(), "this page signs nobody in");
    world.screenshot_at(".thread", "staff-badge-1280.png").await;

    world.open("signed-in.html?reader=Amina%20K.").await;
    wait_until(&world, "the signed-in form", |s| s["signedIn"].is_string()).await;
    world.js(&axe_script(), Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.close().await;
}

#[tokio::test]
async fn a_reader_who_signs_in_later_keeps_their_draft_and_signs_out_from_the_widget() {
    let world = world("sign-in-later").await;
    world.open("signed-in.html").await;
    let seen = world.wait_for(0, ".comment-form").await;
    assert_eq!(account_bar(&world).await, "Vous n’êtes pas connecté.");
    assert_eq!(seen["signedIn"], Value::Null);
    assert!(seen["signInLink"].as_str().unwrap().ends_with("/signed-in.html"), "the site's sign-in page: {seen}");
    world.type_into(0, "#encart-new-body", "Brouillon commencé avant de se connecter.").await;

    sign_in_on_the_page(&world, "Paul R.").await;
    let seen = wait_until(&world, "the reader signed in", |s| s["signedIn"].is_string()).await;
    assert_eq!(seen["signedIn"], "Vous commentez en tant que Paul R. · Se déconnecter");
    assert_eq!(seen["bodyValue"], "Brouillon commencé avant de se connecter.", "what the reader typed stays");

    // Signing out in the widget: the page hears of it and ends its session.
    world.click(0, ".new-comment button.sign-out").await;
    let seen = wait_until(&world, "the reader signed out", |s| s["signedIn"].is_null() && s["nameShown"] == true).await;
    assert_eq!(seen["bodyValue"], "Brouillon commencé avant de se connecter.");
    assert_eq!(account_bar(&world).await, "Vous n’êtes pas connecté.");
    world.close().await;
}

#[tokio::test]
async fn an_expired_sign_in_holds_the_post_until_the_page_renews_it_and_it_is_stored_once() {
    let world = world("expired").await;
    world.open("signed-in.html?reader=Inès").await;
    wait_until(&world, "the signed-in form", |s| s["signedIn"].is_string()).await;
    // The reader's session runs out while the page is open: the page hands
    // the widget a token past its time, and holds its renewal for a while.
    let expired = encart_demo::sign_token(&world.sites.partner_url, "Inès", None, -600).unwrap();
    world.js("window.__holdRefresh = true; window.encart.signIn(arguments[0]);", json!(expired)).await;

    world.type_into(0, "#encart-new-body", "Écrit pendant que la session expirait.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the post waiting for a fresh token", |s| s["formError"].is_string()).await;
    assert_eq!(seen["formError"], "Votre session a expiré : reconnectez-vous et votre commentaire partira.");
    assert_eq!(seen["retry"], Value::Null, "a retry cannot help: a fresh token can");
    assert_eq!(seen["bodyValue"], "Écrit pendant que la session expirait.");
    assert_eq!(world.stored_comments().await, 0);

    // The page renews the session: the waiting comment goes, once.
    world.js("window.__releaseRefresh();", Value::Null).await;
    let seen = wait_until(&world, "the comment published", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["comments"][0]["author"], "Inès");
    assert_eq!(seen["comments"][0]["verified"], true);
    assert_eq!(seen["formError"], Value::Null);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(world.stored_comments().await, 1);
    world.close().await;
}

#[tokio::test]
async fn a_banned_reader_is_told_so_and_nothing_is_stored() {
    let world = world("banned").await;
    world.open("signed-in.html?reader=Troll%2042").await;
    wait_until(&world, "the signed-in form", |s| s["signedIn"].is_string()).await;
    world.type_into(0, "#encart-new-body", "Premier message.").await;
    world.click(0, ".new-comment button.submit").await;
    wait_until(&world, "the comment published", |s| s["formStatus"].is_string()).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM comments").fetch_one(&world.sites.db).await.unwrap();
    encart_server::moderation::ban(&world.sites.db, "modo", id, "insultes répétées", None).await.unwrap();

    world.open("signed-in.html?reader=Troll%2042").await;
    wait_until(&world, "the signed-in form", |s| s["signedIn"].is_string()).await;
    world.type_into(0, "#encart-new-body", "Encore moi.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the refusal", |s| s["formError"].is_string()).await;
    assert_eq!(seen["formError"], "La modération vous a retiré le droit de commenter sur ce site.");
    assert_eq!(seen["retry"], Value::Null);
    assert_eq!(seen["bodyValue"], "Encore moi.");
    assert_eq!(world.stored_comments().await, 1);
    world.close().await;
}

#[tokio::test]
async fn where_only_signed_in_readers_comment_the_others_are_invited_to_sign_in() {
    let world = world_signed_in_only("signed-in-only").await;
    world.open("signed-in.html").await;
    let seen = wait_until(&world, "the invitation", |s| s["signInNeeded"].is_string()).await;
    assert_eq!(seen["signInNeeded"], "Connectez-vous pour commenter. Se connecter");
    assert!(seen["formHidden"] == true, "no form to fill in for nothing: {seen}");
    let shown = world.js(
        &format!("{WIDGET_JS} return getComputedStyle(hosts()[0].shadowRoot.querySelector('.new-comment .comment-form')).display"),
        Value::Null,
    ).await;
    assert_eq!(shown, "none");
    world.browser.set_window_size(375, 1200).await.unwrap();
    world.screenshot_at(".new-comment", "sign-in-needed-375.png").await;
    world.browser.set_window_size(1280, 1600).await.unwrap();
    // A subscriber's comment, posted with a token the partner signed for them.
    let karim = world
        .browser
        .execute_async(
            r#"const [api, slug, done] = arguments;
               const token = await (await fetch("token?reader=Karim%20B.")).text();
               const posted = await fetch(api + "/api/v1/articles/" + slug + "/comments", {
                 method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
                 body: JSON.stringify({ author: "", body: "Réservé aux abonnés ?", website: "" }) });
               done((await posted.json()).comment.id);"#,
            vec![json!(world.sites.api_url), json!(world.sites.article)],
        )
        .await
        .unwrap();
    let karim = karim.as_str().unwrap().to_owned();
    let disabled = format!(
        "{WIDGET_JS} return hosts()[0].shadowRoot.querySelector(\".comment[data-id='{karim}'] button.recommend\").disabled;"
    );
    world.open("signed-in.html").await;
    wait_until(&world, "the comment", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    assert_eq!(world.js(&disabled, Value::Null).await, true, "no recommending without signing in here");

    sign_in_on_the_page(&world, "Zoé").await;
    let seen = wait_until(&world, "the form", |s| s["signedIn"].is_string() && s["formHidden"] == false).await;
    assert_eq!(seen["signInNeeded"], Value::Null);
    assert_eq!(world.js(&disabled, Value::Null).await, false, "signed in, they may");
    world.type_into(0, "#encart-new-body", "Enfin connectée.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the comment published", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["comments"][0]["author"], "Zoé");
    assert_eq!(account_bar(&world).await, "Abonné : Zoé");
    world.close().await;
}

/// The recommend button of the first comment by `author` in widget 0.
async fn recommend_of(world: &World, author: &str) -> Value {
    let seen = world.wait_for(0, ".comments").await;
    seen["comments"].as_array().unwrap().iter().find(|c| c["author"] == author).map(|c| c["recommend"].clone()).unwrap()
}

async fn click_recommend(world: &World, id: &str) {
    world.click(0, &format!(".comment[data-id='{id}'] > article button.recommend")).await;
}

async fn wait_recommend(world: &World, author: &str, expected: Value) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let seen = recommend_of(world, author).await;
        if seen == expected {
            return;
        }
        if std::time::Instant::now() >= deadline {
            let storage = world.js("return JSON.stringify(localStorage)", Value::Null).await;
            let state = world.wait_for(0, ".comments").await;
            panic!("{author}'s recommend button: {seen}, not {expected}; storage {storage}; {}", state["state"]);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How many recommend comment `id` as the API lists it, once the widget's
/// request is through (waits for `expected`; returns what it found).
async fn listed_recommends(world: &World, id: &str, expected: u32) -> u32 {
    let article = articles::id_of(&world.sites.db, &world.sites.article).await.unwrap();
    let mut found = 0;
    for _ in 0..50 {
        let page = encart_server::comments::page(&world.sites.db, article, 20, Default::default(), None).await.unwrap();
        found = page.comments.iter().find(|c| c.id == id).map_or(0, |c| c.recommends);
        if found == expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    found
}

#[tokio::test]
async fn a_reader_recommends_a_comment_sees_it_counted_and_may_take_it_back() {
    let mut world = world("recommend").await;
    let karim = world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("").await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander", "pressed": "false"})).await;
    click_recommend(&world, &karim).await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "true"})).await;
    assert_eq!(listed_recommends(&world, &karim, 1).await, 1);

    // Remembered by this browser, and counted once by the API whatever it does.
    world.open("").await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "true"})).await;
    world
        .js(
            "localStorage.removeItem('encart:browser'); localStorage.removeItem('encart:recommended:' + arguments[0]);",
            json!(world.sites.article),
        )
        .await;
    world.open("").await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "false"})).await;
    click_recommend(&world, &karim).await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "true"})).await;
    // (Had it counted twice, the count would have reached 2 meanwhile.)
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        listed_recommends(&world, &karim, 1).await,
        1,
        "a cleared storage does not count twice from one address"
    );
    world.screenshot_at(".thread", "recommended-1280.png").await;

    // Taken back.
    click_recommend(&world, &karim).await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander", "pressed": "false"})).await;
    assert_eq!(listed_recommends(&world, &karim, 0).await, 0);

    // One's own comment has none.
    post_and_see(&world, "Léa", "Mon avis.").await;
    assert_eq!(recommend_of(&world, "Léa").await, Value::Null);

    // The API down: the press is undone, and the reader told.
    world.sites.stop_api().await;
    click_recommend(&world, &karim).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let failed = loop {
        let seen = world.wait_for(0, ".comments").await;
        let karim = seen["comments"].as_array().unwrap().iter().find(|c| c["author"] == "Karim B.").cloned().unwrap();
        if karim["recommendError"].is_string() {
            break karim;
        }
        assert!(std::time::Instant::now() < deadline, "no failure shown: {karim}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(failed["recommend"], json!({"text": "Recommander", "pressed": "false"}), "rolled back");
    assert!(failed["recommendError"].as_str().unwrap().starts_with("Impossible de joindre le serveur."), "{failed}");
    world.close().await;
}

#[tokio::test]
async fn a_signed_in_reader_s_recommendations_follow_them_to_another_browser() {
    let world = world("recommend-signed-in").await;
    let karim = world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("signed-in.html?reader=Amina%20K.").await;
    wait_until(&world, "the signed-in form", |s| s["signedIn"].is_string()).await;
    // Their list asked for again (the page renews their token) and held
    // on its way back: they press meanwhile, and the list, older than the
    // press, comes after the API's answer to it.
    world
        .js(
            "const fetch = window.fetch.bind(window); let release; const held = new Promise((r) => (release = r));
             window.__releaseMe = () => release();
             window.fetch = (request, init) => {
               const answer = fetch(request, init);
               return String(request.url || request).includes('/me/comments') ? answer.then((a) => held.then(() => a)) : answer;
             };
             window.__signInAs('Amina K.');",
            Value::Null,
        )
        .await;
    click_recommend(&world, &karim).await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "true"})).await;
    assert_eq!(listed_recommends(&world, &karim, 1).await, 1);
    world.js("window.__releaseMe()", Value::Null).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(recommend_of(&world, "Karim B.").await, json!({"text": "Recommander (1)", "pressed": "true"}));
    // Another browser: nothing in its storage; the account says.
    world.js("localStorage.clear();", Value::Null).await;
    world.open("signed-in.html?reader=Amina%20K.").await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "true"})).await;
    // Signed out, this browser has recommended nothing.
    world.click(0, ".new-comment button.sign-out").await;
    wait_recommend(&world, "Karim B.", json!({"text": "Recommander (1)", "pressed": "false"})).await;
    world.js(&axe_script(), Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.close().await;
}

#[tokio::test]
async fn newsroom_picks_show_above_the_thread_before_the_module_runs_and_after() {
    let world = world("picks").await;
    let pick = world.seed_comment("Karim B.", "L’analyse la plus juste : https://example.org/fond.", None).await;
    world.seed_comment("Sophie L.", "Un autre avis.", None).await;
    encart_server::moderation::feature(&world.sites.db, "modo", pick.parse().unwrap(), true).await.unwrap();
    world.sites.state.written(&world.sites.article).await;

    // The first view has them, the module held back.
    world.open("held.html#hold").await;
    let before = world.wait_for_view(0, ".picks", false).await;
    assert_eq!(before["state"], "loading");
    let shown = format!(
        "{WIDGET_JS} const root = hosts()[0].shadowRoot; window.__pick = root.querySelector('.pick');
         return {{ heading: root.querySelector('.picks-heading').textContent,
                   picks: [...root.querySelectorAll('.pick')].map((p) => [p.dataset.id, p.querySelector('.comment-body').textContent,
                           p.querySelector('.comment-author').textContent, p.querySelector('a') && p.querySelector('a').getAttribute('href')]),
                   before: !!(root.querySelector('.picks').compareDocumentPosition(root.querySelector('.thread')) & Node.DOCUMENT_POSITION_FOLLOWING) }};"
    );
    let expected = json!({
        "heading": "Sélection de la rédaction",
        "picks": [[pick, "L’analyse la plus juste : https://example.org/fond.", "Karim B.", "https://example.org/fond"]],
        "before": true,
    });
    assert_eq!(world.js(&shown, Value::Null).await, expected);
    world.browser.set_window_size(375, 1200).await.unwrap();
    world.screenshot_at(".picks", "picks-375.png").await;
    world.browser.set_window_size(1280, 1600).await.unwrap();

    // Hydrated in place: the same nodes, nothing said on the console.
    world.js("window.__releaseWasm()", Value::Null).await;
    let after = world.wait_for(0, ".picks").await;
    assert_eq!(after["state"], "hydrated");
    let same = world
        .js(&format!("{WIDGET_JS} return hosts()[0].shadowRoot.querySelector('.pick') === window.__pick;"), Value::Null)
        .await;
    assert_eq!(same, true);
    assert_eq!(world.js("return window.__console", Value::Null).await, json!([]));
    assert_eq!(after["comments"].as_array().unwrap().len(), 2, "the pick stays in the thread too");
    world.screenshot_at(".picks", "picks-1280.png").await;
    world.js(&axe_script(), Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.close().await;
}

/// No accessibility violation in the first widget as it stands, and
/// screenshots at 1280 and 375 px with `selector` at the top
/// (`{name}-1280.png`, `{name}-375.png`), to be looked at.
async fn looked_at(world: &World, selector: &str, name: &str) {
    world.js(&axe_script(), Value::Null).await;
    let report = audit(world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.screenshot_at(selector, &format!("{name}-1280.png")).await;
    world.browser.set_window_size(375, 1200).await.unwrap();
    world.screenshot_at(selector, &format!("{name}-375.png")).await;
    world.browser.set_window_size(1280, 1600).await.unwrap();
}

/// What the first widget shows once its thread's top-level comments are
/// those of `expected`, in order (waits for it).
async fn wait_order(world: &World, expected: &[&str]) -> Value {
    wait_until(world, &format!("the order {expected:?}"), |seen| {
        let top = seen["comments"].as_array().into_iter().flatten().filter(|c| c["depth"] == 0);
        top.map(|c| c["author"].as_str().unwrap_or_default()).collect::<Vec<_>>() == expected
    })
    .await
}

#[tokio::test]
async fn a_reader_orders_the_thread_and_their_choice_is_remembered_on_every_path() {
    let world = world("sort").await;
    let mut ids = Vec::new();
    for author in ["Aline", "Bruno", "Chloé", "Driss"] {
        ids.push(world.seed_comment(author, &format!("L’avis de {author}."), None).await);
    }
    // Bruno's recommended by two readers, Aline's by one.
    let article = articles::id_of(&world.sites.db, &world.sites.article).await.unwrap();
    for (n, id) in [(1, &ids[1]), (2, &ids[1]), (3, &ids[0])] {
        let token = format!("{n:032x}");
        let voter = encart_server::recommendations::Voter::Browser { token: &token, client_hash: &token };
        encart_server::recommendations::set(&world.sites.db, article, id.parse().unwrap(), &voter, true).await.unwrap();
    }
    world.sites.state.written(&world.sites.article).await;

    world.open("").await;
    let seen = wait_order(&world, &["Driss", "Chloé", "Bruno", "Aline"]).await;
    assert_eq!(seen["sort"], json!(["newest", "Les plus récents"]), "the site's default");
    world.element(0, ".sort select").await.select_by_value("recommended").await.unwrap();
    let seen = wait_order(&world, &["Bruno", "Aline", "Driss", "Chloé"]).await;
    assert_eq!(seen["sort"], json!(["recommended", "Les plus recommandés"]));
    looked_at(&world, ".sort", "sort").await;

    // Remembered: the first view comes in that order and is hydrated as is;
    // the module rendering alone asks for it too.
    world.open("held.html").await;
    let seen = wait_order(&world, &["Bruno", "Aline", "Driss", "Chloé"]).await;
    assert_eq!((seen["state"].as_str(), &seen["sort"][0]), (Some("hydrated"), &json!("recommended")));
    assert_eq!(world.js("return window.__console", Value::Null).await, json!([]));
    world.open("client.html").await;
    let seen = wait_order(&world, &["Bruno", "Aline", "Driss", "Chloé"]).await;
    assert_eq!((seen["state"].as_str(), &seen["sort"][0]), (Some("rendered"), &json!("recommended")));

    // Oldest first; then, the reader's choice forgotten, the page's
    // `data-sort` on a widget it adds.
    world.element(0, ".sort select").await.select_by_value("oldest").await.unwrap();
    wait_order(&world, &["Aline", "Bruno", "Chloé", "Driss"]).await;
    assert_eq!(world.js("return localStorage.getItem('encart:sort')", Value::Null).await, "oldest");
    world.js("localStorage.removeItem('encart:sort')", Value::Null).await;
    world.open("").await;
    wait_order(&world, &["Driss", "Chloé", "Bruno", "Aline"]).await;
    world
        .js(
            "const d = document.createElement('div'); d.dataset.encartArticle = arguments[0]; d.dataset.sort = 'oldest';
             document.body.append(d);",
            json!(world.sites.article),
        )
        .await;
    let second = world.wait_for(1, ".thread").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut second = second;
    while second["comments"].as_array().map_or(0, Vec::len) < 4 || second["sort"][0] != "oldest" {
        assert!(std::time::Instant::now() < deadline, "the added widget: {second}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        second = world.wait_for(1, ".thread").await;
    }
    let authors: Vec<&str> =
        second["comments"].as_array().unwrap().iter().map(|c| c["author"].as_str().unwrap()).collect();
    assert_eq!(authors, ["Aline", "Bruno", "Chloé", "Driss"]);
    world.close().await;
}

/// Posts a comment as a reader would, in the first widget of `browser`
/// (another reader's: `World::another_browser`).
async fn post_from(browser: &fantoccini::Client, author: &str, body: &str) {
    use fantoccini::Locator;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let root = loop {
        let hosts = browser.find_all(Locator::Css("encart-widget")).await.unwrap();
        let ready = browser
            .execute(
                "const h = document.querySelector('encart-widget'); return h && h.getAttribute('data-encart');",
                vec![],
            )
            .await
            .unwrap();
        if ready == "hydrated" || ready == "rendered" {
            break hosts[0].shadow_root().await.unwrap();
        }
        assert!(std::time::Instant::now() < deadline, "the other browser's widget never ran: {ready}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    root.find(Locator::Css("#encart-new-author")).await.unwrap().send_keys(author).await.unwrap();
    root.find(Locator::Css("#encart-new-body")).await.unwrap().send_keys(body).await.unwrap();
    root.find(Locator::Css(".new-comment button.submit")).await.unwrap().click().await.unwrap();
}

/// Live event streams open on the API now.
fn streams(world: &World) -> usize {
    world.sites.state.events.open_streams()
}

async fn wait_streams(world: &World, expected: usize, why: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while streams(world) != expected {
        assert!(std::time::Instant::now() < deadline, "{why}: {} streams open, not {expected}", streams(world));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_comment_posted_in_one_browser_is_announced_in_another_and_shown_when_asked() {
    let world = world("live").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("").await;
    wait_until(&world, "the thread", |s| s["comments"].as_array().is_some_and(|c| c.len() == 1)).await;
    wait_streams(&world, 1, "the widget on screen listens").await;
    let before = world.js(&format!("{WIDGET_JS} return [scrollY, hosts()[0].shadowRoot.querySelector('.comment').getBoundingClientRect().top];"), Value::Null).await;

    // Another reader posts from their browser.
    let other = world.another_browser().await;
    other.goto(&format!("{}/", world.sites.partner_url)).await.unwrap();
    post_from(&other, "Nadia", "Une réponse en direct.").await;
    let posted = std::time::Instant::now();
    let seen = wait_until(&world, "the notice", |s| s["arrivals"] == "1 nouveau commentaire").await;
    println!("the notice showed {:?} after the other reader pressed send", posted.elapsed());
    // Counted at once; shown only when asked; nothing moved meanwhile.
    assert_eq!(seen["heading"], "2 commentaires");
    let authors: Vec<&str> =
        seen["comments"].as_array().unwrap().iter().map(|c| c["author"].as_str().unwrap()).collect();
    assert_eq!(authors, ["Karim B."]);
    let after = world.js(&format!("{WIDGET_JS} return [scrollY, hosts()[0].shadowRoot.querySelector('.comment').getBoundingClientRect().top];"), Value::Null).await;
    assert_eq!(before, after, "the notice moves nothing");
    looked_at(&world, ".arrivals", "live").await;

    // Shown: at the top of the thread, which has the focus.
    world.click(0, ".arrivals button.new-comments").await;
    let seen =
        wait_until(&world, "the new comment shown", |s| s["comments"].as_array().is_some_and(|c| c.len() == 2)).await;
    assert_eq!(seen["comments"][0]["author"], "Nadia");
    assert_eq!(seen["arrivals"], Value::Null);
    let focused =
        world.js(&format!("{WIDGET_JS} return hosts()[0].shadowRoot.activeElement.className;"), Value::Null).await;
    assert_eq!(focused, "thread");
    other.close().await.unwrap();

    // Far below the first screen, the widget listens only once the reader
    // comes near, and not while its tab is hidden.
    world.open("far.html").await;
    world.wait_for(0, ".thread").await;
    wait_streams(&world, 0, "off screen").await;
    world.js(&format!("{WIDGET_JS} hosts()[0].scrollIntoView();"), Value::Null).await;
    wait_streams(&world, 1, "scrolled to").await;
    // The tab hidden, then shown again, as the browser tells a page.
    let tab = async |state: &str| {
        let script = "const state = arguments[0];
                      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
                      document.dispatchEvent(new Event('visibilitychange'));";
        world.js(script, json!(state)).await;
    };
    tab("hidden").await;
    wait_streams(&world, 0, "a hidden tab").await;
    tab("visible").await;
    wait_streams(&world, 1, "visible again").await;
    world.js("scrollTo(0, 0)", Value::Null).await;
    wait_streams(&world, 0, "scrolled away").await;
    world.close().await;
}

/// Opens the editor of the reader's comment `id`, types `text` in place of
/// what it held, and saves.
async fn edit_comment(world: &World, id: &str, text: &str) {
    world.click(0, &format!(".comment[data-id='{id}'] > article button.edit")).await;
    let field = format!("#encart-edit-{id}");
    let textarea = world.element(0, &field).await;
    let held = world
        .js(&format!("{WIDGET_JS} return hosts()[0].shadowRoot.querySelector('{field}').value;"), Value::Null)
        .await;
    assert_eq!(held, "Premier jet, avec une faute d’ortografe.", "the editor starts from the comment's text");
    textarea.clear().await.unwrap();
    textarea.send_keys(text).await.unwrap();
    world.click(0, &format!(".comment[data-id='{id}'] .edit-form button.submit")).await;
}

#[tokio::test]
async fn an_author_edits_their_comment_within_the_window_and_it_shows_edited() {
    let world = world("edit").await;
    world.open("").await;
    post_and_see(&world, "Léa", "Premier jet, avec une faute d’ortografe.").await;
    let seen = world.wait_for(0, ".comments").await;
    let id = seen["comments"][0]["id"].as_str().unwrap().to_owned();
    // The editor, looked at and audited, then left as it was.
    world.click(0, &format!(".comment[data-id='{id}'] > article button.edit")).await;
    world.element(0, &format!("#encart-edit-{id}")).await;
    world.browser.set_window_size(375, 1200).await.unwrap();
    world.screenshot_at(".edit-form", "editor-375.png").await;
    world.browser.set_window_size(1280, 1600).await.unwrap();
    world.js(&axe_script(), Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.click(0, ".edit-form button.secondary").await;
    edit_comment(&world, &id, "Premier jet, sans faute d’orthographe.").await;
    let seen =
        wait_until(&world, "the edit shown", |s| s["comments"][0]["body"] == "Premier jet, sans faute d’orthographe.")
            .await;
    assert_eq!(seen["comments"][0]["mark"], "modifié");
    world.screenshot_at(".thread", "edited-1280.png").await;
    world.open("").await;
    let seen =
        wait_until(&world, "the edit after a reload", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty()))
            .await;
    assert_eq!(seen["comments"][0]["body"], "Premier jet, sans faute d’orthographe.");
    assert_eq!(world.stored_comments().await, 1);
    // Another reader sees no "Edit" on it.
    world.js("localStorage.clear();", Value::Null).await;
    world.open("").await;
    wait_until(&world, "the comment", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    let edit = world
        .js(&format!("{WIDGET_JS} return !!hosts()[0].shadowRoot.querySelector('button.edit');"), Value::Null)
        .await;
    assert_eq!(edit, false);
    world.close().await;
}

#[tokio::test]
async fn on_a_pre_moderated_site_an_edit_waits_and_the_published_text_stays() {
    let world = world_with("edit-pre", Moderation::Pre).await;
    world.open("").await;
    post_and_see_held(&world).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM comments").fetch_one(&world.sites.db).await.unwrap();
    encart_server::moderation::decide(
        &world.sites.db,
        &[],
        "modo",
        encart_server::moderation::Decision::Approve,
        &[id],
    )
    .await
    .unwrap();
    world.sites.state.written(&world.sites.article).await;
    world.open("").await;
    wait_until(&world, "the published comment", |s| {
        s["comments"][0]["mark"].is_null() && s["comments"][0]["body"].is_string()
    })
    .await;
    edit_comment(&world, &id.to_string(), "Version corrigée.").await;
    let note = format!(
        "{WIDGET_JS} const n = hosts()[0].shadowRoot.querySelector('.comment .form-status'); return n && n.textContent;"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while world.js(&note, Value::Null).await.is_null() {
        assert!(std::time::Instant::now() < deadline, "no note");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(world.js(&note, Value::Null).await, "Votre modification paraîtra une fois validée par la modération.");
    let seen = world.wait_for(0, ".comments").await;
    assert_eq!(seen["comments"][0]["body"], "Premier jet, avec une faute d’ortografe.", "the published text stays");
    world.js(&axe_script(), Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.close().await;
}

/// Posts the comment the edit tests edit, on a pre-moderated site.
async fn post_and_see_held(world: &World) {
    world.wait_for(0, ".comment-form").await;
    world.type_into(0, "#encart-new-author", "Léa").await;
    world.type_into(0, "#encart-new-body", "Premier jet, avec une faute d’ortografe.").await;
    world.click(0, ".new-comment button.submit").await;
    wait_until(world, "the held comment", |s| s["formStatus"].is_string()).await;
}

#[tokio::test]
async fn a_reader_told_of_an_answer_by_e_mail_opens_the_page_on_it_highlighted() {
    let scratch = std::path::Path::new(ROOT).join("target/e2e/notified-mail");
    let _ = std::fs::remove_dir_all(&scratch);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let _smtpd = smtpd(port, &scratch).await;
    let world = world_with_mail("notified", &format!("smtp://127.0.0.1:{port}")).await;

    // Léa comments and asks to be told of answers: her address, a link to confirm it.
    world.open("").await;
    world.wait_for(0, ".comment-form .notify").await;
    world.click(0, "#encart-new-notify").await;
    world.type_into(0, "#encart-new-author", "Léa").await;
    world.type_into(0, "#encart-new-email", "lea@lecteurs.example").await;
    world.type_into(0, "#encart-new-body", "Qui connaît le dossier libyen ?").await;
    looked_at(&world, ".new-comment", "notify-form").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "Léa's comment", |s| {
        s["comments"].as_array().is_some_and(|c| c.iter().any(|c| c["author"] == "Léa" && c["mark"].is_null()))
    })
    .await;
    assert_eq!(seen["formError"], Value::Null);
    let lea: String = sqlx::query_scalar("SELECT CAST(id AS TEXT) FROM comments WHERE author = 'Léa'")
        .fetch_one(&world.sites.db)
        .await
        .unwrap();
    let confirm = &mails(&scratch, 1).await[0].1;
    let link = |text: &str, start: &str| {
        text.split_whitespace()
            .find(|w| w.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in {text}"))
            .to_owned()
    };
    world.browser.goto(&link(confirm, &format!("{}/api/v1/mail/confirm", world.sites.api_url))).await.unwrap();
    world.browser.find(fantoccini::Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    // The form posts and the browser moves on: the page read may still be
    // the one left (its elements then go stale), so read until the answer is in.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let body = loop {
        let text = match world.browser.find(fantoccini::Locator::Css("main")).await {
            Ok(main) => main.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains("Adresse confirmée") || std::time::Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(body.contains("Adresse confirmée"), "{body}");
    // Confirming looks for answers that came meanwhile: none yet. That look is
    // done before Bruno answers (it must not hold his e-mail back).
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while sqlx::query_scalar::<_, i64>("SELECT count(*) FROM outbox WHERE channel = 'reply' AND state = 'skipped'")
        .fetch_one(&world.sites.db)
        .await
        .unwrap()
        == 0
    {
        assert!(std::time::Instant::now() < deadline, "the look for answers never ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Newer comments push hers past the first page; then Bruno answers her.
    for n in 0..encart_api_types::FIRST_PAGE_SIZE + 3 {
        world.seed_comment("Lecteur", &format!("Avis n° {n}."), None).await;
    }
    let bruno = world.seed_comment("Bruno", "Moi, depuis 2011.", Some(&lea)).await;
    let mails = mails(&scratch, 2).await;
    let (subject, text) = &mails[1];
    assert!(subject.starts_with("Bruno a répondu à votre commentaire"), "{subject}");
    let answer = link(text, &world.sites.partner_url);
    assert!(answer.ends_with(&format!("#encart-comment-{bruno}")), "{answer}");

    // The e-mail's link: the widget loads the page that holds the answer, brings it into view, marks and focuses it.
    world.browser.goto(&answer).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let shown = loop {
        let shown = world
            .js(
                &format!(
                    "{WIDGET_JS} const li = hosts()[0].shadowRoot.querySelector('li[data-id=\"{bruno}\"]');
                     if (!li) return null;
                     const box = li.getBoundingClientRect();
                     return {{ highlighted: li.classList.contains('highlighted'),
                               inView: box.top >= 0 && box.top < window.innerHeight,
                               focused: hosts()[0].shadowRoot.activeElement === li }};"
                ),
                Value::Null,
            )
            .await;
        if shown["highlighted"] == true {
            break shown;
        }
        assert!(std::time::Instant::now() < deadline, "the answer is never highlighted: {shown}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(shown, json!({ "highlighted": true, "inView": true, "focused": true }));
    world.screenshot("notified-answer-1280.png").await;
    world.js(&axe_script(), Value::Null).await;
    let report = audit(&world).await;
    assert_eq!(report["violations"], json!([]), "{report:#}");
    world.browser.set_window_size(375, 1200).await.unwrap();
    world
        .js(
            &format!("{WIDGET_JS} hosts()[0].shadowRoot.querySelector('li[data-id=\"{bruno}\"]').scrollIntoView();"),
            Value::Null,
        )
        .await;
    world.screenshot("notified-answer-375.png").await;
    world.close().await;
}

#[tokio::test]
async fn a_discussion_imported_from_disqus_shows_threaded_under_a_link_to_its_page() {
    let world = world("imported").await;
    let options = encart_server::migrate::Options {
        site: world.sites.partner_url.clone(),
        language: Some("fr".into()),
        dry_run: false,
        progress: false,
    };
    let export = std::path::Path::new(ROOT).join("fixtures/migrate/disqus.xml");
    let format = encart_server::migrate::Format::Disqus;
    let summary = encart_server::migrate::run(&world.sites.db, format, &export, &options).await.unwrap();
    assert_eq!(summary.imported, 9, "{summary}");

    world.open("imported.html").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "hydrated", "the server's first view, hydrated: {seen}");
    assert_eq!(seen["title"], "Haftar et Poutine : une alliance stratégique");
    let link = world
        .js(
            &format!(
                "{WIDGET_JS} const a = hosts()[0].shadowRoot.querySelector('.article-body .elsewhere a');
                 return a && [a.textContent, a.href];"
            ),
            Value::Null,
        )
        .await;
    assert_eq!(link, json!(["Lire l’article sur sa page", "https://www.partner.example/monde/haftar-et-poutine/"]));
    let thread: Vec<(u64, String, String)> = seen["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["depth"].as_u64().unwrap(),
                c["author"].as_str().unwrap().into(),
                c["body"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let authors: Vec<(u64, &str)> = thread.iter().skip(1).map(|(d, a, _)| (*d, a.as_str())).collect();
    // Newest first, the site's default: the two threads of one page (the
    // second reached from a newsletter) in one discussion, three levels deep;
    // the deleted comment with an answer as a placeholder, the others not at all.
    assert_eq!(thread[0].0, 0);
    let placeholder = world
        .js(&format!("{WIDGET_JS} return hosts()[0].shadowRoot.querySelector('.comment').textContent;"), Value::Null)
        .await;
    assert!(placeholder.as_str().unwrap().starts_with("Commentaire supprimé.Inès"), "{placeholder}");
    assert_eq!(
        authors,
        [(1, "Inès"), (0, "Zoé Ørsted-Łukasiewicz"), (1, "Karim"), (2, "李小龍"), (2, "Anonyme")],
        "{seen}"
    );
    assert_eq!(
        thread[2].2,
        "Premier paragraphe, avec le rapport (https://example.org/rapport).\n\nSecond\u{a0}paragraphe\net une ligne."
    );
    assert_eq!(seen["heading"], "5 commentaires", "{seen}");
    looked_at(&world, ".comments", "imported").await;
    world.close().await;
}
