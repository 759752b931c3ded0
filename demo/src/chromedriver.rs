//! A chromedriver process for the browser tests and the benchmark, stopped
//! (with every browser it started) when dropped.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};

pub struct Chromedriver {
    child: Child,
    /// Where WebDriver clients connect.
    pub url: String,
    /// Its `TMPDIR`: the browser profiles it makes go there, and go with it
    /// (killed, it cannot delete them itself).
    scratch: PathBuf,
}

impl Chromedriver {
    /// Starts `binary` on a free loopback port and waits until it listens.
    pub fn start(binary: &Path) -> anyhow::Result<Chromedriver> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let scratch = std::env::temp_dir().join(format!("encart-chromedriver-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&scratch)?;
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .env("TMPDIR", &scratch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so the browsers it starts go with it.
            .process_group(0)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let driver = Chromedriver { child, url: format!("http://127.0.0.1:{port}"), scratch };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            ensure!(Instant::now() < deadline, "chromedriver did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Chromedriver {
    /// Kills chromedriver and every browser it started (its process group),
    /// even when a test fails before closing its session.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}
