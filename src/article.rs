//! The reader view of one article.

use encart_api_types::{Article, Block, Figure, Inline, is_safe_href, is_safe_src, is_safe_srcset};
use leptos::prelude::*;

use crate::i18n::{Lang, Text, direction, format_date, reading_minutes, reading_time, text};
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
    let Article { title, byline, published, body, language, dir, lead, source_url, .. } = article;
    // The article's language and direction, whatever the widget's words are
    // in: for hyphenation, screen readers and right-to-left scripts (the
    // source's own direction wins over its language's).
    let dir = match dir.as_deref() {
        Some("rtl") => "rtl",
        Some("ltr") => "ltr",
        _ => direction(&language),
    };
    // Its text is not here (an imported discussion's article, until it is
    // published): a link to its page instead.
    let elsewhere =
        source_url.filter(|url| body.is_empty() && url.starts_with("http") && is_safe_href(url)).map(|url| {
            view! { <p class="elsewhere" lang=lang.tag() dir=lang.dir()><a href=url>{text(lang, Text::ReadOnItsPage)}</a></p> }
        });
    let chars = body.iter().map(|b| b.plain_text().chars().count()).sum();
    let minutes = (!body.is_empty())
        .then(|| view! { <span class="reading-time">{reading_time(lang, reading_minutes(&language, chars))}</span> });
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
        <article class="article" lang=language.clone() dir=dir>
            <header class="article-header">
                {heading(heading_level, "title", None, title)}
                {lead}
                <p class="meta" lang=lang.tag() dir=lang.dir()>{byline}{date}{minutes}</p>
                {controls}
            </header>
            <div class="article-body">{blocks}{elsewhere}</div>
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
        Block::Figure(figure) => figure_view(figure),
        // Scrolls sideways within itself when wider than the column (never the page).
        Block::Preformatted(text) => view! { <pre tabindex="0">{text}</pre> }.into_any(),
        Block::Table { head, rows } => {
            let head = (!head.is_empty()).then(|| view! { <thead>{row_view(head, true)}</thead> });
            let rows = rows.into_iter().map(|row| row_view(row, false)).collect_view();
            view! {
                <div class="table" tabindex="0">
                    <table>{head}<tbody>{rows}</tbody></table>
                </div>
            }
            .into_any()
        }
    }
}

/// A row of a table: header cells (`th`) or data cells.
fn row_view(cells: Vec<Vec<Inline>>, header: bool) -> AnyView {
    let cells = cells.into_iter().map(|cell| {
        if header {
            view! { <th scope="col">{inlines_view(cell)}</th> }.into_any()
        } else {
            view! { <td>{inlines_view(cell)}</td> }.into_any()
        }
    });
    view! { <tr>{cells.collect_view()}</tr> }.into_any()
}

/// A picture, sized before it loads (nothing moves when it arrives), loaded
/// only when the reader nears it; its caption and credit under it. Only
/// http(s) addresses are ever stored; checked again all the same.
fn figure_view(figure: Figure) -> AnyView {
    let Figure { src, srcset, width, height, alt, caption, credit } = figure;
    let srcset = srcset.filter(|s| is_safe_srcset(s));
    let number = |n: Option<u32>| n.map(|n| n.to_string());
    let (width, height) = (number(width), number(height));
    let image = is_safe_src(&src).then(|| {
        view! {
            <img src=src srcset=srcset width=width height=height alt=alt loading="lazy" decoding="async" />
        }
    });
    let credit = credit.map(|credit| view! { " " <span class="credit">{credit}</span> });
    let caption = (!caption.is_empty() || credit.is_some())
        .then(|| view! { <figcaption>{inlines_view(caption)}{credit}</figcaption> });
    view! { <figure>{image}{caption}</figure> }.into_any()
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
