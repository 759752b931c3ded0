//! `cargo xtask dist`: the release widget in `dist/`, ready for a CDN.
//!
//! Trunk builds the wasm and its JS glue under content-hashed names; this
//! writes `embed.js` (the loader, at a stable URL) with those names in it,
//! drops Trunk's build page, and prints every file's size raw and brotli'd.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail, ensure};

use crate::setup::Tools;
use crate::{CommandExt, step};

const DIST: &str = "dist";

pub fn run(tools: &Tools) -> anyhow::Result<()> {
    step("building the release widget into dist/ (trunk)");
    Command::new(&tools.trunk).args(["build", "--release"]).env("PATH", &tools.path).status_ok()?;

    let dist = Path::new(DIST);
    let glue = only_file(dist, |name| name.starts_with("encart-") && name.ends_with(".js"))?;
    let wasm = only_file(dist, |name| name.starts_with("encart-") && name.ends_with("_bg.wasm"))?;
    let loader = std::fs::read_to_string("loader/embed.js").context("cannot read loader/embed.js")?;
    ensure!(
        loader.contains("__GLUE_JS__") && loader.contains("__WASM__"),
        "loader/embed.js lost its __GLUE_JS__/__WASM__ placeholders"
    );
    let loader = loader.replace("__GLUE_JS__", &glue).replace("__WASM__", &wasm);
    std::fs::write(dist.join("embed.js"), loader).context("cannot write dist/embed.js")?;
    std::fs::remove_file(dist.join("index.html")).context("cannot remove Trunk's dist/index.html")?;

    report_sizes(dist, &["embed.js", &glue, &wasm])
}

/// The one file in `dir` whose name passes `wanted`.
fn only_file(dir: &Path, wanted: impl Fn(&str) -> bool) -> anyhow::Result<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if wanted(&name) {
            found.push(name);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!("expected one such file in {}, found {found:?}", dir.display()),
    }
}

fn report_sizes(dist: &Path, files: &[&str]) -> anyhow::Result<()> {
    println!("\n    {:<40} {:>10} {:>10}", "dist/ (what a partner page loads)", "bytes", "brotli");
    let (mut total_raw, mut total_br) = (0, 0);
    for name in files {
        let bytes = std::fs::read(dist.join(name)).with_context(|| format!("cannot read dist/{name}"))?;
        let br = brotli_len(&bytes)?;
        println!("    {name:<40} {:>10} {br:>10}", bytes.len());
        total_raw += bytes.len();
        total_br += br;
    }
    println!("    {:<40} {total_raw:>10} {total_br:>10}", "total");
    Ok(())
}

fn brotli_len(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli failed")?;
    Ok(out.len())
}
