//! `cargo xtask setup`: installs what the builds and tests need, each only when
//! missing, so a second run takes a second. Works on a fresh Debian 12 machine
//! that has only rustup and cargo (and root, or sudo, for apt).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{CommandExt, cargo, dist, step};

pub const TRUNK_VERSION: &str = "0.21.14";
/// wasm-opt comes from npm's `binaryen` (Debian's is too old for current rustc output).
pub const BINARYEN_VERSION: &str = "132.0.0";
/// The accessibility audit run by the browser tests.
pub const AXE_VERSION: &str = "4.14.1";
/// The SMTP server the e-mail tests send to (PyPI).
pub const AIOSMTPD_VERSION: &str = "1.4.6";
/// Minifies the wasm-bindgen glue and the loader (Trunk's minifier fails on the glue).
pub const ESBUILD_VERSION: &str = "0.28.2";

/// Where the tools are, once installed.
pub struct Tools {
    pub trunk: PathBuf,
    pub chromedriver: PathBuf,
    pub wasm_bindgen_test_runner: PathBuf,
    pub esbuild: PathBuf,
    /// binaryen's optimizer (Trunk finds it on `path`; `dist` runs it again).
    pub wasm_opt: PathBuf,
    /// axe-core's browser script, for the accessibility audit.
    pub axe_script: PathBuf,
    /// aiosmtpd's command: the real SMTP server of the e-mail tests.
    pub smtpd: PathBuf,
    /// `PATH` with cargo's and binaryen's bin folders first, for Trunk.
    pub path: OsString,
}

pub fn run() -> anyhow::Result<Tools> {
    step("checking the toolchain (cargo xtask setup)");
    let cargo_bin = cargo_home().join("bin");
    let binaryen_bin = npm_dir("binaryen", BINARYEN_VERSION).join("node_modules").join(".bin");

    wasm_target()?;
    rust_src()?;
    wasm_dependencies()?;
    let trunk = cargo_tool(&cargo_bin, "trunk", TRUNK_VERSION, &["trunk", "--version", TRUNK_VERSION, "--locked"])?;
    let bindgen = wasm_bindgen_version()?;
    // No --locked: wasm-bindgen-cli's own lockfile names a crate version the registry no longer serves.
    let pinned = format!("={bindgen}");
    cargo_tool(&cargo_bin, "wasm-bindgen", &bindgen, &["wasm-bindgen-cli", "--version", &pinned])?;
    let wasm_opt = binaryen_bin.join("wasm-opt");
    npm_tool("binaryen", BINARYEN_VERSION, &wasm_opt, "wasm-opt")?;
    let esbuild = npm_dir("esbuild", ESBUILD_VERSION).join("node_modules/.bin/esbuild");
    npm_tool("esbuild", ESBUILD_VERSION, &esbuild, "esbuild")?;
    let axe_script = npm_dir("axe-core", AXE_VERSION).join("node_modules/axe-core/axe.min.js");
    npm_tool("axe-core", AXE_VERSION, &axe_script, "axe-core (accessibility audit)")?;
    let chromedriver = chromium()?;
    let smtpd = pip_tool("aiosmtpd", AIOSMTPD_VERSION, "aiosmtpd (the e-mail tests' SMTP server)")?;

    let mut paths = vec![cargo_bin.clone(), binaryen_bin];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    Ok(Tools {
        trunk,
        chromedriver,
        esbuild,
        wasm_opt,
        wasm_bindgen_test_runner: cargo_bin.join("wasm-bindgen-test-runner"),
        axe_script,
        smtpd,
        path: std::env::join_paths(paths).context("a PATH entry holds a separator")?,
    })
}

fn ok(what: &str) {
    println!("    ok  {what}");
}

fn installing(what: &str) {
    println!("    ..  installing {what}");
}

fn cargo_home() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => home_dir().join(".cargo"),
    }
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"))
}

/// Where npm package `name`@`version` is installed: outside the work tree, so
/// fresh clones on the same machine share it.
fn npm_dir(name: &str, version: &str) -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).unwrap_or_else(|| home_dir().join(".cache"));
    cache.join("encart").join(format!("{name}-{version}"))
}

/// The wasm32 target.
fn wasm_target() -> anyhow::Result<()> {
    rustup_add("target", "wasm32-unknown-unknown")
}

/// The standard library's sources: `cargo xtask dist` compiles std for the
/// wasm with the widget's size profile (see `dist::SIZE_FLAGS`).
fn rust_src() -> anyhow::Result<()> {
    rustup_add("component", "rust-src")
}

/// Every crate the release wasm's build needs, the standard library's own
/// dependencies included: Trunk builds it offline (Trunk.toml, so that it never
/// downloads tools), and `-Zbuild-std` resolves std's dependencies, which no
/// other build fetches. Quick when they are all in cargo's cache.
fn wasm_dependencies() -> anyhow::Result<()> {
    dist::size_profiled(&mut cargo(&["fetch", "--target", "wasm32-unknown-unknown"]))
        .status_ok()
        .context("cannot fetch the crates of the release wasm's build")?;
    ok("crates of the release wasm (std's own included)");
    Ok(())
}

/// `rustup <kind> add <name>` unless `rustup <kind> list --installed` lists it.
fn rustup_add(kind: &str, name: &str) -> anyhow::Result<()> {
    let installed = Command::new("rustup").args([kind, "list", "--installed"]).probe();
    if installed.is_some_and(|list| list.lines().any(|l| l.trim() == name)) {
        ok(name);
        return Ok(());
    }
    installing(name);
    Command::new("rustup").args([kind, "add", name]).status_ok()
}

/// `name` at exactly `version` in cargo's bin folder, installed with
/// `cargo install <install_args>` when missing or of another version.
fn cargo_tool(cargo_bin: &Path, name: &str, version: &str, install_args: &[&str]) -> anyhow::Result<PathBuf> {
    let path = cargo_bin.join(name);
    let found = Command::new(&path).arg("--version").probe();
    let what = format!("{name} {version}");
    if found.as_deref().is_some_and(|out| out.split_whitespace().nth(1) == Some(version)) {
        ok(&what);
        return Ok(path);
    }
    installing(&format!("{what} (cargo install, a few minutes)"));
    cargo(&["install"]).args(install_args).status_ok()?;
    Ok(path)
}

/// The wasm-bindgen version Cargo.lock resolved, which the CLI must match exactly.
fn wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock").context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == r#"name = "wasm-bindgen""# {
            let version = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")?.strip_suffix('"'));
            return version.map(str::to_owned).context("Cargo.lock: wasm-bindgen has no version line");
        }
    }
    bail!("Cargo.lock does not mention wasm-bindgen")
}

/// npm package `name`@`version` in its own folder, installed when `marker`
/// (a file it ships) is missing.
fn npm_tool(name: &str, version: &str, marker: &Path, what: &str) -> anyhow::Result<()> {
    let what = format!("{what} (npm {name} {version})");
    if marker.is_file() {
        ok(&what);
        return Ok(());
    }
    if Command::new("npm").arg("--version").probe().is_none() {
        installing("Node.js and npm (apt)");
        apt_install(&["nodejs", "npm"])?;
    }
    installing(&what);
    let dir = npm_dir(name, version);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("{name}@{version}"))
        .status_ok()?;
    anyhow::ensure!(marker.is_file(), "npm installed {name} but {} is missing", marker.display());
    Ok(())
}

/// Debian's chromium and chromedriver, and a Japanese font (its
/// ideographs serve Chinese too) for the screenshots in those languages;
/// returns chromedriver's path.
fn chromium() -> anyhow::Result<PathBuf> {
    let chromedriver = PathBuf::from("/usr/bin/chromedriver");
    let present = Command::new("/usr/bin/chromium").arg("--version").probe().is_some()
        && Command::new(&chromedriver).arg("--version").probe().is_some()
        && Path::new(CJK_FONT).is_dir();
    if present {
        ok("chromium + chromedriver + a CJK font");
    } else {
        installing("chromium + chromedriver + fonts-ipafont-gothic (apt)");
        apt_install(&["chromium", "chromium-driver", "fonts-ipafont-gothic"])?;
    }
    Ok(chromedriver)
}

/// Where `fonts-ipafont-gothic` puts its font.
const CJK_FONT: &str = "/usr/share/fonts/opentype/ipafont-gothic";

/// Debian's PostgreSQL server programs, for the tests' throwaway cluster;
/// returns the folder of `initdb` and `pg_ctl`. No system service is started.
pub fn postgres() -> anyhow::Result<PathBuf> {
    if let Some(bin) = postgres_bin() {
        ok("postgresql");
        return Ok(bin);
    }
    installing("postgresql (apt)");
    without_services(|| apt_install(&["postgresql"]))?;
    postgres_bin().context("postgresql installed, but no /usr/lib/postgresql/*/bin/initdb")
}

/// The newest `/usr/lib/postgresql/<version>/bin` that has `initdb`.
fn postgres_bin() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin): &(u32, PathBuf)| bin.join("initdb").is_file())
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

pub(crate) fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    let is_root = Command::new("id").arg("-u").probe().is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if is_root { Command::new("apt-get") } else { Command::new("sudo") };
        if !is_root {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    apt(&["update", "-q"]).status_ok()?;
    apt(&["install", "-y", "-q", "--no-install-recommends"]).args(packages).status_ok()
}

/// The benchmark's extra tools: wrk, and nginx as the static-file ceiling
/// (its package must not start a system service).
pub fn bench_tools() -> anyhow::Result<()> {
    let present = Command::new("wrk").arg("--version").probe().is_some() || Path::new("/usr/bin/wrk").is_file();
    if present && Path::new("/usr/sbin/nginx").is_file() {
        ok("wrk + nginx");
        return Ok(());
    }
    installing("wrk + nginx (apt)");
    without_services(|| apt_install(&["wrk", "nginx"]))
}

/// Isso, the peer the benchmark measures in the same run. Returns the `isso` command.
pub fn isso() -> anyhow::Result<PathBuf> {
    pip_tool("isso", "0.14.0", "isso 0.14.0 (pip, for the benchmark)")
}

/// PyPI's `name`==`version`, `pip install`ed in a venv outside the work tree
/// (like the npm tools); its command of the same name. A dependency may
/// compile C (Isso's misaka): Debian's venv, headers and compiler are
/// installed when the first attempt fails.
fn pip_tool(name: &str, version: &str, what: &str) -> anyhow::Result<PathBuf> {
    let venv = npm_dir(name, version);
    let bin = venv.join("bin").join(name);
    if Command::new(&bin).arg("--version").probe().is_some_and(|v| v.contains(version)) {
        ok(what);
        return Ok(bin);
    }
    installing(what);
    let install = || -> anyhow::Result<()> {
        let _ = std::fs::remove_dir_all(&venv);
        Command::new("python3").args(["-m", "venv"]).arg(&venv).status_ok()?;
        Command::new(venv.join("bin").join("pip"))
            .args(["install", "--quiet", &format!("{name}=={version}")])
            .status_ok()
    };
    if install().is_err() {
        apt_install(&["python3-venv", "python3-dev", "gcc"])?;
        install()?;
    }
    Ok(bin)
}

/// Runs `install` with a `policy-rc.d` that keeps packages from starting
/// system services (Debian's documented switch), unless one is already there.
fn without_services(install: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<()> {
    let policy = Path::new("/usr/sbin/policy-rc.d");
    let ours = !policy.exists() && std::fs::write(policy, "#!/bin/sh\nexit 101\n").is_ok();
    if ours {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(policy, std::fs::Permissions::from_mode(0o755))?;
    }
    let installed = install();
    if ours {
        std::fs::remove_file(policy)?;
    }
    installed
}
