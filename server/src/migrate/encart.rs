//! encart's own export: JSON Lines, one record per line, a site's articles
//! first, then its comments in the order they were stored (README,
//! "Moving in and out"). No address hash, token or e-mail address is ever
//! written. `migrate encart` reads it back; the round trip is exact.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use encart_api_types::Article;
use serde::{Deserialize, Serialize};

use super::{Item, Post, Problem, State};
use crate::db::Db;
use crate::publishers::Publisher;
use crate::{articles, comments};

/// The longest line read (an article with a long body is far shorter).
const MAX_LINE: u64 = 16 << 20;
const PAGE: i64 = 1000;

/// One line of the export.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Record {
    Article(Article),
    Comment(Exported),
}

/// A comment as exported.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exported {
    /// Where it came from (`disqus:123`, …), else `encart:` and its id here:
    /// the same on every export, and kept by an import.
    pub id: String,
    /// Its article's slug.
    pub article: String,
    /// The `id` of the comment it answers.
    pub parent: Option<String>,
    pub author: String,
    pub body: String,
    /// `approved`, `pending`, `spam`, `rejected` or `deleted` (an empty placeholder).
    pub status: String,
    /// RFC 3339, UTC.
    pub created: String,
    pub edited: Option<String>,
    pub recommends: i64,
    /// When the newsroom picked it, if it did.
    pub featured: Option<String>,
}

/// Writes `publisher`'s shown articles and their comments to `out`; returns
/// how many of each.
pub async fn export(db: &Db, publisher: &Publisher, out: &mut impl Write) -> anyhow::Result<(u64, u64)> {
    let (mut articles_written, mut comments_written) = (0, 0);
    let mut after = 0;
    loop {
        let page = articles::of_publisher(db, publisher.id, after, PAGE).await?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        for (_, mut article) in page {
            article.updated = None;
            write_line(out, &Record::Article(article))?;
            articles_written += 1;
        }
    }
    let mut after = 0;
    loop {
        let page = comments::exported(db, publisher.id, after, PAGE).await?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        for (_, comment) in page {
            write_line(out, &Record::Comment(comment))?;
            comments_written += 1;
        }
    }
    out.flush()?;
    Ok((articles_written, comments_written))
}

fn write_line(out: &mut impl Write, record: &Record) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")?;
    Ok(())
}

pub struct Encart {
    file: BufReader<File>,
    line: Vec<u8>,
    position: u64,
}

impl Encart {
    pub fn open(path: &Path) -> std::io::Result<Encart> {
        Ok(Encart { file: BufReader::with_capacity(64 * 1024, File::open(path)?), line: Vec::new(), position: 0 })
    }

    pub fn position(&self) -> u64 {
        self.position
    }

    pub fn read(&mut self) -> Result<Option<Item>, Problem> {
        loop {
            self.line.clear();
            let start = self.position;
            let read = (&mut self.file)
                .take(MAX_LINE)
                .read_until(b'\n', &mut self.line)
                .map_err(|e| Problem::at(start, format_args!("cannot read: {e}")))?;
            if read == 0 {
                return Ok(None);
            }
            self.position += read as u64;
            if !self.line.ends_with(b"\n") && read as u64 == MAX_LINE {
                return Err(Problem::at(start, format_args!("a line longer than {MAX_LINE} bytes")));
            }
            if self.line.trim_ascii().is_empty() {
                continue;
            }
            let record: Record = serde_json::from_slice(&self.line)
                .map_err(|e| Problem::at(start, format_args!("not an encart export record: {e}")))?;
            return Ok(Some(match record {
                Record::Article(article) => Item::Article(Box::new(article)),
                Record::Comment(c) => Item::Post(Post {
                    position: start,
                    thread: c.article,
                    source: c.id,
                    parent: c.parent,
                    author: c.author,
                    body: c.body,
                    created: crate::db::parse_time(&c.created).map(crate::db::time_text),
                    state: match c.status.as_str() {
                        "approved" => State::Approved,
                        "pending" => State::Pending,
                        "spam" => State::Spam,
                        "rejected" => State::Rejected,
                        "deleted" => State::Deleted,
                        other => return Err(Problem::at(start, format_args!("unknown status {other:?}"))),
                    },
                    recommends: c.recommends.max(0),
                    edited: c.edited,
                    featured: c.featured,
                }),
            }));
        }
    }
}
