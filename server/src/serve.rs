//! Serving the app on a TCP listener, with what keeps one client from
//! holding the server: every connection must send its request headers within
//! [`Connections::header_timeout`] and is closed after
//! [`Connections::idle_timeout`] without a byte either way; each client
//! address (IPv6: its network, as `client.rs` tells clients apart; trusted
//! proxies excepted) may hold [`Connections::per_client`] connections, and
//! all together [`Connections::total`] (kept below the process's open-file
//! limit). A connection past a cap is closed at once, before anything is read.
//!
//! This is `axum::serve` with those limits: hyper's HTTP/1 and HTTP/2 through
//! hyper-util, with a timer (without one, hyper enforces no header timeout).

use std::collections::HashMap;
use std::net::IpAddr;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use crate::client::Clients;

/// The limits on connections.
#[derive(Clone, Debug)]
pub struct Connections {
    /// Time a client has to send a request's headers, from the connection's
    /// start or the end of its previous request.
    pub header_timeout: Duration,
    /// Time a connection may go without a byte read or written.
    pub idle_timeout: Duration,
    /// Connections one client may hold at once.
    pub per_client: usize,
    /// Connections all clients may hold at once.
    pub total: usize,
}

impl Default for Connections {
    fn default() -> Self {
        Connections {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            per_client: 64,
            total: 4096,
        }
    }
}

/// Largest request head (line and headers) a connection buffers: past it,
/// a 431 (the app refuses heads over 16 KiB itself, with a JSON answer).
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Files kept for the process's own use (database, logs, key file) below the open-file limit.
const RESERVED_FILES: u64 = 64;

impl Connections {
    /// These limits, with `total` lowered if the process cannot open that many
    /// files (after raising its soft limit to the hard one).
    pub fn within_file_limit(mut self) -> Connections {
        let limit = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
        let room = usize::try_from(limit.saturating_sub(RESERVED_FILES)).unwrap_or(usize::MAX).max(1);
        if self.total > room {
            tracing::warn!(
                wanted = self.total,
                allowed = room,
                "the open-file limit allows fewer connections than --max-connections: raise `ulimit -n`"
            );
            self.total = room;
        }
        self
    }
}

/// How many connections each client, and all together, hold.
#[derive(Default)]
struct Held {
    per_client: HashMap<IpAddr, usize>,
    total: usize,
}

/// One connection's place in [`Held`], given back when it closes.
struct Place {
    held: Arc<Mutex<Held>>,
    client: Option<IpAddr>,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.total -= 1;
        if let Some(client) = self.client
            && let Some(count) = held.per_client.get_mut(&client)
        {
            *count -= 1;
            if *count == 0 {
                held.per_client.remove(&client);
            }
        }
    }
}

/// A place for a connection of `client` (`None`: a trusted proxy, counted in
/// the total only), or `None` when a cap is reached.
fn take_place(held: &Arc<Mutex<Held>>, limits: &Connections, client: Option<IpAddr>) -> Option<Place> {
    let mut counts = held.lock().unwrap_or_else(|e| e.into_inner());
    if counts.total >= limits.total {
        return None;
    }
    if let Some(client) = client {
        let count = counts.per_client.entry(client).or_default();
        if *count >= limits.per_client {
            return None;
        }
        *count += 1;
    }
    counts.total += 1;
    Some(Place { held: held.clone(), client })
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes,
/// then lets the open requests finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Connections,
    clients: Arc<Clients>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let held = Arc::new(Mutex::new(Held::default()));
    // Connections watch `stop` to shut down gracefully; `open` closes once they all have.
    let (stop, stopping) = watch::channel(());
    let (open, all_closed) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of files, say: wait for connections to close rather than spin.
                    tracing::warn!(%err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let client = (!clients.trusts(peer.ip())).then(|| clients.key(peer.ip()));
        let Some(place) = take_place(&held, &limits, client) else {
            tracing::debug!(%peer, "connection refused: too many open");
            continue;
        };
        let _ = stream.set_nodelay(true);
        let stream = Idle::new(stream, limits.idle_timeout);
        let service = app.clone().map_request(move |request: Request<Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        });
        let (mut stopping, open) = (stopping.clone(), open.clone());
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let mut builder = Builder::new(TokioExecutor::new());
            builder.http1().timer(TokioTimer::new()).header_read_timeout(header_timeout).max_buf_size(MAX_HEAD_BYTES);
            builder.http2().timer(TokioTimer::new());
            let io = TokioIo::new(Box::pin(stream));
            let mut connection = pin!(builder.serve_connection_with_upgrades(io, TowerToHyperService::new(service)));
            tokio::select! {
                result = connection.as_mut() => log_end(result),
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    log_end(connection.await);
                }
            }
            drop((place, open));
        });
    }
    drop((listener, stop, open));
    // Every connection task holds a sender of `all_closed`'s channel: it
    // reports closed once the last one has ended.
    let mut all_closed = all_closed;
    let _ = all_closed.changed().await;
    Ok(())
}

/// A connection that fails once `idle` passes without a byte read or
/// written, either way: a request being read, an answer being sent, or a
/// live event stream's heartbeats all keep it open. (Hand-written:
/// `tokio-io-timeout` times reads and writes apart, and an event stream,
/// which only writes, would end at its read timeout.)
struct Idle<S> {
    inner: S,
    idle: Duration,
    deadline: std::pin::Pin<Box<tokio::time::Sleep>>,
}

impl<S> Idle<S> {
    fn new(inner: S, idle: Duration) -> Self {
        Idle { inner, idle, deadline: Box::pin(tokio::time::sleep(idle)) }
    }

    /// Bytes went through: the idle time starts again.
    fn moved(&mut self) {
        let next = tokio::time::Instant::now() + self.idle;
        self.deadline.as_mut().reset(next);
    }

    /// What a write polled: bytes written start the idle time again.
    fn wrote(
        &mut self,
        cx: &mut std::task::Context<'_>,
        polled: std::task::Poll<std::io::Result<usize>>,
    ) -> std::task::Poll<std::io::Result<usize>> {
        match polled {
            std::task::Poll::Pending => self.pending(cx),
            std::task::Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    self.moved();
                }
                std::task::Poll::Ready(result)
            }
        }
    }

    /// Pending: an error if the connection has been idle too long.
    fn pending<T>(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<std::io::Result<T>> {
        match self.deadline.as_mut().poll(cx) {
            std::task::Poll::Ready(()) => {
                std::task::Poll::Ready(Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "idle connection")))
            }
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    }
}

impl<S: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for Idle<S> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        match std::pin::Pin::new(&mut self.inner).poll_read(cx, buf) {
            std::task::Poll::Pending => self.pending(cx),
            std::task::Poll::Ready(result) => {
                if buf.filled().len() > before {
                    self.moved();
                }
                std::task::Poll::Ready(result)
            }
        }
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for Idle<S> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let polled = std::pin::Pin::new(&mut self.inner).poll_write(cx, buf);
        self.wrote(cx, polled)
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let polled = std::pin::Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.wrote(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match std::pin::Pin::new(&mut self.inner).poll_flush(cx) {
            std::task::Poll::Pending => self.pending(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

fn log_end(result: Result<(), Box<dyn std::error::Error + Send + Sync>>) {
    if let Err(err) = result {
        tracing::debug!(%err, "connection ended");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_hold_per_client_and_in_all_and_places_come_back() {
        let held = Arc::new(Mutex::new(Held::default()));
        let limits = Connections { per_client: 2, total: 3, ..Default::default() };
        let a = Some("203.0.113.1".parse().unwrap());
        let b = Some("203.0.113.2".parse().unwrap());
        let first = take_place(&held, &limits, a).unwrap();
        let _second = take_place(&held, &limits, a).unwrap();
        assert!(take_place(&held, &limits, a).is_none(), "a third from one client");
        let _other = take_place(&held, &limits, b).unwrap();
        assert!(take_place(&held, &limits, None).is_none(), "the total is reached, proxies too");
        drop(first);
        assert!(take_place(&held, &limits, a).is_some(), "a closed connection gives its place back");
        assert!(held.lock().unwrap().per_client.len() <= 2);
    }
}
