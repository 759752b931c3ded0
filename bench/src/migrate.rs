//! Moving in: `encart-server migrate disqus` on generated Disqus exports of
//! 100,000 and 1,000,000 comments (over 5,000 and 50,000 threads), each into
//! a fresh SQLite database: comments per second, the process's peak memory
//! (its VmHWM, which its summary reports; `wait4`'s `ru_maxrss` would count
//! the benchmark's own memory, shared with the child until it runs the
//! program), and the database's size;
//! and Isso's own `isso import --type disqus` of the same 100,000 (its
//! importer reads the whole file into memory: the million would need
//! gigabytes and half an hour).

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, ensure};
use serde_json::{Value, json};

/// Comments per thread, as the export: 1,000,000 over 50,000 threads.
const PER_THREAD: usize = 20;

/// Writes a Disqus export of `comments` comments: the threads first, then
/// the posts in date order (threads interleaved, as a forum's export is),
/// two in five answering an earlier comment of their thread; HTML bodies
/// with a link, authors with e-mail and IP addresses.
fn generate(path: &Path, comments: usize) -> anyhow::Result<u64> {
    let threads = comments / PER_THREAD;
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
    writeln!(out, "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">")?;
    for t in 0..threads {
        writeln!(
            out,
            "  <thread dsq:id=\"{t}\"><id>article-{t}</id><forum>courrier</forum>\
             <link>https://www.partner.example/actualite/{t}/article-numero-{t}/</link>\
             <title><![CDATA[Article n° {t} : un titre d'une longueur ordinaire]]></title>\
             <createdAt>2019-01-01T00:00:00Z</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>"
        )?;
    }
    for n in 0..comments {
        let t = n % threads;
        let k = n / threads;
        let parent = (k > 0 && n % 5 < 2).then(|| (k - 1 - (n % k.max(1)) % k) * threads + t);
        let parent = parent.map(|p| format!("<parent dsq:id=\"{p}\"/>")).unwrap_or_default();
        writeln!(
            out,
            "  <post dsq:id=\"{n}\"><id/><message><![CDATA[<p>Commentaire n° {n} sur l'article {t}, \
             d'une longueur ordinaire pour un lecteur de presse.</p><p>Voir <a href=\"https://example.org/source/{n}\">la source</a> \
             &amp; la suite.</p>]]></message><createdAt>2020-{:02}-{:02}T{:02}:{:02}:00Z</createdAt>\
             <isDeleted>{}</isDeleted><isSpam>false</isSpam><author><email>lecteur{n}@lecteurs.example</email>\
             <name>Lecteur {}</name><isAnonymous>false</isAnonymous><username>lecteur{n}</username></author>\
             <ipAddress>198.51.100.{}</ipAddress><thread dsq:id=\"{t}\"/>{parent}</post>",
            1 + n % 12,
            1 + n % 28,
            n % 24,
            n % 60,
            n % 97 == 0,
            n % 5_000,
            n % 250
        )?;
    }
    writeln!(out, "</disqus>")?;
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// Runs `program` with `args`; its wall time in seconds, its peak memory in
/// KiB (its VmHWM, read every 20 ms until it exits) and its standard output.
fn run_measured(program: &Path, database: &str, args: &[&str]) -> anyhow::Result<(f64, u64, String)> {
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .env("DATABASE_URL", database)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let status_file = format!("/proc/{}/status", child.id());
    let (mut stdout, mut stderr) = (child.stdout.take().context("stdout")?, child.stderr.take().context("stderr")?);
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).map(|_| text)
    });
    let mut peak_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        peak_kb = peak_kb.max(hwm.unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let secs = started.elapsed().as_secs_f64();
    let stdout = out.join().map_err(|_| anyhow::anyhow!("stdout reader"))??;
    let stderr = err.join().map_err(|_| anyhow::anyhow!("stderr reader"))??;
    ensure!(status.success(), "{args:?} failed: {stderr}");
    Ok((secs, peak_kb, stdout))
}

/// The peak memory an import's summary reports ("peak memory 21.7 MB"), in KiB.
fn reported_peak_kb(summary: &str) -> Option<u64> {
    let mb: f64 = summary.split("peak memory ").nth(1)?.split(' ').next()?.parse().ok()?;
    Some((mb * 1024.0) as u64)
}

fn size_of_database(file: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", file.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// Both imports, then the larger one again (nothing new: the idempotent path).
pub fn measure(server: &Path, isso: &Path, scratch: &Path) -> anyhow::Result<Value> {
    let mut runs = Vec::new();
    let mut peer = Value::Null;
    for comments in [100_000, 1_000_000] {
        let export = scratch.join(format!("disqus-{comments}.xml"));
        let bytes = generate(&export, comments)?;
        let db_file = scratch.join(format!("migrate-{comments}.db"));
        let database = format!("sqlite://{}", db_file.display());
        run_measured(server, &database, &["publisher", "add", "Le Courrier", "--domain", "partner.example"])?;
        let export_arg = export.to_str().context("path")?;
        let args = ["migrate", "disqus", export_arg, "--site", "https://www.partner.example", "--lang", "fr"];
        let (secs, polled_kb, summary) = run_measured(server, &database, &args)?;
        ensure!(summary.contains(&format!("comments: {comments} read; {comments} imported")), "{summary}");
        let peak_kb = reported_peak_kb(&summary).unwrap_or(polled_kb);
        let size = size_of_database(&db_file);
        if comments == 100_000 {
            peer = isso_import(isso, &export, scratch, comments)?;
        }
        let again = if comments == 1_000_000 {
            let (secs, polled_kb, summary) = run_measured(server, &database, &args)?;
            ensure!(summary.contains(&format!("skipped (already imported: {comments})")), "{summary}");
            let peak_kb = reported_peak_kb(&summary).unwrap_or(polled_kb);
            Some(
                json!({"seconds": secs, "comments_per_s": comments as f64 / secs, "peak_rss_mb": peak_kb as f64 / 1024.0}),
            )
        } else {
            None
        };
        println!(
            "    {comments} comments ({} threads, {:.0} MB of XML): {secs:.1} s, {:.0} comments/s, peak RSS {:.1} MB, database {:.0} MB",
            comments / PER_THREAD,
            bytes as f64 / 1e6,
            comments as f64 / secs,
            peak_kb as f64 / 1024.0,
            size as f64 / 1e6
        );
        runs.push(json!({
            "comments": comments, "threads": comments / PER_THREAD, "export_bytes": bytes, "seconds": secs,
            "comments_per_s": comments as f64 / secs, "peak_rss_mb": peak_kb as f64 / 1024.0, "database_bytes": size,
            "again": again,
        }));
        let _ = std::fs::remove_file(&export);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db_file.display()));
        }
    }
    Ok(json!({ "runs": runs, "isso": peer }))
}

/// Isso 0.14's importer on the same export (`--empty-id`: threads by their
/// page's path), into a fresh database of its own.
fn isso_import(isso: &Path, export: &Path, scratch: &Path, comments: usize) -> anyhow::Result<Value> {
    let db = scratch.join("isso-import.db");
    let config = scratch.join("isso-import.cfg");
    std::fs::write(&config, format!("[general]\ndbpath = {}\nhost = https://www.partner.example/\n", db.display()))?;
    let (config, export) = (config.to_str().context("path")?, export.to_str().context("path")?);
    let args = ["-c", config, "import", "--type", "disqus", "--empty-id", export];
    let (secs, peak_kb, _) = run_measured(isso, "", &args)?;
    println!(
        "    Isso 0.14, the same {comments} comments: {secs:.1} s, {:.0} comments/s, peak RSS {:.1} MB",
        comments as f64 / secs,
        peak_kb as f64 / 1024.0
    );
    let _ = std::fs::remove_file(&db);
    Ok(
        json!({"comments": comments, "seconds": secs, "comments_per_s": comments as f64 / secs, "peak_rss_mb": peak_kb as f64 / 1024.0}),
    )
}
