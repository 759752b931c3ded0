//! The outbox's worker, one in every instance: takes due messages
//! (`outbox::take`), makes each into what it sends (a signed webhook
//! delivery; a moderators' digest, an address's confirmation link, or a
//! reader's answers, by e-mail), sends it (`webhooks.rs`, `mail.rs`), and
//! records how it went (`outbox::settle`). A failure is tried again after
//! a backoff, doubling from [`Delivery::first_retry`] (an hour at most),
//! until [`Delivery::give_up_after`]. Gathered messages wait out their
//! interval since the previous one to the same target: a site's digest
//! [`Delivery::digest_every`], a reader's answers in one discussion
//! [`Delivery::replies_every`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use encart_api_types::Comment;
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as escape};

use crate::mail::{Mailer, Outgoing};
use crate::outbox::{self, Settled, Taken};
use crate::secrets::{Secrets, hex_sha256};
use crate::sites::{self, Site};
use crate::subscriptions::{self, confirm_link, stop_link};
use crate::webhooks::{self, Failure};
use crate::words::{Lang, Text, text};
use crate::{Result, articles, comments};

/// How the worker sends and retries.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The wait before the first retry; each next one waits twice as long (an hour at most).
    pub first_retry: Duration,
    /// After this long since it was queued, a message that still fails is marked failed.
    pub give_up_after: Duration,
    /// Messages one worker sends at once.
    pub batch: i64,
    /// How long a taken message is this worker's: a send is cut off at half
    /// of it; a crashed worker's messages are taken again once it is over.
    pub lease: Duration,
    /// The least time between two digests to one site's moderators.
    pub digest_every: Duration,
    /// The least time between two e-mails of answers to one reader in one discussion.
    pub replies_every: Duration,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            first_retry: Duration::from_secs(5),
            give_up_after: Duration::from_secs(24 * 60 * 60),
            batch: 16,
            lease: Duration::from_secs(25),
            digest_every: Duration::from_secs(15 * 60),
            replies_every: Duration::from_secs(15 * 60),
        }
    }
}

/// What a gathered message told, to know whether more came since.
#[derive(Clone, Copy)]
enum Covered {
    /// The answers to `address` in `article`'s discussion up to comment `through`.
    Answers { address: i64, article: i64, through: i64 },
    /// This many comments awaiting a decision.
    Awaiting(i64),
}

/// A gathered message's previous one to the same target.
enum Previous {
    /// Sent within the interval: the next may go then.
    Wait(SystemTime),
    /// Sent earlier (its payload), or never.
    Sent(Option<String>),
}

/// How long the worker sleeps when nothing is due.
const IDLE: Duration = Duration::from_millis(500);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);
/// The most answers one e-mail lists (it says how many more there are).
const MAX_ANSWERS: i64 = 20;

/// A worker's means: the database, the sites (their webhooks' secrets, never
/// stored), the clients.
pub struct Worker {
    pub db: crate::db::Db,
    pub sites: Arc<Vec<Site>>,
    pub secrets: Arc<Secrets>,
    pub webhooks: webhooks::Client,
    /// Where e-mail goes out (`None`: no SMTP server configured).
    pub mailer: Option<Mailer>,
    pub delivery: Delivery,
    stopping: AtomicBool,
    wake: tokio::sync::Notify,
}

/// What sending a message did.
enum Sent {
    Done,
    /// A gathered message sent, with what it covered (its new payload), and
    /// how to tell whether more came meanwhile.
    Gathered(String, Covered),
    /// Nothing to send any more.
    Nothing,
    /// Too soon after the previous one: due then.
    Later(SystemTime),
}

impl Worker {
    pub fn new(
        db: crate::db::Db,
        sites: Arc<Vec<Site>>,
        secrets: Arc<Secrets>,
        webhooks: webhooks::Client,
        mailer: Option<Mailer>,
        delivery: Delivery,
    ) -> Arc<Worker> {
        Arc::new(Worker {
            db,
            sites,
            secrets,
            webhooks,
            mailer,
            delivery,
            stopping: AtomicBool::new(false),
            wake: tokio::sync::Notify::new(),
        })
    }

    /// Takes the messages due now (a batch at most) and sends them; how many it took.
    pub async fn send_due(&self) -> Result<usize> {
        let now = SystemTime::now();
        let taken = outbox::take(&self.db, now, now + self.delivery.lease, self.delivery.batch).await?;
        let count = taken.len();
        let sends = taken.into_iter().map(|message| async move {
            let limit = self.delivery.lease / 2;
            let outcome = tokio::time::timeout(limit, self.send(&message))
                .await
                .unwrap_or_else(|_| Err(Failure::Retry(format!("not sent within {} s", limit.as_secs()))));
            self.record(&message, outcome).await
        });
        for done in futures_util::future::join_all(sends).await {
            done?;
        }
        Ok(count)
    }

    async fn send(&self, message: &Taken) -> std::result::Result<Sent, Failure> {
        let retry = |e: crate::Error| Failure::Retry(e.to_string());
        match message.channel.as_str() {
            "webhook" => {
                let hook = sites::by_origin(&self.sites, &message.site)
                    .and_then(|site| site.webhooks.iter().find(|hook| hook.url.as_str() == message.target))
                    .ok_or_else(|| Failure::Never("the webhook is no longer in the sites file".to_owned()))?;
                self.webhooks.deliver(hook, &message.key, &message.payload).await.map(|()| Sent::Done)
            }
            "digest" => {
                let mailer = self.mailer()?;
                let site = sites::by_origin(&self.sites, &message.site)
                    .filter(|site| !site.moderators.is_empty())
                    .ok_or_else(|| Failure::Never("the site has no moderators in the sites file".to_owned()))?;
                if let Previous::Wait(until) =
                    self.previous(message, self.delivery.digest_every).await.map_err(retry)?
                {
                    return Ok(Sent::Later(until));
                }
                let awaiting = comments::awaiting(&self.db).await.map_err(retry)?;
                if awaiting == 0 {
                    // Decided on before the digest was due: nothing to say.
                    return Ok(Sent::Nothing);
                }
                mailer.send(digest_message(mailer, site, awaiting, &message_id(message))).await?;
                Ok(Sent::Gathered(message.payload.clone(), Covered::Awaiting(awaiting)))
            }
            "confirm" => {
                let mailer = self.mailer()?;
                let payload: serde_json::Value = serde_json::from_str(&message.payload).unwrap_or_default();
                let (address, article) = (payload["address"].as_i64().unwrap_or(0), payload["article"].as_i64());
                let Some(found) = subscriptions::address(&self.db, address).await.map_err(retry)? else {
                    return Ok(Sent::Nothing);
                };
                if found.confirmed_at.is_some() {
                    return Ok(Sent::Nothing);
                }
                let article = match article {
                    Some(id) => articles::summary(&self.db, id).await.map_err(retry)?,
                    None => None,
                };
                let lang = language(article.as_ref().map(|a| a.language.as_str()));
                let link = self.link(mailer, "/api/v1/mail/confirm", &confirm_link(address), lang.tag());
                mailer.send(confirm_message(&found.email, article.as_ref(), &link, lang, &message_id(message))).await?;
                Ok(Sent::Done)
            }
            "reply" => self.send_replies(message).await,
            other => Err(Failure::Never(format!("unknown channel {other:?}"))),
        }
    }

    /// A reader's answers in one discussion since the last e-mail of them.
    async fn send_replies(&self, message: &Taken) -> std::result::Result<Sent, Failure> {
        let retry = |e: crate::Error| Failure::Retry(e.to_string());
        let mailer = self.mailer()?;
        let mut words = message.target.split(' ');
        let (Some(address), Some(article)) =
            (words.nth(1).and_then(|n| n.parse::<i64>().ok()), words.nth(1).and_then(|n| n.parse::<i64>().ok()))
        else {
            return Err(Failure::Never(format!("not a reply target: {:?}", message.target)));
        };
        let Some(found) = subscriptions::address(&self.db, address).await.map_err(retry)? else {
            return Ok(Sent::Nothing);
        };
        if found.confirmed_at.is_none() {
            return Ok(Sent::Nothing);
        }
        let last = match self.previous(message, self.delivery.replies_every).await.map_err(retry)? {
            Previous::Wait(until) => return Ok(Sent::Later(until)),
            Previous::Sent(payload) => payload,
        };
        let after = last
            .and_then(|payload| serde_json::from_str::<serde_json::Value>(&payload).ok())
            .and_then(|payload| payload["through"].as_i64())
            .unwrap_or(0);
        let answers = comments::answers_for(&self.db, address, article, after, MAX_ANSWERS + 1).await.map_err(retry)?;
        let Some(through) = answers.iter().take(MAX_ANSWERS as usize).filter_map(|a| a.id.parse::<i64>().ok()).max()
        else {
            // Held, deleted or the reader's own: nothing to tell.
            return Ok(Sent::Nothing);
        };
        let Some(summary) = articles::summary(&self.db, article).await.map_err(retry)? else {
            return Ok(Sent::Nothing);
        };
        let page = subscriptions::page_of(&self.db, address, article).await.map_err(retry)?;
        let lang = language(Some(&summary.language));
        let reply = Replies {
            to: &found.email,
            article: &summary,
            page: page.as_deref().or(summary.source_url.as_deref()),
            answers: &answers,
            stop_thread: self.link(mailer, "/api/v1/mail/unsubscribe", &stop_link(address, Some(article)), lang.tag()),
            stop_all: self.link(mailer, "/api/v1/mail/unsubscribe", &stop_link(address, None), lang.tag()),
            thread: format!(
                "{}@encart",
                &hex_sha256(&[message.target.as_bytes(), b"@", mailer.public_url.as_bytes()])[..32]
            ),
            lang,
        };
        mailer.send(reply.message(&message_id(message))).await?;
        let mut payload: serde_json::Value = serde_json::from_str(&message.payload).unwrap_or_default();
        payload["through"] = through.into();
        Ok(Sent::Gathered(payload.to_string(), Covered::Answers { address, article, through }))
    }

    /// Settles `message`; after a gathered one, in the same transaction,
    /// queues the next if more came meanwhile (`outbox::gathered` held the
    /// row until then, so nothing committed before escapes both).
    async fn record(&self, message: &Taken, outcome: std::result::Result<Sent, Failure>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let covered = match &outcome {
            Ok(Sent::Gathered(_, covered)) => Some(*covered),
            _ => None,
        };
        outbox::settle(&mut tx, message.id, self.settled(message, outcome)).await?;
        let more = match covered {
            Some(Covered::Answers { address, article, through }) => {
                !comments::answers_for(&mut *tx, address, article, through, 1).await?.is_empty()
            }
            Some(Covered::Awaiting(told)) => comments::awaiting(&mut *tx).await? > told,
            None => false,
        };
        if more {
            outbox::more_to_send(&mut tx, message.id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    fn mailer(&self) -> std::result::Result<&Mailer, Failure> {
        self.mailer.as_ref().ok_or_else(|| Failure::Retry("no SMTP server configured".to_owned()))
    }

    /// The signed link `path?t=…` for `text`, on this API's public URL.
    fn link(&self, mailer: &Mailer, path: &str, text: &str, lang: &str) -> String {
        format!("{}{path}?t={}&lang={lang}", mailer.public_url, self.secrets.sign_link(text))
    }

    /// The previous message sent to `message`'s target: wait if it went
    /// within `every`, else its payload (`None`: there was none).
    async fn previous(&self, message: &Taken, every: Duration) -> Result<Previous> {
        Ok(match outbox::last_sent(&self.db, &message.channel, &message.target).await? {
            Some((at, _)) if at + every > SystemTime::now() => Previous::Wait(at + every),
            last => Previous::Sent(last.map(|(_, payload)| payload)),
        })
    }

    /// How a send's outcome is recorded: a failure retried after its backoff, or given up on.
    fn settled(&self, message: &Taken, outcome: std::result::Result<Sent, Failure>) -> Settled {
        let now = SystemTime::now();
        let settled = match outcome {
            Ok(Sent::Done) => Settled::Sent(None),
            Ok(Sent::Gathered(payload, _)) => Settled::Sent(Some(payload)),
            Ok(Sent::Nothing) => Settled::Skipped,
            Ok(Sent::Later(due)) => Settled::Later(due),
            Err(Failure::Never(error)) => Settled::Failed(error),
            Err(Failure::Retry(error)) => {
                let doublings = u32::try_from(message.attempts.saturating_sub(1)).unwrap_or(u32::MAX).min(20);
                let wait = self.delivery.first_retry.saturating_mul(1 << doublings).min(MAX_BACKOFF);
                let queued = crate::db::parse_time(&message.created_at).unwrap_or(now);
                if queued + self.delivery.give_up_after < now {
                    Settled::Failed(error)
                } else {
                    Settled::Retry(now + wait, error)
                }
            }
        };
        if let Settled::Retry(_, error) | Settled::Failed(error) = &settled {
            tracing::warn!(id = message.id, channel = %message.channel, attempts = message.attempts, %error, "delivery failed");
        }
        settled
    }

    /// Sends what is due until [`Worker::stop`]: at once after a batch, else
    /// after a short sleep (or when woken).
    pub async fn run(self: Arc<Self>) {
        while !self.stopping.load(Ordering::Acquire) {
            let idle = match self.send_due().await {
                Ok(n) => n == 0,
                Err(err) => {
                    tracing::warn!(%err, "could not read the outbox");
                    true
                }
            };
            if idle {
                let _ = tokio::time::timeout(IDLE, self.wake.notified()).await;
            }
        }
    }

    /// Ends [`Worker::run`] after the batch in flight.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::Release);
        self.wake.notify_one();
    }
}

/// The `Message-ID` of `message` (random, kept in its payload, the same on every attempt).
fn message_id(message: &Taken) -> String {
    let id = serde_json::from_str::<serde_json::Value>(&message.payload)
        .ok()
        .and_then(|payload| payload["id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| hex_sha256(&[message.key.as_bytes()]));
    format!("{id}@encart")
}

/// The e-mails' language: the article's, if the widget speaks it, else English.
fn language(tag: Option<&str>) -> Lang {
    Lang::get([tag])
}

/// An HTML e-mail of these paragraphs (already escaped).
fn html(lang: &str, paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!("<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"></head><body>{body}</body></html>")
}

fn anchor(href: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", attribute(href), escape(text))
}

/// The digest telling `site`'s moderators that `awaiting` comments await a decision.
fn digest_message(mailer: &Mailer, site: &Site, awaiting: i64, id: &str) -> Outgoing {
    let origin = site.origin.to_str().unwrap_or_default().to_owned();
    let queue = format!("{}/admin", mailer.public_url);
    // The site's language, else English.
    let lang = Lang::get([site.language.as_deref()]);
    let count = u64::try_from(awaiting).unwrap_or_default();
    let (subject, line) = (lang.digest_subject(count), lang.digest_line(count, &origin));
    let (link, colon) = (text(lang, Text::DigestLink), text(lang, Text::Colon));
    Outgoing {
        to: site.moderators.clone(),
        subject,
        text: format!("{line}\n\n{link}{colon} {queue}\n"),
        html: html(lang.tag(), &[escape(&line).into_owned(), anchor(&queue, link)]),
        message_id: id.to_owned(),
        references: None,
        unsubscribe: None,
    }
}

/// The link that confirms `to`, sent once per address.
fn confirm_message(to: &str, article: Option<&articles::Summary>, link: &str, lang: Lang, id: &str) -> Outgoing {
    let title = article.map(|a| a.title.as_str()).unwrap_or_default();
    let (subject, line) = (text(lang, Text::ConfirmSubject).to_owned(), lang.confirm_line(title));
    let (button, after) = (text(lang, Text::ConfirmButton), text(lang, Text::ConfirmAfter));
    Outgoing {
        to: vec![to.to_owned()],
        subject,
        text: format!("{line}\n\n{button}: {link}\n\n{after}\n"),
        html: html(lang.tag(), &[escape(&line).into_owned(), anchor(link, button), escape(after).into_owned()]),
        message_id: id.to_owned(),
        references: None,
        unsubscribe: None,
    }
}

/// A reader's answers in one discussion.
struct Replies<'a> {
    to: &'a str,
    article: &'a articles::Summary,
    /// The partner page they commented on (else the article's source).
    page: Option<&'a str>,
    /// Oldest first; one more than listed when there are more.
    answers: &'a [Comment],
    stop_thread: String,
    stop_all: String,
    /// The id every e-mail of this discussion refers to, so mail clients thread them.
    thread: String,
    lang: Lang,
}

impl Replies<'_> {
    fn message(&self, id: &str) -> Outgoing {
        let lang = self.lang;
        let listed = &self.answers[..self.answers.len().min(MAX_ANSWERS as usize)];
        let first = listed.first().map_or("", |answer| answer.author.as_str());
        let subject = lang.answers_subject(first, listed.len() as u64, &self.article.title);
        let (wrote, read, more) =
            (text(lang, Text::Wrote), text(lang, Text::ReadAnswer), text(lang, Text::MoreAnswers));
        let (stop_thread, stop_all) = (text(lang, Text::StopThread), text(lang, Text::StopAll));
        let colon = text(lang, Text::Colon);
        let mut text = String::new();
        let mut paragraphs = Vec::new();
        for answer in listed {
            let link = self.page.map(|page| format!("{page}#encart-comment-{}", answer.id));
            text += &format!("{} {wrote}{colon}\n\n{}\n\n", answer.author, answer.body);
            paragraphs.push(format!("<strong>{}</strong> {wrote}{colon}", escape(&answer.author)));
            paragraphs.push(format!("<span style=\"white-space:pre-line\">{}</span>", escape(&answer.body)));
            if let Some(link) = link {
                text += &format!("{read}{colon} {link}\n\n");
                paragraphs.push(anchor(&link, read));
            }
        }
        if self.answers.len() > listed.len() {
            text += &format!("{more}\n\n");
            paragraphs.push(escape(more).into_owned());
        }
        text += &format!("—\n{stop_thread}{colon} {}\n{stop_all}{colon} {}\n", self.stop_thread, self.stop_all);
        paragraphs.push(format!("{} · {}", anchor(&self.stop_thread, stop_thread), anchor(&self.stop_all, stop_all)));
        Outgoing {
            to: vec![self.to.to_owned()],
            subject,
            text,
            html: html(lang.tag(), &paragraphs),
            message_id: id.to_owned(),
            references: Some(self.thread.clone()),
            unsubscribe: Some(self.stop_thread.clone()),
        }
    }
}
