//! The hostile-input corpus (`fixtures/attacks.txt`) against the API and
//! both importers: every string is accepted and kept exactly as typed
//! (trimmed), or refused with a structured 4xx that stores nothing; never a
//! 500. Imported articles keep text as text and only safe links.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use encart_api_types::{Block, Inline, is_safe_href, normalize_line_breaks};
use encart_server::db::Db;
use encart_server::import::ImportOptions;
use encart_server::{Moderation, PostRate};
use serde_json::{Value, json};

const CORPUS: &str = include_str!("../../../fixtures/attacks.txt");

/// The corpus: one JSON string per line, `#` lines are comments.
fn corpus() -> Vec<String> {
    CORPUS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("bad corpus line {line}: {e}")))
        .collect()
}

fn comments_uri() -> String {
    format!("/api/v1/articles/{SLUG}/comments")
}

async fn stored(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM comments").fetch_one(db).await.unwrap()
}

#[test]
fn the_corpus_has_at_least_150_strings() {
    assert!(corpus().len() >= 150, "{} strings", corpus().len());
}

#[tokio::test]
async fn every_attack_string_is_kept_as_typed_or_refused_cleanly() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let (mut accepted, mut refused) = (0, 0);
    for attack in corpus() {
        for (author, body) in [("Test", attack.as_str()), (attack.as_str(), "Test")] {
            let before = stored(&db).await;
            let answer = post(&app, &comments_uri(), json!({ "author": author, "body": body }).to_string()).await;
            match answer.status {
                StatusCode::CREATED => {
                    accepted += 1;
                    let comment = &answer.json["comment"];
                    // As typed, every line break a line feed (a `\r` would read otherwise once in HTML).
                    let typed = normalize_line_breaks(body.trim());
                    assert_eq!(comment["author"], author.trim(), "{attack:?}");
                    assert_eq!(comment["body"], typed.as_ref(), "{attack:?}");
                    let id = comment["id"].as_str().unwrap();
                    let listed = get(&app, &format!("{}?limit=1", comments_uri())).await;
                    assert_eq!(listed.json["comments"][0]["id"], id);
                    assert_eq!(listed.json["comments"][0]["body"], typed.as_ref(), "listed as typed: {attack:?}");
                    assert_eq!(listed.json["comments"][0]["author"], author.trim());
                }
                StatusCode::UNPROCESSABLE_ENTITY => {
                    refused += 1;
                    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
                    let fields = answer.json["error"]["fields"].as_object().unwrap();
                    assert!(!fields.is_empty(), "{attack:?}: {}", answer.json);
                    assert_eq!(stored(&db).await, before, "refused but stored: {attack:?}");
                }
                other => {
                    panic!("{attack:?} as {}: {other} {}", if body == "Test" { "name" } else { "body" }, answer.json)
                }
            }
        }
    }
    assert!(accepted > 150 && refused > 30, "accepted {accepted}, refused {refused}");
}

#[tokio::test]
async fn a_10_mb_line_and_deeply_nested_json_are_refused_before_any_work() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let huge = json!({ "author": "A", "body": "x".repeat(10 * 1024 * 1024) }).to_string();
    assert_error(&post(&app, &comments_uri(), huge).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");

    // Under the 64 KiB body limit, but 20,000 levels deep.
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    let answer = post(&app, &comments_uri(), deep).await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "bad_request");
    let nested = format!(r#"{{"author": "A", "body": "B", "parent": {}"x"{}}}"#, "[".repeat(5_000), "]".repeat(5_000));
    let answer = post(&app, &comments_uri(), nested).await;
    assert!(answer.status.is_client_error(), "{}", answer.status);

    // A header or URL made of the corpus: 4xx or answered, never a crash.
    for attack in corpus().iter().filter(|a| a.len() < 1000) {
        let uri = format!("/api/v1/articles/{}/comments", urlencode(attack));
        let answer = send(&app, Request::get(&uri).body(Body::empty()).unwrap()).await;
        assert!(
            answer.status == StatusCode::NOT_FOUND || answer.status == StatusCode::BAD_REQUEST,
            "{attack:?}: {}",
            answer.status
        );
        if let Ok(value) = header::HeaderValue::from_str(attack) {
            let request = Request::post(comments_uri())
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", value)
                .body(Body::from(r#"{"author":"A","body":"B"}"#))
                .unwrap();
            let answer = send(&app, request).await;
            assert!(answer.status == StatusCode::CREATED || answer.status == StatusCode::BAD_REQUEST, "{attack:?}");
        }
    }
    let valid_keys = corpus()
        .iter()
        .filter(|a| {
            (1..=128).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .count();
    assert!(valid_keys > 3);
    assert_eq!(stored(&db).await as usize, valid_keys, "one comment per valid key, none for the others");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Every link of an imported article, wherever it sits.
fn links(blocks: &[Block]) -> Vec<String> {
    let of = |inlines: &[Inline]| -> Vec<String> {
        inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Link { href, .. } => Some(href.clone()),
                _ => None,
            })
            .collect()
    };
    // Every address a block holds: its links' targets, and a figure's image.
    blocks
        .iter()
        .flat_map(|b| {
            let mut found: Vec<String> = b.texts().into_iter().flat_map(of).collect();
            if let Block::Figure(figure) = b {
                found.push(figure.src.clone());
                found.extend(figure.srcset.clone());
            }
            found
        })
        .collect()
}

#[tokio::test]
async fn the_corpus_as_an_html_page_imports_as_text_and_safe_links_only() {
    let db = common::db().await;
    let dir = std::env::temp_dir().join(format!("encart-attacks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Raw, as markup: the sanitizer meets each payload as a browser would.
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"fr\"><head><title>Corpus hostile</title></head><body><article>\
         <h1>Corpus hostile</h1><p>Un article dont les paragraphes sont des attaques, pour l’importateur.</p>",
    );
    for attack in corpus() {
        page.push_str(&format!("<p>Avant {attack} après, une phrase assez longue pour compter.</p>\n"));
    }
    page.push_str("</article></body></html>");
    let file = dir.join("corpus.html");
    std::fs::write(&file, page).unwrap();
    let options = ImportOptions { language: None, source_url: Some("https://journal.example/corpus".into()) };
    let (article, _) = common::import(&db, &file, &options).await.unwrap();

    let all_links = links(&article.body);
    assert!(all_links.iter().all(|href| is_safe_href(href)), "{all_links:?}");
    let json = serde_json::to_string(&article).unwrap().to_lowercase();
    for forbidden in ["javascript:", "vbscript:", "data:text/html"] {
        assert!(!all_links.iter().any(|l| l.to_lowercase().contains(forbidden)), "{forbidden}");
    }
    assert!(json.contains("corpus hostile"));

    // And through the API, exactly as stored.
    let app = test_app(db.clone()).await;
    let served = get(&app, &format!("/api/v1/articles/{}", article.slug)).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.json, serde_json::to_value(&article).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_corpus_as_a_text_file_imports_line_by_line_or_is_refused_with_the_line() {
    let db = common::db().await;
    let dir = std::env::temp_dir().join(format!("encart-attacks-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut clean = String::from("Corpus en texte\nPar : L’équipe\n");
    let mut with_control = clean.clone();
    for attack in corpus() {
        let line = attack.replace(['\n', '\r', '\u{2028}', '\u{2029}'], " ");
        if line.trim().is_empty() {
            continue;
        }
        if line.chars().any(char::is_control) && !line.contains('\t') {
            with_control.push_str(&line);
            with_control.push('\n');
        } else if !line.chars().any(|c| c.is_control() && c != '\t') {
            clean.push_str(&line);
            clean.push('\n');
        }
    }
    let file = dir.join("clean.txt");
    std::fs::write(&file, &clean).unwrap();
    let french = ImportOptions { language: Some("fr".into()), source_url: None };
    let (article, _) = common::import(&db, &file, &french).await.unwrap();
    let texts: Vec<Value> = article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(inlines) => Some(json!(inlines)),
            _ => None,
        })
        .collect();
    assert!(texts.len() > 100, "{} paragraphs", texts.len());
    assert!(links(&article.body).is_empty(), "a text file makes no links");

    let bad = dir.join("control.txt");
    std::fs::write(&bad, &with_control).unwrap();
    let err = common::import(&db, &bad, &french).await.unwrap_err();
    assert!(format!("{err:#}").contains("line 3: control character"), "{err:#}");
    let _ = std::fs::remove_dir_all(&dir);
}
