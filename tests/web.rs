//! The widget in headless Chromium (wasm-bindgen-test), mounted into a shadow
//! root as `embed.js` does. Run by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use encart::api::ApiError;
use encart::app::App;
use encart::form::Typed;
use encart::i18n::Lang;
use encart::load::Load;
use encart_api_types::{
    Article, Block, ClientWords, Comment, CommentEdit, CommentPage, Commenting, Date, EditedComment, EmbedState,
    ErrorBody, ErrorDetail, FieldError, FieldErrors, Figure, Inline, NewComment, NewRecommendation, NewReport,
    PendingComments, PendingQuery, PostedComment, Published, Reader, ReaderComment, ReaderComments, Recommendation,
    ReportReason, Sort, ViewOptions, Visibility,
};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A host element in the page with an open shadow root holding a mount point.
fn shadow_target() -> (ShadowRoot, HtmlElement) {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    let target: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    root.append_child(&target).unwrap();
    (root, target)
}

fn article(title: &str, paragraphs: &[&str]) -> Article {
    Article {
        slug: "s".into(),
        title: title.into(),
        byline: Some("La Rédaction".into()),
        published: Some(Date::new(2025, 5, 10).unwrap()),
        language: "fr".into(),
        dir: None,
        lead: None,
        body: paragraphs.iter().map(|p| Block::paragraph(*p)).collect(),
        source_url: None,
        updated: None,
    }
}

fn mount_app(target: HtmlElement, state: Load<Article>, on_retry: Callback<()>) -> RwSignal<Load<Article>> {
    let signal = RwSignal::new(state);
    leptos::mount::mount_to(target, move || {
        view! { <App state=signal.read_only() on_retry lang=Lang::compiled("fr").unwrap() inline_css=Some(encart::app::STYLE.to_owned()) /> }
    })
    .forget();
    signal
}

fn text_of(root: &ShadowRoot, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

/// Whether the element at `selector` is out of sight: `hidden`, or inside a `hidden` element.
fn hidden(root: &ShadowRoot, selector: &str) -> bool {
    let mut element = root.query_selector(selector).unwrap();
    while let Some(e) = element {
        if e.has_attribute("hidden") {
            return true;
        }
        element = e.parent_element();
    }
    false
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Lets the reactive system apply a signal change to the DOM (effects run
/// asynchronously).
async fn settle() {
    leptos::task::tick().await;
}

/// Waits up to 10 s for `selector` to match inside `root`.
async fn wait_for(root: &ShadowRoot, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(50).await;
    }
    panic!("{selector} never appeared; the shadow root holds: {}", root.inner_html());
}

#[wasm_bindgen_test]
fn the_reader_view_renders_inside_the_shadow_root_with_its_styles() {
    let head_children = document().head().unwrap().child_element_count();
    let (root, target) = shadow_target();
    mount_app(target, Load::Ready(article("Un titre", &["Premier.", "Second."])), Callback::new(|()| {}));

    assert_eq!(text_of(&root, "h2").as_deref(), Some("Un titre"));
    assert_eq!(text_of(&root, ".author").as_deref(), Some("La Rédaction"));
    assert_eq!(text_of(&root, "time").as_deref(), Some("10 mai 2025"));
    assert_eq!(root.query_selector("time").unwrap().unwrap().get_attribute("datetime").as_deref(), Some("2025-05-10"));
    assert_eq!(root.query_selector_all(".article-body p").unwrap().length(), 2);
    assert_eq!(root.query_selector(".encart").unwrap().unwrap().get_attribute("lang").as_deref(), Some("fr"));
    let style = text_of(&root, "style").unwrap();
    assert!(style.contains(".encart"), "the stylesheet lives in the shadow root");
    assert_eq!(document().head().unwrap().child_element_count(), head_children, "nothing added to the page's head");
}

#[wasm_bindgen_test]
fn article_text_is_shown_as_text_never_as_html() {
    let (root, target) = shadow_target();
    let evil = "<img src=x onerror=\"window.__pwned=1\"><b>gras</b>";
    mount_app(target, Load::Ready(article(evil, &[evil])), Callback::new(|()| {}));

    assert_eq!(text_of(&root, "h2").as_deref(), Some(evil));
    assert_eq!(text_of(&root, ".article-body p").as_deref(), Some(evil));
    assert!(root.query_selector("img, b").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn loading_then_failure_then_retry_go_through_the_right_views() {
    let (root, target) = shadow_target();
    let retries = RwSignal::new(0);
    let state = mount_app(target, Load::Loading, Callback::new(move |()| retries.update(|n| *n += 1)));
    assert_eq!(text_of(&root, "[role=status]").as_deref(), Some("Chargement de l’article…"));

    state.set(Load::Failed(ApiError::NotFound));
    settle().await;
    assert_eq!(text_of(&root, "[role=alert] p").as_deref(), Some("Cet article est introuvable."));
    let retry: HtmlElement = root.query_selector("button.retry").unwrap().unwrap().unchecked_into();
    assert_eq!(retry.text_content().as_deref(), Some("Réessayer"));
    retry.click();
    assert_eq!(retries.get_untracked(), 1);

    state.set(Load::Failed(ApiError::Status(503)));
    settle().await;
    assert_eq!(text_of(&root, "[role=alert] p").as_deref(), Some("Le serveur a rencontré une erreur."));
    state.set(Load::Ready(article("Enfin", &["Texte."])));
    settle().await;
    assert_eq!(text_of(&root, "h2").as_deref(), Some("Enfin"));
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
}

/// What `embed.js` passes to `mount` for a widget rendered on the client,
/// with the words of `lang` (as `GET …/words` or the CDN gives them).
fn config(api: &str, article: &str, lang: &str) -> JsValue {
    let config = js_sys::Object::new();
    for (key, value) in [("api", api), ("article", article)] {
        js_sys::Reflect::set(&config, &key.into(), &value.into()).unwrap();
    }
    let (_, json) = encart::i18n::COMPILED.iter().find(|(tag, _)| *tag == lang).unwrap();
    let answer = js_sys::Object::new();
    js_sys::Reflect::set(&answer, &"words".into(), &js_sys::JSON::parse(json).unwrap()).unwrap();
    js_sys::Reflect::set(&answer, &"fallback".into(), &"".into()).unwrap();
    js_sys::Reflect::set(&config, &"words".into(), &answer).unwrap();
    config.into()
}

#[wasm_bindgen_test]
fn mount_refuses_a_config_without_api_or_article() {
    let (root, target) = shadow_target();
    assert!(encart::mount(target.clone(), JsValue::NULL).is_err());
    assert!(encart::mount(target.clone(), config("https://api.example", "", "fr")).is_err());
    assert!(encart::mount(target.clone(), config(" ", "slug", "fr")).is_err());
    // Words of another build's shape (its messages differ): not read.
    let other = config("https://api.example", "slug", "fr");
    let words = js_sys::Reflect::get(&js_sys::Reflect::get(&other, &"words".into()).unwrap(), &"words".into()).unwrap();
    js_sys::Reflect::set(&words, &"shape".into(), &"0000000000000000".into()).unwrap();
    assert!(encart::mount(target.clone(), other.clone()).is_err());
    js_sys::Reflect::set(&other, &"words".into(), &JsValue::UNDEFINED).unwrap();
    assert!(encart::mount(target, other).is_err(), "no words at all");
    assert!(root.query_selector(".encart").unwrap().is_none(), "nothing was mounted");
}

#[wasm_bindgen_test]
async fn an_unreachable_api_shows_the_network_error_in_the_chosen_language() {
    let (root, target) = shadow_target();
    // Port 9 (discard) is closed here: the request fails at the network level.
    let _widget = encart::mount(target, config("http://127.0.0.1:9", "slug", "en")).unwrap();
    let error = wait_for(&root, "[role=alert] p").await;
    assert_eq!(error.text_content().as_deref(), Some("Could not reach the server. Check your connection."));
    assert_eq!(text_of(&root, "button.retry").as_deref(), Some("Try again"));
}

#[wasm_bindgen_test]
async fn an_answer_that_is_not_json_shows_the_unexpected_response_error() {
    let (root, target) = shadow_target();
    // A data: URL answers 200 with whatever follows the comma: here, not JSON
    // once the client appends its path.
    let _widget = encart::mount(target, config("data:application/json,{", "slug", "fr")).unwrap();
    let error = wait_for(&root, "[role=alert] p").await;
    assert_eq!(error.text_content().as_deref(), Some("Le serveur a envoyé une réponse inattendue."));
}

#[wasm_bindgen_test]
async fn an_unmounted_widget_leaves_nothing_behind() {
    let (root, target) = shadow_target();
    let widget = encart::mount(target.clone(), config("http://127.0.0.1:9", "slug", "en")).unwrap();
    wait_for(&root, "[role=alert] p").await;
    assert_eq!(widget.how(), "rendered");
    widget.unmount();
    assert_eq!(target.child_nodes().length(), 0, "its nodes are gone");
}

mod discussion {
    use encart::comments::{Actions, CommentsSection};
    use encart::discussion::Discussion;
    use encart::form::Draft;
    use encart_api_types::{Comment, NewComment};

    use super::*;

    fn comment(id: &str, body: &str) -> Comment {
        Comment {
            id: id.into(),
            parent: None,
            author: "Léa".into(),
            body: body.into(),
            created: "2025-05-10T14:00:00.000Z".into(),
            replies: vec![],
            deleted: false,
            verified: false,
            staff: false,
            recommends: 0,
            edited: false,
        }
    }

    /// Mounts the discussion; returns it and the comments the form submitted.
    fn mount_discussion(target: HtmlElement) -> (Discussion, RwSignal<Vec<NewComment>>) {
        let discussion = Discussion::new();
        discussion.first_page.set(Load::Ready(()));
        let submitted = RwSignal::new(Vec::<NewComment>::new());
        let actions = Actions {
            retry: Callback::new(|()| {}),
            load_more: Callback::new(|()| {}),
            submit: Callback::new(move |(comment, _draft): (NewComment, Draft)| submitted.update(|s| s.push(comment))),
            delete: Callback::new(|_id: String| {}),
            report: Callback::new(|_| {}),
            sign_out: Callback::new(move |()| discussion.reader.set(None)),
            recommend: Callback::new(move |(id, on, _listed): (String, bool, u32)| discussion.set_recommends(&id, on)),
            edit: Callback::new(|_| {}),
            sort: Callback::new(|_| {}),
            show_arrivals: Callback::new(|()| {}),
        };
        let now = Signal::derive(|| encart_api_types::parse_utc_millis("2025-05-10T14:05:00Z").unwrap());
        leptos::mount::mount_to(target, move || {
            view! { <CommentsSection discussion lang=Lang::compiled("fr").unwrap() now_ms=now actions typed=Typed::default() /> }
        })
        .forget();
        (discussion, submitted)
    }

    fn set_field(root: &ShadowRoot, selector: &str, value: &str) {
        let field = root.query_selector(selector).unwrap().unwrap();
        js_sys::Reflect::set(&field, &"value".into(), &value.into()).unwrap();
        let event = web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap();
        field.dispatch_event(&event).unwrap();
    }

    fn submit(root: &ShadowRoot) {
        let button: HtmlElement = root.query_selector(".new-comment button.submit").unwrap().unwrap().unchecked_into();
        button.click();
    }

    #[wasm_bindgen_test]
    async fn the_form_checks_the_shared_rules_and_words_them_before_posting() {
        let (root, target) = shadow_target();
        let (_, submitted) = mount_discussion(target);

        submit(&root);
        settle().await;
        assert_eq!(text_of(&root, "#encart-new-author-error").as_deref(), Some("Indiquez votre nom."));
        assert_eq!(text_of(&root, "#encart-new-body-error").as_deref(), Some("Écrivez votre commentaire."));

        set_field(&root, "#encart-new-author", "Léa");
        set_field(&root, "#encart-new-body", &"é".repeat(5001));
        submit(&root);
        settle().await;
        assert_eq!(text_of(&root, "#encart-new-author-error").as_deref(), Some(""));
        assert_eq!(
            text_of(&root, "#encart-new-body-error").as_deref(),
            Some("Votre commentaire ne doit pas dépasser 5 000 caractères.")
        );
        assert!(submitted.get_untracked().is_empty(), "nothing is sent while a rule is broken");

        set_field(&root, "#encart-new-body", "Bien vu.\nMerci.");
        submit(&root);
        settle().await;
        let sent = submitted.get_untracked();
        assert_eq!(sent.len(), 1);
        assert_eq!(
            (sent[0].author.as_str(), sent[0].body.as_str(), sent[0].website.as_str()),
            ("Léa", "Bien vu.\nMerci.", "")
        );
    }

    #[wasm_bindgen_test]
    async fn a_signed_in_reader_comments_as_themselves_and_a_closed_site_invites_to_sign_in() {
        let (root, target) = shadow_target();
        let (discussion, submitted) = mount_discussion(target);
        set_field(&root, "#encart-new-author", "Pseudo");
        set_field(&root, "#encart-new-body", "Écrit avant de se connecter");

        // Signing in replaces the name field by whom the reader comments as; the text stays.
        discussion.reader.set(Some(encart_api_types::Reader { name: "Léa Martin".into(), email: None, staff: true }));
        settle().await;
        assert!(hidden(&root, "#encart-new-author") && !hidden(&root, ".new-comment .signed-in"));
        assert_eq!(
            text_of(&root, ".new-comment .signed-in").as_deref(),
            Some("Vous commentez en tant que Léa MartinRédaction · Se déconnecter")
        );
        let mark = root.query_selector(".new-comment .signed-in .verified").unwrap().unwrap();
        assert_eq!(mark.get_attribute("aria-label").as_deref(), Some("Compte vérifié"));
        let body: web_sys::HtmlTextAreaElement =
            root.query_selector("#encart-new-body").unwrap().unwrap().unchecked_into();
        assert_eq!(body.value(), "Écrit avant de se connecter");
        submit(&root);
        settle().await;
        assert_eq!(submitted.get_untracked()[0].author, "Léa Martin", "under the account's name");

        // A verified comment and the newsroom's badge.
        let mut signed = comment("9", "Précision");
        (signed.verified, signed.staff) = (true, true);
        discussion.comments.update(|list| list.push(signed));
        settle().await;
        assert_eq!(text_of(&root, ".comment[data-id='9'] .badge").as_deref(), Some("Rédaction"));
        assert!(root.query_selector(".comment[data-id='9'] .verified").unwrap().is_some());

        // Signing out brings the name field back, with what was typed in it.
        let sign_out: HtmlElement = root.query_selector(".sign-out").unwrap().unwrap().unchecked_into();
        sign_out.click();
        settle().await;
        let author: web_sys::HtmlInputElement =
            root.query_selector("#encart-new-author").unwrap().unwrap().unchecked_into();
        assert_eq!(author.value(), "Pseudo");
        assert!(!hidden(&root, "#encart-new-author") && hidden(&root, ".new-comment .signed-in"));
        assert!(hidden(&root, ".new-comment a.sign-in"), "no sign-in page, no link");

        // Where only signed-in readers comment: an invitation, the form hidden.
        discussion.commenting.set(encart_api_types::Commenting {
            sign_in_required: true,
            sign_in_url: Some("https://partner.example/login".into()),
            ..Default::default()
        });
        settle().await;
        assert!(!hidden(&root, ".new-comment .sign-in-needed") && !hidden(&root, ".sign-in-needed a"));
        assert_eq!(
            text_of(&root, ".new-comment .sign-in-needed").as_deref(),
            Some("Connectez-vous pour commenter. Se connecter")
        );
        let link = root.query_selector(".sign-in-needed a").unwrap().unwrap();
        assert_eq!(link.get_attribute("href").as_deref(), Some("https://partner.example/login"));
        let form: HtmlElement = root.query_selector(".new-comment form").unwrap().unwrap().unchecked_into();
        assert!(form.hidden());
        discussion.reader.set(Some(encart_api_types::Reader { name: "Léa".into(), email: None, staff: false }));
        settle().await;
        assert!(!form.hidden() && hidden(&root, ".new-comment .sign-in-needed"));
        assert!(hidden(&root, ".new-comment .signed-in .badge"), "no newsroom badge for a reader");
    }

    #[wasm_bindgen_test]
    async fn recommend_is_a_toggle_button_that_keeps_its_node_and_focus() {
        let (root, target) = shadow_target();
        let (discussion, _) = mount_discussion(target);
        let mut listed = comment("7", "Bien vu");
        listed.recommends = 2;
        discussion.comments.update(|list| list.push(listed));
        settle().await;
        let button: HtmlElement =
            root.query_selector(".comment[data-id='7'] button.recommend").unwrap().unwrap().unchecked_into();
        assert_eq!(button.text_content().as_deref(), Some("Recommander (2)"));
        assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("false"));
        button.focus().unwrap();
        button.click();
        settle().await;
        assert_eq!(button.text_content().as_deref(), Some("Recommander (3)"));
        assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("true"));
        let focused = root.active_element().map(|e| e.is_same_node(Some(&button)));
        assert_eq!(focused, Some(true), "the same button, still focused");
        button.click();
        settle().await;
        assert_eq!(button.text_content().as_deref(), Some("Recommander (2)"));
        // None on the reader's own comment.
        discussion.own.set(vec!["7".into()]);
        settle().await;
        assert!(root.query_selector(".comment[data-id='7'] button.recommend").unwrap().is_none());
    }

    #[wasm_bindgen_test]
    async fn an_optimistic_comment_shows_at_once_then_takes_the_servers_version() {
        let (root, target) = shadow_target();
        let (discussion, _) = mount_discussion(target);

        discussion.insert_optimistic(comment("local-1", "En route"));
        settle().await;
        assert_eq!(text_of(&root, ".comment .comment-body").as_deref(), Some("En route"));
        assert_eq!(text_of(&root, ".comment .mark").as_deref(), Some("envoi en cours"));
        assert!(root.query_selector(".comment button.reply").unwrap().is_none(), "no reply to an unsent comment");

        discussion.confirm("local-1", comment("42", "En route"), false);
        settle().await;
        let shown = root.query_selector(".comment").unwrap().unwrap();
        assert_eq!(shown.get_attribute("data-id").as_deref(), Some("42"));
        assert!(root.query_selector(".comment .mark").unwrap().is_none());
        assert_eq!(text_of(&root, ".comments-heading").as_deref(), Some("1 commentaire"));
        assert_eq!(text_of(&root, ".comment time").as_deref(), Some("il y a 5 min"));

        discussion.insert_optimistic(comment("local-2", "Refusé"));
        settle().await;
        discussion.withdraw("local-2");
        settle().await;
        assert_eq!(root.query_selector_all(".comment").unwrap().length(), 1);

        // A comment its author deleted stays as a placeholder while answered.
        discussion.comments.update(|list| {
            let mut gone = comment("7", "");
            gone.author = String::new();
            gone.deleted = true;
            gone.replies = vec![comment("8", "Une réponse")];
            list.push(gone);
        });
        settle().await;
        assert_eq!(text_of(&root, ".comment[data-id='7'] .comment-deleted").as_deref(), Some("Commentaire supprimé."));
        assert_eq!(text_of(&root, ".comment[data-id='7'] .replies .comment-body").as_deref(), Some("Une réponse"));
        discussion.comments.update(|list| list.retain(|c| c.id != "7"));

        discussion.insert_optimistic(comment("local-3", "À modérer"));
        discussion.confirm("local-3", comment("43", "À modérer"), true);
        settle().await;
        assert_eq!(
            text_of(&root, ".comment[data-id='43'] .mark").as_deref(),
            Some("en attente de modération : visible par vous seul")
        );
        assert_eq!(text_of(&root, ".comments-heading").as_deref(), Some("1 commentaire"), "not counted until approved");
    }
}

#[wasm_bindgen_test]
fn rich_blocks_render_as_elements_and_only_web_links_become_links() {
    let (root, target) = shadow_target();
    let text = |s: &str| Inline::Text(s.into());
    let mut rich = article("Titre", &[]);
    rich.lead = Some("Le chapeau.".into());
    rich.body = vec![
        Block::Paragraph(vec![
            text("Voir "),
            Inline::Link {
                href: "https://example.org/".into(),
                text: vec![Inline::Emphasis(vec![text("ce rapport")])],
            },
            text(" et "),
            Inline::Link { href: "javascript:alert(1)".into(), text: vec![text("ceci")] },
            text("."),
        ]),
        Block::Heading { level: 1, text: vec![text("Une partie")] },
        Block::Quote(vec![vec![text("Une citation.")]]),
        Block::List { ordered: true, items: vec![vec![text("un")], vec![Inline::Strong(vec![text("deux")])]] },
    ];
    mount_app(target, Load::Ready(rich), Callback::new(|()| {}));

    assert_eq!(text_of(&root, ".lead").as_deref(), Some("Le chapeau."));
    let links = root.query_selector_all(".article-body a").unwrap();
    assert_eq!(links.length(), 1, "the javascript: link is text only");
    let link: web_sys::Element = links.get(0).unwrap().unchecked_into();
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://example.org/"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("nofollow ugc noopener"));
    assert_eq!(text_of(&root, ".article-body a em").as_deref(), Some("ce rapport"));
    assert_eq!(text_of(&root, ".article-body p").as_deref(), Some("Voir ce rapport et ceci."));
    assert_eq!(text_of(&root, "h3.section-heading").as_deref(), Some("Une partie"), "one level below the h2 title");
    assert_eq!(text_of(&root, "blockquote p").as_deref(), Some("Une citation."));
    assert_eq!(root.query_selector_all("ol li").unwrap().length(), 2);
    assert_eq!(text_of(&root, "ol li strong").as_deref(), Some("deux"));
}

/// `value` as the server sends it (serde), then decoded as the widget does.
fn through_the_wire<T>(value: &T) -> Option<T>
where
    T: serde::Serialize + encart::json::FromJs,
{
    encart::json::parse(&serde_json::to_string(value).unwrap())
}

fn comment(id: &str, replies: Vec<Comment>) -> Comment {
    Comment {
        id: id.into(),
        parent: None,
        author: "Ana".into(),
        body: "Un avis\n<b>pas du HTML</b>".into(),
        created: "2025-05-10T08:00:00Z".into(),
        replies,
        deleted: false,
        verified: true,
        staff: false,
        recommends: 4_000_000_000,
        edited: true,
    }
}

#[wasm_bindgen_test]
fn the_hand_written_decoders_read_what_the_servers_serde_writes() {
    let text = |t: &str| Inline::Text(t.into());
    let mut full = article("Titre", &[]);
    full.dir = Some("rtl".into());
    full.lead = Some("Chapeau".into());
    full.source_url = Some("https://example.org/a".into());
    full.updated = Some("2025-05-11T00:00:00Z".into());
    full.body = vec![
        Block::Paragraph(vec![
            text("a"),
            Inline::Strong(vec![Inline::Emphasis(vec![Inline::Link {
                href: "https://example.org/".into(),
                text: vec![text("b")],
            }])]),
        ]),
        Block::Heading { level: 2, text: vec![text("h")] },
        Block::Quote(vec![vec![text("q1")], vec![text("q2")]]),
        Block::List { ordered: false, items: vec![vec![text("i")]] },
        Block::Figure(Figure {
            src: "https://img.example.org/a.jpg".into(),
            srcset: Some("https://img.example.org/a.jpg 800w".into()),
            width: Some(800),
            height: Some(600),
            alt: "Une photo".into(),
            caption: vec![text("Légende")],
            credit: Some("AFP".into()),
        }),
        Block::Figure(Figure { src: "https://img.example.org/b.jpg".into(), ..Figure::default() }),
        Block::Preformatted("  code\n    indenté".into()),
        Block::Table { head: vec![vec![text("h")]], rows: vec![vec![vec![text("c")]]] },
        Block::Table { head: Vec::new(), rows: Vec::new() },
    ];
    assert_eq!(through_the_wire(&full).as_ref(), Some(&full));
    let bare = article("Sans date", &["Un paragraphe."]);
    let bare = Article { byline: None, published: None, ..bare };
    assert_eq!(through_the_wire(&bare).as_ref(), Some(&bare));

    let mut answered = comment("c1", vec![comment("c2", Vec::new())]);
    answered.replies[0].parent = Some("c1".into());
    let page = CommentPage {
        comments: vec![answered.clone(), Comment { deleted: true, ..comment("c3", Vec::new()) }],
        sort: Sort::Recommended,
        next: Some("cursor".into()),
        total: 9_007_199_254_740_991,
        commenting: Commenting {
            sign_in_required: true,
            sign_in_url: Some("https://example.org/login".into()),
            notifications: true,
        },
        picks: vec![comment("c4", Vec::new())],
        live: Some(12),
    };
    assert_eq!(through_the_wire(&page).as_ref(), Some(&page));
    let plain = CommentPage::default();
    assert_eq!(through_the_wire(&plain).as_ref(), Some(&plain));

    let state = EmbedState {
        article: full,
        comments: page,
        now: 1_746_864_000_000,
        options: ViewOptions {
            lang: Some("fr".into()),
            ui: Some("en".into()),
            browser: Some("de".into()),
            heading: Some(3),
            theme: Some("dark".into()),
            size: Some("large".into()),
            sort: Some(Sort::Oldest),
        },
        lang: "fr".into(),
        version: "0123456789abcdef".into(),
    };
    assert_eq!(through_the_wire(&state).as_ref(), Some(&state));
    let words = ClientWords { words: Lang::compiled("fr").unwrap().words().clone(), fallback: "x".into() };
    assert_eq!(through_the_wire(&words).as_ref(), Some(&words));

    for visibility in [Visibility::Published, Visibility::AwaitingModeration, Visibility::Withheld] {
        let posted = PostedComment { comment: answered.clone(), visibility, edit_token: "t".into() };
        assert_eq!(through_the_wire(&posted).as_ref(), Some(&posted));
        let edited = EditedComment { comment: answered.clone(), visibility };
        assert_eq!(through_the_wire(&edited).as_ref(), Some(&edited));
    }
    let published = Published { comment: answered.clone(), total: 3 };
    assert_eq!(through_the_wire(&published).as_ref(), Some(&published));
    let pending = PendingComments { comments: vec![answered.clone()] };
    assert_eq!(through_the_wire(&pending).as_ref(), Some(&pending));
    let recommendation = Recommendation { recommended: true, recommends: 2 };
    assert_eq!(through_the_wire(&recommendation).as_ref(), Some(&recommendation));
    let mine = ReaderComments {
        reader: Reader { name: "Ana".into(), email: Some("ana@example.org".into()), staff: true },
        comments: vec![ReaderComment { article: "s".into(), comment: answered, visibility: Visibility::Withheld }],
        recommended: vec!["c4".into()],
    };
    assert_eq!(through_the_wire(&mine).as_ref(), Some(&mine));
    for error in FieldError::ALL {
        let body = ErrorBody {
            error: ErrorDetail {
                code: "invalid".into(),
                message: "m".into(),
                fields: Some(FieldErrors { author: Some(error), body: None, email: Some(FieldError::Invalid) }),
            },
        };
        assert_eq!(through_the_wire(&body).as_ref(), Some(&body));
    }
}

#[wasm_bindgen_test]
fn the_decoders_refuse_another_shape_and_ignore_the_pages_prototypes() {
    use encart::json::parse;
    let ok = r#"{"recommended": true, "recommends": 2}"#;
    assert_eq!(parse::<Recommendation>(ok), Some(Recommendation { recommended: true, recommends: 2 }));
    for wrong in [
        r#"{"recommended": true}"#,
        r#"{"recommended": "yes", "recommends": 2}"#,
        r#"{"recommended": true, "recommends": 2.5}"#,
        r#"{"recommended": true, "recommends": -1}"#,
        r#"{"recommended": true, "recommends": 4294967296}"#,
        r#"[true, 2]"#,
        "null",
    ] {
        assert_eq!(parse::<Recommendation>(wrong), None, "{wrong}");
    }
    // Unknown fields, like serde's, are ignored.
    assert!(parse::<Recommendation>(r#"{"recommended": false, "recommends": 0, "new": 1}"#).is_some());
    let block = |inner: &str| format!(r#"{{"paragraph": [{inner}]}}"#);
    assert!(parse::<Block>(&block(r#"{"text": "a"}"#)).is_some());
    for wrong in [r#"{"text": "a", "strong": []}"#, r#"{"marquee": []}"#, r#"{"text": 1}"#, "{}"] {
        assert_eq!(parse::<Block>(&block(wrong)), None, "{wrong}");
    }
    // Text nested deeper than any stored article is refused, not recursed into.
    let nested =
        |depth: usize| block(&format!(r#"{}{{"text": "a"}}{}"#, r#"{"strong": ["#.repeat(depth), "]}".repeat(depth)));
    assert!(parse::<Block>(&nested(encart_api_types::MAX_INLINE_DEPTH)).is_some());
    assert_eq!(parse::<Block>(&nested(encart_api_types::MAX_INLINE_DEPTH + 1)), None);
    assert_eq!(parse::<Block>(&nested(100_000)), None);
    // So are answers nested deeper than the server files them.
    let comment = r#"{"id": "c", "parent": null, "author": "a", "body": "b", "created": "t""#;
    let thread = |depth: usize| {
        format!("{}{comment}}}{}", format!(r#"{comment}, "replies": ["#).repeat(depth), "]}".repeat(depth))
    };
    assert!(parse::<Comment>(&thread(encart_api_types::MAX_REPLY_DEPTH)).is_some());
    assert_eq!(parse::<Comment>(&thread(encart_api_types::MAX_REPLY_DEPTH + 1)), None);
    assert_eq!(parse::<Comment>(&thread(100_000)), None);

    // A page that adds to Object.prototype adds no field to an answer.
    let prototype = js_sys::Object::get_prototype_of(&js_sys::Object::new().into());
    js_sys::Reflect::set(&prototype, &"recommends".into(), &JsValue::from(7)).unwrap();
    let decoded = parse::<Recommendation>(r#"{"recommended": true}"#);
    js_sys::Reflect::delete_property(&prototype, &"recommends".into()).unwrap();
    assert_eq!(decoded, None);
}

#[wasm_bindgen_test]
fn request_bodies_read_as_the_server_reads_them() {
    use encart::json::ToJs;
    fn sent<T: ToJs + serde::de::DeserializeOwned>(value: &T) -> T {
        let text = encart::json::stringify(&value.to_js()).unwrap();
        serde_json::from_str(&text).unwrap()
    }
    let comment = NewComment {
        author: "Ana \"A\"".into(),
        body: "ligne\nsuivante ✓".into(),
        parent: Some("c1".into()),
        website: String::new(),
        notify: true,
        email: "ana@example.org".into(),
        page: "https://partner.example/a".into(),
    };
    assert_eq!(sent(&comment), comment);
    assert_eq!(sent(&NewComment::default()), NewComment::default());
    let edit = CommentEdit { body: "nouveau".into() };
    assert_eq!(sent(&edit), edit);
    for recommendation in [
        NewRecommendation { recommended: true, browser: Some("0".repeat(32)) },
        NewRecommendation { recommended: false, browser: None },
    ] {
        assert_eq!(sent(&recommendation), recommendation);
    }
    for reason in [ReportReason::Spam, ReportReason::Abuse, ReportReason::OffTopic, ReportReason::Other] {
        assert_eq!(sent(&NewReport { reason }), NewReport { reason });
    }
    let query = PendingQuery { tokens: vec!["a".into(), "b".into()] };
    assert_eq!(sent(&query), query);
}
