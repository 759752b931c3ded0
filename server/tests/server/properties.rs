//! Arbitrary input to the importers and the cursor decoder: a clear error or
//! a result, never a panic.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use encart_server::comments::Cursor;
use encart_server::import::{ImportOptions, blocks_from_html, parse, parse_html};
use encart_server::publishing::block_problem;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_text_importer_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, &ImportOptions::default());
    }

    #[test]
    fn the_text_importer_takes_any_title_and_paragraphs(title in "[^\\n\\r]{1,80}", lines in proptest::collection::vec("[^\\n\\r]{0,200}", 0..12)) {
        let text = format!("{title}\n{}", lines.join("\n"));
        let options = ImportOptions { language: Some("fr".into()), source_url: None };
        match parse(text.as_bytes(), &options) {
            Ok(article) => {
                prop_assert!(!article.slug.is_empty());
                prop_assert!(!article.body.is_empty());
            }
            Err(err) => prop_assert!(err.to_string().starts_with("line "), "{}", err),
        }
    }

    #[test]
    fn the_html_importer_never_panics(html in "(<(p|div|h2|a href=\"[a-z:/.]{0,12}\"|em|ul|li|blockquote|script|meta name=\"author\" content=\"[^\"]{0,10}\")>|[^<>]{0,40}|</(p|div|h2|a|em|ul|li|blockquote|script)>){0,60}") {
        let _ = parse_html(html.as_bytes(), &ImportOptions::default());
    }

    /// Whatever the walk makes of a publisher's HTML (figures, code,
    /// tables, quotes…) is a document `PUT` accepts, as it is.
    #[test]
    fn what_an_html_body_becomes_passes_the_documents_checks(html in concat!(
        "(<(p|div|h[1-6]|pre|code|figure|figcaption|table|thead|tbody|tr|td|th|em|strong|ul|ol|li|blockquote|",
        "a href=\"(https://x.example/|javascript:|/rel)[a-z]{0,5}\"|",
        "img src=\"(https://i.example/|data:|javascript:|/)[a-z]{0,5}\"( alt=\"[^\"<>]{0,10}\")?( width=\"[0-9]{1,6}\")?|",
        "span class=\"credit\")>|[^<>]{0,30}|</(p|div|h[1-6]|pre|code|figure|figcaption|table|thead|tbody|tr|td|th|em|strong|ul|ol|li|blockquote|a|span)>){0,60}"
    )) {
        if let Ok(blocks) = blocks_from_html(&html) {
            for block in &blocks {
                prop_assert_eq!(block_problem(block), None, "{:?} from {}", block, html);
            }
        }
    }

    #[test]
    fn cursors_decode_or_refuse_but_never_panic(cursor in any::<String>()) {
        let _ = Cursor::decode(&cursor);
    }

    /// Near-misses of every order's cursor: decoded ones encode back the same.
    #[test]
    fn cursors_that_decode_encode_back_to_themselves(text in "[cor][01](\\.[0-9+-]{0,4}){0,4}") {
        let cursor = URL_SAFE_NO_PAD.encode(&text);
        if let Ok(decoded) = Cursor::decode(&cursor) {
            prop_assert_eq!(decoded.encode(), cursor);
        }
    }
}
