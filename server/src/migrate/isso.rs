//! Isso's SQLite database (`threads`: `uri`, `title`; `comments`: `tid`,
//! `parent`, `created` in seconds, `mode` 1 published, 2 awaiting, 4
//! deleted), opened read-only and read a page at a time. A thread's `uri` is a
//! path on the site. Isso keeps what readers typed (Markdown), which is our
//! text as it is; their e-mail and IP addresses are never read.

use std::collections::VecDeque;
use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Row};

use super::{Item, Post, Problem, State, Thread};

const PAGE: i64 = 1000;

pub struct Isso {
    db: SqliteConnection,
    site: String,
    items: VecDeque<Item>,
    /// The last thread, then comment, read; `None` when all are.
    after: Option<(Table, i64)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Threads,
    Comments,
}

impl Isso {
    /// Isso's database at `path`, whose threads are pages of `site` (an origin).
    pub async fn open(path: &Path, site: &str) -> Result<Isso, Problem> {
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
            .map_err(|e| Problem::at(0, format_args!("not an Isso database: {e}")))?
            .read_only(true);
        let db = options.connect().await.map_err(|e| Problem::at(0, format_args!("not an Isso database: {e}")))?;
        Ok(Isso {
            db,
            site: site.trim_end_matches('/').to_owned(),
            items: VecDeque::new(),
            after: Some((Table::Threads, 0)),
        })
    }

    pub async fn close(self) {
        let _ = self.db.close().await;
    }

    pub fn position(&self) -> u64 {
        0
    }

    pub async fn read(&mut self) -> Result<Option<Item>, Problem> {
        while self.items.is_empty() {
            let Some((table, after)) = self.after else { return Ok(None) };
            let read = match table {
                Table::Threads => self.threads(after).await,
                Table::Comments => self.comments(after).await,
            };
            let last = read.map_err(|e| Problem::at(0, format_args!("not an Isso database: {e}")))?;
            self.after = match (table, last) {
                (_, Some(last)) => Some((table, last)),
                (Table::Threads, None) => Some((Table::Comments, 0)),
                (Table::Comments, None) => None,
            };
        }
        Ok(self.items.pop_front())
    }

    async fn threads(&mut self, after: i64) -> Result<Option<i64>, sqlx::Error> {
        let rows = sqlx::query("SELECT id, uri, title FROM threads WHERE id > ?1 ORDER BY id LIMIT ?2")
            .bind(after)
            .bind(PAGE)
            .fetch_all(&mut self.db)
            .await?;
        let mut last = None;
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let uri: Option<String> = row.try_get("uri")?;
            let title: Option<String> = row.try_get("title")?;
            let uri = uri.unwrap_or_default();
            let url = match uri.trim() {
                "" => None,
                uri if uri.starts_with("http://") || uri.starts_with("https://") => Some(uri.to_owned()),
                uri => Some(format!("{}/{}", self.site, uri.trim_start_matches('/'))),
            };
            self.items.push_back(Item::Thread(Thread {
                key: id.to_string(),
                url,
                title: title.unwrap_or_default().trim().to_owned(),
                ..Thread::default()
            }));
            last = Some(id);
        }
        Ok(last)
    }

    async fn comments(&mut self, after: i64) -> Result<Option<i64>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, tid, parent, created, mode, text, author, likes FROM comments WHERE id > ?1 ORDER BY id LIMIT ?2",
        )
        .bind(after)
        .bind(PAGE)
        .fetch_all(&mut self.db)
        .await?;
        let mut last = None;
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let thread: i64 = row.try_get("tid")?;
            let parent: Option<i64> = row.try_get("parent")?;
            let created: f64 = row.try_get("created")?;
            let mode: i64 = row.try_get("mode")?;
            let text: Option<String> = row.try_get("text")?;
            let author: Option<String> = row.try_get("author")?;
            let likes: Option<i64> = row.try_get("likes")?;
            let created = std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs_f64(created.max(0.0)));
            self.items.push_back(Item::Post(Post {
                thread: thread.to_string(),
                source: format!("isso:{id}"),
                parent: parent.map(|p| format!("isso:{p}")),
                author: author.unwrap_or_default().trim().to_owned(),
                body: encart_api_types::normalize_line_breaks(text.unwrap_or_default().trim()).into_owned(),
                created: created.map(crate::db::time_text),
                state: match mode {
                    1 => State::Approved,
                    4 => State::Deleted,
                    _ => State::Pending,
                },
                recommends: likes.unwrap_or(0).max(0),
                ..Post::default()
            }));
            last = Some(id);
        }
        Ok(last)
    }
}
