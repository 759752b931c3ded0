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
//!    then Web Vitals (`vitals.rs`): a partner's article page on a throttled
//!    phone, the module on demand, eager and client rendering, Isso under
//!    the same article, and the floor: total blocking time, longest task,
//!    CLS, LCP, bytes and requests for a reader who stays at the top for
//!    10 s, then scrolls to the form (how long it waits for it) and comes back;
//! 4. scale: first page of threads of 20, 1,000 and 10,000 comments; the
//!    10,000-comment thread in each order (newest, oldest, most recommended,
//!    with recommendations seeded), server time and time to 20 comments;
//! 5. throughput: wrk on the 20-comment page, against nginx serving the same
//!    bytes, then again with 1,000 live event streams open;
//! 6. live updates: a post's fan-out to those 1,000 streams, and the time from
//!    a post to its notice in a reader's browser;
//! 7. notifications: a post's time with and without answers by e-mail (the
//!    same 2,000 posts on two fresh databases), and the outbox's rate into a
//!    real SMTP server (aiosmtpd).
//!
//! Isso runs in the same run as the reference of 2 and 3: its script and
//! thread sizes, and cold loads of a page embedding the same 20 comments.

mod browser;
mod http;
mod isso;
mod migrate;
mod notify;
mod report;
mod server;
mod vitals;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use serde_json::{Value, json};

use crate::browser::Conditions;
use crate::report::{Report, median};

/// Cold loads per page.
const LOADS: usize = 7;
/// Loads per page for the Web Vitals (each about 20 s: a reader at the top for 10 s, then at the form).
const VITALS_LOADS: usize = 5;
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
    smtpd: PathBuf,
}

fn args() -> anyhow::Result<Args> {
    let mut args = std::env::args().skip(1);
    let mut next = |name: &str| args.next().with_context(|| format!("missing <{name}>"));
    let usage = "usage: encart-bench <dist> <encart-server binary> <chromedriver> <results dir> <article file> <isso binary> <aiosmtpd>";
    Ok(Args {
        dist: next("dist").context(usage)?.into(),
        server: next("server").context(usage)?.into(),
        chromedriver: next("chromedriver").context(usage)?.into(),
        out: next("results").context(usage)?.into(),
        fixture: next("article").context(usage)?.into(),
        isso: next("isso").context(usage)?.into(),
        smtpd: next("aiosmtpd").context(usage)?.into(),
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    let started = Instant::now();
    rlimit::increase_nofile_limit(u64::MAX).context("cannot raise the open-file limit")?;
    let scratch = std::env::temp_dir().join(format!("encart-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let result = run(&args, &scratch).await;
    let _ = std::fs::remove_dir_all(&scratch);
    let report = result?;
    report.print();
    if std::env::var_os("ENCART_BENCH_ONLY").is_some() {
        return Ok(());
    }
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
    let (file, vitals_title, vitals_paragraphs) = vitals::article(&original, scratch)?;
    let vitals_slug = server::import(&args.server, &database, &file)?;
    if std::env::var("ENCART_BENCH_ONLY").as_deref() == Ok("vitals") {
        let api = server::Server::start(&args.server, &database).await?;
        http::post_comments(&api.url, &vitals_slug, THREADS[0], WRITERS).await?;
        let sites = browser::Sites::start(&args.dist, &api.url, &slugs).await?;
        let isso = isso::Isso::start(&args.isso, scratch, sites.partner())?;
        isso.seed(THREADS[0]).await?;
        let view: Value = serde_json::from_slice(
            &http::get_bytes(&format!("{}/api/v1/articles/{vitals_slug}/embed", api.url)).await?,
        )?;
        let css = view["css"].as_str().context("the first view has no stylesheet")?;
        let driver = browser::Chromedriver::start(&args.chromedriver)?;
        println!(
            "==> Web Vitals on a partner's article page ({VITALS_LOADS} loads per page), alone (ENCART_BENCH_ONLY)"
        );
        let paragraphs = (vitals_title.as_str(), vitals_paragraphs.as_slice());
        let pages = vitals::pages(&sites, &driver, &api.url, &vitals_slug, &isso.url, css, paragraphs).await?;
        report.section("vitals", vitals::measure(&driver, &pages, VITALS_LOADS).await?);
        return Ok(report);
    }

    println!("==> writes: {WRITERS} concurrent writers");
    let mut api = server::Server::start(&args.server, &database).await?;
    let mut writes = Vec::new();
    let mut largest = Vec::new();
    for (size, slug) in THREADS.iter().zip(&slugs) {
        let outcome = http::post_comments(&api.url, slug, *size, WRITERS).await?;
        if *size == THREADS[2] {
            largest.clone_from(&outcome.acknowledged);
        }
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
    http::post_comments(&api.url, &vitals_slug, THREADS[0], WRITERS).await?;
    // "Most recommended" needs recommendations: 2,000 comments of the
    // largest thread, each recommended by 1 to 5 readers.
    let recommended = seed_recommendations(&api.url, &slugs[2], &largest).await?;
    println!("    {recommended} recommendations on the {}-comment thread", THREADS[2]);
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

    println!("==> the {}-comment thread in each order (server)", THREADS[2]);
    let mut orders = Vec::new();
    for sort in SORTS {
        let url = format!("{}/api/v1/articles/{}/comments?limit=20&sort={sort}", api.url, slugs[2]);
        let cold = http::time_get(&url).await?;
        let mut warm = Vec::new();
        for _ in 0..200 {
            warm.push(http::time_get(&url).await?);
        }
        // Another page size is not kept in memory: the database's time.
        let uncached_url = format!("{}/api/v1/articles/{}/comments?limit=19&sort={sort}", api.url, slugs[2]);
        let mut uncached = Vec::new();
        for _ in 0..50 {
            uncached.push(http::time_get(&uncached_url).await?);
        }
        let first: Value = serde_json::from_slice(&http::get_bytes(&url).await?)?;
        let next = first["next"].as_str().context("the first page has no next")?;
        let second_url = format!("{}/api/v1/articles/{}/comments?limit=20&after={next}", api.url, slugs[2]);
        let mut second = Vec::new();
        for _ in 0..50 {
            second.push(http::time_get(&second_url).await?);
        }
        println!(
            "    {sort:>11}: cold {cold:.2} ms, cached median {:.3} ms, uncached median {:.2} ms, second page median {:.2} ms",
            median(&warm),
            median(&uncached),
            median(&second)
        );
        orders.push(json!({
            "sort": sort, "cold_ms": cold, "cached_median_ms": median(&warm),
            "uncached_median_ms": median(&uncached), "second_page_median_ms": median(&second),
        }));
    }

    let sites = browser::Sites::start(&args.dist, &api.url, &slugs).await?;
    let sorted_pages: Vec<String> = SORTS[1..].iter().map(|sort| sites.add_sorted(&api.url, &slugs[2], sort)).collect();
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
            let mut sort_pages = vec![thread_pages[2]];
            for (sort, page) in SORTS[1..].iter().zip(&sorted_pages) {
                sort_pages.push(pages.len());
                pages.push((format!("encart, first view + hydration, {} comments, {sort}", THREADS[2]), page.clone()));
            }
            unthrottled_only = Some((thread_pages, sort_pages, pages.len()));
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
        if let Some((thread_pages, sort_pages, isso)) = unthrottled_only {
            for (row, i) in orders.iter_mut().zip(sort_pages) {
                row["dom_20_comments_median_ms"] = entries[i]["comments_ms"]["median"].clone();
            }
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

    println!("==> Web Vitals on a partner's article page ({VITALS_LOADS} loads per page)");
    let paragraphs = (vitals_title.as_str(), vitals_paragraphs.as_slice());
    let pages = vitals::pages(&sites, &driver, &api.url, &vitals_slug, &isso.url, &css, paragraphs).await?;
    report.section("vitals", vitals::measure(&driver, &pages, VITALS_LOADS).await?);
    report.section("scale", Value::Array(scale));
    report.section("orders", Value::Array(orders));

    println!("==> a post to its notice in a reader's browser ({LOADS} loads)");
    let mut notices = Vec::new();
    for n in 0..LOADS {
        let (api_url, slug) = (api.url.clone(), slugs[1].clone());
        let post = || async move {
            let url = format!("{api_url}/api/v1/articles/{slug}/comments");
            let body = json!({ "author": "Direct", "body": format!("Un commentaire en direct, numéro {n}.") });
            anyhow::ensure!(http::post_json(&url, &body).await? == 201, "the post was refused");
            Ok(())
        };
        notices.push(browser::notice_latency(&driver, &sites.url("widget-1.html"), post).await?);
    }
    println!("    median {:.0} ms (each: {notices:.0?})", median(&notices));

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

    println!("==> {STREAMS} live event streams open on one instance");
    let address = api.url.trim_start_matches("http://").to_owned();
    // Without them again, right before: this VM's noise is larger than
    // what is measured, so both runs are side by side.
    let without = server::wrk(&list)?;
    println!("    encart  {} (without streams, just before)", without.line());
    let rss_before = api.rss_kb()?;
    let mut listeners = Vec::new();
    for _ in 0..STREAMS {
        listeners.push(http::listen(&address, &slugs[1]).await?);
    }
    let rss_open = api.rss_kb()?;
    let with_streams = server::wrk(&list)?;
    println!("    encart  {} (with the streams open)", with_streams.line());
    let body = json!({ "author": "Direct", "body": "Pour tous les lecteurs à l’écoute." });
    let posted = std::time::Instant::now();
    anyhow::ensure!(
        http::post_json(&format!("{}/api/v1/articles/{}/comments", api.url, slugs[1]), &body).await? == 201,
        "the post was refused"
    );
    let mut heard = Vec::new();
    for _ in 0..200 {
        heard = listeners.iter().filter_map(|l| *l.heard.lock().unwrap()).collect();
        if heard.len() == STREAMS {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let mut fan_out: Vec<f64> = heard.iter().map(|at| at.duration_since(posted).as_secs_f64() * 1000.0).collect();
    fan_out.sort_by(f64::total_cmp);
    drop(listeners);
    let per_stream_kb = (rss_open.saturating_sub(rss_before)) as f64 / STREAMS as f64;
    let (rps_ratio, p99_ratio) =
        (with_streams.requests_per_s / without.requests_per_s, with_streams.p99_ms / without.p99_ms);
    println!(
        "    server RSS {:.1} MB before, {:.1} MB with them ({per_stream_kb:.1} KB each); req/s {rps_ratio:.2}x and p99 {p99_ratio:.2}x of without",
        rss_before as f64 / 1024.0,
        rss_open as f64 / 1024.0
    );
    println!(
        "    a post reached {} of {STREAMS} streams: median {:.1} ms, last {:.1} ms after it was sent",
        fan_out.len(),
        median(&fan_out),
        fan_out.last().copied().unwrap_or(f64::NAN)
    );
    report.section(
        "live",
        json!({
            "streams": STREAMS, "rss_before_mb": rss_before as f64 / 1024.0, "rss_with_streams_mb": rss_open as f64 / 1024.0,
            "rss_per_stream_kb": per_stream_kb, "encart_without_streams": without.json(),
            "encart_with_streams": with_streams.json(),
            "requests_per_s_ratio_to_without": rps_ratio, "p99_ratio_to_without": p99_ratio,
            "fan_out_reached": fan_out.len(), "fan_out_median_ms": median(&fan_out),
            "fan_out_last_ms": fan_out.last().copied(),
            "post_to_notice_in_browser_ms": notices, "post_to_notice_median_ms": median(&notices),
        }),
    );

    println!("==> notifications: 2,000 posts without, then with answers by e-mail");
    report.section("notifications", notify::measure(&args.server, &args.smtpd, &args.fixture, scratch).await?);

    println!("==> moving in: Disqus exports of 100,000 and 1,000,000 comments imported");
    report.section("migration", migrate::measure(&args.server, &args.isso, scratch)?);
    Ok(report)
}

/// Orders measured on the largest thread.
const SORTS: [&str; 3] = ["newest", "oldest", "recommended"];
/// Live event streams held open while the API is measured.
const STREAMS: usize = 1_000;

/// Recommends 2,000 of `ids` (on `slug`), the n-th by 1 + n % 5 readers,
/// from 16 writers at once; returns how many recommendations were made.
async fn seed_recommendations(api: &str, slug: &str, ids: &[String]) -> anyhow::Result<usize> {
    let picks: Vec<(String, u32)> = (0..2_000usize.min(ids.len()))
        .flat_map(|n| {
            let id = ids[(n * 7_919) % ids.len()].clone();
            (0..1 + n % 5).map(move |r| (id.clone(), (n * 5 + r) as u32))
        })
        .collect();
    let total = picks.len();
    let chunks: Vec<Vec<(String, u32)>> = picks.chunks(total.div_ceil(WRITERS)).map(<[_]>::to_vec).collect();
    let mut tasks = Vec::new();
    for chunk in chunks {
        let (api, slug) = (api.to_owned(), slug.to_owned());
        tasks.push(tokio::spawn(async move {
            for (id, reader) in chunk {
                let status = http::recommend(&api, &slug, &id, reader).await?;
                anyhow::ensure!(status == 200, "a recommendation was answered {status}");
            }
            anyhow::Ok(())
        }));
    }
    for task in tasks {
        task.await??;
    }
    Ok(total)
}
