//! `encart-server migrate FORMAT FILE --site ORIGIN`: a site's discussions
//! from Disqus, WordPress, Isso or another encart, and `export` (see
//! `encart.rs`).
//!
//! Each format is read as a stream of [`Item`]s (threads, then posts, in the
//! file's order) with memory that does not grow with the file. The file is
//! read twice: first to check it all (a file that does not parse stops the
//! run with its position and reason, before anything is written), then to
//! write, a batch of comments per transaction. Threads find their article by
//! URL (`articles::source_key`), else become a new article of the site's
//! publisher with the thread's title and address and no body yet. Comments
//! keep their source's id (`comments.source`), so a second run, or a newer
//! export, adds only what is new; an answer read before its parent is
//! attached when the parent comes. Deleted and spam comments become empty
//! placeholders (shown only where answered). Nothing is announced: imported
//! comments reach no webhook and no reader's inbox.

mod disqus;
pub mod encart;
mod isso;
pub mod text;
mod wordpress;
mod xml;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use encart_api_types::{AUTHOR_MAX_CHARS, Article};
use indicatif::{ProgressBar, ProgressStyle};

use crate::comments::{self, Imported};
use crate::db::{self, Db};
use crate::publishers::{self, Publisher};
use crate::{articles, import};

/// Comments written per transaction.
const BATCH: usize = 200;
/// On SQLite, the pause after each transaction, as a share of how long it
/// held the database's one write lock: the readers' posts, waiting for that
/// lock, take it meanwhile (without it, an import of minutes would keep them
/// waiting past their timeout).
const SQLITE_PAUSE: u32 = 3;
/// Problems listed in the summary (all are counted).
const SHOWN_PROBLEMS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Disqus,
    Wordpress,
    Isso,
    Encart,
    /// From the file's first bytes.
    Auto,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Disqus => "Disqus export",
            Format::Wordpress => "WordPress export",
            Format::Isso => "Isso database",
            Format::Encart => "encart export",
            Format::Auto => "file",
        }
    }
}

/// The format of the file at `path`, from its first bytes.
pub fn detect(path: &Path) -> anyhow::Result<Format> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .with_context(|| format!("cannot open {}", path.display()))?
        .take(4096)
        .read_to_end(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    Ok(if head.starts_with(b"SQLite format 3\0") {
        Format::Isso
    } else if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
        Format::Encart
    } else if text.contains("<disqus") {
        Format::Disqus
    } else if text.contains("<rss") && text.contains("wordpress.org/export/") {
        Format::Wordpress
    } else {
        bail!(
            "{}: unknown format (not a Disqus or WordPress export, an Isso database or an encart export)",
            path.display()
        )
    })
}

/// What went wrong at a place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Bytes from the start of the file.
    pub position: u64,
    pub reason: String,
}

impl Problem {
    pub fn at(position: u64, reason: impl fmt::Display) -> Problem {
        Problem { position, reason: reason.to_string() }
    }
}

/// A thread: the discussion of one page.
#[derive(Clone, Debug, Default)]
pub struct Thread {
    /// The source's id for it, which its posts name.
    pub key: String,
    pub url: Option<String>,
    pub title: String,
    pub deleted: bool,
    pub position: u64,
}

/// A comment as a source gives it, its body already our text.
#[derive(Clone, Debug, Default)]
pub struct Post {
    pub thread: String,
    /// `format:id`: kept, so importing it again finds it.
    pub source: String,
    pub parent: Option<String>,
    pub author: String,
    pub body: String,
    /// As we store times; `None` when the source's could not be read.
    pub created: Option<String>,
    pub state: State,
    pub recommends: i64,
    pub edited: Option<String>,
    pub featured: Option<String>,
    pub position: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum State {
    #[default]
    Approved,
    Pending,
    Spam,
    Rejected,
    Deleted,
}

#[derive(Debug)]
pub enum Item {
    Thread(Thread),
    /// An encart export's article, whole.
    Article(Box<Article>),
    Post(Post),
    /// Something the source holds that is not a reader's comment.
    Skipped {
        reason: &'static str,
    },
}

/// A source's time (RFC 3339; `YYYY-MM-DD HH:MM:SS` or without a zone, as
/// UTC) as we store times.
pub fn time_text(text: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let text = text.trim();
    if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return Some(db::time_text(t.into()));
    }
    let plain =
        format_description!("[year]-[month]-[day][first [T][ ]][hour]:[minute]:[second][optional [.[subsecond]]]");
    let t = time::PrimitiveDateTime::parse(text, &plain).ok()?;
    Some(db::time_text(t.assume_utc().into()))
}

enum Source {
    Disqus(disqus::Disqus),
    Wordpress(wordpress::WordPress),
    Isso(Box<isso::Isso>),
    Encart(encart::Encart),
}

impl Source {
    async fn open(format: Format, path: &Path, site: &str) -> anyhow::Result<Source> {
        let opened = |e: std::io::Error| anyhow::anyhow!("cannot open {}: {e}", path.display());
        Ok(match format {
            Format::Disqus => Source::Disqus(disqus::Disqus::open(path).map_err(opened)?),
            Format::Wordpress => Source::Wordpress(wordpress::WordPress::open(path).map_err(opened)?),
            Format::Encart => Source::Encart(encart::Encart::open(path).map_err(opened)?),
            Format::Isso => Source::Isso(Box::new(
                isso::Isso::open(path, site).await.map_err(|p| anyhow::anyhow!("{}: {}", path.display(), p.reason))?,
            )),
            Format::Auto => unreachable!("detected before"),
        })
    }

    async fn next(&mut self) -> Result<Option<Item>, Problem> {
        match self {
            Source::Disqus(s) => s.read(),
            Source::Wordpress(s) => s.read(),
            Source::Encart(s) => s.read(),
            Source::Isso(s) => s.read().await,
        }
    }

    fn position(&self) -> u64 {
        match self {
            Source::Disqus(s) => s.position(),
            Source::Wordpress(s) => s.position(),
            Source::Encart(s) => s.position(),
            Source::Isso(s) => s.position(),
        }
    }

    async fn close(self) {
        if let Source::Isso(s) = self {
            s.close().await;
        }
    }
}

/// How to import.
#[derive(Clone, Debug)]
pub struct Options {
    /// The partner site's origin: its publisher owns the articles.
    pub site: String,
    /// The language of new articles (else detected from their titles, else English).
    pub language: Option<String>,
    pub dry_run: bool,
    /// A progress bar on standard error (shown on a terminal only).
    pub progress: bool,
}

/// What a run did (or would do, in a dry run).
#[derive(Debug, Default)]
pub struct Summary {
    pub format: Option<Format>,
    pub dry_run: bool,
    pub publisher: String,
    pub threads: u64,
    pub matched: u64,
    pub created: u64,
    pub threads_skipped: BTreeMap<&'static str, u64>,
    pub comments: u64,
    pub imported: u64,
    /// Of `imported`: deleted or spam, kept as empty placeholders for their answers.
    pub placeholders: u64,
    pub skipped: BTreeMap<&'static str, u64>,
    /// Answers whose parent is not in the database (shown at the top level until it comes).
    pub orphans: u64,
    pub problems: Vec<String>,
    pub problem_count: u64,
    pub elapsed: Duration,
    /// The most memory the process held (Linux's VmHWM), in KiB, where known.
    pub peak_memory_kb: Option<u64>,
}

impl Summary {
    fn problem(&mut self, path: &Path, problem: &Problem) {
        self.problem_count += 1;
        if self.problems.len() < SHOWN_PROBLEMS {
            self.problems.push(format!("{}: {}", place(path, problem.position), problem.reason));
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list =
            |map: &BTreeMap<&str, u64>| map.iter().map(|(why, n)| format!("{why}: {n}")).collect::<Vec<_>>().join(", ");
        let would = if self.dry_run { "would be " } else { "" };
        if self.dry_run {
            writeln!(f, "Dry run: nothing was written.")?;
        }
        writeln!(f, "{} for publisher {:?}", self.format.map_or("file", Format::name), self.publisher)?;
        let skipped: u64 = self.threads_skipped.values().sum();
        writeln!(
            f,
            "threads: {} read; {} matched an existing article, {} new article(s) {would}created, {} skipped{}",
            self.threads,
            self.matched,
            self.created,
            skipped,
            if skipped > 0 { format!(" ({})", list(&self.threads_skipped)) } else { String::new() }
        )?;
        let skipped: u64 = self.skipped.values().sum();
        writeln!(
            f,
            "comments: {} read; {} {would}imported ({} deleted or spam, as empty placeholders), {} skipped{}",
            self.comments,
            self.imported,
            self.placeholders,
            skipped,
            if skipped > 0 { format!(" ({})", list(&self.skipped)) } else { String::new() }
        )?;
        if self.orphans > 0 {
            writeln!(
                f,
                "answers whose parent is missing: {} (shown at the top level until it is imported)",
                self.orphans
            )?;
        }
        if self.problem_count > 0 {
            writeln!(f, "problems: {}", self.problem_count)?;
            for problem in &self.problems {
                writeln!(f, "  {problem}")?;
            }
        }
        let secs = self.elapsed.as_secs_f64();
        write!(f, "took {secs:.1} s ({:.0} comments/s)", self.comments as f64 / secs.max(0.001))?;
        match self.peak_memory_kb {
            Some(kb) => write!(f, ", peak memory {:.1} MB", kb as f64 / 1024.0),
            None => Ok(()),
        }
    }
}

/// Where `position` (bytes) is in the file at `path`: its line and column.
fn place(path: &Path, position: u64) -> String {
    let mut line = 1;
    let mut column = 1;
    if let Ok(file) = std::fs::File::open(path) {
        let mut bytes = std::io::BufReader::new(file).take(position);
        let mut buf = [0u8; 64 * 1024];
        while let Ok(n) = bytes.read(&mut buf) {
            if n == 0 {
                break;
            }
            for &b in &buf[..n] {
                if b == b'\n' {
                    line += 1;
                    column = 1;
                } else if b & 0xC0 != 0x80 {
                    column += 1;
                }
            }
        }
    }
    format!("{}:{line}:{column} (byte {position})", path.display())
}

/// Imports the file at `path` (see the module's documentation).
pub async fn run(db: &Db, format: Format, path: &Path, options: &Options) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let format = if format == Format::Auto { detect(path)? } else { format };
    let host = url::Url::parse(&options.site)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .and_then(|u| u.host_str().map(str::to_owned))
        .with_context(|| {
            format!("--site must be the site's origin, e.g. https://www.example.com: {:?}", options.site)
        })?;
    let publisher = publishers::owning(db, &host).await?.with_context(|| {
        format!("no publisher owns {host}: add one first (`encart-server publisher add NAME --domain {host}`)")
    })?;
    if let Some(lang) = &options.language {
        import::checked_language_tag(lang).map_err(|e| anyhow::anyhow!("--lang: {e}"))?;
    }
    // First the whole file, read only: a file that does not parse writes nothing.
    let (threads, posts) = check(format, path, &options.site).await?;
    articles::fill_source_keys(db).await?;
    let progress = if options.progress { ProgressBar::new(posts) } else { ProgressBar::hidden() };
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} comments, {per_sec}, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut writer = Writer {
        db,
        path,
        format,
        publisher,
        options,
        threads: HashMap::with_capacity(threads.min(1 << 20) as usize),
        summary: Summary { format: Some(format), dry_run: options.dry_run, ..Summary::default() },
        tx: None,
        began: Instant::now(),
        batch: 0,
        dry_keys: HashSet::new(),
    };
    writer.summary.publisher = writer.publisher.name.clone();
    let mut source = Source::open(format, path, &options.site).await?;
    while let Some(item) = source.next().await.map_err(|p| fail(path, &p))? {
        if matches!(item, Item::Post(_) | Item::Skipped { .. }) {
            progress.inc(1);
        }
        writer.take(item).await?;
    }
    let position = source.position();
    source.close().await;
    writer.finish().await.with_context(|| format!("after {}", place(path, position)))?;
    progress.finish_and_clear();
    let mut summary = writer.summary;
    summary.orphans = if options.dry_run { 0 } else { comments::adopt_orphans(db).await? };
    summary.elapsed = started.elapsed();
    summary.peak_memory_kb = peak_memory_kb();
    Ok(summary)
}

/// The most memory this process has held (VmHWM), in KiB, on Linux.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn fail(path: &Path, problem: &Problem) -> anyhow::Error {
    anyhow::anyhow!("{}: {}; nothing was imported", place(path, problem.position), problem.reason)
}

/// Reads the whole file: its threads and posts counted, or the first reason it cannot be read.
async fn check(format: Format, path: &Path, site: &str) -> anyhow::Result<(u64, u64)> {
    let mut source = Source::open(format, path, site).await?;
    let (mut threads, mut posts) = (0, 0);
    let read = loop {
        match source.next().await {
            Ok(Some(Item::Thread(_) | Item::Article(_))) => threads += 1,
            Ok(Some(Item::Post(_) | Item::Skipped { .. })) => posts += 1,
            Ok(None) => break Ok(()),
            Err(problem) => break Err(fail(path, &problem)),
        }
    };
    source.close().await;
    read.map(|()| (threads, posts))
}

/// Where a thread's posts go.
enum Target {
    /// An article, and whether this run created it (so no comment of it can have been imported before).
    Article(i64, bool),
    /// A new article, in a dry run.
    New,
    Skip(&'static str),
}

struct Writer<'a> {
    db: &'a Db,
    path: &'a Path,
    format: Format,
    publisher: Publisher,
    options: &'a Options,
    /// Each thread's target, by the source's key.
    threads: HashMap<String, Target>,
    summary: Summary,
    tx: Option<sqlx::Transaction<'static, sqlx::Any>>,
    /// When the transaction began.
    began: Instant,
    batch: usize,
    /// In a dry run: the pages of the articles that would be created.
    dry_keys: HashSet<String>,
}

impl Writer<'_> {
    async fn tx(&mut self) -> anyhow::Result<&mut sqlx::Transaction<'static, sqlx::Any>> {
        if self.tx.is_none() {
            self.tx = Some(db::begin_writing(self.db).await?);
            self.began = Instant::now();
        }
        Ok(self.tx.as_mut().expect("just begun"))
    }

    async fn finish(&mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.tx.take() {
            if self.options.dry_run {
                tx.rollback().await?;
            } else {
                tx.commit().await?;
            }
            if db::Backend::of(self.db) == db::Backend::Sqlite {
                tokio::time::sleep(self.began.elapsed() / SQLITE_PAUSE).await;
            }
        }
        self.batch = 0;
        Ok(())
    }

    async fn take(&mut self, item: Item) -> anyhow::Result<()> {
        match item {
            Item::Thread(thread) => self.thread(thread).await,
            Item::Article(article) => self.article(*article).await,
            Item::Post(post) => {
                self.post(post).await?;
                self.batch += 1;
                if self.batch >= BATCH {
                    self.finish().await?;
                }
                Ok(())
            }
            Item::Skipped { reason } => {
                self.summary.comments += 1;
                *self.summary.skipped.entry(reason).or_default() += 1;
                Ok(())
            }
        }
    }

    fn skip_thread(&mut self, key: String, reason: &'static str) {
        *self.summary.threads_skipped.entry(reason).or_default() += 1;
        self.threads.insert(key, Target::Skip(reason));
    }

    async fn thread(&mut self, thread: Thread) -> anyhow::Result<()> {
        self.summary.threads += 1;
        if thread.key.is_empty() {
            let problem = Problem::at(
                thread.position,
                format_args!("a thread with an empty identifier ({:?}): its comments cannot name it", thread.title),
            );
            self.summary.problem(self.path, &problem);
            self.skip_thread(thread.key, "empty identifier");
            return Ok(());
        }
        if thread.deleted {
            self.skip_thread(thread.key, "thread deleted");
            return Ok(());
        }
        let url = thread.url.as_deref().unwrap_or("");
        let Some(key) = articles::source_key(url) else {
            let problem =
                Problem::at(thread.position, format_args!("thread {:?} has no web address ({url:?})", thread.key));
            self.summary.problem(self.path, &problem);
            self.skip_thread(thread.key, "no web address");
            return Ok(());
        };
        let publisher = self.publisher.id;
        if let Some(id) = articles::by_source_key(&mut **self.tx().await?, &key, publisher).await? {
            self.summary.matched += 1;
            self.threads.insert(thread.key, Target::Article(id, false));
            return Ok(());
        }
        if self.options.dry_run {
            // Another thread of the same page, in this run, would find the first's article.
            if self.dry_keys.insert(key) {
                self.summary.created += 1;
            } else {
                self.summary.matched += 1;
            }
            self.threads.insert(thread.key, Target::New);
            return Ok(());
        }
        let title = text::printable(&thread.title);
        let title = if title.trim().is_empty() { url.to_owned() } else { title.trim().to_owned() };
        let language = match &self.options.language {
            Some(lang) => lang.clone(),
            None => import::detect_language(std::slice::from_ref(&title)).unwrap_or_else(|| "en".to_owned()),
        };
        let base = publishers::slug_for(&self.publisher, &slug_of_url(url));
        let article = Article {
            slug: base,
            title,
            byline: None,
            published: None,
            language,
            dir: None,
            lead: None,
            body: Vec::new(),
            source_url: Some(url.to_owned()),
            updated: None,
        };
        let tx = self.tx().await?;
        let id = articles::create_for_import(tx, &article, publisher).await?;
        self.summary.created += 1;
        self.threads.insert(thread.key, Target::Article(id, true));
        Ok(())
    }

    async fn article(&mut self, article: Article) -> anyhow::Result<()> {
        self.summary.threads += 1;
        let slug = article.slug.clone();
        let publisher = self.publisher.id;
        let dry_run = self.options.dry_run;
        let tx = self.tx().await?;
        match articles::id_and_owner(tx, &slug).await? {
            Some((id, owner)) if owner == Some(publisher) => {
                self.summary.matched += 1;
                self.threads.insert(slug, Target::Article(id, false));
            }
            Some(_) => self.skip_thread(slug, "an article of another publisher"),
            None if dry_run => {
                self.summary.created += 1;
                self.threads.insert(slug, Target::New);
            }
            None => {
                let id = articles::create_exact(tx, &article, publisher).await?;
                self.summary.created += 1;
                self.threads.insert(slug, Target::Article(id, true));
            }
        }
        Ok(())
    }

    async fn post(&mut self, post: Post) -> anyhow::Result<()> {
        self.summary.comments += 1;
        let (article, fresh) = match self.threads.get(&post.thread) {
            Some(Target::Article(id, fresh)) => (Some(*id), *fresh),
            Some(Target::New) => (None, true),
            Some(Target::Skip(reason)) => {
                *self.summary.skipped.entry(reason).or_default() += 1;
                return Ok(());
            }
            None => {
                *self.summary.skipped.entry("unknown thread").or_default() += 1;
                return Ok(());
            }
        };
        if post.source.is_empty() {
            let problem = Problem::at(post.position, "a comment without an identifier");
            self.summary.problem(self.path, &problem);
            *self.summary.skipped.entry("no identifier").or_default() += 1;
            return Ok(());
        }
        if let Some(article) = article
            && !fresh
            && comments::imported(&mut **self.tx().await?, article, &post.source).await?.is_some()
        {
            *self.summary.skipped.entry("already imported").or_default() += 1;
            return Ok(());
        }
        // Other systems' spam and deleted comments: empty placeholders, shown only where answered.
        let faithful = self.format == Format::Encart;
        let status = match post.state {
            State::Approved if post.body.trim().is_empty() => "deleted",
            State::Approved => "approved",
            State::Pending if post.body.trim().is_empty() => "deleted",
            State::Pending => "pending",
            State::Spam if faithful => "spam",
            State::Rejected if faithful => "rejected",
            State::Spam | State::Rejected | State::Deleted => "deleted",
        };
        self.summary.imported += 1;
        if status == "deleted" {
            self.summary.placeholders += 1;
        }
        let Some(article) = article else { return Ok(()) };
        let created = match post.created {
            Some(created) => created,
            None => {
                let problem = Problem::at(post.position, "a date that cannot be read: now is used");
                self.summary.problem(self.path, &problem);
                db::now()
            }
        };
        let anonymous = match self.options.language.as_deref() {
            Some(l) if l.starts_with("fr") => "Anonyme",
            _ => "Anonymous",
        };
        let body = text::printable(&post.body);
        let author: String = match text::printable(&post.author).trim() {
            "" => anonymous.to_owned(),
            name => name.chars().take(AUTHOR_MAX_CHARS).collect(),
        };
        let erased = status == "deleted";
        let tx = self.tx().await?;
        let stored = comments::import(
            tx,
            &Imported {
                article,
                source: &post.source,
                parent: post.parent.as_deref(),
                author: if erased { "" } else { &author },
                body: if erased { "" } else { &body },
                status,
                created: &created,
                edited: post.edited.as_deref().and_then(time_text).as_deref(),
                recommends: post.recommends,
                featured: post.featured.as_deref().and_then(time_text).as_deref(),
            },
        )
        .await?;
        if stored.is_none() {
            // The same comment twice in the file.
            self.summary.imported -= 1;
            self.summary.placeholders -= u64::from(erased);
            *self.summary.skipped.entry("already imported").or_default() += 1;
        }
        Ok(())
    }
}

/// A slug from a page's address: its path's words (`/2019/05/haftar-poutine/` → `2019-05-haftar-poutine`).
fn slug_of_url(url: &str) -> String {
    let path = url::Url::parse(url).map(|u| u.path().to_owned()).unwrap_or_default();
    let path = path.trim_end_matches(".html").trim_end_matches(".php").trim_end_matches(".htm");
    let slug = import::slug_of(&path.replace('/', " "));
    if slug.is_empty() { "discussion".to_owned() } else { slug }
}

/// Writes `publisher`'s articles and comments as JSON Lines (see `encart.rs`).
pub async fn export(db: &Db, site: &str, out: &mut impl std::io::Write) -> anyhow::Result<(u64, u64)> {
    let host = url::Url::parse(site)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .with_context(|| format!("--site must be the site's origin, e.g. https://www.example.com: {site:?}"))?;
    let publisher = publishers::owning(db, &host).await?.with_context(|| format!("no publisher owns {host}"))?;
    encart::export(db, &publisher, out).await
}
