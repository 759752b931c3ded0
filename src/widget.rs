//! The whole widget as one function of where it starts and of what its
//! controls do. The browser renders it or hydrates it (`entry.rs`); the server
//! renders its first view to HTML ([`render`], `ssr` feature) from the same
//! components. No browser calls here.

use encart_api_types::{Article, CommentPage, EmbedState, Sort, ViewOptions};
use leptos::prelude::*;

use crate::app::{App, CommentsWiring, Presentation};
use crate::comments::Actions;
use crate::discussion::Discussion;
use crate::form::Typed;
use crate::i18n::{self, Lang};
use crate::load::Load;
use crate::reader::{Prefs, TextSize, Theme};

/// The build of these views: a hash of the widget's sources, its stylesheet
/// and `Cargo.lock` (see `build.rs`), the same in the server and the wasm
/// built from one commit. HTML from another build is not hydrated.
pub const BUILD_ID: &str = env!("ENCART_BUILD_ID");

/// Where the widget starts.
pub struct Start {
    pub article: Load<Article>,
    /// The first page of comments, when it is already known.
    pub comments: Option<CommentPage>,
    /// The order to ask for, when the first page is not known (`None`: the site's).
    pub sort: Option<Sort>,
    /// Now, in ms since the epoch, for relative times.
    pub now_ms: i64,
    pub prefs: Prefs,
    /// Level of the article's title, 1 to 6.
    pub heading_level: u8,
    /// The language of the widget's words (`i18n::negotiate`).
    pub lang: Lang,
    /// What the main form holds at first.
    pub typed: Typed,
    /// The stylesheet to render in the view, where the shadow root could not
    /// adopt it (none: it has it).
    pub inline_css: Option<String>,
}

impl Start {
    /// Where a server-rendered first view starts: the same for the server
    /// that renders it and for the browser that hydrates it, which only adds
    /// what the reader typed meanwhile.
    pub fn from_embed(state: EmbedState, lang: Lang, typed: Typed) -> Start {
        let options = &state.options;
        Start {
            prefs: prefs(options),
            heading_level: heading_level(options.heading),
            lang,
            article: Load::Ready(state.article),
            comments: Some(state.comments),
            sort: None,
            now_ms: state.now,
            typed,
            inline_css: None,
        }
    }
}

/// A title level from `data-heading-level`: 2 unless it is 1 to 6.
pub fn heading_level(level: Option<u8>) -> u8 {
    level.filter(|l| (1..=6).contains(l)).unwrap_or(2)
}

fn prefs(options: &ViewOptions) -> Prefs {
    Prefs {
        size: options.size.as_deref().and_then(TextSize::parse).unwrap_or_default(),
        theme: options.theme.as_deref().and_then(Theme::parse).unwrap_or_default(),
    }
}

/// The language of a widget's words, from the page's options and the
/// article's language, when known (`i18n::negotiate`, in its order).
pub fn language(options: &ViewOptions, article_language: Option<&str>) -> &'static str {
    i18n::negotiate([options.lang.as_deref(), article_language, options.ui.as_deref(), options.browser.as_deref()])
}

/// The signals the wiring fills and updates.
#[derive(Clone, Copy)]
pub struct Handles {
    pub state: RwSignal<Load<Article>>,
    pub discussion: Discussion,
    pub now_ms: RwSignal<i64>,
}

/// What the widget's controls do.
pub struct Wiring {
    /// Load the article (and its comments) again after a failure.
    pub retry: Callback<()>,
    pub actions: Actions,
    /// The reader changed size or theme: remember it.
    pub save_prefs: Callback<Prefs>,
}

impl Wiring {
    /// Controls that do nothing: the server's rendering, where nothing runs.
    pub fn inert() -> Self {
        let nothing = Callback::new(|()| ());
        Wiring {
            retry: nothing,
            actions: Actions {
                retry: nothing,
                load_more: nothing,
                submit: Callback::new(|_| ()),
                delete: Callback::new(|_| ()),
                report: Callback::new(|_| ()),
                sign_out: nothing,
                recommend: Callback::new(|_| ()),
                edit: Callback::new(|_| ()),
                sort: Callback::new(|_| ()),
                show_arrivals: nothing,
            },
            save_prefs: Callback::new(|_| ()),
        }
    }
}

/// The widget from `start`; `wire` connects its controls to the signals.
pub fn widget(start: Start, wire: impl FnOnce(Handles) -> Wiring) -> impl IntoView {
    let state = RwSignal::new(start.article);
    let discussion = Discussion::new();
    discussion.sort.set(start.sort);
    if let Some(page) = start.comments {
        discussion.append_page(page);
        discussion.first_page.set(Load::Ready(()));
    }
    let now_ms = RwSignal::new(start.now_ms);
    let prefs = RwSignal::new(start.prefs);
    let Wiring { retry, actions, save_prefs } = wire(Handles { state, discussion, now_ms });
    let presentation = Presentation {
        prefs: prefs.into(),
        on_change: Callback::new(move |new: Prefs| {
            prefs.set(new);
            save_prefs.run(new);
        }),
        heading_level: start.heading_level,
    };
    let comments = CommentsWiring { discussion, actions, now_ms: now_ms.into(), typed: start.typed };
    view! {
        <App
            state=state.read_only()
            on_retry=retry
            lang=start.lang
            comments
            presentation
            inline_css=start.inline_css
        />
    }
}

/// The first view of an embed as HTML, user text escaped: what the wasm
/// hydrates with `state` (see `entry.rs`).
#[cfg(feature = "ssr")]
pub fn render(state: EmbedState) -> String {
    let owner = Owner::new();
    let lang = Lang::get(&state.lang);
    // Rendered once, never tracked: no debug build's warning for each
    // signal the view reads (they buried a failing test's message).
    let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
    owner.with(|| widget(Start::from_embed(state, lang, Typed::default()), |_| Wiring::inert()).to_html())
}
