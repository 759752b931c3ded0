//! The reader view of one article.

use encart_api_types::{Article, Block, Inline, is_safe_href};
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
    let Article { title, byline, published, body, language, lead, .. } = article;
    let chars = body.iter().map(|b| b.plain_text().chars().count()).sum();
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
    let lead = lead.map(|lead| view! { <p class="lead">{lead}</p> });
    let blocks = body.into_iter().map(|block| block_view(block, heading_level)).collect_view();
    view! {
        <article class="article">
            <header class="article-header">
                {heading(heading_level, "title", None, title)}
                {lead}
                <p class="meta">{byline}{date}<span class="reading-time">{minutes}</span></p>
                {controls}
            </header>
            <div class="article-body">{blocks}</div>
        </article>
    }
}

/// One block of the body; section headings sit below the title's level.
fn block_view(block: Block, title_level: u8) -> AnyView {
    match block {
        Block::Paragraph(text) => view! { <p>{inlines_view(text)}</p> }.into_any(),
        Block::Heading { level, text } => {
            heading(title_level.saturating_add(level.clamp(1, 3)), "section-heading", None, inlines_view(text))
        }
        Block::Quote(lines) => {
            let lines = lines.into_iter().map(|line| view! { <p>{inlines_view(line)}</p> }).collect_view();
            view! { <blockquote>{lines}</blockquote> }.into_any()
        }
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|item| view! { <li>{inlines_view(item)}</li> }).collect_view();
            if ordered { view! { <ol>{items}</ol> }.into_any() } else { view! { <ul>{items}</ul> }.into_any() }
        }
    }
}

/// Text with its emphasis and links, as text nodes and elements only.
fn inlines_view(inlines: Vec<Inline>) -> AnyView {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.into_any(),
            Inline::Emphasis(inner) => view! { <em>{inlines_view(inner)}</em> }.into_any(),
            Inline::Strong(inner) => view! { <strong>{inlines_view(inner)}</strong> }.into_any(),
            // The server stores only safe targets; checked again all the same.
            Inline::Link { href, text } if is_safe_href(&href) => {
                view! { <a href=href rel="nofollow ugc noopener" target="_blank">{inlines_view(text)}</a> }.into_any()
            }
            Inline::Link { text, .. } => inlines_view(text),
        })
        .collect_view()
        .into_any()
}
