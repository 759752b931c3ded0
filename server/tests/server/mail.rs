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
            seen.push(Received { headers, text: part("text/plain"), html: part("text/html"), arrived: Instant::now() });
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
