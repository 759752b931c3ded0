//! The browser entry: [`prepare`] then [`Prepared::mount`], called by
//! `loader/start.js` once per widget. The first reads the configuration and
//! decodes the data and words that came with it; the second hydrates the
//! first view the server rendered into the element, or renders the widget
//! itself, and wires the views to the API client and to local storage.

use encart_api_types::loader::{AUTH_EXPIRED_EVENT, SIGN_OUT_EVENT};
use encart_api_types::{ClientWords, EmbedState, Sort};
use leptos::mount::UnmountHandle;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use crate::api::{self, ApiClient, Prefetched};
use crate::comments::Actions;
use crate::discussion::Discussion;
use crate::form::{MAIN_FORM, Typed, field_id};
use crate::i18n::Lang;
use crate::json::{FromJs, field};
use crate::later;
use crate::load::Load;
use crate::reader::{Prefs, Theme};
use crate::storage;
use crate::widget::{BUILD_ID, Handles, Start, Wiring, heading_level, widget};

/// The options a partner gives on the script tag or the placeholder `div`
/// (`data-api`, `data-article`, `data-lang`…), and what `embed.js` fetched
/// for the widget, as it passes them (camelCase: `headingLevel`…).
pub struct Config {
    /// Base URL of the encart API, e.g. `https://api.example.org`.
    pub api: String,
    /// Slug of the article to show.
    pub article: String,
    /// Level of the article's title, "1" to "6" (`data-heading-level`); 2 by default.
    pub heading_level: Option<String>,
    /// Theme until the reader picks one (`data-theme`): auto, light, dark or sepia.
    pub theme: Option<String>,
    /// Order of the comments: the reader's saved choice, else `data-sort`.
    pub sort: Option<String>,
    /// The article request `embed.js` already started (a `fetch` promise), if any.
    pub article_response: JsValue,
    /// The first comment page request `embed.js` already started, if any.
    pub comments_response: JsValue,
    /// The build of the server-rendered first view `embed.js` put in the
    /// element, if it did (`Embed::build`).
    pub build: Option<String>,
    /// What that first view was rendered from (`Embed::state`).
    pub state: JsValue,
    /// The widget's words (`ClientWords`, which `embed.js` fetched: from the
    /// CDN in the first view's language, else from the API, which chose it).
    pub words: JsValue,
    /// The widget's stylesheet, for a widget the module renders itself (the
    /// first view's own, or the CDN's `encart-<hash>.css`, which `embed.js`
    /// fetches): the module does not carry it.
    pub css: Option<String>,
}

impl FromJs for Config {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Config {
            api: field(value, "api")?,
            article: field(value, "article")?,
            heading_level: field(value, "headingLevel")?,
            theme: field(value, "theme")?,
            sort: field(value, "sort")?,
            article_response: field(value, "articleResponse")?,
            comments_response: field(value, "commentsResponse")?,
            build: field(value, "build")?,
            state: field(value, "state")?,
            words: field(value, "words")?,
            css: field(value, "css")?,
        })
    }
}

const OTHER_WORDS: &str = "encart: no words of this build's shape";

/// Reads and checks a widget's configuration and decodes what came with it
/// (its first view's data, its words): the first half of [`mount`], which
/// `loader/start.js` runs in a task of its own before the view is taken over
/// (each half is then a shorter task of the page's main thread).
///
/// `config` is a plain object with the fields of [`Config`]. A bad config is
/// answered with an error.
#[wasm_bindgen]
pub fn prepare(config: JsValue) -> Result<Prepared, JsError> {
    console_error_panic_hook::set_once();
    let config = Config::from_js(&config).ok_or_else(|| JsError::new("encart: invalid config"))?;
    if config.api.trim().is_empty() || config.article.trim().is_empty() {
        return Err(JsError::new("encart: config needs `api` and `article`"));
    }
    let embed = EmbedState::from_js(&config.state);
    let words = ClientWords::from_js(&config.words);
    let lang = words.and_then(|w| Lang::from_words(w.words)).ok_or_else(|| JsError::new(OTHER_WORDS))?;
    if embed.as_ref().is_some_and(|embed| lang.tag() != embed.lang) {
        return Err(JsError::new("encart: the words are not the first view's language"));
    }
    Ok(Prepared { config, embed, lang })
}

/// Mounts a widget into `element` (a `div` inside a shadow root): [`prepare`],
/// [`Prepared::mount`] and [`Widget::finish`] at once, for a reader not
/// signed in (the wasm tests' way; `loader/start.js` runs each in a task).
pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> Result<Widget, JsError> {
    let mut widget = prepare(config)?.mount(element, None)?;
    widget.finish();
    Ok(widget)
}

/// A widget's checked configuration, its first view's data and its
/// language (see [`prepare`]).
#[wasm_bindgen]
pub struct Prepared {
    config: Config,
    embed: Option<EmbedState>,
    lang: Lang,
}

#[wasm_bindgen]
impl Prepared {
    /// Mounts the widget into `element`, signed in with `auth_token` (the
    /// reader's token as it is now). When `element` holds a first view
    /// rendered by a server of this build, the widget adopts its nodes
    /// (hydration), keeping what the reader typed; from another build, it
    /// replaces them, still without fetching the data again. Returns the
    /// mounted [`Widget`].
    pub fn mount(self, element: web_sys::HtmlElement, auth_token: Option<String>) -> Result<Widget, JsError> {
        let Prepared { config, embed, lang } = self;
        let first = Prefetched {
            article: Cell::new(config.article_response.dyn_into().ok()),
            comments: Cell::new(config.comments_response.dyn_into().ok()),
        };
        let client = ApiClient::new(&config.api, &config.article, first);
        let host = element.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok().map(|root| root.host());
        let tell = host.clone();
        client.on_expired(move || fire(tell.as_ref(), AUTH_EXPIRED_EVENT));
        // Given before the widget runs; checked by the API once it does (the
        // first view is the same for every reader).
        if let Some(token) = auth_token.filter(|t| !t.is_empty()) {
            client.keep_token(token);
        }
        let reach = Reach { client: client.clone(), discussion: Rc::new(Cell::new(None)), host, after: Rc::default() };
        let Some(embed) = embed else {
            let (saved_size, saved_theme) = storage::saved_prefs();
            let start = Start {
                article: Load::Loading,
                comments: None,
                sort: config.sort.as_deref().and_then(Sort::parse),
                now_ms: api::now_millis(),
                prefs: Prefs {
                    size: saved_size.unwrap_or_default(),
                    theme: saved_theme.or_else(|| config.theme.as_deref().and_then(Theme::parse)).unwrap_or_default(),
                },
                heading_level: heading_level(config.heading_level.and_then(|l| l.trim().parse().ok())),
                lang,
                typed: Typed { author: storage::remembered_author(), ..Typed::default() },
                inline_css: adopt_styles(&element, config.css.as_deref().unwrap_or_default()),
            };
            let wiring = wire(client, true, reach.clone());
            let mounted = leptos::mount::mount_to(element, move || widget(start, wiring));
            return Ok(Widget::new("rendered", mounted, reach));
        };

        let mut typed = typed_in(&element);
        if typed.author.is_empty() {
            typed.author = storage::remembered_author();
        }
        let mut start = Start::from_embed(embed, lang, typed);
        let wiring = wire(client, false, reach.clone());
        if config.build.as_deref() == Some(BUILD_ID) {
            let (mounted, parts) =
                later::hydrating(|| leptos::mount::hydrate_from(element, move || widget(start, wiring)));
            let mut widget = Widget::new("hydrated", mounted, reach);
            widget.parts = Some(parts);
            Ok(widget)
        } else {
            // Without a build: `embed.js` asks again after a failed hydration.
            if let Some(other) = &config.build {
                leptos::logging::warn!(
                    "encart: the first view comes from build \"{other}\", this widget is build {BUILD_ID}: rendering it again"
                );
            }
            element.set_inner_html("");
            start.inline_css = adopt_styles(&element, config.css.as_deref().unwrap_or_default());
            let mounted = leptos::mount::mount_to(element, move || widget(start, wiring));
            Ok(Widget::new("rendered", mounted, reach))
        }
    }
}

/// What the page's calls on a mounted widget reach: its API client, its
/// discussion (once the view is built), its host element; and what runs
/// once a first view is all taken over ([`Widget::finish`]).
#[derive(Clone)]
struct Reach {
    client: ApiClient,
    discussion: Rc<Cell<Option<Discussion>>>,
    host: Option<web_sys::Element>,
    after: Rc<Cell<Option<Task>>>,
}

/// Work for a later task of the main thread.
type Task = Box<dyn FnOnce()>;

/// Fires `name` on the widget's host element, bubbling, for the page.
fn fire(host: Option<&web_sys::Element>, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let (Some(host), Ok(event)) = (host, web_sys::Event::new_with_event_init_dict(name, &init)) {
        let _ = host.dispatch_event(&event);
    }
}

/// A mounted widget, as `embed.js` holds it.
#[wasm_bindgen]
pub struct Widget {
    how: &'static str,
    /// The view and its reactive owner: dropping them unmounts the widget.
    mounted: Box<dyn std::any::Any>,
    reach: Reach,
    /// The parts of the first view left to take over (`later.rs`).
    parts: Option<later::Pending>,
    /// The task that runs after them, until it has.
    after: Option<TimeoutHandle>,
}

impl Widget {
    fn new<M: leptos::tachys::view::Mountable + 'static>(
        how: &'static str,
        mounted: UnmountHandle<M>,
        reach: Reach,
    ) -> Widget {
        Widget { how, mounted: Box::new(mounted), reach, parts: None, after: None }
    }
}

#[wasm_bindgen]
impl Widget {
    /// `"hydrated"` (the server's first view, taken over) or `"rendered"`.
    #[wasm_bindgen(getter)]
    pub fn how(&self) -> String {
        self.how.to_owned()
    }

    /// Takes over what of the first view [`Prepared::mount`] left for a
    /// task of its own (the discussion: `later.rs`); then, in the next
    /// task, relative times move from the server's clock to the reader's
    /// and the reader's own comments are asked for. `loader/start.js` calls
    /// it a task after `mount`, and hands the widget to the page once it
    /// has returned.
    pub fn finish(&mut self) {
        if let Some(parts) = self.parts.take() {
            parts.hydrate();
        }
        if let Some(after) = self.reach.after.take() {
            self.after = set_timeout_with_handle(after, Duration::ZERO).ok();
        }
    }

    /// Removes the widget (a page that drops its element, as single-page
    /// apps do on navigation): its nodes, timers and reactive state go, and
    /// this object with them.
    pub fn unmount(self) {
        if let Some(after) = self.after {
            after.clear();
        }
        drop(self.mounted);
    }

    /// The reader signed in on the page after it loaded (`encart.signIn`),
    /// or their token was renewed: the form shows whom they comment as,
    /// keeps what they typed, and a post that waited for a fresh token goes.
    #[wasm_bindgen(js_name = signIn)]
    pub fn sign_in(&self, token: String) {
        match self.reach.discussion.get() {
            Some(discussion) => self.reach.client.sign_in(token, discussion),
            None => self.reach.client.keep_token(token),
        }
    }

    /// The reader signed out (`encart.signOut`): the widget is anonymous again.
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&self) {
        if let Some(discussion) = self.reach.discussion.get() {
            self.reach.client.sign_out(discussion);
        }
    }
}

/// Connects the widget's controls to `client` and to local storage. With
/// `fetch`, the article and its comments are loaded at once; else they came
/// with the first view, and only the reader's own comments (awaiting
/// moderation, and a signed-in reader's) are asked for.
fn wire(client: ApiClient, fetch: bool, reach: Reach) -> impl FnOnce(Handles) -> Wiring {
    move |Handles { state, discussion, now_ms }| {
        reach.discussion.set(Some(discussion));
        if let Ok(ticking) = set_interval_with_handle(move || now_ms.set(api::now_millis()), Duration::from_secs(30)) {
            on_cleanup(move || ticking.clear());
        }
        // A StoredValue and Callbacks are Copy: each action can go to several buttons.
        let client = StoredValue::new(client);
        let load_article = Callback::new(move |()| client.with_value(|c| c.load_article(state)));
        let load_comments = Callback::new(move |()| client.with_value(|c| c.load_comments(discussion)));
        let load_more = Callback::new(move |()| client.with_value(|c| c.load_more(discussion)));
        let submit = Callback::new(move |(comment, draft)| client.with_value(|c| c.post(comment, discussion, draft)));
        let delete = Callback::new(move |id: String| client.with_value(|c| c.delete(id, discussion)));
        let report = Callback::new(move |(id, reason)| client.with_value(|c| c.report(id, reason, discussion)));
        let edit = Callback::new(move |(id, body)| client.with_value(|c| c.edit(id, body, discussion)));
        let sort = Callback::new(move |sort| client.with_value(|c| c.sort(sort, discussion)));
        // The new comments at the top of the thread, brought into view and
        // focused (the button that showed them is gone).
        let thread = reach.host.clone().and_then(|host| host.shadow_root()).map(send_wrapper::SendWrapper::new);
        let show_arrivals = Callback::new(move |()| {
            discussion.show_arrivals();
            let found = thread.as_ref().and_then(|root| root.query_selector(".thread").ok().flatten());
            if let Some(thread) = found.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                // Focusable by script only: with a tabindex in the view,
                // hydration no longer noticed a first view whose thread the
                // page had taken out (tests/first_view.rs, "altered").
                let _ = thread.set_attribute("tabindex", "-1");
                thread.scroll_into_view_with_bool(true);
                let _ = thread.focus();
            }
        });
        if let Some(host) = &reach.host {
            client.with_value(|c| follow(host, c.clone(), discussion));
            if let (Some(id), Some(root)) = (anchored_comment(), host.shadow_root()) {
                reveal(id, root, load_more, discussion);
            }
        }
        let recommend =
            Callback::new(move |(id, on, listed)| client.with_value(|c| c.recommend(id, on, listed, discussion)));
        // Signing out here signs every widget of the page out (the loader
        // hears the event), and tells the page, which may end its session.
        let host = reach.host;
        let sign_out = Callback::new(move |()| {
            client.with_value(|c| c.sign_out(discussion));
            fire(host.as_ref(), SIGN_OUT_EVENT);
        });
        // Retrying the article retries its comments too: they failed with it.
        let retry = Callback::new(move |()| {
            load_article.run(());
            load_comments.run(());
        });
        if fetch {
            retry.run(());
        } else {
            // After hydration, in a task of its own rather than the long ones
            // that built the view (about a fifth of its work on a first
            // visit, most of it the browser compiling what runs; README,
            // "Performance"): relative times move from the server's clock
            // to the reader's, and the reader's own comments are asked for
            // (`Widget::finish`, once the discussion is taken over too).
            reach.after.set(Some(Box::new(move || {
                now_ms.set(api::now_millis());
                client.with_value(|c| c.load_own(discussion));
            })));
        }
        Wiring {
            retry,
            actions: Actions {
                retry: load_comments,
                load_more,
                submit,
                delete,
                report,
                sign_out,
                recommend,
                edit,
                sort,
                show_arrivals,
            },
            save_prefs: Callback::new(storage::save_prefs),
        }
    }
}

/// The comment the page's address names (`#encart-comment-123`: the link of
/// an e-mail telling a reader of an answer).
fn anchored_comment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let id = hash.strip_prefix("#encart-comment-")?;
    (!id.is_empty() && id.len() < 20 && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_owned())
}

/// The most pages loaded to find an anchored comment.
const PAGES_TO_FIND: u32 = 20;

/// Brings comment `id` into view, marked and focused, once it is shown:
/// the pages of the thread are loaded one after the other until one holds
/// it (a few at most), as the reader would press "more comments".
fn reveal(id: String, root: web_sys::ShadowRoot, load_more: Callback<()>, discussion: Discussion) {
    let root = send_wrapper::SendWrapper::new(root);
    let loaded = Cell::new(0);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let idle =
            matches!(discussion.first_page.get(), Load::Ready(())) && matches!(discussion.more.get(), Load::Ready(()));
        if !idle {
            return false;
        }
        if discussion.holds(&id) {
            let (root, id) = (root.clone(), id.clone());
            // Once the view shows it.
            request_animation_frame(move || {
                let found = root.query_selector(&format!(r#"li[data-id="{id}"]"#)).ok().flatten();
                if let Some(comment) = found.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let class = comment.get_attribute("class").unwrap_or_default();
                    let _ = comment.set_attribute("class", &format!("{class} highlighted"));
                    let _ = comment.set_attribute("tabindex", "-1");
                    comment.scroll_into_view_with_bool(true);
                    let _ = comment.focus();
                }
            });
            return true;
        }
        if discussion.next.with(Option::is_some) && loaded.get() < PAGES_TO_FIND {
            loaded.set(loaded.get() + 1);
            load_more.run(());
            return false;
        }
        true
    });
}

/// Listens for new comments (`ApiClient::listen`) while the widget is near
/// the screen (an `IntersectionObserver` on its host) and its tab visible
/// (Page Visibility), and only then; stops when the widget is unmounted.
fn follow(host: &web_sys::Element, client: ApiClient, discussion: Discussion) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let live: Rc<RefCell<Option<api::Live>>> = Rc::default();
    let on_screen = Rc::new(Cell::new(false));
    let update = {
        let (live, on_screen, document) = (live.clone(), on_screen.clone(), document.clone());
        Rc::new(move || {
            let wanted = on_screen.get() && document.visibility_state() == web_sys::VisibilityState::Visible;
            let mut live = live.borrow_mut();
            match (wanted, live.is_some()) {
                (true, false) => *live = client.listen(discussion),
                (false, true) => *live = None,
                _ => {}
            }
        })
    };
    let seen = {
        let (update, on_screen) = (update.clone(), on_screen.clone());
        Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries.iter().last().and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
            if let Some(entry) = last {
                on_screen.set(entry.is_intersecting());
                update();
            }
        })
    };
    let shown = {
        let update = update.clone();
        Closure::<dyn FnMut()>::new(move || update())
    };
    let Ok(observer) = web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref()) else { return };
    observer.observe(host);
    let _ = document.add_event_listener_with_callback("visibilitychange", shown.as_ref().unchecked_ref());
    // Once the first page says where the stream starts (client rendering).
    let opened = send_wrapper::SendWrapper::new(update);
    Effect::new(move |_| {
        if discussion.live.with(Option::is_some) {
            opened();
        }
    });
    let held = send_wrapper::SendWrapper::new((observer, document, seen, shown, live));
    on_cleanup(move || {
        let (observer, document, _seen, shown, live) = held.take();
        observer.disconnect();
        let _ = document.remove_event_listener_with_callback("visibilitychange", shown.as_ref().unchecked_ref());
        live.take();
    });
}

/// What the reader typed into the server-rendered form before the wasm ran.
fn typed_in(element: &web_sys::HtmlElement) -> Typed {
    let value = |selector: &str| {
        let Ok(Some(field)) = element.query_selector(selector) else { return String::new() };
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            input.value()
        } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.value()
        } else {
            String::new()
        }
    };
    Typed {
        author: value(&format!("#{}", field_id(MAIN_FORM, "author"))),
        body: value(&format!("#{}", field_id(MAIN_FORM, "body"))),
        website: value(".new-comment [name=website]"),
        notify: element
            .query_selector(&format!("#{}", field_id(MAIN_FORM, "notify")))
            .ok()
            .flatten()
            .and_then(|field| field.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|check| check.checked()),
        email: value(&format!("#{}", field_id(MAIN_FORM, "email"))),
    }
}

thread_local! {
    /// The stylesheet the widgets' shadow roots adopt, with its text: parsed
    /// once per page.
    static SHEET: std::cell::RefCell<Option<(String, web_sys::CssStyleSheet)>> = Default::default();
}

/// Gives the shadow root holding `element` the stylesheet `css` as a
/// constructed sheet (in place of any it had, such as one `embed.js` made
/// for a first view of another build), which a page's Content-Security-Policy
/// does not block (an inline `<style>` needs `'unsafe-inline'`). Where
/// constructed sheets are not supported, returns `css` for the view to
/// render in a `<style>`.
fn adopt_styles(element: &web_sys::HtmlElement, css: &str) -> Option<String> {
    let sheet = SHEET.with_borrow_mut(|cached| {
        if cached.as_ref().is_none_or(|(text, _)| text != css) {
            let sheet = web_sys::CssStyleSheet::new().ok().filter(|s| s.replace_sync(css).is_ok());
            *cached = sheet.map(|sheet| (css.to_owned(), sheet));
        }
        cached.as_ref().map(|(_, sheet)| sheet.clone())
    });
    let adopted =
        element.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok().zip(sheet).is_some_and(|(root, sheet)| {
            let key = JsValue::from_str("adoptedStyleSheets");
            let supported =
                js_sys::Reflect::get(&root, &key).ok().is_some_and(|current| js_sys::Array::is_array(&current));
            supported && js_sys::Reflect::set(&root, &key, &js_sys::Array::of1(&sheet)).unwrap_or(false)
        });
    (!adopted).then(|| css.to_owned())
}

/// The build of this module's views (`BUILD_ID`): `embed.js` compares a
/// first view's with it, to give a widget of another build the stylesheet
/// of this one.
#[wasm_bindgen]
pub fn build() -> String {
    BUILD_ID.to_owned()
}
