//! The whole widget: its stylesheet and a view of the current load state.

use encart_api_types::Article;
use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::article::ArticleView;
use crate::comments::{Actions, CommentsSection};
use crate::discussion::Discussion;
use crate::form::Typed;
use crate::i18n::{Lang, Text, text};
use crate::later::Later;
use crate::load::Load;
use crate::reader::{Prefs, ReaderControls};
use crate::retry::{Retry, Shape, failed};

/// The widget's stylesheet: on the CDN as [`STYLE_NAME`] (`cargo xtask dist`
/// writes the same bytes), which the loader fetches (cached for good) and
/// names to the server, whose first view then leaves it out; else sent with
/// the first view. The module does not carry it. Adopted by the shadow root
/// (see `entry.rs`), else rendered inside it with the view.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

/// [`STYLE`]'s file name on the CDN: `encart-<16 hex digits of its SHA-256>.css`.
pub const STYLE_NAME: &str = env!("ENCART_STYLE_NAME");

/// What the comments under the article need, when they are shown.
#[derive(Clone)]
pub struct CommentsWiring {
    pub discussion: Discussion,
    pub actions: Actions,
    /// Now, in milliseconds since the epoch, for relative times.
    pub now_ms: Signal<i64>,
    /// What the main form holds at first.
    pub typed: Typed,
}

/// How the partner and the reader want the widget shown.
#[derive(Clone, Copy)]
pub struct Presentation {
    pub prefs: Signal<Prefs>,
    /// The reader changed size or theme.
    pub on_change: Callback<Prefs>,
    /// Level of the article's title (the partner's page has its own `h1`).
    pub heading_level: u8,
}

/// The widget: shows `state`, and offers `on_retry` when loading failed.
/// Its own words, and their direction, are in `lang`; the article keeps its
/// own language and direction.
#[component]
pub fn App(
    state: ReadSignal<Load<Article>>,
    on_retry: Callback<()>,
    lang: Lang,
    #[prop(optional)] comments: Option<CommentsWiring>,
    #[prop(optional)] presentation: Option<Presentation>,
    /// The stylesheet to render inside the view, where the shadow root could
    /// not adopt it as a constructed sheet (none: it has it).
    #[prop(optional_no_strip)]
    inline_css: Option<String>,
) -> impl IntoView {
    let level = presentation.map_or(2, |p| p.heading_level.clamp(1, 6));
    let prefs = move || presentation.map(|p| p.prefs.get()).unwrap_or_default();
    let view = move || match state.get() {
        Load::Loading => EitherOf3::A(view! {
            <p class="status" role="status" aria-busy="true">{text(lang, Text::Loading)}</p>
        }),
        Load::Failed(err) => EitherOf3::B(view! {
            {failed(&err, lang, Retry::Click(on_retry), Shape::Block("error"), None)}
        }),
        Load::Ready(article) => {
            // Taken over from the first view in a task after the rest (`later.rs`).
            let comments = comments.clone().map(|c| {
                Later(
                    view! {
                        <CommentsSection
                            discussion=c.discussion
                            lang
                            now_ms=c.now_ms
                            actions=c.actions
                            typed=c.typed
                            heading_level=level + 1
                        />
                    }
                    .into_any(),
                )
            });
            let controls =
                presentation.map(|p| view! { <ReaderControls prefs=p.prefs on_change=p.on_change lang /> }.into_any());
            EitherOf3::C(view! { <ArticleView article lang heading_level=level controls /> {comments} })
        }
    };
    view! {
        {inline_css.map(|css| view! { <style>{css}</style> })}
        <div
            class="encart"
            lang=lang.tag()
            dir=lang.dir()
            data-theme=move || prefs().theme.as_str()
            data-size=move || prefs().size.as_str()
        >{view}</div>
    }
}
