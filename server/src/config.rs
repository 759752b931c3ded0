//! Command-line and environment configuration of the server binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::http::HeaderValue;
use clap::{Args, Parser, Subcommand};

use crate::moderation::{Moderation, ModerationPolicy};
use crate::throttle::PostRate;

/// Which partner pages may call the API from the browser.
#[derive(Clone, Debug)]
pub enum AllowedOrigins {
    Any,
    List(Vec<HeaderValue>),
}

#[derive(Debug, Parser)]
#[command(name = "encart-server", version, about = "The encart API server")]
pub struct Cli {
    /// Database URL. A SQLite file is created and migrated if missing.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://encart.db", global = true)]
    pub database_url: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API.
    Serve(Box<ServeArgs>),
    /// Import (or update) an article from a scraped text file.
    Import(ImportArgs),
    /// Publishers: who may push articles through the API.
    #[command(subcommand)]
    Publisher(PublisherCommand),
    /// Publishers' API keys.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Moderators: who may sign in to /admin.
    #[command(subcommand)]
    Moderator(ModeratorCommand),
    /// Bring a site's discussions from Disqus, WordPress, Isso or another encart (README, "Moving in and out").
    Migrate(MigrateArgs),
    /// Write a site's articles and comments as JSON Lines, for `migrate encart`.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// What the file is: a Disqus export, a WordPress export (WXR), an Isso database, an encart
    /// export, or auto (told by the file's first bytes).
    #[arg(value_enum)]
    pub format: crate::migrate::Format,
    pub file: PathBuf,
    /// The partner site's origin (e.g. https://www.example.com): the publisher whose domain it is
    /// owns the articles; Isso's threads are paths on it.
    #[arg(long)]
    pub site: String,
    /// The language of the articles it creates (BCP 47, e.g. `fr`); else detected from their titles.
    #[arg(long)]
    pub lang: Option<String>,
    /// Read everything and say what would be imported, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The partner site's origin: the articles of the publisher whose domain it is, with their comments.
    #[arg(long)]
    pub site: String,
    /// Where to write (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ModeratorCommand {
    /// Add a moderator. The password is read from ENCART_MODERATOR_PASSWORD,
    /// else from the first line of standard input; only its argon2id hash is stored.
    Add {
        /// The name they sign in with (shown in the moderation log).
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PublisherCommand {
    /// Register a publisher.
    Add {
        /// Its name, e.g. "Le Courrier du Littoral".
        name: String,
        /// A domain its URL imports may fetch from and its sites are on (subdomains included); repeat
        /// for several.
        #[arg(long = "domain")]
        domains: Vec<String>,
        /// Reserve the slugs PREFIX and PREFIX-… for it: no other publisher may create them.
        #[arg(long)]
        slug_prefix: Option<String>,
    },
    /// Add a domain to an existing publisher: its imports may fetch from it, and its articles belong
    /// to the partner sites there (their moderation and sign-in).
    Domain {
        /// The publisher's name.
        name: String,
        /// E.g. `courrier-littoral.example` (subdomains included).
        domain: String,
    },
    /// Reserve the slugs PREFIX and PREFIX-… for an existing publisher.
    Prefix {
        /// The publisher's name.
        name: String,
        /// E.g. `courrier`: its new articles' slugs are `courrier` or start with `courrier-`.
        prefix: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Create an API key for a publisher; the key is printed once and never stored.
    Create {
        /// The publisher's name.
        publisher: String,
    },
    /// Revoke a key by its id (see `key list`).
    Revoke { id: i64 },
    /// List keys: id, publisher, created, revoked.
    List,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "ENCART_LISTEN", default_value = "127.0.0.1:8700")]
    pub listen: SocketAddr,
    /// Origins of the partner pages allowed to call the API from browsers,
    /// comma-separated (e.g. `https://news.example,https://blog.example`), or `*`.
    #[arg(long, env = "ENCART_ALLOWED_ORIGINS", value_delimiter = ',', value_parser = parse_origin)]
    pub allowed_origins: Vec<Origin>,
    /// `open`: new comments are published at once; `pre`: after a moderator approves them;
    /// `pre-anonymous`: readers their site signed in at once, others after approval.
    #[arg(long, env = "ENCART_MODERATION", default_value = "open", value_parser = str::parse::<Moderation>)]
    pub moderation: Moderation,
    /// Moderation of one partner site, as `ORIGIN=open|pre|pre-anonymous`, comma-separated
    /// (e.g. `https://news.example=pre`). Posts from pages of no listed site
    /// get the strictest mode in use.
    #[arg(long, env = "ENCART_SITE_MODERATION", value_delimiter = ',', value_parser = parse_site_moderation)]
    pub site_moderation: Vec<(HeaderValue, Moderation)>,
    /// A TOML file of partner sites (origin, language, moderation): their
    /// origins are allowed, their modes and languages apply (see README).
    #[arg(long, env = "ENCART_SITES")]
    pub sites: Option<PathBuf>,
    /// Comments one client address may post at once…
    #[arg(long, env = "ENCART_POST_BURST", default_value_t = 5)]
    pub post_burst: u32,
    /// …then one more every this many seconds.
    #[arg(long, env = "ENCART_POST_REFILL_SECS", default_value_t = 10)]
    pub post_refill_secs: u64,
    /// Comments all clients together may post per second.
    #[arg(long, env = "ENCART_POST_CEILING", default_value_t = 100)]
    pub post_ceiling: u32,
    /// Days after which a comment's salted address hash and idempotency key are wiped.
    #[arg(long, env = "ENCART_FORGET_ADDRESSES_AFTER_DAYS", default_value_t = 30)]
    pub forget_addresses_after_days: u32,
    /// Let URL imports fetch private and loopback addresses. For local testing only: never in production.
    #[arg(long, env = "ENCART_ALLOW_PRIVATE_IMPORTS")]
    pub allow_private_imports: bool,
    /// Let webhooks reach private and loopback addresses. For local testing only: never in production.
    #[arg(long, env = "ENCART_ALLOW_PRIVATE_WEBHOOKS")]
    pub allow_private_webhooks: bool,
    /// Milliseconds before a failed delivery (webhook) is tried again; each next wait doubles (an hour
    /// at most).
    #[arg(long, env = "ENCART_DELIVERY_FIRST_RETRY_MS", default_value_t = 5000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub delivery_first_retry_ms: u64,
    /// Seconds after which a delivery that still fails is given up on (shown in /admin).
    #[arg(long, env = "ENCART_DELIVERY_GIVE_UP_SECS", default_value_t = 24 * 60 * 60)]
    pub delivery_give_up_secs: u64,
    /// The SMTP server e-mail goes through: `smtp://host:587` (STARTTLS when offered; `?tls=required`
    /// insists), `smtps://host:465`, with `user:password@` for AUTH. Without it, no e-mail is queued.
    #[arg(long, env = "ENCART_SMTP_URL", requires_all = ["mail_from", "public_url"])]
    pub smtp_url: Option<String>,
    /// The sender of e-mail, e.g. `encart <moderation@news.example>`.
    #[arg(long, env = "ENCART_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// E-mails sent per second at most.
    #[arg(long, env = "ENCART_MAIL_PER_SECOND", default_value_t = 5)]
    pub mail_per_second: u32,
    /// Seconds between two digests to one site's moderators, at least.
    #[arg(long, env = "ENCART_DIGEST_EVERY_SECS", default_value_t = 15 * 60)]
    pub digest_every_secs: u64,
    /// Seconds between two e-mails of answers to one reader in one discussion, at least (answers
    /// meanwhile are gathered into the next).
    #[arg(long, env = "ENCART_REPLIES_EVERY_SECS", default_value_t = 15 * 60)]
    pub replies_every_secs: u64,
    /// Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the client
    /// and whose X-Forwarded-Proto tells whether it came over https.
    #[arg(long, env = "ENCART_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Leading bits of an IPv6 address that make one client, for rate limits, connection caps and
    /// the hashes that count a reader once (a subscriber usually holds a whole /64).
    #[arg(long, env = "ENCART_IPV6_PREFIX", default_value_t = crate::client::DEFAULT_IPV6_PREFIX,
          value_parser = clap::value_parser!(u8).range(0..=128))]
    pub ipv6_prefix: u8,
    /// The file of the server's secret key (made, mode 0600, if missing). Every instance on one
    /// database must read the same file; keep it out of database backups.
    #[arg(long, env = "ENCART_SECRET_FILE", default_value = "encart.key")]
    pub secret_file: PathBuf,
    /// Seconds a connection has to send a request's headers.
    #[arg(long, env = "ENCART_HEADER_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_secs: u64,
    /// Seconds a connection may stay without a byte read or written before it is closed.
    #[arg(long, env = "ENCART_IDLE_TIMEOUT_SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_secs: u64,
    /// Connections one client may hold open at once (trusted proxies excepted).
    #[arg(long, env = "ENCART_MAX_CONNECTIONS_PER_CLIENT", default_value_t = 64)]
    pub max_connections_per_client: usize,
    /// Connections all clients may hold open at once (lowered to what the open-file limit allows).
    #[arg(long, env = "ENCART_MAX_CONNECTIONS", default_value_t = 4096)]
    pub max_connections: usize,
    /// Live event streams all clients may hold open (at most half the connections).
    #[arg(long, env = "ENCART_MAX_EVENT_STREAMS", default_value_t = 2000)]
    pub max_event_streams: usize,
    /// Live event streams one client may hold open (a reader's tabs and widgets).
    #[arg(long, env = "ENCART_MAX_EVENT_STREAMS_PER_CLIENT", default_value_t = 16)]
    pub max_event_streams_per_client: usize,
    /// Mark the /admin cookie `Secure` on every answer (else only when a trusted proxy says the
    /// request came over https).
    #[arg(long, env = "ENCART_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// This API's URL as browsers reach it (for the oEmbed snippet, with --cdn-url, and the links in
    /// e-mails), e.g. https://api.example.org.
    #[arg(long, env = "ENCART_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Where `embed.js` is served from (for the oEmbed snippet), e.g. https://cdn.example.org/encart.
    #[arg(long, env = "ENCART_CDN_URL", requires = "public_url")]
    pub cdn_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The text file: title, optional "Par : byline", optional date, paragraphs.
    pub file: PathBuf,
    /// Language of the article (BCP 47, e.g. `fr`); detected when omitted.
    #[arg(long)]
    pub lang: Option<String>,
    /// URL where the article was first published.
    #[arg(long)]
    pub source_url: Option<String>,
}

/// `10.0.0.0/8`, or one address (`192.0.2.7`, a /32 or /128).
fn parse_proxy(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{text:?} is neither an IP address nor a network like 10.0.0.0/8"))
}

/// One allowed origin, or `*` for any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Any,
    Exact(HeaderValue),
}

/// `scheme://host[:port]`, exactly as browsers send it in `Origin`.
pub fn parse_origin(text: &str) -> Result<Origin, String> {
    let text = text.trim();
    if text == "*" {
        return Ok(Origin::Any);
    }
    let origin = text.trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| format!("{text:?} is not an origin: it must start with http:// or https://"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err(format!("{text:?} is not an origin: expected scheme://host[:port] and nothing more"));
    }
    HeaderValue::from_str(&origin.to_ascii_lowercase())
        .map(Origin::Exact)
        .map_err(|_| format!("{text:?} is not an origin"))
}

/// `https://news.example=pre`.
pub fn parse_site_moderation(text: &str) -> Result<(HeaderValue, Moderation), String> {
    let (origin, mode) =
        text.rsplit_once('=').ok_or_else(|| format!("{text:?}: expected ORIGIN=open or ORIGIN=pre"))?;
    let Origin::Exact(origin) = parse_origin(origin)? else {
        return Err(format!("{text:?}: a site is one origin, not *"));
    };
    let mode = mode.parse::<Moderation>().map_err(|_| format!("{text:?}: the mode is open, pre or pre-anonymous"))?;
    Ok((origin, mode))
}

impl ServeArgs {
    pub fn moderation_policy(&self) -> ModerationPolicy {
        ModerationPolicy { default: self.moderation, by_origin: self.site_moderation.clone() }
    }

    pub fn post_rate(&self) -> PostRate {
        PostRate {
            burst: self.post_burst,
            refill: std::time::Duration::from_secs(self.post_refill_secs),
            ceiling: self.post_ceiling,
        }
    }

    pub fn clients(&self) -> crate::client::Clients {
        crate::client::Clients { trusted_proxies: self.trusted_proxies.clone(), ipv6_prefix: self.ipv6_prefix }
    }

    pub fn connections(&self) -> crate::serve::Connections {
        crate::serve::Connections {
            header_timeout: std::time::Duration::from_secs(self.header_timeout_secs),
            idle_timeout: std::time::Duration::from_secs(self.idle_timeout_secs),
            per_client: self.max_connections_per_client.max(1),
            total: self.max_connections.max(1),
        }
    }

    /// How the outbox's worker retries.
    pub fn delivery(&self) -> crate::delivery::Delivery {
        crate::delivery::Delivery {
            first_retry: std::time::Duration::from_millis(self.delivery_first_retry_ms),
            give_up_after: std::time::Duration::from_secs(self.delivery_give_up_secs),
            digest_every: std::time::Duration::from_secs(self.digest_every_secs),
            replies_every: std::time::Duration::from_secs(self.replies_every_secs),
            ..Default::default()
        }
    }

    /// The bounds of the event streams within `connections`: half of them
    /// at most, so that streams cannot take the places of other requests, and
    /// a heartbeat well within the idle timeout.
    pub fn event_limits(&self, connections: &crate::serve::Connections) -> crate::events::Limits {
        let defaults = crate::events::Limits::default();
        crate::events::Limits {
            total: self.max_event_streams.min(connections.total / 2).max(1),
            per_client: self.max_event_streams_per_client.max(1),
            heartbeat: defaults.heartbeat.min(connections.idle_timeout / 3).max(std::time::Duration::from_secs(1)),
            ..defaults
        }
    }

    pub fn allowed_origins(&self) -> AllowedOrigins {
        if self.allowed_origins.contains(&Origin::Any) {
            return AllowedOrigins::Any;
        }
        AllowedOrigins::List(
            self.allowed_origins
                .iter()
                .filter_map(|o| match o {
                    Origin::Exact(value) => Some(value.clone()),
                    Origin::Any => None,
                })
                .collect(),
        )
    }
}

/// `url` with any password replaced, fit for logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_checked_and_normalised() {
        assert_eq!(parse_origin("*"), Ok(Origin::Any));
        assert_eq!(
            parse_origin("https://News.example:8443/"),
            Ok(Origin::Exact(HeaderValue::from_static("https://news.example:8443")))
        );
        for bad in ["news.example", "https://", "https://news.example/path", "ftp://x", "http://a b"] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn site_moderation_is_origin_equals_mode() {
        assert_eq!(
            parse_site_moderation("https://News.example/=Pre"),
            Ok((HeaderValue::from_static("https://news.example"), Moderation::Pre))
        );
        for bad in ["https://news.example", "*=pre", "https://news.example=maybe", "news.example=open"] {
            assert!(parse_site_moderation(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(redact_url("postgres://encart:s3cret@db:5432/encart"), "postgres://encart:***@db:5432/encart");
        assert_eq!(redact_url("sqlite://encart.db"), "sqlite://encart.db");
    }
}
