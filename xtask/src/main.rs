//! `cargo xtask <verb>`: every chore of the encart workspace.
//!
//! - `setup`: install what builds and tests need, when missing (idempotent, quick when present)
//! - `dist`:  build the release widget into `dist/`, ready for a CDN, and print its sizes
//! - `demo`:  run the API, a CDN stand-in and a partner page on 127.0.0.1
//! - `test`:  run every test (formatting, lints, unit, HTTP, wasm in Chromium, end to end)
//! - `bench`: the benchmark (payload, cold loads, throughput, scale, writes) into `bench/results/`
//! - `fresh-check`: `setup` and `dist` as on a new machine (empty cargo home and tool cache)

// The widget's languages, compiled as build.rs does, for the CDN (the
// Rust it generates is build.rs's).
#[allow(dead_code)]
#[path = "../../i18n/compile.rs"]
mod compile;
mod dist;
// `category` is the widget's; compiling checks rules with `holds`.
#[allow(dead_code)]
#[path = "../../src/plural.rs"]
mod plural;
mod postgres;
mod setup;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

const USAGE: &str = "usage: cargo xtask <setup|dist|demo|test|bench|postgres>

  setup   install the toolchain pieces builds and tests need (wasm32 target, trunk,
          wasm-bindgen-cli, wasm-opt, chromium + chromedriver), when missing
  dist    build the release widget into dist/ and print its sizes
  demo    run the demo: API (seeded with our article), CDN stand-in and partner page
          (options after it go to the demo: --moderation pre, --sign-in-required)
  test    run every test
  bench   measure payload, cold loads in Chromium, API throughput, scale and writes
          (a benchmark: prints figures, writes bench/results/, asserts no timing)
  postgres  start a throwaway PostgreSQL (as the tests do) and print its URL; Ctrl-C
          deletes it. E.g. ENCART_TEST_POSTGRES=<url> cargo test -p encart-server
  fresh-check  run `setup` and `dist` as a new user's machine would: an empty cargo home
          (no registry cache, no cargo-installed tools) and an empty tool cache (npm);
          run it before landing a change to the build (README: how long it takes)";

fn main() {
    if let Err(err) = run() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    std::env::set_current_dir(&root).with_context(|| format!("cannot enter {}", root.display()))?;
    match args.first().map(String::as_str) {
        Some("setup") => setup::run().map(drop),
        Some("dist") => {
            let tools = setup::run()?;
            dist::run(&tools)
        }
        Some("demo") => demo(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("bench") => bench(),
        Some("test") => test(),
        Some("postgres") => {
            let cluster = postgres::Cluster::start(&setup::postgres()?)?;
            println!("PostgreSQL (throwaway) at {}\nCtrl-C stops and deletes it.", cluster.url);
            let (stop, stopped) = std::sync::mpsc::channel();
            ctrlc::set_handler(move || {
                let _ = stop.send(());
            })
            .context("cannot catch Ctrl-C")?;
            let _ = stopped.recv();
            drop(cluster);
            Ok(())
        }
        Some("fresh-check") => fresh_check(),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown verb {other:?}\n\n{USAGE}"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

fn bench() -> anyhow::Result<()> {
    let tools = setup::run()?;
    setup::bench_tools()?;
    let isso = setup::isso()?;
    dist::run(&tools)?;
    step("building the release API server and the benchmark");
    cargo(&["build", "--release", "--package", "encart-server", "--package", "encart-bench"]).status_ok()?;
    step("benchmark (about 5 minutes)");
    Command::new("target/release/encart-bench")
        .args(["dist", "target/release/encart-server"])
        .arg(&tools.chromedriver)
        .args(["bench/results", "fixtures/haftar-poutine.txt"])
        .arg(&isso)
        .arg(&tools.smtpd)
        .status_ok()
}

/// Builds and runs the demo; `options` go to it (`--moderation pre`,
/// `--sign-in-required`, ports: `cargo run -p encart-demo -- --help`).
fn demo(options: &[String]) -> anyhow::Result<()> {
    let tools = setup::run()?;
    dist::run(&tools)?;
    step("starting the demo (Ctrl-C stops it)");
    let mut args = vec!["run", "--quiet", "--package", "encart-demo", "--"];
    args.extend(options.iter().map(String::as_str).filter(|&option| option != "--"));
    cargo(&args).status_ok()
}

fn test() -> anyhow::Result<()> {
    let tools = setup::run()?;
    step("formatting");
    cargo(&["fmt", "--all", "--check"]).status_ok()?;
    step("lints");
    cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]).status_ok()?;
    // The workspace's builds give the widget both features (the tests need
    // both); built alone, the server and the views for it must compile
    // without the browser's modules.
    step("the server alone, and the widget's views as the server builds them");
    cargo(&["check", "--package", "encart-server", "--lib", "--bins"]).status_ok()?;
    cargo(&["check", "--package", "encart", "--lib", "--no-default-features", "--features", "ssr"]).status_ok()?;
    cargo(&[
        "clippy",
        "--package",
        "encart",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ])
    .status_ok()?;
    dist::run(&tools)?;
    step("unit, HTTP and end-to-end tests (headless Chromium on the partner page)");
    cargo(&["test", "--workspace"])
        .env("ENCART_DIST", Path::new("dist").canonicalize()?)
        .env("CHROMEDRIVER", &tools.chromedriver)
        .env("ENCART_AXE", &tools.axe_script)
        .env("ENCART_SMTPD", &tools.smtpd)
        .status_ok()?;
    step("the server's tests again on PostgreSQL (a throwaway cluster), with the multi-instance tests");
    let cluster = postgres::Cluster::start(&setup::postgres()?)?;
    // The server's tests (one binary, `server/tests/server/`), selected within
    // the whole workspace: the same features as the run above, so nothing is
    // compiled again.
    cargo(&["test", "--workspace", "--test", "server", "--", "--include-ignored"])
        .env("ENCART_TEST_POSTGRES", &cluster.url)
        .env("ENCART_SMTPD", &tools.smtpd)
        .status_ok()?;
    drop(cluster);
    step("widget tests in headless Chromium (wasm-bindgen-test)");
    // --tests: the wasm target has no doctests to run.
    cargo(&["test", "--package", "encart", "--tests", "--target", "wasm32-unknown-unknown"])
        .env("CHROMEDRIVER", &tools.chromedriver)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &tools.wasm_bindgen_test_runner)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .status_ok()?;
    step("all tests passed");
    Ok(())
}

/// `setup` and `dist` in a child process that has nothing a new machine lacks:
/// a cargo home and a tool cache emptied first (so every crate is fetched and
/// every tool installed again, as for a new user), in `target/fresh-check/`.
/// rustup's toolchains and Debian's packages stay the machine's. Compiled
/// artifacts go to a target folder of their own, kept between runs (a change
/// of cargo home would make the workspace's `target/` build everything again):
/// the first run compiles Trunk, wasm-bindgen-cli and the release wasm, later
/// runs only fetch, install and check.
fn fresh_check() -> anyhow::Result<()> {
    let dir = workspace_root().join("target").join("fresh-check");
    let (home, cache) = (dir.join("cargo-home"), dir.join("cache"));
    for empty in [&home, &cache] {
        if empty.exists() {
            std::fs::remove_dir_all(empty).with_context(|| format!("cannot empty {}", empty.display()))?;
        }
        std::fs::create_dir_all(empty)?;
    }
    step("setup and dist with an empty cargo home and tool cache (target/fresh-check/)");
    let started = std::time::Instant::now();
    cargo(&["run", "--quiet", "--package", "xtask", "--", "dist"])
        .env("CARGO_HOME", &home)
        .env("XDG_CACHE_HOME", &cache)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .status_ok()
        .context("the build failed on a machine with nothing cached: a missing install or fetch step")?;
    step(&format!("fresh check passed in {} s", started.elapsed().as_secs()));
    Ok(())
}

/// Prints a visible heading for a step.
fn step(what: &str) {
    println!("\n==> {what}");
}

/// `cargo` with these arguments, from the workspace root.
fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.args(args);
    command
}

trait CommandExt {
    /// Runs the command, inheriting stdio; an error names it when it fails.
    fn status_ok(&mut self) -> anyhow::Result<()>;
    /// Runs the command and returns its standard output, or `None` when it
    /// cannot run or fails: for probing whether a tool is there.
    fn probe(&mut self) -> Option<String>;
}

impl CommandExt for Command {
    fn status_ok(&mut self) -> anyhow::Result<()> {
        let shown = format!("{self:?}");
        let status = self.status().with_context(|| format!("cannot run {shown}"))?;
        if !status.success() {
            bail!("{shown} failed ({status})");
        }
        Ok(())
    }

    fn probe(&mut self) -> Option<String> {
        let output = self.output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }
}
