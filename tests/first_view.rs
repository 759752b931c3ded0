//! The server-rendered first view, end to end in headless Chromium on a
//! partner page of another origin: shown before the module runs, hydrated in
//! place, rendered again when it cannot be hydrated, and readable where the
//! module cannot run at all. `held.html` and its `test-hooks.js` hold the
//! wasm download or alter the first view (see there).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::*;

/// What the page's console received (warnings and errors), as test-hooks.js recorded it.
async fn console(world: &World) -> Value {
    world.js("return window.__console", Value::Null).await
}

/// What a reader sees, without what says how far the widget got.
fn content(seen: &Value) -> Value {
    let mut seen = seen.clone();
    seen.as_object_mut().unwrap().remove("state");
    seen
}

#[tokio::test]
async fn the_first_view_shows_before_the_module_and_is_hydrated_in_place() {
    let world = world("first-view").await;
    world.seed_comment("Karim B.", "Rien de surprenant (https://example.org/analyse).", None).await;
    world.open("held.html#hold").await;
    let before = world.wait_for_view(0, ".comment", false).await;
    assert_eq!(before["state"], "loading", "the module is held");
    assert_eq!(before["title"], TITLE);
    assert_eq!(before["comments"][0]["body"], "Rien de surprenant (https://example.org/analyse).");
    assert_eq!(before["heading"], "1 commentaire");
    // Styled already (the sheet came with the view), and its nodes noted.
    let styled = world
        .js(
            &format!(
                "{WIDGET_JS} const root = hosts()[0].shadowRoot; window.__title = root.querySelector('.title');
                 window.__link = root.querySelector('.comment-body a');
                 return getComputedStyle(root.querySelector('.encart')).maxWidth;"
            ),
            Value::Null,
        )
        .await;
    assert_ne!(styled, "none", "the widget's stylesheet applies to the first view");
    world.screenshot("first-view.png").await;

    world.js("window.__releaseWasm()", Value::Null).await;
    let after = world.wait_for(0, ".comment").await;
    assert_eq!(after["state"], "hydrated", "{}", console(&world).await);
    assert_eq!(content(&after), content(&before), "the same content once hydrated");
    let same = world
        .js(
            &format!(
                "{WIDGET_JS} const root = hosts()[0].shadowRoot;
                 return [root.querySelector('.title') === window.__title,
                   root.querySelector('.comment-body a') === window.__link,
                   window.__link.isConnected, window.__link.getAttribute('href')];"
            ),
            Value::Null,
        )
        .await;
    assert_eq!(same, json!([true, true, true, "https://example.org/analyse"]), "hydration keeps the server's nodes");
    assert_eq!(console(&world).await, json!([]), "no hydration warning or error");

    // Hydrated means working: the theme buttons and the form.
    world.click(0, "button.theme-dark").await;
    let theme = world
        .js(&format!("{WIDGET_JS} return hosts()[0].shadowRoot.querySelector('.encart').dataset.theme;"), Value::Null)
        .await;
    assert_eq!(theme, "dark");
    post_and_see(&world, "Nadia", "Lu avant tout le monde.").await;
    assert_eq!(world.stored_comments().await, 2);
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

#[tokio::test]
async fn what_a_reader_types_and_sends_before_the_module_runs_is_kept_and_posted() {
    let world = world("first-view-typed").await;
    world.open("held.html#hold").await;
    world.wait_for_view(0, ".comment-form", false).await;
    world.type_into(0, "#encart-new-author", "Inès").await;
    world.type_into(0, "#encart-new-body", "Écrit avant que le module n’arrive.").await;
    // "Send" before the module runs: held, not a page reload.
    world.click(0, ".new-comment button.submit").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let held = world.wait_for_view(0, ".comment-form", false).await;
    assert_eq!(held["state"], "loading");
    assert_eq!(held["bodyValue"], "Écrit avant que le module n’arrive.");
    let reloaded = world
        .js(
            "return window.__releaseWasm === undefined || performance.getEntriesByType('navigation').length != 1",
            Value::Null,
        )
        .await;
    assert_eq!(reloaded, false, "the page did not navigate");
    assert_eq!(world.stored_comments().await, 0);

    world.js("window.__releaseWasm()", Value::Null).await;
    // Hydrated with the typed text, the held "send" goes through.
    let seen = wait_until(&world, "the comment sent before the module ran", |s| {
        s["comments"].as_array().is_some_and(|c| {
            c.iter().any(|c| {
                c["body"] == "Écrit avant que le module n’arrive." && c["author"] == "Inès" && c["mark"].is_null()
            })
        })
    })
    .await;
    assert_eq!(seen["state"], "hydrated");
    assert_eq!(seen["bodyValue"], "", "the form is emptied once posted");
    assert_eq!(seen["authorValue"], "Inès", "the name stays");
    assert_eq!(world.stored_comments().await, 1);
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

/// Without the CDN's stylesheet (its fetch fails), the first view is asked
/// for again with its own: styled, hydrated, nothing said.
#[tokio::test]
async fn a_first_view_whose_stylesheet_the_cdn_cannot_give_comes_with_its_own() {
    let world = world("first-view-own-stylesheet").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("held.html#no-stylesheet").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "hydrated");
    assert_ne!(world.widget_max_width().await, "none", "styled by the first view's own stylesheet");
    let asked = world
        .js(
            r#"return performance.getEntriesByType("resource").filter((e) => /\/embed\?/.test(e.name))
                 .map((e) => /[?&]css=/.test(e.name));"#,
            Value::Null,
        )
        .await;
    assert_eq!(asked, json!([true, false]), "named the CDN's, then asked for its own");
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

#[tokio::test]
async fn a_first_view_from_another_build_is_rendered_again_and_posting_works() {
    let world = world("first-view-stale").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("held.html#stale").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "rendered");
    assert_eq!(seen["title"], TITLE);
    assert_eq!(seen["comments"][0]["body"], "Rien de surprenant.");
    let said = console(&world).await;
    assert_eq!(said.as_array().unwrap().len(), 1, "{said}");
    assert!(said[0].as_str().unwrap().contains("from build \"0000000000000000\""), "{said}");
    // Rendered from the first view's data: no second request for it.
    let requests = world
        .js("return performance.getEntriesByType('resource').filter((e) => /\\/comments\\?limit=20$|\\/articles\\/[^/?]+$/.test(e.name)).length", Value::Null)
        .await;
    assert_eq!(requests, 0);
    // In this build's styles, from the CDN (the first view's were the other build's).
    let styles = world
        .js(
            &format!(
                "{WIDGET_JS} return [performance.getEntriesByType('resource').filter((e) => /encart-[0-9a-f]+\\.css$/.test(e.name)).length,
                   getComputedStyle(hosts()[0].shadowRoot.querySelector('.encart')).maxWidth];"
            ),
            Value::Null,
        )
        .await;
    assert_eq!(styles[0], 1, "{styles}");
    assert_ne!(styles[1], "none", "{styles}");
    post_and_see(&world, "Nadia", "Toujours possible de commenter.").await;
    world.close().await;
}

#[tokio::test]
async fn a_discussion_that_changed_before_the_module_came_is_rendered_afresh_keeping_the_draft() {
    let world = world("first-view-later-data").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("held.html#later-data").await;
    world.wait_for_view(0, ".comment-form", false).await;
    // Another reader's comment, after this reader's first view was made.
    world.seed_comment("Sophie L.", "Arrivé entre-temps.", None).await;
    world.sites.state.written(&world.sites.article).await;
    world.type_into(0, "#encart-new-body", "Mon brouillon.").await;
    world.js("window.__releaseData()", Value::Null).await;
    let seen = wait_until(&world, "the newer discussion", |s| s["heading"] == "2 commentaires").await;
    assert_eq!(seen["state"], "rendered", "the view's data changed: not hydrated");
    assert_eq!(seen["comments"][0]["body"], "Arrivé entre-temps.");
    assert_eq!(seen["bodyValue"], "Mon brouillon.", "the draft is kept");
    assert_eq!(console(&world).await, json!([]));
    // And sent from the new form.
    world.type_into(0, "#encart-new-author", "Nadia").await;
    world.click(0, ".new-comment button.submit").await;
    wait_until(&world, "the draft posted", |s| {
        s["comments"].as_array().is_some_and(|c| c.iter().any(|c| c["body"] == "Mon brouillon." && c["mark"].is_null()))
    })
    .await;
    assert_eq!(world.stored_comments().await, 3);
    world.close().await;
}

#[tokio::test]
async fn a_first_view_from_a_server_of_an_earlier_release_with_its_data_inside_is_rendered_again() {
    let world = world("first-view-old-server").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("held.html#old-server").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "rendered");
    assert_eq!(seen["comments"][0]["body"], "Rien de surprenant.");
    let said = console(&world).await;
    assert_eq!(said.as_array().unwrap().len(), 1, "{said}");
    assert!(said[0].as_str().unwrap().contains("from build \"0000000000000000\""), "{said}");
    post_and_see(&world, "Nadia", "Toujours possible de commenter.").await;
    world.close().await;
}

#[tokio::test]
async fn a_first_view_the_page_altered_is_rendered_afresh_and_posting_works() {
    let world = world("first-view-tampered").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("held.html#tampered").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "rendered", "the module could not take the altered view over: {}", console(&world).await);
    assert_eq!(seen["comments"][0]["body"], "Rien de surprenant.", "the list is back");
    post_and_see(&world, "Nadia", "Et pourtant ça marche.").await;
    let health = world.js("return JSON.stringify(window.__hostErrors)", Value::Null).await;
    assert_eq!(health, "[]", "nothing reached the host page's error handlers");
    world.close().await;
}

#[tokio::test]
async fn where_the_module_cannot_run_the_first_view_stays_readable_and_says_so() {
    let world = world("first-view-static").await;
    world.seed_comment("Sophie L.", "Un autre avis.", None).await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    // A strict CSP without 'wasm-unsafe-eval': the module cannot compile.
    world.open("csp-nowasm.html").await;
    let seen = world.wait_for(0, ".comment").await;
    assert_eq!(seen["state"], "static");
    assert_eq!(seen["title"], TITLE);
    assert_eq!(seen["comments"][0]["body"], "Rien de surprenant.");
    assert_eq!(seen["formStatus"], "Les commentaires ne peuvent pas être envoyés depuis cette page.");
    let disabled = world
        .js(&format!("{WIDGET_JS} const controls = [...hosts()[0].shadowRoot.querySelectorAll('textarea, input, button, select')];
                      return [controls.some((e) => e.matches('.sort select')), controls.every((e) => e.disabled)];"), Value::Null)
        .await;
    assert_eq!(disabled, json!([true, true]), "no control pretends to work, the order's neither");
    let styled = world.widget_max_width().await;
    assert_ne!(styled, "none", "styled under the CSP (a constructed sheet)");
    // The page keeps running; what reached it is the page's own policy at work.
    let health = host_health(&world).await;
    assert_eq!(health["ticking"], true);
    for error in health["errors"].as_array().unwrap() {
        assert!(error.as_str().unwrap().starts_with("CSP violation: script-src"), "{health}");
    }
    world.screenshot("first-view-static.png").await;
    world.close().await;
}

#[tokio::test]
async fn a_saved_theme_and_size_are_in_the_first_view_without_a_flash() {
    let world = world("first-view-theme").await;
    world.open("held.html").await;
    world.wait_for(0, ".comments").await;
    world.click(0, "button.theme-sepia").await;
    world.click(0, "button.size-large").await;
    // The next visit: the first view is rendered sepia and large already.
    world.open("held.html#hold").await;
    let attributes = format!(
        "{WIDGET_JS} const e = hosts()[0].shadowRoot.querySelector('.encart');
         return e && [e.dataset.theme, e.dataset.size, getComputedStyle(e).backgroundColor];"
    );
    world.wait_for_view(0, ".comments", false).await;
    let before = world.js(&attributes, Value::Null).await;
    assert_eq!(before[0], "sepia");
    assert_eq!(before[1], "large");
    world.js("window.__releaseWasm()", Value::Null).await;
    world.wait_for(0, ".comments").await;
    let after = world.js(&attributes, Value::Null).await;
    assert_eq!(after, before, "no change of theme when the module takes over");
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

/// What the page fetched of the module (`.wasm`, glue) and where its widgets stand.
async fn module_loads(world: &World) -> Value {
    world
        .js(
            &format!(
                r#"{WIDGET_JS} const names = performance.getEntriesByType("resource").map((e) => e.name);
                   return {{ wasm: names.filter((n) => n.endsWith(".wasm")).length,
                            glue: names.filter((n) => /encart-[0-9a-f]+\.js$/.test(n)).length,
                            data: names.filter((n) => /\/embed\/state\?/.test(n)).length,
                            states: hosts().map((h) => h.getAttribute("data-encart")) }};"#
            ),
            Value::Null,
        )
        .await
}

/// Scrolls the page so that widget `nth`'s discussion starts `screens`
/// screen heights below the top of the window.
async fn discussion_below(world: &World, nth: usize, screens: f64) {
    let script = format!(
        "{WIDGET_JS} const [nth, screens] = arguments[0];
         const d = hosts()[nth].shadowRoot.querySelector('.comments');
         window.scrollTo(0, d.getBoundingClientRect().top + window.scrollY - screens * window.innerHeight);"
    );
    world.js(&script, json!([nth, screens])).await;
}

/// Waits, without scrolling, until the widgets' states are `expected`.
async fn wait_states(world: &World, expected: Value) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let loads = module_loads(world).await;
        if loads["states"] == expected {
            return loads;
        }
        assert!(std::time::Instant::now() < deadline, "the widgets never were {expected}: {loads}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_module_comes_when_a_reader_nears_a_discussion_or_uses_a_widget_once_for_all() {
    let world = world("on-demand").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    world.open("long.html").await;
    // Both first views are in at once, far below the first screen.
    for nth in [0, 1] {
        assert_eq!(world.wait_for_view(nth, ".comment", false).await["title"], TITLE);
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        module_loads(&world).await,
        json!({"wasm": 0, "glue": 0, "data": 0, "states": ["loading", "loading"]}),
        "nothing of the module, nor the views' data, for a reader at the top of the page"
    );
    // Nearing the first discussion: still nearly three screens away.
    discussion_below(&world, 0, 2.8).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(module_loads(&world).await["wasm"], 0, "2.8 screens away");
    // A control of the second widget, far off screen, gets the focus (a
    // reader tabbing there): the module comes for it.
    let focus = format!(
        "{WIDGET_JS} hosts()[1].shadowRoot.querySelector('button.theme-dark').focus({{ preventScroll: true }});"
    );
    world.js(&focus, Value::Null).await;
    let loads = wait_states(&world, json!(["loading", "hydrated"])).await;
    assert_eq!(loads["wasm"], 1, "at the focus: {loads}");
    assert_eq!(world.wait_for(1, ".comment").await["heading"], "1 comment");
    // The first widget, two screens from its discussion, runs on the same module.
    discussion_below(&world, 0, 2.0).await;
    let loads = wait_states(&world, json!(["hydrated", "hydrated"])).await;
    assert_eq!(
        loads,
        json!({"wasm": 1, "glue": 1, "data": 2, "states": ["hydrated", "hydrated"]}),
        "one module for both"
    );
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

#[tokio::test]
async fn data_load_eager_loads_the_module_at_once() {
    let world = world("eager").await;
    world.open("eager.html").await;
    let loads = wait_states(&world, json!(["hydrated"])).await;
    assert_eq!(loads["wasm"], 1);
    assert_eq!(world.js("return window.scrollY", Value::Null).await, 0, "without the reader coming near");
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

/// The controls marked busy in widget 0, by class.
async fn busy(world: &World) -> Value {
    let script = format!(
        "{WIDGET_JS} return [...hosts()[0].shadowRoot.querySelectorAll('[data-encart-held][aria-busy=true]')].map((e) => e.className).sort();"
    );
    world.js(&script, Value::Null).await
}

#[tokio::test]
async fn each_control_used_before_the_module_runs_is_done_once_when_it_does() {
    let world = world("first-view-replayed").await;
    for n in 0..45 {
        world.seed_comment(&format!("Lecteur {n}"), &format!("Avis numéro {n}."), None).await;
    }
    world.open("held.html#hold").await;
    world.wait_for_view(0, ".comment", false).await;
    // Newest first: the first comment is the last seeded.
    world.click(0, "button.theme-dark").await;
    world.click(0, "button.size-large").await;
    world.click(0, ".thread > li.comment:nth-child(1) button.reply").await;
    world.click(0, ".thread > li.comment:nth-child(2) button.report").await;
    world.click(0, "button.load-more").await;
    world.click(0, "button.load-more").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(module_loads(&world).await["states"], json!(["loading"]), "the module is held");
    assert_eq!(
        busy(&world).await,
        json!(["choice size-large", "choice theme-dark", "load-more", "reply", "report"]),
        "each control waiting shows it"
    );
    world.screenshot("held-controls-busy.png").await;

    world.js("window.__releaseWasm()", Value::Null).await;
    let seen = wait_until(&world, "the next page", |s| s["comments"].as_array().unwrap().len() >= 40).await;
    assert_eq!(seen["state"], "hydrated");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let done = world
        .js(
            &format!(
                "{WIDGET_JS} const root = hosts()[0].shadowRoot; const e = root.querySelector('.encart');
                 const comment = (n) => root.querySelector(`.thread > li.comment:nth-child(${{n}})`);
                 return {{ theme: e.dataset.theme, size: e.dataset.size,
                          replyForms: root.querySelectorAll('.thread .comment-form').length,
                          replyUnderFirst: !!comment(1).querySelector('.comment-form'),
                          reasons: comment(2).querySelectorAll('.report-reason').length > 0,
                          comments: root.querySelectorAll('.thread > li.comment').length,
                          busy: root.querySelectorAll('[aria-busy]').length }};"
            ),
            Value::Null,
        )
        .await;
    assert_eq!(
        done,
        json!({"theme": "dark", "size": "large", "replyForms": 1, "replyUnderFirst": true, "reasons": true,
               "comments": 40, "busy": 0}),
        "each held action done once (\"more\" twice: one more page)"
    );
    assert_eq!(console(&world).await, json!([]));

    // Another order chosen before the module runs (a new page: not only its hash).
    world.open("held.html?again#hold").await;
    world.wait_for_view(0, ".comment", false).await;
    world.element(0, ".sort select").await.select_by_value("oldest").await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(busy(&world).await, json!([""]), "the order's list shows it waits");
    world.js("window.__releaseWasm()", Value::Null).await;
    let seen = wait_until(&world, "the oldest first", |s| s["comments"][0]["author"] == "Lecteur 0").await;
    assert_eq!(seen["sort"][0], "oldest");
    assert_eq!(console(&world).await, json!([]));
    world.close().await;
}

/// The first view in Arabic, Czech and Japanese, then the module takes it
/// over: the same nodes and the same text, no warning; the interface's
/// direction is its language's, the article keeps its own (French).
#[tokio::test]
async fn the_widget_speaks_arabic_czech_and_japanese_from_its_first_view_to_its_hydration() {
    let world = world("languages").await;
    world.seed_comment("Karim B.", "Rien de surprenant.", None).await;
    let cases = [
        ("ar", "rtl", "تعليق واحد", "نشر التعليق"),
        ("cs", "ltr", "1 komentář", "Odeslat"),
        ("ja", "ltr", "コメント 1 件", "投稿する"),
    ];
    let snapshot = format!(
        "{WIDGET_JS} const root = hosts()[0].shadowRoot, encart = root.querySelector('.encart');
         const nodes = ['.title', '.comments-heading', '.comment time', 'button.submit'].map((s) => root.querySelector(s));
         if (arguments[0]) window.__nodes = nodes;
         return {{ text: encart.textContent, lang: encart.lang, dir: encart.dir,
                  article: [root.querySelector('article').lang, root.querySelector('article').dir],
                  submit: root.querySelector('button.submit').textContent,
                  same: !!window.__nodes && nodes.every((n, i) => n === window.__nodes[i] && n.isConnected) }};"
    );
    for (lang, dir, heading, submit) in cases {
        world.open(&format!("languages.html?lang={lang}#hold")).await;
        let before = world.wait_for_view(0, ".comment", false).await;
        assert_eq!(before["state"], "loading", "{lang}: the module is held");
        assert_eq!(before["heading"], heading);
        let first = world.js(&snapshot, json!(true)).await;
        assert_eq!((first["lang"].as_str(), first["dir"].as_str()), (Some(lang), Some(dir)));
        assert_eq!(first["article"], json!(["fr", "ltr"]), "{lang}: the article keeps its language");
        assert_eq!(first["submit"], submit);
        if lang == "ar" {
            world.screenshot("language-ar-first-view.png").await;
        }

        world.js("window.__releaseWasm()", Value::Null).await;
        let after = world.wait_for(0, ".comment").await;
        assert_eq!(after["state"], "hydrated", "{lang}: {}", console(&world).await);
        let hydrated = world.js(&snapshot, json!(false)).await;
        assert_eq!(hydrated["text"], first["text"], "{lang}: the same text once hydrated");
        assert_eq!(hydrated["same"], true, "{lang}: hydration keeps the server's nodes");
        assert_eq!(console(&world).await, json!([]), "{lang}: no hydration warning or error");

        if lang != "cs" {
            for width in [375, 1280] {
                world.browser.set_window_size(width, 1400).await.unwrap();
                world.screenshot_at(".comments", &format!("language-{lang}-{width}.png")).await;
            }
            world.browser.set_window_size(1280, 1600).await.unwrap();
        }
        if lang == "ar" {
            world.js(&axe_script(), Value::Null).await;
            let report = audit(&world).await;
            assert_eq!(report["violations"], json!([]), "{report}");
            assert!(report["checked"].as_u64().unwrap() > 10, "{report}");
        }
    }
    world.close().await;
}

/// Each language's plural rules and numbers, as its file gives them,
/// against the browser's own CLDR data (`Intl.PluralRules`,
/// `Intl.NumberFormat`).
#[tokio::test]
async fn every_languages_plural_rules_and_numbers_agree_with_the_browsers_cldr() {
    let world = world("cldr").await;
    world.open("plain.html").await;
    let mut numbers: Vec<u64> = (0..=230).collect();
    numbers.extend([1000, 1001, 1234, 10_000, 12_345, 100_000, 1_000_000, 1_000_001, 2_000_000, 1_234_567]);
    let mut differ = Vec::new();
    for (tag, json) in encart::i18n::COMPILED {
        let lang = encart::i18n::Lang::from_words(serde_json::from_str(json).unwrap()).unwrap();
        let ours: Vec<Value> =
            numbers.iter().map(|&n| json!([lang.category(n), lang.number(n, true, false)])).collect();
        let browsers = world
            .js(
                "const [tag, numbers] = arguments[0];
                 const plural = new Intl.PluralRules(tag), number = new Intl.NumberFormat(tag);
                 return numbers.map((n) => [plural.select(n), number.format(n)]);",
                json!([tag, numbers]),
            )
            .await;
        for ((n, ours), theirs) in numbers.iter().zip(&ours).zip(browsers.as_array().unwrap()) {
            if ours != theirs {
                differ.push(format!("{tag} {n}: ours {ours}, the browser's {theirs}"));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    world.close().await;
}
