//! The server's secrets, kept out of the database: a copy of the database (a
//! backup, a replica, a dump handed to a contractor) must give away neither a
//! reader's address nor the right to delete their comment.
//!
//! One random key of 256 bits lives in a file (`--secret-file`, default
//! `encart.key` in the working directory), made on first start with mode
//! 0600; every instance on one database reads the same file. Each use gets
//! its own key derived from it (HMAC-SHA256 of a label):
//!
//! - the salt of the client hashes stored with comments and reports (so a
//!   reader is counted once per report, and a retried post is recognised);
//! - the key of the edit tokens of posts sent with an `Idempotency-Key`
//!   (derived, so that a replay can answer the same token again while only
//!   its hash is stored);
//! - the key that signs the links of e-mails (confirm an address,
//!   unsubscribe), which work without a session, and the salt of the hashes
//!   of addresses that unsubscribed from everything.
//!
//! Replacing the file (rotation) makes stored client hashes stop matching new
//! ones, which only resets "one report per reader" for older comments and the
//! recognition of posts retried across the change; edit tokens already given
//! keep working, since only their hashes are stored.
//!
//! Also here: the random tokens the server hands out (edit tokens, sessions,
//! CSRF, API keys), and the plain SHA-256 they are stored as.

use std::io::Write as _;
use std::net::IpAddr;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The keys derived from the server's secret key.
#[derive(Clone)]
pub struct Secrets {
    client_salt: [u8; 32],
    edit_tokens: [u8; 32],
    mail_links: [u8; 32],
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(…)")
    }
}

impl Secrets {
    /// The keys of `key`.
    pub fn from_key(key: &[u8; 32]) -> Secrets {
        Secrets {
            client_salt: derive(key, b"encart client hash v1"),
            edit_tokens: derive(key, b"encart edit token v1"),
            mail_links: derive(key, b"encart mail links v1"),
        }
    }

    /// Keys made now at random, for a process whose hashes need not outlive it
    /// (tests, the demo).
    pub fn random() -> anyhow::Result<Secrets> {
        Ok(Secrets::from_key(&random_key()?))
    }

    /// The keys of the key file at `path`, which is made (mode 0600) when it
    /// does not exist yet.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Secrets> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                warn_if_readable_by_others(path);
                Ok(Secrets::from_key(
                    &parse_key(&text).with_context(|| format!("{} is not a key file", path.display()))?,
                ))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key = random_key()?;
                write_new_key_file(path, &key)
                    .with_context(|| format!("cannot create the key file {}", path.display()))?;
                tracing::info!(path = %path.display(), "made a new secret key file: keep it, and back it up apart from the database");
                Ok(Secrets::from_key(&key))
            }
            Err(err) => Err(err).with_context(|| format!("cannot read the key file {}", path.display())),
        }
    }

    /// The salted hash that stands for a client's address (the address
    /// itself is never stored).
    pub fn client_hash(&self, ip: IpAddr) -> String {
        hex(&mac(&self.client_salt, &[ip.to_string().as_bytes()]))
    }

    /// The edit token of a post sent with idempotency key `key` by the client
    /// `client_hash` on `article`: the same for a replay of that post.
    pub fn keyed_edit_token(&self, article: i64, client_hash: &str, key: &str) -> String {
        URL_SAFE_NO_PAD
            .encode(mac(&self.edit_tokens, &[&article.to_le_bytes(), client_hash.as_bytes(), b"\0", key.as_bytes()]))
    }
}

impl Secrets {
    /// `text` signed for a link: `text` and its MAC, URL-safe.
    pub fn sign_link(&self, text: &str) -> String {
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(text),
            URL_SAFE_NO_PAD.encode(mac(&self.mail_links, &[text.as_bytes()]))
        )
    }

    /// The text a link's token signed, if this server signed it.
    pub fn verify_link(&self, token: &str) -> Option<String> {
        let (text, tag) = token.split_once('.')?;
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(text).ok()?).ok()?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut check = HmacSha256::new_from_slice(&self.mail_links).expect("HMAC takes any key length");
        check.update(text.as_bytes());
        check.verify_slice(&tag).ok()?;
        Some(text)
    }

    /// The keyed hash an e-mail address is kept as once it unsubscribed from everything.
    pub fn address_hash(&self, email: &str) -> String {
        hex(&mac(&self.mail_links, &[b"address\0", email.trim().to_lowercase().as_bytes()]))
    }
}

/// 256 random bits as URL-safe base64: an edit token, a session, a CSRF token.
pub fn random_token() -> crate::Result<String> {
    Ok(URL_SAFE_NO_PAD.encode(random_key()?))
}

/// The SHA-256 of `parts` one after the other, in hexadecimal: how tokens and
/// keys (random, 256 bits) are stored.
pub fn hex_sha256(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

fn mac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes a key of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn derive(key: &[u8; 32], label: &[u8]) -> [u8; 32] {
    mac(key, &[label])
}

fn random_key() -> anyhow::Result<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness for the secret key: {e}"))?;
    Ok(key)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key written in a key file: 64 hexadecimal digits (surrounding white space ignored).
fn parse_key(text: &str) -> anyhow::Result<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("expected 64 hexadecimal digits (256 bits)");
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)?;
    }
    Ok(key)
}

/// Writes `key` to a new file at `path` that only its owner may read; never
/// replaces an existing file.
fn write_new_key_file(path: &Path, key: &[u8; 32]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    writeln!(file, "{}", hex(key))?;
    file.sync_all()
}

fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(path = %path.display(), "the secret key file can be read by other users: chmod 600 it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_made_once_private_and_read_back_the_same() {
        let dir = std::env::temp_dir().join(format!("encart-secrets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("encart.key");
        let _ = std::fs::remove_file(&path);
        let made = Secrets::load_or_create(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let read = Secrets::load_or_create(&path).unwrap();
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(made.client_hash(ip), read.client_hash(ip));
        assert_eq!(made.keyed_edit_token(1, "h", "k"), read.keyed_edit_token(1, "h", "k"));
        assert_ne!(made.client_hash(ip), Secrets::random().unwrap().client_hash(ip), "another key, other hashes");
        std::fs::write(&path, "not a key").unwrap();
        assert!(Secrets::load_or_create(&path).unwrap_err().to_string().contains("not a key file"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn each_use_has_its_own_key() {
        let secrets = Secrets::from_key(&[7; 32]);
        assert_ne!(secrets.client_salt, secrets.edit_tokens);
        assert_eq!(parse_key(&format!("  {}\n", "0f".repeat(32))).unwrap(), [0x0f; 32]);
        assert!(parse_key(&"0f".repeat(31)).is_err());
    }
}
