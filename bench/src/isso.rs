//! Isso, the leanest popular peer, measured in the same run: its own server
//! (the venv `cargo xtask bench` installs), a thread of the same 20 comments,
//! and a partner page that embeds it as Isso's documentation says, loaded
//! cold like ours. Its server runs as `isso run` (werkzeug, no compression):
//! fine on the loopback, so it is measured unthrottled only.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use anyhow::{Context, ensure};
use serde_json::json;

use crate::server::{free_port, wait_listening};

/// The thread's id on the partner page (`data-isso-id`).
pub const THREAD: &str = "/bench";

pub struct Isso {
    child: Child,
    pub url: String,
}

impl Isso {
    /// Starts `isso` with a fresh database in `scratch`, open to `partner`
    /// (CORS), without moderation or its rate limits (the guard), so that
    /// the seeding is not refused.
    pub fn start(isso: &Path, scratch: &Path, partner: &str) -> anyhow::Result<Isso> {
        let port = free_port()?;
        let config = scratch.join("isso.cfg");
        std::fs::write(
            &config,
            format!(
                "[general]\ndbpath = {}\nhost = {partner}\n\n[server]\nlisten = http://127.0.0.1:{port}/\n\n\
                 [guard]\nenabled = false\n\n[moderation]\nenabled = false\n",
                scratch.join("isso.db").display()
            ),
        )?;
        let child = Command::new(isso)
            .arg("-c")
            .arg(&config)
            .arg("run")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", isso.display()))?;
        let isso = Isso { child, url: format!("http://127.0.0.1:{port}") };
        wait_listening(port, "isso")?;
        Ok(isso)
    }

    /// Posts `count` top-level comments, the same texts as encart's thread.
    pub async fn seed(&self, count: usize) -> anyhow::Result<()> {
        let url = format!("{}/new?uri={}", self.url, THREAD.replace('/', "%2F"));
        for n in 0..count {
            let body = json!({
                "author": format!("Lecteur {n}"),
                "text": format!("Commentaire numéro {n} : une lecture attentive de l’article, merci."),
                "title": "Haftar et Poutine",
            });
            let status = crate::http::post_json(&url, &body).await?;
            ensure!(status == 201, "isso refused comment {n} with {status}");
        }
        Ok(())
    }

    /// The URL of the thread's comments, as Isso's script asks for them.
    pub fn thread_url(&self) -> String {
        format!("{}/?uri={}", self.url, THREAD.replace('/', "%2F"))
    }
}

impl Drop for Isso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
