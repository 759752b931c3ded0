//! `GET /api/v1/articles/{slug}/embed`: the widget's first view rendered by
//! the server from the widget's own components, with its build; and
//! `…/embed/state`, the data it was rendered from.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use dom_query::Document;
use encart_server::db::Db;
use encart_server::{Moderation, PostRate};
use serde_json::{Value, json};

fn embed_uri(query: &str) -> String {
    format!("/api/v1/articles/{SLUG}/embed{query}")
}

/// Our article, and an app that takes any number of comments.
async fn app(db: Db) -> axum::Router {
    let _ = seeded(db.clone()).await;
    test_app_with(db, Moderation::Open, PostRate::unlimited()).await
}

fn html(answer: &Answer) -> Document {
    Document::from(answer.json["html"].as_str().expect("html is a string"))
}

#[tokio::test]
async fn the_first_view_is_the_article_and_its_first_comments_with_their_data() {
    let db = common::db().await;
    let app = app(db).await;
    for i in 0..25 {
        let body = json!({ "author": format!("Lectrice {i}"), "body": format!("Commentaire numéro {i}") });
        assert_eq!(post(&app, &format!("/api/v1/articles/{SLUG}/comments"), body.to_string()).await.status, 201);
    }
    let answer = get_first_view(&app, &embed_uri("")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert_eq!(answer.json["build"], encart::BUILD_ID);
    assert_eq!(answer.json["css"], encart::app::STYLE);
    assert_eq!(answer.json["unavailable"], "Les commentaires ne peuvent pas être envoyés depuis cette page.");

    // The data is exactly what the two GETs the widget would make return.
    let article = get(&app, &format!("/api/v1/articles/{SLUG}")).await.json;
    let page = get(&app, &format!("/api/v1/articles/{SLUG}/comments?limit=20")).await.json;
    assert_eq!(answer.json["state"]["article"], article);
    assert_eq!(answer.json["state"]["comments"], page);
    assert_eq!(
        answer.json["state"]["options"],
        json!({ "lang": null, "ui": null, "heading": null, "theme": null, "size": null })
    );

    let doc = html(&answer);
    let title = doc.select("h2.title");
    assert_eq!(title.text().trim(), article["title"].as_str().unwrap());
    assert_eq!(doc.select(".encart").attr("lang").unwrap().as_ref(), "fr");
    assert_eq!(doc.select(".encart").attr("data-theme").unwrap().as_ref(), "auto");
    let bodies: Vec<String> = doc.select("li.comment .comment-body").iter().map(|b| b.text().to_string()).collect();
    assert_eq!(bodies.len(), 20, "the first page only");
    assert_eq!(bodies[0], "Commentaire numéro 24", "newest first");
    assert_eq!(doc.select(".comments-heading").text().trim(), "25 commentaires");
    assert_eq!(doc.select("button.load-more").length(), 1, "more pages are offered");
    // The form, empty, with the reader controls: what the wasm hydrates.
    assert_eq!(doc.select("form.comment-form #encart-new-body").length(), 1);
    assert_eq!(doc.select("form.comment-form #encart-new-body").text().as_ref(), "");
    assert_eq!(doc.select("style").length(), 0, "the stylesheet travels apart (a constructed sheet)");
    assert_eq!(doc.select("script").length(), 0);

    // A loader that names this build's stylesheet (it has it from the CDN)
    // gets the view without it; any other name, or none, with it: each
    // answer cached apart.
    let named = get(&app, &embed_uri(&format!("?css={}", encart::app::STYLE_NAME))).await;
    assert_eq!(named.json["css"], "");
    assert_eq!(named.json["html"], answer.json["html"]);
    let other = get(&app, &embed_uri("?css=encart-0000000000000000.css")).await;
    assert_eq!(other.json["css"], encart::app::STYLE);
    assert_eq!(get(&app, &embed_uri("")).await.json["css"], encart::app::STYLE);
    assert_eq!(get(&app, &embed_uri(&format!("?css={}", encart::app::STYLE_NAME))).await.json["css"], "");
}

#[tokio::test]
async fn the_data_of_a_first_view_comes_apart_and_a_write_gives_both_a_new_version() {
    let db = common::db().await;
    let app = app(db).await;
    let query = format!("?css={}&theme=dark&data=apart", encart::app::STYLE_NAME);
    let view = get(&app, &embed_uri(&query)).await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.json.get("state").is_none(), "a reader who stays in the article does not download it");
    assert_eq!(view.json["lang"], "fr");
    let version = view.json["version"].as_str().unwrap().to_owned();
    assert_eq!(version.len(), 16);
    let state_uri = format!("/api/v1/articles/{SLUG}/embed/state{query}");
    let data = get(&app, &state_uri).await;
    assert_eq!(data.status, StatusCode::OK);
    assert!(data.headers.contains_key(header::ETAG), "revalidated like the view");
    assert_eq!(data.json["version"], version.as_str());
    assert_eq!(data.json["options"]["theme"], "dark");
    assert_eq!(get(&app, &state_uri).await.json, data.json, "kept: the same answer");
    // A loader of an earlier release does not ask for it apart: inside.
    let old = get(&app, &embed_uri(&format!("?css={}&theme=dark", encart::app::STYLE_NAME))).await;
    assert_eq!(old.json["html"], view.json["html"]);
    assert_eq!(old.json["state"]["version"], version.as_str());
    assert_eq!(old.json["state"]["comments"], data.json["comments"]);

    // A comment: the view and its data both change version, together.
    let body = json!({ "author": "Inès", "body": "Arrivé entre la vue et ses données." }).to_string();
    assert_eq!(post(&app, &format!("/api/v1/articles/{SLUG}/comments"), body).await.status, 201);
    let newer = get(&app, &state_uri).await;
    assert_ne!(newer.json["version"], version.as_str(), "the widget renders this afresh");
    assert_eq!(newer.json["comments"]["comments"][0]["author"], "Inès");
    let view = get(&app, &embed_uri(&query)).await;
    assert_eq!(view.json["version"], newer.json["version"]);

    assert_error(&get(&app, "/api/v1/articles/nope/embed/state").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn options_shape_the_view_and_unknown_ones_fall_back_to_the_defaults() {
    let db = common::db().await;
    let app = app(db).await;
    let answer = get_first_view(&app, &embed_uri("?lang=en-GB&ui=fr&browser=de&heading=3&theme=dark&size=large")).await;
    assert_eq!(answer.status, StatusCode::OK);
    // The page's and the browser's languages come after the chosen one: not kept.
    assert_eq!(
        answer.json["state"]["options"],
        json!({ "lang": "en", "ui": null, "heading": 3, "theme": "dark", "size": "large" })
    );
    assert_eq!(answer.json["state"]["lang"], "en");
    let doc = html(&answer);
    assert_eq!(doc.select("h3.title").length(), 1, "data-heading-level=3");
    assert_eq!(doc.select(".encart").attr("data-theme").unwrap().as_ref(), "dark");
    assert_eq!(doc.select(".encart").attr("data-size").unwrap().as_ref(), "large");
    assert_eq!(doc.select(".comments-heading").text().trim(), "No comments yet", "the widget's words in English");
    assert_eq!(answer.json["unavailable"], "Comments cannot be sent from this page.");

    let answer = get_first_view(&app, &embed_uri("?lang=xx&heading=9&theme=neon&size=%F0%9F%92%A5&ui=")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.json["state"]["options"],
        json!({ "lang": null, "ui": null, "heading": null, "theme": null, "size": null })
    );
    assert_eq!(html(&answer).select("h2.title").length(), 1);
}

#[tokio::test]
async fn a_missing_article_is_a_structured_404() {
    let db = common::db().await;
    let app = app(db).await;
    assert_error(&get(&app, "/api/v1/articles/nope/embed").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn it_is_revalidated_with_an_etag_and_a_new_comment_shows_at_once() {
    let db = common::db().await;
    let app = app(db).await;
    let first = get(&app, &embed_uri("?theme=sepia")).await;
    let etag = first.headers[header::ETAG].clone();
    assert_eq!(first.headers[header::CACHE_CONTROL], "public, max-age=0, s-maxage=5");
    let request = Request::get(embed_uri("?theme=sepia")).header(header::IF_NONE_MATCH, etag.clone());
    assert_eq!(send(&app, request.body(Body::empty()).unwrap()).await.status, StatusCode::NOT_MODIFIED);

    let body = json!({ "author": "Nadia", "body": "Vu et lu." }).to_string();
    assert_eq!(post(&app, &format!("/api/v1/articles/{SLUG}/comments"), body).await.status, 201);
    // Every set of options kept for the article is dropped with it.
    let request = Request::get(embed_uri("?theme=sepia")).header(header::IF_NONE_MATCH, etag);
    let after = send(&app, request.body(Body::empty()).unwrap()).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_eq!(html(&after).select(".comment-body").text().as_ref(), "Vu et lu.");
}

#[tokio::test]
async fn user_text_is_escaped_exactly_as_the_browser_would() {
    let db = common::db().await;
    let app = app(db).await;
    let corpus: Vec<String> = include_str!("../../../fixtures/attacks.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    // Posted 20 at a time, so that each batch is the first page rendered next.
    let mut checked = 0;
    for batch in corpus.chunks(20) {
        for attack in batch {
            let body = json!({ "author": attack, "body": attack }).to_string();
            post(&app, &format!("/api/v1/articles/{SLUG}/comments"), body).await;
        }
        let answer = get_first_view(&app, &embed_uri("")).await;
        assert_eq!(answer.status, StatusCode::OK);
        let doc = html(&answer);
        let listed: Vec<Value> = answer.json["state"]["comments"]["comments"].as_array().unwrap().clone();
        let bodies = doc.select("li.comment .comment-body");
        let authors = doc.select("li.comment .comment-author");
        assert_eq!(bodies.length(), listed.len());
        for ((body, author), comment) in bodies.iter().zip(authors.iter()).zip(&listed) {
            // Parsed back, each text reads exactly as typed: no element and
            // no attribute came out of it but the links of its web
            // addresses (`links.rs`), each an `a` whose address is its text.
            let typed = comment["body"].as_str().unwrap();
            assert_eq!(body.text().as_ref(), typed);
            assert_eq!(author.text().as_ref(), comment["author"].as_str().unwrap());
            assert_eq!(author.children().length(), 0, "{comment}");
            let links: Vec<&str> = encart::links::pieces(typed)
                .into_iter()
                .filter_map(|p| match p {
                    encart::links::Piece::Link(address) => Some(address),
                    encart::links::Piece::Text(_) => None,
                })
                .collect();
            let children = body.children();
            assert_eq!(children.length(), links.len(), "{comment}");
            for (a, address) in children.iter().zip(&links) {
                assert!(a.is("a"), "{comment}");
                assert_eq!(a.attr("href").as_deref(), Some(*address));
                assert_eq!(a.text().as_ref(), *address);
                assert_eq!(a.attr("rel").as_deref(), Some("nofollow ugc noopener noreferrer"));
                assert_eq!(a.children().length(), 0);
            }
            checked += 1;
        }
        let active =
            "script, iframe, img, svg, math, object, embed, base, link, meta, [onerror], [onload], [onclick], [style]";
        assert_eq!(doc.select(active).length(), 0);
    }
    assert!(checked > 100, "most of the corpus is accepted and rendered: {checked}");
}

/// The corpus of `fixtures/attacks.txt`.
pub fn corpus() -> Vec<String> {
    include_str!("../../../fixtures/attacks.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[tokio::test]
async fn figures_code_and_tables_of_the_corpus_render_as_text_and_only_safe_addresses_as_images() {
    let db = common::db().await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let (corpus_publisher, _) = publisher(&db, "Corpus", &[]).await;
    let put = |slug: &str, body: Value, key: &str| {
        let document = json!({"title": "Corpus", "language": "fr", "body": body});
        authed("PUT", &format!("/api/v1/articles/{slug}"), key, document)
    };
    let (mut rendered, mut refused) = (0, 0);
    for (n, attack) in corpus().iter().enumerate() {
        // A key per attack: the publishing rate limit is per key.
        let (_, key) = encart_server::publishers::create_key(&db, &corpus_publisher).await.unwrap();
        let slug = format!("corpus-{n}");
        // The attack as every text a figure, a table and code hold.
        let body = json!([
            {"figure": {"src": "https://img.example/a.jpg", "alt": attack, "caption": [{"text": attack}], "credit": attack}},
            {"table": {"head": [[{"text": attack}]], "rows": [[[{"text": attack}]]]}},
            {"preformatted": attack},
        ]);
        let answer = send(&app, put(&slug, body, &key)).await;
        if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
            refused += 1;
            assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
            continue;
        }
        assert!(answer.status.is_success(), "{attack:?}: {}", answer.json);
        let first_view = get_first_view(&app, &format!("/api/v1/articles/{slug}/embed")).await;
        let doc = html(&first_view);
        let stored = &first_view.json["state"]["article"]["body"];
        let alt = stored[0]["figure"]["alt"].as_str().unwrap();
        assert_eq!(doc.select("figure img").attr("alt").as_deref(), Some(alt), "{attack:?}");
        assert_eq!(doc.select("figure img").attr("src").as_deref(), Some("https://img.example/a.jpg"));
        for (selector, text) in
            [("th", stored[1]["table"]["head"][0][0]["text"].as_str()), ("pre", stored[2]["preformatted"].as_str())]
        {
            // (An empty text renders as the one space of its text node.)
            let text = text.unwrap_or_default();
            assert_eq!(doc.select(selector).text().trim(), text.trim(), "{selector} of {attack:?}");
            assert_eq!(doc.select(selector).children().length(), 0, "{selector} of {attack:?}: no element came of it");
        }
        let active =
            "script, iframe, svg, math, object, embed, base, link, meta, [onerror], [onload], [onclick], [style]";
        assert_eq!(doc.select(active).length(), 0, "{attack:?}");
        assert_eq!(doc.select("img").length(), 1, "{attack:?}");
        rendered += 1;

        // And as the image's address: stored only if it is an http(s) one, and then only as an attribute.
        let as_src = send(&app, put(&format!("src-{n}"), json!([{"figure": {"src": attack, "alt": "x"}}]), &key)).await;
        if as_src.status.is_success() {
            assert!(encart_api_types::is_safe_src(attack), "{attack:?} stored as an image address");
            let stored_src = as_src.json["body"][0]["figure"]["src"].as_str().unwrap().to_owned();
            let doc = html(&get(&app, &format!("/api/v1/articles/src-{n}/embed")).await);
            assert_eq!(doc.select("img").attr("src").as_deref(), Some(stored_src.as_str()), "{attack:?}");
        } else {
            assert_eq!(as_src.json["error"]["fields"]["body"], "unsafe_src", "{attack:?}");
        }
    }
    assert!(rendered > 100 && refused > 10, "rendered {rendered}, refused {refused}");
}

/// The widget's language, as the first view and the words for client
/// rendering give it, from each step of the order: `data-lang`, the partner
/// site's, the article's, the page's `<html lang>`, the reader's browser
/// languages, else English; regional tags fall back to their language.
#[tokio::test]
async fn the_widget_speaks_the_first_language_it_knows_in_the_order() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    // The same article in Russian, which the widget does not speak.
    let mut russian: encart_api_types::Article =
        serde_json::from_value(get(&seeded(db.clone()).await, &format!("/api/v1/articles/{SLUG}")).await.json).unwrap();
    russian.slug = "russe".into();
    russian.language = "ru".into();
    encart_server::articles::save(&db, &russian, encart_server::articles::Author::Operator).await.unwrap();
    let sites =
        encart_server::sites::parse("[[site]]\norigin = \"https://zeitung.example\"\nlanguage = \"de-AT\"").unwrap();
    let (_, policy) = encart_server::sites::configure(
        encart_server::AllowedOrigins::Any,
        encart_server::ModerationPolicy::from(Moderation::Open),
        &sites,
    )
    .unwrap();
    let state = encart_server::AppState::new(db, policy).unwrap().with_sites(sites);
    let app = router_for(state, PostRate::unlimited());
    let cases = [
        // (article, query, from the German site, expected)
        (SLUG, "?lang=cs-CZ&ui=ja&browser=es", true, "cs"),
        (SLUG, "?ui=ja&browser=es", true, "de"),
        (SLUG, "?lang=xx&ui=ja&browser=es", false, "fr"),
        ("russe", "?ui=ja-JP&browser=es", false, "ja"),
        ("russe", "?ui=ru&browser=ru-RU,pt-BR,en", false, "pt"),
        ("russe", "?ui=ru&browser=zh-TW,zh-CN", false, "zh-Hans"),
        ("russe", "?ui=ru&browser=ru", false, "en"),
        ("russe", "", false, "en"),
    ];
    for (article, query, german_site, expected) in cases {
        let request = |what: &str| {
            let mut request = Request::get(format!("/api/v1/articles/{article}/{what}{query}"));
            if german_site {
                request = request.header(header::ORIGIN, "https://zeitung.example");
            }
            request.body(Body::empty()).unwrap()
        };
        let embed = first_view(&app, request("embed")).await;
        let words = send(&app, request("words")).await;
        assert_eq!(embed.status, StatusCode::OK, "{article}{query}");
        assert_eq!(embed.json["state"]["lang"], expected, "{article}{query}");
        let doc = html(&embed);
        assert_eq!(doc.select(".encart").attr("lang").unwrap().as_ref(), expected, "{article}{query}");
        assert_eq!(words.status, StatusCode::OK);
        assert_eq!(words.json["words"]["lang"], expected, "the same language for client rendering");
        let (_, compiled) = encart::i18n::COMPILED.iter().find(|(tag, _)| *tag == expected).unwrap();
        assert_eq!(words.json["words"], serde_json::from_str::<Value>(compiled).unwrap(), "{expected}'s words");
        assert!(!words.json["fallback"].as_str().unwrap().is_empty());
    }
    // The interface's direction follows its language, the article keeps its own.
    let arabic =
        send(&app, Request::get(format!("/api/v1/articles/{SLUG}/embed?lang=ar")).body(Body::empty()).unwrap()).await;
    let doc = html(&arabic);
    assert_eq!(doc.select(".encart").attr("dir").unwrap().as_ref(), "rtl");
    assert_eq!(doc.select("article.article").attr("lang").unwrap().as_ref(), "fr");
    assert_eq!(doc.select("article.article").attr("dir").unwrap().as_ref(), "ltr");
    assert_eq!(doc.select(".comments-heading").text().trim(), "لا تعليقات بعد");
}

/// Every language the widget speaks renders its first view whole: each
/// message of the file in the HTML's controls and headings, none empty.
#[tokio::test]
async fn every_language_renders_the_whole_first_view() {
    let db = common::db().await;
    let app = app(db).await;
    for tag in encart::i18n::LANGUAGES {
        let answer = get(&app, &embed_uri(&format!("?lang={tag}"))).await;
        assert_eq!(answer.status, StatusCode::OK, "{tag}");
        let lang = encart::i18n::Lang::get(tag);
        let doc = html(&answer);
        assert_eq!(doc.select(".encart").attr("lang").unwrap().as_ref(), tag);
        assert_eq!(doc.select(".encart").attr("dir").unwrap().as_ref(), encart::i18n::direction(tag));
        let seen = |selector: &str| doc.select(selector).text().trim().to_owned();
        use encart::i18n::{Text, text};
        assert_eq!(seen(".comments-heading"), encart::i18n::comments_heading(lang, 0), "{tag}");
        assert_eq!(seen(".new-comment button.submit"), text(lang, Text::Post), "{tag}");
        assert_eq!(seen("label[for=encart-new-author]"), text(lang, Text::NameLabel), "{tag}");
        for message in &lang.words().texts {
            assert!(!message.trim().is_empty(), "{tag}: an empty message");
        }
        assert_eq!(answer.json["unavailable"], text(lang, Text::CommentingUnavailable));
    }
}
