//! Notifications: what they cost a post, and how fast the outbox empties
//! into a real SMTP server (aiosmtpd, on this machine's two cores too).
//! Three fresh databases, the same posts in the same order: without an SMTP
//! server (nothing is looked up or queued); with one, the same posts (each
//! answer looked up for subscribers above it); and with one, every
//! top-level comment asking for answers at an address of its own (its
//! subscription, a confirmation e-mail each, sent while the posts go on).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::{Value, json};

use crate::report::median;
use crate::{http, server};

/// Top-level comments, and as many answers to them.
const COMMENTS: usize = 1_000;

/// aiosmtpd keeping what it receives in `maildir`, stopped when dropped.
struct Smtpd(Child);

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn received(maildir: &Path) -> usize {
    std::fs::read_dir(maildir.join("new")).map(|d| d.count()).unwrap_or(0)
}

/// Posts `COMMENTS` top-level comments (asking for answers when `notify`)
/// then one answer to each, one at a time; each post's time in ms, and when
/// the first was sent.
async fn post_all(api: &str, slug: &str, notify: bool) -> anyhow::Result<(Vec<f64>, Instant)> {
    let url = format!("{api}/api/v1/articles/{slug}/comments");
    let mut times = Vec::new();
    let mut parents = Vec::new();
    let started = Instant::now();
    for n in 0..COMMENTS {
        let mut body = json!({ "author": "Lectrice", "body": format!("Question n° {n} ?") });
        if notify {
            body["notify"] = json!(true);
            body["email"] = json!(format!("lectrice{n}@lecteurs.example"));
            body["page"] = json!("https://partner.example/article");
        }
        let sent = Instant::now();
        let (status, answer) = http::post_json_answer(&url, &body).await?;
        times.push(sent.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(status == 201, "a post was answered {status}: {answer}");
        parents.push(answer["comment"]["id"].as_str().context("no id")?.to_owned());
    }
    for (n, parent) in parents.iter().enumerate() {
        let body = json!({ "author": "Lecteur", "body": format!("Réponse n° {n}."), "parent": parent });
        let sent = Instant::now();
        let (status, answer) = http::post_json_answer(&url, &body).await?;
        times.push(sent.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(status == 201, "an answer was answered {status}: {answer}");
    }
    Ok((times, started))
}

fn p95(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() * 95 / 100).copied().unwrap_or(f64::NAN)
}

/// Both runs, and the outbox's rate into the SMTP server.
pub async fn measure(server_bin: &Path, smtpd: &Path, fixture: &Path, scratch: &Path) -> anyhow::Result<Value> {
    let run = |name: &str| -> anyhow::Result<(String, String)> {
        let database = format!("sqlite://{}", scratch.join(format!("{name}.db")).display());
        let slug = server::import(server_bin, &database, fixture)?;
        Ok((database, slug))
    };

    let (database, slug) = run("notifications-off")?;
    let mut off = server::Server::start(server_bin, &database).await?;
    let (without, _) = post_all(&off.url, &slug, false).await?;
    off.stop().await;

    let maildir = scratch.join("maildir");
    let _ = std::fs::remove_dir_all(&maildir);
    let port = server::free_port()?;
    let child = Command::new(smtpd)
        .args(["-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", smtpd.display()))?;
    let _smtpd = Smtpd(child);
    server::wait_listening(port, "aiosmtpd")?;
    let smtp = format!("smtp://127.0.0.1:{port}");
    let extra = [
        "--smtp-url",
        &smtp,
        "--mail-from",
        "encart <reponses@encart.example>",
        "--public-url",
        "https://api.example",
        // Unbounded here, to measure the outbox itself (5 per second by default).
        "--mail-per-second",
        "1000000",
    ];
    let (database, slug) = run("notifications-on")?;
    let mut on = server::Server::start_with(server_bin, &database, &extra).await?;
    let (plain, _) = post_all(&on.url, &slug, false).await?;
    on.stop().await;

    let (database, slug) = run("notifications-asked")?;
    let mut on = server::Server::start_with(server_bin, &database, &extra).await?;
    let (with, started) = post_all(&on.url, &slug, true).await?;
    let posted = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(120);
    while received(&maildir) < COMMENTS && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let drained = started.elapsed();
    let sent = received(&maildir);
    on.stop().await;

    let plain_ratio = median(&plain) / median(&without);
    let ratio = median(&with) / median(&without);
    let rate = sent as f64 / drained.as_secs_f64();
    println!(
        "    a post: median {:.2} ms without an SMTP server, {:.2} ms with one ({plain_ratio:.2}x), {:.2} ms asking for \
         answers ({ratio:.2}x); p95 {:.2} / {:.2} / {:.2} ms",
        median(&without),
        median(&plain),
        median(&with),
        p95(&without),
        p95(&plain),
        p95(&with)
    );
    println!(
        "    {sent} of {COMMENTS} confirmation e-mails received by the SMTP server {:.2} s after the first post \
         (posting took {:.2} s): {rate:.0} messages/s",
        drained.as_secs_f64(),
        posted.as_secs_f64()
    );
    Ok(json!({
        "posts": 2 * COMMENTS,
        "post_median_ms_without": median(&without), "post_median_ms_on": median(&plain),
        "post_median_ms_with": median(&with),
        "post_p95_ms_without": p95(&without), "post_p95_ms_on": p95(&plain), "post_p95_ms_with": p95(&with),
        "post_median_ratio_on_to_without": plain_ratio, "post_median_ratio_with_to_without": ratio,
        "emails": COMMENTS, "emails_received": sent,
        "seconds_posting": posted.as_secs_f64(), "seconds_to_last_email": drained.as_secs_f64(),
        "outbox_messages_per_s": rate,
    }))
}
