//! Import of a saved HTML article page: Mozilla Readability's extraction
//! (the `dom_smoothie` port) finds title, byline, date, language, lead and
//! the article's content; the content becomes structured blocks here, keeping
//! paragraphs, headings, quotes, lists, links and emphasis and nothing else,
//! so nothing from the page can run in a reader's browser.

use std::collections::HashSet;

use dom_query::{Document, NodeRef};
use dom_smoothie::Readability;
use encart_api_types::{Article, Block, Date, Inline, is_safe_href};

use super::{
    ImportError, ImportOptions, checked_language_tag, collapse_spaces, detect_language, first_date, is_boilerplate,
    title_and_slug,
};

/// Parses a saved article page.
pub fn parse(html: &str, options: &ImportOptions) -> Result<Article, ImportError> {
    let mut readability = Readability::new(html, options.source_url.as_deref(), None)
        .map_err(|e| ImportError::NotAnArticle { reason: e.to_string() })?;
    let found = readability.parse().map_err(|e| ImportError::NotAnArticle { reason: e.to_string() })?;

    if found.title.trim().is_empty() {
        return Err(ImportError::NotAnArticle { reason: "the page has no title".into() });
    }
    let (title, slug) = title_and_slug(&found.title, 1)?;

    let byline = found.byline.as_deref().map(clean_byline).filter(|b| !b.is_empty());
    let raw = blocks_of(&found.content);
    // The date: the page's metadata, else its first <time datetime>, else the
    // first date its text mentions (the byline line included).
    let iso_date = |time: &str| time.trim().get(..10)?.parse::<Date>().ok();
    let published = found
        .published_time
        .as_deref()
        .and_then(iso_date)
        .or_else(|| Document::from(html).select("time[datetime]").attr("datetime").as_deref().and_then(iso_date))
        .or_else(|| raw.iter().find_map(|b| first_date(&b.plain_text())));
    let body = clean(raw, byline.as_deref());
    if body.is_empty() {
        return Err(ImportError::NotAnArticle { reason: "no paragraph of text was found".into() });
    }
    let text: Vec<String> = body.iter().map(Block::plain_text).collect();
    let language = match (&options.language, found.lang.as_deref()) {
        (Some(tag), _) => checked_language_tag(tag)?,
        (None, Some(tag)) if checked_language_tag(tag.trim()).is_ok() => tag.trim().to_owned(),
        (None, _) => detect_language(&text).ok_or(ImportError::UnknownLanguage { line: 1 })?,
    };
    // Readability falls back to the first paragraph for its excerpt: a lead
    // that only repeats the body is no lead.
    let lead = found.excerpt.as_deref().map(collapse_spaces).filter(|lead| {
        !lead.is_empty() && !text.first().is_some_and(|first| first.starts_with(lead.trim_end_matches('…')))
    });

    let source_url = options.source_url.clone();
    Ok(Article { slug, title, byline, published, language, lead, body, source_url, updated: None })
}

/// "Par Jeanne Dupont", "By: J. Smith" → the name.
fn clean_byline(byline: &str) -> String {
    let byline = collapse_spaces(byline);
    for prefix in ["par :", "par:", "par ", "by:", "by ", "بقلم "] {
        if byline.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix)) {
            return byline[prefix.len()..].trim().to_owned();
        }
    }
    byline
}

/// Drops boilerplate and repeated blocks, as scrapes carry them, and the
/// byline line ("By Jane Carter · 14 March 2025") among the first blocks:
/// the header shows those.
fn clean(blocks: Vec<Block>, byline: Option<&str>) -> Vec<Block> {
    let mut seen = HashSet::new();
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, block)| {
            let text = block.plain_text();
            let byline_line = *i < 3 && text.chars().count() < 120 && byline.is_some_and(|b| text.contains(b));
            !text.trim().is_empty() && !byline_line && !is_boilerplate(&text) && seen.insert(text)
        })
        .map(|(_, block)| block)
        .collect()
}

/// The blocks of Readability's content HTML.
pub(super) fn blocks_of(content: &str) -> Vec<Block> {
    let document = Document::from(content);
    let mut blocks = Vec::new();
    for root in document.select("body").nodes() {
        collect_blocks(root, &mut blocks);
    }
    blocks
}

fn name_of(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

fn collect_blocks(node: &NodeRef, blocks: &mut Vec<Block>) {
    for child in node.children() {
        if child.is_text() {
            let text = collapse_spaces(&child.text());
            if !text.is_empty() {
                blocks.push(Block::paragraph(text));
            }
            continue;
        }
        if !child.is_element() {
            continue;
        }
        match name_of(&child).as_str() {
            "p" | "pre" => push_paragraph(inlines_of(&child), blocks),
            "h1" | "h2" => push_heading(1, &child, blocks),
            "h3" => push_heading(2, &child, blocks),
            "h4" | "h5" | "h6" => push_heading(3, &child, blocks),
            "blockquote" => {
                let mut inner = Vec::new();
                collect_blocks(&child, &mut inner);
                let lines: Vec<Vec<Inline>> = inner
                    .into_iter()
                    .map(|b| match b {
                        Block::Paragraph(text) => text,
                        other => vec![Inline::Text(other.plain_text())],
                    })
                    .collect();
                if !lines.is_empty() {
                    blocks.push(Block::Quote(lines));
                }
            }
            name @ ("ul" | "ol") => {
                let items: Vec<Vec<Inline>> = child
                    .children()
                    .iter()
                    .filter(|li| name_of(li) == "li")
                    .map(inlines_of)
                    .filter(|item| !item.is_empty())
                    .collect();
                if !items.is_empty() {
                    blocks.push(Block::List { ordered: name == "ol", items });
                }
            }
            // Never content: code, media, forms, navigation.
            "script" | "style" | "noscript" | "template" | "iframe" | "object" | "embed" | "form" | "button"
            | "input" | "select" | "textarea" | "nav" | "svg" | "math" | "img" | "picture" | "video" | "audio"
            | "canvas" | "figcaption" => {}
            _ => collect_blocks(&child, blocks),
        }
    }
}

fn push_paragraph(inlines: Vec<Inline>, blocks: &mut Vec<Block>) {
    if !inlines.is_empty() {
        blocks.push(Block::Paragraph(inlines));
    }
}

fn push_heading(level: u8, node: &NodeRef, blocks: &mut Vec<Block>) {
    let text = inlines_of(node);
    if !text.is_empty() {
        blocks.push(Block::Heading { level, text });
    }
}

/// The inline content of a block element, whitespace collapsed.
fn inlines_of(node: &NodeRef) -> Vec<Inline> {
    let mut inlines = raw_inlines(node);
    normalize(&mut inlines, &mut true);
    trim_end(&mut inlines);
    inlines
}

fn raw_inlines(node: &NodeRef) -> Vec<Inline> {
    let mut out = Vec::new();
    for child in node.children() {
        if child.is_text() {
            out.push(Inline::Text(child.text().to_string()));
            continue;
        }
        if !child.is_element() {
            continue;
        }
        match name_of(&child).as_str() {
            "em" | "i" | "cite" => out.push(Inline::Emphasis(raw_inlines(&child))),
            "strong" | "b" => out.push(Inline::Strong(raw_inlines(&child))),
            "a" => {
                let text = raw_inlines(&child);
                match child.attr("href").map(|h| h.trim().to_owned()) {
                    Some(href) if is_safe_href(&href) => out.push(Inline::Link { href, text }),
                    _ => out.extend(text),
                }
            }
            "br" => out.push(Inline::Text(" ".into())),
            "script" | "style" | "img" | "svg" | "math" | "iframe" | "button" | "input" | "template" => {}
            _ => out.extend(raw_inlines(&child)),
        }
    }
    out
}

/// Collapses whitespace runs to one space across the inlines (`last_space`:
/// the text so far ends with a space, or is empty) and drops what ends up empty.
fn normalize(inlines: &mut Vec<Inline>, last_space: &mut bool) {
    for inline in inlines.iter_mut() {
        match inline {
            Inline::Text(text) => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if !c.is_whitespace() {
                        out.push(c);
                        *last_space = false;
                    } else if !*last_space {
                        out.push(' ');
                        *last_space = true;
                    }
                }
                *text = out;
            }
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { text: inner, .. } => {
                normalize(inner, last_space)
            }
        }
    }
    inlines.retain(|inline| match inline {
        Inline::Text(text) => !text.is_empty(),
        Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { text: inner, .. } => !inner.is_empty(),
    });
    // Neighbouring texts (split by dropped or flattened elements) become one.
    let mut merged: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines.drain(..) {
        match (merged.last_mut(), inline) {
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, inline) => merged.push(inline),
        }
    }
    *inlines = merged;
}

/// Removes the trailing space of the last text.
fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::Text(text) => {
                let trimmed = text.trim_end().len();
                text.truncate(trimmed);
                if !text.is_empty() {
                    return;
                }
            }
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { text: inner, .. } => {
                trim_end(inner);
                if !inner.is_empty() {
                    return;
                }
            }
        }
        inlines.pop();
    }
}
