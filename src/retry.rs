//! How every failure the reader can retry is shown: what went wrong, in
//! their language, and a "Retry" button (the article, the first page of
//! comments, a post, a deletion, a report).

use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::{Lang, Text, error_text, text};
use crate::load::ApiError;

/// What "Retry" does.
#[derive(Clone, Copy)]
pub enum Retry {
    /// Runs this again.
    Click(Callback<()>),
    /// Submits the form the failure is in (whose text is kept).
    Submit,
}

/// How the failure sits in the view.
#[derive(Clone, Copy)]
pub enum Shape {
    /// A block of this class: a paragraph, then the button.
    Block(&'static str),
    /// In a line of text, of class `field-error`.
    Inline,
}

/// `err` in words (then `then`, if any), and a "Retry" button unless
/// retrying cannot help (a ban).
pub fn failed(err: &ApiError, lang: Lang, retry: Retry, shape: Shape, then: Option<Text>) -> impl IntoView + use<> {
    let then = then.filter(|_| err.can_retry());
    let words = match then {
        Some(then) => format!("{} {}", error_text(lang, err), text(lang, then)),
        None => error_text(lang, err).to_owned(),
    };
    let (kind, again) = match retry {
        Retry::Click(again) => ("button", Some(again)),
        Retry::Submit => ("submit", None),
    };
    let button = err.can_retry().then(|| {
        view! {
            <button type=kind class="retry" on:click=move |_| if let Some(again) = again { again.run(()) }>
                {text(lang, Text::Retry)}
            </button>
        }
    });
    match shape {
        Shape::Inline => Either::Left(view! { <span class="field-error" role="alert">{words} " " {button}</span> }),
        Shape::Block(class) => Either::Right(view! { <div class=class role="alert"><p>{words}</p>{button}</div> }),
    }
}
