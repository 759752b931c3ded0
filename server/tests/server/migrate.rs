//! Moving in and out (`encart-server migrate`, `export`): Disqus, WordPress
//! and Isso discussions brought in from fixtures written from the formats'
//! documentation, on either backend; idempotence, dry runs, bad files, the
//! attack corpus inside an export, and the exact round trip of our own export.

use std::path::{Path, PathBuf};

use encart_server::db::Db;
use encart_server::migrate::{self, Format, Options, Summary};
use serde_json::{Value, json};

use crate::common::{self, authed, get, publisher, send, test_app};

const SITE: &str = "https://www.partner.example";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/migrate").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("encart-migrate");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{}-{name}", std::process::id(), rand_suffix()))
}

fn rand_suffix() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn options(site: &str) -> Options {
    Options { site: site.to_owned(), language: Some("fr".into()), dry_run: false, progress: false }
}

async fn run(db: &Db, format: Format, file: &Path, site: &str) -> Summary {
    migrate::run(db, format, file, &options(site)).await.unwrap()
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

/// The first page of an article's comments, as the API lists them.
async fn listed(app: &axum::Router, slug: &str) -> Vec<Value> {
    let answer = get(app, &format!("/api/v1/articles/{slug}/comments?sort=oldest")).await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    answer.json["comments"].as_array().unwrap().clone()
}

/// (author, body, depth-first) of a listed thread, with `deleted` marked.
fn outline(comments: &[Value], depth: usize, out: &mut Vec<(usize, String, String)>) {
    for c in comments {
        let author =
            if c["deleted"] == true { "<deleted>".to_owned() } else { c["author"].as_str().unwrap().to_owned() };
        out.push((depth, author, c["body"].as_str().unwrap().to_owned()));
        outline(c["replies"].as_array().unwrap(), depth + 1, out);
    }
}

#[tokio::test]
async fn a_disqus_export_brings_its_threads_to_their_articles_threaded_as_ours() {
    let db = common::db().await;
    let (_, key) = publisher(&db, "Le Courrier", &["partner.example"]).await;
    let app = test_app(db.clone()).await;
    // The page the first two threads discuss, published already (without www., with a slash).
    let article = json!({"title": "Haftar et Poutine", "language": "fr", "source_url": "https://partner.example/monde/haftar-et-poutine/",
                         "body": [{"paragraph": [{"text": "Le texte."}]}]});
    assert_eq!(send(&app, authed("PUT", "/api/v1/articles/haftar", &key, article)).await.status, 201);

    let summary = run(&db, Format::Auto, &fixture("disqus.xml"), SITE).await;
    assert_eq!((summary.threads, summary.matched, summary.created), (5, 2, 1), "{summary}");
    assert_eq!(summary.threads_skipped.get("thread deleted"), Some(&1), "{summary}");
    assert_eq!(summary.threads_skipped.get("empty identifier"), Some(&1), "reported, not dropped: {summary}");
    assert!(
        summary.problems.iter().any(|p| p.contains("disqus.xml:55:") && p.contains("empty identifier")),
        "{summary}"
    );
    assert_eq!((summary.comments, summary.imported, summary.placeholders), (10, 9, 3), "{summary}");
    assert_eq!(summary.skipped.get("thread deleted"), Some(&1));
    assert_eq!(summary.orphans, 0, "the answer read before its parent found it");

    let mut shown = Vec::new();
    outline(&listed(&app, "haftar").await, 0, &mut shown);
    let expected = [
        (
            0,
            "Zoé Ørsted-Łukasiewicz",
            "Premier paragraphe, avec le rapport (https://example.org/rapport).\n\nSecond\u{a0}paragraphe\net une ligne.",
        ),
        (1, "Karim", "D'accord avec vous."),
        (2, "李小龍", "Réponse à Karim & à Zoé — trois niveaux plus bas."),
        // The fourth level joins the third, as answers posted here do.
        (2, "Anonyme", "Et encore une réponse, au quatrième niveau."),
        // Deleted with an answer: a placeholder; deleted or spam without one: not shown.
        (0, "<deleted>", ""),
        (1, "Inès", "Je réponds au message supprimé."),
    ];
    let expected: Vec<(usize, String, String)> =
        expected.iter().map(|(d, a, b)| (*d, (*a).to_owned(), (*b).to_owned())).collect();
    assert_eq!(shown, expected);
    let first = &listed(&app, "haftar").await[0];
    assert_eq!(first["created"], "2019-05-02T09:15:00.000Z");

    // A thread of a page not published here: a new article, its title and address, no body yet.
    let created = get(&app, "/api/v1/articles/politique-municipales-2020").await;
    assert_eq!(created.status, 200, "{}", created.json);
    assert_eq!(created.json["title"], "Municipales & « débats » à Sète");
    assert_eq!(created.json["source_url"], "https://www.partner.example/politique/municipales-2020");
    assert_eq!(created.json["body"], json!([]));
    let comments = listed(&app, "politique-municipales-2020").await;
    assert_eq!(comments[0]["body"], "Vivement le second tour.", "the script is gone, its text too");

    // Readers' addresses and IPs were read past: nothing of them is stored.
    let kept = count(
        &db,
        "SELECT count(*) FROM comments WHERE client_hash != '' OR edit_token_hash != ''
            OR author LIKE '%@%' OR body LIKE '%reader.example%' OR body LIKE '%198.51%'",
    )
    .await;
    assert_eq!(kept, 0);
    // Nothing was announced: no webhook delivery or e-mail waits.
    assert_eq!(count(&db, "SELECT count(*) FROM outbox").await, 0);

    // The same export again adds nothing; a newer one adds only what is new.
    let before = count(&db, "SELECT count(*) FROM comments").await;
    let again = run(&db, Format::Disqus, &fixture("disqus.xml"), SITE).await;
    assert_eq!((again.imported, again.created, again.matched), (0, 0, 3), "{again}");
    assert_eq!(again.skipped.get("already imported"), Some(&9));
    assert_eq!(count(&db, "SELECT count(*) FROM comments").await, before);
    let newer = std::fs::read_to_string(fixture("disqus.xml")).unwrap().replace(
        "</disqus>",
        r#"<post dsq:id="3011"><message>&lt;p&gt;Nouveau.&lt;/p&gt;</message><createdAt>2021-01-01T00:00:00Z</createdAt>
           <isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Tard</name></author>
           <thread dsq:id="2004"/><parent dsq:id="3010"/></post></disqus>"#,
    );
    let newer_file = scratch("newer.xml");
    std::fs::write(&newer_file, newer).unwrap();
    let newer = run(&db, Format::Disqus, &newer_file, SITE).await;
    assert_eq!(newer.imported, 1, "{newer}");
    // (A server that was running shows it once its cache of the page expires: a new one at once.)
    let app = test_app(db.clone()).await;
    let comments = listed(&app, "politique-municipales-2020").await;
    assert_eq!(comments[0]["replies"][0]["body"], "Nouveau.");

    // The publisher's later PUT fills the body in, and the discussion stays.
    let filled = json!({"title": "Municipales", "language": "fr", "source_url": "https://www.partner.example/politique/municipales-2020",
                        "body": [{"paragraph": [{"text": "Enfin le texte."}]}]});
    let put = send(&app, authed("PUT", "/api/v1/articles/politique-municipales-2020", &key, filled)).await;
    assert_eq!(put.status, 200, "{}", put.json);
    assert_eq!(listed(&app, "politique-municipales-2020").await.len(), 1);
}

#[tokio::test]
async fn wordpress_exports_of_both_versions_keep_paragraphs_links_and_states() {
    for file in ["wordpress.xml", "wordpress-1.1.xml"] {
        let db = common::db().await;
        publisher(&db, "Le Blog", &["blog.partner.example"]).await;
        let app = test_app(db.clone()).await;
        let summary = run(&db, Format::Auto, &fixture(file), "https://blog.partner.example").await;
        assert_eq!(summary.format, Some(Format::Wordpress));
        // The page without comments makes no article; the trashed post's comment is skipped.
        assert_eq!((summary.threads, summary.created), (2, 1), "{file}: {summary}");
        assert_eq!(summary.skipped.get("pingbacks and trackbacks"), Some(&1), "{summary}");
        assert_eq!(summary.skipped.get("thread deleted"), Some(&1), "{summary}");
        assert_eq!((summary.imported, summary.placeholders), (5, 2), "{summary}");

        let mut shown = Vec::new();
        outline(&listed(&app, "2021-03-marees-equinoxe").await, 0, &mut shown);
        assert_eq!(
            shown,
            vec![
                (
                    0,
                    "Marée Basse".to_owned(),
                    "Superbes photos.\n\nLe coefficient était de 117, voir https://maree.example/coefficients\nMerci & bravo !"
                        .to_owned()
                ),
                (1, "Admin".to_owned(), "Merci de votre visite (https://blog.partner.example/a-propos).".to_owned()),
            ],
            "{file}"
        );
        assert_eq!(listed(&app, "2021-03-marees-equinoxe").await[0]["created"], "2021-03-20T09:30:00.000Z");
        // The comment awaiting moderation there awaits it here, under the word for no name.
        let pending: (String, String) =
            sqlx::query_as("SELECT author, body FROM comments WHERE status = 'pending'").fetch_one(&db).await.unwrap();
        assert_eq!(pending, ("Anonyme".to_owned(), "En attente de modération.".to_owned()));
    }
}

#[tokio::test]
async fn an_isso_database_brings_its_threads_as_pages_of_the_site() {
    let db = common::db().await;
    publisher(&db, "Le Blog", &["blog.partner.example"]).await;
    let app = test_app(db.clone()).await;
    let isso = isso_database().await;

    let summary = run(&db, Format::Auto, &isso, "https://blog.partner.example").await;
    assert_eq!(summary.format, Some(Format::Isso));
    assert_eq!((summary.threads, summary.created, summary.imported, summary.placeholders), (2, 2, 5, 1), "{summary}");
    let comments = listed(&app, "2022-06-regates").await;
    let mut shown = Vec::new();
    outline(&comments, 0, &mut shown);
    assert_eq!(
        shown,
        vec![
            (0, "Yann".to_owned(), "Quelle *belle* course !\nVivement l'an prochain.".to_owned()),
            (1, "Anonyme".to_owned(), "Oui, <b>superbe</b>.".to_owned()),
            (0, "<deleted>".to_owned(), String::new()),
            (1, "Maël".to_owned(), "Réponse à un commentaire supprimé.".to_owned()),
        ],
        "what Isso's readers typed is kept as typed: text"
    );
    assert_eq!(comments[0]["recommends"], 3, "Isso's likes");
    let untitled = get(&app, "/api/v1/articles/2022-07-feux").await;
    assert_eq!(untitled.json["title"], "https://blog.partner.example/2022/07/feux/?utm_campaign=rss");
}

/// An Isso database made from `fixtures/migrate/isso.sql`.
async fn isso_database() -> PathBuf {
    use sqlx::{ConnectOptions, Connection};
    let path = scratch("isso.db");
    let mut conn =
        sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).connect().await.unwrap();
    sqlx::raw_sql(&std::fs::read_to_string(fixture("isso.sql")).unwrap()).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    path
}

#[tokio::test]
async fn a_dry_run_says_what_an_import_would_do_and_writes_nothing() {
    let db = common::db().await;
    publisher(&db, "Le Courrier", &["partner.example"]).await;
    let dry = migrate::run(&db, Format::Disqus, &fixture("disqus.xml"), &Options { dry_run: true, ..options(SITE) })
        .await
        .unwrap();
    assert!(dry.to_string().starts_with("Dry run: nothing was written."), "{dry}");
    assert_eq!(count(&db, "SELECT count(*) FROM comments").await, 0);
    assert_eq!(count(&db, "SELECT count(*) FROM articles").await, 0);
    let real = run(&db, Format::Disqus, &fixture("disqus.xml"), SITE).await;
    // Both threads of one page: one article, as the real run makes.
    assert_eq!(
        (dry.threads, dry.matched, dry.created, dry.imported),
        (real.threads, real.matched, real.created, real.imported)
    );
    assert_eq!((dry.placeholders, &dry.skipped), (real.placeholders, &real.skipped));
}

#[tokio::test]
async fn a_file_that_does_not_parse_stops_at_its_place_and_imports_nothing() {
    let db = common::db().await;
    publisher(&db, "Le Courrier", &["partner.example"]).await;
    let good = std::fs::read_to_string(fixture("disqus.xml")).unwrap();
    let cases = [
        // Cut in the middle of a post: the last post's tags never close.
        (good[..good.find("<createdAt>2020-02-02").unwrap()].to_owned(), "the file ends inside <disqus><post>"),
        (
            good.replace(
                "<isSpam>false</isSpam>\n    <author><name>Inès",
                "<isSpam>false</isSpammed>\n    <author><name>Inès",
            ),
            "malformed XML",
        ),
        (good.replace("&amp;utm_medium", "&utm_medium"), "entity or character reference not closed"),
        (good.replace("&amp;utm_medium", "&nbsp;utm_medium"), "unknown entity &nbsp;"),
        // What would make the reader hold more than it should: a tag of 3 MB, a text of 3 MB, nesting 100 deep.
        (
            good.replace(
                "<isClosed>false</isClosed>",
                &format!("<isClosed x=\"{}\">false</isClosed>", "x".repeat(3 << 20)),
            ),
            "bytes without the end of a tag or text",
        ),
        (
            good.replace("<title>Une page retirée</title>", &format!("<title>{}</title>", "x".repeat(3 << 20))),
            "bytes without the end of a tag or text",
        ),
        (
            good.replace("<message/>", &format!("{}{}", "<m>".repeat(100), "</m>".repeat(100))),
            "elements nested deeper than 64",
        ),
    ];
    for (text, reason) in cases {
        let file = scratch("bad.xml");
        std::fs::write(&file, &text).unwrap();
        let error = migrate::run(&db, Format::Disqus, &file, &options(SITE)).await.unwrap_err().to_string();
        assert!(error.contains(reason) && error.contains("nothing was imported"), "{error}");
        let line = error.split(':').nth(1).and_then(|l| l.parse::<usize>().ok()).expect("file:line:column first");
        assert!(line > 1, "{error}");
        assert_eq!(count(&db, "SELECT count(*) FROM comments").await, 0, "{error}");
        assert_eq!(count(&db, "SELECT count(*) FROM articles").await, 0, "{error}");
    }
    let unknown = scratch("unknown.txt");
    std::fs::write(&unknown, "Titre\nTexte").unwrap();
    let error = migrate::run(&db, Format::Auto, &unknown, &options(SITE)).await.unwrap_err().to_string();
    assert!(error.contains("unknown format"), "{error}");
    // A site no publisher owns is refused before any reading.
    let error = migrate::run(&db, Format::Disqus, &fixture("disqus.xml"), &options("https://elsewhere.example"))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no publisher owns elsewhere.example"), "{error}");
}

/// `text` escaped for XML text.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[tokio::test]
async fn the_attack_corpus_inside_an_export_comes_out_as_text() {
    let db = common::db().await;
    publisher(&db, "Le Courrier", &["partner.example"]).await;
    let app = test_app(db.clone()).await;
    let corpus = crate::embed::corpus();
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\">\n");
    // Each attack as a thread's title, as the HTML of a message and as its author's name.
    for (n, attack) in corpus.iter().enumerate() {
        xml.push_str(&format!(
            "<thread dsq:id=\"{n}\"><link>https://partner.example/a/{n}</link><title>{}</title></thread>\n",
            xml_text(attack)
        ));
    }
    for (n, attack) in corpus.iter().enumerate() {
        xml.push_str(&format!(
            "<post dsq:id=\"{n}\"><message>{}</message><author><name>{}</name></author><thread dsq:id=\"{n}\"/></post>\n",
            xml_text(&format!("<p>Texte {n}</p>{attack}")),
            xml_text(attack)
        ));
    }
    xml.push_str("</disqus>\n");
    let file = scratch("corpus.xml");
    std::fs::write(&file, xml).unwrap();
    let summary = run(&db, Format::Disqus, &file, SITE).await;
    assert_eq!(summary.imported as usize, corpus.len(), "{summary}");

    let active = "script, iframe, img, svg, math, object, embed, base, link, meta, style, [onerror], [onload], [onclick], [style]";
    for (n, attack) in corpus.iter().enumerate() {
        let slug = format!("a-{n}");
        let answer = common::get_first_view(&app, &format!("/api/v1/articles/{slug}/embed")).await;
        assert_eq!(answer.status, 200, "{slug}: {}", answer.json);
        let doc = dom_query::Document::from(answer.json["html"].as_str().unwrap());
        let comment = &answer.json["state"]["comments"]["comments"][0];
        let body = doc.select("li.comment .comment-body");
        // Shown exactly as stored: text, links only where it has web addresses.
        assert_eq!(body.text().as_ref(), comment["body"].as_str().unwrap(), "{n}");
        assert!(comment["body"].as_str().unwrap().starts_with(&format!("Texte {n}")), "{comment}");
        assert_eq!(doc.select("li.comment .comment-author").children().length(), 0, "{n}");
        assert_eq!(doc.select(active).length(), 0, "{n}: {attack}");
    }
}

#[tokio::test]
async fn our_export_read_back_into_another_encart_gives_the_same_export() {
    // A site with native comments (an answer, a deletion), imported ones and a pick.
    let db = common::db().await;
    let (courrier, key) = publisher(&db, "Le Courrier", &["partner.example"]).await;
    let app = test_app(db.clone()).await;
    let article = json!({"title": "Haftar et Poutine", "language": "fr", "source_url": "https://partner.example/monde/haftar-et-poutine/",
                         "body": [{"paragraph": [{"text": "Le texte."}]}]});
    assert_eq!(send(&app, authed("PUT", "/api/v1/articles/haftar", &key, article)).await.status, 201);
    run(&db, Format::Disqus, &fixture("disqus.xml"), SITE).await;
    let uri = "/api/v1/articles/haftar/comments";
    let first =
        common::post(&app, uri, json!({"author": "Nadia", "body": "Natif.\n\nDeux paragraphes."}).to_string()).await;
    let id = first.json["comment"]["id"].as_str().unwrap().to_owned();
    common::post(&app, uri, json!({"author": "Omar", "body": "Réponse native.", "parent": id}).to_string()).await;
    let _ = courrier;

    let exported = export(&db).await;
    assert!(exported.lines().count() > 12, "{exported}");
    for secret in ["client_hash", "edit_token", "@reader.example", "198.51.100.7"] {
        assert!(!exported.contains(secret), "{secret} in {exported}");
    }
    let file = scratch("export.jsonl");
    std::fs::write(&file, &exported).unwrap();
    let other = common::db().await;
    publisher(&other, "Le Courrier", &["partner.example"]).await;
    let summary = run(&other, Format::Auto, &file, SITE).await;
    assert_eq!(summary.format, Some(Format::Encart));
    assert_eq!(export(&other).await, exported);
    // Read again: nothing new.
    assert_eq!(run(&other, Format::Encart, &file, SITE).await.imported, 0);
}

async fn export(db: &Db) -> String {
    let mut out = Vec::new();
    migrate::export(db, SITE, &mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

mod round_trip {
    //! Generated sites: their export, imported, exports the same.

    use encart_api_types::{Article, Block, Inline};
    use encart_server::migrate::encart::{Exported, Record};
    use proptest::prelude::*;

    use super::*;

    /// (article, parent index, author, body, status, seconds, edited, recommends, featured)
    type Generated = (usize, Option<usize>, String, String, &'static str, u32, bool, u8, bool);

    #[derive(Clone, Debug)]
    struct Site {
        articles: Vec<(String, String, Vec<String>)>,
        /// (article, parent index, author, body, status, seconds, edited, recommends, featured)
        comments: Vec<Generated>,
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Zéà ,.!?']{1,40}",
            "[\\PC]{1,20}",
            Just("Deux\n\nparagraphes".to_owned()),
            Just("« guillemets » & <b>balises</b>".to_owned()),
        ]
        .prop_filter("not blank", |t| !t.trim().is_empty() && t.trim() == t)
    }

    fn site() -> impl Strategy<Value = Site> {
        let articles = prop::collection::vec((text(), prop::collection::vec(text(), 0..3)), 1..4);
        articles.prop_flat_map(|articles| {
            let n = articles.len();
            let comment = (
                0..n,
                prop::option::of(any::<prop::sample::Index>()),
                text(),
                text(),
                prop::sample::select(vec!["approved", "approved", "pending", "spam", "rejected", "deleted"]),
                0u32..100_000_000,
                any::<bool>(),
                0u8..5,
                any::<bool>(),
            );
            (Just(articles), prop::collection::vec(comment, 0..25)).prop_map(|(articles, raw)| {
                let articles: Vec<(String, String, Vec<String>)> = articles
                    .into_iter()
                    .enumerate()
                    .map(|(i, (title, paras))| (format!("article-{i}"), title, paras))
                    .collect();
                // Parents: an earlier comment of the same article at depth 0 or 1.
                let mut depth: Vec<usize> = Vec::new();
                let mut comments = Vec::new();
                for (i, (article, parent, author, body, status, secs, edited, recommends, featured)) in
                    raw.into_iter().enumerate()
                {
                    let candidates: Vec<usize> =
                        (0..i).filter(|&j| comments_article(&comments, j) == Some(article) && depth[j] < 2).collect();
                    let parent =
                        parent.filter(|_| !candidates.is_empty()).map(|ix| candidates[ix.index(candidates.len())]);
                    depth.push(parent.map_or(0, |p| depth[p] + 1));
                    comments.push((article, parent, author, body, status, secs, edited, recommends, featured));
                }
                Site { articles, comments }
            })
        })
    }

    fn comments_article(comments: &[Generated], j: usize) -> Option<usize> {
        comments.get(j).map(|c| c.0)
    }

    fn time(secs: u32) -> String {
        encart_server::db::time_text(
            std::time::UNIX_EPOCH + std::time::Duration::from_millis(u64::from(secs) * 1000 + 123),
        )
    }

    /// The site as our export writes it (its documented records).
    fn jsonl(site: &Site) -> String {
        let mut records = Vec::new();
        for (slug, title, paras) in &site.articles {
            let body = paras.iter().map(|p| Block::Paragraph(vec![Inline::Text(p.clone())])).collect();
            records.push(Record::Article(Article {
                slug: slug.clone(),
                title: title.clone(),
                byline: None,
                published: None,
                language: "fr".into(),
                dir: None,
                lead: None,
                body,
                source_url: Some(format!("https://partner.example/{slug}")),
                updated: None,
            }));
        }
        for (i, (article, parent, author, body, status, secs, edited, recommends, featured)) in
            site.comments.iter().enumerate()
        {
            let deleted = *status == "deleted";
            records.push(Record::Comment(Exported {
                id: format!("gen:{i}"),
                article: site.articles[*article].0.clone(),
                parent: parent.map(|p| format!("gen:{p}")),
                author: if deleted { String::new() } else { author.clone() },
                body: if deleted { String::new() } else { body.clone() },
                status: (*status).to_owned(),
                created: time(*secs),
                edited: edited.then(|| time(secs + 60)),
                recommends: i64::from(*recommends),
                featured: featured.then(|| time(secs + 120)),
            }));
        }
        records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn a_generated_site_survives_export_and_import_exactly(site in site()) {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                let input = jsonl(&site);
                let file = scratch("generated.jsonl");
                std::fs::write(&file, &input).unwrap();
                let first = common::db().await;
                publisher(&first, "Le Courrier", &["partner.example"]).await;
                run(&first, Format::Encart, &file, SITE).await;
                let exported = export(&first).await;
                assert_eq!(exported, input, "import then export gives the file back");
                let second = common::db().await;
                publisher(&second, "Le Courrier", &["partner.example"]).await;
                let again = scratch("again.jsonl");
                std::fs::write(&again, &exported).unwrap();
                run(&second, Format::Encart, &again, SITE).await;
                assert_eq!(export(&second).await, exported);
            });
        }
    }
}

#[tokio::test]
async fn a_comment_listed_twice_in_one_file_is_imported_once() {
    let db = common::db().await;
    publisher(&db, "Le Courrier", &["partner.example"]).await;
    let post = r#"<post dsq:id="1"><message>Une fois.</message><thread dsq:id="1"/></post>"#;
    let xml = format!(
        "<disqus xmlns:dsq=\"x\"><thread dsq:id=\"1\"><link>https://partner.example/a</link></thread>{post}{post}</disqus>"
    );
    let file = scratch("twice.xml");
    std::fs::write(&file, xml).unwrap();
    let summary = run(&db, Format::Disqus, &file, SITE).await;
    assert_eq!((summary.imported, summary.skipped.get("already imported")), (1, Some(&1)), "{summary}");
    assert_eq!(count(&db, "SELECT count(*) FROM comments").await, 1);
}

// Two threads: in production the import and the server are two processes,
// and the import's parsing never keeps the server's requests from running.
// (On one thread, the full suite's load once starved the readers' posts:
// one in the whole import.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_goes_on_while_the_server_takes_comments_on_the_same_database() {
    let db = common::db().await;
    publisher(&db, "Le Courrier", &["partner.example"]).await;
    let app = test_app(db.clone()).await;
    let mut xml = String::from("<disqus xmlns:dsq=\"x\">");
    for t in 0..30 {
        xml.push_str(&format!("<thread dsq:id=\"{t}\"><link>https://partner.example/t/{t}</link></thread>"));
    }
    for n in 0..3_000 {
        let parent = if n >= 30 && n % 3 == 0 { format!("<parent dsq:id=\"{}\"/>", n - 30) } else { String::new() };
        xml.push_str(&format!(
            "<post dsq:id=\"{n}\"><message>&lt;p&gt;n° {n}&lt;/p&gt;</message><thread dsq:id=\"{}\"/>{parent}</post>",
            n % 30
        ));
    }
    xml.push_str("</disqus>");
    let file = scratch("busy.xml");
    std::fs::write(&file, xml).unwrap();
    // Readers post on another article the whole time, through other connections.
    let (key, _) = (common::publisher(&db, "Autre", &["autre.example"]).await.1, ());
    let article = json!({"title": "Autre", "language": "fr", "body": [{"paragraph": [{"text": "Texte."}]}]});
    assert_eq!(send(&app, authed("PUT", "/api/v1/articles/autre", &key, article)).await.status, 201);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (app, done) = (
            common::test_app_with(db.clone(), encart_server::Moderation::Open, encart_server::PostRate::unlimited())
                .await,
            done.clone(),
        );
        tokio::spawn(async move {
            let mut posted = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let body = json!({"author": "Lectrice", "body": format!("Pendant l'import, n° {posted}.")}).to_string();
                let answer = common::post(&app, "/api/v1/articles/autre/comments", body).await;
                assert_eq!(answer.status, 201, "{}", answer.json);
                posted += 1;
            }
            posted
        })
    };
    let summary = migrate::run(&db, Format::Disqus, &file, &options(SITE)).await;
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let posted = writer.await.unwrap();
    let summary = summary.unwrap();
    assert_eq!(summary.imported, 3_000, "{summary}");
    assert!(posted > 10, "the readers' posts went on meanwhile: {posted}");
    assert_eq!(count(&db, "SELECT count(*) FROM comments WHERE source IS NOT NULL").await, 3_000);
}

#[tokio::test]
async fn answers_whose_parents_answer_them_back_stay_at_the_top_level() {
    let db = common::db().await;
    publisher(&db, "Le Courrier", &["partner.example"]).await;
    // A answers X and B answers Y, both read before them; X answers B and Y
    // answers A: two cycles through comments read later, which the source should
    // not hold but an import must survive.
    let post = |id: &str, parent: &str| {
        format!(
            "<post dsq:id=\"{id}\"><message>{id}</message><thread dsq:id=\"1\"/><parent dsq:id=\"{parent}\"/></post>"
        )
    };
    let xml = format!(
        "<disqus xmlns:dsq=\"x\"><thread dsq:id=\"1\"><link>https://partner.example/a</link></thread>{}{}{}{}{}</disqus>",
        post("A", "X"),
        post("B", "Y"),
        post("X", "B"),
        post("Y", "A"),
        post("C", "C")
    );
    let file = scratch("cycles.xml");
    std::fs::write(&file, xml).unwrap();
    // (Adopting A first once made B's adoption walk the cycle for ever.)
    let summary = tokio::time::timeout(std::time::Duration::from_secs(60), run(&db, Format::Disqus, &file, SITE))
        .await
        .expect("the import ends");
    assert_eq!((summary.imported, summary.orphans), (5, 0), "{summary}");
    // Every comment reaches the top level by its parents, none twice.
    let rows: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, parent_id FROM comments").fetch_all(&db).await.unwrap();
    for (id, _) in &rows {
        let mut at = Some(*id);
        let mut steps = 0;
        while let Some(current) = at {
            at = rows.iter().find(|(i, _)| *i == current).unwrap().1;
            steps += 1;
            assert!(steps <= 3, "comment {id} is in a cycle: {rows:?}");
        }
    }
}
