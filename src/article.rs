//! The reader view of one article.

use encart_api_types::{Article, Block};
use leptos::prelude::*;

use crate::i18n::{Lang, Text, format_date, text};

/// Title, byline, date and body of `article`, with words in `lang`.
#[component]
pub fn ArticleView(article: Article, lang: Lang) -> impl IntoView {
    let Article { title, byline, published, body, .. } = article;
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
                <h2 class="title">{title}</h2>
                <p class="meta">{byline}{date}</p>
            </header>
            <div class="article-body">{blocks}</div>
        </article>
    }
}
