//! The attacks of the security review, each performed as an attacker would:
//! through `app()` where a request is the attack, against the server binary
//! where connections, threads and memory are. Each failed on the code before
//! its fix (a crash, a frozen or starved server, a bypass).

use crate::common;

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::process::{self, serve_with};
use common::*;
use encart_api_types::{Block, Inline, MAX_INLINE_DEPTH};
use encart_server::{AppState, Moderation, PostRate, admin, app};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

fn comments_uri() -> String {
    format!("/api/v1/articles/{SLUG}/comments")
}

/// A request as sent from `peer` (what the listener gives each connection).
fn from(peer: IpAddr, mut request: Request<Body>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo(SocketAddr::new(peer, 40000)));
    request
}

fn comment(author: &str, body: &str) -> Request<Body> {
    Request::post(comments_uri())
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"author": author, "body": body}).to_string()))
        .unwrap()
}

/// The app without the test helpers' fixed peer address: each request says its own.
fn bare_app(state: AppState, rate: PostRate) -> Router {
    app(state, encart_server::AllowedOrigins::Any, rate)
}

/// How deep the formatting of `inlines` goes.
fn inline_depth(inlines: &[Inline]) -> usize {
    inlines.iter().map(Inline::depth).max().unwrap_or(0)
}

#[tokio::test]
async fn a_publishers_document_nested_ten_thousand_deep_is_refused_at_once_and_crashes_nothing() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "Profond", &[]).await;
    let put = |slug: &str, document: Value| authed("PUT", &format!("/api/v1/articles/{slug}"), &key, document);

    // Ten thousand nested elements (50 KB) overflowed the stack and aborted the process; as many
    // as a 2 MiB body holds would keep the HTML parser busy for minutes. Both refused at once.
    for levels in [10_000, 400_000] {
        let html = format!("{}<p>Le fond du puits.</p>", "<div>".repeat(levels));
        let started = Instant::now();
        let answer = send(&app, put("puits", json!({"title": "Puits", "language": "fr", "html": html}))).await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(answer.json["error"]["fields"]["html"], "too_deep", "{levels} levels");
        assert!(started.elapsed() < Duration::from_secs(5), "{levels} levels refused after {:?}", started.elapsed());
    }
    assert_eq!(get(&app, "/api/v1/articles/puits").await.status, StatusCode::NOT_FOUND, "nothing stored");
    // Deeper than browsers keep (512), within what is parsed: stored, its text kept.
    let html = format!("{}<p>Le fond du puits.</p>", "<div>".repeat(1_500));
    let answer = send(&app, put("puits", json!({"title": "Puits", "language": "fr", "html": html}))).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    assert_eq!(answer.json["body"][0]["paragraph"][0]["text"], "Le fond du puits.");
    // Inline formatting 70 deep: stored, and readable back (it was a 500 when the row was decoded).
    let html = format!("<p>{}au fond</p>", "<em>".repeat(70));
    let answer = send(&app, put("italiques", json!({"title": "Italiques", "language": "fr", "html": html}))).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let shown = get(&app, "/api/v1/articles/italiques").await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.json);
    let body: Vec<Block> = serde_json::from_value(shown.json["body"].clone()).unwrap();
    let Block::Paragraph(inlines) = &body[0] else { panic!("a paragraph: {body:?}") };
    assert!(inline_depth(inlines) <= MAX_INLINE_DEPTH, "{inlines:?}");
    assert_eq!(body[0].plain_text(), "au fond");

    // Structured blocks nested past the limit are refused whole, nothing stored.
    let mut nested = json!({"text": "trop"});
    for _ in 0..MAX_INLINE_DEPTH + 1 {
        nested = json!({"emphasis": [nested]});
    }
    let document = json!({"title": "Trop", "language": "fr", "body": [{"paragraph": [nested]}]});
    let refused = send(&app, put("trop", document)).await;
    assert_error(&refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(refused.json["error"]["fields"]["body"], "too_deep");
    assert_eq!(get(&app, "/api/v1/articles/trop").await.status, StatusCode::NOT_FOUND);

    // More elements than any article page has: refused, with its own code.
    let html = "<p>x</p>".repeat(encart_server::import::MAX_ELEMENTS);
    let refused = send(&app, put("vaste", json!({"title": "Vaste", "language": "fr", "html": html}))).await;
    assert_eq!(refused.json["error"]["fields"]["html"], "too_complex", "{}", refused.json);
    assert_eq!(get(&app, "/api/v1/articles/vaste").await.status, StatusCode::NOT_FOUND);
}

/// A site on this machine serving `page` at `/page.html`; its base URL.
async fn site_serving(page: String) -> String {
    let site =
        axum::Router::new().route("/page.html", axum::routing::get(move || async move { axum::response::Html(page) }));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, site).await });
    format!("http://127.0.0.1:{port}")
}

/// An article page whose text sits `depth` elements deep, with `filler`
/// paragraphs of text around it.
fn page(depth: usize, filler: usize) -> String {
    let paragraph =
        "<p>Le conseil municipal a voté mardi le budget de la ville, après un long débat sur les écoles.</p>";
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><title>Un budget voté</title></head><body><article>\
         <h1>Un budget voté</h1>{}{}{}</article></body></html>",
        paragraph.repeat(filler),
        "<div>".repeat(depth),
        paragraph.repeat(3)
    )
}

#[tokio::test]
async fn a_url_import_of_a_page_eight_thousand_deep_or_too_large_is_refused_and_crashes_nothing() {
    let db = common::db().await;
    let state = AppState::new(db.clone(), Moderation::Open).unwrap().allow_private_imports();
    let app = router_for(state, PostRate::default());
    let (_, key) = publisher(&db, "Profond", &["127.0.0.1"]).await;
    let deep = site_serving(page(8_000, 5)).await;
    let answer = send(&app, authed("POST", "/api/v1/imports", &key, json!({"url": format!("{deep}/page.html")}))).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "too_deep");
    // Deeper than browsers keep, within what is parsed: imported, its text kept.
    let deep = site_serving(page(1_500, 5)).await;
    let answer = send(&app, authed("POST", "/api/v1/imports", &key, json!({"url": format!("{deep}/page.html")}))).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    assert!(answer.json["body"].to_string().contains("budget de la ville"));

    let huge = site_serving("<p>Encore un paragraphe.</p>".repeat(encart_server::import::MAX_ELEMENTS)).await;
    let answer = send(&app, authed("POST", "/api/v1/imports", &key, json!({"url": format!("{huge}/page.html")}))).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "too_complex");
}

/// One async worker only: if an import's extraction ran on it, nothing else
/// could be answered until it ended.
#[tokio::test(flavor = "current_thread")]
async fn imports_being_extracted_leave_every_other_request_answered() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = AppState::new(db.clone(), Moderation::Open).unwrap().allow_private_imports();
    let app = router_for(state, PostRate::default());
    let (_, key) = publisher(&db, "Lourd", &["127.0.0.1"]).await;
    // The heaviest page the limits let through: deep and long.
    let heavy = site_serving(page(encart_server::import::MAX_DEPTH - 10, 2_000)).await;
    let imports: Vec<_> = (0..2)
        .map(|_| {
            let request = authed("POST", "/api/v1/imports", &key, json!({"url": format!("{heavy}/page.html")}));
            tokio::spawn(send_owned(app.clone(), request))
        })
        .collect();
    // Reads while they run: each is answered while both imports are still extracting.
    let mut answered_during = 0;
    while imports.iter().any(|i| !i.is_finished()) {
        let read = get(&app, &format!("/api/v1/articles/{SLUG}")).await;
        assert_eq!(read.status, StatusCode::OK);
        if imports.iter().all(|i| !i.is_finished()) {
            answered_during += 1;
        }
        tokio::task::yield_now().await;
    }
    for import in imports {
        let answer = import.await.unwrap();
        assert!(answer.status.is_success(), "{}", answer.json);
    }
    assert!(answered_during > 0, "no read was answered while the imports ran");
}

async fn send_owned(app: Router, request: Request<Body>) -> Answer {
    send(&app, request).await
}

/// Opens a connection to `address` from the local address `local` (any
/// 127.x.y.z is this machine).
async fn connect_from(local: [u8; 4], address: &str) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((local, 0)))?;
    socket.connect(address.parse().unwrap()).await
}

/// Whether the server closed `stream` (or reset it) within `within`.
async fn closed(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    match tokio::time::timeout(within, stream.read(&mut buf)).await {
        Ok(Ok(0)) | Ok(Err(_)) => true,
        Ok(Ok(_)) => {
            // An answer (a 408, say), then the close.
            matches!(tokio::time::timeout(within, stream.read(&mut buf)).await, Ok(Ok(0)) | Ok(Err(_)))
        }
        Err(_) => false,
    }
}

/// A GET /healthz over a new connection from `local`: its status.
async fn health_from(local: [u8; 4], address: &str) -> Option<u16> {
    let mut stream = connect_from(local, address).await.ok()?;
    stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: x\r\n\r\n").await.ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.ok()?;
    answer.get(9..12)?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_from_one_address_neither_starves_other_clients_nor_holds_its_sockets() {
    let url = common::empty_database().await;
    let flags = ["--allowed-origins", "*", "--header-timeout-secs", "2", "--max-connections-per-client", "32"];
    let (_server, address) = serve_with(&url, &flags).await;
    // Three hundred connections from one address, each with half a request head, never finished.
    let mut slow = Vec::new();
    for _ in 0..300 {
        let Ok(mut stream) = connect_from([127, 0, 0, 1], &address).await else { continue };
        let _ = stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1").await;
        slow.push(stream);
    }
    assert!(slow.len() >= 32, "the attack opened {} connections", slow.len());
    // Meanwhile another client is served, at once.
    for n in 0..5 {
        let started = Instant::now();
        assert_eq!(health_from([127, 0, 0, 2], &address).await, Some(200), "attempt {n}");
        assert!(started.elapsed() < Duration::from_secs(1), "served in {:?}", started.elapsed());
    }
    // Past the cap, the attacker's connections were closed at once; the rest within the header timeout.
    let started = Instant::now();
    let mut still_open = 0;
    for stream in &mut slow {
        if !closed(stream, Duration::from_secs(5)).await {
            still_open += 1;
        }
    }
    assert_eq!(still_open, 0, "connections left open");
    assert!(started.elapsed() < Duration::from_secs(5), "closed after {:?}", started.elapsed());
    // And the attacker's address is served again once its connections are gone.
    assert_eq!(health_from([127, 0, 0, 1], &address).await, Some(200));
}

/// The most memory the process `pid` has held (VmHWM), in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The sign-in form's cookie and token, as a browser at `local` gets them.
async fn sign_in_form_from(local: [u8; 4], address: &str) -> (String, String) {
    let mut stream = connect_from(local, address).await.unwrap();
    stream.write_all(b"GET /admin HTTP/1.0\r\nHost: x\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let cookie = answer
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: encart_sign_in="))
        .map(|v| format!("encart_sign_in={}", v.split(';').next().unwrap()))
        .expect("the form's cookie");
    let (_, rest) = answer.split_once(r#"name="csrf" value=""#).expect("the form's token");
    (cookie, rest.split('"').next().unwrap().to_owned())
}

/// Posts a sign-in from `local`: the status and the answer.
async fn sign_in_from(local: [u8; 4], address: &str, form: &(String, String), name: &str) -> (u16, String) {
    let body = format!("csrf={}&name={name}&password=not-the-password", form.1);
    let request = format!(
        "POST /admin/sign-in HTTP/1.0\r\nHost: x\r\nCookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        form.0,
        body.len()
    );
    let mut stream = connect_from(local, address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    (answer[9..12].parse().unwrap(), answer)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_sign_ins_at_once_from_twenty_addresses_stay_within_a_few_password_checks_of_memory() {
    let url = common::empty_database().await;
    let db = encart_server::db::connect(&url).await.unwrap();
    admin::add_moderator(&db, "Camille", "correct horse battery").await.unwrap();
    let (server, address) = serve_with(&url, &["--allowed-origins", "*"]).await;
    let pid = server.id().unwrap();
    let before = peak_rss_kib(pid);
    let mut attempts = Vec::new();
    for client in 0..20u8 {
        let local = [127, 0, 1, client + 1];
        let form = sign_in_form_from(local, &address).await;
        for n in 0..5 {
            let (address, form) = (address.clone(), form.clone());
            // Each its own name: the per-name throttle must not be what saves the server here.
            let name = format!("Camille{client}x{n}");
            attempts.push(tokio::spawn(async move { sign_in_from(local, &address, &form, &name).await }));
        }
    }
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap().0);
    }
    let grown_mib = (peak_rss_kib(pid) - before) / 1024;
    // Before: every attempt ran its argon2id check at once, 19 MiB each (over 1 GB for these).
    let checks_at_once = admin::PASSWORD_CHECKS as u64;
    assert!(grown_mib <= checks_at_once * 20 + 60, "grew by {grown_mib} MiB; statuses {statuses:?}");
    assert!(statuses.iter().all(|s| [401, 429, 503].contains(s)), "{statuses:?}");

    // One name tried from many addresses: throttled per name, answered as a page, with Retry-After.
    let mut last = (0, String::new());
    for client in 0..(encart_server::throttle::NAME_BURST as u8 + 1) {
        let local = [127, 0, 2, client + 1];
        let form = sign_in_form_from(local, &address).await;
        last = sign_in_from(local, &address, &form, "Camille").await;
    }
    let (status, answer) = last;
    assert_eq!(status, 429, "{answer}");
    assert!(answer.contains("content-type: text/html"), "{answer}");
    assert!(answer.contains("Too many attempts."), "{answer}");
    let retry: u64 = answer.lines().find_map(|l| l.strip_prefix("retry-after: ")).unwrap().trim().parse().unwrap();
    assert!(retry >= 1);
}

#[tokio::test]
async fn an_ipv6_client_is_limited_as_its_network_however_many_addresses_it_uses() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = AppState::new(db.clone(), Moderation::Open).unwrap();
    let rate = PostRate { burst: 5, refill: Duration::from_secs(60), ceiling: 1000 };
    let app = bare_app(state, rate);
    let mut created = 0;
    for n in 0..40u16 {
        // Eight addresses of one /64, five posts each.
        let peer: IpAddr = format!("2001:db8:aa:bb::{:x}", n % 8 + 1).parse().unwrap();
        if send(&app, from(peer, comment("Six", "Encore"))).await.status == StatusCode::CREATED {
            created += 1;
        }
    }
    assert_eq!(created, 5, "one /64 is one client");
    let elsewhere: IpAddr = "2001:db8:aa:cc::1".parse().unwrap();
    assert_eq!(send(&app, from(elsewhere, comment("Autre", "Bonjour"))).await.status, StatusCode::CREATED);
    // Reports count a /64 once too.
    let id = sqlx::query_scalar::<_, i64>("SELECT max(id) FROM comments").fetch_one(&db).await.unwrap();
    for n in 1..=3u16 {
        let peer: IpAddr = format!("2001:db8:aa:bb::{n:x}").parse().unwrap();
        let report = Request::post(format!("{}/{id}/report", comments_uri()))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({"reason": "spam"}).to_string()))
            .unwrap();
        assert_eq!(send(&app, from(peer, report)).await.status, StatusCode::ACCEPTED);
    }
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM reports").fetch_one(&db).await.unwrap();
    assert_eq!(reports, 1, "one network, one report");
}

#[tokio::test]
async fn one_ceiling_holds_every_kind_of_reader_write_and_every_429_says_when_to_retry() {
    let db = common::db().await;
    let _ = seeded(db.clone()).await;
    let state = AppState::new(db.clone(), Moderation::Open).unwrap();
    let app = bare_app(state, PostRate { burst: 100, refill: Duration::from_secs(1), ceiling: 3 });
    let peer = |n: u8| IpAddr::from([203, 0, 113, n]);
    let posted = send(&app, from(peer(1), comment("A", "Un"))).await;
    assert_eq!(posted.status, StatusCode::CREATED);
    let id = posted.json["comment"]["id"].as_str().unwrap().to_owned();
    let report = Request::post(format!("{}/{id}/report", comments_uri()))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"reason": "spam"}).to_string()))
        .unwrap();
    assert_eq!(send(&app, from(peer(2), report)).await.status, StatusCode::ACCEPTED);
    let delete = Request::delete(format!("{}/{id}", comments_uri()))
        .header(header::AUTHORIZATION, "Bearer not-the-token")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, from(peer(3), delete)).await.status, StatusCode::NOT_FOUND);
    let over = send(&app, from(peer(4), comment("D", "Quatre"))).await;
    assert_error(&over, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    let retry: u64 = over.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry >= 1, "Retry-After: {retry}");

    // A publisher's key has its own limit, apart from the readers'.
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, key) = publisher(&db, "Pressé", &[]).await;
    let mut statuses = Vec::new();
    for _ in 0..=encart_server::throttle::PUBLISHING_BURST {
        let document = json!({"title": "Vite", "language": "fr", "body": [{"paragraph": [{"text": "Texte."}]}]});
        statuses.push(send(&app, authed("PUT", "/api/v1/articles/vite", &key, document)).await);
    }
    let last = statuses.pop().unwrap();
    assert!(statuses.iter().all(|a| a.status.is_success()));
    assert_error(&last, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(last.headers[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
}

#[tokio::test]
async fn a_copy_of_the_database_holds_no_secret_and_tokens_come_from_the_key_file() {
    let url = common::empty_database().await;
    process::import(&url);
    let body = json!({"author": "A", "body": "Secret"}).to_string();
    let keyed = format!(
        "POST /api/v1/articles/{SLUG}/comments HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\
         Idempotency-Key: k1\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let (mut server, address) = serve_with(&url, &["--allowed-origins", "*"]).await;
    let (status, first) = process::exchange(&address, &keyed).await.unwrap();
    assert_eq!(status, 201, "{first}");
    server.kill().await.unwrap();
    // The key file is the owner's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(process::key_file(&url)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // What a stolen copy holds: no secrets table, nothing the token can be derived from.
    let db = encart_server::db::connect(&url).await.unwrap();
    let sql = match encart_server::db::Backend::of(&db) {
        encart_server::db::Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
        encart_server::db::Backend::Postgres => {
            "SELECT CAST(tablename AS TEXT) AS name FROM pg_tables WHERE schemaname = 'public'"
        }
    };
    let tables: Vec<String> = sqlx::query_scalar(sql).fetch_all(&db).await.unwrap();
    assert!(!tables.iter().any(|t| t == "secrets"), "{tables:?}");
    // The same database with another key file: the replay no longer yields the token.
    std::fs::remove_file(process::key_file(&url)).unwrap();
    let (_server, address) = serve_with(&url, &["--allowed-origins", "*"]).await;
    let (_, again) = process::exchange(&address, &keyed).await.unwrap();
    assert_ne!(again["edit_token"], first["edit_token"], "the token depends on the key file, not the database");
}

#[tokio::test]
async fn the_admin_cookie_is_secure_when_a_trusted_proxy_says_https_and_only_then() {
    let db = common::db().await;
    let state =
        AppState::new(db.clone(), Moderation::Open).unwrap().with_trusted_proxies(vec!["10.0.0.0/8".parse().unwrap()]);
    let app = bare_app(state.clone(), PostRate::default());
    let form = |peer: [u8; 4], proto: Option<&str>| {
        let mut request = Request::get("/admin");
        if let Some(proto) = proto {
            request = request.header("x-forwarded-proto", proto);
        }
        from(IpAddr::from(peer), request.body(Body::empty()).unwrap())
    };
    async fn cookie(app: &Router, request: Request<Body>) -> String {
        let response = tower::ServiceExt::oneshot(app.clone(), request).await.unwrap();
        response.headers()[header::SET_COOKIE].to_str().unwrap().to_owned()
    }
    assert!(cookie(&app, form([10, 0, 0, 2], Some("https"))).await.contains("; Secure"));
    assert!(!cookie(&app, form([10, 0, 0, 2], Some("http"))).await.contains("Secure"));
    assert!(!cookie(&app, form([203, 0, 113, 9], Some("https"))).await.contains("Secure"), "spoofed");
    let always = bare_app(state.with_secure_cookies(true), PostRate::default());
    assert!(cookie(&always, form([203, 0, 113, 9], None)).await.contains("; Secure"));
}

#[tokio::test]
async fn another_publishers_revisions_are_as_unknown_as_a_missing_article() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, mine) = publisher(&db, "A", &[]).await;
    let (_, theirs) = publisher(&db, "B", &[]).await;
    let document = json!({"title": "Retiré", "language": "fr", "body": [{"paragraph": [{"text": "Texte."}]}]});
    assert!(send(&app, authed("PUT", "/api/v1/articles/retire", &mine, document)).await.status.is_success());
    let withdraw = authed("DELETE", "/api/v1/articles/retire?comments=keep", &mine, Value::Null);
    assert_eq!(send(&app, withdraw).await.status, StatusCode::NO_CONTENT);
    let other = send(&app, authed("GET", "/api/v1/articles/retire/revisions", &theirs, Value::Null)).await;
    let missing = send(&app, authed("GET", "/api/v1/articles/nulle-part/revisions", &theirs, Value::Null)).await;
    assert_error(&other, StatusCode::NOT_FOUND, "not_found");
    assert_eq!(other.json, missing.json);
    let own = send(&app, authed("GET", "/api/v1/articles/retire/revisions", &mine, Value::Null)).await;
    assert_eq!(own.status, StatusCode::OK);
}

#[tokio::test]
async fn names_that_reverse_their_text_are_refused_and_carriage_returns_never_reach_the_first_view() {
    let db = common::db().await;
    let app = test_app_with(db.clone(), Moderation::Open, PostRate::unlimited()).await;
    let _ = seeded(db.clone()).await;
    let spoof =
        post(&app, &comments_uri(), json!({"author": "\u{202E}noitcadeR aL", "body": "Officiel"}).to_string()).await;
    assert_error(&spoof, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(spoof.json["error"]["fields"]["author"], "control_characters");

    let posted =
        post(&app, &comments_uri(), json!({"author": "A", "body": "Ligne\r\nsuivante\rfin"}).to_string()).await;
    assert_eq!(posted.json["comment"]["body"], "Ligne\nsuivante\nfin");
    let first_view = get(&app, &format!("/api/v1/articles/{SLUG}/embed")).await;
    let html = first_view.json["html"].as_str().unwrap();
    assert!(html.contains("Ligne\nsuivante\nfin") && !html.contains('\r'));
}

#[tokio::test]
async fn a_publishers_slug_prefix_is_its_alone_and_no_one_squats_it() {
    let db = common::db().await;
    let app = test_app(db.clone()).await;
    let (_, courrier) = publisher(&db, "Le Courrier", &["courrier.example"]).await;
    encart_server::publishers::reserve_prefix(&db, "Le Courrier", "courrier").await.unwrap();
    let (_, squatter) = publisher(&db, "Squatteur", &[]).await;
    let document = json!({"title": "Municipales", "language": "fr", "body": [{"paragraph": [{"text": "Texte."}]}]});
    let put = |slug: &str, key: &str| authed("PUT", &format!("/api/v1/articles/{slug}"), key, document.clone());

    // Another publisher cannot take the slug the Courrier's pages will embed.
    let squat = send(&app, put("courrier-municipales-2026", &squatter)).await;
    assert_error(&squat, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(squat.json["error"]["fields"]["slug"], "reserved");
    assert_eq!(get(&app, "/api/v1/articles/courrier-municipales-2026").await.status, StatusCode::NOT_FOUND);
    // The Courrier can, and only within its prefix.
    assert_eq!(send(&app, put("courrier-municipales-2026", &courrier)).await.status, StatusCode::CREATED);
    let outside = send(&app, put("municipales-2026", &courrier)).await;
    assert_eq!(outside.json["error"]["fields"]["slug"], "reserved");
    // Slugs no one reserved stay first come, first served; overlapping prefixes are refused.
    assert_eq!(send(&app, put("municipales-2026", &squatter)).await.status, StatusCode::CREATED);
    assert!(encart_server::publishers::reserve_prefix(&db, "Squatteur", "courrier-m").await.is_err());
    assert!(
        encart_server::publishers::reserve_prefix(&db, "Squatteur", "cour").await.is_ok(),
        "not a prefix at a dash"
    );
}
