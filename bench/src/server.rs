//! The release API server as its own process (its RSS is measured), wrk,
//! and nginx serving the same bytes as a static file.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use serde_json::{Value, json};

/// Imports `file` with the server's `import` command; returns its slug.
pub fn import(server: &Path, database: &str, file: &Path) -> anyhow::Result<String> {
    let output = Command::new(server).arg("import").arg(file).env("DATABASE_URL", database).output()?;
    ensure!(output.status.success(), "import failed: {}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let slug = stdout.rsplit("slug ").next().map(str::trim).filter(|s| !s.is_empty());
    slug.map(str::to_owned).with_context(|| format!("no slug in {stdout:?}"))
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn wait_listening(port: u16, what: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        ensure!(Instant::now() < deadline, "{what} did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// `encart-server serve`, open to any origin, without a practical post limit.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub async fn start(server: &Path, database: &str) -> anyhow::Result<Server> {
        Server::start_with(server, database, &[]).await
    }

    /// As [`Server::start`], with these flags too.
    pub async fn start_with(server: &Path, database: &str, extra: &[&str]) -> anyhow::Result<Server> {
        let port = free_port()?;
        let child = Command::new(server)
            .args(["serve", "--allowed-origins", "*", "--post-burst", "1000000", "--post-refill-secs", "0"])
            .args(["--post-ceiling", "1000000"])
            // Recommendations come from many readers (`X-Forwarded-For`), and
            // a thousand event streams from this one machine.
            .args(["--trusted-proxies", "127.0.0.1/32", "--max-event-streams-per-client", "2000"])
            .arg("--secret-file")
            .arg(std::env::temp_dir().join("encart-bench.key"))
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .args(extra)
            .env("DATABASE_URL", database)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", server.display()))?;
        let server = Server { child, url: format!("http://127.0.0.1:{port}") };
        wait_listening(port, "the API server")?;
        Ok(server)
    }

    /// The most memory the process has held (VmHWM), in KiB.
    pub fn peak_rss_kb(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).context("no VmHWM in /proc status")?;
        line.split_whitespace().nth(1).context("empty VmHWM")?.parse().context("VmHWM is not a number")
    }

    /// The memory the process holds now (VmRSS), in KiB.
    pub fn rss_kb(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("no VmRSS in /proc status")?;
        line.split_whitespace().nth(1).context("empty VmRSS")?.parse().context("VmRSS is not a number")
    }

    /// SIGTERM, then wait: the server drains and exits.
    pub async fn stop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx serving `body` at its root URL, stopped when dropped.
pub struct Nginx {
    child: Child,
    pub url: String,
}

impl Nginx {
    pub fn start(scratch: &Path, body: &[u8]) -> anyhow::Result<Nginx> {
        let prefix = scratch.join("nginx");
        let www = prefix.join("www");
        std::fs::create_dir_all(&www)?;
        std::fs::write(www.join("comments.json"), body)?;
        let port = free_port()?;
        let p = prefix.display();
        let conf = format!(
            "worker_processes 2;\ndaemon off;\npid {p}/nginx.pid;\nerror_log {p}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {p}/body;\n  proxy_temp_path {p}/proxy;\n\
               fastcgi_temp_path {p}/fastcgi;\n  uwsgi_temp_path {p}/uwsgi;\n  scgi_temp_path {p}/scgi;\n\
               types {{ application/json json; }}\n\
               server {{ listen 127.0.0.1:{port}; root {p}/www; }}\n}}\n"
        );
        std::fs::write(prefix.join("nginx.conf"), conf)?;
        let child = Command::new("nginx")
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(prefix.join("nginx.conf"))
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start nginx")?;
        let nginx = Nginx { child, url: format!("http://127.0.0.1:{port}/comments.json") };
        wait_listening(port, "nginx")?;
        Ok(nginx)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-QUIT").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

/// What `wrk --latency` reports.
pub struct Wrk {
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub requests: u64,
    pub non_2xx: u64,
}

impl Wrk {
    pub fn line(&self) -> String {
        format!(
            "{:>9.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} requests, {} non-2xx",
            self.requests_per_s, self.p50_ms, self.p99_ms, self.requests, self.non_2xx
        )
    }

    pub fn json(&self) -> Value {
        json!({
            "requests_per_s": self.requests_per_s, "p50_ms": self.p50_ms, "p99_ms": self.p99_ms,
            "requests": self.requests, "non_2xx": self.non_2xx,
        })
    }
}

/// `wrk -t2 -c16 -d10s --latency url`.
pub fn wrk(url: &str) -> anyhow::Result<Wrk> {
    let output =
        Command::new("wrk").args(["-t2", "-c16", "-d10s", "--latency", url]).output().context("cannot run wrk")?;
    ensure!(output.status.success(), "wrk failed: {}", String::from_utf8_lossy(&output.stderr));
    parse_wrk(&String::from_utf8_lossy(&output.stdout))
}

fn parse_wrk(text: &str) -> anyhow::Result<Wrk> {
    let field = |prefix: &str| text.lines().map(str::trim).find_map(|l| l.strip_prefix(prefix)).map(str::trim);
    let requests_per_s = field("Requests/sec:").context("no Requests/sec")?.parse()?;
    let requests = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .context("no request count")?
        .parse()?;
    let non_2xx = field("Non-2xx or 3xx responses:").map_or(Ok(0), str::parse)?;
    Ok(Wrk {
        requests_per_s,
        p50_ms: duration_ms(field("50%").context("no p50 (--latency)")?)?,
        p99_ms: duration_ms(field("99%").context("no p99 (--latency)")?)?,
        requests,
        non_2xx,
    })
}

/// wrk's "1.23ms", "456.00us", "1.02s" in milliseconds.
fn duration_ms(text: &str) -> anyhow::Result<f64> {
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        bail!("unknown duration {text:?}")
    };
    Ok(number.parse::<f64>()? * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let out = "Running 10s test @ http://127.0.0.1:1/x\n  2 threads and 16 connections\n\
            Latency Distribution\n     50%  210.00us\n     75%  300.00us\n     90%    1.10ms\n     99%    2.50ms\n\
            512345 requests in 10.00s, 1.2GB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:  51234.50\n";
        let wrk = parse_wrk(out).unwrap();
        assert_eq!((wrk.requests, wrk.non_2xx), (512345, 3));
        assert!((wrk.p50_ms - 0.21).abs() < 1e-9 && (wrk.p99_ms - 2.5).abs() < 1e-9);
        assert!((wrk.requests_per_s - 51234.5).abs() < 1e-9);
    }
}
