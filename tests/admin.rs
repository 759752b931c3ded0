//! The moderation pages in headless Chromium, driven by the keyboard alone:
//! a comment posted on a pre-moderated partner page is invisible to other
//! readers and waits in the queue; the moderator signs in, approves it with
//! its own button, ticks two others and marks them as spam in bulk; an
//! axe-core audit of the page; and the approved comment then shows on the
//! partner page. And the same pages for a moderator whose browser asks for
//! Arabic: in Arabic, right to left, looked at and audited.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use encart_api_types::NewComment;
use encart_server::{Moderation, admin, comments};
use fantoccini::key::Key;
use serde_json::{Value, json};
use support::*;

/// A comment posted from the partner page under pre-moderation; its id.
async fn held(world: &World, author: &str, body: &str) -> String {
    let new = NewComment { author: author.into(), body: body.into(), ..NewComment::default() };
    let sender = comments::Sender { ip: [127, 0, 0, 1].into(), idempotency_key: None, reader: None };
    comments::post(&world.sites.state, &world.sites.article, &new, &sender).await.unwrap().comment.id
}

/// Presses `key` on whatever has the focus.
async fn press(world: &World, key: &str) {
    world.browser.active_element().await.unwrap().send_keys(key).await.unwrap();
}

/// What has the focus: its name, value and label.
async fn focused(world: &World) -> Value {
    world
        .js(
            "const e = document.activeElement;
             return { name: e.name || null, value: e.value || null, label: e.getAttribute('aria-label') };",
            Value::Null,
        )
        .await
}

/// Tabs (forwards, or backwards with `back`) until `is_target` holds for the
/// focused element, as a keyboard user would.
async fn tab_to(world: &World, back: bool, is_target: impl Fn(&Value) -> bool) {
    for _ in 0..40 {
        if is_target(&focused(world).await) {
            return;
        }
        if back {
            let keys = format!("{}{}", char::from(Key::Shift), char::from(Key::Tab));
            world.browser.active_element().await.unwrap().send_keys(&keys).await.unwrap();
        } else {
            press(world, &char::from(Key::Tab).to_string()).await;
        }
    }
    panic!("never reached the element; focus is on {}", focused(world).await);
}

async fn page_text(world: &World) -> String {
    // Names and titles come isolated (U+2068…U+2069) in the pages' sentences.
    let text = world.js("return document.body.innerText;", Value::Null).await;
    text.as_str().unwrap_or_default().replace(['\u{2068}', '\u{2069}'], "")
}

async fn wait_for_text(world: &World, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let shown = page_text(world).await;
        if shown.contains(text) {
            return shown;
        }
        assert!(Instant::now() < deadline, "{text:?} never appeared; the page shows:\n{shown}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens /admin and signs Camille in with the keyboard: the name field has
/// the focus, the rest is typed.
async fn sign_in(world: &World) {
    world.browser.goto(&format!("{}/admin", world.sites.api_url)).await.unwrap();
    assert_eq!(focused(world).await["name"], "name");
    let tab = char::from(Key::Tab).to_string();
    press(world, &format!("Camille{tab}correct horse battery{}", char::from(Key::Enter))).await;
}

/// The page passes an accessibility audit (axe runs through WebDriver: the
/// page's CSP forbids scripts).
async fn audit(world: &World) {
    world.js(&axe_script(), Value::Null).await;
    let report = world
        .browser
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa"] })
                  .then((r) => done({ checked: r.passes.length,
                                      violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html).slice(0, 3) })) }))
                  .catch((e) => done({ error: String(e) }));"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(report["error"], Value::Null, "{report}");
    assert!(report["checked"].as_u64().unwrap() > 5, "{report}");
    assert_eq!(report["violations"], json!([]), "{report:#}");
}

#[tokio::test]
async fn a_moderator_works_the_queue_with_the_keyboard_alone() {
    let world = world_with("admin", Moderation::Pre).await;
    admin::add_moderator(&world.sites.db, "Camille", "correct horse battery").await.unwrap();
    // A reader comments on the partner page (a pre-moderated site): only they see it, marked as pending.
    world.open("").await;
    world.wait_for(0, ".comment-form").await;
    world.type_into(0, "#encart-new-author", "Lectrice").await;
    world.type_into(0, "#encart-new-body", "Un avis mesuré.").await;
    world.click(0, ".new-comment button.submit").await;
    let seen = wait_until(&world, "the pending comment", |s| s["formStatus"].is_string()).await;
    assert_eq!(seen["comments"][0]["mark"], "en attente de modération : visible par vous seul");
    let good = seen["comments"][0]["id"].as_str().unwrap().to_owned();
    // Another reader (none of the author's tokens) sees nothing.
    world.js("localStorage.clear();", Value::Null).await;
    world.open("").await;
    assert_eq!(world.wait_for(0, ".thread").await["comments"], json!([]));
    let spam = [held(&world, "Bot", "Achetez maintenant !").await, held(&world, "Bot", "Promo <b>!!!</b>").await];

    sign_in(&world).await;
    let shown = wait_for_text(&world, "Signed in as Camille").await;
    assert!(shown.contains("3 awaiting a decision"), "{shown}");
    assert!(shown.contains("Promo <b>!!!</b>"), "markup shows as text");
    world.screenshot("admin-queue.png").await;
    audit(&world).await;

    // One by one: Tab to the good comment's own "Approve", Enter.
    tab_to(&world, false, |f| f["label"] == format!("Approve #{good}")).await;
    press(&world, &char::from(Key::Enter).to_string()).await;
    let shown = wait_for_text(&world, "1 comment approved.").await;
    assert!(shown.contains("2 awaiting a decision"), "{shown}");

    // In bulk: tick both spam comments with Space, then back to "Spam" and Enter.
    for id in &spam {
        tab_to(&world, false, |f| f["name"] == "id" && f["value"] == id.as_str()).await;
        press(&world, " ").await;
    }
    tab_to(&world, true, |f| f["name"] == "action" && f["value"] == "spam").await;
    press(&world, &char::from(Key::Enter).to_string()).await;
    let shown = wait_for_text(&world, "2 comments marked as spam.").await;
    assert!(shown.contains("Nothing awaits a decision."), "{shown}");
    assert!(shown.contains("Camille"), "the log names who acted");

    let statuses: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM comments ORDER BY id").fetch_all(&world.sites.db).await.unwrap();
    let expected: Vec<(i64, String)> = [(&good, "approved"), (&spam[0], "spam"), (&spam[1], "spam")]
        .iter()
        .map(|(id, status)| (id.parse().unwrap(), (*status).to_owned()))
        .collect();
    assert_eq!(statuses, expected);

    // The approved comment is on the partner page, for every reader.
    world.open("").await;
    let seen =
        wait_until(&world, "the approved comment", |s| s["comments"].as_array().is_some_and(|c| !c.is_empty())).await;
    assert_eq!(seen["comments"][0]["body"], "Un avis mesuré.");
    world.close().await;
}

#[tokio::test]
async fn a_moderator_whose_browser_asks_for_arabic_gets_the_pages_in_arabic_right_to_left() {
    let world = world_with("admin-ar", Moderation::Pre).await.speaking("ar-EG,ar;q=0.9,en;q=0.5").await;
    admin::add_moderator(&world.sites.db, "Camille", "correct horse battery").await.unwrap();
    let first = held(&world, "كريم", "رأي موزون في المقال.").await;
    held(&world, "Bot", "Achetez maintenant !").await;
    sign_in(&world).await;
    let shown = wait_for_text(&world, "مسجّل الدخول باسم Camille").await;
    assert!(shown.contains("2 بانتظار قرار") && shown.contains("محتجز للإشراف المسبق"), "{shown}");
    // Right to left: the page's direction, and each comment's tick box on its right.
    let layout = world
        .js(
            "const item = document.querySelector('.item');
             return { dir: document.documentElement.dir, lang: document.documentElement.lang,
                      box: item.querySelector('input').getBoundingClientRect().left,
                      text: item.querySelector('.content').getBoundingClientRect().left };",
            Value::Null,
        )
        .await;
    assert_eq!((&layout["dir"], &layout["lang"]), (&json!("rtl"), &json!("ar")), "{layout}");
    // The French title keeps its own direction inside the Arabic sentence, and the date inside the line.
    let wheres =
        world.js("return [...document.querySelectorAll('.where')].map((p) => p.textContent);", Value::Null).await;
    assert!(wheres[0].as_str().unwrap().contains("«\u{2068}Haftar et Poutine"), "{wheres}");
    assert!(layout["box"].as_f64() > layout["text"].as_f64(), "the tick box is on the right: {layout}");
    for width in [375, 1280] {
        world.browser.set_window_size(width, 1400).await.unwrap();
        world.screenshot(&format!("admin-ar-{width}.png")).await;
    }
    audit(&world).await;

    // Its own "قبول" (approve), by the keyboard: the notice in Arabic.
    tab_to(&world, false, |f| f["label"] == format!("قبول #{first}")).await;
    press(&world, &char::from(Key::Enter).to_string()).await;
    let shown = wait_for_text(&world, "قُبل تعليق واحد.").await;
    assert!(shown.contains("1 بانتظار قرار"), "{shown}");
    world.close().await;
}
