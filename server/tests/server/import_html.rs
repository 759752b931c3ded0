//! The HTML importer on saved article pages (fixtures/html, written for these
//! tests): what a reader will see of each.

use encart_api_types::{Block, Date, Figure, Inline};
use encart_server::import::{ImportOptions, parse_html};

fn fixture(name: &str) -> encart_api_types::Article {
    fixture_at(name, "https://news.example/articles/a")
}

/// The fixture `name` imported as the page at `url`.
fn fixture_at(name: &str, url: &str) -> encart_api_types::Article {
    let path = format!("{}/../fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read(&path).unwrap();
    let options = ImportOptions { language: None, source_url: Some(url.into()) };
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
        block.texts().into_iter().for_each(|text| links(text, &mut out));
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

fn figures(article: &encart_api_types::Article) -> Vec<&Figure> {
    article.body.iter().filter_map(|b| if let Block::Figure(f) = b { Some(f) } else { None }).collect()
}

#[test]
fn pictures_keep_their_size_alt_caption_and_credit_galleries_included() {
    let article = fixture_at("en-figures.html", "https://www.alpine-courier.example/science/valbois");
    let figures = figures(&article);
    let srcs: Vec<&str> = figures.iter().map(|f| f.src.as_str()).collect();
    assert_eq!(
        srcs,
        [
            "https://img.alpine-courier.example/2025/valbois-front.jpg",
            // Relative in the page: made absolute against its address.
            "https://www.alpine-courier.example/2025/valbois-1921.jpg",
            // The gallery under its heading, the lazy-loaded picture by its real address.
            "https://img.alpine-courier.example/2025/stake.jpg",
            "https://img.alpine-courier.example/2025/lake.jpg",
            "https://img.alpine-courier.example/2025/hut.jpg",
            "https://img.alpine-courier.example/ornament.png",
        ],
        "the javascript: picture is gone"
    );
    let lead = figures[0];
    assert_eq!((lead.width, lead.height), (Some(1600), Some(900)));
    assert_eq!(lead.alt, "The grey snout of the Valbois glacier above a milky meltwater lake");
    assert!(lead.srcset.as_deref().is_some_and(|s| s.contains("valbois-front-1600.jpg 1600w")));
    assert_eq!(
        Block::Paragraph(lead.caption.clone()).plain_text(),
        "The snout of the Valbois glacier in July, seen from the old hut."
    );
    assert_eq!(
        lead.credit.as_deref(),
        Some("Photo: Luca Berset / Alpine Courier"),
        "the credit apart from the caption"
    );
    assert_eq!(figures[2].credit.as_deref(), Some("© Cantonal office for natural hazards"));
    assert_eq!(figures[3].alt, "The new lake, two kilometres long.", "no alt in the page: its caption");
    assert_eq!(figures[5].alt, "", "an empty alt in the page: decorative");
    // The gallery's heading stands over its pictures.
    let heading = article.body.iter().position(|b| matches!(b, Block::Heading { .. })).unwrap();
    assert!(matches!(&article.body[heading + 1], Block::Figure(f) if f.src.ends_with("stake.jpg")));
    // The lead shown once, as the lead; the byline the page shows, not the date its metadata puts there.
    assert_eq!(
        article.lead.as_deref(),
        Some(
            "Survey teams measured the retreat of the Valbois glacier from the air, the ice and a century of photographs."
        )
    );
    assert!(texts(&article).iter().all(|t| !t.starts_with("Survey teams measured")), "{:#?}", texts(&article));
    assert_eq!(article.byline.as_deref(), Some("Marta Keller"));
    assert!(texts(&article).iter().all(|t| !t.contains("By Marta Keller")));
}

#[test]
fn code_keeps_its_lines_and_a_results_table_its_rows() {
    let article = fixture("en-code-table.html");
    let code = article.body.iter().find_map(|b| if let Block::Preformatted(t) = b { Some(t) } else { None });
    assert_eq!(
        code.map(String::as_str),
        Some(
            "[layer.base]\ncaps_lock = \"left_ctrl\"\n\n[layer.nav]\nh = \"left\"\nj = \"down\"\nk = \"up\"\nl = \"right\""
        )
    );
    let (head, rows) = article
        .body
        .iter()
        .find_map(|b| if let Block::Table { head, rows } = b { Some((head, rows)) } else { None })
        .expect("a table");
    let cells =
        |row: &Vec<Vec<Inline>>| row.iter().map(|c| Block::Paragraph(c.clone()).plain_text()).collect::<Vec<_>>();
    assert_eq!(cells(head), ["Test", "Kestrel 3", "Previous model"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(cells(&rows[1]), ["Battery, backlight on", "31 hours", "40 hours"]);
    assert_eq!(rows[2][1], vec![Inline::Strong(vec![Inline::Text("4 ms".into())])]);
    // A table laying out a paragraph is its paragraph.
    assert!(texts(&article).last().unwrap().starts_with("Our verdict: buy it"));
    assert_eq!(article.body.iter().filter(|b| matches!(b, Block::Table { .. })).count(), 1);
}

#[test]
fn a_right_to_left_page_keeps_its_direction_and_a_chinese_page_without_lang_is_chinese() {
    let arabic = fixture("ar-water.html");
    assert_eq!(arabic.dir.as_deref(), Some("rtl"));
    assert_eq!(arabic.lead, None, "the byline line is no lead");
    let chinese = fixture("zh-no-lang.html");
    assert_eq!(chinese.language, "zh");
    assert_eq!(texts(&chinese).len(), 3);
}
