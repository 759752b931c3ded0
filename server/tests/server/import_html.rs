//! The HTML importer on saved article pages (fixtures/html, written for these
//! tests): what a reader will see of each.

use encart_api_types::{Block, Date, Inline};
use encart_server::import::{ImportOptions, parse_html};

fn fixture(name: &str) -> encart_api_types::Article {
    let path = format!("{}/../fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read(&path).unwrap();
    let options = ImportOptions { language: None, source_url: Some("https://news.example/articles/a".into()) };
    parse_html(&html, &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn texts(article: &encart_api_types::Article) -> Vec<String> {
    article.body.iter().map(Block::plain_text).collect()
}

fn links(inlines: &[Inline], out: &mut Vec<String>) {
    for inline in inlines {
        match inline {
            Inline::Link { href, text } => {
                out.push(href.clone());
                links(text, out);
            }
            Inline::Emphasis(inner) | Inline::Strong(inner) => links(inner, out),
            Inline::Text(_) => {}
        }
    }
}

fn all_links(article: &encart_api_types::Article) -> Vec<String> {
    let mut out = Vec::new();
    for block in &article.body {
        match block {
            Block::Paragraph(text) | Block::Heading { text, .. } => links(text, &mut out),
            Block::Quote(lines) | Block::List { items: lines, .. } => lines.iter().for_each(|l| links(l, &mut out)),
        }
    }
    out
}

#[test]
fn a_french_page_gives_its_article_without_share_buttons_repeats_or_comment_prompts() {
    let article = fixture("fr-port-sete.html");
    assert_eq!(article.title, "Port de Sète : le trafic de conteneurs progresse de 12 %");
    assert_eq!(article.slug, "port-de-sete-le-trafic-de-conteneurs-progresse-de-12");
    assert_eq!(article.byline.as_deref(), Some("Claire Vidal"));
    assert_eq!(article.published, Some(Date::new(2025, 2, 3).unwrap()));
    assert_eq!(article.language, "fr");
    assert_eq!(
        article.lead.as_deref(),
        Some("Porté par les lignes vers le Maghreb, le port languedocien signe sa meilleure année depuis dix ans.")
    );
    let texts = texts(&article);
    assert_eq!(texts.len(), 4, "{texts:#?}");
    assert!(texts[0].starts_with("Le port de Sète a manipulé"));
    assert!(texts[3].contains("à effectifs constants"));
    for boilerplate in ["Partager", "Tweeter", "Laisser un commentaire", "À lire aussi", "Croisières", "Mentions"] {
        assert!(texts.iter().all(|t| !t.contains(boilerplate)), "{boilerplate} in {texts:#?}");
    }
    assert!(matches!(&article.body[1], Block::Paragraph(p) if p.iter().any(|i| matches!(i, Inline::Strong(_)))));
}

#[test]
fn an_english_page_keeps_headings_quotes_lists_links_and_emphasis_and_drops_scripts() {
    let article = fixture("en-offshore-wind.html");
    assert_eq!(article.title, "How a fishing town learned to live with offshore wind");
    assert_eq!(article.byline.as_deref(), Some("Jane Carter"));
    assert_eq!(article.published, Some(Date::new(2025, 3, 14).unwrap()));
    assert_eq!(article.language, "en-GB");
    assert_eq!(
        article.lead.as_deref(),
        Some("Five years after the turbines went up, the quarrels have given way to a cautious truce.")
    );

    let headings: Vec<(u8, String)> = article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some((*level, b.plain_text())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, [(1, "A fund, and a seat at the table".into()), (1, "What comes next".into())]);
    let quote = article.body.iter().find(|b| matches!(b, Block::Quote(_))).expect("the blockquote");
    assert!(quote.plain_text().starts_with("We stopped arguing"));
    let list = article.body.iter().find(|b| matches!(b, Block::List { ordered: false, .. })).expect("the list");
    assert!(matches!(list, Block::List { items, .. } if items.len() == 3));
    assert!(
        matches!(&article.body[0], Block::Paragraph(p) if p.iter().any(|i| matches!(i, Inline::Emphasis(_)))),
        "{:#?}",
        &article.body[..2]
    );

    assert_eq!(all_links(&article), ["https://example.org/saltby-fund-report"], "javascript: and share links are gone");
    let texts = texts(&article).join("\n");
    assert!(texts.contains("and a share of the power"), "the text of a dropped link stays");
    for never in ["injected", "document.write", "cookies", "Leave a Reply", "Accept"] {
        assert!(!texts.contains(never), "{never}");
    }
}

#[test]
fn an_arabic_page_is_read_right_to_left_with_its_date_and_author() {
    let article = fixture("ar-water.html");
    assert_eq!(article.title, "المدن الساحلية تبحث عن مياه الشرب في البحر");
    assert_eq!(article.language, "ar");
    assert_eq!(article.published, Some(Date::new(2025, 6, 21).unwrap()));
    assert_eq!(article.byline.as_deref(), Some("سلمى بن علي"));
    assert_eq!(texts(&article).len(), 4);
    assert!(!article.slug.is_empty());
}

#[test]
fn a_page_without_byline_or_date_still_gives_its_article() {
    let article = fixture("no-byline.html");
    assert_eq!(article.title, "Night trains return to the Riviera");
    assert_eq!(article.byline, None);
    assert_eq!(article.published, None);
    assert_eq!(article.language, "en", "detected from the text");
    assert_eq!(article.lead, None, "no description: no lead");
    let texts = texts(&article);
    assert_eq!(texts.len(), 4, "{texts:#?}");
    assert!(texts.iter().all(|t| !t.contains("Ten quiet stations") && !t.contains("Subscribe")));
}

#[test]
fn a_page_with_no_article_is_refused_clearly() {
    let err = parse_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", &ImportOptions::default())
        .unwrap_err();
    assert!(err.to_string().starts_with("the page holds no article"), "{err}");
}
