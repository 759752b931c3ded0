//! Import of a saved HTML article page: Mozilla Readability's extraction
//! (the `dom_smoothie` port) finds title, byline, date, language, direction,
//! lead and the article's content; the content becomes structured blocks
//! here, keeping paragraphs, headings, quotes, lists, figures (an image's
//! http(s) address, size, alt text, caption and credit), preformatted text,
//! tables of data, links and emphasis, and nothing else, so nothing from the
//! page can run in a reader's browser.
//!
//! A page is bounded before any other work, so that no walk here or in
//! Readability can exhaust a thread's stack and no step's time (the HTML
//! parser's and Readability's grow faster than the page) can run away:
//!
//! - before parsing, one pass of the HTML tokenizer (linear) estimates how
//!   many elements are ever open at once; past [`MAX_OPEN_ELEMENTS`] the page
//!   is refused (`too_deep`): the tree builder's time grows with the square
//!   of that number (40,000 nested `div`s took 4 s, 400,000 would take 7 min);
//! - once parsed, elements are nested at most [`MAX_DEPTH`] deep, as browsers
//!   do (what lies deeper keeps its text, as the text of the element at that
//!   depth), and a page of more than [`MAX_ELEMENTS`] elements is refused
//!   (`too_complex`);
//! - formatting nested deeper than [`MAX_INLINE_DEPTH`] keeps its text and
//!   loses the extra levels.

use std::collections::HashSet;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use encart_api_types::{
    Article, Block, Date, Figure, Inline, MAX_INLINE_DEPTH, is_safe_href, is_safe_src, is_safe_srcset,
};

use super::{
    ImportError, ImportOptions, checked_language_tag, collapse_spaces, detect_language, first_date, is_boilerplate,
    title_and_slug,
};

/// Deepest nesting of elements kept, as browsers' parsers keep (Chromium's
/// stops at 512); article pages stay far below it.
pub const MAX_DEPTH: usize = 512;
/// Most elements a page may have: ten times a heavy news page.
pub const MAX_ELEMENTS: usize = 50_000;

/// Most elements a page may leave open at once (an estimate, see
/// [`open_elements`]): four times the depth kept, far above real pages.
pub const MAX_OPEN_ELEMENTS: usize = 4 * MAX_DEPTH;

/// Elements whose content is never an article's text.
const NEVER_TEXT: &[&str] = &["script", "style", "noscript", "template", "svg", "math", "select", "textarea"];

/// `html` parsed, with what lies deeper than [`MAX_DEPTH`] flattened into
/// text; refused when it leaves more than [`MAX_OPEN_ELEMENTS`] open at once
/// or has more than [`MAX_ELEMENTS`] elements.
fn bounded_document(html: &str) -> Result<Document, ImportError> {
    if open_elements(html) > MAX_OPEN_ELEMENTS {
        return Err(ImportError::TooDeep);
    }
    let document = Document::from(html);
    // Depth first, with a stack of our own: the page cannot choose how deep we recurse.
    let mut stack = vec![(document.root(), 0)];
    let mut elements = 0;
    while let Some((node, depth)) = stack.pop() {
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(ImportError::TooManyElements);
            }
        }
        if depth == MAX_DEPTH && node.children_it(false).any(|child| child.is_element()) {
            node.set_text(visible_text(&node));
            continue;
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    Ok(document)
}

/// The most elements `html` has open at once, by its tags alone (one linear
/// pass of html5ever's tokenizer): an end tag closes the innermost open
/// element of its name and those inside it; void elements, self-closing
/// tags and elements whose end tag may be left out (`p`, `li`, `td`, …)
/// never count as open. An estimate of what the tree builder will hold.
fn open_elements(html: &str) -> usize {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };

    /// Never open, or closed by what follows them.
    const NEVER_OPEN: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr",
        "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
    ];

    #[derive(Default)]
    struct Open {
        names: Vec<String>,
        count: HashMap<String, usize>,
        most: usize,
    }

    #[derive(Default)]
    struct Counter(RefCell<Open>);

    impl TokenSink for Counter {
        type Handle = ();

        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(Tag { kind, name, self_closing, .. }) = token else {
                return TokenSinkResult::Continue;
            };
            let name: &str = &name;
            let mut open = self.0.borrow_mut();
            match kind {
                TagKind::StartTag if self_closing || NEVER_OPEN.contains(&name) => {}
                TagKind::StartTag => {
                    open.names.push(name.to_owned());
                    *open.count.entry(name.to_owned()).or_default() += 1;
                    open.most = open.most.max(open.names.len());
                }
                TagKind::EndTag => {
                    if open.count.get(name).copied().unwrap_or(0) > 0 {
                        while let Some(closed) = open.names.pop() {
                            if let Some(n) = open.count.get_mut(&closed) {
                                *n -= 1;
                            }
                            if closed == name {
                                break;
                            }
                        }
                    }
                }
            }
            // What the tree builder would read as text, not tags.
            match (kind, name) {
                (TagKind::StartTag, "script") => TokenSinkResult::RawData(RawKind::ScriptData),
                (TagKind::StartTag, "style" | "xmp" | "iframe" | "noembed" | "noframes") => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                (TagKind::StartTag, "textarea" | "title") => TokenSinkResult::RawData(RawKind::Rcdata),
                (TagKind::StartTag, "plaintext") => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }

    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Counter::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.borrow().most
}

/// The text of `node` and its descendants, but for scripts, styles and the like.
fn visible_text(node: &NodeRef) -> String {
    let mut text = String::new();
    let mut stack: Vec<NodeRef> = node.children_it(true).collect();
    while let Some(node) = stack.pop() {
        if node.is_text() {
            text.push_str(&node.text());
        } else if node.is_element() && !NEVER_TEXT.contains(&name_of(&node).as_str()) {
            stack.extend(node.children_it(true));
        }
    }
    text
}

/// Parses a saved article page.
pub fn parse(html: &str, options: &ImportOptions) -> Result<Article, ImportError> {
    let document = bounded_document(html)?;
    unwrap_galleries(&document);
    let visible_byline = page_byline(&document);
    // Classes kept: a figure's credit is told by its class.
    let config = Config { keep_classes: true, ..Config::default() };
    let mut readability = Readability::with_document(document, options.source_url.as_deref(), Some(config))
        .map_err(|e| ImportError::NotAnArticle { reason: e.to_string() })?;
    let found = readability.parse().map_err(|e| ImportError::NotAnArticle { reason: e.to_string() })?;

    if found.title.trim().is_empty() {
        return Err(ImportError::NotAnArticle { reason: "the page has no title".into() });
    }
    let (title, slug) = title_and_slug(&found.title, 1)?;

    // The page's metadata names the author, unless it holds something else
    // (a date, an address): then the byline the page shows.
    let byline = found.byline.as_deref().map(clean_byline).filter(|b| is_name(b)).or(visible_byline);
    // Readability's content is a part of the bounded page: within its limits.
    let raw = walk(&Document::from(found.content.as_ref()));
    // The date: the page's metadata, else its first <time datetime>, else the
    // first date its text mentions (the byline line included).
    let iso_date = |time: &str| time.trim().get(..10)?.parse::<Date>().ok();
    let published = found
        .published_time
        .as_deref()
        .and_then(iso_date)
        .or_else(|| readability.doc.select("time[datetime]").attr("datetime").as_deref().and_then(iso_date))
        .or_else(|| raw.iter().find_map(|b| first_date(&b.plain_text())));
    let first_block = raw.first().map(Block::plain_text).unwrap_or_default();
    let body = clean(raw, byline.as_deref());
    if body.is_empty() {
        return Err(ImportError::NotAnArticle { reason: "no paragraph of text was found".into() });
    }
    let text: Vec<String> = body.iter().map(Block::plain_text).collect();
    let language = match (&options.language, found.lang.as_deref()) {
        (Some(tag), _) => checked_language_tag(tag)?,
        (None, Some(tag)) if checked_language_tag(tag.trim()).is_ok() => tag.trim().to_owned(),
        (None, _) => detect_language(&text).ok_or(ImportError::UnknownPageLanguage)?,
    };
    // Readability falls back to the content's first paragraph for its
    // excerpt (a byline line, say): that is no lead.
    let lead = found.excerpt.as_deref().map(collapse_spaces).filter(|lead| {
        let lead = lead.trim_end_matches('…');
        !lead.is_empty()
            && !collapse_spaces(&first_block).starts_with(lead)
            && !text.first().is_some_and(|first| first.starts_with(lead))
    });
    // A lead the page repeats in its body is shown once, as the lead.
    let body = match &lead {
        Some(lead) => body.into_iter().filter(|block| !repeats(block, lead)).collect(),
        None => body,
    };
    let dir = found.dir.as_deref().map(|d| d.trim().to_ascii_lowercase()).filter(|d| d == "rtl" || d == "ltr");

    let source_url = options.source_url.clone();
    Ok(Article { slug, title, byline, published, language, dir, lead, body, source_url, updated: None })
}

/// Whether `block` is a paragraph saying `lead` again.
fn repeats(block: &Block, lead: &str) -> bool {
    let Block::Paragraph(_) = block else { return false };
    let text = collapse_spaces(&block.plain_text());
    let lead = lead.trim_end_matches('…').trim_end();
    text == lead || (lead.len() > 40 && text.starts_with(lead) && text.len() < lead.len() + 3)
}

/// Galleries: a container of nothing but figures is replaced by its figures,
/// which Readability then keeps with the text around them (it drops a block
/// of several pictures and no paragraph as clutter).
fn unwrap_galleries(document: &Document) {
    for container in document.select("div, section, ul").nodes().iter().rev() {
        let children: Vec<NodeRef> = container.children().into_iter().filter(|c| c.is_element()).collect();
        let only_figures = !children.is_empty()
            && children.iter().all(|c| {
                let name = name_of(c);
                name == "figure"
                    || (name == "li" && c.children().iter().filter(|g| g.is_element()).all(|g| name_of(g) == "figure"))
            })
            && container.children().iter().filter(|c| c.is_text()).all(|t| t.text().trim().is_empty());
        if only_figures && let Some(first) = container.first_child() {
            first.unwrap_node();
        }
    }
}

/// The author the page shows (`rel=author`, `itemprop=author`, a `byline`
/// or `author` class), when it reads as a name.
fn page_byline(document: &Document) -> Option<String> {
    let found = document.select(r#"[rel="author"], [itemprop~="author"], .byline, .author"#);
    found
        .nodes()
        .iter()
        .map(|node| clean_byline(&node.text()))
        .find(|name| name.chars().count() <= 100 && is_name(name))
}

/// Whether a page's byline names someone: it is not a date (once a date it
/// holds is set aside, letters remain), an address or a number.
fn is_name(byline: &str) -> bool {
    let rest = super::DATE.replace_all(byline, "");
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && letters * 2 > rest.chars().filter(|c| !c.is_whitespace()).count()
        && !byline.contains("://")
        && byline.parse::<Date>().is_err()
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
/// the header shows those. A figure is kept once per image.
fn clean(blocks: Vec<Block>, byline: Option<&str>) -> Vec<Block> {
    let mut seen = HashSet::new();
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, block)| {
            if let Block::Figure(figure) = block {
                return seen.insert(format!("\0{}", figure.src));
            }
            let text = block.plain_text();
            let byline_line = *i < 3 && text.chars().count() < 120 && byline.is_some_and(|b| text.contains(b));
            !text.trim().is_empty() && !byline_line && !is_boilerplate(&text) && seen.insert(text)
        })
        .map(|(_, block)| block)
        .collect()
}

/// The blocks of an HTML fragment (a publisher's document), unless it has
/// more than [`MAX_ELEMENTS`] elements.
pub(super) fn blocks_of(html: &str) -> Result<Vec<Block>, ImportError> {
    Ok(walk(&bounded_document(html)?))
}

/// The blocks of a checked document.
fn walk(document: &Document) -> Vec<Block> {
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
            "p" => {
                push_paragraph(inlines_of(&child), blocks);
                // Pictures set in a paragraph follow its text.
                push_images(&child, blocks);
            }
            "pre" => {
                let text = preformatted_text(&child);
                if !text.trim().is_empty() {
                    blocks.push(Block::Preformatted(text));
                }
            }
            "figure" => figure_blocks(&child, blocks),
            "img" | "picture" => push_images(&child, blocks),
            // A caption away from its figure is still the page's text.
            "figcaption" => push_paragraph(inlines_of(&child), blocks),
            "table" if is_data_table(&child) => push_table(&child, blocks),
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
                        other => vec![Inline::Text(collapse_spaces(&other.plain_text()))],
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
            // Never content: code, media other than pictures, forms, navigation.
            "script" | "style" | "noscript" | "template" | "iframe" | "object" | "embed" | "form" | "button"
            | "input" | "select" | "textarea" | "nav" | "svg" | "math" | "video" | "audio" | "canvas" => {}
            _ => collect_blocks(&child, blocks),
        }
    }
}

/// The `img` elements of `node` (itself, if it is one), in page order.
fn images_in<'a>(node: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
    let mut found = Vec::new();
    let mut stack = vec![*node];
    while let Some(next) = stack.pop() {
        if name_of(&next) == "img" {
            found.push(next);
        } else {
            stack.extend(next.children_it(true));
        }
    }
    found.into_iter()
}

/// Longest alt text, caption credit and `srcset` kept.
const MAX_ALT_CHARS: usize = 1_000;
const MAX_CREDIT_CHARS: usize = 300;
const MAX_SRCSET_BYTES: usize = 4_000;

/// The picture of `img`, with `caption` and `credit`. Its address must be an
/// absolute http(s) one (relative ones were made absolute by Readability when
/// the page's address is known), else it is no figure ([`keep`] drops it).
fn figure_of(img: &NodeRef, caption: Vec<Inline>, credit: Option<String>) -> Figure {
    let attr = |name: &str| img.attr(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let srcset = attr("srcset").filter(|s| s.len() <= MAX_SRCSET_BYTES && is_safe_srcset(s));
    let src = attr("src")
        .filter(|src| is_safe_src(src))
        .or_else(|| srcset.as_deref().and_then(|s| s.split(',').next()?.split_whitespace().next().map(str::to_owned)))
        .unwrap_or_default();
    let size = |name: &str| attr(name)?.trim_end_matches("px").parse::<u32>().ok().filter(|n| (1..=20_000).contains(n));
    // An image the page gave an empty alt is decorative; one it gave none is
    // described by its caption, else its title.
    let alt = match attr("alt").or_else(|| img.attr("alt").map(|_| String::new())) {
        Some(alt) => alt,
        None => {
            let caption_text = encart_api_types::Block::Paragraph(caption.clone()).plain_text();
            attr("title").unwrap_or(caption_text)
        }
    };
    Figure {
        src,
        srcset,
        width: size("width"),
        height: size("height"),
        alt: collapse_spaces(&alt).chars().take(MAX_ALT_CHARS).collect(),
        caption,
        credit: credit.map(|c| c.chars().take(MAX_CREDIT_CHARS).collect()),
    }
}

/// Whether a figure has an address to show.
fn keep(figure: &Figure) -> bool {
    is_safe_src(&figure.src)
}

/// The pictures of `node`, without captions, as figures.
fn push_images(node: &NodeRef, blocks: &mut Vec<Block>) {
    let figures = images_in(node).map(|img| figure_of(&img, Vec::new(), None)).filter(keep);
    blocks.extend(figures.map(Block::Figure));
}

/// The blocks of a `<figure>`: each of its pictures, the caption and credit
/// with the last; a figure of something else (a quote, a table, code) as
/// what it holds.
fn figure_blocks(node: &NodeRef, blocks: &mut Vec<Block>) {
    let images: Vec<NodeRef> = images_in(node).collect();
    if images.is_empty() {
        return collect_blocks(node, blocks);
    }
    let (caption, credit) = caption_and_credit(node);
    let last = images.len() - 1;
    for (i, img) in images.iter().enumerate() {
        let figure =
            if i == last { figure_of(img, caption.clone(), credit.clone()) } else { figure_of(img, Vec::new(), None) };
        if keep(&figure) {
            blocks.push(Block::Figure(figure));
        }
    }
}

/// Whether an element of a figure says who made the picture.
fn is_credit(node: &NodeRef) -> bool {
    let marks = [node.attr("class"), node.attr("itemprop"), node.attr("id")];
    let words = ["credit", "copyright", "photographer", "source", "author", "byline"];
    marks.iter().flatten().any(|mark| {
        let mark = mark.to_ascii_lowercase();
        words.iter().any(|word| mark.contains(word))
    })
}

/// A figure's caption (its `figcaption` but for the credit) and its credit
/// (an element marked as one, in the caption or beside it).
fn caption_and_credit(figure: &NodeRef) -> (Vec<Inline>, Option<String>) {
    let mut credit = None;
    let mut stack: Vec<NodeRef> = figure.children_it(true).collect();
    while let Some(node) = stack.pop() {
        if !node.is_element() {
            continue;
        }
        if is_credit(&node) {
            let text = collapse_spaces(&visible_text(&node));
            if !text.is_empty() && credit.is_none() {
                credit = Some(text);
            }
            node.remove_from_parent();
        } else {
            stack.extend(node.children_it(true));
        }
    }
    let caption = figure
        .children()
        .into_iter()
        .find(|child| name_of(child) == "figcaption")
        .map(|caption| inlines_of(&caption))
        .unwrap_or_default();
    (caption, credit)
}

/// The text of a `<pre>` as it is: its spaces and line breaks kept (the one
/// line break after `<pre>` that HTML ignores is dropped), trailing blank
/// lines not.
fn preformatted_text(node: &NodeRef) -> String {
    let text = visible_text(node);
    let text = text.strip_prefix('\n').unwrap_or(&text);
    text.trim_end().chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect()
}

/// Block elements: a table whose cells hold them lays a page out rather than
/// holding data.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "pre",
    "section",
    "article",
    "img",
    "picture",
];
/// Widest table kept as a table (wider ones are layouts).
const MAX_TABLE_COLUMNS: usize = 32;

/// Whether `table` holds data: text in its cells, no blocks.
fn is_data_table(table: &NodeRef) -> bool {
    let mut stack: Vec<NodeRef> = table.children_it(true).collect();
    while let Some(node) = stack.pop() {
        if node.is_element() {
            if BLOCK_ELEMENTS.contains(&name_of(&node).as_str()) {
                return false;
            }
            stack.extend(node.children_it(true));
        }
    }
    rows_of(table).iter().all(|row| cells_of(row).len() <= MAX_TABLE_COLUMNS)
}

/// The `tr` of a table, in order (through `thead`, `tbody` and `tfoot`).
fn rows_of<'a>(table: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut rows = Vec::new();
    for child in table.children() {
        match name_of(&child).as_str() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(child.children().into_iter().filter(|r| name_of(r) == "tr")),
            _ => {}
        }
    }
    rows
}

fn cells_of<'a>(row: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    row.children().into_iter().filter(|c| matches!(name_of(c).as_str(), "td" | "th")).collect()
}

/// A data table: its header row (in `thead`, or a first row of `th` only), then its rows.
fn push_table(table: &NodeRef, blocks: &mut Vec<Block>) {
    let rows = rows_of(table);
    let in_head = |row: &NodeRef| row.parent().is_some_and(|p| name_of(&p) == "thead");
    let all_th = |row: &NodeRef| {
        let cells = cells_of(row);
        !cells.is_empty() && cells.iter().all(|c| name_of(c) == "th")
    };
    let mut rows = rows.into_iter().peekable();
    let head = match rows.peek() {
        Some(first) if in_head(first) || all_th(first) => {
            rows.next().map(|r| cells_of(&r).iter().map(inlines_of).collect())
        }
        _ => None,
    };
    let rows: Vec<Vec<Vec<Inline>>> = rows
        .map(|row| cells_of(&row).iter().map(inlines_of).collect::<Vec<_>>())
        .filter(|cells: &Vec<Vec<Inline>>| cells.iter().any(|c| !c.is_empty()))
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Table { head: head.unwrap_or_default(), rows });
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
    let mut inlines = raw_inlines(node, 0);
    normalize(&mut inlines, &mut true);
    trim_end(&mut inlines);
    inlines
}

/// The inlines of `node`, itself inside `depth` levels of formatting: past
/// [`MAX_INLINE_DEPTH`], formatting and links keep only their text.
fn raw_inlines(node: &NodeRef, depth: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    for child in node.children() {
        if child.is_text() {
            out.push(Inline::Text(child.text().to_string()));
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = name_of(&child);
        let formatting = matches!(name.as_str(), "em" | "i" | "cite" | "strong" | "b" | "a");
        if formatting && depth >= MAX_INLINE_DEPTH {
            out.extend(raw_inlines(&child, depth));
            continue;
        }
        match name.as_str() {
            "em" | "i" | "cite" => out.push(Inline::Emphasis(raw_inlines(&child, depth + 1))),
            "strong" | "b" => out.push(Inline::Strong(raw_inlines(&child, depth + 1))),
            "a" => {
                let text = raw_inlines(&child, depth + 1);
                match child.attr("href").map(|h| h.trim().to_owned()) {
                    Some(href) if is_safe_href(&href) => out.push(Inline::Link { href, text }),
                    _ => out.extend(text),
                }
            }
            "br" => out.push(Inline::Text(" ".into())),
            "script" | "style" | "img" | "svg" | "math" | "iframe" | "button" | "input" | "template" => {}
            _ => out.extend(raw_inlines(&child, depth)),
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
                    if c.is_control() && !c.is_whitespace() {
                        // Invisible, and refused in a document: dropped.
                    } else if !c.is_whitespace() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_is_a_name_not_a_date_or_an_address() {
        for name in ["Marta Keller", "AFP", "سلمى بن علي", "Jane Carter, 14 March 2025"] {
            assert!(is_name(name), "{name}");
        }
        for not_a_name in ["12 August 2025", "2025-08-12", "https://www.facebook.com/marta", "12 345", ""] {
            assert!(!is_name(not_a_name), "{not_a_name}");
        }
    }
}
