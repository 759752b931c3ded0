//! E-mail through a real SMTP server: aiosmtpd (installed by `cargo xtask
//! setup`, named by `ENCART_SMTPD`) writing what it receives to a maildir,
//! each message parsed here. Moderators' digests: one per interval, gathered,
//! in the site's language, multipart, with a link to the queue; an SMTP server
//! that is down for a while gets the digest once it is back.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::process::{UNLIMITED, serve_with};
use common::{empty_database, publishers_article};
use encart_server::db;

use crate::webhooks::post_many;

/// aiosmtpd on 127.0.0.1:`port`, keeping messages in `maildir`.
pub struct Smtpd {
    _child: tokio::process::Child,
}

pub fn smtpd_command() -> PathBuf {
    std::env::var_os("ENCART_SMTPD").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        home.join(".cache/encart/aiosmtpd-1.4.6/bin/aiosmtpd")
    })
}

impl Smtpd {
    pub async fn start(port: u16, maildir: &Path) -> Smtpd {
        let command = smtpd_command();
        assert!(command.is_file(), "no aiosmtpd at {}: run `cargo xtask setup`", command.display());
        let child = tokio::process::Command::new(command)
            .args(["-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let start = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "aiosmtpd listens within 20 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Smtpd { _child: child }
    }

    /// A server on a free port that keeps its mail in the maildir of a new
    /// scratch folder `name`: the server, the maildir and the server's URL.
    pub async fn in_scratch(name: &str) -> (Smtpd, PathBuf, String) {
        let maildir = scratch(name).join("maildir");
        let port = free_port();
        (Smtpd::start(port, &maildir).await, maildir, format!("smtp://127.0.0.1:{port}"))
    }
}

/// A port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mail-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One received message, parsed.
#[derive(Debug)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub text: String,
    pub html: String,
    pub arrived: Instant,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The messages an SMTP server kept in its maildir, as they arrive.
pub struct Inbox {
    maildir: PathBuf,
    read: Vec<PathBuf>,
    pub seen: Vec<Received>,
}

impl Inbox {
    pub fn new(maildir: &Path) -> Inbox {
        Inbox { maildir: maildir.to_owned(), read: Vec::new(), seen: Vec::new() }
    }

    /// Reads what arrived until `count` messages in all have, within `wait`.
    pub async fn until(&mut self, count: usize, wait: Duration) {
        messages(&self.maildir, count, &mut self.read, &mut self.seen, wait).await;
    }
}

async fn messages(maildir: &Path, count: usize, read: &mut Vec<PathBuf>, seen: &mut Vec<Received>, wait: Duration) {
    let start = Instant::now();
    loop {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(maildir.join("new")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort_by_key(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok());
        for file in files {
            if read.contains(&file) {
                continue;
            }
            let bytes = std::fs::read(&file).unwrap();
            let parsed = mailparse::parse_mail(&bytes).unwrap();
            let headers = parsed.headers.iter().map(|h| (h.get_key(), h.get_value())).collect();
            let part = |mime: &str| {
                parsed
                    .subparts
                    .iter()
                    .find(|p| p.ctype.mimetype == mime)
                    .map(|p| p.get_body().unwrap())
                    .unwrap_or_default()
            };
            let text = part("text/plain").replace("\r\n", "\n");
            seen.push(Received { headers, text, html: part("text/html"), arrived: Instant::now() });
            read.push(file);
        }
        if seen.len() >= count {
            return;
        }
        assert!(start.elapsed() < wait, "{} of {count} messages after {wait:?}", seen.len());
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_get_one_gathered_digest_per_interval_even_when_smtp_was_down() {
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    publishers_article(&database, "La Vigie", "vigie.example", "modere").await;
    let dir = scratch("digest");
    let sites = dir.join("sites.toml");
    std::fs::write(
        &sites,
        "[[site]]\norigin = \"https://vigie.example\"\nlanguage = \"fr\"\nmoderation = \"pre\"\n\
         moderators = [\"modo@vigie.example\", \"chef@vigie.example\"]\n",
    )
    .unwrap();
    let port = free_port();
    let smtp = format!("smtp://127.0.0.1:{port}");
    let flags = [
        &UNLIMITED[..],
        &["--sites", sites.to_str().unwrap(), "--smtp-url", &smtp, "--mail-from", "encart <moderation@encart.example>"],
        &["--public-url", "https://api.encart.example", "--digest-every-secs", "3", "--delivery-first-retry-ms", "100"],
    ]
    .concat();
    let (_server, address) = serve_with(&url, &flags).await;

    // Two comments held while the SMTP server is down: one digest, sent once it is up.
    post_many(&address, "modere", 2).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let maildir = dir.join("maildir");
    let _smtpd = Smtpd::start(port, &maildir).await;
    let mut inbox = Inbox::new(&maildir);
    inbox.until(1, Duration::from_secs(20)).await;
    let first = &inbox.seen[0];
    assert_eq!(first.header("Subject"), Some("Modération : 2 commentaires en attente"));
    assert_eq!(first.header("To"), Some("modo@vigie.example, chef@vigie.example"));
    assert_eq!(first.header("From"), Some("encart <moderation@encart.example>"));
    assert!(first.header("Message-ID").is_some_and(|id| id.ends_with("@encart>")), "{:?}", first.header("Message-ID"));
    assert!(first.header("Content-Type").unwrap().starts_with("multipart/alternative"));
    assert!(first.text.contains("2 commentaires de https://vigie.example"), "{}", first.text);
    assert!(first.text.contains("https://api.encart.example/admin"), "{}", first.text);
    assert!(
        first.html.contains(r#"<a href="https://api.encart.example/admin">Ouvrir la file de modération</a>"#),
        "{}",
        first.html
    );

    // Three more within the interval: one more digest, no sooner than 3 s after the first, for all five.
    post_many(&address, "modere", 3).await;
    inbox.until(2, Duration::from_secs(20)).await;
    let seen = &inbox.seen;
    let gap = seen[1].arrived - seen[0].arrived;
    assert!(gap >= Duration::from_millis(2500), "the second digest waits out the interval: {gap:?}");
    assert_eq!(seen[1].header("Subject"), Some("Modération : 5 commentaires en attente"));
    assert_ne!(seen[0].header("Message-ID"), seen[1].header("Message-ID"));
    tokio::time::sleep(Duration::from_secs(4)).await;
    inbox.until(2, Duration::from_secs(1)).await;
    assert_eq!(inbox.seen.len(), 2, "nothing more to tell");
}

/// A comment on `slug` through `address` with these fields; the answer's status and JSON.
async fn comment(address: &str, slug: &str, fields: serde_json::Value) -> (u16, serde_json::Value) {
    let json = fields.to_string();
    let request = format!(
        "POST /api/v1/articles/{slug}/comments HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{json}",
        json.len()
    );
    common::process::exchange(address, &request).await.unwrap()
}

/// The id of a comment posted as `fields`, checked.
async fn posted(address: &str, slug: &str, fields: serde_json::Value) -> String {
    let (status, json) = comment(address, slug, fields).await;
    assert_eq!(status, 201, "{json}");
    json["comment"]["id"].as_str().unwrap().to_owned()
}

/// The first link of `text` that starts with `prefix`, as a path and query on the test server.
fn link(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).unwrap_or_else(|| panic!("no {prefix} in {text}"));
    let url = text[start..].split_whitespace().next().unwrap().trim_end_matches('>');
    url.strip_prefix("https://api.encart.example").unwrap().to_owned()
}

/// `method` on `path` of the server at `address`: status and body.
async fn fetch(address: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.0\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response[9..12].parse().unwrap();
    (status, response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_confirms_once_then_gets_answers_gathered_escaped_and_can_unsubscribe_in_one_click() {
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    publishers_article(&database, "Le Courrier", "courrier.example", "ouvert").await;
    let (_smtpd, maildir, smtp) = Smtpd::in_scratch("replies").await;
    let flags = [
        &UNLIMITED[..],
        &["--smtp-url", &smtp, "--mail-from", "encart <reponses@encart.example>"],
        &[
            "--public-url",
            "https://api.encart.example",
            "--replies-every-secs",
            "3",
            "--delivery-first-retry-ms",
            "100",
        ],
    ]
    .concat();
    let (_server, address) = serve_with(&url, &flags).await;
    let (_, page) =
        common::process::exchange(&address, "GET /api/v1/articles/ouvert/comments HTTP/1.0\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
    assert_eq!(page["commenting"]["notifications"], true, "the form offers it: {page}");

    // Léa asks to be told; a bad address is refused with the field named, and nothing stored.
    let lea = |body: &str, parent: Option<&str>| {
        serde_json::json!({"author": "Léa", "body": body, "parent": parent, "notify": true,
                           "email": "Lea@Lecteurs.example", "page": "https://courrier.example/ouvert?via=une#commentaires"})
    };
    let (status, refused) =
        comment(&address, "ouvert", serde_json::json!({"author": "Léa", "body": "x", "notify": true, "email": "lea@"}))
            .await;
    assert_eq!((status, &refused["error"]["fields"]["email"]), (422, &serde_json::json!("invalid")));
    let first = posted(&address, "ouvert", lea("Qui connaît le dossier libyen ?", None)).await;
    let mut inbox = Inbox::new(&maildir);
    inbox.until(1, Duration::from_secs(20)).await;
    let confirm = &inbox.seen[0];
    assert_eq!(confirm.header("To"), Some("lea@lecteurs.example"));
    assert_eq!(confirm.header("Subject"), Some("Confirmez votre adresse pour être prévenu des réponses"));
    let confirm_link = link(&confirm.text, "https://api.encart.example/api/v1/mail/confirm");
    // Bruno answers before Léa confirms: nothing but the confirmation goes to an unconfirmed address.
    let bruno = posted(
        &address,
        "ouvert",
        serde_json::json!({"author": "Bruno", "body": "Moi.\nDepuis 2011.", "parent": first}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    inbox.until(1, Duration::from_secs(1)).await;
    assert_eq!(inbox.seen.len(), 1, "no answers before the address is confirmed");

    // The link shows a button (a link scanner's GET confirms nothing); its POST confirms.
    let (status, shown) = fetch(&address, "GET", &confirm_link, "").await;
    assert_eq!(status, 200);
    assert!(shown.contains("<form method=\"post\"") && shown.contains("Confirmer"), "{shown}");
    let (status, _) = fetch(&address, "GET", &confirm_link.replace("t=", "t=x"), "").await;
    assert_eq!(status, 400, "a forged link does nothing");
    let (status, done) = fetch(&address, "POST", &confirm_link, "").await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("Adresse confirmée"));

    // Confirmed: the answer that came meanwhile arrives.
    inbox.until(2, Duration::from_secs(20)).await;
    let answered = &inbox.seen[1];
    assert!(
        answered.header("Subject").unwrap().starts_with("Bruno a répondu à votre commentaire sur « "),
        "{:?}",
        answered.header("Subject")
    );
    assert!(answered.text.contains("Moi.\nDepuis 2011."), "{}", answered.text);
    assert!(
        answered.text.contains(&format!("https://courrier.example/ouvert?via=une#encart-comment-{bruno}")),
        "{}",
        answered.text
    );
    let unsubscribe = answered.header("List-Unsubscribe").unwrap().to_owned();
    assert!(unsubscribe.starts_with("<https://api.encart.example/api/v1/mail/unsubscribe?t="), "{unsubscribe}");
    assert_eq!(answered.header("List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
    let thread = answered.header("References").unwrap().to_owned();
    assert_eq!(answered.header("In-Reply-To"), Some(thread.as_str()));

    // Within the interval: an answer below Bruno's (any depth) full of hostile text, Léa's own
    // answer, and one deleted before the e-mail goes. One e-mail, 3 s after the last, with the first only.
    let hostile: String = crate::embed::corpus()
        .into_iter()
        .filter(|line| encart_api_types::check_body(line).is_ok())
        .scan(0, |size, line| {
            *size += line.len() + 1;
            (*size < 4800).then_some(line)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let chloe =
        posted(&address, "ouvert", serde_json::json!({"author": "Chloé <b>", "body": hostile, "parent": bruno})).await;
    posted(&address, "ouvert", lea("Merci Bruno.", Some(&bruno))).await;
    let (status, gone) =
        comment(&address, "ouvert", serde_json::json!({"author": "Denis", "body": "Oups.", "parent": first})).await;
    assert_eq!(status, 201);
    let delete = format!(
        "DELETE /api/v1/articles/ouvert/comments/{} HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer {}\r\n\r\n",
        gone["comment"]["id"].as_str().unwrap(),
        gone["edit_token"].as_str().unwrap()
    );
    assert_eq!(common::process::exchange(&address, &delete).await.unwrap().0, 204);
    inbox.until(3, Duration::from_secs(20)).await;
    let gathered = &inbox.seen[2];
    let gap = gathered.arrived - inbox.seen[1].arrived;
    assert!(gap >= Duration::from_millis(2500), "answers wait out the interval: {gap:?}");
    assert!(gathered.header("Subject").unwrap().starts_with("Chloé <b> a répondu"), "{:?}", gathered.header("Subject"));
    assert_eq!(gathered.header("References"), Some(thread.as_str()), "one conversation in mail clients");
    assert!(gathered.text.contains(&hostile), "the text part says it as typed");
    assert!(!gathered.text.contains("Oups.") && !gathered.text.contains("Merci Bruno."), "{}", gathered.text);
    assert!(gathered.text.contains(&format!("#encart-comment-{chloe}")));
    let document = dom_query::Document::from(gathered.html.as_str());
    let active = "script, iframe, img, svg, math, object, embed, base, link, form, [onerror], [onload], [onclick]";
    assert_eq!(document.select(active).length(), 0, "no markup of the reader's comes alive");
    assert_eq!(document.select("meta").length(), 1, "ours (the charset) only");
    for a in document.select("a").iter() {
        let href = a.attr("href").unwrap_or_default().to_string();
        assert!(
            href.starts_with("https://courrier.example/") || href.starts_with("https://api.encart.example/"),
            "{href}"
        );
    }
    assert!(document.text().contains("Chloé <b>"), "the name shows as text");

    // One click (RFC 8058): no more answers from this discussion.
    let one_click = unsubscribe.trim_matches(['<', '>']).strip_prefix("https://api.encart.example").unwrap().to_owned();
    let (status, _) = fetch(&address, "POST", &one_click, "List-Unsubscribe=One-Click").await;
    assert_eq!(status, 200);
    posted(&address, "ouvert", serde_json::json!({"author": "Émile", "body": "Et moi ?", "parent": first})).await;

    // Léa comments again (already confirmed: no new link); Émile answers; she stops everything by GET.
    let second = posted(&address, "ouvert", lea("Autre question.", None)).await;
    posted(&address, "ouvert", serde_json::json!({"author": "Émile", "body": "Réponse.", "parent": second})).await;
    inbox.until(4, Duration::from_secs(20)).await;
    let last = &inbox.seen[3];
    assert!(
        last.text.contains("Réponse.") && !last.text.contains("Et moi ?"),
        "the first discussion is unsubscribed: {}",
        last.text
    );
    // The text's last link: no more e-mail at all.
    let stop_all = last.text.split_whitespace().rfind(|word| word.contains("/api/v1/mail/unsubscribe?")).unwrap();
    let stop_all = stop_all.strip_prefix("https://api.encart.example").unwrap().to_owned();
    let (status, page) = fetch(&address, "GET", &stop_all, "").await;
    assert_eq!(status, 200);
    assert!(page.contains("Vous ne recevrez plus aucun e-mail"), "{page}");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_addresses").fetch_one(&database).await.unwrap();
    let subscribed: i64 = sqlx::query_scalar("SELECT count(*) FROM subscriptions").fetch_one(&database).await.unwrap();
    let hashed: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_unsubscribed").fetch_one(&database).await.unwrap();
    assert_eq!((stored, subscribed, hashed), (0, 0, 1), "the address is forgotten, only its keyed hash kept");
    // Anyone may type it into a form again: no e-mail goes to it, not even a link to confirm.
    posted(&address, "ouvert", lea("Encore moi ?", None)).await;
    assert_eq!(count(&database, "mail_addresses").await, 0);
    posted(&address, "ouvert", serde_json::json!({"author": "Émile", "body": "Encore.", "parent": second})).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    inbox.until(4, Duration::from_secs(1)).await;
    assert_eq!(inbox.seen.len(), 4, "nothing after unsubscribing");
}

/// `SELECT count(*)` of `what` (a table and its condition).
async fn count(db: &encart_server::db::Db, what: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {what}")).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn subscriptions_follow_sign_in_deletions_and_retention_and_need_a_server_that_sends_e_mail() {
    use crate::identity::{
        CLOSED_ARTICLE, CLOSED_SITE, PARTNER_ARTICLE, SECRET, articles, claims, request, sign, state_for,
    };
    use axum::http::StatusCode;
    use jsonwebtoken::Algorithm;

    let db = common::db().await;
    articles(&db).await;
    let token = |sub: &str, name: &str| sign(Algorithm::HS256, SECRET, &claims(CLOSED_SITE, sub, name));
    let ask = |parent: Option<&str>| serde_json::json!({ "body": "Une question ?", "parent": parent, "notify": true });
    let post = |app: axum::Router, slug: &str, token: Option<String>, body: serde_json::Value| {
        let uri = format!("/api/v1/articles/{slug}/comments");
        async move { common::send(&app, request("POST", &uri, token.as_deref(), Some(body))).await }
    };

    // A server without SMTP: asking for answers is refused by name, and nothing is stored.
    let without =
        common::router_for(state_for(&db, &["partner-ed25519.pub.pem"]), encart_server::PostRate::unlimited());
    let refused = post(without, CLOSED_ARTICLE, Some(token("ana", "Ana")), ask(None)).await;
    common::assert_error(&refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(refused.json["error"]["fields"]["notify"], "unavailable");
    assert_eq!(count(&db, "comments").await, 0);

    let state = state_for(&db, &["partner-ed25519.pub.pem"]).with_notifications(true);
    let app = common::router_for(state, encart_server::PostRate::unlimited());
    // Signed in with an e-mail in the token: confirmed at once, no link to confirm.
    let asked = post(app.clone(), CLOSED_ARTICLE, Some(token("ana", "Ana")), ask(None)).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.json);
    let ana = asked.json["comment"]["id"].as_str().unwrap().to_owned();
    assert_eq!(count(&db, "mail_addresses WHERE email = 'ana@readers.example' AND confirmed_at IS NOT NULL").await, 1);
    assert_eq!(count(&db, "outbox WHERE channel = 'confirm'").await, 0);
    // Two answers from Ben: one message waits for both.
    for _ in 0..2 {
        let answer = serde_json::json!({ "body": "Voici.", "parent": ana });
        assert_eq!(
            post(app.clone(), CLOSED_ARTICLE, Some(token("ben", "Ben")), answer).await.status,
            StatusCode::CREATED
        );
    }
    assert_eq!(count(&db, "outbox WHERE channel = 'reply' AND state = 'pending'").await, 1);
    // Ana's own answer below Ben's is not news to her.
    let own = serde_json::json!({ "body": "Merci !", "parent": ana });
    assert_eq!(post(app.clone(), CLOSED_ARTICLE, Some(token("ana", "Ana")), own).await.status, StatusCode::CREATED);
    let (address, article): (i64, i64) =
        sqlx::query_as("SELECT address_id, article_id FROM subscriptions").fetch_one(&db).await.unwrap();
    let answers = encart_server::comments::answers_for(&db, address, article, 0, 10).await.unwrap();
    assert_eq!(answers.iter().map(|a| a.author.as_str()).collect::<Vec<_>>(), ["Ben", "Ben"]);

    // An anonymous reader's address, never confirmed, is forgotten after 7 days with its subscription.
    let anonymous =
        serde_json::json!({ "author": "Zoé", "body": "Et alors ?", "notify": true, "email": "zoe@lecteurs.example" });
    assert_eq!(post(app.clone(), PARTNER_ARTICLE, None, anonymous).await.status, StatusCode::CREATED);
    assert_eq!(count(&db, "outbox WHERE channel = 'confirm'").await, 1, "a link to confirm it");
    encart_server::retention::forget_addresses(&db, 30).await.unwrap();
    assert_eq!(count(&db, "mail_addresses").await, 2, "kept while it may still be confirmed");
    sqlx::query(
        "UPDATE mail_addresses SET created_at = '2026-01-01T00:00:00.000Z' WHERE email = 'zoe@lecteurs.example'",
    )
    .execute(&db)
    .await
    .unwrap();
    encart_server::retention::forget_addresses(&db, 30).await.unwrap();
    assert_eq!(count(&db, "mail_addresses WHERE email = 'zoe@lecteurs.example'").await, 0);
    assert_eq!(count(&db, "subscriptions").await, 1);

    // Ana erases everything: her subscription goes with her comments, then her address.
    let erased = common::send(&app, request("DELETE", "/api/v1/me/comments", Some(&token("ana", "Ana")), None)).await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.json);
    assert_eq!(count(&db, "subscriptions").await, 0);
    encart_server::retention::forget_addresses(&db, 30).await.unwrap();
    assert_eq!(count(&db, "mail_addresses").await, 0, "no address kept that nothing needs");
}

/// The e-mails and their link pages speak the article's language: a Czech
/// article's reader gets the confirmation, the link page and two answers
/// gathered in Czech ("2 nové odpovědi", Czech's "few").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_czech_articles_reader_is_written_to_in_czech() {
    let url = empty_database().await;
    let database = db::connect(&url).await.unwrap();
    publishers_article(&database, "Zpravodaj", "zpravodaj.example", "clanek").await;
    let mut article = encart_server::articles::find(&database, "clanek").await.unwrap().unwrap();
    article.language = "cs".into();
    article.title = "Haftar a Putin".into();
    encart_server::articles::save(&database, &article, encart_server::articles::Author::Operator).await.unwrap();
    let (_smtpd, maildir, smtp) = Smtpd::in_scratch("czech").await;
    let flags = [
        &UNLIMITED[..],
        &["--smtp-url", &smtp, "--mail-from", "encart <odpovedi@encart.example>"],
        &["--public-url", "https://api.encart.example", "--replies-every-secs", "2"],
    ]
    .concat();
    let (_server, address) = serve_with(&url, &flags).await;
    let first = posted(
        &address,
        "clanek",
        serde_json::json!({"author": "Jana", "body": "Kdo to sleduje?", "notify": true, "email": "jana@ctenari.example"}),
    )
    .await;
    let mut inbox = Inbox::new(&maildir);
    inbox.until(1, Duration::from_secs(20)).await;
    let confirm = &inbox.seen[0];
    assert_eq!(confirm.header("Subject"), Some("Potvrďte adresu pro upozornění na odpovědi"));
    assert!(confirm.text.contains("u článku „Haftar a Putin“"), "{}", confirm.text);
    assert!(confirm.html.contains("<html lang=\"cs\">"), "{}", confirm.html);
    let confirm_link = link(&confirm.text, "https://api.encart.example/api/v1/mail/confirm");
    let (status, shown) = fetch(&address, "GET", &confirm_link, "").await;
    assert_eq!(status, 200);
    assert!(shown.contains("lang=\"cs\"") && shown.contains("Potvrdit</button>"), "{shown}");
    // Two answers before Jana confirms: one e-mail once she does, in Czech's "few" form.
    for (author, body) in [("Petr", "Já."), ("Eva", "Já taky.")] {
        posted(&address, "clanek", serde_json::json!({"author": author, "body": body, "parent": first})).await;
    }
    let (status, done) = fetch(&address, "POST", &confirm_link, "").await;
    assert_eq!((status, done.contains("Adresa potvrzena")), (200, true), "{done}");
    inbox.until(2, Duration::from_secs(20)).await;
    let gathered = &inbox.seen[1];
    assert_eq!(gathered.header("Subject"), Some("2 nové odpovědi na váš komentář u článku „Haftar a Putin“"));
    assert!(gathered.text.contains("Petr napsal(a):\n\nJá."), "{}", gathered.text);
    assert!(gathered.text.contains("Už neposílat žádné e-maily: https://api.encart.example/"), "{}", gathered.text);
}
