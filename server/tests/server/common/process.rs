//! The server binary as a separate process, spoken to over raw HTTP/1.0.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use super::{FIXTURE, SLUG};

pub const BIN: &str = env!("CARGO_BIN_EXE_encart-server");

/// The server on the database at `url`, without practical rate limits (its
/// clients, all on this machine, stand for many readers); returns it and its
/// address once it listens.
pub async fn serve(url: &str) -> (Child, String) {
    serve_with(url, &[&UNLIMITED[..], &["--max-connections-per-client", "100000"]].concat()).await
}

/// Any origin, and reader writes without a practical limit.
pub const UNLIMITED: [&str; 8] =
    ["--allowed-origins", "*", "--post-burst", "1000000", "--post-refill-secs", "0", "--post-ceiling", "1000000"];

/// The key file of the servers of the database at `url`: every server of one
/// database (instances, restarts) reads the same one.
pub fn key_file(url: &str) -> std::path::PathBuf {
    use std::hash::{Hash, Hasher};
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("encart-test-keys");
    std::fs::create_dir_all(&dir).unwrap();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    url.hash(&mut hasher);
    dir.join(format!("{:016x}.key", hasher.finish()))
}

/// `serve` on the database at `url` with these flags, on a free port.
pub async fn serve_with(url: &str, flags: &[&str]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .arg("--secret-file")
        .arg(key_file(url))
        .args(flags)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some((_, address)) = line.split_once("listening on http://") {
                return address.trim().to_owned();
            }
        }
        panic!("the server exited before listening");
    })
    .await
    .expect("the server listens within 30 s");
    // Keep draining its log so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, address)
}

/// Our article imported into the database at `url` by the `import` command.
pub fn import(url: &str) {
    let output = std::process::Command::new(BIN).args(["import", FIXTURE]).env("DATABASE_URL", url).output();
    assert!(output.unwrap().status.success());
}

/// A POST of a comment on our article.
pub fn post_request(author: &str, body: &str) -> String {
    let json = serde_json::json!({ "author": author, "body": body }).to_string();
    format!(
        "POST /api/v1/articles/{SLUG}/comments HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{json}",
        json.len()
    )
}

/// Status and JSON body of an HTTP/1.0 exchange, or `None` if the connection failed.
pub async fn exchange(address: &str, request: &str) -> Option<(u16, serde_json::Value)> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await.ok()?;
    let status = response.get(9..12)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    Some((status, serde_json::from_str(body).unwrap_or_default()))
}

/// An event stream read over raw HTTP/1.0, as a browser's `EventSource` reads it.
pub struct EventStream {
    pub status: u16,
    lines: tokio::io::Lines<BufReader<TcpStream>>,
}

/// One event of a stream: its `event`, `id` and `data` fields.
#[derive(Debug, PartialEq)]
pub struct SentEvent {
    pub event: String,
    pub id: String,
    pub data: serde_json::Value,
}

impl EventStream {
    /// Opens `path` on `address` with these extra header lines (each ending in `\r\n`).
    pub async fn open(address: &str, path: &str, headers: &str) -> EventStream {
        let mut stream = TcpStream::connect(address).await.unwrap();
        let request = format!("GET {path} HTTP/1.0\r\nHost: x\r\nAccept: text/event-stream\r\n{headers}\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut lines = BufReader::new(stream).lines();
        let status_line = lines.next_line().await.unwrap().unwrap_or_default();
        let status = status_line.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        // The headers, to the blank line.
        while let Ok(Some(line)) = lines.next_line().await {
            if line.is_empty() {
                break;
            }
        }
        EventStream { status, lines }
    }

    /// The next event (comments and `retry` skipped), or `None` if none
    /// comes within `wait` or the stream ends.
    pub async fn next(&mut self, wait: Duration) -> Option<SentEvent> {
        let read = async {
            let (mut event, mut id, mut data) = (String::new(), String::new(), String::new());
            loop {
                let line = self.lines.next_line().await.ok()??;
                if line.is_empty() {
                    if !data.is_empty() {
                        return Some(SentEvent { event, id, data: serde_json::from_str(&data).unwrap() });
                    }
                    continue;
                }
                if let Some(value) = line.strip_prefix("event:") {
                    event = value.trim().to_owned();
                } else if let Some(value) = line.strip_prefix("id:") {
                    id = value.trim().to_owned();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push_str(value.trim_start());
                }
            }
        };
        tokio::time::timeout(wait, read).await.ok().flatten()
    }
}
