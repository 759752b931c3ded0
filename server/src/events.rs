//! Live updates: `GET /api/v1/articles/{slug}/events`, a stream of
//! Server-Sent Events, one `comment` event per comment published on the
//! article (`encart_api_types::Published`), its `id` the publication's
//! number (`comments.published_seq`, per article, in commit order:
//! `articles::next_publication`).
//!
//! A stream starts after `Last-Event-ID` (a browser's reconnection), else
//! `?after=` (the `live` number of the first page the widget shows), else
//! now; it first sends what was published since, then what is. Each process
//! keeps one *feed* per article with readers: a write to the article (here,
//! or on another instance, told by `instances.rs`) wakes it, it reads the
//! new publications once and hands them to every stream of the article, so a
//! thousand readers cost one query per write, not a thousand.
//!
//! Bounded: streams per client address and in all ([`Limits`]; a refusal
//! is a 429, which `EventSource` does not retry), a heartbeat comment every
//! [`Limits::heartbeat`] (it keeps the connection within the server's idle
//! timeout and proxies' ones), and an end after [`Limits::lifetime`] (the
//! browser reconnects with `Last-Event-ID`). A stream that falls behind its
//! feed's buffer is ended the same way.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use encart_api_types::Published;
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio::time::Instant;

use crate::client::ClientIp;
use crate::db::Db;
use crate::extract::Slug;
use crate::{AppState, Error, Result, articles, comments};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/articles/{slug}/events", get(stream))
}

/// What bounds the event streams of one process.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Streams one client (address, IPv6 network) may hold open.
    pub per_client: usize,
    /// Streams all clients may hold open.
    pub total: usize,
    /// How often a quiet stream sends a comment line.
    pub heartbeat: Duration,
    /// How long a stream lasts before the browser must reconnect.
    pub lifetime: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_client: 16,
            total: 2_000,
            heartbeat: Duration::from_secs(15),
            lifetime: Duration::from_secs(30 * 60),
        }
    }
}

/// Publications read (and sent) at once, on catching up or replaying.
const BATCH: i64 = 50;
/// Publications a feed holds for streams slower than it; one further behind is ended.
const FEED_BUFFER: usize = 256;
/// What the browser waits before reconnecting a stream that ended.
const RETRY: Duration = Duration::from_secs(3);

/// The event streams of one process and their feeds.
pub struct Hub {
    limits: Limits,
    feeds: Mutex<HashMap<String, Arc<Feed>>>,
    open: Mutex<Open>,
    /// Set when the server stops: every stream ends (a graceful shutdown
    /// waits for answers in flight, and a stream's never ends by itself).
    closing: tokio::sync::watch::Sender<bool>,
}

#[derive(Default)]
struct Open {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// The publications of one article as this process hands them out.
struct Feed {
    article: i64,
    sender: broadcast::Sender<Arc<Note>>,
    /// The last publication handed out; held while catching up.
    last: tokio::sync::Mutex<i64>,
}

/// One event, encoded once for every stream.
struct Note {
    seq: i64,
    data: String,
}

impl Hub {
    pub fn new(limits: Limits) -> Hub {
        Hub { limits, feeds: Mutex::default(), open: Mutex::default(), closing: tokio::sync::watch::channel(false).0 }
    }

    /// Ends every stream, and those that open later at once: the server is
    /// stopping. Browsers reconnect (to another instance, or once it is back).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Streams open now.
    pub fn open_streams(&self) -> usize {
        self.open().total
    }

    fn open(&self) -> MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn feeds(&self) -> MutexGuard<'_, HashMap<String, Arc<Feed>>> {
        self.feeds.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The article `slug` was written, here or on another instance: its
    /// streams, if any, get what was published.
    pub fn wake(&self, db: &Db, slug: &str) {
        if let Some(feed) = self.feeds().get(slug).cloned() {
            let db = db.clone();
            tokio::spawn(async move { feed.catch_up(&db).await });
        }
    }

    /// Every feed catches up (writes may have gone unheard).
    pub fn wake_all(&self, db: &Db) {
        let feeds: Vec<Arc<Feed>> = self.feeds().values().cloned().collect();
        for feed in feeds {
            let db = db.clone();
            tokio::spawn(async move { feed.catch_up(&db).await });
        }
    }

    /// A place for one more stream of `client`, or a 429.
    fn take_place(self: &Arc<Self>, client: IpAddr, slug: &str) -> Result<Place> {
        let mut open = self.open();
        if open.total >= self.limits.total {
            return Err(Error::too_many_requests("event streams on this server", RETRY.as_secs() * 10));
        }
        let mine = open.per_client.entry(client).or_default();
        if *mine >= self.limits.per_client {
            return Err(Error::too_many_requests("event streams from this address", RETRY.as_secs() * 10));
        }
        *mine += 1;
        open.total += 1;
        Ok(Place { hub: self.clone(), client, slug: slug.to_owned() })
    }

    /// A new listener of the feed of `slug`, made if none (its last
    /// publication `latest`); under the lock a stream's end takes to drop a
    /// feed without listeners, so none is dropped as it gains one.
    fn subscribe(&self, slug: &str, article: i64, latest: i64) -> broadcast::Receiver<Arc<Note>> {
        self.feeds()
            .entry(slug.to_owned())
            .or_insert_with(|| {
                Arc::new(Feed {
                    article,
                    sender: broadcast::channel(FEED_BUFFER).0,
                    last: tokio::sync::Mutex::new(latest),
                })
            })
            .sender
            .subscribe()
    }
}

/// One open stream's share of the limits, given back when it ends (with
/// its feed, when it was the feed's last stream).
struct Place {
    hub: Arc<Hub>,
    client: IpAddr,
    slug: String,
}

impl Drop for Place {
    fn drop(&mut self) {
        {
            let mut open = self.hub.open();
            open.total -= 1;
            if let Some(mine) = open.per_client.get_mut(&self.client) {
                *mine -= 1;
                if *mine == 0 {
                    open.per_client.remove(&self.client);
                }
            }
        }
        let mut feeds = self.hub.feeds();
        if feeds.get(&self.slug).is_some_and(|feed| feed.sender.receiver_count() == 0) {
            feeds.remove(&self.slug);
        }
    }
}

impl Feed {
    /// Hands out what was published after the last publication handed out.
    async fn catch_up(&self, db: &Db) {
        let mut last = self.last.lock().await;
        loop {
            let notes = match notes(db, self.article, *last).await {
                Ok(notes) => notes,
                Err(err) => {
                    tracing::warn!(%err, article = self.article, "cannot read new publications for live updates");
                    return;
                }
            };
            let full = notes.len() as i64 == BATCH;
            for note in notes {
                *last = note.seq;
                // No stream left: nothing to do (the feed goes with the last one).
                let _ = self.sender.send(Arc::new(note));
            }
            if !full {
                return;
            }
        }
    }
}

/// The next publications of `article` after `after`, encoded.
async fn notes(db: &Db, article: i64, after: i64) -> Result<Vec<Note>> {
    let published = comments::published_since(db, article, after, BATCH).await?;
    if published.is_empty() {
        return Ok(Vec::new());
    }
    let total = comments::total(db, article).await?;
    published
        .into_iter()
        .map(|(seq, comment)| {
            let data = serde_json::to_string(&Published { comment, total }).map_err(anyhow::Error::from)?;
            Ok(Note { seq, data })
        })
        .collect()
}

#[derive(Deserialize)]
struct Params {
    after: Option<String>,
}

/// A publication number as a client sends it back.
fn publication(text: &str) -> Result<i64> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(n) if n >= 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(Error::bad_request("a stream starts after a publication number (digits)")),
    }
}

async fn stream(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Slug(slug): Slug,
    headers: HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Response> {
    let Query(params) = params.map_err(|_| Error::bad_request("the query string is not valid"))?;
    let resumed = headers.get("last-event-id").map(|v| v.to_str().map_err(|_| Error::bad_request("bad Last-Event-ID")));
    let after = match (resumed.transpose()?, params.after.as_deref()) {
        (Some(id), _) | (None, Some(id)) => Some(publication(id)?),
        (None, None) => None,
    };
    let article = articles::id_of(&state.db, &slug).await?;
    let place = state.events.take_place(state.clients.key(ip), &slug)?;
    let latest = articles::last_publication(&state.db, article).await?;
    // Listening before reading what was missed: nothing falls in between.
    let receiver = state.events.subscribe(&slug, article, latest);
    let limits = state.events.limits().clone();
    // A number from the future (another database) starts now.
    let from = after.map_or(latest, |after| after.min(latest));
    let streaming = Streaming {
        receiver,
        closing: state.events.closing.subscribe(),
        db: state.db.clone(),
        article,
        sent: from,
        // Always: a publication may have come after `latest` was read and
        // before a feed made for this stream listened.
        replaying: true,
        ends: Instant::now() + limits.lifetime,
        started: false,
        _place: place,
    };
    let mut response =
        Sse::new(events(streaming)).keep_alive(KeepAlive::new().interval(limits.heartbeat)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store, no-transform"));
    // Nginx and the proxies that follow it pass the stream as it comes.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

/// One stream's state. Its receiver goes before its place (fields drop in
/// order), so the place sees whether the feed has streams left.
struct Streaming {
    receiver: broadcast::Receiver<Arc<Note>>,
    closing: tokio::sync::watch::Receiver<bool>,
    db: Db,
    article: i64,
    /// The last publication sent.
    sent: i64,
    /// Still sending what was published before the stream opened.
    replaying: bool,
    ends: Instant,
    started: bool,
    _place: Place,
}

fn event(note: &Note) -> Event {
    Event::default().event("comment").id(note.seq.to_string()).data(&note.data)
}

/// The stream's events: the reconnection delay, what was missed, then what comes.
fn events(streaming: Streaming) -> impl Stream<Item = std::result::Result<Event, Infallible>> {
    futures_util::stream::unfold((streaming, Vec::<Event>::new()), |(mut s, mut queued)| async move {
        if *s.closing.borrow() {
            return None;
        }
        if !s.started {
            s.started = true;
            return Some((Ok(Event::default().retry(RETRY).comment("encart")), (s, queued)));
        }
        loop {
            if let Some(next) = queued.pop() {
                return Some((Ok(next), (s, queued)));
            }
            if s.replaying {
                match notes(&s.db, s.article, s.sent).await {
                    Ok(notes) => {
                        s.replaying = notes.len() as i64 == BATCH;
                        if let Some(last) = notes.last() {
                            s.sent = last.seq;
                        }
                        queued = notes.iter().rev().map(event).collect();
                        continue;
                    }
                    Err(err) => {
                        tracing::warn!(%err, "cannot replay publications; ending the stream");
                        return None;
                    }
                }
            }
            let received = tokio::select! {
                received = s.receiver.recv() => received,
                () = tokio::time::sleep_until(s.ends) => return None,
                _ = s.closing.wait_for(|closing| *closing) => return None,
            };
            match received {
                Ok(note) if note.seq > s.sent => {
                    s.sent = note.seq;
                    return Some((Ok(event(&note)), (s, queued)));
                }
                // Sent already, from the replay.
                Ok(_) => continue,
                // Behind the feed, or the feed is gone: the browser reconnects after `sent`.
                Err(_) => return None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_numbers_are_digits() {
        assert_eq!(publication("0").unwrap(), 0);
        assert_eq!(publication(" 42 ").unwrap(), 42);
        for bad in ["", "-1", "+1", "1.5", "x", "99999999999999999999"] {
            assert!(publication(bad).is_err(), "{bad:?}");
        }
    }

    #[tokio::test]
    async fn places_are_bounded_per_client_and_in_all_and_come_back() {
        let hub = Arc::new(Hub::new(Limits { per_client: 2, total: 3, ..Limits::default() }));
        let (a, b) = (IpAddr::from([192, 0, 2, 1]), IpAddr::from([192, 0, 2, 2]));
        let first = hub.take_place(a, "x").unwrap();
        let _second = hub.take_place(a, "x").unwrap();
        assert!(hub.take_place(a, "x").is_err(), "a third from one address");
        let _third = hub.take_place(b, "x").unwrap();
        assert!(hub.take_place(b, "y").is_err(), "a fourth in all");
        drop(first);
        assert_eq!(hub.open_streams(), 2);
        let _again = hub.take_place(b, "y").unwrap();
    }
}
