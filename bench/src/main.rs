//! The encart benchmark, run by `cargo xtask bench` (which builds `dist/` and
//! the release server, and installs wrk and nginx first). A benchmark, not a
//! test: it prints figures and writes them to `bench/results/`, and asserts
//! nothing about timings. What it measures, in order:
//!
//! 1. writes: concurrent POSTs until 10,000 comments are stored (then every
//!    acknowledged one is looked for); the same fills the 20- and 1,000-comment threads;
//! 2. payload: every file the browser downloads for one widget, in both modes
//!    (the server's first view then hydration; client rendering), and the
//!    bytes on the critical path to first content;
//! 3. cold loads in headless Chromium (fresh profile each), both modes,
//!    unthrottled and throttled through the DevTools Protocol (150 ms,
//!    1.6 Mbit/s, CPU 4x), to the title, to 20 comments and to a usable form,
//!    against the floor of the same DOM written into the page (a declarative
//!    shadow root);
//! 4. scale: first page of threads of 20, 1,000 and 10,000 comments;
//! 5. throughput: wrk on the 20-comment page, against nginx serving the same bytes.
//!
//! Isso runs in the same run as the reference of 2 and 3: its script and
//! thread sizes, and cold loads of a page embedding the same 20 comments.

mod browser;
mod http;
mod isso;
mod report;
mod server;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use serde_json::{Value, json};

use crate::browser::Conditions;
use crate::report::{Report, median};

/// Cold loads per page.
const LOADS: usize = 7;
/// Threads measured, by their number of comments.
const THREADS: [usize; 3] = [20, 1_000, 10_000];
/// Concurrent writers.
const WRITERS: usize = 16;

struct Args {
    dist: PathBuf,
    server: PathBuf,
    chromedriver: PathBuf,
    out: PathBuf,
    fixture: PathBuf,
    isso: PathBuf,
}

fn args() -> anyhow::Result<Args> {
    let mut args = std::env::args().skip(1);
    let mut next = |name: &str| args.next().with_context(|| format!("missing <{name}>"));
    let usage =
        "usage: encart-bench <dist> <encart-server binary> <chromedriver> <results dir> <article file> <isso binary>";
    Ok(Args {
        dist: next("dist").context(usage)?.into(),
        server: next("server").context(usage)?.into(),
        chromedriver: next("chromedriver").context(usage)?.into(),
        out: next("results").context(usage)?.into(),
        fixture: next("article").context(usage)?.into(),
        isso: next("isso").context(usage)?.into(),
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    let started = Instant::now();
    let scratch = std::env::temp_dir().join(format!("encart-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let result = run(&args, &scratch).await;
    let _ = std::fs::remove_dir_all(&scratch);
    let report = result?;
    report.print();
    let (json_path, md_path) = report.write(&args.out)?;
    println!("\nwrote {} and {} in {:.0} s", json_path.display(), md_path.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// The summary of `runs`, printed.
fn load_entry(name: &str, conditions: Conditions, runs: &[browser::Run]) -> Value {
    let mut entry = browser::summary(name, runs);
    entry["conditions"] = json!(conditions.name());
    println!("    {}", browser::line(&entry));
    entry
}

async fn run(args: &Args, scratch: &Path) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let database = format!("sqlite://{}", scratch.join("bench.db").display());

    // One article per thread size, each imported under its own title.
    let original = std::fs::read_to_string(&args.fixture).context("cannot read the article")?;
    let mut slugs = Vec::new();
    for size in THREADS {
        let file = scratch.join(format!("article-{size}.txt"));
        let (title, rest) = original.split_once('\n').context("the article has no title line")?;
        std::fs::write(&file, format!("{title} ({size})\n{rest}"))?;
        slugs.push(server::import(&args.server, &database, &file)?);
    }

    println!("==> writes: {WRITERS} concurrent writers");
    let mut api = server::Server::start(&args.server, &database).await?;
    let mut writes = Vec::new();
    for (size, slug) in THREADS.iter().zip(&slugs) {
        let outcome = http::post_comments(&api.url, slug, *size, WRITERS).await?;
        let listed = http::all_comment_ids(&api.url, slug).await?;
        let missing = outcome.acknowledged.iter().filter(|id| !listed.contains(*id)).count();
        println!(
            "    {size:>6} comments: {:.0} acknowledged/s, {} refused, {missing} acknowledged but missing",
            outcome.per_second(),
            outcome.refused
        );
        writes.push(json!({
            "thread": size, "acknowledged": outcome.acknowledged.len(), "refused": outcome.refused,
            "seconds": outcome.elapsed.as_secs_f64(), "acknowledged_per_s": outcome.per_second(),
            "missing_after": missing, "listed": listed.len(),
        }));
    }
    report.section("writes", Value::Array(writes));
    // Restart: the measures below start from a cold cache and a fresh RSS.
    api.stop().await;
    let api = server::Server::start(&args.server, &database).await?;

    println!("==> server latency of the first comment page, by thread size");
    let mut scale = Vec::new();
    for (size, slug) in THREADS.iter().zip(&slugs) {
        let url = format!("{}/api/v1/articles/{slug}/comments?limit=20", api.url);
        let cold = http::time_get(&url).await?;
        let mut warm = Vec::new();
        for _ in 0..200 {
            warm.push(http::time_get(&url).await?);
        }
        println!("    {size:>6} comments: cold {cold:.2} ms, then median {:.3} ms", median(&warm));
        scale.push(json!({ "thread": size, "cold_ms": cold, "warm_median_ms": median(&warm) }));
    }

    let sites = browser::Sites::start(&args.dist, &api.url, &slugs).await?;
    let isso = isso::Isso::start(&args.isso, scratch, sites.partner())?;
    isso.seed(THREADS[0]).await?;
    let isso_page = sites.add_isso(&isso.url, isso::THREAD);

    println!("==> payload");
    let mut payload = report::payload(&args.dist, &api.url, &slugs[0]).await?;
    payload["isso"] = report::isso_payload(&isso).await?;
    report.section("payload", payload);

    println!("==> cold loads in headless Chromium ({LOADS} per page and conditions)");
    let view: Value =
        serde_json::from_slice(&http::get_bytes(&format!("{}/api/v1/articles/{}/embed", api.url, slugs[0])).await?)?;
    let css = view["css"].as_str().context("the first view has no stylesheet")?.to_owned();
    let driver = browser::Chromedriver::start(&args.chromedriver)?;
    // One load not counted: it warms Chromium's files and gives the DOM that
    // the floor page holds in its own HTML.
    let warm = browser::warm_up(&driver, &sites.url("widget-0.html")).await?;
    let floor = sites.add_floor(&css, &warm.dom.context("the warm-up load did not capture the widget's DOM")?);
    let mut loads = Vec::new();
    let mut ratios = json!({});
    let median_of = |entry: &Value, key: &str| entry[key]["median"].as_f64().unwrap_or(f64::NAN);
    for conditions in [Conditions::Unthrottled, Conditions::Throttled] {
        println!("  {}", conditions.name());
        let mut pages = vec![
            (format!("encart, first view + hydration, {} comments", THREADS[0]), "widget-0.html".to_owned()),
            (format!("encart, client rendering, {} comments", THREADS[0]), "client-0.html".to_owned()),
            ("floor: the same DOM in the page's HTML".to_owned(), floor.clone()),
        ];
        // Unthrottled only: the larger threads, with the first view (as fast
        // to open?), and Isso (its server sends its script uncompressed).
        // `thread_pages[i]` is where THREADS[i]'s page is in `pages`.
        let mut unthrottled_only = None;
        if conditions == Conditions::Unthrottled {
            let mut thread_pages = vec![0];
            for (size, i) in THREADS.iter().zip(0..).skip(1) {
                thread_pages.push(pages.len());
                pages.push((format!("encart, first view + hydration, {size} comments"), format!("widget-{i}.html")));
            }
            unthrottled_only = Some((thread_pages, pages.len()));
            pages.push((format!("Isso 0.14, {} comments (same run)", THREADS[0]), isso_page.clone()));
        }
        let urls: Vec<String> = pages.iter().map(|(_, page)| sites.url(page)).collect();
        let runs = browser::cold_loads(&driver, &urls, LOADS, conditions).await?;
        let entries: Vec<Value> = pages
            .iter()
            .zip(&runs)
            .enumerate()
            .map(|(i, ((name, _), runs))| {
                let entry = load_entry(name, conditions, runs);
                if i < 2 {
                    for resource in entry["first_load_resources"].as_array().into_iter().flatten() {
                        println!("        {}", resource.as_str().unwrap_or_default());
                    }
                }
                entry
            })
            .collect();
        let (first_view, client, floor) = (&entries[0], &entries[1], &entries[2]);
        let key = if conditions == Conditions::Throttled { "throttled" } else { "unthrottled" };
        ratios[key] = json!({
            "first_view_title_to_floor": median_of(first_view, "title_ms") / median_of(floor, "title_ms"),
            "first_view_comments_to_floor": median_of(first_view, "comments_ms") / median_of(floor, "comments_ms"),
            "client_title_to_floor": median_of(client, "title_ms") / median_of(floor, "title_ms"),
            "client_comments_to_floor": median_of(client, "comments_ms") / median_of(floor, "comments_ms"),
            "comments_first_view_to_client": median_of(first_view, "comments_ms") / median_of(client, "comments_ms"),
            "usable_first_view_to_client": median_of(first_view, "usable_ms") / median_of(client, "usable_ms"),
        });
        let r = &ratios[key];
        println!(
            "    ratios (medians): to the floor, first view title {:.2}x, 20 comments {:.2}x; client rendering title {:.2}x, 20 comments {:.2}x",
            r["first_view_title_to_floor"].as_f64().unwrap_or(f64::NAN),
            r["first_view_comments_to_floor"].as_f64().unwrap_or(f64::NAN),
            r["client_title_to_floor"].as_f64().unwrap_or(f64::NAN),
            r["client_comments_to_floor"].as_f64().unwrap_or(f64::NAN),
        );
        println!(
            "    first view / client rendering: 20 comments {:.2}x, form usable {:.2}x",
            r["comments_first_view_to_client"].as_f64().unwrap_or(f64::NAN),
            r["usable_first_view_to_client"].as_f64().unwrap_or(f64::NAN),
        );
        if let Some((thread_pages, isso)) = unthrottled_only {
            let isso = &entries[isso];
            ratios[key]["comments_first_view_to_isso"] =
                json!(median_of(first_view, "comments_ms") / median_of(isso, "comments_ms"));
            ratios[key]["usable_first_view_to_isso"] =
                json!(median_of(first_view, "usable_ms") / median_of(isso, "usable_ms"));
            println!(
                "    first view / Isso: 20 comments {:.2}x, form usable {:.2}x",
                ratios[key]["comments_first_view_to_isso"].as_f64().unwrap_or(f64::NAN),
                ratios[key]["usable_first_view_to_isso"].as_f64().unwrap_or(f64::NAN),
            );
            for (size, i) in THREADS.iter().zip(thread_pages) {
                if let Some(row) = scale.iter_mut().find(|row| row["thread"] == *size) {
                    row["dom_20_comments_median_ms"] = entries[i]["comments_ms"]["median"].clone();
                }
            }
        }
        loads.extend(entries);
    }
    report.section("cold_loads", json!({ "pages": loads, "ratios": ratios }));
    report.section("scale", Value::Array(scale));

    println!("==> throughput: wrk -t2 -c16 -d10s");
    let list = format!("{}/api/v1/articles/{}/comments?limit=20", api.url, slugs[0]);
    let body = http::get_bytes(&list).await?;
    let ours = server::wrk(&list)?;
    let peak_rss_kb = api.peak_rss_kb()?;
    println!("    encart  {}; server peak RSS {:.1} MB", ours.line(), peak_rss_kb as f64 / 1024.0);
    let nginx = server::Nginx::start(scratch, &body)?;
    let ceiling = server::wrk(&nginx.url)?;
    drop(nginx);
    println!("    nginx   {} (the same {} bytes as a static file)", ceiling.line(), body.len());
    let ratio = ours.requests_per_s / ceiling.requests_per_s;
    println!("    ratio to nginx: {ratio:.2}");
    report.section(
        "throughput",
        json!({
            "url": "/api/v1/articles/{slug}/comments?limit=20", "response_bytes": body.len(),
            "encart": ours.json(), "nginx": ceiling.json(), "ratio_to_nginx": ratio,
            "server_peak_rss_mb": peak_rss_kb as f64 / 1024.0,
        }),
    );
    Ok(report)
}
