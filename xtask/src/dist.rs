//! `cargo xtask dist`: the release widget in `dist/`, ready for a CDN.
//!
//! Trunk builds the wasm (size profile, wasm-opt) and its JS glue; esbuild
//! minifies the glue (with `loader/start.js`, what starts a widget, at its
//! end) and the loader. Every file but `embed.js` is then named
//! by its content hash (`encart-<16 hex>.wasm`, cached for a year), `embed.js`
//! gets those names written in (its URL is stable, cached briefly), each file
//! gets precompressed `.br` and `.gz` siblings, and `manifest.json` lists them
//! with their sizes: the size report of this build.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail, ensure};
use sha2::{Digest, Sha256};

use crate::setup::Tools;
use crate::{CommandExt, step};

pub const DIST: &str = "dist";
/// The loader, at the URL partners embed.
pub const LOADER: &str = "embed.js";
/// Its template, and what the module's glue ends with (both plain JS).
const LOADER_SRC: &str = "loader/embed.js";
const START: &str = "loader/start.js";
/// The comment-count script for article lists, also at a stable URL.
pub const COUNTER: &str = "count.js";
pub const MANIFEST: &str = "manifest.json";

/// The release wasm's compiler flags, measured with this command (brotli'd
/// wasm): std compiled with the size profile (`-Zbuild-std`, −4.4 KB), a
/// panic is a trap without formatting a message (`-Cpanic=immediate-abort`),
/// no file names and lines kept for it, and `{:?}` formats nothing (−12.6 KB
/// for the three). The cost: a panic shows in the console as `RuntimeError:
/// unreachable`, without its message; debug builds and the tests' wasm keep
/// the messages. RUSTFLAGS replaces `.cargo/config.toml`'s flags, hence its
/// `--cfg erase_components` again (the server must render alike).
const SIZE_FLAGS: &[&str] = &[
    "--cfg",
    "erase_components",
    "-Zunstable-options",
    "-Cpanic=immediate-abort",
    "-Zlocation-detail=none",
    "-Zfmt-debug=none",
];

/// One file of `dist/`, as the manifest describes it.
#[derive(serde::Serialize)]
pub struct Asset {
    pub name: String,
    pub bytes: usize,
    pub gzip: usize,
    pub brotli: usize,
    pub sha256: String,
    pub cache_control: String,
}

#[derive(serde::Serialize)]
pub struct Manifest {
    pub loader: String,
    pub counter: String,
    pub glue: String,
    pub wasm: String,
    pub assets: Vec<Asset>,
}

/// `command` (a cargo build of the wasm, or Trunk's) with the size profile's
/// environment: unstable flags of the pinned stable compiler, for this build only.
pub fn size_profiled(command: &mut Command) -> &mut Command {
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("RUSTFLAGS", SIZE_FLAGS.join(" "))
}

pub fn run(tools: &Tools) -> anyhow::Result<()> {
    step("building the release widget into dist/ (trunk, esbuild)");
    // Trunk runs cargo offline (Trunk.toml): `cargo xtask setup` fetched what it needs.
    size_profiled(Command::new(&tools.trunk).args(["build", "--release"]).env("PATH", &tools.path)).status_ok()?;

    let dist = Path::new(DIST);
    let trunk_glue = only_file(dist, |name| name.starts_with("encart-") && name.ends_with(".js"))?;
    let trunk_wasm = only_file(dist, |name| name.starts_with("encart-") && name.ends_with("_bg.wasm"))?;
    let trunk_glue = std::fs::read_to_string(dist.join(&trunk_glue)).context("cannot read the glue Trunk built")?;
    let wasm = optimize_again(tools, &dist.join(&trunk_wasm))?;
    // Start from an empty folder: only what this build made gets uploaded.
    std::fs::remove_dir_all(dist).context("cannot empty dist/")?;
    std::fs::create_dir_all(dist).context("cannot create dist/")?;

    // The stylesheet, for each first view (which then comes without it) and
    // a widget the module renders itself: minified and named as build.rs
    // does, the same bytes and name as the server's (`encart::app::STYLE`,
    // `STYLE_NAME`).
    let css = std::fs::read_to_string("style/widget.css").context("cannot read style/widget.css")?;
    let css = minifier::css::minify(&css).map_err(|e| anyhow::anyhow!("style/widget.css does not minify: {e}"))?;
    let css = css.to_string().into_bytes();

    let wasm_name = format!("encart-{}.wasm", short_hash(&wasm));
    let css_name = format!("encart-{}.css", short_hash(&css));
    let words = client_words()?;
    let all_words: Vec<u8> = words.iter().flat_map(|(_, bytes)| bytes.iter().copied()).collect();
    let words_prefix = format!("encart-words-{}.", short_hash(&all_words));
    let tags: Vec<&str> = words.iter().map(|(tag, _)| tag.as_str()).collect();

    // The glue, with what starts a widget appended (loader/start.js): one
    // file, one request, fetched with the wasm.
    let start = std::fs::read_to_string(START).with_context(|| format!("cannot read {START}"))?;
    let start = fill(START, &start, &[("__WORDS__", &words_prefix), ("__LANGUAGES__", &tags.join(","))])?;
    let glue = minify_text(tools, dist, "glue.src.js", &format!("{trunk_glue}\n{start}"), &["--format=esm"])?;
    let glue_name = format!("encart-{}.js", short_hash(&glue));

    let template = std::fs::read_to_string(LOADER_SRC).with_context(|| format!("cannot read {LOADER_SRC}"))?;
    let loader =
        minify_text(tools, dist, "embed.src.js", &fill_loader(&template, &glue_name, &wasm_name, &css_name)?, &[])?;
    let counter = minify(tools, Path::new("loader/count.js"), &[])?;

    let mut assets = Vec::new();
    for (name, bytes, cache) in [
        (LOADER, &loader, "public, max-age=300"),
        (COUNTER, &counter, "public, max-age=300"),
        (glue_name.as_str(), &glue, "public, max-age=31536000, immutable"),
        (wasm_name.as_str(), &wasm, "public, max-age=31536000, immutable"),
        (css_name.as_str(), &css, "public, max-age=31536000, immutable"),
    ] {
        assets.push(write_asset(dist, name, bytes, cache)?);
    }
    for (tag, bytes) in &words {
        assets.push(write_asset(
            dist,
            &format!("{words_prefix}{tag}.json"),
            bytes,
            "public, max-age=31536000, immutable",
        )?);
    }
    let manifest =
        Manifest { loader: LOADER.into(), counter: COUNTER.into(), glue: glue_name, wasm: wasm_name, assets };
    std::fs::write(dist.join(MANIFEST), serde_json::to_string_pretty(&manifest)? + "\n")
        .context("cannot write dist/manifest.json")?;
    report_sizes(&manifest);
    Ok(())
}

/// The wasm at `path` (Trunk's, after its `wasm-opt -Oz`) through `wasm-opt
/// -Oz` once more, with the features Trunk's pass was given (index.html's
/// `data-wasm-opt-params`): the second pass finds what the first made
/// possible (−0.66 KB brotli; a third gains nothing). It also inlines
/// functions of up to 6 instructions where they are called (`-Oz` alone: 2):
/// 8% fewer functions, which the browser compiles one by one on the main
/// thread when first called (14% fewer while the first view is hydrated),
/// and 150 B less brotli. At 8 the wasm grows (1.5 KB).
fn optimize_again(tools: &Tools, path: &Path) -> anyhow::Result<Vec<u8>> {
    let index = std::fs::read_to_string("index.html").context("cannot read index.html")?;
    let params = index
        .split("data-wasm-opt-params=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("index.html has no data-wasm-opt-params")?;
    let out = path.with_extension("again.wasm");
    Command::new(&tools.wasm_opt)
        .arg("-Oz")
        .arg("--always-inline-max-function-size=6")
        .args(params.split_whitespace())
        .arg(path)
        .arg("-o")
        .arg(&out)
        .status_ok()?;
    std::fs::read(&out).context("cannot read the wasm wasm-opt wrote")
}

/// Each language's words as the API's `GET …/words` answers them
/// (`encart_api_types::ClientWords`), compiled from `i18n/` as build.rs
/// does: what `embed.js` fetches from the CDN when the API cannot say.
fn client_words() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let compiled = crate::compile::compile(Path::new("i18n")).map_err(anyhow::Error::msg)?;
    let fallback = compiled.keys.iter().position(|k| k.id == "reader-unavailable").context("no reader-unavailable")?;
    let mut all = Vec::new();
    for (tag, json) in compiled.languages {
        let words: serde_json::Value = serde_json::from_str(&json)?;
        let answer = serde_json::json!({ "fallback": words["texts"][fallback], "words": words });
        all.push((tag, serde_json::to_vec(&answer)?));
    }
    Ok(all)
}

/// The loader's template with its placeholders written in: the module's
/// hashed file names, and what the widget and the loader agree on
/// (`encart_api_types::loader`), so that each is written once.
fn fill_loader(template: &str, glue: &str, wasm: &str, css: &str) -> anyhow::Result<String> {
    use encart_api_types::loader::{
        FIRST_PAGE_SIZE, REQUEST_TIMEOUT_MS, SIGN_OUT_EVENT, SORT_KEY, TEXT_SIZE_KEY, THEME_KEY,
    };
    let (page_size, timeout) = (FIRST_PAGE_SIZE.to_string(), REQUEST_TIMEOUT_MS.to_string());
    let values = [
        ("__GLUE_JS__", glue),
        ("__WASM__", wasm),
        ("__CSS__", css),
        ("__FIRST_PAGE_SIZE__", page_size.as_str()),
        ("__REQUEST_TIMEOUT_MS__", timeout.as_str()),
        ("__THEME_KEY__", THEME_KEY),
        ("__TEXT_SIZE_KEY__", TEXT_SIZE_KEY),
        ("__SORT_KEY__", SORT_KEY),
        ("__SIGN_OUT_EVENT__", SIGN_OUT_EVENT),
    ];
    fill(LOADER_SRC, template, &values)
}

/// `template` (the file `path`) with each placeholder of `values` written
/// in; an error if one is missing, or if one is left that has no value.
fn fill(path: &str, template: &str, values: &[(&str, &str)]) -> anyhow::Result<String> {
    let mut text = template.to_owned();
    for (placeholder, value) in values {
        ensure!(text.contains(placeholder), "{path} lost its {placeholder} placeholder");
        text = text.replace(placeholder, value);
    }
    if let Some(unfilled) = placeholder_in(&text) {
        bail!("{path} has a placeholder xtask does not fill: {unfilled}");
    }
    Ok(text)
}

/// The first `__NAME__` (capitals and `_`) in `text`.
fn placeholder_in(text: &str) -> Option<String> {
    text.match_indices("__").find_map(|(at, _)| {
        let name: String = text[at + 2..].chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
        (name.len() > 2 && name.ends_with("__")).then(|| format!("__{name}"))
    })
}

/// Writes `name` and its `.br` and `.gz` siblings.
fn write_asset(dist: &Path, name: &str, bytes: &[u8], cache: &str) -> anyhow::Result<Asset> {
    let br = brotli(bytes)?;
    let gz = gzip(bytes)?;
    std::fs::write(dist.join(name), bytes).with_context(|| format!("cannot write dist/{name}"))?;
    std::fs::write(dist.join(format!("{name}.br")), &br)?;
    std::fs::write(dist.join(format!("{name}.gz")), &gz)?;
    Ok(Asset {
        name: name.into(),
        bytes: bytes.len(),
        gzip: gz.len(),
        brotli: br.len(),
        sha256: hex(&Sha256::digest(bytes)),
        cache_control: cache.into(),
    })
}

/// `text` minified by esbuild, by way of `dist/<name>` (removed after).
fn minify_text(tools: &Tools, dist: &Path, name: &str, text: &str, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let file = dist.join(name);
    std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;
    let minified = minify(tools, &file, args);
    std::fs::remove_file(&file)?;
    minified
}

/// `file` minified by esbuild.
fn minify(tools: &Tools, file: &Path, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let output = Command::new(&tools.esbuild)
        .arg(file)
        .args(["--minify", "--log-level=warning"])
        .args(args)
        .output()
        .context("cannot run esbuild")?;
    ensure!(
        output.status.success(),
        "esbuild failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(output.stdout)
}

fn short_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes)[..8])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

fn report_sizes(manifest: &Manifest) {
    println!("\n    {:<36} {:>10} {:>10} {:>10}", "dist/ (what goes on the CDN)", "bytes", "gzip -9", "brotli 11");
    for a in &manifest.assets {
        println!("    {:<36} {:>10} {:>10} {:>10}", a.name, a.bytes, a.gzip, a.brotli);
    }
    let sum = |f: fn(&Asset) -> usize| manifest.assets.iter().map(f).sum::<usize>();
    println!("    {:<36} {:>10} {:>10} {:>10}", "total", sum(|a| a.bytes), sum(|a| a.gzip), sum(|a| a.brotli));
}

pub fn brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = ::brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli failed")?;
    Ok(out)
}

pub fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
