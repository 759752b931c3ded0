//! The reader view of one article.

use encart_api_types::{Article, Block};
use leptos::prelude::*;

use crate::i18n::{Lang, Text, format_date, reading_minutes, reading_time, text};
use crate::reader::heading;

/// Title, byline, date, reading time and body of `article`, with words in
/// `lang`; the title is a heading of `heading_level`; `controls`, if any, go
/// under the header's meta line.
#[component]
pub fn ArticleView(
    article: Article,
    lang: Lang,
    #[prop(default = 2)] heading_level: u8,
    #[prop(optional_no_strip)] controls: Option<AnyView>,
) -> impl IntoView {
    let Article { title, byline, published, body, language, .. } = article;
    let chars = body.iter().map(|Block::Paragraph(p)| p.chars().count()).sum();
    let minutes = reading_time(lang, reading_minutes(&language, chars));
    let byline = byline.map(|name| {
        view! {
            <span class="byline">
                {text(lang, Text::By)} " " <span class="author">{name}</span>
            </span>
        }
    });
    let date = published.map(|date| {
        view! { <time datetime=date.to_string()>{format_date(lang, date)}</time> }
    });
    let blocks = body
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(para) => view! { <p>{para}</p> },
        })
        .collect_view();
    view! {
        <article class="article">
            <header class="article-header">
                {heading(heading_level, "title", None, title)}
                <p class="meta">{byline}{date}<span class="reading-time">{minutes}</span></p>
                {controls}
            </header>
            <div class="article-body">{blocks}</div>
        </article>
    }
}
