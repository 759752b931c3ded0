//! Figures: collected per section, printed, written as JSON and Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{Value, json};

#[derive(Default)]
pub struct Report {
    sections: Vec<(String, Value)>,
}

impl Report {
    pub fn section(&mut self, name: &str, value: Value) {
        self.sections.push((name.to_owned(), value));
    }

    fn get(&self, name: &str) -> &Value {
        self.sections.iter().find(|(n, _)| n == name).map_or(&Value::Null, |(_, v)| v)
    }

    pub fn print(&self) {
        println!("\n{}", self.markdown());
    }

    /// Writes `bench-<date>.json` and `.md` into `dir`.
    pub fn write(&self, dir: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
        std::fs::create_dir_all(dir)?;
        let date = today()?;
        let mut all = serde_json::Map::new();
        all.insert("date".into(), json!(date));
        all.insert("machine".into(), json!(machine()));
        for (name, value) in &self.sections {
            all.insert(name.clone(), value.clone());
        }
        let json_path = dir.join(format!("bench-{date}.json"));
        std::fs::write(&json_path, serde_json::to_string_pretty(&all)? + "\n")?;
        let md_path = dir.join(format!("bench-{date}.md"));
        let mut md = std::fs::File::create(&md_path)?;
        writeln!(md, "# encart benchmark, {date}\n\nMachine: {}\n\n{}", machine(), self.markdown())?;
        Ok((json_path, md_path))
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let num = |v: &Value| v.as_f64().unwrap_or(f64::NAN);

        out += "## Payload for one widget (bytes)\n\n| file | raw | gzip -9 | brotli 11 |\n|---|--:|--:|--:|\n";
        for file in self.get("payload")["files"].as_array().into_iter().flatten() {
            out += &format!(
                "| {} | {} | {} | {} |\n",
                file["name"].as_str().unwrap_or("?"),
                file["raw"],
                file["gzip"],
                file["brotli"]
            );
        }
        for (key, name) in [
            ("first_view", "total, first view + hydration"),
            ("client", "total, client rendering"),
            ("critical_path_first_view", "to first content, first view (loader + stylesheet + view)"),
            (
                "critical_path_later_view",
                "to first content, a later page view (loader and stylesheet cached: the view)",
            ),
            ("critical_path_client", "to first content, client rendering (everything)"),
        ] {
            let t = &self.get("payload")["totals"][key];
            out += &format!("| **{name}** | {} | {} | {} |\n", t["raw"], t["gzip"], t["brotli"]);
        }
        let isso = &self.get("payload")["isso"];
        for file in isso["files"].as_array().into_iter().flatten() {
            let name = file["name"].as_str().unwrap_or("?");
            out += &format!("| {name} (same run) | {} | {} | {} |\n", file["raw"], file["gzip"], file["brotli"]);
        }
        let t = &isso["total"];
        out += &format!("| **total, Isso** | {} | {} | {} |\n", t["raw"], t["gzip"], t["brotli"]);

        out += "\n## Cold loads in headless Chromium (ms from navigation start; median, min–max)\n\n";
        out +=
            "| page | conditions | article title | 20 comments | form usable | requests |\n|---|---|--:|--:|--:|--:|\n";
        let loads = self.get("cold_loads");
        for page in loads["pages"].as_array().into_iter().flatten() {
            let cell = |k: &str| {
                if page[k]["loads"] == 0 {
                    return "–".to_owned();
                }
                format!("{:.0} ({:.0}–{:.0})", num(&page[k]["median"]), num(&page[k]["min"]), num(&page[k]["max"]))
            };
            out += &format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                page["page"].as_str().unwrap_or("?"),
                page["conditions"].as_str().unwrap_or("?"),
                cell("title_ms"),
                cell("comments_ms"),
                cell("usable_ms"),
                page["requests"]
            );
        }
        out += "\n| ratio (medians) | unthrottled | throttled |\n|---|--:|--:|\n";
        for (key, name) in [
            ("first_view_title_to_floor", "first view: title / floor"),
            ("first_view_comments_to_floor", "first view: 20 comments / floor"),
            ("client_title_to_floor", "client rendering: title / floor"),
            ("client_comments_to_floor", "client rendering: 20 comments / floor"),
            ("comments_first_view_to_client", "20 comments: first view / client rendering"),
            ("usable_first_view_to_client", "form usable: first view / client rendering"),
            ("comments_first_view_to_isso", "20 comments: first view / Isso (same run)"),
            ("usable_first_view_to_isso", "form usable: first view / Isso (same run)"),
        ] {
            let r = &loads["ratios"];
            let cell = |v: f64| if v.is_nan() { "–".to_owned() } else { format!("{v:.2}") };
            out +=
                &format!("| {name} | {} | {} |\n", cell(num(&r["unthrottled"][key])), cell(num(&r["throttled"][key])));
        }
        out += "\n";
        out += &vitals_markdown(self.get("vitals"));

        out += "## Scale: the first page of a thread\n\n";
        out += "| thread | server, cold (ms) | server, warm median (ms) | 20 comments in the DOM, median (ms) |\n|--:|--:|--:|--:|\n";
        for row in self.get("scale").as_array().into_iter().flatten() {
            out += &format!(
                "| {} | {:.2} | {:.3} | {:.0} |\n",
                row["thread"],
                num(&row["cold_ms"]),
                num(&row["warm_median_ms"]),
                num(&row["dom_20_comments_median_ms"])
            );
        }

        let t = self.get("throughput");
        out += "\n## Throughput: `wrk -t2 -c16 -d10s` on the 20-comment page\n\n";
        out += "| server | requests/s | p50 (ms) | p99 (ms) | non-2xx |\n|---|--:|--:|--:|--:|\n";
        for (name, key) in [("encart", "encart"), ("nginx, same bytes as a file", "nginx")] {
            let w = &t[key];
            out += &format!(
                "| {name} | {:.0} | {:.2} | {:.2} | {} |\n",
                num(&w["requests_per_s"]),
                num(&w["p50_ms"]),
                num(&w["p99_ms"]),
                w["non_2xx"]
            );
        }
        out += &format!(
            "\nResponse {} bytes; ratio to nginx {:.2}; server peak RSS {:.1} MB.\n\n",
            t["response_bytes"],
            num(&t["ratio_to_nginx"]),
            num(&t["server_peak_rss_mb"])
        );

        out += "## Writes: concurrent POSTs (16 writers)\n\n";
        out += "| thread | acknowledged | per second | refused | acknowledged but missing after |\n|--:|--:|--:|--:|--:|\n";
        for row in self.get("writes").as_array().into_iter().flatten() {
            out += &format!(
                "| {} | {} | {:.0} | {} | {} |\n",
                row["thread"],
                row["acknowledged"],
                num(&row["acknowledged_per_s"]),
                row["refused"],
                row["missing_after"]
            );
        }

        let n = self.get("notifications");
        out += "\n## Notifications: 2,000 posts one at a time (1,000 comments, then an answer to each)\n\n";
        out += "| | median (ms) | p95 (ms) |\n|---|--:|--:|\n";
        out += &format!(
            "| without an SMTP server | {:.2} | {:.2} |\n| with one, the same posts | {:.2} | {:.2} |\n\
             | with one, each comment asking for answers (its address, a confirmation e-mail sent meanwhile) | {:.2} | {:.2} |\n",
            num(&n["post_median_ms_without"]),
            num(&n["post_p95_ms_without"]),
            num(&n["post_median_ms_on"]),
            num(&n["post_p95_ms_on"]),
            num(&n["post_median_ms_with"]),
            num(&n["post_p95_ms_with"])
        );
        out += &format!(
            "\nRatios to without: the same posts {:.2}, asking for answers {:.2}. The outbox sent {} of {} e-mails to aiosmtpd, the last {:.2} s after the first post \
             (posting took {:.2} s): {:.0} messages/s.\n",
            num(&n["post_median_ratio_on_to_without"]),
            num(&n["post_median_ratio_with_to_without"]),
            n["emails_received"],
            n["emails"],
            num(&n["seconds_to_last_email"]),
            num(&n["seconds_posting"]),
            num(&n["outbox_messages_per_s"])
        );

        out += "\n## Moving in: generated Disqus exports imported (`encart-server migrate disqus`, SQLite)\n\n";
        out += "| comments | threads | export (MB) | time (s) | comments/s | peak RSS (MB) | database (MB) |\n|--:|--:|--:|--:|--:|--:|--:|\n";
        for run in self.get("migration")["runs"].as_array().into_iter().flatten() {
            out += &format!(
                "| {} | {} | {:.0} | {:.1} | {:.0} | {:.1} | {:.0} |\n",
                run["comments"],
                run["threads"],
                num(&run["export_bytes"]) / 1e6,
                num(&run["seconds"]),
                num(&run["comments_per_s"]),
                num(&run["peak_rss_mb"]),
                num(&run["database_bytes"]) / 1e6
            );
            if let Some(again) = run["again"].as_object() {
                out += &format!(
                    "\nThe 1,000,000 again (each comment found, nothing added): {:.1} s, {:.0} comments/s, peak RSS {:.1} MB.\n",
                    num(&again["seconds"]),
                    num(&again["comments_per_s"]),
                    num(&again["peak_rss_mb"])
                );
            }
        }
        let isso = &self.get("migration")["isso"];
        let ours = self.get("migration")["runs"].as_array().and_then(|r| r.first()).cloned().unwrap_or_default();
        out += &format!(
            "\nIsso 0.14's own importer (`isso import --type disqus`), the same 100,000 comments: {:.1} s, {:.0} comments/s, \
             peak RSS {:.1} MB; encart {:.1}× as fast, in {:.2}× the memory.\n",
            num(&isso["seconds"]),
            num(&isso["comments_per_s"]),
            num(&isso["peak_rss_mb"]),
            num(&ours["comments_per_s"]) / num(&isso["comments_per_s"]),
            num(&ours["peak_rss_mb"]) / num(&isso["peak_rss_mb"])
        );
        out
    }
}

/// The Web Vitals section: each page's medians, then encart's (module on
/// demand) as ratios to Isso's and the floor's.
fn vitals_markdown(v: &Value) -> String {
    let Some(pages) = v["pages"].as_array() else { return String::new() };
    let median = |p: &Value, part: &str, key: &str| p[part][key]["median"].as_f64().unwrap_or(f64::NAN);
    let whole = |x: f64| if x.is_nan() { "–".to_owned() } else { format!("{x:.0}") };
    let shift = |x: f64| if x.is_nan() { "–".to_owned() } else { format!("{x:.3}") };
    let mut out = format!(
        "## Web Vitals on a partner's article page ({}; medians of {} loads)\n\n",
        v["conditions"].as_str().unwrap_or("?"),
        v["loads"]
    );
    out += "*At the top*: a reader who stays at the top of the page for 10 s. *To the form*: the same reader then \
            scrolls down to the form at 2,000 px/s and types; *wait* is from the form entering the screen to its \
            being usable. *Again*: a repeat visit, the module in the HTTP cache. Bytes are on the wire (headers and \
            bodies), in all and (in brackets) from origins other than the page's: the embed's.\n\n";
    out += "| page | TBT (ms) | longest task (ms) | CLS | LCP (ms) | bytes | requests | to the form: wait (ms) | TBT (ms) | CLS | bytes | again: wait (ms) | bytes |\n";
    out += "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
    for p in pages {
        let bytes = |part: &str| {
            let (all, embed) = (median(p, part, "bytes"), median(p, part, "embed_bytes"));
            if all.is_nan() { "–".to_owned() } else { format!("{all:.0} ({embed:.0})") }
        };
        out += &format!(
            "| {} | {} | {} | {} | {} | {} | {} ({}) | {} | {} | {} | {} | {} | {} |\n",
            p["page"].as_str().unwrap_or("?"),
            whole(median(p, "top", "tbt_ms")),
            whole(median(p, "top", "longest_task_ms")),
            shift(median(p, "top", "cls")),
            whole(median(p, "top", "lcp_ms")),
            bytes("top"),
            whole(median(p, "top", "requests")),
            whole(median(p, "top", "embed_requests")),
            whole(median(p, "reader", "form_wait_ms")),
            whole(median(p, "reader", "tbt_ms")),
            shift(median(p, "reader", "cls")),
            bytes("reader"),
            whole(median(p, "repeat", "form_wait_ms")),
            bytes("repeat"),
        );
    }
    let by = |embed: &str| pages.iter().find(|p| p["embed"] == embed);
    let (Some(ours), Some(isso), Some(floor)) = (pages.first(), by("isso"), by("floor")) else { return out };
    let ratio = |a: f64, b: f64| {
        if a.is_nan() || b.is_nan() {
            "–".to_owned()
        } else if b == 0.0 {
            if a == 0.0 { "both 0".to_owned() } else { "(0 there)".to_owned() }
        } else {
            format!("{:.2}", a / b)
        }
    };
    out += &format!(
        "\n| {} | value | to Isso | to the floor |\n|---|--:|--:|--:|\n",
        ours["page"].as_str().unwrap_or("?")
    );
    for (name, part, key) in [
        ("TBT at the top (ms)", "top", "tbt_ms"),
        ("longest task at the top (ms)", "top", "longest_task_ms"),
        ("CLS at the top", "top", "cls"),
        ("LCP (ms)", "top", "lcp_ms"),
        ("bytes at the top", "top", "bytes"),
        ("the embed's bytes at the top", "top", "embed_bytes"),
        ("the embed's bytes at the top, bodies only", "top", "embed_body_bytes"),
        ("TBT to the form (ms)", "reader", "tbt_ms"),
        ("bytes to the form", "reader", "bytes"),
        ("form: wait after entering the screen (ms)", "reader", "form_wait_ms"),
        ("again: wait (ms)", "repeat", "form_wait_ms"),
    ] {
        let value = median(ours, part, key);
        let cell = if key == "cls" { shift(value) } else { whole(value) };
        out += &format!(
            "| {name} | {cell} | {} | {} |\n",
            ratio(value, median(isso, part, key)),
            ratio(value, median(floor, part, key))
        );
    }
    out + "\n"
}

/// Every file the browser downloads for one widget, in either mode, and the
/// bytes on the critical path to first content: with the server's first
/// view, the loader, the stylesheet and that view (and on a later page view,
/// the loader and the stylesheet in the HTTP cache, the view alone); with
/// client rendering, everything.
pub async fn payload(dist: &Path, api: &str, slug: &str) -> anyhow::Result<Value> {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dist.join("manifest.json"))
            .context("no dist/manifest.json: run `cargo xtask dist`")?,
    )?;
    let mut files = Vec::new();
    for asset in manifest["assets"].as_array().context("no assets in the manifest")? {
        let name = asset["name"].as_str().context("an asset without a name")?;
        if Some(name) == manifest["counter"].as_str() {
            continue; // count.js is for article lists, not widget pages
        }
        if name.starts_with("encart-words-") && !name.ends_with(".fr.json") {
            continue; // the words of the other languages: our article is in French
        }
        files.push(sizes(name, &std::fs::read(dist.join(name))?)?);
    }
    let article = format!("{api}/api/v1/articles/{slug}");
    // Asked for as the loader does, naming the CDN's stylesheet: without it.
    let stylesheet = files
        .iter()
        .find(|f| f["name"].as_str().is_some_and(|n| n.ends_with(".css")))
        .context("no stylesheet in the manifest")?
        .clone();
    let css = stylesheet["name"].as_str().unwrap_or_default();
    let view = sizes(
        "API: first view JSON (its stylesheet from the CDN, its data apart)",
        &crate::http::get_bytes(&format!("{article}/embed?ui=fr&css={css}&data=apart")).await?,
    )?;
    let state = sizes(
        "API: the first view's data JSON (with the module)",
        &crate::http::get_bytes(&format!("{article}/embed/state?ui=fr&css={css}&data=apart")).await?,
    )?;
    let article_json = sizes("API: article JSON", &crate::http::get_bytes(&article).await?)?;
    let comments =
        sizes("API: 20 comments JSON", &crate::http::get_bytes(&format!("{article}/comments?limit=20")).await?)?;
    let words = sizes("API: words JSON", &crate::http::get_bytes(&format!("{article}/words?ui=fr")).await?)?;
    let loader = files.iter().find(|f| f["name"] == manifest["loader"]).context("no loader in the manifest")?.clone();
    let assets: Vec<&Value> = files.iter().collect();
    // The words come from the CDN with the module for a first view; from the
    // API for client rendering.
    let cdn_words = |f: &&Value| f["name"].as_str().is_some_and(|n| n.starts_with("encart-words-"));
    let first_view_all: Vec<&Value> = assets.iter().copied().chain([&view, &state]).collect();
    let client_all: Vec<&Value> =
        assets.iter().copied().filter(|f| !cdn_words(f)).chain([&article_json, &comments, &words]).collect();
    let totals = json!({
        "first_view": total(&first_view_all),
        "client": total(&client_all),
        "critical_path_first_view": total(&[&loader, &stylesheet, &view]),
        "critical_path_later_view": total(&[&view]),
        "critical_path_client": total(&client_all),
    });
    for file in files.iter().chain([&view, &state, &article_json, &comments, &words]) {
        print_sizes(file["name"].as_str().unwrap_or("?"), file);
    }
    for (key, name) in [
        ("first_view", "total, first view + hydration"),
        ("client", "total, client rendering"),
        ("critical_path_first_view", "to first content, first view (loader + stylesheet + view)"),
        ("critical_path_later_view", "to first content, a later page view (the view)"),
        ("critical_path_client", "to first content, client rendering (all)"),
    ] {
        print_sizes(name, &totals[key]);
    }
    files.extend([view, state, article_json, comments, words]);
    Ok(json!({ "files": files, "totals": totals }))
}

/// What Isso's page downloads from Isso: its script, its stylesheet, its
/// settings and the 20 comments' JSON, sized alike.
pub async fn isso_payload(isso: &crate::isso::Isso) -> anyhow::Result<Value> {
    let files = [
        sizes("Isso: embed.min.js", &crate::http::get_bytes(&format!("{}/js/embed.min.js", isso.url)).await?)?,
        sizes("Isso: isso.css", &crate::http::get_bytes(&format!("{}/css/isso.css", isso.url)).await?)?,
        sizes("Isso: config JSON", &crate::http::get_bytes(&format!("{}/config", isso.url)).await?)?,
        sizes("Isso: 20 comments JSON", &crate::http::get_bytes(&isso.thread_url()).await?)?,
    ];
    let total = total(&files.iter().collect::<Vec<_>>());
    for file in &files {
        print_sizes(file["name"].as_str().unwrap_or("?"), file);
    }
    print_sizes("total, Isso", &total);
    Ok(json!({ "files": files, "total": total }))
}

/// The sums of `files`' sizes: raw, gzip and brotli.
fn total(files: &[&Value]) -> Value {
    let sum = |key: &str| files.iter().map(|f| f[key].as_u64().unwrap_or_default()).sum::<u64>();
    json!({ "raw": sum("raw"), "gzip": sum("gzip"), "brotli": sum("brotli") })
}

/// One line of the printed payload table.
fn print_sizes(name: &str, sizes: &Value) {
    println!("    {:<46} {:>8} {:>8} {:>8}", name, sizes["raw"], sizes["gzip"], sizes["brotli"]);
}

fn sizes(name: &str, bytes: &[u8]) -> anyhow::Result<Value> {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    Ok(json!({ "name": name, "raw": bytes.len(), "gzip": gz.finish()?.len(), "brotli": br.len() }))
}

pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2.0 }
}

/// Median and range of `values`, and how many (null figures for none).
pub fn stats(values: Vec<f64>) -> Value {
    let (min, max) = min_max(&values);
    json!({ "median": median(&values), "min": min, "max": max, "loads": values.len() })
}

pub fn min_max(values: &[f64]) -> (f64, f64) {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() { (f64::NAN, f64::NAN) } else { (min, max) }
}

fn today() -> anyhow::Result<String> {
    let out = std::process::Command::new("date").args(["-u", "+%F"]).output()?;
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    format!("{cpus} CPUs, {model}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_ranges() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
        assert_eq!(min_max(&[2.0, 5.0, 1.0]), (1.0, 5.0));
    }
}
