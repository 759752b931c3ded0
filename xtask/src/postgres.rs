//! A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary
//! folder, `pg_ctl start` on a free loopback port, stopped and deleted when
//! dropped. No system service, no password (trust on loopback only).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use crate::CommandExt;

pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// The administrative database: `postgres://postgres@127.0.0.1:PORT/postgres`.
    pub url: String,
}

impl Cluster {
    /// Starts a new cluster with the programs of `bin`. As root, the server
    /// runs as the `postgres` user the Debian package made (PostgreSQL
    /// refuses to run as root).
    pub fn start(bin: &Path) -> anyhow::Result<Cluster> {
        let as_postgres = Command::new("id").arg("-u").probe().is_some_and(|uid| uid.trim() == "0");
        let dir = std::env::temp_dir().join(format!("encart-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        if as_postgres {
            Command::new("chown").arg("postgres:postgres").arg(&dir).status_ok()?;
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mut cluster = Cluster { bin: bin.to_owned(), dir, as_postgres, url: String::new() };
        let data = cluster.dir.join("data");
        cluster
            .run("initdb")
            .args(["--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "-D"])
            .arg(&data)
            .stdout(std::process::Stdio::null())
            .status_ok()
            .context("initdb")?;
        // Durability settings off: the tests' data is thrown away (what they
        // check is behaviour; SQLite's crash tests check durability).
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off",
            cluster.dir.display()
        );
        cluster
            .run("pg_ctl")
            .arg("start")
            .arg("-w")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(cluster.dir.join("log"))
            .args(["-o", &options])
            .stdout(std::process::Stdio::null())
            .status_ok()
            .with_context(|| format!("pg_ctl start (log: {})", cluster.dir.join("log").display()))?;
        cluster.url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        Ok(cluster)
    }

    fn run(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .run("pg_ctl")
            .args(["stop", "-m", "immediate", "-D"])
            .arg(self.dir.join("data"))
            .stdout(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
