//! The `encart-server` binary, as an operator runs it.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::process::{self, BIN};
use common::{FIXTURE, SLUG};

/// A fresh folder for one test's database.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("encart-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn import_creates_the_database_and_reports_what_it_stored() {
    let db = scratch("import").join("new.db");
    let url = format!("sqlite://{}", db.display());
    let run = || Command::new(BIN).args(["--database-url", &url, "import", FIXTURE]).output().unwrap();

    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(db.is_file());
    let out = String::from_utf8(first.stdout).unwrap();
    assert!(out.starts_with("imported \"Haftar et Poutine"), "{out}");
    assert!(out.contains("4 paragraphs"), "{out}");

    let second = run();
    assert!(String::from_utf8(second.stdout).unwrap().starts_with("updated "));
}

#[test]
fn a_malformed_file_fails_with_the_line_at_fault() {
    let dir = scratch("malformed");
    let file = dir.join("bad.txt");
    std::fs::write(&file, "Titre\nDu texte\nUn \u{7} caractère de contrôle\n").unwrap();
    let url = format!("sqlite://{}", dir.join("db").display());
    let output = Command::new(BIN).args(["--database-url", &url, "import"]).arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("line 3: control character U+0007"), "{stderr}");
}

#[test]
fn a_bad_origin_is_refused_at_start_up() {
    let output = Command::new(BIN).args(["serve", "--allowed-origins", "partner.example"]).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8(output.stderr).unwrap().contains("must start with http:// or https://"));
}

#[tokio::test]
async fn serve_starts_with_zero_setup_and_answers_health_checks() {
    let db = scratch("serve").join("sub").join("encart.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let url = format!("sqlite://{}", db.display());
    let (mut child, address) = process::serve_with(&url, &["--allowed-origins", "http://127.0.0.1:1"]).await;
    assert!(db.is_file(), "the database file is created");

    let health = process::exchange(&address, "GET /healthz HTTP/1.0\r\nHost: x\r\n\r\n").await.unwrap();
    assert_eq!(health, (200, serde_json::json!({"status": "ok"})));

    // A POST goes through the per-client rate limit (the default one), which needs the peer address.
    let (status, _) =
        process::exchange(&address, &process::post_request("A", "B").replace(SLUG, "none")).await.unwrap();
    assert_eq!(status, 404);
    child.kill().await.unwrap();
}

#[test]
fn publishers_and_keys_are_managed_from_the_command_line_and_keys_shown_once() {
    let url = format!("sqlite://{}", scratch("keys").join("encart.db").display());
    let run = |args: &[&str]| {
        let output = Command::new(BIN).args(["--database-url", &url]).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let added =
        run(&["publisher", "add", "Le Courrier", "--domain", "courrier.example", "--domain", "cdn.courrier.example"]);
    assert!(added.contains("courrier.example, cdn.courrier.example"), "{added}");
    let more = run(&["publisher", "domain", "Le Courrier", "Courrier-Littoral.example."]);
    assert!(more.contains("courrier.example, cdn.courrier.example, courrier-littoral.example"), "{more}");
    assert_eq!(run(&["publisher", "domain", "Le Courrier", "courrier.example"]), more, "once only");
    let key = run(&["key", "create", "Le Courrier"]);
    let key = key.trim();
    assert!(key.starts_with("ek_") && key.len() == 46, "only the key on stdout: {key:?}");
    let listed = run(&["key", "list"]);
    assert!(listed.contains("Le Courrier") && listed.contains("active"), "{listed}");
    assert!(!listed.contains(&key[3..]), "never the key itself");
    let id = listed.split('\t').next().unwrap();
    assert!(run(&["key", "revoke", id]).contains("revoked"));
    assert!(run(&["key", "list"]).contains("revoked 20"));

    let again = Command::new(BIN).args(["--database-url", &url, "key", "revoke", id]).output().unwrap();
    assert!(!again.status.success(), "a revoked key cannot be revoked twice");
    let unknown = Command::new(BIN).args(["--database-url", &url, "key", "create", "Nobody"]).output().unwrap();
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("publisher not found"));
}

#[test]
fn a_bad_trusted_proxy_is_refused_at_start_up() {
    let output = Command::new(BIN).args(["serve", "--trusted-proxies", "10.0.0.0/8,proxy.local"]).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("\"proxy.local\" is neither an IP address nor a network"), "{stderr}");
}

#[test]
fn a_bad_sites_file_is_refused_at_start_up_with_the_site_at_fault() {
    let file = scratch("sites").join("sites.toml");
    std::fs::write(&file, "[[site]]\norigin = \"https://a.example\"\nmoderation = \"later\"\n").unwrap();
    let output = Command::new(BIN).args(["serve", "--sites"]).arg(&file).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("site 1 (https://a.example): the moderation is open, pre or pre-anonymous, not \"later\""),
        "{stderr}"
    );
    // A key file is read, relative to the sites file, at start-up.
    let keys =
        "[[site]]\norigin = \"https://a.example\"\n[site.sign_in]\nalgorithm = \"EdDSA\"\nkey_files = [\"a.pem\"]\n";
    std::fs::write(&file, keys).unwrap();
    let output = Command::new(BIN).args(["serve", "--sites"]).arg(&file).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = format!("cannot read the key file {}", file.with_file_name("a.pem").display());
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn moderators_are_added_from_the_command_line_with_a_long_password() {
    let url = format!("sqlite://{}", scratch("moderator").join("encart.db").display());
    let add = |password: &str| {
        Command::new(BIN)
            .args(["--database-url", &url, "moderator", "add", "Camille"])
            .env("ENCART_MODERATOR_PASSWORD", password)
            .output()
            .unwrap()
    };
    let short = add("short");
    assert!(!short.status.success());
    assert!(String::from_utf8(short.stderr).unwrap().contains("at least 12 characters"));
    let added = add("correct horse battery");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(String::from_utf8(added.stdout).unwrap().contains("moderator \"Camille\" added"));
    let again = add("correct horse battery");
    assert!(String::from_utf8(again.stderr).unwrap().contains("already exists"));
}

#[test]
fn a_disqus_export_is_imported_from_the_command_line_and_the_site_exported() {
    let dir = scratch("migrate");
    let url = format!("sqlite://{}", dir.join("encart.db").display());
    let export = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/migrate/disqus.xml");
    let run = |args: &[&str]| Command::new(BIN).args(["--database-url", &url]).args(args).output().unwrap();
    assert!(run(&["publisher", "add", "Le Courrier", "--domain", "partner.example"]).status.success());
    let site = ["--site", "https://www.partner.example", "--lang", "fr"];

    let dry = run(&[&["migrate", "auto", export, "--dry-run"][..], &site].concat());
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let out = String::from_utf8(dry.stdout).unwrap();
    assert!(out.starts_with("Dry run: nothing was written.\nDisqus export for publisher \"Le Courrier\""), "{out}");
    assert!(out.contains("comments: 10 read; 9 would be imported (3 deleted or spam"), "{out}");

    let real = run(&[&["migrate", "disqus", export][..], &site].concat());
    let out = String::from_utf8(real.stdout).unwrap();
    assert!(out.contains("threads: 5 read; 1 matched an existing article, 2 new article(s) created"), "{out}");
    assert!(out.contains("disqus.xml:55:"), "the thread without an id, by its place: {out}");

    let file = dir.join("site.jsonl");
    let exported = run(&["export", "--site", "https://www.partner.example", "-o", file.to_str().unwrap()]);
    assert!(exported.status.success());
    assert_eq!(String::from_utf8_lossy(&exported.stderr).trim(), "exported 2 articles and 9 comments");
    let lines = std::fs::read_to_string(&file).unwrap();
    assert_eq!(lines.lines().count(), 11);
    assert!(lines.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));

    // A file cut short: its place and reason, exit status 1.
    let cut = dir.join("cut.xml");
    std::fs::write(&cut, &std::fs::read_to_string(export).unwrap()[..3000]).unwrap();
    let failed = run(&[&["migrate", "disqus", cut.to_str().unwrap()][..], &site].concat());
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert!(stderr.contains("cut.xml:") && stderr.contains("nothing was imported"), "{stderr}");
}
